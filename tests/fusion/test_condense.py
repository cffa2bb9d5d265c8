"""Fusion without a model: compressions and word-graph fusions made only of cited words, guarded.

Made-up clusters only.  Behaviour, not wording: every fused word is a word of a
cited span, speakers and hedges survive, the same input gives the same brief.
"""

from __future__ import annotations

import re

from checks import assert_valid_brief

import summarize
from summarize.brief import Group, Sentence
from summarize.fusion import claims, condense, guard
from summarize.fusion.compress import compressions
from summarize.fusion.wordgraph import WordGraph
from summarize.render import to_json

DOCS = [
    "SPRINGFIELD (Wire) - The city council approved a $40 million budget on Monday, Mayor Jane Doe said. "
    "The plan, which was drafted in March, adds 40 electric buses to the fleet by May. "
    "Doe said some routes may be cut to pay for the buses. "
    "Critics, including the transit union, said the council moved too fast.",
    "The city council approved a $40 million budget on Monday after a long debate, officials said. "
    "Mayor Jane Doe said in a statement that 40 electric buses will join the fleet by May. "
    "Some routes may be cut, Doe said. "
    "The transit union said the council moved too fast and ignored drivers.",
    "Meanwhile, the city council approved a $40 million budget on Monday, according to Mayor Jane Doe. "
    "The budget adds 40 electric buses (the first in the state) to the fleet by May. "
    "Doe warned that some bus routes could be cut. "
    "Union leaders said the council moved too fast.",
]


def S(text: str, source: str = "a", index: int = 0) -> Sentence:
    return Sentence(source=source, index=index, start=0, end=len(text), text=text)


