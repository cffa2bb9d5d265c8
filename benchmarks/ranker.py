"""Training data for the learned salience ranker: features, ROUGE labels, the greedy oracle, evaluation.

For every cluster the pipeline's own candidates (``summarize.candidates.candidates``:
the content sentences, their similarity space and origins) are featurized with
``summarize.rank.features``, exactly what ``ranker="learned"`` scores at run time,
and labelled against the reference with the harness's ROUGE tokenizer
(rouge-score's, Porter-stemmed).
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import pickle
import platform
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import summarize
from summarize import learned, rank, select
from summarize.candidates import ranking_space
from summarize.errors import InputError
from summarize.learned import Ranker
from summarize.similarity import Space
from summarize.sources import as_sources
from summarize.tuning import DEFAULT, Tuning

from . import datasets
from .datasets import Cluster
from .scoring import StemmingTokenizer, score_ngrams

Ngrams = tuple[Counter, Counter]


@dataclass
class Example:
    """One cluster, ready to train on or to evaluate a scorer with."""

    id: str
    space: Space
    origins: list[int]
    features: np.ndarray
    tokens: list[list[str]]
    """ROUGE tokens of each candidate sentence."""
    reference: list[str]
    """ROUGE tokens of the (first) reference."""

    @property
    def words(self) -> np.ndarray:
        return np.array([s.words for s in self.space.sentences])


def ngrams(tokens: Sequence[str]) -> Ngrams:
    return Counter(tokens), Counter(itertools.pairwise(tokens))


def prepare(
    clusters: Iterable[Cluster], tuning: Tuning = DEFAULT, progress: Callable[[Iterable], Iterable] = iter
) -> list[Example]:
    """Examples of the clusters our pipeline can summarize (the others are skipped, as it refuses them)."""
    tokenizer = StemmingTokenizer()
    out = []
    for cluster in progress(clusters):
        try:
            space, origins, _ = ranking_space(as_sources(list(cluster.documents)), tuning, grouped=True)
        except InputError:
            continue
        X = rank.features(space, origins, tuning)
        tokens = [tokenizer.tokenize(s.text) for s in space.sentences]
        out.append(Example(cluster.id, space, origins, X, tokens, tokenizer.tokenize(cluster.summaries[0])))
    return out


CACHE = Path(__file__).resolve().parent / "results" / "tmp" / "ranker-cache"
"""Where :func:`prepare_cached` keeps featurized clusters (git-ignored), so experiments re-use them."""


def code_digest() -> str:
    """A digest of the installed ``summarize`` package's source: a cache entry is valid for this code only."""
    root = Path(summarize.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def prepare_cached(
    dataset: datasets.Dataset, tuning: Tuning = DEFAULT, progress: Callable[[Iterable], Iterable] = iter
) -> list[Example]:
    """:func:`prepare`, read from (or written to) :data:`CACHE` under the data's and the code's digests.

    The cache is this machine's own pickle of its own computation (never shipped, never read
    from elsewhere); featurizing the 5,622 validation clusters takes minutes, a sweep seconds.
    """
    key = hashlib.sha256(f"{dataset.sha256}:{code_digest()}:{tuning!r}".encode()).hexdigest()[:20]
    path = CACHE / f"{key}.pkl"
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    examples = prepare(dataset.clusters, tuning, progress)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(examples, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return examples


def _hits(cand: Counter, ref: Counter) -> int:
    return sum(min(c, ref[g]) for g, c in cand.items() if g in ref)


def gains(example: Example) -> dict[str, np.ndarray]:
    """Per-sentence ROUGE against the reference, alone: recall and precision of unigrams and bigrams."""
    ref1, ref2 = ngrams(example.reference)
    n1, n2 = max(sum(ref1.values()), 1), max(sum(ref2.values()), 1)
    rows = []
    for tokens in example.tokens:
        c1, c2 = ngrams(tokens)
        h1, h2 = _hits(c1, ref1), _hits(c2, ref2)
        rows.append((h1 / n1, h2 / n2, h1 / max(len(tokens), 1), h2 / max(len(tokens) - 1, 1)))
    r1, r2, p1, p2 = np.array(rows, dtype=np.float64).reshape(-1, 4).T
    return {"r1": r1, "r2": r2, "p1": p1, "p2": p2}


def oracle(example: Example, words: int) -> list[int]:
    """Greedy extractive oracle: add the candidate that most raises mean(R1, R2) F1, within ``words``.

    Counts are kept incrementally, so a trial costs the candidate's n-grams, not the summary's.
    """
    ref = ngrams(example.reference)
    totals = [max(sum(r.values()), 1) for r in ref]
    cands = [ngrams(t) for t in example.tokens]
    lengths = example.words
    have: tuple[Counter, Counter] = (Counter(), Counter())
    hits, size = [0, 0], [0, 0]
    chosen: list[int] = []
    best, left = 0.0, words
    while True:
        pick, value, pick_hits = None, best, hits
        for i, cand in enumerate(cands):
            if i in chosen or lengths[i] > left:
                continue
            trial = [
                h + sum(min(c, r[g] - have[n][g]) for g, c in cand[n].items() if r[g] > have[n][g])
                for n, (h, r) in enumerate(zip(hits, ref, strict=True))
            ]
            v = sum(_f1(trial[n], size[n] + sum(cand[n].values()), totals[n]) for n in (0, 1)) / 2
            if v > value:
                pick, value, pick_hits = i, v, trial
        if pick is None:
            return sorted(chosen)
        chosen.append(pick)
        for n in (0, 1):
            have[n].update(cands[pick][n])
            size[n] += sum(cands[pick][n].values())
        hits, best = pick_hits, value
        left -= int(lengths[pick])


def _f1(hits: int, predicted: int, reference: int) -> float:
    return 2 * hits / (predicted + reference) if predicted + reference else 0.0


def brief(example: Example, scores: np.ndarray, words: int, tuning: Tuning = DEFAULT) -> list[int]:
    """What the pipeline picks with ``scores``: MMR under the budget, then reading order."""
    leaning = rank.leaning(example.space)  # as the pipeline demotes orphans (no query here)
    after = rank.antecedents(example.space, leaning)
    picked = select.mmr(
        example.space, scores, words=words, lambda_=tuning.lambda_, tuning=tuning, demoted=leaning, after=after
    )
    return select.reading_order(example.space, picked, after)


def rouge(example: Example, picked: Sequence[int]) -> tuple[float, float]:
    """R1 and R2 F1 x 100 of the picked sentences (what ``benchmarks.scoring`` reports for them)."""
    tokens = [t for i in picked for t in example.tokens[i]]
    return 100 * score_ngrams(example.reference, tokens, 1), 100 * score_ngrams(example.reference, tokens, 2)


# --- training -----------------------------------------------------------------------------------

PARAMS: dict[str, Any] = {
    "n_estimators": 100,
    "learning_rate": 0.1,
    "num_leaves": 31,
    "max_depth": 8,
    "min_child_samples": 50,
    "n_jobs": 1,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
"""LightGBM's tree settings (one thread, so runs are identical), whatever the objective.

100 trees of at most 8 levels: walking them costs about as much as the features, and 200 or
400 trees (or five bagged models) did no better on the held-out clusters (README, "Learned ranker")."""

OBJECTIVES = ("lambdarank", "regression", "binary")
"""``lambdarank``: one query per cluster, graded labels; ``regression``: squared error on the label;
``binary``: log loss on a 0/1 label (labels above 0 are positive)."""

LABELS = {
    "grades": "per cluster, deciles of each sentence's ROUGE-2 precision against the reference",
    "oracle": "1 for the greedy extractive oracle's sentences at the budget, else 0",
    "gain": "each sentence's ROUGE-2 precision against the reference, scaled to its cluster's best",
    "soft": "the mean of the oracle label and the scaled ROUGE-2 precision",
}
"""What a sentence is worth, from the reference (:func:`labels`), and what the model file says of it."""

GRADES = 10
"""Relevance grades per cluster (``grades`` labels): a sentence's decile by bigram precision."""


def grades(example: Example, levels: int = GRADES) -> np.ndarray:
    """Graded relevance within the cluster: ``levels - 1`` for the top tenth by ROUGE-2 precision, down to 0.

    Ranks within a cluster, not raw gains, because what MMR needs is the order of
    one cluster's sentences; precision, not recall, because the budget is in words
    (recall would favour long sentences).
    """
    p2 = gains(example)["p2"]
    order = np.argsort(np.argsort(-p2, kind="stable"), kind="stable")
    return np.maximum(levels - 1 - (order * levels) // max(len(p2), 1), 0)


def labels(example: Example, kind: str, words: int) -> np.ndarray:
    """The training target of each candidate.

    ``grades``: :func:`grades`; ``oracle``: 1 for the greedy oracle's sentences at ``words``, else 0;
    ``gain``: ROUGE-2 precision scaled to the cluster's best (in [0, 1]); ``soft``: the mean of the
    two (an oracle sentence counts more, the others by their own gain).  The integer-only LambdaRank
    objective gets ``gain`` and ``soft`` in ``GRADES`` steps.
    """
    if kind == "grades":
        return grades(example).astype(np.float64)
    member = np.zeros(len(example.tokens))
    member[oracle(example, words)] = 1.0
    if kind == "oracle":
        return member
    p2 = gains(example)["p2"]
    gain = p2 / p2.max() if len(p2) and p2.max() > 0 else p2
    if kind == "gain":
        return gain
    if kind == "soft":
        return (member + gain) / 2
    raise ValueError(f"unknown labels {kind!r}; known: {', '.join(LABELS)}")


_LABELLED: dict[tuple[str, str, int], np.ndarray] = {}


def _labels(example: Example, kind: str, words: int) -> np.ndarray:
    """:func:`labels`, computed once per process (a sweep fits several objectives on the same labels)."""
    key = (example.id, kind, words)
    if key not in _LABELLED:
        _LABELLED[key] = labels(example, kind, words)
    return _LABELLED[key]


@dataclass(frozen=True)
class Recipe:
    """How a model is trained: its labels, objective, and the temperature its scores go into MMR with."""

    labels: str = "grades"
    objective: str = "lambdarank"
    temperature: float = 1.0
    label_words: int | None = None
    """The budget the ``oracle`` and ``soft`` labels are drawn at (default: the check's budget).

    A truncated cluster has about 300 words, so at 230 its oracle takes most sentences;
    a full one has about 1,500 to 2,000, where 230 words is a choice of a few."""

    def __str__(self) -> str:
        return f"{self.labels}/{self.objective}/T={self.temperature:g}"


def fit(examples: Sequence[Example], recipe: Recipe = Recipe(), seed: int = 0, words: int = 230):
    """A LightGBM ensemble over the examples' features (LambdaRank: one query per cluster)."""
    import lightgbm

    X = np.vstack([e.features for e in examples])
    y = np.concatenate([_labels(e, recipe.labels, recipe.label_words or words) for e in examples])
    params: dict[str, Any] = {**PARAMS, "random_state": seed}
    if recipe.objective == "lambdarank":
        model = lightgbm.LGBMRanker(**params, objective="lambdarank", lambdarank_truncation_level=5)
        graded = y if recipe.labels == "grades" else np.rint(y * (GRADES - 1))
        model.fit(X, graded.astype(int), group=[len(e.features) for e in examples])
    elif recipe.objective == "regression":
        model = lightgbm.LGBMRegressor(**params, objective="regression")
        model.fit(X, y)
    elif recipe.objective == "binary":
        model = lightgbm.LGBMClassifier(**params, objective="binary")
        model.fit(X, (y > 0.5).astype(int) if recipe.labels != "oracle" else y.astype(int))
    else:
        raise ValueError(f"unknown objective {recipe.objective!r}; known: {', '.join(OBJECTIVES)}")
    return model


def raw_scores(model, X: np.ndarray) -> np.ndarray:
    """What the exported trees compute: the sum of the leaves (a classifier's log-odds, not its probability)."""
    return model.predict(X, raw_score=True)


def export(model, metadata: dict, temperature: float = 1.0) -> dict:
    """The model file's JSON: every tree flattened in pre-order (children after parents), no code."""
    from summarize.learned import FEATURES, FORMAT

    dump = model.booster_.dump_model()
    if dump.get("feature_names") and tuple(dump["feature_names"]) != tuple(f"Column_{i}" for i in range(len(FEATURES))):
        raise ValueError("unexpected feature names in the LightGBM model")
    nodes: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "value")}
    roots = []

    def add(node: dict) -> int:
        k = len(nodes["feature"])
        for key in nodes:
            nodes[key].append(0)
        if "leaf_value" in node:
            nodes["feature"][k], nodes["value"][k] = -1, float(node["leaf_value"])
            return k
        if node["decision_type"] != "<=" or node.get("missing_type") == "Zero":
            raise ValueError(f"unsupported split {node['decision_type']} / missing {node.get('missing_type')}")
        nodes["feature"][k], nodes["threshold"][k] = int(node["split_feature"]), float(node["threshold"])
        nodes["left"][k] = add(node["left_child"])
        nodes["right"][k] = add(node["right_child"])
        return k

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"]))
    return {
        "format": FORMAT,
        "features": list(FEATURES),
        "temperature": temperature,
        "trees": {"roots": roots, **nodes},
        "metadata": metadata,
    }


def split(examples: Sequence[Example], holdout: float, seed: int) -> tuple[list[Example], list[Example]]:
    """(train, held out): a seeded shuffle of the clusters, ``holdout`` of them kept out of training."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    cut = round(len(order) * holdout)
    held = set(order[:cut])
    return [e for i, e in enumerate(examples) if i not in held], [e for i, e in enumerate(examples) if i in held]


def evaluate(
    examples: Sequence[Example], ranker: Ranker | None, words: int, with_oracle: bool = False, heuristic: bool = True
) -> dict:
    """Mean R1/R2 of the heuristic and the learned scorer (and the greedy oracle) through MMR at ``words``."""
    names = ("heuristic",) * heuristic + ("learned",) * (ranker is not None) + ("oracle",) * with_oracle
    scored: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for e in examples:
        leaning = rank.standalone(e.space, DEFAULT.orphan)
        if heuristic:
            scored["heuristic"].append(rouge(e, brief(e, rank.salience(e.space, e.origins), words)))
        if ranker is not None:
            scored["learned"].append(rouge(e, brief(e, learned.score(e.features, ranker) * leaning, words)))
        if with_oracle:
            scored["oracle"].append(rouge(e, oracle(e, words)))
    return {"clusters": len(examples), "words": words, **{k: _means(v) for k, v in scored.items()}}


def _means(pairs: Sequence[tuple[float, float]]) -> dict[str, float]:
    r1, r2 = np.mean(pairs, axis=0)
    return {"R1": round(float(r1), 2), "R2": round(float(r2), 2)}


def _ranker(model, temperature: float) -> Ranker:
    return learned.from_json(export(model, {}, temperature))


TEMPERATURES = (0.25, 0.5, 1.0, 2.0, 4.0)
"""What :func:`sweep` tries for each recipe's temperature."""


def sweep(
    training: Sequence[Example],
    recipes: Sequence[Recipe],
    *,
    seed: int = 0,
    words: int = 230,
    tune_share: float = 0.15,
    temperatures: Sequence[float] = TEMPERATURES,
    progress: Callable[[Iterable, str], Iterable] = lambda it, _label: it,
) -> list[dict]:
    """Each recipe (and temperature) fitted on training clusters and scored on a tuning slice of them.

    The slice is a seeded share of the *training* clusters: neither the held-out ones nor the dev
    clusters are ever looked at to choose a recipe.
    """
    fitting, tuning = split(training, tune_share, seed + 1)
    base = evaluate(tuning, None, words)["heuristic"]
    rows = [{"recipe": "heuristic", **base}]
    fitted: dict[tuple[str, str], object] = {}
    for recipe in progress(recipes, "sweep"):
        key = (recipe.labels, recipe.objective)
        if key not in fitted:
            fitted[key] = fit(fitting, Recipe(*key), seed, words)
        for t in temperatures if recipe.temperature <= 0 else (recipe.temperature,):
            result = evaluate(tuning, _ranker(fitted[key], t), words, heuristic=False)["learned"]
            rows.append({"recipe": str(Recipe(*key, t)), **result})
    return rows


def train(
    data: str,
    *,
    seed: int = 0,
    holdout: float = 0.1,
    words: int = 230,
    dev: str | None = None,
    recipe: Recipe = Recipe(),
    progress: Callable[[Iterable, str], Iterable] = lambda it, _label: it,
) -> dict:
    """Train on ``data`` less a seeded ``holdout``; the model file's JSON, scores in its metadata."""
    import lightgbm

    started = time.perf_counter()
    dataset = datasets.load(data)
    examples = prepare_cached(dataset, progress=lambda it: progress(it, "features"))
    training, held = split(examples, holdout, seed)
    model = fit(training, recipe, seed, words)
    metadata: dict = {
        "trained": datetime.date.today().isoformat(),
        "data": {
            "file": Path(data).name,
            "sha256": dataset.sha256,
            "clusters": len(dataset.clusters),
            "used": len(examples),
            "trained_on": len(training),
            "held_out": len(held),
            "held_out_ids_sha256": datasets.ids_digest(e.id for e in held),
            "licence": LICENCE,
        },
        "learner": {
            "library": f"lightgbm {lightgbm.__version__}",
            "objective": recipe.objective,
            "params": PARAMS,
            "seed": seed,
        },
        "labels": recipe.labels,
        "labels_meaning": LABELS[recipe.labels],
        "label_words": recipe.label_words or words,
        "temperature": recipe.temperature,
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "summarize": summarize.__version__},
    }
    document = export(model, metadata, recipe.temperature)
    ranker = learned.from_json(document)
    X = np.vstack([e.features for e in held])
    drift = float(np.max(np.abs(ranker.predict(X) - raw_scores(model, X)))) if len(X) else 0.0
    if drift > 1e-6:
        raise RuntimeError(f"the exported trees disagree with LightGBM by {drift}")
    scores = {"held_out": evaluate(held, ranker, words)}
    if dev:
        dev_set = datasets.load(dev)
        dev_examples = prepare_cached(dev_set, progress=lambda it: progress(it, "dev"))
        scores["dev"] = {"file": Path(dev).name, **evaluate(dev_examples, ranker, words, with_oracle=True)}
    metadata["scores"] = scores
    metadata["seconds"] = round(time.perf_counter() - started, 1)
    return document


LICENCE = (
    "Multi-News (Fabbri et al., ACL 2019): non-commercial research and educational use only; "
    "this model is derived from it and carries that restriction. ranker='heuristic' uses no model."
)
