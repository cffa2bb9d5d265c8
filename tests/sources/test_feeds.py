"""RSS and Atom feeds as sources: entries fetched or taken whole, ``since`` and ``max_items``, bad feeds.

Only a local server on 127.0.0.1, as in ``test_fetch.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from local_server import LocalServer

from summarize.errors import InputError, SourceError
from summarize.sources import read_sources
from summarize.sources.feeds import FULL_TEXT_WORDS, looks_like_feed, parse_since

ALLOW = ["127.0.0.1/32"]


@pytest.fixture(autouse=True)
def _guarded(no_network: list[tuple[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "cache"))


def page(title: str, day: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>Negotiators met again on {day} in London to discuss export controls and rare earth magnets.</p>"
        f"<p>Both delegations said on {day} that the meetings had been long, detailed and constructive.</p>"
        "</article></body></html>"
    )


def rss(items: list[tuple[str, str, str | None]], *, extra: str = "") -> str:
    """An RSS 2.0 feed of (title, link, pubDate or None) items."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link>" + (f"<pubDate>{d}</pubDate>" if d else "") + f"{extra}</item>"
        for t, link, d in items
    )
    channel = f"<channel><title>News</title>{body}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'


DAYS = [("Monday", "Mon, 23 Nov 2026 09:00:00 GMT"), ("Tuesday", "Tue, 24 Nov 2026 09:00:00 GMT"),
        ("Wednesday", "Wed, 25 Nov 2026 09:00:00 GMT")]


def serve_rss(server: LocalServer, content_type: str = "application/rss+xml") -> str:
    items = []
    for n, (day, stamp) in enumerate(DAYS):
        server.route(f"/story-{n}.html", page(f"Day {n}", day))
        items.append((f"Entry {n}", f"/story-{n}.html", stamp))  # relative links
    return server.route("/feed.xml", rss(items), content_type=content_type)


def test_an_rss_feed_gives_one_source_per_entry_with_entry_title_and_date(server: LocalServer) -> None:
    sources, warnings = read_sources([serve_rss(server)], allow_private=ALLOW)
    assert not warnings
    assert [s.id for s in sources] == ["story-0", "story-1", "story-2"]
    assert [s.title for s in sources] == ["Entry 0", "Entry 1", "Entry 2"]
    assert [s.date for s in sources] == ["2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z", "2026-11-25T09:00:00Z"]
    assert sources[1].url == server.url("/story-1.html")
    assert "Tuesday" in sources[1].text


@pytest.mark.parametrize("content_type", ["application/xml", "text/xml", "text/plain", "text/html", None])
def test_a_feed_is_told_by_its_content_whatever_its_content_type(server: LocalServer, content_type: str | None) -> None:
    sources, _ = read_sources([serve_rss(server, content_type)], allow_private=ALLOW)  # type: ignore[arg-type]
    assert len(sources) == 3


def test_since_and_max_items_bound_the_entries(server: LocalServer) -> None:
    feed = serve_rss(server)
    since, _ = read_sources([feed], allow_private=ALLOW, since="2026-11-24")
    assert [s.title for s in since] == ["Entry 1", "Entry 2"]
    assert not server.requests("/story-0.html")  # an entry left out is never fetched
    newest, _ = read_sources([feed], allow_private=ALLOW, max_items=1)
    assert [s.title for s in newest] == ["Entry 2"]
    both, _ = read_sources([feed], allow_private=ALLOW, since="2026-11-23T12:00:00+00:00", max_items=1)
    assert [s.title for s in both] == ["Entry 2"]


def test_nothing_since_the_date_is_a_source_error(server: LocalServer) -> None:
    with pytest.raises(SourceError, match="no entry since 2026-12-01"):
        read_sources([serve_rss(server)], allow_private=ALLOW, since="2026-12-01")


def test_undated_entries_are_kept_with_a_notice_when_since_is_given(server: LocalServer) -> None:
    server.route("/a.html", page("A", "Monday"))
    feed = server.route("/feed.xml", rss([("Undated", "/a.html", None)]), content_type="application/rss+xml")
    sources, warnings = read_sources([feed], allow_private=ALLOW, since="2026-11-24")
    assert len(sources) == 1 and [w.code for w in warnings] == ["feed-undated"]


