"""Churn: 1,000 generations in a row through one ChatSession, one pool and one database, as a long day in
the window goes, with Stop pressed at random moments (seeded), sometimes twice.

Afterwards nothing may be left: no busy connection in the pool, none open on the server's side that the pool
does not know of, no pending asyncio task, and memory flat between generation 100 and 1,000: Python's live
allocations (`sys.getallocatedblocks`, exact and free to read, where tracemalloc would double the run time)
and the process's resident size.

This test found two bugs: a Stop dropped when it landed while anyio was connecting (GenerationHandle read
`task.cancelling()`), and pool slots lost for good when a Stop landed inside httpcore's connect or close
(encode/httpcore#1093; see HttpPool.reclaim_orphans and client._close_response).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core.events import ContentDelta, StreamEvent
from app.core.models import GenerationParams, Message, MessageStatus, Profile, Role
from app.net.client import ChatClient
from app.net.pool import HttpPool
from app.session import ChatSession, GenerationHandle
from app.store import ConversationStore
from tests.support.faults import MemoryKeys, like_qasync, settle_tasks
from tests.support.server import Reply, Request, TestServer, endless_sse_reply, sse_reply

GENERATIONS = 1_000
WARM_UP = 100  # memory is compared between the end of the warm-up and the end of the run
# What the last 900 generations may add. Measured here: about +100 blocks and +2.3 MB of RSS (SQLite's page
# cache and the allocator's arenas settling). A leak of 3 objects per generation is 2,700 blocks.
MAX_BLOCK_GROWTH = 2_000
MAX_RSS_GROWTH = 10 * 1024 * 1024
SEED = 20240605


def _reply_for(request: Request) -> Reply:
    """The client says in its prompt what it wants: "endless", or "short N" (N deltas, then the end)."""
    prompt = request.json()["messages"][-1]["content"]
    if prompt.startswith("short "):
        count = int(prompt.split()[1])
        reply = sse_reply([f"s{i} " for i in range(count)])
        reply.gap_s = 0.001
        return reply
    return endless_sse_reply("tick ", gap_s=0.001)


@dataclass(frozen=True)
class Plan:
    """One generation: what the server sends, and when the user presses Stop."""

    prompt: str
    stop_after_s: float | None  # stop this long after starting (0: before the task ever ran)
    stop_after_deltas: int | None  # or once this many deltas arrived
    double: bool  # press Stop twice

    @staticmethod
    def draw(rng: random.Random) -> Plan:
        roll = rng.random()
        double = rng.random() < 0.3
        if roll < 0.1:
            return Plan("endless", 0.0, None, double)
        if roll < 0.35:
            return Plan("endless", rng.uniform(0.0, 0.02), None, double)
        if roll < 0.8:
            return Plan("endless", None, rng.randint(1, 20), double)
        count = rng.randint(1, 8)
        # A short reply: sometimes stopped before it ends, sometimes after (Stop then does nothing).
        return Plan(f"short {count}", rng.uniform(0.0, 0.03), None, double)


@dataclass
class Tally:
    statuses: Counter[str]
    pending_seen: int = 0
    stops_refused_twice: int = 0


async def _one(session: ChatSession, profile: Profile, store: ConversationStore, plan: Plan) -> str:
    """Run one generation to its end; return how it ended ("complete", "cancelled", "not started")."""
    conversation = store.create_conversation(plan.prompt)
    user = store.add_message(conversation.id, Message(role=Role.USER, content=plan.prompt))
    seen: list[str] = []
    enough = asyncio.Event()
    finished: list[Message] = []

    def on_event(event: StreamEvent) -> None:
        if isinstance(event, ContentDelta) and event.text:
            seen.append(event.text)
            if plan.stop_after_deltas is not None and len(seen) >= plan.stop_after_deltas:
                enough.set()

    handle = GenerationHandle(
        session.generate(
            profile,
            [user],
            GenerationParams(""),
            on_event,
            conversation_id=conversation.id,
            on_finished=finished.append,
        )
    )
    if plan.stop_after_s == 0.0:
        pass  # Stop before the task ran even once
    elif plan.stop_after_s is not None:
        await asyncio.wait([handle.task], timeout=plan.stop_after_s)
    else:
        waiter = asyncio.ensure_future(enough.wait())
        await asyncio.wait([waiter, handle.task], return_when=asyncio.FIRST_COMPLETED, timeout=30)
        waiter.cancel()
    first = handle.stop()
    second = handle.stop() if plan.double else False
    assert not second, "a second Stop must not cancel again"
    try:
        result = await asyncio.wait_for(asyncio.shield(handle.task), 30)
    except asyncio.CancelledError:
        assert first
        rows = store.messages(conversation.id)
        if not finished:  # stopped before generate() ran: nothing arrived, nothing to save
            assert len(rows) == 1
            return "not started"
        (final,) = finished
        assert final.status == MessageStatus.CANCELLED
        assert final.content == "".join(seen)  # what was shown is what was kept
        assert rows[-1].status == MessageStatus.CANCELLED and rows[-1].content == final.content
        return "cancelled"
    assert not first
    assert result.status == MessageStatus.COMPLETE, (result.error_kind, result.error_message)
    assert finished == [result]
    assert store.messages(conversation.id)[-1].status == MessageStatus.COMPLETE
    return "complete"


@pytest.fixture
def quiet_root_logger() -> Iterator[None]:
    """Another test may have left the root logger at DEBUG (setup_logging): 1,000 generations of httpcore
    debug records, kept by pytest's log capture, would be measured as our memory."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.setLevel(level)


