"""The HTML provenance page without a browser: its structure, escaping, CSP hashes and span arithmetic.

What a browser does with the page (console, highlighting, hostile input staying
inert) is checked in ``test_render_html_browser.py``.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib.resources import files

from checks import assert_valid_brief
from click.testing import CliRunner
from hostile import ALLOWED_TAGS, hostile_brief, hostile_files, merged
from hypothesis import given
from hypothesis import strategies as st

from summarize import Brief, BriefSentence, Citation, GuardVerdict, Source, summarize, to_html, to_json
from summarize.cli import main
from summarize.render import FORMATS, render
from summarize.render_html.page import csp_hash
from summarize.render_html.view import BAR_CELLS, safe_link, segments, visible


class Page(HTMLParser):
    """Every start tag with its attributes, the text of each script and style, and each source pane's pieces."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.panes: list[list[tuple[str, tuple[int, ...]]]] = []
        self._open: list[str] = []
        self._cites: tuple[int, ...] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in self.raw:
            self.raw[tag].append("")
        if tag == "div" and attributes.get("class") == "text":
            self.panes.append([])
        if tag == "mark" and self.panes:
            self._cites = tuple(int(k) for k in (attributes.get("data-cites") or "").split())
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._cites = None
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else None
        if current in self.raw:
            self.raw[current][-1] += data
        elif self.panes and (current == "div" or current == "mark"):
            self.panes[-1].append((data, self._cites or ()))


def content_security_policy(page: Page) -> str:
    return next(a["content"] or "" for t, a in page.tags if t == "meta" and a.get("http-equiv"))


def test_the_page_is_one_file_with_only_its_own_script_and_style(example_sources):
    html = to_html(summarize(example_sources, fuse=False))
    page = Page(html)
    assert len(page.raw["script"]) == 1 and len(page.raw["style"]) == 1
    csp = content_security_policy(page)
    # the policy names exactly the page's inline script and style, by the hash of what the page holds
    assert f"script-src {csp_hash(page.raw['script'][0])};" in csp
    assert f"style-src {csp_hash(page.raw['style'][0])};" in csp
    assert "default-src 'none'" in csp
    assert page.raw["script"][0] == files("summarize.render_html").joinpath("page.js").read_text(encoding="utf-8")
    for tag, attributes in page.tags:
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") or name in {"style", "src", "srcdoc", "action"} for name in attributes)
        assert tag != "a" or safe_link(attributes.get("href"))
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    assert html == to_html(summarize(example_sources, fuse=False)), "same brief, same page"


def test_source_panes_hold_the_full_texts_and_mark_exactly_the_cited_spans(example_sources):
    brief = summarize(example_sources, fuse=False)
    data = json.loads(to_json(brief))
    assert_valid_brief(data, sources=example_sources)
    panes = Page(to_html(brief)).panes
    assert len(panes) == len(example_sources)
    for source, pieces in zip(example_sources, panes, strict=True):
        assert "".join(text for text, _ in pieces) == source.text
        for key, sentence in enumerate(data["sentences"]):
            cited = [(c["start"], c["end"]) for c in sentence["citations"] if c["source"] == source.id]
            assert lit_ranges(pieces, key) == merged(cited)


def lit_ranges(pieces: list[tuple[str, tuple[int, ...]]], key: int) -> list[tuple[int, int]]:
    """The character ranges of a pane marked for brief sentence ``key``, adjacent pieces joined."""
    ranges: list[tuple[int, int]] = []
    at = 0
    for text, cites in pieces:
        if key in cites:
            ranges.append((at, at + len(text)))
        at += len(text)
    return merged(ranges)


@given(
    st.text(alphabet="ab \n", min_size=1, max_size=40).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(
                st.tuples(st.integers(0, len(text)), st.integers(0, len(text)), st.integers(0, 4)).filter(
                    lambda span: span[0] < span[1]
                ),
                max_size=6,
            ),
        )
    )
)
def test_segments_cover_the_text_and_overlapping_spans_exactly(case):
    text, spans = case
    pieces = segments(text, spans)
    assert "".join(p.text for p in pieces) == text
    assert all(p.text for p in pieces)
    at = 0
    for piece in pieces:
        for i in range(at, at + len(piece.text)):
            assert set(piece.cites) == {key for s, e, key in spans if s <= i < e}
        at += len(piece.text)


def test_visible_keeps_every_offset_and_shows_controls():
    text = "a\x00b\x07c\x1b[31md\x7fe\x9bf\r\ng\rh\x85i\ud800j\tk\nl"
    shown = visible(text)
    assert len(shown) == len(text)
    assert shown == "a␀b␇c␛[31md␡e\ufffdf \ng\nh\ni\ufffdj\tk\nl"
    assert visible("plain “text”, 34.5% — ok") == "plain “text”, 34.5% — ok"


