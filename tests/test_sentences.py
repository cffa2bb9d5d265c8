from __future__ import annotations

import pytest

from summarize.brief import Source
from summarize.sentences import split
from summarize.tuning import DEFAULT


def test_spans_index_the_source_text_exactly(example_sources):
    for source in example_sources:
        result = split(source)
        assert result.sentences, source.id
        for sentence in (*result.sentences, *result.content):
            assert source.text[sentence.start : sentence.end] == sentence.text
        assert [s.index for s in result.sentences] == list(range(len(result.sentences)))


def test_content_is_a_subset_in_text_order_with_positions(example_sources):
    result = split(example_sources[0])
    starts = [s.start for s in result.content]
    assert starts == sorted(starts)
    assert result.content[0].position == 0.0 and result.content[-1].position == 1.0
    by_index = {s.index: s for s in result.sentences}
    for s in result.content:
        whole = by_index[s.index]
        assert whole.start <= s.start and s.end == whole.end


def test_abbreviations_do_not_end_sentences():
    text = "U.S. Commerce Secretary Howard Lutnick met Mr. Wang in London on Tuesday. The talks went on all day."
    result = split(Source("a", text))
    assert [s.text for s in result.sentences] == [
        "U.S. Commerce Secretary Howard Lutnick met Mr. Wang in London on Tuesday.",
        "The talks went on all day.",
    ]


@pytest.mark.parametrize(
    "noise",
    [
        "Get breaking National news",
        "For news impacting Canada, sign up for breaking news alerts delivered directly to you.",
        "Your support helps us to tell the story, so please donate today to keep us going.",
        "Trump claims ‘total reset’ in U.S.-China trade talks",
        "—Additional reporting by Jane Doe. Writing by John Roe.",
        "(Translated and adapted from a report by Reuters)",
        "The minister poses for a photo during the talks at the summit in London ( AFP/Getty )",
        "Every day our partners send crawl data to the Internet Archive for safekeeping.",
    ],
)
def test_noise_never_becomes_content(noise):
    first = "The two delegations met again in London on Tuesday for talks."
    last = "Both sides said the talks were going well so far."
    result = split(Source("a", f"{first}\n{noise}\n{last}"))
    assert [s.text for s in result.content] == [first, last]


def test_boilerplate_paragraph_is_dropped_whole():
    plea = (
        "Your support helps us tell the story. We are on the ground when the story develops. "
        "Your donation keeps our reporters in the field. Quality journalism should be free for all."
    )
    text = f"{plea}\nThe talks resumed on Tuesday morning in London after a long first day."
    content = [s.text for s in split(Source("a", text)).content]
    assert content == ["The talks resumed on Tuesday morning in London after a long first day."]


def test_metadata_prefix_is_skipped_without_breaking_spans():
    text = "date 2025-06-10 The commerce secretary said talks were going well on Tuesday."
    result = split(Source("a", text))
    (sentence,) = result.content
    assert sentence.text.startswith("The commerce secretary")
    assert text[sentence.start : sentence.end] == sentence.text


def test_short_fragments_are_not_content():
    result = split(Source("a", "Analysts were cautious. The talks in London were expected to run all day on Tuesday."))
    assert all(s.words >= DEFAULT.min_words for s in result.content)
    assert len(result.content) == 1


def test_text_without_punctuation_is_cut_into_bounded_pieces():
    words = [f"word{i}" for i in range(200)]
    text = " ".join(words)
    result = split(Source("a", text))
    assert result.content, "unpunctuated prose must still be summarizable"
    assert all(s.words <= DEFAULT.max_words for s in result.sentences)
    assert " ".join(s.text for s in result.sentences) == text


def test_hard_wrapped_lines_are_joined_into_sentences():
    text = (
        "The talks in London ran for almost seven\nhours on Monday and resumed on Tuesday.\nBoth sides expect updates."
    )
    texts = [s.text for s in split(Source("a", text)).sentences]
    assert texts[0] == "The talks in London ran for almost seven\nhours on Monday and resumed on Tuesday."


def test_crlf_text_keeps_exact_spans():
    text = "First sentence of the story is here.\r\nSecond sentence of the story is here.\r\n"
    result = split(Source("a", text))
    expected = ["First sentence of the story is here.", "Second sentence of the story is here."]
    assert [s.text for s in result.content] == expected
    for s in result.content:
        assert text[s.start : s.end] == s.text
