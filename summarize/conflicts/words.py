"""A sentence's content words, as claims are compared by them: stems, aliases joined, clauses, weights.

Two claims from different sources are about the same thing when their words
meet (:func:`context_score`): the few words either side of a claim in its
clause (``near``) and the words of its sentence (``frame``), weighted by the
cluster's inverse document frequency (:class:`Weights`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from ..facts import NUMBER_WORDS, ORDINAL_WORDS
from ..text import FILLER_WORDS, norm_word, stem, token_spans

if TYPE_CHECKING:
    from .claims import Claim

_ALIASES = {
    "u.s": "usa",
    "america": "usa",
    "american": "usa",
    "americans": "usa",
    "u.k": "uk",
    "britain": "uk",
    "british": "uk",
    "chinese": "china",
    "russian": "russia",
    "japanese": "japan",
    "french": "france",
    "german": "germany",
    "indian": "india",
    "israeli": "israel",
    "iranian": "iran",
    "syrian": "syria",
    "mexican": "mexico",
    "canadian": "canada",
    "korean": "korea",
    "ukrainian": "ukraine",
    "european": "europe",
    "australian": "australia",
    "italian": "italy",
    "spanish": "spain",
    "turkish": "turkey",
    "iraqi": "iraq",
    "afghan": "afghanistan",
    "pakistani": "pakistan",
    "egyptian": "egypt",
    "palestinian": "palestine",
}
"""Country names and their adjectives, which news uses interchangeably ("Chinese exports", "China's exports")."""
_UNITS = {"lbs": "pounds", "lb": "pounds", "kg": "kilograms", "km": "kilometers", "ft": "feet", "yrs": "years"}
"""Units and their abbreviations: "75 lbs." and "75 pounds" weigh the same."""
_DIRECTION = {
    **dict.fromkeys(
        "fell fall drop declin decreas plung plummet slump tumbl sank sink slid shrank dip dive crash".split(), "fall"
    ),
    **dict.fromkeys("rose rise risen increas grew grow jump climb surg soar gain spike rocket".split(), "rise"),
}
"""Stems of the verbs for a figure going down or up: "plunged 34.5%" and "plummeted by 12.7%" say it alike."""
PAIRS = {("united", "states"): "usa", ("united", "kingdom"): "uk", ("united", "nations"): "un"}

_CLAUSE_BREAK = re.compile(r"[,:](?<!\d[,:])(?!\d)|;|\s[—–-]\s|—")
"""Punctuation that ends a clause: commas and colons (not inside a number), semicolons, dashes.  The mark comes
first and the digit before it is looked behind: a pattern that opens with a look-behind is slower to search."""
_CLAUSE_WORD = re.compile(r"\b(?:while|whereas|but|although|though)\b", re.I)
"""Conjunctions that end a clause; searched for only in text that holds one (an ASCII text's lower case has
the letters, and no match of either pattern overlaps one of the other: they find the same ends as one)."""

_NOT_CONTEXT = FILLER_WORDS | NUMBER_WORDS.keys() | ORDINAL_WORDS.keys()
"""Words that say nothing about what a claim is about (number words are claims of their own)."""


NEAR = 3
"""Content words either side of a claim that make up its ``near`` context."""
NEAR_WEIGHT = 0.7
"""Share of the context score from the words next to a claim (the rest from its sentence): a paraphrase keeps
the words around a figure ("exports to the US … plunged") more than the rest of the sentence."""


@dataclass(frozen=True)
class Words:
    """A sentence's content words: their stems (aliases joined) and spans, and the clause of each."""

    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    clauses: tuple[int, ...]
    breaks: tuple[int, ...] = ()
    """Offsets where a clause ends (commas, semicolons, dashes, "while", "but" ...)."""
    phrases: tuple[int, ...] = ()
    """The clause of each word when commas do not end one: a name and its appositive ("Paul Udoto, a
    spokesman for ...") are one phrase."""

    starts: tuple[int, ...] = ()
    """Where each word starts (``spans``' starts, for bisection)."""

    @classmethod
    def of(cls, text: str, skip: Sequence[tuple[int, int]] = ()) -> Words:
        """The content words of ``text``, leaving out those that start inside the ``skip`` spans (the figures:
        in order, none overlapping).  Each token's stem is looked up once (cached), and a word's clause and
        phrase are the breaks before it, found by bisection: no per-word bookkeeping in Python."""
        starts = [s for s, _ in skip]

        def skipped(offset: int) -> bool:
            k = bisect_right(starts, offset) - 1
            return k >= 0 and offset < skip[k][1]

        found = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        if _may_hold_conjunction(text):
            found = sorted(found + [m.start() for m in _CLAUSE_WORD.finditer(text)])
        breaks = [b for b in found if not skip or not skipped(b)]
        hard = [b for b in breaks if text[b] != ","]
        tokens = token_spans(text)
        words = [token for _, _, token in tokens]
        ends = [end for _, end, _ in tokens]
        kept = [not skipped(start) for start, _, _ in tokens] if skip else None
        if "united" in words:  # "United States" is one word, "usa"
            for k in range(len(words) - 1):
                if words[k] == "united" and (kept is None or kept[k]) and (words[k], words[k + 1]) in PAIRS:
                    words[k], ends[k] = PAIRS[(words[k], words[k + 1])], ends[k + 1]
                    kept = kept or [True] * len(words)
                    kept[k + 1] = False
        stems = list(map(_content_stem, words))
        if "us" in words:  # "US" written so is the country, not the pronoun
            for k, (start, end, _) in enumerate(tokens):
                if words[k] == "us" and text[start:end] == "US":
                    stems[k] = "usa"
        index = [k for k, st in enumerate(stems) if st and (kept is None or kept[k])]
        at = [tokens[k][0] for k in index]
        return cls(
            tuple([stems[k] for k in index]),
            tuple([(tokens[k][0], ends[k]) for k in index]),
            tuple([bisect_left(breaks, a) for a in at]) if breaks else (0,) * len(at),
            tuple(breaks),
            tuple([bisect_left(hard, a) for a in at]) if hard else (0,) * len(at),
            tuple(at),
        )

    @cached_property
    def all(self) -> frozenset[str]:
        return frozenset(self.stems)

    def context(self, start: int, end: int) -> tuple[frozenset[str], tuple[str, str]]:
        """The stems within :data:`NEAR` content words of a span in its clause, and its slot: the stems right
        before and right after it there ("" at the clause's edge)."""
        clause = bisect_left(self.breaks, start)
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        before = [k for k in range(max(0, first - NEAR), first) if self.clauses[k] == clause]
        after = [k for k in range(last, min(len(self.stems), last + NEAR)) if self.clauses[k] == clause]
        left = self.stems[before[-1]] if before and before[-1] == first - 1 else ""
        right = self.stems[after[0]] if after and after[0] == last else ""
        return frozenset(self.stems[k] for k in before + after), (left, right)

    def phrase(self, start: int, end: int, width: int = NEAR) -> frozenset[str]:
        """The stems within ``width`` content words of a span across commas: what says who a name is, before
        it or in its appositive ("spokesman Paul Udoto said", "Paul Udoto, a spokesman for the service")."""
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        if not self.phrases:
            return frozenset()
        here = self.phrases[min(first, len(self.phrases) - 1)]
        around = [*range(max(0, first - width), first), *range(last, min(len(self.stems), last + width))]
        return frozenset(self.stems[k] for k in around if self.phrases[k] == here)

    def subject(self, offset: int, width: int = NEAR) -> frozenset[str]:
        """The stems of the ``width`` content words before ``offset``, commas aside: who or what a verb is
        said of ("Cary Joseph Heath, 35, | was arrested")."""
        first = bisect_left(self.starts, offset)
        if not first:
            return frozenset()
        here = self.phrases[first - 1]
        return frozenset(self.stems[k] for k in range(max(0, first - width), first) if self.phrases[k] == here)

    def following(self, offset: int, count: int) -> list[int]:
        """Indices of the ``count`` content words after ``offset`` in the same clause."""
        first = bisect_right(self.starts, offset)
        after = list(range(first, min(len(self.stems), first + count)))
        return [k for k in after if self.clauses[k] == self.clauses[after[0]]] if after else []


