"""The paint path's shortcuts change nothing a reader sees: polishing skips only what the Markdown cannot
hold, tables are styled inside the paint's own edit block, and cards are drawn only as far as exposed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextTable,
)
from pytestqt.qtbot import QtBot

from app.ui.transcript import cards
from app.ui.transcript.polish import (
    may_hold_code,
    may_hold_shapes,
    polish_range,
    style_table_at,
    table_at,
)
from app.ui.transcript.renderer import MARKDOWN
from app.ui.transcript.style import LIGHT
from app.ui.transcript.view import TranscriptView

SAMPLES = [
    "Plain words, **bold** and *italic*, a [link](https://example.com).",
    "Words with `inline()` code in them.",
    "# A heading",
    "A setext heading\n================",
    "Another one\n-----------",
    "> a quote\n> > nested",
    "- an item\n\n      indented code in an item",
    "\tcode after a tab",
    "~~~\ntilde fence\n~~~",
    "1. first\n2. second with `code`",
    "A line\n\n    indented code\n\nafter",
]


def _rendered(markdown: str, source: str | None) -> QTextDocument:
    document = QTextDocument()
    cursor = QTextCursor(document)
    cursor.insertMarkdown(markdown, MARKDOWN)
    polish_range(document, 0, document.characterCount() - 1, LIGHT, source)
    return document


def _formats(document: QTextDocument) -> list[tuple[str, object, list[tuple[int, int, object]]]]:
    shown = []
    block = document.begin()
    while block.isValid():
        runs = [(run.start, run.length, QTextCharFormat(run.format)) for run in block.textFormats()]
        shown.append((block.text(), block.blockFormat(), runs))
        block = block.next()
    return shown


@pytest.mark.parametrize("markdown", SAMPLES)
def test_polishing_with_the_source_matches_polishing_every_block(markdown: str) -> None:
    assert _formats(_rendered(markdown, markdown)) == _formats(_rendered(markdown, None))


def test_plain_prose_is_polished_without_looking_at_its_blocks() -> None:
    assert not may_hold_code(SAMPLES[0]) and not may_hold_shapes(SAMPLES[0])
    assert may_hold_code(SAMPLES[1]) and may_hold_code(SAMPLES[9])
    assert all(may_hold_shapes(sample) for sample in SAMPLES[2:6])


def test_a_table_is_found_and_styled_inside_an_edit_block() -> None:
    document = QTextDocument()
    cursor = QTextCursor(document)
    cursor.insertText("before")
    cursor.beginEditBlock()
    at = cursor.position()
    cursor.insertMarkdown("\n\n| a | b |\n|---|--:|\n| 1 | `2` |\n", MARKDOWN)
    probe = QTextCursor(document)
    probe.setPosition(at + 2)
    assert probe.currentTable() is None  # why table_at does not ask the cursor
    assert isinstance(table_at(document, at), QTextTable)
    style_table_at(document, at, LIGHT, "| a | b |\n|---|--:|\n| 1 | `2` |\n")
    cursor.endEditBlock()
    probe.setPosition(at + 2)
    table = probe.currentTable()
    assert table is not None
    head = table.cellAt(0, 0).format().toTableCellFormat()
    assert head.background().color().name() == LIGHT.table_head
    assert table.format().border() == 0


def test_a_streamed_table_is_styled_by_the_paint_that_inserts_it(qtbot: QtBot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    renderer = view.begin_assistant_message("Assistant")
    renderer.append("Intro.\n\n| Name | Time |\n|------|-----:|\n| alpha | 12 ms |\n\nAfter.\n")
    renderer.paint()
    cursor = view.document().find("alpha")
    table = cursor.currentTable()
    assert table is not None
    assert table.cellAt(0, 0).format().toTableCellFormat().background().color().name() == LIGHT.table_head


def _cards_in(view: TranscriptView, clip: QRectF) -> QImage:
    size = view.document().size().toSize()
    image = QImage(size.width(), size.height(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setClipRect(clip)
    cards.paint_cards(painter, view.document(), clip, LIGHT, {})
    painter.end()
    return image


def test_a_long_card_cut_to_the_exposed_strip_draws_the_same_pixels(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.add_assistant_message("```python\n" + "x = 1\n" * 80 + "```\n", header="Assistant")
    height = int(view.document().documentLayout().documentSize().height())
    strips = [QRectF(0, top, 700, 53) for top in range(0, height, 97)]
    cut = [_cards_in(view, clip) for clip in strips]
    monkeypatch.setattr(cards, "_within", lambda rect, clip: rect)  # the whole card, as before
    whole = [_cards_in(view, clip) for clip in strips]
    assert height > 1000  # many strips cut the card
    for clip, mine, theirs in zip(strips, cut, whole, strict=True):
        assert mine == theirs, clip  # the painter's clip keeps both to the strip


def test_the_blocks_found_for_a_strip_are_those_it_exposes_anywhere_in_a_long_reply(qtbot: QtBot) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    section = (
        "## Part\n\nSome words.\n\n```python\nx = 1\ny = 2\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n"
    )
    view.add_assistant_message(section * 60, header="Assistant")
    document = view.document()
    layout = document.documentLayout()
    height = layout.documentSize().height()
    assert height > 3 * cards._NEAR_END  # both ways of finding the first block are used
    every = []
    block = document.begin()
    while block.isValid():
        every.append((block.blockNumber(), layout.blockBoundingRect(block)))
        block = block.next()
    for top in range(0, int(height), 331):
        clip = QRectF(0, top, 700, 120)
        found = [block.blockNumber() for block, _ in cards.visible_blocks(document, clip)]
        meeting = [number for number, rect in every if rect.isValid() and rect.intersects(clip)]
        assert set(meeting) <= set(found), top
        # A few blocks more at either end are harmless (Qt's fuzzy hit may start a table row early).
        assert meeting[0] - found[0] <= 4 and found[-1] <= meeting[-1] + 1, top
