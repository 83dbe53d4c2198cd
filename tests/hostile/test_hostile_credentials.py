"""Credentials a hostile gateway or proxy must never get, and that must never sit in a plain file (issue 12.7,
12.11).

Secret header values (X-Goog-Api-Key, X-Auth-Token, Cookie, --secret-header) and a proxy password go to the
real keyring like the key; profiles.toml, `profile list --json` and the logs keep only names. A 307 to
another host gets no extra header; an https→http 307 gets nothing at all; a proxy's 407 and its echo of
Basic credentials are reported without them.

The CLI tests need a real Secret Service (scripts/with-keyring.sh); they skip without one unless
SLUICE_REQUIRE_KEYRING=1.
"""

from __future__ import annotations

import asyncio
import base64
import os
import secrets
import socket
import ssl
import subprocess
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.errors import ChatError, ErrorKind, redact
from app.core.models import GenerationParams, Message, Profile, Role
from app.net.client import ChatClient
from app.net.pool import HttpPool
from tests.integration.conftest import ROOT, Sluice
from tests.support.server import Reply, TestServer, json_error_reply, sse_reply

HI = [Message(role=Role.USER, content="hi")]
GATEWAY = "http://gateway.invalid/v1"  # not loopback, so it goes through the profile's proxy


@pytest.fixture
def gateway() -> Iterator[TestServer]:
    with TestServer() as srv:
        yield srv


@pytest.fixture
def elsewhere() -> Iterator[TestServer]:
    with TestServer() as srv:
        yield srv


@pytest.fixture
def cli(tmp_path: Path) -> Sluice:
    env = dict(os.environ)
    env["SLUICE_HOME"] = str(tmp_path / "home")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env.pop(name, None)
    return Sluice(home=tmp_path / "home", env=env)


def _needs_keyring(done: object) -> None:
    stderr = getattr(done, "stderr", "")
    if getattr(done, "returncode", 0) != 0 and "keyring" in stderr.lower():
        if os.environ.get("SLUICE_REQUIRE_KEYRING") == "1":
            pytest.fail(f"SLUICE_REQUIRE_KEYRING=1 but: {stderr.strip()}")
        pytest.skip(f"no Secret Service here: {stderr.strip()}")


def _every_file(home: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}


def test_secret_headers_stay_out_of_files_listings_and_other_hosts(
    cli: Sluice, gateway: TestServer, elsewhere: TestServer
) -> None:
    tag = secrets.token_hex(6)
    values = {
        "X-Goog-Api-Key": f"AIzaGOOG{tag}",
        "X-Auth-Token": f"tokAUTH{tag}",
        "Cookie": f"session=COOKIE{tag}",
        "X-Custom-Thing": f"customVAL{tag}",  # no secret-looking name: --secret-header says so
        "X-From-Stdin": f"stdinVAL{tag}",  # its value never on the command line
    }
    added = cli.run(
        "--debug", "profile", "add", "p", "--base-url", gateway.base_url, "--model", "m", "--auth", "none",
        "--header", f"X-Goog-Api-Key: {values['X-Goog-Api-Key']}",
        "--header", f"X-Auth-Token: {values['X-Auth-Token']}",
        "--header", f"Cookie: {values['Cookie']}",
        "--header", "X-Title: Sluice",
        "--secret-header", f"X-Custom-Thing: {values['X-Custom-Thing']}",
        "--secret-header", "X-From-Stdin",
        stdin=values["X-From-Stdin"] + "\n",
    )  # fmt: skip
    _needs_keyring(added)
    assert added.returncode == 0, added.stderr
    # What came as arguments is named (ps shows it to other users); the stdin one is not.
    note = next(line for line in added.stderr.splitlines() if "came on the command line" in line)
    assert all(name in note for name in ("X-Goog-Api-Key", "X-Auth-Token", "Cookie", "X-Custom-Thing"))
    assert "X-From-Stdin" not in note
    try:
        text = (cli.home / "config" / "profiles.toml").read_text()
        table = tomllib.loads(text)["profile"][0]
        assert table["headers"] == {"X-Title": "Sluice"}
        assert sorted(table["secret_headers"]) == sorted(values)
        listed = cli.run("profile", "list", "--json")
        assert listed.returncode == 0, listed.stderr

        gateway.queue(sse_reply(["ok"]))
        asked = cli.run("--debug", "ask", "hi")
        assert asked.returncode == 0, asked.stderr
        sent = gateway.requests[-1].headers
        for name, value in values.items():
            assert sent[name.lower()] == value  # the keyring's values are put back at request time
        assert sent["x-title"] == "Sluice"

        # A 307 to another origin: the other host gets none of the extra headers, secret or not.
        gateway.queue(Reply(status=307, headers={"location": elsewhere.base_url + "/chat/completions"}))
        elsewhere.queue(sse_reply(["moved"]))
        moved = cli.run("--debug", "ask", "hi")
        assert moved.returncode == 0, moved.stderr
        (other,) = elsewhere.requests
        assert not {"x-title", *(n.lower() for n in values)} & set(other.headers)
        assert not any(v in h for v in values.values() for h in other.headers.values())

        outputs = added.stdout + added.stderr + listed.stdout + asked.stdout + asked.stderr + moved.stderr
        for path, data in _every_file(cli.home).items():
            for value in values.values():
                assert value.encode() not in data, f"{value} found in {path}"
        for value in values.values():
            assert value not in outputs
    finally:
        removed = cli.run("profile", "remove", "p")
    assert removed.returncode == 0, removed.stderr
    from app.core.models import header_slot
    from app.keystore import Keystore

    keys = Keystore()
    assert all(keys.get_secret("p", header_slot(name)) is None for name in values)


