"""How `sluice ask` ends a reply the database could not keep (app/cli_ask.py's sinks): the text was already
printed; the end says what was not saved, in --json as its own line."""

from __future__ import annotations

import io
import json

from app.cli_ask import JsonSink, TerminalSink
from app.core.events import ContentDelta
from app.core.models import Message, MessageStatus, Role

UNSAVED = Message(
    role=Role.ASSISTANT,
    content="all of it",
    status=MessageStatus.COMPLETE,
    finish_reason="stop",
    save_error="The reply could not be saved: database is locked. Its text is only on screen.",
)


def test_json_says_not_saved_before_done() -> None:
    out = io.StringIO()
    sink = JsonSink(out)
    sink(ContentDelta("all of it"))
    sink.close(UNSAVED)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["type"] for line in lines] == ["content", "not_saved", "done"]
    assert "database is locked" in lines[1]["message"]


def test_the_terminal_gets_the_whole_text() -> None:
    out, err = io.StringIO(), io.StringIO()
    sink = TerminalSink(out, err)
    sink(ContentDelta("all of it"))
    sink.close(UNSAVED)
    assert out.getvalue() == "all of it\n"
