"""Failover from the command line (issue 16): a profile's fallbacks tried when it fails before any text.

Two real local servers stand for two gateways reselling the same model.
"""

from __future__ import annotations

import json
import signal
import tomllib
from collections.abc import Iterator

import pytest

from tests.integration.conftest import Sluice
from tests.support.server import Reply, TestServer, json_error_reply, sse_reply

DEAD = "http://127.0.0.1:9/v1"  # the discard port: nothing listens there


@pytest.fixture
def other() -> Iterator[TestServer]:
    with TestServer() as srv:
        yield srv


def _add(sluice: Sluice, name: str, base_url: str, *extra: str) -> None:
    done = sluice.run(
        "profile", "add", name, "--base-url", base_url, "--model", f"{name}-model", "--auth", "none", *extra
    )
    assert done.returncode == 0, done.stderr


def _lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def _saved_reply(sluice: Sluice) -> dict[str, object]:
    reply: dict[str, object] = json.loads(sluice.run("export", "--last", "--format", "json").stdout)[
        "messages"
    ][1]
    return reply


def test_a_503_fails_over_to_the_next_profile(sluice: Sluice, server: TestServer, other: TestServer) -> None:
    _add(sluice, "b", other.base_url)
    _add(sluice, "a", server.base_url, "--fallback", "b")
    server.queue(json_error_reply(503, "upstream overloaded", type_="server_error"))
    other.queue(sse_reply(["from ", "B"]))
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 0, done.stderr
    lines = _lines(done.stdout)
    assert lines[0] == {
        "type": "failover",
        "from": "a",
        "to": "b",
        "kind": "server",
        "message": "upstream overloaded",
    }
    assert "".join(str(x["text"]) for x in lines if x["type"] == "content") == "from B"
    assert lines[-1]["type"] == "done"
    assert len(server.requests) == 1 and len(other.requests) == 1
    assert other.requests[0].json()["model"] == "b-model"  # b's own model
    reply = _saved_reply(sluice)
    assert reply["profile"] == "b" and reply["model"] == "b-model" and reply["content"] == "from B"
    assert reply["status"] == "complete"


def test_plain_output_says_where_the_reply_came_from(
    sluice: Sluice, server: TestServer, other: TestServer
) -> None:
    _add(sluice, "b", other.base_url)
    _add(sluice, "a", DEAD, "--fallback", "b:gpt-4o")
    other.queue(sse_reply(["ok"]))
    done = sluice.run("ask", "-p", "a", "hi")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
    assert "a: Could not connect to the gateway" in done.stderr and "Trying b:gpt-4o." in done.stderr
    assert other.requests[0].json()["model"] == "gpt-4o"
    reply = _saved_reply(sluice)
    assert reply["profile"] == "b" and reply["model"] == "gpt-4o"


def test_fallbacks_in_order_until_one_answers(sluice: Sluice, server: TestServer, other: TestServer) -> None:
    _add(sluice, "c", other.base_url)
    _add(sluice, "b", server.base_url)
    _add(sluice, "a", server.base_url, "--fallback", "gone", "--fallback", "b", "--fallback", "c")
    server.queue(json_error_reply(429, "slow down", headers={"retry-after": "60"}))  # a
    server.queue(json_error_reply(402, "余额不足", type_="insufficient_quota"))  # b
    other.queue(sse_reply(["c answers"]))
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 0, done.stderr
    hops = [(x["from"], x["to"], x["kind"]) for x in _lines(done.stdout) if x["type"] == "failover"]
    assert hops == [("a", "b", "rate_limit"), ("b", "c", "quota")]  # "gone" names no profile: skipped
    assert _saved_reply(sluice)["profile"] == "c"


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (json_error_reply(401, "Incorrect API key provided"), "auth"),
        (json_error_reply(400, "bad model"), "bad_request"),
        (json_error_reply(404, "no such model"), "not_found"),
    ],
)
def test_the_users_own_errors_never_fail_over(
    sluice: Sluice, server: TestServer, other: TestServer, reply: Reply, kind: str
) -> None:
    _add(sluice, "b", other.base_url)
    _add(sluice, "a", server.base_url, "--fallback", "b")
    server.queue(reply)
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 1
    lines = _lines(done.stdout)
    assert [x["type"] for x in lines] == ["error"] and lines[0]["kind"] == kind
    assert other.requests == []
    assert _saved_reply(sluice)["profile"] == "a"


def test_no_failover_once_text_has_arrived(sluice: Sluice, server: TestServer, other: TestServer) -> None:
    _add(sluice, "b", other.base_url)
    _add(sluice, "a", server.base_url, "--fallback", "b")
    cut = sse_reply(["half ", "a reply"], finish=None)
    cut.chunks = [c for c in cut.chunks if b"[DONE]" not in c]
    cut.end = "drop"
    server.queue(cut)
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 1
    lines = _lines(done.stdout)
    assert "failover" not in [x["type"] for x in lines]
    assert lines[-1]["kind"] == "interrupted"
    assert other.requests == []
    reply = _saved_reply(sluice)
    assert reply["profile"] == "a" and reply["content"] == "half a reply" and reply["status"] == "interrupted"


