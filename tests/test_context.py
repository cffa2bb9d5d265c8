"""Sentences that need context: joined with the sentence they lean on, or demoted below those that stand alone."""

from __future__ import annotations

import pytest
from checks import assert_valid_brief

from summarize import summarize
from summarize.brief import Source
from summarize.context import antecedents, introducer, needs_context, units
from summarize.sentences import split


@pytest.mark.parametrize(
    "text",
    [
        "“It was terrifying.”",
        "He apologized at his sentencing.",
        "“The negotiations are progressing well, and we have spent a lot of time together,” he added.",
        "“Mommy,” she recalls him saying.",
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
        "Currently, they are seeking a deal on the border.",
        "At times, he shouted at the staff.",
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
        "When the firefighters reached the barn, they found the horses safe.",
        "In 2019, it emerged that the firm had paid the fines.",
        "On Tuesday, He Lifeng met the delegation.",
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


STANDS = "The city council approved the new budget for the coming year at its meeting on Monday."
ORPHAN = "He apologized at his sentencing in the federal court on Friday."


def test_an_orphan_is_demoted_not_dropped_when_the_budget_would_go_unused():
    docs = [STANDS, ORPHAN]  # the orphan opens its source: there is nothing to join it with
    roomy = assert_valid_brief(summarize(docs, words=40, fuse=False), words=40)
    assert [s.text for s in roomy.sentences] == [STANDS, ORPHAN]
    tight = summarize(docs, words=len(STANDS.split()) + 2, fuse=False)
    assert [s.text for s in tight.sentences] == [STANDS], "a budget a few words short is not filled with an orphan"


def test_a_source_of_orphans_alone_still_gets_a_brief():
    brief = assert_valid_brief(summarize([ORPHAN], words=230, fuse=False), words=230)
    assert [s.text for s in brief.sentences] == [ORPHAN]


def test_an_orphan_reads_right_after_the_sentence_it_leans_on():
    lead = (
        "The harbour authority said on Tuesday that the container terminal on the north side of the port would "
        "close for two weeks from next month while engineers replace the cranes that were damaged in the storm "
        "last winter, and that ships would be sent to the southern quays for the time being."
    )
    quote = "“We had no choice but to act quickly after the inspection,” she said at the press conference."
    first = f"{lead} {quote}"  # too long to join: two candidates, the quote leaning on the lead
    others = [
        "Dock workers at the southern quays expect the extra traffic to bring overtime for several weeks.",
        "Shipping lines were told of the closure in a letter sent out by the authority on Monday evening.",
    ]
    docs = [first, *others]
    brief = assert_valid_brief(summarize(docs, words=400, fuse=False), words=400)
    texts = [s.text for s in brief.sentences]
    assert quote in texts and texts.index(quote) == texts.index(lead) + 1


@pytest.mark.parametrize(
    ("text", "others", "expected"),
    [
        ("Price said there were no signs of forced entry.", ["The roof leaked.", "Police Chief Tom Price came."], 1),
        ("“We found nothing,” said Price.", ["Dr. Price arrived at noon."], 0),
        ("Price said there were no signs of forced entry.", ["The price of fuel rose on Monday."], None),
        ("Chief Tom Price said there were no signs.", ["Police Chief Tom Price came."], None),  # named in full
        ("Officials said the road was closed.", ["Senior Officials met."], None),  # a group, not a surname
        ("Tuesday said nothing.", ["Last Tuesday was cold."], None),
    ],
)
def test_a_surname_speaker_is_introduced_by_the_sentence_naming_the_person_in_full(text, others, expected):
    assert introducer(text, others) == expected


def test_a_surname_speaker_reads_after_the_point_that_introduces_the_person():
    quote = "Price said there were no signs of forced entry into the home where the couple lived for years."
    intro = "Police Chief Tom Price, who leads a force of forty officers, drove to the farm from the city."
    docs = [
        f"{quote} Officers searched the house for hours.",
        f"The couple had lived in the house for forty years, neighbours said. {intro}",
        "Neighbours said they had not seen the couple for days before officers were called to the house.",
    ]
    brief = assert_valid_brief(summarize(docs, words=400, fuse=False), words=400)
    texts = [s.text for s in brief.sentences]
    assert quote in texts and intro in texts
    assert texts.index(quote) > texts.index(intro)


def test_antecedents_are_the_candidate_just_before_in_the_same_source():
    text = (
        "The mayor opened the new bridge on Monday morning. It cost far more than anyone expected at first. "
        "The bridge carries four lanes of traffic over the river."
    )
    other = "Traffic on the old bridge was light all through the day, the police said."
    content = [*units(text, split(Source("a", text)).content), *split(Source("b", other)).content]
    assert [c.index for c in content] == [0, 0, 2, 0], "the first sentence, the joined unit of two, the third"
    assert antecedents(content) == [-1, -1, 1, -1], "the third follows the unit; the unit overlaps the first"


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