def _may_hold_conjunction(text: str) -> bool:
    """Whether :data:`_CLAUSE_WORD` can match: always in non-ASCII text (case-insensitive matching reaches
    the long s and the dotted capital I), else only where a conjunction's letters are ("but" is also in
    "about": a test, not the answer)."""
    if not text.isascii():
        return True
    low = text.lower()
    return "but" in low or "while" in low or "where" in low or "though" in low


@lru_cache(maxsize=65536)
def _content_stem(token: str) -> str:
    """A token's stem as contexts compare it (aliases and units joined, rise and fall verbs as one), or "" for
    a word that says nothing about what a claim is about.  Cached: the same words recur in every sentence."""
    token = _ALIASES.get(token) or _UNITS.get(token) or canonical(token)
    if token in _NOT_CONTEXT or token[0].isdigit() or len(token) < 2:
        return ""
    stemmed = stem(token)
    return _DIRECTION.get(stemmed, stemmed)


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """A word as names and contexts compare it: lower-case, no possessive or dots, no reference number glued on
    (:data:`_FOOTNOTE`), a country's adjective its name."""
    word = _FOOTNOTE.sub("", norm_word(word))
    return _ALIASES.get(word, word)


_FOOTNOTE = re.compile(r"(?<=[a-z]{3})\d{1,3}$")
"""A reference number glued to the end of a word, as science writing copied into news keeps them ("younger than
Fabrosaur12."): the word is the one another report writes without it ("Fabrosaur").  Three letters first, so that
codes ("G20", "F16") stay whole."""


