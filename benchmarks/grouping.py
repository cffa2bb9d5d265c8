"""Scores of a grouping against the true one: B-cubed precision, recall and F1, and the adjusted Rand index.

Both take two label sequences over the same items (any hashable labels).

* **B-cubed** (Bagga & Baldwin 1998; Amigó et al. 2009): for each item, the
  share of its predicted group that is in its true group (precision) and the
  share of its true group that is in its predicted group (recall), averaged
  over items; F1 is their harmonic mean.  It penalizes both merging two
  stories and splitting one, in proportion to the items affected.
* **ARI** (Hubert & Arabie 1985): agreement of the two partitions on pairs of
  items, 0 for chance and 1 for identical; it is harsher than B-cubed on
  big merged groups.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from math import comb


def bcubed(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of ``predicted`` against ``truth``."""
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth label different numbers of items")
    if not truth:
        return 1.0, 1.0, 1.0
    both = Counter(zip(predicted, truth, strict=True))
    by_predicted = Counter(predicted)
    by_truth = Counter(truth)
    precision = sum(n * n / by_predicted[p] for (p, _), n in both.items()) / len(truth)
    recall = sum(n * n / by_truth[t] for (_, t), n in both.items()) / len(truth)
    return precision, recall, 2 * precision * recall / (precision + recall)


def adjusted_rand(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> float:
    """Adjusted Rand index of ``predicted`` against ``truth`` (1 when both put every item alone or together)."""
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth label different numbers of items")
    n = len(truth)
    pairs = sum(comb(k, 2) for k in Counter(zip(predicted, truth, strict=True)).values())
    predicted_pairs = sum(comb(k, 2) for k in Counter(predicted).values())
    true_pairs = sum(comb(k, 2) for k in Counter(truth).values())
    expected = predicted_pairs * true_pairs / comb(n, 2) if n > 1 else 0.0
    best = (predicted_pairs + true_pairs) / 2
    if best == expected:  # both partitions trivial (all alone, or all together): identical or not
        return 1.0 if predicted_pairs == true_pairs else 0.0
    return (pairs - expected) / (best - expected)
