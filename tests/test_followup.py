"""Follow-ups: points marked new or known against a previous brief, new points first, JSON round trips.

The clusters are made up: two reports of a bridge opening ("yesterday"), then
two more reports that repeat the opening and add what happened next.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from checks import assert_valid_brief
from click.testing import CliRunner

from summarize import (
    InputError,
    Summarizer,
    from_json,
    only_new,
    rank,
    select,
    similarity,
    summarize,
    to_json,
    to_markdown,
    to_text,
)
from summarize.brief import Sentence
from summarize.candidates import ranking_space
from summarize.cli import main
from summarize.followup import decide, lexical, mark, previous_points
from summarize.sources import documents_to_sources

OPENING_A = """The new Elmsford bridge opened to traffic on Monday after four years of construction.
Mayor Clara Voss cut the ribbon in front of about two thousand residents on the riverbank.
The bridge cost 48 million euros and carries two lanes of traffic and a cycle path.
Engineers said the steel arch spans 310 metres across the river Lenne.
Local shops expect more visitors now that the old ferry crossing is no longer needed.
The ferry made its last trip on Sunday evening, watched by a small crowd."""

OPENING_B = """Elmsford's new bridge opened on Monday, ending four years of building work.
Mayor Clara Voss cut the ribbon as about two thousand people watched from the riverbank.
The 48 million euro bridge has two traffic lanes and a separate cycle path.
Its steel arch spans 310 metres over the river Lenne, engineers said.
Traders in the old town hope the crossing will bring more shoppers.
The ferry that served the town for decades made its final crossing on Sunday."""

NEXT_C = """The new Elmsford bridge, which opened on Monday, was closed on Wednesday after inspectors found cracks.
Inspectors discovered hairline cracks in two welds of the steel arch during a routine check.
Mayor Clara Voss said the closure was a precaution and that the bridge would reopen within ten days.
The ferry will resume service on Thursday while engineers repair the welds.
The construction company Brandt and Sons said it would pay for the repairs."""

NEXT_D = """Elmsford's bridge was shut on Wednesday, two days after its opening, when cracks were found in the arch.
A routine inspection found hairline cracks in two welds of the steel arch.
The mayor called the closure a precaution and said the bridge should reopen within ten days.
Ferry service across the Lenne restarts on Thursday during the repairs.
Brandt and Sons, which built the bridge, said it would cover the cost of the repairs."""

YESTERDAY = [OPENING_A, OPENING_B]
TODAY = [OPENING_A, OPENING_B, NEXT_C, NEXT_D]


@pytest.fixture(scope="module")
def previous():
    return summarize(YESTERDAY, words=60, fuse=False)


@pytest.fixture(scope="module")
def followup_brief(previous):
    return Summarizer(words=60, fuse=False).update(previous, TODAY)


def test_points_are_marked_new_or_known(previous, followup_brief) -> None:
    assert_valid_brief(followup_brief, words=60)
    marks = [s.followup for s in followup_brief.sentences]
    assert all(m is not None for m in marks)
    new = [s.text for s in followup_brief.sentences if s.followup.new]
    assert any("crack" in t for t in new), new
    for s in followup_brief.sentences:
        if not s.followup.new:
            match = s.followup.match
            assert match is not None and match.brief == 0
            assert previous.sentences[match.sentence].text == match.text
            assert match.similarity >= followup_brief.meta.followup.threshold
    assert followup_brief.meta.followup.previous_points == len(previous.sentences)


def test_new_points_get_the_budget_first(previous) -> None:
    plain = summarize(TODAY, words=40, fuse=False)
    follow = summarize(TODAY, words=40, fuse=False, previous=previous)
    new_plain = mark(plain, previous)
    assert sum(s.followup.new for s in follow.sentences) >= sum(s.followup.new for s in new_plain.sentences)
    assert all(s.followup.new for s in follow.sentences), [s.text for s in follow.sentences]


def test_a_follow_up_tells_every_new_point_a_fresh_brief_would() -> None:
    """Deferring a known point frees its words; a longer new point must not take them from the short new point
    that a fresh brief makes in its last words."""
    texts = [
        "Bridge inspectors closed the new crossing after finding cracks in welds.",  # 11 words, told yesterday
        "Ferry service across the river restarts on Thursday while engineers repair the steel arch welds.",  # 15
        "The builder will pay for repairs.",  # 6: fills a fresh brief's last words
    ]
    space = similarity.build([Sentence("a", k, 0, len(t), t) for k, t in enumerate(texts)])
    scores = np.array([1.0, 0.9, 0.5], dtype=np.float32)
    fresh = select.mmr(space, scores, words=18)
    assert fresh == [0, 2]
    follow = select.mmr(space, scores, words=18, deferred=np.array([True, False, False]))
    assert follow[0] == 2  # the fresh brief's new point first, then what the rest of the budget holds
    assert sum(space.sentences[i].words for i in follow) <= 18


@pytest.mark.parametrize("words", [25, 40, 60, 90])
def test_a_follow_up_of_the_bridge_keeps_the_fresh_briefs_new_points(words: int) -> None:
    sources, _ = documents_to_sources(TODAY)
    space, origins, _ = ranking_space(sources)
    scores = rank.salience(space, origins)
    fresh = select.mmr(space, scores, words=words)
    rng = np.random.default_rng(words)
    for _ in range(25):
        deferred = rng.random(len(scores)) < 0.4
        follow = select.mmr(space, scores, words=words, deferred=deferred)
        assert {i for i in fresh if not deferred[i]} <= set(follow)
        assert sum(space.sentences[i].words for i in follow) <= words
        assert len(set(follow)) == len(follow)


def test_a_condensed_sentence_that_repeats_a_previous_point_is_known(previous) -> None:
    """A word-graph sentence may say what a supporter says (the bridge opened) rather than its point (it closed)."""
    brief = Summarizer(words=60, model="word-graph").update(previous, TODAY)
    assert_valid_brief(brief, words=60)
    points = previous_points(previous)
    assert all(decide([s.text], points)[0] is None for s in brief.sentences if s.followup.new)


def test_the_same_input_again_tells_what_the_brief_had_no_room_for(previous) -> None:
    again = summarize(YESTERDAY, words=60, fuse=False, previous=previous)
    told = {s.text for s in previous.sentences}
    new = [s for s in again.sentences if s.followup.new]
    assert new and all(s.text not in told for s in new)  # what had no room is told now
    assert all(not s.followup.new for s in again.sentences if s.text in told)  # room left over: known, and said so


def test_once_everything_was_told_nothing_is_new() -> None:
    everything = summarize(YESTERDAY, words=1000, fuse=False)
    again = summarize(YESTERDAY, words=60, fuse=False, previous=everything)
    assert [s.followup.new for s in again.sentences] == [False] * len(again.sentences)
    nothing = only_new(again)
    assert nothing.sentences == () and nothing.sources == ()
    assert nothing.meta.followup.known_left_out == len(again.sentences)
    assert "Nothing new." in to_markdown(nothing) and to_text(nothing) == ""


def test_only_new_keeps_the_new_points_and_their_sources(followup_brief) -> None:
    new = only_new(followup_brief)
    assert new.sentences and all(s.followup.new for s in new.sentences)
    assert_valid_brief(new, sources=new.sources)
    cited = {c.source for s in new.sentences for c in s.citations}
    assert {s.id for s in new.sources} == cited
    markdown = to_markdown(new)
    assert markdown.startswith("# New since the previous brief")
    left_out = new.meta.followup.known_left_out
    assert (f"{left_out} known point" in markdown) == (left_out > 0)
    with pytest.raises(ValueError):
        only_new(summarize(TODAY, words=60, fuse=False))


def test_markdown_and_text_label_each_point(followup_brief) -> None:
    markdown, text = to_markdown(followup_brief), to_text(followup_brief)
    for s in followup_brief.sentences:
        label = "New" if s.followup.new else "Known"
        assert f"**{label}:** " in markdown
        assert f"{label.lower()}: {s.text}" in text


def test_json_says_which_previous_point_each_known_one_matches(followup_brief) -> None:
    data = json.loads(to_json(followup_brief))
    assert data["followup"]["previous_points"] > 0
    for s in data["sentences"]:
        status = s["followup"]["status"]
        assert status in ("new", "known")
        matches = s["followup"]["matches"]
        assert (matches is None) == (status == "new")
        if matches:
            assert set(matches) == {"brief", "sentence", "text", "similarity"}


def test_json_round_trip(followup_brief) -> None:
    back = from_json(to_json(followup_brief))
    assert back.sentences == followup_brief.sentences
    assert back.warnings == followup_brief.warnings
    assert back.meta == followup_brief.meta
    assert [(s.id, s.path, s.text) for s in back.sources] == [(s.id, s.path, "") for s in followup_brief.sources]
    assert to_json(back).replace(" ", "") and json.loads(to_json(back))["sentences"] == json.loads(
        to_json(followup_brief)
    )["sentences"]


def test_a_reloaded_previous_brief_gives_the_same_follow_up(previous, followup_brief) -> None:
    again = Summarizer(words=60, fuse=False).update(from_json(to_json(previous)), TODAY)
    assert again.sentences == followup_brief.sentences


def test_several_previous_briefs(previous) -> None:
    day2 = summarize([NEXT_C, NEXT_D], words=60, fuse=False)
    brief = summarize(TODAY, words=60, fuse=False, previous=[previous, day2])
    assert {s.followup.match.brief for s in brief.sentences if not s.followup.new} <= {0, 1}
    assert len(previous_points([previous, day2])) == len(previous.sentences) + len(day2.sentences)


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ("not json", "line 1"),
        ("[]", "must be an object"),
        ('{"schema": 99, "sentences": [], "sources": []}', "schema"),
        ('{"schema": 2, "sentences": {}, "sources": []}', "sentences: must be a list"),
        ('{"schema": 2, "sentences": [{"text": "x", "support": 1, "citations": []}], "sources": []}', "sentences[0]"),
        (
            '{"schema": 2, "sentences": [{"text": "x", "support": 1, "citations": '
            '[{"source": "a", "sentence": 0, "start": "0", "end": 1, "text": "x"}]}], "sources": []}',
            "sentences[0].citations[0]: 'start'",
        ),
        ('{"schema": 2, "sentences": [], "sources": [{"id": 3}]}', "sources[0]: 'id' must be a string"),
    ],
)
def test_bad_json_briefs_are_one_line_input_errors(value: str, where: str) -> None:
    with pytest.raises(InputError, match=r"^prev\.json: ") as error:
        from_json(value, name="prev.json")
    assert where in str(error.value) and "\n" not in str(error.value)


def test_schema_1_briefs_are_read() -> None:
    old = '{"schema": 1, "sentences": [], "sources": [], "warnings": ["one source only"], "words": 0}'
    assert [w.message for w in from_json(old).warnings] == ["one source only"]


def test_the_matcher_is_pluggable(previous) -> None:
    def never(texts, old):
        return np.zeros((len(texts), len(old)), dtype=np.float32)

    def always(texts, old):
        return np.ones((len(texts), len(old)), dtype=np.float32)

    unmatched = Summarizer(words=60, fuse=False, matcher=never).update(previous, TODAY)
    assert all(s.followup.new for s in unmatched.sentences)
    known = Summarizer(words=60, fuse=False, matcher=always).update(previous, TODAY)
    assert not any(s.followup.new for s in known.sentences)


def test_lexical_scores_each_text_on_its_own() -> None:
    texts = [NEXT_C.splitlines()[0], OPENING_A.splitlines()[1], "Completely unrelated words about football."]
    old = OPENING_B.splitlines()
    together = lexical(texts, old)
    alone = np.vstack([lexical([t], old) for t in texts])
    assert np.allclose(together, alone)
    assert together[1].max() > together[0].max() > together[2].max()
    assert together.min() >= 0.0 and together.max() <= 1.0


def test_previous_must_be_briefs() -> None:
    with pytest.raises(InputError, match="previous must be a Brief"):
        summarize(TODAY, fuse=False, previous=["not a brief"])  # type: ignore[list-item]


# -- the command line ------------------------------------------------------------------


def _files(folder: Path, texts: list[str]) -> list[str]:
    paths = []
    for n, text in enumerate(texts):
        path = folder / f"report-{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_cli_since_brief_and_only_new(tmp_path: Path) -> None:
    runner = CliRunner()
    files = _files(tmp_path, TODAY)
    previous = tmp_path / "yesterday.json"
    first = runner.invoke(main, ["digest", *files[:2], "--no-fuse", "-w", "60", "-f", "json", "-o", str(previous)])
    assert first.exit_code == 0, first.output
    args = ["digest", *files, "--no-fuse", "-w", "60", "-f", "json", "--since-brief", str(previous)]
    full = runner.invoke(main, args)
    new = runner.invoke(main, [*args, "--only-new"])
    assert full.exit_code == 0 and new.exit_code == 0, (full.output, new.output)
    full_data, new_data = json.loads(full.stdout), json.loads(new.stdout)
    expected = [s for s in full_data["sentences"] if s["followup"]["status"] == "new"]
    assert new_data["sentences"] == expected and expected
    assert new_data["followup"]["only_new"] is True
    assert new_data["followup"]["known_left_out"] == len(full_data["sentences"]) - len(expected)


def test_cli_follow_up_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    files = _files(tmp_path, TODAY)
    usage = runner.invoke(main, ["digest", *files, "--no-fuse", "--only-new"])
    assert usage.exit_code == 2 and "--since-brief" in usage.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 2, "sentences": "x"}', encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        result = runner.invoke(main, ["digest", *files, "--no-fuse", "--since-brief", str(path)])
        assert result.exit_code == 1
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"summarize: error: {path}: ")
