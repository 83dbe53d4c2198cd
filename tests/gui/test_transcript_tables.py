"""Big tables never freeze the window: past TABLE_MAX_ROWS rows a table stays monospace text (rendering one
costs ~0.45 ms a row on the GUI thread), and past TABLE_TEXT_MAX_ROWS only its first rows are shown. The
reply itself keeps every row. Timings are in bench/table_stall.py; these tests check the behaviour.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.ui.transcript.polish import TABLE_MAX_ROWS, TABLE_TEXT_MAX_ROWS
from app.ui.transcript.style import LIGHT
from app.ui.transcript.view import TranscriptView


def table(rows: int) -> str:
    return "| n | name |\n|---|------|\n" + "".join(f"| {n} | row-{n} |\n" for n in range(rows))


@pytest.fixture
def view(qtbot: QtBot) -> TranscriptView:
    widget = TranscriptView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    return widget


def tables_in(view: TranscriptView) -> int:
    return len(view.document().rootFrame().childFrames())


def stream_rows(view: TranscriptView, markdown: str) -> None:
    renderer = view.begin_assistant_message("Assistant")
    for line in markdown.splitlines(keepends=True):
        renderer.append(line)
        renderer.paint()  # each row in its own frame, as a gateway sends them
    renderer.append("\nAfter the table.")
    renderer.finish()


def test_a_small_table_is_a_table_with_a_shaded_header_and_no_grid(view: TranscriptView) -> None:
    stream_rows(view, table(3))
    assert tables_in(view) == 1
    found = QTextCursor(view.document())
    found.setPosition(view.document().find("name").position())
    cell_table = found.currentTable()
    assert cell_table is not None and cell_table.format().border() == 0
    head = cell_table.cellAt(0, 0).format().toTableCellFormat()
    body = cell_table.cellAt(1, 0).format().toTableCellFormat()
    assert head.background().color().name() == LIGHT.table_head and body.bottomBorder() == 1
    assert head.leftBorder() == 0 and head.rightBorder() == 0


@pytest.mark.parametrize("streamed", [True, False])
def test_a_table_past_the_limit_stays_monospace_text_with_a_note(
    view: TranscriptView, streamed: bool
) -> None:
    markdown = table(TABLE_MAX_ROWS + 1)
    if streamed:
        stream_rows(view, markdown)
    else:
        view.add_assistant_message(markdown + "\nAfter the table.", header="Assistant")
    assert tables_in(view) == 0
    text = view.toPlainText()
    assert f"| {TABLE_MAX_ROWS} | row-{TABLE_MAX_ROWS} |" in text and "| 0 | row-0 |" in text
    row = view.document().find(f"row-{TABLE_MAX_ROWS}")
    assert row.charFormat().fontFixedPitch()
    assert f"A table of {TABLE_MAX_ROWS + 1} rows, shown as text." in text
    assert text.endswith("After the table.")


def test_streamed_and_from_the_history_a_huge_table_shows_its_first_rows_the_same_way(qtbot: QtBot) -> None:
    markdown = table(TABLE_TEXT_MAX_ROWS + 500)
    shown = []
    for streamed in (True, False):
        view = TranscriptView()
        qtbot.addWidget(view)
        if streamed:
            stream_rows(view, markdown)
        else:
            view.add_assistant_message(markdown + "\nAfter the table.", header="Assistant")
        shown.append(view.toPlainText())
    assert shown[0] == shown[1]
    last = TABLE_TEXT_MAX_ROWS - 1
    assert f"row-{last} |" in shown[0] and f"row-{last + 1} |" not in shown[0]
    rows = f"{TABLE_TEXT_MAX_ROWS + 500:,}"
    assert f"A table of {rows} rows, shown as text: the first {TABLE_TEXT_MAX_ROWS:,}." in shown[0]


def test_the_reply_keeps_every_row_of_a_huge_table(view: TranscriptView) -> None:
    markdown = table(TABLE_TEXT_MAX_ROWS + 10)
    renderer = view.add_assistant_message(markdown, header="Assistant")
    assert renderer.text == markdown  # what Copy and the store hold: nothing a reply sent is dropped


def test_inline_code_in_a_cell_is_on_the_tint_at_the_texts_size(view: TranscriptView) -> None:
    view.add_assistant_message("| a | b |\n|---|---|\n| `code` | x |\n", header="Assistant")
    code = view.document().find("code").charFormat()
    assert code.fontFixedPitch() and code.background().color().name() == LIGHT.inline_code
    assert code.fontPointSize() == 0  # Qt's reader fixed it at 9 pt; it follows the text's size now


def test_a_list_streamed_right_after_a_table_leaves_no_stray_number_beside_it(view: TranscriptView) -> None:
    markdown = "Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n1. first\n2. second\n"
    renderer = view.begin_assistant_message(model="m")
    for start in range(0, len(markdown), 3):  # "1" then "1." arrive in the block after the table
        renderer.append(markdown[start : start + 3])
        renderer.paint()
    renderer.finish()
    listed = []
    block = view.document().begin()
    while block.isValid():
        if block.textList() is not None:
            listed.append(block.text())
        block = block.next()
    assert listed == ["first", "second"]  # not an empty item numbered "1." beside the table
