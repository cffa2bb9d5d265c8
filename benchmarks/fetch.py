"""``python -m benchmarks fetch``: how fast the HTTP client fetches many local pages, and what a rerun costs.

Writes ``--pages`` articles of ``--kb`` KB into a temporary folder, serves it
with ``scripts/serve_feed.py`` (a separate process on 127.0.0.1, ETag and
Last-Modified on every page), then fetches every page three times:

1. through :class:`summarize.sources.fetch.Fetcher`, 8 requests in parallel,
   into an empty HTTP cache (the floor: 200 pages in at most 10 s);
2. again, with a new fetcher and the same cache: every page must come back
   ``304 Not Modified`` (no full download);
3. through :func:`summarize.read_sources` with the cache warm: fetching plus
   trafilatura's extraction, what ``summarize digest URL...`` pays.

Only this machine is involved: the server listens on 127.0.0.1 and the
fetcher may reach exactly that address.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from summarize.sources import HttpCache, read_sources
from summarize.sources.fetch import WORKERS, Fetcher, FetchFailed

ROOT = Path(__file__).resolve().parents[1]
LOCAL = ["127.0.0.1/32"]

_WORDS = (
    "talks trade export controls delegation minister london tuesday officials agreement magnets rare earths "
    "chips tariffs negotiators framework statement markets investors reporters meeting progress economy"
).split()


def _article(n: int, kb: int, rng: random.Random) -> str:
    lines, size = [f"Article {n}: a report on the talks."], 0
    while size < kb * 1024:
        line = " ".join(rng.choice(_WORDS) for _ in range(24)).capitalize() + "."
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def measure(*, pages: int = 200, kb: int = 20) -> dict[str, Any]:
    rng = random.Random(0)
    with tempfile.TemporaryDirectory(prefix="summarize-fetch-") as tmp:
        folder = Path(tmp) / "site"
        folder.mkdir()
        for n in range(pages):
            (folder / f"page-{n:03d}.txt").write_text(_article(n, kb, rng), encoding="utf-8")
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "serve_feed.py"), str(folder), "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            feed_url = server.stdout.readline().strip()
            base = feed_url.rsplit("/", 1)[0]
            urls = [f"{base}/page-{n:03d}.html" for n in range(pages)]
            cache = HttpCache(Path(tmp) / "cache")
            runs = {}
            for name in ("cold", "warm"):
                with Fetcher(max_bytes=5 * 1024 * 1024, allow_private=LOCAL, cache=cache) as fetcher:
                    started = time.perf_counter()
                    results = fetcher.fetch_all(urls)
                    seconds = time.perf_counter() - started
                outcomes = Counter(
                    "failed" if isinstance(r, FetchFailed) else "cached" if r.cached else "downloaded" for r in results
                )
                body = sum(len(r.body) for r in results if not isinstance(r, FetchFailed) and not r.cached)
                runs[name] = {"seconds": round(seconds, 2), **outcomes, "bytes_downloaded": body}
            started = time.perf_counter()
            sources, warnings = read_sources(urls, allow_private=LOCAL, cache=cache)
            runs["read_sources"] = {
                "seconds": round(time.perf_counter() - started, 2),
                "sources": len(sources),
                "warnings": len(warnings),
            }
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {"pages": pages, "kb": kb, "workers": WORKERS, "runs": runs}


def markdown(result: dict[str, Any]) -> str:
    runs = result["runs"]
    lines = [
        f"fetch: {result['pages']} local pages of {result['kb']} KB, {result['workers']} in parallel",
        "",
        "| run | time | downloaded | unchanged (304) | failed | bytes downloaded |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("cold", "warm"):
        r = runs[name]
        lines.append(
            f"| {name} cache | {r['seconds']} s | {r.get('downloaded', 0)} | {r.get('cached', 0)} | "
            f"{r.get('failed', 0)} | {r['bytes_downloaded']:,} |"
        )
    r = runs["read_sources"]
    lines += ["", f"read_sources (warm cache, with text extraction): {r['seconds']} s, {r['sources']} sources"]
    return "\n".join(lines)
