"""Turns in the window: one end for every reply, versions kept by Edit and Regenerate, "‹ 2/3 ›" to move
between them, and the edit banner that gives the draft back.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from app.core.errors import StoreError
from app.core.models import Message, MessageStatus, Role
from app.store.conversations import ConversationStore
from tests.gui.window_harness import WindowHarness
from tests.support.server import sse_reply


@pytest.mark.allow_log("ERROR", "app.reply_saver", "^could not save the reply")  # provoked: the disk fails
def test_a_reply_whose_final_save_fails_says_so_and_keeps_its_text(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in real use: a StoreError from finish_message after a complete reply drew "Stopped · before
    the first byte", and the row stayed 'streaming'."""
    harness.add_profile("local")
    harness.server.queue(sse_reply(["The whole ", "answer."]))

    def refuse(self: ConversationStore, message: Message, **_kw: object) -> None:
        raise StoreError(f"The conversation database {self.path} could not be used: disk I/O error.")

    monkeypatch.setattr(ConversationStore, "finish_message", refuse)
    monkeypatch.setattr("app.reply_saver.FINAL_SAVE_DELAYS_S", (0.01,))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        text = harness.transcript_text(parts)
        assert "The whole answer." in text
        assert "before the first byte" not in text
        assert "Stopped" not in text
        assert "could not be saved" in text and "disk I/O error" in text

    harness.run(scenario())
    monkeypatch.undo()
    reply = harness.last_reply()
    assert reply.status != MessageStatus.STREAMING


def test_versions_switch_in_place_and_the_next_message_follows_the_shown_one(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.add_profile("local")
    for words in (["opening"], ["first answer"], ["second answer"], ["follow-up answer"]):
        harness.server.queue(sse_reply(words))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "hello")
        await harness.until(lambda: not parts.controller.busy, "the opening reply ended")
        harness.type_and_send(parts, "question")
        await harness.until(lambda: not parts.controller.busy, "the first answer ended")
        parts.window.topbar.regenerate_requested.emit()
        await harness.until(lambda: not parts.controller.busy, "the second answer ended")
        text = harness.transcript_text(parts)
        assert "second answer" in text and "first answer" not in text
        assert "‹ 2/2 ›" in text

        drawn: list[str] = []
        view = parts.window.transcript
        for name in ("add_user_message", "add_assistant_message", "clear_messages"):
            original = getattr(view, name)

            def spy(*args: object, _name: str = name, _original: object = original, **kw: object) -> object:
                drawn.append(_name)
                return _original(*args, **kw)  # type: ignore[operator]

            monkeypatch.setattr(view, name, spy)
        harness.click_link(parts, "‹")
        text = harness.transcript_text(parts)
        assert "first answer" in text and "second answer" not in text
        assert "‹ 1/2 ›" in text
        assert "hello" in text and "opening" in text  # the turns above are still there...
        assert drawn == ["add_assistant_message"]  # ...as they were: only the switched turn was drawn

        harness.type_and_send(parts, "and then?")
        await harness.until(lambda: not parts.controller.busy, "the follow-up ended")

    harness.run(scenario())
    sent = harness.last_chat_request().json()["messages"]
    assert [m["content"] for m in sent] == ["hello", "opening", "question", "first answer", "and then?"]
    assert len(harness.stored_messages()) == 7
    assert [m.content for m in harness.shown_branch()] == [
        "hello",
        "opening",
        "question",
        "first answer",
        "and then?",
        "follow-up answer",
    ]


def test_the_edit_banner_gives_the_draft_back_and_an_edit_adds_a_version(harness: WindowHarness) -> None:
    """Issue 13, defect 1: after Edit, Esc only cleared the status text, and sending replaced the original
    message and every reply after it."""
    harness.add_profile("local")
    for words in (["first answer"], ["edited answer"]):
        harness.server.queue(sse_reply(words))

    async def scenario() -> None:
        parts = harness.open()
        composer = parts.window.composer
        harness.type_and_send(parts, "original")
        await harness.until(lambda: not parts.controller.busy, "the first reply ended")
        box = harness.input_box(parts)
        box.setPlainText("my unsent draft")

        harness.click_link(parts, "Edit")
        assert composer.text() == "original"
        assert composer.is_editing()
        harness.press_escape(parts)
        assert composer.text() == "my unsent draft"  # Esc gives the draft back
        assert not composer.is_editing()

        harness.click_link(parts, "Edit")
        cancel = composer.findChild(QPushButton, "editCancel")
        assert cancel is not None and cancel.isVisible()
        cancel.click()
        assert composer.text() == "my unsent draft"  # so does the banner's Cancel
        assert not cancel.isVisible()

        harness.click_link(parts, "Edit")
        box.selectAll()
        harness.type_and_send(parts, "original, edited")
        await harness.until(lambda: not parts.controller.busy, "the edited reply ended")
        assert composer.text() == "my unsent draft"  # and so does sending the edit
        assert not composer.is_editing()
        text = harness.transcript_text(parts)
        assert "original, edited" in text and "edited answer" in text
        assert "first answer" not in text
        assert "‹ 2/2 ›" in text  # on the edited question

    harness.run(scenario())
    stored = [(m.role, m.content) for m in harness.stored_messages()]
    assert (Role.USER, "original") in stored and (Role.ASSISTANT, "first answer") in stored  # kept
    assert [m.content for m in harness.shown_branch()] == ["original, edited", "edited answer"]