def test_a_thousand_generations_with_random_stops(
    server: TestServer, tmp_path: Path, quiet_root_logger: None
) -> None:
    server.set_default(_reply_for)
    profile = Profile(name="churn", base_url=server.base_url, model="m", proxy="none", read_timeout=30)
    rng = random.Random(SEED)
    plans = [Plan.draw(rng) for _ in range(GENERATIONS)]
    store = ConversationStore.open(tmp_path / "sluice.db")
    tally = Tally(Counter())
    blocks: dict[int, int] = {}
    rss: dict[int, int | None] = {}

    def measure(at: int) -> None:
        server.forget()  # the test server's own record of requests is not the client's memory
        gc.collect()
        blocks[at] = sys.getallocatedblocks()
        rss[at] = _resident_bytes()

    async def scenario() -> tuple[int, int, int, list[str]]:
        pool = HttpPool()
        session = ChatSession(ChatClient(pool), MemoryKeys({"churn": "sk-churn-0123456789"}), store)
        try:
            with like_qasync():
                for number, plan in enumerate(plans, start=1):
                    tally.statuses[await _one(session, profile, store, plan)] += 1
                    if len(asyncio.all_tasks()) > 1:
                        tally.pending_seen += 1
                    if number in (WARM_UP, GENERATIONS):
                        measure(number)
            leftovers = [repr(t) for t in await settle_tasks()]
            stats = pool.stats()
            # The server's view before the pool closes: only the pool's idle keep-alive connections may be
            # open, never one the client has forgotten.
            server_open = await asyncio.to_thread(_settled_open_count, server, stats.open)
            return stats.busy, stats.open, server_open, leftovers
        finally:
            await pool.aclose()

    try:
        busy, pool_open, server_open, leftovers = asyncio.run(scenario())
    finally:
        store.close()

    assert sum(tally.statuses.values()) == GENERATIONS
    # The seeded plan must really exercise every ending (guards against a plan that stops nothing).
    assert tally.statuses["cancelled"] > 400 and tally.statuses["complete"] > 20, tally.statuses
    assert tally.statuses["not started"] > 20, tally.statuses
    assert busy == 0
    assert server_open == pool_open <= 1
    assert leftovers == []
    assert tally.pending_seen == 0, "a generation left a task running after it returned"
    assert server.wait_until_closed(10), "closing the pool left a connection open"
    assert server.errors == []
    grown = blocks[GENERATIONS] - blocks[WARM_UP]
    assert grown < MAX_BLOCK_GROWTH, (
        f"{grown} more live Python allocations after {GENERATIONS} than {WARM_UP}"
    )
    before, after = rss[WARM_UP], rss[GENERATIONS]
    if before is not None and after is not None:
        assert after - before < MAX_RSS_GROWTH, f"RSS grew {(after - before) / 1e6:.1f} MB"


def _settled_open_count(server: TestServer, expected: int) -> int:
    """The server's count of open connections once it agrees with `expected` (closing sockets takes the
    server a poll or two to notice), or whatever it says after a generous wait."""
    for _ in range(500):
        if server.open_connections == expected:
            break
        time.sleep(0.02)
    return server.open_connections


def _resident_bytes() -> int | None:
    """The process's resident set size, where /proc tells it (Linux); None elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
