"""An idle window holds only what it shows (issue 11 §7): the model list, and with it the key from the keyring
and httpx's connection stack, wait for the user's first key or mouse press (or a send, the picker, files)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent, QWindow

from app.core.models import Profile
from app.keystore import Keystore
from app.profiles.store import ProfileStore
from app.ui.shell.composition import WindowParts, build_views, connect_views
from tests.gui.window_harness import WindowHarness
from tests.support.server import models_reply, sse_reply
from tests.unit.test_keystore import MemoryKeyring


class CountingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.reads += 1
        return super().get_password(service, username)


def open_as_the_app_does(harness: WindowHarness, keystore: Keystore) -> WindowParts:
    """The views are shown (and painted) first, then connected: `sluice`'s order (app.py, main_window)."""
    views = build_views(harness.home, lambda: None)
    views.window.show()
    parts = connect_views(views, harness.home, keystore=keystore, local_targets=())
    harness.opened.append(parts)
    return parts


def press(window: QWindow, key: Qt.Key) -> None:
    """A key press as the platform delivers it: to the window first, which passes it to the focus widget."""
    QCoreApplication.postEvent(window, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))


def model_requests(harness: WindowHarness) -> int:
    return sum(1 for request in harness.server.requests if request.path.endswith("/models"))


def test_the_model_list_and_the_key_wait_for_the_users_first_key_press(harness: WindowHarness) -> None:
    profiles = ProfileStore(harness.home.profiles_path)
    profiles.load()
    # Its key is in the keyring, as most users' are.
    profiles.add(Profile(name="main", base_url=harness.server.base_url, model="test-model", auth="bearer"))
    profiles.save()
    harness.server.set_default(lambda _r: models_reply(["test-model", "other-model"]), "/v1/models")
    keyring = CountingKeyring()
    keystore = Keystore("svc", backend=keyring)
    keystore.set("main", "sk-main")

    async def scenario() -> None:
        parts = open_as_the_app_does(harness, keystore)
        await asyncio.sleep(0.5)  # idle: nothing fetched, the keyring not asked
        assert model_requests(harness) == 0
        assert keyring.reads == 0
        handle = parts.window.windowHandle()
        assert handle is not None
        press(handle, Qt.Key.Key_H)
        await harness.until(lambda: "main" in parts.controller.model_lists.models, "the model list")
        assert parts.controller.model_lists.models["main"] == ["other-model", "test-model"]
        assert model_requests(harness) == 1
        assert keyring.reads == 1
        assert harness.server.requests[0].headers["authorization"] == "Bearer sk-main"
        press(handle, Qt.Key.Key_I)  # once is enough
        await asyncio.sleep(0.2)
        assert model_requests(harness) == 1

    harness.run(scenario())


def test_a_send_before_any_key_press_still_fetches_and_sends(harness: WindowHarness) -> None:
    harness.add_profile("main")
    harness.server.set_default(lambda _r: models_reply(["test-model"]), "/v1/models")
    harness.server.set_default(lambda _r: sse_reply(["Hi"]))

    async def scenario() -> None:
        parts = open_as_the_app_does(harness, Keystore("svc", backend=MemoryKeyring()))
        await asyncio.sleep(0.2)
        assert model_requests(harness) == 0
        parts.controller.send("Hello")  # e.g. a draft sent with the button
        await harness.until(lambda: "main" in parts.controller.model_lists.models, "the model list")
        await harness.until(lambda: not parts.controller.busy, "the reply")
        assert harness.last_chat_request().json()["messages"][-1]["content"] == "Hello"

    harness.run(scenario())


_IDLE = """
import sys
from PySide6.QtWidgets import QApplication
from app.home import Home
from app.ui.shell.composition import build_views, connect_views
app = QApplication(sys.argv[:1])
home = Home.from_env({"SLUICE_HOME": sys.argv[1]})
home.ensure()
home.profiles_path.write_text(
    '[[profile]]\\nname = "gw"\\nbase_url = "https://gw.example/v1"\\nmodel = "m"\\n', encoding="utf-8"
)
views = build_views(home, lambda: None)
views.window.show()  # painted, then connected: sluice's order
app.processEvents()
connect_views(views, home)
app.processEvents()
print(*sorted(set(sys.argv[2:]) & set(sys.modules)))
"""


def test_an_idle_window_has_not_imported_the_http_stack_or_the_keyring(tmp_path: Path) -> None:
    """httpx (with email, urllib.request, http.cookiejar) cost ~5.6 MB; the keyring ~10-15 MB (issue 11 §7)"""
    heavy = ["httpx", "httpcore", "anyio", "keyring", "secretstorage", "email.utils", "http.cookiejar"]
    done = subprocess.run(
        [sys.executable, "-c", _IDLE, str(tmp_path / "home"), *heavy],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == []
