"""Attachments in the database: stored once by content hash, referenced by the messages that carry them.

A message's attachments are read without their bytes (the transcript shows names and sizes; thumbnails are
made from bytes fetched once); `fill` adds the bytes and text when a request or an export needs them.
A file that no message refers to any more is removed by `purge_unreferenced`, which runs when the store
opens — not at once, so that undoing a conversation's delete finds its files still there.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from app.core.models import Attachment, Message

MIGRATION: tuple[str, ...] = (
    """
    CREATE TABLE attachments (
        sha256  TEXT PRIMARY KEY,
        kind    TEXT NOT NULL,
        mime    TEXT NOT NULL,
        size    INTEGER NOT NULL,
        data    BLOB NOT NULL,
        text    TEXT NOT NULL DEFAULT '',
        width   INTEGER,
        height  INTEGER,
        pages   INTEGER
    )
    """,
    """
    CREATE TABLE message_attachments (
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        sha256     TEXT NOT NULL REFERENCES attachments (sha256),
        name       TEXT NOT NULL,
        note       TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (message_id, position)
    )
    """,
    "CREATE INDEX message_attachments_by_sha256 ON message_attachments (sha256)",
)


def save(db: sqlite3.Connection, message_id: int, attachments: Sequence[Attachment]) -> None:
    """Record `attachments` for a message (inside the caller's transaction). Bytes are written once."""
    for position, attachment in enumerate(attachments):
        if attachment.data:
            db.execute(
                "INSERT OR IGNORE INTO attachments (sha256, kind, mime, size, data, text, width, height, "
                "pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attachment.sha256,
                    attachment.kind,
                    attachment.mime,
                    attachment.size,
                    attachment.data,
                    attachment.text,
                    attachment.width,
                    attachment.height,
                    attachment.pages,
                ),
            )
        db.execute(
            "INSERT INTO message_attachments (message_id, position, sha256, name, note) "
            "VALUES (?, ?, ?, ?, ?)",
            (message_id, position, attachment.sha256, attachment.name, attachment.note),
        )


def described(db: sqlite3.Connection, message_ids: Iterable[int]) -> dict[int, tuple[Attachment, ...]]:
    """Each message's attachments, in order, without their bytes or text."""
    ids = list(message_ids)
    found: dict[int, list[Attachment]] = defaultdict(list)
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(
            "SELECT ma.message_id, ma.name, ma.note, a.sha256, a.kind, a.mime, a.size, a.width, a.height, "
            "a.pages FROM message_attachments AS ma JOIN attachments AS a ON a.sha256 = ma.sha256 "
            f"WHERE ma.message_id IN ({marks}) ORDER BY ma.message_id, ma.position",
            chunk,
        )
        for row in rows:
            found[row[0]].append(
                Attachment(
                    name=row[1],
                    note=row[2],
                    sha256=row[3],
                    kind=row[4],
                    mime=row[5],
                    size=row[6],
                    width=row[7],
                    height=row[8],
                    pages=row[9],
                )
            )
    return {message_id: tuple(items) for message_id, items in found.items()}


def fill(db: sqlite3.Connection, messages: Sequence[Message]) -> list[Message]:
    """`messages` with every attachment's bytes and text read in."""
    wanted = {a.sha256 for m in messages for a in m.attachments if not a.data}
    content: dict[str, tuple[bytes, str]] = {}
    for sha256 in wanted:
        row = db.execute("SELECT data, text FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        if row is not None:
            content[sha256] = (bytes(row[0]), row[1])
    out = []
    for message in messages:
        if message.attachments:
            filled = tuple(
                dataclasses.replace(a, data=content[a.sha256][0], text=content[a.sha256][1])
                if a.sha256 in content
                else a
                for a in message.attachments
            )
            message = dataclasses.replace(message, attachments=filled)
        out.append(message)
    return out


def purge_unreferenced(db: sqlite3.Connection) -> int:
    """Delete every stored file that no message refers to; returns how many."""
    cursor = db.execute(
        "DELETE FROM attachments WHERE NOT EXISTS "
        "(SELECT 1 FROM message_attachments AS ma WHERE ma.sha256 = attachments.sha256)"
    )
    return cursor.rowcount
