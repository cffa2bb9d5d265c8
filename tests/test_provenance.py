from __future__ import annotations

from checks import assert_valid_brief

from summarize import provenance, similarity
from summarize.brief import Source
from summarize.sentences import split

STORY = (
    "The central bank raised interest rates by half a point on Thursday. "
    "Officials said inflation remained far too high for comfort. "
    "Markets fell sharply after the decision was announced in the capital."
)
OTHER = (
    "Interest rates were raised by half a point by the central bank on Thursday. "
    "Shares tumbled across the region as traders digested the news. "
    "A small bakery in the old town celebrated its hundredth birthday."
)


def _space(*texts: str):
    content = [s for k, t in enumerate(texts) for s in split(Source(f"d{k}", t)).content]
    return similarity.build(content)


def test_exact_copies_share_an_origin_and_do_not_add_support():
    space = _space(STORY, STORY, OTHER)
    origins = provenance.origins(space)
    by_source = {s.source: o for s, o in zip(space.sentences, origins, strict=True)}
    assert by_source["d0"] == by_source["d1"] != by_source["d2"]
    (group,) = provenance.groups(space, [0], origins)
    assert group.support == 2
    assert {s.source for s in group.supporters} == {"d2"}


def test_supporters_say_the_same_thing_and_come_from_other_sources():
    space = _space(STORY, OTHER)
    origins = provenance.origins(space)
    groups = provenance.groups(space, list(range(len(space.sentences))), origins)
    rate = next(g for g in groups if g.point.source == "d0" and "raised" in g.point.text)
    assert [s.source for s in rate.supporters] == ["d1"]
    assert "half a point" in rate.supporters[0].text
    bakery = next(g for g in groups if "bakery" in g.point.text)
    assert bakery.supporters == () and bakery.support == 1


def test_near_exact_syndicated_copy_counts_once():
    copy = "Wire service report. " + STORY.replace("Thursday", "Thursday morning") + " Reporting by staff."
    space = _space(STORY, copy, OTHER)
    origins = provenance.origins(space)
    by_source = {s.source: o for s, o in zip(space.sentences, origins, strict=True)}
    assert by_source["d0"] == by_source["d1"]


def test_a_cluster_of_copies_has_support_one():
    from summarize import summarize

    brief = summarize([STORY, STORY, STORY], words=60, fuse=False)
    assert_valid_brief(brief, words=60)
    assert all(s.support == 1 for s in brief.sentences)
    assert any(w.code == "copies" for w in brief.warnings)
