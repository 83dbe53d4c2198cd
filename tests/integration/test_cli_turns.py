"""`sluice ask` and `sluice export` with conversation trees and a database another process holds."""

from __future__ import annotations

import json
import sqlite3
import threading

from app.core.models import Message, Role
from app.home import Home
from app.store import ConversationStore
from tests.integration.conftest import Sluice
from tests.support.server import TestServer, slow_sse_reply, sse_reply


def add_local_profile(sluice: Sluice, server: TestServer) -> None:
    done = sluice.run(
        "profile", "add", "local", "--base-url", server.base_url, "--model", "m1", "--auth", "none"
    )
    assert done.returncode == 0, done.stderr


def db_path(sluice: Sluice) -> str:
    return str(Home.from_env({"SLUICE_HOME": str(sluice.home)}).db_path)


def test_export_gives_the_branch_shown_and_all_gives_the_tree(sluice: Sluice, server: TestServer) -> None:
    add_local_profile(sluice, server)
    server.queue(sse_reply(["first answer"]))
    assert sluice.run("ask", "question").returncode == 0
    store = ConversationStore.open(Home.from_env({"SLUICE_HOME": str(sluice.home)}).db_path)
    try:
        (c,) = store.list_conversations()
        question, first = store.active_path(c.id)
        store.add_message(c.id, Message(role=Role.ASSISTANT, content="second answer"), parent=question.id)
    finally:
        store.close()

    shown = json.loads(sluice.run("export", "--last", "--format", "json").stdout)
    assert [m["content"] for m in shown["messages"]] == ["question", "second answer"]
    assert "first answer" not in sluice.run("export", "--last").stdout

    whole = json.loads(sluice.run("export", "--last", "--format", "json", "--all").stdout)
    tree = {m["id"]: (m["parent_id"], m["content"]) for m in whole["messages"]}
    assert tree[question.id] == (None, "question")
    assert tree[first.id] == (question.id, "first answer")
    assert sorted(content for parent, content in tree.values() if parent == question.id) == [
        "first answer",
        "second answer",
    ]

    refused = sluice.run("export", "--last", "--all")
    assert refused.returncode == 1 and "--format json" in refused.stderr


def test_ask_prints_the_whole_reply_when_the_database_is_locked_and_says_it_was_not_saved(
    sluice: Sluice, server: TestServer
) -> None:
    """Issue 12, break 8: another process holding an exclusive lock stopped the reply at token 20 of 60,
    exit 1, row left 'streaming'."""
    add_local_profile(sluice, server)
    sluice.run("export", "--last")  # nothing yet; makes sure the home exists
    server.queue(slow_sse_reply(60, 30))  # 2 s
    locked, release = threading.Event(), threading.Event()

    def hold_lock_once_the_request_arrived() -> None:
        server.wait_for_requests(1, timeout=30)
        other = sqlite3.connect(db_path(sluice), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(60)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold_lock_once_the_request_arrived)
    holder.start()
    try:
        done = sluice.run("ask", "count to sixty", timeout=90)
    finally:
        release.set()
        holder.join(10)

    assert locked.is_set()
    assert done.stdout == "word " * 60 + "\n"  # not stopped at the lock
    assert done.returncode == 1
    assert "could not be saved" in done.stderr and "database is locked" in done.stderr
    assert "Traceback" not in done.stderr

    # The next start ends the row the lock kept 'streaming', with what was saved before the lock.
    server.queue(sse_reply(["ok"]))
    assert sluice.run("ask", "again").returncode == 0
    exported = json.loads(sluice.run("export", "--id", "1", "--format", "json").stdout)
    assert exported["messages"][1]["status"] == "interrupted"
