"""Split a streaming Markdown reply into blocks: which are finished, and which one is still open.

Pure Python (no Qt) so it can be tested alone. Each complete line is looked at once, so feeding costs
O(new text) however long the reply grows. The renderer inserts each finished block once and re-renders only
the open one.

A split is only made where CommonMark (as md4c, Qt's parser, reads it) would also end a block, so a block
rendered on its own looks the same as inside the whole reply: a paragraph ends at a blank line or where a
heading, fence, quote, thematic break or an interrupting list item starts; a fence ends at its closing fence;
a table at a blank line, a quote or a list item; a list item where its sibling starts (``continues_list``
tells the renderer to join it to the list before it), and a list where unindented text follows a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class BlockKind(Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    THEMATIC_BREAK = "thematic_break"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    FENCE = "fence"
    INDENTED_CODE = "indented_code"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class Block:
    """One Markdown block of the reply.

    Attributes:
        kind: what the block is.
        text: its Markdown source; lines keep their ``\\n`` (an open block's last line may lack it).
        serial: 0, 1, 2… in reply order; an open block keeps its serial when it finishes.
        continues_list: a list item that belongs to the list of the block before it.
        info: a fence's info string (its first word is the language).
        code: a fence's content, without the fence lines.
        closed: False for a fence the reply ended inside (or, while open, has not closed yet).
    """

    kind: BlockKind
    text: str
    serial: int
    continues_list: bool = False
    info: str = ""
    code: str = ""
    closed: bool = True


_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_THEMATIC = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_QUOTE = re.compile(r" {0,3}>")
_BULLET = re.compile(r"( {0,3})([-+*])([ \t]+|$)")
_ORDERED = re.compile(r"( {0,3})(\d{1,9})([.)])([ \t]+|$)")
_TABLE_START = re.compile(r" {0,3}\|")
_DELIMITER_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


@dataclass(frozen=True, slots=True)
class _Marker:
    key: str  # the bullet character, or "." / ")" for an ordered list: a different key starts a new list
    content_indent: int  # where the item's content starts: lines indented this far belong to the item
    empty: bool
    number: int | None


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _is_blank(line: str) -> bool:
    return not line.strip(" \t")


def _fence_open(line: str) -> tuple[str, int, str] | None:
    m = _FENCE.match(line)
    if m is None:
        return None
    fence, info = m.group(1), m.group(2)
    if fence[0] == "`" and "`" in info:
        return None  # a backtick fence's info string may not hold a backtick: that is inline code
    return fence[0], len(fence), info.strip()


def _list_marker(line: str) -> _Marker | None:
    if _THEMATIC.match(line):
        return None  # "* * *" and "- - -" are rules, not items
    m = _BULLET.match(line)
    if m is not None:
        key, number, spaces_group = m.group(2), None, 3
    else:
        m = _ORDERED.match(line)
        if m is None:
            return None
        key, number, spaces_group = m.group(3), int(m.group(2)), 4
    after_marker, spaces = m.start(spaces_group), m.group(spaces_group)
    empty = _is_blank(line[m.end() :])
    # CommonMark: content starts after the spaces, or one space after the marker if there are none or >4.
    content_indent = after_marker + (1 if empty or len(spaces) > 4 else len(spaces))
    return _Marker(key, content_indent, empty, number)


def _interrupts_paragraph(line: str) -> bool:
    """Whether this line ends a paragraph (or a lazy continuation) without a blank line before it."""
    if _ATX.match(line) or _fence_open(line) or _THEMATIC.match(line) or _QUOTE.match(line):
        return True
    marker = _list_marker(line)
    # An empty item never interrupts a paragraph, nor an ordered one that does not start at 1.
    return marker is not None and not marker.empty and marker.number in (None, 1)


class BlockSplitter:
    """Feed it the reply as it arrives; it returns the blocks that have just finished."""

    def __init__(self) -> None:
        self._partial = ""  # the last line, until its newline arrives
        self._kind: BlockKind | None = None  # the open block's kind; None between blocks
        self._lines: list[str] = []
        self._blanks: list[str] = []  # blank lines a list item or indented code may still continue after
        self._serial = 0
        self._continues = False
        self._fence: tuple[str, int, str] = ("", 0, "")  # (character, length, info)
        self._item_indent = 0  # a list item's content indent
        self._item_key = ""
        self._item_fence: tuple[str, int] | None = None  # a fence open inside the current list item
        self._out: list[Block] = []

    def feed(self, text: str) -> list[Block]:
        """Add text to the reply; return the blocks that it finished, in order."""
        if not text:
            return []
        lines = (self._partial + text).split("\n")  # only "\n": str.splitlines would also split on U+2028
        self._partial = lines.pop()
        for line in lines:
            self._line(line + "\n")
        out, self._out = self._out, []
        return out

    def close(self) -> list[Block]:
        """The reply has ended: finish whatever is open and return it."""
        if self._partial:
            line, self._partial = self._partial, ""
            self._line(line)
        if self._kind is not None:
            self._finish()
        out, self._out = self._out, []
        return out

    def open_block(self) -> Block | None:
        """The block still being written, including the unfinished last line; None if there is none."""
        partial = self._partial
        if self._kind is None:
            if _is_blank(partial):
                return None
            fence = _fence_open(partial)
            if fence is not None:
                return Block(BlockKind.FENCE, partial, self._serial, info=fence[2], closed=False)
            kind = BlockKind.TABLE if _TABLE_START.match(partial) else BlockKind.PARAGRAPH
            return Block(kind, partial, self._serial)
        text = "".join(self._lines)
        if self._kind is BlockKind.FENCE:
            char, _, info = self._fence
            # Hide a closing fence while it is being typed, so the code does not flash a stray "``".
            tail = "" if partial.strip(" \t").strip(char) == "" else partial
            code = "".join(self._lines[1:]) + tail
            return Block(BlockKind.FENCE, text + partial, self._serial, info=info, code=code, closed=False)
        if partial and not _is_blank(partial):
            text += "".join(self._blanks) + partial
        return Block(self._kind, text, self._serial, continues_list=self._continues)

    # ---- the state machine: one complete line at a time ----------------------------------------

    def _begin(self, kind: BlockKind, line: str, *, continues: bool = False) -> None:
        self._kind, self._lines, self._blanks, self._continues = kind, [line], [], continues

    def _finish(self) -> None:
        assert self._kind is not None
        text = "".join(self._lines)
        if self._kind is BlockKind.FENCE:
            closed = len(self._lines) > 1 and self._closes_fence(self._lines[-1])
            body = self._lines[1:-1] if closed else self._lines[1:]
            block = Block(
                BlockKind.FENCE, text, self._serial, info=self._fence[2], code="".join(body), closed=closed
            )
        else:
            block = Block(self._kind, text, self._serial, continues_list=self._continues)
        self._out.append(block)
        self._serial += 1
        self._kind, self._lines, self._blanks, self._continues = None, [], [], False

    def _single(self, kind: BlockKind, line: str) -> None:
        self._begin(kind, line)
        self._finish()

    def _closes_fence(self, line: str) -> bool:
        char, length, _ = self._fence
        stripped = line.strip(" \t\r\n")
        return _indent(line) <= 3 and len(stripped) >= length and stripped == char * len(stripped)

    def _line(self, raw: str) -> None:
        line = raw.rstrip("\n").rstrip("\r")
        kind = self._kind
        if kind is None:
            self._start(raw, line)
        elif kind is BlockKind.FENCE:
            self._lines.append(raw)
            if self._closes_fence(line):
                self._finish()
        elif kind is BlockKind.PARAGRAPH:
            self._paragraph(raw, line)
        elif kind is BlockKind.LIST_ITEM:
            self._list_item(raw, line)
        elif kind is BlockKind.QUOTE:
            if _is_blank(line):
                self._finish()
            elif _QUOTE.match(line) or _indent(line) >= 4 or not _interrupts_paragraph(line):
                self._lines.append(raw)  # a quoted line, or a lazy continuation
            else:
                self._finish()
                self._start(raw, line)
        elif kind is BlockKind.TABLE:
            self._table(raw, line)
        elif kind is BlockKind.INDENTED_CODE:
            if _is_blank(line):
                self._blanks.append(raw)
            elif _indent(line) >= 4:
                self._lines += self._blanks
                self._lines.append(raw)
                self._blanks = []
            else:
                self._finish()
                self._start(raw, line)

    def _start(self, raw: str, line: str) -> None:
        if _is_blank(line):
            return
        if _indent(line) >= 4:
            self._begin(BlockKind.INDENTED_CODE, raw)
            return
        fence = _fence_open(line)
        if fence is not None:
            self._fence = fence
            self._begin(BlockKind.FENCE, raw)
        elif _ATX.match(line):
            self._single(BlockKind.HEADING, raw)
        elif _THEMATIC.match(line):
            self._single(BlockKind.THEMATIC_BREAK, raw)
        elif _QUOTE.match(line):
            self._begin(BlockKind.QUOTE, raw)
        elif (marker := _list_marker(line)) is not None:
            self._start_item(raw, marker, continues=False)
        elif _TABLE_START.match(line):
            self._begin(BlockKind.TABLE, raw)
        else:
            self._begin(BlockKind.PARAGRAPH, raw)

    def _start_item(self, raw: str, marker: _Marker, *, continues: bool) -> None:
        self._begin(BlockKind.LIST_ITEM, raw, continues=continues)
        self._item_indent, self._item_key, self._item_fence = marker.content_indent, marker.key, None
        self._note_item_fence(raw)

    def _note_item_fence(self, raw: str) -> None:
        """Track a fence inside the list item: while it is open, unindented text ends the item.

        Lazy continuation applies to paragraphs only, so text after an open fence is not part of the item.
        """
        content = raw.rstrip("\n").rstrip("\r")[self._item_indent :]
        if self._item_fence is None:
            fence = _fence_open(content)
            if fence is not None:
                self._item_fence = (fence[0], fence[1])
        else:
            char, length = self._item_fence
            stripped = content.strip(" \t")
            if _indent(content) <= 3 and len(stripped) >= length and stripped == char * len(stripped):
                self._item_fence = None

    def _paragraph(self, raw: str, line: str) -> None:
        if _is_blank(line):
            self._finish()
        elif _indent(line) >= 4:
            self._lines.append(raw)  # indented code cannot interrupt a paragraph
        elif _SETEXT.match(line):
            self._lines.append(raw)  # the paragraph was a setext heading, which ends here
            self._finish()
        elif _interrupts_paragraph(line):
            self._finish()
            self._start(raw, line)
        else:
            self._lines.append(raw)

    def _table(self, raw: str, line: str) -> None:
        if len(self._lines) == 1 and not ("|" in line and _DELIMITER_ROW.match(line)):
            self._kind = BlockKind.PARAGRAPH  # no delimiter row: it was a paragraph with pipes in it
            self._paragraph(raw, line)
        elif _is_blank(line):
            self._finish()
        elif _QUOTE.match(line) or _list_marker(line) is not None:
            self._finish()  # md4c ends a table at these; a heading or fence line becomes a row
            self._start(raw, line)
        else:
            self._lines.append(raw)

    def _list_item(self, raw: str, line: str) -> None:
        if _is_blank(line):
            self._blanks.append(raw)
            return
        indent = _indent(line)
        if indent >= self._item_indent:
            self._lines += self._blanks
            self._lines.append(raw)
            self._blanks = []
            self._note_item_fence(raw)
            return
        marker = _list_marker(line)
        if marker is not None:
            same_list = marker.key == self._item_key
            self._finish()
            self._start_item(raw, marker, continues=same_list)
        elif self._blanks or self._item_fence is not None or _interrupts_paragraph(line):
            self._finish()  # unindented text after a blank line (or after code) ends the list
            self._start(raw, line)
        else:
            self._lines.append(raw)  # a lazy continuation of the item's paragraph
