"""A programmable HTTP server on 127.0.0.1 for the fetch and feed tests, and a guard against any other network.

``LocalServer`` serves routes that tests declare (pages, feeds, redirects, slow
and huge bodies, wrong content types, broken encodings), answers conditional
requests for routes with an ETag or Last-Modified, and logs every request, so
a test can assert what was (not) asked and what was (not) sent.  Everything
it does is bounded: slow bodies stop after a few seconds by themselves.

``no_network`` (a fixture) makes any connection to an address other than the
loopback one, and any name lookup other than of ``localhost`` or a literal
address, fail the test at once: no test can reach the internet, or any private
network, even through a bug.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Logged:
    """One request as the server saw it, and what it answered."""

    path: str
    headers: dict[str, str]
    status: int = 0
    body_bytes: int = 0


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    write: Callable[[BaseHTTPRequestHandler, Logged], None] | None = None
    """Writes the whole response itself (slow, endless, hanging responses)."""
    delay: float = 0.0


class LocalServer:
    """Routes by path, a request log, and a counter of requests in flight at once."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Logged] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **kwargs: object) -> str:
        """Serve ``body`` at ``path`` (options: :class:`Route` fields); returns the URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.route(path, status=status, content_type=None, headers={"Location": to})

    def requests(self, path: str) -> list[Logged]:
        return [r for r in self.log if r.path == path]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up mid-request (as timeouts and size limits make it) is expected


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            logged = Logged(self.path, {k.lower(): v for k, v in self.headers.items()})
            with server._lock:
                server.log.append(logged)
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
            try:
                self._answer(logged)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should on slow or huge bodies
            finally:
                with server._lock:
                    server.in_flight -= 1

        def _answer(self, logged: Logged) -> None:
            route = server.routes.get(self.path.split("?")[0])
            if route is None:
                route = Route(status=404, body=b"not here", content_type="text/plain")
            if route.delay:
                time.sleep(route.delay)
            if route.write is not None:
                route.write(self, logged)
                return
            validators = {}
            if route.etag:
                validators["ETag"] = route.etag
            if route.last_modified:
                validators["Last-Modified"] = route.last_modified
            unchanged = (route.etag and logged.headers.get("if-none-match") == route.etag) or (
                route.last_modified and logged.headers.get("if-modified-since") == route.last_modified
            )
            status, body = (304, b"") if unchanged else (route.status, route.body)
            self.send_response(status)
            if route.content_type and status != 304:
                self.send_header("Content-Type", route.content_type)
            for key, value in {**validators, **route.headers}.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            logged.status, logged.body_bytes = status, len(body)  # before the client can read it: tests look at once
            self.end_headers()
            self.wfile.write(body)

    return Handler


# -- responses that write themselves -----------------------------------------------


def trickle(chunk: bytes = b"<p>slow</p>", every: float = 0.05, at_most: float = 3.0) -> Route:
    """A 200 whose body arrives a few bytes at a time, for at most ``at_most`` seconds."""

    def write(h: BaseHTTPRequestHandler, logged: Logged) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        logged.status = 200
        end = time.monotonic() + at_most
        while time.monotonic() < end:
            h.wfile.write(chunk)
            h.wfile.flush()
            logged.body_bytes += len(chunk)
            time.sleep(every)

    return Route(write=write)


def silent(at_most: float = 3.0) -> Route:
    """A server that accepts the request and says nothing for ``at_most`` seconds."""

    def write(h: BaseHTTPRequestHandler, logged: Logged) -> None:
        time.sleep(at_most)

    return Route(write=write)


def endless(chunk_size: int = 64 * 1024, at_most_bytes: int = 64 * 1024 * 1024) -> Route:
    """A 200 without Content-Length that keeps sending (bounded at ``at_most_bytes``)."""

    def write(h: BaseHTTPRequestHandler, logged: Logged) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        h.send_header("Connection", "close")
        h.end_headers()
        logged.status = 200
        chunk = b"x" * (chunk_size - 1) + b"\n"
        while logged.body_bytes < at_most_bytes:
            h.wfile.write(chunk)
            logged.body_bytes += len(chunk)
        h.close_connection = True

    return Route(write=write)


# -- fixtures ------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.stop()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Fail on any connection but to the loopback address; returns the connections tried."""
    tried: list[tuple[str, int]] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        tried.append((str(host), int(address[1]) if isinstance(address, tuple) else 0))
        if isinstance(address, tuple) and not ipaddress.ip_address(host).is_loopback:
            raise AssertionError(f"a test tried to connect to {host}")
        real_connect(self, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        try:
            ipaddress.ip_address(name.strip("[]"))
        except ValueError:
            if name != "localhost":
                raise AssertionError(f"a test tried to look up {name}") from None
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return tried
