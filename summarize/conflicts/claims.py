"""Claims: the comparable facts of a sentence, each with the words that say what it is about.

A claim is a figure (:func:`summarize.facts.figures`), a name or a negation,
plus two bags of content stems: ``near``, the few words either side of it in
its clause ("exports to the U.S. plunged … in May"), and ``frame``, the words
of its clause.  Two claims from different sources are about the same thing
when their words meet (:func:`context_score`); that is what tells "overall
exports rose 4.8%" from "exports to the US fell 34.5%" in one sentence pair.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..facts import (
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    WEEKDAYS,
    Figure,
    figures,
    name_offsets,
    negation_offsets,
    same_figure,
)
from ..text import FILLER_WORDS, norm_word, stem, token_spans

KINDS = {
    "percent": "number",
    "ordinal": "number",
    "time": "number",
    "decade": "number",
    "count": "count",
    "age": "count",
    "amount": "amount",
    "date": "date",
    "year": "date",
    "weekday": "date",
    "name": "name",
    "negation": "negation",
}
"""What a reader calls each kind of claim (the ``kind`` of a :class:`~summarize.brief.Conflict`)."""

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
_DIRECTION = {
    **dict.fromkeys(
        "fell fall drop declin decreas plung plummet slump tumbl sank sink slid shrank dip dive crash".split(), "fall"
    ),
    **dict.fromkeys("rose rise risen increas grew grow jump climb surg soar gain spike rocket".split(), "rise"),
}
"""Stems of the verbs for a figure going down or up: "plunged 34.5%" and "plummeted by 12.7%" say it alike."""
_PAIRS = {("united", "states"): "usa", ("united", "kingdom"): "uk", ("united", "nations"): "un"}

_CLAUSE_BREAK = re.compile(r"(?<!\d)[,:](?!\d)|;|\s[—–-]\s|—|\b(?:while|whereas|but|although|though)\b", re.I)
_AGE = re.compile(r"[- ]years?[- ]old\b", re.I)
"""What makes a count someone's age ("73-year-old"): ages are compared only between sentences about one person."""
_PART_OF_CODE = re.compile(r"[-/)]\d|\d")
_CODE_BEFORE = re.compile(r"\d[-/(]$")
_NOT_A_DENIAL = re.compile(r"\s+(?:only|just|merely|least|less|longer|more|matter|doubt|\d)", re.I)
"""What follows a negation marker that negates nothing a source could contradict: "not only", "no longer",
"no matter", "no doubt", "No. 1"."""
_NEGATIVE_VERBS = re.compile(r"\b(?:den(?:y|ies|ied)|refus|declin|fail|reject|unable|lack|absen)", re.I)
"""Words that negate without a negation marker: a negated predicate against one of these is no conflict."""
_TITLES = frozenset(
    """president secretary minister prime chancellor governor senator sen rep representative mayor judge
    justice chief officer director spokesman spokeswoman spokesperson general gen lt col capt sgt dr prof
    mr mrs ms king queen prince princess pope sheriff commissioner chairman chairwoman ceo premier vice
    deputy attorney ambassador police department ministry""".split()
)
"""Capitalised words that are roles, not names: "President said" names no one."""

_NOT_CONTEXT = FILLER_WORDS | NUMBER_WORDS.keys() | ORDINAL_WORDS.keys()
"""Words that say nothing about what a claim is about (number words are claims of their own)."""

PLACE_PREFIXES = frozenset(
    """new san santa los las la el st saint fort port lake mount mt north south east west upper lower
    great little old cape""".split()
)
"""First words that many place names share: "New York" and "New Jersey" are two places, not one misnamed."""

NEAR = 3
"""Content words either side of a claim that make up its ``near`` context."""
NEAR_WEIGHT = 0.7
"""Share of the context score from the words next to a claim (the rest from its sentence): a paraphrase keeps
the words around a figure ("exports to the US … plunged") more than the rest of the sentence."""
PREDICATE = 3
"""Content words after a negation marker that make up what it negates."""


