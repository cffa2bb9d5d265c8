"""A story digest: a day's documents grouped by event, one cited brief per story.

``digest(documents, **options)`` reads like its steps:

1. split every document (:func:`~summarize.pipeline.split_supported`; sources
   with nothing to summarize are left out and named in a warning);
2. group the articles by event (:mod:`summarize.stories`) and title each story
   in a source's own words;
3. count each story's independent sources (copies count once, by the rule of
   :func:`~summarize.provenance.origins`) and order the stories: most
   independent sources first, then the most recent where dates are known, then
   input order;
4. brief every story with at least ``min_sources`` independent sources (at most
   ``max_stories`` of them) through today's :class:`~summarize.pipeline.Summarizer`,
   from that story's sources only, so every citation stays inside its story.
   The rest are listed under "Also reported" with their title and sources.

Documents that all tell one story give a digest of that one story whose brief
is exactly ``summarize(documents)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from . import provenance, similarity, stories
from .brief import Brief, Digest, Mention, Notice, Source, Story, Title
from .errors import InputError
from .options import Options
from .pipeline import Document, Progress, Summarizer, candidates, split_supported
from .sentences import Split
from .sources import as_sources
from .workers import Engine, Outcome, resolve

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class _Found:
    """A story as grouped, before briefing."""

    title: Title
    sources: tuple[Source, ...]
    independent: int
    sentences: int
    """Content sentences in all: what briefing it costs."""


def digest(
    documents: Sequence[Document],
    *,
    options: Options | None = None,
    min_sources: int = 2,
    max_stories: int | None = None,
    engine: str | Engine | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    **overrides: Any,
) -> Digest:
    """Group ``documents`` (as :func:`summarize.summarize` takes them) by event and brief each story.

    Keyword options are the fields of :class:`Options` (``words`` is per story),
    or ``options=Options(...)``; and:

    * ``min_sources``: stories with fewer independent sources are listed under
      ``also_reported`` (title and sources), not briefed (default 2; 1 briefs all);
    * ``max_stories``: brief at most this many stories, the first in order; the
      others are listed under ``also_reported`` with a warning;
    * ``engine``: ``"auto"`` (default), ``"serial"``, ``"processes"``, ``"ray"``
      or a :class:`~summarize.workers.Engine`; ``workers``: how many;
    * ``progress``: called with (stories briefed, stories to brief); when
      everything is one story, with its points fused, as :func:`summarize.summarize` does.
    """
    options = replace(options or Options(), **overrides)
    _check_count("min_sources", min_sources)
    if max_stories is not None:
        _check_count("max_stories", max_stories)
    sources = as_sources(documents, max_sources=options.max_sources)
    splits, warnings = split_supported(sources, options.tuning)
    articles = [s for s in splits if s.content]
    if not articles:
        raise InputError("no source has a sentence to summarize: what text there is, is too short or site boilerplate")
    grouping = stories.group(articles, options.tuning)
    settings = {**asdict(options), "min_sources": min_sources, "max_stories": max_stories}
    found = sorted((_found(grouping, articles, story, options) for story in grouping.stories), key=_order)
    if len(found) == 1:  # one story: today's brief of all the documents, whatever min_sources says
        story = found[0]
        brief = Summarizer(options).summarize(sources, progress=progress, grouped=True)
        return Digest((Story(story.title, brief, tuple(sources), story.independent),), (), tuple(sources), (), settings)

    wanted = [f for f in found if f.independent >= min_sources]
    chosen = wanted[:max_stories] if max_stories is not None else wanted
    if len(chosen) < len(wanted):
        more = len(wanted) - len(chosen)
        warnings.append(
            Notice(
                "more-stories",
                f"{more} more {_stories(more)} with {min_sources} or more independent sources "
                f"{'is' if more == 1 else 'are'} listed under Also reported (at most {max_stories} briefed)",
            )
        )
    if not wanted:
        warnings.append(
            Notice(
                "no-story-briefed",
                f"no story has {min_sources} or more independent sources: every story is listed under "
                "Also reported (min_sources=1 briefs them)",
            )
        )
    briefed: dict[int, Story] = {}
    run = _Runner(options, engine, workers, progress)
    for k, outcome in enumerate(run([(f.sources, f.sentences) for f in chosen])):
        f = chosen[k]
        if isinstance(outcome, Brief):
            briefed[id(f)] = Story(f.title, outcome, f.sources, f.independent)
        else:
            warnings.append(Notice("story-not-briefed", f"story {f.title.text!r} could not be briefed: {outcome}"))
    mentions = tuple(Mention(f.title, f.sources, f.independent) for f in found if id(f) not in briefed)
    return Digest(tuple(briefed.values()), mentions, tuple(sources), tuple(warnings), settings)


def _found(grouping: stories.Grouping, articles: list[Split], story: Sequence[int], options: Options) -> _Found:
    members = [articles[k] for k in story]
    title = stories.title(members, options.tuning)
    sentences = sum(len(a.content) for a in members)
    return _Found(title, tuple(a.source for a in members), independent(members, options), sentences)


def independent(articles: Sequence[Split], options: Options) -> int:
    """Independent sources among ``articles``: sets of near-identical copies count once.

    The rule and the sentences are the brief's own (:func:`~summarize.provenance.origins`
    over the same capped candidates), so a story's count is the support its brief can show.
    """
    if len(articles) < 2:
        return len(articles)
    content, _ = candidates([a.content for a in articles], options.tuning.max_candidates)
    return len(set(provenance.origins(similarity.build(content), options.tuning)))


def _order(found: _Found) -> tuple[int, int, str]:
    """Most independent sources first; then the latest known date first, undated after; then input order (stable)."""
    dates = [d for d in (_date(s.date) for s in found.sources) if d]
    latest = max(dates) if dates else ""
    return (-found.independent, 0 if latest else 1, _negated(latest))


def _date(value: str | None) -> str:
    """``YYYYMMDD`` of a source's date when it holds an ISO date, else ``""``."""
    match = _DATE.search(value or "")
    return "".join(match.groups()) if match else ""


def _negated(digits: str) -> str:
    """A digit string that sorts in reverse: newest first under an ascending sort."""
    return "".join(str(9 - int(d)) for d in digits)


class _Runner:
    """Briefs stories on the engine the options and the work call for, reporting progress over stories."""

    def __init__(self, options: Options, engine: str | Engine | None, workers: int | None, progress: Progress | None):
        self.options, self.engine, self.workers, self.progress = options, engine, workers, progress

    def __call__(self, jobs: list[tuple[tuple[Source, ...], int]]) -> list[Outcome]:
        sentences = sum(n for _, n in jobs)
        engine = resolve(
            self.engine, workers=self.workers, fuse=self.options.fuse, sentences=sentences, stories=len(jobs)
        )
        progress = self.progress
        done = None if progress is None else (lambda n: progress(n, len(jobs)))
        return engine.briefs(self.options, [job for job, _ in jobs], done)


def _check_count(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InputError(f"{name} must be a positive whole number, not {value!r}")


def _stories(n: int) -> str:
    return "story" if n == 1 else "stories"
