"""The HTTP client of :func:`~summarize.sources.read_sources`: fetching pages and feeds, safely and politely.

* **What is fetched**: ``http`` and ``https`` URLs only (never ``file:`` or
  anything else, also not through a redirect); at most :data:`MAX_REDIRECTS`
  redirects; only hosts whose every address is public, unless
  ``allow_private`` says otherwise (:mod:`.addresses`, checked on every
  connection, so on every redirect too).
* **Limits**: one deadline of ``timeout`` seconds per URL, redirects and a
  slow trickle of bytes included; a body larger than ``max_bytes`` is refused
  (from its ``Content-Length`` before reading, or as soon as the limit is
  passed), never truncated.  A media type that is no page, text or feed
  (``image/png``, ``application/pdf``) is refused before its body is read.
* **Politeness**: a User-Agent that names summarize and its version, a few
  requests in parallel (:data:`WORKERS`), and the on-disk cache of
  :mod:`.httpcache`, so a rerun asks "changed?" instead of downloading again.

A URL that cannot be fetched raises :class:`FetchFailed` with a stable
``code``; :meth:`Fetcher.fetch_all` returns it in place of the page, so one
failing page never stops the others.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message
from typing import Any

from .. import __version__
from ..brief import Notice
from .addresses import AddressPolicy, AddressRefused, guarded_transport
from .httpcache import HttpCache
from .naming import shown, size

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "WORKERS",
    "FetchEvent",
    "FetchFailed",
    "Fetcher",
    "Page",
    "is_url",
    "other_scheme",
    "shown",
]

USER_AGENT = f"summarize/{__version__} (multi-source news digests; python-httpx2)"
"""Sent with every request, so a site's operator can tell who is asking."""

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)

DEFAULT_TIMEOUT = 20.0
"""Seconds one URL may take, redirects and the whole body included: a slow news site answers in a few."""

MAX_REDIRECTS = 5
"""Redirects followed per URL: http -> https -> www -> canonical needs three; more is a loop or a trap."""

WORKERS = 8
"""Requests in flight at once: parallel enough for a feed's pages, few enough not to hammer one site."""

_REDIRECTS = frozenset({301, 302, 303, 307, 308})

MEDIA_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/plain": "text",
    "text/markdown": "text",
    "application/octet-stream": "sniff",
    "binary/octet-stream": "sniff",
}
"""Media types read, by what they are read as (``xml``: a feed or XHTML; ``sniff``: told by content)."""


@dataclass(frozen=True)
class Page:
    """A fetched body and what the server said it is."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the body came from, after redirects."""
    kind: str
    """How to read it: ``html``, ``feed``, ``xml``, ``text`` or ``sniff`` (see :data:`MEDIA_KINDS`)."""
    charset: str | None
    body: bytes
    cached: bool = False
    """The server answered 304 Not Modified and the body is the cached one."""


class FetchFailed(Exception):
    """A URL that could not be fetched: ``code`` for programs, the message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class FetchEvent:
    """Progress of a fetcher: ``done`` of ``total`` URLs so far; ``outcome`` of the one just finished."""

    done: int
    total: int
    url: str
    outcome: str
    """``downloaded``, ``cached`` (304, body from the cache) or ``failed``."""


FetchProgress = Callable[[FetchEvent], None]

_URL = re.compile(r"^https?://", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def is_url(name: str) -> bool:
    """Whether an input names an http(s) URL rather than a path."""
    return bool(_URL.match(name))


def other_scheme(name: str) -> str | None:
    """The scheme of a ``scheme://...`` input that is not http(s) (``file``, ``ftp``), else ``None``."""
    match = _SCHEME.match(name)
    return match.group(1).lower() if match and not is_url(name) else None


