"""Typed exceptions: the library raises these, the CLI turns them into one-line messages.

Every message is written for the person who gave the input, so it names the
path or option at fault and what to do about it.
"""

from __future__ import annotations


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
