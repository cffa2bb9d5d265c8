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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..brief import GuardVerdict, Sentence

LENGTH_MARGIN = 8
"""Words a fused sentence may have beyond the longest cited sentence."""
MIN_LENGTH_RATIO = 0.4
"""A candidate shorter than this share of the point's words has dropped the point."""
MAX_UNSUPPORTED = 0.15
"""Share of content words that may lack any match in the cited text (paraphrase slack)."""

# --------------------------------------------------------------------------- sentences

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "inc", "co", "corp", "ltd", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "approx", "est", "dept", "univ", "ave", "rd", "blvd", "fig",
}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+\S)")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()]
    word = re.search(r"([A-Za-z.]+)$", before)
    if match.group().startswith("."):
        if word:
            w = word.group(1)
            if w.lower().rstrip(".") in _ABBREV:
                return False
            if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", w):  # U.S, J, e.g
                return False
        if re.search(r"\d$", before) and re.match(r"\s+\d", text[match.end() :]):
            return False
    following = text[match.end() :].lstrip()
    # A new sentence starts with a capital, digit or quote; "said. and" is not a boundary.
    return bool(following) and (following[0].isupper() or following[0].isdigit() or following[0] in "\"'“‘(")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences with a small abbreviation-aware rule set.

    Not punkt: the guard must stay dependency-free and cheap; candidates are
    single short sentences, so this only needs to spot a second one.
    """
    text = text.strip()
    out, start = [], 0
    for m in _END.finditer(text):
        if _is_boundary(text, m):
            out.append(text[start : m.end()].strip())
            start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when no second sentence has started)."""
    parts = split_sentences(text)
    return parts[0] if parts else ""


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

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-&]*")
_COMMON = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "in", "on", "at", "as", "after", "before", "during", "while", "when", "but",
    "and", "or", "so", "yet", "if", "although", "though", "because", "since", "with", "without", "for", "from",
    "by", "to", "of", "about", "over", "under", "into", "meanwhile", "however", "also", "both", "all", "some",
    "many", "most", "there", "here", "according", "despite", "amid", "officials", "talks", "two", "one",
    "last", "earlier", "later", "on", "today", "yesterday", "now", "then", "such", "other", "another", "each",
    "who", "what", "which", "where", "why", "how", "is", "was", "are", "were", "be", "been", "has", "have",
    "had", "will", "would", "could", "should", "may", "might", "can", "do", "does", "did", "not", "no",
    "more", "less", "than", "very", "just", "only", "said", "says", "say", "new", "that's", "it's",
}
_STOP = _COMMON | {
    "said", "says", "told", "tell", "reported", "report", "according", "added", "noted", "stated",
    "up", "out", "off", "down", "again", "further", "once", "any", "few", "own", "same", "too", "s", "t",
    "being", "having", "doing", "them", "him", "me", "my", "your", "us", "whom", "whose", "been", "am",
    "against", "between", "through", "above", "below", "until", "upon", "via", "per", "while", "whether",
    "still", "even", "well", "much", "like", "including", "around", "across", "within", "among",
}


def _norm_word(word: str) -> str:
    w = word.lower().replace("’", "'").strip(".'-&")
    if w.endswith("'s"):
        w = w[:-2]
    return w.replace(".", "")


def _stem(word: str) -> str:
    w = _norm_word(word)
    for suffix in ("ingly", "edly", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'"))


def _vocab(texts: Iterable[str]) -> set[str]:
    vocab: set[str] = set()
    for text in texts:
        for word in _words(text):
            n = _norm_word(word)
            vocab.add(n)
            vocab.update(p for p in re.split(r"[-&]", n) if p)
    return vocab


def names(text: str) -> list[str]:
    """Capitalized tokens of ``text`` that are not a sentence-initial common word."""
    out = []
    words = list(_WORD.finditer(text.replace("’", "'")))
    for i, m in enumerate(words):
        word = m.group()
        if not word[0].isupper():
            continue
        before = text[: m.start()].rstrip()
        initial = i == 0 or before.endswith((".", "!", "?", ":", '"', "“", "'", "‘", "(", "—", "-", ";"))
        if initial and _norm_word(word) in _COMMON:
            continue
        if word == "I":
            continue
        out.append(word)
    return out


# --------------------------------------------------------------------------- negation, loops, instructions

_NEGATIONS = {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without", "nowhere"}


def negations(text: str) -> int:
    """How many negation markers (not, no, never, n't, ...) a text has."""
    count = 0
    for word in _words(text):
        w = word.lower()
        if w in _NEGATIONS or w.endswith("n't"):
            count += 1
    return count


_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget) (?:all |any |the |your )?(?:previous|prior|above|earlier|preceding|instructions)"
    r"|\bas an ai\b|\blanguage model\b|\bi(?: am|'m) (?:sorry|unable|an ai)\b|\bi (?:cannot|can't)\b"
    r"|\bsystem prompt\b|\b(?:new|following|my|your) instructions\b|\bhere(?: is|'s) (?:the|a|your) "
    r"|^(?:sure|certainly|okay|ok)\b|\b(?:fused|combined|rewritten) sentence\b|\bsentences? \[?\d",
    re.I,
)
def is_instruction(text: str) -> bool:
    """Whether text reads like an order to a language model rather than news prose."""
    return bool(_INSTRUCTION.search(text))


