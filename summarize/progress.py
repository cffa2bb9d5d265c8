"""The command line's progress line: what is running, how far along, and for how long.

One line on stderr, redrawn every second on a terminal, so no step stays
silent for more than a second: model loading and the first-run conversion
(the ``summarize.fusion`` logger's INFO lines become its text), then the
count of points fused or stories briefed.  Nothing is written when quiet or
when the stream is not a terminal (logs and pipes stay clean).  The CLI and
the benchmarks use it; the library itself never prints.
"""

from __future__ import annotations

import logging
import shutil
import sys
import threading
import time
from typing import IO, Any

from .untrusted import printable

_LOGGER = "summarize.fusion"
_SHOW_AFTER = 0.5
"""Seconds before the line first appears: a run that ends sooner prints nothing."""


class StatusLine:
    """A self-refreshing ``label done/total (N s): step`` line; a context manager.

    ``update(done, total)`` is a :data:`summarize.pipeline.Progress` callback;
    ``step(text)`` says what runs now.  On exit the last state stays on screen
    as one finished line (with the time it took).
    """

    def __init__(self, label: str, *, quiet: bool = False, stream: IO[str] | None = None, interval: float = 1.0):
        self.stream = sys.stderr if stream is None else stream
        self.live = not quiet and self.stream is not None and _isatty(self.stream)
        self.label, self.detail = label, ""
        self.done, self.total = 0, 0
        self.interval = interval
        self.drawn = False
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._handler = _StepHandler(self)
        self._level = logging.NOTSET

    def __enter__(self) -> StatusLine:
        if self.live:
            logger = logging.getLogger(_LOGGER)
            self._level = logger.level
            logger.setLevel(logging.INFO)
            logger.addHandler(self._handler)
            self._ticker = threading.Thread(target=self._tick, name="summarize-progress", daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.live:
            return
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        logger = logging.getLogger(_LOGGER)
        logger.removeHandler(self._handler)
        logger.setLevel(self._level)
        with self._lock:
            if self.drawn:
                self.detail = ""
                self._draw()
                self._write("\n")

    def update(self, done: int, total: int) -> None:
        """How far along: ``done`` of ``total`` (points fused, stories briefed, runs timed)."""
        self.done, self.total = done, total
        self.detail = ""
        self.redraw()

    def step(self, text: str) -> None:
        """What runs now (a model being loaded or converted, a measurement)."""
        self.detail = text
        self.redraw()

    def redraw(self) -> None:
        if self.live and time.monotonic() - self._start >= _SHOW_AFTER:
            with self._lock:
                self._draw()

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self.redraw()

    def _draw(self) -> None:
        counts = f" {self.done}/{self.total}" if self.total else ""
        detail = f": {self.detail}" if self.detail else ""
        line = printable(f"{self.label}{counts} ({time.monotonic() - self._start:.0f} s){detail}")
        width = shutil.get_terminal_size((80, 24)).columns - 1
        self._write("\r" + line[:width] + "\x1b[K")
        self.drawn = True

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken terminal: progress is not worth a failure
            self.live = False


class _StepHandler(logging.Handler):
    """Turns the fusion logger's INFO lines (loading, converting) into the status line's step."""

    def __init__(self, status: StatusLine) -> None:
        super().__init__(logging.INFO)
        self.status = status

    def emit(self, record: logging.LogRecord) -> None:
        self.status.step(record.getMessage())


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False
