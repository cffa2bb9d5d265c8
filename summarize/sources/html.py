"""HTML: telling markup from text, and extracting a page's main text via trafilatura.

An HTML source's text is what trafilatura extracts (scripts, styles,
navigation and comments never reach it), with the title, date and URL it
finds; character offsets point into this extracted text, not into the HTML.
lxml and trafilatura are imported on first use, so reading plain text never
pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from configparser import ConfigParser
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .drafts import Collector, Draft

__all__ = ["Extracted", "add_html", "extract_html", "looks_like_html"]


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found in a page; ``fallback`` when it is all visible text, not a main article."""

    text: str
    title: str | None
    date: str | None
    url: str | None
    fallback: bool


_HTML_TAGS = frozenset(
    {"html", "head", "body", "title", "meta", "p", "div", "article", "section", "main", "header"}
    | {"h1", "h2", "h3", "span", "a", "br", "ul", "ol", "li", "table"}
)
"""Tags that make a fragment on stdin HTML rather than text with a stray "<"."""


def looks_like_html(head: str) -> bool:
    """Sniff markup with lxml: does the start parse into known HTML elements?"""
    from lxml import etree
    from lxml import html as lxml_html

    lowered = head.lower()
    if lowered.startswith("<!doctype html") or lowered.startswith("<html"):
        return True
    try:
        fragments = lxml_html.fragments_fromstring(head)
    except (etree.ParserError, ValueError):
        return False
    return any(getattr(f, "tag", None) in _HTML_TAGS for f in fragments if not isinstance(f, str))


def add_html(collector: Collector, html: str, *, name: str, path: str, stem: str, max_bytes: int) -> None:
    """Add a page's main text as one source, or skip a page without text, with a notice."""
    extracted = extract_html(html, max_bytes)
    if extracted.fallback:
        collector.warn("html-fallback", name, "no main article text found; used all visible text")
    if not extracted.text.strip():
        collector.warn("html-empty", name, "no text in the HTML; skipped")
        return
    collector.add(Draft(stem, False, extracted.text, path, extracted.title, extracted.url, extracted.date))


def extract_html(html: str, max_bytes: int) -> Extracted:
    """Main text and metadata of an HTML page, via trafilatura.

    Falls back to all visible text (still without scripts and styles) when
    trafilatura finds no main article, as on very short pages.
    """
    import trafilatura
    from trafilatura.metadata import extract_metadata

    config = _trafilatura_config(max(max_bytes * 4, 20_000_000))
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, config=config)
    text = _field(doc, "text") or ""
    fallback = False
    if not text.strip():
        text = trafilatura.html2txt(html) or ""
        fallback = bool(text.strip())
        if doc is None:
            doc = extract_metadata(html)
    return Extracted(text, _field(doc, "title"), _field(doc, "date"), _field(doc, "url"), fallback)


@lru_cache(maxsize=4)
def _trafilatura_config(max_file_size: int) -> ConfigParser:
    """trafilatura's defaults, but our size limit rules (it skips pages over its own 20 MB), and dates
    come from the page's metadata only: htmldate's extensive search of the body text for anything
    date-like took 60% of the extraction time (0.25 of 0.35 s for a 20 KB page) and guesses."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["max_file_size"] = str(max_file_size)
    config["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"
    return config


def _field(doc: Any, key: str) -> str | None:
    """A metadata field of a trafilatura result (a ``Document``, or a dict in 1.x)."""
    if doc is None:
        return None
    value = doc.get(key) if isinstance(doc, Mapping) else getattr(doc, key, None)
    return _clean_meta(value) if key != "text" else value


def _clean_meta(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
