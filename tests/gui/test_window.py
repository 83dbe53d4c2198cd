"""The window as a user meets it: type, Enter, watch it stream, Esc, errors with Retry, profiles, quitting.

Every test drives the real window (the composition root `sluice` uses) against the real local HTTP server,
and checks what the user sees, what the database file holds, and what the server saw of the connection.
"""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core.errors import ErrorKind
from app.core.models import Message, MessageStatus, Role
from app.ui.profiles.editor import ProfileEditor
from app.ui.shell.app import main_window
from app.ui.shell.composition import WindowParts
from tests.gui.window_harness import WindowHarness
from tests.support.server import endless_sse_reply, json_error_reply, models_reply, sse_reply

USAGE = {"prompt_tokens": 9, "completion_tokens": 5, "total_tokens": 14}


def test_send_streams_the_reply_and_saves_it(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["Hello", ", **wor", "ld**", "!"], usage=USAGE))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Say hello")
        assert parts.window.composer.is_streaming() or not parts.controller.busy
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        text = harness.transcript_text(parts)
        assert "Say hello" in text
        assert "Hello, world!" in text  # Markdown rendered: no asterisks left
        assert "test-model" in text and "↑9 ↓5 tokens" in text  # the status line: prompt and reply apart
        assert parts.window.windowTitle() == "Say hello — Sluice"
        assert harness.input_box(parts).hasFocus()  # ready for the next message
        assert not parts.window.composer.is_streaming()

    harness.run(scenario())
    sent = harness.last_chat_request().json()
    assert sent["stream"] is True
    assert sent["messages"] == [{"role": "user", "content": "Say hello"}]
    reply = harness.last_reply()
    assert (reply.status, reply.content, reply.finish_reason) == (
        MessageStatus.COMPLETE,
        "Hello, **world**!",
        "stop",
    )


