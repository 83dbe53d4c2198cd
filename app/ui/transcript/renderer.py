"""Paint one assistant message into a QTextDocument while it streams, at O(new text) per paint.

Deltas are only buffered; the first unpainted one starts a 16 ms single-shot timer, so the document is edited
at most once per frame however fast tokens arrive. A paint inserts the Markdown blocks that have just finished
(once, never again), then replaces only the rendering of the open last block, all in one edit block with undo
off. An open code fence or table is shown as raw monospace text that grows by appending; a fence is coloured
once, when it closes, and a table rendered once, when it ends (re-rendering a growing table costs 10–230 ms).

While it streams, the renderer owns the document from `start` (the end of the message's header block) to the
end of its status line:

    [reasoning: a label block, then dim italic plain text]
    [answer: finished blocks, then the open block's rendering]
    [status line]

The region boundaries are plain ints kept by hand: only this renderer edits its range, and each edit knows
how long it is. (QTextCursor markers would move whenever text is inserted exactly at them.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
)

from app.ui.transcript.highlight import CodeHighlighter, code_char_format, language_of
from app.ui.transcript.inline_tail import INLINE_APPENDABLE, inline_tail
from app.ui.transcript.markdown_stream import Block, BlockKind, BlockSplitter
from app.ui.transcript.plain_tail import plain_tail
from app.ui.transcript.polish import (
    Polisher,
    may_hold_code,
    shown_as_text,
    style_table_at,
    table_rows,
    too_big_for_a_table,
)
from app.ui.transcript.style import (
    CARD,
    CARD_PAD,
    CODE_LANG,
    CODE_LINE_HEIGHT,
    DARK,
    LIGHT,
    LINE_HEIGHT,
    REASONING_BODY,
    TranscriptStyle,
)

__all__ = ["DARK", "LIGHT", "REASONING_BODY", "PaintReport", "StreamingMessageRenderer", "TranscriptStyle"]

FRAME_MS = 16
MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML
"""GitHub dialect with raw HTML shown as text: model output is untrusted and must not become markup."""

# insertMarkdown merges the fragment's first block into the block at the cursor, which keeps its own format:
# a heading would lose its level. A throwaway paragraph goes first and is deleted after.
_LEAD = "x\n\n"


_UNSETTLING = (BlockKind.TABLE, BlockKind.THEMATIC_BREAK)
"""Blocks whose end each rendering of the block after them formats anew, from what the rendering before it
left there (the empty block under a table takes the line height, or the list, of the last rendering; a
rule's block takes the paragraph's format): while such a block is the last finished one, the open block is
rendered again at every paint, as it always was, so no frame differs from what it was."""

OPEN_MARK, FOLDED_MARK = "▾ ", "▸ "

THINKING_TICK_MS = 1000  # "Thinking… 12 s" counts up while reasoning streams

CodeLinker = Callable[[str], str]
"""Given a closed code block's text, returns the href of its "Copy code" link."""
ThinkLinker = Callable[[int], str]
"""Given the block number of a reasoning label, returns the href that folds its reasoning."""


@dataclass(frozen=True, slots=True)
class PaintReport:
    """What one paint did, for tests and benchmarks (the renderer keeps no counters of its own).

    Attributes:
        rerendered_chars: open-block text rendered again, or appended raw.
        open_block_chars: the open block's Markdown length.
        finished_blocks: blocks inserted for good (once each) by this paint.
        finished_chars: the length of their Markdown.
        seconds: wall time the paint took, layout of the changed range included.
    """

    rerendered_chars: int
    open_block_chars: int
    finished_blocks: int
    finished_chars: int
    seconds: float


