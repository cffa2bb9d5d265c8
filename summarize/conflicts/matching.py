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

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..facts import Figure, figures
from ..similarity import Space
from ..tuning import DEFAULT, Tuning
from . import claims as claims_
from .claims import Claim, Words
from .disputes import Dispute, Link, join


@dataclass(frozen=True)
class _Cluster:
    """Everything claim matching needs to know about the cluster, computed once."""

    texts: list[str]
    words: list[Words]
    claims: list[list[Claim]]
    origins: Sequence[int]
    sources: list[int]
    """The document each sentence comes from (copies are different documents of one origin)."""
    weights: claims_.Weights
    name_users: dict[str, int]
    """How many documents use each name word anywhere."""
    by_source: dict[tuple[int, str], list[Claim]]
    """Every claim of each document, by what it can be compared with (``Claim.comparable``)."""
    endings: dict[tuple[str, ...], set[str]]
    """For each name's leading words ("gwen", "san"), the last words that follow them anywhere ("conliffe")."""
    months: list[frozenset[int]]
    """The months each sentence dates what it says by ("through July", "as of August 2016"); no claims of their own."""

    @cached_property
    def surnames(self) -> set[str]:
        """Last words of names of two words or more: "lutnick" of "Howard Lutnick"."""
        return {key for lead, keys in self.endings.items() if lead for key in keys}


def find(space: Space, origins: Sequence[int], tuning: Tuning = DEFAULT) -> list[Dispute]:
    """Every dispute among the sentences of ``space``; ``origins[i]`` is sentence ``i``'s independent source."""
    cluster = _cluster(space, origins)
    links: list[Link] = []
    for i, j in _pairs(space, cluster.sources, cluster.claims, tuning):
        sim = float(space.matrix[i, j])
        links += _links(cluster, i, j, sim, tuning)
        if sim >= tuning.negation_similarity:
            links += _negations(cluster, i, j, tuning) + _negations(cluster, j, i, tuning)
    return join(links, cluster.sources, cluster.origins, tuning)


def _cluster(space: Space, origins: Sequence[int]) -> _Cluster:
    texts = [s.text for s in space.sentences]
    index = {sid: k for k, sid in enumerate(dict.fromkeys(s.source for s in space.sentences))}
    sources = [index[s.source] for s in space.sentences]
    common = claims_.common_words(texts)
    words, per = map(list, zip(*(claims_.of_sentence(i, t, common) for i, t in enumerate(texts)), strict=True))
    named: dict[int, set[str]] = defaultdict(set)
    endings: dict[tuple[str, ...], set[str]] = defaultdict(set)
    by_source: dict[tuple[int, str], list[Claim]] = defaultdict(list)
    for i, cs in enumerate(per):
        for c in cs:
            by_source[sources[i], c.comparable].append(c)
        for c in cs:
            if c.kind == "name":
                named[sources[i]].update(c.parts)
                endings[c.parts[:-1]].add(c.key)
    months = [frozenset(f.date[1] for f in figures(t) if f.kind == "date" and f.date[1]) for t in texts]
    users = dict(Counter(word for known in named.values() for word in known))
    return _Cluster(texts, words, per, origins, sources, claims_.Weights(words), users, by_source, endings, months)


