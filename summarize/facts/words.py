"""Names and negations: the capitalised words and negation markers of a text, with their offsets."""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import FILLER_WORDS, fact_word_offsets, norm_word

_NOT_NAMES = FILLER_WORDS - {"us", "mr", "mrs", "ms"}
"""Words that, capitalised first in a sentence, are not names; "US" and the titles are (an invented
"U.S. officials said" or "Mr. He said" must be backed by the sources)."""


@lru_cache(maxsize=8192)
def name_offsets(text: str) -> tuple[tuple[int, str], ...]:
    """Capitalized words of ``text`` (with their offsets) that are not a sentence-initial common word.

    Cached: conflict detection asks twice per sentence (which words are names, and which are common)."""
    out = []
    for i, (start, word) in enumerate(fact_word_offsets(text)):
        if not word[0].isupper() or word == "I":
            continue
        if (i == 0 or text[:start].rstrip().endswith(_OPENERS)) and norm_word(word) in _NOT_NAMES:
            continue  # a common word capitalised because it opens the sentence, a quote or a clause
        out.append((start, word))
    return tuple(out)


_OPENERS = (".", "!", "?", ":", '"', "“", "'", "‘", "(", "—", "-", ";")
"""What a word can follow and be capitalised only for opening a sentence, a quote or a clause."""


def names(text: str) -> list[str]:
    """Capitalized words of ``text`` that are not a sentence-initial common word."""
    return [word for _, word in name_offsets(text)]


NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without", "nowhere"}
)


_ANY_NEGATION = re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(sorted(NEGATIONS))})(?![A-Za-z0-9])|n['’]t", re.I)
"""Whether a text can hold a negation marker at all: most sentences are ruled out at once."""


def negation_offsets(text: str) -> list[tuple[int, str]]:
    """Negation markers (not, no, never, n't, ...) of a text with their offsets."""
    if not _ANY_NEGATION.search(text):
        return []
    return [(start, w) for start, w in fact_word_offsets(text) if w.lower() in NEGATIONS or w.lower().endswith("n't")]


def negations(text: str) -> int:
    """How many negation markers (not, no, never, n't, ...) a text has."""
    return len(negation_offsets(text))
