"""Grouping articles into stories by event, and titling them (summarize/stories.py)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from summarize import Source, read_sources, stories
from summarize.candidates import split_supported
from summarize.sentences import split
from summarize.similarity import TfIdf
from summarize.text import inner_names
from summarize.tuning import DEFAULT

MORE = Path(__file__).resolve().parents[1] / "examples" / "more-news"


def _groups(sources: list[Source]) -> list[set[str]]:
    splits, _ = split_supported(sources, DEFAULT)
    articles = [s for s in splits if s.content]
    return [{articles[k].source.id for k in story} for story in stories.group(articles).stories]


@pytest.fixture(scope="module")
def mixed() -> list[Source]:
    """The bundled example plus the made-up folder: five events, two of them about one governor in one week."""
    sources, _ = read_sources([str(Path(__file__).resolve().parents[1] / "examples" / "london-talks"), str(MORE)])
    return sources


def test_the_bundled_example_is_one_story(example_sources):
    assert _groups(example_sources) == [{s.id for s in example_sources}]


def test_reports_of_one_event_group_together_and_events_apart(mixed, example_sources):
    found = _groups(mixed)
    assert {s.id for s in example_sources} in found
    assert {"drought-herald", "drought-capital-news", "drought-kwmr"} in found
    assert {"painting-gazette", "painting-wire"} in found
    assert {"bakery-award"} in found


def test_two_stories_about_one_person_in_one_week_are_two_stories(mixed):
    """The stadium veto and the drought order share the governor, her state, even a mention of each other."""
    found = _groups(mixed)
    assert {"stadium-herald", "stadium-sports-desk"} in found
    assert not any({"stadium-herald", "drought-herald"} <= story for story in found)


def test_grouping_is_deterministic_and_does_not_depend_on_input_order(mixed):
    first = _groups(mixed)
    assert _groups(mixed) == first
    shuffled = list(mixed)
    random.Random(7).shuffle(shuffled)
    assert sorted(map(sorted, _groups(shuffled))) == sorted(map(sorted, first))


def test_stories_keep_input_order_and_come_by_their_first_article(mixed):
    splits, _ = split_supported(mixed, DEFAULT)
    found = stories.group(splits).stories
    assert [story[0] for story in found] == sorted(story[0] for story in found)
    assert all(list(story) == sorted(story) for story in found)
    assert sorted(k for story in found for k in story) == list(range(len(splits)))


def test_an_article_without_a_content_sentence_is_in_no_story():
    texts = [
        "The council approved the harbour budget on Monday after a long debate about ferry fares.",
        "Harbour budget approved by the council on Monday; ferry fares stay the same for now.",
        "Subscribe to our newsletter. Click here. All rights reserved.",
    ]
    sources = [Source(f"s{k}", t) for k, t in enumerate(texts)]
    splits = [split(s) for s in sources]
    found = stories.group(splits).stories
    assert all(2 not in story for story in found)
    assert sorted(k for story in found for k in story) == [0, 1]


def test_block_by_block_pairs_equal_the_whole_product(mixed, monkeypatch):
    """Memory is bounded by blocks; the answer must not depend on their size."""
    splits, _ = split_supported(mixed, DEFAULT)
    whole = stories.group(splits).stories
    from summarize import similarity

    monkeypatch.setattr(similarity, "BLOCK_CELLS", 3 * len(splits))  # blocks of 3 articles
    assert stories.group(splits).stories == whole


def test_linkage_per_component_equals_linkage_of_the_whole_day():
    """Across components no pair reaches the threshold, so no average can: cutting per component is exact."""
    rng = np.random.default_rng(3)
    for _ in range(20):
        n = int(rng.integers(3, 25))
        vectors = rng.random((n, 6)) ** 4  # sparse-ish, positive: cosines spread over [0, 1]
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        from scipy import sparse

        matrix = sparse.csr_matrix(vectors.astype(np.float32))
        threshold = 0.6
        rows, cols = stories._similar_pairs(matrix, threshold)
        from scipy.sparse.csgraph import connected_components

        graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        _, component = connected_components(graph, directed=False)
        mine = []
        plain = replace(DEFAULT, story_similarity=threshold, story_cohesion_share=0.0)  # the threshold alone
        for c in sorted(set(component)):
            members = [k for k in range(n) if component[k] == c]
            mine += stories._average_linkage(matrix, members, plain)
        distance = np.clip(1.0 - (vectors @ vectors.T), 0.0, None)
        distance = (distance + distance.T) / 2
        np.fill_diagonal(distance, 0.0)
        labels = fcluster(linkage(squareform(distance, checks=False), "average"), 1.0 - threshold, "distance")
        whole = {frozenset(np.flatnonzero(labels == label).tolist()) for label in set(labels)}
        assert {frozenset(story) for story in mine} == whole


def _stories_of(similarity: np.ndarray, tuning=DEFAULT) -> list[list[int]]:
    """The cut of the average-linkage tree of a made-up similarity matrix."""
    distance = 1.0 - similarity
    np.fill_diagonal(distance, 0.0)
    return stories._cut(linkage(squareform(distance, checks=False), "average"), tuning)


def _two_events(inner: float, cross: float) -> np.ndarray:
    """Two groups of three articles: each pair within a group ``inner`` alike, across groups ``cross``."""
    similarity = np.full((6, 6), cross)
    similarity[:3, :3] = similarity[3:, 3:] = inner
    np.fill_diagonal(similarity, 1.0)
    return similarity


def test_two_tight_events_only_loosely_alike_are_two_stories():
    """One topic's two events: above the threshold on average, far below what each event's reports share."""
    tuning = replace(DEFAULT, story_similarity=0.2, story_cohesion_share=0.45, story_cohesion_cap=1.0)
    assert _stories_of(_two_events(0.7, 0.25), tuning) == [[0, 1, 2], [3, 4, 5]]
    assert _stories_of(_two_events(0.7, 0.25), replace(tuning, story_cohesion_share=0.0)) == [list(range(6))]


def test_one_event_told_from_other_angles_stays_one_story():
    """Groups about as alike as their own reports are: one story, whatever the rule."""
    tuning = replace(DEFAULT, story_similarity=0.2, story_cohesion_share=0.45, story_cohesion_cap=1.0)
    assert _stories_of(_two_events(0.4, 0.3), tuning) == [list(range(6))]


def test_near_copies_do_not_split_off_the_other_reports_of_their_event():
    """Copies are 0.95 alike; the cap keeps the bar they set within reach of an ordinary report (0.3 alike)."""
    similarity = np.full((4, 4), 0.3)
    similarity[:3, :3] = 0.95
    np.fill_diagonal(similarity, 1.0)
    tuning = replace(DEFAULT, story_similarity=0.2, story_cohesion_share=0.45, story_cohesion_cap=0.25)
    assert _stories_of(similarity, tuning) == [[0, 1, 2, 3]]
    assert _stories_of(similarity, replace(tuning, story_cohesion_cap=1.0)) == [[0, 1, 2], [3]]


def test_the_cut_per_component_equals_the_cut_of_the_whole_day():
    """With the cohesion rule too: no merge across components holds, so cutting per component is exact."""
    rng = np.random.default_rng(5)
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    for _ in range(20):
        n = int(rng.integers(3, 25))
        vectors = rng.random((n, 6)) ** 4
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        matrix = sparse.csr_matrix(vectors.astype(np.float32))
        tuning = replace(DEFAULT, story_similarity=0.6, story_cohesion_cap=1.0)
        rows, cols = stories._similar_pairs(matrix, tuning.story_similarity)
        graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        _, component = connected_components(graph, directed=False)
        mine = []
        for c in sorted(set(component)):
            mine += stories._average_linkage(matrix, [k for k in range(n) if component[k] == c], tuning)
        whole = stories._average_linkage(matrix, list(range(n)), tuning)
        assert {frozenset(story) for story in mine} == {frozenset(story) for story in whole}


def test_a_title_is_a_source_s_own_words_with_its_span(mixed):
    splits, _ = split_supported(mixed, DEFAULT)
    texts = {s.id: s.text for s in mixed}
    titles = {s.id: s.title for s in mixed}
    for story in stories.group(splits).stories:
        title = stories.title([splits[k] for k in story])
        assert title.source in {splits[k].source.id for k in story}
        if title.citation is None:
            assert title.text == titles[title.source]
        else:
            c = title.citation
            assert texts[c.source][c.start : c.end] == c.text == title.text


def test_a_source_s_title_field_is_preferred_to_its_sentences(mixed):
    splits, _ = split_supported([s for s in mixed if s.id == "bakery-award"], DEFAULT)
    title = stories.title(splits)
    assert title.text == "Port Ellery bakery's rye wins national bread prize" and title.citation is None


def test_a_headline_line_naming_someone_the_story_never_mentions_is_not_its_title():
    first = Source(
        "a",
        "Mayor Quint opens new bridge\n\nThe Harlow Bridge reopened on Tuesday after 14 months of repairs to its "
        "cables.",
    )
    second = Source(
        "b", "Ovid Marsh resigns as coach\n\nThe Harlow Bridge is open again after 14 months, and its cables are new."
    )
    title = stories.title([split(first), split(second)])
    assert "Ovid" not in title.text


def test_a_lead_cut_at_its_start_by_a_scrape_is_not_the_title():
    """The short fragment is the most central lead; a whole sentence saying it is the title."""
    cut = Source(
        "a",
        "of the regulators, Harbor Air and Coastline Airways will share flights to Arden. The two airlines said "
        "nothing about fares for travelers this winter.",
    )
    other = Source(
        "b",
        "Harbor Air and Coastline Airways said on Monday that, after many months of talks with regulators in both "
        "countries, they will share flights between Port Ellery and Arden from March next year.",
    )
    title = stories.title([split(cut), split(other)])
    assert title.text.startswith("Harbor Air")


def test_inner_names_are_capitalized_words_inside_a_sentence():
    assert inner_names("Officials said Howard Lutnick met He Lifeng in London.") == [
        "howard",
        "lutnick",
        "he",
        "lifeng",
        "london",
    ]
    assert inner_names("the talks went on, said dan brown") == []  # lower-cased text has no names
    assert inner_names('He said: "Talks went well." McDonald sells iPhones?') == []


def test_min_df_drops_tokens_of_one_text_only():
    vectors = TfIdf(min_df=2).fit_transform(["ferry fares rise", "ferry fares fall", "harbour budget"])
    dense = vectors.toarray()
    assert dense.shape[1] == 2  # "ferri", "fare": the only tokens in two texts
    assert not dense[2].any()


def test_look_alike_articles_are_grouped_within_bounds():
    """Thousands of look-alike articles must not make grouping quadratic: bounded partners, leaders past a size."""
    from summarize.candidates import split_supported
    from summarize.sources import as_sources
    from summarize.tuning import Tuning

    line = "The ferry carried {} passengers to the island of Arden on Friday, its owner said."
    docs = [line.format(100 + k) for k in range(12)]
    splits, _ = split_supported(as_sources(docs), Tuning())
    exact = stories.group(splits, Tuning())
    bounded = stories.group(splits, Tuning(story_linkage_max=4, story_neighbours=3))
    for grouping in (exact, bounded):
        assert sorted(k for story in grouping.stories for k in story) == list(range(12))  # each article once
    again = stories.group(splits, Tuning(story_linkage_max=4, story_neighbours=3))
    assert bounded.stories == again.stories  # deterministic
    rows, cols = stories._similar_pairs(exact.vectors, 0.2)
    few_rows, few_cols = stories._similar_pairs(exact.vectors, 0.2, neighbours=3)
    assert set(zip(few_rows, few_cols, strict=True)) < set(zip(rows, cols, strict=True))