def _pairs(space: Space, sources: Sequence[int], per: Sequence[list[Claim]], tuning: Tuning) -> list[tuple[int, int]]:
    """Sentence pairs of two documents, close enough to compare: both make claims, or one negates.

    Taken in blocks of rows, so that memory stays a small multiple of the matrix's.  Each sentence is
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
    for start in range(0, len(rows_all), 512):
        rows = rows_all[start : start + 512]
        similar = np.asarray(space.matrix[rows])
        ok = (similar >= tuning.conflict_similarity) & (origin[rows][:, None] != origin[None, :])
        ok &= (has[None, :] | negates[rows][:, None]) | negates[None, :]
        ok &= ~has[None, :] | (rows[:, None] < columns[None, :])  # each pair once
        for a in np.flatnonzero(ok.any(axis=1)):
            partners = _most_alike(np.flatnonzero(ok[a]), similar[a], tuning.conflict_partners)
            found += [(float(similar[a, b]), int(rows[a]), int(b)) for b in partners]
    if len(found) > tuning.conflict_pairs:
        found = sorted(found, key=lambda t: (-t[0], t[1], t[2]))[: tuning.conflict_pairs]
    return sorted((i, j) for _, i, j in found)


def _most_alike(columns: np.ndarray, similar: np.ndarray, k: int) -> np.ndarray:
    """At most ``k`` of ``columns``, the highest ``similar`` first among them (ties: lower column), in column order."""
    if len(columns) <= k:
        return columns
    order = np.lexsort((columns, -similar[columns]))[:k]
    return np.sort(columns[order])


def _links(cluster: _Cluster, i: int, j: int, similarity: float, tuning: Tuning) -> list[Link]:
    """Matched claims of sentences ``i`` and ``j``: each claim with its best counterpart, agreeing (True) or not."""
    a, b = cluster.claims[i], cluster.claims[j]
    scored: list[tuple[float, int, float, Claim, Claim]] = []
    for m, n in ((m, n) for m in a for n in b if m.comparable == n.comparable and m.kind != "negation"):
        score = claims_.context_score(m, n, cluster.weights)
        if (score >= tuning.conflict_context or _renamed(cluster, m, n)) and _aligned(
            cluster, m, n, similarity, score, tuning
        ):
            rank = score + tuning.agreement_margin * m.agrees(n, tuning.about_share)
            scored.append((rank, len(scored), score, m, n))
    matched: list[tuple[Claim, Claim, float]] = []
    used: set[Claim] = set()
    for _, _, score, m, n in sorted(scored, key=lambda t: (-t[0], t[1])):
        if m not in used and n not in used:
            used.update((m, n))
            matched.append((m, n, score))
    other_time = _different_times(a, b, tuning) or _different_months(cluster.months[i], cluster.months[j])
    other_subject = _different_subjects(a, b, tuning)
    differing = sum(not m.agrees(n, tuning.about_share) for m, n, _ in matched)
    out: list[Link] = []
    for m, n, score in matched:
        if m.agrees(n, tuning.about_share):
            out.append((m, n, True, score))
        elif (other_time and claims_.KINDS[m.kind] != "date") or (other_subject and m.kind != "name") or differing > 1:
            continue  # different times, different people, or a different event altogether
        elif (
            _states(b, m, used, tuning)
            or _states(a, n, used, tuning)
            or (not _same_subject(a, b, tuning) and _instances(cluster, m, n, tuning))
        ):
            continue
        else:
            out.append((m, n, False, score))
    return out


def _instances(cluster: _Cluster, m: Claim, n: Claim, tuning: Tuning) -> bool:
    """Whether both sources give both values in such a context elsewhere: several instances, not a dispute.

    "His bond was set at $100,000" and "... at $200,000" in two sources that
    each report both bonds are about two people, whatever the pronoun hides.
    """

    def elsewhere(claim: Claim, value: Claim) -> bool:
        return any(
            c.sentence != claim.sentence
            and c.agrees(value, tuning.about_share)
            and claims_.context_score(c, claim, cluster.weights) >= tuning.conflict_context
            for c in cluster.by_source.get((cluster.sources[claim.sentence], value.comparable), ())
        )

    return elsewhere(n, m) and elsewhere(m, n)


def _aligned(cluster: _Cluster, m: Claim, n: Claim, similarity: float, score: float, tuning: Tuning) -> bool:
    """Whether two claims of one kind sit where the same fact would: the same slot, in close enough sentences.

    Counts and amounts whose next words differ count different things. Figures
    need one neighbouring word in common ("… flybys of Venus",
    "Category … storm") or, said in other words ("plunged 34.5%", "plummeted
    by 12.7%"), a context score of ``Tuning.unslotted_context``, and sentences
    alike enough for their kind (:func:`_least_similarity`).  Names: see
    :func:`_same_role`.
    """
    if m.kind == "name":
        return _same_role(cluster, m, n, similarity, score, tuning)
    if m.kind in ("count", "age", "amount") and m.slot[1] and n.slot[1] and m.slot[1] != n.slot[1]:
        return False  # "21 samples" and "66 sites", "four children" and "three photos": two quantities
    if m.kind in ("weekday", "date") and m.slot[0] and n.slot[0] and m.slot[0] != n.slot[0]:
        return False  # "opened on Monday" and "was shut on Wednesday": the dates of two events
    if m.kind == "time" and m.figure and n.figure and _hours_apart(m.figure, n.figure) >= tuning.time_apart:
        return False  # "the eclipse begins at 5:10 a.m.", "the webcast starts at 4pm": two events
    if m.kind == "count" and len(m.near & n.near) < 2 and score < tuning.unslotted_context:
        return False  # "six vehicles were involved", "took to the road in two vehicles": one word is not enough
    slotted = m.shares_slot(n) or score >= tuning.unslotted_context
    return slotted and similarity >= _least_similarity(m.kind, tuning)


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


def _renamed(cluster: _Cluster, m: Claim, n: Claim) -> bool:
    """One name with two last words, and no third anywhere: "Mara Lee Hollis", "Mara Lee Brandt".

    Evidence enough wherever the two stand (after two leading words or more),
    as long as the leading words are not a place's generic start ("New", "San", "North": "New York", "New Jersey").
    """
    lead = m.parts[:-1]
    return (
        m.kind == "name"
        and m.variant_of(n)
        and cluster.endings[lead] <= {m.key, n.key}
        and not (len(lead) == 1 and lead[0] in claims_.PLACE_PREFIXES)
    )


def _renamed_here(cluster: _Cluster, m: Claim, n: Claim, score: float, tuning: Tuning) -> bool:
    """:func:`_renamed`; after a first name alone ("David Ford", "David Cameron") the contexts must meet too."""
    return _renamed(cluster, m, n) and (len(m.parts) > 2 or score >= tuning.conflict_context)


def _same_role(cluster: _Cluster, m: Claim, n: Claim, similarity: float, score: float, tuning: Tuning) -> bool:
    """Whether two different names are given for one person or place.

    Either the name differs only in its last word and its leading words come
    with no other last word anywhere in the cluster ("Gwen Conliffe" and
    "Gwen Ostrowski", but not "Kim Jong Un" and "Kim Jong Il" where a third
    "Kim Jong Nam" shows a family); or the names fill the same slot in
    sentences ``Tuning.person_similarity`` alike, and one of them is used by
    one document only (when several sources know both people, they are two
    people: "U.S. Trade Representative Jamieson Greer", "China's Trade
    Representative Li Chenggang"); two one-word names only when one is a
    surname somewhere in the cluster ("Lutnick said" and "Smith said", not
    "a Hawaii girl" and "a Kailua girl").
    """
    if m.agrees(n, tuning.about_share):
        return similarity >= tuning.person_similarity or m.variant_of(n) or m.same_slot(n)
    if m.variant_of(n):
        return _renamed_here(cluster, m, n, score, tuning)
    users = [cluster.name_users.get(c.key, 0) for c in (m, n)]
    person = len(m.parts + n.parts) > 2 or bool({m.key, n.key} & cluster.surnames)
    return similarity >= tuning.person_similarity and m.same_slot(n) and min(users) == 1 and person


def _states(sentence: list[Claim], claim: Claim, used: set[Claim], tuning: Tuning) -> bool:
    """Whether a sentence also states ``claim``'s value in a place not matched to anything else.

    "Rose to 231 from 212" against "212 passengers" is no dispute: the first
    sentence gives both figures.  "Six counts of arson and two of conspiracy"
    against "two counts of arson and two of conspiracy" is one: its "two" is
    the conspiracy count, matched there.
    """
    return any(
        c.comparable == claim.comparable and c not in used and c.agrees(claim, tuning.about_share) for c in sentence
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
    """Both sentences give someone's full name, and not the same one: their figures are about different people
    ("Ada Pruitt, 19, was charged with four counts" and "Ben Okoro, 19, with six")."""
    names_a = [c for c in a if c.full_name]
    names_b = [c for c in b if c.full_name]
    return bool(names_a and names_b) and not any(x.same_person(y) for x in names_a for y in names_b)


def _negations(cluster: _Cluster, i: int, j: int, tuning: Tuning) -> list[Link]:
    """Negations of sentence ``i`` that sentence ``j`` states too (agree) or states the other way (conflict)."""
    out: list[Link] = []
    weights = cluster.weights
    negated_b = [c for c in cluster.claims[j] if c.kind == "negation"]
    for m in (c for c in cluster.claims[i] if c.kind == "negation"):
        same = [(claims_.context_score(m, n, weights), n) for n in negated_b]
        best = max(same, key=lambda t: t[0], default=(0.0, m))
        if best[0] >= tuning.conflict_context:
            out.append((m, best[1], True, best[0]))
            continue
        n = claims_.affirmation(j, cluster.texts[j], cluster.words[j], m)
        score = 0.0 if n is None else claims_.context_score(m, n, weights)
        if n is not None and score >= tuning.conflict_context:
            out.append((m, n, False, score))
    return out
