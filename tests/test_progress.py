"""The CLI's progress line: shown on a terminal, silent when quiet or not a terminal; threads from what is free."""

from __future__ import annotations

import io
import logging

import pytest

from summarize.fusion import threads
from summarize.progress import StatusLine


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_line_shows_counts_and_steps_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("summarize.progress._SHOW_AFTER", 0.0)
    out = _Terminal()
    with StatusLine("fusing", stream=out, interval=0.01) as status:
        logging.getLogger("summarize.fusion").info("loading model %s", "tiny")
        status.update(1, 4)
        status.update(4, 4)
    text = out.getvalue()
    assert "fusing" in text and "loading model tiny" in text and "fusing 4/4" in text
    assert text.endswith("\n")


@pytest.mark.parametrize("quiet, stream", [(True, _Terminal()), (False, io.StringIO())])
def test_status_line_is_silent_when_quiet_or_not_a_terminal(quiet: bool, stream: io.StringIO) -> None:
    with StatusLine("fusing", stream=stream, quiet=quiet, interval=0.01) as status:
        logging.getLogger("summarize.fusion").info("loading model tiny")
        status.update(1, 2)
    assert stream.getvalue() == ""


def test_threads_follow_what_is_free() -> None:
    assert threads.free_threads(2, 0.0) == 2
    assert threads.free_threads(2, 1.0) == 1  # one core taken by other work
    assert threads.free_threads(2, 2.0) == 1  # never fewer than one
    assert threads.free_threads(4, 1.2) == 3
    assert threads.free_threads(64, 0.0) == threads.MAX_THREADS
    assert 0.0 <= threads.busy_cores(0.01) <= (__import__("os").cpu_count() or 1)


def test_summarize_threads_overrides_and_omp_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_THREADS", "3")
    assert threads.choose() == 3
    monkeypatch.delenv("SUMMARIZE_THREADS")
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    assert threads.choose() is None
    monkeypatch.delenv("OMP_NUM_THREADS")
    monkeypatch.setattr(threads, "busy_cores", lambda seconds=0.1: 0.0)
    monkeypatch.setattr(threads, "_load_average", lambda: 0.0)
    assert threads.choose() == min(threads.MAX_THREADS, threads.usable_cores())
    monkeypatch.setattr(threads, "_load_average", lambda: 40.0)  # a quiet moment on a busy machine
    assert threads.choose() == 1
