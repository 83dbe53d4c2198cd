"""Keeping the database's copy of one streaming reply, without ever stopping the stream.

The reply's row is created as it starts, rewritten as it grows, and given its final fields when it ends. A
save that fails (another process holds the database, the disk is full) is tried again later with backoff,
while the text stays in memory; the final save is tried for a few seconds, and if it still fails the final
message's `save_error` says so and the row is at least taken out of 'streaming'.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from app.core.errors import StoreError
from app.core.models import Message, MessageStatus
from app.core.sentences import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

PARTIAL_SAVE_INTERVAL = 0.5  # seconds between saves of the growing reply: a crash loses at most this much
# A save rewrites the reply's row (SQLite rewrites a whole value even to append to it). Past this size a
# save waits until the reply grew by 1/REWRITE_GROWTH of what is saved, so all the saves of a reply of n
# characters write O(n) in total (a geometric series) instead of O(n²); a crash loses at most that share.
REWRITE_FREE_CHARS = 256 * 1024
REWRITE_GROWTH = 8
SAVE_WAIT_S = 0.05  # how long one save waits for another process's lock before trying again later
SAVE_BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0)  # after failed saves: the stream goes on, the text stays in memory
FINAL_SAVE_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)  # ~9.5 s in all

# What the user reads when the database did not keep a reply (marked for lupdate; the window translates).
MESSAGES: dict[str, str] = {
    "not_saved": QT_TRANSLATE_NOOP(
        "session", "The reply could not be saved: {error} Its text is only on screen: copy it before closing."
    ),
    "partly_saved": QT_TRANSLATE_NOOP("session", "Only part of this reply could be saved: {error}"),
}


class MessageStore(Protocol):
    """What a generation needs from the conversation store (app.store.ConversationStore has it).

    `parent` left out means the end of the branch shown; `timeout` bounds the wait for a lock (seconds).
    """

    def add_message(
        self, conversation_id: int, message: Message, *, parent: int | None = ..., timeout: float | None = ...
    ) -> Message: ...
    def save_partial(
        self, message_id: int, content: str, reasoning: str, *, timeout: float | None = ...
    ) -> None: ...
    def finish_message(self, message: Message, *, timeout: float | None = ...) -> None: ...
    def end_streaming(
        self, message_id: int, status: MessageStatus, note: str, *, timeout: float | None = ...
    ) -> None: ...


class Progress(Protocol):
    """The reply so far, as the saver reads it (app.session.ReplyRecorder)."""

    @property
    def chars(self) -> int: ...
    @property
    def content(self) -> str: ...
    @property
    def reasoning(self) -> str: ...


class ReplySaver:
    """Keeps the store's copy of one streaming reply up to date without ever stopping the stream.

    Creates the reply's row, saves the growing text at most every PARTIAL_SAVE_INTERVAL (and, for a big
    reply, only after it grew by a share of what is saved: O(n) written in all), and writes the final
    message. A save that fails (database locked by another process, disk full) is retried later with
    backoff; the text stays in the recorder meanwhile. `message` is the row as stored (id once created).
    """

    def __init__(
        self,
        store: MessageStore | None,
        conversation_id: int | None,
        parent_id: int | None,
        draft: Message,
        clock: Callable[[], float],
    ) -> None:
        self._store = store if conversation_id is not None else None
        self._conversation = conversation_id
        self._parent = parent_id
        self.message = draft
        self._clock = clock
        self._next_at = clock() + PARTIAL_SAVE_INTERVAL
        self._saved_chars = 0
        self._failures = 0
        self.failure: StoreError | None = None  # the last save's error, None once a save succeeded

    def create(self) -> None:
        """Add the reply's row (status 'streaming'); on failure the next save tries again."""
        if self._store is None or self._conversation is None:
            return
        try:
            self._add(self.message)
        except StoreError as exc:
            self._failed(exc, self._clock())

    def _add(self, message: Message) -> None:
        assert self._store is not None and self._conversation is not None
        if self._parent is None:
            self.message = self._store.add_message(self._conversation, message, timeout=SAVE_WAIT_S)
        else:
            self.message = self._store.add_message(
                self._conversation, message, parent=self._parent, timeout=SAVE_WAIT_S
            )

    def _failed(self, exc: StoreError, now: float) -> None:
        if self.failure is None:
            log.warning("could not save the reply (will retry): %s", exc)
        self.failure = exc
        self._next_at = now + SAVE_BACKOFF_S[min(self._failures, len(SAVE_BACKOFF_S) - 1)]
        self._failures += 1

    def maybe_save(self, recorder: Progress) -> None:
        if self._store is None:
            return
        now = self._clock()
        if now < self._next_at:
            return
        grown = recorder.chars - self._saved_chars
        if grown <= 0 or (
            self._saved_chars > REWRITE_FREE_CHARS and grown * REWRITE_GROWTH < self._saved_chars
        ):
            return
        try:
            if self.message.id is None:
                self._add(replace(self.message, content=recorder.content, reasoning=recorder.reasoning))
            else:
                self._store.save_partial(
                    self.message.id, recorder.content, recorder.reasoning, timeout=SAVE_WAIT_S
                )
        except StoreError as exc:
            self._failed(exc, now)
            return
        if self.failure is not None:
            log.info("saving the reply works again")
        self.failure, self._failures = None, 0
        self._saved_chars = recorder.chars
        self._next_at = now + PARTIAL_SAVE_INTERVAL

    async def finish(self, final: Message) -> Message:
        """Write the final message, retrying for a few seconds (a lock held by another process usually
        goes within that). Returns it with its id, or with `save_error` set when it could not be saved."""
        if self._store is None:
            return final
        for delay in (*FINAL_SAVE_DELAYS_S, None):
            try:
                if self.message.id is None:
                    self._add(final)
                    return self.message
                final = replace(final, id=self.message.id)
                self._store.finish_message(final, timeout=SAVE_WAIT_S)
                return final
            except StoreError as exc:
                self.failure = exc
                if delay is None:
                    break
                # Shielded from a Stop: a cancelled reply must still be written.
                await _sleep_through_cancel(delay)
        log.error("could not save the reply: %s", self.failure)
        self._mark_partly_saved(final)
        return replace(final, save_error=MESSAGES["not_saved"].format(error=self.failure))

    def _mark_partly_saved(self, final: Message) -> None:
        """Last resort: a row written while streaming must not stay 'streaming' (the window would never
        end it). A status change needs no new space, so it often succeeds when the text did not."""
        if self._store is None or final.id is None:
            return
        note = MESSAGES["partly_saved"].format(error=self.failure)
        with contextlib.suppress(StoreError):
            self._store.end_streaming(final.id, MessageStatus.INTERRUPTED, note, timeout=SAVE_WAIT_S)


async def _sleep_through_cancel(delay: float) -> None:
    """Sleep even if the task is cancelled meanwhile (the one Stop already arrived; the save must go on)."""
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.sleep(delay)
