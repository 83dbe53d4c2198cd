"""Deleting a message (issue 13 §4) on a real SQLite file: what goes with it, what is shown in its place,
Undo restoring every row exactly, and nothing of it left — rows, files, inspector records, exports — once
the undo is withdrawn."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.errors import StoreError
from app.core.exchange import ExchangeRecorder
from app.core.models import Attachment, Message, Role
from app.export import conversation_markdown, export_all_json
from app.store import ConversationStore

FILE = Attachment(
    name="notes.md",
    kind="text",
    mime="text/plain",
    sha256="b" * 64,
    size=12,
    data=b"secret notes",
    text="secret notes",
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(tmp_path / "sluice.db")
    yield opened
    opened.close()


def user(text: str, *files: Attachment) -> Message:
    return Message(role=Role.USER, content=text, attachments=files)


def reply(text: str) -> Message:
    return Message(role=Role.ASSISTANT, content=text)


def texts(messages: list[Message] | tuple[Message, ...]) -> list[str]:
    return [m.content for m in messages]


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a delete touches, read through a second connection."""
    db = sqlite3.connect(path)
    try:
        tables = (
            "conversations", "messages", "message_attachments", "attachments", "exchanges", "deleted_usage",
        )  # fmt: skip
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        db.close()


def record() -> ExchangeRecorder:
    rec = ExchangeRecorder()
    rec.request("POST", "http://h/v1/chat/completions", {}, b'{"model":"m"}')
    rec.response(200, [("content-type", "text/event-stream")])
    rec.chunk(b"data: [DONE]\n\n")
    return rec


def test_deleting_a_user_message_takes_its_replies_files_and_records_and_undo_restores_every_row(
    store: ConversationStore,
) -> None:
    c = store.create_conversation("c")
    store.add_message(c.id, user("hello"))
    store.add_message(c.id, reply("opening"))
    question = store.add_message(c.id, user("question", FILE))
    answer = store.add_message(c.id, reply("answer"))
    assert question.id is not None and answer.id is not None
    store.save_exchange(answer.id, record().seal())
    before = dump(store.path)
    assert store.deletion_size(question.id) == 2

    removed = store.delete_message(question.id)

    assert removed.count == 2  # the question and its reply
    assert removed.shown == ()  # no other version: nothing is drawn in its place
    assert texts(store.active_path(c.id)) == ["hello", "opening"]
    after = dump(store.path)
    assert len(after["messages"]) == 2
    assert after["message_attachments"] == [] and after["exchanges"] == []
    assert len(after["attachments"]) == 1  # the bytes wait until the undo is withdrawn

    assert store.restore_messages(removed)
    assert dump(store.path) == before  # exactly: ids, every column, pointers, the inspector's blob
    assert texts(store.active_path(c.id)) == ["hello", "opening", "question", "answer"]


def test_once_the_undo_is_withdrawn_nothing_of_it_is_left_not_even_in_an_export(
    store: ConversationStore, tmp_path: Path
) -> None:
    c = store.create_conversation("c")
    store.add_message(c.id, user("hello"))
    store.add_message(c.id, reply("opening"))
    question = store.add_message(c.id, user("the deleted question", FILE))
    answer = store.add_message(c.id, reply("the deleted answer"))
    assert question.id is not None and answer.id is not None
    store.save_exchange(answer.id, record().seal())

    removed = store.delete_message(question.id)
    assert store.forget_files(removed) == 1

    rows = dump(store.path)
    assert len(rows["messages"]) == 2
    assert rows["attachments"] == [] and rows["message_attachments"] == [] and rows["exchanges"] == []
    shown = conversation_markdown(store.get_conversation(c.id), store.active_path(c.id))
    assert "hello" in shown and "deleted" not in shown and "secret notes" not in shown
    export_all_json(store, tmp_path / "all.json")
    everything = (tmp_path / "all.json").read_text(encoding="utf-8")
    assert "opening" in everything and "deleted" not in everything
    with pytest.raises(StoreError):
        store.get_message(answer.id)


def test_a_file_another_message_still_carries_is_kept(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    store.add_message(c.id, user("first", FILE))
    store.add_message(c.id, reply("a"))
    second = store.add_message(c.id, user("second", FILE))
    assert second.id is not None
    removed = store.delete_message(second.id)
    assert store.deletion_size(second.id) == 0
    assert store.forget_files(removed) == 0
    assert len(dump(store.path)["attachments"]) == 1
    assert store.with_attachment_data(store.active_path(c.id))[0].attachments[0].text == "secret notes"


def test_deleting_one_version_shows_the_next_one_with_its_branch_and_keeps_the_others(
    store: ConversationStore,
) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    assert q.id is not None
    first = store.add_message(c.id, reply("first"))
    store.add_message(c.id, user("below first"))
    second = store.add_message(c.id, reply("second"), parent=q.id)
    third = store.add_message(c.id, reply("third"), parent=q.id)
    assert first.id is not None and second.id is not None and third.id is not None
    store.switch_to(second.id)
    before = dump(store.path)

    removed = store.delete_message(second.id)
    assert texts(removed.shown) == ["third"]  # the next version takes its place
    assert texts(store.active_path(c.id)) == ["q", "third"]
    assert texts(store.siblings(first.id)) == ["first", "third"]

    assert store.restore_messages(removed)
    assert dump(store.path) == before
    assert texts(store.active_path(c.id)) == ["q", "second"]

    store.switch_to(third.id)
    assert texts(store.delete_message(third.id).shown) == ["second"]  # the last one: the one before it
    removed = store.delete_message(second.id)
    assert texts(removed.shown) == ["first", "below first"]  # with the branch last seen below it
    assert texts(store.active_path(c.id)) == ["q", "first", "below first"]
    assert store.versions(first.id) is None  # the only version left


def test_deleting_the_only_reply_leaves_the_question_as_the_end_and_a_follow_up_goes_under_it(
    store: ConversationStore,
) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    a = store.add_message(c.id, reply("a"))
    assert a.id is not None
    store.delete_message(a.id)
    assert store.get_conversation(c.id).active_leaf == q.id
    follow = store.add_message(c.id, user("again"))
    assert follow.parent_id == q.id


def test_undo_is_refused_without_writing_when_the_parent_is_gone(store: ConversationStore) -> None:
    c = store.create_conversation("c")
    q = store.add_message(c.id, user("q"))
    a = store.add_message(c.id, reply("a"))
    assert q.id is not None and a.id is not None
    removed_reply = store.delete_message(a.id)
    store.delete_message(q.id)
    before = dump(store.path)
    assert not store.restore_messages(removed_reply)
    assert dump(store.path) == before
    with pytest.raises(StoreError):
        store.delete_message(a.id)  # gone: said, not ignored


def test_files_wait_for_the_next_open_when_the_conversation_went_too(store: ConversationStore) -> None:
    """The sidebar deleted the conversation while a message's undo was offered: its own undo writes the
    other messages back with references to the same file, so the file must still be there."""
    c = store.create_conversation("c")
    store.add_message(c.id, user("first", FILE))
    store.add_message(c.id, reply("a"))
    second = store.add_message(c.id, user("second", FILE))
    assert second.id is not None
    removed = store.delete_message(second.id)
    kept = store.get_conversation(c.id), store.messages(c.id)
    store.delete_conversation(c.id)
    assert store.forget_files(removed) == 0
    store.restore_conversation(*kept)  # the sidebar's Undo
    assert store.with_attachment_data(store.active_path(c.id))[0].attachments[0].text == "secret notes"