def test_a_proxy_password_is_kept_in_the_keyring_and_sent_only_to_the_proxy(
    cli: Sluice, gateway: TestServer
) -> None:
    password = f"pw-{secrets.token_hex(6)}"
    proxy = f"http://alice@127.0.0.1:{gateway.url.rsplit(':', 1)[1]}"
    options = ["--model", "m", "--auth", "none", "--proxy", proxy, "--proxy-password-stdin"]
    added = cli.run("profile", "add", "viaproxy", "--base-url", GATEWAY, *options, stdin=password + "\n")
    _needs_keyring(added)
    assert added.returncode == 0, added.stderr
    assert "command line" not in added.stderr  # the password never was an argument
    target = GATEWAY + "/chat/completions"  # a forward proxy sees the absolute URL
    basic = base64.b64encode(f"alice:{password}".encode()).decode()
    try:
        text = (cli.home / "config" / "profiles.toml").read_text()
        assert password not in text
        assert tomllib.loads(text)["profile"][0]["proxy"].startswith("http://alice@127.0.0.1:")
        listed = cli.run("profile", "list", "--json")
        assert password not in listed.stdout

        gateway.queue(sse_reply(["through the proxy"]), path=target)
        asked = cli.run("ask", "hi")
        assert asked.returncode == 0, asked.stderr
        assert asked.stdout.strip() == "through the proxy"
        assert gateway.requests[-1].headers["proxy-authorization"] == f"Basic {basic}"

        # The proxy (or the gateway behind it) echoes the credentials back: they are redacted.
        echo = f"denied; you sent Proxy-Authorization: Basic {basic} for http://alice:{password}@proxy"
        gateway.queue(json_error_reply(403, echo), path=target)
        refused = cli.run("--debug", "ask", "hi")
        assert refused.returncode == 1
        assert "[redacted]" in refused.stderr
        for path, data in _every_file(cli.home).items():
            assert basic.encode() not in data and password.encode() not in data, path
        assert basic not in refused.stderr and password not in refused.stderr
    finally:
        cli.run("profile", "remove", "viaproxy")


