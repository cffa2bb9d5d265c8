"""Salience: what a brief should say first.

Three signals, each scaled to [0, 1] and mixed by the ``*_weight`` fields of
:class:`~summarize.tuning.Tuning`:

- **support**: how many *other* independent sources say nearly the same thing.
  Several outlets agreeing is the strongest sign a fact matters (and is true);
- **centrality**: LexRank-style eigenvector centrality within the cluster;
- **position**: news puts the key facts first.

A sentence that needs context (a bare quote, a pronoun subject or speaker:
:mod:`summarize.context`) and could not be joined with the sentence it leans
on gives way to sentences that stand alone: its score is scaled by
``Tuning.orphan``.  An optional query takes ``Tuning.query_weight`` of the
score, so a brief can focus on a topic.

``ranker="learned"`` (opt-in) scores with the shipped model of
:mod:`summarize.learned` over :func:`features` (these signals and cheap text
counts) instead of the weighted mix; the query share and the leaning factor
apply to it alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import context, learned
from .brief import Notice, Sentence
from .similarity import Space, best_per_group, row_blocks
from .text import tokenize
from .tuning import DEFAULT, Tuning

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
    Either way sentences that need context take their factor and the query its share.
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
    score = score * standalone(space, tuning.orphan)
    if query:  # what the caller asks about is not demoted: a sentence that answers it may lean on context
        score = (1 - tuning.query_weight) * score + tuning.query_weight * _unit(space.similarity_to(query))
    return score.astype(np.float32)


def standalone(space: Space, orphan: float) -> np.ndarray:
    """1 for a sentence that reads on its own, ``orphan`` for one that needs context it was not joined with."""
    return np.where(leaning(space), orphan, 1.0).astype(np.float32)


def leaning(space: Space) -> np.ndarray:
    """True for a sentence that needs context it was not joined with (:func:`summarize.context.needs_context`)."""
    return np.array([context.needs_context(s.text) for s in space.sentences], dtype=bool)


def antecedents(space: Space, leaning: np.ndarray) -> np.ndarray:
    """For each sentence that needs context, the index of the one before it in its source (-1: none, or it
    stands alone): where the brief can give it its context (:func:`summarize.select.reading_order`)."""
    return np.where(leaning, context.antecedents(space.sentences), -1)


def support(matrix: np.ndarray, origins: Sequence[int]) -> np.ndarray:
    """Sum over other origins of the best match there: soft count of agreeing sources."""
    return _unit(other_origins(matrix, origins).sum(axis=1))


def other_origins(matrix: np.ndarray, origins: Sequence[int]) -> np.ndarray:
    """``[i, k]``: sentence ``i``'s best match in origin ``k``, 0 in its own (a source does not support itself)."""
    origin = np.asarray(origins)
    out = np.empty((len(matrix), len(np.unique(origin))), dtype=np.float32)
    for rows in row_blocks(len(matrix), len(matrix)):
        groups, best = best_per_group(matrix[rows], origin)
        best[origin[rows, None] == groups[None, :]] = 0.0
        out[rows] = best
    return out


def features(space: Space, origins: Sequence[int], tuning: Tuning = DEFAULT) -> np.ndarray:
    """The learned scorer's feature matrix (:data:`summarize.learned.FEATURES`), over rank's own signals."""
    others = other_origins(space.matrix, origins)
    return learned.features(
        space,
        origins,
        others=others,
        support=_unit(others.sum(axis=1)),
        centrality=centrality(space.matrix, tuning),
        leaning=leaning(space),
        support_similarity=tuning.support_similarity,
    )


def centrality(matrix: np.ndarray, tuning: Tuning = DEFAULT) -> np.ndarray:
    """Continuous LexRank: stationary distribution of a damped walk on the similarity graph.

    The transition matrix is built in one copy of the similarity matrix (the
    only other n x n array of the pipeline).
    """
    n = len(matrix)
    transition = matrix.copy()
    np.fill_diagonal(transition, 0.0)
    rows = transition.sum(axis=1, keepdims=True)
    np.divide(transition, rows, out=transition, where=rows > 0)
    transition[rows[:, 0] <= 0] = 1.0 / n
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


def unmatched_query(query: str | None, content: Sequence[Sentence]) -> list[Notice]:
    """A ``query-unmatched`` warning when no content word of the query (stemmed) is in any candidate.

    The query then has nothing to focus on and the brief is the general one: the reader should know.
    """
    wanted = set(tokenize(query or ""))
    if not wanted or any(wanted.intersection(tokenize(s.text)) for s in content):
        return []
    message = f"no sentence of the sources mentions the query {query!r}: the brief is the general one"
    return [Notice("query-unmatched", message)]
