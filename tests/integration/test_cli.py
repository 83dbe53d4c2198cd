"""The `sluice` command against a real local OpenAI-compatible server, as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from tests.integration.conftest import Sluice
from tests.support.server import Reply, TestServer, endless_sse_reply, json_error_reply, sse_reply


def add_local_profile(sluice: Sluice, server: TestServer, name: str = "local") -> None:
    done = sluice.run(
        "profile", "add", name, "--base-url", server.base_url, "--model", "m1", "--auth", "none"
    )
    assert done.returncode == 0, done.stderr


def test_ask_streams_saves_and_exports(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    server.queue(sse_reply(["从前", "有座山", "。"], usage={"prompt_tokens": 3, "completion_tokens": 5}))
    done = sluice.run("ask", "讲个故事")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "从前有座山。\n"
    sent = server.requests[-1].json()
    assert sent["model"] == "m1" and sent["stream"] is True
    assert sent["messages"] == [{"role": "user", "content": "讲个故事"}]
    assert sent["stream_options"] == {"include_usage": True}

    exported = json.loads(sluice.run("export", "--last", "--format", "json").stdout)
    assert exported["title"] == "讲个故事"
    reply = exported["messages"][1]
    assert reply["content"] == "从前有座山。" and reply["status"] == "complete"
    assert reply["profile"] == "local" and reply["model"] == "m1" and reply["finish_reason"] == "stop"
    assert reply["usage"]["completion_tokens"] == 5
    assert "从前有座山。" in sluice.run("export", "--last").stdout


def test_ask_json_lines(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    server.queue(sse_reply(["a", "b"], reasoning=["hmm"], usage={"prompt_tokens": 1, "completion_tokens": 2}))
    done = sluice.run("ask", "--json", "-m", "other", "--system", "be brief", "q")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [x["type"] for x in lines] == ["reasoning", "content", "content", "usage", "done"]
    assert lines[-1]["finish_reason"] == "stop" and lines[-1]["ttft_ms"] is not None
    sent = server.requests[-1].json()
    assert sent["model"] == "other"
    assert sent["messages"][0] == {"role": "system", "content": "be brief"}


def test_prompt_from_stdin_and_no_save(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    server.queue(sse_reply(["ok"]))
    done = sluice.run("ask", "--no-save", "-", stdin="from stdin\n")
    assert done.stdout == "ok\n"
    assert server.requests[-1].json()["messages"][0]["content"] == "from stdin\n"
    assert sluice.run("export", "--last").returncode == 1


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (json_error_reply(401, "Incorrect API key provided"), "rejected the API key. Incorrect API key"),
        (json_error_reply(402, "余额不足，请充值"), "no balance or quota left. 余额不足"),
        (json_error_reply(429, "Rate limit reached", headers={"retry-after": "20"}), "retry after 20 s"),
        (Reply(status=502, headers={"content-type": "text/html"}, chunks=[b"<html>bad</html>"]), "HTTP 502"),
    ],
)
def test_http_errors_print_one_clear_line(
    sluice: Sluice, server: TestServer, reply: Reply, words: str
) -> None:
    add_local_profile(sluice, server)
    server.queue(reply)
    done = sluice.run("ask", "hi")
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert words in done.stderr
    assert "<html>" not in done.stderr


def test_error_as_json(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    server.queue(json_error_reply(429, "slow down", headers={"retry-after": "7"}))
    done = sluice.run("ask", "--json", "hi")
    assert done.returncode == 1
    assert json.loads(done.stdout.splitlines()[-1]) == {
        "type": "error",
        "kind": "rate_limit",
        "message": "slow down",
        "retry_after": 7.0,
    }


def test_dead_gateway(sluice: Sluice, server: TestServer) -> None:
    dead = "http://127.0.0.1:9/v1"  # the discard port: nothing listens there
    assert (
        sluice.run("profile", "add", "dead", "--base-url", dead, "--model", "m", "--auth", "none").returncode
        == 0
    )
    done = sluice.run("ask", "hi")
    assert done.returncode == 1
    assert "Could not connect to the gateway" in done.stderr and "refused" in done.stderr


def test_stream_cut_mid_way_keeps_the_partial_reply(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    reply = sse_reply(["partial ", "answer"], finish=None)
    reply.chunks = [c for c in reply.chunks if b"[DONE]" not in c]
    reply.end = "drop"
    server.queue(reply)
    done = sluice.run("ask", "hi")
    assert done.returncode == 1
    assert done.stdout == "partial answer\n"
    assert "connection broke" in done.stderr
    message = json.loads(sluice.run("export", "--last", "--format", "json").stdout)["messages"][1]
    assert message["content"] == "partial answer"
    assert message["status"] == "interrupted" and message["error"]["kind"] == "interrupted"


def test_ctrl_c_stops_at_once_and_saves_the_partial_reply(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    server.queue(endless_sse_reply())
    proc = sluice.popen("ask", "go on forever")
    assert proc.stdout is not None
    first = proc.stdout.read(4)  # something arrived: we are mid-stream
    assert first
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "stopped" in err and "saved" in err
    assert server.wait_until_closed(timeout=5), "Ctrl-C left the HTTP connection open"
    message = json.loads(sluice.run("export", "--last", "--format", "json").stdout)["messages"][1]
    assert message["status"] == "cancelled"
    assert message["content"] and (first + out).startswith(message["content"][:4])


def test_stream_options_refusal_is_retried_and_remembered(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    server.queue(json_error_reply(400, "Unrecognized request argument supplied: stream_options"))
    server.queue(sse_reply(["fine"]))
    done = sluice.run("ask", "hi")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "fine\n"
    first, second = server.requests[-2].json(), server.requests[-1].json()
    assert "stream_options" in first and "stream_options" not in second
    listed = json.loads(sluice.run("profile", "list", "--json").stdout)
    assert listed[0]["stream_usage"] is False


def test_profile_commands(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server, "one")
    assert sluice.run("profile", "add", "two", "--preset", "ollama").returncode == 0
    bad = sluice.run("ask", "hi")
    assert bad.returncode == 1 and "no default" in bad.stderr
    assert sluice.run("profile", "use", "one").returncode == 0
    listed = json.loads(sluice.run("profile", "list", "--json").stdout)
    assert [(p["name"], p["default"], p["auth"]) for p in listed] == [
        ("one", True, "none"),
        ("two", False, "none"),
    ]
    assert listed[1]["base_url"] == "http://localhost:11434/v1"
    assert set(listed[0]) == {
        "name",
        "base_url",
        "model",
        "auth",
        "headers",
        "secret_headers",
        "proxy",
        "stream_usage",
        "request_cost",
        "prices",
        "vision",
        "fallbacks",
        "default",
        "has_key",
        "key",
    }
    assert sluice.run("profile", "remove", "two").returncode == 0
    assert [p["name"] for p in json.loads(sluice.run("profile", "list", "--json").stdout)] == ["one"]
    missing = sluice.run("ask", "-p", "nope", "hi")
    assert missing.returncode == 1 and "nope" in missing.stderr


def test_models(sluice: Sluice, server: TestServer) -> None:
    from tests.support.server import models_reply

    add_local_profile(sluice, server)
    server.queue(models_reply(["b-model", "a-model"]), path="/v1/models")
    done = sluice.run("models")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["a-model", "b-model"]

    server.queue(json_error_reply(401, "令牌无效"), path="/v1/models")
    failed = sluice.run("models")
    assert failed.returncode == 1
    assert failed.stderr == "sluice: The gateway rejected the API key. 令牌无效\n"  # as `ask` says it


@pytest.mark.keyring
def test_key_goes_to_the_keyring_and_into_the_request(sluice: Sluice, server: TestServer) -> None:
    name = f"keytest-{time.time_ns()}"
    marker = f"sk-marker-{time.time_ns()}"
    added = sluice.run(
        "profile",
        "add",
        name,
        "--base-url",
        server.base_url,
        "--model",
        "m",
        "--key-stdin",
        stdin=marker + "\n",
    )
    if (
        "keyring" in added.stderr.lower()
        and added.returncode == 1
        and not os.environ.get("SLUICE_REQUIRE_KEYRING")
    ):
        pytest.skip(f"no Secret Service here: {added.stderr.strip()}")
    try:
        assert added.returncode == 0, added.stderr
        server.queue(sse_reply(["hi"]))
        assert sluice.run("ask", "-p", name, "x").returncode == 0
        assert server.requests[-1].headers["authorization"] == f"Bearer {marker}"
        listed = json.loads(sluice.run("profile", "list", "--json").stdout)
        assert listed[0]["has_key"] is True and marker not in json.dumps(listed)
        for path in sluice.home.rglob("*"):
            if path.is_file():
                assert marker.encode() not in path.read_bytes(), f"the key leaked into {path}"
    finally:
        sluice.run("profile", "remove", name)


def test_ask_leaves_a_live_windows_streaming_reply_alone(sluice: Sluice, server: TestServer) -> None:
    from app.core.models import Message, MessageStatus, Role
    from app.home import Home
    from app.store.conversations import ConversationStore

    add_local_profile(sluice, server)
    home = Home.from_env({"SLUICE_HOME": str(sluice.home)})
    home.ensure()
    store = ConversationStore.open(home.db_path)
    try:
        other = store.create_conversation("Streaming in the window", profile="local", model="m1")
        assert other.id is not None
        live = store.add_message(
            other.id, Message(role=Role.ASSISTANT, content="so f", status=MessageStatus.STREAMING)
        )
    finally:
        store.close()

    def status_of_live_row() -> MessageStatus:
        reopened = ConversationStore.open(home.db_path)
        try:
            return reopened.get_message(live.id or 0).status
        finally:
            reopened.close()

    home.window_lock_path.write_text(f"{os.getpid()}\nsluice\nhost\n", encoding="utf-8")  # a live window
    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "meanwhile").returncode == 0
    assert status_of_live_row() == MessageStatus.STREAMING  # not taken for a crash's leftover

    home.window_lock_path.unlink()  # no window: a 'streaming' row can only be a crash's
    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "later").returncode == 0
    assert status_of_live_row() == MessageStatus.INTERRUPTED
