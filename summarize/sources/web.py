"""URLs and feeds as sources: fetched pages become drafts, feeds become their entries.

One :class:`Web` serves one :func:`~summarize.sources.read_sources` call.  The
URLs named on the command line are fetched together up front
(:meth:`Web.prefetch`), and each feed's entry links together when the feed is
read, both in parallel; the drafts are still added in input order (a feed's
entries in feed order), so the same input gives the same sources.

What a page's text is: an HTML page's main text as trafilatura extracts it
(as for an ``.html`` file), a plain-text page's decoded body.  The bytes are
decoded by the charset the server declared when they decode with it (a
``<meta charset>`` of the page otherwise), else by the rules for files
(:mod:`.decode`), with a notice saying that the declaration was wrong.
The source keeps the page's title and date (a feed entry's own, where it has
them) and its URL after redirects; its ``path`` is ``None``.

A page that fails (refused, unreachable, too large, not text...) is left out
with a notice; :func:`~summarize.sources.read_sources` fails only when nothing
at all is left.
"""

from __future__ import annotations

import codecs
import math
import os
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..brief import Notice
from ..errors import InputError
from .addresses import AddressPolicy
from .decode import NotText, check_is_text, decode
from .drafts import Collector, Draft
from .feeds import Entry, FeedError, choose, iso, looks_like_feed, parse_feed, parse_since
from .fetch import DEFAULT_TIMEOUT, Fetcher, FetchFailed, FetchProgress, Page
from .html import extract_html, looks_like_html
from .httpcache import HttpCache
from .naming import shown

