"""Who else says it: supporting sentences per point, and independent sources.

Syndicated copies of one wire story are one source of evidence, not several, so
sources whose content is nearly identical share an *origin*; support counts
origins, and a point never cites a copy of its own source as support.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .brief import Group
from .similarity import Space, best_in_groups
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
    _, best, _ = best_in_groups(space.matrix, owner)  # columns: sources in order
    copied = np.zeros((len(source_ids), len(source_ids)), dtype=bool)
    for b in range(len(source_ids)):
        found = best[:, b] >= tuning.duplicate_similarity
        copied[:, b] = np.bincount(owner, weights=found, minlength=len(source_ids)) >= tuning.copy_share * sizes
        copied[b, b] = False
    copies = copied | copied.T
    origin = list(range(len(source_ids)))
    for k in range(len(source_ids)):
        origin[k] = next((j for j in range(k) if copies[k, j] and origin[j] == j), k)
    return [origin[index[s.source]] for s in space.sentences]


def groups(
    space: Space,
    points: Sequence[int],
    sentence_origins: Sequence[int],
    tuning: Tuning = DEFAULT,
    against: Mapping[int, frozenset[int]] | None = None,
) -> list[Group]:
    """A :class:`Group` per point: its best match in each other origin, where close enough.

    Support means agreement: ``against[p]`` are the origins that state another
    value for something point ``p`` states (see :func:`summarize.conflicts.against`);
    however close their sentences, they never support it.
    """
    origin = np.asarray(sentence_origins)
    against = against or {}
    groups_, best, where = best_in_groups(space.matrix[list(points)], origin)
    found = []
    for row, p in enumerate(points):
        disagree = against.get(p, frozenset())
        supporters = [
            int(where[row, k])
            for k, o in enumerate(groups_)
            if o != origin[p] and o not in disagree and best[row, k] >= tuning.support_similarity
        ]
        supporters.sort(key=lambda j: -space.matrix[p, j])
        found.append(Group(space.sentences[p], tuple(space.sentences[j] for j in supporters)))
    return found
