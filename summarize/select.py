"""MMR: pick salient, non-redundant points under a word budget, then order them for reading.

Maximal marginal relevance (Carbonell & Goldstein, 1998) takes, at each step,
the sentence maximising ``lambda * salience - (1 - lambda) * max similarity to
what is already picked``.  The default ``Tuning.lambda_ = 0.7`` leans towards
salience; lower it for briefs that cover more ground, raise it to stay on the
main story.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import context
from .brief import Notice
from .similarity import Space
from .tuning import DEFAULT, Tuning


def mmr(
    space: Space,
    scores: np.ndarray,
    *,
    words: int,
    sentences: int | None = None,
    lambda_: float = DEFAULT.lambda_,
    tuning: Tuning = DEFAULT,
    deferred: np.ndarray | None = None,
    lengths: np.ndarray | None = None,
    seed: Sequence[int] = (),
    demoted: np.ndarray | None = None,
    after: np.ndarray | None = None,
) -> list[int]:
    """Indices into ``space.sentences`` of the points, in the order they were picked.

    A sentence that would overrun the word budget is passed over, so a shorter
    one can still use the rest of it.  ``deferred`` (a mask) marks sentences
    picked only once no other fits: a follow-up defers what the previous
    brief already told, so the budget goes to new points first; the new
    points a pick without deferral makes come first of all, so a follow-up
    tells everything new that a fresh brief of the same input would.
    ``demoted`` (a mask) marks orphans that could not be joined with what they
    lean on, ``after[i]`` the sentence orphan ``i`` leans on (-1: none).  Once
    its antecedent is picked, an orphan reads in context (right after it,
    :func:`reading_order`) and competes like any sentence, at its salience
    before ``Tuning.orphan`` demoted it; without it, an orphan waits until no
    other sentence fits, and fills the budget only while more than
    ``tuning.orphan_fill`` of it is left.  Once nothing novel fits, the rest of
    the budget is filled with sentences less alike a picked point than
    ``tuning.fill_redundant`` (a brief that stops short of its budget says less
    than it could).  ``lengths`` replaces each sentence's word count by
    the length of what the brief would say for it (a fusion's or
    compression's); ``seed`` are points already chosen: they come first and
    the rest of the budget is filled.
    """
    if lengths is None:
        lengths = np.array([s.words for s in space.sentences])
    if deferred is not None and deferred.any():
        fresh = mmr(space, scores, words=words, sentences=sentences, lambda_=lambda_, tuning=tuning,
                    lengths=lengths, seed=seed, demoted=demoted, after=after)
        seed = [i for k, i in enumerate(fresh) if k < len(seed) or not deferred[i]]
    relevance = scores / scores.max() if len(scores) and scores.max() > 0 else scores
    redundancy = np.zeros(len(scores), dtype=np.float32)
    open_ = np.ones(len(scores), dtype=bool)
    picked: list[int] = list(seed)
    budget = min(words, int(lengths.sum()))  # a budget past every word is all of them
    left = budget - int(lengths[picked].sum())
    if picked:
        open_[picked] = False
        redundancy = np.maximum(redundancy, space.same_point(picked).max(axis=0))
    leaning = demoted if demoted is not None else np.zeros(len(scores), dtype=bool)
    antecedent = after if after is not None else np.full(len(scores), -1)
    chosen = np.zeros(len(scores), dtype=bool)
    chosen[picked] = True
    while sentences is None or len(picked) < sentences:
        open_ &= (lengths <= left) & (redundancy < tuning.fill_redundant)
        in_context = leaning & (antecedent >= 0) & chosen[np.maximum(antecedent, 0)]
        orphans = not picked or left > tuning.orphan_fill * budget  # all orphans: a brief of what there is
        pool = _pool(open_, redundancy < tuning.redundant, ~leaning | in_context, deferred, orphans)
        if pool is None:
            break
        # in context an orphan reads as if it stood alone: it competes at its salience before rank's orphan factor
        lifted = np.where(in_context, np.minimum(relevance / tuning.orphan, 1.0), relevance)
        value = np.where(pool, lambda_ * lifted - (1 - lambda_) * redundancy, -np.inf)
        best = int(np.argmax(value))
        picked.append(best)
        chosen[best] = True
        open_[best] = False
        left -= int(lengths[best])
        redundancy = np.maximum(redundancy, space.same_point([best])[0])
    return picked


def _pool(
    open_: np.ndarray, novel: np.ndarray, reads: np.ndarray, deferred: np.ndarray | None, orphans: bool
) -> np.ndarray | None:
    """The sentences MMR chooses among next: the first non-empty tier of the open ones (``None``: none is open).

    Best first: novel sentences that read on their own (standing alone, or an
    orphan whose antecedent is picked); then those close to a picked point
    (the budget's fill); orphans without their antecedent last of all, when
    ``orphans`` allows them, novel first.  Within a tier, what a follow-up defers comes last.
    """
    fine, orphan = open_ & reads, open_ & ~reads
    tiers = (fine & novel, fine) + ((orphan & novel, orphan) if orphans else ())
    for tier in tiers:
        if tier.any():
            fresh = tier & ~deferred if deferred is not None else tier
            return fresh if fresh.any() else tier
    return None


def reading_order(space: Space, picked: Sequence[int], after: np.ndarray | None = None) -> list[int]:
    """Order points as a story reads: lead facts first (by place in their source), ties by pick order.

    An orphan whose antecedent (``after[i]``, -1: none) is picked too comes
    right after it, so the brief reads "X said ... . “...,” he added." as its source does.  A point whose
    speaker is a surname alone that would read before the point naming the person in full
    (:func:`summarize.context.introducer`) comes right after that one instead; one that already reads after
    it stays where it is.
    """
    rank = {index: n for n, index in enumerate(picked)}
    follows = {} if after is None else {i: int(after[i]) for i in picked if int(after[i]) in rank}
    order = _chains(space, picked, rank, follows)
    place = {index: n for n, index in enumerate(order)}
    late = {i: j for i, j in _introduced(space, order).items() if place[j] > place[i] and i not in follows}
    for i, j in late.items():
        if not _leads_to(follows, j, i):
            follows[i] = j
    return _chains(space, picked, rank, follows) if late else order


def _chains(space: Space, picked: Sequence[int], rank: dict[int, int], follows: dict[int, int]) -> list[int]:
    """Heads by place in their source (ties by pick order), each followed by what follows it, recursively."""
    heads = sorted(
        (i for i in picked if i not in follows), key=lambda i: (round(space.sentences[i].position, 1), rank[i])
    )
    order: list[int] = []
    for head in heads:
        chain = [head]
        while chain:
            current = chain.pop()
            order.append(current)
            chain.extend(sorted((i for i, a in follows.items() if a == current), key=lambda i: -rank[i]))
    return order


def _introduced(space: Space, picked: Sequence[int]) -> dict[int, int]:
    """Each point whose speaker is a surname alone, and the first of ``picked`` that names the person in full."""
    texts = [space.sentences[i].text for i in picked]
    found = {i: context.introducer(text, texts) for i, text in zip(picked, texts, strict=True)}
    return {i: picked[k] for i, k in found.items() if k is not None and picked[k] != i}


def _leads_to(follows: dict[int, int], start: int, target: int) -> bool:
    """Whether following ``follows`` from ``start`` reaches ``target`` (so ``target`` after ``start`` would loop)."""
    seen = set()
    while start in follows and start not in seen:
        seen.add(start)
        start = follows[start]
    return start == target


def top_point_left_out(space: Space, scores: np.ndarray, picked: Sequence[int], words: int) -> list[Notice]:
    """A ``top-point-left-out`` warning when the most salient sentence is longer than the whole budget.

    :func:`mmr` takes the top-ranked sentence first whenever it fits; one that
    cannot fit is passed over for the best that does, which the reader should know.
    """
    if not len(scores):
        return []
    top = int(np.argmax(scores))
    length = space.sentences[top].words
    if top in picked or length <= words:
        return []
    message = (
        f"the most salient sentence ({length} words) is longer than the budget of {words} words, "
        "so the brief leads with the best that fits; raise --words to include it"
    )
    return [Notice("top-point-left-out", message)]
