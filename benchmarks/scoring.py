"""ROUGE with Google's ``rouge-score`` (``use_stemmer=True``), F1 x 100.

* ``rouge1``, ``rouge2``: unigram / bigram overlap.
* ``rougeL``: *sentence-level* LCS over the whole text (newlines ignored).
* ``rougeLsum``: *summary-level* LCS; candidate and reference are newline-joined
  sentences (the candidate's own sentences; the reference split with punkt).

The numbers are exactly ``RougeScorer.score(reference, candidate)`` (``score_multi``
semantics, best F1 per metric, when there are several references); the scorer only
avoids redundant work: each sentence is tokenized once, a reference once per cluster,
Porter stems are memoized (:class:`StemmingTokenizer`, handed to rouge-score through
its public ``tokenizer`` argument), n-grams are counted once per text, and the
longest-common-subsequence tables (pure Python loops in rouge-score, most of the
scoring time) are computed with a bit-parallel LCS length and row-vectorised numpy
tables read back with rouge-score's own tie-breaking.  Only rouge-score's public API
is used; ``tests/bench/test_bench_scoring.py`` checks equality with rouge-score's defaults
(and its internal functions), also on random input.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from nltk.stem import porter
from rouge_score import rouge_scorer, scoring, tokenizers
from rouge_score import tokenize as rouge_tokenize

from .text import split_sentences

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
LABELS = {"rouge1": "R1", "rouge2": "R2", "rougeL": "RL", "rougeLsum": "RLsum"}


class _MemoStemmer:
    def __init__(self, stemmer: porter.PorterStemmer) -> None:
        self._stem = lru_cache(maxsize=200_000)(stemmer.stem)

    def stem(self, word: str) -> str:
        return self._stem(word)


class StemmingTokenizer(tokenizers.Tokenizer):
    """rouge-score's ``DefaultTokenizer(use_stemmer=True)`` with its Porter stems memoized.

    The same rule (``rouge_score.tokenize.tokenize`` with nltk's ``PorterStemmer``), so
    the same tokens; the stemmer is a pure function, so caching it changes nothing.
    """

    def __init__(self) -> None:
        self.stemmer = _MemoStemmer(porter.PorterStemmer())

    def tokenize(self, text: str) -> list[str]:
        return rouge_tokenize.tokenize(text, self.stemmer)


def as_lines(sentences) -> list[str]:
    """Sentences as rougeLsum sees them: no line break inside, no empty ones."""
    lines = (" ".join(str(s).split("\n")) for s in sentences)
    return [s for s in lines if s]


class Scorer:
    def __init__(self) -> None:
        self.tokenizer = StemmingTokenizer()
        self.rouge = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True, tokenizer=self.tokenizer)
        self._tokenize = self.tokenizer.tokenize
        self._refs: dict[str, list[list[str]]] = {}

    def _tokens(self, lines: list[str]) -> list[list[str]]:
        return [self._tokenize(s) for s in lines]

    def reference_lines(self, reference: str) -> list[str]:
        return as_lines(split_sentences(reference))

    def _ref_tokens(self, reference: str) -> list[list[str]]:
        toks = self._refs.get(reference)
        if toks is None:
            if len(self._refs) > 64:
                self._refs.clear()
            toks = self._refs[reference] = self._tokens(self.reference_lines(reference))
        return toks

    def score(self, candidate_sentences, references) -> dict[str, float]:
        """F1 x 100 per metric of the candidate sentences against the reference(s)."""
        cand = self._tokens(as_lines(candidate_sentences))
        best: dict[str, float] = {}
        for ref in references:
            s = _score_tokens(self._ref_tokens(ref), cand)
            for k, v in s.items():
                if k not in best or v > best[k]:
                    best[k] = v
        return best

    def score_public(self, candidate_sentences, references) -> dict[str, float]:
        """The same numbers through rouge-score's public API (slower; used by tests)."""
        cand = "\n".join(as_lines(candidate_sentences))
        refs = ["\n".join(self.reference_lines(r)) for r in references]
        res = self.rouge.score_multi(refs, cand) if len(refs) > 1 else self.rouge.score(refs[0], cand)
        return {k: 100.0 * res[k].fmeasure for k in METRICS}


def _score_tokens(ref: list[list[str]], cand: list[list[str]]) -> dict[str, float]:
    ref_flat = [t for s in ref for t in s]
    cand_flat = [t for s in cand for t in s]
    out = {}
    for n, key in ((1, "rouge1"), (2, "rouge2")):
        out[key] = score_ngrams(ref_flat, cand_flat, n)
    out["rougeL"] = score_lcs(ref_flat, cand_flat)
    out["rougeLsum"] = summary_level_lcs(ref, cand)
    return {k: 100.0 * out[k] for k in METRICS}


def score_ngrams(target: Sequence[str], prediction: Sequence[str], n: int) -> float:
    """F1 of rouge-score's ``rougeN`` on token lists: clipped n-gram matches over each side's n-grams."""
    t = collections.Counter(zip(*(target[i:] for i in range(n)), strict=False))  # shifted copies: ragged
    p = collections.Counter(zip(*(prediction[i:] for i in range(n)), strict=False))
    hits = sum((t & p).values())
    return scoring.fmeasure(hits / max(sum(p.values()), 1), hits / max(sum(t.values()), 1))


# --- exact, faster LCS ------------------------------------------------------------------


def lcs_length(a, b) -> int:
    """Length of the longest common subsequence (bit-parallel, Hyyrö 2004)."""
    if not a or not b:
        return 0
    masks: dict = {}
    for j, x in enumerate(b):
        masks[x] = masks.get(x, 0) | (1 << j)
    full = (1 << len(b)) - 1
    v = full
    for x in a:
        m = masks.get(x)
        if m:
            u = v & m
            v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def score_lcs(target: list[str], prediction: list[str]) -> float:
    """F1 of ``rouge_scorer._score_lcs``."""
    if not target or not prediction:
        return 0.0
    n = lcs_length(target, prediction)
    return scoring.fmeasure(n / len(prediction), n / len(target))


def _union_lcs_indices(refs: list[list[str]], cands: list[list[str]], ids: dict) -> list[list[int]]:
    """For each reference sentence, ``rouge_scorer._find_union`` of the LCS indices that
    rouge-score's ``_backtrack_norec`` picks against each candidate sentence.

    All LCS tables of the summary live in one array: row blocks per reference sentence
    (each after a zero row), column blocks per candidate sentence (each after a zero
    column); a row is ``max(up, diagonal + match)`` followed by a running max that
    restarts at each column block, which is exactly rouge-score's recurrence.
    """
    lens = [len(c) for c in cands]
    starts = np.cumsum([0] + [n + 1 for n in lens[:-1]])  # column of each block's zero pad
    width = sum(lens) + len(lens)
    cols = np.full(width, -1, dtype=np.int64)
    offset = np.empty(width, dtype=np.int64)
    pad = np.zeros(width, dtype=bool)
    big = max((len(r) for r in refs), default=0) + 1
    for k, (c, st) in enumerate(zip(cands, starts, strict=True)):
        pad[st] = True
        offset[st : st + len(c) + 1] = k * big
        if c:
            cols[st + 1 : st + 1 + len(c)] = [ids[t] for t in c]
    bases = np.cumsum([0] + [len(r) + 1 for r in refs[:-1]])
    table = np.zeros((sum(len(r) + 1 for r in refs), width), dtype=np.int64)
    diag = np.zeros(width, dtype=np.int64)
    for r, base in zip(refs, bases, strict=True):
        for i, tok in enumerate(r, start=base + 1):
            prev = table[i - 1]
            diag[1:] = prev[:-1]
            row = np.maximum(prev, diag + (cols == ids[tok]))
            row[pad] = 0
            table[i] = np.maximum.accumulate(row + offset) - offset
    tl = table.tolist()
    out = []
    for ref, base in zip(refs, bases, strict=True):
        union: set[int] = set()
        for c, st in zip(cands, starts, strict=True):
            i, j = len(ref), len(c)
            while i > 0 and j > 0:
                if ref[i - 1] == c[j - 1]:
                    union.add(i - 1)
                    i -= 1
                    j -= 1
                elif tl[base + i][st + j - 1] > tl[base + i - 1][st + j]:
                    j -= 1
                else:
                    i -= 1
        out.append(sorted(union))
    return out


def summary_level_lcs(ref_sent: list[list[str]], can_sent: list[list[str]]) -> float:
    """F1 of ``rouge_scorer._summary_level_lcs``."""
    if not ref_sent or not can_sent:
        return 0.0
    m = sum(map(len, ref_sent))
    n = sum(map(len, can_sent))
    if not n or not m:
        return 0.0
    token_cnts_r: collections.Counter[str] = collections.Counter()
    token_cnts_c: collections.Counter[str] = collections.Counter()
    for s in ref_sent:
        token_cnts_r.update(s)
    for s in can_sent:
        token_cnts_c.update(s)
    ids: dict = {}
    for s in (*ref_sent, *can_sent):
        for t in s:
            ids.setdefault(t, len(ids))
    hits = 0
    for r, union in zip(ref_sent, _union_lcs_indices(ref_sent, can_sent, ids), strict=True):
        for t in (r[i] for i in union):
            if token_cnts_c[t] > 0 and token_cnts_r[t] > 0:
                hits += 1
                token_cnts_c[t] -= 1
                token_cnts_r[t] -= 1
    return scoring.fmeasure(hits / n, hits / m)
