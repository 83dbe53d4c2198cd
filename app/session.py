"""One generation, start to finish: send, stream, save as it streams, measure, and end with a status.

`ChatSession.generate` is the one code path the CLI, the window, the tests and the benchmarks use. Stop is
`GenerationHandle.stop()`: it cancels the task once (a second cancel can interrupt httpx's close and leak
the connection); cancellation closes the response inside ChatClient, and the partial reply is saved here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from app.core.errors import ChatError, ErrorKind, KeystoreError, StoreError
from app.core.events import (
    ContentDelta,
    CostRequestRejected,
    Finish,
    ReasoningDelta,
    StreamEvent,
    StreamOptionsRejected,
    ToolCallsDone,
    UsageReport,
)
from app.core.models import GenerationParams, Message, MessageStatus, Profile, Role, ToolCall, Usage
from app.core.pricing import Price, cost_of
from app.core.sentences import QT_TRANSLATE_NOOP
from app.net.client import ChatClient

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
MAX_REPLY_CHARS = 32 * 1024 * 1024  # reply + reasoning; past it the stream is stopped, the text kept


# Sentences of our own that reach the user, marked for lupdate; the window translates them (Sentence).
MESSAGES: dict[str, str] = {
    "no_key": QT_TRANSLATE_NOOP(
        "session", "No API key is saved for profile “{name}”. Add one with: sluice profile set-key {name}"
    ),
    "too_large": QT_TRANSLATE_NOOP(
        "session", "The reply passed {limit} million characters and was stopped there; its text is kept."
    ),
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


class KeySource(Protocol):
    async def aget(self, name: str) -> str | None: ...


class PriceLookup(Protocol):
    """Where a reply's price is found (app.profiles.catalog.ModelCatalog has it): exactly this model's."""

    def price_for(self, profile: Profile, model: str) -> Price | None: ...


class ProfileSink(Protocol):
    """Where a learned profile fact (the gateway refuses stream_options) is remembered."""

    def update(self, profile: Profile) -> object: ...
    def save(self) -> None: ...


EventCallback = Callable[[StreamEvent], None]


@dataclass
class ReplyRecorder:
    """Accumulates one reply and its metrics as events arrive."""

    started: float
    clock: Callable[[], float] = time.monotonic
    content_parts: list[str] = field(default_factory=list)
    reasoning_parts: list[str] = field(default_factory=list)
    finish_reason: str | None = None
    usage: Usage | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    first_token_at: float | None = None
    first_content_at: float | None = None
    first_reasoning_at: float | None = None
    deltas: int = 0
    chars: int = 0  # content + reasoning so far, counted as it arrives (joining the parts costs O(n))

    @property
    def content(self) -> str:
        return "".join(self.content_parts)

    @property
    def reasoning(self) -> str:
        return "".join(self.reasoning_parts)

    def add(self, event: StreamEvent) -> None:
        if isinstance(event, ContentDelta | ReasoningDelta):
            now = self.clock()
            self.deltas += 1
            self.chars += len(event.text)
            if self.first_token_at is None:
                self.first_token_at = now
            if isinstance(event, ContentDelta):
                self.content_parts.append(event.text)
                if self.first_content_at is None:
                    self.first_content_at = now
            else:
                self.reasoning_parts.append(event.text)
                if self.first_reasoning_at is None:
                    self.first_reasoning_at = now
        elif isinstance(event, UsageReport):
            self.usage = event.usage
        elif isinstance(event, Finish):
            self.finish_reason = event.reason
        elif isinstance(event, ToolCallsDone):
            self.tool_calls = event.calls

    def metrics(self) -> dict[str, float | None]:
        """TTFT (ms), tokens/s over the streaming span, and how long the thinking took (ms)."""
        end = self.clock()
        ttft = None if self.first_token_at is None else (self.first_token_at - self.started) * 1000
        tokens = self.usage.completion_tokens if self.usage and self.usage.completion_tokens else self.deltas
        rate = None
        if self.first_token_at is not None and tokens:
            span = end - self.first_token_at
            rate = tokens / span if span > 0.05 else None  # a burst at the end is not a rate
        thinking = None
        if self.first_reasoning_at is not None:
            thought_until = self.first_content_at if self.first_content_at is not None else end
            thinking = (thought_until - self.first_reasoning_at) * 1000
        return {"ttft_ms": ttft, "tokens_per_s": rate, "reasoning_ms": thinking}


def request_messages(system_prompt: str, history: Sequence[Message]) -> list[Message]:
    """What is sent: the system prompt, then every turn with text (a stopped reply's partial text counts)."""
    out: list[Message] = []
    if system_prompt.strip():
        out.append(Message(role=Role.SYSTEM, content=system_prompt))
    out.extend(m for m in history if m.role != Role.SYSTEM and m.content.strip())
    return out


class ChatSession:
    """Runs generations. Collaborators are passed in; `store` and `profiles` may be None (`ask --no-save`)."""

    def __init__(
        self,
        client: ChatClient,
        keys: KeySource,
        store: MessageStore | None = None,
        profiles: ProfileSink | None = None,
        clock: Callable[[], float] = time.monotonic,
        prices: PriceLookup | None = None,
    ) -> None:
        self.client = client
        self.keys = keys
        self.store = store
        self.profiles = profiles
        self.clock = clock
        self.prices = prices

    async def key_for(self, profile: Profile) -> str | None:
        if not profile.needs_key:
            return None
        key = await self.keys.aget(profile.name)
        if not key:
            raise ChatError(ErrorKind.KEY, MESSAGES["no_key"].format(name=profile.name))
        return key

    async def generate(
        self,
        profile: Profile,
        messages: Sequence[Message],
        params: GenerationParams,
        on_event: EventCallback,
        *,
        conversation_id: int | None = None,
        parent_id: int | None = None,
        on_finished: Callable[[Message], None] | None = None,
    ) -> Message:
        """Stream one reply to `messages`. Returns the final assistant message (saved when a store is set,
        under `parent_id`, or at the end of the branch shown when that is None).

        Never raises ChatError or StoreError: a failure ends the message with status `error`/`interrupted`
        and the partial text kept; a database that refuses the saves does not stop the stream (the text
        stays in memory, saves are retried with backoff) and the final message's `save_error` says what
        could not be saved. Cancellation saves the partial reply as `cancelled`, then propagates.
        `on_finished` gets the final message in every case, cancellation included.
        """
        model = params.model or profile.model
        draft = Message(
            role=Role.ASSISTANT,
            content="",
            status=MessageStatus.STREAMING,
            profile=profile.name,
            model=model,
            created=time.time(),
        )
        saver = _PartialSaver(self.store, conversation_id, parent_id, draft, self.clock)
        saver.create()
        price = self._price(profile, model)
        learned = profile  # the profile with what this reply taught about the gateway (refused fields)
        # The clock starts once the key is read: a keyring lookup (often 100+ ms, or an unlock prompt)
        # is not the gateway's time to first token. Set again below; this one serves an early failure.
        recorder = ReplyRecorder(started=self.clock(), clock=self.clock)
        status = MessageStatus.COMPLETE
        error: ChatError | None = None
        try:
            key = await self.key_for(profile)
            recorder.started = self.clock()
            stream = self.client.stream_chat(profile, key, messages, params)
            async with contextlib.aclosing(stream):
                async for event in stream:
                    if isinstance(event, StreamOptionsRejected):
                        learned = replace(learned, stream_usage=False)
                        self._remember(learned, "stream_options")
                        continue
                    if isinstance(event, CostRequestRejected):
                        learned = replace(learned, request_cost=False)
                        self._remember(learned, "usage.include")
                        continue
                    recorder.add(event)
                    on_event(event)
                    if recorder.chars > MAX_REPLY_CHARS:
                        limit = MAX_REPLY_CHARS // 1_000_000
                        raise ChatError(ErrorKind.TOO_LARGE, MESSAGES["too_large"].format(limit=limit))
                    saver.maybe_save(recorder)
        except KeystoreError as exc:
            error = ChatError(ErrorKind.KEY, exc.sentence or str(exc))  # the Sentence: said translated
            status = MessageStatus.ERROR
        except ChatError as exc:
            error = exc
            status = MessageStatus.INTERRUPTED if exc.kind == ErrorKind.INTERRUPTED else MessageStatus.ERROR
        except asyncio.CancelledError:
            final = await self._finish(saver, recorder, MessageStatus.CANCELLED, None, on_finished, price)
            log.info("generation stopped by the user after %d characters", len(final.content))
            raise
        except Exception:
            # A defect of ours (it is logged where the task is awaited): the row must not stay 'streaming'.
            await self._finish(saver, recorder, MessageStatus.ERROR, None, on_finished, price)
            raise
        return await self._finish(saver, recorder, status, error, on_finished, price)

    async def _finish(
        self,
        saver: _PartialSaver,
        recorder: ReplyRecorder,
        status: MessageStatus,
        error: ChatError | None,
        on_finished: Callable[[Message], None] | None,
        price: Price | None = None,
    ) -> Message:
        metrics = recorder.metrics()
        final = replace(
            saver.message,
            content=recorder.content,
            reasoning=recorder.reasoning,
            status=status,
            finish_reason=recorder.finish_reason,
            usage=recorder.usage,
            tool_calls=recorder.tool_calls,
            error_kind=error.kind if error else None,
            error_message=error.message if error else None,
            retry_after=error.retry_after if error else None,
            ttft_ms=metrics["ttft_ms"],
            tokens_per_s=metrics["tokens_per_s"],
            reasoning_ms=metrics["reasoning_ms"],
            cost=cost_of(recorder.usage, price),
        )
        if error is not None:
            log.warning("generation failed: %s: %s", error.kind, error.message)
        final = await saver.finish(final)
        if on_finished is not None:
            on_finished(final)
        return final

    def _price(self, profile: Profile, model: str) -> Price | None:
        if self.prices is None or not model:
            return None
        try:
            return self.prices.price_for(profile, model)
        except Exception:  # a price is a nicety; a broken catalogue must not stop the reply
            log.exception("could not look up the price of %s", model)
            return None

    def _remember(self, changed: Profile, field: str) -> None:
        """A request field the gateway refused: the profile stops sending it (`changed` is saved)."""
        log.info("profile %s: gateway refuses %s; turned off", changed.name, field)
        if self.profiles is None:
            return
        try:
            self.profiles.update(changed)
            self.profiles.save()
        except Exception:  # remembering is a nicety; never fail the reply over it
            log.exception("could not save the profile change")


class _PartialSaver:
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

    def maybe_save(self, recorder: ReplyRecorder) -> None:
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


class GenerationHandle:
    """A running generation's task, kept strongly (qasync keeps no reference) and stopped at most once."""

    def __init__(self, coro: Coroutine[Any, Any, Message]) -> None:
        self.task: asyncio.Task[Message] = asyncio.get_running_loop().create_task(coro)
        self._stopped = False

    def stop(self) -> bool:
        """Cancel once. Returns False when already stopped or finished (a double-clicked Stop).

        "Once" is our own record, not `task.cancelling()`: anyio cancels the task itself for a moment while
        it connects (happy eyeballs), then takes that back with `uncancel()`. A Stop that read `cancelling()`
        then would be dropped, and the reply would stream on (found by tests/integration/test_churn.py).
        """
        if self.task.done() or self._stopped:
            return False
        self._stopped = True
        self.task.cancel()
        return True

    @property
    def running(self) -> bool:
        return not self.task.done()
