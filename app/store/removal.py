"""Deleting one message of a conversation's tree, and putting it back while its undo is offered.

A message goes with everything below it (a child cannot outlive its parent: `parent_id` cascades), with
their attachment references and stream-inspector records (both cascade from `messages`). If the message
has sibling versions the others stay, and the neighbour (the next version, else the one before) is shown
with the branch last seen below it; without one the parent becomes the end of the branch shown.

What was removed is kept as the rows themselves (`Removed`), so `put_back` restores them exactly — ids,
every column, which child each message showed, which leaf the conversation showed, the inspector's blobs.
The attachments' bytes are not deleted here: another message or an offered undo may still need them;
`forget_files` deletes those that no message refers to once the undo is withdrawn.

These functions run inside the caller's transaction (ConversationStore's `_write`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from app.core.models import Message
from app.store import tree

MAX_REMOVED = 100_000  # messages below one message: bounds what a damaged tree could make us hold

_SUBTREE = """
WITH RECURSIVE sub(id) AS (
    SELECT :start
    UNION ALL
    SELECT m.id FROM messages AS m JOIN sub ON m.parent_id = sub.id
    WHERE m.conversation_id = :conversation AND m.id > sub.id
    LIMIT :limit
)
SELECT m.* FROM sub JOIN messages AS m ON m.id = sub.id ORDER BY m.id
"""

_COUNT = """
WITH RECURSIVE sub(id) AS (
    SELECT :start
    UNION ALL
    SELECT m.id FROM messages AS m JOIN sub ON m.parent_id = sub.id
    WHERE m.conversation_id = :conversation AND m.id > sub.id
    LIMIT :limit
)
SELECT count(*) FROM sub JOIN messages AS m ON m.id = sub.id
"""

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Removed:
    """A deleted message and all it took with it, as rows, to put back while undo is offered.

    Attributes:
        conversation_id: whose message it was.
        message_id: the message the user deleted (the others were below it).
        messages: the rows of `messages`, parents first.
        attachment_refs: the rows of `message_attachments` that referred to them.
        exchanges: the rows of `exchanges` (stream-inspector records) that belonged to them.
        parent_showed: the parent's `active_child` before the delete (None for a first message).
        leaf: the conversation's `active_leaf` before the delete.
        shown: the neighbour version now shown and the branch below it (empty when none): what a view
            draws in the deleted message's place.
    """

    conversation_id: int
    message_id: int
    messages: tuple[Row, ...]
    attachment_refs: tuple[Row, ...]
    exchanges: tuple[Row, ...]
    parent_showed: int | None
    leaf: int | None
    shown: tuple[Message, ...]

    @property
    def count(self) -> int:
        """How many messages went: the deleted one and those below it."""
        return len(self.messages)

    @property
    def files(self) -> frozenset[str]:
        """The content hashes of the files the removed messages carried."""
        return frozenset(str(ref["sha256"]) for ref in self.attachment_refs)


def subtree(db: sqlite3.Connection, conversation_id: int, message_id: int) -> list[Row]:
    """`message_id` and every message below it, on every branch, parents first."""
    rows = db.execute(_SUBTREE, {"start": message_id, "conversation": conversation_id, "limit": MAX_REMOVED})
    return [dict(row) for row in rows]


def count(db: sqlite3.Connection, conversation_id: int, message_id: int) -> int:
    """How many messages deleting `message_id` would take: itself and all below it (ids only read)."""
    found = db.execute(_COUNT, {"start": message_id, "conversation": conversation_id, "limit": MAX_REMOVED})
    return int(found.fetchone()[0])


def _rows_of(db: sqlite3.Connection, table: str, ids: list[int]) -> list[Row]:
    found: list[Row] = []
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"SELECT * FROM {table} WHERE message_id IN ({marks})", chunk)
        found.extend(dict(row) for row in rows)
    return found


def remove(db: sqlite3.Connection, conversation_id: int, message_id: int) -> Removed | None:
    """Delete `message_id` and what is below it; None if it is not a message of that conversation."""
    rows = subtree(db, conversation_id, message_id)
    if not rows:
        return None
    parent_id = rows[0]["parent_id"]
    ids = [int(row["id"]) for row in rows]
    refs = _rows_of(db, "message_attachments", ids)
    records = _rows_of(db, "exchanges", ids)
    leaf_row = db.execute("SELECT active_leaf FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
    leaf = leaf_row[0] if leaf_row is not None else None
    parent_showed = None
    if parent_id is not None:
        showed = db.execute("SELECT active_child FROM messages WHERE id = ?", (parent_id,)).fetchone()
        parent_showed = showed[0]
    versions = [m.id for m in tree.siblings(db, message_id) if m.id is not None]
    at = versions.index(message_id)
    others = versions[at + 1 :] + versions[:at][::-1]  # the next version first, else the one before
    neighbour = others[0] if others else None
    db.execute("DELETE FROM messages WHERE id = ?", (message_id,))  # the rest cascades
    gone = set(ids)
    shown: list[Message] = []
    if neighbour is not None and (leaf in gone or parent_showed == message_id):
        if leaf in gone:
            shown = tree.activate(db, conversation_id, neighbour)
        else:  # not the branch shown: that parent shows the neighbour now, the leaf stays
            db.execute("UPDATE messages SET active_child = ? WHERE id = ?", (neighbour, parent_id))
    elif neighbour is None:
        if parent_id is not None:
            db.execute("UPDATE messages SET active_child = NULL WHERE id = ?", (parent_id,))
        if leaf in gone:
            db.execute("UPDATE conversations SET active_leaf = ? WHERE id = ?", (parent_id, conversation_id))
    return Removed(
        conversation_id=conversation_id,
        message_id=message_id,
        messages=tuple(rows),
        attachment_refs=tuple(refs),
        exchanges=tuple(records),
        parent_showed=parent_showed,
        leaf=leaf,
        shown=tuple(shown),
    )


def _insert(db: sqlite3.Connection, table: str, row: Row) -> None:
    columns = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)  # our own table and column names


def put_back(db: sqlite3.Connection, removed: Removed) -> bool:
    """Restore what `remove` took, exactly. False (and nothing written) if its parent or its conversation
    is gone, or its ids are taken."""
    first = removed.messages[0]
    parent_id = first["parent_id"]
    conversation = db.execute("SELECT 1 FROM conversations WHERE id = ?", (removed.conversation_id,))
    if conversation.fetchone() is None:
        return False

    def exists(message_id: int) -> bool:
        return db.execute("SELECT 1 FROM messages WHERE id = ?", (message_id,)).fetchone() is not None

    if (parent_id is not None and not exists(parent_id)) or exists(removed.message_id):
        return False
    for row in removed.messages:  # parents first: each parent exists before its children
        _insert(db, "messages", row)
    for row in removed.attachment_refs:
        _insert(db, "message_attachments", row)
    for row in removed.exchanges:
        _insert(db, "exchanges", row)
    if removed.leaf is not None:  # the branch shown then, every ancestor's choice included
        tree.activate(db, removed.conversation_id, removed.leaf)
    if parent_id is not None:  # which version the parent showed, if it was off that branch
        db.execute("UPDATE messages SET active_child = ? WHERE id = ?", (removed.parent_showed, parent_id))
    return True


def forget_files(db: sqlite3.Connection, hashes: frozenset[str]) -> int:
    """Delete the stored files among `hashes` that no message refers to any more; returns how many."""
    count = 0
    for sha256 in sorted(hashes):
        cursor = db.execute(
            "DELETE FROM attachments WHERE sha256 = ? AND NOT EXISTS "
            "(SELECT 1 FROM message_attachments AS ma WHERE ma.sha256 = ?)",
            (sha256, sha256),
        )
        count += cursor.rowcount
    return count
