"""Salience: what a brief should say first.

Three signals, each scaled to [0, 1] and mixed by the ``*_weight`` fields of
:class:`~summarize.tuning.Tuning`:

- **support**: how many *other* independent sources say nearly the same thing.
  Several outlets agreeing is the strongest sign a fact matters (and is true);
- **centrality**: LexRank-style eigenvector centrality within the cluster;
- **position**: news puts the key facts first.

A sentence that opens with a pronoun or a connective ("He added", "But") leans
on a sentence the brief may not carry, so its score is scaled by
``Tuning.orphan``.  An optional query takes ``Tuning.query_weight`` of the
score, so a brief can focus on a topic.

``ranker="learned"`` (opt-in) scores with the shipped model of
:mod:`summarize.learned` over :func:`features` (these signals and cheap text
counts) instead of the weighted mix; the query share and the leaning factor
apply to it alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from . import learned
from .similarity import Space, best_in_groups
from .tuning import DEFAULT, Tuning

_LEANS_BACK = re.compile(
    r"^[\"'“‘(]*(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|also|however|"
    r"meanwhile|still|yet|so|then|there|here)\b",
    re.IGNORECASE,
)


RANKERS = ("heuristic", "learned")
"""The salience scorers :func:`salience` offers (``Options.ranker``)."""


def salience(
    space: Space,
    origins: Sequence[int],
    *,
    query: str | None = None,
    tuning: Tuning = DEFAULT,
    ranker: str = "heuristic",
) -> np.ndarray:
    """Score every sentence of ``space``; ``origins[i]`` is the independent source of sentence ``i``.

    ``ranker="heuristic"`` mixes support, centrality and position by ``Tuning``'s weights,
    ``"learned"`` scores with the shipped model (:mod:`summarize.learned`) over :func:`features`.
    Either way the query takes its share and leaning sentences their factor.
    """
    if ranker == "learned":
        score = learned.score(features(space, origins, tuning))
    elif ranker == "heuristic":
        score = (
            tuning.support_weight * support(space.matrix, origins)
            + tuning.centrality_weight * centrality(space.matrix, tuning)
            + tuning.position_weight * position(space)
        )
    else:
        raise ValueError(f"unknown ranker {ranker!r}")
    if query:
        score = (1 - tuning.query_weight) * score + tuning.query_weight * _unit(space.similarity_to(query))
    return (score * standalone(space, tuning.orphan)).astype(np.float32)


def standalone(space: Space, orphan: float) -> np.ndarray:
    """1 for a sentence that reads on its own, ``orphan`` for one that leans on the one before."""
    return np.where(leans_back(space), orphan, 1.0).astype(np.float32)


def leans_back(space: Space) -> np.ndarray:
    """True for a sentence that opens with a pronoun or connective ("He added", "But")."""
    return np.array([bool(_LEANS_BACK.match(s.text)) for s in space.sentences], dtype=bool)


def support(matrix: np.ndarray, origins: Sequence[int]) -> np.ndarray:
    """Sum over other origins of the best match there: soft count of agreeing sources."""
    return _unit(other_origins(matrix, origins).sum(axis=1))


def other_origins(matrix: np.ndarray, origins: Sequence[int]) -> np.ndarray:
    """``[i, k]``: sentence ``i``'s best match in origin ``k``, 0 in its own (a source does not support itself)."""
    groups, best, _ = best_in_groups(matrix, origins)
    best[np.asarray(origins)[:, None] == groups[None, :]] = 0.0
    return best


def features(space: Space, origins: Sequence[int], tuning: Tuning = DEFAULT) -> np.ndarray:
    """The learned scorer's feature matrix (:data:`summarize.learned.FEATURES`), over rank's own signals."""
    others = other_origins(space.matrix, origins)
    return learned.features(
        space,
        origins,
        others=others,
        support=_unit(others.sum(axis=1)),
        centrality=centrality(space.matrix, tuning),
        leans_back=leans_back(space),
        support_similarity=tuning.support_similarity,
    )


def centrality(matrix: np.ndarray, tuning: Tuning = DEFAULT) -> np.ndarray:
    """Continuous LexRank: stationary distribution of a damped walk on the similarity graph."""
    n = len(matrix)
    weights = matrix.copy()
    np.fill_diagonal(weights, 0.0)
    rows = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, rows, out=np.full_like(weights, 1.0 / n), where=rows > 0)
    rank = np.full(n, 1.0 / n, dtype=np.float32)
    damping = tuning.damping
    for _ in range(tuning.centrality_iterations):
        rank = damping / n + (1 - damping) * rank @ transition
    return _unit(rank)


def position(space: Space) -> np.ndarray:
    """1 for a source's first content sentence, decaying towards 0 at its end."""
    return np.array([1.0 - s.position for s in space.sentences], dtype=np.float32) ** 2


def _unit(values: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] by the maximum, leaving an all-zero vector as is."""
    top = float(np.max(values)) if len(values) else 0.0
    return values / top if top > 0 else values
