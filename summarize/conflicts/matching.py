"""Matching claims across sources: which pairs are about the same thing, and whether they agree.

Over the :class:`~summarize.similarity.Space` (its similarity matrix is not
recomputed), every sentence pair from two documents that is close enough has
its claims (:mod:`.claims`) matched by what they are about.  A matched pair
*agrees* when the values can be the same (34.5% and 34.5 per cent; 35% and
34.5%; "more than 200" and 212) and *conflicts* when they cannot and neither
sentence also states the other's value (a source giving both "212" and "231"
is telling two things apart, not disagreeing).  Sentences that give
different dates (2015 and 2016), or name different people, are about
different times or people, so their figures are not compared.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections.abc import Sequence

import numpy as np

from ..facts import Figure
from ..similarity import Space, most_alike, row_blocks
from ..text import stem
from ..tuning import DEFAULT, Tuning
from .claims import KINDS, PREDICATE, Claim, affirmation, asserted
from .cluster import Cluster, build
from .disputes import Dispute, Link, in_conflict, join
from .roles import named_two_ways, renamed, same_role
from .words import MEASURES, SPANS, context_score


def find(space: Space, origins: Sequence[int], tuning: Tuning = DEFAULT) -> list[Dispute]:
    """Every dispute among the sentences of ``space``; ``origins[i]`` is sentence ``i``'s independent source.

    Only the claims of pairs that can hold a conflict are matched (:func:`_may_conflict`), and then those
    of every pair of a sentence whose claims are linked to a conflict (:func:`_closed`): a dispute is a
    set of linked claims holding a conflict, so that finds every dispute as matching every pair does, each
    with all its links, in the same order.  About one pair in two hundred holds a conflict on the dev
    clusters; matching the claims of all of them was a tenth of a brief's time.
    """
    cluster = build(space, origins)
    pairs = _pairs(space, cluster.sources, cluster.claims, tuning)
    alike = [float(space.matrix[i, j]) for i, j in pairs]
    negations: list[list[Link]] = [
        _negations(cluster, i, j, sim, tuning) + _negations(cluster, j, i, sim, tuning)
        if sim >= tuning.negation_predicate_similarity
        else []
        for (i, j), sim in zip(pairs, alike, strict=True)
    ]
    others = _event_days(cluster, space, tuning)
    others += [(m, n, False, score) for m, n, score in named_two_ways(cluster, tuning)]
    matched = _closed(cluster, pairs, alike, [link for found in negations for link in found] + others, tuning)
    links: list[Link] = []
    for k, found in enumerate(negations):
        links += matched.get(k, [])
        links += found
    return join(links + others, cluster.texts, cluster.sources, cluster.origins, tuning)


def _closed(
    cluster: Cluster, pairs: Sequence[tuple[int, int]], alike: Sequence[float], given: Sequence[Link], tuning: Tuning
) -> dict[int, list[Link]]:
    """:func:`_links` of the pairs (by index) a dispute can need: those that may hold a conflict, then every
    pair of a sentence holding a claim linked, through any links, to a conflict, until no new sentence is
    reached.  ``given`` are the links found otherwise (negations, event days, names given two ways)."""
    matched = {
        k: _links(cluster, i, j, alike[k], tuning)
        for k, (i, j) in enumerate(pairs)
        if _may_conflict(cluster, i, j, alike[k], tuning)
    }
    of_sentence: dict[int, list[int]] = {}
    for k, (i, j) in enumerate(pairs):
        of_sentence.setdefault(i, []).append(k)
        of_sentence.setdefault(j, []).append(k)
    done: set[int] = set()
    while True:
        linked = in_conflict([*given, *(link for found in matched.values() for link in found)])
        reached = {c.sentence for group in linked for c in group} - done
        if not reached:
            return matched
        for s in sorted(reached):
            for k in of_sentence.get(s, ()):
                if k not in matched:
                    i, j = pairs[k]
                    matched[k] = _links(cluster, i, j, alike[k], tuning)
        done |= reached


def _may_conflict(cluster: Cluster, i: int, j: int, similarity: float, tuning: Tuning) -> bool:
    """Whether :func:`_links` can find a conflict in sentences ``i`` and ``j``: two claims of one class whose
    values differ, and for names only two that :func:`.roles.same_role` can take for one (one name another
    way, or in sentences ``Tuning.person_similarity`` alike, one name used by one document alone).  A
    necessary condition, cheap to test: most pairs only give names of different people, or agree."""
    b = [n for n in cluster.claims[j] if n.kind != "negation"]
    close = similarity >= tuning.person_similarity
    for m in cluster.claims[i]:
        if m.kind == "negation":
            continue
        for n in b:
            if n.comparable != m.comparable:
                continue
            if m.kind == "name" and not (
                m.variant_of(n) or (close and min(cluster.name_users.get(c.key, 0) for c in (m, n)) == 1)
            ):
                continue
            if not m.agrees(n, tuning.about_share):
                return True
    return False


def _pairs(space: Space, sources: Sequence[int], per: Sequence[list[Claim]], tuning: Tuning) -> list[tuple[int, int]]:
    """Sentence pairs of two documents, close enough to compare: both make claims, or one negates.

    Taken in blocks of rows (:func:`~summarize.similarity.row_blocks`), so that memory stays a small
    multiple of the matrix's.  Each sentence is
    paired with at most ``tuning.conflict_partners`` others and a brief with at most
    ``tuning.conflict_pairs`` pairs, the most alike first, so that thousands of look-alike sentences
    cost seconds, not hours (real clusters stay far below both bounds).
    """
    n = len(per)
    has = np.array([bool(c) for c in per], dtype=bool)
    negates = np.array([any(c.kind == "negation" for c in cs) for cs in per], dtype=bool)
    origin = np.asarray(sources)
    columns = np.arange(n)
    found: list[tuple[float, int, int]] = []
    rows_all = np.flatnonzero(has)
    for block in row_blocks(len(rows_all), n):
        rows = rows_all[block]
        similar = np.asarray(space.matrix[rows])
        ok = (similar >= tuning.conflict_similarity) & (origin[rows][:, None] != origin[None, :])
        ok &= (has[None, :] | negates[rows][:, None]) | negates[None, :]
        ok &= ~has[None, :] | (rows[:, None] < columns[None, :])  # each pair once
        for a in np.flatnonzero(ok.any(axis=1)):
            partners = np.flatnonzero(ok[a])
            partners = most_alike(partners, similar[a, partners], tuning.conflict_partners)
            found += [(float(similar[a, b]), int(rows[a]), int(b)) for b in partners]
    if len(found) > tuning.conflict_pairs:
        found = sorted(found, key=lambda t: (-t[0], t[1], t[2]))[: tuning.conflict_pairs]
    return sorted((i, j) for _, i, j in found)


def _links(cluster: Cluster, i: int, j: int, similarity: float, tuning: Tuning) -> list[Link]:
    """Matched claims of sentences ``i`` and ``j``: each claim with its best counterpart, agreeing (True) or not."""
    a, b = cluster.claims[i], cluster.claims[j]
    alike: dict[str, list[Claim]] = {}
    for n in b:
        if n.kind != "negation":
            alike.setdefault(n.comparable, []).append(n)
    scored: list[tuple[float, int, float, Claim, Claim, bool]] = []
    for m, n in ((x, y) for x in a if x.kind != "negation" for y in alike.get(x.comparable, ())):
        score = context_score(m, n, cluster.weights)
        dated = _one_setting(cluster, m, n) or _one_day(cluster, m, n)
        if (score >= tuning.conflict_context or renamed(cluster, m, n) or dated) and _aligned(
            cluster, m, n, similarity, score, tuning
        ):
            agree = m.agrees(n, tuning.about_share)
            scored.append((score + tuning.agreement_margin * agree, len(scored), score, m, n, agree))
    matched: list[tuple[Claim, Claim, float, bool]] = []
    used: set[Claim] = set()
    for _, _, score, m, n, agree in sorted(scored, key=lambda t: (-t[0], t[1])):
        if m not in used and n not in used:
            used.update((m, n))
            matched.append((m, n, score, agree))
    other_time = _different_times(a, b, tuning) or _different_months(cluster.months[i], cluster.months[j])
    sexes = {cluster.sexes[i], cluster.sexes[j]}
    other_subject = _different_subjects(a, b, tuning) or sexes == {"m", "f"}
    differing = sum(not agree for *_, agree in matched)
    out: list[Link] = []
    for m, n, score, agree in matched:
        if (other_time and KINDS[m.kind] != "date") or (other_subject and m.kind != "name"):
            continue  # different times or people: two things' figures, whether they agree or not
        if agree:
            out.append((m, n, True, score))
        elif differing > 1:
            continue  # a different event altogether
        elif (
            _states(cluster, b, m, used, tuning)
            or _states(cluster, a, n, used, tuning)
            or (not _same_subject(a, b, tuning) and _instances(cluster, m, n, tuning))
        ):
            continue
        else:
            out.append((m, n, False, score))
    return out


def _event_days(cluster: Cluster, space: Space, tuning: Tuning) -> list[Link]:
    """Weekday links of sentence pairs too unlike to be compared otherwise (``Tuning.event_similarity`` up to
    ``Tuning.conflict_similarity``) whose weekdays sit right next to the same event word (:func:`_dated_event`:
    "told reporters at a briefing Monday", "a briefing on Tuesday at the hotel, where ...").  Only the sentences
    holding such weekdays are looked at, by their event word: no scan of the similarity matrix."""
    by_event: dict[str, list[Claim]] = {}
    for claims in cluster.claims:
        for c in claims:
            event = _dated_event(cluster, c) if c.kind == "weekday" else ""
            if event:
                by_event.setdefault(event, []).append(c)
    pairs: set[tuple[int, int]] = set()
    for found in by_event.values():
        for k, m in enumerate(found):
            for n in found[k + 1 :]:
                i, j = sorted((m.sentence, n.sentence))
                sim = float(space.matrix[i, j])
                if (
                    cluster.sources[i] != cluster.sources[j]
                    and tuning.event_similarity <= sim < tuning.conflict_similarity
                ):
                    pairs.add((i, j))
    links: list[Link] = []
    for i, j in sorted(pairs):
        links += [
            link for link in _links(cluster, i, j, float(space.matrix[i, j]), tuning) if link[0].kind == "weekday"
        ]
    return links


def _one_setting(cluster: Cluster, m: Claim, n: Claim) -> bool:
    """Whether two dates of one month, each with its day, sit by the same content word: right before them
    ("detained Ilse Varga at Merrow airport on July 9 and handed her over", "was detained at Merrow airport on
    July 5 after a tip") or after them, a word between allowed ("the June 30 Varnian runoff", "the June 12
    runoff"): one event's date, however little else the words around them share, as dates after different
    words date different events (see :func:`_aligned`); the sentences must still be ``Tuning.date_similarity``
    alike."""
    dated = [c.figure.date if c.kind == "date" and c.figure else (None, None, None) for c in (m, n)]
    if not (all(d[1] is not None and d[2] is not None for d in dated) and dated[0][1] == dated[1][1]):
        return False
    after = [_following(cluster, c, 2) for c in (m, n)]
    shifted = any(len(x) == 2 and y[:1] == x[1:] for x, y in (after, after[::-1]))
    return m.shares_slot(n) or shifted


def _one_day(cluster: Cluster, m: Claim, n: Claim) -> bool:
    """Whether two dates give one weekday, day and month in two years, the weekday wrong for one of them
    ("Tuesday, March 4, 2014", "Tuesday, March 4, 2016"): one day, its year given wrong, however unlike the
    sentences (a dateline and a report).  An anniversary's weekday is its own year's, so both are right then."""
    if not (m.kind == n.kind == "date" and m.figure and n.figure):
        return False
    (year_m, month, day), (year_n, *other) = m.figure.date, n.figure.date
    weekday = _weekday_before(cluster, m)
    if year_m is None or year_n is None or month is None or day is None or weekday is None:
        return False
    return (
        [month, day] == other
        and year_m != year_n
        and weekday == _weekday_before(cluster, n)
        and any(_weekday(year, month, day) not in (None, weekday) for year in (year_m, year_n))
    )


def _weekday_before(cluster: Cluster, c: Claim) -> int | None:
    """The weekday written right before a date ("Tuesday, March 4"), Monday 0, or ``None``."""
    text = cluster.texts[c.sentence]
    return next(
        (
            int(w.figure.value)
            for w in cluster.claims[c.sentence]
            if w.kind == "weekday" and w.figure and _BY_DAY.fullmatch(text, w.end, c.start)
        ),
        None,
    )


def _weekday(year: int, month: int, day: int) -> int | None:
    """The weekday of a date, Monday 0, or ``None`` for no such date (February 30)."""
    try:
        return datetime.date(year, month, day).weekday()
    except ValueError:
        return None


def _instances(cluster: Cluster, m: Claim, n: Claim, tuning: Tuning) -> bool:
    """Whether both sources give both values in such a context elsewhere: several instances, not a dispute.

    "His bond was set at $100,000" and "... at $200,000" in two sources that
    each report both bonds are about two people, whatever the pronoun hides.
    """

    def elsewhere(claim: Claim, value: Claim) -> bool:
        return any(
            c.sentence != claim.sentence
            and c.agrees(value, tuning.about_share)
            and context_score(c, claim, cluster.weights) >= tuning.conflict_context
            for c in cluster.by_source.get((cluster.sources[claim.sentence], value.comparable), ())
        )

    return elsewhere(n, m) and elsewhere(m, n)


def _aligned(cluster: Cluster, m: Claim, n: Claim, similarity: float, score: float, tuning: Tuning) -> bool:
    """Whether two claims of one kind sit where the same fact would: the same slot, in close enough sentences.

    Counts and amounts whose next words differ count different things; dates
    after different words date different events, unless they are weekdays in
    words alike to ``Tuning.event_context``.  Figures need one neighbouring
    word in common ("… flybys of Venus", "Category … storm") or, said in other
    words ("plunged 34.5%", "plummeted by 12.7%"), a context score of
    ``Tuning.unslotted_context``, and sentences alike enough for their kind
    (:func:`_least_similarity`); counts and dates between the very same two
    words ("a Category … storm") only the least.  Names: see
    :func:`.roles.same_role`.
    """
    if m.kind == "name":
        return same_role(cluster, m, n, similarity, score, tuning)
    if _other_quantity(m, n) and not _described(cluster, m, n):
        return False  # "21 samples" and "66 sites", "four children" and "three photos": two quantities
    if m.kind == "count" and m.slot[1] != n.slot[1] and _hyphened(cluster, m) != _hyphened(cluster, n):
        return False  # "a 14-year age gap" and "at age 22,": a measure and a number
    if m.kind == "weekday" and (event := _dated_event(cluster, m)) and event == _dated_event(cluster, n):
        return similarity >= tuning.event_similarity  # "at a briefing Monday", "a briefing on Tuesday at the hotel"
    apart = m.slot[0] and n.slot[0] and m.slot[0] != n.slot[0]
    if _one_day(cluster, m, n):
        return True  # "Tuesday, March 4, 2014", "Tuesday, March 4, 2016": one day, whatever else differs
    if _one_setting(cluster, m, n):
        return similarity >= tuning.date_similarity  # "at Merrow airport on July 9", "the June 30 Varnian runoff"
    if m.kind == "weekday" and _same_time_of_day(m, n) and similarity >= tuning.date_similarity:
        return True  # "last seen Tuesday night on the deck", "seen late Thursday night on the upper deck"
    if m.kind in ("weekday", "date") and apart and (m.kind == "date" or score < tuning.event_context):
        return False  # "opened on Monday" and "was shut on Wednesday", "missing on Nov. 18", "missing ... in May"
    if m.kind == "time" and m.figure and n.figure and _hours_apart(m.figure, n.figure) >= tuning.time_apart:
        return False  # "the eclipse begins at 5:10 a.m.", "the webcast starts at 4pm": two events
    if m.kind == "count" and len(m.near & n.near) < 2 and score < tuning.unslotted_context:
        return False  # "six vehicles were involved", "took to the road in two vehicles": one word is not enough
    if _counts_one_thing(cluster, m, n, score, tuning):
        return similarity >= tuning.conflict_similarity  # "officers shot him six times", "police shot him four times"
    if m.kind in ("count", "date", "weekday") and m.slot == n.slot and all(m.slot):
        return similarity >= tuning.conflict_similarity  # "a Category _ storm": one fact, whatever else differs
    if m.kind == "year" and m.shares_slot(n) and _names_a_thing(cluster, m) and _names_a_thing(cluster, n):
        return similarity >= tuning.conflict_similarity  # "Mara Fenn's 1984 comedy", "her 2009 album"
    slotted = m.shares_slot(n) or score >= tuning.unslotted_context
    if slotted and m.shares_slot(n) and score >= tuning.unslotted_context and _same_entities(cluster, m, n, tuning):
        return similarity >= tuning.conflict_similarity  # "his two sons, Alaa and Gamal": the same people counted
    return slotted and similarity >= _least_similarity(m.kind, tuning)


def _counts_one_thing(cluster: Cluster, m: Claim, n: Claim, score: float, tuning: Tuning) -> bool:
    """Whether two counts count one thing in words alike, however unlike their sentences: the same word counted
    after them and ``Tuning.counted_context`` of context ("shot by airport police officers six times", "police
    shot him four times"; "contacting authorities in ten neighboring states", "contacted police authorities in
    three states").  Reports retell one figure in new sentences around the same few words.  A part ("two of
    the ships") is not the whole ("13 ships"); a measure ("12 mph", "10 solar radii") is no count of things: it
    varies with the moment and the method, so unlike sentences give two measures, not one disputed; unless both
    span time before the same word ("15 days to reply", "30 days to reply"; "12 months to pay"): a span of time
    one thing is given is fixed, where spans of time alone ("lived 150 million years", "40 million years
    after") are the ages of many things, and spans "ago" date many events ("bought one eight years ago", "found
    30 years ago") as dates after different words do."""
    units = [_measure(cluster, c) for c in (m, n)]
    one_span = units[0] == units[1] and units[0][0] in SPANS and units[0][1] not in ("", "ago")
    return (
        m.kind == "count"
        and not any(_PART.match(cluster.texts[c.sentence], c.end) for c in (m, n))
        and (units == [("", ""), ("", "")] or one_span)
        and m.slot[1] != ""
        and m.slot[1] == n.slot[1]
        and len(m.near & n.near) >= 2
        and score >= tuning.counted_context
    )


def _measure(cluster: Cluster, c: Claim) -> tuple[str, str]:
    """The unit of measure (:data:`.words.MEASURES`) among the two words after a figure in its clause and the
    word after the unit there ("years ago": ``("year", "ago")``), or ``("", "")`` for a count of things."""
    words = cluster.words[c.sentence]
    k = bisect_left(words.starts, c.end)
    for j in range(k, min(k + 2, len(words.stems))):
        if words.clauses[j] != words.clauses[k]:
            break
        if words.stems[j] in MEASURES:
            same = j + 1 < len(words.stems) and words.clauses[j + 1] == words.clauses[j]
            return words.stems[j], words.stems[j + 1] if same else ""
    return "", ""


def _dated_event(cluster: Cluster, c: Claim) -> str:
    """The word a weekday dates, right next to it: a noun after a determiner before it (:data:`_DETERMINER`: "a
    briefing Monday", "a briefing on Tuesday", "the game last Sunday") or owned by it ("Monday's briefing"); its
    stem, or "".  Reports retell an event's day in new sentences, but keep the event's word by the day: one
    event's day, however unlike the rest, where a day with words between ("police said the briefing was held
    Monday") may date anything in the sentence."""
    words, text = cluster.words[c.sentence], cluster.texts[c.sentence]
    k = bisect_left(words.starts, c.start)
    if c.slot[0] and k and _BEFORE_DAY.fullmatch(text, words.spans[k - 1][1], c.start):
        start, end = words.spans[k - 1]
        named = _DETERMINER.search(text, max(0, start - 8), start) and text[start:end].lower() not in _DAY_QUALIFIERS
        return c.slot[0] if named else ""
    if c.slot[1] and k < len(words.starts) and _OWNS_EVENT.fullmatch(text, c.end, words.starts[k]):
        return c.slot[1]
    return ""


_BEFORE_DAY = re.compile(r"\s+(?:(?:on|last|this|next|early|late)\s+)?", re.I)
"""What may stand between an event's word and the weekday that dates it ("a briefing on Tuesday")."""
_DETERMINER = re.compile(r"\b(?:a|an|the|his|her|its|their|our|this|that)\s+$", re.I)
"""What opens the event's name before a weekday ("at a briefing Monday", "the game last Sunday"): a noun named as
one thing, where other words before a day say who spoke ("officials announced Saturday") or where ("sank in Lake
Orla Thursday"), and those vary from event to event."""
_DAY_QUALIFIERS = frozenset("early late next following previous same every each".split())
"""Words before a weekday that say which or what part of the day ("early Friday"), not what happened then."""
_OWNS_EVENT = re.compile(r"['’]s\s+")
"""A weekday owning the event's word ("Monday's briefing")."""
_PART = re.compile(r"\s+of\b", re.I)
"""What follows a count that is a part of a whole ("two of the ships")."""
_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
"""What stands between a part and the figure of its whole ("14 of the 17")."""
_BY_DAY = re.compile(r"[\s,]*")
"""What stands between a weekday and the date it names ("Tuesday, March 4")."""


def _same_time_of_day(m: Claim, n: Claim) -> bool:
    """Whether two weekdays stand before the same word ("last seen Tuesday night on the deck", "last seen late
    Thursday night on the upper deck"; "freed Wednesday after paying the fine", "freed Thursday by paying the fine")
    and their words meet in another word as well ("deck", "fine"): a day's part or what was done then, told of
    one event, whatever verb came before; compared in sentences ``Tuning.date_similarity`` alike."""
    return bool(m.slot[1]) and m.slot[1] == n.slot[1] and len(m.near & n.near) >= 2


_ATTRIBUTE = re.compile(r"(?:\b(?:a|an|the|his|her|its|their|our|this|that)|\w['’]s)\s+$", re.I)
"""What stands before a year that names which thing it is ("the 2012 harbour fire", "Mara Fenn's 1984 comedy")."""


def _names_a_thing(cluster: Cluster, c: Claim) -> bool:
    """Whether a year is written as part of a thing's name, after a determiner or an owner and before a word
    ("her 2009 album", "a 1993 letter from the mayor"): a fact of that one thing, which reports retell in new
    sentences, where a year in a phrase of its own ("in 2012") may date any event the sentence tells."""
    text = cluster.texts[c.sentence]
    return bool(_ATTRIBUTE.search(text, max(0, c.start - 12), c.start)) and bool(_NOUN_AFTER.match(text, c.end))


_NOUN_AFTER = re.compile(r" [a-z]")
"""A lower-case word right after a year: the thing it names ("her 2009 album"); a name there ("the 2014 World Cup",
"the 2016 Olympics") is an edition of an event that recurs, and two editions are two events."""


def _part_of_whole(cluster: Cluster, c: Claim, sentence: list[Claim]) -> bool:
    """Whether a figure is a part of the figure right after it ("14 of the 17 registered candidates")."""
    text = cluster.texts[c.sentence]
    return any(_OF_THE.fullmatch(text, c.end, w.start) for w in sentence if w.figure is not None and w.start > c.end)


def _other_quantity(m: Claim, n: Claim) -> bool:
    """Whether two figures count different things by the word after them ("21 samples", "66 sites")."""
    return m.kind in ("count", "age", "amount") and bool(m.slot[1] and n.slot[1]) and m.slot[1] != n.slot[1]


def _described(cluster: Cluster, m: Claim, n: Claim) -> bool:
    """Whether one count's next two words come a word later after the other ("16 Orvish border guards", "9
    border guards"; "eleven tall women under Varnian law", "three women under Varnian laws"): a word that says
    what kind of the one thing is counted, in any case (a name or a lower-case adjective).  Two words must line
    up: "two burglary charges" and "three charges of fraud" count two kinds of charges."""
    after = [_following(cluster, c, 3) for c in (m, n)]
    shifted = any(len(x) == 3 and x[1:] == y[:2] for x, y in (after, after[::-1]))
    return m.kind == "count" and shifted


def _following(cluster: Cluster, c: Claim, width: int) -> tuple[str, ...]:
    """The first ``width`` content stems right after a claim, in its clause; none when anything but a space
    stands between ("Derry, 23, suffered from": the count ends its phrase)."""
    words, text = cluster.words[c.sentence], cluster.texts[c.sentence]
    k = bisect_left(words.starts, c.end)
    if k == len(words.starts) or text[c.end : words.starts[k]].strip():
        return ()
    ahead = range(k, min(k + width, len(words.stems)))
    return tuple(words.stems[j] for j in ahead if words.clauses[j] == words.clauses[k])


def _same_entities(cluster: Cluster, m: Claim, n: Claim, tuning: Tuning) -> bool:
    """Whether the words around two figures name one entity alike ("his two sons, Alaa and Gamal", "the five
    sons, Alaa and Gamal"): the same predicate about the same people, however unlike the rest of the sentences."""
    near_m = cluster.words[m.sentence].phrase(m.start, m.end)
    near_n = cluster.words[n.sentence].phrase(n.start, n.end)
    names_m = [c for c in cluster.claims[m.sentence] if c.kind == "name" and stem(c.key) in near_m]
    names_n = [c for c in cluster.claims[n.sentence] if c.kind == "name" and stem(c.key) in near_n]
    return any(x.agrees(y, tuning.about_share) for x in names_m for y in names_n)


def _hyphened(cluster: Cluster, c: Claim) -> bool:
    """Whether a figure is joined to its unit by a hyphen ("14-year", "52-story"): a measure of something."""
    return cluster.texts[c.sentence][c.end : c.end + 1] == "-"


def _hours_apart(a: Figure, b: Figure) -> float:
    """Hours between two times of day, round the clock (23:00 and 1:00 are two hours apart); round half the
    clock when one has no a.m. or p.m. ("6:00" may be 6 p.m.)."""
    day = 24 if all(f.written[-2:] in ("am", "pm") for f in (a, b)) else 12
    gap = abs(a.value - b.value) % day
    return min(gap, day - gap)


def _least_similarity(kind: str, tuning: Tuning) -> float:
    """How alike two sentences must be for their figures of ``kind`` to be compared.

    Percentages, amounts and times are specific (a cluster has few): sentences
    that share a little are enough.  Plain counts are everywhere, dates more
    so (several events in one story), and ages belong to people.
    """
    if kind == "count":
        return tuning.count_similarity
    if kind in ("date", "year", "weekday"):
        return tuning.date_similarity
    if kind == "age":
        return tuning.person_similarity
    return tuning.conflict_similarity


def _states(cluster: Cluster, sentence: list[Claim], claim: Claim, used: set[Claim], tuning: Tuning) -> bool:
    """Whether a sentence also states ``claim``'s value in a place not matched to anything else.

    "Rose to 231 from 212" against "212 passengers" is no dispute: the first
    sentence gives both figures.  "Six counts of arson and two of conspiracy"
    against "two counts of arson and two of conspiracy" is one: its "two" is
    the conspiracy count, matched there.  A figure that counts something else
    states nothing about it: "two counts of robbery in two banks" does not
    state "two" against "eight counts of robbery".  A name is stated by its last word:
    "Carlie" agrees with "Carlie Trent" but does not state "Carlie Trent"
    against "Carlie Marsh".  A part of a whole ("14 of the 17 registered candidates") states its figure of the things
    the whole counts ("14 candidates"), whatever word follows it.
    """
    return any(
        c.comparable == claim.comparable
        and c not in used
        and (not _other_quantity(c, claim) or _part_of_whole(cluster, c, sentence))
        and c.agrees(claim, tuning.about_share)
        and (c.kind != "name" or c.key == claim.key)
        for c in sentence
    )


def _different_times(a: list[Claim], b: list[Claim], tuning: Tuning) -> bool:
    """Both sentences date what they report, and the dates differ: their figures are about different times."""
    dates_a = [c for c in a if c.kind in ("date", "year")]
    dates_b = [c for c in b if c.kind in ("date", "year")]
    return bool(dates_a and dates_b) and not any(
        x.agrees(y, tuning.about_share) for x in dates_a for y in dates_b if x.kind == y.kind
    )


def _different_months(a: frozenset[int], b: frozenset[int]) -> bool:
    """Both sentences name a month, and no month in common: "by March, 12 cases" and "as of April, 20"."""
    return bool(a and b) and not a & b


def _same_subject(a: list[Claim], b: list[Claim], tuning: Tuning) -> bool:
    """Both sentences give the same full name ("John Austin Huggins, 17, ... was charged with ...")."""
    return any(x.same_person(y) for x in a if x.full_name for y in b if y.full_name)


def _different_subjects(a: list[Claim], b: list[Claim], tuning: Tuning) -> bool:
    """Both sentences give someone's full name, and neither names anyone the other's full name may be (by a
    surname alone too: "Steve Marlowe ... charged" and "Marlowe, 53, was charged ... in Cold Harbor"):
    their figures are about different people ("Ada Pruitt, 19, was charged with four counts" and "Ben Okoro,
    19, with six")."""
    if not (any(c.full_name for c in a) and any(c.full_name for c in b)):
        return False
    names_a = [c for c in a if c.kind == "name"]
    names_b = [c for c in b if c.kind == "name"]
    return not any(_maybe_one(x, y) for x in names_a for y in names_b if x.full_name or y.full_name)


def _maybe_one(x: Claim, y: Claim) -> bool:
    """Whether two full names may be one person's: one's words all in the other's, or one's last word a
    leading word of the other ("Tomas Reyes", "Reyes Ortega": one name written in part); a last word in
    common alone is a family's ("Tom Hollis", "Mara Lee Hollis")."""
    return x.same_person(y) or x.key in y.parts[:-1] or y.key in x.parts[:-1]


def _negations(cluster: Cluster, i: int, j: int, similarity: float, tuning: Tuning) -> list[Link]:
    """Negations of sentence ``i`` that sentence ``j`` states too (agree) or states the other way (conflict).

    Sentences ``Tuning.negation_similarity`` alike are compared so; less alike
    ones (from ``Tuning.negation_subject_similarity``) only where the words
    before the two verbs meet too: the same subject ("Heath was not arrested",
    "Cary Joseph Heath, 35, was arrested"), and a predicate of two words or
    more ("not arrested on charges", not "not detected"), or the two give the verb one figure
    (:func:`_figure_alike`).
    """
    out: list[Link] = []
    weights = cluster.weights
    close = similarity >= tuning.negation_similarity
    negated_b = [c for c in cluster.claims[j] if c.kind == "negation"]
    for m in (c for c in cluster.claims[i] if c.kind == "negation" and asserted(cluster.texts[i], cluster.words[i], c)):
        same = [(context_score(m, n, weights), n) for n in negated_b]
        best = max(same, key=lambda t: t[0], default=(0.0, m))
        if best[0] >= tuning.conflict_context:
            if close:
                out.append((m, best[1], True, best[0]))
            continue
        if not (close or len(m.predicate) > 1 or _said_of_one(cluster, m, j)):
            continue  # "not slowing" alone: one word, too little to be one predicate in less alike sentences
        n = affirmation(j, cluster.texts[j], cluster.words[j], m)
        score = 0.0 if n is None else context_score(m, n, weights)
        if n is None or score < tuning.conflict_context:
            continue
        verb = _denies_verb(cluster, m)
        one_subject = verb and _same_subject_words(cluster, m, n)
        if not (close or len(m.predicate) > 1 or one_subject):
            continue
        whole = verb and len(m.predicate) == PREDICATE and set(m.predicate) == n.near
        if (
            similarity < tuning.negation_subject_similarity
            and not one_subject
            and not set(m.predicate[:PREDICATE_ALIKE]) <= n.near
        ):
            continue
        subject = weights.share(cluster.words[i].subject(m.start), cluster.words[j].subject(n.start))
        if (
            close
            or one_subject
            or (whole and similarity >= tuning.negation_subject_similarity)
            or subject >= tuning.conflict_context
            or _figure_alike(cluster, m, n, tuning)
        ):
            out.append((m, n, False, score))
    return out


_VERB_DENIED = re.compile(r"(?i:not|never|cannot|\w*n['’]t)\s+(?:(?i:be|been|being|ever|yet|even|to)\s+)*(?=[a-z])")
"""A marker that denies the verb right after it, auxiliaries aside ("were not slowing", "didn't sign", "has not
been charged"), where "no", "nor" and "without" deny things ("no serious injuries", "nor the Linden Singers",
"without warning")."""


def _denies_verb(cluster: Cluster, m: Claim) -> bool:
    """Whether negation ``m`` denies a verb (:data:`_VERB_DENIED`) that starts its predicate ("would not say what
    the Varnian league pays" starts it past the verb, at "Varnian") and has a subject: an order ("Don't call it
    the Kestrel Line anymore") says nothing of anyone."""
    words = cluster.words[m.sentence]
    found = _VERB_DENIED.match(cluster.texts[m.sentence], m.start)
    first = words.following(m.start, 1)
    return bool(found and first and words.starts[first[0]] == found.end() and words.subject(m.start))


SUBJECT_WORDS = 2
"""Content words a subject must have to name one thing by itself ("ticket sales", "Dana Orbell"): one
("the company", "officials") may be anyone's."""


def _said_of_one(cluster: Cluster, m: Claim, j: int) -> bool:
    """Whether sentence ``j`` has the words of the subject of negation ``m`` (:data:`SUBJECT_WORDS` or more) and
    its verb anywhere: a quick test, before the verb is looked for there (:func:`_same_subject_words`)."""
    words = cluster.words[m.sentence].subject(m.start)
    return len(words) >= SUBJECT_WORDS and words <= cluster.words[j].all and m.predicate[0] in cluster.words[j].all


def _same_subject_words(cluster: Cluster, m: Claim, n: Claim) -> bool:
    """Whether a negated verb and the verb stated have the same subject, word for word ("ticket sales were not
    slowing", "Ms. Quade said that ticket sales were slowing"; "Dana Orbell is not resigning", "council leader
    Dana Orbell is resigning"): the words before one verb, :data:`SUBJECT_WORDS` or more, all before the other.
    One predicate of one subject, whatever else the sentences say, however short the predicate ("not slowing")."""
    mine = cluster.words[m.sentence].subject(m.start)
    theirs = cluster.words[n.sentence].subject(n.start)
    shorter, longer = sorted((mine, theirs), key=len)
    return len(shorter) >= SUBJECT_WORDS and shorter <= longer


PREDICATE_ALIKE = 2
"""First content words of a negated predicate (the verb and the next) that, both stated after the verb in the
other sentence ("will not climb the northern ridge", "will climb the northern ridge"; "have not agreed to sell",
"have agreed to sell"), make it the same predicate in sentences less alike than
``Tuning.negation_subject_similarity`` (from ``Tuning.negation_predicate_similarity``)."""


def _figure_alike(cluster: Cluster, m: Claim, n: Claim, tuning: Tuning) -> bool:
    """Whether a negated verb and the verb stated are given the same figure in both sentences, next to them:
    one event, whoever the subject is said to be ("The Arland delegation will not begin arriving ... on
    March 3", "They will begin arriving ... on 3 March")."""
    return any(
        x.comparable == y.comparable and x.agrees(y, tuning.about_share) and x.near & m.near and y.near & n.near
        for x in cluster.claims[m.sentence]
        if x.figure is not None
        for y in cluster.claims[n.sentence]
        if y.figure is not None
    )
