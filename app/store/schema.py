"""The database's shape: numbered migrations, applied in order and recorded in `PRAGMA user_version`.

Migration N (1-based) takes a database at version N-1 to version N. Never edit a migration that has
shipped: add a new one. A file whose version is higher than the newest migration was written by a newer
Sluice, and is refused before anything writes to it (`preflight`).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from app.core.errors import StoreError
from app.core.sentences import QT_TRANSLATE_NOOP
from app.store import attachments, exchanges

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
    # Usage and cost (what each reply cost and where the figure came from; `sluice stats`, the Usage page).
    (
        "ALTER TABLE messages ADD COLUMN reasoning_tokens INTEGER",
        "ALTER TABLE messages ADD COLUMN cached_tokens INTEGER",
        # Decimal as text: a float would turn a bill of 0.68 into 0.67999…
        "ALTER TABLE messages ADD COLUMN cost_amount TEXT",
        "ALTER TABLE messages ADD COLUMN cost_currency TEXT",
        "ALTER TABLE messages ADD COLUMN cost_source TEXT",
        # The same amount in 10⁻¹² of the currency, so that SUM() in SQL is exact (a per-1M price with six
        # decimals times a token count has at most twelve).
        "ALTER TABLE messages ADD COLUMN cost_picos INTEGER",
        # Statistics read replies by time. A covering index: the figures are read from it alone, never from
        # the rows, whose long content would have to be stepped over (overflow pages) to reach them.
        """
        CREATE INDEX messages_usage ON messages (
            created, profile, model, status, error_kind, prompt_tokens, completion_tokens,
            reasoning_tokens, cached_tokens, cost_currency, cost_picos, ttft_ms, tokens_per_s
        ) WHERE role = 'assistant'
        """,
    ),
    # Attachments: files stored once by content hash, referenced by the messages that carry them.
    attachments.MIGRATION,
    # 4: conversations are trees. Each message has a parent (the message it follows); Edit and Regenerate
    # add siblings instead of deleting. `active_child` remembers which child each message shows, so a
    # branch switched away from and back comes back as it was; `active_leaf` is the end of the branch that
    # is shown, sent and exported. Existing conversations become one branch: each message's parent is the
    # message before it.
    (
        "ALTER TABLE messages ADD COLUMN parent_id INTEGER REFERENCES messages (id) ON DELETE CASCADE",
        "ALTER TABLE messages ADD COLUMN active_child INTEGER",
        "ALTER TABLE conversations ADD COLUMN active_leaf INTEGER",
        """
        UPDATE messages SET parent_id = (
            SELECT max(p.id) FROM messages AS p
            WHERE p.conversation_id = messages.conversation_id AND p.id < messages.id
        )
        """,
        # Children of a message, and the first messages of a conversation (parent_id IS NULL), by id.
        "CREATE INDEX messages_by_parent ON messages (conversation_id, parent_id, id)",
        """
        UPDATE messages SET active_child = (
            SELECT max(c.id) FROM messages AS c
            WHERE c.conversation_id = messages.conversation_id AND c.parent_id = messages.id
        )
        """,
        """
        UPDATE conversations SET active_leaf = (
            SELECT max(m.id) FROM messages AS m WHERE m.conversation_id = conversations.id
        )
        """,
    ),
    # Stream inspector: each reply's exchange (request, response head, timed body chunks), compressed.
    exchanges.MIGRATION,
    # Pinned conversations stay at the top of the sidebar, whatever their age.
    ("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",),
    # 7: what a deleted reply cost stays counted. `stats` and the Usage page add these rows to the live
    # replies', so deleting a reply or a conversation never makes the money spent on it disappear. A
    # trigger keeps each finished reply's usage as it goes (cascaded deletes fire it too); another takes
    # it back when Undo puts the same message (ids are never reused: AUTOINCREMENT) back.
    (
        """
        CREATE TABLE deleted_usage (
            message_id        INTEGER PRIMARY KEY,
            created           REAL NOT NULL,
            profile           TEXT,
            model             TEXT,
            status            TEXT NOT NULL,
            error_kind        TEXT,
            prompt_tokens     INTEGER,
            completion_tokens INTEGER,
            reasoning_tokens  INTEGER,
            cached_tokens     INTEGER,
            cost_currency     TEXT,
            cost_picos        INTEGER,
            ttft_ms           REAL,
            tokens_per_s      REAL
        )
        """,
        "CREATE INDEX deleted_usage_created ON deleted_usage (created)",
        """
        CREATE TRIGGER keep_deleted_usage BEFORE DELETE ON messages
        WHEN OLD.role = 'assistant' AND OLD.status != 'streaming'
        BEGIN
            INSERT OR REPLACE INTO deleted_usage VALUES (
                OLD.id, OLD.created, OLD.profile, OLD.model, OLD.status, OLD.error_kind,
                OLD.prompt_tokens, OLD.completion_tokens, OLD.reasoning_tokens, OLD.cached_tokens,
                OLD.cost_currency, OLD.cost_picos, OLD.ttft_ms, OLD.tokens_per_s
            );
        END
        """,
        """
        CREATE TRIGGER restore_deleted_usage AFTER INSERT ON messages
        BEGIN
            DELETE FROM deleted_usage WHERE message_id = NEW.id;
        END
        """,
    ),
)

LATEST_VERSION = len(MIGRATIONS)

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_USER_VERSION_OFFSET = 60  # big-endian signed 32-bit, per https://sqlite.org/fileformat.html

# What a StoreError from here says, marked for lupdate: `.format()` makes a Sentence the window translates
# with its fields (app/core/sentences.py). `{reason}` and `{detail}` are the OS's or
# SQLite's own words.
MESSAGES: dict[str, str] = {
    "newer": QT_TRANSLATE_NOOP(
        "store",
        "The conversation database {path} was made by a newer version of Sluice "
        "(schema {version}; this version understands up to {latest}). "
        "The file was left untouched. Update Sluice to open it.",
    ),
    "unreadable": QT_TRANSLATE_NOOP(
        "store",
        "The conversation database {path} is not a SQLite database or is damaged ({detail}). "
        "The file was left untouched. Move it aside to start a new history, or restore it from a backup.",
    ),
    "cannot_read": QT_TRANSLATE_NOOP("store", "Cannot read the conversation database {path}: {reason}."),
    "disk_full": QT_TRANSLATE_NOOP(
        "store",
        "The conversation database {path} cannot be opened: the disk is full ({detail}). The file was left "
        "untouched. Free some space and try again.",
    ),
}

# SQLite result codes (the low byte of an extended code) that say the disk or the OS got in the way, not
# that the file is damaged: https://sqlite.org/rescode.html
_NOT_DAMAGE = {3, 5, 6, 7, 8, 10, 13, 14}  # PERM BUSY LOCKED NOMEM READONLY IOERR FULL CANTOPEN
_DISK_NEARLY_FULL = 256 * 1024  # bytes free: less than this and an I/O error is most likely the disk


def trouble_error(path: Path, exc: sqlite3.Error) -> StoreError | None:
    """A StoreError for an error the disk or the OS caused (a full disk, no permission), else None.

    A full disk makes SQLite answer "disk I/O error" (it cannot make the -shm file): that is no reason to
    call the file damaged and advise moving it aside.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None or code & 0xFF not in _NOT_DAMAGE:
        return None
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    if code & 0xFF == 13 or (free is not None and free < _DISK_NEARLY_FULL):
        return StoreError(MESSAGES["disk_full"].format(path=path, detail=exc))
    return StoreError(MESSAGES["cannot_read"].format(path=path, reason=exc))


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
        raise trouble_error(path, exc) or unreadable_error(path, str(exc)) from exc
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
