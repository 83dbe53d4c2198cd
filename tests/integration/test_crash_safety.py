"""Crash safety of the history, through the real `sluice` process.

`kill -9` in the middle of a reply loses at most the last second of it, and the next start marks it
interrupted; the database stays sound. A database Sluice cannot use (not a database, damaged, from a newer
Sluice) is reported in one line and left exactly as it was. tests/unit/store/test_store.py checks the
store itself; this file checks what the user meets.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from app.core.models import AUTH_NONE, Profile
from app.store.schema import LATEST_VERSION
from tests.integration.conftest import Sluice
from tests.support.faults import write_profile
from tests.support.server import TestServer, endless_sse_reply, sse_reply

posix_only = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
TICK = "tick "
STREAM_FOR_S = 3.25  # streamed before the kill (server time): mid-way between two 0.5 s saves


def _add_profile(sluice: Sluice, server: TestServer) -> None:
    write_profile(sluice.home, Profile(name="local", base_url=server.base_url, model="m", auth=AUTH_NONE))


def _export(sluice: Sluice, conversation_id: int) -> dict[str, object]:
    done = sluice.run("export", "--id", str(conversation_id), "--format", "json")
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout)
    assert isinstance(exported, dict)
    return exported


@posix_only
def test_kill_9_mid_reply_keeps_all_but_the_last_second_and_the_next_start_marks_it(
    sluice: Sluice, server: TestServer
) -> None:
    _add_profile(sluice, server)
    sent: list[tuple[float, bytes]] = []
    reply = endless_sse_reply(TICK, gap_s=0.01)
    reply.sent_log = sent
    server.queue(reply)
    proc = sluice.popen("ask", "stream until I am killed")
    try:
        assert proc.stdout is not None
        assert proc.stdout.read(len(TICK)) == TICK  # the reply is streaming
        deadline = time.monotonic() + 60
        while not sent or sent[-1][0] - sent[0][0] < STREAM_FOR_S:  # measured on the server's record
            assert time.monotonic() < deadline, "the server did not stream"
            time.sleep(0.05)
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert server.wait_until_closed(10), "the killed process's connection is still open on the server"

    # What the crash left, before anything repairs it: the row still says streaming, with the text so far.
    left = _export(sluice, 1)["messages"]
    assert isinstance(left, list)
    assert [m["role"] for m in left] == ["user", "assistant"]
    assert left[0]["content"] == "stream until I am killed"
    assert left[1]["status"] == "streaming"

    # The next start (any `sluice ask`, or the window) marks it interrupted.
    server.queue(sse_reply(["fresh"]))
    again = sluice.run("ask", "next")
    assert again.returncode == 0, again.stderr
    assert again.stdout == "fresh\n"
    reply_row = _export(sluice, 1)["messages"][1]  # type: ignore[index]
    assert reply_row["status"] == "interrupted"
    saved = reply_row["content"]
    assert saved == left[1]["content"]  # marking changed the status only

    # Within the last second of what was sent before the kill: every tick the server had sent by then,
    # except those of the last second, is in the saved text.
    ticks_sent = [at for at, piece in sent if TICK.encode() in piece]
    sent_before_kill = [at for at in ticks_sent if at <= killed_at]
    saved_ticks = saved.count(TICK)
    assert saved == TICK * saved_ticks  # whole deltas only, nothing invented
    assert 0 < saved_ticks <= len(sent_before_kill)
    missing_since = sent_before_kill[saved_ticks] if saved_ticks < len(sent_before_kill) else killed_at
    lost_s = killed_at - missing_since
    assert lost_s <= 1.0, f"the saved reply misses the last {lost_s:.2f} s before the kill"

    db = sluice.home / "data" / "sluice.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM messages WHERE status = 'streaming'").fetchone() == (0,)
    conn.close()


# -- a history the app must not touch --------------------------------------------------------------------


def _not_a_database(path: Path) -> None:
    path.write_bytes("这不是数据库 — my notes\n".encode() * 300)


def _damaged(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO notes (body) VALUES (?)", [("x" * 500,) for _ in range(200)])
    conn.commit()
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[page : page + 300] = b"\xff" * 300  # the first table's root page; the header stays valid
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO conversations (title) VALUES ('from the future')")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 7}")
    conn.commit()
    conn.close()


BAD_STORES = {
    "not-a-database": (_not_a_database, "is not a SQLite database or is damaged"),
    "damaged": (_damaged, "is not a SQLite database or is damaged"),
    "newer-version": (_newer, "made by a newer version of Sluice"),
}


def _snapshot(path: Path) -> tuple[bytes, int, int, list[str]]:
    stat = path.stat()
    return path.read_bytes(), stat.st_mtime_ns, stat.st_mode, sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize("command", ["ask", "export"])
@pytest.mark.parametrize("case", list(BAD_STORES))
def test_an_unusable_database_is_reported_and_left_untouched(
    sluice: Sluice, server: TestServer, case: str, command: str
) -> None:
    _add_profile(sluice, server)
    make, words = BAD_STORES[case]
    db = sluice.home / "data" / "sluice.db"
    db.parent.mkdir(parents=True, mode=0o700)
    make(db)
    before = _snapshot(db)

    args = ["ask", "hello"] if command == "ask" else ["export", "--last"]
    done = sluice.run(*args)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("sluice: ") and words in lines[0]
    assert str(db) in lines[0] and "left untouched" in lines[0]
    assert "Traceback" not in done.stderr
    assert _snapshot(db) == before, "the file (or its directory) changed"
    assert server.requests == []  # nothing is sent when the reply could not be kept


def test_ask_no_save_still_works_beside_an_unusable_database(sluice: Sluice, server: TestServer) -> None:
    _add_profile(sluice, server)
    db = sluice.home / "data" / "sluice.db"
    db.parent.mkdir(parents=True, mode=0o700)
    _not_a_database(db)
    before = _snapshot(db)
    server.queue(sse_reply(["still ", "here"]))
    done = sluice.run("ask", "--no-save", "hello")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "still here\n"
    assert _snapshot(db) == before
