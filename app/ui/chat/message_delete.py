"""Deleting a message from the open conversation, with an Undo bar over the transcript.

"Never delete what a user wrote or received" unless asked, and then recoverably: the message (and what is
below it — a user message's replies, follow-ups, other versions under it) leaves the database at once, so
everything else (what is sent next, exports, the versions' "2/3") is simply right; what it took is kept in
memory as rows (app/store/removal.py) while the bar offers Undo, which puts back every row exactly. The
files those messages carried are deleted only when the offer is withdrawn: its time passed, another message
was deleted, a new reply began, or the conversation was left. One message alone goes at once (Undo is
enough); when more go with it the user is told how many first.

The bar floats over the bottom of the transcript, so it never resizes the chat (the sidebar's bar once
widened the sidebar: issue 13, defect 9).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from app.core.errors import StoreError
from app.store.conversations import ConversationStore
from app.store.removal import Removed
from app.ui.i18n import exception_text

log = logging.getLogger(__name__)

UNDO_MS = 8000  # as long as the sidebar offers a deleted conversation back
BAR_GAP = 12  # pixels between the bar and the transcript's bottom edge


class UndoBar(QFrame):
    """ "Message deleted  [Undo]", floating at the bottom centre of its parent (never in a layout)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.setObjectName("undoMessage")
        self.button.setToolTip(self.tr("Undo (Ctrl+Z)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 4, 4)
        row.setSpacing(12)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.hide()
        parent.installEventFilter(self)

    def offer(self, text: str) -> None:
        self.label.setText(text)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.parent() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(self.sizeHint().width(), max(120, parent.width() - 2 * BAR_GAP))
        self.resize(width, self.sizeHint().height())
        self.move((parent.width() - width) // 2, parent.height() - self.height() - BAR_GAP)


class MessageDeletes(QObject):
    """Asks, deletes, offers Undo, and withdraws the offer.

    Signals:
        deleted(object): a `Removed` — the message is gone from the store; redraw from it down.
        restored(object): the same `Removed`, put back by Undo; redraw the conversation.
        notice(str): a short message for the status bar.
    """

    deleted = Signal(object)
    restored = Signal(object)
    notice = Signal(str)

    def __init__(self, store: ConversationStore, over: QWidget, *, undo_ms: int | None = None) -> None:
        super().__init__(over)
        self._store = store
        self._over = over
        self._offered: Removed | None = None
        self.bar = UndoBar(over)
        self.bar.button.clicked.connect(self.undo)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UNDO_MS if undo_ms is None else undo_ms)
        self._timer.timeout.connect(self.settle)
        # Ctrl+Z where the keyboard is in the transcript (the composer keeps its own text undo).
        self._shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), over)
        self._shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._shortcut.setEnabled(False)
        self._shortcut.activated.connect(self.undo)

    @property
    def offered(self) -> Removed | None:
        """The delete the bar offers to undo, if any."""
        return self._offered

    def ask(self, message_id: int) -> None:
        """The user asked to delete a message: at once if it goes alone, after a question if not."""
        try:
            count = self._store.deletion_size(message_id)
        except StoreError as exc:
            self.notice.emit(exception_text(exc))
            return
        if count == 0:
            self.notice.emit(self.tr("That message is already gone."))
            return
        if count == 1:
            self.delete(message_id)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete message"),
            self._question(count - 1),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._over.window(),
        )
        box.setObjectName("confirmMessageDelete")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Delete"))
        yes.clicked.connect(lambda: self.delete(message_id))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.open()  # never exec(): a nested loop would freeze the streams

    def _question(self, below: int) -> str:
        if below == 1:
            return self.tr(
                "Delete this message and the message below it? You can undo this for a few seconds."
            )
        return self.tr(
            "Delete this message and the {} messages below it (its replies, what followed them, and "
            "every version under it)? You can undo this for a few seconds."
        ).format(below)

    def delete(self, message_id: int) -> None:
        self.settle()  # one offer at a time: the earlier delete becomes final
        try:
            removed = self._store.delete_message(message_id)
        except StoreError as exc:
            self.notice.emit(exception_text(exc))
            return
        self._offered = removed
        if removed.count == 1:
            text = self.tr("Message deleted.")
        else:
            text = self.tr("{} messages deleted.").format(removed.count)
        self.bar.offer(text)
        self._shortcut.setEnabled(True)
        self._timer.start()
        self.deleted.emit(removed)

    def undo(self) -> None:
        removed, self._offered = self._offered, None
        self._withdraw_bar()
        if removed is None:
            return
        try:
            restored = self._store.restore_messages(removed)
        except StoreError as exc:
            self.notice.emit(exception_text(exc))
            restored = False
        if not restored:
            self.notice.emit(
                self.tr("The deleted message could not be brought back: what it followed is gone.")
            )
            self._forget(removed)
            return
        self.restored.emit(removed)

    def settle(self) -> None:
        """Withdraw the offer: the delete is final, and the files only those messages carried go too."""
        removed, self._offered = self._offered, None
        self._withdraw_bar()
        if removed is not None:
            self._forget(removed)

    def _withdraw_bar(self) -> None:
        self._timer.stop()
        self._shortcut.setEnabled(False)
        self.bar.hide()

    def _forget(self, removed: Removed) -> None:
        try:
            self._store.forget_files(removed)
        except StoreError:  # they are purged when the store next opens anyway
            log.warning("could not delete the files of a deleted message", exc_info=True)
