"""Comparing figures: whether two can state the same fact (conflicts), and a text's figures as strings (the guard)."""

from __future__ import annotations

import re

from .reading import CURRENCIES, WORD_SCALES, Figure, figures


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
    """Whether the finer of two figures rounds, half up as writers round, to the coarser: "200" covers 150 up to
    249 (250 is "300"), so "about 100 metres" and "about 150 metres" are two figures, "34.5%" and "35%" one."""
    coarse, fine = (a, b) if a.step >= b.step else (b, a)
    gap, half = fine.value - coarse.value, coarse.step / 2
    eps = 1e-9 * max(abs(a.value), abs(b.value), 1)
    return -half - eps <= gap < half - eps


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
        if word.rstrip("s") in WORD_SCALES:
            found.add(word.rstrip("s"))
    found.update(ch for ch in text if ch in CURRENCIES)
    return found
