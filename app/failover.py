"""Failover: when a profile fails before any text, try its fallbacks in order (issue 16).

A profile lists fallbacks, each "OTHER" or "OTHER:MODEL" (`Profile.fallbacks`). `failover_stream` wraps
`ChatClient.stream_chat` over that list of routes and yields the stream's events, plus:

- `Failover(from_, to, kind, message)` before the next route's events, when an attempt failed before any
  content or reasoning arrived with a kind that another gateway may not share (FAILOVER_KINDS). Errors
  that are the user's to fix (auth, bad_request, not_found, key, attachment) end the reply, as does any
  error once text has arrived: a half reply is never spliced onto another gateway's.
- `RetryWait(route, seconds)` when the last route answered 429 with `Retry-After` ≤ RETRY_AFTER_LIMIT: it
  waits that long (cancelling the task cancels the wait) and retries that route once.

No Qt and no storage here: the session turns these events into the saved reply's profile and model.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.core.errors import ChatError, ErrorKind
from app.core.events import ContentDelta, ReasoningDelta, StreamEvent
from app.core.exchange import ExchangeRecorder
from app.core.fallbacks import parse_target
from app.core.models import GenerationParams, Message, Profile
from app.core.sentences import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # only the type: `sluice ask`'s sinks import this module without loading httpx
    from app.net.client import ChatClient

log = logging.getLogger(__name__)

FAILOVER_KINDS = frozenset(
    {ErrorKind.CONNECTION, ErrorKind.TIMEOUT, ErrorKind.SERVER, ErrorKind.RATE_LIMIT, ErrorKind.QUOTA}
)
RETRY_AFTER_LIMIT = 5.0  # seconds: a longer wait is the user's to choose
# Said after the last attempt's error when fallbacks were skipped because no profile has their name (a
# profile deleted or renamed by hand): the user must not believe they were tried (Cherry Studio #20838).
NOT_TRIED = QT_TRANSLATE_NOOP(
    "failover", "{message} (Fallback not tried: no profile is called {names}; fix it in the profile editor.)"
)

__all__ = [
    "FAILOVER_KINDS",
    "Failover",
    "FailoverEvent",
    "RetryWait",
    "Route",
    "failover_stream",
    "may_fail_over",
    "parse_target",
    "routes_for",
]


@dataclass(frozen=True, slots=True)
class Route:
    """One place to send the request: a profile, and the model to ask it for."""

    profile: Profile
    model: str

    @property
    def label(self) -> str:
        """As the user writes it: the profile's name (with `:MODEL` when it is not the profile's own)."""
        if self.model and self.model != self.profile.model:
            return f"{self.profile.name}:{self.model}"
        return self.profile.name


@dataclass(frozen=True, slots=True)
class Failover:
    """The attempt on `from_` failed before any text; `to` is tried next."""

    from_: Route
    to: Route
    kind: ErrorKind
    message: str


@dataclass(frozen=True, slots=True)
class RetryWait:
    """`route` asked to wait `seconds` (429 Retry-After) and no fallback is left: wait, then try once more."""

    route: Route
    seconds: float


FailoverEvent = Failover | RetryWait


def routes_for(
    profile: Profile, model: str, lookup: Callable[[str], Profile | None]
) -> tuple[list[Route], list[str]]:
    """The routes to try, first the profile itself; and the fallbacks that name no profile (skipped: pass
    them to `failover_stream(skipped=…)` so that the final error says they were not tried)."""
    routes = [Route(profile, model)]
    missing = []
    for fallback in profile.fallbacks:
        name, other_model = parse_target(fallback, lambda n: lookup(n) is not None)
        other = lookup(name)
        if other is None:
            missing.append(fallback)
            continue
        routes.append(Route(other, other_model or other.model))
    return routes, missing


def may_fail_over(error: ChatError, text_arrived: bool) -> bool:
    return not text_arrived and error.kind in FAILOVER_KINDS


async def failover_stream(
    client: ChatClient,
    routes: Sequence[Route],
    key_for: Callable[[Profile], Awaitable[str | None]],
    messages: Sequence[Message],
    params: GenerationParams,
    *,
    recorder: ExchangeRecorder | None = None,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    on_attempt: Callable[[Route], None] | None = None,
    skipped: Sequence[str] = (),
) -> AsyncGenerator[StreamEvent | FailoverEvent, None]:
    """Stream from the first route that answers; see the module docstring. Raises the last ChatError.

    `on_attempt(route)` is called as each attempt starts, once its key was read (the session starts its
    TTFT clock there: a keyring lookup is not the gateway's time).
    `skipped`: fallbacks that name no profile (`routes_for`); when every route failed with an error a
    fallback could have saved, the error raised says they were not tried.
    """
    retried = False
    index = 0
    while True:
        route = routes[index]
        text_arrived = False
        try:
            key = await key_for(route.profile)
            if on_attempt is not None:
                on_attempt(route)
            if recorder is not None:
                recorder.protect(route.profile, key)
            stream = client.stream_chat(
                route.profile, key, messages, replace(params, model=route.model), recorder=recorder
            )
            async with aclosing(stream):
                async for event in stream:
                    if isinstance(event, ContentDelta | ReasoningDelta):
                        text_arrived = True
                    yield event
            return
        except ChatError as error:
            if not may_fail_over(error, text_arrived):
                raise
            if index + 1 < len(routes):
                log.info("failover from %s to %s after %s", route.label, routes[index + 1].label, error.kind)
                yield Failover(route, routes[index + 1], error.kind, error.message)
                index += 1
                continue
            wait = error.retry_after
            if (
                error.kind == ErrorKind.RATE_LIMIT
                and not retried
                and wait is not None
                and 0 <= wait <= RETRY_AFTER_LIMIT
            ):
                retried = True
                yield RetryWait(route, wait)
                await sleep(wait)
                continue
            if skipped:
                raise _not_tried(error, skipped) from error
            raise


def _not_tried(error: ChatError, skipped: Sequence[str]) -> ChatError:
    # "b:MODEL" names the profile "b": say the profile's name, which is what is missing.
    names = ", ".join(repr(parse_target(text, lambda _name: False)[0]) for text in skipped)
    note = NOT_TRIED.format(message=error.message, names=names)
    return ChatError(error.kind, note, retry_after=error.retry_after)