__all__ = ["Web", "decode_page", "url_stem"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WHATWG_ALIASES = dict.fromkeys(("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"), "cp1252")
"""Browsers read these declarations as windows-1252 (WHATWG Encoding), and so do pages written for them."""


class Web:
    """The fetcher, the fetched top-level URLs and the feed bounds of one call."""

    def __init__(
        self,
        *,
        max_bytes: int,
        timeout: float = DEFAULT_TIMEOUT,
        allow_private: bool | Sequence[str] = False,
        cache: HttpCache | None = None,
        progress: FetchProgress | None = None,
        since: datetime | None = None,
        max_items: int | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.since = since
        self.max_items = max_items
        self._settings = {"timeout": timeout, "allow_private": allow_private, "cache": cache, "progress": progress}
        self._fetcher: Fetcher | None = None
        self._fetched: dict[str, Page | FetchFailed] = {}
        self._seen: set[str] = set()

    @classmethod
    def checked(
        cls,
        *,
        max_bytes: int,
        timeout: object,
        allow_private: bool | Iterable[str],
        cache: bool | str | os.PathLike[str] | HttpCache | None,
        progress: FetchProgress | None,
        since: str | date | datetime | None,
        max_items: int | None,
    ) -> Web:
        """A :class:`Web` from the arguments of :func:`~summarize.sources.read_sources`, each checked."""
        return cls(
            max_bytes=max_bytes,
            timeout=_timeout(timeout),
            allow_private=_allowed(allow_private),
            cache=_cache(cache),
            progress=progress,
            since=parse_since(since),
            max_items=max_items,
        )

    @property
    def fetcher(self) -> Fetcher:
        """The HTTP client, made on first use (reading only files never imports it)."""
        if self._fetcher is None:
            self._fetcher = Fetcher(max_bytes=self.max_bytes, **self._settings)  # type: ignore[arg-type]
        return self._fetcher

    def close(self, collector: Collector) -> None:
        """Close the client, passing on its notices (an unwritable cache)."""
        if self._fetcher is not None:
            for notice in self._fetcher.notices:
                collector.note(notice)
            self._fetcher.close()

    def prefetch(self, urls: Sequence[str]) -> None:
        """Fetch the URLs named as inputs, all at once."""
        todo = list(dict.fromkeys(u for u in urls if u not in self._fetched))
        if not todo:
            return  # no client is made (nor httpx2 imported) for files alone
        for url, result in zip(todo, self.fetcher.fetch_all(todo), strict=True):
            self._fetched[url] = result

    def add_url(self, collector: Collector, url: str) -> None:
        """A URL named as an input: its page, or its feed's entries; a failure is a notice."""
        if self._once(collector, url):
            result = self._fetched.pop(url, None)
            if result is None:
                result = self.fetcher.fetch_all([url])[0]
            self._add_result(collector, result, url, None)

    def _once(self, collector: Collector, url: str) -> bool:
        if url in self._seen:
            collector.warn("read-once", shown(url), "given more than once; read once")
            return False
        self._seen.add(url)
        return True

    def _add_result(self, collector: Collector, result: Page | FetchFailed, url: str, entry: Entry | None) -> None:
        if isinstance(result, FetchFailed):
            collector.warn(result.code, shown(url), str(result))
            return
        name = shown(url)
        try:
            text, note = decode_page(result.body, result.charset, name, html=result.kind == "html")
        except NotText as exc:
            collector.warn("fetch-not-text", name, f"{exc}, not text; left out")
            return
        if note is not None:
            collector.note(note)
        if not text.strip():
            collector.warn("empty-skipped", name, "empty; skipped")
            return
        kind = _kind(result.kind, text)
        if kind == "feed":
            if entry is not None:
                collector.warn("feed-in-feed", name, "an entry's link is itself a feed; left out")
                return
            self.add_feed(collector, text, name=name, base_url=result.final_url, path=None)
            return
        title = entry.title if entry else None
        when = iso(entry.date) if entry and entry.date else None
        stem = url_stem(entry.link if entry and entry.link else url)
        if kind == "html":
            page = extract_html(text, self.max_bytes)
            if page.fallback:
                collector.warn("html-fallback", name, "no main article text found; used all visible text")
            if not page.text.strip():
                collector.warn("html-empty", name, "no text in the HTML; skipped")
                return
            text, title, when = page.text, title or page.title, when or page.date
        collector.add(Draft(stem, False, text, None, title, result.final_url, when))

    def add_feed(self, collector: Collector, text: str, *, name: str, base_url: str | None, path: str | None) -> None:
        """A feed's entries, bounded by ``since`` and ``max_items``: full-text entries as they are, others fetched."""
        try:
            entries = parse_feed(text, base_url)
        except FeedError as exc:
            collector.warn("feed-invalid", name, f"{exc}; skipped")
            return
        if not entries:
            collector.warn("feed-empty", name, "the feed has no entries; skipped")
            return
        kept, undated = choose(entries, since=self.since, max_items=self.max_items)
        if undated:
            collector.warn("feed-undated", name, f"{undated} entries have no date; kept, as their age cannot be told")
        if not kept:
            collector.warn("feed-nothing-new", name, f"no entry since {iso(self.since) if self.since else '?'}")
            return
        if len(collector.drafts) + len(kept) > collector.max_sources:
            raise InputError(
                f"{name}: {len(kept)} feed entries is more than the limit of {collector.max_sources} sources; "
                "bound them with max_items / --max-items or since / --since, or raise max_sources"
            )
        links = [e.link for e in kept if not e.full_text and e.link and e.link not in self._seen]
        links = list(dict.fromkeys(links))
        pages = dict(zip(links, self.fetcher.fetch_all(links), strict=True)) if links else {}
        for entry in kept:
            self._add_entry(collector, entry, pages, name=name, path=path)

    def _add_entry(
        self, collector: Collector, entry: Entry, pages: dict[str, Page | FetchFailed], *, name: str, path: str | None
    ) -> None:
        when = iso(entry.date) if entry.date else None
        if entry.full_text and entry.content is not None:
            text = extract_html(entry.content, self.max_bytes).text
            if not text.strip():
                collector.warn("html-empty", name, f"entry {entry.label}: no text in its content; skipped")
                return
            stem = url_stem(entry.link) if entry.link else _slug(entry.title or "entry")
            collector.add(Draft(stem, False, text, path, entry.title, entry.link, when))
        elif entry.link is None:
            message = f"entry {entry.label} has no link and no full text; skipped"
            collector.warn("feed-entry-without-link", name, message)
        elif self._once(collector, entry.link):
            self._add_result(collector, pages[entry.link], entry.link, entry)


def _kind(kind: str, text: str) -> str:
    """``html``, ``feed`` or ``text`` for a decoded page of the fetched ``kind``."""
    head = text[:4096].lstrip()
    if kind == "feed" or looks_like_feed(head):
        return "feed"  # servers label feeds text/html or text/plain too
    if kind == "html":
        return kind
    if kind in ("xml", "sniff") and head.startswith("<") and looks_like_html(head):
        return "html"
    return "text"


def decode_page(body: bytes, charset: str | None, name: str, *, html: bool) -> tuple[str, Notice | None]:
    """A body as text: by the declared charset when it fits, else as files are decoded (with a notice)."""
    declared = charset
    if declared is None and html:
        match = _META_CHARSET.search(body[:4096])
        declared = match.group(1).decode("ascii", "replace").lower() if match else None
    if declared is None or body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(body, name)
    codec = _WHATWG_ALIASES.get(declared, declared)
    try:
        codecs.lookup(codec)
    except LookupError:
        text, note = decode(body, name)
        unknown = Notice("encoding-declared-unknown", f"{name}: unknown charset {declared!r}; decoded as UTF-8")
        return text, note or unknown
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        text, note = decode(body, name)
        how = f" ({note.message.split(': ', 1)[-1]})" if note is not None else "; decoded as UTF-8"
        return text, Notice("encoding-declared-wrong", f"{name}: declared {declared} but is not{how}")
    check_is_text(text)
    return text, None


def url_stem(url: str) -> str:
    """A source id for a URL: the last path segment without its extension, or the host."""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", segments[-1]) if segments else ""
    if stem.lower() in ("", "index", "default", "article", "story"):
        stem = "-".join([parts.hostname or "page", *segments[-2:-1]])
    return _slug(stem)


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.")[:60]
    return slug or "page"


def _timeout(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise InputError(f"timeout must be a positive number of seconds, not {value!r}")
    return float(value)


def _allowed(value: bool | Iterable[str]) -> bool | list[str]:
    """``allow_private`` checked: a bool, or networks that parse (``"10.0.0.0/8"``, ``"127.0.0.1"``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (str, bytes)):
        raise InputError("allow_private takes True, False or a list of networks, not a single string")
    networks = list(value)
    try:
        AddressPolicy(networks)
    except (ValueError, TypeError) as exc:
        raise InputError(f"allow_private: {exc}") from None
    return networks


def _cache(value: bool | str | os.PathLike[str] | HttpCache | None) -> HttpCache | None:
    if isinstance(value, HttpCache):
        return value
    if value is True:
        return HttpCache()
    if value is False or value is None:
        return None
    return HttpCache(Path(value))
