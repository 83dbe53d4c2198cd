"""Drawing a conversation's messages into the transcript: the end of the branch first, a "show more" link
above it for the rest, each message with its files, its "‹ 2/3 ›" and (for a reply) its footer.

Drawing costs ~1 ms a message plus layout: a 1,000-message conversation drawn whole would take over a
second to open. One rereads the end, so the end comes first and the rest on request. The chat controller
owns the branch (which messages); this only paints them. Its words keep the controller's translation
context ("ChatController").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.core.errors import SluiceError
from app.core.models import Message, Role
from app.store.conversations import ConversationStore
from app.ui.chat.attach_flow import ChatAttachments
from app.ui.transcript.view import TranscriptView

HISTORY_PAGE = 20  # messages drawn when a conversation opens: the end, a few screens of it
HISTORY_MORE = 200  # and how many more each "show more" draws


class HistoryDrawer:
    """Paints messages; remembers the oldest one drawn (older ones wait for "show more")."""

    def __init__(
        self,
        *,
        transcript: TranscriptView,
        store: ConversationStore,
        attachments: ChatAttachments,
        decorate: Callable[[Message], None],
    ) -> None:
        self.transcript, self.store, self.attachments = transcript, store, attachments
        self._decorate = decorate  # a reply's footer (the controller knows failover and Inspect)
        self.first_shown: int | None = None  # the oldest message drawn

    def draw(self, messages: list[Message], count: int, *, keep_place: bool = False) -> None:
        """Draw the last `count` messages, with a link above them to draw more."""
        shown = messages[-count:] if count < len(messages) else messages
        first_before = self.first_shown
        self.transcript.clear_messages()
        hidden = len(messages) - len(shown)
        if hidden:
            more = min(hidden, HISTORY_MORE)
            self.transcript.add_history_link(
                QCoreApplication.translate(
                    "ChatController", "{hidden} earlier messages not shown — show {more} more"
                ).format(hidden=hidden, more=more),
                self.transcript.action_url(f"earlier/{shown[0].id}"),
            )
        for message in shown:
            self.show_message(message)
        self.first_shown = shown[0].id if shown else None
        if keep_place and first_before is not None:
            self.transcript.scroll_to_message(first_before)  # where the reader was, not the new top

    def show_message(self, message: Message) -> None:
        if message.role == Role.USER:
            self.transcript.add_user_message(message.content, message_id=message.id)
            self.attachments.draw_row(message)
            self.show_versions(message)
        elif message.role == Role.ASSISTANT:
            self.transcript.add_assistant_message(
                message.content,
                model=message.model or "",
                reasoning=message.reasoning,
                reasoning_ms=message.reasoning_ms,
                message_id=message.id,
            )
            self.show_versions(message)
            self._decorate(message)

    def show_versions(self, message: Message) -> None:
        """ "‹ 2/3 ›" after the actions of a message with other versions."""
        if message.id is None:
            return
        try:
            versions = self.store.versions(message.id)
        except SluiceError:
            return  # the arrows are a convenience; the message itself is drawn anyway
        if versions is not None:
            self.transcript.set_versions(message.id, versions.index, versions.count)