def test_only_plain_http_links_are_live():
    for good in ("https://example.com/a?b=1&c=2", "HTTP://EXAMPLE.COM/x#y"):
        assert safe_link(good)
    for url in (
        None, "javascript:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)", "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>", "https://x.example/\" onmouseover=\"alert(1)",
        "https://x.example/a b", "https://x.example/\njavascript:", "//evil.example", "file:///etc/passwd",
    ):
        assert not safe_link(url), url


def assert_inert(html: str) -> Page:
    """Only the page's own elements, script and links; hostile text shows as text."""
    page = Page(html)
    assert len(page.raw["script"]) == 1
    for tag, attributes in page.tags:
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") or name in {"style", "src", "srcdoc"} for name in attributes), attributes
        assert "javascript:" not in " ".join(v or "" for v in attributes.values()), attributes
    assert all(safe_link(a["href"]) for t, a in page.tags if t == "a")
    assert "&lt;script&gt;window.pwned=" in html and "{{ 7 * 7 }}" in html
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", html), "no control character reaches the page"
    return page


def test_hostile_input_from_the_library_is_escaped_text_everywhere():
    brief = assert_valid_brief(hostile_brief())
    page = assert_inert(to_html(brief))
    assert [a["href"] for t, a in page.tags if t == "a"] == ["https://example.com/news?a=1&b=2"]
    for source, pieces in zip(brief.sources, page.panes, strict=True):
        assert "".join(text for text, _ in pieces) == visible(source.text)


def test_hostile_files_through_the_cli_are_escaped_text_everywhere(tmp_path):
    paths = hostile_files(tmp_path)
    result = CliRunner().invoke(main, ["digest", *map(str, paths), "--no-fuse", "-f", "html", "-w", "400"])
    assert result.exit_code == 0, result.output
    page = assert_inert(result.stdout)
    assert not any(t == "a" for t, _ in page.tags), "no source has a safe URL"
    assert "evil&lt;img src=x onerror=alert(4)&gt;" in result.stdout


def test_citations_that_do_not_match_their_source_are_not_marked_and_say_so():
    source = Source("a", "One sentence here. Another sentence there.")
    good = Citation("a", 0, 0, 18, "One sentence here.")
    wrong = Citation("a", 1, 19, 42, "Not what the source says")
    brief = Brief((BriefSentence("One sentence here.", (good,), 1), BriefSentence("X", (wrong,), 1)), (source,))
    page = Page(to_html(brief))
    assert lit_ranges(page.panes[0], 0) == [(0, 18)] and lit_ranges(page.panes[0], 1) == []
    assert any(a.get("data-code") == "citation-mismatch" for _, a in page.tags)


def test_fused_and_rejected_sentences_show_candidate_and_verdict_on_demand():
    text = "Talks resumed in London on Tuesday. Lutnick said talks went well."
    source, other = Source("a", text), Source("b", "In London, talks resumed on Tuesday.")
    point, supporter = Citation("a", 0, 0, 35, text[:35]), Citation("b", 0, 0, 36, other.text)
    fused = BriefSentence("Talks resumed in London on Tuesday, both said.", (point, supporter), 2, True,
                          GuardVerdict(True, "Talks resumed in London on Tuesday, both said."))
    verdict = GuardVerdict(False, "Lutnick said <b>40</b> talks failed.", ("number 40 not in the spans",))
    rejected = BriefSentence(text[36:], (Citation("a", 1, 36, len(text), text[36:]),), 1, False, verdict)
    brief = Brief((fused, rejected), (source, other))
    assert_valid_brief(brief)
    html = to_html(brief)
    assert html.count('<details class="guard">') == 2  # closed: on demand
    assert "Lutnick said &lt;b&gt;40&lt;/b&gt; talks failed." in html and "number 40 not in the spans" in html
    assert '<span class="tag">fused</span>' in html


def test_many_sources_get_a_meter_instead_of_a_cell_each():
    texts = [f"Report {n}: the talks in London resumed on Tuesday with both delegations present." for n in range(40)]
    brief = summarize(texts, fuse=False)
    page = Page(to_html(brief))
    assert BAR_CELLS < 40
    assert any(t == "meter" for t, _ in page.tags)
    assert not any((a.get("class") or "").startswith("cell") for _, a in page.tags)


def test_cli_writes_the_page(example_dir, tmp_path):
    assert "html" in FORMATS
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(main, ["digest", str(example_dir), "--no-fuse", "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert re.search(r"<p class=\"made\">summarize [^<]* · extractive · \d+ words of a 120-word budget</p>", html)


def test_render_dispatches_html(example_sources):
    brief = summarize(example_sources, fuse=False)
    assert render(brief, "html") == to_html(brief)
