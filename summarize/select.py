"""MMR: pick salient, non-redundant points under a word budget, then order them for reading.

Maximal marginal relevance (Carbonell & Goldstein, 1998) takes, at each step,
the sentence maximising ``lambda * salience - (1 - lambda) * max similarity to
what is already picked``.  The default ``Tuning.lambda_ = 0.7`` leans towards
salience; lower it for briefs that cover more ground, raise it to stay on the
main story.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .similarity import Space
from .tuning import DEFAULT, Tuning


def mmr(
    space: Space,
    scores: np.ndarray,
    *,
    words: int,
    sentences: int | None = None,
    lambda_: float = DEFAULT.lambda_,
    tuning: Tuning = DEFAULT,
    deferred: np.ndarray | None = None,
    barred: np.ndarray | None = None,
) -> list[int]:
    """Indices into ``space.sentences`` of the points, in the order they were picked.

    A sentence that would overrun the word budget is passed over, so a shorter
    one can still use the rest of it.  ``deferred`` (a mask) marks sentences
    picked only once no other fits: a follow-up defers what the previous
    brief already told, so the budget goes to new points first.  ``barred`` (a
    mask) marks sentences never picked while any other is there to pick:
    orphans that could not be joined with what they lean on (a brief with an
    orphan reads worse than a brief a few words short).
    """
    lengths = np.array([s.words for s in space.sentences])
    relevance = scores / scores.max() if len(scores) and scores.max() > 0 else scores
    redundancy = np.zeros(len(scores), dtype=np.float32)
    open_ = np.ones(len(scores), dtype=bool)
    picked: list[int] = []
    left = min(words, int(lengths.sum()))  # a budget past every word is all of them (and fits in int64)
    if barred is not None and (~barred).any():  # all barred: a brief of what there is, rather than none
        open_ &= ~barred
    while sentences is None or len(picked) < sentences:
        open_ &= (lengths <= left) & (redundancy < tuning.redundant)
        if not open_.any():
            break
        first = open_ & ~deferred if deferred is not None else open_
        pool = first if first.any() else open_
        value = np.where(pool, lambda_ * relevance - (1 - lambda_) * redundancy, -np.inf)
        best = int(np.argmax(value))
        picked.append(best)
        open_[best] = False
        left -= int(lengths[best])
        redundancy = np.maximum(redundancy, space.same_point([best])[0])
    return picked


def reading_order(space: Space, picked: Sequence[int]) -> list[int]:
    """Order points as a story reads: lead facts first (by place in their source), ties by pick order."""
    rank = {index: n for n, index in enumerate(picked)}
    return sorted(picked, key=lambda i: (round(space.sentences[i].position, 1), rank[i]))
