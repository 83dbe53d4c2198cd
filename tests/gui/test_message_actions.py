"""A message's actions in the real window (issue 13 §4): Delete with its question and Undo bar, and the
versions' ‹ n/m › after the actions, driven by the keyboard (Tab, Enter, Alt+Left / Alt+Right)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.core.models import Role
from app.export import conversation_markdown
from app.store.conversations import ConversationStore
from app.ui.chat.message_delete import UndoBar
from app.ui.shell.composition import WindowParts
from app.ui.transcript.style import CARD
from app.ui.transcript.view import TranscriptView
from tests.gui.window_harness import WindowHarness
from tests.support.server import sse_reply


def _undo_bar_button(parts: WindowParts) -> QPushButton:
    button = parts.window.transcript.findChild(QPushButton, "undoMessage")
    assert button is not None
    return button


def test_a_deleted_reply_is_undone_exactly_and_its_bar_does_not_move_the_chat(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["the answer"]))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        view = parts.window.transcript
        before = harness.stored_messages()
        size = view.size()

        harness.click_link(parts, "Delete")  # the reply's (the last one): it goes alone, no question
        assert QApplication.activeModalWidget() is None
        assert "the answer" not in harness.transcript_text(parts)
        assert "question" in harness.transcript_text(parts)
        assert [m.content for m in harness.stored_messages()] == ["question"]
        button = _undo_bar_button(parts)
        assert button.isVisible() and view.size() == size  # floats over the transcript
        bar = button.parentWidget()
        assert isinstance(bar, UndoBar) and bar.label.text() == "Message deleted."

        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo from the keyboard
        assert not button.isVisible()
        assert harness.stored_messages() == before  # the same rows, ids and all
        assert "the answer" in harness.transcript_text(parts)
        assert "Regenerate" in harness.transcript_text(parts)

    harness.run(scenario())


def test_deleting_a_question_says_what_goes_with_it_and_is_final_once_the_undo_passes(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.ui.chat.message_delete.UNDO_MS", 200)
    harness.add_profile("local")
    for words in (["opening"], ["the answer"]):
        harness.server.queue(sse_reply(words))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "hello")
        await harness.until(lambda: not parts.controller.busy, "the first reply ended")
        harness.type_and_send(parts, "the question")
        await harness.until(lambda: not parts.controller.busy, "the second reply ended")

        harness.click_link(parts, "Delete", index=2)  # the second question's
        await harness.until(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the question")
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "and the message below it" in box.text()
        assert len(harness.stored_messages()) == 4  # nothing happens before the answer
        box.button(QMessageBox.StandardButton.Cancel).click()
        assert len(harness.stored_messages()) == 4

        harness.click_link(parts, "Delete", index=2)
        await harness.until(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the question")
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()
        text = harness.transcript_text(parts)
        assert "the question" not in text and "the answer" not in text and "opening" in text
        button = _undo_bar_button(parts)
        assert button.isVisible()
        await harness.until(lambda: not button.isVisible(), "the undo was withdrawn")
        assert parts.controller.deletes.offered is None

    harness.run(scenario())
    assert [m.content for m in harness.stored_messages()] == ["hello", "opening"]
    store = ConversationStore.open(harness.home.db_path)
    try:
        last = store.last_conversation()
        assert last is not None
        exported = conversation_markdown(last, store.active_path(last.id))
    finally:
        store.close()
    assert "opening" in exported and "the question" not in exported and "the answer" not in exported


def _tab_to(view: TranscriptView, text: str, limit: int = 40) -> None:
    """Press Tab in the transcript until the link focused is `text`, as a keyboard user does."""
    for _ in range(limit):
        QTest.keyClick(view, Qt.Key.Key_Tab)
        if view.textCursor().selectedText() == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_versions_are_reached_with_tab_and_switched_with_enter_and_alt_arrows(harness: WindowHarness) -> None:
    harness.add_profile("local")
    for words in (["first answer"], ["second answer"], ["third answer"]):
        harness.server.queue(sse_reply(words))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "question")
        await harness.until(lambda: not parts.controller.busy, "the first answer ended")
        for what in ("second", "third"):
            parts.window.topbar.regenerate_requested.emit()
            await harness.until(lambda: not parts.controller.busy, f"the {what} answer ended")
        view = parts.window.transcript
        assert "‹ 3/3 ›" in harness.transcript_text(parts)  # after the reply's actions, not in a footer
        assert harness.links(parts, "›") == []  # the newest: › is no link

        view.setFocus()
        _tab_to(view, "‹")
        QTest.keyClick(view, Qt.Key.Key_Return)
        text = harness.transcript_text(parts)
        assert "second answer" in text and "third answer" not in text and "‹ 2/3 ›" in text

        QTest.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        text = harness.transcript_text(parts)
        assert "first answer" in text and "‹ 1/3 ›" in text
        QTest.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # the oldest: stays
        assert "‹ 1/3 ›" in harness.transcript_text(parts)
        QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        text = harness.transcript_text(parts)
        assert "third answer" in text and "‹ 3/3 ›" in text
        assert view.textCursor().selectedText() == "‹"  # the keyboard stayed on the arrows

    harness.run(scenario())
    assert [m.content for m in harness.shown_branch()] == ["question", "third answer"]


def test_deleting_one_version_shows_its_neighbour_and_keeps_the_others(harness: WindowHarness) -> None:
    harness.add_profile("local")
    for words in (["first answer"], ["second answer"]):
        harness.server.queue(sse_reply(words))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "question")
        await harness.until(lambda: not parts.controller.busy, "the first answer ended")
        parts.window.topbar.regenerate_requested.emit()
        await harness.until(lambda: not parts.controller.busy, "the second answer ended")
        harness.click_link(parts, "Delete")
        text = harness.transcript_text(parts)
        assert "first answer" in text and "second answer" not in text
        assert "‹" not in text  # one version left: no switcher

    harness.run(scenario())
    replies = [m.content for m in harness.stored_messages() if m.role == Role.ASSISTANT]
    assert replies == ["first answer"]


def test_delete_is_reached_with_tab_and_del_deletes_the_message_whose_action_has_the_keyboard(
    harness: WindowHarness,
) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["the answer"]))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        view = parts.window.transcript
        view.setFocus()
        view.setTextCursor(view.document().find("question"))  # text selected by hand: Del does nothing
        QTest.keyClick(view, Qt.Key.Key_Delete)
        assert len(harness.stored_messages()) == 2
        view.moveCursor(view.textCursor().MoveOperation.Start)
        _tab_to(view, "Regenerate")  # the reply's actions
        QTest.keyClick(view, Qt.Key.Key_Delete)
        assert "the answer" not in harness.transcript_text(parts)
        assert [m.content for m in harness.stored_messages()] == ["question"]
        button = _undo_bar_button(parts)
        assert button.isVisible()
        button.click()
        assert len(harness.stored_messages()) == 2 and "the answer" in harness.transcript_text(parts)

        _tab_to(view, "Delete")  # the question's Delete, by Tab and Enter: it asks first (2 messages)
        QTest.keyClick(view, Qt.Key.Key_Return)
        await harness.until(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the question")
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        QTest.keyClick(box, Qt.Key.Key_Return)  # Enter answers Cancel: the safe default
        assert len(harness.stored_messages()) == 2

    harness.run(scenario())


def test_the_arrows_sit_with_the_actions_and_come_forward_with_them_on_hover(qtbot: QtBot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.add_user_message("First question", message_id=1)
    view.add_assistant_message("First answer.", message_id=2, model="m")
    assert view.set_versions(1, 1, 2) and view.set_versions(2, 2, 2)
    text = view.toPlainText()
    assert "Copy  ·  Edit  ·  Delete   ‹ 1/2 ›" in text  # after the user's actions, not in the bubble
    assert "Regenerate  ·  Delete   ‹ 2/2 ›" in text

    def arrow_colour(verb: str, message_id: int) -> QColor:
        href = view.action_url(f"{verb}/{message_id}")
        block = view.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().anchorHref() == href:
                    assert block.blockFormat().property(CARD) != "user"
                    return fragment.charFormat().foreground().color()
                iterator += 1
            block = block.next()
        raise AssertionError(href)

    faint = arrow_colour("newer", 1)
    assert faint.alpha() < 255 and arrow_colour("older", 2) == faint  # quiet, like Copy and Edit
    view.show()
    qtbot.waitExposed(view)
    found = view.document().find("First answer")
    found.setPosition(found.selectionStart() + 3)
    spot = QPointF(view.cursorRect(found).center())
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        spot,
        QPointF(view.viewport().mapToGlobal(spot.toPoint())),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), move)
    assert arrow_colour("older", 2).alpha() == 255  # the reply's arrows come forward with its actions
    assert arrow_colour("newer", 1) == faint  # the question's stay quiet
