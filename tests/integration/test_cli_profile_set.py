"""`sluice profile set NAME …` through the real command: only what is given changes; a rename carries the
key, the default and the conversations along."""

from __future__ import annotations

import json
import os
import shlex
import time
from pathlib import Path
from typing import Any

import pytest

from app.home import Home
from app.store.conversations import ConversationStore
from tests.integration.conftest import Sluice
from tests.support import files
from tests.support.server import TestServer, sse_reply


def listed(sluice: Sluice) -> dict[str, dict[str, Any]]:
    done = sluice.run("profile", "list", "--json")
    assert done.returncode == 0, done.stderr
    return {row["name"]: row for row in json.loads(done.stdout)}


def add_local(sluice: Sluice, server: TestServer, name: str = "local", *extra: str) -> None:
    done = sluice.run(
        "profile", "add", name, "--base-url", server.base_url, "--model", "m1", "--auth", "none", *extra
    )
    assert done.returncode == 0, done.stderr


def conversation_profiles(sluice: Sluice) -> list[str | None]:
    home = Home.from_env({"SLUICE_HOME": str(sluice.home)})
    store = ConversationStore.open(home.db_path)
    try:
        return [c.profile for c in store.list_conversations()]
    finally:
        store.close()


def test_set_changes_only_the_options_given(sluice: Sluice, server: TestServer) -> None:
    add_local(sluice, server, "local", "--header", "X-Title: Sluice", "--header", "X-Team: a")
    before = listed(sluice)["local"]

    done = sluice.run(
        "profile", "set", "local", "--model", "m2", "--header", "x-team: b", "--no-stream-usage"
    )

    assert done.returncode == 0, done.stderr
    assert "Changed model, headers, stream_usage of profile local." in done.stderr
    after = listed(sluice)["local"]
    assert after["model"] == "m2" and after["stream_usage"] is False
    assert after["headers"] == {"X-Title": "Sluice", "x-team": "b"}  # set by name, the other kept
    unchanged = {k: v for k, v in before.items() if k not in ("model", "stream_usage", "headers")}
    assert {k: after[k] for k in unchanged} == unchanged

    again = sluice.run("profile", "set", "local", "--stream-usage", "--remove-header", "X-Title")
    assert again.returncode == 0, again.stderr
    after = listed(sluice)["local"]
    assert after["stream_usage"] is True and after["headers"] == {"x-team": "b"}

    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "-p", "local", "hi").returncode == 0
    sent = server.requests[-1]
    assert sent.json()["model"] == "m2" and sent.headers["x-team"] == "b" and "x-title" not in sent.headers


def test_set_refuses_what_is_wrong_and_changes_nothing(sluice: Sluice, server: TestServer) -> None:
    add_local(sluice, server, "one")
    add_local(sluice, server, "two")
    before = (sluice.home / "config" / "profiles.toml").read_bytes()
    cases = [
        (("one",), "Nothing to change for profile one"),
        (("nope", "--model", "x"), "no profile named 'nope'"),
        (("one", "--rename", "two"), "a profile named 'two' already exists"),
        (("one", "--base-url", "ftp://example.com/v1"), "base_url must be a URL starting with http://"),
        (("one", "--auth", "basic"), "Bad --auth 'basic'"),
        (("one", "--remove-header", "X-None"), "has no header 'X-None'"),
        (("one", "--read-timeout", "0"), "read_timeout must be a positive number"),
    ]
    for args, words in cases:
        done = sluice.run("profile", "set", *args)
        assert done.returncode == 1, (args, done.stderr)
        assert words in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    bad_timeout = sluice.run("profile", "set", "one", "--read-timeout", "soon")
    assert bad_timeout.returncode == 2 and "is not a number of seconds" in bad_timeout.stderr
    same = sluice.run("profile", "set", "one", "--base-url", server.base_url + "/", "--model", "m1")
    assert same.returncode == 0 and "nothing changed" in same.stderr
    assert (sluice.home / "config" / "profiles.toml").read_bytes() == before


def test_rename_moves_the_conversations_and_the_default(sluice: Sluice, server: TestServer) -> None:
    add_local(sluice, server, "old")
    add_local(sluice, server, "other")
    assert sluice.run("profile", "use", "old").returncode == 0
    for _ in range(3):
        server.queue(sse_reply(["ok"]))
        assert sluice.run("ask", "-p", "old", "hi").returncode == 0
    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "-p", "other", "hi").returncode == 0

    done = sluice.run("profile", "set", "old", "--rename", "新的 名字", "--model", "m9")

    assert done.returncode == 0, done.stderr
    assert "Renamed profile old to 新的 名字; 3 conversation(s) follow it." in done.stderr
    profiles = listed(sluice)
    assert list(profiles) == ["新的 名字", "other"]  # in its place
    assert profiles["新的 名字"]["default"] is True and profiles["新的 名字"]["model"] == "m9"
    assert sorted(conversation_profiles(sluice), key=str) == ["other", "新的 名字", "新的 名字", "新的 名字"]
    server.queue(sse_reply(["still works"]))
    assert sluice.run("ask", "hi").returncode == 0  # the default followed the rename
    assert server.requests[-1].json()["model"] == "m9"


