"""Disputes: linked claims joined into sides, and what the brief does with them.

A :class:`Dispute` holds the claims of several sources about one thing,
grouped by the value they state.  The pipeline uses it three ways: provenance
never counts a source that states another value as support (:func:`against`),
the brief prefers the prevailing side's sentence as its point
(:func:`prefer_prevailing`), and the brief lists it (:mod:`.records`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date
from itertools import pairwise

from ..facts import figures
from ..similarity import Space
from ..tuning import Tuning
from .claims import KINDS, Claim
from .words import MEASURES

Link = tuple[Claim, Claim, bool, float]
"""Two claims about the same thing: whether they agree, and how surely they are about the same thing."""


@dataclass(frozen=True)
class Dispute:
    """Claims of several sources about one thing, grouped by the value they state.

    ``sides[0]`` is the prevailing side: the one most independent sources take
    (or the latest, see ``update``); each side holds one claim per source.  Two copies of one story may
    take different sides (a wire story and its update): each counts once in ``support``.
    """

    kind: str
    sides: tuple[tuple[Claim, ...], ...]
    support: tuple[int, ...]
    """Independent sources (copies count once) per side."""
    update: bool = False
    """Every source is dated and the dates order the sides: the latest side is first (:func:`by_date`)."""

    def side_of(self, sentence: int) -> int | None:
        return next((k for k, side in enumerate(self.sides) for c in side if c.sentence == sentence), None)

    @property
    def sentences(self) -> set[int]:
        return {c.sentence for side in self.sides for c in side}


def join(
    links: Sequence[Link], texts: Sequence[str], sources: Sequence[int], origins: Sequence[int], tuning: Tuning
) -> list[Dispute]:
    """Join linked claims into disputes, sides by agreement; ``texts[i]``, ``sources[i]`` and ``origins[i]`` are
    sentence ``i``'s text, document and independent source."""
    strength: defaultdict[Claim, float] = defaultdict(float)
    for m, n, _, score in links:
        strength[m] += score
        strength[n] += score
    firm = {c for m, n, agree, score in links if not agree and score >= tuning.firm_context for c in (m, n)}
    found = []
    for group in in_conflict(links):
        dispute = _sides(group, texts, sources, origins, strength, firm, tuning)
        if dispute is not None:
            found.append(dispute)
    return sorted(found, key=lambda d: min(d.sentences))


def in_conflict(links: Sequence[Link]) -> list[list[Claim]]:
    """The groups of claims that ``links`` join, through any links, and that hold a conflict: each group in
    text order, the groups by their first claim."""
    parent: dict[Claim, Claim] = {}

    def root(c: Claim) -> Claim:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for m, n, _, _ in links:
        parent[root(m)] = root(n)
    conflicted = {root(m) for m, _, agree, _ in links if not agree}
    members: dict[Claim, list[Claim]] = defaultdict(list)
    for c in sorted(parent, key=lambda c: (c.sentence, c.start)):
        if root(c) in conflicted:
            members[root(c)].append(c)
    return list(members.values())


def _sides(
    group: list[Claim],
    texts: Sequence[str],
    sources: Sequence[int],
    origins: Sequence[int],
    strength: Mapping[Claim, float],
    firm: set[Claim],
    tuning: Tuning,
) -> Dispute | None:
    """Group claims by value; on each side, a document counts once (with its most strongly linked claim).

    A document may be on two sides (one that gives "37 years" here and "67
    years" there contradicts itself), but a side that only such documents take
    is left out: when the one report stating a value states the other too, it
    is mostly telling two things apart (two people's ages, a sentence and time
    served, a crash day and the permitted days), not disagreeing with anyone;
    unless one of its claims is ``firm``: in conflict with a claim in words
    alike to ``Tuning.firm_context`` ("weighs 75 pounds, with blond hair",
    "weighs 51 pounds, with blond hair"), as no two things told apart are, or
    the document dates one thing, or gives one sum, two ways in the same words
    ("early Friday morning", "early Sunday morning"; :func:`_one_thing`; a count
    in the same words is mostly two people's: "weighs 75 pounds", "weighs 157 pounds").
    """
    values: list[list[Claim]] = []
    for c in sorted(group, key=lambda c: (c.sentence, c.start)):
        side = next((s for s in values if s[0].agrees(c, tuning.about_share)), None)
        (side.append(c) if side is not None else values.append([c]))
    sides = []
    for side in values:
        best: dict[int, Claim] = {}
        for c in side:
            doc = sources[c.sentence]
            if doc not in best or strength[c] > strength[best[doc]]:
                best[doc] = c
        sides.append(sorted(best.values(), key=lambda c: (c.sentence, c.start)))
    docs = [{sources[c.sentence] for c in side} for side in sides]
    sides = [
        side
        for k, side in enumerate(sides)
        if not docs[k] <= set().union(*docs[:k], *docs[k + 1 :])
        or firm.intersection(side)
        or any(_one_thing(texts, c, d) for c in side for j, other in enumerate(sides) if j != k for d in other)
    ]
    if len(sides) < 2:
        return None
    support = [len({origins[c.sentence] for c in side}) for side in sides]
    order = sorted(range(len(sides)), key=lambda k: (-support[k], -len(sides[k]), min(c.sentence for c in sides[k])))
    return Dispute(KINDS[group[0].kind], tuple(tuple(sides[k]) for k in order), tuple(support[k] for k in order))


