"""A search box over a list with section headings, in a popup: the model picker and the command palette.

Typing filters (every word must appear in the row's text, detail or section, ignoring case); Up/Down move;
Enter picks; Esc or a click outside closes. A row can carry an icon and a dim detail on its right, and a small
toggle button at its right end (the picker's images auto / on / off): a click on it, or Ctrl+I on the selected
row, reports `toggled` and leaves the popup open. Rows come from the owner (`set_entries`); `fallback` may
offer a row for text that matches nothing (a model id typed by hand). Built when first opened, never at start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.ui.icons import icon
from app.ui.theme import colours

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_ROWS = 300  # what a filter can show at once; a gateway may list thousands of models
TOGGLE_BOX = 24  # the square a row's toggle button takes at its right end
TOGGLE_KEY = Qt.Key.Key_I  # with Ctrl: the selected row's toggle (the picker's images auto / on / off)

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Toggle:
    """A small button at a row's right end: its icon (tinted `tint`, a colour or icons.ACCENT), its
    tooltip, which says what it is now and what a click does, and whether it is drawn on an accent tint
    (`marked`: the user's own choice, as against a default)."""

    icon: str
    tip: str
    tint: str | None = None
    marked: bool = False


@dataclass(frozen=True)
class Entry:
    """One row: what it says, what picking it means (`payload`), and how it looks."""

    text: str
    payload: object
    detail: str = ""
    section: str = ""
    icon: str | None = None
    current: bool = False  # marked with a check (the model in use)
    toggle: Toggle | None = None

    def matches(self, words: list[str]) -> bool:
        haystack = f"{self.text} {self.detail} {self.section}".casefold()
        return all(word in haystack for word in words)


def toggle_rect(row: QRect) -> QRect:
    """Where a row's toggle button is, in the list's viewport: the delegate paints it there and a click
    there toggles instead of picking."""
    tile = row.adjusted(4, 1, -4, -1)
    return QRect(
        tile.right() - 4 - TOGGLE_BOX, tile.top() + (tile.height() - TOGGLE_BOX) // 2, TOGGLE_BOX, TOGGLE_BOX
    )


class _Delegate(QStyledItemDelegate):
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
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            painter.drawText(option.rect.adjusted(10, 0, -10, -3), int(align), heading)
            painter.restore()
            return
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, Entry):
            painter.restore()
            return
        tile = option.rect.adjusted(4, 1, -4, -1)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.selected))
            painter.drawRoundedRect(tile, 6, 6)
        x = tile.left() + 8
        size = 16
        top = tile.top() + (tile.height() - size) // 2
        if entry.icon:
            icon(entry.icon, c.dim).paint(painter, QRect(x, top, size, size))
            x += size + 8
        right = tile.right() - 8
        if entry.toggle is not None:
            box = toggle_rect(option.rect)
            if entry.toggle.marked:
                tint = QColor(c.accent)
                tint.setAlphaF(0.16)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(tint)
                painter.drawRoundedRect(box, 5, 5)
            if option.state & QStyle.StateFlag.State_MouseOver and self._over_toggle(option, box):
                painter.setPen(QColor(c.dim))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(box.adjusted(0, 0, -1, -1), 5, 5)
            inset = (TOGGLE_BOX - size) // 2
            icon(entry.toggle.icon, entry.toggle.tint).paint(
                painter, box.adjusted(inset, inset, -inset, -inset)
            )
            right = box.left() - 6
        if entry.current:
            icon("check", "accent").paint(painter, QRect(right - size, top, size, size))
            right -= size + 6
        metrics = option.fontMetrics
        if entry.detail:
            small = QFont(option.font)
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
            painter.setFont(small)
            painter.setPen(QColor(c.dim))
            width = min(painter.fontMetrics().horizontalAdvance(entry.detail) + 4, tile.width() // 2)
            detail = painter.fontMetrics().elidedText(entry.detail, Qt.TextElideMode.ElideLeft, width)
            box = QRect(right - width, tile.top(), width, tile.height())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), detail)
            right -= width + 12
        painter.setFont(option.font)
        painter.setPen(QColor(c.text))
        text = metrics.elidedText(entry.text, Qt.TextElideMode.ElideRight, max(0, right - x))
        box = QRect(x, tile.top(), max(0, right - x), tile.height())
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()

    @staticmethod
    def _over_toggle(option: QStyleOptionViewItem, box: QRect) -> bool:
        view = option.widget
        if not isinstance(view, QAbstractItemView):
            return False
        return box.contains(view.viewport().mapFromGlobal(QCursor.pos()))

    def helpEvent(  # noqa: N802 (Qt's name)
        self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: _Index
    ) -> bool:
        """Over a toggle, its own tooltip (what it is now, what a click does)."""
        entry = index.data(ENTRY_ROLE)
        if (
            isinstance(entry, Entry)
            and entry.toggle is not None
            and toggle_rect(option.rect).contains(event.pos())
        ):
            QToolTip.showText(event.globalPos(), entry.toggle.tip, view)
            return True
        QToolTip.hideText()
        return True

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 (Qt's name)
        line = option.fontMetrics.height()
        if isinstance(index.data(HEADING_ROLE), str):
            return QSize(0, int(line * 0.85) + 12)
        return QSize(0, line + 14)


class SearchPopup(QFrame):
    """Signals:
    chosen(object): the payload of the row the user picked (the popup has closed).
    toggled(object): the payload of the row whose toggle the user clicked or Ctrl+I'd (the popup stays).
    """

    chosen = Signal(object)
    toggled = Signal(object)

    def __init__(
        self, parent: QWidget, placeholder: str, width: int = 460, *, start_at_current: bool = True
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self._start_at_current = start_at_current  # the picker opens on the model in use, a palette on top
        self.setObjectName("popupPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._width = width
        self._entries: list[Entry] = []
        self.fallback: Callable[[str], Entry | None] | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("popupSearch")
        self.search.setPlaceholderText(placeholder)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._refilter)
        self.search.installEventFilter(self)
        self._model = QStandardItemModel(self)
        self.list = QListView(self)
        self.list.setModel(self._model)
        self.list.setItemDelegate(_Delegate(self.list))
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search box keeps the keys
        self.list.clicked.connect(self._pick)
        self.list.setMouseTracking(True)  # the toggle under the pointer is shaded
        self.list.viewport().installEventFilter(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("popupHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setContentsMargins(6, 0, 6, 2)
        self.hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)

    # -- public API -----------------------------------------------------------------------------------

    def set_entries(self, entries: list[Entry]) -> None:
        """New rows. While the popup is open the typed filter stays, and so does the selected row where
        it is still listed (a toggle flipped, a model list arrived)."""
        selected = self.current_entry() if self.isVisible() else None
        self._entries = entries
        self._refilter()
        if selected is not None:
            self._select_like(selected)

    def set_hint(self, text: str) -> None:
        """A line under the list saying which keys do what ("" hides it), small and dim."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        self.hint.setFont(font)

    def shown_entries(self) -> list[Entry]:
        found = (self._model.item(row).data(ENTRY_ROLE) for row in range(self._model.rowCount()))
        return [e for e in found if isinstance(e, Entry)]

    def current_entry(self) -> Entry | None:
        entry = self.list.currentIndex().data(ENTRY_ROLE)
        return entry if isinstance(entry, Entry) else None

    def open_below(self, anchor: QWidget) -> None:
        """Open under `anchor` (the pill), inside the window."""
        self._open(anchor.mapToGlobal(QPoint(0, anchor.height() + 4)), anchor.window())

    def open_centred(self, window: QWidget) -> None:
        """Open near the top of `window`, centred (the command palette)."""
        width = min(self._width, window.width() - 24)
        top_left = window.mapToGlobal(QPoint((window.width() - width) // 2, min(80, window.height() // 8)))
        self._open(top_left, window)

    # -- internals ------------------------------------------------------------------------------------

    def _open(self, top_left: QPoint, window: QWidget) -> None:
        self.search.clear()
        self.hint.setStyleSheet(f"color: {colours().dim};")  # the theme in effect at each opening
        self._refilter()
        width = min(self._width, max(240, window.width() - 24))
        room = window.mapToGlobal(QPoint(0, window.height())).y() - top_left.y() - 12
        rows = sum(self.list.sizeHintForRow(row) for row in range(min(self._model.rowCount(), 40)))
        hint = self.hint.heightForWidth(width - 12) + 6 if self.hint.isVisibleTo(self) else 0
        wanted = rows + self.search.sizeHint().height() + hint + 24  # its rows, up to the window's room
        self.resize(width, max(120, min(440, room, wanted)))
        left_limit = window.mapToGlobal(QPoint(window.width() - width - 8, 0)).x()
        self.move(QPoint(min(top_left.x(), left_limit), top_left.y()))
        self.show()
        self.raise_()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)

    def _refilter(self) -> None:
        words = self.search.text().casefold().split()
        shown = [e for e in self._entries if e.matches(words)][:MAX_ROWS]
        typed = self.search.text().strip()
        if typed and self.fallback is not None and not any(e.text == typed for e in shown):
            extra = self.fallback(typed)
            if extra is not None:
                shown.append(extra)
        self._model.clear()
        section = None
        first: QModelIndex | None = None
        current: QModelIndex | None = None
        for entry in shown:
            if entry.section and entry.section != section:
                heading = QStandardItem()
                heading.setData(entry.section, HEADING_ROLE)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                self._model.appendRow(heading)
            section = entry.section
            item = QStandardItem(entry.text)
            item.setData(entry, ENTRY_ROLE)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self._model.appendRow(item)
            index = item.index()
            first = first or index
            if entry.current and current is None:
                current = index
        if not shown:
            nothing = QStandardItem()
            nothing.setData(self.tr("Nothing matches"), HEADING_ROLE)
            nothing.setFlags(Qt.ItemFlag.NoItemFlags)
            self._model.appendRow(nothing)
        chosen = (current or first) if self._start_at_current and not words else first
        if chosen is not None:
            self.list.setCurrentIndex(chosen)
            self.list.scrollTo(chosen)

    def _select_like(self, wanted: Entry) -> None:
        for row in range(self._model.rowCount()):
            entry = self._model.item(row).data(ENTRY_ROLE)
            if isinstance(entry, Entry) and (entry.section, entry.payload) == (
                wanted.section,
                wanted.payload,
            ):
                index = self._model.index(row, 0)
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index)
                return

    def _toggle(self, index: QModelIndex) -> bool:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, Entry) or entry.toggle is None:
            return False
        self.list.setCurrentIndex(index)
        self.toggled.emit(entry.payload)
        return True

    def _move(self, step: int) -> None:
        row = self.list.currentIndex().row()
        count = self._model.rowCount()
        while 0 <= row + step < count:
            row += step
            if self._model.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                index = self._model.index(row, 0)
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index)
                return

    def _pick(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, Entry):
            self.close()
            self.chosen.emit(entry.payload)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.list.viewport() and event.type() == QEvent.Type.MouseMove:
            self.list.viewport().update()  # the shade follows the pointer onto and off a toggle
        if watched is self.list.viewport() and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            # A click on a row's toggle flips it and leaves the popup open; elsewhere it picks the row.
            assert isinstance(event, QMouseEvent)
            point = event.position().toPoint()
            index = self.list.indexAt(point)
            entry = index.data(ENTRY_ROLE) if index.isValid() else None
            over_toggle = isinstance(entry, Entry) and entry.toggle is not None
            if over_toggle and toggle_rect(self.list.visualRect(index)).contains(point):
                if event.type() == QEvent.Type.MouseButtonRelease:
                    self._toggle(QModelIndex(index))
                return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = 1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1
                for _ in range(8 if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) else 1):
                    self._move(step)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick(self.list.currentIndex())
                return True
            if key == TOGGLE_KEY and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                self._toggle(self.list.currentIndex())
                return True
        return super().eventFilter(watched, event)
