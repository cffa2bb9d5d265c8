"""The code base is lint- and type-clean: ruff over everything, mypy over the package and the harness.

Config in pyproject.toml.  Run here so that the test command (the one CI runs) keeps them clean,
not only a reviewer's memory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = _run("mypy")  # the package and the harness: `files` in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr
