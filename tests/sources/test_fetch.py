"""URLs as sources: the HTTP client's limits, its address guard, its cache, and pages becoming sources.

Every test talks only to a server on 127.0.0.1 that it starts itself
(``local_server``), and ``no_network`` fails any test that tries to connect
anywhere else or to look up a name.  Reaching 127.0.0.1 needs
``allow_private`` (``ALLOW_TEST_SERVER`` allows exactly that address), and
the default refusing it is a test of its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from local_server import LocalServer, endless, silent, trickle

from summarize import __version__
from summarize.errors import InputError, SourceError
from summarize.sources import HttpCache, read_sources
from summarize.sources.fetch import Fetcher, FetchFailed
from summarize.sources.naming import shown
from summarize.sources.web import url_stem

ALLOW_TEST_SERVER = ["127.0.0.1/32"]
"""The one private address the tests may reach: their own server."""

ARTICLE = """<!doctype html><html><head><title>Talks resume in London</title>
<meta property="article:published_time" content="2026-11-20"></head><body>
<nav>Home | World | Business</nav>
<article><h1>Talks resume in London</h1>
<p>Trade negotiators from the two countries met in London on Tuesday for a second day of talks on export controls.</p>
<p>The delegations discussed rare earth magnets, chip design software and the schedule for the next round.</p>
<p>Officials on both sides said the meetings had been constructive and that they expected a joint statement.</p>
</article><script>alert("never in the text")</script></body></html>"""


@pytest.fixture(autouse=True)
def _guarded(no_network: list[tuple[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "cache"))


def read(urls: list[str], **kwargs: object):
    kwargs.setdefault("allow_private", ALLOW_TEST_SERVER)
    return read_sources(urls, **kwargs)  # type: ignore[arg-type]


def codes(notices) -> list[str]:
    return [n.code for n in notices]


# -- pages -----------------------------------------------------------------------------


def test_a_page_becomes_a_source_with_title_date_and_url(server: LocalServer) -> None:
    url = server.route("/world/talks-resume.html", ARTICLE)
    sources, warnings = read([url])
    assert not warnings
    [source] = sources
    assert source.id == "talks-resume"
    assert source.url == url and source.path is None
    assert source.title == "Talks resume in London"
    assert source.date == "2026-11-20"
    assert "second day of talks" in source.text
    assert "alert" not in source.text and "Home | World" not in source.text


def test_requests_name_summarize_and_its_version(server: LocalServer) -> None:
    read([server.route("/a.html", ARTICLE)])
    agent = server.log[0].headers["user-agent"]
    assert agent.startswith(f"summarize/{__version__} ")


def test_private_addresses_are_refused_by_default_and_nothing_is_sent(server: LocalServer) -> None:
    url = server.route("/a.html", ARTICLE)
    for address in (url, url.replace("127.0.0.1", "localhost")):
        with pytest.raises(SourceError, match=r"loopback address.*--allow-private") as error:
            read_sources([address])
        assert "\n" not in str(error.value)
    assert server.log == []


def test_allow_private_true_reaches_the_local_server(server: LocalServer) -> None:
    sources, _ = read([server.route("/a.html", ARTICLE)], allow_private=True)
    assert len(sources) == 1


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin", "http://[::1]:9/"])
def test_a_redirect_to_a_private_address_is_refused_without_connecting(
    server: LocalServer, no_network: list[tuple[str, int]], target: str
) -> None:
    good = server.route("/good.html", ARTICLE)
    bad = server.redirect("/moved", target)
    sources, warnings = read([good, bad])
    assert [s.url for s in sources] == [good]
    [notice] = warnings
    assert notice.code == "fetch-refused"
    assert "redirected to" in notice.message and "address" in notice.message
    assert all(host == "127.0.0.1" for host, _ in no_network)


def test_redirects_are_followed_and_the_final_url_is_kept(server: LocalServer) -> None:
    final = server.route("/story.html", ARTICLE)
    server.redirect("/r2", final, status=301)
    start = server.redirect("/r1", "/r2", status=307)  # relative Location
    [source], _ = read([start])
    assert source.url == final


def test_too_many_redirects_and_other_schemes_are_left_out(server: LocalServer) -> None:
    good = server.route("/good.html", ARTICLE)
    for n in range(8):
        server.redirect(f"/loop{n}", f"/loop{n + 1}")
    server.redirect("/to-file", "file:///etc/passwd")
    sources, warnings = read([good, server.url("/loop0"), server.url("/to-file")])
    assert len(sources) == 1
    assert codes(warnings) == ["fetch-redirects", "fetch-refused"]
    assert "only http and https" in warnings[1].message


def test_a_file_url_input_is_an_error() -> None:
    with pytest.raises(SourceError, match="only http and https"):
        read_sources(["file:///etc/passwd"])


def test_a_slow_or_silent_server_times_out(server: LocalServer) -> None:
    good = server.route("/good.html", ARTICLE)
    server.routes["/slow"] = trickle()
    server.routes["/silent"] = silent()
    sources, warnings = read([good, server.url("/slow"), server.url("/silent")], timeout=0.5)
    assert len(sources) == 1
    assert codes(warnings) == ["fetch-timeout", "fetch-timeout"]


def test_huge_bodies_are_refused_not_truncated(server: LocalServer) -> None:
    good = server.route("/good.html", ARTICLE)
    big = server.route("/big.txt", b"word " * 50_000, content_type="text/plain")
    server.routes["/endless"] = endless()
    sources, warnings = read([good, big, server.url("/endless")], max_bytes=100_000)
    assert len(sources) == 1
    assert codes(warnings) == ["fetch-too-large", "fetch-too-large"]
    assert "(244.1 KB)" in warnings[0].message  # refused from its Content-Length
    assert server.requests("/endless")[0].body_bytes < 64 * 1024 * 1024  # the client hung up early


def test_wrong_content_types(server: LocalServer) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    image = server.route("/photo", png, content_type="image/png")
    fake_html = server.route("/fake.html", png, content_type="text/html")
    pdf = server.route("/doc", b"%PDF-1.7 ...", content_type="application/pdf")
    untyped = server.route("/untyped", ARTICLE, content_type=None)
    octets = server.route("/octets", ARTICLE, content_type="application/octet-stream")
    notes = "Plain notes about the talks in London, written as text."
    text = server.route("/notes.txt", notes, content_type="text/plain")
    sources, warnings = read([image, fake_html, pdf, untyped, octets, text])
    assert codes(warnings) == ["fetch-not-text"] * 3
    assert "image/png" in warnings[0].message and "PNG" in warnings[1].message
    assert [s.id for s in sources] == ["untyped", "octets", "notes"]
    assert sources[0].title == "Talks resume in London"  # sniffed as HTML
    assert sources[2].text.startswith("Plain notes")


def test_http_errors_are_left_out_with_the_status(server: LocalServer) -> None:
    good = server.route("/good.html", ARTICLE)
    gone = server.route("/gone", "gone", status=410, content_type="text/plain")
    sources, warnings = read([good, gone, server.url("/nowhere")])
    assert len(sources) == 1
    assert [n.message for n in warnings] == [f"{gone}: HTTP 410 Gone", f"{server.url('/nowhere')}: HTTP 404 Not Found"]


def test_nothing_left_is_a_source_error_that_quotes_the_notices(server: LocalServer) -> None:
    with pytest.raises(SourceError, match=r"no source has any text \(.*HTTP 404"):
        read([server.url("/nowhere")])


def test_broken_encodings(server: LocalServer) -> None:
    body = "<html><body><article><p>{}</p></article></body></html>"
    text = "The café in Zürich said “no comment” about the talks on Tuesday afternoon, again."
    lying = server.route("/lying.html", body.format(text).encode("cp1252"), content_type="text/html; charset=utf-8")
    latin_type = "text/html; charset=ISO-8859-1"
    latin = server.route("/latin.html", body.format(text).encode("cp1252"), content_type=latin_type)
    meta = "<html><head><meta charset='windows-1252'></head><body><article><p>{}</p></article></body></html>"
    by_meta = server.route("/meta.html", meta.format(text).encode("cp1252"), content_type="text/html")
    unknown = server.route("/unknown.html", body.format(text).encode(), content_type="text/html; charset=klingon")
    sources, warnings = read([lying, latin, by_meta, unknown])
    assert all(text in s.text for s in sources), [s.text for s in sources]
    assert codes(warnings) == ["encoding-declared-wrong", "encoding-declared-unknown"]
    assert "declared utf-8 but is not" in warnings[0].message and "cp1252" in warnings[0].message


def test_one_failing_page_leaves_a_brief_of_the_others(server: LocalServer) -> None:
    from summarize import summarize

    pages = [server.route(f"/p{n}.html", ARTICLE.replace("Tuesday", day)) for n, day in enumerate(["Monday", "Friday"])]
    sources, warnings = read([*pages, server.url("/missing")])
    assert codes(warnings) == ["fetch-http-error"]
    brief = summarize(sources, fuse=False)
    assert brief.sentences


def test_a_url_given_twice_is_read_once(server: LocalServer) -> None:
    url = server.route("/a.html", ARTICLE)
    sources, warnings = read([url, url])
    assert len(sources) == 1 and codes(warnings) == ["read-once"]
    assert len(server.requests("/a.html")) == 1


# -- parallel fetching, progress --------------------------------------------------------


def test_pages_are_fetched_in_parallel_but_at_most_eight_at_once(server: LocalServer) -> None:
    urls = [server.route(f"/p{n}.html", ARTICLE, delay=0.1) for n in range(20)]
    events = []
    sources, _ = read(urls, progress=events.append)
    assert [s.id for s in sources] == [f"p{n}" for n in range(20)]  # input order, whatever finished first
    assert 2 <= server.most_in_flight <= 8
    assert [e.done for e in events] == list(range(1, 21)) and {e.total for e in events} == {20}
    assert {e.outcome for e in events} == {"downloaded"}


# -- the HTTP cache ---------------------------------------------------------------------


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_a_second_run_makes_no_full_download(server: LocalServer, tmp_path: Path, validator: str) -> None:
    value = '"v1"' if validator == "etag" else "Tue, 24 Nov 2026 08:00:00 GMT"
    urls = [server.route(f"/p{n}.html", ARTICLE, **{validator: value}) for n in range(5)]
    cache = tmp_path / "http"
    first, _ = read(urls, cache=cache)
    events = []
    second, warnings = read(urls, cache=cache, progress=events.append)
    assert second == first and not warnings
    answers = [(r.status, r.body_bytes) for r in server.log]
    assert answers[:5] == [(200, len(ARTICLE.encode()))] * 5
    assert answers[5:] == [(304, 0)] * 5
    assert {e.outcome for e in events} == {"cached"}


def test_a_changed_page_is_downloaded_again(server: LocalServer, tmp_path: Path) -> None:
    url = server.route("/a.html", ARTICLE, etag='"v1"')
    read([url], cache=tmp_path)
    server.route("/a.html", ARTICLE.replace("Tuesday", "Wednesday"), etag='"v2"')
    [source], _ = read([url], cache=tmp_path)
    assert "Wednesday" in source.text
    assert [r.status for r in server.log] == [200, 200]
    assert server.log[1].headers["if-none-match"] == '"v1"'


def test_no_store_and_validator_less_responses_are_not_kept(server: LocalServer, tmp_path: Path) -> None:
    urls = [
        server.route("/private.html", ARTICLE, etag='"p"', headers={"Cache-Control": "no-store"}),
        server.route("/plain.html", ARTICLE),
    ]
    read(urls, cache=tmp_path)
    read(urls, cache=tmp_path)
    assert [r.status for r in server.log] == [200, 200, 200, 200]
    assert not any("if-none-match" in r.headers for r in server.log)


def test_a_damaged_cache_entry_is_fetched_in_full(server: LocalServer, tmp_path: Path) -> None:
    url = server.route("/a.html", ARTICLE, etag='"v1"')
    read([url], cache=tmp_path)
    for body in tmp_path.glob("*.body"):
        body.write_bytes(b"trunc")
    [source], _ = read([url], cache=tmp_path)
    assert "second day of talks" in source.text
    assert [r.status for r in server.log] == [200, 200]


def test_cache_false_sends_no_conditional_request(server: LocalServer) -> None:
    url = server.route("/a.html", ARTICLE, etag='"v1"')
    read([url], cache=False)
    read([url], cache=False)
    assert [r.status for r in server.log] == [200, 200]


def test_the_default_cache_lives_under_summarize_cache(server: LocalServer, tmp_path: Path) -> None:
    read([server.route("/a.html", ARTICLE, etag='"v1"')])
    assert list((tmp_path / "cache" / "http").glob("*.json"))


def test_a_cache_that_cannot_be_written_is_one_warning(server: LocalServer, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    urls = [server.route(f"/p{n}.html", ARTICLE, etag='"v1"') for n in range(3)]
    sources, warnings = read(urls, cache=HttpCache(blocker / "http"))
    assert len(sources) == 3 and codes(warnings) == ["http-cache-unwritable"]


# -- the client on its own --------------------------------------------------------------


def test_fetch_failures_carry_codes(server: LocalServer) -> None:
    with Fetcher(max_bytes=1000, allow_private=ALLOW_TEST_SERVER, cache=None) as fetcher:
        results = fetcher.fetch_all([server.url("/x"), "http://"])
    assert all(isinstance(r, FetchFailed) for r in results)
    assert [r.code for r in results] == ["fetch-http-error", "fetch-bad-url"]  # type: ignore[union-attr]


def test_bad_fetch_options_are_input_errors() -> None:
    for kwargs in ({"timeout": 0}, {"allow_private": ["not-a-network"]}, {"max_items": 0}, {"since": "yesterday"}):
        with pytest.raises(InputError):
            read_sources(["x.txt"], **kwargs)  # type: ignore[arg-type]


def test_messages_show_urls_without_credentials_or_control_characters() -> None:
    assert shown("https://user:secret@example.org/a\x1b[31m") == "https://example.org/a%1B[31m"


@pytest.mark.parametrize(
    ("url", "stem"),
    [
        ("https://news.example/2026/11/24/talks-resume.html", "talks-resume"),
        ("https://news.example/", "news.example"),
        ("https://news.example/world/index.html", "news.example-world"),
        ("https://news.example/a%20b?x=1", "a-b"),
    ],
)
def test_url_stems(url: str, stem: str) -> None:
    assert url_stem(url) == stem
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", url_stem(url))


# -- the command line --------------------------------------------------------------------


def _cli(*args: str):
    from click.testing import CliRunner

    from summarize.cli import main

    return CliRunner().invoke(main, ["digest", *args])


def test_cli_digest_of_urls_with_progress_and_a_cached_rerun(server: LocalServer) -> None:
    urls = [server.route(f"/p{n}.html", ARTICLE.replace("Tuesday", day), etag=f'"{n}"') for n, day in enumerate("AB")]
    first = _cli(*urls, "--no-fuse", "--allow-private", "-w", "40")
    assert first.exit_code == 0, first.output
    assert "fetched 2 URLs: 2 downloaded" in first.stderr
    assert f"— {urls[0]}" in first.stdout  # the source list names the URL
    second = _cli(*urls, "--no-fuse", "--allow-private", "-w", "40")
    assert second.stdout == first.stdout
    assert "fetched 2 URLs: 2 unchanged (from the cache)" in second.stderr
    third = _cli(*urls, "--no-fuse", "--allow-private", "-w", "40", "--no-cache", "--quiet")
    assert third.stdout == first.stdout and third.stderr == ""
    assert [r.status for r in server.log] == [200, 200, 304, 304, 200, 200]


def test_cli_refuses_private_addresses_unless_allowed(server: LocalServer) -> None:
    result = _cli(server.route("/a.html", ARTICLE), "--no-fuse")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()[-1:]
    assert line.startswith("summarize: error: no source has any text") and "--allow-private" in line
    assert server.log == []


def test_cli_feed_options(server: LocalServer) -> None:
    items = "".join(
        f"<item><title>Day {n}</title><link>/d{n}.html</link><pubDate>{d} Nov 2026 09:00:00 GMT</pubDate></item>"
        for n, d in enumerate(["Mon, 23", "Tue, 24", "Wed, 25"])
    )
    for n in range(3):
        server.route(f"/d{n}.html", ARTICLE.replace("Tuesday", f"day {n}"))
    feed = server.route("/rss", f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>",
                        content_type="application/rss+xml")
    result = _cli(feed, "--no-fuse", "--allow-private", "--since", "2026-11-24", "--max-items", "1", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [s["title"] for s in json.loads(result.stdout)["sources"]] == ["Day 2"]
    bad = _cli(feed, "--no-fuse", "--since", "soon")
    assert bad.exit_code == 2 and "since must be a date" in bad.output
