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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from app.core.errors import StoreError
from app.core.models import Conversation, Message, MessageStatus, Role, Versions
from app.core.sentences import QT_TRANSLATE_NOOP
from app.store import attachments, exchanges, schema, tree
from app.store.converters import (
    MESSAGE_FIELDS,
    PICOS,
    conversation_from_row,
    message_from_row,
    message_values,
)

if TYPE_CHECKING:  # deleting messages and the usage figures are imported when used: not to start the window
    from app.core.exchange import ExchangeRecord  # (the stream inspector's records too)
    from app.store.removal import Removed
    from app.store.stats import DaySpend, GroupBy, GroupStats

TITLE_LIMIT = 60
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another process's lock (sqlite3.connect's default)
DEFAULT_TITLE = "New conversation"

# What a StoreError from here says, marked for lupdate: `.format()` makes a Sentence the window translates
# with its fields (app/core/sentences.py). `{reason}` is the OS's or SQLite's own words.
MESSAGES: dict[str, str] = {
    "cannot_create": QT_TRANSLATE_NOOP(
        "store", "Cannot create the conversation database at {path}: {reason}."
    ),
    "cannot_open": QT_TRANSLATE_NOOP("store", "Cannot open the conversation database {path}: {reason}."),
    "failed": QT_TRANSLATE_NOOP("store", "The conversation database {path} could not be used: {reason}."),
    "no_conversation": QT_TRANSLATE_NOOP(
        "store", "Conversation {id} does not exist (it may have been deleted)."
    ),
    "no_message": QT_TRANSLATE_NOOP("store", "Message {id} does not exist (it may have been deleted)."),
    "already_exists": QT_TRANSLATE_NOOP("store", "Conversation {id} already exists; nothing was restored."),
    "elsewhere": QT_TRANSLATE_NOOP("store", "Message {message} is not in conversation {conversation}."),
}

_MESSAGE_COLUMNS = ", ".join(MESSAGE_FIELDS)
_MESSAGE_PARAMS = ", ".join(f":{name}" for name in MESSAGE_FIELDS)
_INSERT_MESSAGE = (
    f"INSERT INTO messages (id, conversation_id, parent_id, created, updated, {_MESSAGE_COLUMNS}) "
    f"VALUES (:id, :conversation_id, :parent_id, :created, :updated, {_MESSAGE_PARAMS})"
)
_UPDATE_MESSAGE = (
    "UPDATE messages SET updated = :updated, "
    + ", ".join(f"{name} = :{name}" for name in MESSAGE_FIELDS)
    + " WHERE id = :id"
)
_INSERT_CONVERSATION = (
    "INSERT INTO conversations (id, title, created, updated, profile, model, system_prompt, active_leaf, "
    "pinned) VALUES (:id, :title, :created, :updated, :profile, :model, :system_prompt, :active_leaf, "
    ":pinned)"
)


class _Where(Enum):
    LEAF = "leaf"


