"""The HTML provenance page in a real browser: headless Chromium, one session for the module.

Skipped, with the reason, where Chromium, chromedriver or selenium is missing
(``apt-get install chromium chromium-driver``; ``pip install -e '.[dev]'``).
Each test loads a page from disk and checks what a reader would see: no console
error (a CSP hash that did not match would be one), hovering or focusing a
sentence lights exactly the spans its JSON citations name, and hostile input
runs nothing, navigates nowhere and adds no live element.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, missing
from checks import assert_valid_brief
from click.testing import CliRunner
from hostile import ALLOWED_TAGS, hostile_brief, hostile_files, merged

from summarize import Brief, BriefSentence, Citation, Source, summarize, to_html, to_json
from summarize.cli import main
from summarize.render_html.view import visible

# Per source pane: its text and the [start, end) ranges (in code points) of its lit marks.
PANES_JS = """
return Array.from(document.querySelectorAll('.source .text')).map(function (box) {
  var lit = [], at = 0;
  box.childNodes.forEach(function (node) {
    var n = Array.from(node.textContent).length;
    if (node.nodeType === 1 && node.classList.contains('lit')) lit.push([at, at + n]);
    at += n;
  });
  return {text: box.textContent, lit: lit};
});
"""
# Whether the first lit mark of each pane that has one is scrolled into its box's view.
IN_VIEW_JS = """
return Array.from(document.querySelectorAll('.source .text')).filter(function (box) {
  return box.querySelector('mark.lit');
}).map(function (box) {
  var outer = box.getBoundingClientRect(), inner = box.querySelector('mark.lit').getBoundingClientRect();
  return inner.top >= outer.top - 1 && inner.top < outer.bottom;
});
"""
# Everything that could run, load or navigate.
INVENTORY_JS = """
var all = Array.from(document.querySelectorAll('*'));
return {
  tags: Array.from(new Set(all.map(function (e) { return e.localName; }))),
  scripts: document.scripts.length,
  handlers: all.filter(function (e) {
    return Array.from(e.attributes).some(function (a) { return /^on/i.test(a.name); });
  }).length,
  hrefs: Array.from(document.querySelectorAll('[href]')).map(function (e) { return e.getAttribute('href'); }),
  pwned: typeof window.pwned,
  title: document.title
};
"""


@pytest.fixture(scope="module")
def browser():
    reason = missing()
    if reason:
        pytest.skip(f"browser tests need headless Chromium: {reason}")
    with chromium() as driver:
        yield driver


def load(driver: Any, directory: Path, html: str) -> str:
    """Open the page from disk; return its URL. Fails on any console message of the load."""
    page = directory / "brief.html"
    page.write_text(html, encoding="utf-8")
    driver.get(page.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"
    assert_quiet(driver)
    return page.as_uri()


def assert_quiet(driver: Any) -> None:
    """No error or warning in the browser's console since the last look, and no alert open."""
    from selenium.common.exceptions import NoAlertPresentException

    messages = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not messages, messages
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018  (reading it is the check)


def expected(brief: Brief) -> list[list[list[tuple[int, int]]]]:
    """Per brief sentence, per source: its cited ranges from the JSON, overlapping ones merged."""
    data = json.loads(to_json(brief))
    out = []
    for sentence in data["sentences"]:
        out.append([
            merged([(c["start"], c["end"]) for c in sentence["citations"] if c["source"] == source["id"]])
            for source in data["sources"]
        ])
    return out


def lit(driver: Any, brief: Brief) -> list[list[tuple[int, int]]]:
    """The lit ranges per source pane; each pane's text is checked to be its source's, offset for offset."""
    panes = driver.execute_script(PANES_JS)
    assert [p["text"] for p in panes] == [visible(s.text) for s in brief.sources]
    ranges = [merged([(a, b) for a, b in p["lit"]]) for p in panes]
    for pane, source, spans in zip(panes, brief.sources, ranges, strict=True):
        for a, b in spans:
            assert pane["text"][a:b] == visible(source.text)[a:b]
    return ranges


def lit_sentences(driver: Any) -> list[str]:
    return driver.execute_script("return Array.from(document.querySelectorAll('.sentence.lit')).map(e => e.id)")


def test_hovering_each_sentence_lights_exactly_its_cited_spans(browser, example_sources, tmp_path):
    hover_each_sentence(browser, tmp_path, summarize(example_sources, fuse=False))


def test_overlapping_spans_light_for_each_sentence_that_cites_them(browser, tmp_path):
    text = "Talks resumed in London on Tuesday. Lutnick said they went well. Both sides met for seven hours."
    other = "In London, the talks resumed on Tuesday, and they went well, Lutnick said."
    a, b = Source("a", text), Source("b", other)

    def cite(source: Source, start: int, end: int) -> Citation:
        return Citation(source.id, 0, start, end, source.text[start:end])

    first = BriefSentence(text[:64], (cite(a, 0, 64), cite(b, 0, 40)), 2)  # two source sentences, one span
    second = BriefSentence(text[36:64], (cite(a, 36, 64), cite(b, 11, 74)), 2)  # inside the first, overlapping
    third = BriefSentence(text[65:], (cite(a, 65, len(text)),), 1)
    hover_each_sentence(browser, tmp_path, Brief((first, second, third), (a, b)))


