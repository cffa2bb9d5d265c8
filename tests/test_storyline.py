"""Story identity across runs: a digest made against a previous digest keeps the ids of the stories it continues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from checks import assert_valid_output
from click.testing import CliRunner

from summarize import digest, from_json, only_new, read_sources, to_json, to_markdown
from summarize.brief import Digest
from summarize.cli import main
from summarize.storyline import PreviousStory, match

ROOT = Path(__file__).resolve().parents[1]
MORE = ROOT / "examples" / "more-news"
LONDON = ROOT / "examples" / "london-talks"
WORDS = 60


@pytest.fixture(scope="module")
def more():
    return read_sources([str(MORE)])[0]


@pytest.fixture(scope="module")
def london():
    return read_sources([str(LONDON)])[0]


@pytest.fixture(scope="module")
def yesterday(more):
    """Yesterday's digest as a bot keeps it: its JSON, read back."""
    made = digest(more, words=WORDS, fuse=False, min_sources=1)
    back = from_json(to_json(made))
    assert isinstance(back, Digest)
    return back


@pytest.fixture(scope="module")
def today(more, london, yesterday):
    return digest([*more, *london], words=WORDS, fuse=False, min_sources=1, previous=yesterday)


def test_ids_are_stable_for_the_same_input(more, yesterday):
    again = digest(more, words=WORDS, fuse=False, min_sources=1)
    assert [s.id for s in again.stories] == [s.id for s in yesterday.stories]
    assert len({s.id for s in again.stories}) == len(again.stories)
    assert all(s.continued is None for s in again.stories)  # no previous digest: neither new nor continued


def test_a_digest_reads_back_from_its_json(more, yesterday):
    made = digest(more, words=WORDS, fuse=False, min_sources=1)
    assert [(s.id, s.title, s.independent) for s in yesterday.stories] == [
        (s.id, s.title, s.independent) for s in made.stories
    ]
    assert [s.brief.sentences for s in yesterday.stories] == [s.brief.sentences for s in made.stories]
    assert [s.id for s in yesterday.sources] == [s.id for s in made.sources]


def test_continued_stories_keep_their_ids_and_a_new_one_is_new(today, yesterday, london):
    before = {s.id for s in yesterday.stories}
    continued = [s for s in today.stories if s.continued]
    new = [s for s in today.stories if s.continued is False]
    assert {s.id for s in continued} == before
    assert len(new) == 1 and {s.id for s in new[0].sources} == {s.id for s in london}
    assert new[0].id not in before
    for story in continued:  # marked against the story it continues
        assert all(s.followup is not None for s in story.brief.sentences)
    assert all(s.followup is None for s in new[0].brief.sentences)


def test_only_new_keeps_the_new_story_and_new_points(today, more, london):
    fresh = only_new(today)
    assert any(s.continued is False for s in fresh.stories)
    for story in fresh.stories:
        assert all(s.followup is None or s.followup.new for s in story.brief.sentences)
    data = json.loads(to_json(fresh))
    assert_valid_output(data, sources=[*more, *london])
    assert all({"id", "continued"} <= set(s) for s in data["stories"])
    assert "new story" in to_markdown(fresh)


def test_matching_is_one_to_one_and_needs_enough_overlap():
    told = PreviousStory("a", ("The Elmsford bridge opened on Monday after four years of work.",), None)
    other = PreviousStory("b", ("The council approved a new stadium budget.",), None)
    today = [
        ["The new Elmsford bridge opened to traffic on Monday after four years of construction."],
        ["Elmsford's bridge opened on Monday, ending four years of building work."],
        ["A storm closed schools across the region on Friday."],
    ]
    found = match(today, [told, other])
    assert found[0] is told and found[1] is None and found[2] is None  # one story of yesterday, one of today


def test_the_cli_follows_up_a_digest(tmp_path, more):
    runner = CliRunner()
    first = runner.invoke(main, ["digest", str(MORE), "--no-fuse", "-w", str(WORDS), "--min-sources", "1",
                                 "-f", "json", "-o", str(tmp_path / "day1.json")])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["digest", str(MORE), str(LONDON), "--no-fuse", "-w", str(WORDS),
                                  "--min-sources", "1", "--since-brief", str(tmp_path / "day1.json"),
                                  "--only-new", "-f", "json"])
    assert second.exit_code == 0, second.output
    data = json.loads(second.stdout)
    assert data["kind"] == "digest" and any(s["continued"] is False for s in data["stories"])
    refused = runner.invoke(main, ["digest", str(MORE), "--one-story", "--since-brief", str(tmp_path / "day1.json")])
    assert refused.exit_code == 2 and "--one-story" in refused.output
