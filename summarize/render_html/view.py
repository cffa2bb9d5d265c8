"""What the provenance page shows, as plain records built from a :class:`Brief`.

The template only lays these out; every decision (which piece of a source is
cited by which brief sentence, which sources back a sentence, what is a safe
link) is made here, in small pure functions that tests can check without a
browser.

Brief sentences are numbered by a page-wide ``key`` (0, 1, ...) and sources by
their position; neither ever uses a source id or any other input string, so
nothing from the input reaches an ``id``, a class or a selector.  Texts are
passed through :func:`visible`, which keeps every offset: the page's text of a
source is as long as ``Source.text`` and a citation's span is the same slice of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..brief import Brief, BriefSentence, Citation, Notice, Source
from ..text import squash

HUES = 8
"""Sources are told apart by eight colours (CSS classes ``h0``..``h7``), repeating after that."""
BAR_CELLS = 30
"""Up to this many sources a sentence's support bar has one cell per source; beyond, cells would be
slivers, so the bar becomes a meter (how many back it) and the numbers say which."""

_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\"'<>\\`]+", re.IGNORECASE)
"""A link the page makes live: http(s) only, no white space, controls or quote-like characters anywhere."""


@dataclass(frozen=True)
class Segment:
    """A run of a source's text and the keys of the brief sentences whose citations cover all of it."""

    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One source's cell in a sentence's support bar."""

    number: int
    backs: bool

    @property
    def hue(self) -> int:
        return hue(self.number)


@dataclass(frozen=True)
class SourceView:
    number: int
    """1-based position in the brief's sources: the page's only handle on a source."""
    label: str
    source_id: str
    path: str | None
    url: str | None
    link: bool
    """Whether ``url`` is shown as a live link (plain http/https only); otherwise it is text."""
    date: str | None
    segments: tuple[Segment, ...]

    @property
    def hue(self) -> int:
        return hue(self.number)


@dataclass(frozen=True)
class GuardView:
    passed: bool
    candidate: str
    reasons: tuple[str, ...]
    point: str
    """The extractive sentence the model rewrote (the sentence's first citation)."""


@dataclass(frozen=True)
class SentenceView:
    key: int
    number: int
    text: str
    support: int
    backers: tuple[int, ...]
    """Numbers of the sources the sentence cites, in source order."""
    sources: int
    """How many sources the brief has (the bar's length)."""
    fused: bool
    guard: GuardView | None

    @property
    def cells(self) -> tuple[Cell, ...]:
        """The support bar: a cell per source, filled for those backing the sentence; none past :data:`BAR_CELLS`."""
        if self.sources > BAR_CELLS:
            return ()
        return tuple(Cell(n, n in self.backers) for n in range(1, self.sources + 1))


@dataclass(frozen=True)
class StoryView:
    """One brief on the page.  Today a page holds one story, with no heading of its own."""

    heading: str | None
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True)
class PageView:
    title: str
    stories: tuple[StoryView, ...]
    sources: tuple[SourceView, ...]
    notices: tuple[Notice, ...]
    made: tuple[str, ...]
    """How the brief was made, one short phrase each (model, budget, query)."""


def page_view(brief: Brief, *, version: str) -> PageView:
    """Everything the page shows of ``brief``; citations that do not match their source become a notice."""
    numbers = {s.id: n for n, s in enumerate(brief.sources, 1)}
    sentences = tuple(_sentence(key, s, numbers) for key, s in enumerate(brief.sentences))
    spans, bad = _valid_spans(brief.sentences, brief.sources)
    notices = list(brief.warnings)
    if bad:
        which = f"sentence {bad[0] + 1}" if len(bad) == 1 else f"sentences {', '.join(str(k + 1) for k in bad)}"
        message = f"a citation of brief {which} does not match its source's text; it is not highlighted"
        notices.append(Notice("citation-mismatch", message))
    sources = tuple(_source(s, n, spans.get(s.id, [])) for n, s in enumerate(brief.sources, 1))
    return PageView(
        title=f"Brief of {_count(len(brief.sources), 'source')}",
        stories=(StoryView(None, sentences),),
        sources=sources,
        notices=tuple(Notice(n.code, visible(squash(n.message))) for n in notices),
        made=_made(brief, version),
    )


