"""Seeded bootstrap intervals over clusters, and the paired comparison used by the gate."""

from __future__ import annotations

import numpy as np


def resample_indices(n: int, resamples: int = 1000, seed: int = 0) -> np.ndarray:
    """``resamples x n`` cluster indices drawn with replacement; the same draw for every system."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(resamples, n))


def bootstrap(values, *, resamples: int = 1000, seed: int = 0, confidence: float = 0.95, indices=None) -> dict:
    """Mean of *values* with a percentile bootstrap interval (``low``, ``high``)."""
    x = np.asarray(values, dtype=np.float64)
    if x.size == 0:
        return {"mean": float("nan"), "low": float("nan"), "high": float("nan")}
    idx = resample_indices(x.size, resamples, seed) if indices is None else indices
    means = x[idx].mean(axis=1)
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return {"mean": float(x.mean()), "low": float(low), "high": float(high)}


def paired_difference(new, base, *, resamples: int = 1000, seed: int = 0, confidence: float = 0.95) -> dict:
    """Bootstrap interval of ``mean(new - base)`` over the same clusters."""
    d = np.asarray(new, dtype=np.float64) - np.asarray(base, dtype=np.float64)
    return bootstrap(d, resamples=resamples, seed=seed, confidence=confidence)