def test_an_older_profiles_file_has_its_secrets_moved_to_the_keyring_never_lost(
    cli: Sluice, gateway: TestServer
) -> None:
    tag = secrets.token_hex(6)
    token, password = f"AIzaOLD{tag}", f"oldpw{tag}"
    path = cli.home / "config" / "profiles.toml"
    path.parent.mkdir(parents=True)
    old = (
        "[[profile]]\n"
        'name = "legacy"\n'
        f'base_url = "{gateway.base_url}"\n'
        'model = "m"\n'
        'auth = "none"\n'
        f'proxy = "http://bob:{password}@proxy.invalid:3128"\n'
        f'headers = {{ "X-Title" = "Sluice", "X-Goog-Api-Key" = "{token}" }}\n'
    )
    path.write_text(old)

    # No keyring at all: the secrets stay where they are, and the user is told.
    no_bus = dict(cli.env, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus")
    stuck = Sluice(cli.home, no_bus).run("profile", "use", "legacy")
    assert stuck.returncode == 0, stuck.stderr
    assert "still has secrets" in stuck.stderr and "nothing is lost" in stuck.stderr
    saved = tomllib.loads(path.read_text())["profile"][0]  # `use` saved the file: the secrets were kept
    assert saved["headers"]["X-Goog-Api-Key"] == token and password in saved["proxy"]

    listed = cli.run("profile", "list", "--json")
    if "still has secrets" in listed.stderr:  # no Secret Service in this run either
        _needs_keyring(subprocess.CompletedProcess([], 1, "", listed.stderr))
    try:
        assert listed.returncode == 0, listed.stderr
        assert "Moved" in listed.stderr and "X-Goog-Api-Key" in listed.stderr
        text = path.read_text()
        assert token not in text and password not in text
        table = tomllib.loads(text)["profile"][0]
        assert table["secret_headers"] == ["X-Goog-Api-Key"]
        assert table["proxy"] == "http://bob@proxy.invalid:3128"
        assert token not in listed.stdout

        gateway.queue(sse_reply(["still works"]))
        asked = cli.run("ask", "hi")
        assert asked.returncode == 0, asked.stderr
        assert gateway.requests[-1].headers["x-goog-api-key"] == token
        assert "Moved" not in asked.stderr  # once
    finally:
        cli.run("profile", "remove", "legacy")


def test_profile_list_says_the_keyring_is_locked_not_that_there_is_no_key(cli: Sluice) -> None:
    added = cli.run("profile", "add", "k", "--base-url", "https://api.example.com/v1")
    assert added.returncode == 0, added.stderr
    env = dict(cli.env, PYTHON_KEYRING_BACKEND="tests.hostile.locked_keyring.LockedKeyring")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    listed = Sluice(cli.home, env).run("profile", "list")
    assert listed.returncode == 0, listed.stderr
    assert "keyring locked" in listed.stdout and "NO KEY" not in listed.stdout


def test_the_no_key_advice_quotes_the_profile_name_as_a_shell_would(cli: Sluice) -> None:
    name = "y; touch pwned"  # pasted unquoted, the advice would run `touch pwned`
    added = cli.run("profile", "add", name, "--base-url", "http://127.0.0.1:9/v1", "--model", "m")
    assert added.returncode == 0, added.stderr
    env = dict(cli.env, PYTHON_KEYRING_BACKEND="tests.hostile.locked_keyring.EmptyKeyring")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    asked = Sluice(cli.home, env).run("ask", "-p", name, "hi")
    assert asked.returncode == 1
    assert "Add one with: sluice profile set-key 'y; touch pwned'" in asked.stderr, asked.stderr


# -- in-process: the client against a proxy stub and a TLS stub ----------------------------------------


def _chat(profile: Profile, pool: HttpPool, key: str | None = None) -> ChatError | None:
    async def go() -> ChatError | None:
        try:
            async for _event in ChatClient(pool).stream_chat(profile, key, HI, GenerationParams("m")):
                pass
        except ChatError as exc:
            return exc
        finally:
            await pool.aclose()
        return None

    return asyncio.run(go())


def test_a_proxy_407_is_reported_as_the_proxy_asking_for_credentials(gateway: TestServer) -> None:
    basic = base64.b64encode(b"alice:hunter22").decode()
    echo = Reply(
        status=407,
        headers={"content-type": "text/plain", "proxy-authenticate": 'Basic realm="corp"'},
        chunks=[f"Proxy-Authorization: Basic {basic} rejected".encode()],
    )
    gateway.queue(echo, path=GATEWAY + "/chat/completions")
    profile = Profile(name="p", base_url=GATEWAY, model="m", auth="none", proxy=gateway.url)
    error = _chat(profile, HttpPool())
    assert error is not None and error.kind == ErrorKind.CONNECTION
    text = error.describe()
    assert "proxy 127.0.0.1 asks for a user name and password" in text and "407" in text
    assert "gateway rejected the request" not in text and basic not in text


class _TlsRedirector:
    """An https server (trustme certificate) that answers every request with a 307 to `location`."""

    def __init__(self, location: str) -> None:
        import trustme

        self.ca = trustme.CA()
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1").configure_cert(self._context)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.location = location
        self.bodies: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> _TlsRedirector:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listener.close()
        self._thread.join(5)

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        with self._context.wrap_socket(conn, server_side=True) as tls:
            data = b""
            while b"\r\n\r\n" not in data:
                data += tls.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            lines = head.lower().split(b"\r\n")
            length = next(
                (int(line.split(b":")[1]) for line in lines if line.startswith(b"content-length")), 0
            )
            while len(body) < length:
                body += tls.recv(65536)
            self.bodies.append(body)
            tls.sendall(
                b"HTTP/1.1 307 Temporary Redirect\r\nLocation: " + self.location.encode()
                + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )  # fmt: skip


def test_an_https_to_http_redirect_is_refused_and_nothing_is_sent_in_clear(gateway: TestServer) -> None:
    with _TlsRedirector(gateway.base_url + "/chat/completions") as tls:
        context = ssl.create_default_context()
        tls.ca.configure_trust(context)
        pool = HttpPool(lambda _route, _tls: httpx.AsyncClient(verify=context, trust_env=False))
        profile = Profile(name="p", base_url=f"https://127.0.0.1:{tls.port}/v1", model="m")
        error = _chat(profile, pool, key="sk-downgrade-0123456789")
    assert error is not None and error.kind == ErrorKind.BAD_REQUEST
    assert "unencrypted" in error.message and "not sent" in error.message
    assert len(tls.bodies) == 1 and b'"hi"' in tls.bodies[0]  # the https server did get the prompt
    assert gateway.requests == []  # the plain-http one got nothing: no prompt, no key


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("407: Proxy-Authorization: Basic dXNlcjpodW50ZXIy was sent", "dXNlcjpodW50ZXIy"),
        ("proxy-authorization: basic YWxpY2U6czNjcjN0", "YWxpY2U6czNjcjN0"),
        ("connect to http://alice:s3cr%40t@proxy.lan:3128 failed", "s3cr%40t"),
        ("you sent Cookie: session=abc123xyz", "session=abc123xyz"),
    ],
)
def test_basic_credentials_and_url_passwords_are_redacted(text: str, secret: str) -> None:
    assert secret not in redact(text)
    assert redact("Basic authentication is required") == "Basic authentication is required"


