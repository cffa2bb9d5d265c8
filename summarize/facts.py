"""The facts a sentence states that can be checked or compared: figures, dates, names, negations.

One implementation, used by the fusion guard (is every figure of a fused
sentence in the text it cites?) and by conflict detection (do two sources give
different figures for the same thing?), so that "the same figure" means the
same thing in both places.

Figures are normalised as they are read: 34.5% = 34.5 per cent = 34.5 percent,
$5bn = $5 billion = 5 billion dollars, ten = 10, twenty-five = 25, 1,200 = 1200,
10am = 10 a.m., 2nd = second, June 10 = 10 June = June 10th.  Each
:class:`Figure` keeps its span, the precision it was written with (``200`` is
given to the hundred, ``34.5`` to the tenth) and any bound in front of it
("about", "at least", "up to"), which is what comparing two figures needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .text import FILLER_WORDS, fact_words, norm_word

# --------------------------------------------------------------------------- words for numbers and dates

_UNITS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
)
NUMBER_WORDS = {
    **dict(zip([*_UNITS.split(), "nineteen"], range(2, 20), strict=True)),
    **dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True)),
}
"""Number words and their values; "one" is left out: it is mostly a pronoun ("one of the ...")."""
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth"
ORDINAL_WORDS = dict(zip(_ORDINALS.split(), range(1, 11), strict=True))
SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_ABBR = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion", "tn": "trillion"}
_WORD_SCALES = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "quarter"}
"""Words that are facts of their own for the guard ("half a point", "dozens")."""
CURRENCIES = "$£€¥₹"
_CURRENCY_WORDS = {"dollars": "$", "dollar": "$", "euros": "€", "euro": "€", "yen": "¥", "rupees": "₹"}
"""Currency names written after a number ("5 billion dollars"); "pounds" is left out: it is also a weight."""

_MONTH_NAMES = "january february march april may june july august september october november december"
MONTHS = {form: n for n, name in enumerate(_MONTH_NAMES.split(), 1) for form in (name, name[:3])} | {"sept": 9}
WEEKDAYS = dict(zip("monday tuesday wednesday thursday friday saturday sunday".split(), range(7), strict=True))

_BOUNDS = (
    (
        re.compile(r"\b(?:at least|more than|over|upwards of|in excess of|no fewer than|a minimum of)\s*$", re.I),
        "least",
    ),
    (
        re.compile(r"\b(?:up to|as many as|as much as|fewer than|less than|under|no more than|a maximum of)\s*$", re.I),
        "most",
    ),
    (re.compile(r"\b(?:nearly|almost|close to|just under)\s*$", re.I), "nearly"),
    (re.compile(r"\b(?:about|around|approximately|roughly|some|an estimated|estimated|circa)\s*$", re.I), "about"),
)
"""Words in front of a figure that make it a bound or an estimate rather than an exact value."""

# --------------------------------------------------------------------------- figures


DateParts = tuple[int | None, int | None, int | None]
"""(year, month, day) of a date; ``None`` where the text does not say."""


@dataclass(frozen=True)
class Figure:
    """A number, amount, percentage, time, ordinal or date as a text states it, normalised.

    ``kind`` is one of ``count`` (a plain number), ``percent``, ``amount`` (with
    ``unit`` its currency symbol), ``time`` (``value`` in hours since midnight), ``ordinal``,
    ``year``, ``decade``, ``date`` (``date`` holds the parts) and ``weekday``.
    ``value`` is the number itself (5e9 for "$5bn"); ``step`` the precision it
    was written with (1e9 there, 0.1 for "34.5%", 100 for "200"); ``bound`` is
    "least", "most", "nearly", "about" or "" for an exact figure.  ``written``
    is the number as digits, without commas or scale ("5", "34.5").
    """

    kind: str
    value: float
    start: int
    end: int
    text: str
    unit: str = ""
    step: float = 1.0
    bound: str = ""
    written: str = ""
    scale: str = ""
    date: DateParts = (None, None, None)


_MONTH_ALT = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_RE = rf"(?:{_MONTH_ALT})\.?"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?<![\w.])(?:(?P<y1>\d{{4}})-(?P<m1>0[1-9]|1[0-2])-(?P<d1>[0-2]\d|3[01])"
    rf"|(?P<m2>{_MONTH_RE})\s+(?P<d2>{_DAY_RE})(?!\d|[.,]\d|:)(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<d3>{_DAY_RE})\s+(?:of\s+)?(?P<m3>{_MONTH_RE})(?:,?\s+(?P<y3>\d{{4}}))?"
    rf"|(?P<m4>{_MONTH_RE}),?\s+(?P<y4>\d{{4}}))(?![\w])",
    re.I,
)
_MONTH_ALONE = re.compile(rf"\b(?P<m>{_MONTH_RE})(?![\w'’])", re.I)
_WEEKDAY = re.compile(r"\b(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>[$£€¥₹])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"
    r"(?P<suf>\s*(?:%|per\s?cent\b|percent\b|pct\b)|\s?(?:a\.m\.|p\.m\.|am|pm)(?![a-z])|(?:st|nd|rd|th)(?![a-z])"
    r"|s(?![a-z])|\s?(?:bn|mn|tn|k|m|b)(?![a-z])|[\s-](?:hundred|thousand|million|billion|trillion)s?\b)?"
    r"(?:\s(?P<curword>dollars?|euros?|yen|rupees)\b)?",
    re.I,
)
_CLOCK = re.compile(
    r"(?<![\w.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?!\d)(?:\s?(?P<ap>a\.m\.|p\.m\.|am|pm)(?![a-z]))?", re.I
)
"""A time of day on the clock: "4:30 a.m.", "16:45"."""
_NUMBER_WORD = re.compile(
    r"\b(?P<w>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen)\b(?P<scale>\s(?:hundred|thousand|million|billion|trillion)\b)?",
    re.I,
)
_ORDINAL_WORD = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.I)


def figures(text: str) -> list[Figure]:
    """Every figure of ``text``, in order, each once (a date's day is not also a count)."""
    if not _ANY_FIGURE.search(text):
        return []
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(figure: Figure) -> None:
        found.append(figure)
        taken.append((figure.start, figure.end))

    for m in _DATE.finditer(text):
        add(_date(text, m))
    for m in _CLOCK.finditer(text):
        if free(m.start(), m.end()):
            add(_clock(m))
    for m in _NUMBER.finditer(text):
        if free(m.start("num"), m.end()):
            add(_number(text, m))
    for m in _NUMBER_WORD.finditer(text):
        if free(m.start(), m.end()):
            add(_number_word(text, m))
    for m in _ORDINAL_WORD.finditer(text):
        if free(m.start(), m.end()):
            value = ORDINAL_WORDS[m.group().lower()]
            add(Figure("ordinal", value, m.start(), m.end(), m.group(), written=str(value)))
    for m in _MONTH_ALONE.finditer(text):
        if free(m.start(), m.end()) and _is_month(text, m):
            parts: DateParts = (None, MONTHS[m.group("m").lower().rstrip(".")], None)
            add(Figure("date", 0, m.start(), m.end(), m.group(), date=parts))
    for m in _WEEKDAY.finditer(text):
        if free(m.start(), m.end()):
            add(Figure("weekday", WEEKDAYS[m.group("w").lower()], m.start(), m.end(), m.group()))
    return sorted(found, key=lambda f: f.start)


_ANY_FIGURE = re.compile(
    rf"\d|\b(?:{'|'.join(NUMBER_WORDS)}|{'|'.join(ORDINAL_WORDS)}|{_MONTH_ALT}|{'|'.join(WEEKDAYS)})", re.I
)
"""Whether a text can hold a figure at all: most sentences are ruled out at once."""


def _is_month(text: str, m: re.Match[str]) -> bool:
    """A capitalised month name standing alone, not a modal verb ("may") nor a name ("Theresa May")."""
    word = m.group("m")
    if not word[0].isupper() or (len(word.rstrip(".")) <= 3 and word.lower().rstrip(".") not in ("may",)):
        return False  # "Mar", "Dec" alone are too often something else
    before = text[: m.start()].rstrip()
    previous = before.split()[-1] if before.split() else ""
    following = text[m.end() :].split()[:1]
    initial = not before or before.endswith((".", "!", "?", '"', "“", ":"))
    if word.lower() == "may" and initial:
        return False
    after_name = previous[:1].isupper() and norm_word(previous) not in FILLER_WORDS
    in_name = after_name or (following and following[0][:1].isupper())
    return not in_name  # "Theresa May", "June Carter"


def _bound(text: str, start: int) -> str:
    window = text[max(0, start - 24) : start]
    return next((name for pattern, name in _BOUNDS if pattern.search(window)), "")


def _plain(written: str) -> str:
    """Digits as compared: no commas, no leading zeros, no trailing decimal zeros ("034.50" -> "34.5")."""
    value = written.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    whole, dot, frac = value.partition(".")
    return (whole.lstrip("0") or "0") + dot + frac


def _step(written: str) -> float:
    """The precision of a written number: its last decimal place, or its trailing zeros from 100 up."""
    if "." in written:
        return 10.0 ** -len(written.partition(".")[2])
    zeros = len(written) - len(written.rstrip("0"))
    return 10.0**zeros if float(written or 0) >= 100 and zeros else 1.0


def _number(text: str, m: re.Match[str]) -> Figure:
    written = _plain(m.group("num"))
    suffix = re.sub(r"[\s-]+", "", (m.group("suf") or "").lower()).replace(".", "")
    currency = m.group("cur") or _CURRENCY_WORDS.get((m.group("curword") or "").lower(), "")
    start = m.start("cur") if m.group("cur") else m.start("num")
    end = m.end() if (m.group("curword") and currency) else m.end("suf") if m.group("suf") else m.end("num")
    span = text[start:end]
    bound = _bound(text, start)
    value = float(written)
    scale = _SCALE_ABBR.get(suffix, suffix.rstrip("s") if suffix.rstrip("s") in SCALE_WORDS else "")
    if suffix in ("%", "percent", "pct") or suffix.startswith("per"):
        return Figure("percent", value, start, end, span, "%", _step(written), bound, written)
    if suffix in ("am", "pm"):
        return Figure("time", _hours(value, suffix), start, end, span, "", 1.0, bound, written + suffix)
    if suffix in ("st", "nd", "rd", "th"):
        return Figure("ordinal", value, start, end, span, "", 1.0, bound, written)
    if suffix == "s":
        return Figure("decade", value, start, end, span, "", 1.0, bound, written)
    factor = SCALE_WORDS.get(scale, 1.0)
    step = _step(written) * factor
    if currency:
        return Figure("amount", value * factor, start, end, span, currency, step, bound, written, scale)
    if not scale and "." not in written and "," not in m.group("num") and 1800 <= value <= 2100:
        return Figure("year", value, start, end, span, "", 1.0, bound, written)
    return Figure("count", value * factor, start, end, span, "", step, bound, written, scale)


def _hours(hour: float, half: str) -> float:
    """A time as hours since midnight: 10pm is 22, 12am is 0."""
    return hour % 12 + (12 if half == "pm" else 0) if half else hour


def _clock(m: re.Match[str]) -> Figure:
    half = (m.group("ap") or "").lower().replace(".", "")
    written = f"{int(m.group('h'))}:{m.group('m')}{half}"
    value = _hours(int(m.group("h")), half) + int(m.group("m")) / 60
    return Figure("time", value, m.start(), m.end(), m.group(), written=written)


def _number_word(text: str, m: re.Match[str]) -> Figure:
    parts = re.split(r"[- ]", m.group("w").lower())
    value = sum(NUMBER_WORDS.get(p, 1) for p in parts)  # "one" only comes as the unit of a compound
    scale = (m.group("scale") or "").strip().lower()
    factor = SCALE_WORDS.get(scale, 1.0)
    return Figure(
        "count",
        value * factor,
        m.start(),
        m.end(),
        m.group(),
        step=factor,
        bound=_bound(text, m.start()),
        written=str(value),
        scale=scale,
    )


def _date(text: str, m: re.Match[str]) -> Figure:
    g = m.groupdict()
    year = g["y1"] or g["y2"] or g["y3"] or g["y4"]
    month = g["m1"] or g["m2"] or g["m3"] or g["m4"]
    day = g["d1"] or g["d2"] or g["d3"]
    month_n = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    day_n = int(re.sub(r"\D", "", day)) if day else None
    parts: DateParts = (int(year) if year else None, month_n, day_n)
    return Figure("date", 0, m.start(), m.end(), m.group(), date=parts)


# --------------------------------------------------------------------------- comparing figures


def same_figure(a: Figure, b: Figure, *, about: float = 0.1) -> bool:
    """Whether two figures of one kind can state the same fact.

    Rounding is allowed (34.5% and 35%, $5.2bn and $5bn, 212 and 200: a figure
    given to the hundred covers 150 to 249), and so are bounds ("more than 200"
    covers 212, "nearly 250" 231; ``about`` is the slack of "about" and
    "nearly" as a share of the value).  Dates agree when every part both give
    agrees (June 10 and June 10, 2025).
    """
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if a.kind == "date":
        return all(x is None or y is None or x == y for x, y in zip(a.date, b.date, strict=True))
    if a.kind == "time" and (a.written[-2:] not in ("am", "pm") or b.written[-2:] not in ("am", "pm")):
        return abs(a.value - b.value) % 12 < 1e-9  # "6:00" may be 6 p.m.
    if a.kind in ("weekday", "time", "ordinal", "year", "decade"):
        return a.value == b.value
    if a.bound and a.bound == b.bound:
        return _rounds_to(a, b)
    return _within(a, b, about) and _within(b, a, about)


def _rounds_to(a: Figure, b: Figure) -> bool:
    return abs(a.value - b.value) <= max(a.step, b.step) / 2 + 1e-9 * max(abs(a.value), abs(b.value), 1)


def _within(a: Figure, b: Figure, about: float) -> bool:
    """Whether ``b`` is compatible with what ``a`` (possibly a bound) says, ``b`` read to its own precision."""
    slack = b.step / 2 + 1e-9 * max(abs(a.value), 1)
    if a.bound == "least":
        return b.value + slack >= a.value
    if a.bound == "most":
        return b.value - slack <= a.value
    if a.bound == "nearly":
        return a.value * (1 - 2 * about) <= b.value + slack and b.value - slack <= a.value
    if a.bound == "about":  # "about 200" covers 150 to 250: the estimate's own rounding, or a tenth
        return abs(a.value - b.value) <= max(about * abs(a.value), a.step / 2) + slack
    return b.bound in ("least", "most", "nearly", "about") or _rounds_to(a, b)


# --------------------------------------------------------------------------- what the guard compares


def numbers(text: str) -> set[str]:
    """The numeric facts of a text as comparable strings: what a fused sentence may not invent.

    ``"34.5 per cent"`` and ``"34.5%"`` both give ``"34.5%"``; ``"10am"``,
    ``"10 a.m."`` give ``"10am"``; ``"1,200"`` gives ``"1200"``; ``"2nd"`` and
    ``"second"`` give ``"#2"``; ``"five"`` gives ``"5"``; scale words
    (million, billion) and currency symbols are facts of their own, so
    ``"$5bn"``, ``"$5 billion"`` and ``"5 billion dollars"`` give
    ``{"5", "billion", "$"}``.  A date gives its day with its month, and its year
    alone and with the month: ``"June 10, 2025"`` = ``"10 June 2025"`` gives
    ``{"06-10", "2025", "2025-06"}``, so a rewrite may drop the year but not
    move the day.
    """
    found: set[str] = set()
    for f in figures(text):
        if f.kind == "date":
            year, month, day = f.date
            if month and day:
                found.add(f"{month:02d}-{day:02d}")
            if year:
                found.add(str(year))
                if month:
                    found.add(f"{year}-{month:02d}")
        elif f.kind == "percent":
            found.add(f.written + "%")
        elif f.kind == "time":
            found.add(f.written)
        elif f.kind == "ordinal":
            found.add("#" + f.written)
        elif f.kind in ("count", "amount", "year", "decade"):
            found.add(f.written)
            if f.scale:
                found.add(f.scale)
            if f.unit:
                found.add(f.unit)
    for word in re.findall(r"[a-z]+", text.lower()):
        if word.rstrip("s") in _WORD_SCALES:
            found.add(word.rstrip("s"))
    found.update(ch for ch in text if ch in CURRENCIES)
    return found


# --------------------------------------------------------------------------- names and negation


def word_offsets(text: str) -> Iterator[tuple[int, str]]:
    """Each fact word of ``text`` with its offset (``’`` read as ``'``, so offsets index ``text``).

    Fact words come in order and nothing between two of them can start one, so
    the first occurrence after the previous word is the word itself.
    """
    flat = text.replace("’", "'")
    pos = 0
    for word in fact_words(flat):
        pos = flat.index(word, pos)
        yield pos, word
        pos += len(word)


_NOT_NAMES = FILLER_WORDS - {"us", "mr", "mrs", "ms"}
"""Words that, capitalised first in a sentence, are not names; "US" and the titles are (an invented
"U.S. officials said" or "Mr. He said" must be backed by the sources)."""


@lru_cache(maxsize=8192)
def name_offsets(text: str) -> tuple[tuple[int, str], ...]:
    """Capitalized words of ``text`` (with their offsets) that are not a sentence-initial common word.

    Cached: conflict detection asks twice per sentence (which words are names, and which are common)."""
    out = []
    for i, (start, word) in enumerate(word_offsets(text)):
        if not word[0].isupper():
            continue
        before = text[:start].rstrip()
        initial = i == 0 or before.endswith((".", "!", "?", ":", '"', "“", "'", "‘", "(", "—", "-", ";"))
        if initial and norm_word(word) in _NOT_NAMES:
            continue
        if word == "I":
            continue
        out.append((start, word))
    return tuple(out)


def names(text: str) -> list[str]:
    """Capitalized words of ``text`` that are not a sentence-initial common word."""
    return [word for _, word in name_offsets(text)]


NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without", "nowhere"}
)


def negation_offsets(text: str) -> list[tuple[int, str]]:
    """Negation markers (not, no, never, n't, ...) of a text with their offsets."""
    return [(start, w) for start, w in word_offsets(text) if w.lower() in NEGATIONS or w.lower().endswith("n't")]


def negations(text: str) -> int:
    """How many negation markers (not, no, never, n't, ...) a text has."""
    return len(negation_offsets(text))
