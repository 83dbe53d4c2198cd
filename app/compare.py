"""One prompt to 2–4 lanes at once, side by side (issue 16): what `sluice ask --compare` and the window's
Compare mode share. No Qt and no printing here.

A lane is a profile and the model to ask it for, named as the user writes it ("a", "b:gpt-4o"). Every
lane runs as its own turn (app/turns.py) over one session, at the same time. Lanes are independent: one
failing ends with its error while the others go on. `Comparison.stop()` stops every lane once; each saves
its partial reply as `cancelled` and closes its connection.

Saving: the user's message once (the first lane saves it), and each lane's reply a sibling reply to it —
the versions "‹ 1/3 ›" of the conversation tree. Lanes never fail over: a comparison is about these
gateways (`without_failover`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.core.errors import ProfileError
from app.core.events import StreamEvent
from app.core.models import GenerationParams, Message, MessageStatus, Profile, Role
from app.core.pricing import Price, cost_of
from app.failover import Route, parse_target
from app.session import ChatSession, EventCallback, ReplyRecorder
from app.turns import Turn, Turns

MIN_LANES, MAX_LANES = 2, 4


@dataclass(frozen=True)
class Lane:
    label: str  # as the user wrote it
    profile: Profile
    model: str

    @classmethod
    def of(cls, profile: Profile, model: str) -> Lane:
        """A lane picked in the window: labelled as the CLI would write it ("b", or "b:MODEL")."""
        return cls(Route(profile, model).label, profile, model or profile.model)


class ProfileSource(Protocol):
    """What lanes are looked up in (app.profiles.store.ProfileStore has it)."""

    def names(self) -> list[str]: ...
    def get(self, name: str) -> Profile: ...


def parse_lanes(spec: str, profiles: ProfileSource) -> list[Lane]:
    """ "A,B:gpt-4o" → lanes. ProfileError for an unknown profile, a lane without a model, or a bad count."""
    labels = [part.strip() for part in spec.split(",") if part.strip()]
    if not MIN_LANES <= len(labels) <= MAX_LANES:
        raise ProfileError(
            f"--compare takes {MIN_LANES} to {MAX_LANES} lanes, like A,B:MODEL (got {len(labels)})."
        )
    known = set(profiles.names())
    lanes = []
    for label in labels:
        name, model = parse_target(label, known.__contains__)
        profile = profiles.get(name)
        model = model or profile.model
        if not model:
            raise ProfileError(f"Lane {label}: profile {name} has no model; write it as {name}:MODEL.")
        lanes.append(Lane(label, profile, model))
    if len({lane.label for lane in lanes}) != len(lanes):
        raise ProfileError("--compare: each lane must be different.")
    return lanes


def without_failover(session: ChatSession) -> ChatSession:
    """The same session (client, keys, store, prices, inspector records) that never tries a fallback."""
    return ChatSession(
        session.client,
        session.keys,
        session.store,
        session.profiles,
        clock=session.clock,
        prices=session.prices,
        exchanges=session.exchanges,
        lookup=None,
    )


class Comparison:
    """The running lanes of one prompt: their turns in lane order, stopped together."""

    def __init__(self, lanes: Sequence[Lane], turns: list[Turn]) -> None:
        self.lanes = list(lanes)
        self.turns = turns

    @property
    def running(self) -> bool:
        return any(turn.running for turn in self.turns)

    @property
    def user(self) -> Message | None:
        """The user's message as saved by the first lane (None before any lane started)."""
        return self.turns[0].user if self.turns else None

    def stop(self) -> bool:
        """Stop every lane that still runs, each once. True when at least one was running."""
        stopped = [turn.stop() for turn in self.turns]  # every lane, not just up to the first True
        return any(stopped)

    async def wait(self) -> None:
        """Until every lane ended. Cancelled (Ctrl-C): stop every lane, let each save its text, re-raise."""
        tasks = [turn.handle.task for turn in self.turns]
        if not tasks:
            return
        try:
            await asyncio.wait(tasks)
        except asyncio.CancelledError:
            self.stop()
            await asyncio.wait(tasks)
            raise


def start_lanes(
    turns: Turns,
    lanes: Sequence[Lane],
    user: Message,
    *,
    on_event: Callable[[Lane], EventCallback],
    on_ended: Callable[[Lane, Turn], None],
    conversation_id: int | None,
    system_prompt: str = "",
    parent_id: int | None = None,
    params: Callable[[Lane], GenerationParams] | None = None,
) -> Comparison:
    """Start every lane; must be called with a running event loop.

    The first lane saves `user` under `parent_id` (None: the conversation's first message); the others
    answer that saved message. Raises StoreError when the user's message cannot be saved: then nothing was
    sent. `params(lane)` gives each lane's request settings (default: only its model).
    """
    started: list[Turn] = []
    answered: int | None = None  # the saved user message's id, once the first lane saved it
    try:
        for lane in lanes:
            turn = turns.start(
                profile=lane.profile,
                params=params(lane) if params is not None else GenerationParams(model=lane.model),
                on_event=on_event(lane),
                on_ended=_ended_for(lane, on_ended),
                conversation_id=conversation_id,
                system_prompt=system_prompt,
                user=user if answered is None else None,
                parent_id=parent_id if answered is None else answered,
            )
            started.append(turn)
            if answered is None and turn.user is not None:
                answered = turn.user.id  # None when nothing is saved: then every lane sends `user`
    except BaseException:
        for turn in started:  # a later lane could not start (its branch unreadable): none goes on alone
            turn.stop()
        raise
    return Comparison(lanes, started)


def _ended_for(lane: Lane, on_ended: Callable[[Lane, Turn], None]) -> Callable[[Turn], None]:
    return lambda turn: on_ended(lane, turn)


@dataclass
class LaneMeter:
    """A lane's figures while it streams (the session measures the exact ones, saved at its end).

    The clock starts when the lane starts, so the live TTFT includes reading the key from the keyring;
    the figure shown once the lane ended is the session's, which starts after it.
    """

    lane: Lane
    price: Price | None = None
    clock: Callable[[], float] = time.monotonic
    recorder: ReplyRecorder = field(init=False)

    def __post_init__(self) -> None:
        self.recorder = ReplyRecorder(started=self.clock(), clock=self.clock)

    def add(self, event: StreamEvent) -> None:
        self.recorder.add(event)

    def message(self) -> Message:
        """The reply so far as a message, for the status line's words."""
        metrics = self.recorder.metrics()
        usage = self.recorder.usage
        return Message(
            role=Role.ASSISTANT,
            content="",
            status=MessageStatus.STREAMING,
            profile=self.lane.profile.name,
            model=self.lane.model,
            usage=usage,
            ttft_ms=metrics["ttft_ms"],
            tokens_per_s=metrics["tokens_per_s"],
            cost=cost_of(usage, self.price),
        )
