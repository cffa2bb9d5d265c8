"""Wire the stages together from one :class:`Options` object.

``Summarizer`` is what a long-lived caller keeps: it resolves its fusion model
once (models are cached process-wide and shared safely between threads) and
can be called from many threads at once; it holds no other state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any, NamedTuple

import numpy as np

from . import conflicts, followup, provenance, rank, select
from .brief import (
    Brief,
    BriefMeta,
    BriefSentence,
    FusionInfo,
    Group,
    GuardVerdict,
    Notice,
    PreviousMatch,
    Source,
    condensed,
)
from .candidates import ranking_space
from .errors import InputError, ModelError
from .fusion import condense
from .options import Options, kind, with_overrides
from .sources import documents_to_sources
from .text import looks_english

Document = str | Source | Mapping[str, Any]
"""What the library accepts as one document: its text, a :class:`Source`, or a mapping with ``text``."""

Progress = Callable[[int, int], None]
"""Called with (steps done, total steps) as fusion proceeds."""

Previous = Brief | Sequence[Brief]
"""The brief(s) a follow-up is compared with: yesterday's, or every one already sent."""


class Summarizer:
    """A reusable, thread-safe summarizer: build once, call :meth:`summarize` many times.

    ``matcher`` decides, for follow-ups, how alike a point and a previous
    point are (default :func:`summarize.followup.lexical`).
    """

    def __init__(
        self, options: Options | None = None, *, matcher: followup.Matcher | None = None, **overrides: Any
    ) -> None:
        if options is not None and not isinstance(options, Options):
            raise InputError(f"options must be a summarize.Options, not {kind(options)}")
        self.options = with_overrides(options or Options(), overrides)
        self.matcher = matcher or followup.lexical

    def update(self, previous: Previous, documents: Sequence[Document], *, progress: Progress | None = None) -> Brief:
        """A follow-up of ``previous``: every point marked new or known, new points given the budget first.

        Keep the returned brief as the next call's ``previous`` (or pass a list
        of every brief sent); :func:`summarize.followup.only_new` keeps the new points.
        """
        return self.summarize(documents, progress=progress, previous=previous)

    def summarize(
        self,
        documents: Sequence[Document],
        *,
        progress: Progress | None = None,
        previous: Previous | None = None,
        grouped: bool = False,
    ) -> Brief:
        """Turn documents about one event into a brief (see :func:`summarize.summarize`).

        ``grouped=True`` says the documents are known to be one story (a digest
        grouped them, or the caller insists), so the brief does not warn when
        they look like several.
        """
        options = self.options
        if progress is not None and not callable(progress):
            raise InputError(f"progress must be a function of (done, total), not {kind(progress)}")
        sources, warnings = documents_to_sources(documents, max_sources=options.max_sources)
        points = None if previous is None else followup.previous_points(_briefs(previous))
        (groups, extracted, listed), decided, shorter = _extract(
            sources, options, points, self.matcher, grouped=grouped
        )
        warnings += extracted
        sentences = [_extractive(g) for g in groups]
        fusion = None
        if shorter is not None:
            sentences = [c or s for c, s in zip(shorter, sentences, strict=True)]
            fusion = FusionInfo(condense.NAME, condense.VERSION)
            if progress:
                progress(len(sentences), len(sentences))
        elif options.fuse and groups:
            try:
                sentences, fusion = _fuse(groups, sentences, options, progress)
            except ModelError as error:
                if options.on_model_error == "raise":
                    raise
                warnings.append(Notice("fusion-failed", f"fusion failed, brief is extractive: {error}"))
        sentences = [replace(s, conflicts=tuple(k for k, c in enumerate(listed) if c.stated_by(s))) for s in sentences]
        meta = BriefMeta(asdict(options), fusion)
        brief = Brief(
            tuple(sentences), tuple(sources), meta, condensed(warnings), tuple(c.conflict for c in listed)
        )
        if previous is not None:
            briefs = _briefs(previous)
            brief = followup.mark(brief, briefs, matcher=self.matcher, tuning=options.tuning, decided=decided)
        return brief


def summarize(
    documents: Sequence[Document],
    *,
    progress: Progress | None = None,
    previous: Previous | None = None,
    **options: Any,
) -> Brief:
    """Summarize ``documents`` (strings, :class:`Source` objects or mappings) about one event into a :class:`Brief`.

    Keyword options are the fields of :class:`Options`, e.g. ``words=120``,
    ``query="export controls"``, ``fuse=False``, ``model="facebook/bart-large-cnn"``.
    With ``previous`` (a brief, or a list of briefs) the brief is a follow-up:
    see :meth:`Summarizer.update`. When the documents look like several stories,
    the brief says so (warning ``several-stories``): :func:`summarize.digest`
    gives one brief per story.
    """
    return Summarizer(with_overrides(Options(), options)).summarize(documents, progress=progress, previous=previous)


class Extraction(NamedTuple):
    """What the extractive half gives: the points with their supporters, warnings, and where sources disagree."""

    groups: list[Group]
    warnings: list[Notice]
    conflicts: list[conflicts.Listed]


def _briefs(previous: Previous) -> list[Brief]:
    briefs = [previous] if isinstance(previous, Brief) else list(previous)
    if not all(isinstance(b, Brief) for b in briefs):
        raise InputError("previous must be a Brief or a list of Briefs (summarize.from_json reads a JSON brief)")
    return briefs


