"""How much the partial saver writes as a reply grows (app/reply_saver.py), counted in characters handed to a
store, under a fake clock: O(n) in all for a reply of n characters, not O(n²)."""

from __future__ import annotations

from app.core.errors import StoreError
from app.core.events import ContentDelta
from app.core.models import Message, MessageStatus, Role
from app.reply_saver import PARTIAL_SAVE_INTERVAL, ReplySaver
from app.session import ReplyRecorder


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class CountingStore:
    """Counts what each save would write; can refuse saves (a locked database)."""

    def __init__(self) -> None:
        self.written = 0
        self.saves = 0
        self.refuse = False

    def add_message(
        self,
        conversation_id: int,
        message: Message,
        *,
        parent: int | None = None,
        timeout: float | None = None,
    ) -> Message:
        return Message(role=message.role, content=message.content, id=1, conversation_id=conversation_id)

    def save_partial(
        self, message_id: int, content: str, reasoning: str, *, timeout: float | None = None
    ) -> None:
        if self.refuse:
            raise StoreError("database is locked")
        self.saves += 1
        self.written += len(content) + len(reasoning)

    def finish_message(self, message: Message, *, timeout: float | None = None) -> None:
        pass

    def end_streaming(
        self, message_id: int, status: MessageStatus, note: str, *, timeout: float | None = None
    ) -> None:
        pass


def stream(saver: ReplySaver, clock: Clock, total_chars: int, delta: str, gap_s: float) -> ReplyRecorder:
    recorder = ReplyRecorder(started=clock(), clock=clock)
    for _ in range(total_chars // len(delta)):
        clock.now += gap_s
        recorder.add(ContentDelta(delta))
        saver.maybe_save(recorder)
    return recorder


def new_saver(store: CountingStore, clock: Clock) -> ReplySaver:
    saver = ReplySaver(store, 7, None, Message(role=Role.ASSISTANT, content=""), clock)
    saver.create()
    return saver


def test_saves_of_a_big_reply_write_o_of_n_in_all() -> None:
    store, clock = CountingStore(), Clock()
    n = 8 * 1024 * 1024
    # A save every interval: the old saver rewrote the whole reply each time (~n²/2 / 64k ≈ 500 M chars).
    stream(new_saver(store, clock), clock, n, "x" * 65536, PARTIAL_SAVE_INTERVAL)
    assert store.saves > 10
    assert store.written < 12 * n, store.written


def test_a_small_reply_is_still_saved_every_interval() -> None:
    store, clock = CountingStore(), Clock()
    stream(new_saver(store, clock), clock, 10_000, "x" * 100, PARTIAL_SAVE_INTERVAL)
    assert store.saves == 100  # one per delta: each came an interval after the last


def test_refused_saves_back_off_and_resume() -> None:
    store, clock = CountingStore(), Clock()
    saver = new_saver(store, clock)
    recorder = ReplyRecorder(started=clock(), clock=clock)
    store.refuse = True
    attempts = 0
    for _ in range(200):  # 20 s of deltas every 0.1 s while the database is locked
        clock.now += 0.1
        recorder.add(ContentDelta("x"))
        before = saver.failure
        saver.maybe_save(recorder)
        attempts += saver.failure is not before
    assert saver.failure is not None
    assert attempts < 12  # backing off: not 40 attempts (one per interval)
    store.refuse = False
    clock.now += 10
    recorder.add(ContentDelta("y"))
    saver.maybe_save(recorder)
    assert saver.failure is None and store.written == 201
