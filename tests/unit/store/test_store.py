"""ConversationStore against a real SQLite file in tmp_path."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.errors import ErrorKind, StoreError
from app.core.models import Message, MessageStatus, Role, ToolCall, Usage
from app.store import DEFAULT_TITLE, ConversationStore, title_from_text
from app.store.schema import LATEST_VERSION

REPO_ROOT = Path(__file__).resolve().parents[3]
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and signals")


class TickingClock:
    """Every reading is one second later, so 'newer' never depends on the machine's timer resolution."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "sluice.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(db_path, clock=TickingClock())
    yield opened
    opened.close()


def full_message() -> Message:
    return Message(
        role=Role.ASSISTANT,
        content="你好，世界！这是回答。\n\n```python\nprint('hi')\n```",
        reasoning="先想一想……用户在打招呼。",
        status=MessageStatus.ERROR,
        profile="零度API",
        model="deepseek-reasoner",
        finish_reason="length",
        usage=Usage(prompt_tokens=12, completion_tokens=345, total_tokens=357),
        error_kind=ErrorKind.QUOTA,
        error_message="余额不足，请充值",
        ttft_ms=812.5,
        tokens_per_s=42.25,
        reasoning_ms=1500.0,
        tool_calls=(
            ToolCall(id="call_1", name="get_weather", arguments='{"city": "北京"}'),
            ToolCall(id="call_2", name="search", arguments='{"q": "\\"quoted\\" \\u00e9"}'),
        ),
    )


def make_database(path: Path, user_version: int, journal_mode: str = "wal") -> None:
    """A database as some Sluice (or a tool the user ran on it) would leave it, closed cleanly."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO conversations (title) VALUES ('kept')")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.commit()
    conn.close()


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


# -- messages -------------------------------------------------------------------------------------------


def test_every_message_field_round_trips(store: ConversationStore, db_path: Path) -> None:
    conversation = store.create_conversation("往返")
    added = store.add_message(conversation.id, full_message())

    assert added.id is not None
    assert added.conversation_id == conversation.id
    assert added.created > 0
    assert store.get_message(added.id) == added
    assert store.messages(conversation.id) == [added]

    store.close()
    reopened = ConversationStore.open(db_path)
    try:
        assert reopened.get_message(added.id) == added
    finally:
        reopened.close()


def test_a_message_without_usage_or_tools_reads_back_as_none_and_empty(store: ConversationStore) -> None:
    conversation = store.create_conversation("plain")
    added = store.add_message(conversation.id, Message(role=Role.USER, content="hi"))
    assert added.id is not None
    read = store.get_message(added.id)
    assert read.usage is None
    assert read.tool_calls == ()
    assert read.error_kind is None
    assert read == added


def test_finish_message_writes_the_outcome(store: ConversationStore) -> None:
    conversation = store.create_conversation("t")
    draft = store.add_message(
        conversation.id, Message(role=Role.ASSISTANT, content="", status=MessageStatus.STREAMING)
    )
    assert draft.id is not None
    store.save_partial(draft.id, "部分", "想")

    final = dataclasses.replace(full_message(), id=draft.id)
    store.finish_message(final)

    read = store.get_message(draft.id)
    assert read.conversation_id == conversation.id
    assert read.created == draft.created  # creation time is the store's, not the caller's
    for field in ("content", "reasoning", "status", "usage", "error_kind", "error_message", "tool_calls"):
        assert getattr(read, field) == getattr(final, field), field
    assert (read.ttft_ms, read.tokens_per_s, read.reasoning_ms) == (812.5, 42.25, 1500.0)


def test_finish_message_needs_a_stored_message(store: ConversationStore) -> None:
    with pytest.raises(ValueError):
        store.finish_message(Message(role=Role.ASSISTANT, content="x"))
    with pytest.raises(StoreError, match="Message 999"):
        store.finish_message(Message(role=Role.ASSISTANT, content="x", id=999))
    with pytest.raises(StoreError, match="Message 999"):
        store.save_partial(999, "x", "")
    with pytest.raises(StoreError, match="Message 999"):
        store.get_message(999)


def test_messages_come_back_in_the_order_they_were_added(store: ConversationStore) -> None:
    conversation = store.create_conversation("order")
    other = store.create_conversation("other")
    texts = ["one", "two", "three", "four"]
    for text in texts:
        store.add_message(conversation.id, Message(role=Role.USER, content=text))
        store.add_message(other.id, Message(role=Role.USER, content="noise"))
    assert [m.content for m in store.messages(conversation.id)] == texts


def test_adding_to_a_missing_conversation_is_refused(store: ConversationStore) -> None:
    with pytest.raises(StoreError, match="Conversation 42 does not exist"):
        store.add_message(42, Message(role=Role.USER, content="lost"))


def test_save_partial_is_visible_to_another_connection_at_once(
    store: ConversationStore, db_path: Path
) -> None:
    conversation = store.create_conversation("stream")
    draft = store.add_message(
        conversation.id, Message(role=Role.ASSISTANT, content="", status=MessageStatus.STREAMING)
    )
    store.save_partial(draft.id or 0, "流式的一半", "思考中")

    # A second connection sees only committed data: this is what a crash right now would leave.
    other = sqlite3.connect(db_path)
    try:
        row = other.execute(
            "SELECT content, reasoning, status FROM messages WHERE id = ?", (draft.id,)
        ).fetchone()
    finally:
        other.close()
    assert row == ("流式的一半", "思考中", "streaming")


@posix_only
def test_partial_text_survives_kill_9_and_is_marked_interrupted(db_path: Path) -> None:
    script = f"""
