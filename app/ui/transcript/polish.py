"""Give blocks Qt's Markdown reader just inserted the transcript's look: line height, heading space, quote
indents, inline code on a tint, tables with a shaded header and rules instead of a grid.

Each call touches only the blocks of one newly inserted Markdown block, so it costs O(new text) like the
insert itself. A table is styled cell by cell, which is why tables beyond TABLE_MAX_ROWS are never rendered
as tables at all (see renderer.py and docs/reliability.md).
"""

from __future__ import annotations

from PySide6.QtGui import (
    QBrush,
    QColor,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
)

from app.ui.transcript.style import LINE_HEIGHT, QUOTE_INDENT, TranscriptStyle

TABLE_MAX_ROWS = 200
"""A closed table longer than this stays monospace text: rendering one costs ~0.45 ms a row on the GUI thread
(a 1,000-row table stalled the window 0.45 s), so 200 rows keep a paint under ~50 ms even for wide tables."""
TABLE_MAX_CHARS = 40_000
"""The same limit for tables with few but very long rows."""
TABLE_TEXT_MAX_ROWS = 1000
"""Of a table shown as text, at most this many rows are shown (inserting text costs ~0.04 ms a row: a
20,000-row table took 0.9 s to show); the reply keeps every row, and Copy and export give them all."""

_HEADING_SPACE = {1: (22, 8), 2: (20, 6), 3: (16, 4)}  # level → (space above, below), pixels
_CELL_PAD = 6


def too_big_for_a_table(markdown: str) -> bool:
    """Whether a table's Markdown is past the size it is rendered as a table at."""
    return len(markdown) > TABLE_MAX_CHARS or markdown.count("\n") > TABLE_MAX_ROWS + 2


def table_rows(markdown: str) -> int:
    """How many rows a table's Markdown holds (its header and delimiter lines not counted)."""
    return max(markdown.rstrip("\n").count("\n") - 1, 0)


def shown_as_text(markdown: str) -> str:
    """The part of a big table's Markdown shown as text: its head and first TABLE_TEXT_MAX_ROWS rows."""
    lines = TABLE_TEXT_MAX_ROWS + 2
    if markdown.count("\n") <= lines:
        return markdown
    at = -1
    for _ in range(lines):
        at = markdown.find("\n", at + 1)
    return markdown[: at + 1]


def polish_range(document: QTextDocument, start: int, end: int, style: TranscriptStyle) -> None:
    """Restyle the blocks between positions `start` and `end` (one inserted Markdown block, not a table).

    The line height goes to every block in one merge over the range; only headings, quotes and runs of
    inline code get edits of their own.
    """
    last = document.characterCount() - 1
    start, end = min(start, last), min(end, last)
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    spacing = QTextBlockFormat()
    spacing.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.mergeBlockFormat(spacing)
    block = document.findBlock(start)
    while block.isValid() and block.position() <= end:
        fmt = block.blockFormat()
        level = fmt.headingLevel()
        quote = fmt.intProperty(QTextFormat.Property.BlockQuoteLevel)
        if level or quote:
            cursor = QTextCursor(block)
            change = QTextBlockFormat()
            if level:
                above, below = _HEADING_SPACE.get(level, (12, 4))
                change.setTopMargin(above)
                change.setBottomMargin(below)
                change.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            if quote:
                change.setLeftMargin(QUOTE_INDENT * quote)
                dim = QTextCharFormat()
                dim.setForeground(QColor(style.dim_text))
                cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(dim)
            cursor.mergeBlockFormat(change)
        _tint_inline_code(document, block, style)
        block = block.next()


def style_table_at(document: QTextDocument, position: int, style: TranscriptStyle) -> None:
    """Style the table that starts at `position`. Call it after the edit block that inserted it ends:
    inside one, Qt does not report the new table's frame yet."""
    cursor = QTextCursor(document)
    cursor.setPosition(min(position + 1, document.characterCount() - 1))
    table = cursor.currentTable()
    if table is not None:
        cursor.beginEditBlock()  # one layout of the table for all its cells, not one per cell
        try:
            style_table(document, table, style)
        finally:
            cursor.endEditBlock()


def _tint_inline_code(document: QTextDocument, block: QTextBlock, style: TranscriptStyle) -> None:
    runs: list[tuple[int, int, QTextCharFormat]] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid() and fragment.charFormat().fontFixedPitch():
            runs.append((fragment.position(), fragment.length(), fragment.charFormat()))
        iterator += 1
    cursor = QTextCursor(document)
    for position, length, char_format in runs:
        fmt = QTextCharFormat(char_format)
        fmt.clearProperty(QTextFormat.Property.FontPointSize)  # Qt's reader fixes it at 9 pt: follow the text
        fmt.setBackground(QBrush(QColor(style.inline_code)))
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def style_table(document: QTextDocument, table: QTextTable, style: TranscriptStyle) -> None:
    """A shaded header row and thin rules between rows; no outer frame, no vertical lines."""
    fmt = table.format()
    fmt.setBorder(0)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
    fmt.setBorderCollapse(True)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(_CELL_PAD)
    fmt.setTopMargin(6)
    fmt.setBottomMargin(8)
    fmt.setWidth(QTextLength(QTextLength.Type.VariableLength, 0))
    table.setFormat(fmt)
    rule = QBrush(QColor(style.table_rule))
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            cell_format = QTextTableCellFormat()
            cell_format.setTopBorder(0)
            cell_format.setLeftBorder(0)
            cell_format.setRightBorder(0)
            cell_format.setBottomBorder(1)
            cell_format.setBottomBorderBrush(rule)
            cell_format.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            cell_format.setLeftPadding(_CELL_PAD + 4)
            cell_format.setRightPadding(_CELL_PAD + 4)
            if row == 0:
                cell_format.setBackground(QColor(style.table_head))
                cell_format.setFontWeight(600)
            cell.setFormat(cell_format)
            block = cell.firstCursorPosition().block()
            _tint_inline_code(document, block, style)  # a cell holds one block in Markdown tables
