"""One generation, start to finish: send, stream, save as it streams, measure, and end with a status.

Saving the reply as it streams (and when the database refuses) is app/reply_saver.py's job.

`ChatSession.generate` is the one code path the CLI, the window, the tests and the benchmarks use. Stop is
`GenerationHandle.stop()`: it cancels the task once (a second cancel can interrupt httpx's close and leak
the connection); cancellation closes the response inside ChatClient, and the partial reply is saved here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from app.core.errors import ChatError, ErrorKind, KeystoreError, ProfileError
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
from app.core.exchange import ExchangeRecord, ExchangeRecorder
from app.core.models import GenerationParams, Message, MessageStatus, Profile, Role, ToolCall, Usage
from app.core.pricing import Price, cost_of
from app.core.sentences import QT_TRANSLATE_NOOP
from app.failover import Failover, FailoverEvent, RetryWait, Route, failover_stream, routes_for
from app.net.client import ChatClient
from app.reply_saver import MessageStore, ReplySaver

log = logging.getLogger(__name__)

MAX_REPLY_CHARS = 32 * 1024 * 1024  # reply + reasoning; past it the stream is stopped, the text kept


# Sentences of our own that reach the user, marked for lupdate; the window translates them (Sentence).
MESSAGES: dict[str, str] = {
    # `quoted` is the name as a shell reads it (shlex.quote): the advice is meant to be pasted.
    "no_key": QT_TRANSLATE_NOOP(
        "session", "No API key is saved for profile “{name}”. Add one with: sluice profile set-key {quoted}"
    ),
    "too_large": QT_TRANSLATE_NOOP(
        "session", "The reply passed {limit} million characters and was stopped there; its text is kept."
    ),
}


class KeySource(Protocol):
    async def aget(self, name: str) -> str | None: ...


class PriceLookup(Protocol):
    """Where a reply's price is found (app.profiles.catalog.ModelCatalog has it): exactly this model's."""

    def price_for(self, profile: Profile, model: str) -> Price | None: ...


class ProfileSink(Protocol):
    """Where a learned profile fact (the gateway refuses stream_options) is remembered."""

    def update(self, profile: Profile) -> object: ...
    def save(self) -> None: ...


class ExchangeSink(Protocol):
    """Where the stream inspector's records go (app.store.ConversationStore has it)."""

    def save_exchange(self, message_id: int, record: ExchangeRecord) -> None: ...


class ProfileLookup(Protocol):
    """Profiles by name, for failover (app.profiles.store.ProfileStore has it); ProfileError if unknown."""

    def get(self, name: str) -> Profile: ...


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
        """TTFT (ms), the rate over the streaming span, and how long the thinking took (ms).

        The rate counts completion tokens when usage reported them, else content/reasoning chunks: the
        key stays "tokens_per_s" (it is the stored column), `Message.rate_counts_tokens` says which it is.
        """
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
        exchanges: ExchangeSink | None = None,
        lookup: ProfileLookup | None = None,
    ) -> None:
        """`exchanges`: where each saved reply's exchange record goes; None records nothing. `lookup`:
        where a profile's fallbacks are found by name; None tries no fallback."""
        self.client = client
        self.exchanges = exchanges
        self.lookup = lookup
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
            raise ChatError(
                ErrorKind.KEY, MESSAGES["no_key"].format(name=profile.name, quoted=shlex.quote(profile.name))
            )
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
        on_failover: Callable[[FailoverEvent], None] | None = None,
    ) -> Message:
        """Stream one reply to `messages`. Returns the final assistant message (saved when a store is set,
        under `parent_id`, or at the end of the branch shown when that is None).

        Never raises ChatError or StoreError: a failure ends the message with status `error`/`interrupted`
        and the partial text kept; a database that refuses the saves does not stop the stream (the text
        stays in memory, saves are retried with backoff) and the final message's `save_error` says what
        could not be saved. Cancellation saves the partial reply as `cancelled`, then propagates.
        `on_finished` gets the final message in every case, cancellation included.

        When the profile fails before any text and has fallbacks, they are tried in order (app/failover.py);
        `on_failover` hears of each switch (and of a Retry-After wait), and the saved reply names the
        profile and model that answered.
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
        saver = ReplySaver(self.store, conversation_id, parent_id, draft, self.clock)
        saver.create()
        price = self._price(profile, model)
        learned = profile  # the profile with what this reply taught about the gateway (refused fields)
        # The clock starts once the key is read: a keyring lookup (often 100+ ms, or an unlock prompt)
        # is not the gateway's time to first token. Set again below; this one serves an early failure.
        recorder = ReplyRecorder(started=self.clock(), clock=self.clock)
        status = MessageStatus.COMPLETE
        error: ChatError | None = None
        # The stream inspector's record, saved with the reply (app/core/exchange.py).
        saved = self.store is not None and conversation_id is not None
        exchange = ExchangeRecorder() if self.exchanges is not None and saved else None
        attempted: list[bool] = []  # TTFT counts from the first attempt, once its key was read
        routes: list[Route] = [Route(profile, model)]
        missing: list[str] = []
        if self.lookup is not None:  # without one (compare lanes, tests) no fallback is tried
            routes, missing = routes_for(profile, model, self._lookup)
        for fallback in missing:
            log.warning("profile %s: fallback %s names no profile; skipped", profile.name, fallback)
        try:

            def first_attempt() -> None:
                if not attempted:
                    attempted.append(True)
                    recorder.started = self.clock()

            stream = failover_stream(
                self.client,
                routes,
                self.key_for,
                messages,
                params,
                recorder=exchange,
                on_attempt=lambda _route: first_attempt(),
                skipped=missing,
            )
            async with contextlib.aclosing(stream):
                async for event in stream:
                    if isinstance(event, Failover | RetryWait):  # failover (app/failover.py)
                        if isinstance(event, Failover):
                            learned = event.to.profile
                            saver.message = replace(saver.message, profile=learned.name, model=event.to.model)
                            price = self._price(learned, event.to.model)
                        if on_failover is not None:
                            on_failover(event)
                        continue
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
            self._save_exchange(final.id, exchange)
            log.info("generation stopped by the user after %d characters", len(final.content))
            raise
        except Exception:
            # A defect of ours (it is logged where the task is awaited): the row must not stay 'streaming'.
            await self._finish(saver, recorder, MessageStatus.ERROR, None, on_finished, price)
            raise
        final = await self._finish(saver, recorder, status, error, on_finished, price)
        self._save_exchange(final.id, exchange)
        return final

    def _lookup(self, name: str) -> Profile | None:
        if self.lookup is None:
            return None
        try:
            return self.lookup.get(name)
        except ProfileError:
            return None

    def _save_exchange(self, message_id: int | None, exchange: ExchangeRecorder | None) -> None:
        if exchange is None or self.exchanges is None or message_id is None:
            return
        try:
            self.exchanges.save_exchange(message_id, exchange.seal())
        except Exception:  # the inspector's record is a nicety; never fail the reply over it
            log.exception("could not save the exchange record")

    async def _finish(
        self,
        saver: ReplySaver,
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