def article_words(n: int) -> str:
    sentence = "The negotiators worked through night {} on the text of a framework for the export controls."
    return "".join(f"<p>{sentence.format(k)}</p>" for k in range(n // len(sentence.split()) + 1))


def test_full_text_entries_are_taken_from_the_feed_without_fetching_links(server: LocalServer) -> None:
    full = article_words(FULL_TEXT_WORDS)
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2026-11-24T10:00:00Z</updated>
<entry><title>Whole story</title><id>urn:1</id><link href="{server.url("/never.html")}"/>
<updated>2026-11-24T10:00:00Z</updated><content type="html">{full.replace("<", "&lt;")}</content></entry>
<entry><title>Teaser</title><id>urn:2</id><link href="{server.url("/teaser-story.html")}"/>
<updated>2026-11-24T11:00:00Z</updated>
<summary>Short teaser of twelve words about the export controls talks in London.</summary></entry>
</feed>"""
    server.route("/teaser-story.html", page("Teaser page", "Tuesday"))
    feed = server.route("/atom", atom, content_type="application/atom+xml")
    sources, warnings = read_sources([feed], allow_private=ALLOW)
    assert not warnings
    assert [s.title for s in sources] == ["Whole story", "Teaser"]
    assert sources[0].text.startswith("The negotiators worked through night 0")
    assert sources[0].url == server.url("/never.html")
    assert not server.requests("/never.html") and server.requests("/teaser-story.html")


def test_failing_entry_links_are_left_out_with_notices(server: LocalServer) -> None:
    server.route("/ok.html", page("OK", "Monday"))
    items = [("OK", "/ok.html", None), ("Gone", "/gone.html", None), ("Private", "http://10.0.0.1/x", None)]
    feed = server.route("/feed.xml", rss(items), content_type="application/rss+xml")
    sources, warnings = read_sources([feed], allow_private=ALLOW)
    assert [s.title for s in sources] == ["OK"]
    assert [w.code for w in warnings] == ["fetch-http-error", "fetch-refused"]


def test_a_local_feed_file_fetches_its_entry_links(server: LocalServer, tmp_path: Path) -> None:
    server.route("/a.html", page("A", "Monday"))
    feed = tmp_path / "feed.xml"
    feed.write_text(rss([("A", server.url("/a.html"), None)]), encoding="utf-8")
    sources, warnings = read_sources([str(feed)], allow_private=ALLOW)
    assert [s.title for s in sources] == ["A"] and not warnings


def test_an_entry_also_named_as_an_input_is_read_once(server: LocalServer) -> None:
    feed = serve_rss(server)
    sources, warnings = read_sources([server.url("/story-0.html"), feed], allow_private=ALLOW)
    assert len(sources) == 3 and [w.code for w in warnings] == ["read-once"]
    assert len(server.requests("/story-0.html")) == 1


def test_broken_empty_and_nested_feeds(server: LocalServer) -> None:
    good = server.route("/good.html", page("Good", "Monday"))
    xml = "application/rss+xml"
    broken = server.route("/broken.xml", '<?xml version="1.0"?><rss version="2.0"><channel', content_type=xml)
    cut = server.route("/cut.xml", '<?xml version="1.0"?><rss><channel><item><title>x', content_type=xml)
    empty = server.route("/empty.xml", rss([]), content_type=xml)
    server.route("/inner.xml", rss([]), content_type=xml)
    nested = server.route("/outer.xml", rss([("Inner", "/inner.xml", None)]), content_type=xml)
    sources, warnings = read_sources([good, broken, cut, empty, nested], allow_private=ALLOW)
    assert [s.title for s in sources] == ["Good"]
    assert [w.code for w in warnings] == ["feed-invalid", "feed-entry-without-link", "feed-empty", "feed-in-feed"]


def test_a_feed_with_more_entries_than_the_source_limit_is_refused_before_fetching(server: LocalServer) -> None:
    items = [(f"E{n}", f"/e{n}.html", None) for n in range(6)]
    feed = server.route("/feed.xml", rss(items), content_type="application/rss+xml")
    with pytest.raises(InputError, match="--max-items"):
        read_sources([feed], allow_private=ALLOW, max_sources=5)
    assert [r.path for r in server.log] == ["/feed.xml"]


def test_looks_like_feed() -> None:
    assert looks_like_feed('<?xml version="1.0"?>\n<!-- generated --><rss version="2.0">')
    assert looks_like_feed('<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed("\ufeff<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed("<html><body>rss</body></html>")
    assert not looks_like_feed("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>")


def test_parse_since() -> None:
    assert parse_since("2026-11-24").isoformat() == "2026-11-24T00:00:00+00:00"  # type: ignore[union-attr]
    assert parse_since("2026-11-24T08:30:00Z").isoformat() == "2026-11-24T08:30:00+00:00"  # type: ignore[union-attr]
    assert parse_since("2026-11-24T10:30:00+02:00").isoformat() == "2026-11-24T08:30:00+00:00"  # type: ignore[union-attr]
    with pytest.raises(InputError, match="since must be a date"):
        parse_since("last tuesday")
