"""The conversation sidebar: a New chat button, search, the list grouped by date, and the undo bar.

A view: it shows what it is given and reports what the user did. `SidebarController`
(controller.py beside this file) turns those reports into store calls; it imports this view,
never the reverse. How rows and group headings are drawn is in rows.py.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Conversation
from app.ui.icons import icon
from app.ui.plaintext import escaped, plain
from app.ui.sidebar.rows import (
    CONVERSATION_ROLE,
    DELETE,
    HEADING_ROLE,
    PIN,
    RENAME,
    RowDelegate,
    full_time,
    grouped,
)
from app.ui.viewport import viewport_of

__all__ = ["ConversationSidebar"]

SEARCH_DEBOUNCE_MS = 150
UNDO_MS = 8000
_CLOCK_REFRESH_MS = 60_000  # "Today" becomes "Yesterday" at midnight without anyone touching the list

_Index = QModelIndex | QPersistentModelIndex


class ConversationSidebar(QWidget):
    """New chat, search, the conversations grouped by date (pinned first), and an undo bar after a delete.

    The view never touches the store: it reports what the user asked for. Rename is inline (F2, the
    pencil on hover or the right-click menu) and shows the new title at once; pin (Ctrl+P, the pin on
    hover, the menu) and delete (Del, the bin on hover, the menu) only ask — whoever performs them calls
    `set_conversations` / `remove` and `show_undo`.

    Window-wide shortcuts (Ctrl+N, Ctrl+F) belong to the window: a second Ctrl+N here would make the
    shortcut ambiguous and neither would fire. Only F2, Del and Ctrl+P, scoped to the list, live here.

    Signals:
        conversation_selected(int): the user picked a conversation (click or arrow keys). Not emitted
            by `select` or `set_conversations`.
        new_requested(): the user clicked New chat.
        search_changed(str): the search text, after the user paused typing for ~150 ms.
        rename_requested(int, str): the user renamed a conversation (the row already shows the title).
        delete_requested(int): the user asked to delete a conversation (the row is still there).
        pin_requested(int, bool): the user asked to pin (True) or unpin a conversation.
        undo_requested(int): the user clicked Undo on the bar for this deleted conversation.
        settings_requested(): the Settings button at the bottom.
        typing_started(str): the list had focus and the user typed text: it belongs in the composer.
    """

    conversation_selected = Signal(int)
    new_requested = Signal()
    search_changed = Signal(str)
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    pin_requested = Signal(int, bool)
    undo_requested = Signal(int)
    settings_requested = Signal()
    typing_started = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, undo_ms: int = UNDO_MS) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._current_id: int | None = None
        self._quiet = False  # set while the code, not the user, changes the model or the selection
        self._undo_id: int | None = None

        self._new_button = QPushButton(icon("new-chat"), self.tr("New chat"), self)
        self._new_button.setObjectName("newChat")
        self._new_button.setToolTip(self.tr("New conversation (Ctrl+N)"))
        self._new_button.clicked.connect(self.new_requested)

        self._search = QLineEdit(self)
        self._search.setPlaceholderText(self.tr("Search conversations"))
        # Qt's clear button shows only while there is text, and making it costs ~5 ms of start-up (it looks
        # up the style's icon): it is enabled when the first text arrives (`_search_edited`).
        self._search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._search.textChanged.connect(self._search_edited)
        self._search.returnPressed.connect(self._search_timer_fire)
        self._search.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._search_timer_fire)

        self._model = QStandardItemModel(self)
        self._model.itemChanged.connect(self._item_changed)
        self._list = QListView(self)
        self._list.setObjectName("conversationList")
        self._list.setModel(self._model)
        delegate = RowDelegate(self._list)
        delegate.action_clicked.connect(self._row_action)
        self._list.setItemDelegate(delegate)
        self._list.setFrameShape(QFrame.Shape.NoFrame)
        self._list.setMouseTracking(True)  # the row under the pointer shows its actions
        viewport_of(self._list).setAttribute(Qt.WidgetAttribute.WA_Hover)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # only our Rename edits
        self._list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._list.customContextMenuRequested.connect(self._context_menu)
        self._list.installEventFilter(self)
        # Selection, not the current index: Qt moves the current index on focus-in without a choice.
        self._list.selectionModel().selectionChanged.connect(self._selection_changed)

        self._rename_action = self._list_action(self.tr("Rename"), QKeySequence(Qt.Key.Key_F2), RENAME)
        self._pin_action = self._list_action(self.tr("Pin"), QKeySequence("Ctrl+P"), PIN)
        self._delete_action = self._list_action(
            self.tr("Delete"), QKeySequence(QKeySequence.StandardKey.Delete), DELETE
        )

        self._empty = plain(QLabel(self))  # may repeat the search text
        self._empty.setObjectName("hint")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)

        self._undo_label = plain(QLabel(self))  # a conversation's title
        # Ignored width: a long title must never widen the sidebar (it is elided to fit instead).
        self._undo_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._undo_button = QPushButton(self.tr("Undo"), self)
        self._undo_button.clicked.connect(self._undo_clicked)
        self._undo_bar = QFrame(self)
        self._undo_bar.setObjectName("undoBar")
        bar = QHBoxLayout(self._undo_bar)
        bar.setContentsMargins(10, 4, 4, 4)
        bar.addWidget(self._undo_label, 1)
        bar.addWidget(self._undo_button)
        self._undo_bar.hide()
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(undo_ms)
        self._undo_timer.timeout.connect(self.dismiss_undo)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self._new_button)
        layout.addWidget(self._search)
        layout.addWidget(self._list, 1)
        layout.addWidget(self._empty, 1)
        layout.addWidget(self._undo_bar)
        self._settings_button = QPushButton(icon("settings"), self.tr("Settings"), self)
        self._settings_button.setObjectName("sidebarSettings")
        self._settings_button.setToolTip(self.tr("Settings (Ctrl+,)"))
        self._settings_button.clicked.connect(self.settings_requested)
        layout.addWidget(self._settings_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setMinimumWidth(180)

        self._clock = QTimer(self)
        self._clock.setInterval(_CLOCK_REFRESH_MS)
        self._clock.timeout.connect(self._regroup)
        self._clock.start()
        self._sync_empty()

    def _list_action(self, text: str, keys: QKeySequence, verb: str) -> QAction:
        action = QAction(text, self._list)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(
            lambda: self._row_action(QPersistentModelIndex(self._list.currentIndex()), verb)
        )
        self._list.addAction(action)
        return action

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(260, super().sizeHint().height())

    # -- public API -----------------------------------------------------------------------------------

    def set_conversations(self, conversations: list[Conversation]) -> None:
        """Show these conversations, in this order (the store's: pinned, then newest first), under their
        date headings. The open conversation stays highlighted if it is among them."""
        self._quiet = True
        try:
            self._model.removeRows(0, self._model.rowCount())
            for heading, members in grouped(conversations):
                self._model.appendRow(self._make_heading(heading))
                for conversation in members:
                    self._model.appendRow(self._make_item(conversation))
        finally:
            self._quiet = False
        self._highlight_current()
        self._sync_empty()

    def upsert(self, conversation: Conversation) -> None:
        """Show `conversation` first in its group with its new title and time (a reply just updated it)."""
        others = [c for c in self.conversations() if c.id != conversation.id]
        pinned = [c for c in others if c.pinned]
        rest = [c for c in others if not c.pinned]
        if conversation.pinned:
            self.set_conversations([conversation, *pinned, *rest])
        else:
            self.set_conversations([*pinned, conversation, *rest])

    def remove(self, conversation_id: int) -> None:
        """Take a conversation's row away. If it was the open one, none is open any more."""
        self.set_conversations([c for c in self.conversations() if c.id != conversation_id])
        if self._current_id == conversation_id:
            self.select(None)

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

    def headings(self) -> list[str]:
        """The group headings shown, top to bottom."""
        found = (self._model.item(row).data(HEADING_ROLE) for row in range(self._model.rowCount()))
        return [h for h in found if isinstance(h, str)]

    def search_text(self) -> str:
        return self._search.text().strip()

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def focus_list(self) -> None:
        self._list.setFocus(Qt.FocusReason.OtherFocusReason)

    def list_has_focus(self) -> bool:
        return self._list.hasFocus()

    def rename(self, conversation_id: int) -> None:
        """Start renaming a conversation's row in place (the palette and menus use this)."""
        row = self._row_of(conversation_id)
        if row is not None:
            self._list.setFocus(Qt.FocusReason.OtherFocusReason)
            self._rename(self._model.index(row, 0))

    def show_undo(self, conversation: Conversation) -> None:
        """Show "Deleted “title”  [Undo]" for a while (replacing any earlier offer)."""
        self._undo_id = conversation.id
        room = max(60, self.width() - self._undo_button.sizeHint().width() - 48)
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

    def _make_heading(self, heading: str) -> QStandardItem:
        item = QStandardItem()
        item.setData(heading, HEADING_ROLE)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable, not enabled: arrow keys step over it
        return item

    def _make_item(self, conversation: Conversation) -> QStandardItem:
        item = QStandardItem(conversation.title)
        item.setData(conversation, CONVERSATION_ROLE)
        item.setToolTip(escaped(f"{conversation.title}\n{full_time(conversation.updated)}"))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
        return item

    def _regroup(self) -> None:
        """At a new day "Today" becomes "Yesterday": regroup what is shown (an editor open keeps it)."""
        if self._list.state() != QAbstractItemView.State.EditingState:
            self.set_conversations(self.conversations())

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
        empty = not self.conversations()
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
            item.setToolTip(escaped(f"{title}\n{full_time(renamed.updated)}"))
        finally:
            self._quiet = False
        self.rename_requested.emit(conversation.id, title)

    def _rename(self, index: _Index) -> None:
        if self._conversation_at(index) is not None:
            plain = self._model.index(index.row(), 0)
            self._list.setCurrentIndex(plain)
            self._list.edit(plain)

    def _row_action(self, index: QPersistentModelIndex, verb: str) -> None:
        conversation = self._conversation_at(index)
        if conversation is None:
            return
        if verb == RENAME:
            self._rename(index)
        elif verb == PIN:
            self.pin_requested.emit(conversation.id, not conversation.pinned)
        elif verb == DELETE:
            self.delete_requested.emit(conversation.id)

    def _context_menu(self, pos: QPoint) -> None:
        # Persistent: a reply may reorder the list while the menu is open.
        # From the keyboard (the Menu key) the position may be on no row: then the current one is meant.
        under = self._list.indexAt(pos)
        index = QPersistentModelIndex(under if under.isValid() else self._list.currentIndex())
        if not under.isValid():
            pos = self._list.visualRect(self._list.currentIndex()).center()
        conversation = self._conversation_at(index)
        if conversation is None:
            return
        menu = QMenu(self)
        menu.addAction(icon("pencil"), self._rename_action.text(), lambda: self._row_action(index, RENAME))
        pin_text = self.tr("Unpin") if conversation.pinned else self._pin_action.text()
        menu.addAction(icon("pin"), pin_text, lambda: self._row_action(index, PIN))
        menu.addSeparator()
        menu.addAction(icon("trash"), self._delete_action.text(), lambda: self._row_action(index, DELETE))
        menu.exec(self._list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _undo_clicked(self) -> None:
        conversation_id = self._undo_id
        self.dismiss_undo()
        if conversation_id is not None:
            self.undo_requested.emit(conversation_id)

    def _search_edited(self, text: str) -> None:
        if text and not self._search.isClearButtonEnabled():
            self._search.setClearButtonEnabled(True)  # shown from now on whenever there is text
        self._search_timer.start()  # restarts: only a pause in typing searches

    def _search_timer_fire(self) -> None:
        self._search_timer.stop()
        self.search_changed.emit(self.search_text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        # In the search box, Esc clears the search and Down moves into the list.
        if watched is self._search:
            if event.key() == Qt.Key.Key_Escape and self._search.text():
                self._search.clear()
                self._search_timer_fire()
                return True
            if event.key() == Qt.Key.Key_Down and self.conversations():
                self._list.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        # In the list (it keeps focus after a click, so F2 and Del work), text typed is a message begun:
        # it goes to the composer rather than to the list's type-ahead search.
        elif watched is self._list and self._list.state() != QAbstractItemView.State.EditingState:
            mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            text = event.text()
            if mods == Qt.KeyboardModifier.NoModifier and text and text.isprintable() and not text.isspace():
                self.typing_started.emit(text)
                return True
            if (
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and mods == Qt.KeyboardModifier.NoModifier
            ):
                self.typing_started.emit("")
                return True
        return super().eventFilter(watched, event)
