"""The on-disk HTTP cache: a fetched body kept with its ETag and Last-Modified.

A nightly digest of the same feeds asks for the same pages every night.  Each
successful response that carries a validator (``ETag`` or ``Last-Modified``)
is kept here under a key derived from its URL; the next request for that URL
sends ``If-None-Match`` / ``If-Modified-Since``, and a ``304 Not Modified``
reuses the kept body, so an unchanged page costs a few hundred bytes instead
of a download.  Every request is revalidated (no freshness lifetimes are
trusted), so a changed page is never missed.  Responses marked
``Cache-Control: no-store`` are not kept.

Layout: ``<root>/<key>.json`` (URL, validators, media type, body file and
length) and the body in ``<root>/<key>.<digest>.body``, named by its content,
each written to a temporary file and renamed, body first: a crash, or two
processes storing one URL at once, never leave an entry that points at
another response's body or half of one.  An entry whose body is missing or
not of its recorded length is ignored.  Deleting the
folder (``~/.cache/summarize/http``, or ``$SUMMARIZE_CACHE/http``) is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..cachedir import cache_base

__all__ = ["CacheEntry", "HttpCache", "default_root"]

FORMAT = 1
"""Bumped when the layout of an entry changes; entries of another format are ignored."""


def default_root() -> Path:
    """``$SUMMARIZE_CACHE/http``, or ``~/.cache/summarize/http``."""
    return cache_base() / "http"


@dataclass(frozen=True)
class CacheEntry:
    """A kept response: its validators, media type and where its body is."""

    url: str
    etag: str | None
    last_modified: str | None
    content_type: str | None
    length: int
    body_path: Path

    def conditional_headers(self) -> dict[str, str]:
        """The headers that ask the server to answer 304 when the page is unchanged."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def body(self) -> bytes | None:
        """The kept body, or ``None`` when it is gone or not whole."""
        try:
            data = self.body_path.read_bytes()
        except OSError:
            return None
        return data if len(data) == self.length else None


class HttpCache:
    """Responses kept under ``root``, keyed by URL; safe to share between threads and processes."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    def _key(self, url: str) -> str:
        return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:40]

    def lookup(self, url: str) -> CacheEntry | None:
        """The entry kept for ``url``, or ``None`` (absent, of another format, or damaged)."""
        key = self._key(url)
        try:
            meta = json.loads((self.root / f"{key}.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT or meta.get("url") != url:
                return None
            body_path = self.root / str(meta["body"])
            if body_path.parent != self.root or not body_path.name.startswith(f"{key}."):
                return None
            validators = meta.get("etag"), meta.get("last_modified")
            entry = CacheEntry(url, *validators, meta.get("content_type"), int(meta["length"]), body_path)
            if body_path.stat().st_size != entry.length:
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return entry if (entry.etag or entry.last_modified) else None

    def store(self, url: str, headers: Mapping[str, str], body: bytes) -> bool:
        """Keep a 200 response when it has a validator and allows storing; ``False`` when it was not kept.

        Raises ``OSError`` when the cache cannot be written (the caller warns once).
        """
        etag = headers.get("etag")
        last_modified = headers.get("last-modified")
        key = self._key(url)
        meta_path = self.root / f"{key}.json"
        old = self.lookup(url)
        if "no-store" in headers.get("cache-control", "").lower() or not (etag or last_modified):
            meta_path.unlink(missing_ok=True)  # an older entry would now be stale
            return False
        self.root.mkdir(parents=True, exist_ok=True)
        body_path = self.root / f"{key}.{hashlib.sha256(body).hexdigest()[:16]}.body"
        meta = {
            "format": FORMAT,
            "url": url,
            "etag": etag,
            "last_modified": last_modified,
            "content_type": headers.get("content-type"),
            "body": body_path.name,
            "length": len(body),
        }
        _write_atomically(body_path, body)
        _write_atomically(meta_path, json.dumps(meta).encode("utf-8"))
        if old is not None and old.body_path != body_path:
            old.body_path.unlink(missing_ok=True)
        return True


def _write_atomically(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
