"""Sentence vectors and the one similarity matrix that ranking, MMR and provenance share.

Tokens are :func:`summarize.text.tokenize`'s: lower-cased, English stop words
dropped, Porter-stemmed, so "talks" and "talked" meet.
Vectors are TF-IDF fitted on the cluster itself; anything with ``fit_transform``
and ``transform`` returning row vectors can replace it.

TF-IDF sees shared words, not shared meaning: "talks were going well" and "the
negotiations are progressing smoothly" share none.  Given a sentence
:class:`~summarize.embeddings.StaticEmbedder`, :func:`build` also computes
:meth:`Space.same_point`: the larger of the TF-IDF cosine and the embedding
cosine, the latter rescaled to TF-IDF's range (see :func:`paraphrase`), so that
one threshold means "says the same thing" for either kind of match.  MMR
redundancy and provenance (a point's supporters, so its support count) read
:meth:`Space.same_point`; ranking and copy detection read the lexical ``matrix`` (a copy is
a copy of the words, and ranking by meaning-support cost ROUGE: see
``Tuning.paraphrase_floor``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

import numpy as np
from scipy import sparse

from .brief import Sentence
from .echoes import Echoes
from .text import tokenize
from .tuning import DEFAULT, Tuning


class Embedder(Protocol):
    """A sentence-embedding model: unit row vectors of texts (:class:`summarize.embeddings.StaticEmbedder`)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...



class Vectorizer(Protocol):
    """What a sentence-vector model must offer (sklearn's vectorizer API)."""

    def fit_transform(self, texts: Sequence[str]) -> Any: ...

    def transform(self, texts: Sequence[str]) -> Any: ...


class TfIdf:
    """Sub-linear TF-IDF over :func:`tokenize` tokens with smoothed IDF, fitted on one cluster.

    Written here rather than taken from scikit-learn, whose import alone costs
    about a second of every CLI call.  ``min_df`` drops tokens found in fewer
    texts than that: a token of one text only cannot make two texts alike, it
    only dilutes their cosine (what grouping articles into stories needs).
    """

    def __init__(self, min_df: int = 1) -> None:
        self.min_df = min_df
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0, dtype=np.float32)

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        tokens = [tokenize(t) for t in texts]
        self.vocabulary = {w: k for k, w in enumerate(sorted({w for ts in tokens for w in ts}))}
        counts = self._counts(tokens)
        df = np.bincount(counts.indices, minlength=len(self.vocabulary))
        if self.min_df > 1:
            kept = sorted(w for w, k in self.vocabulary.items() if df[k] >= self.min_df)
            self.vocabulary = {w: k for k, w in enumerate(kept)}
            counts = self._counts(tokens)
            df = np.bincount(counts.indices, minlength=len(self.vocabulary))
        self.idf = (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)
        return self._weigh(counts)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self._weigh(self._counts([tokenize(t) for t in texts]))

    def _counts(self, tokens: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Token counts, one row a text, in canonical form (sorted columns, no duplicates)."""
        vocabulary = self.vocabulary
        rows = [[vocabulary[w] for w in words if w in vocabulary] for words in tokens]
        indptr = np.zeros(len(rows) + 1, dtype=np.int32)
        np.cumsum([len(r) for r in rows], out=indptr[1:])
        indices = np.fromiter((k for r in rows for k in r), dtype=np.int32, count=int(indptr[-1]))
        data = np.ones(len(indices), dtype=np.float32)
        counts = sparse.csr_matrix((data, indices, indptr), shape=(len(tokens), len(vocabulary)))
        counts.sum_duplicates()
        return counts

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Sub-linear counts times IDF, on the stored entries (all positive, so none turns zero)."""
        weighted = counts.copy()
        weighted.data = (1 + np.log(weighted.data)) * self.idf[weighted.indices]
        return weighted


def normalize(vectors: Any) -> Any:
    """Scale rows to unit length; all-zero rows stay zero."""
    if sparse.issparse(vectors):
        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0).astype(np.float32)
        if sparse.isspmatrix_csr(vectors) and vectors.has_canonical_format:  # each entry times its row's scale
            scaled = vectors.astype(np.result_type(vectors.dtype, np.float32))
            scaled.data *= np.repeat(scale, np.diff(vectors.indptr))
            return scaled
        return sparse.diags(scale) @ vectors
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