def test_moving_a_presets_url_to_another_server_makes_it_custom(sluice: Sluice, server: TestServer) -> None:
    assert sluice.run("profile", "add", "oa", "--preset", "openai").returncode == 0
    assert (
        sluice.run("profile", "add", "mine", "--preset", "openai", "--base-url", server.base_url).returncode
        == 0
    )
    toml = (sluice.home / "config" / "profiles.toml").read_text()
    assert toml.count('preset = "openai"') == 1  # `mine` points at another server: no OpenAI preset
    assert sluice.run("profile", "set", "oa", "--base-url", "https://api.openai.com/v1/").returncode == 0
    assert 'preset = "openai"' in (sluice.home / "config" / "profiles.toml").read_text()  # same host: kept
    assert sluice.run("profile", "set", "oa", "--base-url", server.base_url).returncode == 0
    assert "preset" not in (sluice.home / "config" / "profiles.toml").read_text()
    assert listed(sluice)["oa"]["model"] == "gpt-4o-mini"  # the model is the user's, not the preset's


@pytest.mark.keyring
def test_set_with_a_key_and_a_rename_keeps_the_new_key(sluice: Sluice, server: TestServer) -> None:
    name = f"settest-{time.time_ns()}"
    first, second = f"sk-first-{time.time_ns()}", f"sk-second-{time.time_ns()}"
    added = sluice.run(
        "profile",
        "add",
        name,
        "--base-url",
        server.base_url,
        "--model",
        "m",
        "--key-stdin",
        stdin=first + "\n",
    )
    if (
        "keyring" in added.stderr.lower()
        and added.returncode == 1
        and not os.environ.get("SLUICE_REQUIRE_KEYRING")
    ):
        pytest.skip(f"no Secret Service here: {added.stderr.strip()}")
    renamed = f"{name}-renamed"
    try:
        assert added.returncode == 0, added.stderr
        done = sluice.run("profile", "set", name, "--rename", renamed, "--key-stdin", stdin=second + "\n")
        assert done.returncode == 0, done.stderr
        server.queue(sse_reply(["hi"]))
        assert sluice.run("ask", "-p", renamed, "x").returncode == 0
        assert server.requests[-1].headers["authorization"] == f"Bearer {second}"
        assert listed(sluice)[renamed]["has_key"] is True
    finally:
        sluice.run("profile", "remove", renamed)
        sluice.run("profile", "remove", name)


def test_price_vision_and_cost_options_are_changed_in_place(sluice: Sluice, server: TestServer) -> None:
    add_local(sluice, server, "local", "--price", "m1=1/2 USD", "--vision", "m1=on")
    done = sluice.run(
        "profile", "set", "local", "--price", "m2=0.5/1.5 CNY", "--vision", "m1=auto", "--request-cost"
    )
    assert done.returncode == 0, done.stderr
    row = listed(sluice)["local"]
    assert set(row["prices"]) == {"m1", "m2"} and row["vision"] == {} and row["request_cost"] is True
    removed = sluice.run("profile", "set", "local", "--price", "m1=", "--no-request-cost")
    assert removed.returncode == 0, removed.stderr
    row = listed(sluice)["local"]
    assert set(row["prices"]) == {"m2"} and row["request_cost"] is False
    both = sluice.run("profile", "set", "local", "--request-cost", "--no-request-cost")
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_the_advice_for_a_model_marked_text_only_works(
    sluice: Sluice, server: TestServer, tmp_path: Path
) -> None:
    """`ask -a` tells the user to run `sluice profile set P --vision M=on`: that command now exists."""
    add_local(sluice, server, "gw", "--vision", "m1=off")
    image = tmp_path / "a.png"
    image.write_bytes(files.png(8, 8))
    refused = sluice.run("ask", "-a", str(image), "q")
    assert refused.returncode == 1
    advice = next(line for line in refused.stderr.splitlines() if "sluice profile set" in line)
    command = shlex.split(advice[advice.index("sluice profile set") :])
    assert sluice.run(*command[1:]).returncode == 0
    server.queue(sse_reply(["a red square"]))
    done = sluice.run("ask", "-a", str(image), "q")
    assert done.returncode == 0, done.stderr
    content = server.requests[-1].json()["messages"][-1]["content"]
    assert [part["type"] for part in content] == ["text", "image_url"]
