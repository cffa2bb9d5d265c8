"""Training the learned ranker: labels, the greedy oracle, the export to the model file, the command."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmarks import ranker
from benchmarks.__main__ import main
from benchmarks.datasets import Cluster
from benchmarks.scoring import score_ngrams
from benchmarks.stub import EXAMPLE_CLUSTERS, write_example_jsonl
from benchmarks.systems import make
from summarize import learned

CLUSTERS = [Cluster(c["id"], tuple(c["documents"]), tuple(c["summaries"])) for c in EXAMPLE_CLUSTERS]


@pytest.fixture(scope="module")
def examples():
    return ranker.prepare(CLUSTERS)


def _objective(example, picked):
    tokens = [t for i in picked for t in example.tokens[i]]
    return (score_ngrams(example.reference, tokens, 1) + score_ngrams(example.reference, tokens, 2)) / 2


def test_examples_are_the_pipelines_candidates(examples):
    assert [e.id for e in examples] == [c.id for c in CLUSTERS]
    for e in examples:
        assert e.features.shape == (len(e.space.sentences), len(learned.FEATURES))
        assert len(e.tokens) == len(e.space.sentences)


@pytest.mark.parametrize("words", [15, 40, 230])
def test_oracle_keeps_the_budget_and_stops_where_nothing_helps(examples, words):
    for e in examples:
        picked = ranker.oracle(e, words)
        assert picked == sorted(set(picked))
        used = int(e.words[picked].sum())
        assert used <= words
        best = _objective(e, picked)
        for i in set(range(len(e.tokens))) - set(picked):
            if used + e.words[i] <= words:
                assert _objective(e, sorted([*picked, i])) <= best + 1e-12


def test_grades_rank_sentences_within_their_cluster(examples):
    for e in examples:
        grades = ranker.grades(e)
        p2 = ranker.gains(e)["p2"]
        assert grades.min() >= 0 and grades.max() == ranker.GRADES - 1
        assert grades[np.argmax(p2)] == ranker.GRADES - 1
        assert all(grades[i] >= grades[j] for i in range(len(p2)) for j in range(len(p2)) if p2[i] > p2[j])


def test_split_is_seeded_and_disjoint(examples):
    train, held = ranker.split(examples * 4, 0.25, seed=3)
    assert len(held) == 3 and len(train) == 9
    again = ranker.split(examples * 4, 0.25, seed=3)
    assert [e.id for e in again[1]] == [e.id for e in held]


def test_exported_trees_predict_exactly_what_lightgbm_does():
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(0)
    X = rng.random((400, len(learned.FEATURES))).astype(np.float32)
    y = rng.integers(0, 4, 400)
    model = lightgbm.LGBMRanker(n_estimators=7, num_leaves=7, min_child_samples=5, verbose=-1, n_jobs=1)
    model.fit(X, y, group=[20] * 20)
    ensemble = learned.from_json(json.loads(json.dumps(ranker.export(model, {"note": "test"}))))
    assert np.allclose(ensemble.predict(X), model.predict(X), atol=1e-9)
    assert ensemble.metadata == {"note": "test"}


def test_train_ranker_command_writes_a_model_that_loads(tmp_path):
    pytest.importorskip("lightgbm")
    data = write_example_jsonl(tmp_path / "made_up.jsonl")
    out = tmp_path / "model" / "ranker.json"
    assert main(["train-ranker", data, "--out", str(out), "--holdout", "0.34", "--dev", data, "--quiet"]) == 0
    model = learned.load(out)
    meta = model.metadata
    assert meta["data"]["trained_on"] + meta["data"]["held_out"] == meta["data"]["used"] == len(EXAMPLE_CLUSTERS)
    assert set(meta["scores"]["dev"]) >= {"heuristic", "learned", "oracle"}
    first = out.read_text()
    assert main(["train-ranker", data, "--out", str(out), "--holdout", "0.34", "--dev", data, "--quiet"]) == 0
    assert json.loads(out.read_text())["trees"] == json.loads(first)["trees"]  # reproducible


def test_train_ranker_refuses_a_bad_holdout(tmp_path, capsys):
    data = write_example_jsonl(tmp_path / "made_up.jsonl")
    assert main(["train-ranker", data, "--out", str(tmp_path / "m.json"), "--holdout", "1.5"]) == 2


def test_oracle_and_learned_systems_run_in_the_harness():
    cluster = CLUSTERS[0]
    oracle = make("oracle").run(cluster, 40).sentences
    assert oracle and sum(len(s.split()) for s in oracle) <= 40
    learned_system = make("learned")
    assert learned_system.options["ranker"] == "learned"
    assert learned_system.run(cluster, 40).info["meta"]["options"]["ranker"] == "learned"
