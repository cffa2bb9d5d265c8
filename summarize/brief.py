"""The data that flows between pipeline stages, and the finished :class:`Brief`.

Every stage takes these immutable records and returns new ones, so a stage can
never change what an earlier stage saw.  Character offsets always point into
``Source.text`` exactly as it was read: cleaning marks spans as noise, it never
rewrites text, which is what keeps provenance exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .text import count_words


@dataclass(frozen=True)
class Notice:
    """A warning about the input or the run: a stable ``code`` for programs, a ``message`` for people.

    Programs (and tests) match ``code``; the wording of ``message`` may improve
    between releases.  ``str(notice)`` is the message, so printing a notice
    reads as it always did.
    """

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Source:
    """One input document.

    ``id`` is unique within a cluster; ``path`` is where it was read from
    (``None`` for strings handed to the library, ``"-"`` for stdin).
    """

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a source with its exact span: ``source.text[start:end] == text``.

    ``index`` counts every sentence punkt found in the source, noise included,
    so a citation's sentence number stays stable whatever cleaning decides.
    """

    source: str
    index: int
    start: int
    end: int
    text: str
    position: float = 0.0
    """Relative position among the source's content sentences, 0 = first."""

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass(frozen=True)
class Group:
    """A selected point and the sentences of other sources that say the same thing."""

    point: Sentence
    supporters: tuple[Sentence, ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return (self.point, *self.supporters)

    @property
    def support(self) -> int:
        """Distinct sources backing the point (duplicate sources already collapsed)."""
        return len({s.source for s in self.sentences})

    @property
    def citations(self) -> tuple[Citation, ...]:
        """What a brief sentence made from this group cites: the point first, then its supporters."""
        return tuple(Citation.of(s) for s in self.sentences)


@dataclass(frozen=True)
class Citation:
    """Where a brief sentence comes from: a source's sentence and its character span."""

    source: str
    sentence: int
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, sentence: Sentence) -> Citation:
        return cls(sentence.source, sentence.index, sentence.start, sentence.end, sentence.text)


@dataclass(frozen=True)
class GuardVerdict:
    """What the faithfulness guard decided about one fused sentence."""

    passed: bool
    candidate: str
    """The model's output, kept even when it was rejected, so a reader can audit it."""
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefSentence:
    """One sentence of the brief with everything that supports it."""

    text: str
    citations: tuple[Citation, ...]
    support: int
    fused: bool = False
    guard: GuardVerdict | None = None
    conflicts: tuple[int, ...] = ()
    """Indices into :attr:`Brief.conflicts` of the disputes this sentence states a side of (empty: none)."""

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass(frozen=True)
class Variant:
    """One side of a :class:`Conflict`: a value, how many independent sources state it, and where."""

    value: str
    """The value as the first cited source writes it ("34.5%", "June 10", "Lutnick", "did not sign")."""
    support: int
    """Independent sources stating it (syndicated copies count once, as for ``BriefSentence.support``)."""
    citations: tuple[Citation, ...]
    """One sentence per independent source, each an exact span."""


@dataclass(frozen=True)
class Conflict:
    """Sources that state different values for the same thing: who says what.

    ``variants`` come with the prevailing one first: the one most independent
    sources state or, when the sources' dates order the variants (``update``),
    the latest report's.  ``kind`` is ``"number"``, ``"count"``, ``"amount"``,
    ``"date"``, ``"name"`` or ``"negation"``.
    """

    about: str
    """What is disputed, in the prevailing source's words, the value left out as "…"."""
    kind: str
    variants: tuple[Variant, ...]
    update: bool = False
    """The sources are dated and the dates order the variants: a figure that changed between reports."""


@dataclass(frozen=True)
class FusionInfo:
    """Which model and prompt fused a brief."""

    model: str
    """The model as the caller named it, or the embedded default's name."""
    prompt: str
    """Template name and version, e.g. ``"fuse-chat-v1"``."""


@dataclass(frozen=True)
class BriefMeta:
    """How a brief was made: the options, and the model and prompt when it was fused."""

    options: Mapping[str, Any] = field(default_factory=dict)
    """Every field of :class:`~summarize.pipeline.Options` as plain data (JSON-ready)."""
    fusion: FusionInfo | None = None
    """``None`` for an extractive brief, including one that fell back after a model failure."""


@dataclass(frozen=True)
class Brief:
    """The result of :func:`summarize.summarize`: sentences, the sources they cite, and how it was made.

    A record, not a renderer: :func:`summarize.to_markdown`, :func:`summarize.to_json`
    and :func:`summarize.to_text` (module :mod:`summarize.render`) turn it into text.
    """

    sentences: tuple[BriefSentence, ...]
    sources: tuple[Source, ...]
    meta: BriefMeta = field(default_factory=BriefMeta)
    """The options, and the model and prompt used."""
    warnings: tuple[Notice, ...] = ()
    """What the reader should know about the input or the run (copies, one source, a fallback, ...)."""
    conflicts: tuple[Conflict, ...] = ()
    """Where the sources disagree, most relevant first (those a brief sentence states a side of lead)."""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)
