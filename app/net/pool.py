"""Which httpx.AsyncClient a profile's requests go through.

httpx fixes the proxy per client, so there is one client per proxy route, created on first use and shared
by every profile that routes the same way: "direct" (no proxy, environment ignored), "system" (HTTP(S)_PROXY
/ NO_PROXY and the OS settings, as httpx reads them), or one explicit proxy URL. Loopback hosts always go
direct: httpx ignores the OS bypass list, and a local Ollama sent through a corporate proxy fails.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from app.core.errors import ChatError, ErrorKind
from app.core.models import PROXY_NONE, PROXY_SYSTEM, Profile

if TYPE_CHECKING:
    import ssl

    import httpx
else:
    from app.net.lazy import httpx  # imported when the first client is made (an idle window has none)

ClientFactory = Callable[[str, "ssl.SSLContext"], "httpx.AsyncClient"]


class _Connection(Protocol):
    """The part of httpcore's connection interface that `HttpPool.stats` reads."""

    def is_closed(self) -> bool: ...
    def is_idle(self) -> bool: ...
    async def aclose(self) -> None: ...


_MAX_CONNECTIONS, _MAX_KEEPALIVE, _KEEPALIVE_EXPIRY_S = 20, 10, 30.0


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def route_for(profile: Profile) -> str:
    """The proxy route key: "direct", "system" or the proxy URL."""
    if is_loopback(profile.base_url) or profile.proxy == PROXY_NONE:
        return "direct"
    if profile.proxy == PROXY_SYSTEM:
        return "system"
    return profile.proxy


def _default_factory(route: str, tls: ssl.SSLContext) -> httpx.AsyncClient:
    limits = httpx.Limits(
        max_connections=_MAX_CONNECTIONS,
        max_keepalive_connections=_MAX_KEEPALIVE,
        keepalive_expiry=_KEEPALIVE_EXPIRY_S,
    )
    common: dict[str, object] = {
        "limits": limits,
        "follow_redirects": False,
        "http1": True,
        "verify": tls,  # the pool's, shared (HttpPool.tls_context)
    }
    try:
        if route == "direct":
            return httpx.AsyncClient(trust_env=False, **common)  # type: ignore[arg-type]
        if route == "system":
            return httpx.AsyncClient(trust_env=True, **common)  # type: ignore[arg-type]
        return httpx.AsyncClient(trust_env=False, proxy=route, **common)  # type: ignore[arg-type]
    except ImportError:
        # A socks5:// proxy (the profile's, or ALL_PROXY) in an install without httpx's socks extra.
        where = "ALL_PROXY / HTTPS_PROXY" if route == "system" else "the profile's proxy"
        raise ChatError(
            ErrorKind.CONNECTION,
            f"{where} is a SOCKS proxy, and this installation lacks SOCKS support "
            "(install it with: pip install 'httpx[socks]'), or use an HTTP proxy (http://HOST:PORT).",
        ) from None


def _tls_source(*, trust_env: bool) -> tuple[str, str]:
    """Which CA certificates a context made for `trust_env` trusts: ("", "") is certifi's bundle."""
    if not trust_env:
        return ("", "")
    return (os.environ.get("SSL_CERT_FILE", ""), os.environ.get("SSL_CERT_DIR", ""))


@dataclass(frozen=True)
class PoolStats:
    """What the pool holds right now, as httpcore sees it."""

    open: int  # connections whose socket is not closed: connecting, carrying a request, or idle
    busy: int  # of those, the ones connecting or carrying a request


class HttpPool:
    """Owns the shared clients. Close it once, at shutdown."""

    def __init__(self, factory: ClientFactory = _default_factory) -> None:
        self._factory = factory
        self._clients: dict[str, httpx.AsyncClient] = {}
        # TLS contexts by the CA certificates they trust (_tls_source), shared by the clients: each one made
        # loads certifi's ~150 CA certificates, ~25-50 ms and ~1 MB.
        self._tls: dict[tuple[str, str], ssl.SSLContext] = {}

    def client_for(self, profile: Profile) -> httpx.AsyncClient:
        route = route_for(profile)
        client = self._clients.get(route)
        if client is None:
            tls = self.tls_context(trust_env=route == "system")
            client = self._clients[route] = self._factory(route, tls)
        return client

    def tls_context(self, *, trust_env: bool) -> ssl.SSLContext:
        """What a client verifies servers with, made as httpx makes it for `trust_env` (SSL_CERT_FILE /
        SSL_CERT_DIR honoured only then, else certifi's bundle), once per source of CA certificates."""
        source = _tls_source(trust_env=trust_env)
        context = self._tls.get(source)
        if context is None:
            context = self._tls[source] = httpx.create_ssl_context(trust_env=trust_env)
        return context

    async def prepare(self) -> None:
        """Import the network stack in a worker thread, so that the window keeps drawing while it loads (the
        first model-list fetch calls this). The TLS context is made with the first client, on the loop's
        thread: made in a worker thread too it measured no shorter stall at the first key press
        (bench/first_reply.py, 17-27 ms either way) and delayed that first fetch."""
        from app.net.lazy import preload_network

        await preload_network()

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()
        # Closing a connection only schedules its socket's close (asyncio's transport.close uses call_soon).
        # Give the loop a turn so the sockets are really closed before a shutdown stops it.
        await asyncio.sleep(0)

    def stats(self) -> PoolStats:
        """Count the connections the clients hold, so tests (and logs) can see nothing was leaked.

        httpx exposes no public view of its pool: this reads httpcore's `connections`, and raises rather
        than report 0 if that ever moves, so a leak cannot hide behind a silently empty count.
        """
        opened = busy = 0
        for connection in self._connections():
            if connection.is_closed():
                continue
            opened += 1
            if not connection.is_idle():
                busy += 1
        return PoolStats(open=opened, busy=busy)

    async def reclaim_orphans(self) -> int:
        """Close the connections no request holds that are neither idle nor closed; return how many.

        httpcore 1.0.9 orphans a connection when a request is cancelled between connecting and marking the
        connection active (encode/httpcore#1093): it is never reused and never expires, and holds a socket
        and one of the pool's slots until the pool closes; with all slots taken every request waits for the
        pool timeout. A Stop can land there, so the client calls this after a cancellation. Read from
        httpcore's internals: if they move, nothing is reclaimed (tests/integration/test_churn.py fails).
        """
        orphans: list[_Connection] = []
        for pool in self._httpcore_pools():
            requests = getattr(pool, "_requests", None)
            connections = getattr(pool, "_connections", None)
            if not isinstance(requests, list) or not isinstance(connections, list):
                continue
            held = {id(getattr(request, "connection", None)) for request in requests}
            for connection in list(connections):
                if id(connection) in held or connection.is_closed() or connection.is_idle():
                    continue
                connections.remove(connection)
                orphans.append(connection)
        for connection in orphans:
            await connection.aclose()
        return len(orphans)

    def _httpcore_pools(self) -> Iterator[object]:
        for client in self._clients.values():
            for transport in (client._transport, *client._mounts.values()):
                if transport is not None:
                    yield getattr(transport, "_pool", None)

    def _connections(self) -> Iterator[_Connection]:
        for pool in self._httpcore_pools():
            connections = getattr(pool, "connections", None)
            if not isinstance(connections, list):
                raise RuntimeError(f"cannot see the connections of {type(pool).__name__}")
            yield from connections
