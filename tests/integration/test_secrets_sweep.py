"""The secrets sweep: a marker key in the real keyring, every CLI path run with it at DEBUG, then every file
under SLUICE_HOME and every byte printed searched for it.

The gateway here is hostile on purpose: it echoes the key back in its error messages (as real gateways do,
"Incorrect API key provided: sk-…"), in a 500, inside the stream and in a stream that is not JSON. Two
profiles: a `Bearer` key shaped like `sk-…`, and a custom header (`header:api-key`) whose key has no
recognisable shape, so only Sluice's record of the keys it handed out can redact it.

Also: every file Sluice writes is 0600 and every directory it makes 0700.

Needs a real Secret Service (scripts/with-keyring.sh); skipped without one unless SLUICE_REQUIRE_KEYRING=1.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.integration.conftest import Sluice
from tests.support.faults import ROLE_EVENT, SSE_HEADERS, content_event
from tests.support.server import (
    Reply,
    TestServer,
    json_error_reply,
    models_reply,
    sse_event,
    sse_reply,
)


@dataclass
class Sweep:
    """Runs `sluice --debug …` and keeps everything it printed."""

    sluice: Sluice
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (command, stdout + stderr)

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        done = self.sluice.run("--debug", *args, stdin=stdin)
        self.outputs.append((" ".join(args), done.stdout + done.stderr))
        return done


@dataclass(frozen=True)
class Key:
    profile: str
    value: str
    auth: str
    header: str  # where the server sees it

    def forms(self) -> list[str]:
        """The key and the pieces of it that must not appear either."""
        return [self.value, f"Bearer {self.value}", self.value[:16], self.value[-16:]]


@pytest.fixture
def sweep(sluice: Sluice) -> Sweep:
    return Sweep(sluice)


@pytest.fixture
def keys(sweep: Sweep, server: TestServer) -> Iterator[tuple[Key, Key]]:
    tag = secrets.token_hex(4)
    bearer = Key(f"sweep-bearer-{tag}", f"sk-MARKER{secrets.token_hex(16)}", "bearer", "authorization")
    custom = Key(f"sweep-header-{tag}", f"azk{secrets.token_hex(20)}", "header:api-key", "api-key")
    added = []
    try:
        for key in (bearer, custom):
            done = sweep.run(
                "profile", "add", key.profile, "--base-url", server.base_url, "--model", "m",
                "--auth", key.auth, "--key-stdin", stdin=key.value + "\n",
            )  # fmt: skip
            if done.returncode != 0 and "keyring" in done.stderr.lower():
                if os.environ.get("SLUICE_REQUIRE_KEYRING") == "1":
                    pytest.fail(f"SLUICE_REQUIRE_KEYRING=1 but: {done.stderr.strip()}")
                pytest.skip(f"no Secret Service here: {done.stderr.strip()}")
            assert done.returncode == 0, done.stderr
            added.append(key)
        yield bearer, custom
    finally:
        for key in added:
            sweep.sluice.run("profile", "remove", key.profile)


def _echoing_replies(key: Key) -> list[tuple[str, Reply, int]]:
    """(what, reply, expected exit code): every way a gateway can hand the key back in its own words.

    Not in the reply's text: what the model writes is the user's data and is kept as sent.
    """
    v = key.value
    sse = dict(SSE_HEADERS)
    revoked = sse_event({"error": {"message": f"key {v} revoked"}})
    not_json = f"data: {{'oops': 'padding to push the key across the clip boundary..', 'k': '{v}'}}\n\n"
    plain_403 = Reply(status=403, headers={"content-type": "text/plain"}, chunks=[f"bad key {v}".encode()])
    return [
        ("ok", sse_reply(["fine ", "thanks"]), 0),
        ("401 echo", json_error_reply(401, f"Incorrect API key provided: {v}. Check it."), 1),
        ("401 bearer echo", json_error_reply(401, f"Authorization: Bearer {v} is not valid"), 1),
        ("403 plain text", plain_403, 1),
        ("429", json_error_reply(429, f"rate limited for key {v}", headers={"retry-after": "3"}), 1),
        ("500", json_error_reply(500, f"upstream failed for api-key={v}", type_="server_error"), 1),
        ("error in the stream", Reply(headers=sse, chunks=[ROLE_EVENT, content_event("par"), revoked]), 1),
        ("not json in the stream", Reply(headers=sse, chunks=[ROLE_EVENT, not_json.encode()]), 1),
        ("broken stream", Reply(headers=sse, chunks=[ROLE_EVENT, content_event("half")], end="drop"), 1),
    ]


@pytest.mark.keyring
def test_no_key_in_any_file_or_output(sweep: Sweep, server: TestServer, keys: tuple[Key, Key]) -> None:
    other = TestServer()
    with other:
        for key in keys:
            for what, reply, code in _echoing_replies(key):
                for json_mode in ((), ("--json",)):
                    server.queue(reply)
                    done = sweep.run("ask", "-p", key.profile, *json_mode, f"{what} please")
                    assert done.returncode == code, (what, done.stderr)
                    assert key.value in server.requests[-1].headers[key.header]  # the key really was used
                # The stream inspector's record of that reply, in each form it is shown (issue 16).
                for shown in (("--json",), ("--curl",), ()):
                    assert sweep.run("inspect", "--last", *shown).returncode == 0, what
            # The models list, fine and refused with the key echoed.
            server.queue(models_reply(["m1", "m2"]), path="/v1/models")
            assert sweep.run("models", "-p", key.profile).returncode == 0
            server.queue(json_error_reply(401, f"invalid key {key.value}"), path="/v1/models")
            assert sweep.run("models", "-p", key.profile).returncode == 1
            # A redirect to another host: the key stays home.
            target = f"http://localhost:{other.base_url.rsplit(':', 1)[1]}/chat/completions"
            server.queue(Reply(status=307, headers={"location": target}))
            other.queue(sse_reply(["moved"]))
            assert sweep.run("ask", "-p", key.profile, "redirect").returncode == 0
            assert key.header not in other.requests[-1].headers
        for fmt in ("md", "json"):
            for conversation in range(1, 4):
                assert sweep.run("export", "--id", str(conversation), "--format", fmt).returncode == 0
            assert sweep.run("export", "--last", "--format", fmt).returncode == 0
        assert sweep.run("profile", "list", "--json").returncode == 0
        assert sweep.run("profile", "list").returncode == 0
        assert any(key.value in str(r.headers) for r in server.requests for key in keys)
        received_by_other = "\n".join(str(r.headers) + r.body.decode() for r in other.requests)

    home = sweep.sluice.home
    files = [p for p in home.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"profiles.toml", "sluice.db", "sluice.log"}
    log = (home / "logs" / "sluice.log").read_text(encoding="utf-8")
    assert "DEBUG" in log  # the sweep ran at DEBUG
    records = _exchange_records(home / "data" / "sluice.db")  # stored compressed: read them whole
    assert len(records) >= len(keys) * len(_echoing_replies(keys[0])) * 2
    for key in keys:
        for form in key.forms():
            assert form not in received_by_other
            for path in files:
                assert form.encode() not in path.read_bytes(), f"{form[:12]}… is in {path}"
            assert not [r for r in records if form.encode() in r], f"{form[:12]}… is in an exchange record"
            for command, printed in sweep.outputs:
                assert form not in printed, f"{form[:12]}… was printed by `sluice {command}`"


def _exchange_records(db: Path) -> list[bytes]:
    conn = sqlite3.connect(db)
    try:
        return [zlib.decompress(row[0]) for row in conn.execute("SELECT data FROM exchanges")]
    finally:
        conn.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_files_are_private(sluice: Sluice, server: TestServer) -> None:
    """Everything Sluice makes under a new SLUICE_HOME, the folder itself included, is the user's only.
    (No key involved, so this one runs without a keyring.)"""
    assert not sluice.home.exists()
    sweep = Sweep(sluice)
    for name in ("one", "two"):
        done = sweep.run(
            "profile", "add", name, "--base-url", server.base_url, "--model", "m", "--auth", "none"
        )
        assert done.returncode == 0, done.stderr
    assert sweep.run("profile", "use", "two").returncode == 0  # rewrites profiles.toml
    server.queue(sse_reply(["a reply to store"]))
    assert sweep.run("ask", "hello").returncode == 0
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in [sluice.home, *sluice.home.rglob("*")]}
    assert {p.name for p in modes} >= {
        "home",
        "config",
        "data",
        "logs",
        "profiles.toml",
        "sluice.db",
        "sluice.log",
    }
    wrong = {str(p): oct(m) for p, m in modes.items() if m != (0o700 if p.is_dir() else 0o600)}
    assert wrong == {}