import os, signal
from pathlib import Path
from app.core.models import Message, MessageStatus, Role
from app.store import ConversationStore
store = ConversationStore.open(Path({str(db_path)!r}))
c = store.create_conversation("crash")
m = store.add_message(c.id, Message(role=Role.ASSISTANT, content="", status=MessageStatus.STREAMING))
store.save_partial(m.id, "写到一半", "")
os.kill(os.getpid(), signal.SIGKILL)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()

    store = ConversationStore.open(db_path)
    try:
        assert store.mark_interrupted() == 1
        (conversation,) = store.list_conversations()
        (message,) = store.messages(conversation.id)
        assert message.content == "写到一半"
        assert message.status is MessageStatus.INTERRUPTED
    finally:
        store.close()


def test_mark_interrupted_only_touches_streaming_messages(store: ConversationStore) -> None:
    conversation = store.create_conversation("crash")
    statuses = [
        MessageStatus.STREAMING,
        MessageStatus.COMPLETE,
        MessageStatus.STREAMING,
        MessageStatus.CANCELLED,
    ]
    for status in statuses:
        store.add_message(conversation.id, Message(role=Role.ASSISTANT, content="x", status=status))

    assert store.mark_interrupted() == 2
    assert [m.status for m in store.messages(conversation.id)] == [
        MessageStatus.INTERRUPTED,
        MessageStatus.COMPLETE,
        MessageStatus.INTERRUPTED,
        MessageStatus.CANCELLED,
    ]
    assert store.mark_interrupted() == 0


# -- conversations --------------------------------------------------------------------------------------


def test_conversations_are_listed_newest_activity_first(store: ConversationStore) -> None:
    assert store.last_conversation() is None
    first = store.create_conversation("first")
    second = store.create_conversation("second")
    assert [c.title for c in store.list_conversations()] == ["second", "first"]

    store.add_message(first.id, Message(role=Role.USER, content="bump"))
    assert [c.title for c in store.list_conversations()] == ["first", "second"]
    last = store.last_conversation()
    assert last is not None and last.id == first.id
    assert last.updated > store.get_conversation(second.id).updated

    # Renaming is not activity: the order stays.
    store.rename_conversation(second.id, "second, renamed")
    assert [c.title for c in store.list_conversations()] == ["first", "second, renamed"]
    assert [c.title for c in store.list_conversations(limit=1)] == ["first"]


