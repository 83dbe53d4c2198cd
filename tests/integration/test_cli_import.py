"""`sluice profile import`: paste a gateway's example command, get a working profile, as a user runs it."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.integration.conftest import Sluice
from tests.support.server import TestServer, sse_reply


def _curl(server: TestServer, auth_header: str | None, model: str = "m1") -> str:
    """A command shaped like gateway docs: multi-line, quoted URL, extra headers, a JSON body."""
    auth = f"  -H 'Authorization: {auth_header}' \\\n" if auth_header else ""
    return (
        f'curl -sN --location "{server.base_url}/chat/completions" \\\n'
        "  -H 'Content-Type: application/json' \\\n"
        f"{auth}"
        "  -H 'X-Title: Sluice tests' \\\n"
        "  --data-raw '{\n"
        f'    "model": "{model}",\n'
        '    "messages": [{"role": "user", "content": "Hello!"}],\n'
        '    "stream": true\n'
        "  }'\n"
    )


def _listed(sluice: Sluice) -> list[dict[str, object]]:
    done = sluice.run("profile", "list", "--json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


@pytest.mark.keyring
def test_imported_key_goes_to_the_keyring_and_the_reply_streams(sluice: Sluice, server: TestServer) -> None:
    name = f"import-{time.time_ns()}"
    marker = f"sk-marker-{time.time_ns()}"
    imported = sluice.run("profile", "import", name, stdin=_curl(server, f"Bearer {marker}"))
    if (
        "keyring" in imported.stderr.lower()
        and imported.returncode == 1
        and not os.environ.get("SLUICE_REQUIRE_KEYRING")
    ):
        pytest.skip(f"no Secret Service here: {imported.stderr.strip()}")
    try:
        assert imported.returncode == 0, imported.stderr
        assert marker not in imported.stdout + imported.stderr
        assert server.base_url in imported.stderr
        assert "saved in the system keyring" in imported.stderr
        assert "X-Title" in imported.stderr and "m1" in imported.stderr

        server.queue(sse_reply(["你好", "，", "world"]))
        asked = sluice.run("ask", "-p", name, "hi")
        assert asked.returncode == 0, asked.stderr
        assert asked.stdout == "你好，world\n"
        request = server.requests[-1]
        assert request.headers["authorization"] == f"Bearer {marker}"
        assert request.headers["x-title"] == "Sluice tests"
        assert request.json()["model"] == "m1"

        (row,) = _listed(sluice)
        assert row["has_key"] is True and row["auth"] == "bearer"
        assert row["base_url"] == server.base_url
        profiles_toml = next(sluice.home.rglob("profiles.toml"))
        assert marker not in profiles_toml.read_text(encoding="utf-8")
        for path in sluice.home.rglob("*"):
            if path.is_file():
                assert marker.encode() not in path.read_bytes(), f"the key leaked into {path}"
    finally:
        sluice.run("profile", "remove", name)


def test_a_local_server_without_a_key_works_at_once(sluice: Sluice, server: TestServer) -> None:
    imported = sluice.run("profile", "import", "local", "--model", "chosen", stdin=_curl(server, None))
    assert imported.returncode == 0, imported.stderr
    assert "none needed" in imported.stderr
    server.queue(sse_reply(["ok"]))
    asked = sluice.run("ask", "hi")  # the only profile is the default
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout == "ok\n"
    request = server.requests[-1]
    assert "authorization" not in request.headers
    assert request.json()["model"] == "chosen"  # --model wins over the snippet's
    (row,) = _listed(sluice)
    assert (row["auth"], row["headers"], row["model"]) == ("none", {"X-Title": "Sluice tests"}, "chosen")


def test_a_placeholder_key_is_not_saved_and_the_user_is_told_how(sluice: Sluice, server: TestServer) -> None:
    imported = sluice.run("profile", "import", "gw", stdin=_curl(server, "Bearer $OPENAI_API_KEY"))
    assert imported.returncode == 0, imported.stderr
    assert "placeholder" in imported.stderr and "OPENAI_API_KEY" in imported.stderr
    assert "sluice profile set-key gw" in imported.stderr
    (row,) = _listed(sluice)
    assert (row["auth"], row["has_key"]) == ("bearer", False)


@pytest.mark.parametrize(
    ("stdin", "words"),
    [
        ("", "Nothing on stdin"),
        ("please help me set this up\n", "found no cURL command"),
        (
            "curl -g '{{YOUR_BASE_URL}}/v1/chat/completions' -H 'Authorization: Bearer sk-Hidden123456'",
            "no host",
        ),
    ],
)
def test_unusable_input_prints_one_line_and_saves_nothing(sluice: Sluice, stdin: str, words: str) -> None:
    done = sluice.run("profile", "import", "x", stdin=stdin)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert words in done.stderr
    assert "Hidden123456" not in done.stderr
    assert not list(sluice.home.rglob("profiles.toml"))


def test_a_taken_name_is_refused(sluice: Sluice, server: TestServer) -> None:
    assert sluice.run("profile", "import", "local", stdin=_curl(server, None)).returncode == 0
    again = sluice.run("profile", "import", "local", stdin=_curl(server, None, model="other"))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert [row["model"] for row in _listed(sluice)] == ["m1"]
