"""Where sources disagree: detection, support that means agreement, the majority's point, and the output.

Clusters are made up (Multi-News text never enters the repository); the
bundled example is real.
"""

from __future__ import annotations

import json

import pytest
from checks import assert_valid_brief
from click.testing import CliRunner

from summarize import Source, summarize, to_json, to_markdown, to_text
from summarize.cli import main
from summarize.fusion import guard
from summarize.pipeline import Options, extract
from summarize.sources import as_sources

FERRY = [
    "A ferry carrying 231 passengers caught fire off the coast of Crete on Tuesday, the coast guard said. "
    "All of the passengers were rescued by nearby vessels. The fire started in the engine room, officials said.",
    "Rescue boats raced across calm water on Tuesday afternoon. "
    "The ferry, which had 212 passengers aboard, caught fire off Crete, the coast guard said. "
    "Investigators said the blaze began in the engine room.",
    "Smoke could be seen from the shore for hours. "
    "A ferry carrying 212 passengers caught fire near Crete, the coast guard said on Tuesday. "
    "Fishing boats and a navy frigate rescued the passengers. "
    "The fire broke out in the engine room, the operator said.",
]
"""Two reports say 212 passengers, one says 231; without conflict detection the brief led with 231, support 3."""


def _ferry_point(brief):
    return next(s for s in brief.sentences if "passengers caught fire" in s.text)


def test_ferry_point_states_the_majority_figure_and_the_conflict_is_shown():
    brief = assert_valid_brief(summarize(FERRY, words=60, fuse=False), words=60)
    point = _ferry_point(brief)
    assert "212" in point.text and "231" not in point.text
    assert brief.sentences[0] is point, "the majority's sentence takes the place the minority's had"
    assert {c.source for c in point.citations} == {"doc2", "doc3"} and point.support == 2
    (conflict,) = brief.conflicts
    assert conflict.kind == "count" and point.conflicts == (0,)
    assert [(v.value, v.support) for v in conflict.variants] == [("212", 2), ("231", 1)]
    assert {c.source for c in conflict.variants[1].citations} == {"doc1"}
    assert "passengers" in conflict.about and "…" in conflict.about
    md = to_markdown(brief)
    assert "## Where sources disagree" in md and "sources disagree: see 1 below" in md
    assert "- 212: 2 sources [2][3]" in md and "- 231: 1 source [1]" in md
    assert md.index("Where sources disagree") < md.index("## Sources")
    assert "Where sources disagree:" in to_text(brief)


def test_support_means_agreement_even_with_the_list_turned_off():
    brief = assert_valid_brief(summarize(FERRY, words=60, fuse=False, conflicts=0))
    point = _ferry_point(brief)
    assert brief.conflicts == () and all(s.conflicts == () for s in brief.sentences)
    assert "212" in point.text and point.support == 2 and "doc1" not in {c.source for c in point.citations}
    assert "Where sources disagree" not in to_markdown(brief)


def test_json_lists_conflicts_with_citations_and_marks_the_sentence():
    sources = as_sources(FERRY)
    data = json.loads(to_json(summarize(sources, words=60, fuse=False)))
    assert data["schema"] == 3
    (conflict,) = data["conflicts"]
    assert set(conflict) == {"about", "kind", "update", "variants"} and conflict["update"] is False
    assert [v["value"] for v in conflict["variants"]] == ["212", "231"]
    assert all(
        set(c) == {"source", "sentence", "start", "end", "text"} for v in conflict["variants"] for c in v["citations"]
    )
    assert [s["conflicts"] for s in data["sentences"] if "212" in s["text"]] == [[0]]
    assert_valid_brief(data, sources=sources)


def test_the_bundled_example_flags_the_exports_figure(example_sources):
    brief = assert_valid_brief(summarize(example_sources, fuse=False))
    exports = [c for c in brief.conflicts if c.kind == "number" and "exports" in c.about]
    assert len(exports) == 1, brief.conflicts
    majority, minority = exports[0].variants
    assert (majority.value, majority.support) == ("34.5%", 4)
    assert (minority.value, minority.support) == ("12.7%", 1)
    assert all("34.5" in c.text for c in majority.citations) and all("12.7%" in c.text for c in minority.citations)


