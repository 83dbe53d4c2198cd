"""ConversationStore: the conversation history in one SQLite file.

Synchronous on purpose: every write is a few small rows, and in WAL mode with `synchronous=NORMAL` a
commit is a write to the log without an fsync, cheap enough to call from the asyncio loop. Every public
write is committed before it returns, so a process killed right after `save_partial` keeps that text;
the next start turns its 'streaming' row into 'interrupted' (`mark_interrupted`).
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.errors import StoreError
from app.core.models import Conversation, Message
from app.store import schema
from app.store.converters import MESSAGE_FIELDS, conversation_from_row, message_from_row, message_values

TITLE_LIMIT = 60
DEFAULT_TITLE = "New conversation"

# What a StoreError from here says; `{…}` fields are filled with str.format, so the window can find the
# template again and show it translated (app/ui/i18n.py). `{reason}` is the OS's or SQLite's own words.
MESSAGES: dict[str, str] = {
    "cannot_create": "Cannot create the conversation database at {path}: {reason}.",
    "cannot_open": "Cannot open the conversation database {path}: {reason}.",
    "failed": "The conversation database {path} could not be used: {reason}.",
    "no_conversation": "Conversation {id} does not exist (it may have been deleted).",
    "no_message": "Message {id} does not exist (it may have been deleted).",
    "already_exists": "Conversation {id} already exists; nothing was restored.",
    "elsewhere": "Message {message} is not in conversation {conversation}.",
}

_MESSAGE_COLUMNS = ", ".join(MESSAGE_FIELDS)
_MESSAGE_PARAMS = ", ".join(f":{name}" for name in MESSAGE_FIELDS)
_INSERT_MESSAGE = (
    f"INSERT INTO messages (id, conversation_id, created, updated, {_MESSAGE_COLUMNS}) "
    f"VALUES (:id, :conversation_id, :created, :updated, {_MESSAGE_PARAMS})"
)
_UPDATE_MESSAGE = (
    "UPDATE messages SET updated = :updated, "
    + ", ".join(f"{name} = :{name}" for name in MESSAGE_FIELDS)
    + " WHERE id = :id"
)
_INSERT_CONVERSATION = (
    "INSERT INTO conversations (id, title, created, updated, profile, model, system_prompt, pinned) "
    "VALUES (:id, :title, :created, :updated, :profile, :model, :system_prompt, :pinned)"
)


def title_from_text(text: str) -> str:
    """A conversation title from its first message: the first non-empty line, whitespace collapsed,
    at most TITLE_LIMIT characters (an ellipsis marks a cut)."""
    for line in text.splitlines():
        collapsed = " ".join(line.split())
        if collapsed:
            if len(collapsed) > TITLE_LIMIT:
                return collapsed[: TITLE_LIMIT - 1].rstrip() + "…"
            return collapsed
    return DEFAULT_TITLE


def _fold(text: str | None) -> str | None:
    # SQLite's LIKE and lower() fold ASCII only; casefold() also matches Ä/ä, Σ/σ, ß/SS.
    return text.casefold() if text is not None else None


def _create_private(path: Path) -> None:
    """Create the directory (0700) and the empty database file (0600) if missing; leave existing ones be."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name == "posix":
                os.chmod(path.parent, 0o700)  # mkdir's mode is filtered by the umask
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(MESSAGES["cannot_create"].format(path=path, reason=exc.strerror or exc)) from exc
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