@dataclass(frozen=True)
class Space:
    """Sentences, their unit vectors, and their pairwise cosine similarities."""

    sentences: tuple[Sentence, ...]
    vectors: Any
    """Row ``i`` is the unit vector of ``sentences[i]`` (sparse or dense)."""
    matrix: np.ndarray
    """``matrix[i, j]`` is the cosine similarity of sentences ``i`` and ``j`` (float32)."""
    vectorizer: Vectorizer
    embedded: np.ndarray | None = None
    """Row ``i`` is the sentence embedding of ``sentences[i]`` (unit, float32), when an embedding model was used."""
    tuning: Tuning = DEFAULT
    parts: np.ndarray | None = None
    """Embeddings of the two sentences of each joined unit (:func:`summarize.context.units`), row ``k`` a part of
    sentence ``part_owner[k]``: a unit says the same point as another sentence when either of its parts does.
    Both are ``None`` when no sentence is a unit."""
    part_owner: np.ndarray | None = None

    @property
    def paraphrase_aware(self) -> bool:
        return self.embedded is not None

    def same_point(self, rows: Sequence[int]) -> np.ndarray:
        """How close in meaning sentences ``rows`` are to every sentence, on the TF-IDF scale.

        The larger of the TF-IDF cosine and the rescaled embedding cosine
        (:func:`paraphrase`); the TF-IDF rows alone without an embedding model.  A quote and the sentence
        that reports it (:mod:`summarize.echoes`) are the same point whatever their similarity.
        Only the rows asked for are computed: MMR and provenance need the rows of
        the points, never the whole n x n matrix.
        """
        rows = list(rows)
        close = self.matrix[rows]
        if self.embedded is not None:
            cosine = self.embedded[rows] @ self.embedded.T
            if self.parts is not None:
                cosine = self._by_parts(rows, cosine)
            close = np.maximum(close, paraphrase(cosine, self.tuning))
        for k, row in enumerate(rows):  # a quote and the sentence reporting it (echoes.py)
            close[k, self._echoes.of(row)] = 1.0
        return close

    @cached_property
    def _echoes(self) -> Echoes:
        return Echoes([s.text for s in self.sentences])

    @cached_property
    def _parts_of(self) -> dict[int, list[int]]:
        """The rows of :attr:`parts` of each unit (``np.isin`` per MMR step cost more than the products)."""
        found: dict[int, list[int]] = {}
        for k, owner in enumerate([] if self.part_owner is None else self.part_owner.tolist()):
            found.setdefault(owner, []).append(k)
        return found

    def _by_parts(self, rows: list[int], cosine: np.ndarray) -> np.ndarray:
        """``cosine`` (embedding cosine of ``rows`` to every sentence) with each side the best of the sentence
        and its parts.

        A unit's embedding averages a statement and a quote, so a paraphrase of
        either one alone sits below the "same point" bar against the whole.
        """
        assert self.embedded is not None and self.parts is not None and self.part_owner is not None
        best = cosine.copy()
        np.maximum.at(best.T, self.part_owner, (self.embedded[rows] @ self.parts.T).T)  # their parts
        mine = np.array(sorted(k for row in set(rows) for k in self._parts_of.get(row, ())), dtype=np.intp)
        if len(mine):  # the parts of rows: against every sentence and every part
            index = {row: k for k, row in enumerate(rows)}
            theirs = self.parts[mine] @ self.embedded.T
            np.maximum.at(theirs.T, self.part_owner, (self.parts[mine] @ self.parts.T).T)
            np.maximum.at(best, np.array([index[int(o)] for o in self.part_owner[mine]], dtype=np.intp), theirs)
        return best

    def similarity_to(self, text: str) -> np.ndarray:
        """Cosine similarity of every sentence to an outside text (a query)."""
        vector = normalize(self.vectorizer.transform([text]))
        return dense(self.vectors @ vector.T).ravel()

    def cosine(self, texts: Sequence[str], others: Sequence[str]) -> np.ndarray:
        """Cosine similarity ``[i, j]`` of ``texts[i]`` and ``others[j]`` in this space's vectors (words the
        space does not know are left out).  A :data:`summarize.followup.Matcher` for a follow-up's candidates."""
        a = normalize(self.vectorizer.transform(list(texts)))
        b = normalize(self.vectorizer.transform(list(others)))
        return dense(a @ b.T)


BLOCK_CELLS = 1 << 22
"""Cells (4M: 16 MB of float32) of any temporary block a stage builds over the similarity matrix.

The matrix itself is n x n; a stage that needs more than a row of it at a time
(the matrix product, a best match per source) works through row blocks of
this size, so no temporary of its own grows with n x n or n x sources.
"""


