"""The user's bubble is one per message: found looking at a window with two questions and a reply between
them on one screen — the two bubbles were painted as one, behind the reply too."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.ui.transcript.style import LIGHT
from app.ui.transcript.view import TranscriptView


def test_two_questions_on_one_screen_get_two_bubbles_not_one_over_the_reply(qtbot: QtBot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.add_user_message("First question", message_id=1)
    view.add_assistant_message("The reply between them, a long enough line.", message_id=2, model="m")
    view.add_user_message("Second question", message_id=3)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    document = view.document()
    layout = document.documentLayout()
    reply = layout.blockBoundingRect(document.find("The reply between").block())
    question = layout.blockBoundingRect(document.find("First question").block())
    # Left of the reply's text, inside the column where a bubble would reach: the page, not a bubble.
    x, y = int(question.left() + 2), int(reply.top() + reply.height() / 2)
    assert image.pixelColor(x, y) != QColor(LIGHT.user_background)
    # Each question still sits on its bubble (at the same x, left of its text).
    for text in ("First question", "Second question"):
        rect = layout.blockBoundingRect(document.find(text).block())
        assert image.pixelColor(x, int(rect.top() + rect.height() / 2)) == QColor(LIGHT.user_background)
