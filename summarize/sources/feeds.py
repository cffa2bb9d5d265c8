"""RSS and Atom feeds: telling a feed, its entries, their dates, and which entries carry the article itself.

Parsing is feedparser's (RSS 0.9x/1.0/2.0 and Atom, with its lenient handling
of broken feeds, relative links resolved against the feed's URL, and
sanitized HTML).  It is always handed the feed's bytes or text, never a name:
given a string that looks like a URL or a path, feedparser would open it.

An entry becomes a source in one of two ways: when the feed carries the full
text (content or summary of at least :data:`FULL_TEXT_WORDS` words), that
text is the source; otherwise the entry's link is fetched, as a page.  ``since``
keeps entries published (or updated) at or after a moment, ``max_items`` the
newest few; entries without a date are kept, with a notice, since their age
cannot be told.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from ..errors import InputError
from ..text import count_words

__all__ = ["FULL_TEXT_WORDS", "Entry", "FeedError", "choose", "iso", "looks_like_feed", "parse_feed", "parse_since"]

FULL_TEXT_WORDS = 150
"""An entry whose content has this many words is the article, not a teaser: feed summaries run 20-80
words, news articles several hundred."""

_PROLOG = re.compile(r"\s*(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.IGNORECASE | re.DOTALL)
_ROOT = re.compile(r"\s*<(?:rss|feed|rdf:RDF|RDF)[\s>/]", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


class FeedError(Exception):
    """The text looked like a feed but is not one feedparser can read."""


@dataclass(frozen=True)
class Entry:
    """One feed entry: what a source needs from it."""

    title: str | None
    link: str | None
    date: datetime | None
    """Published (or else updated) time, in UTC."""
    content: str | None
    """The entry's longest content or summary (HTML or text), as feedparser sanitized it."""

    @property
    def full_text(self) -> bool:
        """Whether the feed carries the article itself, so the link need not be fetched."""
        return self.content is not None and count_words(_TAG.sub(" ", self.content)) >= FULL_TEXT_WORDS

    @property
    def label(self) -> str:
        """How messages name the entry."""
        return repr(self.title) if self.title else self.link or "an entry without title or link"


def looks_like_feed(head: str) -> bool:
    """Whether text starts (after an XML declaration, comments, a doctype) with an RSS, RDF or Atom root."""
    text = head.lstrip("\ufeff")
    position = 0
    while (match := _PROLOG.match(text, position)) is not None:
        position = match.end()
    return bool(_ROOT.match(text, position))


def parse_feed(data: str | bytes, base_url: str | None) -> list[Entry]:
    """The entries of a feed, in feed order; :class:`FeedError` when it is not a readable feed."""
    import feedparser

    raw = data.encode("utf-8") if isinstance(data, str) else data
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(raw), response_headers=headers)
    if parsed.get("bozo") and not parsed.get("entries") and not parsed.get("feed"):
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not a readable feed ({' '.join(str(reason).split())[:160]})")
    return [_entry(e) for e in parsed.get("entries", [])]


def _entry(raw: Any) -> Entry:
    candidates = [c.get("value") for c in raw.get("content", []) if isinstance(c, dict)]
    candidates.append(raw.get("summary"))
    texts: list[str] = [t for t in candidates if isinstance(t, str) and t.strip()]
    content = max(texts, key=len) if texts else None
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    when = datetime(stamp[0], stamp[1], stamp[2], stamp[3], stamp[4], stamp[5], tzinfo=timezone.utc) if stamp else None
    title = raw.get("title")
    link = raw.get("link")
    return Entry(
        " ".join(title.split()) or None if isinstance(title, str) else None,
        link.strip() or None if isinstance(link, str) else None,
        when,
        content,
    )


def choose(entries: list[Entry], *, since: datetime | None, max_items: int | None) -> tuple[list[Entry], int]:
    """Entries at or after ``since``, the ``max_items`` newest of them, in feed order; and how many are undated.

    Undated entries are kept when ``since`` is given (their age cannot be
    told) and count as the oldest for ``max_items``.
    """
    kept = [e for e in entries if since is None or e.date is None or e.date >= since]
    undated = sum(e.date is None for e in kept) if since is not None else 0
    if max_items is not None and len(kept) > max_items:
        oldest = datetime.min.replace(tzinfo=timezone.utc)
        newest = sorted(range(len(kept)), key=lambda i: (kept[i].date or oldest, -i), reverse=True)[:max_items]
        kept = [kept[i] for i in sorted(newest)]
    return kept, undated


def parse_since(value: str | date | datetime | None) -> datetime | None:
    """A ``since`` bound as an aware UTC datetime: a date is its midnight (UTC), a naive time is UTC."""
    if value is None or isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        text = text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise InputError(
                f"since must be a date or time like 2026-11-23 or 2026-11-23T08:00:00Z, not {value!r}"
            ) from None
    else:
        raise InputError(f"since must be a date, a datetime or an ISO 8601 string, not a {type(value).__name__}")
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def iso(moment: datetime) -> str:
    """How a source's ``date`` shows an entry's time: ISO 8601 in UTC, ``Z`` for the zone."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
