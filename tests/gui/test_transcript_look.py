"""The transcript as a reader meets it: a centred column of readable text, turns as cards with their actions,
a versions switcher, visible streaming state, and an empty chat that offers a start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.transcript.style import COLUMN_MAX, MIN_POINT_SIZE
from app.ui.transcript.view import TranscriptView
from app.ui.transcript.welcome import welcome_for


@pytest.fixture
def view(qtbot: QtBot) -> TranscriptView:
    widget = TranscriptView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    return widget


def click(view: TranscriptView, text: str) -> None:
    """What a click (or Enter on it, after Tab) on a link does: the view hears its href."""
    found = view.document().find(text)
    assert not found.isNull(), text
    view.anchorClicked.emit(QUrl(found.charFormat().anchorHref()))


def test_text_sits_in_a_centred_column_on_a_wide_window(qtbot: QtBot, view: TranscriptView) -> None:
    view.resize(1600, 600)
    view.show()
    qtbot.waitExposed(view)
    view.add_assistant_message("word " * 400, header="Assistant")
    block = view.document().find("word").block()
    rect = view.document().documentLayout().blockBoundingRect(block)
    assert rect.width() <= COLUMN_MAX
    left, right = rect.left(), view.viewport().width() - rect.right()
    assert abs(left - right) <= 2  # centred
    view.resize(500, 600)  # narrower than the column: the text uses the width, inside a margin
    qtbot.wait(10)
    rect = view.document().documentLayout().blockBoundingRect(block)
    assert 0 < rect.left() < 40 and rect.width() < 500


def test_small_system_fonts_are_raised_and_chinese_gets_a_matched_face(view: TranscriptView) -> None:
    small = QFont(view.font())
    small.setPointSizeF(8)
    view.setFont(small)
    font = view.document().defaultFont()
    assert font.pointSizeF() >= MIN_POINT_SIZE
    assert any("CJK" in family for family in font.families())
    big = QFont(view.font())
    big.setPointSizeF(16)
    view.setFont(big)
    assert view.document().defaultFont().pointSizeF() == 16  # bigger is bigger


def test_versions_switcher_in_a_header_asks_for_the_other_versions(view: TranscriptView) -> None:
    view.add_user_message("Question", message_id=1)
    view.add_assistant_message("First answer.", message_id=2, model="m")
    asked: list[tuple[int, int]] = []
    view.version_requested.connect(lambda message, step: asked.append((message, step)))
    assert view.set_versions(2, 2, 3)
    assert "‹ 2/3 ›" in view.toPlainText()
    click(view, "‹")
    click(view, "›")
    assert asked == [(2, -1), (2, 1)]
    assert view.set_versions(2, 3, 3)  # the last: › is no link any more, and the text is replaced
    assert view.toPlainText().count("/3") == 1 and "‹ 3/3 ›" in view.toPlainText()
    assert view.document().find("›").charFormat().anchorHref() == ""
    assert view.set_versions(2, 1, 1) and "‹" not in view.toPlainText()
    assert not view.set_versions(99, 1, 2)


def test_a_versions_switcher_added_while_a_reply_streams_keeps_the_reply_whole(view: TranscriptView) -> None:
    view.add_user_message("Question", message_id=1)
    renderer = view.begin_assistant_message(model="m", message_id=2)
    renderer.append("# Title\n\nFirst paragraph.\n\nSecond ")
    renderer.paint()
    view.set_versions(1, 1, 2)  # above the reply: every position the renderer keeps moves
    view.set_versions(2, 2, 2)
    renderer.append("paragraph, *done*.")
    renderer.finish()
    text = view.toPlainText()
    assert text.endswith("Title\nFirst paragraph.\nSecond paragraph, done.")
    assert "‹ 1/2 ›" in text and "‹ 2/2 ›" in text


def test_thinking_counts_seconds_while_reasoning_streams(qtbot: QtBot, view: TranscriptView) -> None:
    renderer = view.begin_assistant_message(model="m")
    renderer.append_reasoning("Considering the options")
    renderer.paint()
    qtbot.waitUntil(lambda: not view.document().find("Thinking… 1 s").isNull(), timeout=4000)
    renderer.append("The answer.")
    renderer.finish(reasoning_ms=1500)
    assert "Thought for 1.5 s" in view.toPlainText() and "Thinking" not in view.toPlainText()


def test_a_caret_follows_the_reply_while_it_streams_and_goes_when_it_ends(
    qtbot: QtBot, view: TranscriptView
) -> None:
    view.show()
    qtbot.waitExposed(view)
    renderer = view.begin_assistant_message(model="m")
    renderer.append("Some text")
    renderer.paint()
    first = view.caret_rect
    assert not first.isNull()
    renderer.append(" and more text after it")
    renderer.paint()
    assert view.caret_rect.left() > first.left()
    view.add_message_footer("m · 12 tokens")  # the reply ended
    assert view.caret_rect.isNull()


def test_a_finished_reply_keeps_no_caret(qtbot: QtBot, view: TranscriptView) -> None:
    view.show()
    qtbot.waitExposed(view)
    renderer = view.begin_assistant_message(model="m")
    renderer.append("The whole reply.")
    renderer.paint()
    assert not view.caret_rect.isNull()
    renderer.finish()  # nothing added below it yet: the caret must still go
    assert view.caret_rect.isNull()
    view.add_assistant_message("A reply read back from the store.", model="m")
    assert view.caret_rect.isNull()


def test_the_empty_chat_greets_offers_prompts_and_gives_way_to_the_first_message(
    view: TranscriptView,
) -> None:
    welcome = welcome_for("work", "gpt-4o")
    view.show_welcome(welcome)
    text = view.toPlainText()
    assert "work · gpt-4o" in text and "Esc" in text and "Ctrl+N" in text
    assert all(prompt in text for prompt in welcome.prompts) and len(welcome.prompts) >= 3
    chosen: list[str] = []
    view.prompt_chosen.connect(chosen.append)
    click(view, welcome.prompts[1])
    assert chosen == [welcome.prompts[1]]
    view.add_user_message("Hello", message_id=1)
    assert view.toPlainText().startswith("Hello") and welcome.prompts[0] not in view.toPlainText()


def test_a_messages_actions_come_forward_under_the_pointer(qtbot: QtBot, view: TranscriptView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.add_user_message("First question", message_id=1)
    view.add_assistant_message("First answer, long enough to point at.", message_id=2, model="m")

    def colour_of_action(message_id: int) -> QColor:
        href = view.action_url(f"copy/{message_id}")
        block = view.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fmt = iterator.fragment().charFormat()
                if fmt.anchorHref() == href:
                    return fmt.foreground().color()
                iterator += 1
            block = block.next()
        raise AssertionError(href)

    faint = colour_of_action(2)
    assert faint.alpha() < 255 and colour_of_action(1) == faint

    def point_at(text: str) -> None:
        """The pointer moves over `text` (sent straight to the view: no other window can take it)."""
        found = view.document().find(text)
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

    point_at("First answer")
    assert colour_of_action(2).alpha() == 255
    assert colour_of_action(1) == faint  # only the message under the pointer
    point_at("First question")
    assert colour_of_action(1).alpha() == 255 and colour_of_action(2) == faint


def test_a_streamed_reply_gets_its_actions_once_it_is_saved(view: TranscriptView) -> None:
    view.add_user_message("Question", message_id=1)
    renderer = view.begin_assistant_message(model="m")
    renderer.append("Streaming, ")
    renderer.paint()
    assert "Regenerate" not in view.toPlainText()  # no id yet: nothing to act on
    assert view.set_reply_id(7)
    renderer.append("still streaming.")
    renderer.finish()
    assert view.toPlainText().endswith("m    Copy  ·  Regenerate  ·  Delete\nStreaming, still streaming.")
    asked: list[str] = []
    view.action_requested.connect(asked.append)
    click(view, "Regenerate")
    assert asked == ["retry/7"] and not view.set_reply_id(8)
    assert view.scroll_to_message(7)  # the header still knows its message after the paints that followed
