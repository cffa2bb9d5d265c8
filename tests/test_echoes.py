"""A quote and the sentence that reports it are one point (summarize.echoes), on made-up sentences."""

from __future__ import annotations

import pytest

import summarize
from summarize.brief import Sentence
from summarize.echoes import Echoes
from summarize.similarity import build

LEAD = "Mayor Jane Doe said on Friday the bridge repairs were going smoothly as crews worked through the night."
QUOTE = "“The repairs are going smoothly, and we are on schedule,” Doe told reporters."


def test_a_quote_echoes_the_lead_that_reports_it_both_ways():
    echoes = Echoes([LEAD, "Traffic was diverted to the ring road.", QUOTE])
    assert echoes.of(0) == [2]
    assert echoes.of(2) == [0]
    assert echoes.of(1) == []


@pytest.mark.parametrize(
    "quote",
    [
        "“The repairs are going smoothly, and we are on schedule,” he told reporters.",  # "he" may be anyone
        "“The repairs are going smoothly, and we are on schedule,” Smith told reporters.",  # another speaker
        "“The repairs are a disaster and nobody is on schedule,” Doe told reporters.",  # another statement
        "Doe called the repairs “going smoothly” on Friday.",  # a borrowed phrase, no statement quoted
    ],
)
def test_no_echo_without_the_same_named_speaker_and_the_same_words(quote):
    assert Echoes([LEAD, quote]).of(0) == []


def test_an_echo_is_the_same_point_to_mmr_and_provenance():
    sentences = [Sentence(f"s{i}", 0, 0, len(t), t) for i, t in enumerate([LEAD, QUOTE, "Crews closed two lanes."])]
    space = build(sentences)
    assert space.matrix[0, 1] < 0.35  # the words alone do not make them one point
    assert space.same_point([0])[0][1] == pytest.approx(1.0)
    assert space.same_point([1])[0][0] == pytest.approx(1.0)
    assert space.same_point([0])[0][2] == pytest.approx(space.matrix[0, 2])


def test_a_brief_with_room_for_every_sentence_says_the_reported_quote_once():
    lead = f"{LEAD} The city expects the bridge to reopen in March after six months of work."
    other = (
        "Engineers found corrosion in the steel supports last spring. The city council approved the repair budget "
        f"of $12 million in May. {QUOTE}"
    )
    brief = summarize.summarize([lead, other], words=200, fuse=False)
    texts = [s.text for s in brief.sentences]
    assert (LEAD in texts) != (QUOTE in texts)
    assert len(texts) == 4  # everything else fits and is said
