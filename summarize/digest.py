"""A story digest: a day's documents grouped by event, one cited brief per story.

``digest(documents, **options)`` reads like its steps:

1. split every document (:func:`~summarize.candidates.split_supported`; sources
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

from . import provenance, similarity, stories, storyline
from .brief import Brief, Digest, Mention, Notice, Source, Story, Title
from .candidates import candidates, split_supported
from .errors import InputError
from .options import Options
from .pipeline import Document, Progress, Summarizer
from .sentences import Split
from .sources import as_sources
from .workers import Engine, Job, Outcome, resolve

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class _Found:
    """A story as grouped, before briefing."""

    title: Title
    sources: tuple[Source, ...]
    independent: int
    sentences: int
    """Content sentences in all: what briefing it costs."""
    texts: tuple[str, ...]
    """Its content sentences, for telling which previous story it continues."""
    id: str = ""
    previous: storyline.PreviousStory | None = None


def digest(
    documents: Sequence[Document],
    *,
    options: Options | None = None,
    min_sources: int = 2,
    max_stories: int | None = None,
    engine: str | Engine | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    previous: Digest | Sequence[Digest] | None = None,
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
      everything is one story, with its points fused, as :func:`summarize.summarize` does;
    * ``previous``: the digest(s) already sent. A story that continues one of
      theirs keeps its id (``Story.continued``) and its brief is a follow-up of
      that story's brief (points marked new or known, new ones first: see
      :mod:`summarize.storyline` and :mod:`summarize.followup`).
    """
    options = replace(options or Options(), **overrides)
    earlier = _previous_digests(previous)
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
    found = _identified(found, earlier, options)
    if len(found) == 1:  # one story: today's brief of all the documents, whatever min_sources says
        story = found[0]
        brief = Summarizer(options).summarize(sources, progress=progress, grouped=True, previous=_brief_of(story))
        return Digest((_story(story, brief, tuple(sources), earlier),), (), tuple(sources), (), settings)

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
    for k, outcome in enumerate(run([(Job(f.sources, _brief_of(f)), f.sentences) for f in chosen])):
        f = chosen[k]
        if isinstance(outcome, Brief):
            briefed[id(f)] = _story(f, outcome, f.sources, earlier)
        else:
            warnings.append(Notice("story-not-briefed", f"story {f.title.text!r} could not be briefed: {outcome}"))
    mentions = tuple(
        Mention(f.title, f.sources, f.independent, f.id, _continued(f, earlier)) for f in found if id(f) not in briefed
    )
    return Digest(tuple(briefed.values()), mentions, tuple(sources), tuple(warnings), settings)


def _previous_digests(previous: Digest | Sequence[Digest] | None) -> list[Digest] | None:
    if previous is None:
        return None
    digests = [previous] if isinstance(previous, Digest) else list(previous)
    if not all(isinstance(d, Digest) for d in digests):
        raise InputError("previous must be a Digest or a list of Digests (summarize.from_json reads a JSON digest)")
    return digests


def _identified(found: list[_Found], earlier: list[Digest] | None, options: Options) -> list[_Found]:
    """Each story with its id: the previous story's it continues, else one made from its title."""
    matches = storyline.match([f.texts for f in found], storyline.previous_stories(earlier or []), options.tuning)
    return [
        replace(f, id=m.id if m else storyline.story_id(f.title, f.sources), previous=m)
        for f, m in zip(found, matches, strict=True)
    ]


def _brief_of(found: _Found) -> Brief | None:
    return None if found.previous is None else found.previous.brief


def _continued(found: _Found, earlier: list[Digest] | None) -> bool | None:
    return None if earlier is None else found.previous is not None


def _story(found: _Found, brief: Brief, sources: tuple[Source, ...], earlier: list[Digest] | None) -> Story:
    return Story(found.title, brief, sources, found.independent, found.id, _continued(found, earlier))


def _found(grouping: stories.Grouping, articles: list[Split], story: Sequence[int], options: Options) -> _Found:
    members = [articles[k] for k in story]
    title = stories.title(members, options.tuning)
    texts = tuple(s.text for a in members for s in a.content)
    return _Found(title, tuple(a.source for a in members), independent(members, options), len(texts), texts)


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

    def __call__(self, jobs: list[tuple[Job, int]]) -> list[Outcome]:
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