def test_search_matches_titles_and_bodies_ignoring_case(store: ConversationStore) -> None:
    rust = store.create_conversation("Learning Rust")
    poem = store.create_conversation("写一首诗")
    street = store.create_conversation("German")
    store.add_message(rust.id, Message(role=Role.USER, content="How do lifetimes work?"))
    store.add_message(poem.id, Message(role=Role.ASSISTANT, content="床前明月光，疑是地上霜。"))
    store.add_message(street.id, Message(role=Role.USER, content="Die Straße ist lang."))

    def titles(search: str | None) -> set[str]:
        return {c.title for c in store.list_conversations(search)}

    assert titles("rust") == {"Learning Rust"}  # title, different case
    assert titles("LIFETIMES") == {"Learning Rust"}  # body, different case
    assert titles("首诗") == {"写一首诗"}  # Chinese title
    assert titles("明月") == {"写一首诗"}  # Chinese body
    assert titles("STRASSE") == {"German"}  # full Unicode case folding, not ASCII only
    assert titles("  rust ") == {"Learning Rust"}
    assert titles("100%") == set()  # LIKE wildcards mean nothing here
    assert titles("nowhere") == set()
    assert titles("") == titles(None) == {"Learning Rust", "写一首诗", "German"}


def test_conversation_settings_persist(store: ConversationStore, db_path: Path) -> None:
    conversation = store.create_conversation(
        "s", profile="openrouter", model="gpt-4o", system_prompt="Be brief."
    )
    assert store.get_conversation(conversation.id) == conversation

    store.rename_conversation(conversation.id, "新标题")
    store.set_conversation_profile(conversation.id, "deepseek", "deepseek-chat")
    store.set_system_prompt(conversation.id, "用中文回答。")
    store.close()

    reopened = ConversationStore.open(db_path)
    try:
        read = reopened.get_conversation(conversation.id)
    finally:
        reopened.close()
    assert (read.title, read.profile, read.model, read.system_prompt) == (
        "新标题",
        "deepseek",
        "deepseek-chat",
        "用中文回答。",
    )


def test_renaming_a_profile_moves_its_conversations_and_only_those(store: ConversationStore) -> None:
    mine = [store.create_conversation(f"c{i}", profile="old", model="m") for i in range(3)]
    other = store.create_conversation("other", profile="older", model="m")
    unset = store.create_conversation("none")
    before = {c.id: store.get_conversation(c.id).updated for c in [*mine, other, unset]}

    assert store.rename_profile("old", "new name") == 3
    assert [store.get_conversation(c.id).profile for c in mine] == ["new name"] * 3
    assert store.get_conversation(other.id).profile == "older"
    assert store.get_conversation(unset.id).profile is None
    assert {c.id: c.updated for c in store.list_conversations()} == before  # not activity: order kept
    assert store.rename_profile("old", "again") == 0


def test_changing_a_missing_conversation_is_refused(store: ConversationStore) -> None:
    for change in (
        lambda: store.get_conversation(7),
        lambda: store.rename_conversation(7, "x"),
        lambda: store.set_conversation_profile(7, None, None),
        lambda: store.set_system_prompt(7, ""),
        lambda: store.delete_conversation(7),
    ):
        with pytest.raises(StoreError, match="Conversation 7 does not exist"):
            change()


