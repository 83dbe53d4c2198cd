"""Give blocks Qt's Markdown reader just inserted the transcript's look: line height, heading space, quote
indents, inline code on a tint, tables with a shaded header and rules instead of a grid.

Each call touches only the blocks of one newly inserted Markdown block, so it costs O(new text) like the
insert itself. A table is styled cell by cell, which is why tables beyond TABLE_MAX_ROWS are never rendered
as tables at all (see renderer.py and docs/reliability.md).
"""

from __future__ import annotations

import re

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


_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$", re.MULTILINE)


def may_hold_code(markdown: str) -> bool:
    """Whether Qt's Markdown reader can make monospace runs of `markdown`: only code spans are such runs
    (its code blocks are set by their block format), and a code span needs a backtick. False: nothing to
    tint. tests/gui/test_transcript_paint.py checks this against the reader."""
    return "`" in markdown


def may_hold_shapes(markdown: str) -> bool:
    """Whether `markdown` can hold a heading (# or a setext underline) or a quote (>). False: no block of
    it needs its own margins."""
    if "#" in markdown or ">" in markdown:
        return True
    underline = "=" in markdown or "-" in markdown
    return underline and "\n" in markdown and _SETEXT.search(markdown) is not None


class Polisher:
    """Polishes inserted Markdown for one style; made once by a renderer, which polishes at every frame
    (the open block is rendered again each time), so its formats are built once, not per call."""

    def __init__(self, style: TranscriptStyle) -> None:
        self._style = style
        self._spacing = QTextBlockFormat()
        self._spacing.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self._tint = QBrush(QColor(style.inline_code))

    def polish(self, cursor: QTextCursor, start: int, end: int, source: str | None = None) -> None:
        """Restyle the blocks between positions `start` and `end` (one inserted Markdown block, not a
        table), editing with `cursor` (the caller's, inside its edit block; its position is not kept).

        The line height goes to every block in one merge over the range; only headings, quotes and runs of
        inline code get edits of their own. `source`, the Markdown inserted, lets a paint skip looking at
        each block when that text cannot hold any of them.
        """
        document = cursor.document()
        last = document.characterCount() - 1
        start, end = min(start, last), min(end, last)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeBlockFormat(self._spacing)
        code = source is None or may_hold_code(source)
        shapes = source is None or may_hold_shapes(source)
        if not code and not shapes:
            return
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            if shapes:
                _shape_block(block, self._style)
            if code:
                _tint_inline_code(cursor, block, self._tint)
            block = block.next()

    def tint_from(self, cursor: QTextCursor, start: int) -> None:
        """Inline code from position `start` to the end of its block on the tint (Markdown merged into a
        block already polished: its line height is there, and the code before `start` is tinted)."""
        _tint_inline_code(cursor, cursor.document().findBlock(start), self._tint, since=start)


def polish_range(
    document: QTextDocument, start: int, end: int, style: TranscriptStyle, source: str | None = None
) -> None:
    """Polisher(style).polish() with a cursor of its own: for one-off callers (a renderer keeps one)."""
    Polisher(style).polish(QTextCursor(document), start, end, source)


def _shape_block(block: QTextBlock, style: TranscriptStyle) -> None:
    """Space around a heading; a quote's indent and dim text."""
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


def table_at(document: QTextDocument, position: int) -> QTextTable | None:
    """The table whose first cell starts at (or just after) `position`, if any.

    Found through the cell's format, not QTextCursor.currentTable(): inside an edit block Qt has not yet
    put a new table into the document's frame tree, but its format already names it. So a paint styles its
    tables inside its own edit block and they are laid out once, already styled.
    """
    block = document.findBlock(min(position + 1, document.characterCount() - 1))
    for _ in range(3):  # the separator and the table's own start come first
        if not block.isValid():
            break
        table = document.objectForFormat(block.charFormat())
        if isinstance(table, QTextTable):
            return table
        block = block.next()
    return None


def style_table_at(
    document: QTextDocument, position: int, style: TranscriptStyle, source: str | None = None
) -> None:
    """Style the table that starts at `position` (in or out of an edit block; see table_at)."""
    table = table_at(document, position)
    if table is not None:
        cursor = QTextCursor(document)
        cursor.beginEditBlock()  # one layout of the table for all its cells, not one per cell
        try:
            style_table(document, table, style, code=source is None or may_hold_code(source))
        finally:
            cursor.endEditBlock()


def _tint_inline_code(cursor: QTextCursor, block: QTextBlock, tint: QBrush, since: int = 0) -> None:
    """Inline code on a tint, at the text's own size (only runs from position `since` on). textFormats()
    gives the block's runs in one call (iterating its fragments from Python costs a call per fragment)."""
    base = block.position()
    runs = [  # copied at once: a range's format lives only as long as the range's wrapper
        (base + run.start, run.length, QTextCharFormat(run.format))
        for run in block.textFormats()
        if base + run.start >= since and run.format.fontFixedPitch()
    ]
    for position, length, fmt in runs:
        fmt.clearProperty(QTextFormat.Property.FontPointSize)  # Qt's reader fixes it at 9 pt: follow the text
        fmt.setBackground(tint)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def style_table(
    document: QTextDocument, table: QTextTable, style: TranscriptStyle, *, code: bool = True
) -> None:
    """A shaded header row and thin rules between rows; no outer frame, no vertical lines.

    `code` False: the table's Markdown holds no inline code, so its cells are not searched for any.
    """
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
    body = QTextTableCellFormat()  # two formats for every cell (setFormat copies)
    body.setTopBorder(0)
    body.setLeftBorder(0)
    body.setRightBorder(0)
    body.setBottomBorder(1)
    body.setBottomBorderBrush(QBrush(QColor(style.table_rule)))
    body.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    body.setLeftPadding(_CELL_PAD + 4)
    body.setRightPadding(_CELL_PAD + 4)
    head = QTextTableCellFormat(body)
    head.setBackground(QColor(style.table_head))
    head.setFontWeight(600)
    tint = QBrush(QColor(style.inline_code))
    cursor = QTextCursor(document)
    for row in range(table.rows()):
        cell_format = head if row == 0 else body
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            cell.setFormat(cell_format)
            if code:
                block = cell.firstCursorPosition().block()
                _tint_inline_code(cursor, block, tint)  # a cell holds one block in Markdown tables