@dataclass(frozen=True)
class Claim:
    """One comparable fact of one sentence: a figure, a name or a negation, and what it is about.

    ``sentence`` indexes the sentences of the :class:`~summarize.similarity.Space`;
    ``start``/``end`` is the claim's span in the sentence text; ``kind`` is a
    :class:`~summarize.facts.Figure` kind, ``"name"`` or ``"negation"``; ``key``
    is a name's last word (normalised) or a negation's polarity (``"not"``/``"yes"``).
    """

    sentence: int
    kind: str
    start: int
    end: int
    value: str
    figure: Figure | None = None
    key: str = ""
    near: frozenset[str] = field(default=frozenset(), compare=False)
    frame: frozenset[str] = field(default=frozenset(), compare=False)
    predicate: tuple[str, ...] = field(default=(), compare=False)
    """A negation's next content stems: what it negates."""
    slot: tuple[str, str] = field(default=("", ""), compare=False)
    """The content stems right before and right after the claim, "" at the clause's edge."""
    parts: tuple[str, ...] = field(default=(), compare=False)
    """A name's words, normalised, roles left out, in order."""

    @property
    def full_name(self) -> bool:
        """A name of two words or more written apart ("John Austin Huggins", not "U.S.-China"): a person's, mostly."""
        return self.kind == "name" and len(self.value.split()) > 1

    @property
    def comparable(self) -> str:
        """Claims are compared only within one class: a kind, and an amount's currency."""
        return self.kind + (self.figure.unit if self.figure and self.kind == "amount" else "")

    def agrees(self, other: Claim, about: float) -> bool:
        """Whether ``other`` states the same value (a rounded or bounded figure may, see ``same_figure``)."""
        if self.figure is not None and other.figure is not None:
            return same_figure(self.figure, other.figure, about=about)
        if self.kind == "name":  # "Trump" is "Donald Trump"; "Howard Smith" is not "Howard Lutnick"
            joined = "".join(self.parts) == "".join(other.parts)  # "VanWert", "Van Wert"
            return self.key == other.key or joined or self.same_person(other) or _spelled_alike(self.key, other.key)
        return self.key == other.key

    def same_person(self, other: Claim) -> bool:
        """Whether one name's words are all in the other ("Trump", "Donald Trump"); "Tom Hollis" and "Mara
        Lee Hollis" share a surname but are two people."""
        mine, theirs = set(self.parts), set(other.parts)
        return mine <= theirs or theirs <= mine

    def variant_of(self, other: Claim) -> bool:
        """Whether two names differ only in their last word: "Gwen Conliffe" and "Gwen Ostrowski", "San Diego"
        and "San Jose" (the same name with another surname, the same place with another city)."""
        return (
            len(self.parts) > 1
            and len(other.parts) > 1
            and self.parts[:-1] == other.parts[:-1]
            and self.key != other.key
        )

    def shares_slot(self, other: Claim) -> bool:
        """Whether two claims have the same word right before or right after them ("… flybys", "Category …")."""
        return any(a and a == b for a, b in zip(self.slot, other.slot, strict=True))

    def same_slot(self, other: Claim) -> bool:
        """Whether two claims sit between the same words ("Secretary Howard _ said"): one side the same,
        the other the same too or at the edge of its clause."""
        sides = [(a == b and a != "", a == "" or b == "") for a, b in zip(self.slot, other.slot, strict=True)]
        return any(same for same, _ in sides) and all(same or edge for same, edge in sides)


