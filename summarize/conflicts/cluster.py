"""The cluster as claim matching sees it: each sentence's words and claims, and who names whom."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..facts import figures
from ..similarity import Space
from ..text import raw_tokens
from .claims import Claim, of_sentence
from .names import PERSONAL_TITLES, common_words
from .words import Weights, Words, canonical


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
    name_users: dict[str, int]
    """How many documents use each name word anywhere."""
    by_source: dict[tuple[int, str], list[Claim]]
    """Every claim of each document, by what it can be compared with (``Claim.comparable``)."""
    endings: dict[tuple[str, ...], set[str]]
    """For each name's word before its last ("gwen", "san"; none for a one-word name), the last words that
    follow it anywhere ("conliffe")."""
    months: list[frozenset[int]]
    """The months each sentence dates what it says by ("through July", "as of August 2016"); no claims of their own."""
    sexes: list[str]
    """Whom each sentence is about by its pronouns and nouns: "m", "f", or "" (neither, or both)."""

    titled: set[str]
    """Names written after a personal title ("Mrs Wilson", "Dr. Okafor")."""

    @cached_property
    def named_alone(self) -> set[str]:
        """Names written as one word somewhere ("Pao said", "Ms. Pao"): as news names a person the second
        time, not as it names an agency ("the National Academy", never "Academy")."""
        return {c.key for cs in self.claims for c in cs if c.kind == "name" and len(c.parts) == 1}

    @cached_property
    def surnames(self) -> set[str]:
        """Last words of names of two words or more, and names after a personal title: "lutnick" of "Howard
        Lutnick", "wilson" of "Mrs Wilson"."""
        return {key for lead, keys in self.endings.items() if lead for key in keys} | self.titled


def build(space: Space, origins: Sequence[int]) -> Cluster:
    """What claim matching needs to know about the sentences of ``space``, read once."""
    texts = [s.text for s in space.sentences]
    index = {sid: k for k, sid in enumerate(dict.fromkeys(s.source for s in space.sentences))}
    sources = [index[s.source] for s in space.sentences]
    common = common_words(texts)
    found = [figures(t) for t in texts]  # read once: for the claims and for the months
    read = (of_sentence(i, t, common, f) for i, (t, f) in enumerate(zip(texts, found, strict=True)))
    words, per = map(list, zip(*read, strict=True))
    named: dict[int, set[str]] = defaultdict(set)
    endings: dict[tuple[str, ...], set[str]] = defaultdict(set)
    by_source: dict[tuple[int, str], list[Claim]] = defaultdict(list)
    titled: set[str] = set()
    for i, cs in enumerate(per):
        for c in cs:
            by_source[sources[i], c.comparable].append(c)
        for c in cs:
            if c.kind == "name":
                named[sources[i]].update(c.parts)
                endings[c.parts[-2:-1]].add(c.key)
                if {canonical(w) for w in texts[i][: c.start].split()[-1:]} & PERSONAL_TITLES:
                    titled.add(c.key)
    months = [frozenset(f.date[1] for f in fs if f.kind == "date" and f.date[1]) for fs in found]
    sexes = [_sex(t) for t in texts]
    users = dict(Counter(word for known in named.values() for word in known))
    return Cluster(
        texts, words, per, origins, sources, Weights(words), named, users, by_source, endings, months, sexes, titled
    )


_MALE = frozenset("he his him himself man men male boy boys husband father son brother mr".split())
_FEMALE = frozenset("she her hers herself woman women female girl girls wife mother daughter sister mrs ms".split())


def _sex(text: str) -> str:
    """ "m" when a sentence speaks of a man and of no woman ("A male suspect ... in his 30s"), "f" the other way
    round, "" otherwise: two sentences about a man and a woman give two people's figures, not one's."""
    words = set(raw_tokens(text))
    male, female = bool(words & _MALE), bool(words & _FEMALE)
    return "m" if male and not female else "f" if female and not male else ""
