from __future__ import annotations

import pytest
from checks import assert_valid_brief

from summarize import InputError, Options, Source, Summarizer, summarize


def test_brief_cites_exact_spans_and_respects_the_budget(example_sources):
    for words in (40, 120, 250):
        brief = summarize(example_sources, words=words, fuse=False)
        assert_valid_brief(brief, words=words, sources=example_sources)
        for sentence in brief.sentences:
            assert not sentence.fused and sentence.guard is None
            assert sentence.citations[0].text == sentence.text


def test_points_agreed_by_several_sources_lead_the_brief(example_sources):
    brief = summarize(example_sources, words=120, fuse=False)
    assert max(s.support for s in brief.sentences) >= 3
    assert brief.sentences[0].support >= 2


def test_noise_never_reaches_the_brief(example_sources):
    text = summarize(example_sources, words=400, fuse=False).text
    for noise in ("Your support", "donation", "Additional reporting", "Read more", "AFP/Getty", "Get breaking"):
        assert noise not in text


def test_same_input_gives_the_same_brief(example_sources):
    first = summarize(example_sources, words=120, fuse=False)
    again = summarize(list(example_sources), words=120, fuse=False)
    assert first == again


def test_query_focuses_the_brief(example_sources):
    brief = summarize(example_sources, words=60, fuse=False, query="Nvidia artificial intelligence chips")
    assert_valid_brief(brief, words=60, sources=example_sources)
    assert "Nvidia" in brief.text
    assert "query-unmatched" not in {w.code for w in brief.warnings}


def test_a_query_the_sources_never_mention_warns_and_gives_the_general_brief(example_sources):
    brief = summarize(example_sources, words=120, fuse=False, query="volcano eruption iceland")
    assert_valid_brief(brief, words=120, sources=example_sources)
    assert "query-unmatched" in {w.code for w in brief.warnings}
    assert brief.text == summarize(example_sources, words=120, fuse=False).text


def test_plain_strings_are_sources_with_generated_ids():
    brief = summarize(
        [
            "The bank raised rates by half a point on Thursday.",
            "Rates rose by half a point on Thursday, the bank said.",
        ],
        words=30,
        fuse=False,
    )
    assert_valid_brief(brief, words=30)
    assert [s.id for s in brief.sources] == ["doc1", "doc2"]
    assert brief.sentences[0].support == 2


def test_sentence_cap_is_respected(example_sources):
    brief = summarize(example_sources, words=500, sentences=2, fuse=False)
    assert_valid_brief(brief, words=500, sources=example_sources)
    assert len(brief.sentences) == 2


@pytest.mark.parametrize(
    "options",
    [{"words": 0}, {"words": -5}, {"sentences": 0}, {"lambda_": 1.5}, {"on_model_error": "ignore"}],
)
def test_bad_options_raise_input_error(options):
    with pytest.raises(InputError):
        Options(**options)


def test_no_documents_raise_input_error():
    with pytest.raises(InputError):
        summarize([], fuse=False)


def test_documents_without_prose_raise_input_error():
    with pytest.raises(InputError, match="no source has a sentence"):
        summarize(["Hi.", "OK then."], fuse=False)


def test_budget_below_every_sentence_raises_input_error(example_sources):
    with pytest.raises(InputError, match="smaller than every sentence"):
        summarize(example_sources, words=3, fuse=False)


def test_summarizer_is_reusable(example_sources):
    summarizer = Summarizer(words=80, fuse=False)
    assert summarizer.summarize(example_sources) == summarizer.summarize(example_sources)
    assert isinstance(example_sources[0], Source)