def test_escape_stops_closes_the_connection_and_keeps_the_partial_reply(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(endless_sse_reply("tick "))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Count forever")
        await harness.until(lambda: harness.transcript_text(parts).count("tick") >= 5, "ticks arrived")
        assert parts.window.composer.is_streaming()
        harness.input_box(parts).insertPlainText("typed while it streams")
        harness.press_escape(parts)
        await harness.until(lambda: not parts.controller.busy, "the reply stopped")
        # The server sees the client hang up in the middle of the reply: the gateway stops generating.
        await harness.until(lambda: len(harness.server.disconnect_times) == 1, "the server saw the hang-up")
        assert "■ Stopped" in harness.transcript_text(parts)
        assert parts.window.composer.text() == "typed while it streams"  # nothing typed is lost

    harness.run(scenario())
    reply = harness.last_reply()
    assert reply.status == MessageStatus.CANCELLED
    assert reply.content.startswith("tick tick tick tick tick")


def test_error_banner_shows_the_provider_message_and_retry_recovers(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(json_error_reply(401, "无效的令牌 (invalid token)", code="invalid_api_key"))
    harness.server.queue(sse_reply(["Now ", "it works."]))
    opened: list[str] = []

    async def scenario() -> None:
        parts = harness.open()
        parts.controller.profile_edit_requested.connect(opened.append)
        harness.type_and_send(parts, "Hello?")
        await harness.until(lambda: not parts.controller.busy, "the request failed")
        # The end of a turn is drawn by the task's done callback, a loop turn after `busy` drops.
        await harness.until(lambda: "Retry" in harness.transcript_text(parts), "the error banner was drawn")
        text = harness.transcript_text(parts)
        assert "无效的令牌 (invalid token)" in text  # the provider's own words, as sent
        assert "Retry" in text and "Open profile" in text
        failed = harness.last_reply()
        assert failed.error_kind == ErrorKind.AUTH
        # The banner's links are clicked through the transcript's anchor signal, as a click does.
        harness.click_link(parts, "Open profile")
        dialog = parts.window.findChild(ProfileEditor, "profileEditor")
        assert dialog is not None and dialog.isVisible()  # the editor opened, without blocking the loop
        assert dialog.name.text() == "local"
        dialog.reject()
        harness.click_link(parts, "Retry")
        await harness.until(lambda: "it works." in harness.transcript_text(parts), "the retry streamed")
        await harness.until(lambda: not parts.controller.busy, "the retry ended")
        text = harness.transcript_text(parts)
        assert "invalid token" not in text  # the new version is drawn in the failed one's place
        assert "‹ 2/2 ›" in text  # and the failed one is one click away

    harness.run(scenario())
    assert opened == ["local"]
    shown = [m for m in harness.shown_branch() if m.role.value == "assistant"]
    assert [(m.status, m.content) for m in shown] == [(MessageStatus.COMPLETE, "Now it works.")]
    kept = [m for m in harness.stored_messages() if m.role.value == "assistant"]
    assert [m.status for m in kept] == [MessageStatus.ERROR, MessageStatus.COMPLETE]  # nothing deleted
    assert harness.last_chat_request().json()["messages"] == [{"role": "user", "content": "Hello?"}]


def test_switching_profile_sends_the_next_message_to_the_other_gateway(harness: WindowHarness) -> None:
    other = harness.another_server()  # stopped after the windows (the harness closes them)
    harness.add_profile("first", model="model-a")
    harness.add_profile("second", model="model-b", base_url=other.base_url)
    harness.server.set_default(lambda _r: models_reply(["model-a"]), "/v1/models")
    other.set_default(lambda _r: models_reply(["model-b", "model-c"]), "/v1/models")
    harness.server.queue(sse_reply(["from first"]))
    other.queue(sse_reply(["from second"]))

    async def scenario() -> WindowParts:
        parts = harness.open()
        topbar = parts.window.topbar
        assert topbar.current_profile() == "first"  # a new conversation starts on the default
        assert topbar.pill_text() == "first · model-a"
        harness.type_and_send(parts, "one")
        await harness.until(lambda: not parts.controller.busy, "the first reply ended")
        # The pill opens the picker: every profile with its models, the second's list fetched now.
        QTest.mouseClick(topbar.pill, Qt.MouseButton.LeftButton)
        picker = topbar.picker()
        assert picker.isVisible()
        await harness.until(
            lambda: any(e.text == "model-c" for e in picker.shown_entries()), "the second model list"
        )
        sections = [e.section for e in picker.shown_entries()]
        assert sections[0] == "Recent" and "first" in sections and "second" in sections
        QTest.keyClicks(picker.search, "second model-c")
        assert [e.payload for e in picker.shown_entries()] == [("second", "model-c")]
        QTest.keyClick(picker.search, Qt.Key.Key_Return)
        assert not picker.isVisible()
        assert topbar.pill_text() == "second · model-c"
        harness.type_and_send(parts, "two")
        await harness.until(lambda: not parts.controller.busy, "the second reply ended")
        assert "from first" in harness.transcript_text(parts)
        assert "from second" in harness.transcript_text(parts)
        return parts

    harness.run(scenario())
    chats = [r for r in other.requests if r.path.endswith("/chat/completions")]
    assert len(chats) == 1
    assert chats[0].json()["model"] == "model-c"
    assert [m["content"] for m in chats[0].json()["messages"]] == ["one", "from first", "two"]
    assert [r.json()["model"] for r in harness.server.requests if r.path.endswith("/completions")] == [
        "model-a"
    ]
    reply = harness.last_reply()
    assert (reply.profile, reply.model) == ("second", "model-c")

    async def reopen() -> None:  # the conversation remembers its profile and model
        parts = harness.open()
        assert parts.window.topbar.pill_text() == "second · model-c"

    harness.run(reopen())


def test_closing_the_window_mid_stream_saves_the_partial_reply(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(endless_sse_reply("part "))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Go on")
        await harness.until(lambda: harness.transcript_text(parts).count("part") >= 3, "parts arrived")
        parts.window.activateWindow()  # shortcuts go to the active window
        await harness.until(parts.window.isActiveWindow, "the window is active")
        QTest.keyClick(harness.input_box(parts), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert not parts.window.isVisible()
        await harness.close(parts)

    harness.run(scenario())
    assert harness.server.wait_until_closed()
    reply = harness.last_reply()
    assert reply.status == MessageStatus.CANCELLED
    assert reply.content.startswith("part part part")


def test_sigterm_mid_stream_saves_and_the_next_start_shows_the_conversation(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(endless_sse_reply("word "))

    async def first_run() -> int:
        def on_shown(parts: WindowParts) -> None:
            harness.type_and_send(parts, "Keep talking")

            async def terminate_when_streaming() -> None:
                await harness.until(
                    lambda: harness.transcript_text(parts).count("word") >= 3, "words arrived"
                )
                os.kill(os.getpid(), signal.SIGTERM)  # as `kill` or a logout would

            harness.loop.create_task(terminate_when_streaming())

        return await main_window(harness.home, on_shown)

    assert harness.run(first_run()) == 0
    assert harness.server.wait_until_closed()
    reply = harness.last_reply()
    assert reply.status == MessageStatus.CANCELLED and reply.content.startswith("word word word")

    async def second_run() -> None:
        parts = harness.open()
        text = harness.transcript_text(parts)
        assert "Keep talking" in text and "word word word" in text and "Stopped" in text
        assert [c.title for c in parts.window.sidebar.conversations()] == ["Keep talking"]
        assert parts.window.windowTitle() == "Keep talking — Sluice"

    harness.run(second_run())


def test_stop_pressed_at_once_still_leaves_the_window_ready(harness: WindowHarness) -> None:
    """Esc right after Enter, before the request even starts: no stuck Stop button, nothing lost."""
    harness.add_profile("local")
    harness.server.set_default(lambda _r: endless_sse_reply("x "))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "quick")
        harness.press_escape(parts)
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert not parts.window.composer.is_streaming()
        assert "quick" in harness.transcript_text(parts)
        chats = [r for r in harness.server.requests if r.path.endswith("/chat/completions")]
        # Whether or not the request got out, no reply is left streaming on the server.
        await harness.until(lambda: len(harness.server.disconnect_times) == len(chats), "no stream left open")

    harness.run(scenario())


def test_edit_and_regenerate_show_a_new_version_and_keep_the_old_one(
    harness: WindowHarness,
) -> None:
    harness.add_profile("local")
    for words in (["first answer"], ["second answer"], ["edited answer"], ["regenerated answer"]):
        harness.server.queue(sse_reply(words))

    async def scenario() -> None:
        parts = harness.open()
        for question in ("one", "two"):
            harness.type_and_send(parts, question)
            await harness.until(lambda: not parts.controller.busy, f"the reply to {question} ended")
        harness.click_link(parts, "Edit", index=1)  # the second question's Edit link
        assert parts.window.composer.text() == "two"
        harness.input_box(parts).selectAll()
        harness.type_and_send(parts, "two, edited")
        await harness.until(lambda: not parts.controller.busy, "the edited question's reply ended")
        text = harness.transcript_text(parts)
        assert "second answer" not in text and "edited answer" in text
        parts.window.topbar.regenerate_requested.emit()
        await harness.until(lambda: "regenerated answer" in harness.transcript_text(parts), "regenerated")
        await harness.until(lambda: not parts.controller.busy, "the regenerated reply ended")
        assert "edited answer" not in harness.transcript_text(parts)

    harness.run(scenario())
    assert len(harness.stored_messages()) == 7  # both versions of the question, three answers to them
    assert [(m.role.value, m.content) for m in harness.shown_branch()] == [
        ("user", "one"),
        ("assistant", "first answer"),
        ("user", "two, edited"),
        ("assistant", "regenerated answer"),
    ]
    sent = [r.json()["messages"] for r in harness.server.requests if r.path.endswith("/completions")]
    assert [m["content"] for m in sent[-1]] == ["one", "first answer", "two, edited"]


def test_a_long_conversation_opens_at_its_end_and_shows_earlier_messages_on_request(
    harness: WindowHarness,
) -> None:
    from app.store.conversations import ConversationStore
    from app.ui.chat.controller import HISTORY_MORE, HISTORY_PAGE

    harness.add_profile("local")
    store = ConversationStore.open(harness.home.db_path)
    try:
        conversation = store.create_conversation("Long", profile="local", model="test-model")
        assert conversation.id is not None
        for n in range(300):
            store.add_message(conversation.id, Message(role=Role.USER, content=f"question {n}"))
    finally:
        store.close()

    async def scenario() -> None:
        parts = harness.open()
        text = harness.transcript_text(parts)
        assert "question 299" in text and f"question {300 - HISTORY_PAGE}" in text
        assert f"question {299 - HISTORY_PAGE}" not in text  # older ones wait
        assert f"{300 - HISTORY_PAGE} earlier messages not shown" in text
        shown = HISTORY_PAGE + HISTORY_MORE
        harness.click_link(parts, "earlier messages not shown")
        text = harness.transcript_text(parts)
        assert f"question {300 - shown}" in text and f"question {299 - shown}" not in text
        harness.click_link(parts, "earlier messages not shown")
        assert "question 0\n" in harness.transcript_text(parts)
        assert "earlier messages" not in harness.transcript_text(parts)

    harness.run(scenario())


def test_a_broken_profiles_file_is_reported_with_its_line_and_the_window_still_opens(
    harness: WindowHarness,
) -> None:
    broken = '[[profile]]\nname = "gw"\nbase_url = "https://gw.example/v1\n'  # unterminated string
    harness.home.profiles_path.write_text(broken, encoding="utf-8")
    notices: list[str] = []

    async def scenario() -> None:
        parts = harness.open()
        notices.append(parts.window.statusBar().currentMessage())
        assert parts.window.isVisible()

    harness.run(scenario())
    assert "line 3" in notices[0] and "profiles.toml" in notices[0], notices
    assert harness.home.profiles_path.read_text(encoding="utf-8") == broken  # never overwritten


def test_the_stopped_notice_goes_when_the_next_reply_starts(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(endless_sse_reply("tick "))
    harness.server.queue(sse_reply(["A whole ", "reply."]))

    async def scenario() -> None:
        parts = harness.open()
        status = parts.window.statusBar()
        harness.type_and_send(parts, "Count forever")
        await harness.until(lambda: "tick" in harness.transcript_text(parts), "ticks arrived")
        harness.press_escape(parts)
        await harness.until(lambda: not parts.controller.busy, "the reply stopped")
        assert status.currentMessage() == "Stopped. The partial reply is kept."
        harness.type_and_send(parts, "Say something whole")
        await harness.until(lambda: not parts.controller.busy, "the second reply ended")
        assert "A whole reply." in harness.transcript_text(parts)
        assert status.currentMessage() == ""  # "Stopped" was about the reply before

    harness.run(scenario())