@dataclass(frozen=True)
class Words:
    """A sentence's content words: their stems (aliases joined) and spans, and the clause of each."""

    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    clauses: tuple[int, ...]
    breaks: tuple[int, ...] = ()
    """Offsets where a clause ends (commas, semicolons, dashes, "while", "but" ...)."""

    @classmethod
    def of(cls, text: str, skip: Sequence[tuple[int, int]] = ()) -> Words:
        """The content words of ``text``, leaving out those inside the ``skip`` spans (the figures)."""

        def skipped(offset: int) -> bool:
            return bool(skip) and any(s <= offset < e for s, e in skip)

        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text) if not skipped(m.start())]
        tokens = token_spans(text)
        stems, spans, clauses = [], [], []
        joined = False
        for k, (start, end, token) in enumerate(tokens):
            if joined:
                joined = False
                continue
            if skipped(start):
                continue
            nxt = tokens[k + 1][2] if k + 1 < len(tokens) else ""
            if (token, nxt) in _PAIRS:
                token, end, joined = _PAIRS[(token, nxt)], tokens[k + 1][1], True
            token = "usa" if text[start:end] == "US" else _ALIASES.get(token) or canonical(token)
            if token in _NOT_CONTEXT or token[0].isdigit() or len(token) < 2:
                continue
            stemmed = stem(token)
            stems.append(_DIRECTION.get(stemmed, stemmed))
            spans.append((start, end))
            clauses.append(bisect_left(breaks, start))
        return cls(tuple(stems), tuple(spans), tuple(clauses), tuple(breaks))

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _ in self.spans]

    @cached_property
    def all(self) -> frozenset[str]:
        return frozenset(self.stems)

    def context(self, start: int, end: int, width: int = NEAR) -> tuple[frozenset[str], frozenset[str]]:
        """The stems within ``width`` content words of a span in its clause, and those of the whole sentence."""
        near, _ = self._around(start, end, width)
        return near, self.all

    def slot(self, start: int, end: int) -> tuple[str, str]:
        """The stems right before and right after a span within its clause ("" at the clause's edge)."""
        return self._around(start, end, 1)[1]

    def _around(self, start: int, end: int, width: int) -> tuple[frozenset[str], tuple[str, str]]:
        clause = bisect_left(self.breaks, start)
        first, last = bisect_left(self._starts, start), bisect_left(self._starts, end)
        before = [k for k in range(max(0, first - width), first) if self.clauses[k] == clause]
        after = [k for k in range(last, min(len(self.stems), last + width)) if self.clauses[k] == clause]
        left = self.stems[before[-1]] if before and before[-1] == first - 1 else ""
        right = self.stems[after[0]] if after and after[0] == last else ""
        return frozenset(self.stems[k] for k in before + after), (left, right)

    def following(self, offset: int, count: int) -> list[int]:
        """Indices of the ``count`` content words after ``offset`` in the same clause."""
        first = bisect_right(self._starts, offset)
        after = list(range(first, min(len(self.stems), first + count)))
        return [k for k in after if self.clauses[k] == self.clauses[after[0]]] if after else []


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """A word as names and contexts compare it: lower-case, no possessive or dots, a country's adjective its name."""
    word = norm_word(word)
    return _ALIASES.get(word, word)


def of_sentence(index: int, text: str, common: Mapping[str, bool]) -> tuple[Words, list[Claim]]:
    """The content words and claims of one sentence; ``common[w]``: is the word also lower-case in the cluster."""
    found = figures(text)
    words = Words.of(text, [(f.start, f.end) for f in found])
    out = []
    for f in found:
        if _PART_OF_CODE.match(text, f.end) or _CODE_BEFORE.search(text, 0, f.start):
            continue  # a phone number, an ID or a range, not a figure of the story
        if f.kind == "ordinal" or (f.kind == "date" and f.date[0] is None and f.date[2] is None):
            continue  # "the first round", "in May": which one of several, rarely a figure in dispute
        near, frame = words.context(f.start, f.end)
        kind = "age" if f.kind == "count" and _AGE.match(text, f.end) else f.kind
        out.append(
            Claim(index, kind, f.start, f.end, f.text, f, near=near, frame=frame, slot=words.slot(f.start, f.end))
        )
    taken = [(c.start, c.end) for c in out]
    for start, end, run in _name_runs(_fold(text)):
        parts = _name_parts(run)
        if any(s < end and start < e for s, e in taken) or not parts or common.get(norm_word(run.split()[-1]), True):
            continue
        near, frame = words.context(start, end)
        slot = words.slot(start, end)
        key = parts[-1]
        out.append(Claim(index, "name", start, end, run, key=key, near=near, frame=frame, slot=slot, parts=parts))
    for start, marker in negation_offsets(text):
        predicate = words.following(start, PREDICATE)
        if len(predicate) < 2 or _NOT_A_DENIAL.match(text, start + len(marker)):
            continue
        end = words.spans[predicate[-1]][1]
        _, frame = words.context(start, start + len(marker))
        stems = tuple(words.stems[k] for k in predicate)
        out.append(
            Claim(
                index,
                "negation",
                start,
                end,
                text[start:end],
                key="not",
                near=frozenset(stems),
                frame=frame,
                predicate=stems,
            )
        )
    return words, out


