"""The composer as a user drives it: keys, the Send / Stop button, and text that must never be lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.ui.chat.composer import MAX_LINES, MIN_LINES, Composer

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
RETURN = Qt.Key.Key_Return


@pytest.fixture
def composer(qtbot: QtBot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.resize(480, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def edit_of(composer: Composer) -> QPlainTextEdit:
    edit = composer.findChild(QPlainTextEdit)
    assert edit is not None
    return edit


def button_of(composer: Composer) -> QPushButton:
    button = composer.findChild(QPushButton, "composerButton")  # not the edit banner's Cancel
    assert button is not None
    return button


def test_enter_sends_the_text_and_clears_the_box(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    qtbot.keyClicks(edit, "hello world")
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit, RETURN)
    assert sent.args == ["hello world"]
    assert composer.text() == ""


def test_keypad_enter_sends_too(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    qtbot.keyClicks(edit, "hi")
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert sent.args == ["hi"]


def test_shift_enter_inserts_a_newline(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClicks(edit, "line one")
        qtbot.keyClick(edit, RETURN, SHIFT)
        qtbot.keyClicks(edit, "line two")
    assert composer.text() == "line one\nline two"
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit, RETURN)
    assert sent.args == ["line one\nline two"]


def test_whitespace_only_text_never_sends(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClicks(edit, "   ")
        qtbot.keyClick(edit, RETURN, SHIFT)
        qtbot.keyClicks(edit, "  ")
        qtbot.keyClick(edit, RETURN)
        qtbot.mouseClick(button_of(composer), Qt.MouseButton.LeftButton)
    assert not button_of(composer).isEnabled()
    assert composer.text() == "   \n  "  # kept as typed


def test_sent_text_keeps_indentation_but_drops_surrounding_blank_lines(
    qtbot: QtBot, composer: Composer
) -> None:
    composer.set_text("\n\n    indented code\n    more\n\n  ")
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit_of(composer), RETURN)
    assert sent.args == ["    indented code\n    more"]


def test_send_button_sends(qtbot: QtBot, composer: Composer) -> None:
    qtbot.keyClicks(edit_of(composer), "by mouse")
    assert button_of(composer).text() == "Send"
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.mouseClick(button_of(composer), Qt.MouseButton.LeftButton)
    assert sent.args == ["by mouse"]
    assert composer.text() == ""


def test_ctrl_enter_mode_makes_enter_a_newline(qtbot: QtBot, composer: Composer) -> None:
    composer.set_send_key("ctrl+enter")
    edit = edit_of(composer)
    assert "Ctrl+Enter to send" in edit.placeholderText()
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClicks(edit, "a")
        qtbot.keyClick(edit, RETURN)
        qtbot.keyClicks(edit, "b")
    assert composer.text() == "a\nb"
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit, RETURN, CTRL)
    assert sent.args == ["a\nb"]


def test_unknown_send_key_is_refused(composer: Composer) -> None:
    with pytest.raises(ValueError, match="ctrl\\+enter"):
        composer.set_send_key("alt+enter")
    assert composer.send_key() == "enter"


def test_while_streaming_enter_keeps_the_text_and_the_button_stops(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    button = button_of(composer)
    composer.set_streaming(True)
    assert button.text() == "Stop"
    assert button.isEnabled()
    with qtbot.assertNotEmitted(composer.send_requested):
        qtbot.keyClicks(edit, "next question")
        qtbot.keyClick(edit, RETURN)
        qtbot.keyClick(edit, RETURN, CTRL)
    assert composer.text() == "next question"  # still editable, nothing sent, no newline added

    with qtbot.waitSignal(composer.stop_requested), qtbot.assertNotEmitted(composer.send_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert composer.text() == "next question"

    composer.set_streaming(False)
    assert button.text() == "Send"
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit, RETURN)
    assert sent.args == ["next question"]


def test_escape_stops_only_while_streaming(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    with qtbot.assertNotEmitted(composer.stop_requested):
        qtbot.keyClick(edit, Qt.Key.Key_Escape)
    composer.set_streaming(True)
    with qtbot.waitSignal(composer.stop_requested):
        qtbot.keyClick(edit, Qt.Key.Key_Escape)


def test_enter_confirming_an_ime_candidate_does_not_send(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    edit.setFocus()
    with qtbot.assertNotEmitted(composer.send_requested):
        QApplication.sendEvent(edit, QInputMethodEvent("nihao", []))  # pinyin being composed
        qtbot.keyClick(edit, RETURN)  # picks the candidate inside the IME
        commit = QInputMethodEvent()
        commit.setCommitString("你好")
        QApplication.sendEvent(edit, commit)
    assert composer.text() == "你好"
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit, RETURN)  # composition over: Enter sends again
    assert sent.args == ["你好"]


def test_restore_text_puts_a_failed_message_back_ahead_of_new_typing(
    qtbot: QtBot, composer: Composer
) -> None:
    edit = edit_of(composer)
    qtbot.keyClicks(edit, "first")
    with qtbot.waitSignal(composer.send_requested) as sent:
        qtbot.keyClick(edit, RETURN)
    qtbot.keyClicks(edit, "second")
    composer.restore_text(sent.args[0])
    assert composer.text() == "first\n\nsecond"

    composer.set_text("")
    composer.restore_text("only this")
    assert composer.text() == "only this"
    assert button_of(composer).isEnabled()


def test_box_grows_with_its_text_up_to_a_limit(qtbot: QtBot, composer: Composer) -> None:
    edit = edit_of(composer)
    heights = []
    for lines in (1, MIN_LINES, MIN_LINES + 1, MAX_LINES - 1, MAX_LINES, MAX_LINES + 15):
        composer.set_text("\n".join(f"line {n}" for n in range(lines)))
        QApplication.processEvents()  # let the scroll bar catch up with the new size
        can_scroll = edit.verticalScrollBar().maximum() > 0
        assert can_scroll == (lines > MAX_LINES), f"{lines} lines: every line should show, and only then"
        heights.append(edit.height())
    one, at_min, above_min, below_max, at_max, beyond = heights
    assert one == at_min < above_min < below_max < at_max  # never less than MIN_LINES tall
    assert beyond == at_max  # past the limit it scrolls instead
    composer.set_text("")
    assert edit.height() == one
