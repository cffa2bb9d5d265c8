"""The learned salience scorer: sentence features, and a tree ensemble trained on news with references.

``rank.salience(..., ranker="learned")`` scores each sentence with a gradient-
boosted tree ensemble (trained by ``python -m benchmarks train-ranker``, see
``benchmarks/ranker.py``) over :data:`FEATURES`.  Every feature comes from what
the pipeline already has — the one similarity matrix, the sentences, their
independent origins, rank's own signals — plus cheap text counts from
:mod:`summarize.text`, and each is scaled so that it means the same in a short
cluster and a long one, and in lower-cased text as in cased (the training data
is lower-cased and truncated; users' articles are neither).

The model is a JSON file shipped in the package (``summarize/models/ranker.json``):
plain numbers, no pickled code, evaluated here with numpy, so scoring needs
neither scikit-learn nor LightGBM at run time (importing scikit-learn alone costs
about a second of every CLI call).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from .errors import ModelError
from .similarity import Space, normalize, row_blocks
from .text import STOP_WORDS, TERMINAL, raw_tokens, word_case

FORMAT = "summarize-ranker/1"
"""The model file's format tag; a file of another format is refused."""

MODEL = "ranker.json"
"""The shipped model's file name in ``summarize/models/``."""

FEATURES = (
    "position",  # relative place among the source's content sentences, 0 = first
    "index",  # place among the source's content sentences, 0, 1, 2, ... (log1p)
    "first",  # 1 for the source's first content sentence
    "words",  # length in words (log1p)
    "support",  # rank's cross-source support, scaled to the cluster's maximum
    "agreement",  # mean over the other origins of the best match there (unscaled)
    "supporters",  # share of the other origins with a match of at least Tuning.support_similarity
    "centrality",  # rank's LexRank centrality, scaled to the cluster's maximum
    "centrality_rank",  # the same as a percentile within the cluster
    "centroid",  # cosine with the cluster's centroid
    "source_centroid",  # cosine with the centroid of its own source
    "nearest",  # best match anywhere else in the cluster (a copy scores 1)
    "spread",  # mean share of the origins that use each of its content words
    "frequency",  # mean share of the cluster's sentences that use each of its content words
    "density",  # content words (vector entries) per word
    "numbers",  # share of its words that are numbers
    "quote",  # 1 if it quotes (a double quotation mark)
    "question",  # 1 if it asks (a question mark)
    "names",  # share of its words that punkt's English lexicon knows only capitalised
    "rare",  # share of its content words that the lexicon has never seen
    "said",  # 1 if it reports speech ("said", "says", "told", "according")
    "leaning",  # 1 if it needs context it was not joined with (rank.leaning)
    "terminal",  # 1 if it ends with sentence punctuation (not a cut-off fragment or headline)
    "meaning_centroid",  # cosine of its static embedding with the cluster's mean embedding (0 without the model)
    "meaning_supporters",  # share of the other origins saying the same point (Space.same_point >= support_similarity)
)
"""The feature columns, in the order the model was trained on; the model file names them too."""

_SAID = frozenset("said says say told tells according added".split())
_QUOTES = re.compile(r"[\"“”]|''|``")


