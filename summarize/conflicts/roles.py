"""Names in claim matching: when two different names are given for one person (or place)."""

from __future__ import annotations

from collections import defaultdict

from ..tuning import Tuning
from .claims import Claim
from .cluster import Cluster
from .names import PLACE_PREFIXES
from .words import context_score


def renamed(cluster: Cluster, m: Claim, n: Claim, strict: bool = False) -> bool:
    """One name with two last words, and no third anywhere: "Mara Lee Hollis", "Mara Lee Brandt".

    The word before the last (a first name, mostly) must come with no other
    last word in the cluster, and neither it nor the first word be a place's
    generic start ("New", "San", "North", "Mount": "New York", "New Jersey").  Unless ``strict``, a third
    last word that both documents name does not count: they both know that
    third person ("Paul Gatwick") apart from the one they name two ways.
    """
    if m.kind != "name" or not m.variant_of(n) or {m.parts[0], n.parts[0], m.parts[-2], n.parts[-2]} & PLACE_PREFIXES:
        return False
    others = (cluster.endings[m.parts[-2:-1]] | cluster.endings[n.parts[-2:-1]]) - {m.key, n.key}
    if not strict:
        others -= cluster.named[cluster.sources[m.sentence]] & cluster.named[cluster.sources[n.sentence]]
    return not others


def _renamed_here(cluster: Cluster, m: Claim, n: Claim, similarity: float, score: float, tuning: Tuning) -> bool:
    """:func:`renamed`, where the two stand for one person.

    No document may name both (one that does knows two people).  With no
    third last word anywhere (``strict``), after two leading words or more
    that is evidence enough, and after a first name alone ("David Ford",
    "David Cameron") the contexts must meet, or one source alone use its
    surname where several use the other (:func:`_lone_spelling`); otherwise the two sentences must
    be ``Tuning.person_similarity`` alike or say who the person is alike ("former partner Ellen Pao", "Ellen
    Rosenthal, the former partner": :meth:`~.words.Words.phrase`); or both, when one document alone uses
    one of the surnames, whatever other surnames the first name comes with ("Park Service spokesman
    Paul Udara", "Paul Mulroy, a spokesman for the Park Service", a "Paul Gatwick" elsewhere).
    """
    if not _apart(cluster, m, n):
        return False
    if renamed(cluster, m, n, strict=True) and (
        len(m.parts) > 2 or score >= tuning.conflict_context or _lone_spelling(cluster, m, n)
    ):
        return True
    close = similarity >= tuning.person_similarity
    role = _role_score(cluster, m, n) >= tuning.conflict_context
    lone = min(cluster.name_users.get(c.key, 0) for c in (m, n)) == 1
    return (renamed(cluster, m, n) and (close or role)) or (close and role and lone)


def _lone_spelling(cluster: Cluster, m: Claim, n: Claim) -> bool:
    """One document alone uses one of the two surnames, several use the other, and both are people's, named
    alone somewhere (``Cluster.named_alone``): "Ellen Pao" and "Pao" in three reports, "Ellen Rosenthal" and
    "Rosenthal" in one (two people who share a first name are each named by the sources that know them)."""
    users = sorted(cluster.name_users.get(c.key, 0) for c in (m, n))
    return users[0] == 1 and users[1] >= 2 and {m.key, n.key} <= cluster.named_alone


def _apart(cluster: Cluster, m: Claim, n: Claim) -> bool:
    """No document names both: a document that knows both names knows two people."""
    return not any(m.key in known and n.key in known for known in cluster.named.values())


def _said_alike(cluster: Cluster, m: Claim, n: Claim, tuning: Tuning) -> bool:
    """Two names with a word next to them in common and said alike to be who they are ("college instructor
    Steve Marlowe has been charged", "college instructor and broadcaster Stephen Mallory has been charged")."""
    return m.shares_slot(n) and _role_score(cluster, m, n) >= tuning.conflict_context


def _role_score(cluster: Cluster, m: Claim, n: Claim) -> float:
    """How alike the words that say who two named people are: those around each name, across commas."""
    mine = cluster.words[m.sentence].phrase(m.start, m.end) - set(m.parts)
    theirs = cluster.words[n.sentence].phrase(n.start, n.end) - set(n.parts)
    return cluster.weights.share(mine, theirs) if mine and theirs else 0.0