class ConversationStore:
    """Conversations and their messages. Build it with `ConversationStore.open(path)`.

    Every method raises StoreError, with a sentence meant for the user, when the database cannot be read
    or written, or when a conversation or message it is asked about does not exist.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Callable[[], float] = time.time) -> None:
        self._conn = conn
        self._clock = clock
        self.path = path

    @classmethod
    def open(cls, path: Path, *, clock: Callable[[], float] = time.time) -> ConversationStore:
        """Open (creating if needed) and migrate the database at `path`.

        A file that is not a database, is damaged, or comes from a newer Sluice is refused with
        StoreError before anything writes to it. `clock` gives the unix time stamped on rows.
        """
        path = Path(path)
        schema.preflight(path)
        _create_private(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(MESSAGES["cannot_open"].format(path=path, reason=exc)) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.create_function("sluice_fold", 1, _fold, deterministic=True)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            # With WAL, NORMAL survives an application crash; only a power cut may lose the last commits.
            conn.execute("PRAGMA synchronous = NORMAL")
            schema.migrate(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(MESSAGES["cannot_open"].format(path=path, reason=exc)) from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock)

    def close(self) -> None:
        self._conn.close()

    # -- plumbing -------------------------------------------------------------------------------------

    def _failure(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(MESSAGES["failed"].format(path=self.path, reason=exc))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction; rolled back on any error, sqlite3 errors turned into StoreError."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failure(exc) from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._failure(exc) from exc
            raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._conn
        except sqlite3.Error as exc:
            raise self._failure(exc) from exc

    @staticmethod
    def _no_conversation(conversation_id: int) -> StoreError:
        return StoreError(MESSAGES["no_conversation"].format(id=conversation_id))

    @staticmethod
    def _no_message(message_id: int) -> StoreError:
        return StoreError(MESSAGES["no_message"].format(id=message_id))

    # -- conversations --------------------------------------------------------------------------------

    def mark_interrupted(self) -> int:
        """Messages a crash left 'streaming' become 'interrupted'. Returns how many there were."""
        with self._write() as db:
            cursor = db.execute(
                # Literal 'streaming' so the partial index messages_streaming applies.
                "UPDATE messages SET status = 'interrupted', updated = ? WHERE status = 'streaming'",
                (self._clock(),),
            )
            return cursor.rowcount

    def create_conversation(
        self,
        title: str,
        *,
        profile: str | None = None,
        model: str | None = None,
        system_prompt: str = "",
    ) -> Conversation:
        now = self._clock()
        values = {
            "id": None,
            "title": title,
            "created": now,
            "updated": now,
            "profile": profile,
            "model": model,
            "system_prompt": system_prompt,
            "pinned": False,
        }
        with self._write() as db:
            cursor = db.execute(_INSERT_CONVERSATION, values)
        assert cursor.lastrowid is not None
        return Conversation(cursor.lastrowid, title, now, now, profile, model, system_prompt)

    def get_conversation(self, conversation_id: int) -> Conversation:
        with self._read() as db:
            row = db.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise self._no_conversation(conversation_id)
        return conversation_from_row(row)

    def list_conversations(self, search: str | None = None, limit: int = 200) -> list[Conversation]:
        """Pinned first, then newest activity first. `search` matches, ignoring case, a substring of the
        title or of any message's content."""
        needle = search.strip().casefold() if search else ""
        with self._read() as db:
            if not needle:
                rows = db.execute(
                    "SELECT * FROM conversations ORDER BY pinned DESC, updated DESC, id DESC LIMIT ?",
                    (limit,),
                ).fetchall()
            else:
                rows = db.execute(
                    """
                    SELECT * FROM conversations AS c
                    WHERE instr(sluice_fold(c.title), :needle) > 0
                       OR EXISTS (SELECT 1 FROM messages AS m
                                  WHERE m.conversation_id = c.id
                                    AND instr(sluice_fold(m.content), :needle) > 0)
                    ORDER BY c.pinned DESC, c.updated DESC, c.id DESC LIMIT :limit
                    """,
                    {"needle": needle, "limit": limit},
                ).fetchall()
        return [conversation_from_row(row) for row in rows]

    def last_conversation(self) -> Conversation | None:
        """The conversation with the newest activity, pinned or not."""
        with self._read() as db:
            row = db.execute("SELECT * FROM conversations ORDER BY updated DESC, id DESC LIMIT 1").fetchone()
        return conversation_from_row(row) if row is not None else None

    def _update_conversation(self, conversation_id: int, sql: str, params: tuple[object, ...]) -> None:
        with self._write() as db:
            if db.execute(sql, (*params, conversation_id)).rowcount == 0:
                raise self._no_conversation(conversation_id)

    # Renaming or re-configuring is not activity: `updated` stays, so the list order does not jump.
    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._update_conversation(
            conversation_id, "UPDATE conversations SET title = ? WHERE id = ?", (title,)
        )

    def set_conversation_profile(self, conversation_id: int, profile: str | None, model: str | None) -> None:
        self._update_conversation(
            conversation_id, "UPDATE conversations SET profile = ?, model = ? WHERE id = ?", (profile, model)
        )

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._update_conversation(
            conversation_id, "UPDATE conversations SET pinned = ? WHERE id = ?", (int(pinned),)
        )

    def set_system_prompt(self, conversation_id: int, system_prompt: str) -> None:
        self._update_conversation(
            conversation_id, "UPDATE conversations SET system_prompt = ? WHERE id = ?", (system_prompt,)
        )

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete a conversation and (by cascade) its messages. Keep what `get_conversation` and
        `messages` return beforehand to offer undo through `restore_conversation`."""
        self._update_conversation(conversation_id, "DELETE FROM conversations WHERE id = ?", ())

    def restore_conversation(self, conversation: Conversation, messages: list[Message]) -> Conversation:
        """Undo a delete: put the conversation and its messages back under their old ids."""
        with self._write() as db:
            if db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation.id,)).fetchone():
                raise StoreError(MESSAGES["already_exists"].format(id=conversation.id))
            db.execute(_INSERT_CONVERSATION, dataclasses.asdict(conversation))
            for message in messages:
                db.execute(
                    _INSERT_MESSAGE,
                    {
                        **message_values(message),
                        "id": message.id,
                        "conversation_id": conversation.id,
                        "created": message.created,
                        "updated": message.created,
                    },
                )
        return conversation

    # -- messages -------------------------------------------------------------------------------------

    def add_message(self, conversation_id: int, message: Message) -> Message:
        """Append `message`; returns it with id, conversation_id and created (if it had none) set."""
        now = self._clock()
        created = message.created or now
        with self._write() as db:
            touched = db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
            if touched.rowcount == 0:
                raise self._no_conversation(conversation_id)
            cursor = db.execute(
                _INSERT_MESSAGE,
                {
                    **message_values(message),
                    "id": None,
                    "conversation_id": conversation_id,
                    "created": created,
                    "updated": now,
                },
            )
        return dataclasses.replace(
            message, id=cursor.lastrowid, conversation_id=conversation_id, created=created
        )

    def save_partial(self, message_id: int, content: str, reasoning: str) -> None:
        """Record the text streamed so far. Committed on return, so it survives a crash."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE messages SET content = ?, reasoning = ?, updated = ? WHERE id = ?",
                (content, reasoning, self._clock(), message_id),
            )
            if cursor.rowcount == 0:
                raise self._no_message(message_id)

    def finish_message(self, message: Message) -> None:
        """Write every field of a stored message (status, text, usage, metrics, error, tool calls).
        Its conversation and creation time stay as they were."""
        if message.id is None:
            raise ValueError("finish_message needs a message returned by add_message (it has no id)")
        now = self._clock()
        with self._write() as db:
            cursor = db.execute(
                _UPDATE_MESSAGE, {**message_values(message), "id": message.id, "updated": now}
            )
            if cursor.rowcount == 0:
                raise self._no_message(message.id)
            db.execute(
                "UPDATE conversations SET updated = ? "
                "WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)",
                (now, message.id),
            )

    def get_message(self, message_id: int) -> Message:
        with self._read() as db:
            row = db.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise self._no_message(message_id)
        return message_from_row(row)

    def messages(self, conversation_id: int) -> list[Message]:
        """The conversation's messages in the order they were added (empty if it has none, or is gone)."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
            ).fetchall()
        return [message_from_row(row) for row in rows]

    def delete_messages_from(self, conversation_id: int, message_id: int) -> list[Message]:
        """Delete `message_id` and every later message of the conversation (edit & resend, regenerate).
        Returns the deleted messages, in order."""
        with self._write() as db:
            rows = db.execute(
                "SELECT * FROM messages WHERE conversation_id = ? AND id >= ? ORDER BY id",
                (conversation_id, message_id),
            ).fetchall()
            if not rows or rows[0]["id"] != message_id:
                raise StoreError(
                    MESSAGES["elsewhere"].format(message=message_id, conversation=conversation_id)
                )
            db.execute(
                "DELETE FROM messages WHERE conversation_id = ? AND id >= ?", (conversation_id, message_id)
            )
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (self._clock(), conversation_id))
        return [message_from_row(row) for row in rows]
