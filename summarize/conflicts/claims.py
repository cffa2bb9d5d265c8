"""Claims: the comparable facts of a sentence, each with the words that say what it is about.

A claim is a figure (:func:`summarize.facts.figures`), a name (:mod:`.names`)
or a negation, plus two bags of content stems (:mod:`.words`): ``near``, the
few words either side of it in its clause ("exports to the U.S. plunged … in
May"), and ``frame``, the words of its clause.  Two claims from different
sources are about the same thing when their words meet
(:func:`.words.context_score`); that is what tells "overall exports rose 4.8%"
from "exports to the US fell 34.5%" in one sentence pair.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..facts import Figure, figures, negation_offsets, same_figure
from ..text import norm_word
from .names import PLACE_PREFIXES, fold, name_parts, name_runs, one_name, spelled_alike
from .words import Words

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

_AGE = re.compile(r"[- ]years?[- ]old\b", re.I)
"""What makes a count someone's age ("73-year-old"): ages are compared only between sentences about one person."""
_AGE_APART = re.compile(r"\b[A-Z][\w'’.-]*, $")
"""A count between commas right after a name is the person's age ("Marlowe, 53, was charged")."""
_PART_OF_CODE = re.compile(r"[-/)]\d|\d")
_CODE_BEFORE = re.compile(r"\d[-/(]$")
_NOT_A_DENIAL = re.compile(r"\s+(?:only|just|merely|least|less|longer|more|matter|doubt|\d)|\s*[.!?]", re.I)
"""What follows a negation marker that negates nothing a source could contradict: "not only", "no longer",
"no matter", "no doubt", "No. 1", and the end of a sentence ("a smooth transition - NOT! Doing my best ..."
does not deny "doing my best")."""
_ASKED = re.compile(r"[^.!?]*\?")
"""A question from the negation on: it asks, it does not deny ("You don't think so?")."""
_RELATIVE = re.compile(
    r"\b(?:that|who|which)\s+(?:(?:do|does|did|is|are|was|were|has|have|had|can|will|would)\s+)?$", re.I
)
"""A negation that says which ones ("car washes that do not recycle their water"): a description, not a denial
("car washes must recycle their water" agrees with it); only the same description without the negation ("a
barrier which is designed to ...", "a barrier which is not designed to ...") contradicts it."""
_A_FIRST = re.compile(r"\bfirst time\b", re.I)
"""A verb stated as a first ("the first time NASA has named a spacecraft for a living person"): it says what
"never" says of before ("NASA has never named a spacecraft after a living researcher"), it does not contradict it."""
_NEGATIVE_VERBS = re.compile(r"\b(?:den(?:y|ies|ied)|refus|declin|fail|reject|unable|lack|absen|against\b)", re.I)
"""Words that negate without a negation marker: a negated predicate against one of these is no conflict."""
_UNASSERTED = re.compile(r"\b(?:may|might|if|whether|unless|claim(?:s|ed)?)\b|^\W*should\b", re.I)
"""Words that put a verb in doubt ("Samsung may collect", "should Pao decide to pursue", "claimed to be"):
it is not stated, so it contradicts no negation.  Other modals do not ("he would resign" against "he would
not resign" is a conflict)."""

_MODIFIERS = frozenset(
    "different various major minor separate distinct big small large huge main key neighboring neighbouring nearby"
    " surrounding individual whole".split()
)
"""Words between a count and what it counts that say what kind, not which ones: "ten neighboring states" counts
states as "three states" does.  "other", "more", "new", "additional" say which ones (a second quantity), so
they are not here."""

