"""The data that flows between pipeline stages, and the finished :class:`Brief`.

Every stage takes these immutable records and returns new ones, so a stage can
never change what an earlier stage saw.  Character offsets always point into
``Source.text`` exactly as it was read: cleaning marks spans as noise, it never
rewrites text, which is what keeps provenance exact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


NOTICES_PER_CODE = 10
"""Notices of one code kept in full; past it one notice counts the rest (20,000 empty files are one line)."""


def condensed(notices: Sequence[Notice], keep: int = NOTICES_PER_CODE) -> tuple[Notice, ...]:
    """``notices`` with at most ``keep`` of each code, then one notice of that code saying how many more.

    Large inputs degrade to a readable list of warnings rather than one per
    source; order (of first appearance) and codes are kept.
    """
    counts: dict[str, int] = {}
    for notice in notices:
        counts[notice.code] = counts.get(notice.code, 0) + 1
    shown: dict[str, int] = {}
    out: list[Notice] = []
    for notice in notices:
        n = shown[notice.code] = shown.get(notice.code, 0) + 1
        if n <= keep:
            out.append(notice)
        elif n == keep + 1:
            more = counts[notice.code] - keep
            out.append(Notice(notice.code, f"... and {more} more warnings like these ({notice.code})"))
    return tuple(out)


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
class PreviousMatch:
    """The point of a previous brief that a known point matches, and how closely."""

    brief: int
    """Which previous brief (0 when one was given)."""
    sentence: int
    """Its sentence, counted from 0 in that brief's ``sentences``."""
    text: str
    similarity: float


@dataclass(frozen=True)
class FollowUp:
    """Whether a point is new since the previous brief(s), or already told (and where)."""

    new: bool
    match: PreviousMatch | None = None
    """For a known point, the previous point it matches; ``None`` for a new one."""

    @property
    def status(self) -> str:
        return "new" if self.new else "known"


@dataclass(frozen=True)
class Copied:
    """A part of a fused sentence copied from a cited sentence: which citation, and its span in that source."""

    citation: int
    """Index into the brief sentence's ``citations``."""
    start: int
    end: int
    """Character offsets into the cited source's text (as a :class:`Citation`'s are)."""


@dataclass(frozen=True)
class BriefSentence:
    """One sentence of the brief with everything that supports it."""

    text: str
    citations: tuple[Citation, ...]
    support: int
    fused: bool = False
    guard: GuardVerdict | None = None
    followup: FollowUp | None = None
    """Set when the brief was made against a previous one (:mod:`summarize.followup`)."""
    conflicts: tuple[int, ...] = ()
    """Indices into :attr:`Brief.conflicts` of the disputes this sentence states a side of (empty: none)."""
    copied: tuple[Copied, ...] = ()
    """For a sentence made by copying (``model="word-graph"``), where each of its parts comes from, in order:
    every word of ``text`` is in one of them (only spacing and the first letter's case may differ).  Empty for an
    unfused sentence (it is its first citation) and for a language model's sentence (no word-level source)."""

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
class FollowUpInfo:
    """What a follow-up brief was compared with, and what it left out."""

    previous_points: int
    """Points in the previous brief(s)."""
    threshold: float
    """Similarity from which a point counts as known (``Tuning.known_similarity``)."""
    only_new: bool = False
    """Known points were left out (``--only-new``)."""
    known_left_out: int = 0


@dataclass(frozen=True)
class BriefMeta:
    """How a brief was made: the options, and the model and prompt when it was fused."""

    options: Mapping[str, Any] = field(default_factory=dict)
    """Every field of :class:`~summarize.options.Options` as plain data (JSON-ready)."""
    fusion: FusionInfo | None = None
    """``None`` for an extractive brief, including one that fell back after a model failure."""
    followup: FollowUpInfo | None = None
    """Set for a brief made against a previous one."""


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


# --------------------------------------------------------------------------- digests: one brief per story


@dataclass(frozen=True)
class Title:
    """A story's title, in a source's own words: its title field, or a sentence or headline line of its text.

    ``citation`` is the exact span when the title is part of the source's text,
    ``None`` when it is the source's own ``title`` (metadata, not text).
    ``str(title)`` is the text.
    """

    text: str
    source: str
    """The id of the source the title comes from."""
    citation: Citation | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Story:
    """One event of a digest: its title, its brief, and the sources reporting it (their brief cites only them)."""

    title: Title
    brief: Brief
    sources: tuple[Source, ...]
    independent: int
    """Independent sources among ``sources``: near-identical copies count once."""
    id: str = ""
    """The story's identity: kept from the previous digest's story it continues, else made from its title."""
    continued: bool | None = None
    """Against a previous digest: whether this story continues one of its stories (``None``: no previous)."""


@dataclass(frozen=True)
class Mention:
    """A story listed, not briefed, under "Also reported": fewer independent sources than asked for."""

    title: Title
    sources: tuple[Source, ...]
    independent: int
    id: str = ""
    continued: bool | None = None


@dataclass(frozen=True)
class Digest:
    """The result of :func:`summarize.digest`: one brief per story, the rest listed, and what to know.

    ``stories`` come most-reported first (independent sources), then most
    recent where dates are known; ``also_reported`` in the same order.
    """

    stories: tuple[Story, ...]
    also_reported: tuple[Mention, ...]
    sources: tuple[Source, ...]
    """Every input document, in input order (those left out too)."""
    warnings: tuple[Notice, ...] = ()
    """About the day as a whole: sources left out, stories not briefed; each story's brief has its own."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """The brief options and the digest's own (``min_sources``, ``max_stories``) as plain data."""
