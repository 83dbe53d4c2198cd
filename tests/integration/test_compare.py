"""`sluice ask --compare`: one prompt to several lanes at once, against real local servers (issue 16)."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator

import pytest

from tests.integration.conftest import Sluice
from tests.support.server import TestServer, endless_sse_reply, json_error_reply, sse_reply


@pytest.fixture
def other() -> Iterator[TestServer]:
    with TestServer() as srv:
        yield srv


def _add(sluice: Sluice, name: str, base_url: str) -> None:
    done = sluice.run(
        "profile", "add", name, "--base-url", base_url, "--model", f"{name}-model", "--auth", "none"
    )
    assert done.returncode == 0, done.stderr


def test_two_lanes_one_failing_json(sluice: Sluice, server: TestServer, other: TestServer) -> None:
    _add(sluice, "a", server.base_url)
    _add(sluice, "b", other.base_url)
    server.queue(sse_reply(["from ", "A"], usage={"prompt_tokens": 2, "completion_tokens": 7}))
    other.queue(json_error_reply(500, "B is down", type_="server_error"))
    done = sluice.run("ask", "--json", "--compare", "a,b:gpt-x", "same question")
    assert done.returncode == 1  # a lane failed
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    summary = lines[-1]
    assert summary["type"] == "summary"
    assert all(x["lane"] in ("a", "b:gpt-x") for x in lines[:-1])
    a_text = "".join(x["text"] for x in lines if x["type"] == "content" and x["lane"] == "a")
    assert a_text == "from A"
    b_events = [x for x in lines[:-1] if x["lane"] == "b:gpt-x"]
    assert b_events == [
        {"type": "error", "kind": "server", "message": "B is down", "retry_after": None, "lane": "b:gpt-x"}
    ]
    a_row, b_row = summary["lanes"]
    assert a_row["lane"] == "a" and a_row["finish_reason"] == "stop" and a_row["error"] is None
    assert a_row["completion_tokens"] == 7 and a_row["ttft_ms"] is not None
    assert set(a_row) == {
        "lane", "finish_reason", "error", "ttft_ms", "tokens_per_s", "completion_tokens", "cost",
    }  # fmt: skip
    assert b_row["lane"] == "b:gpt-x" and b_row["error"] == {"kind": "server", "message": "B is down"}
    assert b_row["finish_reason"] is None
    assert server.requests[0].json()["model"] == "a-model"
    assert other.requests[0].json()["model"] == "gpt-x"
    assert server.requests[0].json()["messages"] == other.requests[0].json()["messages"]

    # One conversation: the question once, each lane's reply a sibling reply to it (its versions).
    exported = json.loads(sluice.run("export", "--last", "--format", "json", "--all").stdout)
    question, *replies = exported["messages"]
    assert question["content"] == "same question" and question["role"] == "user"
    assert [r["parent_id"] for r in replies] == [question["id"]] * 2
    saved = {r["profile"]: r for r in replies}
    assert saved["a"]["content"] == "from A" and saved["a"]["status"] == "complete"
    assert saved["b"]["model"] == "gpt-x" and saved["b"]["status"] == "error"
    assert sluice.run("export", "--id", "2").returncode == 1  # no second conversation


def test_plain_output_has_each_lane_under_a_header_then_a_table(
    sluice: Sluice, server: TestServer, other: TestServer
) -> None:
    _add(sluice, "a", server.base_url)
    _add(sluice, "b", other.base_url)
    server.queue(sse_reply(["alpha"]))
    other.queue(sse_reply(["beta"]))
    done = sluice.run("ask", "--compare", "a,b", "q")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "── a (a, a-model) " in out and "── b (b, b-model) " in out
    for lane, text in (("a", "alpha"), ("b", "beta")):
        block = out[out.index(f"── {lane} (") :]
        assert block.splitlines()[1] == text  # the reply right under its own header
    table = out[out.index("lane  ") :].splitlines()
    assert table[0].split() == ["lane", "result", "TTFT", "ms", "tok/s", "tokens", "cost"]
    assert [row.split()[:2] for row in table[1:]] == [["a", "stop"], ["b", "stop"]]


@pytest.mark.parametrize(
    ("spec", "words"),
    [("a", "2 to 4 lanes"), ("a,b,a:x,b:y,a:z", "2 to 4 lanes"), ("a,nope", "nope"), ("a,a", "different")],
)
def test_bad_lanes_are_refused_before_sending(
    sluice: Sluice, server: TestServer, spec: str, words: str
) -> None:
    _add(sluice, "a", server.base_url)
    _add(sluice, "b", server.base_url)
    done = sluice.run("ask", "--compare", spec, "q")
    assert done.returncode == 1 and words in done.stderr
    assert server.requests == []


def test_ctrl_c_stops_every_lane_and_closes_every_connection(
    sluice: Sluice, server: TestServer, other: TestServer
) -> None:
    _add(sluice, "a", server.base_url)
    _add(sluice, "b", other.base_url)
    server.queue(endless_sse_reply("a "))
    other.queue(endless_sse_reply("b "))
    proc = sluice.popen("ask", "--json", "--compare", "a,b", "go on")
    assert proc.stdout is not None
    seen = set()
    while seen != {"a", "b"}:  # both lanes are streaming at the same time
        line = json.loads(proc.stdout.readline())
        seen.add(line["lane"])
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "stopped every lane" in err
    assert server.wait_until_closed(timeout=5), "lane a's connection was left open"
    assert other.wait_until_closed(timeout=5), "lane b's connection was left open"
    exported = json.loads(sluice.run("export", "--last", "--format", "json", "--all").stdout)
    replies = exported["messages"][1:]
    assert len(replies) == 2
    for reply in replies:
        assert reply["status"] == "cancelled" and reply["content"]


def test_the_conversation_shows_a_whole_reply_not_the_failed_lane_saved_after_it(
    sluice: Sluice, server: TestServer, other: TestServer
) -> None:
    _add(sluice, "a", server.base_url)
    _add(sluice, "b", other.base_url)
    server.queue(sse_reply(["from A"]))
    other.queue(json_error_reply(503, "B is down"))
    done = sluice.run("ask", "--compare", "a,b", "q")  # the failing lane's reply row is made last
    assert done.returncode == 1
    shown_path = json.loads(sluice.run("export", "--last", "--format", "json").stdout)["messages"]
    assert [m["content"] for m in shown_path] == ["q", "from A"]
