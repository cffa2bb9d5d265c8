"""Training data for the learned salience ranker: features, ROUGE labels, the greedy oracle, evaluation.

For every cluster the pipeline's own candidates (``summarize.pipeline.candidates``:
the content sentences, their similarity space and origins) are featurized with
``summarize.rank.features``, exactly what ``ranker="learned"`` scores at run time,
and labelled against the reference with the harness's ROUGE tokenizer
(rouge-score's, Porter-stemmed).
"""

from __future__ import annotations

import datetime
import itertools
import platform
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import summarize
from summarize import learned, rank, select
from summarize.errors import InputError
from summarize.learned import Ranker
from summarize.pipeline import candidates
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
            space, origins, _ = candidates(as_sources(list(cluster.documents)), tuning)
        except InputError:
            continue
        X = rank.features(space, origins, tuning)
        tokens = [tokenizer.tokenize(s.text) for s in space.sentences]
        out.append(Example(cluster.id, space, origins, X, tokens, tokenizer.tokenize(cluster.summaries[0])))
    return out


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
    picked = select.mmr(example.space, scores, words=words, lambda_=tuning.lambda_, tuning=tuning)
    return select.reading_order(example.space, picked)


def rouge(example: Example, picked: Sequence[int]) -> tuple[float, float]:
    """R1 and R2 F1 x 100 of the picked sentences (what ``benchmarks.scoring`` reports for them)."""
    tokens = [t for i in picked for t in example.tokens[i]]
    return 100 * score_ngrams(example.reference, tokens, 1), 100 * score_ngrams(example.reference, tokens, 2)


# --- training -----------------------------------------------------------------------------------

PARAMS = {
    "objective": "lambdarank",
    "n_estimators": 100,
    "learning_rate": 0.1,
    "num_leaves": 31,
    "max_depth": 8,
    "min_child_samples": 50,
    "lambdarank_truncation_level": 5,
    "n_jobs": 1,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
"""LightGBM's LambdaRank: what the shipped model was trained with (one thread, so runs are identical).

100 trees of at most 8 levels: walking them costs about as much as the features, and 200 or
400 trees (or five bagged models) did no better on the held-out clusters (README, "Learned ranker")."""

GRADES = 10
"""Relevance grades per cluster: a sentence's decile by bigram precision against the reference."""


def grades(example: Example, levels: int = GRADES) -> np.ndarray:
    """Graded relevance within the cluster: ``levels - 1`` for the top tenth by ROUGE-2 precision, down to 0.

    Ranks within a cluster, not raw gains, because what MMR needs is the order of
    one cluster's sentences; precision, not recall, because the budget is in words
    (recall would favour long sentences).
    """
    p2 = gains(example)["p2"]
    order = np.argsort(np.argsort(-p2, kind="stable"), kind="stable")
    return np.maximum(levels - 1 - (order * levels) // max(len(p2), 1), 0)


def fit(examples: Sequence[Example], seed: int = 0, params: dict | None = None):
    """A LightGBM LambdaRank ensemble over the examples' features, one query per cluster."""
    import lightgbm

    X = np.vstack([e.features for e in examples])
    y = np.concatenate([grades(e) for e in examples])
    model = lightgbm.LGBMRanker(**{**PARAMS, **(params or {})}, random_state=seed)
    model.fit(X, y, group=[len(e.features) for e in examples])
    return model


def export(model, metadata: dict) -> dict:
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
    return {"format": FORMAT, "features": list(FEATURES), "trees": {"roots": roots, **nodes}, "metadata": metadata}


def split(examples: Sequence[Example], holdout: float, seed: int) -> tuple[list[Example], list[Example]]:
    """(train, held out): a seeded shuffle of the clusters, ``holdout`` of them kept out of training."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    cut = round(len(order) * holdout)
    held = set(order[:cut])
    return [e for i, e in enumerate(examples) if i not in held], [e for i, e in enumerate(examples) if i in held]


def evaluate(examples: Sequence[Example], ranker: Ranker, words: int, with_oracle: bool = False) -> dict:
    """Mean R1/R2 of the heuristic and the learned scorer (and the greedy oracle) through MMR at ``words``."""
    names = ("heuristic", "learned", "oracle") if with_oracle else ("heuristic", "learned")
    scored: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for e in examples:
        leaning = rank.standalone(e.space, DEFAULT.orphan)
        heuristic = rank.salience(e.space, e.origins, ranker="heuristic")
        scored["heuristic"].append(rouge(e, brief(e, heuristic, words)))
        scored["learned"].append(rouge(e, brief(e, learned.score(e.features, ranker) * leaning, words)))
        if with_oracle:
            scored["oracle"].append(rouge(e, oracle(e, words)))
    return {
        "clusters": len(examples),
        "words": words,
        **{k: _means(v) for k, v in scored.items()},
    }


def _means(pairs: Sequence[tuple[float, float]]) -> dict[str, float]:
    r1, r2 = np.mean(pairs, axis=0)
    return {"R1": round(float(r1), 2), "R2": round(float(r2), 2)}


def train(
    data: str,
    *,
    seed: int = 0,
    holdout: float = 0.1,
    words: int = 230,
    dev: str | None = None,
    progress: Callable[[Iterable, str], Iterable] = lambda it, _label: it,
) -> dict:
    """Train on ``data`` less a seeded ``holdout``; the model file's JSON, scores in its metadata."""
    import lightgbm

    started = time.perf_counter()
    dataset = datasets.load(data)
    examples = prepare(dataset.clusters, progress=lambda it: progress(it, "features"))
    training, held = split(examples, holdout, seed)
    model = fit(training, seed)
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
        "learner": {"library": f"lightgbm {lightgbm.__version__}", "params": PARAMS, "seed": seed, "grades": GRADES},
        "labels": "per cluster, deciles of each sentence's ROUGE-2 precision against the reference",
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "summarize": summarize.__version__},
    }
    document = export(model, metadata)
    ranker = learned.from_json(document)
    X = np.vstack([e.features for e in held])
    drift = float(np.max(np.abs(ranker.predict(X) - model.predict(X)))) if len(X) else 0.0
    if drift > 1e-6:
        raise RuntimeError(f"the exported trees disagree with LightGBM by {drift}")
    scores = {"held_out": evaluate(held, ranker, words)}
    if dev:
        dev_examples = prepare(datasets.load(dev).clusters, progress=lambda it: progress(it, "dev"))
        scores["dev"] = {"file": Path(dev).name, **evaluate(dev_examples, ranker, words, with_oracle=True)}
    metadata["scores"] = scores
    metadata["seconds"] = round(time.perf_counter() - started, 1)
    return document


LICENCE = (
    "Multi-News (Fabbri et al., ACL 2019): non-commercial research and educational use only; "
    "this model is derived from it and carries that restriction. ranker='heuristic' uses no model."
)