def extract(sources: Sequence[Source], options: Options, *, grouped: bool = False) -> Extraction:
    """The extractive half: split, embed, find disputes, rank, pick with MMR, attach agreeing sentences.

    A point that takes the losing side of a dispute is swapped for the
    prevailing side's sentence, and sources that state another value never
    count as its support.
    """
    return _extract(sources, replace(options, fuse=False), None, followup.lexical, grouped=grouped)[0]


def _extract(
    sources: Sequence[Source],
    options: Options,
    previous: Sequence[followup.PreviousPoint] | None,
    matcher: followup.Matcher,
    *,
    grouped: bool = False,
) -> tuple[Extraction, followup.Decided, list[BriefSentence | None] | None]:
    """:func:`extract`, and with ``previous`` points a follow-up's selection and its verdicts by point.

    Candidates that repeat a previous point (:func:`summarize.followup.decide`,
    judged in this cluster's vectors too) are picked only once no new
    candidate fits the budget.  With fusion on and ``model="word-graph"``, points are
    picked by their condensed length (:func:`summarize.fusion.condense.pick`)
    and the condensed sentences come back last (``None`` otherwise).
    """
    tuning = options.tuning
    space, origins, warnings = ranking_space(sources, tuning, grouped=grouped)
    content = space.sentences
    disputes = conflicts.by_date(conflicts.find(space, origins, tuning), space, {s.id: s.date for s in sources})
    scores = rank.salience(space, origins, query=options.query, tuning=tuning, ranker=options.ranker)
    verdicts: list[PreviousMatch | None] = []
    deferred = None
    # orphans give way to sentences that stand alone (what a query asks for may lean on context)
    leaning = rank.leaning(space)
    demoted = None if options.query else leaning
    after = rank.antecedents(space, leaning)  # an orphan reads right after what it leans on
    if previous:
        texts = [s.text for s in content]
        cosine = followup.point_scores(texts, previous, space.cosine)
        verdicts = followup.decide(texts, previous, matcher=matcher, tuning=tuning, redundancy=cosine)
        deferred = np.array([v is not None for v in verdicts], dtype=bool)
    chosen = None
    if options.fuse and options.model == condense.NAME:
        picked, chosen = condense.pick(
            space, scores, origins, words=options.words, sentences=options.sentences, lambda_=options.lambda_,
            tuning=tuning, deferred=deferred, demoted=demoted, after=after,
        )
    else:
        picked = select.mmr(
            space,
            scores,
            words=options.words,
            sentences=options.sentences,
            lambda_=options.lambda_,
            tuning=tuning,
            deferred=deferred,
            demoted=demoted,
            after=after,
        )
    if not picked:
        shortest = min(s.words for s in content)
        raise InputError(
            f"a budget of {options.words} words is smaller than every sentence (the shortest has {shortest})"
        )
    warnings += rank.unmatched_query(options.query, content)
    warnings += select.top_point_left_out(space, scores, picked, options.words)
    if len(set(origins)) < len({s.source for s in content}):
        message = "some sources are near-identical copies; each set of copies counts as one source of support"
        warnings.append(Notice("copies", message))
    if len(set(origins)) == 1:
        message = "only one independent source has prose to summarize: no sentence can be corroborated by another"
        warnings.append(Notice("one-source", message))
    if not looks_english([s.text for s in content]):
        message = "the text does not look like English; sentence splitting and ranking are tuned for English"
        warnings.append(Notice("not-english", message))
    points = conflicts.prefer_prevailing(space, select.reading_order(space, picked, after), disputes, options.words)
    decided = {(content[i].source, content[i].index): verdicts[i] for i in points} if previous else {}
    shorter = None if chosen is None else [chosen.get(i) for i in points]
    groups = provenance.groups(space, points, origins, tuning, against=conflicts.against(disputes, origins))
    listed = conflicts.records(disputes, space, points, options.conflicts)
    return Extraction(groups, warnings, listed), decided, shorter



def _extractive(group: Group) -> BriefSentence:
    return BriefSentence(group.point.text, group.citations, group.support)


def _fuse(
    groups: Sequence[Group], extractive: Sequence[BriefSentence], options: Options, progress: Progress | None
) -> tuple[list[BriefSentence], FusionInfo]:
    """Fuse every point, then keep the budget: fused sentences that overrun it fall back to extractive."""
    from .fusion import get_fuser

    fuser = get_fuser(options.model, prompt=options.prompt)
    fused = fuser.fuse(
        groups, progress=progress, timeout=options.timeout, tuning=options.tuning, constrained=options.constrained
    )
    sentences = list(fused)
    overrun = sum(s.words for s in sentences) - options.words
    by_growth = sorted(range(len(sentences)), key=lambda i: extractive[i].words - sentences[i].words)
    for i in by_growth:
        if overrun <= 0:
            break
        if sentences[i].fused:
            overrun -= sentences[i].words - extractive[i].words
            candidate = sentences[i].text
            sentences[i] = replace(extractive[i], guard=GuardVerdict(False, candidate, ("over the word budget",)))
    return sentences, FusionInfo(fuser.name, fuser.prompt)