def test_the_cap_keeps_the_most_relevant_conflicts(example_sources):
    assert len(summarize(example_sources, fuse=False, conflicts=1).conflicts) <= 1
    assert summarize(example_sources, fuse=False, conflicts=0).conflicts == ()


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_bad_conflict_caps_are_input_errors(bad):
    from summarize import InputError

    with pytest.raises(InputError, match="conflicts"):
        Options(conflicts=bad)


def _conflicts(*texts: str, **options):
    brief = assert_valid_brief(summarize(list(texts), fuse=False, **options))
    return brief, [(c.kind, [(v.value, v.support) for v in c.variants]) for c in brief.conflicts]


TRADE = (
    "China's overall exports rose 4.8% in May from a year earlier, customs data showed on Monday, "
    "while its exports to the United States plunged 34.5%. The figures came as trade talks resumed in London."
)


def test_two_quantities_in_one_sentence_pair_are_not_a_conflict():
    _, found = _conflicts(
        TRADE,
        "Customs data showed on Monday that China's exports to the United States plunged 34.5% in May. "
        "Negotiators met in London for a second day of trade talks.",
    )
    assert found == []


def test_a_different_figure_for_the_same_thing_is_a_conflict():
    _, found = _conflicts(
        TRADE,
        "Customs data showed on Monday that China's exports to the United States plunged 34.5% in May. "
        "Negotiators met in London for a second day of trade talks.",
        "Official figures showed on Monday that Chinese exports to the United States in May plummeted by 12.7%. "
        "The two sides met again in London for trade talks.",
    )
    assert found == [("number", [("34.5%", 2), ("12.7%", 1)])]


@pytest.mark.parametrize(
    "other",
    [
        "The ferry carrying about 200 passengers caught fire off Crete on Tuesday, the coast guard said.",
        "The ferry carrying more than 200 passengers caught fire off Crete on Tuesday, the coast guard said.",
        "The ferry carrying two hundred and twelve passengers caught fire off Crete on Tuesday, the coast guard said.",
        "The ferry, whose passengers rose to 212 from 198 at its last stop, caught fire off Crete on Tuesday.",
    ],
)
def test_rounded_bounded_or_both_figures_are_no_conflict(other):
    _, found = _conflicts(
        "The ferry carrying 212 passengers caught fire off Crete on Tuesday, the coast guard said. All were rescued.",
        other + " Rescue boats reached it within two hours.",
    )
    assert found == []


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (
            "The trial of the former minister opened in Athens on June 10, his lawyers said.",
            "The trial of the former minister opened in Athens on June 14, his lawyers said.",
            "date",
        ),
        (
            "The company agreed to pay $5bn to settle the lawsuit over its diesel engines.",
            "The company agreed to pay $7bn to settle the lawsuit over its diesel engines.",
            "amount",
        ),
        (
            "Commerce Secretary Howard Lutnick told reporters the talks in London were going well.",
            "Commerce Secretary Howard Ackerley told reporters the talks in London were going well.",
            "name",
        ),
        (
            "Police said the driver of the truck was arrested at the scene of the crash on Friday.",
            "Police said the driver of the truck was not arrested at the scene of the crash on Friday.",
            "negation",
        ),
    ],
)
def test_every_kind_of_conflict_is_found(a, b, kind):
    filler = [" Traffic was diverted for most of the day.", " Officials gave no further details."]
    brief, found = _conflicts(a + filler[0], b + filler[1])
    assert [k for k, _ in found] == [kind], found
    (conflict,) = brief.conflicts
    assert {c.source for v in conflict.variants for c in v.citations} == {"doc1", "doc2"}