# add_message's default parent: the end of the branch shown (a follow-up continues the conversation).
AT_LEAF: Final = _Where.LEAF


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
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
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
            trouble = schema.trouble_error(path, exc)
            raise trouble or StoreError(MESSAGES["cannot_open"].format(path=path, reason=exc)) from exc
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
    def _write(self, timeout: float | None = None) -> Iterator[sqlite3.Connection]:
        """One committed transaction; rolled back on any error, sqlite3 errors turned into StoreError.

        `timeout`: seconds to wait for another process's lock instead of the connection's 5 s. A reply
        saved as it streams passes a short one: the save blocks the event loop while it waits, and the
        caller retries later anyway (app/reply_saver.py).
        """
        if timeout is not None:
            self._conn.execute(f"PRAGMA busy_timeout = {max(0, int(timeout * 1000))}")
        try:
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
        finally:
            if timeout is not None:
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

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
            "active_leaf": None,
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

    def rename_profile(self, old: str, new: str) -> int:
        """Move every conversation of profile `old` to `new` (a profile was renamed); returns how many.

        One UPDATE, whatever the number of conversations; `updated` stays, as for any re-configuring.
        """
        with self._write() as db:
            return db.execute("UPDATE conversations SET profile = ? WHERE profile = ?", (new, old)).rowcount

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
            for message in sorted(messages, key=lambda m: m.id or 0):  # parents before children
                db.execute(
                    _INSERT_MESSAGE,
                    {
                        **message_values(message),
                        "id": message.id,
                        "conversation_id": conversation.id,
                        "parent_id": message.parent_id,
                        "created": message.created,
                        "updated": message.created,
                    },
                )
                if message.attachments and message.id is not None:
                    # The files are still stored: unreferenced ones are purged only when the store opens.
                    attachments.save(db, message.id, message.attachments)
                if message.parent_id is not None:  # off the shown branch, the newest child is shown
                    db.execute(
                        "UPDATE messages SET active_child = ? WHERE id = ?", (message.id, message.parent_id)
                    )
            if conversation.active_leaf is not None:
                tree.activate(db, conversation.id, conversation.active_leaf)
        return conversation

    # -- messages -------------------------------------------------------------------------------------

    def add_message(
        self,
        conversation_id: int,
        message: Message,
        *,
        parent: int | Literal[_Where.LEAF] | None = AT_LEAF,
        timeout: float | None = None,
    ) -> Message:
        """Add `message` under `parent` (by default the end of the shown branch; None starts a new first
        message) and show its branch. Returns it with id, conversation_id, parent_id and created set.

        `timeout` (seconds) bounds the wait for another process's lock (see `save_partial`).
        """
        now = self._clock()
        created = message.created or now
        with self._write(timeout) as db:
            row = db.execute(
                "SELECT active_leaf FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if row is None:
                raise self._no_conversation(conversation_id)
            parent_id = row[0] if parent is AT_LEAF else parent
            if parent_id is not None:
                owner = db.execute(
                    "SELECT conversation_id FROM messages WHERE id = ?", (parent_id,)
                ).fetchone()
                if owner is None or owner[0] != conversation_id:
                    raise StoreError(
                        MESSAGES["elsewhere"].format(message=parent_id, conversation=conversation_id)
                    )
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
            cursor = db.execute(
                _INSERT_MESSAGE,
                {
                    **message_values(message),
                    "id": None,
                    "conversation_id": conversation_id,
                    "parent_id": parent_id,
                    "created": created,
                    "updated": now,
                },
            )
            assert cursor.lastrowid is not None
            if message.attachments:
                attachments.save(db, cursor.lastrowid, message.attachments)
            tree.attach(db, conversation_id, cursor.lastrowid, parent_id)
        return dataclasses.replace(
            message,
            id=cursor.lastrowid,
            conversation_id=conversation_id,
            parent_id=parent_id,
            created=created,
        )

    def save_partial(
        self, message_id: int, content: str, reasoning: str, *, timeout: float | None = None
    ) -> None:
        """Record the text streamed so far. Committed on return, so it survives a crash.

        `timeout` (seconds) bounds the wait for another process's lock; StoreError when it runs out.
        """
        with self._write(timeout) as db:
            cursor = db.execute(
                "UPDATE messages SET content = ?, reasoning = ?, updated = ? WHERE id = ?",
                (content, reasoning, self._clock(), message_id),
            )
            if cursor.rowcount == 0:
                raise self._no_message(message_id)

    def finish_message(self, message: Message, *, timeout: float | None = None) -> None:
        """Write every field of a stored message (status, text, usage, metrics, error, tool calls).
        Its conversation, parent and creation time stay as they were."""
        if message.id is None:
            raise ValueError("finish_message needs a message returned by add_message (it has no id)")
        now = self._clock()
        with self._write(timeout) as db:
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

    def end_streaming(
        self, message_id: int, status: MessageStatus, note: str, *, timeout: float | None = None
    ) -> None:
        """Give a row still 'streaming' its final status and a note (error_message), leaving its text as
        last saved: what is left when the final text cannot be written (a full disk). Needs no new space
        for the text, so it often succeeds where `finish_message` did not."""
        with self._write(timeout) as db:
            db.execute(
                "UPDATE messages SET status = ?, error_message = ?, updated = ? "
                "WHERE id = ? AND status = 'streaming'",
                (status.value, note, self._clock(), message_id),
            )

    def usage_stats(self, by: GroupBy, since: float | None) -> list[GroupStats]:
        """Replies, tokens, cost, errors and speed per group (app/store/stats.py)."""
        from app.store.stats import usage_stats

        with self._read() as db:
            return usage_stats(db, by, since)

    def daily_spend(self, since: float | None) -> list[DaySpend]:
        from app.store.stats import daily_spend

        with self._read() as db:
            return daily_spend(db, since)

    def conversation_cost(self, conversation_id: int) -> dict[str, Decimal]:
        """The conversation's known cost per currency (every saved reply, all versions)."""
        with self._read() as db:
            rows = db.execute(
                "SELECT cost_currency, SUM(cost_picos) FROM messages "
                "WHERE conversation_id = ? AND cost_picos IS NOT NULL GROUP BY cost_currency",
                (conversation_id,),
            ).fetchall()
        return {currency: Decimal(picos) / PICOS for currency, picos in rows}

    def get_message(self, message_id: int) -> Message:
        with self._read() as db:
            row = db.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                raise self._no_message(message_id)
            return self._described(db, [message_from_row(row)])[0]

    def messages(self, conversation_id: int) -> list[Message]:
        """Every message of the conversation, all branches, in the order they were added (empty if it has
        none, or is gone). The branch that is shown is `active_path`."""
        with self._read() as db:
            rows = db.execute(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
            ).fetchall()
            return self._described(db, [message_from_row(row) for row in rows])

    @staticmethod
    def _described(db: sqlite3.Connection, messages: list[Message]) -> list[Message]:
        """User messages with their attachments described (no bytes: `with_attachment_data` reads those)."""
        users = [m.id for m in messages if m.role == Role.USER and m.id is not None]
        if not users:
            return messages
        found = attachments.described(db, users)
        return [dataclasses.replace(m, attachments=found[m.id]) if m.id in found else m for m in messages]

    def with_attachment_data(self, messages: Sequence[Message]) -> list[Message]:
        """`messages` with their attachments' bytes and text, for a request or an export."""
        if not any(m.attachments for m in messages):
            return list(messages)
        with self._read() as db:
            return attachments.fill(db, messages)

    def purge_attachments(self) -> int:
        """Remove stored files no message refers to (a deleted conversation's, once its undo is gone)."""
        with self._write() as db:
            return attachments.purge_unreferenced(db)

    # -- the tree (app/store/tree.py) -----------------------------------------------------------------

    def active_path(self, conversation_id: int) -> list[Message]:
        """The branch that is shown, sent and exported: from the first message to the active leaf."""
        with self._read() as db:
            row = db.execute(
                "SELECT active_leaf FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if row is None or row[0] is None:
                return []
            return self._described(db, tree.path_to(db, row[0]))

    def path_to(self, message_id: int) -> list[Message]:
        """The messages from the conversation's start down to `message_id` (what a reply to it is sent)."""
        with self._read() as db:
            path = self._described(db, tree.path_to(db, message_id))
        if not path:
            raise self._no_message(message_id)
        return path

    def siblings(self, message_id: int) -> list[Message]:
        """The versions of `message_id`'s turn, itself included, oldest first."""
        with self._read() as db:
            found = self._described(db, tree.siblings(db, message_id))
        if not found:
            raise self._no_message(message_id)
        return found

    def children(self, message_id: int) -> list[Message]:
        with self._read() as db:
            return self._described(db, tree.children(db, message_id))

    def versions(self, message_id: int) -> Versions | None:
        """ "2 of 3" for a message with siblings, with its neighbours' ids; None when it has none."""
        with self._read() as db:
            return tree.versions(db, message_id)

    def switch_to(self, message_id: int) -> list[Message]:
        """Show the version `message_id` of its turn, and below it the branch last shown there.

        Returns `message_id` and the messages below it on the new branch: all a view has to redraw.
        Costs O(path), whatever the size of the conversation.
        """
        with self._write() as db:
            row = db.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
            if row is None:
                raise self._no_message(message_id)
            return self._described(db, tree.activate(db, row[0], message_id))

    def delete_message(self, message_id: int) -> Removed:
        """Delete a message, everything below it, their attachment references and inspector records
        (app/store/removal.py). Another version of its turn is shown in its place, if it has one.
        Keep the result to offer undo (`restore_messages`), then `forget_files` once it is withdrawn."""
        from app.store import removal

        with self._write() as db:
            row = db.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
            removed = removal.remove(db, row[0], message_id) if row is not None else None
            if removed is None:
                raise self._no_message(message_id)
            # `updated` stays: a delete is no new activity, and the conversation keeps its place in the list.
            return dataclasses.replace(removed, shown=tuple(self._described(db, list(removed.shown))))

    def deletion_size(self, message_id: int) -> int:
        """How many messages `delete_message` would take (0 if it is gone): to say so before."""
        from app.store import removal

        with self._read() as db:
            row = db.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
            return removal.count(db, row[0], message_id) if row is not None else 0

    def restore_messages(self, removed: Removed) -> bool:
        """Undo `delete_message` exactly; False if that cannot be done any more (its parent is gone)."""
        from app.store import removal

        with self._write() as db:
            return removal.put_back(db, removed)

    def forget_files(self, removed: Removed) -> int:
        """The undo of `removed` is withdrawn: delete its files that no other message refers to.

        Not when its conversation is gone meanwhile: the sidebar may be offering that conversation back,
        whose other messages may carry the same files; the purge at the next open takes them then."""
        if not removed.files:
            return 0
        from app.store import removal

        with self._write() as db:
            if db.execute("SELECT 1 FROM conversations WHERE id = ?", (removed.conversation_id,)).fetchone():
                return removal.forget_files(db, removed.files)
            return 0

    # -- stream inspector records (app/store/exchanges.py) ---------------------------------------------

    def save_exchange(self, message_id: int, record: ExchangeRecord) -> None:
        with self._write() as db:
            exchanges.save(db, message_id, record)

    def exchange(self, message_id: int) -> ExchangeRecord | None:
        """A reply's record, None if it has none. StoreError for a damaged one."""
        with self._read() as db:
            try:
                return exchanges.load(db, message_id)
            except ValueError as exc:
                raise self._failure(sqlite3.DatabaseError(str(exc))) from exc

    def last_exchange_message(self) -> int | None:
        with self._read() as db:
            return exchanges.last_message_id(db)
