from __future__ import annotations

import numpy as np

from summarize import provenance, rank, select, similarity
from summarize.brief import Sentence
from summarize.sentences import split
from summarize.tuning import DEFAULT, Tuning


def _space(example_sources):
    content = [s for source in example_sources for s in split(source).content]
    space = similarity.build(content)
    return space, provenance.origins(space)


def test_support_rewards_what_several_sources_say(example_sources):
    space, origins = _space(example_sources)
    support = rank.support(space.matrix, origins)
    shared = next(i for i, s in enumerate(space.sentences) if "34.5" in s.text)
    lonely = next(i for i, s in enumerate(space.sentences) if "Kathleen Brooks" in s.text)
    assert support[shared] > support[lonely]
    assert support.max() == 1.0 and support.min() >= 0.0


def test_query_moves_matching_sentences_up(example_sources):
    space, origins = _space(example_sources)
    plain = rank.salience(space, origins)
    focused = rank.salience(space, origins, query="Nvidia chips")
    nvidia = [i for i, s in enumerate(space.sentences) if "Nvidia" in s.text]
    assert nvidia
    assert all(np.argsort(-focused).tolist().index(i) < np.argsort(-plain).tolist().index(i) for i in nvidia)


def test_mmr_respects_word_and_sentence_budgets(example_sources):
    space, origins = _space(example_sources)
    scores = rank.salience(space, origins)
    for words in (15, 60, 120, 400):
        picked = select.mmr(space, scores, words=words)
        assert sum(space.sentences[i].words for i in picked) <= words
    assert len(select.mmr(space, scores, words=1000, sentences=3)) == 3


def test_mmr_avoids_redundant_points(example_sources):
    space, origins = _space(example_sources)
    picked = select.mmr(space, rank.salience(space, origins), words=300)
    for k in range(1, len(picked)):
        alike = space.same_point(picked[:k]).max(axis=0)
        assert alike[picked[k]] < DEFAULT.fill_redundant, "no point is a close paraphrase of another"
        if alike[picked[k]] >= DEFAULT.redundant:  # a near-repeat only fills what no novel sentence can
            left = 300 - sum(space.sentences[i].words for i in picked[:k])
            novel = [b for b in range(len(alike)) if alike[b] < DEFAULT.redundant and b not in picked]
            assert all(space.sentences[b].words > left for b in novel)


def _made_up_space():
    texts = [
        "The river flooded the lower town after three days of heavy rain.",
        "After three days of heavy rain the river flooded the lower town and its farms.",
        "The school board voted to build a new library next to the station.",
    ]
    return similarity.build([Sentence("a", k, 0, len(t), t) for k, t in enumerate(texts)])


def test_a_near_repeat_fills_the_budget_only_after_every_novel_sentence():
    space = _made_up_space()
    alike = float(space.same_point([0])[0][1])
    scores = np.array([1.0, 0.9, 0.2], dtype=np.float32)
    filling = Tuning(redundant=alike - 0.01, fill_redundant=alike + 0.01)
    assert select.mmr(space, scores, words=100, tuning=filling) == [0, 2, 1], "the novel one first, then the fill"
    strict = Tuning(redundant=alike - 0.01, fill_redundant=alike - 0.01)
    assert select.mmr(space, scores, words=100, tuning=strict) == [0, 2], "no fill: the near-repeat stays out"


def test_demoted_sentences_come_after_every_one_that_stands_alone():
    space = _made_up_space()
    scores = np.array([1.0, 0.2, 0.9], dtype=np.float32)
    demoted = np.array([True, False, False])
    assert select.mmr(space, scores, words=100, demoted=demoted)[:2] == [2, 1]


def test_lambda_one_takes_the_top_scored_sentence_first(example_sources):
    space, origins = _space(example_sources)
    scores = rank.salience(space, origins)
    assert select.mmr(space, scores, words=1000, lambda_=1.0)[0] == int(np.argmax(scores))


def test_reading_order_is_a_permutation_leading_with_early_sentences(example_sources):
    space, origins = _space(example_sources)
    picked = select.mmr(space, rank.salience(space, origins), words=200)
    ordered = select.reading_order(space, picked)
    assert sorted(ordered) == sorted(picked)
    positions = [round(space.sentences[i].position, 1) for i in ordered]
    assert positions == sorted(positions)


def test_mmr_takes_the_top_ranked_point_first_whenever_it_fits(example_sources):
    space, origins = _space(example_sources)
    scores = rank.salience(space, origins)
    top = int(np.argmax(scores))
    for words in (space.sentences[top].words, 60, 120, 230):
        assert select.mmr(space, scores, words=words)[0] == top
    assert select.top_point_left_out(space, scores, select.mmr(space, scores, words=120), 120) == []


def test_a_top_point_longer_than_the_budget_is_a_warning(example_sources):
    space, origins = _space(example_sources)
    scores = rank.salience(space, origins)
    words = space.sentences[int(np.argmax(scores))].words - 1
    picked = select.mmr(space, scores, words=words)
    assert int(np.argmax(scores)) not in picked
    assert [n.code for n in select.top_point_left_out(space, scores, picked, words)] == ["top-point-left-out"]


def test_a_query_no_source_mentions_is_a_warning(example_sources):
    space, _ = _space(example_sources)
    assert [n.code for n in rank.unmatched_query("volcano eruption iceland", space.sentences)] == ["query-unmatched"]
    assert rank.unmatched_query("the chips", space.sentences) == []  # "chip" after stemming
    assert rank.unmatched_query("the of and", space.sentences) == []  # no content word: nothing to match
    assert rank.unmatched_query(None, space.sentences) == []
