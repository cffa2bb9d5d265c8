"""Shared fixtures: the bundled example cluster, read exactly as the CLI reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fusion_fixtures import isolated_cache, model_dirs  # noqa: F401  (fixtures for every test module)
from local_server import no_network, server  # noqa: F401  (the local HTTP server and the network guard)

from summarize.brief import Source
from summarize.sources import read_sources

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "london-talks"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_sources() -> list[Source]:
    sources, warnings = read_sources([str(EXAMPLE)])
    assert not warnings
    return sources


_TIMINGS: list[tuple[str, float]] = []


@pytest.fixture
def timings():
    """Record a named run time; every record is printed at the end of the test run."""
    return lambda name, seconds: _TIMINGS.append((name, seconds))


def pytest_terminal_summary(terminalreporter) -> None:
    if _TIMINGS:
        terminalreporter.section("run times")
        for name, seconds in _TIMINGS:
            terminalreporter.write_line(f"{name}: {seconds:.2f} s")
