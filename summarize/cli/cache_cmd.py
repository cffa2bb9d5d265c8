"""``summarize cache``: show, prune, clear or build the cache of converted models."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from ..errors import ModelError
from ..progress import StatusLine
from ..untrusted import printable
from .terminal import EXIT_MODEL, fail


@click.command()
@click.option("--clear", is_flag=True, help="Delete every converted model (they are rebuilt on next use).")
@click.option("--prune", is_flag=True, help="Delete entries whose model file is gone, and entries of older versions.")
@click.option("--build", is_flag=True, help="Build the paraphrase model (distil the shipped MiniLM once; minutes).")
def cache(clear: bool, prune: bool, build: bool) -> None:
    """Show the cache of converted models: each entry's size and the model file it came from.

    GGUF models are de-quantized once on first use and saved here, so later
    loads take seconds. An entry is keyed by the model file's content, so
    several installs of one model share it; --prune deletes entries whose model
    file is gone. The paraphrase model is distilled here by --build
    (scripts/setup.sh runs it). Set SUMMARIZE_CACHE to move it.
    """
    from ..fusion import cache as models

    if build:
        from .. import embeddings

        try:
            with StatusLine("distilling the paraphrase model (once; minutes on 2 cores)"):
                built = embeddings.build()
            click.echo(f"paraphrase model: {built}")
        except ModelError as error:
            fail(error, EXIT_MODEL)
        return
    root = models.cache_root()
    if clear:
        count = len(list(root.iterdir())) if root.is_dir() else 0
        shutil.rmtree(root, ignore_errors=True)
        click.echo(f"cleared {printable(str(root))} ({count} entries)")
        return
    if prune:
        removed = models.prune()
        freed = sum(e.size for e in removed)
        click.echo(f"pruned {len(removed)} entries ({freed / 1e6:.0f} MB) from {printable(str(root))}")
        return
    click.echo(printable(str(root)))
    for entry in models.entries():
        state = "" if entry.current else "  (older version's entry: --prune removes it)"
        if entry.current and not entry.origin_exists:
            state = "  (model file gone: --prune removes it)"
        click.echo(f"  {printable(entry.path.name)}  {entry.size / 1e6:.0f} MB{state}")
        for origin in entry.origins:
            click.echo(f"    from {printable(origin)}{'' if Path(origin).is_file() else ' (gone)'}")
    for other in models.others():
        click.echo(f"  {printable(other.name)}  {models.size_of(other) / 1e6:.0f} MB  (not a converted GGUF model)")
