"""ChatSession against the real local test server and a real ConversationStore in tmp_path.

What a user would notice: the reply row in the database (while streaming and after), its status after a
stop, an error or a dropped connection, the key advice, and that a refused stream_options is remembered.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.core.errors import ErrorKind, KeystoreError
from app.core.events import ContentDelta, StreamEvent, StreamOptionsRejected
from app.core.models import AUTH_NONE, GenerationParams, Message, MessageStatus, Profile, Role, Usage
from app.net.client import ChatClient
from app.net.pool import HttpPool
from app.session import ChatSession, GenerationHandle, ProfileSink
from app.store import ConversationStore
from tests.support.server import (
    Reply,
    TestServer,
    completion_chunk,
    endless_sse_reply,
    json_error_reply,
    slow_sse_reply,
    sse_event,
    sse_reply,
)

KEY = "sk-session-0123456789abcdef"
HI = [Message(role=Role.USER, content="hi")]


class Keys:
    """An in-memory KeySource (the real keystore has its own tests against a real keyring)."""

    def __init__(self, keys: dict[str, str] | None = None, *, fail: str | None = None) -> None:
        self._keys = keys or {}
        self._fail = fail

    async def aget(self, name: str) -> str | None:
        if self._fail is not None:
            raise KeystoreError(self._fail)
        return self._keys.get(name)


@dataclass
class RecordingSink:
    updated: list[Profile] = field(default_factory=list)
    saves: int = 0
    fail: bool = False

    def update(self, profile: Profile) -> object:
        self.updated.append(profile)
        return profile

    def save(self) -> None:
        if self.fail:
            raise OSError("disk full")
        self.saves += 1


@dataclass
class Run:
    """What one generation produced, as a caller sees it."""

    result: Message | None = None
    cancelled: bool = False
    events: list[StreamEvent] = field(default_factory=list)
    finished: list[Message] = field(default_factory=list)

    @property
    def streamed_text(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, ContentDelta))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sluice.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[ConversationStore]:
    st = ConversationStore.open(db_path)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def conversation_id(store: ConversationStore) -> int:
    return store.create_conversation("test").id


def _profile(server: TestServer, **changes: object) -> Profile:
    fields: dict[str, object] = {"name": "local", "base_url": server.base_url, "model": "test-model"}
    fields.update(changes)
    return Profile(**fields)  # type: ignore[arg-type]


def generate(
    profile: Profile,
    *,
    store: ConversationStore | None,
    conversation_id: int | None,
    keys: Keys | None = None,
    sink: ProfileSink | None = None,
    on_event: Callable[[StreamEvent], None] | None = None,
) -> Run:
    run = Run()

    def record(event: StreamEvent) -> None:
        run.events.append(event)
        if on_event is not None:
            on_event(event)

    async def scenario() -> None:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), keys or Keys({profile.name: KEY}), store, sink)
            run.result = await session.generate(
                profile,
                HI,
                GenerationParams(""),
                record,
                conversation_id=conversation_id,
                on_finished=run.finished.append,
            )
        finally:
            await pool.aclose()

    asyncio.run(scenario())
    return run


def test_a_complete_reply_is_saved_with_its_metrics(
    server: TestServer, store: ConversationStore, conversation_id: int
) -> None:
    reply = sse_reply(
        ["Hel", "lo", " world"],
        reasoning=["Let me ", "think."],
        usage={"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8},
    )
    reply.gap_s = 0.03  # spread the deltas so that a rate can be measured
    server.queue(reply)
    seen_while_streaming: list[Message] = []

    def on_event(_event: StreamEvent) -> None:
        if not seen_while_streaming:
            (row,) = store.messages(conversation_id)
            seen_while_streaming.append(row)

    run = generate(_profile(server), store=store, conversation_id=conversation_id, on_event=on_event)

    assert seen_while_streaming[0].status == MessageStatus.STREAMING
    assert seen_while_streaming[0].role == Role.ASSISTANT
    assert run.result is not None
    (row,) = store.messages(conversation_id)
    for message in (row, run.result):
        assert message.status == MessageStatus.COMPLETE
        assert message.content == "Hello world"
        assert message.reasoning == "Let me think."
        assert message.usage == Usage(5, 3, 8)
        assert message.finish_reason == "stop"
        assert message.profile == "local"
        assert message.model == "test-model"
        assert message.error_kind is None
        assert message.ttft_ms is not None and message.ttft_ms > 0
        assert message.tokens_per_s is not None and message.tokens_per_s > 0
        assert message.reasoning_ms is not None
    assert row.id == run.result.id == seen_while_streaming[0].id
    assert run.finished == [run.result]
    assert run.streamed_text == "Hello world"


def test_partial_text_is_in_the_database_while_streaming(
    server: TestServer, store: ConversationStore, conversation_id: int, db_path: Path
) -> None:
    server.queue(slow_sse_reply(30, 20))  # about 1.5 s; partial saves are every 0.5 s
    partials: list[Message] = []

    async def watch(task: asyncio.Task[Message]) -> None:
        reader = ConversationStore.open(db_path)  # another connection, as a second process would see it
        try:
            while not task.done():
                rows = reader.messages(conversation_id)
                if rows and rows[0].status == MessageStatus.STREAMING and rows[0].content:
                    partials.append(rows[0])
                await asyncio.sleep(0.05)
        finally:
            reader.close()

    async def scenario() -> Message:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), Keys({"local": KEY}), store)
            gen = asyncio.create_task(
                session.generate(
                    _profile(server),
                    HI,
                    GenerationParams(""),
                    lambda _e: None,
                    conversation_id=conversation_id,
                )
            )
            await watch(gen)
            return await gen
        finally:
            await pool.aclose()

    final = asyncio.run(scenario())
    assert final.content == "word " * 30
    assert all(final.content.startswith(p.content) for p in partials)
    # The last save may already hold every word (the finish event arrives after it); one must not.
    assert any(len(p.content) < len(final.content) for p in partials), "no partial text was seen mid-stream"
    assert store.get_message(final.id or 0).status == MessageStatus.COMPLETE


def test_stop_keeps_the_partial_reply_and_hangs_up(
    server: TestServer, store: ConversationStore, conversation_id: int
) -> None:
    server.queue(endless_sse_reply("tick ", gap_s=0.01))
    finished: list[Message] = []
    streamed: list[str] = []

    async def scenario() -> tuple[bool, bool, int, bool, bool]:
        pool = HttpPool()
        enough = asyncio.Event()

        def on_event(event: StreamEvent) -> None:
            if isinstance(event, ContentDelta) and event.text:
                streamed.append(event.text)
                if len(streamed) >= 5:
                    enough.set()

        try:
            session = ChatSession(ChatClient(pool), Keys({"local": KEY}), store)
            handle = GenerationHandle(
                session.generate(
                    _profile(server),
                    HI,
                    GenerationParams(""),
                    on_event,
                    conversation_id=conversation_id,
                    on_finished=finished.append,
                )
            )
            await asyncio.wait_for(enough.wait(), 5)
            first, second = handle.stop(), handle.stop()
            cancels = handle.task.cancelling()
            with pytest.raises(asyncio.CancelledError):
                await handle.task  # documented: the partial reply is saved, then the cancellation propagates
            closed = await asyncio.to_thread(server.wait_until_closed, 5.0)  # before the pool is closed
            return first, second, cancels, handle.running, closed
        finally:
            await pool.aclose()

    first, second, cancels, running, closed = asyncio.run(scenario())
    assert (first, second) == (True, False)
    assert cancels == 1
    assert not running
    assert closed, "the server still sees the stopped reply's connection"
    assert len(server.disconnect_times) == 1
    (row,) = store.messages(conversation_id)
    assert row.status == MessageStatus.CANCELLED
    assert row.content == "".join(streamed)
    assert row.content.startswith("tick tick tick tick tick")
    assert row.error_kind is None
    assert [m.status for m in finished] == [MessageStatus.CANCELLED]
    assert finished[0].content == row.content


def test_stop_after_the_end_does_nothing(server: TestServer) -> None:
    server.queue(sse_reply(["done"]))

    async def scenario() -> tuple[bool, Message]:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), Keys({"local": KEY}))
            handle = GenerationHandle(
                session.generate(_profile(server), HI, GenerationParams(""), lambda _e: None)
            )
            message = await handle.task
            return handle.stop(), message
        finally:
            await pool.aclose()

    stopped, message = asyncio.run(scenario())
    assert stopped is False
    assert message.status == MessageStatus.COMPLETE


def test_http_401_is_an_error_row(server: TestServer, store: ConversationStore, conversation_id: int) -> None:
    server.queue(json_error_reply(401, "Invalid API key", type_="authentication_error"))
    run = generate(_profile(server), store=store, conversation_id=conversation_id)
    (row,) = store.messages(conversation_id)
    assert run.result is not None
    for message in (row, run.result):
        assert message.status == MessageStatus.ERROR
        assert message.error_kind == ErrorKind.AUTH
        assert message.error_message == "Invalid API key"
        assert message.content == ""
    assert run.finished == [run.result]


def test_a_dropped_stream_is_interrupted_with_the_partial_text(
    server: TestServer, store: ConversationStore, conversation_id: int
) -> None:
    chunks = [
        sse_event(completion_chunk({"role": "assistant", "content": ""})),
        sse_event(completion_chunk({"content": "Half "})),
        sse_event(completion_chunk({"content": "a reply"})),
    ]
    server.queue(Reply(headers={"content-type": "text/event-stream"}, chunks=chunks, end="drop"))
    run = generate(_profile(server), store=store, conversation_id=conversation_id)
    (row,) = store.messages(conversation_id)
    assert run.result is not None
    for message in (row, run.result):
        assert message.status == MessageStatus.INTERRUPTED
        assert message.error_kind == ErrorKind.INTERRUPTED
        assert message.content == "Half a reply"
    assert run.finished == [run.result]


def test_a_missing_key_says_how_to_add_one(
    server: TestServer, store: ConversationStore, conversation_id: int
) -> None:
    run = generate(_profile(server, name="work"), store=store, conversation_id=conversation_id, keys=Keys({}))
    assert run.result is not None
    assert run.result.status == MessageStatus.ERROR
    assert run.result.error_kind == ErrorKind.KEY
    assert "sluice profile set-key work" in (run.result.error_message or "")
    assert store.messages(conversation_id)[0].error_kind == ErrorKind.KEY
    assert run.finished == [run.result]
    assert server.requests == []  # nothing was sent without a key


def test_a_keyring_failure_is_a_key_error(server: TestServer) -> None:
    run = generate(
        _profile(server), store=None, conversation_id=None, keys=Keys(fail="The keyring is locked.")
    )
    assert run.result is not None
    assert run.result.error_kind == ErrorKind.KEY
    assert run.result.error_message == "The keyring is locked."
    assert server.requests == []


def test_a_profile_without_auth_needs_no_key(server: TestServer) -> None:
    server.queue(sse_reply(["local model"]))
    run = generate(_profile(server, auth=AUTH_NONE), store=None, conversation_id=None, keys=Keys({}))
    assert run.result is not None
    assert run.result.content == "local model"
    assert "authorization" not in server.requests[0].headers


@pytest.mark.parametrize(
    "sink_fails",
    [
        False,
        pytest.param(
            True, marks=pytest.mark.allow_log("ERROR", "app.session", "^could not save the profile change$")
        ),
    ],
)
def test_refused_stream_options_are_remembered_on_the_profile(
    server: TestServer, store: ConversationStore, conversation_id: int, sink_fails: bool
) -> None:
    server.queue(json_error_reply(400, "Unrecognized request argument supplied: stream_options"))
    server.queue(sse_reply(["retried"]))
    sink = RecordingSink(fail=sink_fails)
    profile = _profile(server, stream_usage=True)
    run = generate(profile, store=store, conversation_id=conversation_id, sink=sink)
    assert [p.stream_usage for p in sink.updated] == [False]
    assert sink.updated[0].name == profile.name
    assert sink.saves == (0 if sink_fails else 1)
    assert run.result is not None
    assert run.result.status == MessageStatus.COMPLETE  # a failed save never fails the reply
    assert run.result.content == "retried"
    assert not any(isinstance(e, StreamOptionsRejected) for e in run.events)


def test_without_a_store_the_reply_is_returned_only(server: TestServer) -> None:
    server.queue(sse_reply(["not ", "saved"]))
    run = generate(_profile(server), store=None, conversation_id=None)
    assert run.result is not None
    assert run.result.id is None
    assert run.result.content == "not saved"
    assert run.result.status == MessageStatus.COMPLETE
    assert run.finished == [run.result]


def test_with_a_store_but_no_conversation_nothing_is_written(
    server: TestServer, store: ConversationStore, db_path: Path
) -> None:
    server.queue(sse_reply(["off the record"]))
    run = generate(_profile(server), store=store, conversation_id=None)
    assert run.result is not None
    assert run.result.content == "off the record"
    with sqlite3.connect(db_path) as db:
        (count,) = db.execute("SELECT count(*) FROM messages").fetchone()
    db.close()
    assert count == 0


def test_time_to_first_token_does_not_count_the_keyring_lookup(server: TestServer) -> None:
    """Issue 11, 6.6: the CLI's ttft_ms included the first keyring lookup (~160 ms). The clock here only
    moves while the key is looked up, so a TTFT that counts the lookup shows it whole."""
    server.queue(sse_reply(["fast"]))
    now = [1000.0]

    class SlowKeys:
        async def aget(self, name: str) -> str | None:
            now[0] += 5.0  # an unlock prompt answered after five seconds
            return KEY

    async def scenario() -> Message:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), SlowKeys(), clock=lambda: now[0])
            return await session.generate(_profile(server), HI, GenerationParams(""), lambda _e: None)
        finally:
            await pool.aclose()

    message = asyncio.run(scenario())
    assert message.content == "fast"
    assert message.ttft_ms == 0.0
