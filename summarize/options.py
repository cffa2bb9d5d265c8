"""The options of a brief: one frozen record, checked field by field when it is made.

Everything that decides a brief is here (with :class:`~summarize.tuning.Tuning`,
which it carries), so the same options and input give the same brief, and a
wrong type or value is an :class:`~summarize.errors.InputError` at once, not
a failure deep in a stage.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from .errors import InputError, check_count, shown
from .rank import RANKERS
from .sources import MAX_SOURCES
from .tuning import DEFAULT, Tuning


@dataclass(frozen=True)
class Options:
    """Everything that decides a brief; the same options and input give the same brief."""

    words: int = 120
    """Budget in words (whitespace-separated tokens) for the whole brief."""
    sentences: int | None = None
    """Optional cap on the number of brief sentences."""
    query: str | None = None
    """Focus the brief on this topic."""
    lambda_: float = DEFAULT.lambda_
    """MMR trade-off: 1 = salience only, 0 = novelty only."""
    fuse: bool = True
    """Rewrite each point with its supporters through the model (``False``: extractive)."""
    model: str | None = None
    """Hugging Face id, local directory or GGUF file; ``None`` = the embedded default; ``"word-graph"`` = no
    model, compression and word-graph fusion of the cited sentences (:mod:`summarize.fusion.condense`)."""
    prompt: str | None = None
    """Prompt template name from ``prompts/``; ``None`` = the model kind's default."""
    constrained: bool = False
    """Source-constrained decoding: the model may write only tokens of the sentences it fuses, plus function
    words and punctuation (:mod:`summarize.fusion.constrain`); ignored by ``"word-graph"``, which only copies."""
    timeout: float | None = None
    """Seconds the model may take for one brief before :class:`ModelTimeout`."""
    on_model_error: Literal["raise", "extractive"] = "raise"
    """``"extractive"``: a failing model yields the extractive brief with a warning."""
    max_sources: int = MAX_SOURCES
    """Refuse more documents than this (work grows with their number)."""
    conflicts: int = 3
    """List at most this many places where the sources disagree (0: none); never counted in ``words``."""
    tuning: Tuning = DEFAULT
    """The tuned numbers of every stage (see :mod:`summarize.tuning`)."""
    ranker: Literal["heuristic", "learned"] = "heuristic"
    """Salience: ``"heuristic"``, the model-free mix of support, centrality and position; ``"learned"``, the
    shipped tree model trained on Multi-News (non-commercial research data: see README, "Learned ranker")."""

    def __post_init__(self) -> None:
        check_count("words", self.words)
        if self.sentences is not None:
            check_count("sentences", self.sentences)
        check_count("max_sources", self.max_sources)
        if not isinstance(self.conflicts, int) or isinstance(self.conflicts, bool) or self.conflicts < 0:
            raise InputError(f"conflicts must be a whole number, 0 or more, not {self.conflicts!r}")
        if self.query is not None and not isinstance(self.query, str):
            raise InputError(f"query must be text, not {kind(self.query)}")
        if not _is_number(self.lambda_) or not 0.0 <= self.lambda_ <= 1.0:
            raise InputError(f"lambda must be a number between 0 and 1, not {shown(self.lambda_)}")
        if self.timeout is not None and (not _is_number(self.timeout) or self.timeout <= 0):
            raise InputError(f"timeout must be a positive number of seconds, not {shown(self.timeout)}")
        for name in ("model", "prompt"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(f"{name} must be a name or path as text, not {kind(value)}")
            if value is not None and not value.strip():
                raise InputError(f"{name} must be a name or path, not an empty string (leave it out for the default)")
        for flag in ("fuse", "constrained"):
            if not isinstance(getattr(self, flag), bool):
                raise InputError(f"{flag} must be True or False, not {shown(getattr(self, flag))}")
        if not isinstance(self.on_model_error, str) or self.on_model_error not in ("raise", "extractive"):
            raise InputError(f"on_model_error must be 'raise' or 'extractive', not {shown(self.on_model_error)}")
        if not isinstance(self.ranker, str) or self.ranker not in RANKERS:
            raise InputError(f"ranker must be one of {', '.join(map(repr, RANKERS))}, not {shown(self.ranker)}")
        if not isinstance(self.tuning, Tuning):
            raise InputError(f"tuning must be a summarize.Tuning, not {kind(self.tuning)}")


def _is_number(value: object) -> bool:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def kind(value: object) -> str:
    """What a wrong value is ("a list", "a dict"), for a one-line message."""
    return f"a {type(value).__name__}"


def with_overrides(base: Options, overrides: Mapping[str, Any]) -> Options:
    """``base`` with ``overrides``; a keyword that is no option is an :class:`InputError`, not a ``TypeError``."""
    known = {f.name for f in fields(Options)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise InputError(f"unknown option(s) {', '.join(unknown)}; the options are {', '.join(sorted(known))}")
    return replace(base, **overrides)
