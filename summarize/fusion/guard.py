"""The faithfulness guard: decide whether a fused sentence may replace the extractive one.

A small model fusing sentences can invent a number, swap a name, flip a
negation, loop, echo the prompt's worked example, or obey an instruction that
was planted in a source sentence.  :func:`check` looks for each of those with
plain string rules: it is a pure function, offline and fast (well under a
millisecond per sentence), so it can run on every output.  When it rejects,
the fuser falls back to the point's own sentence, which is faithful by
construction; the rejected candidate is kept in the verdict for audit.

The rules are deliberately conservative: a false rejection only costs a fused
sentence (the extractive one is still correct), a false acceptance puts an
unsupported claim in a brief with a citation that does not back it.

Words, stems, stop words and sentences are :mod:`summarize.text`'s, so "the
same word" and "one sentence" mean here what they mean in the pipeline.  The
limits (length margin, minimum length, unsupported share) are fields of
:class:`~summarize.tuning.Tuning`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..brief import GuardVerdict, Sentence
from ..text import FILLER_WORDS, fact_words, norm_word, split_sentences, squash, stem
from ..tuning import DEFAULT, Tuning
from ..untrusted import is_instruction

# --------------------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # "one" is left out: it is mostly a pronoun ("one of the ...")
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}
_SCALES = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "quarter"}
_SCALE_ABBR = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion", "tn": "trillion"}
_CURRENCY = "$£€¥₹"

_NUM = re.compile(
    r"(?<![\w.])(?P<cur>[$£€¥₹])?\s?(?P<num>\d+(?:\.\d+)?)"
    r"(?P<suf>\s?%|\s?(?:a\.m\.|p\.m\.|am|pm)(?![a-z])|(?:st|nd|rd|th)(?![a-z])|s(?![a-z])"
    r"|\s?(?:bn|mn|tn|k|m|b)(?![a-z]))?",
    re.I,
)


def _normalize_numeric(text: str) -> str:
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 1,000,000 -> 1000000
    text = re.sub(r"(?<=\d)\s*(?:per\s?cent|percent|pct)\b", "%", text, flags=re.I)
    return text


def numbers(text: str) -> set[str]:
    """Normalized numeric facts of a text.

    ``"34.5 per cent"`` and ``"34.5%"`` both give ``"34.5%"``; ``"10am"``,
    ``"10 a.m."`` give ``"10am"``; ``"1,200"`` gives ``"1200"``; ``"2nd"`` and
    ``"second"`` give ``"#2"``; ``"five"`` gives ``"5"``; scale words
    (million, billion) and currency symbols are facts of their own, so
    ``"$5bn"`` gives ``{"5", "billion", "$"}``.
    """
    text = _normalize_numeric(text)
    found: set[str] = set()
    for m in _NUM.finditer(text):
        value = m.group("num")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        whole, dot, frac = value.partition(".")
        value = (whole.lstrip("0") or "0") + dot + frac
        suffix = (m.group("suf") or "").strip().lower().replace(".", "")
        if m.group("cur"):
            found.add(m.group("cur"))
        if suffix == "%":
            found.add(value + "%")
        elif suffix in ("am", "pm"):
            found.add(value + suffix)
        elif suffix in ("st", "nd", "rd", "th"):
            found.add("#" + value)
        elif suffix in _SCALE_ABBR:
            found.add(value)
            found.add(_SCALE_ABBR[suffix])
        else:
            found.add(value)
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _NUMBER_WORDS:
            found.add(str(_NUMBER_WORDS[word]))
        elif word in _ORDINAL_WORDS:
            found.add("#" + str(_ORDINAL_WORDS[word]))
        elif word.rstrip("s") in _SCALES:
            found.add(word.rstrip("s"))
    for ch in text:
        if ch in _CURRENCY:
            found.add(ch)
    return found


# --------------------------------------------------------------------------- words and names


def _word_offsets(text: str) -> Iterator[tuple[int, str]]:
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


def _vocab(texts: Iterable[str]) -> set[str]:
    """Normalized words of ``texts``, plus the parts of hyphenated and ``&`` compounds."""
    vocab: set[str] = set()
    for text in texts:
        for word in fact_words(text):
            n = norm_word(word)
            vocab.add(n)
            vocab.update(p for p in re.split(r"[-&]", n) if p)
    return vocab


_NOT_NAMES = FILLER_WORDS - {"us", "mr", "mrs", "ms"}
"""Words that, capitalised first in a sentence, are not names; "US" and the titles are (an invented
"U.S. officials said" or "Mr. He said" must be backed by the sources)."""


def names(text: str) -> list[str]:
    """Capitalized tokens of ``text`` that are not a sentence-initial common word."""
    out = []
    for i, (start, word) in enumerate(_word_offsets(text)):
        if not word[0].isupper():
            continue
        before = text[:start].rstrip()
        initial = i == 0 or before.endswith((".", "!", "?", ":", '"', "“", "'", "‘", "(", "—", "-", ";"))
        if initial and norm_word(word) in _NOT_NAMES:
            continue
        if word == "I":
            continue
        out.append(word)
    return out


# --------------------------------------------------------------------------- negation, loops, instructions

_NEGATIONS = {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without", "nowhere"}


def negations(text: str) -> int:
    """How many negation markers (not, no, never, n't, ...) a text has."""
    return sum(w in _NEGATIONS or w.endswith("n't") for w in (word.lower() for word in fact_words(text)))


_RESIDUE = re.compile(r"\[\d+\]|###|<\|?[a-z_]+\|?>|\bSentences:|\bCombined:|\{sources\}|```", re.I)


def _ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class _Case:
    """One candidate and its evidence, split into words once for every rule.

    ``text`` is the candidate, white space squashed; ``point`` is ``cited[0]``'s
    text (instruction-like or not: what negation is compared to); ``sources``
    are the cited texts that are evidence, ``tainted`` those that read like
    instructions to the model; ``toks`` and ``source_toks`` are their fact
    words, normalized; ``vocab`` the normalized source words and compound parts,
    ``stems`` the stems of the source words.
    """

    text: str
    point: str
    sources: tuple[str, ...]
    tainted: tuple[str, ...]
    toks: tuple[str, ...]
    source_toks: tuple[tuple[str, ...], ...]
    vocab: frozenset[str]
    stems: frozenset[str]

    @classmethod
    def of(cls, text: str, cited: Sequence[Sentence]) -> _Case:
        tainted = tuple(s.text for s in cited if is_instruction(s.text))
        sources = tuple(s.text for s in cited if not is_instruction(s.text))
        source_toks = tuple(tuple(norm_word(w) for w in fact_words(s)) for s in sources)
        toks = tuple(norm_word(w) for w in fact_words(text))
        stems = frozenset(stem(norm_word(w)) for st in source_toks for w in st)
        return cls(text, cited[0].text, sources, tainted, toks, source_toks, frozenset(_vocab(sources)), stems)


def _leaks(case: _Case) -> list[str]:
    """The candidate talks to the user like a model, or carries pieces of the prompt."""
    reasons = []
    if is_instruction(case.text):
        reasons.append("instruction-following text")
    if _RESIDUE.search(case.text):
        reasons.append("prompt residue")
    return reasons


def _shape(case: _Case, tuning: Tuning) -> list[str]:
    """Not one finished sentence of prose, or far longer than the sources or shorter than the point."""
    text = case.text
    words = text.split()
    lengths = [len(s.split()) for s in case.sources]
    reasons = []
    letters = sum(c.isalpha() for c in text)
    if letters < 0.6 * sum(not c.isspace() for c in text):
        reasons.append("garbage characters")
    if len(split_sentences(text)) > 1:
        reasons.append("multiple sentences")
    if not re.search(r"[.!?][\"'”’)\]]*$", text):
        reasons.append("unfinished sentence")
    margin = tuning.length_margin
    if len(words) > max(lengths) + margin:
        reasons.append(f"too long ({len(words)} words > {max(lengths)}+{margin})")
    if len(words) < max(3, tuning.min_length_ratio * lengths[0]):
        reasons.append(f"too short ({len(words)} words)")
    return reasons


def _loops(case: _Case) -> list[str]:
    """A repeated trigram the sources do not repeat themselves, or one word three times running."""
    repeated = [g for g, c in Counter(_ngrams(case.toks, 3)).items() if c > 1]
    if repeated and not any(Counter(_ngrams(st, 3))[g] > 1 for g in repeated for st in case.source_toks):
        return ["repetition"]
    if re.search(r"\b(\w+)(?:\W+\1\b){2,}", case.text, re.I):
        return ["repetition"]
    return []


def _copies_example(case: _Case, prompt_example: str) -> list[str]:
    """Phrases or content words of the prompt's worked answer that the sources do not have."""
    if not prompt_example.strip():
        return []
    ex = [norm_word(w) for w in fact_words(prompt_example)]
    source_grams = {g for st in case.source_toks for g in _ngrams(st, 3)}
    copied = set(_ngrams(case.toks, 3)) & set(_ngrams(ex, 3)) - source_grams
    ex_vocab = {w for w in ex if w not in FILLER_WORDS}
    src_vocab = {w for st in case.source_toks for w in st}
    ex_only = [w for w in case.toks if w in ex_vocab and w not in src_vocab and w not in FILLER_WORDS]
    return ["copies prompt example"] if copied or len(ex_only) >= 2 else []


def _numbers(case: _Case) -> list[str]:
    """Numeric facts (values, units, scales, currencies) that no source has."""
    cited_numbers = set().union(*(numbers(s) for s in case.sources))
    missing = sorted(numbers(case.text) - cited_numbers)
    return ["number not in sources: " + ", ".join(missing[:5])] if missing else []


def _names(case: _Case) -> list[str]:
    """Capitalized words that no source has (a compound passes when each of its parts is there)."""
    unknown = []
    for name in names(case.text):
        n = norm_word(name)
        parts = [p for p in re.split(r"[-&]", n) if p]
        if n in case.vocab or (parts and all(p in case.vocab for p in parts)):
            continue
        unknown.append(name.rstrip(".,"))
    return ["name not in sources: " + ", ".join(dict.fromkeys(unknown[:5]))] if unknown else []


def _negation(case: _Case) -> list[str]:
    """More negations than all the evidence has, or none where the point has one."""
    cand_neg = negations(case.text)
    if cand_neg > sum(negations(s) for s in case.sources):
        return ["adds negation"]
    if negations(case.point) and not cand_neg:
        return ["drops negation"]
    return []


def _obeys_instruction(case: _Case) -> list[str]:
    """Words that only an instruction-like cited sentence supplies: what an obeying model writes."""
    if not case.tainted:
        return []
    taint_stems = {stem(norm_word(w)) for t in case.tainted for w in fact_words(t)} - case.stems
    obeyed = [w for w in case.toks if w not in FILLER_WORDS and stem(norm_word(w)) in taint_stems]
    return ["follows instruction in source: " + ", ".join(dict.fromkeys(obeyed[:5]))] if obeyed else []


def _unsupported_words(case: _Case, tuning: Tuning) -> list[str]:
    """More content words without a counterpart in the sources than paraphrase explains.

    A counterpart is the same word or the same stem ("sought" has none for
    "seeking"; "threatening" has "threatened").  Numbers are left to
    :func:`_numbers`, names to :func:`_names`.
    """
    content = [w for w in case.toks if w not in FILLER_WORDS and len(w) > 2 and not w[0].isdigit()]
    novel = [w for w in content if stem(norm_word(w)) not in case.stems and w not in case.vocab]
    if content and len(novel) > max(1, tuning.max_unsupported * len(content)):
        return ["unsupported words: " + ", ".join(dict.fromkeys(novel[:5]))]
    return []


# --------------------------------------------------------------------------- check


def check(
    candidate: str, cited: Sequence[Sentence], *, prompt_example: str = "", tuning: Tuning = DEFAULT
) -> GuardVerdict:
    """Accept or reject one fused sentence against the sentences it will cite.

    ``cited[0]`` is the point (what negation is compared to); all cited
    sentences together are the evidence for numbers, names and words.  A cited
    sentence that reads like an instruction to the model is not evidence:
    words only it supplies are what an obeying model would write.
    ``prompt_example`` is the prompt's worked answer: output that shares
    phrases with it which the sources do not have is a copy, not a fusion.
    ``tuning`` gives the length margin, the minimum length and the share of
    unsupported words allowed.

    Returns a :class:`GuardVerdict` whose ``reasons`` are short strings, one per
    failed rule, in the order the rules run (shape first, unsupported words last).
    """
    text = squash(candidate)
    if not text or not re.search(r"[A-Za-z]", text):
        return GuardVerdict(False, candidate, ("empty",))
    if not cited:
        return GuardVerdict(False, candidate, ("no cited sentences",))
    case = _Case.of(text, cited)
    if not case.sources:
        return GuardVerdict(False, candidate, ("instruction-like source",))
    reasons = [
        *_leaks(case),
        *_shape(case, tuning),
        *_loops(case),
        *_copies_example(case, prompt_example),
        *_numbers(case),
        *_names(case),
        *_negation(case),
        *_obeys_instruction(case),
        *_unsupported_words(case, tuning),
    ]
    return GuardVerdict(not reasons, candidate, tuple(reasons))
