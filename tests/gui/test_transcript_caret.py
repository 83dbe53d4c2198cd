"""The streaming caret is placed where the first version of it placed it: a reply with every kind of block,
reasoning first, streamed in random pieces with the fast paths on and off, compared at every paint against
that first computation (kept here as the reference: it looked the line up with lineForTextPosition for any
position; the view now takes a block's last line for the position after its last character)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from app.ui.transcript.cards import line_x
from app.ui.transcript.renderer import PaintReport, StreamingMessageRenderer
from app.ui.transcript.view import TranscriptView
from tests.gui.test_transcript_fast_path import _pieces

REPLY = "\n\n".join(
    [
        "Plain prose streams in words, and more words, long enough to wrap onto a second and a third line "
        "of the column, then a trailing space   ",
        "Words with **bold**, *italic* and `inline()` code, then plain words again after them.",
        "# A heading that grows\n\n> a quote that grows with words\n> > nested quote words",
        "- an item with words\n- another item\n  - nested item words\n\n1. first\n2. second",
        "| a | b |\n|---|--:|\n| 1 | 2 |\n| 3 | 4 |",
        "```python\ndef f():\n    return 1\n```",
        "流式输出的每一个片段都应当尽快显示，而界面不能因此卡顿。增量渲染只重新排版最后一个未完成的块。🙂",
        "עברית ومعها العربية mixed with English words at the end of a right-to-left line",
        "A hard break  \nnext line, and the end.",
    ]
)


def _reference_place(view: TranscriptView, renderer: StreamingMessageRenderer) -> QRectF:
    """The caret's place as the view first computed it (reading.py before the per-paint savings)."""
    if renderer.is_finished or not view.isVisible():
        return QRectF()
    position = renderer.caret_position
    block = view.document().findBlock(max(position - 1, 0))
    if not block.isValid() or not block.isVisible():
        return QRectF()
    if not view.document().documentLayout().blockBoundingRect(block).isValid():
        return QRectF()
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return QRectF()
    offset = min(position - block.position(), block.length() - 1)
    line = layout.lineForTextPosition(offset)
    if not line.isValid():
        line = layout.lineAt(layout.lineCount() - 1)
    x = layout.position().x() + line_x(line, offset)
    y = layout.position().y() + line.y()
    height = line.ascent() * 0.9
    return QRectF(x + 3, y + line.ascent() - height, 7, height)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_caret_is_placed_where_the_first_computation_placed_it(
    qtbot: QtBot, fast: bool, seed: int
) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(520, 700)  # narrow: long lines wrap, so the caret is often on a block's later line
    view.show()
    qtbot.waitExposed(view)
    view.add_user_message("Write a long answer.")
    renderer = view.begin_assistant_message(model="m")
    renderer.append_plain = fast
    mismatches: list[tuple[str, QRectF, QRectF]] = []
    paints = [0]

    def check(_report: PaintReport) -> None:  # connected after the view's slot: the caret has moved
        paints[0] += 1
        expected = _reference_place(view, renderer)
        if view.caret_rect != expected:
            mismatches.append((renderer.text[-40:], view.caret_rect, expected))

    renderer.painted.connect(check)
    rnd = random.Random(seed)
    for piece in _pieces("Let me think about it first, at some length.", rnd):
        renderer.append_reasoning(piece)
        renderer.paint()
    for piece in _pieces(REPLY, rnd):
        renderer.append(piece)
        renderer.paint()
    assert not mismatches, mismatches[:3]
    assert paints[0] > 60 and not view.caret_rect.isNull()
    renderer.finish()
    assert view.caret_rect.isNull()
