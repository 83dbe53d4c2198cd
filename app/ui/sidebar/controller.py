"""Connects the conversation sidebar to the ConversationStore: search, rename, pin, delete with undo."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.core.errors import StoreError
from app.core.models import Conversation, Message
from app.store import ConversationStore
from app.ui.i18n import exception_text
from app.ui.sidebar.view import ConversationSidebar


@dataclass(frozen=True, slots=True)
class _Deleted:
    """What a delete took away, kept while the sidebar offers Undo."""

    conversation: Conversation
    messages: list[Message]
    was_open: bool


class SidebarController(QObject):
    """The sidebar's behaviour. Store calls are a few small SQLite rows, so they run right here on the
    GUI thread (see ConversationStore's docstring).

    Delete happens at once: the conversation and its messages are read, deleted, and kept in memory
    for the sidebar's undo bar; Undo writes them back under their old ids. Only the latest delete can
    be undone: a new delete replaces the offer (and the memory). Store failures leave the list showing
    what the store holds and are reported through `error_occurred`.

    Signals:
        conversation_selected(int): the user opened a conversation; also after Undo brings back the
            conversation that was open when it was deleted.
        new_requested(): the user asked for a new conversation.
        conversation_deleted(int): a conversation is gone from the store (clear it if it is shown).
        conversation_renamed(int, str): a conversation has a new title in the store.
        error_occurred(str): the store failed; a sentence for the user.
    """

    conversation_selected = Signal(int)
    new_requested = Signal()
    conversation_deleted = Signal(int)
    conversation_renamed = Signal(int, str)
    error_occurred = Signal(str)

    def __init__(
        self, sidebar: ConversationSidebar, store: ConversationStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sidebar = sidebar
        self._store = store
        self._deleted: _Deleted | None = None
        sidebar.conversation_selected.connect(self.conversation_selected)
        sidebar.new_requested.connect(self.new_requested)
        sidebar.search_changed.connect(self.refresh)
        sidebar.rename_requested.connect(self._rename)
        sidebar.delete_requested.connect(self._delete)
        sidebar.pin_requested.connect(self._pin)
        sidebar.undo_requested.connect(self._undo)

    def refresh(self) -> None:
        """Reload the list from the store, with the sidebar's current search."""
        try:
            self._reload()
        except StoreError as exc:
            self.error_occurred.emit(exception_text(exc))

    def _reload(self) -> None:
        self._sidebar.set_conversations(self._store.list_conversations(self._sidebar.search_text() or None))

    def _failed(self, exc: StoreError) -> None:
        """Show what the store really holds, and report the first failure only."""
        # If even listing fails, the store is unusable and the error below already says so.
        with contextlib.suppress(StoreError):
            self._reload()
        self.error_occurred.emit(exception_text(exc))

    def _rename(self, conversation_id: int, title: str) -> None:
        try:
            self._store.rename_conversation(conversation_id, title)
        except StoreError as exc:
            self._failed(exc)
            return
        self.conversation_renamed.emit(conversation_id, title)

    def rename(self, conversation_id: int, title: str) -> None:
        """Rename from outside the list (the command palette): the list shows it, the window is told."""
        self._rename(conversation_id, title)
        self.refresh()

    def _pin(self, conversation_id: int, pinned: bool) -> None:
        try:
            self._store.set_pinned(conversation_id, pinned)
        except StoreError as exc:
            self._failed(exc)
            return
        self.refresh()

    def _delete(self, conversation_id: int) -> None:
        was_open = self._sidebar.current_id() == conversation_id
        try:
            conversation = self._store.get_conversation(conversation_id)
            messages = self._store.messages(conversation_id)
            self._store.delete_conversation(conversation_id)
        except StoreError as exc:
            self._failed(exc)
            return
        self._deleted = _Deleted(conversation, messages, was_open)
        self._sidebar.remove(conversation_id)
        self._sidebar.show_undo(conversation)
        self.conversation_deleted.emit(conversation_id)

    def _undo(self, conversation_id: int) -> None:
        deleted = self._deleted
        if deleted is None or deleted.conversation.id != conversation_id:
            return  # an older delete: its undo was already withdrawn
        self._deleted = None
        try:
            self._store.restore_conversation(deleted.conversation, deleted.messages)
        except StoreError as exc:
            self._failed(exc)
            return
        self.refresh()
        if deleted.was_open:
            self._sidebar.select(conversation_id)
            self.conversation_selected.emit(conversation_id)