def test_delete_then_restore_brings_everything_back_with_the_same_ids(store: ConversationStore) -> None:
    older = store.create_conversation("older")
    doomed = store.create_conversation("doomed", profile="p", model="m", system_prompt="sys")
    added = [
        store.add_message(doomed.id, Message(role=Role.USER, content="问题")),
        store.add_message(doomed.id, full_message()),
    ]
    doomed = store.get_conversation(doomed.id)
    saved_messages = store.messages(doomed.id)

    store.delete_conversation(doomed.id)
    with pytest.raises(StoreError):
        store.get_conversation(doomed.id)
    assert store.messages(doomed.id) == []
    with pytest.raises(StoreError):
        store.get_message(added[0].id or 0)

    # Something new created meanwhile must not take the deleted ids.
    newcomer = store.create_conversation("newcomer")
    new_message = store.add_message(newcomer.id, Message(role=Role.USER, content="new"))
    assert newcomer.id != doomed.id
    assert new_message.id not in {m.id for m in added}

    restored = store.restore_conversation(doomed, saved_messages)
    assert restored == doomed
    assert store.get_conversation(doomed.id) == doomed
    assert store.messages(doomed.id) == added
    assert {c.id for c in store.list_conversations()} == {older.id, doomed.id, newcomer.id}

    with pytest.raises(StoreError, match="already exists"):
        store.restore_conversation(doomed, saved_messages)


# -- the file -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True], ids=["missing file", "empty file"])
def test_a_new_database_is_migrated_to_the_latest_schema(db_path: Path, existing: bool) -> None:
    if existing:
        db_path.parent.mkdir()
        db_path.touch()
    ConversationStore.open(db_path).close()

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    assert {"conversations", "messages"} <= tables


def test_reopening_keeps_the_data(db_path: Path) -> None:
    store = ConversationStore.open(db_path)
    conversation = store.create_conversation("kept")
    store.add_message(conversation.id, Message(role=Role.USER, content="still here"))
    store.close()

    store = ConversationStore.open(db_path)
    try:
        assert [m.content for m in store.messages(conversation.id)] == ["still here"]
    finally:
        store.close()


def test_foreign_keys_are_enforced(store: ConversationStore, db_path: Path) -> None:
    conversation = store.create_conversation("fk")
    store.add_message(conversation.id, Message(role=Role.USER, content="x"))
    store.delete_conversation(conversation.id)

    conn = sqlite3.connect(db_path)
    try:
        orphans = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    finally:
        conn.close()
    assert orphans == 0


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_database_from_a_newer_sluice_is_refused_and_left_alone(db_path: Path, journal_mode: str) -> None:
    db_path.parent.mkdir()
    make_database(db_path, LATEST_VERSION + 1, journal_mode)
    before = snapshot(db_path)

    with pytest.raises(StoreError, match="made by a newer version of Sluice") as caught:
        ConversationStore.open(db_path)

    assert str(db_path) in str(caught.value)
    assert "left untouched" in str(caught.value)
    assert snapshot(db_path) == before


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(db_path: Path) -> None:
    db_path.parent.mkdir()
    db_path.write_bytes("这不是数据库 — just some notes\n".encode() * 200)
    before = snapshot(db_path)

    with pytest.raises(StoreError) as caught:
        ConversationStore.open(db_path)

    assert str(db_path) in str(caught.value)
    assert "left untouched" in str(caught.value)
    assert snapshot(db_path) == before


def test_a_damaged_database_is_refused_and_left_alone(db_path: Path) -> None:
    db_path.parent.mkdir()
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO notes (body) VALUES (?)", [("x" * 500,) for _ in range(200)])
    conn.commit()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    # Scribble over the table's root page, keeping the file header intact.
    data = bytearray(db_path.read_bytes())
    data[page_size : page_size + 200] = b"\xff" * 200
    db_path.write_bytes(bytes(data))
    before = snapshot(db_path)

    with pytest.raises(StoreError, match="damaged") as caught:
        ConversationStore.open(db_path)

    assert "left untouched" in str(caught.value)
    assert snapshot(db_path) == before


@posix_only
def test_the_directory_and_files_are_private(db_path: Path) -> None:
    store = ConversationStore.open(db_path)
    try:
        store.create_conversation("private")  # makes sure the -wal file exists
        assert db_path.parent.stat().st_mode & 0o777 == 0o700
        assert db_path.stat().st_mode & 0o777 == 0o600
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_mode & 0o777 == 0o600
    finally:
        store.close()


