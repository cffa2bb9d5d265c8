"""The regression gate: did any system's metric drop beyond its uncertainty?

Baseline: ``--baseline FILE`` (a results JSON, or a history JSONL whose last run with the
same key is used), else the last run in the history file with the same key (same data,
clusters, budget, seed and ``--ours``).

For each system and metric present in both runs:

* if both runs carry per-cluster scores for the same clusters, a paired bootstrap
  of ``new - baseline`` over clusters: a regression when the whole interval is below
  zero and the drop is larger than ``--tolerance`` points;
* otherwise a regression when the new interval's upper bound is below the baseline's
  point estimate (and the drop is larger than ``--tolerance``).

For a fusing system the faithfulness rate is gated too: a regression when the new
rate's Wilson interval lies wholly below the baseline rate's (both rates are counts of
fused sentences, each with its own uncertainty).

A deterministic system rerun on the same data gives a zero difference and passes; the
noise of a resample stays inside the interval and passes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

from .report import read_history
from .scoring import METRICS
from .stats import paired_difference

GATED = METRICS


@dataclass
class Finding:
    system: str
    metric: str
    baseline: float
    new: float
    low: float
    high: float
    method: str
    regression: bool

    def line(self) -> str:
        tag = "REGRESSION" if self.regression else "ok"
        what = "difference" if self.method == "paired" else "new"
        return (
            f"{tag:10} {self.system:12} {self.metric:9} {self.baseline:7.2f} -> {self.new:7.2f} "
            f"({self.new - self.baseline:+.2f}; {what} interval [{self.low:.2f}, {self.high:.2f}], {self.method})"
        )


def load_baseline(path: Path, key: str | None = None) -> dict | None:
    """A results JSON, or the last matching run of a history JSONL (with its results if still there)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict) and "systems" in data:
        if "per_cluster" not in data and data.get("results"):
            return _with_results(data)
        return data
    runs = read_history(path)
    if key is not None:
        runs = [r for r in runs if r.get("key") == key]
    return _with_results(runs[-1]) if runs else None


def _with_results(line: dict) -> dict:
    p = line.get("results")
    if p and Path(p).exists():
        try:
            full = json.loads(Path(p).read_text(encoding="utf-8"))
            if full.get("run_id") == line.get("run_id"):
                return full
        except (OSError, json.JSONDecodeError):
            pass
    return line


def previous_run(history: Path, key: str) -> dict | None:
    runs = [r for r in read_history(history) if r.get("key") == key]
    return _with_results(runs[-1]) if runs else None


def compare(
    new: dict, base: dict, *, tolerance: float = 0.0, resamples: int = 1000, seed: int = 0, confidence: float = 0.95
) -> list[Finding]:
    findings = []
    new_pc, base_pc = new.get("per_cluster") or {}, base.get("per_cluster") or {}
    paired = bool(new_pc and base_pc and new_pc.get("ids") == base_pc.get("ids"))
    for name, s in new["systems"].items():
        b = base.get("systems", {}).get(name)
        if not b:
            continue
        for m in GATED:
            if m not in s["metrics"] or m not in b.get("metrics", {}):
                continue
            bm, nm = b["metrics"][m]["mean"], s["metrics"][m]["mean"]
            if paired and name in base_pc["scores"] and name in new_pc["scores"]:
                d = paired_difference(
                    new_pc["scores"][name][m],
                    base_pc["scores"][name][m],
                    resamples=resamples,
                    seed=seed,
                    confidence=confidence,
                )
                reg = d["high"] < 0 and (bm - nm) > tolerance
                findings.append(Finding(name, m, bm, nm, d["low"], d["high"], "paired", reg))
            else:
                lo, hi = s["metrics"][m]["low"], s["metrics"][m]["high"]
                reg = hi < bm and (bm - nm) > tolerance
                findings.append(Finding(name, m, bm, nm, lo, hi, "interval", reg))
        faithful = _faithfulness(name, s, b, tolerance, confidence)
        if faithful:
            findings.append(faithful)
    return findings


def _faithfulness(name: str, new: dict, base: dict, tolerance: float, confidence: float) -> Finding | None:
    """The share of fused sentences that are faithful, in points, against the baseline's."""
    nf, bf = new.get("faithfulness") or {}, base.get("faithfulness") or {}
    if nf.get("rate") is None or bf.get("rate") is None or not nf.get("fused") or not bf.get("fused"):
        return None
    low, high = wilson(nf["rate"], nf["fused"], confidence)
    base_low, _ = wilson(bf["rate"], bf["fused"], confidence)
    old, now = 100 * bf["rate"], 100 * nf["rate"]
    return Finding(
        name, "faithful", old, now, 100 * low, 100 * high, "interval", high < base_low and old - now > tolerance
    )


def wilson(rate: float, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion observed ``rate`` over ``n`` trials."""
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    centre = (rate + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)