PREDICATE = 3
"""Content words after a negation marker that make up what it negates; "without" negates one, its noun ("without
warning could cause blackouts" denies the warning, not the blackouts)."""


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
    relative: bool = field(default=False, compare=False)
    """A negation in a relative clause ("a barrier which is not designed to"): it describes which ones."""

    @property
    def full_name(self) -> bool:
        """A name of two words or more written apart ("John Austin Huggins", not "U.S.-China"), not two
        words starting as place names do ("Fort Worth", "North Texas"): a person's, mostly."""
        place = len(self.parts) == 2 and self.parts[0] in PLACE_PREFIXES
        return self.kind == "name" and len(self.value.split()) > 1 and not place

    @cached_property
    def comparable(self) -> str:
        """Claims are compared only within one class: a kind, and an amount's currency."""
        return self.kind + (self.figure.unit if self.figure and self.kind == "amount" else "")

    def agrees(self, other: Claim, about: float) -> bool:
        """Whether ``other`` states the same value (a rounded or bounded figure may, see ``same_figure``)."""
        if self.figure is not None and other.figure is not None:
            return same_figure(self.figure, other.figure, about=about)
        if self.kind == "name":  # "Trump" is "Donald Trump"; "Howard Smith" is not "Howard Lutnick"
            return (
                self.key == other.key
                or one_name(self.parts, other.parts)
                or self.same_person(other)
                or spelled_alike(self.key, other.key)
            )
        return self.key == other.key

    def same_person(self, other: Claim) -> bool:
        """Whether one name's words are all in the other ("Trump", "Donald Trump"); "Tom Hollis" and "Mara
        Lee Hollis" share a surname but are two people."""
        mine, theirs = set(self.parts), set(other.parts)
        return mine <= theirs or theirs <= mine

    def variant_of(self, other: Claim) -> bool:
        """Whether two names differ only in their last word: "Gwen Conliffe" and "Gwen Ostrowski", "San Diego"
        and "San Jose" (the same name with another surname, the same place with another city).  The leading
        words may be fewer in one ("Speaker John Boehner", "House Speaker John Okonkwo"): the words of one end
        the other's, or begin them, a middle name left out ("Carlie Marie Trent", "Carlie Trent")."""
        short, long = sorted((self.parts[:-1], other.parts[:-1]), key=len)
        ends = long[len(long) - len(short) :] == short
        middle = len(long) == len(short) + 1 and long[: len(short)] == short
        return bool(short) and (ends or middle) and self.key != other.key

    def shares_slot(self, other: Claim) -> bool:
        """Whether two claims have the same word right before or right after them ("… flybys", "Category …")."""
        return any(a and a == b for a, b in zip(self.slot, other.slot, strict=True))

    def same_slot(self, other: Claim) -> bool:
        """Whether two claims sit between the same words ("Secretary Howard _ said"): one side the same,
        the other the same too or at the edge of its clause."""
        sides = [(a == b and a != "", a == "" or b == "") for a, b in zip(self.slot, other.slot, strict=True)]
        return any(same for same, _ in sides) and all(same or edge for same, edge in sides)


def of_sentence(
    index: int, text: str, common: Mapping[str, bool], found: list[Figure] | None = None
) -> tuple[Words, list[Claim]]:
    """The content words and claims of one sentence; ``common[w]``: is the word also lower-case in the cluster;
    ``found``: its figures, when the caller has read them already (:func:`summarize.facts.figures`)."""
    found = figures(text) if found is None else found
    words = Words.of(text, [(f.start, f.end) for f in found])
    out = []
    for f in found:
        if _PART_OF_CODE.match(text, f.end) or _CODE_BEFORE.search(text, max(0, f.start - 3), f.start):
            continue  # a phone number, an ID or a range, not a figure of the story
        if f.kind == "ordinal" or (f.kind == "date" and f.date[0] is None and f.date[2] is None):
            continue  # "the first round", "in May": which one of several, rarely a figure in dispute
        near, slot = words.context(f.start, f.end)
        if f.kind == "count":
            slot = _counted(text, words, f.end, slot)
        apart = text[f.end : f.end + 1] == "," and _AGE_APART.search(text, max(0, f.start - 40), f.start)
        aged = _AGE.match(text, f.end) or apart
        kind = "age" if f.kind == "count" and aged else f.kind
        out.append(Claim(index, kind, f.start, f.end, f.text, f, near=near, frame=words.all, slot=slot))
    taken = [(c.start, c.end) for c in out]
    for start, end, run in name_runs(fold(text)):
        parts = name_parts(run)
        if any(s < end and start < e for s, e in taken) or not parts or common.get(norm_word(run.split()[-1]), True):
            continue
        near, slot = words.context(start, end)
        key = parts[-1]
        out.append(Claim(index, "name", start, end, run, key=key, near=near, frame=words.all, slot=slot, parts=parts))
    for start, marker in negation_offsets(text):
        predicate = words.following(start, 1 if marker.lower() == "without" else PREDICATE)
        if not predicate or _NOT_A_DENIAL.match(text, start + len(marker)) or _ASKED.match(text, start):
            continue
        end = words.spans[predicate[-1]][1]
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
                frame=words.all,
                predicate=stems,
                relative=bool(_RELATIVE.search(text, 0, start)),
            )
        )
    return words, out


