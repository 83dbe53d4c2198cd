"""Issue 12.4: a gateway message of ~470 characters followed by the key (auth `header:api-key`, a key of no
known shape) was cut at 500 characters inside the key; exact-match redaction then missed the piece, and 29 of
its 53 characters reached stderr, sluice.log, the database and exports (the 80-character cut of non-JSON data
leaked up to 39). Now text is redacted before it is cut, and any run of 8+ characters of a key in use is
removed. Needs a real Secret Service (scripts/with-keyring.sh); skipped without one unless
SLUICE_REQUIRE_KEYRING=1."""

from __future__ import annotations

import os
import secrets
import string

import pytest

from tests.integration.conftest import Sluice
from tests.support.faults import ROLE_EVENT, SSE_HEADERS, content_event
from tests.support.server import Reply, TestServer, json_error_reply, sse_event

PAD = "The gateway could not find a valid credential for this request; " * 8  # 520 characters


def _shapeless_key() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(53))  # no sk-, no Bearer: only the registry knows


def _pieces(key: str) -> list[str]:
    return [key[i : i + 8] for i in range(len(key) - 7)]


def _replies(key: str) -> list[Reply]:
    sse = dict(SSE_HEADERS)
    lead = PAD[:470] + " "  # the 500-character cap falls 29 characters into the key
    not_json = f"data: {PAD[:40]} {key} trailing words\n\n".encode()  # the 80-character cut falls inside
    return [
        json_error_reply(401, lead + key),
        Reply(status=401, headers={"content-type": "text/plain"}, chunks=[(lead + key).encode()]),
        Reply(
            headers=sse,
            chunks=[ROLE_EVENT, content_event("part"), sse_event({"error": {"message": lead + key}})],
        ),
        Reply(headers=sse, chunks=[ROLE_EVENT, content_event("part"), not_json]),
    ]


@pytest.mark.keyring
def test_no_piece_of_the_key_survives_a_cut(sluice: Sluice, server: TestServer) -> None:
    key = _shapeless_key()
    done = sluice.run(
        "--debug", "profile", "add", "leaky", "--base-url", server.base_url, "--model", "m",
        "--auth", "header:api-key", "--key-stdin", stdin=key + "\n",
    )  # fmt: skip
    if done.returncode != 0 and "keyring" in done.stderr.lower():
        if os.environ.get("SLUICE_REQUIRE_KEYRING") == "1":
            pytest.fail(f"SLUICE_REQUIRE_KEYRING=1 but: {done.stderr.strip()}")
        pytest.skip(f"no Secret Service here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    printed: list[str] = []
    try:
        for reply in _replies(key):
            for mode in ((), ("--json",)):
                server.queue(reply)
                done = sluice.run("--debug", "ask", *mode, "hi")
                assert done.returncode == 1
                assert server.requests[-1].headers["api-key"] == key  # the key really was sent
                printed += [done.stdout, done.stderr]
        for fmt in ("md", "json"):
            for conversation in range(1, 9):
                done = sluice.run("export", "--id", str(conversation), "--format", fmt)
                assert done.returncode == 0, done.stderr
                printed.append(done.stdout)
    finally:
        sluice.run("profile", "remove", "leaky")
    assert any("could not find a valid credential" in text for text in printed)  # the messages were shown
    stored = [p.read_bytes() for p in sluice.home.rglob("*") if p.is_file()]
    assert any(b"could not find a valid credential" in data for data in stored)
    for piece in _pieces(key):
        for text in printed:
            assert piece not in text, f"{piece} was printed"
        for data in stored:
            assert piece.encode() not in data, f"{piece} is in a file under SLUICE_HOME"
