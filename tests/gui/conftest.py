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
from collections.abc import Iterator
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
    install_asyncgen_hooks(loop)
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / "home")})
    home.ensure()
    with TestServer() as server:
        h = WindowHarness(loop=loop, home=home, server=server)
        try:
            yield h
        finally:
            for parts in list(h.opened):  # windows first, then the servers they talk to
                h.run(h.close(parts))
            h.servers.close()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            gc.collect()  # a socket or transport left open warns now, in the test that leaked it
            asyncio.set_event_loop(None)
