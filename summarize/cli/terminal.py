"""The command's one way to write: stdout as UTF-8 bytes, one printable line on stderr, fetch progress.

Everything the command prints goes through here, made printable by
:func:`~summarize.untrusted.printable` or a renderer that does, whatever the
locale: file names and source text never reach the terminal as control sequences.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any, NoReturn

import click

from ..sources import FetchEvent
from ..untrusted import printable

EXIT_INPUT = 1
EXIT_MODEL = 3


class FetchProgress:
    """Fetch progress on stderr: a counter on a terminal, and one summary line when URLs were fetched."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.live = not quiet and sys.stderr.isatty()
        self.outcomes: dict[str, int] = {}

    def __call__(self, event: FetchEvent) -> None:
        self.outcomes[event.outcome] = self.outcomes.get(event.outcome, 0) + 1
        if self.live:
            click.echo(f"\rfetching {event.done}/{event.total}", err=True, nl=False)

    def finish(self) -> None:
        total = sum(self.outcomes.values())
        if self.quiet or not total:
            return
        parts = [f"{self.outcomes[k]} {label}" for k, label in _OUTCOMES.items() if self.outcomes.get(k)]
        if self.live:
            click.echo("\r", err=True, nl=False)
        say(f"fetched {total} URL{'s' if total != 1 else ''}: " + ", ".join(parts))


_OUTCOMES = {"downloaded": "downloaded", "cached": "unchanged (from the cache)", "failed": "failed"}

def fail(error: object, code: int) -> NoReturn:
    """The one line of a failure on stderr, then the exit code."""
    say(f"summarize: error: {error}")
    sys.exit(code)


def say(line: str) -> None:
    """One line on stderr, made printable (messages carry file names) and written as UTF-8."""
    if sys.stderr is None:  # stderr closed: nowhere to tell; the exit code still does
        return
    with contextlib.suppress(OSError, ValueError):  # ValueError: a closed stream
        _write(sys.stderr, printable(line).encode("utf-8") + b"\n")


def write_stdout(text: str) -> None:
    """The rendered brief on stdout as UTF-8 bytes, whatever encoding the locale gave stdout."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, "it is closed")
    try:
        _write(sys.stdout, text.encode("utf-8") + (b"" if text.endswith("\n") else b"\n"))
    except ValueError:  # the stream was closed
        raise OSError(errno.EBADF, "it is closed") from None
    except BrokenPipeError:
        _silence_stdout()  # so the interpreter's last flush does not complain a second time
        raise


def _write(stream: Any, data: bytes) -> None:
    """Bytes to a text stream's binary buffer, after what was already written to it as text."""
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
    else:
        buffer.write(data)
    stream.flush()


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
