"""The ``summarize`` command: a thin click layer over the library.

Only this module prints.  Library errors become one line on stderr and an exit
code (1 bad input, 3 model failure); click's own usage errors exit with 2.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Literal

import click

from . import __version__
from .errors import InputError, ModelError, SummarizeError
from .pipeline import Options, Summarizer
from .rank import RANKERS
from .render import FORMATS, render
from .sources import MAX_SOURCE_BYTES, MAX_SOURCES, read_sources

EXIT_INPUT = 1
EXIT_MODEL = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summarize")
def main() -> None:
    """Summarize several articles about one event into one short, cited brief."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-w", "--words", type=click.IntRange(min=1), default=Options.words, show_default=True, help="Word budget of the brief.")
@click.option("--sentences", type=click.IntRange(min=1), default=None, help="At most this many sentences.")
@click.option("-q", "--query", default=None, help="Focus the brief on this topic.")
@click.option("--lambda", "lambda_", type=click.FloatRange(0.0, 1.0), default=Options.lambda_, show_default=True, help="MMR trade-off: 1 favours salience, 0 novelty.")
@click.option(
    "--ranker", type=click.Choice(RANKERS), default=Options.ranker, show_default=True,
    help="Salience: the model-free heuristic, or the learned model (trained on Multi-News: non-commercial research use).",
)
@click.option("--fuse/--no-fuse", default=True, show_default=True, help="Rewrite each point with its supporting sentences through the model.")
@click.option("-m", "--model", default=None, help="Hugging Face model id, local directory or GGUF file (default: the embedded model).")
@click.option("--prompt", default=None, help="Prompt template name from prompts/.")
@click.option("--timeout", type=click.FloatRange(min=0.0, min_open=True), default=None, help="Seconds the model may take for the brief.")
@click.option("--fallback/--strict", default=False, show_default=True, help="On a model failure, print the extractive brief with a warning instead of failing.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write here (atomically) instead of stdout.")
@click.option("--cluster", default=None, help="Which cluster of a JSONL file with several to summarize (its id).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_SOURCE_BYTES, show_default=True, help="Refuse sources larger than this.")
@click.option("--max-sources", type=click.IntRange(min=1), default=MAX_SOURCES, show_default=True, help="Refuse more sources than this.")
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
    timeout: float | None,
    fallback: bool,
    fmt: str,
    output: Path | None,
    cluster: str | None,
    max_bytes: int,
    max_sources: int,
    quiet: bool,
) -> None:
    """Write a digest of PATHS: files (.txt .md .html .json .jsonl), directories, or - for stdin."""
    say = (lambda _msg: None) if quiet else (lambda msg: click.echo(msg, err=True))
    if quiet:
        os.environ["TQDM_DISABLE"] = "1"  # the one-time model conversion's progress bar, too
    try:
        options = Options(
            words=words, sentences=sentences, query=query, lambda_=lambda_, ranker=ranker, fuse=fuse, model=model,
            prompt=prompt, timeout=timeout, on_model_error="extractive" if fallback else "raise", max_sources=max_sources,
        )
        sources, warnings = read_sources(
            paths, stdin=sys.stdin.buffer, cluster=cluster, max_bytes=max_bytes, max_sources=max_sources
        )
        with _progress(quiet) as progress:
            brief = Summarizer(options).summarize(sources, progress=progress)
        brief = replace(brief, warnings=(*warnings, *brief.warnings))
        for warning in brief.warnings:
            say(f"warning: {warning}")
        text = render(brief, fmt)
        if output is None:
            click.echo(text, nl=not text.endswith("\n"))
        else:
            write_atomically(output, text)
    except ModelError as error:
        _fail(error, EXIT_MODEL)
    except (InputError, SummarizeError) as error:
        _fail(error, EXIT_INPUT)
    except OSError as error:
        _fail(f"cannot write {output or 'stdout'}: {error.strerror}", EXIT_INPUT)


@main.command()
@click.option("--clear", is_flag=True, help="Delete every converted model (they are rebuilt on next use).")
def cache(clear: bool) -> None:
    """Show (or clear) the cache of converted models.

    GGUF models are de-quantized once on first use and saved here, so later
    loads take seconds. Set SUMMARIZE_CACHE to move it.
    """
    from .fusion import cache_root

    root = cache_root()
    entries = sorted(p for p in root.iterdir() if not p.name.startswith(".")) if root.is_dir() else []
    if clear:
        shutil.rmtree(root, ignore_errors=True)
        click.echo(f"cleared {root} ({len(entries)} entries)")
        return
    click.echo(str(root))
    for entry in entries:
        size = sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
        click.echo(f"  {entry.name}  {size / 1e6:.0f} MB")


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory and rename, so a crash never leaves half a file."""
    directory = path.resolve().parent
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _progress:
    """A click progress bar on stderr for model work, shown once the first point is done."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None

    def __enter__(self):
        return None if self.quiet else self.update

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="fusing", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _fail(error: object, code: int) -> None:
    click.echo(f"summarize: error: {error}", err=True)
    sys.exit(code)