LION = (
    "A lion that escaped from Nairobi National Park was shot by rangers on Wednesday after it injured a man, "
    "said {name}, a spokesman for the Kenya Wildlife Service. Rangers had tracked it for hours. "
    "{surname} said the animal had wandered into a busy town."
)


def test_one_person_named_two_ways_across_sources_is_a_name_conflict():
    """One source gives the spokesman another surname throughout: the name is disputed, majority first."""
    _, found = _conflicts(
        LION.format(name="Paul Okafor", surname="Okafor"),
        "Kenya Wildlife Service spokesman Paul Okafor said rangers shot the lion on Wednesday. "
        "Okafor said it had injured a man. Residents had tried to take photographs of it.",
        "Kenya Wildlife Service spokesman Paul Brandt said rangers shot the lion on Wednesday, after it injured "
        "a man. Brandt said the animal was old. The park's fence is being repaired.",
    )
    assert ("name", [("Paul Okafor", 2), ("Paul Brandt", 1)]) in found, found


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mr. Okafor", "Paul Okafor"),  # a title and a first name: one man
        ("Cedar Hill ISD", "the Cedar Hill Independent School District"),  # initials for the words
        ("Joseph E. Van Wert", "Joseph VanWert"),  # run together, a middle initial aside
        ("Paul Okafor", "Paul Okafer"),  # one letter apart: a spelling
    ],
)
def test_one_entity_written_two_ways_is_no_name_conflict(a, b):
    _, found = _conflicts(
        f"Rangers shot the lion on Wednesday after it injured a man, {a} told reporters at the park gate. "
        "The park's fence is being repaired.",
        f"Rangers shot the lion on Wednesday after it injured a man, {b} told reporters at the park gate. "
        "Residents had tried to photograph it.",
    )
    assert [k for k, _ in found if k == "name"] == [], found


def test_two_people_a_source_names_both_are_no_name_conflict():
    """When one document knows both Pauls, they are two people, however alike their sentences."""
    _, found = _conflicts(
        "Kenya Wildlife Service spokesman Paul Okafor said rangers shot the lion on Wednesday. "
        "His colleague Paul Brandt said the fence would be repaired.",
        "Kenya Wildlife Service spokesman Paul Brandt said rangers shot the lion on Wednesday. "
        "Paul Okafor, who also speaks for the service, said the animal was old.",
    )
    assert [k for k, _ in found if k == "name"] == [], found


def test_a_negation_against_the_same_subject_is_found_in_less_alike_sentences():
    _, found = _conflicts(
        "Police said on Monday that Daniel Whitcombe was not arrested at the school. Parents gathered outside.",
        "Daniel Whitcombe, 35, was arrested at the school on Sunday on a murder charge, according to court records. "
        "He is being held without bail.",
    )
    assert [k for k, _ in found] == ["negation"], found


@pytest.mark.parametrize(
    "doubt",
    [
        "Police may arrest the driver of the truck at the scene of the crash on Friday, officials said.",
        "Police asked whether the driver of the truck was arrested at the scene of the crash on Friday.",
    ],
)
def test_a_verb_in_doubt_affirms_nothing(doubt):
    _, found = _conflicts(
        "Police said the driver of the truck was not arrested at the scene of the crash on Friday. Traffic was slow.",
        doubt + " Officials gave no further details.",
    )
    assert found == [], found


def test_a_negation_that_says_which_ones_denies_nothing():
    _, found = _conflicts(
        "The order closes public fountains and car washes that do not recycle their water, the governor said.",
        "Under the order, car washes must recycle their water or close, and public fountains are shut.",
    )
    assert found == [], found


def test_a_question_denies_nothing():
    _, found = _conflicts(
        '"Why was the driver of the truck not arrested at the scene of the crash on Friday?" a witness asked.',
        "Police said the driver of the truck was arrested at the scene of the crash on Friday, officials said.",
    )
    assert found == [], found


