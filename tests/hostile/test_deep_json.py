"""Issue 12.3: JSON nested ~2,000 deep (stream data, an error body, a JSON 200 body, /models, profiles.toml)
raised RecursionError: a traceback, the partial text unsaved, the row left `streaming`. Now the depth is
bounded: kind `protocol` (or the status's kind for an error body) in one plain line, nothing received lost."""

from __future__ import annotations

import json

from tests.hostile.conftest import no_traceback
from tests.integration.conftest import Sluice
from tests.support.faults import ROLE_EVENT, SSE_HEADERS, content_event
from tests.support.server import Reply, TestServer, json_reply

DEEP = "[" * 2500 + "]" * 2500


def _export(cli: Sluice) -> dict[str, object]:
    done = cli.run("export", "--last", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_deep_data_in_the_stream_keeps_the_text_and_ends_the_row(local: Sluice, server: TestServer) -> None:
    chunks = [ROLE_EVENT, content_event("kept "), content_event("text"), f"data: {DEEP}\n\n".encode()]
    server.queue(Reply(headers=dict(SSE_HEADERS), chunks=chunks))
    done = local.run("ask", "hi")
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert done.stdout == "kept text\n"
    assert "not a chat stream" in done.stderr and "nested deeper than 128 levels" in done.stderr
    reply = _export(local)["messages"][1]  # type: ignore[index]
    assert reply["content"] == "kept text" and reply["status"] == "error"
    assert reply["error"]["kind"] == "protocol"


def test_deep_event_error_in_the_stream(local: Sluice, server: TestServer) -> None:
    chunks = [ROLE_EVENT, content_event("part"), f"event: error\ndata: {DEEP}\n\n".encode()]
    server.queue(Reply(headers=dict(SSE_HEADERS), chunks=chunks))
    done = local.run("ask", "--json", "hi")
    assert done.returncode == 1
    no_traceback(done.stderr)
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert events[0] == {"type": "content", "text": "part"}
    assert events[-1]["type"] == "error" and "nested deeper" in events[-1]["message"]


def test_deep_error_body_keeps_the_status_kind(local: Sluice, server: TestServer) -> None:
    body = '{"error": {"message": ' + DEEP + "}}"
    server.queue(Reply(status=401, headers={"content-type": "application/json"}, chunks=[body.encode()]))
    done = local.run("ask", "--json", "hi")
    assert done.returncode == 1
    no_traceback(done.stderr)
    error = json.loads(done.stdout.splitlines()[-1])
    assert error["kind"] == "auth"
    assert error["message"].startswith("HTTP 401 Unauthorized from 127.0.0.1")
    assert "nested too deep" in error["message"] and "[[[" not in error["message"]


def test_deep_json_instead_of_a_stream(local: Sluice, server: TestServer) -> None:
    server.queue(Reply(headers={"content-type": "application/json"}, chunks=[DEEP.encode()], chunked=False))
    done = local.run("ask", "hi")
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert "nested deeper than 128 levels" in done.stderr
    assert _export(local)["messages"][1]["status"] == "error"  # type: ignore[index]


def test_deep_models_list(local: Sluice, server: TestServer) -> None:
    server.queue(json_reply({"data": json.loads("[" * 900 + "]" * 900)}), path="/v1/models")
    server.queue(
        Reply(headers={"content-type": "application/json"}, chunks=[DEEP.encode()]), path="/v1/models"
    )
    for _ in range(2):  # 900 deep parses in Python but is still refused; 2,500 raised RecursionError
        done = local.run("models")
        assert done.returncode == 1
        no_traceback(done.stderr)
        assert "nested deeper than 128 levels" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_deep_profiles_toml(sluice: Sluice) -> None:
    path = sluice.home / "config" / "profiles.toml"
    path.parent.mkdir(parents=True)
    text = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    path.write_text(text)
    done = sluice.run("profile", "list")
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert "nested too deep" in done.stderr and str(path) in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert path.read_text() == text  # nothing overwritten


def test_an_endless_models_list_stops_at_16_mb(local: Sluice, server: TestServer) -> None:
    """/models was read whole: a gateway that never ends the list grew the memory without bound."""
    entry = b'{"id": "model", "object": "model"},' * 2000  # ~70 kB a write
    server.queue(
        Reply(
            headers={"content-type": "application/json"},
            chunks=[b'{"object": "list", "data": ['],
            endless=True,
            endless_chunk=entry,
            gap_s=0.0,
        ),
        path="/v1/models",
    )
    done = local.run("models", timeout=60)
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert "answered /models with more than 16 MB" in done.stderr


def test_endless_blank_lines_as_text_plain_are_not_sniffed_forever(local: Sluice, server: TestServer) -> None:
    """A 200 without an event-stream type is sniffed for SSE; blank lines without end were all kept."""
    server.queue(
        Reply(
            headers={"content-type": "text/plain"},
            chunks=[b"\n"],
            endless=True,
            endless_chunk=b"\r\n" * 32768,
        )
    )
    done = local.run("ask", "hi", timeout=60)
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert "answered with text/plain instead of a chat stream" in done.stderr
