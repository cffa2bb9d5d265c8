"""Shared fixtures: the bundled example cluster, read exactly as the CLI reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

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
