"""Follow-ups: which points of a brief are new, and which a previous brief already told.

A bot that polls a developing story should not repeat yesterday's brief.  A
point is *known* when it says, by meaning, what a point of a previous brief
said: its similarity to that point (the previous sentence and every span it
cites) reaches ``Tuning.known_similarity``; otherwise it is *new*.  The
pipeline gives the word budget to new points first (known ones only fill
what is left) and :func:`mark` records the verdict on every sentence, with
the previous point each known one matches; :func:`only_new` keeps the new.

Marking is a function of a :class:`Brief` and the previous briefs, so that a
digest of several stories can apply it story by story.

"By meaning" is whatever :data:`Matcher` is used.  The default,
:func:`lexical`, needs no model: the mean of a TF-IDF cosine and a weighted
token containment ("how much of this point was said already"), both over
:func:`summarize.text.tokenize` tokens, with IDF taken from the previous
points, so that a word never told before weighs most.  A point's score
depends only on its own text and the previous briefs (not on the other
candidates), so the verdict at selection time and on the finished brief is
the same.  Sentence embeddings plug in as another :data:`Matcher`
(``Summarizer(matcher=...)``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import overload

import numpy as np

from .brief import Brief, BriefSentence, Digest, FollowUp, FollowUpInfo, Notice, PreviousMatch
from .text import tokenize
from .tuning import DEFAULT, Tuning

__all__ = [
    "Decided",
    "Matcher",
    "PreviousPoint",
    "decide",
    "lexical",
    "mark",
    "only_new",
    "point_scores",
    "previous_points",
]

Matcher = Callable[[Sequence[str], Sequence[str]], np.ndarray]
"""``matcher(texts, previous_texts)[i, j]``: how much ``texts[i]`` says what ``previous_texts[j]`` said, 0 to 1.

