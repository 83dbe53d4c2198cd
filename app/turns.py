"""One chat turn, start to end: the one use case the window and the CLI call.

`Turns.start` saves the user's message under its parent (a follow-up, or a new version of an earlier
question), builds what is sent from that message's branch (never from other versions), starts the reply
(app/session.py streams it, app/reply_saver.py saves it), and returns a `Turn`. When the reply ends —
complete, failed, stopped, even stopped before it began, even when the database refused it —
`Turn.message` holds the final assistant message (status, error, metrics, `save_error`) and `on_ended` is
called once. Callers only paint.

Regenerate is a turn without new text: a new reply under the same user message, beside the old one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from app.core.errors import StoreError
from app.core.models import GenerationParams, Message, MessageStatus, Profile, Role
from app.failover import FailoverEvent
from app.reply_saver import MessageStore
from app.session import ChatSession, EventCallback, GenerationHandle, request_messages

log = logging.getLogger(__name__)

USER_SAVE_WAIT_S = 1.0  # a user message that cannot be saved within this is not sent (the draft is kept)
LATER_SAVE_DELAYS_S = (5.0, 10.0, 15.0, 30.0, 60.0, 120.0)  # a reply not saved at its end: tried again


class TurnStore(MessageStore, Protocol):
    """What a turn needs from the conversation store (app.store.ConversationStore has it)."""

    def path_to(self, message_id: int) -> list[Message]: ...
    def with_attachment_data(self, messages: Sequence[Message]) -> list[Message]: ...


class Turn:
    """A running turn: its user message (as saved), its task, and once it ended, its final reply.

    Stop with `stop()` (cancels once). `message` is None until the reply ended; `failure` is an
    unexpected exception of ours, if the reply died of one (it is logged; the row was still ended).
    """

    def __init__(
        self,
        user: Message | None,
        handle: GenerationHandle,
        draft: Message,
        on_ended: Callable[[Turn], None] | None,
    ) -> None:
        self.user = user
        self.handle = handle
        self.message: Message | None = None
        self.failure: BaseException | None = None
        self._draft = draft
        self._on_ended = on_ended
        self._ended_told = False
        # A done-callback, not a `finally` in the coroutine: a task stopped before its first step never
        # runs its body, and the caller must still hear that the turn ended.
        handle.task.add_done_callback(self._ended)

    @property
    def running(self) -> bool:
        """Until its end is told (`on_ended`): the task is done a loop step before its done-callback runs,
        and meanwhile whoever shows the turn has not drawn its end (a window that said "not busy" there
        showed a reply without its last words or its error for a moment)."""
        return not self._ended_told

    def stop(self) -> bool:
        return self.handle.stop()

    def _finished(self, message: Message) -> None:
        self.message = message

    def _ended(self, task: asyncio.Task[Message]) -> None:
        self._ended_told = True
        if not task.cancelled() and task.exception() is not None:
            self.failure = task.exception()
            log.error("the reply failed unexpectedly", exc_info=self.failure)
        if self.message is None:  # stopped before the session began: nothing was sent or saved
            self.message = Message(
                role=Role.ASSISTANT,
                content="",
                status=MessageStatus.CANCELLED if task.cancelled() else MessageStatus.ERROR,
                profile=self._draft.profile,
                model=self._draft.model,
                created=time.time(),
            )
        if self._on_ended is not None:
            self._on_ended(self)


class Turns:
    """Starts turns. `store` None: nothing is saved (`ask --no-save`), and the history is the message."""

    def __init__(self, session: ChatSession, store: TurnStore | None) -> None:
        self.session = session
        self.store = store

    def start(
        self,
        *,
        profile: Profile,
        params: GenerationParams,
        on_event: EventCallback,
        on_ended: Callable[[Turn], None] | None = None,
        conversation_id: int | None = None,
        system_prompt: str = "",
        user: Message | None = None,
        parent_id: int | None = None,
        on_failover: Callable[[FailoverEvent], None] | None = None,
    ) -> Turn:
        """Start a turn; must be called with a running event loop.

        Args:
            user: the user's new message (text, attachments), saved under `parent_id` (None: a
                conversation's first message). None regenerates: a new reply to the user message
                `parent_id`, beside the earlier ones.
            parent_id: the message the new one follows.
            on_failover: told when the profile failed before any text and a fallback is tried
                (app/failover.py), and of a Retry-After wait.

        Raises StoreError when the user's message cannot be saved or the branch read: then nothing was
        sent, and the caller keeps the draft.
        """
        store = self.store if conversation_id is not None else None
        if user is not None:
            user = replace(user, role=Role.USER, parent_id=parent_id)
            if store is not None and conversation_id is not None:
                user = store.add_message(conversation_id, user, parent=parent_id, timeout=USER_SAVE_WAIT_S)
        history = self._history(store, user, parent_id)
        reply_parent = user.id if user is not None else parent_id
        model = params.model or profile.model
        draft = Message(role=Role.ASSISTANT, content="", profile=profile.name, model=model)
        turn_box: list[Turn] = []
        handle = GenerationHandle(
            self.session.generate(
                profile,
                request_messages(system_prompt, history),
                params,
                on_event,
                conversation_id=conversation_id if store is not None else None,
                parent_id=reply_parent,
                on_finished=lambda message: turn_box[0]._finished(message),
                on_failover=on_failover,
            )
        )
        turn = Turn(user, handle, draft, on_ended)
        turn_box.append(turn)  # the coroutine has not run yet: it cannot finish before this line
        return turn

    async def save_later(self, message: Message, delays: Sequence[float] = LATER_SAVE_DELAYS_S) -> bool:
        """A reply whose row could not be written at its end (a lock held longer than the session waited,
        a full disk): try again now and then while the window stays open, so the whole text reaches the
        database once it can. True once saved. The caller keeps the task (and may cancel it at shutdown).
        """
        if self.store is None or message.id is None or message.save_error is None:
            return False
        stored = replace(message, save_error=None)
        for delay in delays:
            await asyncio.sleep(delay)
            try:
                self.store.finish_message(stored, timeout=0.05)
            except StoreError as exc:
                log.info("the reply still cannot be saved: %s", exc)
                continue
            log.info("the reply that could not be saved at its end is saved now")
            return True
        return False

    @staticmethod
    def _history(store: TurnStore | None, user: Message | None, parent_id: int | None) -> Sequence[Message]:
        """The branch the reply answers: from the first message down to the user's message."""
        if store is None:
            return [user] if user is not None else []
        end = user.id if user is not None else parent_id
        return store.with_attachment_data(store.path_to(end)) if end is not None else []