def _one_thing(texts: Sequence[str], a: Claim, b: Claim) -> bool:
    """Two dates between the very same words ("early Friday morning", "early Sunday morning"), or two sums,
    percentages or counts of things between the very same two words ("stealing more than $40,000 worth",
    "stealing more than $55,926 worth"; "shot him ten times", "shot him four times"): one thing given two values,
    not two things told apart.  A measure ("weighs 75 pounds", "weighs 157 pounds") may be two people's, and a
    label's number ("a Category 2 storm", "a Category 4 storm") two moments' (:data:`_LABEL`)."""
    if a.slot != b.slot or a.sentence == b.sentence:
        return False
    counted = a.kind == "count" and a.slot[1] not in MEASURES and not any(_labels(texts, c) for c in (a, b))
    dated = KINDS[a.kind] == "date" and any(a.slot)
    return dated or ((a.kind in ("amount", "percent") or counted) and all(a.slot))


_LABEL = re.compile(r"\b(?i:a|an|the)\s+[A-Z][\w.]*\s$")
"""A capitalised word after an article right before a number: the number is a label's ("a Category 4 storm", "the
Route 9 bridge"), where a name right before a count is whom it is said of ("shot Penn four times")."""


def _labels(texts: Sequence[str], c: Claim) -> bool:
    return bool(_LABEL.search(texts[c.sentence], max(0, c.start - 16), c.start))


def against(disputes: Sequence[Dispute], origins: Sequence[int]) -> dict[int, frozenset[int]]:
    """For each sentence that takes a side: the independent sources that take another (never its support)."""
    out: dict[int, set[int]] = defaultdict(set)
    for d in disputes:
        for k, side in enumerate(d.sides):
            others = {origins[c.sentence] for j, s in enumerate(d.sides) if j != k for c in s}
            for c in side:
                out[c.sentence] |= others - {origins[c.sentence]}
    return {i: frozenset(o) for i, o in out.items()}


def prefer_prevailing(space: Space, points: Sequence[int], disputes: Sequence[Dispute], words: int) -> list[int]:
    """``points`` with each one that takes a losing side replaced by the prevailing side's closest sentence.

    The replacement must not be a point already and must keep the brief within
    ``words``; when none does, the point stays (and the brief shows the dispute).
    """
    chosen = list(points)
    for d in disputes:
        for n, p in enumerate(chosen):
            side = d.side_of(p)
            if not side:
                continue
            left = words - sum(space.sentences[q].words for q in chosen) + space.sentences[p].words
            options = [
                c.sentence for c in d.sides[0] if c.sentence not in chosen and space.sentences[c.sentence].words <= left
            ]
            if options:
                chosen[n] = max(options, key=lambda i: (space.matrix[p, i], -i))
    return chosen


def by_date(disputes: Sequence[Dispute], space: Space, dates: Mapping[str, str | None]) -> list[Dispute]:
    """Each dispute, with its latest side first and ``update`` set when every source is dated and the dates
    order the sides (a toll that rose between an early and a later report)."""
    return [_by_date(d, space, dates) for d in disputes]


def _by_date(d: Dispute, space: Space, dates: Mapping[str, str | None]) -> Dispute:
    spans: list[tuple[Date, Date]] = []
    for side in d.sides:
        days = [_day(dates.get(space.sentences[c.sentence].source)) for c in side]
        known = [day for day in days if day is not None]
        if len(known) < len(days):
            return d
        spans.append((min(known), max(known)))
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    if not all(spans[a][1] < spans[b][0] for a, b in pairwise(order)):
        return d
    latest = list(reversed(order))
    return replace(d, sides=tuple(d.sides[k] for k in latest), support=tuple(d.support[k] for k in latest), update=True)


def _day(value: str | None) -> Date | None:
    """The day a source's ``date`` names: ISO (``2025-06-10``, with or without a time) or written out."""
    if not value:
        return None
    try:
        return Date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    found = [f for f in figures(value) if f.kind == "date" and all(f.date)]
    if not found:
        return None
    year, month, day = found[0].date
    try:
        return Date(year or 0, month or 0, day or 0)
    except ValueError:
        return None
