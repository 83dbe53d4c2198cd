"""How the conversation list looks: date groups, and rows drawn with their hover actions.

Rows are grouped as chat apps do (Pinned, Today, Yesterday, Previous 7 days, then one group a month);
a group's heading is a row of its own that cannot be selected, so arrow keys step over it. The row under
the pointer shows three small buttons — pin, rename, delete — where a click acts on that row only.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QCursor, QFont, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.core.models import Conversation
from app.ui.icons import icon
from app.ui.theme import colours

CONVERSATION_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's Conversation
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2  # a group heading's text

PIN, RENAME, DELETE = "pin", "rename", "delete"
ACTIONS = (PIN, RENAME, DELETE)
_ICONS = {PIN: "pin", RENAME: "pencil", DELETE: "trash"}

_Index = QModelIndex | QPersistentModelIndex


def group_of(conversation: Conversation, now: datetime | None = None) -> tuple[str, str]:
    """(key, heading) of the group a conversation is listed under; the heading is translated."""
    if conversation.pinned:
        return "0-pinned", QCoreApplication.translate("ConversationSidebar", "Pinned")
    now = now or datetime.now()
    when = datetime.fromtimestamp(conversation.updated)
    days = (now.date() - when.date()).days
    if days <= 0:
        return "1-today", QCoreApplication.translate("ConversationSidebar", "Today")
    if days == 1:
        return "2-yesterday", QCoreApplication.translate("ConversationSidebar", "Yesterday")
    if days <= 7:
        return "3-week", QCoreApplication.translate("ConversationSidebar", "Previous 7 days")
    # The pattern is translated too: Chinese writes "2026年3月", English "March 2026".
    pattern = QCoreApplication.translate("ConversationSidebar", "MMMM yyyy")
    return f"4-{when:%Y-%m}", QLocale().toString(QDate(when.year, when.month, 1), pattern)


def full_time(timestamp: float) -> str:
    when = datetime.fromtimestamp(timestamp)
    moment = QLocale().toString(QDate(when.year, when.month, when.day), QLocale.FormatType.LongFormat)
    return f"{moment} {when:%H:%M}"


def grouped(
    conversations: list[Conversation], now: datetime | None = None
) -> list[tuple[str, list[Conversation]]]:
    """The conversations under their headings, in the order given (the store's: pinned, then newest)."""
    now = now or datetime.now()
    groups: dict[str, tuple[str, list[Conversation]]] = {}
    for conversation in conversations:
        key, heading = group_of(conversation, now)
        groups.setdefault(key, (heading, []))[1].append(conversation)
    return list(groups.values())  # the store's order is newest first, so the groups are too


class RowDelegate(QStyledItemDelegate):
    """Paints headings small and dim, and conversation rows as rounded tiles with their hover actions.

    Signals:
        action_clicked(QPersistentModelIndex, str): a row's pin, rename or delete button was clicked.
    """

    action_clicked = Signal(QPersistentModelIndex, str)

    PAD = 10
    BUTTON = 24

    def _button_rects(self, rect: QRect) -> dict[str, QRect]:
        size = self.BUTTON
        top = rect.top() + (rect.height() - size) // 2
        right = rect.right() - 6
        found = {}
        for name in reversed(ACTIONS):
            found[name] = QRect(right - size + 1, top, size, size)
            right -= size + 2
        return found

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        c = colours()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        heading = index.data(HEADING_ROLE)
        if isinstance(heading, str):
            font = QFont(option.font)
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            font.setWeight(QFont.Weight.DemiBold)
            painter.setFont(font)
            painter.setPen(QColor(c.dim))
            text_rect = option.rect.adjusted(self.PAD, 0, -self.PAD, -3)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            painter.drawText(text_rect, int(align), heading)
            painter.restore()
            return

        conversation = index.data(CONVERSATION_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        tile = option.rect.adjusted(4, 1, -4, -1)
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.selected if selected else c.hover))
            painter.drawRoundedRect(tile, 6, 6)
        if option.state & QStyle.StateFlag.State_HasFocus and selected:
            painter.setPen(QColor(c.accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(tile.adjusted(0, 0, -1, -1), 6, 6)

        text_rect = tile.adjusted(self.PAD - 4, 0, -6, 0)
        if hovered:
            buttons = self._button_rects(tile)
            text_rect.setRight(buttons[PIN].left() - 4)
            widget = option.widget
            pointer = widget.mapFromGlobal(QCursor.pos()) if widget is not None else QPoint(-1, -1)
            pinned = isinstance(conversation, Conversation) and conversation.pinned
            for name, rect in buttons.items():
                if rect.contains(pointer):
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(c.border))
                    painter.drawRoundedRect(rect, 6, 6)
                tint = c.accent if name == PIN and pinned else c.dim
                icon(_ICONS[name], tint).paint(painter, rect.adjusted(4, 4, -4, -4))
        elif isinstance(conversation, Conversation) and conversation.pinned:
            pin_rect = QRect(tile.right() - 22, tile.top() + (tile.height() - 14) // 2, 14, 14)
            icon("pin", c.dim).paint(painter, pin_rect)
            text_rect.setRight(pin_rect.left() - 4)

        painter.setFont(option.font)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        elided = option.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, max(0, text_rect.width()))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 (Qt's name)
        # Width 0: the title is elided to the view's width, never scrolled sideways.
        line = option.fontMetrics.height()
        if isinstance(index.data(HEADING_ROLE), str):
            return QSize(0, int(line * 0.85) + 14)
        return QSize(0, max(line + 16, self.BUTTON + 8))

    def editorEvent(self, event: QEvent, model: object, option: QStyleOptionViewItem, index: _Index) -> bool:  # noqa: N802
        if not isinstance(index.data(CONVERSATION_ROLE), Conversation):
            return False
        presses = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
        if event.type() not in (*presses, QEvent.Type.MouseButtonRelease):
            return False
        assert isinstance(event, QMouseEvent)
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        tile = option.rect.adjusted(4, 1, -4, -1)
        for name, rect in self._button_rects(tile).items():
            if rect.contains(event.position().toPoint()):
                if event.type() == QEvent.Type.MouseButtonRelease:
                    self.action_clicked.emit(QPersistentModelIndex(index), name)
                return True  # the press does not select the row: the button acts on it as it is
        return False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        editor.setObjectName("renameEditor")
        return editor
