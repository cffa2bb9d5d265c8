"""Who else says it: supporting sentences per point, and independent sources.

Syndicated copies of one wire story are one source of evidence, not several, so
sources whose content is nearly identical share an *origin*; support counts
origins, and a point never cites a copy of its own source as support.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .brief import Group
from .similarity import Space, normalize

SUPPORT = 0.35
"""Cosine similarity from which another source's sentence counts as saying the same thing."""

DUPLICATE = 0.9
"""Cosine similarity of two whole sources from which one is a copy of the other."""


def origins(space: Space) -> list[int]:
    """For each sentence, the index of its source's origin (first source of its copy set)."""
    source_ids = list(dict.fromkeys(s.source for s in space.sentences))
    member = np.zeros((len(source_ids), len(space.sentences)), dtype=np.float32)
    position = {sid: k for k, sid in enumerate(source_ids)}
    for i, s in enumerate(space.sentences):
        member[position[s.source], i] = 1.0
    documents = normalize(np.asarray(member @ space.vectors))
    similar = documents @ documents.T >= DUPLICATE
    origin = list(range(len(source_ids)))
    for k in range(len(source_ids)):
        origin[k] = next((j for j in range(k) if similar[k, j] and origin[j] == j), k)
    return [origin[position[s.source]] for s in space.sentences]


def groups(space: Space, points: Sequence[int], sentence_origins: Sequence[int]) -> list[Group]:
    """A :class:`Group` per point: its best match in each other origin, where close enough."""
    origin = np.asarray(sentence_origins)
    found = []
    for p in points:
        supporters = []
        for o in np.unique(origin):
            if o == origin[p]:
                continue
            candidates = np.flatnonzero(origin == o)
            best = int(candidates[np.argmax(space.matrix[p, candidates])])
            if space.matrix[p, best] >= SUPPORT:
                supporters.append(best)
        supporters.sort(key=lambda j: -space.matrix[p, j])
        found.append(Group(space.sentences[p], tuple(space.sentences[j] for j in supporters)))
    return found
