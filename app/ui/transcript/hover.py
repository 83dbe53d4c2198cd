"""A message's actions (Copy, Edit, Regenerate, Delete, the versions' ‹ ›) stay faint until the pointer is
over that message.

Every message shows its actions as links, so Tab reaches them and Enter follows them whatever the pointer
does (Qt marks the focused link); the pointer only brings one message's actions forward. Recolouring changes
formats, never text, so no position a streaming renderer keeps moves.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextCursor

from app.ui.transcript.links import SCHEME
from app.ui.transcript.style import TranscriptStyle

FAINT_ALPHA = 120  # of 255: readable when looked for, quiet when not
WALK_LIMIT = 2000  # blocks walked back from the pointer to find its message's first block


class ActionHover:
    """Knows where each message's actions are, and which message the pointer is over."""

    def __init__(self, style: TranscriptStyle) -> None:
        self._style = style
        self._actions: dict[int, QTextBlock] = {}  # message id → the block holding its action links
        self._hovered: int | None = None

    def set_style(self, style: TranscriptStyle) -> None:
        self._style = style

    def faint(self) -> QColor:
        colour = QColor(self._style.dim_text)
        colour.setAlpha(FAINT_ALPHA)
        return colour

    def note(self, message_id: int, block: QTextBlock) -> None:
        """`block` holds the action links of message `message_id`."""
        self._actions[message_id] = block

    def clear(self) -> None:
        self._actions.clear()
        self._hovered = None

    def point_at(self, block: QTextBlock) -> None:
        """The pointer is over `block`: bring its message's actions forward (and the last one's back)."""
        message_id = None
        walked = 0
        while block.isValid() and walked < WALK_LIMIT:
            if block.userState() >= 0:
                message_id = block.userState()
                break
            block = block.previous()
            walked += 1
        if message_id == self._hovered:
            return
        if self._hovered is not None:
            self._recolour(self._hovered, self.faint())
        self._hovered = message_id
        if message_id is not None:
            self._recolour(message_id, QColor(self._style.link))

    def leave(self) -> None:
        if self._hovered is not None:
            self._recolour(self._hovered, self.faint())
            self._hovered = None

    def _recolour(self, message_id: int, colour: QColor) -> None:
        block = self._actions.get(message_id)
        if block is None or not block.isValid():
            return
        runs: list[tuple[int, int]] = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.charFormat().anchorHref().startswith(f"{SCHEME}:"):
                runs.append((fragment.position(), fragment.length()))
            iterator += 1
        change = QTextCharFormat()
        change.setForeground(colour)
        cursor = QTextCursor(block)
        for position, length in runs:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(change)
