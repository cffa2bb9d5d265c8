"""Reading figures: numbers, percentages, amounts, times, ordinals and dates, normalised as they are read.

34.5% = 34.5 per cent = 34.5 percent, $5bn = $5 billion = 5 billion dollars,
ten = 10, twenty-five = 25, 1,200 = 1200, 10am = 10 a.m., 2nd = second,
June 10 = 10 June = June 10th.  Each :class:`Figure` keeps its span, the
precision it was written with (``200`` is given to the hundred, ``34.5`` to
the tenth) and any bound in front of it ("about", "at least", "up to"), which
is what comparing two figures (:mod:`.compare`) needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import FILLER_WORDS, norm_word

_LOOKALIKES = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0131": "i", "\u0130": "i"})
"""The four non-ASCII letters a case-insensitive pattern takes for ASCII ones (the long s, the Kelvin sign, the
dotless and the dotted i): a word it matched is looked up with them read as the letters they matched."""


def _key(word: str) -> str:
    """``word`` as the tables of month, weekday and number words spell it: lower-cased, look-alikes read as ASCII."""
    return word.translate(_LOOKALIKES).lower()

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
WORD_SCALES = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "quarter"}
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
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
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
    r"(?:(?<![\w.])|(?<=\bUS)(?=\$))(?P<cur>[$£€¥₹])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"
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
    words = _words_in(text)
    if not _DIGIT.search(text) and not (_ANY_FIGURE.search(text) if words is None else _FIGURE_WORDS & words):
        return []
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(figure: Figure) -> None:
        found.append(figure)
        taken.append((figure.start, figure.end))

    if _DIGIT.search(text):  # dates, times and numbers in digits
        for m in _DATE.finditer(text) if words is None or "-" in text or words & MONTHS.keys() else ():
            add(_date(text, m))
        for m in _CLOCK.finditer(text) if ":" in text else ():
            if free(m.start(), m.end()):
                add(_clock(m))
        for m in _NUMBER.finditer(text):
            if free(m.start("num"), m.end()):
                add(_number(text, m))
    for m in _NUMBER_WORD.finditer(text) if words is None or words & NUMBER_WORDS.keys() else ():
        if free(m.start(), m.end()):
            add(_number_word(text, m))
    for m in _ORDINAL_WORD.finditer(text) if words is None or words & ORDINAL_WORDS.keys() else ():
        if free(m.start(), m.end()):
            value = ORDINAL_WORDS[_key(m.group())]
            add(Figure("ordinal", value, m.start(), m.end(), m.group(), written=str(value)))
    for m in _MONTH_ALONE.finditer(text) if words is None or words & MONTHS.keys() else ():
        if free(m.start(), m.end()) and _is_month(text, m):
            parts: DateParts = (None, MONTHS[_key(m.group("m")).rstrip(".")], None)
            add(Figure("date", 0, m.start(), m.end(), m.group(), date=parts))
    for m in _WEEKDAY.finditer(text) if words is None or words & WEEKDAYS.keys() else ():
        if free(m.start(), m.end()):
            add(Figure("weekday", WEEKDAYS[_key(m.group("w"))], m.start(), m.end(), m.group()))
    return sorted(found, key=lambda f: f.start)


def _words_in(text: str) -> frozenset[str] | None:
    """The letter runs of an ASCII text, lower-cased, each also without a plural s ("mondays" -> "monday"): a
    word-figure pattern cannot match where none of its words is here, as a whole run (each word of one is
    bounded by what is not a letter: a space, a dot, a hyphen, a digit).  ``None`` for other text, where
    case-insensitive matching reaches further ("K" is the Kelvin sign's capital)."""
    if not text.isascii():
        return None
    runs = _LETTERS.findall(text.lower())
    return frozenset([*runs, *(r[:-1] for r in runs if r.endswith("s"))])


_ANY_FIGURE = re.compile(
    rf"\d|\b(?:{'|'.join(NUMBER_WORDS)}|{'|'.join(ORDINAL_WORDS)}|{_MONTH_ALT}|{'|'.join(WEEKDAYS)})", re.I
)
"""Whether a text can hold a figure at all: most sentences are ruled out at once."""
_DIGIT = re.compile(r"\d")
"""Whether a text can hold a figure in digits (a date, a time, a number): else three patterns need not run."""
_LETTERS = re.compile(r"[a-z]+")
_FIGURE_WORDS = NUMBER_WORDS.keys() | ORDINAL_WORDS.keys() | MONTHS.keys() | WEEKDAYS.keys()
"""The words of the word-figure patterns; ``MONTHS`` has every spelling a month pattern takes ("sept", "Jan.",
"January"): a date in digits without one is ISO's, with its hyphens ("2025-06-10"); a time of day has its colon."""


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
    suffix = re.sub(r"[\s-]+", "", _key(m.group("suf") or "")).replace(".", "")
    currency = m.group("cur") or _CURRENCY_WORDS.get(_key(m.group("curword") or ""), "")
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
    parts = re.split(r"[- ]", _key(m.group("w")))
    value = sum(NUMBER_WORDS.get(p, 1) for p in parts)  # "one" only comes as the unit of a compound
    scale = _key((m.group("scale") or "").strip())
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
    month_n = int(month) if month.isdigit() else MONTHS[_key(month).rstrip(".")]
    day_n = int(re.sub(r"\D", "", day)) if day else None
    parts: DateParts = (int(year) if year else None, month_n, day_n)
    return Figure("date", 0, m.start(), m.end(), m.group(), date=parts)
