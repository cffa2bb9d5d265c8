#!/usr/bin/env python3
"""Serve a folder of articles as a small news site with an RSS feed, on this machine only.

    python scripts/serve_feed.py FOLDER [--port 8000] [--host 127.0.0.1]

Every ``.txt`` or ``.md`` file in FOLDER is an article at ``/<name>.html`` (its
lines as paragraphs, its file name as the title), and ``/feed.xml`` lists
them all, oldest first, each dated by its file's modification time.  The
folder is read again on every request, so copying one more file in is "one
more article arrives".  Pages and the feed carry an ETag and Last-Modified and
answer ``304 Not Modified`` to a conditional request, like a real site.

The first line printed is the feed's URL (with ``--port 0`` the system picks
a free port).  Used by the README's follow-up example and by
``python -m benchmarks fetch``; standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import sys
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

SUFFIXES = (".txt", ".md")


def articles(folder: Path) -> list[Path]:
    """The folder's articles, oldest first (by modification time, then name)."""
    files = [p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file() and not p.name.startswith(".")]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def page(path: Path) -> bytes:
    text = path.read_text(encoding="utf-8", errors="replace")
    paragraphs = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    title = html.escape(path.stem)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>\n{paragraphs}\n</article></body></html>"
    ).encode()


def feed(folder: Path, base: str) -> bytes:
    items = "".join(
        f"<item><title>{escape(p.stem)}</title><link>{escape(base)}/{escape(p.stem)}.html</link>"
        f"<guid>{escape(base)}/{escape(p.stem)}.html</guid>"
        f"<pubDate>{formatdate(p.stat().st_mtime, usegmt=True)}</pubDate></item>"
        for p in articles(folder)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(folder.name)}</title><link>{escape(base)}/</link>"
        f"<description>Articles in {escape(folder.name)}</description>{items}</channel></rss>"
    ).encode()


def handler(folder: Path) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            host, port = self.server.server_address[:2]
            base = f"http://{self.headers.get('Host') or f'{host}:{port}'}"
            if path == "/feed.xml":
                body, kind = feed(folder, base), "application/rss+xml"
                stamp = max((p.stat().st_mtime for p in articles(folder)), default=0.0)
            else:
                by_name = {f"/{p.stem}.html": p for p in articles(folder)}  # no path from the request is opened
                if path not in by_name:
                    self._send(404, b"not found", "text/plain; charset=utf-8", {})
                    return
                body, kind = page(by_name[path]), "text/html; charset=utf-8"
                stamp = by_name[path].stat().st_mtime
            validators = {
                "ETag": f'"{hashlib.sha256(body).hexdigest()[:16]}"',
                "Last-Modified": formatdate(stamp, usegmt=True),
            }
            if self.headers.get("If-None-Match") == validators["ETag"]:
                self._send(304, b"", None, validators)
            else:
                self._send(200, body, kind, validators)

        def _send(self, status: int, body: bytes, kind: str | None, headers: dict[str, str]) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: only here)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    server = ThreadingHTTPServer((args.host, args.port), handler(args.folder.resolve()))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print(f"http://{host}:{port}/feed.xml", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
