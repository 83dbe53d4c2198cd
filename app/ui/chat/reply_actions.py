"""Two of a reply's actions that need only the store: Inspect (the panel on the reply's exchange record)
and Copy (its Markdown to the clipboard). The chat controller dispatches the transcript's action links and
calls these; the others (Retry, Edit, Delete, versions) change the branch it owns and stay with it.

Plain functions; their words keep the controller's translation context ("ChatController").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.core.errors import SluiceError
from app.store.conversations import ConversationStore
from app.ui.i18n import exception_text


def open_inspect(
    store: ConversationStore, message_id: int, parent: QWidget, notice: Callable[[str], None]
) -> QWidget | None:
    """Open the Inspect panel on a reply's exchange record; the panel, or None (and a notice)."""
    from app.ui.inspect.panel import InspectPanel  # its chart is loaded only when a panel opens

    try:
        record = store.exchange(message_id)
    except SluiceError as exc:
        notice(exception_text(exc))
        return None
    if record is None:
        notice(
            QCoreApplication.translate(
                "ChatController", "This reply has no record: it was made while recording was off, or before."
            )
        )
        return None
    panel = InspectPanel(record, message_id, parent)
    panel.open()
    return panel


def copy_reply(store: ConversationStore, message_id: int, notice: Callable[[str], None]) -> None:
    """Put a reply's text (its Markdown, as received) on the clipboard."""
    try:
        message = store.get_message(message_id)
    except SluiceError as exc:
        notice(exception_text(exc))
        return
    QGuiApplication.clipboard().setText(message.content)
    notice(QCoreApplication.translate("ChatController", "Copied the reply as Markdown."))