def features(
    space: Space,
    origins: Sequence[int],
    *,
    others: np.ndarray,
    support: np.ndarray,
    centrality: np.ndarray,
    leaning: np.ndarray,
    support_similarity: float,
) -> np.ndarray:
    """The ``(sentences, len(FEATURES))`` float32 feature matrix of a cluster.

    ``others[i, k]`` is sentence ``i``'s best match in origin ``k`` (0 for its own
    origin), ``support``, ``centrality`` and ``leaning`` rank's signals: they
    are computed once and shared with the heuristic scorer.
    """
    sentences = space.sentences
    n = len(sentences)
    origin = np.asarray(origins)
    n_origins = len(np.unique(origin))
    words = np.array([max(s.words, 1) for s in sentences], dtype=np.float32)

    source_ids = [s.source for s in sentences]
    seen: Counter[str] = Counter()
    index = np.zeros(n, dtype=np.float32)
    for i, sid in enumerate(source_ids):
        index[i] = seen[sid]
        seen[sid] += 1

    vectors = sparse.csr_matrix(space.vectors)
    present = vectors.copy()
    present.data = np.ones_like(present.data)
    content = np.maximum(np.diff(present.indptr), 1).astype(np.float32)
    _, source_of = np.unique(np.array(source_ids), return_inverse=True)
    by_source = _one_hot(source_of)
    by_origin = _one_hot(np.unique(origin, return_inverse=True)[1])
    spread = (by_origin.T @ present).minimum(1).sum(axis=0).A1 / n_origins
    frequency = present.sum(axis=0).A1 / n

    centroid = normalize(np.asarray(vectors.sum(axis=0)))
    source_centroids = normalize(np.asarray((by_source.T @ vectors).todense()))
    matrix = space.matrix.copy()
    np.fill_diagonal(matrix, 0.0)
    helped = (others >= support_similarity).sum(axis=1)

    text = [_text_counts(s.text) for s in sentences]
    columns = {
        "position": np.array([s.position for s in sentences], dtype=np.float32),
        "index": np.log1p(index),
        "first": index == 0,
        "words": np.log1p(words),
        "support": support,
        "agreement": others.sum(axis=1) / max(n_origins - 1, 1),
        "supporters": helped / max(n_origins - 1, 1),
        "centrality": centrality,
        "centrality_rank": _percentile(centrality),
        "centroid": np.asarray(vectors @ centroid.T).ravel(),
        "source_centroid": np.asarray(vectors.multiply(source_centroids[source_of]).sum(axis=1)).ravel(),
        "nearest": matrix.max(axis=1) if n > 1 else np.zeros(n),
        "spread": (present @ spread) / content,
        "frequency": (present @ frequency) / content,
        "density": content / words,
        "numbers": np.array([t[0] for t in text]),
        "quote": np.array([t[1] for t in text]),
        "question": np.array([t[2] for t in text]),
        "names": np.array([t[3] for t in text]),
        "rare": np.array([t[4] for t in text]),
        "said": np.array([t[5] for t in text]),
        "leaning": leaning,
        "terminal": np.array([bool(TERMINAL.search(s.text)) for s in sentences]),
        **_meaning(space, origin, n_origins, support_similarity),
    }
    return np.column_stack([np.asarray(columns[f], dtype=np.float32) for f in FEATURES])


def _meaning(space: Space, origin: np.ndarray, n_origins: int, support_similarity: float) -> dict[str, np.ndarray]:
    """The paraphrase-aware features: closeness to the cluster's mean meaning, and sources saying the same point.

    Both come from the static embedding :class:`Space` already holds (zeros without
    it), so they survive lower-cased, truncated text where shared words are few.
    """
    n = len(origin)
    if space.embedded is None or n == 0:
        return {"meaning_centroid": np.zeros(n), "meaning_supporters": np.zeros(n)}
    centroid = normalize(space.embedded.mean(axis=0, keepdims=True))
    same = np.zeros((n, n_origins), dtype=np.float32)
    labels = np.unique(origin, return_inverse=True)[1]
    members = _one_hot(labels).toarray()
    for rows in row_blocks(n, n):
        close = space.same_point(range(rows.start, rows.stop)) >= support_similarity
        same[rows] = (close.astype(np.float32) @ members) > 0
    same[np.arange(n), labels] = 0.0  # a source does not support itself
    return {
        "meaning_centroid": (space.embedded @ centroid.T).ravel(),
        "meaning_supporters": same.sum(axis=1) / max(n_origins - 1, 1),
    }


def _text_counts(text: str) -> tuple[float, bool, bool, float, float, bool]:
    """Number share, quote, question, name share, rare share, reported speech: one pass over the words."""
    tokens = raw_tokens(text)
    total = max(len(tokens), 1)
    numbers = sum(t[0].isdigit() for t in tokens)
    cases = [word_case(t) for t in tokens if t.isalpha() and t not in STOP_WORDS]
    return (
        numbers / total,
        bool(_QUOTES.search(text)),
        "?" in text,
        cases.count("upper") / total,
        cases.count("") / max(len(cases), 1),
        not _SAID.isdisjoint(tokens),
    )


def _one_hot(labels: np.ndarray) -> sparse.csr_matrix:
    n = len(labels)
    return sparse.csr_matrix((np.ones(n, dtype=np.float32), (np.arange(n), labels)), shape=(n, int(labels.max()) + 1))


def _percentile(values: np.ndarray) -> np.ndarray:
    """0 for the lowest value, 1 for the highest (ties share a rank)."""
    n = len(values)
    if n < 2:
        return np.ones(n, dtype=np.float32)
    ranks = np.searchsorted(np.sort(values), values, side="left")
    return (ranks / (n - 1)).astype(np.float32)