def segments(text: str, spans: Sequence[tuple[int, int, int]]) -> tuple[Segment, ...]:
    """Cut ``text`` at every span boundary; each piece lists the keys of the spans ``(start, end, key)`` covering it.

    Spans may overlap, nest or repeat (two sentences citing one sentence, or a
    fused sentence citing what an extractive one also cites); pieces cover
    ``text`` exactly, so joining them gives it back.
    """
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for a, b in pairwise(cuts):
        keys = tuple(sorted({key for s, e, key in spans if s <= a and b <= e}))
        pieces.append(Segment(text[a:b], keys))
    return tuple(pieces)


def visible(text: str) -> str:
    """``text`` with characters HTML cannot carry faithfully made visible, one for one (offsets are kept).

    C0 controls and DEL become their Control Pictures (NUL -> ␀), other C1
    controls and lone surrogates U+FFFD; NEL and a lone CR become a line break
    and the CR of CR LF a space (the HTML parser would otherwise fold it away).
    """
    return _INVISIBLE.sub(_show, text)


_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _show(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\r":
        following = match.string[match.end() : match.end() + 1]
        return " " if following == "\n" else "\n"
    if char == "\x85":
        return "\n"
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def hue(number: int) -> int:
    """The colour class of source ``number`` (1-based)."""
    return (number - 1) % HUES


def safe_link(url: str | None) -> bool:
    """Whether ``url`` may be a live link: plain ``http``/``https`` with nothing a browser would reinterpret."""
    return url is not None and _SAFE_URL.fullmatch(url) is not None


def _sentence(key: int, sentence: BriefSentence, numbers: dict[str, int]) -> SentenceView:
    backers = tuple(sorted({numbers[c.source] for c in sentence.citations if c.source in numbers}))
    guard = sentence.guard
    return SentenceView(
        key=key,
        number=key + 1,
        text=visible(squash(sentence.text)),
        support=sentence.support,
        backers=backers,
        sources=len(numbers),
        fused=sentence.fused,
        guard=None if guard is None else GuardView(
            guard.passed,
            visible(squash(guard.candidate)),
            tuple(visible(squash(r)) for r in guard.reasons),
            visible(squash(sentence.citations[0].text)) if sentence.citations else "",
        ),
    )


def _valid_spans(
    sentences: Sequence[BriefSentence], sources: Sequence[Source]
) -> tuple[dict[str, list[tuple[int, int, int]]], list[int]]:
    """The cited spans per source id, and the keys of sentences with a citation that does not match its source."""
    texts = {s.id: s.text for s in sources}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    bad: list[int] = []
    for key, sentence in enumerate(sentences):
        for c in sentence.citations:
            if _matches(c, texts):
                spans.setdefault(c.source, []).append((c.start, c.end, key))
            elif key not in bad:
                bad.append(key)
    return spans, bad


def _matches(citation: Citation, texts: dict[str, str]) -> bool:
    text = texts.get(citation.source)
    return text is not None and 0 <= citation.start < citation.end <= len(text) and (
        text[citation.start : citation.end] == citation.text
    )


def _source(source: Source, number: int, spans: list[tuple[int, int, int]]) -> SourceView:
    one_line = {name: None if value is None else visible(squash(value))
                for name, value in (("path", source.path), ("url", source.url), ("date", source.date))}
    return SourceView(
        number=number,
        label=visible(squash(source.title or source.id)) or f"Source {number}",
        source_id=visible(squash(source.id)),
        path=one_line["path"],
        url=one_line["url"],
        link=safe_link(source.url),
        date=one_line["date"],
        segments=segments(visible(source.text), spans),
    )


def _made(brief: Brief, version: str) -> tuple[str, ...]:
    options = brief.meta.options
    fusion = brief.meta.fusion
    made = [f"summarize {version}"]
    made.append("extractive" if fusion is None else f"fused by {fusion.model} (prompt {fusion.prompt})")
    budget = options.get("words")
    made.append(f"{brief.words} words" + (f" of a {budget}-word budget" if isinstance(budget, int) else ""))
    query = options.get("query")
    if isinstance(query, str) and query:
        made.append(f"query: {query}")
    return tuple(visible(squash(m)) for m in made)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
