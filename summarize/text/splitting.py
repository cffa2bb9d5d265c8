"""Sentences: paragraphs, hard-wrap detection and punkt splitting with exact spans.

What "a sentence" means wherever it is counted or cited; see :mod:`summarize.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from punkt import PunktSentenceTokenizer

from .words import punkt_parameters

TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")
"""A sentence's closing punctuation, closing quotes and brackets allowed after it."""


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(punkt_parameters())


WRAP_MAX_WIDTH = 100
"""Hard wraps are at 60-80 characters (wire copy, e-mail, plain-text archives); wider lines are paragraphs."""
WRAP_MIN_WIDTH = 40
"""Nothing is hard-wrapped narrower than this: short lines are lists, verse or labels."""
WRAP_MIN_LINES = 4
"""Fewer lines than this say nothing about wrapping."""
WRAP_FULL = 0.75
"""A line at least this share of the wrap width is full: the wrap, not the writer, ended it."""
WRAP_SHARE = 0.6
"""Share of full lines (among lines followed by another) from which a text reads as hard-wrapped."""

_LINE = re.compile(r"[^\r\n]+")


def wrap_width(text: str) -> int | None:
    """The column ``text`` is hard-wrapped at, from line-length statistics; ``None`` when it is not wrapped.

    Wrapped text has many lines of nearly the same length, most of them ending
    inside a sentence; text with one paragraph a line has lines of every length.
    """
    lines = [m.group().rstrip() for m in _LINE.finditer(text)]
    lines = [line for line in lines if line.strip()]
    if len(lines) < WRAP_MIN_LINES:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return None
    full = [line for line in lines if len(line) >= WRAP_FULL * width]
    open_ended = sum(not TERMINAL.search(line) for line in full)
    wrapped = len(full) >= WRAP_SHARE * len(lines) and open_ended >= 0.5 * len(full) and len(full) >= WRAP_MIN_LINES - 1
    return width if wrapped else None


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph spans of ``text``: a blank line always ends one; wrapped lines are joined.

    In hard-wrapped text (:func:`wrap_width`) a line continues the one before
    unless that one was short (the end of a paragraph or a heading) or this one is
    indented or a list item.  Elsewhere a line continues the one before only when
    that one has no closing punctuation and this one starts in lower case.
    Spans index ``text``; the line breaks inside a joined paragraph stay in it.
    """
    width = wrap_width(text)
    start: int | None = None
    end = last_line = 0
    for match in _LINE.finditer(text):
        line = match.group()
        if not line.strip():
            continue
        if start is not None and not _blank_between(text[end : match.start()]) and _continues_line(
            text[last_line:end], line, width
        ):
            end, last_line = match.end(), match.start()
            continue
        if start is not None:
            yield start, end
        start, end = match.start(), match.end()
        last_line = start
    if start is not None:
        yield start, end


def _blank_between(gap: str) -> bool:
    """Whether the text between two lines holds an empty (or white-space) line: a paragraph break."""
    return gap.replace("\r\n", "\n").replace("\r", "\n").count("\n") >= 2


def _continues_line(previous: str, line: str, width: int | None) -> bool:
    if width is None:
        return not TERMINAL.search(previous) and line.lstrip()[:1].islower()
    if line[:1].isspace() or re.match(r"\s*(?:[-*•]|\d+[.)])\s", line):
        return False
    return len(previous.rstrip()) >= WRAP_FULL * width


TITLES = (
    "Mr|Mrs|Ms|Mx|Dr|Prof|Gov|Govs|Sen|Sens|Rep|Reps|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Rev|Fr|Hon|Pres|Supt|Insp|Det|"
    "Gov-elect|St|Ste|Mt|Ft|Maj|Cpl|Pvt|Amb|Atty|Gen|Msgr|Sr|Jr"
)
"""Abbreviated titles before a name, as a regex alternation ("Sgt. Diana Freese", "Dr. Price")."""
_NEVER_ENDS = re.compile(rf"(?:^|[\s(\"“‘'])(?:{TITLES})\.$")
"""A title before a name: punkt splits "Mr. He" when the name is also a common sentence starter."""
_LOWER_TITLE = re.compile(
    r"(?:^|[\s(\"“‘'])(?:mr|mrs|ms|dr|prof|gov|govs|sen|sens|rep|reps|gen|lt|col|sgt|capt|cmdr|adm|rev|supt|insp|det|"
    r"atty|amb|msgr|sr|jr)\.$"
)
"""A title in lower-cased text ("gop sens. Lisa murkowski", "john b. king jr. Said"), before a capital: the name
goes on.  Abbreviations of places and measures ("st.", "mt.", "ft.") end sentences too often to be in it."""
_GOES_ON = "etc|vs|approx|incl"
"""Abbreviations that lower-case words go on after, as a regex alternation ("etc. are", "vs. the")."""
_LOWER_ABBREVIATION = re.compile(rf"(?:^|\s)(?:{_GOES_ON}|e\.g|i\.e)\.\s?[)\]]?$")
"""An abbreviation that lower-case words go on after ("teachers, etc. ) are disillusioned")."""

_NUMBER_ABBREVIATION = re.compile(
    r"(?:^|[\s(\[])(?:No|Nos|Art|Vol|Fig|Ch|Sec|pp?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)
"""An abbreviation that a number follows ("No. 1", "Art. 5", "Jan. 3"): not a sentence end before a digit."""

_INITIALS = re.compile(r"(?:(?:^|[\s(\"“‘'])(?:(?:[A-Z]\.){1,3}|(?![ap]\.m\.)(?:[a-z]\.){2,3})|(?:^|\s)[a-z]\.)$")
"""An initial or a dotted abbreviation ("E.", "O.J.", "U.S.", lower-cased "b." or "u.s."; not a clock's "p.m."): a
cut there is a cut inside a name ("O.J. Simpson", "the U.S. Ski and Snowboard Association", "children in the u.s.
Carry ...", "john b. King"; a lone lower-case letter only after a space, not the "t." of "can't.") unless a
sentence plainly starts next."""

_CLOCK = re.compile(r"(?:^|[\s\d])[ap]\.m\.$", re.IGNORECASE)
"""The end of a clock time ("8 p.m.", "10 a.m."): a sentence goes on when a time zone follows."""

_TIME_ZONES = frozenset(
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT BST UTC CET CEST EET IST JST AEST AEDT".split()
)
"""Time zones news writes after a clock time ("8 p.m. ET"): never the first word of a sentence."""

_OPENING_WORDS = frozenset(
    """a an the he she it they we i you his her its their our my this that these those there here in on at
    for but and or so if when while as after before since because although though however meanwhile yet
    still now then also no not some many most all one two three what who why how where of according during
    despite with""".split()
)
"""Words a new sentence starts with: after "U.S." or an initial they mean a real end."""

_GLUED = re.compile(
    r"[.!?](?<=[a-z]{2}[.!?])[\"”’)]*"
    r"(?=[A-Z][a-z]|(?:the|but|when|while|however|after|he|she|they|we|his|her|their|this|these|those)\s)"
)
"""A sentence end with no space after it ("said.North Carolina", lower-cased "he said.the telecast"): two
sentences punkt sees as one.  In lower case only a word that opens sentences and never ends a web address
counts ("site.it" and "site.in" may be addresses).  The mark comes first and the letters before it are
looked behind, so a search skips straight to the marks."""

LABEL = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*:\s+"
"""A label of up to four capitalised words before a colon that opens a line: a transcript's speaker ("Matt
Damon: I think ..."), a page's section ("What Happened: The ..."). A pattern to build on, not compiled."""

QUOTE_JOIN_MAX = 4
"""Spans a quotation may run over and still be joined into one: longer ones are left as punkt cut them."""


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, trimmed of white space: punkt, corrected.

    Punkt is corrected where it is known to cut inside a sentence: after a title
    ("Mr. He", "Gov. Abbott"), before the number of "No. 1" or "Jan. 3", after an
    initial or dotted abbreviation before a name ("O.J. Simpson"), and inside a
    quotation (a sentence never ends with a quote left open, when the quote closes
    within a few sentences); and where it misses an end with no space after it.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    punkt = _punkt()
    found = ((a + s, a + e) for a, b in _pieces(text, start, end) for s, e in punkt.span_tokenize(text[a:b]))
    for s, e in found:
        s, e = _trim(text, s, e)
        if e <= s:
            continue
        for piece in _unglue(text, s, e):
            if spans and _continues(text, spans[-1], piece):
                spans[-1] = (spans[-1][0], piece[1])
            else:
                spans.append(piece)
    yield from _close_quotes(text, spans)


PUNKT_PIECE = 50_000
"""Characters punkt reads at once: a megabyte paragraph is read in pieces this size, milliseconds each,
so one hostile paragraph costs what its size says and no more."""

_PIECE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``[start, end)`` in ranges of at most about :data:`PUNKT_PIECE` characters, each cut at a likely sentence end.

    A cut falls after the last ". " before a capital in the second half of a
    piece, else at its last white space; punkt's own decisions (and the
    corrections of :func:`sentence_spans`, which join across a wrong cut) do the rest.
    """
    while end - start > PUNKT_PIECE:
        window = text[start + PUNKT_PIECE // 2 : start + PUNKT_PIECE]
        ends = [m.end() for m in _PIECE_END.finditer(window)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or len(window))
        yield start, start + PUNKT_PIECE // 2 + cut
        start += PUNKT_PIECE // 2 + cut
    yield start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_PAGE_BREAK = re.compile(r"\bstory continued below\b", re.IGNORECASE)
"""The marker a site prints where an advertisement breaks its story ("Story Continued Below"): scraped in line,
it stands between two sentences with no stop before it."""


def _unglue(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span at sentence ends that lack the space after them, and around a page-break marker."""
    cuts = [m.end() for m in _GLUED.finditer(text, start, end) if not _NEVER_ENDS.search(text[start : m.end()])]
    cuts.extend(at for m in _PAGE_BREAK.finditer(text, start, end) for at in (m.start(), m.end()))
    pieces = (_trim(text, a, b) for a, b in pairwise([start, *sorted(cuts), end]))
    return [(a, b) for a, b in pieces if b > a]


def _continues(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether punkt's cut between two spans fell inside one sentence."""
    tail = text[max(before[0], before[1] - 12) : before[1]]
    head = text[after[0] : after[0] + 1]
    if head in _NEVER_STARTS:
        return True  # "(Md.), noted": a sentence never starts with a closing bracket or a comma
    if re.search(r"(?:^|\s)\.$", tail) and (head == "." or head.islower()):
        return True  # a spaced ellipsis, "doing . . . well"
    if head.islower() and _SHORT_ABBREVIATION.search(tail):
        return True  # "(D-Ohio.) said", "Elm Hill Rd. for": a sentence does not start in lower case
    if _NEVER_ENDS.search(tail) or (head.isdigit() and bool(_NUMBER_ABBREVIATION.search(tail))):
        return True
    if (head.isupper() and _LOWER_TITLE.search(tail)) or (head.islower() and _LOWER_ABBREVIATION.search(tail)):
        return True
    if head.islower() and re.search(r"""[!?…,]["”’']$""", tail):
        return True  # punkt cut an attribution off its quote: “... !” she wrote
    if _CLOCK.search(tail) and _first_word(text, after[0]) in _TIME_ZONES:
        return True  # "the 8 p.m. ET slot": the zone belongs to the time
    if head.isdigit() and re.search(r"(?:^|\s)(?:[A-Z]\.){2,}$", tail):
        return True  # "H.R. 667", "U.S. 101": a bill or a road, not a sentence end
    if _INITIALS.search(tail) and head.isupper() and "\n" not in text[before[1] : after[0]]:
        word = _first_word(text, after[0])
        return bool(word) and word.lower() not in _OPENING_WORDS
    return False


def _first_word(text: str, at: int) -> str:
    """The word that starts at ``at`` (letters, digits, apostrophes), or ``""``."""
    word = re.match(r"[\w'’]+", text[at : at + 30])
    return word.group() if word else ""


_SHORT_ABBREVIATION = re.compile(r"(?:^|[\s(\-])[A-Z][a-z]{0,4}\.\)?$")
"""A short capitalised abbreviation ("Mass.", "Rd.", "Calif.)"): an end only if a capital follows."""

_NEVER_STARTS = frozenset(")]},;:")
"""Characters no sentence starts with: punkt's cut before one is inside a sentence."""

_STRAIGHT = re.compile(r'(?<!\d)"')
"""A straight double quote; after a digit it is a height or a length (4'8"), not a quote."""


def quote_open(span: str) -> bool:
    """Whether a quotation opened in ``span`` is still open at its end (curly or straight quotes).

    Scraped text mixes the two (“We will not ...," she said): where a span
    has both, every double quote counts as a straight one, so a curly opening
    closed by a straight mark is closed.
    """
    if '"' in span and ("“" in span or "”" in span):
        span = span.replace("“", '"').replace("”", '"')
    elif span.count("“") > span.count("”"):
        return True
    straight = [m.start() for m in _STRAIGHT.finditer(span)] if '"' in span else []
    if len(straight) % 2 == 0:
        return False
    k = straight[-1]  # an odd count: open if the last one opens ("... he said, "We)
    return k == 0 or span[k - 1].isspace() or span[k - 1] in "([{—–-"


def _close_quotes(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Join a span that leaves a quotation open with the spans up to the one that closes it."""
    k = 0
    while k < len(spans):
        start, end = spans[k]
        joined = k
        if quote_open(text[start:end]):
            for j in range(k + 1, min(len(spans), k + QUOTE_JOIN_MAX)):
                if not quote_open(text[start : spans[j][1]]):
                    joined = j
                    break
        yield start, spans[joined][1]
        k = joined + 1


_RUN_ON_END = re.compile(r"""\b([a-z][a-z0-9]+)[.!?](\s*["”])?\s+(?=["“]?\s*[a-z])""")
_RUN_ON_NOT_END = frozenset(
    TITLES.lower().split("|") + _GOES_ON.split("|") + "inc corp co ltd ave blvd dept univ est no nos".split()
)
"""Abbreviations that lower-case words go on after, inside a run-on as anywhere ("gov. jindal", "corp. said")."""


def run_on_ends(text: str, start: int, end: int) -> list[int]:
    """Where sentences end inside a span punkt left whole: before a lower-case start.

    Lower-cased corpora with spaced quotes (``harmless. " today someone sent``,
    ``for president bush. " powell took``) give punkt no capital to split at, and
    a paragraph comes out as one run-on of several sentences. A full stop after a
    word that is no abbreviation ends one there; the quote mark after it goes with
    the sentence it closes (an odd count of quote marks before it) or with the one
    it opens. Only a span too long to be one sentence is cut this way (the caller
    judges), so the ordinary splitting is untouched.
    """
    cuts = []
    for match in _RUN_ON_END.finditer(text, start, end):
        if match.group(1) in _RUN_ON_NOT_END:
            continue
        quote = match.group(2)
        closes = bool(quote) and text.count('"', start, match.start(2)) % 2 == 1
        cuts.append(match.end(2) if closes else match.start(1) + len(match.group(1)) + 1)
    return cuts


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``: paragraphs (hard wraps joined), then punkt within each."""
    return [text[s:e] for p_start, p_end in paragraphs(text) for s, e in sentence_spans(text, p_start, p_end)]


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it, stripped, when no second sentence has started)."""
    parts = split_sentences(text)
    return parts[0] if parts else ""