It must score each text on its own (a row may not depend on the other rows),
so that a point gets the same verdict whatever else is being compared.
"""


@dataclass(frozen=True)
class PreviousPoint:
    """A point of a previous brief: where it is, and every text that says it (sentence and cited spans)."""

    brief: int
    sentence: int
    text: str
    texts: tuple[str, ...]


def previous_points(previous: Brief | Sequence[Brief]) -> list[PreviousPoint]:
    """The points of one or several previous briefs, in order."""
    briefs = [previous] if isinstance(previous, Brief) else list(previous)
    return [
        PreviousPoint(b, i, s.text, tuple(dict.fromkeys([s.text, *(c.text for c in s.citations)])))
        for b, brief in enumerate(briefs)
        for i, s in enumerate(brief.sentences)
    ]


def lexical(texts: Sequence[str], previous_texts: Sequence[str]) -> np.ndarray:
    """Mean of TF-IDF cosine and IDF-weighted containment of each text in each previous text.

    IDF comes from ``previous_texts`` alone (a word they never use weighs
    most), so a row depends only on its own text.  Containment is the share
    of a text's weight whose tokens the previous text also has: a short
    point wholly inside a longer old one is known, however different their lengths.
    """
    previous = [Counter(tokenize(t)) for t in previous_texts]
    df = Counter(w for counts in previous for w in counts)
    n = len(previous_texts)

    def idf(word: str) -> float:
        return math.log((1 + n) / (1 + df[word])) + 1

    def weights(counts: Counter[str]) -> dict[str, float]:
        return {w: (1 + math.log(c)) * idf(w) for w, c in counts.items()}

    old = [weights(c) for c in previous]
    old_norms = [math.sqrt(sum(v * v for v in w.values())) for w in old]
    out = np.zeros((len(texts), n), dtype=np.float32)
    for i, text in enumerate(texts):
        new = weights(Counter(tokenize(text)))
        norm = math.sqrt(sum(v * v for v in new.values()))
        mass = sum(idf(w) for w in new)
        if not norm:
            continue
        for j, (w_old, n_old) in enumerate(zip(old, old_norms, strict=True)):
            shared = new.keys() & w_old.keys()
            if not shared or not n_old:
                continue
            cosine = sum(new[w] * w_old[w] for w in shared) / (norm * n_old)
            containment = sum(idf(w) for w in shared) / mass
            out[i, j] = (cosine + containment) / 2
    return out


def point_scores(
    texts: Sequence[str], points: Sequence[PreviousPoint], score: Matcher = lexical
) -> np.ndarray:
    """``[i, k]``: the best score of ``texts[i]`` against any text of ``points[k]``."""
    flat = [t for p in points for t in p.texts]
    owner = np.repeat(np.arange(len(points)), [len(p.texts) for p in points])
    scores = np.asarray(score(list(texts), flat), dtype=np.float32).reshape(len(texts), len(flat))
    per_point = np.full((len(texts), len(points)), -np.inf, dtype=np.float32)
    np.maximum.at(per_point.T, owner, scores.T)
    return per_point


def decide(
    texts: Sequence[str],
    points: Sequence[PreviousPoint],
    *,
    matcher: Matcher = lexical,
    tuning: Tuning = DEFAULT,
    redundancy: np.ndarray | None = None,
) -> list[PreviousMatch | None]:
    """For each text, the previous point it repeats (known), or ``None`` (new).

    Known: the matcher's score reaches ``tuning.known_similarity``; or, when
    ``redundancy`` (``[i, k]``: cosine of ``texts[i]`` and ``points[k]`` in the
    cluster's sentence vectors) is given, the text is what MMR would call
    redundant with the point (``tuning.redundant``), as if yesterday's points
    were already picked.  ``similarity`` is the score that decided.
    """
    if not points or not texts:
        return [None] * len(texts)
    scores = point_scores(texts, points, matcher)
    verdicts: list[PreviousMatch | None] = []
    for i in range(len(texts)):
        k = int(scores[i].argmax())
        score = float(scores[i, k])
        if score < tuning.known_similarity:
            if redundancy is None or redundancy[i].max() < tuning.redundant:
                verdicts.append(None)
                continue
            k = int(redundancy[i].argmax())
            score = float(redundancy[i, k])
        point = points[k]
        verdicts.append(PreviousMatch(point.brief, point.sentence, point.text, round(score, 4)))
    return verdicts


Decided = dict[tuple[str, int], PreviousMatch | None]
"""Verdicts already reached, by point (source id, sentence index): what selection decided."""


def mark(
    brief: Brief,
    previous: Brief | Sequence[Brief],
    *,
    matcher: Matcher = lexical,
    tuning: Tuning = DEFAULT,
    decided: Decided | None = None,
) -> Brief:
    """``brief`` with every sentence marked new or known against ``previous``.

    A sentence is judged by its point (its first citation), as selection
    judged it (``decided``, from the pipeline); a point not decided there is
    judged by the matcher alone.  A fused or condensed sentence is known, too,
    when its own text repeats a previous point: it may say what a supporter
    says rather than the point.  The previous points are judged by their
    sentence and every span they cite.
    """
    points = previous_points(previous)
    decided = decided or {}
    keys = [(s.citations[0].source, s.citations[0].sentence) if s.citations else ("", -1) for s in brief.sentences]
    todo = [i for i, key in enumerate(keys) if key not in decided]
    fresh = decide([_point_text(brief.sentences[i]) for i in todo], points, matcher=matcher, tuning=tuning)
    found = [decided.get(key) for key in keys]
    for i, verdict in zip(todo, fresh, strict=True):
        found[i] = verdict
    rewritten = [i for i, s in enumerate(brief.sentences) if found[i] is None and s.text != _point_text(s)]
    again = decide([brief.sentences[i].text for i in rewritten], points, matcher=matcher, tuning=tuning)
    for i, verdict in zip(rewritten, again, strict=True):
        found[i] = verdict
    sentences = tuple(
        replace(s, followup=FollowUp(True) if m is None else FollowUp(False, m))
        for s, m in zip(brief.sentences, found, strict=True)
    )
    info = FollowUpInfo(len(points), tuning.known_similarity)
    return replace(brief, sentences=sentences, meta=replace(brief.meta, followup=info))


@overload
def only_new(brief: Brief) -> Brief: ...
@overload
def only_new(brief: Digest) -> Digest: ...


def only_new(brief: Brief | Digest) -> Brief | Digest:
    """The new points of a marked brief, with the sources they cite; the count of known ones left out is kept.

    Of a follow-up digest (``digest(..., previous=...)``): every story with its
    new points only; a story with none is left out, and a ``stories-unchanged``
    notice counts them.  A story never briefed before is new as a whole.
    """
    if isinstance(brief, Digest):
        return _only_new_stories(brief)
    if brief.meta.followup is None:
        raise ValueError("only_new needs a brief marked against a previous one (summarize(..., previous=...))")
    kept = tuple(s for s in brief.sentences if s.followup is not None and s.followup.new)
    cited = {c.source for s in kept for c in s.citations}
    info = replace(brief.meta.followup, only_new=True, known_left_out=len(brief.sentences) - len(kept))
    return replace(
        brief,
        sentences=kept,
        sources=tuple(s for s in brief.sources if s.id in cited),
        meta=replace(brief.meta, followup=info),
    )


def _only_new_stories(day: Digest) -> Digest:
    if all(s.continued is None for s in day.stories) and all(m.continued is None for m in day.also_reported):
        raise ValueError("only_new needs a digest made against a previous one (digest(..., previous=...))")
    stories = []
    for story in day.stories:
        brief = story.brief if story.brief.meta.followup is None else only_new(story.brief)
        if brief.sentences:
            stories.append(replace(story, brief=brief))
    unchanged = len(day.stories) - len(stories)
    notices = [Notice("stories-unchanged", f"{unchanged} {'story' if unchanged == 1 else 'stories'} with nothing "
                      "new since the previous digest left out")] if unchanged else []
    return replace(day, stories=tuple(stories), warnings=(*day.warnings, *notices))


def _point_text(sentence: BriefSentence) -> str:
    return sentence.citations[0].text if sentence.citations else sentence.text
