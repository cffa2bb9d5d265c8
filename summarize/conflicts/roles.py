"""Names in claim matching: when two different names are given for one person (or place)."""

from __future__ import annotations

from ..tuning import Tuning
from .claims import Claim
from .cluster import Cluster
from .names import PLACE_PREFIXES


def renamed(cluster: Cluster, m: Claim, n: Claim) -> bool:
    """One name with two last words, and no third anywhere: "Mara Lee Hollis", "Mara Lee Brandt".

    Evidence enough wherever the two stand (after two leading words or more),
    as long as the leading words are not a place's generic start ("New", "San", "North": "New York", "New Jersey").
    """
    lead = m.parts[:-1]
    return (
        m.kind == "name"
        and m.variant_of(n)
        and cluster.endings[lead] <= {m.key, n.key}
        and not (len(lead) == 1 and lead[0] in PLACE_PREFIXES)
    )


def _renamed_here(cluster: Cluster, m: Claim, n: Claim, score: float, tuning: Tuning) -> bool:
    """:func:`_renamed`; after a first name alone ("David Ford", "David Cameron") the contexts must meet too."""
    return renamed(cluster, m, n) and (len(m.parts) > 2 or score >= tuning.conflict_context)


def same_role(cluster: Cluster, m: Claim, n: Claim, similarity: float, score: float, tuning: Tuning) -> bool:
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
    users = [sum(c.key in known for known in cluster.named.values()) for c in (m, n)]
    person = len(m.parts + n.parts) > 2 or bool({m.key, n.key} & cluster.surnames)
    return similarity >= tuning.person_similarity and m.same_slot(n) and min(users) == 1 and person
