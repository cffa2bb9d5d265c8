"""Bootstrap determinism and the regression gate: a real drop fails, noise does not."""


import numpy as np
import pytest

from benchmarks.gate import compare
from benchmarks.scoring import METRICS
from benchmarks.stats import bootstrap, paired_difference


def test_bootstrap_is_seeded():
    x = np.random.default_rng(1).normal(20, 5, size=200)
    a, b = bootstrap(x, seed=3), bootstrap(x, seed=3)
    assert a == b
    c = bootstrap(x, seed=4)
    assert c["mean"] == a["mean"] and (c["low"], c["high"]) != (a["low"], a["high"])
    assert a["low"] < a["mean"] < a["high"]
    wide = bootstrap(x[:20], seed=3)
    assert wide["high"] - wide["low"] > a["high"] - a["low"]


def test_paired_difference_of_identical_runs_is_zero():
    x = np.random.default_rng(2).normal(20, 5, size=50)
    d = paired_difference(x, x)
    assert d == {"mean": 0.0, "low": 0.0, "high": 0.0}


def _results(per_system: dict[str, np.ndarray], *, paired=True, seed=0):
    systems, scores = {}, {}
    for name, x in per_system.items():
        systems[name] = {"metrics": {m: bootstrap(x + i, seed=seed) for i, m in enumerate(METRICS)}}
        scores[name] = {m: list(x + i) for i, m in enumerate(METRICS)}
    res = {"systems": systems}
    if paired:
        res["per_cluster"] = {"ids": [f"c{i}" for i in range(len(next(iter(per_system.values()))))], "scores": scores}
    return res


@pytest.mark.parametrize("paired", [True, False])
def test_gate_catches_a_drop(paired):
    rng = np.random.default_rng(5)
    base = rng.normal(30, 8, size=150)
    new = base - 4.0 + rng.normal(0, 0.5, size=150)  # a real drop, on every cluster
    findings = compare(
        _results({"extractive": new, "lead": base}, paired=paired),
        _results({"extractive": base, "lead": base}, paired=paired),
    )
    bad = {(f.system, f.metric) for f in findings if f.regression}
    assert bad == {("extractive", m) for m in METRICS}
    assert all(not f.regression for f in findings if f.system == "lead")
    assert any("REGRESSION" in f.line() and "extractive" in f.line() for f in findings)


@pytest.mark.parametrize("paired", [True, False])
def test_gate_ignores_noise(paired):
    rng = np.random.default_rng(6)
    base = rng.normal(30, 8, size=150)
    for _ in range(5):  # small per-cluster jitter with no real change
        new = base + rng.normal(0, 1.0, size=150)
        new -= new.mean() - base.mean() + 0.05  # a hair below the baseline mean
        findings = compare(_results({"extractive": new}, paired=paired), _results({"extractive": base}, paired=paired))
        assert not any(f.regression for f in findings), [f.line() for f in findings]


def test_unpaired_noise_from_another_sample_passes():
    rng = np.random.default_rng(7)
    a, b = rng.normal(30, 8, size=300), rng.normal(30, 8, size=300)  # same system, other clusters
    findings = compare(_results({"x": a}, paired=False), _results({"x": b}, paired=False))
    hi_a = bootstrap(a)["high"]
    assert all(f.regression == (hi_a < np.mean(b)) for f in findings if f.metric == "rouge1")


def test_tolerance_and_improvements():
    rng = np.random.default_rng(8)
    base = rng.normal(30, 8, size=200)
    small = base - 0.3
    assert any(f.regression for f in compare(_results({"x": small}), _results({"x": base})))
    assert not any(f.regression for f in compare(_results({"x": small}), _results({"x": base}), tolerance=0.5))
    assert not any(f.regression for f in compare(_results({"x": base + 3}), _results({"x": base})))


def test_new_system_is_not_compared():
    base = np.linspace(10, 40, 50)
    findings = compare(_results({"x": base, "fused": base - 10}), _results({"x": base}))
    assert {f.system for f in findings} == {"x"}


def _with_faithfulness(rate: float, fused: int) -> dict:
    res = _results({"fused": np.full(30, 20.0)})
    res["systems"]["fused"]["faithfulness"] = {"rate": rate, "fused": fused}
    return res


def test_gate_catches_a_faithfulness_drop_but_not_noise():
    base = _with_faithfulness(1.0, 150)
    dropped = [f for f in compare(_with_faithfulness(0.85, 150), base) if f.metric == "faithful"]
    assert dropped and dropped[0].regression
    noise = [f for f in compare(_with_faithfulness(0.99, 150), base) if f.metric == "faithful"]
    assert noise and not noise[0].regression