def _counted(text: str, words: Words, end: int, slot: tuple[str, str]) -> tuple[str, str]:
    """A count's slot with what it counts on the right: a modifier (:data:`_MODIFIERS`) right after the count
    skipped ("ten neighboring states", "three states"; "16 different language editions", "24 major language
    editions"), so counts of one thing sit in one slot and counts of two things ("21 samples", "66 sites") do not."""
    k = bisect_left(words.starts, end)
    if not slot[1] or k + 1 >= len(words.stems) or words.clauses[k + 1] != words.clauses[k]:
        return slot
    first = words.spans[k]
    return (slot[0], words.stems[k + 1]) if text[first[0] : first[1]].lower() in _MODIFIERS else slot


def affirmation(index: int, text: str, words: Words, negated: Claim) -> Claim | None:
    """The verb a negation negates, stated in another sentence without a negation, as a claim (else ``None``).

    Without a negation means: no negation marker in the four words before the
    verb ("without" negates its own noun: "without warning could cause" affirms), and no word of doubt ("may",
    "if", "whether", "claimed") nor negating verb ("denied", "refused", "failed", "against") earlier in its
    clause, nor, against "never", "first time".  A negation in a relative clause is contradicted only by the
    verb in one too ("which is designed").  Of several mentions of the verb, the one followed by the most words
    of the predicate is the one that states it ("she has visited the shelters ... she has visited the flooded
    hospital" against "has not visited the flooded hospital"); the first of them when none is.
    """
    verb = negated.predicate[0]
    mentions = [k for k, found in enumerate(words.stems) if found == verb]
    for k in sorted(mentions, key=lambda k: -len(_rest(words, k) & set(negated.predicate)))[:1]:
        start = words.spans[k][0]
        lead = " ".join(text[:start].split()[-4:])
        clause = max((b for b in words.breaks if b < start), default=0)
        if (
            any(marker.lower() != "without" for _, marker in negation_offsets(lead))
            or text.endswith("non-", 0, start)  # "non-life-threatening injuries" says "no life-threatening injuries"
            or (negated.relative and not _RELATIVE.search(text, 0, start))
            or _UNASSERTED.search(text[clause:start])
            or (negated.value.lower().startswith("never") and _A_FIRST.search(text[clause:start]))
            or _NEGATIVE_VERBS.search(text[clause:start])
        ):
            return None
        rest = _following(words, k)
        end = words.spans[rest[-1]][1]
        near = frozenset(words.stems[j] for j in rest)
        return Claim(index, "negation", start, end, text[start:end], key="yes", near=near, frame=words.all)
    return None


def asserted(text: str, words: Words, negated: Claim) -> bool:
    """Whether a negation is stated, not put in doubt by its clause (:data:`_UNASSERTED`: "If the council had
    not closed the bridge, ..."): what is not stated contradicts nothing."""
    clause = max((b for b in words.breaks if b < negated.start), default=0)
    return not _UNASSERTED.search(text[clause : negated.start])


def _following(words: Words, k: int) -> list[int]:
    """Word ``k`` and the next ones in its clause, :data:`PREDICATE` in all at most: a stated verb's predicate."""
    return [j for j in range(k, min(k + PREDICATE, len(words.stems))) if words.clauses[j] == words.clauses[k]]


def _rest(words: Words, k: int) -> set[str]:
    return {words.stems[j] for j in _following(words, k)}