def affirmation(index: int, text: str, words: Words, negated: Claim) -> Claim | None:
    """The verb a negation negates, stated in another sentence without a negation, as a claim (else ``None``).

    Without a negation means: no negation marker in the four words before the
    verb, and no negating verb ("denied", "refused", "failed") earlier in its clause.
    """
    verb = negated.predicate[0]
    for k, found in enumerate(words.stems):
        if found != verb:
            continue
        start = words.spans[k][0]
        lead = " ".join(text[:start].split()[-4:])
        clause = max((b for b in words.breaks if b < start), default=0)
        if negation_offsets(lead) or _NEGATIVE_VERBS.search(text[clause:start]):
            return None
        rest = [j for j in range(k, min(k + PREDICATE, len(words.stems))) if words.clauses[j] == words.clauses[k]]
        end = words.spans[rest[-1]][1]
        _, frame = words.context(start, end)
        near = frozenset(words.stems[j] for j in rest)
        return Claim(index, "negation", start, end, text[start:end], key="yes", near=near, frame=frame)
    return None


_GLUED = re.compile(r"[.,](?=[A-Z])")


def _name_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of adjacent capitalised words, cut at roles: "U.S. Commerce Secretary Howard Lutnick" gives
    "U.S. Commerce" and "Howard Lutnick".  Months and weekdays are dates, not names."""
    runs: list[list[tuple[int, str]]] = [[]]
    end = -1
    for start, word in name_offsets(text):
        word = _GLUED.split(word)[0]  # "II.The": a full stop without its space ends the name
        w = norm_word(word)
        if w in _TITLES or w in MONTHS or w in WEEKDAYS or text[end:start].strip():
            runs.append([])
        if w not in _TITLES and w not in MONTHS and w not in WEEKDAYS:
            runs[-1].append((start, word))
        end = start + len(word)
    return [
        (run[0][0], run[-1][0] + len(run[-1][1]), text[run[0][0] : run[-1][0] + len(run[-1][1])]) for run in runs if run
    ]


def _name_word(word: str) -> str:
    """A word of a name as compared: :func:`canonical`, and "US" (a name here, never the pronoun) as "usa"."""
    word = canonical(word)
    return "usa" if word == "us" else word


@lru_cache(maxsize=4096)
def _spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one name, not two names: at most one letter apart per five ("Kovacs", "Kovach";
    "Murdjatmodjo", "Murjatmodjo")."""
    if abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 5:
        return False
    return _distance(a, b) <= max(len(a), len(b)) // 5


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _fold(text: str) -> str:
    """``text`` with accents dropped letter by letter ("Féin" -> "Fein"): same length, so offsets still hold."""
    if text.isascii():
        return text
    return "".join(unicodedata.normalize("NFKD", ch)[0] if ord(ch) > 127 else ch for ch in text)


def _name_parts(run: str) -> tuple[str, ...]:
    """A name's words as compared, in order: canonical, roles left out, hyphens as spaces ("Jong-il" is
    "Jong Il"), "United States" as "usa"."""
    words = [_name_word(w) for w in re.split(r"[\s-]+", run) if w and canonical(w) not in _TITLES]
    for (a, b), joined in _PAIRS.items():
        for k in range(len(words) - 1):
            if words[k] == a and words[k + 1] == b:
                words[k : k + 2] = [joined, ""]
    return tuple(w for w in words if w)


def common_words(texts: Sequence[str]) -> dict[str, bool]:
    """For each capitalised word of ``texts``: whether it is also written lower-case mid-sentence ("police")."""
    lower: set[str] = set()
    for text in texts:
        lower.update(m.group().lower() for m in re.finditer(r"(?<=[a-z,] )[a-z][a-z'’-]+", text))
    return {w: w in lower for text in texts for _, word in name_offsets(text) for w in [norm_word(word)]}


class Weights:
    """The cluster's inverse document frequency of each content stem, with the weight of word sets remembered."""

    def __init__(self, sentences: Sequence[Words]) -> None:
        df = Counter(w for ws in sentences for w in set(ws.stems))
        self.idf = {w: math.log((1 + len(sentences)) / (1 + n)) + 1 for w, n in df.items()}
        self._mass: dict[frozenset[str], float] = {}

    def mass(self, words: frozenset[str]) -> float:
        found = self._mass.get(words)
        if found is None:
            found = self._mass[words] = sum(self.idf.get(w, 1.0) for w in words)
        return found

    def share(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The weight of what ``a`` and ``b`` have in common, as a share of the lighter of the two."""
        total = min(self.mass(a), self.mass(b))
        return sum(self.idf.get(w, 1.0) for w in a & b) / total if total else 0.0


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
