"""Exchange records in the real SQLite file: stored compressed, read back, deleted with their message."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.exchange import ExchangeRecord, ExchangeRecorder
from app.core.models import Message, MessageStatus, Role
from app.store import ConversationStore
from app.store import exchanges as exchange_rows
from app.store.schema import MIGRATIONS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(tmp_path / "sluice.db")
    yield opened
    opened.close()


def _reply(store: ConversationStore) -> tuple[int, int]:
    conversation = store.create_conversation("t", profile="p", model="m")
    store.add_message(conversation.id, Message(role=Role.USER, content="hi"))
    reply = store.add_message(
        conversation.id, Message(role=Role.ASSISTANT, content="", status=MessageStatus.STREAMING)
    )
    assert reply.id is not None
    return conversation.id, reply.id


def _record() -> ExchangeRecorder:
    rec = ExchangeRecorder()
    rec.request("POST", "http://h/v1/chat/completions", {"Accept": "text/event-stream"}, b'{"model":"m"}')
    rec.response(200, [("content-type", "text/event-stream")])
    rec.chunk(b'data: {"choices":[{"delta":{"content":"hi"}}]}\n\n')
    rec.chunk(b"data: [DONE]\n\n")
    return rec


def test_saved_record_reads_back_exactly(store: ConversationStore) -> None:
    _, reply_id = _reply(store)
    record = _record().seal()
    store.save_exchange(reply_id, record)
    assert store.exchange(reply_id) == _to_the_microsecond(record)
    assert store.last_exchange_message() == reply_id
    assert store.exchange(reply_id + 100) is None


def test_deleted_with_the_conversation(store: ConversationStore) -> None:
    conversation_id, reply_id = _reply(store)
    store.save_exchange(reply_id, _record().seal())
    store.delete_conversation(conversation_id)
    assert store.exchange(reply_id) is None
    assert store.last_exchange_message() is None


def test_damaged_record_is_a_store_error(store: ConversationStore, tmp_path: Path) -> None:
    _, reply_id = _reply(store)
    conn = sqlite3.connect(tmp_path / "sluice.db")
    conn.execute("INSERT INTO exchanges (message_id, data) VALUES (?, ?)", (reply_id, b"garbage"))
    conn.commit()
    conn.close()
    from app.core.errors import StoreError

    with pytest.raises(StoreError):
        store.exchange(reply_id)


def test_migration_applies_after_any_other_migration(tmp_path: Path) -> None:
    """The table refers only to messages(id): it can be created after whichever migrations ran first."""
    conn = sqlite3.connect(tmp_path / "other.db")
    for migration in MIGRATIONS[:-1]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("ALTER TABLE messages ADD COLUMN later_field INTEGER")  # as another branch's might
    for statement in exchange_rows.MIGRATION * 2:  # and twice is harmless (IF NOT EXISTS)
        conn.execute(statement)
    assert conn.execute("SELECT count(*) FROM exchanges").fetchone() == (0,)


def _to_the_microsecond(record: ExchangeRecord) -> ExchangeRecord:
    """Times are stored in whole microseconds."""
    return dataclasses.replace(record, times_ms=[round(t * 1000) / 1000 for t in record.times_ms])
