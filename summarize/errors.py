"""Typed exceptions: the library raises these, the CLI turns them into one-line messages.

Every message is written for the person who gave the input, so it names the
path or option at fault and what to do about it.
"""

from __future__ import annotations

import sys

MAX_COUNT = sys.maxsize
"""Largest word budget, sentence cap or input limit: 2**63 - 1, more than any machine holds or reads."""


class SummarizeError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(SummarizeError):
    """The input cannot be summarized: no sources, an unreadable path, a bad option."""


class SourceError(InputError):
    """One source could not be read or parsed (missing, binary, too large, malformed)."""


class ModelError(SummarizeError):
    """A fusion model could not be found, loaded, or run."""


class ModelTimeout(ModelError):
    """Generation ran past its time limit."""


def check_count(name: str, value: object) -> None:
    """A budget or limit must be a whole number from 1 to :data:`MAX_COUNT`: else an :class:`InputError`."""
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_COUNT:
        raise InputError(f"{name} must be a whole number from 1 to {MAX_COUNT}, not {shown(value)}")


def shown(value: object) -> str:
    """``repr(value)`` for a one-line message: short, and an int too long to write out is described instead."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"an integer of {value.bit_length()} bits"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
