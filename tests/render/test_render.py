from __future__ import annotations

import json
import re

from checks import assert_valid_brief

from summarize import summarize
from summarize.render import escape, render, to_json, to_markdown


def test_json_has_the_documented_shape(example_sources):
    brief = summarize(example_sources, words=120, fuse=False)
    data = json.loads(to_json(brief))
    assert {"sentences", "sources", "words", "warnings", "options"} <= data.keys()
    for sentence in data["sentences"]:
        assert {"text", "support", "fused", "citations"} <= sentence.keys()
        for citation in sentence["citations"]:
            assert set(citation) == {"source", "sentence", "start", "end", "text"}
    assert [s["id"] for s in data["sources"]] == [s.id for s in example_sources]
    assert data["words"] <= 120
    assert_valid_brief(data, words=120, sources=example_sources)


def test_markdown_numbers_sentences_and_lists_every_cited_source(example_sources):
    brief = summarize(example_sources, words=120, fuse=False)
    md = to_markdown(brief)
    assert md.startswith("# Brief")
    assert "## Sources" in md
    for n in range(1, len(brief.sentences) + 1):
        assert f"\n{n}. " in md
    for k, _ in enumerate(brief.sources, 1):
        assert f"[{k}]" in md or k > len(brief.sources)


def test_text_format_has_one_line_per_sentence(example_sources):
    brief = summarize(example_sources, words=120, fuse=False)
    assert len(render(brief, "text").splitlines()) == len(brief.sentences)


def test_markup_in_sources_cannot_inject():
    hostile = (
        "Click <script>alert(1)</script> [here](http://evil.example) ![x](http://evil.example/x.png) **now** | a |"
    )
    out = escape(hostile)
    assert "<script>" not in out and "**" not in out
    assert not re.search(r"(?<!\\)\]\(", out)
    assert "\\<script\\>" in out


def test_escape_keeps_text_readable():
    assert escape("U.S.-China talks: 34.5% drop (May)") == "U.S.-China talks: 34.5% drop (May)"
