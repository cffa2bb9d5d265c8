"""``summarize digest``: read the inputs, brief them (one story or a digest of many), write the result."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import click

from ..brief import Brief, Digest, Notice, condensed
from ..digest import digest as make_digest
from ..errors import MAX_COUNT, InputError, ModelError, SourceError, SummarizeError
from ..followup import only_new as keep_new
from ..load import from_json
from ..options import Options
from ..output import output_target, write_atomically
from ..pipeline import Summarizer
from ..progress import StatusLine
from ..rank import RANKERS
from ..render import FORMATS, render
from ..sources import DEFAULT_TIMEOUT, MAX_SOURCE_BYTES, MAX_SOURCES, read_sources
from ..sources.feeds import parse_since
from ..sources.reader import read_bounded
from ..workers import ENGINES
from .terminal import EXIT_INPUT, EXIT_MODEL, FetchProgress, fail, say, write_stdout

_COUNT = click.IntRange(min=1, max=MAX_COUNT)
"""Budgets and limits: whole numbers a machine can count to (larger ones are a usage error, not an overflow)."""


class _OutputPath(click.Path):
    """``-o``'s type: click's path checks, and a usage error (not a ``ValueError``) for a NUL in the name."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if "\x00" in os.fsdecode(value):
            self.fail("a file name cannot hold a NUL character", param, ctx)
        return super().convert(value, param, ctx)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-w", "--words", type=_COUNT, default=Options.words, show_default=True,
    help="Word budget of the brief.",
)
@click.option("--sentences", type=_COUNT, default=None, help="At most this many sentences.")
@click.option("-q", "--query", default=None, help="Focus the brief on this topic.")
@click.option(
    "--lambda", "lambda_", type=click.FloatRange(0.0, 1.0), default=Options.lambda_, show_default=True,
    help="MMR trade-off: 1 favours salience, 0 novelty.",
)
@click.option(
    "--ranker", type=click.Choice(RANKERS), default=Options.ranker, show_default=True,
    help="Salience: the model-free heuristic, or the learned model (trained on Multi-News: non-commercial use).",
)
@click.option(
    "--fuse/--no-fuse", default=True, show_default=True,
    help="Rewrite each point with its supporting sentences through the model.",
)
@click.option(
    "-m", "--model", default=None,
    help="Hugging Face model id, local directory or GGUF file (default: the embedded model); "
    "'word-graph': no model, compression and word-graph fusion of the cited sentences.",
)
@click.option("--prompt", default=None, help="Prompt template name from prompts/.")
@click.option(
    "--constrained", is_flag=True,
    help="Source-constrained decoding: the model may write only tokens of the sentences it fuses.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.0, min_open=True), default=None,
    help="Seconds the model may take for the brief.",
)
@click.option(
    "--conflicts", type=click.IntRange(min=0), default=Options.conflicts, show_default=True,
    help="List at most N places where the sources disagree (0: none).",
)
@click.option(
    "--fallback/--strict", default=False, show_default=True,
    help="On a model failure, print the extractive brief with a warning instead of failing.",
)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option(
    "-o", "--output", type=_OutputPath(dir_okay=False, path_type=Path), default=None,
    help="Write here (atomically; a regular file or a new one) instead of stdout (- is stdout).",
)
@click.option("--cluster", default=None, help="Which cluster of a JSONL file with several to summarize (its id).")
@click.option(
    "--max-bytes", type=_COUNT, default=MAX_SOURCE_BYTES, show_default=True,
    help="Refuse sources larger than this.",
)
@click.option(
    "--max-sources", type=_COUNT, default=MAX_SOURCES, show_default=True,
    help="Refuse more sources than this.",
)
@click.option("--allow-private", is_flag=True, help="Also fetch URLs on private, loopback and link-local addresses.")
@click.option("--since", "since", default=None, callback=lambda _c, _p, v: _since(v), metavar="DATE",
              help="Only feed entries published at or after DATE (2026-11-23, or an ISO time; UTC unless it says).")
@click.option("--max-items", type=_COUNT, default=None, help="At most the N newest entries per feed.")
@click.option("--fetch-timeout", type=click.FloatRange(min=0.0, min_open=True), default=DEFAULT_TIMEOUT,
              show_default=True, help="Seconds one URL may take, redirects and body included.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Keep fetched pages in the HTTP cache and revalidate them (ETag / Last-Modified).")
@click.option("--since-brief", "since_brief", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="PREVIOUS.json",
              help="A previous brief or digest (JSON; repeatable): mark points new or known against it.")
