"""The database's shape: numbered migrations, applied in order and recorded in `PRAGMA user_version`.

Migration N (1-based) takes a database at version N-1 to version N. Never edit a migration that has
shipped: add a new one. A file whose version is higher than the newest migration was written by a newer
Sluice, and is refused before anything writes to it (`preflight`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.errors import StoreError

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: conversations and their messages.
    (
        # AUTOINCREMENT so a deleted id is never handed out again: undo of a delete re-inserts the
        # conversation and its messages under their old ids, which must still be free.
        """
        CREATE TABLE conversations (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            title         TEXT NOT NULL,
            created       REAL NOT NULL,
            updated       REAL NOT NULL,
            profile       TEXT,
            model         TEXT,
            system_prompt TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE TABLE messages (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id   INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            role              TEXT NOT NULL,
            content           TEXT NOT NULL DEFAULT '',
            reasoning         TEXT NOT NULL DEFAULT '',
            status            TEXT NOT NULL,
            profile           TEXT,
            model             TEXT,
            finish_reason     TEXT,
            prompt_tokens     INTEGER,
            completion_tokens INTEGER,
            total_tokens      INTEGER,
            error_kind        TEXT,
            error_message     TEXT,
            ttft_ms           REAL,
            tokens_per_s      REAL,
            reasoning_ms      REAL,
            tool_calls        TEXT,
            created           REAL NOT NULL,
            updated           REAL NOT NULL
        )
        """,
        "CREATE INDEX messages_by_conversation ON messages (conversation_id, id)",
        "CREATE INDEX conversations_by_updated ON conversations (updated)",
        # Start-up looks for rows a crash left streaming; this keeps that O(1) however long the history.
        "CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming'",
    ),
    # Pinned conversations stay at the top of the sidebar, whatever their age.
    ("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",),
)

LATEST_VERSION = len(MIGRATIONS)

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_USER_VERSION_OFFSET = 60  # big-endian signed 32-bit, per https://sqlite.org/fileformat.html
_UNTOUCHED = "The file was left untouched."

# What a StoreError from here says; `{…}` fields are filled with str.format, so the window can find the
# template again and show it translated (app/ui/i18n.py). `{reason}` and `{detail}` are the OS's or
# SQLite's own words.
MESSAGES: dict[str, str] = {
    "newer": (
        "The conversation database {path} was made by a newer version of Sluice "
        "(schema {version}; this version understands up to {latest}). "
        f"{_UNTOUCHED} Update Sluice to open it."
    ),
    "unreadable": (
        "The conversation database {path} is not a SQLite database or is damaged ({detail}). "
        f"{_UNTOUCHED} Move it aside to start a new history, or restore it from a backup."
    ),
    "cannot_read": "Cannot read the conversation database {path}: {reason}.",
}


def newer_version_error(path: Path, version: int) -> StoreError:
    return StoreError(MESSAGES["newer"].format(path=path, version=version, latest=LATEST_VERSION))


def unreadable_error(path: Path, detail: str) -> StoreError:
    return StoreError(MESSAGES["unreadable"].format(path=path, detail=detail))


def preflight(path: Path) -> None:
    """Refuse a file that must not be opened for writing, without writing to it.

    A missing or empty file is fine (it becomes a new database). Raises StoreError for anything that is
    not a SQLite database, fails `PRAGMA quick_check`, or has a schema newer than `LATEST_VERSION`.
    """
    try:
        with path.open("rb") as file:
            header = file.read(_HEADER_SIZE)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(MESSAGES["cannot_read"].format(path=path, reason=exc.strerror or exc)) from exc
    if not header:
        return
    if len(header) < _HEADER_SIZE or not header.startswith(_MAGIC):
        raise unreadable_error(path, "file is not a database")
    # The version is read from the header first because even a read-only connection leaves -wal/-shm
    # files beside a WAL database; a refused file should not grow neighbours.
    version = int.from_bytes(header[_USER_VERSION_OFFSET : _USER_VERSION_OFFSET + 4], "big", signed=True)
    if version > LATEST_VERSION:
        raise newer_version_error(path, version)

    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            # Asked again through SQLite: a WAL left by a crash can hold a newer header than the file.
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > LATEST_VERSION:
                raise newer_version_error(path, version)
            problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise unreadable_error(path, str(exc)) from exc
    if problems != ["ok"]:
        raise unreadable_error(path, problems[0] if problems else "quick_check returned nothing")


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the database up to `LATEST_VERSION` in one transaction; return the version it was at.

    `conn` must be in autocommit mode (`isolation_level=None`).
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version == LATEST_VERSION:
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another Sluice may have migrated it meanwhile.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > LATEST_VERSION:
            raise newer_version_error(path, version)
        for number in range(version + 1, LATEST_VERSION + 1):
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return version
