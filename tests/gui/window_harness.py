"""Drive the real window — built by the same composition root as `sluice` — against the local test server.

Each test gets a fresh SLUICE_HOME, a TestServer on 127.0.0.1 and a qasync loop on the test's QApplication.
Scenarios are coroutines run with `harness.run(...)`; inside them Qt events are processed as in the app,
so keys typed with QTest reach the composer and deltas reach the transcript as they would for a user.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import qasync
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from app.core.models import Message, Profile, Role
from app.home import Home
from app.profiles.store import ProfileStore
from app.store.conversations import ConversationStore
from app.ui.shell.composition import WindowParts, build_window
from tests.support.server import CHAT_PATH, Request, TestServer

T = TypeVar("T")
WAIT_S = 10.0


@dataclass
class WindowHarness:
    loop: qasync.QEventLoop
    home: Home
    server: TestServer
    servers: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    opened: list[WindowParts] = field(default_factory=list)

    def another_server(self) -> TestServer:
        """A second gateway. Like `server`, it is stopped only after every window is closed: a window
        still fetching /models from a stopping server is how a test leaks a socket (issue 11 §6.5)."""
        return self.servers.enter_context(TestServer())

    # ---- running ------------------------------------------------------------------------------------

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run `coro` on the window's loop, as the app does.

        Not `loop.run_until_complete`: qasync's (0.28) processes Qt events once more after the loop has
        stopped, with no asyncio loop running, and a window's background task stepped then (a model list
        still being fetched) dies in anyio with "no running event loop". Here what is still pending simply
        waits for the next run, as it would in the app, where the loop never stops.
        """
        task = self.loop.create_task(asyncio.wait_for(coro, timeout))
        task.add_done_callback(lambda _task: self.loop.stop())
        self.loop.run_forever()
        return task.result()

    async def until(self, condition: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
        """Wait, processing events, until `condition()` holds; fail with `what` if it never does."""
        deadline = self.loop.time() + timeout
        while not condition():
            if self.loop.time() > deadline:
                raise AssertionError(f"timed out waiting until {what}")
            await asyncio.sleep(0.01)

    # ---- setup --------------------------------------------------------------------------------------

    def add_profile(self, name: str, *, model: str = "test-model", base_url: str | None = None) -> Profile:
        profiles = ProfileStore(self.home.profiles_path)
        profiles.load()
        profile = Profile(name=name, base_url=base_url or self.server.base_url, model=model, auth="none")
        profiles.add(profile)
        profiles.save()
        return profile

    def open(self) -> WindowParts:
        """Build and show the window; call from inside a running scenario (it starts background tasks)."""
        parts = build_window(self.home, on_closed=lambda: None)
        parts.window.show()
        self.opened.append(parts)
        return parts

    async def close(self, parts: WindowParts) -> None:
        """What closing the window does in the app: stop and save, close HTTP and the database."""
        parts.window.close()
        await parts.shutdown()
        self.opened.remove(parts)

    # ---- acting as the user -------------------------------------------------------------------------

    @staticmethod
    def input_box(parts: WindowParts) -> QPlainTextEdit:
        box = parts.window.composer.findChild(QPlainTextEdit, "composerInput")
        assert box is not None
        return box

    def type_and_send(self, parts: WindowParts, text: str) -> None:
        box = self.input_box(parts)
        box.setFocus()
        QTest.keyClicks(box, text)
        QTest.keyClick(box, Qt.Key.Key_Return)

    @staticmethod
    def links(parts: WindowParts, containing: str) -> list[str]:
        """The hrefs of the transcript's links whose text contains `containing`, top to bottom."""
        found = []
        block = parts.window.transcript.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().isAnchor() and containing in fragment.text():
                    found.append(fragment.charFormat().anchorHref())
                it += 1
            block = block.next()
        return found

    def click_link(self, parts: WindowParts, containing: str, index: int = -1) -> None:
        """Click a link shown in the transcript (by its text), as a mouse click does: anchorClicked(href)."""
        hrefs = self.links(parts, containing)
        assert hrefs, f"no link {containing!r} in the transcript"
        parts.window.transcript.anchorClicked.emit(QUrl(hrefs[index]))

    def press_escape(self, parts: WindowParts) -> None:
        QTest.keyClick(self.input_box(parts), Qt.Key.Key_Escape)

    # ---- looking ------------------------------------------------------------------------------------

    @staticmethod
    def transcript_text(parts: WindowParts) -> str:
        return parts.window.transcript.toPlainText()

    def stored_messages(self) -> list[Message]:
        """What is in the database file, read through a separate connection (as the next start would)."""
        store = ConversationStore.open(self.home.db_path)
        try:
            last = store.last_conversation()
            return [] if last is None else store.messages(last.id)
        finally:
            store.close()

    def shown_branch(self) -> list[Message]:
        """The last conversation's active branch (what is shown and sent), read as the next start would."""
        store = ConversationStore.open(self.home.db_path)
        try:
            last = store.last_conversation()
            return [] if last is None else store.active_path(last.id)
        finally:
            store.close()

    def last_chat_request(self) -> Request:
        """The last chat request the server saw (a window also fetches /models in the background)."""
        chats = [r for r in self.server.requests if r.path == CHAT_PATH]
        assert chats, "no chat request reached the server"
        return chats[-1]

    def last_reply(self) -> Message:
        replies = [m for m in self.stored_messages() if m.role == Role.ASSISTANT]
        assert replies, "no reply was saved"
        return replies[-1]
