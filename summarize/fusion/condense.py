"""Fusion without a writer: compressions and word-graph fusions of each point, the best one per point.

The path of ``model="word-graph"`` (``-m word-graph``); not the default (see README).  For every group it offers the
point itself, rule compressions of each cited sentence
(:mod:`summarize.fusion.compress`) and word-graph fusions of the group
(:mod:`summarize.fusion.wordgraph`); every candidate is made only of cited
words, each at a known span.  The guard (:func:`summarize.fusion.guard.check`)
judges each one exactly as it judges a model's output; of those it passes, the
one with the most information per word wins (information = the cluster weight
of the content words it keeps: words many sources use are what a reader of the
event needs).  The pipeline then selects points with these real lengths
(:func:`summarize.select.mmr`'s ``lengths``), so the words a compression saves
buy another point.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .. import provenance, select
from ..brief import BriefSentence, Copied, Group, GuardVerdict, Sentence
from ..similarity import Space
from ..text import count_words, tokenize
from ..tuning import DEFAULT, Tuning
from . import guard
from .compress import compressions
from .wordgraph import Piece, WordGraph

NAME = "word-graph"
"""The model name that selects this path, and what ``FusionInfo.model`` then says: no language model writes."""
VERSION = "condense-v1"
"""What ``FusionInfo.prompt`` says: the rules' version, bumped when they change what they write."""

_CLOSE = re.compile(r"^[,.;:!?)\]}”’%]")
_OPEN = re.compile(r"[(\[{“‘$]$")


@dataclass(frozen=True)
class Candidate:
    """A sentence made of cited words: its text and, for each word, where in the group it comes from."""

    text: str
    pieces: tuple[Piece, ...]
    kind: str
    """``"point"`` (the point as it is), ``"light"`` (the point without what never carries a fact:
    dateline, opener, parenthetical), ``"compressed"`` or ``"fused"``."""

    @property
    def words(self) -> int:
        return count_words(self.text)


def render(pieces: Sequence[Piece], texts: Sequence[str]) -> str:
    """The text of ``pieces``: source spacing between neighbours of one sentence, else one space (none
    where the word has none before it in its own sentence).

    The first letter is capitalised (a compression may start mid-sentence);
    nothing else is changed.
    """
    out: list[str] = []
    last: Piece | None = None
    for k, start, end in pieces:
        word = texts[k][start:end]
        if last is not None:
            gap = texts[k][last[2] : start] if last[0] == k and last[2] <= start else None
            if gap is not None and not gap.strip():
                out.append(gap)
            elif not _CLOSE.match(word) and not _OPEN.search(out[-1]) and (start == 0 or texts[k][start - 1].isspace()):
                out.append(" ")  # a word joined to the one before in its own sentence ("11:30") stays joined
        out.append(word)
        last = (k, start, end)
    text = " ".join("".join(out).split())
    text = re.sub(r"\s+([,.;:!?])", r"\1", text).lstrip(",;: ")
    return text[:1].upper() + text[1:]


def _balanced(text: str) -> bool:
    """Quotes and brackets that open and close: a path that leaves a quotation half-way reads wrong."""
    pairs = (("“", "”"), ("(", ")"), ("[", "]"))
    if re.search(r"[a-z]{2}[.!?][A-Z]", text):
        return False  # two sentences run together in the source: not one sentence
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def candidates(group: Group, tuning: Tuning = DEFAULT) -> list[Candidate]:
    """The point, compressions of each cited sentence, and word-graph fusions of the group, texts distinct."""
    texts = [s.text for s in group.sentences[: tuning.prompt_sentences]]
    point = group.point.text
    found = [Candidate(point, ((0, 0, len(point)),), "point")]
    for k, text in enumerate(texts):
        for cut, spans in compressions(text):
            pieces = tuple((k, s, e) for s, e in spans)
            text = render(pieces, texts)
            if _balanced(text):
                found.append(Candidate(text, pieces, "light" if k == 0 and cut == "light" else "compressed"))
    if len({" ".join(t.lower().split()) for t in texts}) > 1:
        graph = WordGraph(texts)
        for path in graph.paths(limit=tuning.graph_paths, min_words=tuning.graph_min_words, seam=tuning.graph_seam):
            text = render(path, texts)
            if _balanced(text):
                found.append(Candidate(text, tuple(path), "fused"))
    seen: set[str] = set()
    distinct = []
    for c in found:
        if c.text not in seen:
            seen.add(c.text)
            distinct.append(c)
    return distinct


def weights(sentences: Sequence[Sentence]) -> dict[str, float]:
    """Cluster weight of each content token: log(1 + number of sources that use it)."""
    sources: dict[str, set[str]] = {}
    for s in sentences:
        for t in set(tokenize(s.text)):
            sources.setdefault(t, set()).add(s.source)
    return {t: math.log1p(len(ids)) for t, ids in sources.items()}