def test_a_mans_and_a_womans_figures_are_two_peoples():
    _, found = _conflicts(
        "Police released images of the suspect. He is about 6 feet tall and weighs about 250 pounds, police said.",
        "Police released images of the suspect. She is about 5 feet tall and weighs about 120 pounds, police said.",
    )
    assert found == [], found


def test_a_source_that_dates_one_thing_two_ways_still_takes_the_other_side():
    """Changing one of a report's two mentions makes it contradict itself; the other reports still disagree."""
    _, found = _conflicts(
        "Two people were found shot dead in a house early Friday morning, police said. "
        "Officers were called to the house early Sunday morning by a neighbour.",
        "Two people were found shot dead in a house early Sunday morning, police said. A man is in custody.",
        "Police said two people were found shot dead in a house early Sunday morning. The victims were a couple.",
    )
    assert ("date", [("Sunday", 3), ("Friday", 1)]) in found, found


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("on June 10, his lawyers said.", "on 10 June, his lawyers said."),
        ("to pay $5bn to settle the lawsuit.", "to pay 5 billion dollars to settle the lawsuit."),
        ("exports plunged 34.5% in May.", "exports plunged 34.5 per cent in May."),
        ("ten people were hurt.", "10 people were hurt."),
    ],
)
def test_the_same_figure_written_two_ways_is_no_conflict(a, b):
    _, found = _conflicts(f"The report said {a} Nobody else was involved.", f"The report said {b} The rest is unclear.")
    assert found == []


def test_a_toll_that_rises_between_dated_reports_is_an_update_with_the_latest_first():
    texts = [
        "At least 12 people were killed when the bridge collapsed in Genoa, officials said. Rescuers worked all night.",
        "At least 31 people were killed when the bridge collapsed in Genoa, officials said. The search goes on.",
    ]
    early = Source("early", texts[0], date="2018-08-14T13:00:00Z")
    late = Source("late", texts[1], date="15 August 2018")
    brief = assert_valid_brief(summarize([late, early], fuse=False))
    (conflict,) = brief.conflicts
    assert conflict.update and [v.value for v in conflict.variants] == ["31", "12"]
    assert [c.source for c in conflict.variants[0].citations] == ["late"]
    assert "latest: 15 August 2018" in to_markdown(brief)
    assert any("31 people" in s.text for s in brief.sentences)
    undated = summarize(texts, fuse=False)
    assert not undated.conflicts[0].update, "without dates it is a plain disagreement"


def test_a_fused_sentence_of_a_disputed_point_cannot_state_the_minority_figure():
    """The fuser's evidence is the group: agreeing sentences only, so the guard rejects the minority figure."""
    groups = extract(as_sources(FERRY), Options(words=60, fuse=False)).groups
    group = next(g for g in groups if "212" in g.point.text)
    assert all("231" not in s.text for s in group.sentences)
    minority = "A ferry carrying 231 passengers caught fire near Crete on Tuesday, the coast guard said."
    verdict = guard.check(minority, group.sentences)
    assert not verdict.passed and any(r.startswith("number not in sources") for r in verdict.reasons)
    assert guard.check(minority.replace("231", "212"), group.sentences).passed


def test_conflicts_are_deterministic(example_sources):
    assert summarize(example_sources, fuse=False).conflicts == summarize(example_sources, fuse=False).conflicts


def test_markup_in_a_disputed_value_is_escaped():
    brief = summarize(
        [
            "The ferry carrying 212 <b>passengers</b> caught fire off Crete on Tuesday, the coast guard said.",
            "The ferry carrying 231 <b>passengers</b> caught fire off Crete on Tuesday, the coast guard said.",
        ],
        fuse=False,
    )
    md = to_markdown(brief)
    assert "Where sources disagree" in md and "<b>" not in md


