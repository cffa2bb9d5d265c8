"""A quote and the sentence that reports it: one point said twice, in two voices.

News leads paraphrase the quote that follows them: "Lutnick said on Tuesday
trade talks with China were going well ..." and, further down, "“They're going
well, and we're spending lots of time together,” Lutnick told reporters." A
reader sees the same point twice. Neither kind of similarity sees it: the two
share few words, and a short quote's static embedding sits far from a long
lead's (cosine 0.52 on that pair; a paraphrase starts near 0.75). What they do
share is the speaker and the quote's own words inside the lead's reported
speech, and that is what :class:`Echoes` looks for:

- one sentence quotes (a quotation of at least :data:`QUOTE_WORDS` words) and
  names its speaker outside the quotation;
- the other reports speech outside any quotation (said, told, according to, ...)
  by a speaker with the same name;
- two content words in a row of the quotation (stems, stop words out) stand in
  a row in the other sentence's reported speech too.

Pronoun speakers ("he said") never match: "he" in two sentences may be two
people. On the 99 full dev clusters' 230-word briefs this finds one pair (a
police finding quoted and reported), and it is a repeat.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from .fusion.claims import PRONOUN_SPEAKERS, attributes, speakers
from .text import tokenize

QUOTE_WORDS = 3
"""A quotation this short ("“rogue”") is a word the sentence borrows, not a statement it reports."""

_QUOTATION = re.compile(r"[“\"]([^”\"]+)[”\"]")


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    return frozenset(pairwise(tokenize(text)))  # cached: a sentence without quotations was tokenized before


def _own(text: str) -> str:
    """``text`` with its quotations blanked out: what the sentence says in its own voice."""
    return _QUOTATION.sub(" ; ", text)


@lru_cache(maxsize=8192)
def _speakers(own: str) -> frozenset[str]:
    """Who speaks in ``own`` (a sentence's own voice), by name; empty when it reports no speech."""
    if not attributes(own):
        return frozenset()
    return frozenset(speakers(own) - PRONOUN_SPEAKERS)  # speakers() leaves out every other filler word


@lru_cache(maxsize=8192)
def _quoted(text: str) -> frozenset[tuple[str, str]]:
    """Content-word bigrams inside the quotations of ``text`` that are long enough to be statements."""
    found: frozenset[tuple[str, str]] = frozenset()
    for m in _QUOTATION.finditer(text):
        if len(m.group(1).split()) >= QUOTE_WORDS:
            found |= _bigrams(m.group(1))
    return found


class Echoes:
    """The echo partners of each sentence of one candidate list, found when asked for.

    MMR and provenance ask about the points only, a dozen rows, so a sentence is
    read whole only when it quotes, or when a point quotes and it names that
    point's speaker; a cluster's candidates are never all compared.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = tuple(texts)
        self._quotes = {
            i: (who, said)
            for i, text in enumerate(self._texts)
            if ("“" in text or '"' in text) and (who := _speakers(_own(text))) and (said := _quoted(text))
        }
        self._known: dict[int, list[int]] = {}

    def of(self, row: int) -> list[int]:
        """The rows that quote what ``row`` reports, or report what it quotes."""
        if row not in self._known:
            self._known[row] = sorted(set(self._reporting(row)) | set(self._quoting(row)))
        return self._known[row]

    def _quoting(self, row: int) -> list[int]:
        """Rows quoting, by a speaker of the same name, words ``row`` reports in its own voice."""
        if not self._quotes:
            return []
        own = _own(self._texts[row])
        reported = _bigrams(own)
        echoed = [i for i, (_, said) in self._quotes.items() if i != row and said & reported]
        who = _speakers(own) if echoed else frozenset()
        return [i for i in echoed if self._quotes[i][0] & who]

    def _reporting(self, row: int) -> list[int]:
        """Rows reporting in their own voice, by a speaker of the same name, words ``row`` quotes."""
        if row not in self._quotes:
            return []
        speaker, said = self._quotes[row]
        found = []
        for j, text in enumerate(self._texts):
            if j != row and said & _bigrams(own := _own(text)) and speaker & _speakers(own):
                found.append(j)
        return found
