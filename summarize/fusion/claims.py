"""Guard rules about how a claim is held: who says it, how sure it is, and words said twice.

A fusion built from the sources' own words can still turn "Hassett said the
US could lift controls on some semiconductors" into "The US could lift
controls on semiconductors": no new word, but a claim became a fact and
"some" became all.  These rules, run by :func:`summarize.fusion.guard.check`
on every candidate of every fusion path, reject that:

- **attribution**: when the point, or every cited sentence, attributes the
  statement (a reporting verb: said, told, according to, ...), the candidate
  must attribute it too, and to a speaker the cited sentences name;
- **hedges**: a hedge, quantifier or condition (some, may, reportedly, about,
  up to, nearly, if, ...) of the point, or of every cited sentence, must stay;
- **repeats**: a content word the candidate says twice where no cited
  sentence does ("said Tuesday ... on Tuesday").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..text import FILLER_WORDS, fact_words, norm_word, stem

_REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|stated|states|mentioned|added|adds|announced|claimed|claims|noted|"
    r"explained|warned|insisted|argued|wrote|confirmed|denied|suggested|estimated|reported|reportedly|alleged|"
    r"allegedly|according to|in a statement)\b",
    re.I,
)
_VERB = re.compile(_REPORTING.pattern.replace(r"|according to|in a statement", ""), re.I)
PRONOUN_SPEAKERS = frozenset("he she they it we i officials".split())
"""Speakers that name nobody: kept by :func:`speakers` (a candidate may keep "he said"), never a name to match."""
_REACH = 80
"""Characters read on each side of a word for its neighbours (a verb's speaker, the word a hedge qualifies):
enough for three words, so that a long sentence is not tokenized once per match."""

HEDGES = (
    "some", "may", "might", "could", "would", "reportedly", "allegedly", "apparently", "possibly", "probably",
    "likely", "about", "around", "approximately", "roughly", "nearly", "almost", "up to", "at least",
    "more than", "less than", "fewer than", "as many as", "as much as", "estimated", "suspected", "expected",
    "believed", "potentially", "several", "many", "most", "if", "unless", "in return for", "provided",
)
"""Words and phrases that qualify a claim or a quantity, or make it conditional ("if China speeds up ..."):
dropping one overstates the sources."""
_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.I)


def attributes(text: str) -> bool:
    """Whether ``text`` reports a statement (a reporting verb or "according to")."""
    return bool(_REPORTING.search(text))


def speakers(text: str) -> set[str]:
    """Words that may name who speaks in ``text``: the two words before and after each reporting verb.

    Crude on purpose: a candidate keeps the speaker when it keeps one of these
    words (a name, "police", "he") next to a reporting verb of its own.
    """
    found: set[str] = set()
    for m in _REPORTING.finditer(text):
        before = [norm_word(w) for w in fact_words(text[max(0, m.start() - _REACH) : m.start()])]
        after = [norm_word(w) for w in fact_words(text[m.end() : m.end() + _REACH])]
        found.update(w for w in before[-2:] + after[:3] if w not in FILLER_WORDS or w in PRONOUN_SPEAKERS)
    return found


_CONDITIONS = frozenset({"if", "unless", "in return for", "provided"})
"""Hedges that qualify the whole claim ("the US could lift controls if China ..."), not the word after them."""


def _hedges(text: str) -> set[str]:
    return {m.group().lower() for m in _HEDGE.finditer(text)}


def _stems(text: str) -> set[str]:
    return {stem(norm_word(w)) for w in fact_words(text)}


def _held(text: str, kept: set[str]) -> set[str]:
    """The hedges of ``text`` that still qualify something a candidate keeping the stems ``kept`` says.

    A condition always does. Any other hedge qualifies the next content word ("nearly seven hours", "some
    semiconductors", "reportedly opposed"): a candidate that keeps that word must keep the hedge, one that
    drops both ("... following nearly seven hours of talks" cut) overstates nothing.
    """
    held = set()
    for m in _HEDGE.finditer(text):
        hedge = m.group().lower()
        after = (norm_word(w) for w in fact_words(text[m.end() : m.end() + _REACH]))
        qualified = next((w for w in after if w not in FILLER_WORDS and not _HEDGE.fullmatch(w)), None)
        if hedge in _CONDITIONS or qualified is None or stem(qualified) in kept:
            held.add(hedge)
    return held


def attribution(candidate: str, point: str, sources: Sequence[str]) -> list[str]:
    """The candidate states as fact what the point (or every cited sentence) attributes to a speaker."""
    required = attributes(point) or all(attributes(s) for s in sources)
    if not required:
        return []
    if not _VERB.search(candidate) and "according to" not in candidate.lower():
        return ["drops attribution"]
    who = set().union(*(speakers(s) for s in sources if attributes(s)))
    kept = {norm_word(w) for w in fact_words(candidate)}
    return [] if not who or who & kept else ["drops speaker"]


def hedges(candidate: str, point: str, sources: Sequence[str]) -> list[str]:
    """A hedge or quantifier of the point, or of every cited sentence, that the candidate lacks while it keeps
    what the hedge qualifies (:func:`_held`)."""
    kept = _stems(candidate)
    shared = set.intersection(*(_held(s, kept) for s in sources)) if sources else set()
    missing = sorted((_held(point, kept) | shared) - _hedges(candidate))
    return ["drops hedge: " + ", ".join(missing[:3])] if missing else []


def repeats(candidate: str, sources: Sequence[str]) -> list[str]:
    """Content words said twice that no cited sentence says twice."""
    def counts(text: str) -> Counter[str]:
        return Counter(w for w in (norm_word(x) for x in fact_words(text)) if w not in FILLER_WORDS and len(w) > 2)

    most = Counter[str]()
    for s in sources:
        most |= counts(s)
    twice = [w for w, c in counts(candidate).items() if c > max(1, most[w])]
    return ["repeated word: " + ", ".join(twice[:3])] if twice else []


def check(candidate: str, point: str, sources: Sequence[str]) -> list[str]:
    """Every reason of this module's rules, in order: attribution, hedges, repeats."""
    return [*attribution(candidate, point, sources), *hedges(candidate, point, sources), *repeats(candidate, sources)]


__all__ = ["HEDGES", "PRONOUN_SPEAKERS", "attributes", "attribution", "check", "hedges", "repeats", "speakers"]