def test_profile_set_replaces_moves_and_removes_secrets(cli: Sluice, gateway: TestServer) -> None:
    from app.core.models import PROXY_SLOT, header_slot
    from app.keystore import Keystore

    tag = secrets.token_hex(6)
    name, renamed = f"s{tag}", f"r{tag}"
    added = cli.run(
        "profile", "add", name, "--base-url", gateway.base_url, "--model", "m", "--auth", "none",
        "--secret-header", "X-Thing", stdin=f"old{tag}\n",
    )  # fmt: skip
    _needs_keyring(added)
    assert added.returncode == 0, added.stderr
    keys = Keystore()
    try:
        assert keys.get_secret(name, header_slot("X-Thing")) == f"old{tag}"
        # A secret header given again replaces its value; read from stdin, it is not named as on the line.
        replaced = cli.run("profile", "set", name, "--secret-header", "X-Thing", stdin=f"new{tag}\n")
        assert replaced.returncode == 0, replaced.stderr
        assert "came on the command line" not in replaced.stderr
        assert keys.get_secret(name, header_slot("X-Thing")) == f"new{tag}"
        # The proxy password of a proxy user, from stdin, on `set` too.
        proxied = cli.run(
            "profile", "set", name, "--proxy", "http://alice@127.0.0.1:9", "--proxy-password-stdin",
            stdin=f"pw{tag}\n",
        )  # fmt: skip
        assert proxied.returncode == 0, proxied.stderr
        assert keys.get_secret(name, PROXY_SLOT) == f"pw{tag}"
        # A rename carries them to the new name.
        moved = cli.run("profile", "set", name, "--rename", renamed)
        assert moved.returncode == 0, moved.stderr
        assert keys.get_secret(renamed, header_slot("X-Thing")) == f"new{tag}"
        assert keys.get_secret(renamed, PROXY_SLOT) == f"pw{tag}"
        assert keys.get_secret(name, header_slot("X-Thing")) is None
        assert keys.get_secret(name, PROXY_SLOT) is None
        # --remove-header on a secret header drops it from the profile and its value from the keyring.
        dropped = cli.run("profile", "set", renamed, "--remove-header", "x-thing")
        assert dropped.returncode == 0, dropped.stderr
        table = tomllib.loads((cli.home / "config" / "profiles.toml").read_text())["profile"][0]
        assert table.get("secret_headers", []) == []
        assert keys.get_secret(renamed, header_slot("X-Thing")) is None
        for path, data in _every_file(cli.home).items():
            assert f"new{tag}".encode() not in data and f"pw{tag}".encode() not in data, path
    finally:
        removed = cli.run("profile", "remove", renamed)
    assert removed.returncode == 0, removed.stderr
    assert keys.get_secret(renamed, PROXY_SLOT) is None
