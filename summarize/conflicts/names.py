"""Names as claims compare them: runs of capitalised words, roles left out, and when two spellings are one name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from ..facts import MONTHS, WEEKDAYS, name_offsets
from ..text import norm_word
from .words import PAIRS, canonical

TITLES = frozenset(
    """president secretary minister prime chancellor governor senator sen rep representative mayor judge
    justice chief officer director spokesman spokeswoman spokesperson general gen lt col capt sgt dr prof
    mr mrs ms king queen prince princess pope sheriff commissioner chairman chairwoman ceo premier vice
    deputy attorney ambassador police department ministry""".split()
)
"""Capitalised words that are roles, not names: "President said" names no one."""
PERSONAL_TITLES = frozenset("mr mrs ms miss dr sir dame det sgt capt lt col gen sen rep gov prof".split())
"""Titles that only come before a person's surname: "Mrs Wilson" names a person."""


PLACE_PREFIXES = frozenset(
    """new san santa los las la el st saint fort port lake mount mt north south east west upper lower
    great little old cape""".split()
)
"""First words that many place names share: "New York" and "New Jersey" are two places, not one misnamed."""


_GLUED = re.compile(r"[.,](?=[A-Z])")


def name_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of adjacent capitalised words, cut at roles: "U.S. Commerce Secretary Howard Lutnick" gives
    "U.S. Commerce" and "Howard Lutnick".  Months and weekdays are dates, not names."""
    runs: list[list[tuple[int, str]]] = [[]]
    end = -1
    for start, word in name_offsets(text):
        word = _GLUED.split(word)[0]  # "II.The": a full stop without its space ends the name
        w = norm_word(word)
        if w in TITLES or w in MONTHS or w in WEEKDAYS or text[end:start].strip():
            runs.append([])
        if w not in TITLES and w not in MONTHS and w not in WEEKDAYS:
            runs[-1].append((start, word))
        end = start + len(word)
    return [
        (run[0][0], run[-1][0] + len(run[-1][1]), text[run[0][0] : run[-1][0] + len(run[-1][1])]) for run in runs if run
    ]


def _name_word(word: str) -> str:
    """A word of a name as compared: :func:`canonical`, and "US" (a name here, never the pronoun) as "usa"."""
    word = canonical(word)
    return "usa" if word == "us" else word


def one_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names' words are one name written two ways: run together or apart, initials aside
    ("VanWert", "Joseph E. Van Wert"), or one's initials standing for the other's words ("Cedar Hill ISD",
    "Cedar Hill Independent School District")."""
    a, b = _no_initials(a), _no_initials(b)
    if "".join(a) == "".join(b):
        return True
    wide, narrow = (a, b) if len(a) >= len(b) else (b, a)
    return _spelled_out(narrow, wide) == wide


def _no_initials(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for p in parts if len(p) > 1) or parts


def _spelled_out(parts: tuple[str, ...], words: tuple[str, ...]) -> tuple[str, ...]:
    """``parts`` with each word that is the initials of a run of ``words`` replaced by that run."""
    initials = "".join(w[0] for w in words)
    out: list[str] = []
    for p in parts:
        k = initials.find(p) if len(p) > 2 else -1
        out.extend(words[k : k + len(p)] if k >= 0 else (p,))
    return tuple(out)


@lru_cache(maxsize=4096)
def spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one name, not two names: at most one letter apart per five ("Kovacs", "Kovach";
    "Murdjatmodjo", "Murjatmodjo")."""
    if abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 5:
        return False
    return _distance(a, b) <= max(len(a), len(b)) // 5


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def fold(text: str) -> str:
    """``text`` with accents dropped letter by letter ("Féin" -> "Fein"): same length, so offsets still hold."""
    if text.isascii():
        return text
    return text.translate(_FOLDED)


class _Folding(dict[int, str]):
    """Each character's first letter of its compatibility decomposition, worked out once per character: news
    that is not plain ASCII has curly quotes in most sentences, and a letter-by-letter pass cost more than
    reading the sentence's names."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = self[code] = unicodedata.normalize("NFKD", ch)[0] if code > 127 else ch
        return folded


_FOLDED = _Folding()


@lru_cache(maxsize=16384)
def name_parts(run: str) -> tuple[str, ...]:
    """A name's words as compared, in order: canonical, roles left out, hyphens as spaces ("Jong-il" is
    "Jong Il"), "United States" as "usa".  Cached: a story names the same few people in most sentences."""
    words = [_name_word(w) for w in re.split(r"[\s-]+", run) if w and canonical(w) not in TITLES]
    for (a, b), joined in PAIRS.items():
        for k in range(len(words) - 1):
            if words[k] == a and words[k + 1] == b:
                words[k : k + 2] = [joined, ""]
    return tuple(w for w in words if w)


def common_words(texts: Sequence[str]) -> dict[str, bool]:
    """For each capitalised word of ``texts``: whether it is also written lower-case mid-sentence ("police")."""
    lower = set(_LOWER_MID.findall("\n".join(texts)))  # no word runs over a line break: each text's words
    capitalised = {word for text in texts for _, word in name_offsets(text)}
    return {w: w in lower for w in map(norm_word, capitalised)}


_LOWER_MID = re.compile(r"(?<=[a-z,] )[a-z][a-z'’-]+")
"""A lower-case word mid-sentence (after a lower-case word or a comma)."""