def row_blocks(rows: int, width: int) -> Iterator[slice]:
    """Slices of ``range(rows)`` whose blocks of ``width`` columns hold at most :data:`BLOCK_CELLS` cells."""
    step = max(1, BLOCK_CELLS // max(width, 1))
    for start in range(0, rows, step):
        yield slice(start, min(start + step, rows))


def most_alike(columns: np.ndarray, alike: np.ndarray, k: int) -> np.ndarray:
    """At most ``k`` of ``columns`` (``alike[i]`` the similarity of ``columns[i]``), the most alike first, ties to the
    lower column, given back in column order: a bound on the partners a row is compared with."""
    if len(columns) <= k:
        return columns
    return np.sort(columns[np.lexsort((columns, -alike))[:k]])


def build(
    sentences: Sequence[Sentence],
    vectorizer: Vectorizer | None = None,
    *,
    embedder: Embedder | None = None,
    tuning: Tuning = DEFAULT,
) -> Space:
    """Embed ``sentences`` once and compute their similarity matrix (and their embeddings, given an ``embedder``)."""
    vectorizer = vectorizer or TfIdf()
    texts = [s.text for s in sentences]
    vectors = normalize(vectorizer.fit_transform(texts))
    matrix = _gram(vectors)
    embedded = parts = owner = None
    if embedder is not None and tuning.paraphrase_weight > 0:
        embedded = embedder.encode(texts)
        part_texts, part_owner = unit_parts(sentences)
        if part_texts:
            parts, owner = embedder.encode(part_texts), np.array(part_owner, dtype=np.intp)
    return Space(tuple(sentences), vectors, matrix, vectorizer, embedded, tuning, parts, owner)


def unit_parts(sentences: Sequence[Sentence]) -> tuple[list[str], list[int]]:
    """The two sentences of each joined unit, with the unit's row.

    A unit (:func:`summarize.context.units`) starts where the sentence it was
    joined to starts, and that sentence stays a candidate: the shortest
    candidate of the same source and start is the first part, the rest the second.
    """
    first: dict[tuple[str, int], Sentence] = {}
    for s in sentences:
        key = (s.source, s.start)
        if key not in first or s.end < first[key].end:
            first[key] = s
    texts: list[str] = []
    owner: list[int] = []
    for row, s in enumerate(sentences):
        head = first[(s.source, s.start)]
        if head.end < s.end:
            texts += [head.text, s.text[head.end - s.start :].strip()]
            owner += [row, row]
    return texts, owner


def paraphrase(cosine: np.ndarray, tuning: Tuning = DEFAULT) -> np.ndarray:
    """Embedding cosine mapped onto the TF-IDF scale: ``weight * (cos - floor) / (1 - floor)``, clipped at 0.

    Any two news sentences on one topic have an embedding cosine of 0.2-0.4 and
    share few content words; paraphrases reach 0.5-0.8.  The floor is where
    "same topic" ends (``Tuning.paraphrase_floor``).
    """
    floor = tuning.paraphrase_floor
    scaled = (cosine - floor) / max(1.0 - floor, 1e-6)
    return (tuning.paraphrase_weight * np.clip(scaled, 0.0, 1.0)).astype(np.float32)


def _gram(vectors: Any) -> np.ndarray:
    """``vectors @ vectors.T`` as dense float32, a block of rows at a time.

    The sparse product of all rows at once holds up to n x n entries at 12
    bytes each before it is made dense (three times the matrix); by blocks,
    the matrix is the only n x n array.  Each entry is the same dot product
    either way.
    """
    n = vectors.shape[0]
    matrix = np.empty((n, n), dtype=np.float32)
    transposed = vectors.T.tocsr() if sparse.issparse(vectors) else vectors.T
    for rows in row_blocks(n, n):
        matrix[rows] = dense(vectors[rows] @ transposed)
    return matrix


def best_per_group(rows: np.ndarray, labels: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's best similarity within each group of columns (a source, or a set of copies).

    ``rows`` are rows of a similarity matrix and ``labels[j]`` the group of column
    ``j``.  Returns the groups (sorted) and the best similarity per row and group:
    what support and copy detection ask.  The result has rows x groups cells:
    callers over the whole matrix go by :func:`row_blocks`.
    """
    groups, order, starts = _column_groups(labels)
    ordered = rows if order is None else rows[:, order]
    return groups, np.maximum.reduceat(ordered, starts, axis=1).astype(np.float32, copy=False)


def best_in_groups(
    rows: np.ndarray, labels: Sequence[int] | np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`best_per_group`, and the column where each best is found (the first, on a tie): what provenance asks."""
    groups, best = best_per_group(rows, labels)
    _, order, starts = _column_groups(labels)
    n = rows.shape[1]
    ordered = rows if order is None else rows[:, order]
    widths = np.diff(np.append(starts, n))
    first = np.where(ordered == np.repeat(best, widths, axis=1), np.arange(n), n)
    position = np.minimum.reduceat(first, starts, axis=1)
    return groups, best, position if order is None else order[position]


def _column_groups(labels: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """The groups, the column order that puts each group together (``None``: already so), and where each starts."""
    label = np.asarray(labels)
    order = None if np.all(label[:-1] <= label[1:]) else np.argsort(label, kind="stable")
    groups, starts = np.unique(label if order is None else label[order], return_index=True)
    return groups, order, starts


def dense(values: Any) -> np.ndarray:
    """A float32 ndarray from a sparse or dense result."""
    return np.asarray(values.toarray() if sparse.issparse(values) else values, dtype=np.float32)
