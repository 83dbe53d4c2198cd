"""One chat turn (app/turns.py) against the real test server and a real SQLite file: what is sent, what is
kept, and how a turn ends when the database refuses it (locked by another process, full disk).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import reply_saver
from app import session as session_module
from app.core.errors import ErrorKind, StoreError
from app.core.events import ContentDelta, StreamEvent
from app.core.models import GenerationParams, Message, MessageStatus, Profile, Role
from app.net.client import ChatClient
from app.net.pool import HttpPool
from app.session import ChatSession
from app.store import ConversationStore
from app.turns import Turn, Turns
from tests.support.server import TestServer, endless_sse_reply, slow_sse_reply, sse_reply

KEY = "sk-turns-0123456789abcdef"


class Keys:
    async def aget(self, name: str) -> str | None:
        return KEY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sluice.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[ConversationStore]:
    st = ConversationStore.open(db_path)
    yield st
    st.close()


def profile(server: TestServer) -> Profile:
    return Profile(name="local", base_url=server.base_url, model="test-model")


def run_turn(
    server: TestServer,
    store: ConversationStore | None,
    conversation_id: int | None,
    *,
    text: str | None,
    parent_id: int | None = None,
    system_prompt: str = "",
    on_event: Callable[[StreamEvent], None] = lambda _e: None,
    stop_at_once: bool = False,
    wrap: Callable[[ConversationStore], object] | None = None,
) -> Turn:
    ended: list[Turn] = []

    async def scenario() -> Turn:
        pool = HttpPool()
        try:
            target = wrap(store) if wrap is not None and store is not None else store
            turns = Turns(ChatSession(ChatClient(pool), Keys(), target), target)  # type: ignore[arg-type]
            turn = turns.start(
                profile=profile(server),
                params=GenerationParams(""),
                on_event=on_event,
                on_ended=ended.append,
                conversation_id=conversation_id,
                system_prompt=system_prompt,
                user=None if text is None else Message(role=Role.USER, content=text),
                parent_id=parent_id,
            )
            if stop_at_once:
                turn.stop()
            await asyncio.wait([turn.handle.task])
            await asyncio.sleep(0)
            return turn
        finally:
            await pool.aclose()

    turn = asyncio.run(scenario())
    assert ended == [turn]  # the one end, always
    return turn


def sent_texts(server: TestServer, index: int = -1) -> list[tuple[str, str]]:
    body = server.requests[index].json()
    return [(m["role"], m["content"]) for m in body["messages"]]


# -- what a turn saves and sends ----------------------------------------------------------------------


def test_a_turn_saves_the_question_and_the_reply_under_it(
    server: TestServer, store: ConversationStore
) -> None:
    c = store.create_conversation("c")
    server.queue(sse_reply(["Hel", "lo"]))

    turn = run_turn(server, store, c.id, text="hi", system_prompt="Be brief.")

    assert turn.user is not None and turn.message is not None
    assert turn.message.status == MessageStatus.COMPLETE
    assert turn.message.parent_id == turn.user.id
    assert [(m.role, m.content) for m in store.active_path(c.id)] == [
        (Role.USER, "hi"),
        (Role.ASSISTANT, "Hello"),
    ]
    assert sent_texts(server) == [("system", "Be brief."), ("user", "hi")]


def test_regenerate_and_edit_add_versions_and_send_only_their_branch(
    server: TestServer, store: ConversationStore
) -> None:
    c = store.create_conversation("c")
    server.queue(sse_reply(["first answer"]))
    first = run_turn(server, store, c.id, text="question")
    assert first.user is not None and first.message is not None
    server.queue(sse_reply(["second answer"]))
    run_turn(server, store, c.id, text=None, parent_id=first.user.id)  # Regenerate
    server.queue(sse_reply(["follow-up answer"]))
    follow = run_turn(server, store, c.id, text="and then?", parent_id=store.active_path(c.id)[-1].id)

    # The follow-up was sent the second answer only, not the first one it replaced on screen.
    assert sent_texts(server) == [
        ("user", "question"),
        ("assistant", "second answer"),
        ("user", "and then?"),
    ]
    assert follow.user is not None
    server.queue(sse_reply(["edited answer"]))
    run_turn(server, store, c.id, text="and then, edited?", parent_id=follow.user.parent_id)  # Edit

    assert [m.content for m in store.active_path(c.id)] == [
        "question",
        "second answer",
        "and then, edited?",
        "edited answer",
    ]
    assert len(store.messages(c.id)) == 7  # nothing was deleted
    assert [m.content for m in store.siblings(first.message.id or 0)] == ["first answer", "second answer"]


def test_without_a_store_the_turn_sends_the_message_and_saves_nothing(server: TestServer) -> None:
    server.queue(sse_reply(["ok"]))
    turn = run_turn(server, None, None, text="hi")
    assert turn.message is not None and turn.message.content == "ok" and turn.message.id is None
    assert sent_texts(server) == [("user", "hi")]


def test_a_turn_stopped_before_it_began_still_ends_with_a_message(
    server: TestServer, store: ConversationStore
) -> None:
    c = store.create_conversation("c")
    turn = run_turn(server, store, c.id, text="hi", stop_at_once=True)
    assert turn.message is not None
    assert turn.message.status == MessageStatus.CANCELLED
    assert [m.content for m in store.active_path(c.id)] == ["hi"]  # the question is kept
    assert server.requests == []


# -- the database refuses ------------------------------------------------------------------------------


class FinishFails:
    """The real store, except that writing the final message fails (as a full disk or a lock would)."""

    def __init__(self, store: ConversationStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def finish_message(self, message: Message, *, timeout: float | None = None) -> None:
        raise StoreError("The conversation database x could not be used: disk I/O error.")


def test_a_complete_reply_whose_final_save_fails_says_so_and_does_not_stay_streaming(
    server: TestServer, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reply_saver, "FINAL_SAVE_DELAYS_S", (0.01, 0.01))
    c = store.create_conversation("c")
    server.queue(sse_reply(["all ", "of ", "it"]))

    turn = run_turn(server, store, c.id, text="hi", wrap=FinishFails)

    assert turn.message is not None
    assert turn.message.status == MessageStatus.COMPLETE  # the reply itself was fine
    assert turn.message.content == "all of it"  # kept for the screen and the terminal
    assert turn.message.save_error is not None
    assert "could not be saved" in turn.message.save_error
    assert "disk I/O error" in turn.message.save_error
    (_, row) = store.active_path(c.id)
    assert row.status == MessageStatus.INTERRUPTED  # never left 'streaming'
    assert "Only part of this reply could be saved" in (row.error_message or "")


def test_the_stream_goes_on_while_another_process_locks_the_database(
    server: TestServer, store: ConversationStore, db_path: Path
) -> None:
    c = store.create_conversation("c")
    server.queue(slow_sse_reply(60, 40))  # 1.5 s
    locked, release = threading.Event(), threading.Event()
    seen: list[str] = []

    def hold_lock() -> None:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(10)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold_lock)

    def on_event(event: StreamEvent) -> None:
        if isinstance(event, ContentDelta):
            seen.append(event.text)
            if len(seen) == 5:  # the row exists; now another process takes the database
                holder.start()
                locked.wait(5)
            elif len(seen) == 40:  # ~0.9 s of saves refused, then the lock goes
                release.set()

    try:
        turn = run_turn(server, store, c.id, text="hi", on_event=on_event)
    finally:
        release.set()
        if holder.is_alive() or holder.ident is not None:
            holder.join(10)

    assert turn.message is not None
    assert turn.message.status == MessageStatus.COMPLETE
    assert turn.message.save_error is None
    assert len(seen) == 60  # not stopped at the lock
    (_, row) = store.active_path(c.id)
    assert row.status == MessageStatus.COMPLETE
    assert row.content == "word " * 60


def test_a_full_disk_keeps_the_reply_in_memory_and_says_what_was_not_saved(
    server: TestServer, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reply_saver, "FINAL_SAVE_DELAYS_S", (0.01, 0.01))
    monkeypatch.setattr(reply_saver, "PARTIAL_SAVE_INTERVAL", 0.0)
    c = store.create_conversation("c")
    token = "全" * 1000
    server.queue(slow_sse_reply(300, 0, token=token))  # ~900 KB of UTF-8
    events = [0]

    def on_event(event: StreamEvent) -> None:
        events[0] += 1
        if events[0] == 20:
            # A stand-in for a full disk: the file may not grow by more than a few pages from here.
            conn = store._conn  # the limit is per connection, so it goes on the store's own
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages + 4}")

    turn = run_turn(server, store, c.id, text="hi", on_event=on_event)

    assert turn.message is not None
    assert turn.message.status == MessageStatus.COMPLETE
    assert turn.message.content == token * 300  # all of it, in memory
    assert turn.message.save_error is not None and "full" in turn.message.save_error
    (_, row) = store.active_path(c.id)
    assert row.status == MessageStatus.INTERRUPTED  # what was saved, marked as partial
    assert 0 < len(row.content) < len(token * 300)
    assert (token * 300).startswith(row.content)


def test_a_reply_past_the_size_limit_is_stopped_and_kept(
    server: TestServer, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "MAX_REPLY_CHARS", 2000)
    c = store.create_conversation("c")
    server.queue(endless_sse_reply("x" * 100, gap_s=0.001))

    turn = run_turn(server, store, c.id, text="hi")

    assert turn.message is not None
    assert turn.message.status == MessageStatus.ERROR
    assert turn.message.error_kind == ErrorKind.TOO_LARGE
    assert len(turn.message.content) > 2000
    (_, row) = store.active_path(c.id)
    assert row.content == turn.message.content and row.error_kind == ErrorKind.TOO_LARGE
    assert server.wait_until_closed()  # the connection was closed, not left streaming


def test_a_reply_not_saved_at_its_end_is_saved_later_whole(
    server: TestServer, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reply_saver, "FINAL_SAVE_DELAYS_S", (0.01,))
    c = store.create_conversation("c")
    server.queue(sse_reply(["saved ", "in the end"]))
    turn = run_turn(server, store, c.id, text="hi", wrap=FinishFails)
    assert turn.message is not None and turn.message.save_error is not None
    assert store.active_path(c.id)[-1].status == MessageStatus.INTERRUPTED

    async def later() -> bool:
        turns = Turns(ChatSession(ChatClient(HttpPool()), Keys(), store), store)
        return await turns.save_later(turn.message, delays=(0.0,))  # type: ignore[arg-type]

    assert asyncio.run(later())
    row = store.active_path(c.id)[-1]
    assert (row.status, row.content) == (MessageStatus.COMPLETE, "saved in the end")