# -- titles ---------------------------------------------------------------------------------------------


def test_title_from_text() -> None:
    assert title_from_text("\n  \n  How   do I\tparse SSE?  \nsecond line") == "How do I parse SSE?"
    assert title_from_text("　中文　标题　") == "中文 标题"  # ideographic spaces are whitespace too
    long = "word " * 30
    title = title_from_text(long)
    assert len(title) == 60
    assert title.endswith("…")
    assert long.startswith(title[:-1])
    assert title_from_text("字" * 60) == "字" * 60
    assert title_from_text("字" * 61) == "字" * 59 + "…"
    assert title_from_text(" \n\t\n") == DEFAULT_TITLE


def test_a_database_from_the_first_release_gains_usage_and_cost_columns_and_keeps_its_messages(
    tmp_path: Path,
) -> None:
    """Migration to the usage/cost schema on a file written with migration 1 only (the current release)."""
    from app.core.pricing import Cost
    from app.store import schema

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in schema.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO conversations (title, created, updated) VALUES ('old', 1, 1)")
    conn.execute(
        "INSERT INTO messages (conversation_id, role, content, status, prompt_tokens, completion_tokens, "
        "created, updated) VALUES (1, 'assistant', 'kept', 'complete', 3, 4, 1, 1)"
    )
    conn.commit()
    conn.close()

    store = ConversationStore.open(path)
    try:
        (old,) = store.messages(1)
        assert old.content == "kept" and old.usage is not None and old.usage.completion_tokens == 4
        assert old.cost is None and old.usage.reasoning_tokens is None
        reply = Message(role=Role.ASSISTANT, content="new", status=MessageStatus.COMPLETE)
        saved = store.add_message(1, reply)
        store.finish_message(
            Message(
                role=Role.ASSISTANT,
                content="new",
                id=saved.id,
                conversation_id=1,
                cost=Cost(Decimal("0.0000004"), "CNY", "price"),
            )
        )
        assert store.get_message(saved.id or 0).cost == Cost(Decimal("0.0000004"), "CNY", "price")
        assert store.conversation_cost(1) == {"CNY": Decimal("0.0000004")}
    finally:
        store.close()


# -- pins -----------------------------------------------------------------------------------------------


def test_a_pinned_conversation_is_listed_first_and_survives_delete_and_undo(store: ConversationStore) -> None:
    old = store.create_conversation("old")
    new = store.create_conversation("new")
    assert [c.title for c in store.list_conversations()] == ["new", "old"]
    store.set_pinned(old.id, True)
    assert [(c.title, c.pinned) for c in store.list_conversations()] == [("old", True), ("new", False)]
    assert [c.title for c in store.list_conversations("o")] == ["old"]
    assert store.last_conversation() == new  # the newest activity, pinned or not
    pinned = store.get_conversation(old.id)
    store.delete_conversation(old.id)
    store.restore_conversation(pinned, [])
    assert store.get_conversation(old.id).pinned
    store.set_pinned(old.id, False)
    assert [c.title for c in store.list_conversations()] == ["new", "old"]
    with pytest.raises(StoreError, match="does not exist"):
        store.set_pinned(9999, True)


def test_a_database_from_before_pins_is_migrated_and_keeps_its_conversations(db_path: Path) -> None:
    from app.store.schema import MIGRATIONS

    pins = next(n for n, steps in enumerate(MIGRATIONS) if any("pinned" in step for step in steps))
    db_path.parent.mkdir()
    conn = sqlite3.connect(db_path)
    for steps in MIGRATIONS[:pins]:
        for step in steps:
            conn.execute(step)
    conn.execute("INSERT INTO conversations (title, created, updated) VALUES ('from before', 1.0, 1.0)")
    conn.execute(f"PRAGMA user_version = {pins}")
    conn.commit()
    conn.close()
    store = ConversationStore.open(db_path)
    try:
        [kept] = store.list_conversations()
        assert kept.title == "from before" and not kept.pinned
    finally:
        store.close()