class StreamingMessageRenderer(QObject):
    """Renders one assistant message: its reasoning, its Markdown answer and a status line.

    Signals:
        painted(PaintReport): a paint changed the document; what it did.
        finished(): the reply ended and its last paint is done (the view takes its caret away).
    """

    painted = Signal(PaintReport)
    finished = Signal()

    def __init__(
        self,
        document: QTextDocument,
        start: int,
        *,
        highlighter: CodeHighlighter | None = None,
        style: TranscriptStyle = LIGHT,
        reasoning_label: str | None = None,
        code_linker: CodeLinker | None = None,
        think_linker: ThinkLinker | None = None,
        copy_code_label: str | None = None,
        table_note: Callable[[int, int], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        document.setUndoRedoEnabled(False)  # an undo stack would keep every re-render of the open block
        self._doc = document
        self._splitter = BlockSplitter()
        self._highlighter = highlighter or CodeHighlighter(dark=style.dark, parent=self)
        self._style = style
        self._label = self.tr("Thinking") if reasoning_label is None else reasoning_label
        self._code_linker = code_linker
        self._think_linker = think_linker
        self._copy_code_label = self.tr("Copy") if copy_code_label is None else copy_code_label
        self._table_note = table_note or self._default_table_note
        self._start = self._reason_end = self._done_end = self._open_end = start
        self._label_says_thought = False
        self._label_len = 0  # 0 until reasoning arrives; then the label block is [start + 1, + label_len)
        self._label_link = QTextCharFormat()  # the label's format, with its fold link, once it exists
        self._reasoning_began: float | None = None
        self._thought_s: float | None = None  # measured here: first reasoning to first answer text
        self._status_len = 0  # the status line, separator included, after _open_end
        self._pending: list[str] = []
        self._pending_reasoning: list[str] = []
        self._source: list[str] = []
        self._reasoning: list[str] = []
        self._open: Block | None = None  # the open block as last painted
        self._open_shown = ""  # for an open fence or table: the raw text shown so far
        self._open_serial = -1  # the serial of the open table shown raw
        self._table_capped = False  # that table has more rows than are shown
        self._last_list: QTextList | None = None  # the list a following item joins
        self._spans: dict[int, list[int]] = {}  # closed fences waiting for colours: [start, end]
        self._next_span = 0
        self._done = False
        self.append_plain = True
        """Whether a paint may append new words (plain, or with emphasis and code) to the open block
        instead of rendering it again (tests turn it off to compare the two ways)."""
        self._after_settled = True  # the last finished block is not one of _UNSETTLING
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.paint)
        self._thinking_timer = QTimer(self)
        self._thinking_timer.setInterval(THINKING_TICK_MS)
        self._thinking_timer.timeout.connect(self._tick_thinking)
        self._make_formats()

    # ---- the API the session side calls --------------------------------------------------------

    @property
    def text(self) -> str:
        """The answer's Markdown source received so far."""
        return "".join(self._source)

    @property
    def reasoning_text(self) -> str:
        """The reasoning ("thinking") text received so far."""
        return "".join(self._reasoning)

    @property
    def is_finished(self) -> bool:
        return self._done

    @property
    def caret_position(self) -> int:
        """Where the streaming cursor is drawn: after the last text shown (answer, else reasoning)."""
        answered = self._open_end > self._reason_end or not self._label_len
        return self._open_end if answered else self._reason_end

    @property
    def end_position(self) -> int:
        """Where the message ends in the document (after its status line)."""
        return self._open_end + self._status_len

    def append(self, text: str) -> None:
        """Buffer answer text; it is painted within a frame. Ignored once finished or detached."""
        if text and not self._done:
            self._pending.append(text)
            self._source.append(text)
            if self._reasoning_began is not None and self._thought_s is None:
                self._thought_s = time.monotonic() - self._reasoning_began
            self._schedule()

    def append_reasoning(self, text: str) -> None:
        """Buffer reasoning text, shown as dim plain text above the answer."""
        if text and not self._done:
            self._pending_reasoning.append(text)
            self._reasoning.append(text)
            if self._reasoning_began is None:
                self._reasoning_began = time.monotonic()
            self._schedule()

    def paint(self) -> None:
        """Paint what has arrived since the last paint (the frame timer calls this)."""
        if not self._done:
            self._paint(final=False)

    def finish(self, *, reasoning_ms: float | None = None) -> None:
        """The reply ended: paint the rest (closing the open block, never re-rendering the whole reply).

        Args:
            reasoning_ms: how long the model thought, for the reasoning label ("Thought for 3.2 s").
        """
        if self._done:
            return
        self._paint(final=True)
        self._done = True
        self._thinking_timer.stop()
        if self._label_len:
            if reasoning_ms is None and self._thought_s is not None:
                reasoning_ms = self._thought_s * 1000
            self._set_label(self._thought_label(reasoning_ms / 1000) if reasoning_ms else self._label)
        self.finished.emit()

    def _thought_label(self, seconds: float) -> str:
        return self.tr("Thought for {} s").format(f"{seconds:.1f}")

    def _default_table_note(self, rows: int, shown: int) -> str:
        if shown < rows:
            return self.tr(
                "A table of {rows} rows, shown as text: the first {shown}. Copy the reply for all."
            ).format(rows=f"{rows:,}", shown=f"{shown:,}")
        return self.tr("A table of {} rows, shown as text.").format(f"{rows:,}")

    def _tick_thinking(self) -> None:
        """Count the seconds on the label while the model thinks, so a long silence visibly is not a hang."""
        began = self._reasoning_began
        over = self._done or began is None or self._thought_s is not None
        if over or began is None or not self._label_len or not shiboken6.isValid(self._doc):
            self._thinking_timer.stop()
            return
        seconds = int(time.monotonic() - began)
        self._set_label(self.tr("Thinking… {} s").format(seconds))  # as long as one line: no scrolling

    @property
    def reasoning_label_block(self) -> int | None:
        """The block number of the reasoning label (a fold link), or None without reasoning."""
        return self._doc.findBlock(self._start + 1).blockNumber() if self._label_len else None

    def detach(self) -> None:
        """Stop painting for good, without touching the document (the view was cleared under it)."""
        self._timer.stop()
        self._thinking_timer.stop()
        self._done = True
        self._spans.clear()
        self._pending.clear()
        self._pending_reasoning.clear()

    def text_moved(self, at: int, delta: int) -> None:
        """The view changed the length of text at `at` (a header's versions, a "Copied ✓"): follow it."""
        if delta:
            self._start += delta if self._start >= at else 0
            self._shift_from(at, delta)

    def set_status_line(self, text: str) -> None:
        """Show one small line under the message (metrics, "stopped", …); "" removes it."""
        cursor = QTextCursor(self._doc)
        cursor.beginEditBlock()
        try:
            self._remove(cursor, self._open_end, self._open_end + self._status_len)
            self._status_len = 0
            if text:
                cursor.setPosition(self._open_end)
                cursor.insertBlock(self._status_block, self._status_fmt)
                cursor.insertText(text.replace("\n", " "), self._status_fmt)
                self._status_len = cursor.position() - self._open_end
        finally:
            cursor.endEditBlock()

    # ---- painting --------------------------------------------------------------------------------

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _paint(self, *, final: bool) -> None:
        began = time.perf_counter()
        self._timer.stop()
        reasoning = "".join(self._pending_reasoning)
        answer = "".join(self._pending)
        self._pending_reasoning.clear()
        self._pending.clear()
        finished = self._splitter.feed(answer)
        if final:
            finished += self._splitter.close()
        opened = None if final else self._splitter.open_block()
        if not reasoning and not finished and opened == self._open:
            return
        rerendered = finished_chars = 0
        finished_count = len(finished)
        last_kind = finished[-1].kind if finished else None
        cursor = QTextCursor(self._doc)
        cursor.beginEditBlock()
        try:
            if reasoning:
                self._insert_reasoning(cursor, reasoning)
            if self._thought_s is not None and self._label_len and not self._label_says_thought:
                # The answer began, so the thinking is over: say how long it took, not "Thinking…".
                self._label_says_thought = True
                self._thinking_timer.stop()
                self._set_label(self._thought_label(self._thought_s), cursor)
            if finished and self._keeps_raw(finished[0]):
                # A big table closed: the raw text already shown stays; only its last piece is added.
                rerendered = self._close_raw_table(cursor, finished[0])
                finished_chars += len(finished[0].text)
                finished = finished[1:]
                self._open = None
            if (
                finished
                and self.append_plain
                and self._after_settled
                and (kept := self._finished_tail(finished[0])) is not None
            ):
                # The open block finished as only more words: its rendering stays, they are added.
                self._keep_finished(cursor, finished[0], kept)  # its words count as finished, not open
                finished_chars += len(finished[0].text)
                finished = finished[1:]
                self._open = None
            appendable = (
                self.append_plain and self._after_settled and not finished_count and opened is not None
            )
            tail = plain_tail(self._open, opened) if appendable and opened is not None else None
            inline = self._inline_tail(opened) if appendable and tail is None and opened is not None else None
            if not finished and opened is not None and self._can_extend(opened):
                rerendered = self._extend_raw(cursor, opened)
            elif tail is not None:
                rerendered = self._append_plain(cursor, tail)
            elif inline is not None:
                rerendered = self._append_inline(cursor, inline)
            elif finished or opened != self._open:
                self._remove(cursor, self._done_end, self._open_end)
                self._open_end = self._done_end
                for block in finished:
                    end = self._insert(cursor, self._done_end, block, is_open=False)
                    self._done_end = self._open_end = end
                    finished_chars += len(block.text)
                self._open_shown = ""
                self._table_capped = False
                if opened is not None:
                    self._open_end = self._insert(cursor, self._done_end, opened, is_open=True)
                    rerendered = len(self._open_shown) if self._open_shown else len(opened.text)
            self._open = opened
            if finished_count:
                self._after_settled = last_kind not in _UNSETTLING
        finally:
            cursor.endEditBlock()
        open_chars = len(opened.text) if opened is not None else 0
        seconds = time.perf_counter() - began
        self.painted.emit(PaintReport(rerendered, open_chars, finished_count, finished_chars, seconds))

    def _keeps_raw(self, block: Block) -> bool:
        """Whether `block` is the big table shown raw while open, which then stays raw for good."""
        old = self._open
        return (
            block.kind is BlockKind.TABLE
            and old is not None
            and old.serial == block.serial
            and old.kind is BlockKind.TABLE
            and too_big_for_a_table(block.text)
            and block.text.startswith(self._open_shown)
        )

    def _close_raw_table(self, cursor: QTextCursor, block: Block) -> int:
        rest = self._raw_text(block)[len(self._open_shown) :].rstrip("\n")
        cursor.setPosition(self._open_end)
        cursor.insertText(rest, self._code_fmt)
        if not rest and self._open_shown.endswith("\n"):
            cursor.deletePreviousChar()  # the raw text ended in a newline: drop the empty block it left
        self._shift_from(self._open_end, cursor.position() - self._open_end)
        end = self._insert_table_note(cursor, self._open_end, block)
        self._done_end = self._open_end = end
        self._open_shown = ""
        self._table_capped = False
        self._last_list = None
        return len(rest)

    def _insert_table_note(self, cursor: QTextCursor, at: int, block: Block) -> int:
        cursor.setPosition(at)
        cursor.insertBlock(self._status_block, self._status_fmt)
        rows = table_rows(block.text)
        cursor.insertText(self._table_note(rows, table_rows(shown_as_text(block.text))), self._status_fmt)
        return cursor.position()

    def _can_extend(self, opened: Block) -> bool:
        """Whether the open block is a fence or table that only grew: then only the new text is appended."""
        old = self._open
        return (
            old is not None
            and old.serial == opened.serial
            and old.kind is opened.kind
            and opened.kind in (BlockKind.FENCE, BlockKind.TABLE)
            and self._raw_text(opened).startswith(self._open_shown)
        )

    def _append_plain(self, cursor: QTextCursor, tail: str) -> int:
        """The open block only grew by plain words (see plain_tail.py): append them to its rendering, in
        the format of the character before them, instead of rendering the block again."""
        if tail:
            cursor.setPosition(self._open_end)
            cursor.insertText(tail)
            self._shift_from(self._open_end, cursor.position() - self._open_end)
        return len(tail)

    def _inline_tail(self, opened: Block) -> tuple[str, str] | None:
        """inline_tail() for the open paragraph, given the one block its rendering is (else None)."""
        if self._open is None or self._open.kind not in INLINE_APPENDABLE:
            return None
        block = self._doc.findBlock(self._open_end)
        if block.position() != self._done_end + 1 or block.position() + block.length() - 1 != self._open_end:
            return None
        return inline_tail(self._open, opened, block.text())

    def _append_inline(self, cursor: QTextCursor, tail: tuple[str, str]) -> int:
        """The open paragraph grew by words with emphasis or code (see inline_tail.py): insert the spaces
        before them as plain text, then render them alone, merged into the paragraph's block (Qt merges a
        fragment's first block into the block at the cursor, which keeps its format), and tint their code."""
        spaces, markdown = tail
        at = self._open_end
        cursor.setPosition(at)
        if spaces:
            cursor.insertText(spaces, self._words_fmt)  # not the format before them (a bold word's)
        start = cursor.position()
        cursor.insertMarkdown(markdown, MARKDOWN)
        self._shift_from(at, cursor.position() - at)
        if may_hold_code(markdown):
            self._polisher.tint_from(cursor, start)
        return len(spaces) + len(markdown)

    def _finished_tail(self, block: Block) -> tuple[str, str] | None:
        """What to append to the open block's rendering to make it `block`'s, the same block finished:
        (plain text, "") or (spaces, Markdown) as _append_inline takes it."""
        old = self._open
        if old is None or old.serial != block.serial:
            return None
        done = Block(block.kind, block.text.rstrip("\n"), block.serial)
        plain = plain_tail(old, done)
        if plain is not None:
            return plain, ""
        return self._inline_tail(done)

    def _keep_finished(self, cursor: QTextCursor, block: Block, tail: tuple[str, str]) -> None:
        first = self._done_end + 1  # the open rendering starts with the separator of its first block
        if tail[1]:
            self._append_inline(cursor, tail)
        else:
            self._append_plain(cursor, tail[0])
        self._done_end = self._open_end
        listed = block.kind is BlockKind.LIST_ITEM
        self._last_list = self._doc.findBlock(first).textList() if listed else None  # as _insert_markdown

    def _raw_text(self, block: Block) -> str:
        """What is shown of an open fence or table: its code, or the table's first rows."""
        if block.kind is BlockKind.FENCE:
            return block.code
        if self._table_capped and block.serial == self._open_serial:
            return self._open_shown  # past the rows shown: nothing more to show, nothing to count
        return shown_as_text(block.text)

    def _extend_raw(self, cursor: QTextCursor, opened: Block) -> int:
        shown = self._raw_text(opened)
        self._table_capped = opened.kind is BlockKind.TABLE and len(shown) < len(opened.text)
        delta = shown[len(self._open_shown) :]
        cursor.setPosition(self._open_end)
        cursor.insertText(delta, self._code_fmt)  # a newline continues in the current (code) block format
        self._shift_from(self._open_end, cursor.position() - self._open_end)
        self._open_shown = shown
        return len(delta)

    def _insert(self, cursor: QTextCursor, at: int, block: Block, *, is_open: bool) -> int:
        """Insert one block's rendering at `at` (the end of the previous block); return where it ends."""
        if block.kind is BlockKind.FENCE and is_open:
            self._open_shown = block.code
            return self._insert_raw(cursor, self._insert_code_head(cursor, at, block, ""), block.code, True)
        if block.kind is BlockKind.TABLE and is_open:
            self._open_shown = shown_as_text(block.text)
            self._open_serial = block.serial
            self._table_capped = len(self._open_shown) < len(block.text)
            return self._insert_raw(cursor, at, self._open_shown, False)
        if block.kind is BlockKind.TABLE and too_big_for_a_table(block.text):
            self._last_list = None
            end = self._insert_raw(cursor, at, shown_as_text(block.text).rstrip("\n"), False)
            return self._insert_table_note(cursor, end, block)
        if block.kind is BlockKind.FENCE:
            return self._insert_code(cursor, at, block)
        return self._insert_markdown(cursor, at, block, is_open=is_open)

    def _insert_raw(self, cursor: QTextCursor, at: int, text: str, code: bool) -> int:
        cursor.setPosition(at)
        cursor.insertBlock(self._code_body if code else self._raw_table_block, self._code_fmt)
        cursor.insertText(text, self._code_fmt)
        return cursor.position()

    def _insert_code_head(self, cursor: QTextCursor, at: int, block: Block, copy_href: str) -> int:
        """The band at a code card's top: the language (painted by the view) and, once closed, Copy."""
        head = QTextBlockFormat(self._code_head)
        head.setProperty(CODE_LANG, language_of(block.info))
        cursor.setPosition(at)
        cursor.insertBlock(head, self._head_fmt)
        if copy_href:
            link = QTextCharFormat(self._head_fmt)
            link.setAnchor(True)
            link.setAnchorHref(copy_href)
            cursor.insertText(self._copy_code_label, link)
        return cursor.position()

    def _insert_code(self, cursor: QTextCursor, at: int, block: Block) -> int:
        """A closed fence: a card with its language and Copy; plain monospace now, coloured once lexed."""
        language = language_of(block.info)
        code = block.code[:-1] if block.code.endswith("\n") else block.code
        href = self._code_linker(code) if self._code_linker is not None and code.strip() else ""
        body = self._insert_code_head(cursor, at, block, href)
        end = self._insert_raw(cursor, body, code, True)
        last = QTextBlockFormat()
        last.setBottomMargin(CARD_PAD * 0.75)
        cursor.mergeBlockFormat(last)  # room under the last line, inside the card
        self._last_list = None
        if language and code.strip():
            span = self._next_span
            self._next_span += 1
            self._spans[span] = [body + 1, end]  # after the separator that starts the code's first block
            self._highlighter.request(code, language, lambda runs: self._colour(span, code, runs))
        return end

    def _colour(self, span: int, code: str, runs: list[tuple[str, QTextCharFormat]]) -> None:
        bounds = self._spans.pop(span, None)
        if bounds is None or not shiboken6.isValid(self._doc):
            return  # detached (the view was cleared), or the document is gone
        start, end = bounds
        cursor = QTextCursor(self._doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != code.replace("\n", "\u2029"):
            return  # not the code we inserted any more: leave the document alone
        cursor.beginEditBlock()
        try:
            at = start
            for text, fmt in runs:
                length = len(text.encode("utf-16-le")) // 2  # Qt counts UTF-16 units (an emoji is two)
                cursor.setPosition(at)
                cursor.setPosition(at + length, QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
                at += length
        finally:
            cursor.endEditBlock()

    def _insert_markdown(self, cursor: QTextCursor, at: int, block: Block, *, is_open: bool) -> int:
        cursor.setPosition(at)
        cursor.insertMarkdown(_LEAD + block.text, MARKDOWN)
        end = cursor.position() - 1
        cursor.setPosition(at)
        cursor.setPosition(at + 1, QTextCursor.MoveMode.KeepAnchor)  # the lead's "x", merged at `at`
        cursor.removeSelectedText()
        if block.kind is BlockKind.TABLE:
            # Styled inside the paint's edit block, so Qt lays the table out once, already styled.
            style_table_at(self._doc, at, self._style, block.text)
        else:
            self._polisher.polish(cursor, at + 1, end, block.text)
        if block.kind is BlockKind.LIST_ITEM:
            joined = self._join_list(at + 1, end, block.continues_list)
            if not is_open:
                self._last_list = joined
        elif not is_open:
            self._last_list = None
        return end

    def _join_list(self, first: int, end: int, continues: bool) -> QTextList | None:
        """Make a list item rendered on its own part of the list before it (so numbering continues)."""
        block = self._doc.findBlock(first)
        own = block.textList()
        previous = self._last_list
        if own is None or not continues or previous is None or not shiboken6.isValid(previous):
            return own
        index = own.objectIndex()
        while block.isValid() and block.position() <= end:
            current = block.textList()
            if current is not None and current.objectIndex() == index:
                previous.add(block)
            block = block.next()
        return previous

    def _insert_reasoning(self, cursor: QTextCursor, text: str) -> None:
        start = self._reason_end
        cursor.setPosition(start)
        if not self._label_len:
            cursor.insertBlock(self._reason_block, self._label_fmt)
            self._label_link = QTextCharFormat(self._label_fmt)
            if self._think_linker is not None:
                self._label_link.setAnchor(True)
                self._label_link.setAnchorHref(self._think_linker(cursor.block().blockNumber()))
            cursor.insertText(OPEN_MARK + self._label + "…", self._label_link)
            self._label_len = cursor.position() - start - 1
            self._thinking_timer.start()
            cursor.insertBlock(self._reason_body_block, self._reason_fmt)
        cursor.insertText(text, self._reason_fmt)
        self._shift_from(start, cursor.position() - start)
        if self._doc.findBlock(self._start + 1).text().startswith(FOLDED_MARK):
            self._hide_blocks(start, cursor.position())  # folded while it streams: new lines stay folded

    def _hide_blocks(self, start: int, end: int) -> None:
        block = self._doc.findBlock(start)
        while block.isValid() and block.position() <= end:
            if block.isVisible():
                block.setVisible(False)
                self._doc.markContentsDirty(block.position(), block.length())
            block = block.next()

    def _set_label(self, label: str, cursor: QTextCursor | None = None) -> None:
        """Replace the label's words, keeping its fold mark (the user may have folded it meanwhile)."""
        first = self._start + 1
        own = cursor is None
        cursor = cursor or QTextCursor(self._doc)
        if own:
            cursor.beginEditBlock()
        try:
            cursor.setPosition(first)
            cursor.setPosition(first + len(OPEN_MARK), QTextCursor.MoveMode.KeepAnchor)
            mark = cursor.selectedText()
            cursor.setPosition(first + self._label_len, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(mark + label, self._label_link)
            length = cursor.position() - first
        finally:
            if own:
                cursor.endEditBlock()
        self._shift_from(first, length - self._label_len)
        self._label_len = length

    def _shift_from(self, at: int, delta: int) -> None:
        """Text of length `delta` was inserted at `at`: move the boundaries at or after it."""
        self._reason_end += delta if self._reason_end >= at else 0
        self._done_end += delta if self._done_end >= at else 0
        self._open_end += delta if self._open_end >= at else 0
        for bounds in self._spans.values():  # code still waiting for its colours
            bounds[0] += delta if bounds[0] >= at else 0
            bounds[1] += delta if bounds[1] >= at else 0

    @staticmethod
    def _remove(cursor: QTextCursor, start: int, end: int) -> None:
        if end > start:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            # The block left at `start` keeps the format of the text removed from it: an open "1." that
            # made it a list item would leave a stray "1." there (beside a table, say) for good.
            block = cursor.block()
            listed = block.textList()
            if listed is not None and block.length() == 1:
                listed.remove(block)
                unlisted = block.blockFormat()
                unlisted.setIndent(0)
                cursor.setBlockFormat(unlisted)

    # ---- formats -----------------------------------------------------------------------------------

    def _make_formats(self) -> None:
        dim = QColor(self._style.dim_text)
        proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        self._code_fmt = code_char_format()
        self._words_fmt = QTextCharFormat()  # what Qt's Markdown reader gives text without emphasis
        self._polisher = Polisher(self._style)
        self._raw_table_block = QTextBlockFormat()
        self._raw_table_block.setNonBreakableLines(True)
        self._raw_table_block.setLineHeight(CODE_LINE_HEIGHT, proportional)
        # A code card: a head band (the language at left, painted; Copy at right), then the code's lines.
        self._code_head = QTextBlockFormat()
        self._code_head.setProperty(CARD, "code-head")
        self._code_head.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._code_head.setTopMargin(10)
        self._code_head.setBottomMargin(CARD_PAD * 0.5)
        self._code_head.setLeftMargin(CARD_PAD)
        self._code_head.setRightMargin(CARD_PAD)
        self._code_head.setLineHeight(LINE_HEIGHT, proportional)
        self._head_fmt = QTextCharFormat()
        self._head_fmt.setForeground(dim)
        self._code_body = QTextBlockFormat()
        self._code_body.setProperty(CARD, "code")
        self._code_body.setNonBreakableLines(True)
        self._code_body.setLeftMargin(CARD_PAD)
        self._code_body.setRightMargin(CARD_PAD)
        self._code_body.setLineHeight(CODE_LINE_HEIGHT, proportional)
        # The properties Qt's own Markdown reader sets, so toMarkdown() writes a fence back.
        self._code_body.setProperty(QTextFormat.Property.BlockCodeFence, "`")
        self._reason_block = QTextBlockFormat()
        self._reason_block.setLeftMargin(8)
        self._reason_block.setLineHeight(LINE_HEIGHT, proportional)
        self._reason_body_block = QTextBlockFormat(self._reason_block)
        self._reason_body_block.setProperty(REASONING_BODY, True)
        self._reason_fmt = QTextCharFormat()
        self._reason_fmt.setForeground(dim)
        self._reason_fmt.setFontItalic(True)
        self._label_fmt = QTextCharFormat()
        self._label_fmt.setForeground(dim)
        self._label_fmt.setFontWeight(QFont.Weight.DemiBold)
        self._status_block = QTextBlockFormat()
        self._status_block.setTopMargin(4)
        self._status_fmt = QTextCharFormat()
        self._status_fmt.setForeground(dim)
        size = self._doc.defaultFont().pointSizeF()
        if size > 0:
            self._status_fmt.setFontPointSize(size * 0.85)
            self._head_fmt.setFontPointSize(size * 0.85)
