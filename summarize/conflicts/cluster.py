"""The cluster as claim matching sees it: each sentence's words and claims, and who names whom."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..facts import figures
from ..similarity import Space
from .claims import Claim, of_sentence
from .names import common_words
from .words import Weights, Words


@dataclass(frozen=True)
class Cluster:
    """Everything claim matching needs to know about the cluster, computed once."""

    texts: list[str]
    words: list[Words]
    claims: list[list[Claim]]
    origins: Sequence[int]
    sources: list[int]
    """The document each sentence comes from (copies are different documents of one origin)."""
    weights: Weights
    named: dict[int, set[str]]
    """The name words each document uses anywhere."""
    by_source: dict[int, list[Claim]]
    """Every claim of each document."""
    endings: dict[tuple[str, ...], set[str]]
    """For each name's word before its last ("gwen", "san"; none for a one-word name), the last words that
    follow it anywhere ("conliffe")."""
    months: list[frozenset[int]]
    """The months each sentence dates what it says by ("through July", "as of August 2016"); no claims of their own."""

    @property
    def surnames(self) -> set[str]:
        """Last words of names of two words or more: "lutnick" of "Howard Lutnick"."""
        return {key for lead, keys in self.endings.items() if lead for key in keys}


def build(space: Space, origins: Sequence[int]) -> Cluster:
    """What claim matching needs to know about the sentences of ``space``, read once."""
    texts = [s.text for s in space.sentences]
    index = {sid: k for k, sid in enumerate(dict.fromkeys(s.source for s in space.sentences))}
    sources = [index[s.source] for s in space.sentences]
    common = common_words(texts)
    words, per = map(list, zip(*(of_sentence(i, t, common) for i, t in enumerate(texts)), strict=True))
    named: dict[int, set[str]] = defaultdict(set)
    endings: dict[tuple[str, ...], set[str]] = defaultdict(set)
    by_source: dict[int, list[Claim]] = defaultdict(list)
    for i, cs in enumerate(per):
        by_source[sources[i]] += cs
        for c in cs:
            if c.kind == "name":
                named[sources[i]].update(c.parts)
                endings[c.parts[-2:-1]].add(c.key)
    months = [frozenset(f.date[1] for f in figures(t) if f.kind == "date" and f.date[1]) for t in texts]
    return Cluster(texts, words, per, origins, sources, Weights(words), named, by_source, endings, months)
