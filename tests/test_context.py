"""Sentences that need context: joined with the sentence they lean on, or demoted below those that stand alone."""

from __future__ import annotations

import pytest
from checks import assert_valid_brief

from summarize import summarize
from summarize.brief import Source
from summarize.context import needs_context, units
from summarize.sentences import split


@pytest.mark.parametrize(
    "text",
    [
        "“It was terrifying.”",
        "He apologized at his sentencing.",
        "“The negotiations are progressing well, and we have spent a lot of time together,” he added.",
        "But she said the plan would not change.",
        "“Because you have sick people.",
        "I like most of the new designs.",
        "We will be back next year.",
        "“The council is forcing the matter to court,” we’re told.",
        "The rest is just shameful, and I just think we have to be clearer about it.",
        "The mayor thanked my family for the help on Sunday.",
        "Or be responsible for the whole budget.",
        "Especially the parents of the younger pupils.",
        "Both are based in the capital.",
    ],
)
def test_orphans_need_context(text):
    assert needs_context(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lutnick told reporters the talks were going well.",
        "“We are making progress,” Lutnick said on Tuesday.",
        "Lutnick told reporters in London: “The talks are going well,” he added.",
        "It is easy to see why the talks matter so much to both sides.",
        "The talks resumed on Tuesday.",
        "In a statement, the ministry said it would respond within days.",
        "Anna Berg: I think the bridge will open next spring.",
        "World War I veterans gathered in the square on Monday.",
        "Both sides agreed to meet again in June.",
        "“I think it is over,” the mayor said on Monday.",
    ],
)
def test_standalone_sentences_do_not(text):
    assert not needs_context(text)


TEXT = (
    "Commerce Secretary Howard Lutnick spoke to reporters outside the talks in London on Tuesday. "
    "“The negotiations are progressing well, and we have spent a lot of time together,” he added.\n"
    "Customs data showed that exports to the United States fell by a third in May."
)


def test_an_orphan_is_joined_with_the_sentence_before_it_as_one_exact_span():
    source = Source("a", TEXT)
    candidates = units(TEXT, split(source).content)
    assert len(candidates) == 3, "the sentence before, the joined unit, the last sentence"
    joined = candidates[1]
    assert candidates[0].text.startswith("Commerce Secretary") and candidates[0].end < joined.end
    assert joined.text.startswith("Commerce Secretary") and joined.text.endswith("he added.")
    assert TEXT[joined.start : joined.end] == joined.text and joined.index == 0


def test_an_orphan_that_cannot_be_joined_stays_alone():
    text = "He apologized at his sentencing in the federal court on Friday.\nThe judge was not moved by it at all."
    candidates = units(text, split(Source("a", text)).content)
    assert [c.text for c in candidates] == text.split("\n")


def test_a_brief_cites_the_joined_unit_and_counts_its_words():
    other = (
        "Lutnick said the negotiations were progressing well as the two sides met for a second day in London. "
        "Exports to the United States fell by a third in May, customs data showed."
    )
    brief = summarize([TEXT, other], words=60, fuse=False)
    assert_valid_brief(brief, words=60)
    for sentence in brief.sentences:
        assert not sentence.text.startswith("“The negotiations"), "the quote never stands without its speaker"


def test_orphans_give_way_to_sentences_that_stand_alone():
    lone = "She said the plan for the new bridge over the river would cost far more than expected."
    standalone = "The plan for the new bridge over the river would cost far more than expected, the mayor said."
    docs = [f"The weather was mild.\n{lone}", f"Traffic was light.\n{standalone}", f"Schools were open.\n{standalone}"]
    brief = summarize(docs, words=20, fuse=False)
    assert brief.sentences[0].text == standalone


def test_a_transcript_turn_keeps_its_speaker_and_is_not_joined_to_the_previous_speaker():
    text = (
        "Tom Reed: The council met for six hours on Monday. What do you make of the vote?\n\n"
        "Anna Berg: I think the bridge will open next spring. It was a long fight."
    )
    content = split(Source("t", text)).content
    turn = next(s for s in content if "bridge" in s.text)
    assert turn.text.startswith("Anna Berg: I think")  # the label says who "I" is
    joined = [u for u in units(text, content) if "bridge" in u.text]
    assert joined and all("What do you make" not in u.text for u in joined)