def same_role(cluster: Cluster, m: Claim, n: Claim, similarity: float, score: float, tuning: Tuning) -> bool:
    """Whether two different names are given for one person or place.

    Either the name differs only in its last word and its leading words come
    with no other last word anywhere in the cluster ("Gwen Conliffe" and
    "Gwen Ostrowski", but not "Kim Jong Un" and "Kim Jong Il" where a third
    "Kim Jong Nam" shows a family); or the names fill the same slot in
    sentences ``Tuning.person_similarity`` alike, and one of them is used by
    one document only (when several sources know both people, they are two
    people: "U.S. Trade Representative Jamieson Greer", "China's Trade
    Representative Li Chenggang"); two one-word names only when both are
    surnames somewhere in the cluster ("Lutnick said" and "Smith said", not
    "a Hawaii girl" and "a Kailua girl", nor "Eris is" and "Sheppard"), or
    the name of a thing the one document uses throughout (:func:`_named_throughout`), in sentences
    ``Tuning.thing_similarity`` alike.
    """
    if m.agrees(n, tuning.about_share):
        return similarity >= tuning.person_similarity or m.variant_of(n) or m.same_slot(n)
    if m.variant_of(n):
        return _renamed_here(cluster, m, n, similarity, score, tuning)
    users = [cluster.name_users.get(c.key, 0) for c in (m, n)]
    person = len(m.parts + n.parts) > 2 or {m.key, n.key} <= cluster.surnames
    in_place = m.same_slot(n) or (
        ((m.slot == n.slot and score >= tuning.unslotted_context) or _said_alike(cluster, m, n, tuning))
        and {m.key, n.key} <= cluster.surnames
        and _apart(cluster, m, n)
    )
    thing = (
        similarity >= tuning.thing_similarity
        and m.same_slot(n)
        and _apart(cluster, m, n)
        and _named_throughout(cluster, m if users[0] == 1 else n)
    )
    return similarity >= tuning.person_similarity and in_place and min(users) == 1 and (person or thing)


THROUGHOUT = 3
"""Sentences of its document from which a name used by that document alone is what it is about."""


def _named_throughout(cluster: Cluster, c: Claim) -> bool:
    """Whether the one document that uses a name uses it in :data:`THROUGHOUT` sentences or more: what the
    report is about, named its own way ("cheered as the Aurora docked", and in another report, naming it
    throughout, "cheered as the Borealis docked"), not a detail only it gives ("a Kailua girl")."""
    doc = cluster.sources[c.sentence]
    found = {i for i, cs in enumerate(cluster.claims) if cluster.sources[i] == doc for x in cs if x.key == c.key}
    return len(found) >= THROUGHOUT


def named_two_ways(cluster: Cluster, tuning: Tuning) -> list[tuple[Claim, Claim, float]]:
    """One person named with two surnames by different documents, however unlike their sentences: pairs of
    name claims, each with how surely they say who the person is alike.

    The first name comes with two surnames in the cluster and no third (:func:`renamed`, ``strict``), no
    document names both (:func:`_apart`), and one document alone uses one of them, throughout
    (:func:`_named_throughout`: the person that report is about, "Dana Whitlock" in two reports, "Dana
    Ferrante" in four sentences of the third).  The evidence that they are one person: two mentions (the
    surname alone too: "Ferrante, a night watchman") whose neighbouring words or words saying who the
    person is meet to ``Tuning.conflict_context`` ("night watchman Dana Whitlock").  Then the lone
    document's full name is linked to each other document's that says who the person is most alike: they
    write the same full name, so they name the same person, and count as its support, however unlike their
    words.  Reports name the one they are about in many sentences, most of them unlike the other report's,
    so the sentence pairs alike enough to compare (:func:`.matching.find`) may never hold the two names.
    """
    by_first: defaultdict[str, list[Claim]] = defaultdict(list)
    for claims in cluster.claims:
        for c in claims:
            if c.kind == "name" and len(c.parts) > 1 and c.parts[0] not in PLACE_PREFIXES:
                by_first[c.parts[0]].append(c)
    out: list[tuple[Claim, Claim, float]] = []
    for full in by_first.values():
        keys = sorted({c.key for c in full}, key=lambda k: (cluster.name_users.get(k, 0), k))
        lone = next(c for c in full if c.key == keys[0])
        if len(keys) != 2 or cluster.name_users.get(keys[0], 0) != 1 or not _named_throughout(cluster, lone):
            continue
        mine = _mentions(cluster, cluster.sources[lone.sentence], keys[0])
        theirs = [
            _mentions(cluster, cluster.sources[other.sentence], keys[1])
            for other in {cluster.sources[n.sentence]: n for n in full if n.key == keys[1]}.values()
            if renamed(cluster, lone, other, strict=True) and _apart(cluster, lone, other)
        ]
        if not any(_alike(cluster, m, n) >= tuning.conflict_context for ns in theirs for m in mine for n in ns):
            continue
        named = [m for m in mine if len(m.parts) > 1]
        m = max(named, key=lambda m: (sum(max(_alike(cluster, m, n) for n in ns) for ns in theirs), -m.sentence))
        for ns in theirs:  # one person named alike by each of them: all on one side, however alike their words
            n = max((n for n in ns if len(n.parts) > 1), key=lambda n: (_alike(cluster, m, n), -n.sentence))
            out.append((m, n, _alike(cluster, m, n)))
    return out


def _alike(cluster: Cluster, m: Claim, n: Claim) -> float:
    """How alike two mentions say who the person is: their neighbouring words, or the words around them."""
    return max(context_score(m, n, cluster.weights), _role_score(cluster, m, n))


def _mentions(cluster: Cluster, doc: int, key: str) -> list[Claim]:
    """The names of one document that end with ``key``: its mentions of the person it gives that surname."""
    return [
        c
        for i, cs in enumerate(cluster.claims)
        if cluster.sources[i] == doc
        for c in cs
        if c.kind == "name" and c.key == key
    ]
