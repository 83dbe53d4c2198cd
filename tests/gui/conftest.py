"""GUI tests run offscreen: no display is needed, and none is touched when one exists.

Qt reads QT_QPA_PLATFORM when the QApplication is created, so it is set here, at import, before any test
module imports PySide6. An explicit setting (e.g. QT_QPA_PLATFORM=xcb to watch the tests) is kept.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# Imported after QT_QPA_PLATFORM is set (PySide6 comes in through them).
import asyncio
import gc
import sys
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from app.home import Home
from app.ui.shell.app import install_asyncgen_hooks
from tests.gui.window_harness import WindowHarness
from tests.support.server import TestServer


@pytest.fixture
def harness(qapp: QApplication, tmp_path: Path) -> Iterator[WindowHarness]:
    """A fresh home, a local server and a qasync loop; windows left open are shut down afterwards."""
    qapp.setQuitOnLastWindowClosed(False)  # as the app does: closing a window must not end the loop
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    hooks = sys.get_asyncgen_hooks()
    install_asyncgen_hooks(loop)
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / "home")})
    home.ensure()
    with TestServer() as server:
        h = WindowHarness(loop=loop, home=home, server=server)
        try:
            yield h
        finally:
            _close_windows(h)
            h.servers.close()  # after the windows: they talk to these servers
            gc.collect()  # async generators left behind are finalised on this loop, while it can run them
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            # The hooks point at this loop: a generator collected in a later test would be closed on it, a
            # closed loop that Qt's event processing then steps outside any running loop.
            sys.set_asyncgen_hooks(*hooks)
            gc.collect()  # a socket or transport left open warns now, in the test that leaked it
            asyncio.set_event_loop(None)


def _close_windows(h: WindowHarness) -> None:
    for parts in list(h.opened):
        h.run(h.close(parts))


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Close the test's windows on its loop as soon as the test body returns.

    pytest-qt processes Qt events after the body and before fixtures are torn down; qasync's callbacks
    then run with no asyncio loop running, and a window's background task (a model list fetch) dies in
    anyio with "no running event loop". The app never runs Qt events outside its loop. `trylast` makes this
    wrapper the innermost, so it runs before pytest-qt's.
    """
    yield
    h = getattr(item, "funcargs", {}).get("harness")
    if isinstance(h, WindowHarness) and not h.loop.is_closed():
        _close_windows(h)