def test_a_short_retry_after_with_no_fallback_waits_and_retries_once(
    sluice: Sluice, server: TestServer
) -> None:
    _add(sluice, "a", server.base_url)
    server.queue(json_error_reply(429, "slow down", headers={"retry-after": "1"}))
    server.queue(sse_reply(["after the wait"]))
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 0, done.stderr
    lines = _lines(done.stdout)
    assert lines[0] == {"type": "retry_wait", "profile": "a", "seconds": 1.0}
    assert "".join(str(x["text"]) for x in lines if x["type"] == "content") == "after the wait"
    assert len(server.requests) == 2

    server.queue(json_error_reply(429, "slow down", headers={"retry-after": "1"}))
    server.queue(json_error_reply(429, "still", headers={"retry-after": "1"}))
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 1  # once only
    assert [x["type"] for x in _lines(done.stdout)] == ["retry_wait", "error"]
    assert len(server.requests) == 4

    server.queue(json_error_reply(429, "slow down", headers={"retry-after": "30"}))
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert [x["type"] for x in _lines(done.stdout)] == ["error"]  # too long to wait for


def test_fallback_options_are_kept_in_profiles_toml(sluice: Sluice, server: TestServer) -> None:
    added = sluice.run(
        "profile", "add", "a", "--base-url", server.base_url, "--auth", "none",
        "--fallback", "b", "--fallback", "c:gpt-4o",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "no profile is called c yet; the fallback c:gpt-4o is skipped until one is" in added.stderr
    document = tomllib.loads((sluice.home / "config" / "profiles.toml").read_text(encoding="utf-8"))
    assert document["profile"][0]["fallbacks"] == ["b", "c:gpt-4o"]
    listed = json.loads(sluice.run("profile", "list", "--json").stdout)
    assert listed[0]["fallbacks"] == ["b", "c:gpt-4o"]
    bad = sluice.run(
        "profile", "add", "x", "--base-url", server.base_url, "--auth", "none", "--fallback", "x"
    )
    assert bad.returncode == 1 and "fallback 'x'" in bad.stderr


def test_ctrl_c_cancels_the_retry_wait(sluice: Sluice, server: TestServer) -> None:
    _add(sluice, "a", server.base_url)
    server.queue(json_error_reply(429, "slow down", headers={"retry-after": "5"}))
    server.queue(sse_reply(["must not be asked for"]))
    proc = sluice.popen("ask", "-p", "a", "--json", "hi")
    assert proc.stdout is not None
    assert json.loads(proc.stdout.readline())["type"] == "retry_wait"  # now waiting
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert len(server.requests) == 1  # the retry never went out
    assert _saved_reply(sluice)["status"] == "cancelled"


def test_a_fallback_naming_no_profile_is_said_not_tried(sluice: Sluice, server: TestServer) -> None:
    _add(sluice, "b", server.base_url)
    _add(sluice, "a", server.base_url, "--fallback", "b:b-model")
    removed = sluice.run("profile", "remove", "b")
    assert removed.returncode == 0 and "Still listed as a fallback by a" in removed.stderr
    server.queue(json_error_reply(503, "upstream overloaded", type_="server_error"))
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 1
    lines = _lines(done.stdout)
    assert [x["type"] for x in lines] == ["error"] and lines[0]["kind"] == "server"
    assert lines[0]["message"] == (
        "upstream overloaded (Fallback not tried: no profile is called 'b'; fix it in the profile editor.)"
    )
    assert len(server.requests) == 1
    assert "not tried" in str(_saved_reply(sluice)["error"])


def test_renaming_a_fallback_profile_keeps_the_fallback(
    sluice: Sluice, server: TestServer, other: TestServer
) -> None:
    _add(sluice, "b", other.base_url)
    _add(sluice, "a", server.base_url)
    assert sluice.run("profile", "set", "a", "--fallback", "b").returncode == 0
    renamed = sluice.run("profile", "set", "b", "--rename", "backup")
    assert renamed.returncode == 0, renamed.stderr
    assert "The fallbacks of a now name backup." in renamed.stderr
    listed = {p["name"]: p for p in json.loads(sluice.run("profile", "list", "--json").stdout)}
    assert listed["a"]["fallbacks"] == ["backup"]
    server.queue(json_error_reply(503, "down", type_="server_error"))
    other.queue(sse_reply(["from backup"]))
    done = sluice.run("ask", "-p", "a", "--json", "hi")
    assert done.returncode == 0, done.stderr
    assert _lines(done.stdout)[0]["to"] == "backup"
    assert _saved_reply(sluice)["profile"] == "backup"
