"""``python -m benchmarks audit``: brief every cluster with every system, audit the briefs, report.

Briefs come from the harness's own runner (the same systems, budget rule and
checkpoint files as ``run``), one checkpoint per budget under ``OUT/<words>w/``,
so ``--resume`` audits briefs that ``run --out OUT/<words>w`` already made.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .audit import CLASSES, audit_brief, examples, paraphrase_cosine, precision_recall, tally
from .datasets import Cluster, Dataset
from .report import write_json


def run_audit(
    clusters: Sequence[Cluster], systems: Sequence[str], budgets: Sequence[int], out: Path, *,
    workers: int = 1, resume: bool = False, keep: int = 8, ours: str | None = None,
) -> str:
    """Brief ``clusters`` with ``systems`` at each budget (reusing ``OUT/<words>w`` checkpoints with ``resume``),
    audit every brief, write ``audit.json`` and ``examples.md`` under ``out``; returns the Markdown table."""
    from .runner import Checkpoint, Spec, execute

    cosine = paraphrase_cosine()
    results: dict[str, Any] = {"repeat_by_embedding": cosine is not None, "clusters": len(clusters), "budgets": {}}
    shown: dict[str, dict] = {}
    for words in budgets:
        folder = out / f"{words}w"
        folder.mkdir(parents=True, exist_ok=True)
        spec = Spec(systems=tuple(systems), words=words, ours=ours)
        checkpoint = Checkpoint(folder / "checkpoint.jsonl")
        done = execute(spec, clusters, checkpoint, workers=workers, resume=resume, progress=False)
        row = {}
        for name in systems:
            briefs = []
            for c in clusters:
                sents = done.get(c.id, {}).get("outputs", {}).get(name, {}).get("sentences", [])
                briefs.append((c.id, sents, audit_brief(sents, c.documents, cosine=cosine)))
            row[name] = tally(briefs)
            shown[f"{name} {words}w"] = examples(briefs, keep)
        results["budgets"][str(words)] = row
    write_json(out / "audit.json", results)
    (out / "examples.md").write_text(_examples_md(shown), encoding="utf-8")
    return markdown(results) + f"\naudit: {out / 'audit.json'}\nexamples: {out / 'examples.md'}"


def markdown(results: dict) -> str:
    head = "| system | words | sentences | defective | rate | " + " | ".join(CLASSES) + " |"
    lines = [head, "|" + "---|" * (5 + len(CLASSES))]
    for words, row in results["budgets"].items():
        for name, t in row.items():
            per = " | ".join(str(t["classes"][c]) for c in CLASSES)
            lines.append(f"| {name} | {words} | {t['sentences']} | {t['defective']} | {100 * t['rate']:.1f}% | {per} |")
    note = "" if results["repeat_by_embedding"] else "\n(repeats judged by shared words only: no embedding model built)"
    return "\n".join(lines) + note


def _examples_md(shown: dict[str, dict]) -> str:
    parts = ["# Audit examples (source text: keep out of the repository)\n"]
    for key, per in shown.items():
        for c, rows in per.items():
            if rows:
                parts.append(f"\n## {key}: {c}\n")
                parts += [
                    f"- {r['cluster']} #{r['sentence']}: {json.dumps(r['text'], ensure_ascii=False)}" for r in rows
                ]
    return "\n".join(parts) + "\n"


def load_labels(path: Path) -> list[dict]:
    """Hand labels, one brief a line: ``{"cluster", "system", "words", "sentences": [[doc, start, end, classes]]}``."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            row = json.loads(line)
            bad = {c for *_, cs in row["sentences"] for c in cs} - set(CLASSES)
            if bad:
                raise ValueError(f"{path}:{n}: unknown classes {sorted(bad)}")
            rows.append(row)
    return rows


def labelled_report(path: Path, ds: Dataset) -> str:
    """Precision and recall of the audit on hand-labelled briefs, rebuilt from their spans: per set and overall."""
    by_id = {c.id: c for c in ds.clusters}
    cosine = paraphrase_cosine()
    pairs: dict[str, list[tuple[set[str], set[str]]]] = {}
    for row in load_labels(path):
        docs = by_id[row["cluster"]].documents
        texts = [docs[d][s:e] for d, s, e, _ in row["sentences"]]
        found = audit_brief(texts, docs, cosine=cosine)
        labelled = [set(cs) for *_, cs in row["sentences"]]
        pairs.setdefault(row.get("set", "all"), []).extend(zip(found, labelled, strict=True))
    if len(pairs) > 1:
        pairs["all"] = [p for rows in list(pairs.values()) for p in rows]
    return "\n\n".join(_pr_table(name, rows) for name, rows in pairs.items())


def _pr_table(name: str, pairs: list[tuple[set[str], set[str]]]) -> str:
    lines = [f"{name}: {len(pairs)} hand-labelled sentences"]
    lines += ["| class | labelled | found | both | precision | recall |", "|---|---|---|---|---|---|"]
    for c, r in precision_recall(pairs).items():
        p = "—" if r["precision"] is None else f"{100 * r['precision']:.0f}%"
        rc = "—" if r["recall"] is None else f"{100 * r['recall']:.0f}%"
        lines.append(f"| {c} | {r['labelled']} | {r['found']} | {r['tp']} | {p} | {rc} |")
    return "\n".join(lines)