class Fetcher:
    """Fetches URLs with one shared, guarded HTTP client; use as a context manager, or :meth:`close`.

    Thread-safe: :meth:`fetch_all` runs :meth:`fetch` on a small thread pool.
    ``progress`` is called after every URL with a :class:`FetchEvent`;
    :attr:`notices` collects what the caller should warn about once (a cache
    that cannot be written).
    """

    def __init__(
        self,
        *,
        max_bytes: int,
        timeout: float = DEFAULT_TIMEOUT,
        allow_private: bool | Sequence[str] = False,
        cache: HttpCache | None = None,
        progress: FetchProgress | None = None,
        workers: int = WORKERS,
    ) -> None:
        import httpx2

        self.max_bytes = max_bytes
        self.timeout = timeout
        self.cache = cache
        self.progress = progress
        self.workers = workers
        self.notices: list[Notice] = []
        self._lock = threading.Lock()
        self._done = self._total = 0
        self._client = httpx2.Client(
            transport=guarded_transport(AddressPolicy(allow_private), max_connections=workers),
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch_all(self, urls: Sequence[str]) -> list[Page | FetchFailed]:
        """Fetch ``urls`` in parallel; results (a page or the failure) in the order of ``urls``."""
        with self._lock:
            self._total += len(urls)
        if not urls:
            return []

        def one(url: str) -> Page | FetchFailed:
            try:
                result: Page | FetchFailed = self.fetch(url)
            except FetchFailed as failure:
                result = failure
            self._report(url, result)
            return result

        with ThreadPoolExecutor(max_workers=min(self.workers, len(urls)), thread_name_prefix="fetch") as pool:
            return list(pool.map(one, urls))

    def _report(self, url: str, result: Page | FetchFailed) -> None:
        outcome = "failed" if isinstance(result, FetchFailed) else "cached" if result.cached else "downloaded"
        with self._lock:
            self._done += 1
            event = FetchEvent(self._done, self._total, url, outcome)
        if self.progress is not None:
            self.progress(event)

    def fetch(self, url: str) -> Page:
        """One URL, redirects followed; raises :class:`FetchFailed`."""
        import httpx2

        deadline = time.monotonic() + self.timeout
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            target = _checked_url(current, redirected=current != url)
            try:
                result = self._request(target, deadline)
            except AddressRefused as refused:
                via = f"redirected to {shown(current)}, which " if current != url else ""
                raise FetchFailed(
                    "fetch-refused",
                    f"{via}{refused}; not fetched (pass --allow-private, or allow_private=True, to allow it)",
                ) from None
            except httpx2.TimeoutException:
                raise FetchFailed("fetch-timeout", f"no answer within {self.timeout:g} s") from None
            except (httpx2.HTTPError, httpx2.InvalidURL, OSError) as exc:
                raise FetchFailed("fetch-failed", f"cannot fetch ({_one_line(exc)})") from None
            if isinstance(result, Page):
                return _asked(result, url)
            current = result  # a redirect's target
        raise FetchFailed("fetch-redirects", f"more than {MAX_REDIRECTS} redirects; not followed")

    def _request(self, url: Any, deadline: float) -> Page | str:
        """One request: a page, or the absolute URL a redirect points to."""
        import httpx2

        key = str(url)
        entry = self.cache.lookup(key) if self.cache is not None else None
        for conditional in (True, False):
            headers = entry.conditional_headers() if entry is not None and conditional else {}
            remaining = max(0.001, deadline - time.monotonic())
            request = self._client.build_request("GET", url, headers=headers, timeout=httpx2.Timeout(remaining))
            response = self._client.send(request, stream=True)
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchFailed("fetch-redirects", f"HTTP {response.status_code} without a Location")
                    return str(response.url.join(location))
                if response.status_code == 304 and entry is not None and headers:
                    body = entry.body()
                    if body is None:
                        continue  # the cached body vanished meanwhile: ask again, unconditionally
                    return _page(key, entry.content_type, body, cached=True)
                if response.status_code not in (200, 203):
                    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    raise FetchFailed("fetch-http-error", status)
                content_type = response.headers.get("content-type")
                _media_kind(content_type)  # refuse images, PDFs... before reading them
                body = self._read_capped(response, deadline)
            finally:
                response.close()
            self._keep(key, response.headers, body)
            return _page(key, content_type, body, cached=False)
        raise FetchFailed("fetch-failed", "the server keeps answering 304 Not Modified to an unconditional request")

    def _read_capped(self, response: Any, deadline: float) -> bytes:
        """The (decoded) body, refused as soon as it passes ``max_bytes`` or the deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(int(declared))
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_bytes:
                raise self._too_large(None)
            if time.monotonic() > deadline:
                raise FetchFailed("fetch-timeout", f"still sending after {self.timeout:g} s; left out")
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self, declared: int | None) -> FetchFailed:
        actual = f" ({size(declared)})" if declared is not None else ""
        return FetchFailed(
            "fetch-too-large",
            f"larger than the {size(self.max_bytes)} limit for one input{actual}; "
            "raise the limit (max_bytes, --max-bytes)",
        )

    def _keep(self, url: str, headers: Any, body: bytes) -> None:
        if self.cache is None:
            return
        try:
            self.cache.store(url, headers, body)
        except OSError as exc:
            with self._lock:
                if not self.notices:
                    why = exc.strerror or exc
                    message = f"cannot write the HTTP cache at {self.cache.root} ({why}); pages are fetched in full"
                    self.notices.append(Notice("http-cache-unwritable", message))


def _checked_url(url: str, *, redirected: bool) -> Any:
    """``url`` parsed, when it is http(s) with a host; else :class:`FetchFailed`."""
    import httpx2

    try:
        parsed = httpx2.URL(url)
    except (httpx2.InvalidURL, ValueError, TypeError):
        raise FetchFailed("fetch-bad-url", f"{'redirected to an' if redirected else 'an'} invalid URL") from None
    if parsed.scheme not in ("http", "https"):
        where = f"redirected to {shown(url)}: " if redirected else ""
        raise FetchFailed("fetch-refused", f"{where}only http and https URLs are fetched")
    if not parsed.host:
        raise FetchFailed("fetch-bad-url", f"{'redirected to a' if redirected else 'a'} URL without a host")
    return parsed


def _media_kind(content_type: str | None) -> str:
    """How a body of this media type is read; :class:`FetchFailed` for what is no page, text or feed."""
    media = (content_type or "").split(";")[0].strip().lower()
    if not media:
        return "sniff"
    kind = MEDIA_KINDS.get(media)
    if kind is None and media.endswith("+xml"):
        kind = "xml"
    if kind is None:
        raise FetchFailed("fetch-not-text", f"is {media}, not a web page, text or feed; left out")
    return kind


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset.strip().strip('"').lower() or None if isinstance(charset, str) else None


def _page(url: str, content_type: str | None, body: bytes, *, cached: bool) -> Page:
    return Page(url, url, _media_kind(content_type), _charset(content_type), body, cached)


def _asked(page: Page, asked: str) -> Page:
    """The page as the answer to ``asked`` (its ``final_url`` stays where the body came from)."""
    return Page(asked, page.final_url, page.kind, page.charset, page.body, page.cached)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