@dataclass(frozen=True)
class Ranker:
    """A tree ensemble in flat arrays, laid out for walking every tree at once.

    Inner node ``k`` sends a row to ``child[2k + 1]`` when its ``feature[k]`` is at most
    ``threshold[k]``, else to ``child[2k]``; a leaf is its own child both ways (its
    threshold is infinite), so ``depth`` steps bring every row to a leaf, worth ``value``.
    """

    features: tuple[str, ...]
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    child: np.ndarray
    value: np.ndarray
    depth: int
    metadata: dict[str, Any]
    temperature: float = 1.0
    """Divides the raw score before ``exp`` (:func:`score`): how far apart salience puts sentences, against
    MMR's redundancy penalty. Tuned by ``train-ranker`` on training clusters, stored in the model file."""

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The ensemble's raw score of each row of ``X``: the sum of the leaves its rows reach."""
        flat = np.ascontiguousarray(X, dtype=np.float64).ravel()
        row = (np.arange(len(X), dtype=np.intp) * len(self.features))[:, None]
        node = np.broadcast_to(self.roots, (len(X), len(self.roots))).copy()
        for _ in range(self.depth):
            node = self.child[2 * node + (flat[row + self.feature[node]] <= self.threshold[node])]
        return self.value[node].sum(axis=1)


def score(X: np.ndarray, ranker: Ranker | None = None) -> np.ndarray:
    """Salience from the model: ``exp`` of its score over its temperature, relative to the best, in (0, 1]."""
    model = ranker or load()
    raw = model.predict(X)
    return np.exp((raw - raw.max()) / model.temperature) if len(raw) else raw


def default_path() -> Path:
    return Path(str(resources.files("summarize") / "models" / MODEL))


@lru_cache(maxsize=8)
def load(path: str | Path | None = None) -> Ranker:
    """Read and check a model file (the shipped one by default); cached, so a process reads it once."""
    path = Path(path) if path is not None else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return from_json(data)
    except OSError as error:
        reason = f"the ranker model {path} cannot be read ({error.strerror})"
        raise ModelError(f"{reason}; ranker='heuristic' needs no model") from None
    except (ValueError, KeyError, TypeError) as error:
        raise ModelError(f"the ranker model {path} is not a valid model: {error}") from None


def from_json(data: dict[str, Any]) -> Ranker:
    """A :class:`Ranker` from a model file's JSON, checked so that a damaged file cannot index out of bounds."""
    if data.get("format") != FORMAT:
        raise ValueError(f"format is {data.get('format')!r}, not {FORMAT!r}")
    names = tuple(data["features"])
    if names != FEATURES:
        raise ValueError(f"it was trained on other features ({', '.join(names)}); retrain it")
    trees = data["trees"]
    feature = np.asarray(trees["feature"], dtype=np.intp)
    left, right = (np.asarray(trees[k], dtype=np.intp) for k in ("left", "right"))
    threshold, value = (np.asarray(trees[k], dtype=np.float64) for k in ("threshold", "value"))
    roots = np.asarray(trees["roots"], dtype=np.intp)
    n = len(feature)
    if not n or not len(roots) or any(len(a) != n for a in (left, right, threshold, value)):
        raise ValueError("its node arrays differ in length")
    inner = feature >= 0
    if (feature >= len(FEATURES)).any() or ((roots < 0) | (roots >= n)).any():
        raise ValueError("a node or root is out of range")
    parents = np.flatnonzero(inner)
    children = np.concatenate([left[inner], right[inner]])
    if (children <= np.concatenate([parents, parents])).any() or (children >= n).any():
        raise ValueError("a child is out of range (children come after their parent)")
    if not (np.isfinite(threshold[inner]).all() and np.isfinite(value).all()):
        raise ValueError("it holds a non-finite number")
    temperature = float(data.get("temperature", 1.0))
    if not (np.isfinite(temperature) and temperature > 0):
        raise ValueError("its temperature is not a positive number")
    index = np.arange(n)
    child = np.column_stack([np.where(inner, right, index), np.where(inner, left, index)]).ravel()
    return Ranker(
        features=names,
        roots=roots,
        feature=np.where(inner, feature, 0),
        threshold=np.where(inner, threshold, np.inf),
        child=child,
        value=np.where(inner, 0.0, value),
        depth=_depth(roots, inner, left, right),
        metadata=data.get("metadata", {}),
        temperature=temperature,
    )


def _depth(roots: np.ndarray, inner: np.ndarray, left: np.ndarray, right: np.ndarray) -> int:
    """The longest root-to-leaf path, in splits."""
    depth, level = 0, roots
    while inner[level].any():
        level = level[inner[level]]
        level = np.concatenate([left[level], right[level]])
        depth += 1
    return depth
