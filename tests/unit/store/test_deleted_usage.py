"""What a deleted reply cost stays in `stats` and the Usage page (schema migration 7), and Undo does not
count it twice. A real SQLite file each time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.models import Message, MessageStatus, Role, Usage
from app.core.money import Cost
from app.store import ConversationStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(tmp_path / "sluice.db")
    yield opened
    opened.close()


def paid_reply(text: str, cents: str) -> Message:
    return Message(
        role=Role.ASSISTANT,
        content=text,
        profile="zenmux",
        model="gpt-5-mini",
        status=MessageStatus.COMPLETE,
        usage=Usage(prompt_tokens=10, completion_tokens=20),
        cost=Cost(Decimal(cents) / 100, "USD", "price"),
    )


def spent(store: ConversationStore) -> tuple[int, Decimal, int]:
    (group,) = store.usage_stats("profile", None)
    days = store.daily_spend(None)
    assert sum(d.amount for d in days) == group.cost["USD"]  # the chart agrees with the table
    return group.replies, group.cost["USD"], group.completion_tokens


def conversation_with_two_paid_replies(store: ConversationStore) -> tuple[int, Message]:
    c = store.create_conversation("c", profile="zenmux", model="gpt-5-mini")
    store.add_message(c.id, Message(role=Role.USER, content="q1"))
    first = store.add_message(c.id, paid_reply("a1", "3"))
    store.add_message(c.id, Message(role=Role.USER, content="q2"))
    store.add_message(c.id, paid_reply("a2", "5"))
    return c.id, first


def test_a_deleted_conversation_still_counts_what_its_replies_cost(store: ConversationStore) -> None:
    conversation_id, _ = conversation_with_two_paid_replies(store)
    assert spent(store) == (2, Decimal("0.08"), 40)
    store.delete_conversation(conversation_id)
    assert spent(store) == (2, Decimal("0.08"), 40)


def test_a_deleted_message_still_counts_and_undo_does_not_count_it_twice(store: ConversationStore) -> None:
    _, first = conversation_with_two_paid_replies(store)
    assert first.id is not None
    removed = store.delete_message(first.id)  # the first reply and all below it: both replies
    assert spent(store) == (2, Decimal("0.08"), 40)
    assert store.restore_messages(removed)
    assert spent(store) == (2, Decimal("0.08"), 40)


def test_undoing_a_conversation_delete_does_not_count_it_twice(store: ConversationStore) -> None:
    conversation_id, _ = conversation_with_two_paid_replies(store)
    conversation = store.get_conversation(conversation_id)
    messages = store.messages(conversation_id)
    store.delete_conversation(conversation_id)
    store.restore_conversation(conversation, messages)
    assert spent(store) == (2, Decimal("0.08"), 40)


def test_a_reply_still_streaming_when_deleted_is_not_kept(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    store.add_message(c.id, Message(role=Role.USER, content="q"))
    store.add_message(c.id, replace(paid_reply("half", "1"), status=MessageStatus.STREAMING))
    store.delete_conversation(c.id)
    assert store.usage_stats("profile", None) == []
