"""Stream-inspector records in the database: one compressed blob per reply, deleted with its message.

The blob is `ExchangeRecord.to_blob()` (zlib). Rows go with their message by the foreign key's cascade, so
deleting a conversation (or the messages of an edited turn) deletes their records too.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.exchange import ExchangeRecord

# Appended to schema.MIGRATIONS. IF NOT EXISTS: it refers only to messages(id), so it applies the same
# whichever other migrations land before it.
MIGRATION: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS exchanges (
        message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
        data       BLOB NOT NULL
    )
    """,
)


def save(db: sqlite3.Connection, message_id: int, record: ExchangeRecord) -> None:
    db.execute(
        "INSERT OR REPLACE INTO exchanges (message_id, data) VALUES (?, ?)", (message_id, record.to_blob())
    )


def load(db: sqlite3.Connection, message_id: int) -> ExchangeRecord | None:
    """The record of a reply, or None when it has none (recording was off, or it predates recording)."""
    # Imported here: the store opens at every start (this module holds a migration), records are read later.
    from app.core.exchange import ExchangeRecord

    row = db.execute("SELECT data FROM exchanges WHERE message_id = ?", (message_id,)).fetchone()
    return None if row is None else ExchangeRecord.from_blob(bytes(row[0]))


def last_message_id(db: sqlite3.Connection) -> int | None:
    row = db.execute("SELECT max(message_id) FROM exchanges").fetchone()
    return None if row is None or row[0] is None else int(row[0])
