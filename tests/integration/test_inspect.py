"""The stream inspector from the command line: `sluice inspect` against a real local server.

The record must hold exactly the bytes the server wrote, never the key, and its cURL command must send the
same request again (the key taken from $SLUICE_API_KEY).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.integration.conftest import Sluice
from tests.support.server import Reply, TestServer, json_error_reply, sse_reply


@pytest.fixture
def keyed(sluice: Sluice, server: TestServer) -> Iterator[tuple[str, str]]:
    """A bearer profile whose key lives in the real keyring: (profile name, key)."""
    name, key = f"insp-{secrets.token_hex(4)}", f"sk-INSPECT{secrets.token_hex(16)}"
    done = sluice.run(
        "profile", "add", name, "--base-url", server.base_url, "--model", "m1", "--key-stdin",
        "--header", "X-Title: Sluice tests", stdin=key + "\n",
    )  # fmt: skip
    if done.returncode != 0 and "keyring" in done.stderr.lower():
        if os.environ.get("SLUICE_REQUIRE_KEYRING") == "1":
            pytest.fail(f"SLUICE_REQUIRE_KEYRING=1 but: {done.stderr.strip()}")
        pytest.skip(f"no Secret Service here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    try:
        yield name, key
    finally:
        sluice.run("profile", "remove", name)


def _split_utf8_reply() -> Reply:
    reply = sse_reply(["从前", "有座山", "。"], usage={"prompt_tokens": 3, "completion_tokens": 5})
    whole = b"".join(reply.chunks)
    cut = whole.index("座".encode()) + 1  # a character split across two writes
    reply.chunks = [whole[:cut], whole[cut:]]
    return reply


@pytest.mark.keyring
def test_inspect_json_holds_exactly_the_bytes_sent_and_no_key(
    sluice: Sluice, server: TestServer, keyed: tuple[str, str]
) -> None:
    name, key = keyed
    reply = _split_utf8_reply()
    sent = b"".join(reply.chunks)
    server.queue(reply)
    assert sluice.run("ask", "-p", name, "讲个故事").returncode == 0
    assert key in server.requests[-1].headers["authorization"]  # the key really went out

    done = sluice.run("inspect", "--last", "--json")
    assert done.returncode == 0, done.stderr
    assert key not in done.stdout and key[:16] not in done.stdout
    record = json.loads(done.stdout)
    assert "".join(c["text"] for c in record["chunks"]) == sent.decode()
    assert len(record["chunks"]) == 2  # the server's two writes (loopback delivers them apart)
    times = [c["t_ms"] for c in record["chunks"]]
    assert times == sorted(times) and times[0] >= 0
    assert record["dropped_bytes"] == 0
    request = record["request"]
    assert request["method"] == "POST" and request["url"] == server.base_url + "/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer $SLUICE_API_KEY"
    assert request["headers"]["X-Title"] == "Sluice tests"
    assert request["body"] == server.requests[-1].json()
    assert record["response"]["status"] == 200
    assert record["response"]["headers"]["content-type"].startswith("text/event-stream")

    timeline = sluice.run("inspect", "--last")
    assert timeline.returncode == 0 and key not in timeline.stdout
    assert (
        "HTTP 200" in timeline.stdout and "[DONE]" in timeline.stdout and 'content "从前"' in timeline.stdout
    )


@pytest.mark.keyring
def test_a_key_echoed_in_an_error_body_is_masked_in_the_record(
    sluice: Sluice, server: TestServer, keyed: tuple[str, str]
) -> None:
    name, key = keyed
    server.queue(json_error_reply(401, f"Incorrect API key provided: {key}. Check it."))
    assert sluice.run("ask", "-p", name, "hi").returncode == 1
    done = sluice.run("inspect", "--last", "--json")
    assert done.returncode == 0, done.stderr
    assert key not in done.stdout
    record = json.loads(done.stdout)
    assert record["response"]["status"] == 401
    assert "Incorrect API key provided: " + "*" * len(key) in "".join(c["text"] for c in record["chunks"])


@pytest.mark.keyring
@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed (apt-get install curl)")
def test_curl_command_sends_the_same_request_again(
    sluice: Sluice, server: TestServer, keyed: tuple[str, str]
) -> None:
    name, key = keyed
    server.queue(sse_reply(["same ", "reply"]))
    assert sluice.run("ask", "-p", name, 'it\'s "quoted" $HOME `x`').stdout == "same reply\n"
    first = server.requests[-1]

    done = sluice.run("inspect", "--last", "--curl")
    assert done.returncode == 0, done.stderr
    assert key not in done.stdout and "$SLUICE_API_KEY" in done.stdout

    again = sse_reply(["same ", "reply"])
    server.queue(again)
    replay = subprocess.run(
        ["sh", "-c", done.stdout],
        env={**os.environ, "SLUICE_API_KEY": key},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout == b"".join(again.chunks)  # the same reply, byte for byte
    second = server.requests[-1]
    assert second.body == first.body  # the prompt's quotes, $ and backticks survived the shell
    assert second.headers["authorization"] == f"Bearer {key}"
    assert second.headers["x-title"] == "Sluice tests"


def test_recording_switched_off_in_settings(sluice: Sluice, server: TestServer) -> None:
    done = sluice.run(
        "profile", "add", "local", "--base-url", server.base_url, "--model", "m1", "--auth", "none"
    )
    assert done.returncode == 0, done.stderr
    settings = sluice.home / "config" / "settings.toml"
    settings.write_text("record_exchanges = false\n", encoding="utf-8")
    server.queue(sse_reply(["not kept"]))
    assert sluice.run("ask", "hi").returncode == 0
    off = sluice.run("inspect", "--last")
    assert off.returncode == 1 and "No reply has an exchange record" in off.stderr

    settings.write_text("record_exchanges = true\n", encoding="utf-8")
    server.queue(sse_reply(["kept"]))
    assert sluice.run("ask", "hi").returncode == 0
    on = sluice.run("inspect", "--last")
    assert on.returncode == 0 and 'content "kept"' in on.stdout
    # A fresh database: messages 1-2 are the first exchange, 3-4 the second (4 is the reply).
    assert sluice.run("inspect", "--id", "4").stdout == on.stdout
    assert "no exchange record" in sluice.run("inspect", "--id", "2").stderr  # recorded while off
    missing = sluice.run("inspect", "--id", "999")
    assert missing.returncode == 1 and "no exchange record" in missing.stderr
