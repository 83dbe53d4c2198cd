"""The hostile gateway against the real window (issue 12.3): JSON nested 2,500 deep in the stream gave "failed
unexpectedly" and a false "Stopped · before the first byte", the partial text unsaved and the row left
`streaming`; half a surrogate pair made the store raise. Now: one `protocol` banner, the text kept."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before PySide6 comes in through the imports below

from app.core.errors import ErrorKind
from app.core.models import MessageStatus
from tests.gui import conftest as gui
from tests.gui.window_harness import WindowHarness
from tests.support.faults import DONE_EVENT, ROLE_EVENT, SSE_HEADERS, STOP_EVENT, content_event
from tests.support.server import Reply

harness = gui.harness  # the GUI suite's fixture: a fresh home, the local server, a qasync loop


def _ask(harness: WindowHarness, reply: Reply) -> str:
    harness.add_profile("local")
    harness.server.queue(reply)
    shown: list[str] = []

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Question for a hostile gateway")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        shown.append(harness.transcript_text(parts))
        assert not parts.window.composer.is_streaming()
        await harness.close(parts)

    harness.run(scenario())
    return shown[0]


def test_deep_json_in_the_stream_shows_one_protocol_banner_and_keeps_the_text(harness: WindowHarness) -> None:
    deep = ("data: " + "[" * 2500 + "]" * 2500 + "\n\n").encode()
    text = _ask(
        harness, Reply(headers=dict(SSE_HEADERS), chunks=[ROLE_EVENT, content_event("Kept words"), deep])
    )
    assert "Kept words" in text and "nested deeper than 128 levels" in text
    assert "Stopped" not in text and "unexpectedly" not in text
    reply = harness.last_reply()
    assert (reply.status, reply.error_kind, reply.content) == (
        MessageStatus.ERROR,
        ErrorKind.PROTOCOL,
        "Kept words",
    )


def test_half_a_surrogate_pair_is_saved_as_a_replacement_character(harness: WindowHarness) -> None:
    lone = b'data: {"choices":[{"index":0,"delta":{"content":"half \\ud800 pair"}}]}\n\n'
    text = _ask(harness, Reply(headers=dict(SSE_HEADERS), chunks=[ROLE_EVENT, lone, STOP_EVENT, DONE_EVENT]))
    assert "half \ufffd pair" in text
    reply = harness.last_reply()
    assert (reply.status, reply.content) == (MessageStatus.COMPLETE, "half \ufffd pair")
