"""Faults as the window shows them: one clear banner of the right kind, the partial reply kept on screen and
in the store with the right status, the composer usable again, and no connection or task left behind.

The same faults are proven on the CLI and session side in tests/integration/test_faults.py; here the real
window (the composition root `sluice` uses) meets them through the real client path.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QUrl

from app.core.errors import ErrorKind
from app.core.models import MessageStatus
from tests.gui.window_harness import WindowHarness
from tests.support.faults import SSE_HEADERS, free_port, garbage_reply, stream_body
from tests.support.server import Reply, json_error_reply, sse_reply


@dataclass(frozen=True)
class Fault:
    name: str
    reply: Callable[[], Reply] | None  # None: nothing listens (the profile points at a free port)
    kind: ErrorKind
    status: MessageStatus
    shown: str  # words the banner must show
    partial: str = ""  # text received before the fault, which must stay


FAULTS = [
    Fault(
        "wrong key",
        lambda: json_error_reply(401, "令牌无效 (invalid key)", code="invalid_api_key"),
        ErrorKind.AUTH,
        MessageStatus.ERROR,
        "令牌无效 (invalid key)",
    ),
    Fault(
        "no balance",
        lambda: json_error_reply(402, "余额不足，请充值", code="insufficient_quota"),
        ErrorKind.QUOTA,
        MessageStatus.ERROR,
        "余额不足，请充值",
    ),
    Fault(
        "rate limit",
        lambda: json_error_reply(429, "Too many requests", headers={"retry-after": "7"}),
        ErrorKind.RATE_LIMIT,
        MessageStatus.ERROR,
        "retry after 7 s",
    ),
    Fault("gateway down", None, ErrorKind.CONNECTION, MessageStatus.ERROR, "refused the connection"),
    Fault(
        "stream cut mid-reply",
        lambda: Reply(
            headers=dict(SSE_HEADERS), chunks=stream_body(["Half ", "an answer"], finish=False), end="drop"
        ),
        ErrorKind.INTERRUPTED,
        MessageStatus.INTERRUPTED,
        "broke mid-reply",
        partial="Half an answer",
    ),
    Fault(
        "garbage bytes",
        lambda: garbage_reply(),
        ErrorKind.PROTOCOL,
        MessageStatus.ERROR,
        "not a chat stream",
    ),
]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_a_fault_shows_one_clear_banner_and_keeps_everything(harness: WindowHarness, fault: Fault) -> None:
    if fault.reply is None:
        harness.add_profile("local", base_url=f"http://127.0.0.1:{free_port()}/v1")
    else:
        harness.add_profile("local")
        harness.server.queue(fault.reply())

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Question that meets a fault")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        text = harness.transcript_text(parts)
        assert fault.shown in text, text
        assert "Retry" in text
        if fault.partial:
            assert fault.partial in text
        assert "Question that meets a fault" in text  # what was sent stays on screen
        assert not parts.window.composer.is_streaming()  # Send is back; the box takes the next message
        assert harness.input_box(parts).hasFocus()
        assert parts.pool.stats().busy == 0  # nothing still reading (an idle keep-alive may stay)
        await harness.close(parts)  # quitting closes every connection, idle ones included

    harness.run(scenario())
    reply = harness.last_reply()
    assert (reply.status, reply.error_kind) == (fault.status, fault.kind)
    assert reply.content == fault.partial
    if fault.reply is not None:
        assert harness.server.wait_until_closed()
        assert harness.server.errors == []


def test_links_in_a_reply_open_only_web_and_mail(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    harness.add_profile("local")

    async def scenario() -> None:
        parts = harness.open()
        notices: list[str] = []
        parts.controller.notice.connect(notices.append)
        for url in (
            "https://example.com/docs",
            "mailto:someone@example.com",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "smb://server/share",
            "relative/path",
        ):
            parts.window.transcript.anchorClicked.emit(QUrl(url))
        assert len(notices) == 4 and all(n.startswith("Not opening") for n in notices)

    harness.run(scenario())
    assert opened == ["https://example.com/docs", "mailto:someone@example.com"]


def test_a_mail_link_from_a_reply_cannot_attach_a_file_or_write_the_body(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12.11: `mailto:…?attach=~/.ssh/id_rsa` opened on click with the attachment.
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    harness.add_profile("local")

    async def scenario() -> None:
        parts = harness.open()
        notices: list[str] = []
        parts.controller.notice.connect(notices.append)
        link = "mailto:x@example.com?subject=Hi&attach=/home/u/.ssh/id_rsa&Attachment=a&body=hi&bcc=e@x"
        parts.window.transcript.anchorClicked.emit(QUrl(link))
        assert len(notices) == 1 and "attach, Attachment, body, bcc" in notices[0]

    harness.run(scenario())
    (url,) = opened
    assert url.toString() == "mailto:x@example.com?subject=Hi"


def test_a_reply_cannot_forge_the_apps_own_links(harness: WindowHarness) -> None:
    """A model may write `[x](sluice:retry/1)`; clicking it must not delete history or send a paid request."""
    harness.add_profile("local")
    harness.server.queue(sse_reply(["First answer."]))
    forged = "[retry](sluice:retry/1) [copy](sluice:copy/1) [fold](sluice:think/0) [code](sluice:code/0)"
    harness.server.queue(sse_reply([f"Click: {forged}"]))

    async def scenario() -> None:
        parts = harness.open()
        notices: list[str] = []
        parts.controller.notice.connect(notices.append)
        for question in ("one", "two"):
            harness.type_and_send(parts, question)
            await harness.until(lambda: not parts.controller.busy, "the reply ended")
        before = len(harness.server.requests)
        for label in ("retry", "copy", "fold", "code"):
            harness.click_link(parts, label, index=0)
        await asyncio.sleep(0.1)
        assert not parts.controller.busy and len(harness.server.requests) == before  # nothing sent
        assert len([n for n in notices if n.startswith("Not opening a sluice link")]) == 4

    harness.run(scenario())
    assert [m.content for m in harness.stored_messages()] == [
        "one",
        "First answer.",
        "two",
        f"Click: {forged}",
    ]