@click.option("--only-new", is_flag=True, help="With --since-brief: print only the new points.")
@click.option("--one-story", is_flag=True, help="Treat every input as one story: a single brief, no grouping.")
@click.option(
    "--min-sources", type=_COUNT, default=2, show_default=True,
    help="Brief stories with at least this many independent sources; list the others under Also reported.",
)
@click.option(
    "--max-stories", type=_COUNT, default=None,
    help="Brief at most this many stories (the most reported); list the rest.",
)
@click.option(
    "--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
    help="Where stories are briefed: this process, worker processes, or Ray.",
)
@click.option(
    "--workers", type=_COUNT, default=None,
    help="Worker processes or Ray actors (default: one per core).",
)
@click.option("--quiet", is_flag=True, help="No progress or warnings on stderr.")
def digest(
    paths: tuple[str, ...],
    words: int,
    sentences: int | None,
    query: str | None,
    lambda_: float,
    ranker: Literal["heuristic", "learned"],
    fuse: bool,
    model: str | None,
    prompt: str | None,
    constrained: bool,
    timeout: float | None,
    conflicts: int,
    fallback: bool,
    fmt: str,
    output: Path | None,
    cluster: str | None,
    max_bytes: int,
    max_sources: int,
    allow_private: bool,
    since: str | None,
    max_items: int | None,
    fetch_timeout: float,
    cache: bool,
    since_brief: tuple[Path, ...],
    only_new: bool,
    one_story: bool,
    min_sources: int,
    max_stories: int | None,
    engine: str,
    workers: int | None,
    quiet: bool,
) -> None:
    """Write a digest of PATHS: files (.txt .md .html .json .jsonl), directories, - for stdin,
    http(s) URLs of pages, and RSS/Atom feeds (URLs or files).

    Articles are grouped by event; when there is more than one story, each gets
    its own brief (--words per story) and stderr says so. --one-story makes one
    brief of everything; so does --since-brief with a previous brief, while a
    previous digest gives a digest whose stories keep their ids.
    """
    tell = (lambda _msg: None) if quiet else say
    if only_new and not since_brief:
        raise click.UsageError("--only-new needs --since-brief PREVIOUS.json")
    if quiet:
        os.environ["TQDM_DISABLE"] = "1"  # the one-time model conversion's progress bar, too
    try:
        options = Options(
            words=words, sentences=sentences, query=query, lambda_=lambda_, ranker=ranker, fuse=fuse, model=model,
            prompt=prompt, constrained=constrained, timeout=timeout,
            on_model_error="extractive" if fallback else "raise", max_sources=max_sources, conflicts=conflicts,
        )
        if output is not None and str(output) == "-":
            output = None  # -o - is stdout
        if output is not None:
            output_target(output)  # refuse a device or a FIFO before any work, not after it
        previous = [_previous(p, max_bytes) for p in since_brief] or None
        digests = _previous_digests(previous, one_story)
        silent = quiet or sys.stderr is None  # never a progress bar on stdout
        fetching = FetchProgress(silent)
        sources, warnings = read_sources(
            paths, cluster=cluster, max_bytes=max_bytes, max_sources=max_sources, allow_private=allow_private,
            since=since, max_items=max_items, timeout=fetch_timeout, cache=cache, progress=fetching,
        )
        fetching.finish()
        result: Brief | Digest
        if one_story or (previous and digests is None):
            briefs = [p for p in previous or () if isinstance(p, Brief)] or None
            with StatusLine("fusing" if fuse else "briefing", quiet=silent) as status:
                result = Summarizer(options).summarize(sources, progress=status.update, grouped=True, previous=briefs)
        else:
            with StatusLine("briefing", quiet=silent) as status:
                day = make_digest(
                    sources, options=options, min_sources=min_sources, max_stories=max_stories,
                    engine=engine, workers=workers, progress=status.update, previous=digests,
                )
            # a digest follow-up stays a digest: the next run matches its stories by id
            result = day.stories[0].brief if _one_brief(day) and digests is None else day
        if only_new:
            result = keep_new(result)
        result = replace(result, warnings=condensed((*warnings, *result.warnings)))
        text = render(result, fmt)
        if output is None:
            write_stdout(text)
        else:
            write_atomically(output, text)
        # after the output is out: a failure is one line, never warnings and then a line
        if isinstance(result, Digest) and result.stories:  # none briefed: a warning says why
            tell(_found(result))
        for warning in _all_warnings(result):
            tell(f"warning: {warning}")
    except ModelError as error:
        fail(error, EXIT_MODEL)
    except (InputError, SummarizeError) as error:
        fail(error, EXIT_INPUT)
    except OSError as error:
        fail(f"cannot write {output or 'stdout'}: {error.strerror or error}", EXIT_INPUT)
    except MemoryError:
        fail("out of memory; summarize fewer or smaller sources", EXIT_INPUT)



def _since(value: str | None) -> str | None:
    """``--since`` checked while parsing options, so a bad date is a usage error (exit 2)."""
    try:
        parse_since(value)
    except InputError as error:
        raise click.BadParameter(str(error)) from None
    return value


def _previous(path: Path, max_bytes: int) -> Brief | Digest:
    """A ``--since-brief`` file (a brief or a digest): read within the byte limit, then checked field by field."""
    try:
        with open(path, "rb") as handle:
            data = read_bounded(handle, max_bytes)
    except OSError as error:
        raise SourceError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise SourceError(f"{path}: larger than the limit for one input; raise it with --max-bytes")
    assert isinstance(data, bytes)
    return from_json(data, name=str(path))


def _previous_digests(previous: list[Brief | Digest] | None, one_story: bool) -> list[Digest] | None:
    """The previous digests a digest follow-up matches its stories against; ``None`` when they are briefs."""
    if not previous or all(isinstance(p, Brief) for p in previous):
        return None
    if not all(isinstance(p, Digest) for p in previous):
        raise click.UsageError("--since-brief files must all be briefs or all be digests")
    if one_story:
        raise click.UsageError("--one-story makes a brief; a digest's follow-up is a digest (leave out --one-story)")
    return [p for p in previous if isinstance(p, Digest)]


def _one_brief(day: Digest) -> bool:
    """A digest of one story and nothing else is today's brief of all the documents."""
    return len(day.stories) == 1 and not day.also_reported


def _found(day: Digest) -> str:
    stories = len(day.stories) + len(day.also_reported)
    listed = f", {len(day.also_reported)} more listed under Also reported" if day.also_reported else ""
    return (
        f"found {stories} stories in {len(day.sources)} sources: a brief for each of {len(day.stories)}{listed}"
        " (--one-story for a single brief)"
    )


def _all_warnings(result: Brief | Digest) -> list[Notice]:
    """Every warning once: a digest's own, then each story's brief's."""
    if isinstance(result, Brief):
        return list(result.warnings)
    return [*result.warnings, *(w for story in result.stories for w in story.brief.warnings)]

