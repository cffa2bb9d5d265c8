"""The learned salience ranker: features, the numpy tree walk, the model file and its checks, the options."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from checks import assert_valid_brief

from summarize import InputError, ModelError, Options, Source, learned, provenance, rank, similarity, summarize
from summarize.sentences import split


def _space(sources):
    content = [s for source in sources for s in split(source).content]
    space = similarity.build(content)
    return space, provenance.origins(space)


def _trees(*trees):
    """A model file's JSON from trees given as nested ``(feature, threshold, left, right)`` / leaf values."""
    nodes = {k: [] for k in ("feature", "threshold", "left", "right", "value")}

    def add(node):
        k = len(nodes["feature"])
        for key in nodes:
            nodes[key].append(0)
        if not isinstance(node, tuple):
            nodes["feature"][k], nodes["value"][k] = -1, node
            return k
        feature, threshold, left, right = node
        nodes["feature"][k], nodes["threshold"][k] = learned.FEATURES.index(feature), threshold
        nodes["left"][k], nodes["right"][k] = add(left), add(right)
        return k

    roots = [add(t) for t in trees]
    return {"format": learned.FORMAT, "features": list(learned.FEATURES), "trees": {"roots": roots, **nodes}}


def test_features_are_one_finite_row_per_sentence(example_sources):
    space, origins = _space(example_sources)
    X = rank.features(space, origins)
    assert X.shape == (len(space.sentences), len(learned.FEATURES))
    assert X.dtype == np.float32 and np.isfinite(X).all()
    first = X[:, learned.FEATURES.index("first")]
    assert first.sum() == len(example_sources)  # one first sentence per source
    assert np.array_equal(X, rank.features(space, origins))


def test_features_read_lower_cased_text_as_cased_text(example_sources):
    """The model is trained on lower-cased text: its word features must not depend on case."""
    space, origins = _space(example_sources)
    lowered = similarity.build([replace(s, text=s.text.lower()) for s in space.sentences])
    cased, lower = rank.features(space, origins), rank.features(lowered, origins)
    for name in ("names", "rare", "numbers", "quote", "said", "centroid", "support"):
        k = learned.FEATURES.index(name)
        assert np.allclose(cased[:, k], lower[:, k], atol=1e-5), name


def test_tree_walk_goes_left_on_less_or_equal():
    model = learned.from_json(_trees(("words", 2.0, 1.0, ("quote", 0.5, 10.0, 20.0)), 0.5))
    X = np.zeros((3, len(learned.FEATURES)), dtype=np.float32)
    w, q = learned.FEATURES.index("words"), learned.FEATURES.index("quote")
    X[:, w] = [2.0, 3.0, 3.0]
    X[:, q] = [1.0, 0.0, 1.0]
    assert model.predict(X).tolist() == [1.5, 10.5, 20.5]
    assert model.depth == 2


def test_score_is_relative_to_the_best_sentence():
    model = learned.from_json(_trees(("words", 2.0, 0.0, 1.0)))
    X = np.zeros((2, len(learned.FEATURES)), dtype=np.float32)
    X[1, learned.FEATURES.index("words")] = 3.0
    assert learned.score(X, model).tolist() == pytest.approx([np.exp(-1.0), 1.0])
    assert learned.score(X[:0], model).shape == (0,)
    document = _trees(("words", 2.0, 0.0, 1.0))
    document["temperature"] = 2.0
    assert learned.score(X, learned.from_json(document)).tolist() == pytest.approx([np.exp(-0.5), 1.0])


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(format="pickle"),
        lambda d: d.update(features=d["features"][:-1]),
        lambda d: d["trees"]["left"].__setitem__(0, 0),  # a loop: a node its own child
        lambda d: d["trees"]["right"].__setitem__(0, 99),
        lambda d: d["trees"]["feature"].__setitem__(0, 99),
        lambda d: d["trees"]["value"].__setitem__(1, float("nan")),
        lambda d: d["trees"].update(roots=[7]),
        lambda d: d["trees"]["value"].pop(),
        lambda d: d.pop("trees"),
        lambda d: d.update(temperature=0),
        lambda d: d.update(temperature=float("inf")),
    ],
)
def test_a_damaged_model_file_is_a_model_error(tmp_path, damage):
    document = _trees(("words", 2.0, 1.0, 2.0))
    damage(document)
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ModelError, match="not a valid model"):
        learned.load(path)


