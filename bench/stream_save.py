"""Saving a big reply as it streams: what the partial saves cost, the old way and the new.

A reply of --mb million characters arrives in --delta-character pieces at --rate characters/s into a real
ConversationStore (a SQLite file in a temporary folder). The clock the saver reads is the simulated arrival
time plus the real time spent saving — the event loop is blocked while a save runs, as in the app — so a
saver whose saves grow slower than its interval falls behind the way it did for the attack review.

`old`: a rewrite of the whole reply every PARTIAL_SAVE_INTERVAL (Sluice before issue 12, break 5).
`new`: app.reply_saver.ReplySaver (every interval up to REWRITE_FREE_CHARS, then once grown by 1/8).

Prints characters written, time spent saving, saves, and the database + WAL size; always exits 0.

    python bench/stream_save.py [--mb 32] [--rate 2000000] [--delta 4096]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from app.core.events import ContentDelta
from app.core.models import Message, MessageStatus, Role
from app.reply_saver import PARTIAL_SAVE_INTERVAL, ReplySaver
from app.session import ReplyRecorder
from app.store import ConversationStore


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class TimedStore:
    """The real store, counting what the saves write and how long they take."""

    def __init__(self, store: ConversationStore, clock: Clock) -> None:
        self.store, self.clock = store, clock
        self.saves = 0
        self.chars = 0
        self.seconds = 0.0

    def add_message(self, conversation_id: int, message: Message, **kw: object) -> Message:
        return self.store.add_message(conversation_id, message)

    def save_partial(self, message_id: int, content: str, reasoning: str, **kw: object) -> None:
        started = time.perf_counter()
        self.store.save_partial(message_id, content, reasoning)
        spent = time.perf_counter() - started
        self.seconds += spent
        self.clock.now += spent  # the loop was blocked meanwhile: the stream is that much later
        self.saves += 1
        self.chars += len(content) + len(reasoning)

    def finish_message(self, message: Message, **kw: object) -> None:
        self.store.finish_message(message)

    def end_streaming(self, message_id: int, status: MessageStatus, note: str, **kw: object) -> None:
        pass


def run(policy: str, total: int, rate: float, delta: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        store = ConversationStore.open(path)
        clock = Clock()
        timed = TimedStore(store, clock)
        conversation = store.create_conversation("bench")
        piece = "x" * delta
        recorder = ReplyRecorder(started=0.0, clock=clock)
        saver = ReplySaver(timed, conversation.id, None, Message(role=Role.ASSISTANT, content=""), clock)
        saver.create()
        assert saver.message.id is not None
        last = 0.0
        started = time.perf_counter()
        for _ in range(total // delta):
            clock.now += delta / rate
            recorder.add(ContentDelta(piece))
            if policy == "new":
                saver.maybe_save(recorder)
            elif clock.now - last >= PARTIAL_SAVE_INTERVAL:
                last = clock.now
                timed.save_partial(saver.message.id, recorder.content, recorder.reasoning)
        wall = time.perf_counter() - started
        wal = path.with_name(path.name + "-wal")
        size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        store.close()
    print(
        f"{policy}: {total / 1e6:.0f}M chars in {total // delta} deltas; {timed.saves} saves wrote "
        f"{timed.chars / 1e6:.0f}M chars ({timed.chars / total:.1f}x the reply) in {timed.seconds:.2f} s "
        f"of {wall:.2f} s; stream ended at {clock.now:.1f} s (network alone: {total / rate:.1f} s); "
        f"db + WAL {size / 1e6:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=32.0, help="reply size, millions of characters")
    parser.add_argument("--rate", type=float, default=2_000_000.0, help="characters per second")
    parser.add_argument("--delta", type=int, default=4096, help="characters per delta")
    args = parser.parse_args()
    total = int(args.mb * 1_000_000)
    for policy in ("old", "new"):
        run(policy, total, args.rate, args.delta)


if __name__ == "__main__":
    main()
