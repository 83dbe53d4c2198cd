"""Conversations as trees (app/store/tree.py through ConversationStore), on a real SQLite file.

Edit and Regenerate add versions; nothing is deleted; the branch shown is the one sent and exported; a
switch remembers what each branch showed; and a database written by the previous schema comes through the
migration as one branch.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.errors import StoreError
from app.core.models import Message, MessageStatus, Role, Versions
from app.store import ConversationStore, schema


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(tmp_path / "sluice.db")
    yield opened
    opened.close()


def user(text: str) -> Message:
    return Message(role=Role.USER, content=text)


def reply(text: str) -> Message:
    return Message(role=Role.ASSISTANT, content=text)


def texts(messages: list[Message]) -> list[str]:
    return [m.content for m in messages]


def test_messages_follow_the_shown_branch_by_default(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    a = store.add_message(c.id, reply("a"))
    assert q.parent_id is None
    assert a.parent_id == q.id
    assert texts(store.active_path(c.id)) == ["q", "a"]
    assert store.get_conversation(c.id).active_leaf == a.id


def test_regenerate_adds_a_sibling_reply_and_keeps_the_old_one(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    first = store.add_message(c.id, reply("first"))
    second = store.add_message(c.id, reply("second"), parent=q.id)

    assert texts(store.active_path(c.id)) == ["q", "second"]
    assert texts(store.siblings(first.id or 0)) == ["first", "second"]
    assert texts(store.children(q.id or 0)) == ["first", "second"]
    assert store.versions(second.id or 0) == Versions(2, 2, first.id, None)
    assert store.versions(first.id or 0) == Versions(1, 2, None, second.id)
    assert store.versions(q.id or 0) is None
    assert len(store.messages(c.id)) == 3  # nothing deleted


def test_editing_the_first_message_adds_a_second_root(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    store.add_message(c.id, user("q1"))
    store.add_message(c.id, reply("a1"))
    q2 = store.add_message(c.id, user("q1 edited"), parent=None)
    store.add_message(c.id, reply("a2"))

    assert texts(store.active_path(c.id)) == ["q1 edited", "a2"]
    assert store.versions(q2.id or 0) == Versions(2, 2, store.messages(c.id)[0].id, None)


def test_switching_remembers_each_branch_as_it_was_left(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    a1 = store.add_message(c.id, reply("a1"))
    store.add_message(c.id, user("follow-up on a1"))
    a1b = store.add_message(c.id, reply("a1 answer 1"))
    store.add_message(c.id, reply("a1 answer 2"), parent=a1b.parent_id)  # a version deep in branch 1
    a2 = store.add_message(c.id, reply("a2"), parent=q.id)
    store.add_message(c.id, user("follow-up on a2"))

    redrawn = store.switch_to(a1.id or 0)

    assert texts(redrawn) == ["a1", "follow-up on a1", "a1 answer 2"]  # the branch as it was left
    assert texts(store.active_path(c.id)) == ["q", "a1", "follow-up on a1", "a1 answer 2"]
    assert texts(store.switch_to(a2.id or 0)) == ["a2", "follow-up on a2"]
    assert texts(store.switch_to(a1b.id or 0)) == ["a1 answer 1"]  # deep switch fixes the way up too
    assert texts(store.active_path(c.id)) == ["q", "a1", "follow-up on a1", "a1 answer 1"]


def test_a_follow_up_after_switching_continues_the_shown_branch(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    a1 = store.add_message(c.id, reply("a1"))
    store.add_message(c.id, reply("a2"), parent=q.id)
    store.switch_to(a1.id or 0)
    follow = store.add_message(c.id, user("more"))
    assert follow.parent_id == a1.id
    assert texts(store.active_path(c.id)) == ["q", "a1", "more"]


def test_path_to_gives_the_history_of_one_message(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    store.add_message(c.id, reply("a1"))
    a2 = store.add_message(c.id, reply("a2"), parent=q.id)
    assert texts(store.path_to(a2.id or 0)) == ["q", "a2"]
    with pytest.raises(StoreError):
        store.path_to(9999)


def test_a_parent_from_another_conversation_is_refused(store: ConversationStore) -> None:
    mine, theirs = store.create_conversation("a"), store.create_conversation("b")
    their_message = store.add_message(theirs.id, user("theirs"))
    with pytest.raises(StoreError, match="is not in conversation"):
        store.add_message(mine.id, reply("x"), parent=their_message.id)
    assert store.messages(mine.id) == []


def test_delete_and_restore_keep_the_tree_and_the_shown_branch(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    a1 = store.add_message(c.id, reply("a1"))
    store.add_message(c.id, reply("a2"), parent=q.id)
    store.switch_to(a1.id or 0)
    saved, messages = store.get_conversation(c.id), store.messages(c.id)

    store.delete_conversation(c.id)
    store.restore_conversation(saved, messages)

    assert store.messages(c.id) == messages
    assert texts(store.active_path(c.id)) == ["q", "a1"]


def test_switching_costs_the_path_not_the_conversation(store: ConversationStore) -> None:
    """Counted in SQLite's own virtual-machine steps: switching between two replies of a 4-message branch
    costs the same whether the turn has 3 versions or 2,000 (a read of the conversation would not)."""

    def steps_to_switch(versions: int) -> int:
        c = store.create_conversation(f"{versions} versions")
        q = store.add_message(c.id, user("q"))
        replies = [store.add_message(c.id, reply(str(i)), parent=q.id) for i in range(versions)]
        store.add_message(c.id, user("follow-up"))
        counter = [0]

        def tick() -> int:
            counter[0] += 1
            return 0

        conn = store._conn  # SQLite's work can only be counted on its own connection
        conn.set_progress_handler(tick, 1)
        try:
            store.switch_to(replies[0].id or 0)
            store.switch_to(replies[-1].id or 0)
        finally:
            conn.set_progress_handler(None, 1)
        return counter[0]

    small, large = steps_to_switch(3), steps_to_switch(2000)
    assert large < small * 2, (small, large)


# -- migration 2 from the previous release's schema -------------------------------------------------


# The schema of the last release (1), and the one just before the tree (cost and attachments came first).
TREE_MIGRATION = next(n for n, m in enumerate(schema.MIGRATIONS, 1) if any("parent_id" in s for s in m))


@pytest.mark.parametrize("version", sorted({1, TREE_MIGRATION - 1}))
def test_a_database_of_the_previous_schema_becomes_one_branch(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in schema.MIGRATIONS[:version]:
        for statement in migration:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO conversations (id, title, created, updated) VALUES (1, 'old', 1, 1), (2, 'two', 1, 1),"
        " (3, 'empty', 1, 1)"
    )
    rows = [(1, "user", "问题"), (2, "user", "other q"), (1, "assistant", "回答"), (1, "user", "again"),
            (2, "assistant", "other a"), (1, "assistant", "partial")]  # fmt: skip
    for conversation, role, content in rows:
        status = "streaming" if content == "partial" else "complete"
        conn.execute(
            "INSERT INTO messages (conversation_id, role, content, status, created, updated) "
            "VALUES (?, ?, ?, ?, 1, 1)",
            (conversation, role, content, status),
        )
    conn.close()

    store = ConversationStore.open(path)
    try:
        assert texts(store.active_path(1)) == ["问题", "回答", "again", "partial"]
        assert texts(store.active_path(2)) == ["other q", "other a"]
        assert store.active_path(3) == []
        first, *rest = store.active_path(1)
        assert first.parent_id is None
        assert [m.parent_id for m in rest] == [m.id for m in store.active_path(1)[:-1]]
        assert store.mark_interrupted() == 1
        assert store.active_path(1)[-1].status == MessageStatus.INTERRUPTED
        # And it grows as a tree from there.
        q = store.active_path(1)[2]
        store.add_message(1, reply("a new version"), parent=q.id)
        assert texts(store.active_path(1)) == ["问题", "回答", "again", "a new version"]
        assert texts(store.siblings(store.active_path(1)[-1].id or 0)) == ["partial", "a new version"]
    finally:
        store.close()
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
    finally:
        check.close()
