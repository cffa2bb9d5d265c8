"""Which addresses a fetch may connect to: public ones only, unless private ones are allowed.

A URL from a feed, a page or a redirect may point at a service only this
machine can reach: a router's admin page, a cloud metadata endpoint
(169.254.169.254), a database on localhost.  Fetching it on someone's behalf
is server-side request forgery.  So every connection resolves its host,
checks *every* address the name resolves to, and then connects to one of
those checked addresses itself: the check and the connection use the same
resolution, so a name that resolves to a public address for the check and to
a private one for the connection (DNS rebinding) cannot slip through.  A
redirect opens a new connection and is checked the same way.

The check lives in the connection layer (an httpcore network backend), so no
code path of the HTTP client can connect without it.  Proxies from the
environment are not used: a proxy would make the proxy, not the page, the
address that is checked.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

__all__ = ["AddressPolicy", "AddressRefused", "guarded_transport"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(Exception):
    """A host resolves to an address the policy does not allow; nothing was sent to it."""

    def __init__(self, host: str, address: str, why: str) -> None:
        bare = host.strip("[]")
        said = f"is {why} address" if bare == address else f"resolves to {why} address {address}"
        super().__init__(f"{host} {said}")
        self.host = host
        self.address = address
        self.why = why


class AddressPolicy:
    """Public addresses always; private, loopback, link-local... only where allowed.

    ``allow_private`` is ``False`` (public addresses only), ``True`` (any
    address), or networks to allow besides the public ones, e.g.
    ``["10.1.0.0/16"]`` for an intranet or ``["127.0.0.1"]`` for a local test
    server.
    """

    def __init__(self, allow_private: bool | Iterable[str] = False) -> None:
        self.allow_all = allow_private is True
        if isinstance(allow_private, bool):
            self.networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
        else:
            self.networks = tuple(ipaddress.ip_network(n, strict=False) for n in allow_private)

    def refusal(self, address: IPAddress) -> str | None:
        """Why ``address`` may not be reached (``"a private"``, ...), or ``None`` when it may."""
        if self.allow_all or any(address in n for n in self.networks if n.version == address.version):
            return None
        return non_public(address)

    def check(self, host: str, addresses: Iterable[str]) -> None:
        """Raise :class:`AddressRefused` unless every address is allowed."""
        for text in addresses:
            why = self.refusal(ipaddress.ip_address(text))
            if why is not None:
                raise AddressRefused(host, text, why)


def non_public(address: IPAddress) -> str | None:
    """What kind of non-public address this is, or ``None`` for a public (globally routable) one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    checks = (
        (address.is_loopback, "a loopback"),
        (address.is_link_local, "a link-local"),
        (address.is_private, "a private"),
        (address.is_unspecified, "an unspecified"),
        (address.is_multicast, "a multicast"),
        (address.is_reserved, "a reserved"),
        (not address.is_global, "a non-public"),
    )
    return next((why for hit, why in checks if hit), None)


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to for TCP, in resolver order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def guarded_transport(policy: AddressPolicy, *, max_connections: int) -> Any:
    """An ``httpx2.HTTPTransport`` whose every connection goes through ``policy``.

    httpx2's transport takes no network backend, so its connection pool is
    replaced by one with the guarded backend (the attribute is checked, so a
    future httpx2 that renames it fails loudly here rather than unguarded).
    """
    import httpcore2
    import httpx2

    class GuardedBackend(httpcore2.SyncBackend):
        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> Any:
            try:
                addresses = resolve(host, port)
            except (OSError, UnicodeError) as exc:
                raise httpcore2.ConnectError(f"cannot resolve {host} ({exc})") from None
            policy.check(host, addresses)
            error: Exception | None = None
            for address in addresses:
                try:
                    return super().connect_tcp(address, port, timeout, local_address, socket_options)
                except httpcore2.ConnectError as exc:
                    error = exc
            raise error or httpcore2.ConnectError(f"{host} resolves to no address")

    transport = httpx2.HTTPTransport(trust_env=False)
    if not hasattr(transport, "_pool"):
        raise RuntimeError("this httpx2 version keeps its connection pool elsewhere; the address guard cannot attach")
    transport._pool = httpcore2.ConnectionPool(
        ssl_context=httpx2.create_ssl_context(trust_env=False),
        max_connections=max_connections,
        max_keepalive_connections=max_connections,
        keepalive_expiry=5.0,
        network_backend=GuardedBackend(),
    )
    return transport
