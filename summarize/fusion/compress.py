"""Sentence compression by deletion: cut what carries no reported fact, keep every other character.

A compression is a list of kept character spans of one source sentence, so
every word of it is that sentence's own word at a known offset (per-token
provenance for free).  The rules are plain patterns, no parser: a dateline
("LONDON (Reuters) -"), an opening connective ("But", "Meanwhile,"), a
parenthetical ("(pictured)", "(AP)"), an em-dash aside, a non-restrictive
apposition or relative clause between commas (", 45, ", ", who was elected
in 2019, "), a trailing ", which ..." clause, and the empty frame of an
attribution ("said in a statement" -> "said", "In a statement, ").  A speaker
is never cut: asides that contain a reporting verb stay, nothing inside a
quotation is cut (that would misquote), and the guard rejects
any compression that loses the speaker, a hedge or a negation anyway.

Which cuts are worth their loss is decided later, by the fuser's informativeness
score: :func:`compressions` offers the light cut (no fact-bearing clause removed)
and the full one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Spans = tuple[tuple[int, int], ...]
"""Kept ``(start, end)`` offsets into the sentence text, in order and disjoint."""

_REPORTING = (
    r"(?:said|says|say|told|tells|according|reported|reports|added|stated|announced|claimed|wrote|argued|insisted)"
)

_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]*){0,3}\s*(?:\([^()]{1,40}\))?|\([A-Z][A-Za-z .&]{1,30}\))"
    r"\s*(?:[—–]|--?)\s+"
)
"""A wire dateline: "WASHINGTON (AP) — ", "LONDON, England -- ", "(CNN) — "."""

_OPENER = re.compile(
    r"(?:But|And|However|Meanwhile|Also|Still|Yet|So|Moreover|Additionally|Furthermore|Indeed|Instead|Now|"
    r"In addition|In fact|At the same time|In a statement|In an interview|In a press release)\s*,?\s+(?=\S)"
)
"""A connective or an empty attribution frame opening the sentence: no fact of its own."""

_PAREN = re.compile(r"\s*\([^()]{1,80}\)(?=[\s,.;:!?]|$)")
_DASH_ASIDE = re.compile(r"\s+[—–]\s+[^—–]{1,80}?\s+[—–](?=\s)")
_COMMA_ASIDE = re.compile(
    r"(?:,\s(?:who|whose|which|aged\s|\d{1,3},)|(?<=[a-z]),\s(?:a|an|the)\s)[^,;:\"“”()]{1,80}?,(?=\s[a-z])"
)
"""A comma-bounded relative clause, age or apposition followed by the sentence going on in lower case.
An apposition ("a/an/the ...") counts only after a capitalized name (checked in :func:`_cuts`)."""
_TRAILING_CLAUSE = re.compile(r",\s(?:which|who|including|where|while)\s[^,;:\"“”]{3,}?(?=[.!?][\"'”’)]*$)")
_EMPTY_FRAME = re.compile(
    rf"\b{_REPORTING}(?P<cut>\s+(?:in|on)\s+(?:a|an|his|her|their|its)\s+"
    r"(?:statement|interview|press release|news release|email|e-mail|post|tweet|news conference|press conference)\b)"
)
"""The container of a quote ("said in a statement", "told ... in an interview"): not the speaker, not a fact."""

_SAID_THAT = re.compile(r"\b(?:said|says|added|stated)(?P<cut>\s+that)\s+(?=[a-z])")
"""The "that" of "said that ...": the clause reads the same without it."""
_SAID_WHEN = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|added)(?P<cut>\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today))\b"
)
"""The day of an attribution ("said on Tuesday"): often said twice in one sentence, rarely the news."""
_LEAD_CLAUSE = re.compile(
    r"(?:As|After|While|When|With|Despite|Following|Amid|Since|Before|Although|Though|Because|Earlier|Last)\s"
    r"[^,;:\"“”()]{3,80},\s+(?=[A-Za-z])"
)
"""An adverbial clause before the subject ("As the storm swung north Thursday, ..."): context, not the news."""
_TAIL = re.compile(
    r",\s(?:[a-z]+ing|after|as|but|while|though|although|and|before|when|because|since|amid|despite|with|where)\s"
    r"[^;:\"“”]{3,}?(?=[.!?][\"'”’)]*$)"
)
"""A trailing clause after the main one (", seeking a breakthrough on ...", ", but ..."); true without it."""

_LIGHT = (_DATELINE, _OPENER, _PAREN, _EMPTY_FRAME, _SAID_THAT)
_FULL = (*_LIGHT, _DASH_ASIDE, _COMMA_ASIDE, _TRAILING_CLAUSE, _SAID_WHEN)
_SHORT = (*_FULL, _LEAD_CLAUSE, _TAIL)


def _cuts(text: str, rules: Iterable[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Character ranges the rules delete, leaving any aside that names a speaker."""
    speaker = re.compile(rf"\b{_REPORTING}\b", re.I)
    cuts = []
    lead = 0  # the opening rules apply one after the other: a dateline, then a connective
    for rule in rules:
        if rule in (_DATELINE, _OPENER, _LEAD_CLAUSE):
            m = rule.match(text, lead)
            if m:
                cuts.append(m.span())
                lead = m.end()
            continue
        for m in rule.finditer(text):
            start, end = m.span("cut") if "cut" in rule.groupindex else m.span()
            if rule is _COMMA_ASIDE and re.match(r",\s(?:a|an|the)\s", m.group()) and not _after_name(text, start):
                continue
            if _in_quote(text, start):
                continue  # a quotation is cited whole: cutting inside it misquotes
            if end > start and not (rule not in _FRAMES and speaker.search(m.group())):
                cuts.append((start, end))
    return _merge(cuts)


_FRAMES = (_OPENER, _EMPTY_FRAME, _SAID_THAT, _SAID_WHEN)
"""Rules that cut next to a reporting verb by design (never the speaker)."""


def _in_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation (curly or straight quotes opened before it and not closed)."""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _after_name(text: str, pos: int) -> bool:
    """Whether the word ending at ``pos`` is capitalized, and no quotation is open: an apposition's anchor."""
    word = re.search(r"([\w.'’-]+)$", text[:pos])
    return bool(word and word.group(1)[0].isupper()) and text[:pos].count("“") == text[:pos].count("”")


def _merge(cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(cuts):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _kept(text: str, cuts: list[tuple[int, int]]) -> Spans:
    spans = []
    pos = 0
    for s, e in cuts:
        if s > pos:
            spans.append((pos, s))
        pos = e
    if pos < len(text):
        spans.append((pos, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def compressions(text: str) -> list[tuple[str, Spans]]:
    """The distinct compressions of ``text``, lightest first, as ``(name, spans)``; none when nothing is cut.

    ``light`` removes only what never carries a fact (datelines, openers,
    parentheticals, empty attribution frames, the "that" of "said that");
    ``full`` also asides and relative clauses that may; ``short`` also a
    leading adverbial clause and the trailing clause after the main one.
    """
    found: list[tuple[str, Spans]] = []
    for name, rules in (("light", _LIGHT), ("full", _FULL), ("short", _SHORT)):
        cuts = _cuts(text, rules)
        spans = _kept(text, cuts)
        if cuts and spans and spans not in [s for _, s in found]:
            found.append((name, spans))
    return found


__all__ = ["Spans", "compressions"]
