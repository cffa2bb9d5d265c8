"""Which of today's stories continue a previous digest's: story identity across runs.

A bot that sends a digest every morning wants a story it already covered to
stay that story: the same id, and a brief that tells what is new in it.
Today's story *continues* a previous one when it says what that story said:
for each of the previous story's brief sentences (its title, for a story
that was only listed), the best :func:`summarize.followup.lexical` score
against today's story's sentences, averaged, reaches
``Tuning.story_continues``.  Pairs are taken best first, one to one, so two
stories of today never claim the same story of yesterday.

A story that continues none gets an id made from its title and first source,
so the same input gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .brief import Brief, Digest, Source, Title
from .followup import lexical
from .tuning import DEFAULT, Tuning


@dataclass(frozen=True)
class PreviousStory:
    """A story of a previous digest: its id, what it said, and its brief (``None`` for one only listed)."""

    id: str
    texts: tuple[str, ...]
    brief: Brief | None


def previous_stories(digests: Sequence[Digest]) -> list[PreviousStory]:
    """Every story of the previous digests, briefed or listed, the latest digest's first (it wins a tie)."""
    found: list[PreviousStory] = []
    for day in reversed(digests):
        for story in day.stories:
            found.append(PreviousStory(story.id, tuple(s.text for s in story.brief.sentences), story.brief))
        for mention in day.also_reported:
            found.append(PreviousStory(mention.id, (mention.title.text,), None))
    return found


def match(
    today: Sequence[Sequence[str]], previous: Sequence[PreviousStory], tuning: Tuning = DEFAULT
) -> list[PreviousStory | None]:
    """For each of today's stories (its sentences), the previous story it continues, or ``None``."""
    if not today or not previous:
        return [None] * len(today)
    scores = np.array([[_continues(texts, p) for p in previous] for texts in today], dtype=np.float32)
    chosen: list[PreviousStory | None] = [None] * len(today)
    taken: set[int] = set()
    for flat in np.argsort(-scores, axis=None, kind="stable"):
        i, j = divmod(int(flat), len(previous))
        if scores[i, j] < tuning.story_continues:
            break
        if chosen[i] is None and j not in taken:
            chosen[i] = previous[j]
            taken.add(j)
    return chosen


def _continues(texts: Sequence[str], story: PreviousStory) -> float:
    """Mean over the previous story's texts of the best score against ``texts``."""
    if not texts or not story.texts:
        return 0.0
    return float(lexical(list(story.texts), list(texts)).max(axis=1).mean())


def story_id(title: Title, sources: Sequence[Source]) -> str:
    """A new story's id: from its title and first source, so the same input gives the same id."""
    first = sources[0].id if sources else ""
    return "s" + hashlib.sha1(f"{first}\n{title.text}".encode()).hexdigest()[:10]