def information(text: str, weight: Mapping[str, float]) -> float:
    """Sum of the cluster weights of the distinct content tokens of ``text``."""
    return sum(weight.get(t, 0.0) for t in set(tokenize(text)))


def choose(group: Group, weight: Mapping[str, float], tuning: Tuning = DEFAULT) -> BriefSentence:
    """The group's brief sentence: the guarded candidate with the most information per word.

    The base is the point's light compression when the guard passes it (a
    dateline or an opener is never worth its words), else the point itself.
    Another candidate must keep ``tuning.condense_point`` of the point's own
    content tokens and ``tuning.condense_keep`` of the base's information, and beat its value, information / words **
    ``tuning.condense_length_power`` (0: the most information wins, 1:
    information per word).  The worst case is the extractive sentence.  The
    verdict of a rejected candidate is kept for audit, like a model's.
    """
    found = candidates(group, tuning)
    base: tuple[Candidate, GuardVerdict | None] = (found[0], None)
    rejected: GuardVerdict | None = None
    for c in found:
        if c.kind == "light":
            verdict = guard.check(c.text, group.sentences, tuning=tuning)
            if verdict.passed:
                base = (c, verdict)
            else:
                rejected = verdict
    floor = tuning.condense_keep * information(base[0].text, weight)
    best: tuple[float, Candidate, GuardVerdict | None] = (
        information(base[0].text, weight) / base[0].words**tuning.condense_length_power, base[0], base[1]
    )
    own = set(tokenize(group.point.text))
    for c in found:
        if c.kind in ("point", "light") or len(own & set(tokenize(c.text))) < tuning.condense_point * len(own):
            continue  # the point as it is, or a candidate that no longer says what the point says
        info = information(c.text, weight)
        value = info / c.words**tuning.condense_length_power
        if info < floor or value <= best[0]:
            continue
        verdict = guard.check(c.text, group.sentences, tuning=tuning)
        if verdict.passed:
            best = (value, c, verdict)
        else:
            rejected = rejected or verdict
    _, chosen, final = best
    if final is None:
        return BriefSentence(group.point.text, group.citations, group.support, fused=False, guard=rejected)
    copied = tuple(
        Copied(k, group.sentences[k].start + a, group.sentences[k].start + b)
        for k, a, b in spans(chosen.pieces, [s.text for s in group.sentences])
    )
    return BriefSentence(chosen.text, group.citations, group.support, fused=True, guard=final, copied=copied)


def spans(pieces: Sequence[Piece], texts: Sequence[str]) -> list[Piece]:
    """``pieces`` with neighbours that are contiguous in one sentence (only white space between) made one span."""
    out: list[Piece] = []
    for k, start, end in pieces:
        if out and out[-1][0] == k and out[-1][2] <= start and not texts[k][out[-1][2] : start].strip():
            out[-1] = (k, out[-1][1], end)
        else:
            out.append((k, start, end))
    return out


def pick(
    space: Space,
    scores: np.ndarray,
    origins: Sequence[int],
    *,
    words: int,
    sentences: int | None,
    lambda_: float,
    tuning: Tuning = DEFAULT,
    deferred: np.ndarray | None = None,
    demoted: np.ndarray | None = None,
    after: np.ndarray | None = None,
) -> tuple[list[int], dict[int, BriefSentence]]:
    """The extractive points, then more in the words their condensed sentences save; those sentences by point.

    The extractive MMR points are kept (condensing never trades a point away);
    a pool of ``tuning.condense_pool`` times the budget is condensed too
    (:func:`choose`), and MMR then fills what the condensed lengths leave,
    each pool point at its condensed length (any other sentence at its own).
    """
    base = select.mmr(
        space, scores, words=words, sentences=sentences, lambda_=lambda_, tuning=tuning, deferred=deferred,
        demoted=demoted, after=after,
    )
    pool = select.mmr(
        space, scores, words=math.ceil(words * tuning.condense_pool), sentences=None, lambda_=lambda_,
        tuning=tuning, deferred=deferred, demoted=demoted, after=after,
    )
    pool = list(dict.fromkeys([*base, *pool]))
    weight = weights(space.sentences)
    groups = provenance.groups(space, pool, origins, tuning)
    chosen = {p: choose(g, weight, tuning) for p, g in zip(pool, groups, strict=True)}
    lengths = np.array([s.words for s in space.sentences])
    for p, sentence in chosen.items():
        lengths[p] = sentence.words
    density = scores / np.maximum(lengths, 1) ** tuning.condense_density
    picked = select.mmr(
        space, density, words=words, sentences=sentences, lambda_=lambda_, tuning=tuning, deferred=deferred,
        lengths=lengths, seed=base, demoted=demoted, after=after,
    )
    return picked, {p: chosen[p] for p in picked if p in chosen}


__all__ = ["NAME", "VERSION", "Candidate", "candidates", "choose", "information", "pick", "render", "spans", "weights"]