def test_a_missing_model_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="heuristic"):
        learned.load(tmp_path / "none.json")


def test_the_shipped_model_is_small_and_says_what_trained_it():
    path = learned.default_path()
    assert path.stat().st_size <= 5_000_000
    model = learned.load()
    meta = model.metadata
    assert meta["data"]["file"] and meta["data"]["sha256"] and "non-commercial" in meta["data"]["licence"]
    assert meta["trained"] and meta["learner"]["library"].startswith("lightgbm")
    assert {"heuristic", "learned"} <= set(meta["scores"]["held_out"]) and "oracle" in meta["scores"]["dev"]
    assert model.features == learned.FEATURES


def test_heuristic_is_the_default_and_learned_is_an_option(example_sources):
    assert Options().ranker == "heuristic"
    heuristic = summarize(example_sources, words=120, fuse=False)
    learned_brief = summarize(example_sources, words=120, fuse=False, ranker="learned")
    for brief in (learned_brief, heuristic):
        assert_valid_brief(brief, words=120, sources=example_sources)
    assert learned_brief.meta.options["ranker"] == "learned" and heuristic.meta.options["ranker"] == "heuristic"
    assert learned_brief == summarize(example_sources, words=120, fuse=False, ranker="learned")
    space, origins = _space(example_sources)
    assert not np.array_equal(rank.salience(space, origins), rank.salience(space, origins, ranker="learned"))


def test_cli_takes_the_ranker(example_dir):
    from click.testing import CliRunner

    from summarize.cli import main

    runner = CliRunner()
    outputs = {}
    for ranker in ("heuristic", "learned"):
        result = runner.invoke(main, ["digest", str(example_dir), "--no-fuse", "--ranker", ranker, "-f", "json"])
        assert result.exit_code == 0, result.output
        outputs[ranker] = json.loads(result.stdout)
        assert outputs[ranker]["options"]["ranker"] == ranker
    bad = runner.invoke(main, ["digest", str(example_dir), "--no-fuse", "--ranker", "bert"])
    assert bad.exit_code == 2


def test_unknown_ranker_is_an_input_error():
    with pytest.raises(InputError, match="ranker"):
        Options(ranker="bert")


def test_query_keeps_its_share_over_learned_scores(example_sources):
    space, origins = _space(example_sources)
    plain = rank.salience(space, origins, ranker="learned")
    focused = rank.salience(space, origins, query="Nvidia chips", ranker="learned")
    nvidia = [i for i, s in enumerate(space.sentences) if "Nvidia" in s.text]
    assert nvidia
    order_plain, order_focused = np.argsort(-plain).tolist(), np.argsort(-focused).tolist()
    assert all(order_focused.index(i) < order_plain.index(i) for i in nvidia)
    query = "Nvidia artificial intelligence chips"
    brief = summarize(example_sources, words=60, fuse=False, ranker="learned", query=query)
    assert "Nvidia" in brief.text


def test_leaning_sentences_keep_their_factor_under_the_learned_ranker():
    sources = [
        Source("a", "The council approved the budget for the new bridge on Monday. It was a close vote in the end."),
        Source("b", "On Monday the council approved the bridge budget after a long debate. He said it was fair."),
    ]
    space, origins = _space(sources)
    scores = rank.salience(space, origins, ranker="learned")
    raw = learned.score(rank.features(space, origins))
    leaning = rank.leaning(space)
    assert leaning.any()
    assert np.allclose(scores[leaning], raw[leaning] * Options().tuning.orphan, rtol=1e-5)


def test_meaning_features_come_from_the_static_embedding(example_sources):
    from summarize.candidates import ranking_space

    space, origins, _ = ranking_space(example_sources, grouped=True)
    names = ("meaning_centroid", "meaning_supporters")
    columns = [learned.FEATURES.index(n) for n in names]
    plain = rank.features(replace(space, embedded=None), origins)[:, columns]
    assert not plain.any()  # without the model: zeros, never a failure
    if space.embedded is None:
        pytest.skip("the paraphrase model is not built here")
    X = rank.features(space, origins)[:, columns]
    assert (X[:, 0] > 0).all() and (X[:, 0] <= 1 + 1e-5).all()
    assert (X[:, 1] >= 0).all() and (X[:, 1] <= 1).all() and X[:, 1].any()
