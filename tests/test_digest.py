"""Story digests: the library call, the engines, rendering, and the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from checks import assert_valid_brief, assert_valid_output
from click.testing import CliRunner

from summarize import Digest, InputError, Source, digest, read_sources, render, summarize, to_json, to_markdown, to_text
from summarize.cli import main
from summarize.workers import Processes, Serial

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "london-talks"
MORE = ROOT / "examples" / "more-news"
WORDS = 60


@pytest.fixture(scope="module")
def mixed() -> list[Source]:
    sources, warnings = read_sources([str(EXAMPLE), str(MORE)])
    assert not warnings
    return sources


@pytest.fixture(scope="module")
def day(mixed) -> Digest:
    return digest(mixed, words=WORDS, fuse=False)


def test_one_story_is_today_s_brief_unchanged(example_sources):
    result = digest(example_sources, words=WORDS, fuse=False)
    (story,) = result.stories
    assert not result.also_reported and not result.warnings
    assert story.brief == summarize(example_sources, words=WORDS, fuse=False)
    assert story.sources == tuple(example_sources) and story.independent == len(example_sources)


def test_every_story_is_briefed_from_its_own_sources_only(day, mixed):
    assert len(day.stories) == 4
    seen = set()
    for story in day.stories:
        brief = assert_valid_brief(story.brief, words=WORDS, sources=story.sources)
        assert brief.sources == story.sources
        assert {c.source for s in brief.sentences for c in s.citations} <= {s.id for s in story.sources}
        assert not seen & {s.id for s in story.sources}
        seen |= {s.id for s in story.sources}
    assert day.sources == tuple(mixed)


def test_stories_come_most_reported_first(day):
    counts = [s.independent for s in day.stories]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == 5  # the five London reports


def test_a_single_source_story_is_listed_not_briefed(day):
    (listed,) = day.also_reported
    assert [s.id for s in listed.sources] == ["bakery-award"] and listed.independent == 1
    assert listed.title.text == "Port Ellery bakery's rye wins national bread prize"


def test_min_sources_one_briefs_every_story(mixed):
    result = digest(mixed, words=WORDS, fuse=False, min_sources=1)
    assert len(result.stories) == 5 and not result.also_reported


def test_max_stories_lists_the_rest_with_a_warning(mixed):
    result = digest(mixed, words=WORDS, fuse=False, max_stories=1)
    assert len(result.stories) == 1 and result.stories[0].independent == 5
    assert len(result.also_reported) == 4
    assert [w.code for w in result.warnings] == ["more-stories"]


def test_no_story_with_enough_sources_says_so():
    texts = [
        "The Harlow Bridge reopened on Tuesday after 14 months of repairs to its steel cables.",
        "A comet found at the Vela Observatory may be visible to the naked eye next spring.",
    ]
    result = digest(texts, fuse=False)
    assert not result.stories and len(result.also_reported) == 2
    assert [w.code for w in result.warnings] == ["no-story-briefed"]


def test_copies_count_once_so_a_copied_story_is_listed(mixed):
    wire = next(s for s in mixed if s.id == "painting-wire")
    copy = Source("painting-copy", "Reprinted from the wire.\n\n" + wire.text)
    others = [s for s in mixed if not s.id.startswith("painting")]
    result = digest([*others, wire, copy], words=WORDS, fuse=False)
    listed = {tuple(s.id for s in m.sources): m.independent for m in result.also_reported}
    assert listed[("painting-wire", "painting-copy")] == 1


def test_equal_stories_come_most_recent_first():
    base = "The Harlow Bridge reopened on Tuesday after 14 months of repairs to its {} steel cables, engineers said."
    comet = "A comet found at the Vela Observatory may be visible to the naked eye next {} spring, astronomers said."
    docs = [
        {"id": "bridge-1", "text": base.format("300"), "date": "2025-06-01"},
        {"id": "bridge-2", "text": base.format("three hundred"), "date": "2025-06-01"},
        {"id": "comet-1", "text": comet.format("early"), "date": "2025-06-09T08:00:00Z"},
        {"id": "comet-2", "text": comet.format("late")},
    ]
    result = digest(docs, fuse=False, words=30)
    assert [s.sources[0].id for s in result.stories] == ["comet-1", "bridge-1"]


def test_documents_without_prose_are_left_out_with_a_warning(mixed):
    result = digest([*mixed, Source("chrome", "Subscribe to our newsletter. Click here.")], words=WORDS, fuse=False)
    assert "no-sentence" in [w.code for w in result.warnings]
    assert all(s.id != "chrome" for story in result.stories for s in story.sources)
    with pytest.raises(InputError, match="no source has a sentence"):
        digest(["Click here.", "Subscribe now."])


def test_bad_digest_options_are_input_errors(mixed):
    for bad in ({"min_sources": 0}, {"max_stories": 0}, {"min_sources": True}, {"engine": "threads"}, {"engine": 3}):
        with pytest.raises(InputError):
            digest(mixed, fuse=False, **bad)


def test_worker_processes_give_the_briefs_of_this_process(day, mixed):
    spawned = digest(mixed, words=WORDS, fuse=False, engine=Processes(2))
    assert spawned == day
    assert digest(mixed, words=WORDS, fuse=False, engine=Serial()) == day


def test_any_engine_object_is_used_and_its_failures_stay_with_their_story(mixed):
    class Failing:
        def __init__(self):
            self.jobs = 0

        def briefs(self, options, jobs, done=None):
            self.jobs = len(jobs)
            return [InputError("no luck") for _ in jobs]

    engine = Failing()
    result = digest(mixed, words=WORDS, fuse=False, engine=engine)
    assert engine.jobs == 4 and not result.stories and len(result.also_reported) == 5
    assert [w.code for w in result.warnings].count("story-not-briefed") == 4


def test_progress_counts_stories(mixed):
    calls = []
    digest(mixed, words=WORDS, fuse=False, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_summarize_warns_when_its_input_looks_like_several_stories(mixed, example_sources):
    assert "several-stories" in [w.code for w in summarize(mixed, words=WORDS, fuse=False).warnings]
    assert "several-stories" not in [w.code for w in summarize(example_sources, words=WORDS, fuse=False).warnings]


# --------------------------------------------------------------------------- rendering


def test_digest_json_has_the_documented_shape(day, mixed):
    data = json.loads(to_json(day))
    assert data["schema"] == 3 and data["kind"] == "digest"
    assert set(data) == {"schema", "kind", "stories", "also_reported", "sources", "warnings", "options"}
    texts = {s.id: s.text for s in mixed}
    for story in data["stories"]:
        assert set(story) == {
            "id", "continued", "title", "sources", "independent_sources", "sentences", "words", "warnings", "fusion"
        }
        assert set(story["title"]) == {"text", "source", "citation"}
    assert_valid_output(data, words=WORDS, sources=texts)
    assert [s["id"] for s in data["sources"]] == [s.id for s in mixed]
    assert data["options"]["min_sources"] == 2 and data["options"]["words"] == WORDS
    assert json.loads(to_json(summarize(mixed[:5], fuse=False)))["kind"] == "brief"


def test_digest_markdown_has_a_section_per_story_and_one_source_list(day):
    md = to_markdown(day)
    assert md.startswith("# Digest: 4 stories from 13 sources")
    assert md.count("\n## ") == 4 + 2  # the stories, Also reported, Sources
    assert "## Also reported\n\n- Port Ellery bakery's rye wins national bread prize [6]" in md
    assert render(day, "markdown") == md


def test_digest_text_titles_each_story(day):
    text = to_text(day)
    assert text.count("Story ") == 4 and "Also reported: Port Ellery bakery" in text


def test_markup_in_a_title_cannot_inject(mixed):
    hostile = [
        Source(
            f"h{k}",
            "<script>x</script> storm [here](javascript:alert(1)) hits Harlow\n\n"
            "A storm hit Harlow on Monday and cut power to 3,000 homes, the utility said.",
        )
        for k in range(2)
    ]
    md = to_markdown(digest([*mixed, *hostile], fuse=False, words=WORDS))
    assert "\\<script\\>x" in md and "<script>" not in md
    assert not re.search(r"(?<!\\)\]\(", md)


# --------------------------------------------------------------------------- the command line


def _cli(*args):
    return CliRunner().invoke(main, ["digest", *args])


def test_cli_makes_a_story_digest_and_says_so():
    result = _cli(str(EXAMPLE), str(MORE), "--no-fuse", "--words", str(WORDS))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Digest: 4 stories from 13 sources")
    assert "found 5 stories in 13 sources: a brief for each of 4, 1 more listed under Also reported" in result.stderr


def test_cli_one_story_is_today_s_single_brief():
    result = _cli(str(EXAMPLE), str(MORE), "--no-fuse", "--one-story")
    assert result.exit_code == 0 and result.stdout.startswith("# Brief")
    assert "found" not in result.stderr and "several" not in result.stderr


def test_cli_on_the_bundled_example_prints_today_s_brief(example_sources):
    result = _cli(str(EXAMPLE), "--no-fuse")
    assert result.exit_code == 0 and not result.stderr
    assert result.stdout == to_markdown(summarize(example_sources, fuse=False))


def test_cli_story_options_and_json(tmp_path):
    result = _cli(
        str(EXAMPLE), str(MORE), "--no-fuse", "--min-sources", "1", "--max-stories", "2", "-f", "json", "--quiet"
    )
    assert result.exit_code == 0 and not result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "digest" and len(data["stories"]) == 2 and len(data["also_reported"]) == 3
    assert [w["code"] for w in data["warnings"]] == ["more-stories"]


def test_cli_story_options_are_validated():
    assert _cli(str(EXAMPLE), "--min-sources", "0").exit_code == 2
    assert _cli(str(EXAMPLE), "--engine", "threads").exit_code == 2


def test_ray_actors_give_the_briefs_of_this_process(day, mixed):
    pytest.importorskip("ray", reason="Ray is an optional extra (pip install -e '.[ray]'); CI installs it")
    assert digest(mixed, words=WORDS, fuse=False, engine="ray", workers=2) == day
