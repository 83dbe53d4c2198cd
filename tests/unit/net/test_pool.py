"""Which client (and so which proxy) a profile's requests use (app.net.pool)."""

from __future__ import annotations

import asyncio
import ssl
import sys
from pathlib import Path

import httpx
import pytest

from app.core.errors import ChatError, ErrorKind
from app.core.models import PROXY_NONE, PROXY_SYSTEM, Profile
from app.net.pool import HttpPool, is_loopback, route_for

PROXY_VARS = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
)


@pytest.fixture(autouse=True)
def _no_env_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://localhost:11434/v1", True),
        ("http://LOCALHOST/v1", True),
        ("http://127.0.0.1:1234/v1", True),
        ("http://127.0.0.5/v1", True),
        ("http://[::1]:8080/v1", True),
        ("http://ollama.localhost/v1", True),
        ("https://example.com/v1", False),
        ("https://localhost.example.com/v1", False),
        ("http://10.0.0.2:8000/v1", False),
        ("not a url", False),
    ],
)
def test_is_loopback(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback


@pytest.mark.parametrize(
    ("base_url", "proxy", "route"),
    [
        ("http://127.0.0.1:11434/v1", "http://proxy.corp:3128", "direct"),
        ("http://localhost:11434/v1", PROXY_SYSTEM, "direct"),
        ("http://[::1]:1234/v1", PROXY_NONE, "direct"),
        ("https://api.example.com/v1", PROXY_NONE, "direct"),
        ("https://api.example.com/v1", PROXY_SYSTEM, "system"),
        ("https://api.example.com/v1", "http://proxy.corp:3128", "http://proxy.corp:3128"),
    ],
)
def test_route_for(base_url: str, proxy: str, route: str) -> None:
    assert route_for(Profile(name="p", base_url=base_url, proxy=proxy)) == route


def test_profiles_on_one_route_share_a_client_and_aclose_closes_all() -> None:
    async def scenario() -> tuple[list[httpx.AsyncClient], list[bool]]:
        pool = HttpPool()
        local = pool.client_for(Profile(name="ollama", base_url="http://localhost:11434/v1"))
        direct = pool.client_for(Profile(name="a", base_url="https://a.example.com/v1", proxy=PROXY_NONE))
        system_a = pool.client_for(Profile(name="b", base_url="https://b.example.com/v1"))
        system_b = pool.client_for(Profile(name="c", base_url="https://c.example.com/v1"))
        proxied = pool.client_for(
            Profile(name="d", base_url="https://d.example.com/v1", proxy="http://proxy.corp:3128")
        )
        assert local is direct
        assert system_a is system_b
        clients = [direct, system_a, proxied]
        assert len({id(c) for c in clients}) == 3
        assert not any(c.is_closed for c in clients)
        await pool.aclose()
        return clients, [c.is_closed for c in clients]

    _, closed = asyncio.run(scenario())
    assert closed == [True, True, True]


def test_the_factory_is_asked_once_per_route(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    routes: list[str] = []
    contexts: list[ssl.SSLContext] = []

    def factory(route: str, tls: ssl.SSLContext) -> httpx.AsyncClient:
        routes.append(route)
        contexts.append(tls)
        return httpx.AsyncClient(verify=tls)

    async def scenario() -> None:
        pool = HttpPool(factory)
        for name in ("a", "b", "c"):
            pool.client_for(Profile(name=name, base_url=f"https://{name}.example.com/v1"))
        pool.client_for(Profile(name="local", base_url="http://127.0.0.1:8000/v1"))
        await pool.aclose()

    asyncio.run(scenario())
    assert routes == ["system", "direct"]
    # One TLS context (certifi's CA certificates, ~1 MB each) serves both, with SSL_CERT_FILE/DIR unset.
    assert contexts[0] is contexts[1]


def test_ssl_cert_file_is_honoured_only_where_httpx_would_honour_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import certifi

    bundle = tmp_path / "corporate.pem"
    bundle.write_bytes(Path(certifi.where()).read_bytes())
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    pool = HttpPool()
    # The "system" route trusts the environment (as httpx does with trust_env=True); "direct" does not.
    assert pool.tls_context(trust_env=True) is not pool.tls_context(trust_env=False)
    assert pool.tls_context(trust_env=True) is pool.tls_context(trust_env=True)


def test_a_socks_proxy_without_socksio_is_a_plain_connection_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An install without httpx's socks extra: one sentence naming the fix, not an ImportError."""
    monkeypatch.setitem(sys.modules, "socksio", None)  # `import socksio` now raises ImportError
    profile = Profile(name="p", base_url="https://api.example.com/v1", proxy="socks5://127.0.0.1:1080")
    with pytest.raises(ChatError) as refused:
        HttpPool().client_for(profile)
    assert refused.value.kind == ErrorKind.CONNECTION
    assert "SOCKS" in refused.value.message and "httpx[socks]" in refused.value.message
