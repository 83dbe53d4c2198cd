"""The conversation tree in SQL: paths, siblings and the active branch.

Every message but a conversation's first ones has a parent; siblings are the versions of one turn (an edited
question, a regenerated reply). Each message remembers which of its children is shown (`active_child`), and
the conversation remembers the end of the shown branch (`active_leaf`). Walking up `parent_id` from the leaf
gives the branch that is shown, sent and exported; walking down `active_child` from a message gives the
branch below it as last seen. Both walks cost one primary-key lookup per message on the path, never a read
of the whole conversation. A parent's id is always smaller than its child's (it was written first), which
the walks check so a damaged file cannot make them loop.

These functions run inside the caller's transaction (ConversationStore's `_read` / `_write`).
"""

from __future__ import annotations

import itertools
import sqlite3

from app.core.models import Message, Versions
from app.store.converters import message_from_row

_UP = """
WITH RECURSIVE up(id, depth) AS (
    SELECT :start, 0
    UNION ALL
    SELECT m.parent_id, up.depth + 1 FROM messages AS m JOIN up ON m.id = up.id
    WHERE m.parent_id IS NOT NULL AND m.parent_id < m.id
)
SELECT m.* FROM up JOIN messages AS m ON m.id = up.id ORDER BY up.depth DESC
"""

_DOWN = """
WITH RECURSIVE down(id, depth) AS (
    SELECT :start, 0
    UNION ALL
    SELECT m.active_child, down.depth + 1 FROM messages AS m JOIN down ON m.id = down.id
    WHERE m.active_child IS NOT NULL AND m.active_child > m.id
)
SELECT m.* FROM down JOIN messages AS m ON m.id = down.id ORDER BY down.depth
"""

_SIBLINGS = """
SELECT s.* FROM messages AS m
JOIN messages AS s ON s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id
WHERE m.id = ? ORDER BY s.id
"""


def path_to(db: sqlite3.Connection, message_id: int) -> list[Message]:
    """The messages from the conversation's start down to `message_id`, in order (empty if it is gone)."""
    return [message_from_row(row) for row in db.execute(_UP, {"start": message_id})]


def branch_below(db: sqlite3.Connection, message_id: int) -> list[Message]:
    """`message_id` and the branch shown below it, down to its leaf."""
    return [message_from_row(row) for row in db.execute(_DOWN, {"start": message_id})]


def siblings(db: sqlite3.Connection, message_id: int) -> list[Message]:
    """The versions of the turn `message_id` belongs to, itself included, oldest first."""
    return [message_from_row(row) for row in db.execute(_SIBLINGS, (message_id,))]


def children(db: sqlite3.Connection, message_id: int) -> list[Message]:
    rows = db.execute(
        "SELECT c.* FROM messages AS m JOIN messages AS c "
        "ON c.conversation_id = m.conversation_id AND c.parent_id = m.id WHERE m.id = ? ORDER BY c.id",
        (message_id,),
    )
    return [message_from_row(row) for row in rows]


def versions(db: sqlite3.Connection, message_id: int) -> Versions | None:
    """Where `message_id` stands among its siblings; None when it has none (or does not exist)."""
    ids = [
        row[0]
        for row in db.execute(
            "SELECT s.id FROM messages AS m JOIN messages AS s "
            "ON s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id "
            "WHERE m.id = ? ORDER BY s.id",
            (message_id,),
        )
    ]
    if len(ids) < 2 or message_id not in ids:
        return None
    at = ids.index(message_id)
    return Versions(
        index=at + 1,
        count=len(ids),
        previous=ids[at - 1] if at > 0 else None,
        next=ids[at + 1] if at + 1 < len(ids) else None,
    )


def activate(db: sqlite3.Connection, conversation_id: int, message_id: int) -> list[Message]:
    """Show `message_id`'s branch: every ancestor shows the child on the way to it, the branch below it is
    the one last seen there, and its leaf becomes the conversation's. Returns `message_id` and the branch
    below it (what a view redraws). O(path)."""
    up = db.execute(_UP, {"start": message_id}).fetchall()
    for parent, child in itertools.pairwise(up):
        if parent["active_child"] != child["id"]:
            db.execute("UPDATE messages SET active_child = ? WHERE id = ?", (child["id"], parent["id"]))
    below = branch_below(db, message_id)
    leaf = below[-1].id if below else message_id
    db.execute("UPDATE conversations SET active_leaf = ? WHERE id = ?", (leaf, conversation_id))
    return below


def attach(db: sqlite3.Connection, conversation_id: int, message_id: int, parent_id: int | None) -> None:
    """A message was just inserted under `parent_id`: show it. O(1) when it continues the shown branch,
    O(path) when it starts a new version of an earlier turn."""
    leaf = db.execute("SELECT active_leaf FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
    if parent_id is not None and leaf is not None and leaf[0] == parent_id:
        db.execute("UPDATE messages SET active_child = ? WHERE id = ?", (message_id, parent_id))
        db.execute("UPDATE conversations SET active_leaf = ? WHERE id = ?", (message_id, conversation_id))
    else:
        activate(db, conversation_id, message_id)
