"""Training the learned ranker: labels, the greedy oracle, the export to the model file, the command."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmarks import datasets, ranker
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


def test_train_ranker_command_writes_a_model_that_loads(tmp_path, monkeypatch):
    pytest.importorskip("lightgbm")
    monkeypatch.setattr(ranker, "CACHE", tmp_path / "cache")
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
    assert main(["train-ranker", data, "--out", str(tmp_path / "m.json"), "--labels", "stars"]) == 2
    assert not (tmp_path / "m.json").exists()


def test_labels_come_from_the_reference(examples):
    for e in examples:
        member = ranker.labels(e, "oracle", 60)
        assert set(np.flatnonzero(member)) == set(ranker.oracle(e, 60))
        gain = ranker.labels(e, "gain", 60)
        assert gain.min() >= 0 and gain.max() <= 1
        assert np.allclose(ranker.labels(e, "soft", 60), (member + gain) / 2)
    with pytest.raises(ValueError, match="unknown labels"):
        ranker.labels(examples[0], "stars", 60)


@pytest.mark.parametrize("objective", ranker.OBJECTIVES)
def test_every_objective_exports_trees_that_predict_its_raw_score(examples, objective):
    pytest.importorskip("lightgbm")
    recipe = ranker.Recipe("oracle" if objective == "binary" else "soft", objective, 2.0)
    model = ranker.fit(examples * 8, recipe, words=60)
    document = ranker.export(model, {}, recipe.temperature)
    ensemble = learned.from_json(json.loads(json.dumps(document)))
    X = np.vstack([e.features for e in examples])
    assert np.allclose(ensemble.predict(X), ranker.raw_scores(model, X), atol=1e-9)
    assert ensemble.temperature == 2.0


def test_cached_examples_equal_fresh_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(ranker, "CACHE", tmp_path)
    dataset = datasets.load(write_example_jsonl(tmp_path / "made_up.jsonl"))
    first = ranker.prepare_cached(dataset)
    assert len(list(tmp_path.glob("*.pkl"))) == 1
    again = ranker.prepare_cached(dataset)
    assert [e.id for e in again] == [e.id for e in first]
    assert all(np.array_equal(a.features, b.features) for a, b in zip(again, first, strict=True))


def test_sweep_scores_recipes_on_training_clusters_only(examples):
    pytest.importorskip("lightgbm")
    rows = ranker.sweep(examples * 4, [ranker.Recipe("grades", "lambdarank", 0.0)], words=60, tune_share=0.25)
    assert rows[0]["recipe"] == "heuristic"
    assert len(rows) == 1 + len(ranker.TEMPERATURES)
    assert all(0 <= row["R2"] <= 100 for row in rows)


def test_oracle_and_learned_systems_run_in_the_harness():
    cluster = CLUSTERS[0]
    oracle = make("oracle").run(cluster, 40).sentences
    assert oracle and sum(len(s.split()) for s in oracle) <= 40
    learned_system = make("learned")
    assert learned_system.options["ranker"] == "learned"
    assert learned_system.run(cluster, 40).info["meta"]["options"]["ranker"] == "learned"