_RESIDUE = re.compile(r"\[\d+\]|###|<\|?[a-z_]+\|?>|\bSentences:|\bCombined:|\{sources\}|```", re.I)


def _ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


# --------------------------------------------------------------------------- check


def check(candidate: str, cited: Sequence[Sentence], *, prompt_example: str = "") -> GuardVerdict:
    """Accept or reject one fused sentence against the sentences it will cite.

    ``cited[0]`` is the point (what negation is compared to); all cited
    sentences together are the evidence for numbers, names and words.
    ``prompt_example`` is the prompt's worked answer: output that shares
    phrases with it which the sources do not have is a copy, not a fusion.

    Returns a :class:`GuardVerdict` whose ``reasons`` are short strings, one per
    failed rule.
    """
    text = " ".join(candidate.split())
    reasons: list[str] = []
    if not text or not re.search(r"[A-Za-z]", text):
        return GuardVerdict(False, candidate, ("empty",))
    if not cited:
        return GuardVerdict(False, candidate, ("no cited sentences",))
    # A cited sentence that reads like an instruction to the model is not evidence:
    # words only it supplies are what an obeying model would write.
    tainted = [s.text for s in cited if is_instruction(s.text)]
    sources = [s.text for s in cited if not is_instruction(s.text)]
    if not sources:
        return GuardVerdict(False, candidate, ("instruction-like source",))
    words = text.split()
    lengths = [len(s.split()) for s in sources]

    # Structure and shape.
    if _INSTRUCTION.search(text):
        reasons.append("instruction-following text")
    if _RESIDUE.search(text):
        reasons.append("prompt residue")
    letters = sum(c.isalpha() for c in text)
    if letters < 0.6 * sum(not c.isspace() for c in text):
        reasons.append("garbage characters")
    if len(split_sentences(text)) > 1:
        reasons.append("multiple sentences")
    if not re.search(r"[.!?][\"'”’)\]]*$", text):
        reasons.append("unfinished sentence")
    if len(words) > max(lengths) + LENGTH_MARGIN:
        reasons.append(f"too long ({len(words)} words > {max(lengths)}+{LENGTH_MARGIN})")
    if len(words) < max(3, MIN_LENGTH_RATIO * lengths[0]):
        reasons.append(f"too short ({len(words)} words)")

    # Loops: a repeated trigram the sources do not repeat themselves.
    toks = [_norm_word(w) for w in _words(text)]
    source_toks = [[_norm_word(w) for w in _words(s)] for s in sources]
    repeated = [g for g, c in Counter(_ngrams(toks, 3)).items() if c > 1]
    if repeated and not any(Counter(_ngrams(st, 3))[g] > 1 for g in repeated for st in source_toks):
        reasons.append("repetition")
    if "repetition" not in reasons and re.search(r"\b(\w+)(?:\W+\1\b){2,}", text, re.I):
        reasons.append("repetition")

    # Copying the prompt's worked example.
    if prompt_example.strip():
        ex = [_norm_word(w) for w in _words(prompt_example)]
        source_grams = {g for st in source_toks for g in _ngrams(st, 3)}
        copied = set(_ngrams(toks, 3)) & set(_ngrams(ex, 3)) - source_grams
        ex_vocab = {w for w in ex if w not in _STOP}
        src_vocab = {w for st in source_toks for w in st}
        ex_only = [w for w in toks if w in ex_vocab and w not in src_vocab and w not in _STOP]
        if copied or len(ex_only) >= 2:
            reasons.append("copies prompt example")

    # Numbers.
    cited_numbers = set().union(*(numbers(s) for s in sources))
    missing = sorted(numbers(text) - cited_numbers)
    if missing:
        reasons.append("number not in sources: " + ", ".join(missing[:5]))

    # Names and other capitalized tokens.
    vocab = _vocab(sources)
    unknown = []
    for name in names(text):
        n = _norm_word(name)
        parts = [p for p in re.split(r"[-&]", n) if p]
        if n in vocab or (parts and all(p in vocab for p in parts)):
            continue
        unknown.append(name.rstrip(".,"))
    if unknown:
        reasons.append("name not in sources: " + ", ".join(dict.fromkeys(unknown[:5])))

    # Negation, relative to the point and to the evidence.
    cand_neg = negations(text)
    point_neg = negations(cited[0].text)
    if cand_neg > sum(negations(s) for s in sources):
        reasons.append("adds negation")
    elif point_neg and not cand_neg:
        reasons.append("drops negation")

    if tainted:
        clean_stems = {_stem(w) for st in source_toks for w in st}
        taint_stems = {_stem(w) for t in tainted for w in _words(t)} - clean_stems
        obeyed = [w for w in toks if w not in _STOP and _stem(w) in taint_stems]
        if obeyed:
            reasons.append("follows instruction in source: " + ", ".join(dict.fromkeys(obeyed[:5])))

    # Content words with no counterpart in the sources (paraphrase allowed, invention not).
    stems = {_stem(w) for st in source_toks for w in st}
    content = [w for w in toks if w not in _STOP and len(w) > 2 and not w[0].isdigit()]
    novel = [w for w in content if _stem(w) not in stems and w not in vocab]
    if content and len(novel) > max(1, MAX_UNSUPPORTED * len(content)):
        reasons.append("unsupported words: " + ", ".join(dict.fromkeys(novel[:5])))

    return GuardVerdict(not reasons, candidate, tuple(reasons))
