"""What the screenshot scripts share: the offscreen window's plumbing, so each script only says what to show.

Imported by every scripts/screenshot*.py (run from the checkout; they put the
repository root on sys.path before importing this).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication, QWidget

from app.home import Home
from app.ui.i18n import install_translators
from app.ui.shell.app import install_asyncgen_hooks
from app.ui.theme import apply_theme

ROOT = Path(__file__).resolve().parents[1]
# SLUICE_SHOTS_DIR=DIR writes elsewhere (to look at a change without touching the README's pictures).
OUT = Path(os.environ.get("SLUICE_SHOTS_DIR") or ROOT / "docs" / "screenshots").resolve()


async def until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.02)


def grab(widget: QWidget, name: str) -> None:
    # No processEvents() here: called from a coroutine on the qasync loop, it would re-enter the loop
    # (asyncio then refuses to step another task). Callers await a short sleep first instead.
    path = OUT / name
    widget.grab().save(str(path))
    print(f"wrote {path}")


def grab_with(window: QWidget, popups: list[QWidget], name: str) -> None:
    """The window with its open popups drawn over it where they are (a popup is a window of its own, so
    `window.grab()` alone leaves it out)."""
    from PySide6.QtGui import QPainter

    picture = window.grab()
    painter = QPainter(picture)
    for popup in popups:
        if popup.isVisible():
            painter.drawPixmap(window.mapFromGlobal(popup.mapToGlobal(popup.rect().topLeft())), popup.grab())
    painter.end()
    path = OUT / name
    picture.save(str(path))
    print(f"wrote {path}")


def screenshot_app(theme: str = "light") -> QApplication:
    """The application object as `sluice` makes it: named, alive when a window closes, in `theme`."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Sluice")
    app.setQuitOnLastWindowClosed(False)  # as the app: closing a window must not stop the loop early
    apply_theme(app, theme)  # as the app does at start, with the choice forced
    return app


def keyless_window(home: Home, local_targets: tuple[tuple[str, str], ...] = ()) -> Any:
    """The window as `sluice` builds it (a WindowParts), with a keyring that holds nothing: the local test
    server needs no key, and a screenshot must never read or write the user's real keyring."""
    from keyring.backends import fail

    from app.keystore import Keystore
    from app.ui.shell.composition import build_window

    return build_window(
        home,
        on_closed=lambda: None,
        keystore=Keystore("sluice-screenshots", backend=fail.Keyring()),
        local_targets=local_targets,
    )


def language_option(argv: list[str]) -> str:
    """`--lang zh_CN` / `--lang=zh_TW` (default: en); the files get a `-<lang>` suffix unless English."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "en"


def install_language(app: QApplication, lang: str, home: Home) -> None:
    installed = install_translators(app, lang, home.data_dir / "cache" / "i18n")  # as app.py does
    assert installed.language == lang, f"unknown language {lang!r}: en, zh_CN or zh_TW"


def run_in_qasync(app: QApplication, scenario: Coroutine[Any, Any, None]) -> None:
    """Run `scenario` on a qasync loop, as the app runs its window."""
    OUT.mkdir(parents=True, exist_ok=True)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)
    try:
        loop.run_until_complete(scenario)
    finally:
        loop.close()
