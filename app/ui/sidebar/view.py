"""The conversation sidebar: search, a New button, the list (newest first) and the undo bar for deletes.

A view: it shows what it is given and reports what the user did. `SidebarController`
(controller.py beside this file) turns those reports into store calls; it imports this view,
never the reverse.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Conversation
from app.ui.plaintext import escaped, plain

__all__ = ["ConversationSidebar", "relative_time"]

SEARCH_DEBOUNCE_MS = 150
UNDO_MS = 8000
_CLOCK_REFRESH_MS = 60_000  # "14:02" becomes "Yesterday" at midnight without anyone touching the list

CONVERSATION_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's Conversation

_Index = QModelIndex | QPersistentModelIndex


def relative_time(timestamp: float, now: datetime | None = None, locale: QLocale | None = None) -> str:
    """A short, local "when": "14:02" today, "Yesterday", "Mar 3" this year, else "Mar 3, 2023"."""
    when = datetime.fromtimestamp(timestamp)
    now = now or datetime.now()
    locale = locale or QLocale()
    if when.date() == now.date():
        return when.strftime("%H:%M")
    if when.date() == (now - timedelta(days=1)).date():
        return QCoreApplication.translate("ConversationSidebar", "Yesterday")
    date = QDate(when.year, when.month, when.day)
    # The date patterns are translated too: "MMM d" reads "3月 3" in Chinese, which writes "3月3日".
    if when.year == now.year:
        pattern = QCoreApplication.translate("ConversationSidebar", "MMM d")
    else:
        pattern = QCoreApplication.translate("ConversationSidebar", "MMM d, yyyy")
    return locale.toString(date, pattern)


def _full_time(timestamp: float) -> str:
    when = datetime.fromtimestamp(timestamp)
    moment = QLocale().toString(QDate(when.year, when.month, when.day), QLocale.FormatType.LongFormat)
    return f"{moment} {QTime(when.hour, when.minute).toString('HH:mm')}"


class _RowDelegate(QStyledItemDelegate):
    """Paints a row as the elided title on the left and a small, dim relative time on the right."""

    _PAD = 8

    def _small_font(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return small

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""  # the style draws background, selection and focus; we draw the text
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        conversation = index.data(CONVERSATION_ROLE)
        when = relative_time(conversation.updated) if isinstance(conversation, Conversation) else ""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(self._PAD, 0, -self._PAD, 0)

        painter.save()
        small = self._small_font(opt.font)
        time_width = QFontMetrics(small).horizontalAdvance(when)
        painter.setFont(small)
        time_colour = opt.palette.color(text_role)
        if not selected:
            time_colour = opt.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(time_colour)
        align_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(align_right), when)

        title_rect = rect.adjusted(0, 0, -(time_width + self._PAD), 0)
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(text_role))
        elided = opt.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, max(0, title_rect.width()))
        align_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(title_rect, int(align_left), elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802 (Qt's name)
        # Width 0: the title is elided to the view's width, never scrolled sideways.
        return QSize(0, option.fontMetrics.height() + 2 * self._PAD)


class ConversationSidebar(QWidget):
    """Search box, New button, the conversations newest first, and an undo bar after a delete.

    The view never touches the store: it reports what the user asked for. Rename is inline (F2 or the
    right-click menu) and shows the new title at once; delete (Del or the menu) only asks — whoever
    performs it calls `remove` and `show_undo`.

    Window-wide shortcuts (Ctrl+N, Ctrl+F) belong to the window: a second Ctrl+N here would make the
    shortcut ambiguous and neither would fire. Only F2 and Del, scoped to the list, live here.

    Signals:
        conversation_selected(int): the user picked a conversation (click or arrow keys). Not emitted
            by `select` or `set_conversations`.
        new_requested(): the user clicked New.
        search_changed(str): the search text, after the user paused typing for ~150 ms.
        rename_requested(int, str): the user renamed a conversation (the row already shows the title).
        delete_requested(int): the user asked to delete a conversation (the row is still there).
        undo_requested(int): the user clicked Undo on the bar for this deleted conversation.
    """

    conversation_selected = Signal(int)
    new_requested = Signal()
    search_changed = Signal(str)
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    undo_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, undo_ms: int = UNDO_MS) -> None:
        super().__init__(parent)
        self._current_id: int | None = None
        self._quiet = False  # set while the code, not the user, changes the model or the selection
        self._undo_id: int | None = None

        self._search = QLineEdit(self)
        self._search.setPlaceholderText(self.tr("Search conversations"))
        self._search.setClearButtonEnabled(True)
        self._search.textChanged.connect(self._search_edited)
        self._search.returnPressed.connect(self._search_timer_fire)
        self._search.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._search_timer_fire)

        self._new_button = QPushButton(self.tr("New"), self)
        self._new_button.setToolTip(self.tr("New conversation (Ctrl+N)"))
        self._new_button.clicked.connect(self.new_requested)

        self._model = QStandardItemModel(self)
        self._model.itemChanged.connect(self._item_changed)
        self._list = QListView(self)
        self._list.setModel(self._model)
        self._list.setItemDelegate(_RowDelegate(self._list))
        self._list.setUniformItemSizes(True)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # only our Rename edits
        self._list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._list.customContextMenuRequested.connect(self._context_menu)
        # Selection, not the current index: Qt moves the current index on focus-in without a choice.
        self._list.selectionModel().selectionChanged.connect(self._selection_changed)

        self._rename_action = QAction(self.tr("Rename"), self._list)
        self._rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self._rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._rename_action.triggered.connect(lambda: self._rename(self._list.currentIndex()))
        self._delete_action = QAction(self.tr("Delete"), self._list)
        self._delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_action.triggered.connect(lambda: self._delete(self._list.currentIndex()))
        self._list.addActions([self._rename_action, self._delete_action])

        self._empty = plain(QLabel(self))  # may repeat the search text
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)  # drawn dim

        self._undo_label = plain(QLabel(self))  # a conversation's title
        self._undo_button = QPushButton(self.tr("Undo"), self)
        self._undo_button.clicked.connect(self._undo_clicked)
        self._undo_bar = QFrame(self)
        self._undo_bar.setObjectName("undoBar")
        self._undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self._undo_bar)
        bar.setContentsMargins(8, 4, 4, 4)
        bar.addWidget(self._undo_label, 1)
        bar.addWidget(self._undo_button)
        self._undo_bar.hide()
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(undo_ms)
        self._undo_timer.timeout.connect(self.dismiss_undo)

        top = QHBoxLayout()
        top.addWidget(self._search, 1)
        top.addWidget(self._new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self._list, 1)
        layout.addWidget(self._empty, 1)
        layout.addWidget(self._undo_bar)

        self._clock = QTimer(self)
        self._clock.setInterval(_CLOCK_REFRESH_MS)
        self._clock.timeout.connect(self._list.viewport().update)
        self._clock.start()
        self._sync_empty()

    # -- public API -----------------------------------------------------------------------------------

    def set_conversations(self, conversations: list[Conversation]) -> None:
        """Show these conversations, in this order (the store's: newest first). The open conversation
        stays highlighted if it is among them."""
        self._quiet = True
        try:
            self._model.removeRows(0, self._model.rowCount())
            for conversation in conversations:
                self._model.appendRow(self._make_item(conversation))
        finally:
            self._quiet = False
        self._highlight_current()
        self._sync_empty()

    def upsert(self, conversation: Conversation) -> None:
        """Show `conversation` at the top with its new title and time (a reply just updated it)."""
        self._quiet = True
        try:
            row = self._row_of(conversation.id)
            if row is not None:
                self._model.removeRow(row)
            self._model.insertRow(0, self._make_item(conversation))
        finally:
            self._quiet = False
        self._highlight_current()
        self._sync_empty()

    def remove(self, conversation_id: int) -> None:
        """Take a conversation's row away. If it was the open one, none is open any more."""
        row = self._row_of(conversation_id)
        if row is not None:
            self._quiet = True
            try:
                self._model.removeRow(row)
            finally:
                self._quiet = False
        if self._current_id == conversation_id:
            self.select(None)
        self._sync_empty()

    def select(self, conversation_id: int | None) -> None:
        """Mark the open conversation (None: none). Does not emit `conversation_selected`."""
        self._current_id = conversation_id
        self._highlight_current()

    def current_id(self) -> int | None:
        """The open conversation, even while a search hides its row."""
        return self._current_id

    def conversations(self) -> list[Conversation]:
        """What the list shows, top to bottom."""
        found = (self._model.item(row).data(CONVERSATION_ROLE) for row in range(self._model.rowCount()))
        return [c for c in found if isinstance(c, Conversation)]

    def search_text(self) -> str:
        return self._search.text().strip()

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def show_undo(self, conversation: Conversation) -> None:
        """Show "Deleted “title”  [Undo]" for a while (replacing any earlier offer)."""
        self._undo_id = conversation.id
        room = max(80, self.width() - self._undo_button.sizeHint().width() - 60)
        shown = self._undo_label.fontMetrics().elidedText(
            conversation.title, Qt.TextElideMode.ElideRight, room
        )
        self._undo_label.setText(self.tr("Deleted “{}”").format(shown))
        self._undo_label.setToolTip(escaped(conversation.title))
        self._undo_bar.show()
        self._undo_timer.start()

    def dismiss_undo(self) -> None:
        self._undo_timer.stop()
        self._undo_id = None
        self._undo_bar.hide()

    def undo_offered(self) -> int | None:
        """The deleted conversation the undo bar currently offers back, if any."""
        return self._undo_id

    # -- internals ------------------------------------------------------------------------------------

    def _make_item(self, conversation: Conversation) -> QStandardItem:
        item = QStandardItem(conversation.title)
        item.setData(conversation, CONVERSATION_ROLE)
        item.setToolTip(escaped(f"{conversation.title}\n{_full_time(conversation.updated)}"))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
        return item

    def _row_of(self, conversation_id: int) -> int | None:
        for row in range(self._model.rowCount()):
            conversation = self._model.item(row).data(CONVERSATION_ROLE)
            if isinstance(conversation, Conversation) and conversation.id == conversation_id:
                return row
        return None

    def _conversation_at(self, index: _Index) -> Conversation | None:
        conversation = index.data(CONVERSATION_ROLE) if index.isValid() else None
        return conversation if isinstance(conversation, Conversation) else None

    def _highlight_current(self) -> None:
        selection = self._list.selectionModel()
        row = self._row_of(self._current_id) if self._current_id is not None else None
        self._quiet = True
        try:
            if row is None:
                selection.clear()
            else:
                index = self._model.index(row, 0)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self._list.scrollTo(index)
        finally:
            self._quiet = False

    def _sync_empty(self) -> None:
        empty = self._model.rowCount() == 0
        if self.search_text():
            self._empty.setText(self.tr("No conversations match “{}”").format(self.search_text()))
        else:
            self._empty.setText(self.tr("No conversations yet"))
        self._list.setVisible(not empty)
        self._empty.setVisible(empty)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._quiet or selected.isEmpty():
            return
        conversation = self._conversation_at(selected.indexes()[0])
        if conversation is not None and conversation.id != self._current_id:
            self._current_id = conversation.id
            self.conversation_selected.emit(conversation.id)

    def _item_changed(self, item: QStandardItem) -> None:
        """An inline rename was committed."""
        conversation = item.data(CONVERSATION_ROLE)
        if self._quiet or not isinstance(conversation, Conversation):
            return
        title = " ".join(item.text().split())
        self._quiet = True
        try:
            if not title or title == conversation.title:
                item.setText(conversation.title)  # an empty name is no name: keep the old one
                return
            renamed = dataclasses.replace(conversation, title=title)
            item.setText(title)
            item.setData(renamed, CONVERSATION_ROLE)
            item.setToolTip(escaped(f"{title}\n{_full_time(renamed.updated)}"))
        finally:
            self._quiet = False
        self.rename_requested.emit(conversation.id, title)

    def _rename(self, index: _Index) -> None:
        if self._conversation_at(index) is not None:
            self._list.edit(index)

    def _delete(self, index: _Index) -> None:
        conversation = self._conversation_at(index)
        if conversation is not None:
            self.delete_requested.emit(conversation.id)

    def _context_menu(self, pos: QPoint) -> None:
        # Persistent: a reply may reorder the list while the menu is open.
        index = QPersistentModelIndex(self._list.indexAt(pos))
        if self._conversation_at(index) is None:
            return
        menu = QMenu(self)
        menu.addAction(self._rename_action.text(), lambda: self._rename(index))
        menu.addAction(self._delete_action.text(), lambda: self._delete(index))
        menu.exec(self._list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _undo_clicked(self) -> None:
        conversation_id = self._undo_id
        self.dismiss_undo()
        if conversation_id is not None:
            self.undo_requested.emit(conversation_id)

    def _search_edited(self, _text: str) -> None:
        self._search_timer.start()  # restarts: only a pause in typing searches

    def _search_timer_fire(self) -> None:
        self._search_timer.stop()
        self.search_changed.emit(self.search_text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # In the search box, Esc clears the search and Down moves into the list.
        if watched is self._search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self._search.text():
                self._search.clear()
                self._search_timer_fire()
                return True
            if event.key() == Qt.Key.Key_Down and self._model.rowCount():
                self._list.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
