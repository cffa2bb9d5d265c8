"""Who else says it: supporting sentences per point, and independent sources.

Syndicated copies of one wire story are one source of evidence, not several, so
sources whose content is nearly identical share an *origin*; support counts
origins, and a point never cites a copy of its own source as support.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .brief import Group
from .similarity import Space, best_in_groups, best_per_group, row_blocks
from .tuning import DEFAULT, Tuning


def origins(space: Space, tuning: Tuning = DEFAULT) -> list[int]:
    """For each sentence, the index of its source's origin (the first source of its copy set).

    A source is a copy of another when ``tuning.copy_share`` of its sentences
    are near-identical (``tuning.duplicate_similarity``) to sentences there:
    containment, not whole-document similarity, so a trimmed or excerpted copy
    of a wire story is caught as well as a full one with a new headline.
    """
    source_ids = list(dict.fromkeys(s.source for s in space.sentences))
    index = {sid: k for k, sid in enumerate(source_ids)}
    owner = np.array([index[s.source] for s in space.sentences])
    sizes = np.bincount(owner, minlength=len(source_ids))
    copies = _copies(space.matrix, owner, sizes, tuning)
    origin = list(range(len(source_ids)))
    for k in range(len(source_ids)):
        origin[k] = min((j for j in copies.get(k, ()) if j < k and origin[j] == j), default=k)
    return [origin[index[s.source]] for s in space.sentences]


def _copies(matrix: np.ndarray, owner: np.ndarray, sizes: np.ndarray, tuning: Tuning) -> dict[int, set[int]]:
    """Pairs of sources that are copies (either way), as neighbour sets: few, whatever the number of sources.

    Source ``a`` copies ``b`` when ``tuning.copy_share`` of ``a``'s sentences
    have a near-identical sentence in ``b``; only the (sentence, source) pairs
    that are near-identical are counted, by row blocks, so nothing here has
    sources x sources cells.
    """
    pairs = []
    for rows in row_blocks(len(matrix), len(matrix)):
        _, best = best_per_group(matrix[rows], owner)  # columns: sources in order
        sentence, source = np.nonzero(best >= tuning.duplicate_similarity)
        pairs.append(owner[rows][sentence] * len(sizes) + source)
    found, counts = np.unique(np.concatenate(pairs), return_counts=True)
    copies: dict[int, set[int]] = {}
    for pair, count in zip(found.tolist(), counts.tolist(), strict=True):
        a, b = divmod(pair, len(sizes))
        if a != b and count >= tuning.copy_share * sizes[a]:
            copies.setdefault(a, set()).add(b)
            copies.setdefault(b, set()).add(a)
    return copies


def groups(
    space: Space, points: Sequence[int], sentence_origins: Sequence[int], tuning: Tuning = DEFAULT
) -> list[Group]:
    """A :class:`Group` per point: its best match in each other origin, where close enough."""
    origin = np.asarray(sentence_origins)
    rows = space.same_point(points)
    groups_, best, where = best_in_groups(rows, origin)
    found = []
    for row, p in enumerate(points):
        supporters = [
            int(where[row, k])
            for k, o in enumerate(groups_)
            if o != origin[p] and best[row, k] >= tuning.support_similarity
        ]
        strength = rows[row]
        supporters.sort(key=lambda j: -float(strength[j]))
        found.append(Group(space.sentences[p], tuple(space.sentences[j] for j in supporters)))
    return found