MEASURES = frozenset(
    _content_stem(w)
    for w in """mph kph knots miles kilometers kilometres meters metres feet foot inches yards degrees pounds ounces
    tons tonnes kilograms grams liters litres gallons barrels acres hectares radii percent years months weeks days
    hours minutes seconds""".split()
)
"""Stems of units of measure: a figure before one measures (a speed, a distance, a temperature, a span of time),
and measures vary with the moment and the method where counts of things ("six times", "three states") do not."""
SPANS = frozenset(_content_stem(w) for w in "years months weeks days hours minutes seconds".split())
"""Stems of the units of :data:`MEASURES` that span time: a span before the same word ("15 days to reply") is one
fixed fact, not a measure taken at a moment."""


class Weights:
    """The cluster's inverse document frequency of each content stem, with the weight of word sets remembered."""

    def __init__(self, sentences: Sequence[Words]) -> None:
        df = Counter(w for ws in sentences for w in set(ws.stems))
        self.idf = {w: math.log((1 + len(sentences)) / (1 + n)) + 1 for w, n in df.items()}
        self._mass: dict[frozenset[str], float] = {}
        self._shares: dict[tuple[frozenset[str], frozenset[str]], float] = {}

    def mass(self, words: frozenset[str]) -> float:
        found = self._mass.get(words)
        if found is None:
            found = self._mass[words] = sum(self.idf.get(w, 1.0) for w in words)
        return found

    def share(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The weight of what ``a`` and ``b`` have in common, as a share of the lighter of the two.

        Remembered: every claim pair of two sentences compares the same two sentence frames."""
        found = self._shares.get((a, b))
        if found is None:
            total = min(self.mass(a), self.mass(b))
            found = self._shares[(a, b)] = sum(self.idf.get(w, 1.0) for w in a & b) / total if total else 0.0
        return found


def context_score(a: Claim, b: Claim, weights: Weights) -> float:
    """How surely two claims are about the same thing, 0 to 1: the words next to them, and their sentences.

    :data:`NEAR_WEIGHT` of it is the weighted share of ``near`` words the two
    have in common, the rest the share of their sentences' words; weights are
    the cluster's inverse document frequencies (:class:`Weights`), so sharing
    "exports" means more than sharing "year".  Claims with near words but none
    in common are not about the same thing (0); when one has no near word at
    all (a name before an appositive: "Ashley Oxendine, 18, of Orrum"), the
    sentences are all there is to go by.
    """
    if not (a.near and b.near):
        return weights.share(a.frame, b.frame)
    if not (a.near & b.near):
        return 0.0
    return NEAR_WEIGHT * weights.share(a.near, b.near) + (1 - NEAR_WEIGHT) * weights.share(a.frame, b.frame)