def words_of(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w$]+(?:[-'’.][\w]+)*", text)]


def test_compressions_cut_datelines_asides_and_frames_but_never_the_speaker() -> None:
    text = (
        "SPRINGFIELD (Wire) - But the mayor, who was elected in 2019, said in a statement "
        "that 40 buses (pictured) will run."
    )
    cuts = ["".join(text[s:e] for s, e in spans) for _, spans in compressions(text)]
    assert any("SPRINGFIELD" not in c and "(pictured)" not in c and "in a statement" not in c for c in cuts)
    assert any("who was elected" not in c for c in cuts)
    assert all("mayor" in c and "said" in c for c in cuts)
    aside = "The plan, police said on Monday, adds 40 buses."
    assert all("police said" in "".join(aside[s:e] for s, e in spans) for _, spans in compressions(aside))


def test_every_candidate_word_is_a_word_of_a_cited_span_at_its_offset() -> None:
    group = Group(
        S("The city council approved a $40 million budget on Monday after a long debate, officials said.", "a"),
        (S("Meanwhile, the city council approved a $40 million budget on Monday, according to Mayor Jane Doe.", "b"),),
    )
    found = condense.candidates(group)
    assert any(c.kind == "fused" for c in found) and any(c.kind in ("light", "compressed") for c in found)
    texts = [s.text for s in group.sentences]
    for c in found[1:]:
        for k, s, e in c.pieces:
            assert 0 <= s < e <= len(texts[k])
        from_pieces = "".join("".join(texts[k][s:e].split()) for k, s, e in c.pieces)
        assert "".join(c.text.split()).lower() == from_pieces.lower(), c


def test_word_graph_fusion_takes_words_from_both_sentences() -> None:
    a = "The council approved the budget on Monday after a long debate."
    b = "After a long debate, the council approved the budget with 40 new buses."
    graph = WordGraph([a, b])
    paths = graph.paths(limit=10, min_words=5, seam=3)
    assert paths
    assert all({k for k, _, _ in p} == {0, 1} for p in paths), "a path that no sentence is switches sentences"
    assert all(condense.render(p, [a, b]) not in (a, b) for p in paths)


def test_the_guard_keeps_the_speaker_and_the_hedge() -> None:
    cited = [
        S("White House economic adviser Kevin Hassett said on Monday that the US was ready to lift export controls "
          "on some semiconductors in return for China speeding up the delivery of rare earths and magnets.", "a"),
        S("Hassett said the U.S. could lift export controls on some semiconductors if China sped up rare earths.", "b"),
    ]
    claim = (
        "The US is ready to lift export controls on semiconductors if China speeds up the delivery of rare earths "
        "and magnets."
    )
    verdict = guard.check(claim, cited)
    assert not verdict.passed
    assert "drops attribution" in verdict.reasons
    assert any(r.startswith("drops hedge") and "some" in r for r in verdict.reasons)
    texts = [s.text for s in cited]
    kept = (
        "Hassett said the US was ready to lift export controls on some semiconductors in return for China speeding up."
    )
    assert claims.check(kept, cited[0].text, texts) == []
    unconditional = "Hassett said the US was ready to lift export controls on some semiconductors."
    assert any(r.startswith("drops hedge") for r in claims.check(unconditional, cited[0].text, texts))


def test_a_word_said_twice_counts_against_a_candidate() -> None:
    cited = [S("Lutnick said on Tuesday that the talks were going well in London.")]
    reasons = guard.check("Lutnick said Tuesday the talks were going well on Tuesday in London.", cited).reasons
    assert any(r.startswith("repeated word") for r in reasons)


def test_a_compression_that_drops_a_hedge_but_keeps_what_it_qualifies_is_rejected() -> None:
    point = S("The mayor, who reportedly opposed the plan, signed the budget after nearly seven hours of debate.")
    for overstated in (
        "The mayor, who opposed the plan, signed the budget after nearly seven hours of debate.",
        "The mayor, who reportedly opposed the plan, signed the budget after seven hours of debate.",
    ):
        assert any(r.startswith("drops hedge") for r in guard.check(overstated, [point]).reasons), overstated
    for shorter in (
        "The mayor signed the budget after nearly seven hours of debate.",  # the hedged aside is gone whole
        "The mayor, who reportedly opposed the plan, signed the budget.",  # so is the hedged number
    ):
        assert not any(r.startswith("drops hedge") for r in guard.check(shorter, [point]).reasons), shorter


def test_the_word_graph_brief_is_valid_traceable_and_deterministic() -> None:
    brief = summarize.summarize(DOCS, words=60, model=condense.NAME)
    assert_valid_brief(brief, words=60)
    assert brief.meta.fusion is not None and brief.meta.fusion.model == condense.NAME
    for sentence in brief.sentences:
        cited = {w for c in sentence.citations for w in words_of(c.text)}
        assert set(words_of(sentence.text)) <= cited, sentence.text
    assert to_json(summarize.summarize(DOCS, words=60, model=condense.NAME)) == to_json(brief)


def test_condensing_never_costs_the_budget_and_saves_words_for_points() -> None:
    extractive = summarize.summarize(DOCS, words=80, fuse=False)
    fused = summarize.summarize(DOCS, words=80, model=condense.NAME)
    assert_valid_brief(fused, words=80)
    assert any(s.fused for s in fused.sentences)
    assert len(fused.sentences) >= len(extractive.sentences)


def test_every_fused_sentence_says_where_each_part_comes_from_and_json_keeps_it() -> None:
    brief = summarize.summarize(DOCS, words=80, model=condense.NAME)
    assert_valid_brief(brief, words=80)  # pieces inside their citations, every word in a piece
    fused = [s for s in brief.sentences if s.fused]
    assert fused and all(s.copied for s in fused)
    assert all(not s.copied for s in brief.sentences if not s.fused)
    again = summarize.from_json(to_json(brief))
    assert isinstance(again, summarize.Brief)
    assert [s.copied for s in again.sentences] == [s.copied for s in brief.sentences]


def test_a_json_piece_outside_its_citation_is_refused() -> None:
    import json

    import pytest

    brief = summarize.summarize(DOCS, words=80, model=condense.NAME)
    data = json.loads(to_json(brief))
    sentence = next(s for s in data["sentences"] if s.get("copied"))
    sentence["copied"][0]["end"] = sentence["citations"][0]["end"] + 10_000
    with pytest.raises(summarize.InputError, match="copied"):
        summarize.from_json(json.dumps(data))


def test_a_supporters_words_never_replace_what_the_point_says() -> None:
    docs = [
        "The new Arden bridge, which opened on Monday, was closed on Wednesday after inspectors found cracks. "
        "Mayor Ines Roth said the closure was a precaution.",
        "Arden's new bridge opened on Monday, ending four years of construction. The mayor cut the ribbon.",
        "The new Arden bridge opened to traffic on Monday after four years of building work. Crowds watched.",
    ]
    brief = summarize.summarize(docs, words=60, model=condense.NAME)
    assert_valid_brief(brief, words=60)
    for sentence in brief.sentences:
        point = set(words_of(sentence.citations[0].text))
        if sentence.fused:
            kept = point & set(words_of(sentence.text))
            assert len(kept) >= 0.5 * len(point), sentence.text
        if "closed" in point:
            assert "closed" in words_of(sentence.text)