def test_cli_lists_conflicts_and_takes_a_cap(tmp_path):
    for k, text in enumerate(FERRY):
        (tmp_path / f"{k}.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(main, ["digest", str(tmp_path), "--no-fuse", "-w", "60", "--quiet"])
    assert shown.exit_code == 0 and "## Where sources disagree" in shown.output
    off = runner.invoke(main, ["digest", str(tmp_path), "--no-fuse", "-w", "60", "--quiet", "--conflicts", "0"])
    assert off.exit_code == 0 and "Where sources disagree" not in off.output
    bad = runner.invoke(main, ["digest", str(tmp_path), "--conflicts", "-1"])
    assert bad.exit_code == 2


BAKERY = [
    "A Port Ellery bakery won the national bread prize on Friday for its dark rye loaf, the judges said. "
    "The bakery has been run by the same family for four generations.",
    "The national bread prize went to a Port Ellery bakery's dark rye loaf, the judges announced on Friday. "
    "Its owners said they would keep their prices as they are.",
]
"""A second, unrelated made-up story, so that a digest of it and the ferry has two stories."""


def test_each_story_of_a_digest_lists_its_own_conflicts():
    from checks import assert_valid_output

    from summarize import digest

    docs = [Source(f"ferry{k}", t) for k, t in enumerate(FERRY)] + [
        Source(f"bakery{k}", t) for k, t in enumerate(BAKERY)
    ]
    day = digest(docs, options=Options(words=60, fuse=False))
    ferry = next(s for s in day.stories if any(src.id.startswith("ferry") for src in s.sources))
    assert ferry.brief.conflicts and "212" in ferry.brief.conflicts[0].variants[0].value
    data = json.loads(to_json(day))
    assert_valid_output(data, words=60, sources={s.id: s.text for s in docs})
    assert any(story["conflicts"] for story in data["stories"])
    assert "### Where sources disagree" in to_markdown(day)
    assert "Where sources disagree:" in to_text(day)


def test_conflicts_survive_a_json_round_trip():
    from summarize import from_json

    brief = summarize(FERRY, words=60, fuse=False)
    back = from_json(to_json(brief))
    assert back.conflicts == brief.conflicts
    assert [s.conflicts for s in back.sentences] == [s.conflicts for s in brief.sentences]


def test_the_provenance_page_lists_conflicts():
    from summarize import to_html

    page = to_html(summarize(FERRY, words=60, fuse=False))
    assert "Where sources disagree" in page and "<span class=\"value\">212</span>: 2 sources" in page
    assert "sources disagree: see 1 below" in page


def test_look_alike_sentences_are_compared_within_the_pair_bounds() -> None:
    """Thousands of look-alike sentences must not make conflict matching quadratic: bounded per sentence and brief."""
    from collections import Counter

    from summarize.candidates import ranking_space
    from summarize.conflicts import cluster as cluster_
    from summarize.conflicts import matching
    from summarize.tuning import Tuning

    docs = [f"The ferry carried {100 + k} passengers to the island on Friday, the company said." for k in range(30)]
    tuning = Tuning(conflict_partners=3, conflict_pairs=20)
    space, origins, _ = ranking_space(as_sources(docs), tuning, grouped=True)
    cluster = cluster_.build(space, origins)
    pairs = matching._pairs(space, cluster.sources, cluster.claims, tuning)
    assert 0 < len(pairs) <= 20 and len(set(pairs)) == len(pairs)
    assert max(Counter(i for i, _ in pairs).values()) <= 3
    unbounded = matching._pairs(space, cluster.sources, cluster.claims, Tuning())
    assert len(unbounded) > len(pairs) and set(pairs) <= set(unbounded)
    brief = summarize(docs, words=60, fuse=False, tuning=tuning)
    assert_valid_brief(brief, words=60)


NAMED = [
    "Park Service spokesman Paul Udara said the trail would reopen on Monday after 14 days of repairs.",
    "The trail reopens on Monday after 12 days of repairs, said Paul Mulroy, a spokesman for the Park Service.",
    "Paul Udara, the Park Service spokesman, said crews had cleared the trail after 14 days of work.",
]
"""Made up: one spokesman named two ways, and a count two reports give alike and one otherwise."""
SHOOTING = [
    "Two people were found shot dead in a house early Friday morning, police said. "
    "Officers were called to the house early Sunday morning by a neighbour.",
    "Two people were found shot dead in a house early Sunday morning, police said. A man is in custody.",
    "Police said two people were found shot dead in a house early Sunday morning. The victims were a couple.",
]
"""Made up: sentences that only agree ("early Sunday morning") join a dispute through one that is in it."""


def _clusters():
    from pathlib import Path

    from summarize.candidates import ranking_space
    from summarize.conflicts import cluster as cluster_

    example = sorted(Path(__file__).parent.parent.joinpath("examples", "london-talks").glob("*.txt"))
    for docs in (FERRY, FERRY + BAKERY, NAMED, SHOOTING, [p.read_text() for p in example]):
        space, origins, _ = ranking_space(as_sources(docs), grouped=True)
        yield space, origins, cluster_.build(space, origins)


def test_matching_only_the_pairs_a_dispute_needs_finds_what_matching_every_pair_finds():
    """Every pair matched claim by claim, as ``find`` did before it matched only the pairs that may conflict and
    the pairs of the sentences linked to a conflict: the same disputes, sides and support."""
    from summarize.conflicts import matching
    from summarize.conflicts.disputes import join
    from summarize.conflicts.roles import named_two_ways
    from summarize.tuning import DEFAULT as tuning

    found_any = False
    for space, origins, cluster in _clusters():
        links = []
        for i, j in matching._pairs(space, cluster.sources, cluster.claims, tuning):
            sim = float(space.matrix[i, j])
            links += matching._links(cluster, i, j, sim, tuning)
            if sim >= tuning.negation_predicate_similarity:
                links += matching._negations(cluster, i, j, sim, tuning)
                links += matching._negations(cluster, j, i, sim, tuning)
        links += matching._event_days(cluster, space, tuning)
        links += [(m, n, False, score) for m, n, score in named_two_ways(cluster, tuning)]
        every_pair = join(links, cluster.texts, cluster.sources, cluster.origins, tuning)
        assert matching.find(space, origins, tuning) == every_pair
        found_any |= bool(every_pair)
    assert found_any, "the made-up clusters hold disputes"


def test_a_pair_that_holds_a_conflict_is_always_one_that_may():
    """``_may_conflict`` is a necessary condition of a conflict in ``_links``, and rules out pairs that only agree."""
    from summarize.conflicts import matching
    from summarize.tuning import DEFAULT as tuning

    ruled_out = 0
    for space, _, cluster in _clusters():
        for i, j in matching._pairs(space, cluster.sources, cluster.claims, tuning):
            sim = float(space.matrix[i, j])
            may = matching._may_conflict(cluster, i, j, sim, tuning)
            conflict = any(not agree for _, _, agree, _ in matching._links(cluster, i, j, sim, tuning))
            assert may or not conflict, (cluster.texts[i], cluster.texts[j])
            ruled_out += not may
    assert ruled_out


def test_a_sentences_content_words_join_aliases_and_leave_out_its_figures():
    """``Words.of``: stems of content words only, "United States" and "US" one country, words inside the figures'
    spans left out, each word's clause (commas, dashes) and phrase (dashes only) counted from the start."""
    from summarize.conflicts.words import Words

    text = "The United States, its envoy said, sent 12 million doses to US clinics - and to us, weekly."
    figure = (text.index("12"), text.index("12") + len("12 million"))
    words = Words.of(text, [figure])
    assert words.stems == ("usa", "envoi", "sent", "dose", "usa", "clinic", "weekli")
    assert [text[a:b] for a, b in words.spans][:2] == ["United States", "envoy"], "one word, one span"
    assert "million" not in words.stems, "inside the figure"
    assert words.starts == tuple(a for a, _ in words.spans)
    assert words.clauses == (0, 1, 2, 2, 2, 2, 4), "commas and the dash end clauses"
    assert words.phrases == (0, 0, 0, 0, 0, 0, 1), "only the dash ends a phrase"