def hover_each_sentence(browser: Any, directory: Path, brief: Brief) -> None:
    """Hover each sentence in turn: exactly its spans are lit, each in view; leaving it clears them."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    assert_valid_brief(brief)
    load(browser, directory, to_html(brief))
    assert lit(browser, brief) == [[] for _ in brief.sources], "nothing is lit before a sentence is chosen"
    for key, cited in enumerate(expected(brief)):
        sentence = browser.find_element(By.ID, f"s{key}")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", sentence)
        ActionChains(browser, duration=0).move_to_element(sentence).perform()
        assert lit(browser, brief) == cited, f"sentence {key + 1}"
        assert lit_sentences(browser) == [f"s{key}"]
        assert all(browser.execute_script(IN_VIEW_JS)), "each source is scrolled to its span"
    ActionChains(browser, duration=0).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    assert lit(browser, brief) == [[] for _ in brief.sources], "leaving the sentence clears the highlight"
    assert_quiet(browser)


def test_the_keyboard_alone_does_what_the_mouse_does(browser, example_sources, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    brief = summarize(example_sources, fuse=False)
    load(browser, tmp_path, to_html(brief))
    keys = ActionChains(browser, duration=0)
    cited = expected(brief)
    keys.send_keys(Keys.TAB).perform()
    for key in range(len(brief.sentences)):
        assert browser.switch_to.active_element.get_attribute("id") == f"s{key}"
        assert lit(browser, brief) == cited[key], f"sentence {key + 1} focused"
        keys.send_keys(Keys.ARROW_DOWN).perform()
    keys.send_keys(Keys.HOME).perform()
    first = browser.find_element(By.ID, "s0")
    keys.send_keys(Keys.ENTER).perform()  # pin: stays lit while focus moves on to read the sources
    assert first.get_attribute("aria-pressed") == "true"
    for _ in brief.sentences:
        keys.send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("class") == "text"
    assert lit(browser, brief) == cited[0] and lit_sentences(browser) == ["s0"]
    keys.send_keys(Keys.ESCAPE).perform()
    assert lit(browser, brief) == [[] for _ in brief.sources] and first.get_attribute("aria-pressed") == "false"
    assert_quiet(browser)


def test_hostile_input_runs_nothing_navigates_nowhere_and_adds_no_live_element(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    paths = hostile_files(tmp_path)
    result = CliRunner().invoke(main, ["digest", *map(str, paths), "--no-fuse", "-f", "html", "-w", "400"])
    assert result.exit_code == 0, result.output
    library = hostile_brief()
    for name, html in (("cli", result.stdout), ("library", to_html(library))):
        directory = tmp_path / name
        directory.mkdir()
        url = load(browser, directory, html)
        # hover and click what reacts to a reader (the source URLs are only hovered: a live one goes online)
        for element in browser.find_elements(By.CSS_SELECTOR, ".sentence, summary, .where > *"):
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            actions = ActionChains(browser, duration=0).move_to_element(element)
            if element.tag_name in ("p", "summary"):
                actions.click()
            actions.perform()
        for details in browser.find_elements(By.CSS_SELECTOR, "details"):
            assert details.get_attribute("open") is not None, "every candidate could be opened"
        assert browser.current_url == url, "no navigation"
        found = browser.execute_script(INVENTORY_JS)
        assert set(found["tags"]) <= ALLOWED_TAGS, found["tags"]
        assert found["scripts"] == 1 and found["handlers"] == 0 and found["pwned"] == "undefined"
        assert all(href.startswith("https://") for href in found["hrefs"]), found["hrefs"]
        assert found["title"].startswith("Brief of ")
        assert_quiet(browser)
    assert lit(browser, library) is not None  # the hostile texts are shown whole and offset for offset
    candidate = browser.find_element(By.CSS_SELECTOR, "details .candidate").text
    assert "<img src=x onerror=alert(12)>" in candidate and "<script>" in candidate


def test_the_page_prints_whole_with_every_verdict_open(browser, tmp_path):
    brief = hostile_brief()
    load(browser, tmp_path, to_html(brief))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    printed = browser.execute_script("""
        return {
          clipped: Array.from(document.querySelectorAll('.source .text'))
            .filter(function (box) { return box.scrollHeight > box.clientHeight + 1; }).length,
          hint: getComputedStyle(document.querySelector('.hint')).display
        };""")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed == {"clipped": 0, "hint": "none"}, "every source prints in full, the mouse hint not at all"
    browser.execute_script("""
        window.addEventListener('beforeprint', function () {
          window.openWhilePrinting = document.querySelectorAll('details:not([open])').length === 0;
        });""")
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF")
    assert browser.execute_script("return window.openWhilePrinting") is True
    assert browser.execute_script("return document.querySelectorAll('details[open]').length") == 0, "closed again"
    assert_quiet(browser)
