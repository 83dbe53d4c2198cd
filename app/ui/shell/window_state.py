"""Where the window was: its size and place (maximised or not), the sidebar's width and whether it was
shown, and the conversation that was open — written at close, read at the next start.

`window.json` in the data dir (beside the database it points into). Not settings: nothing a user edits.
A missing, unreadable or odd file means "as on a first start"; it is bounded in size and every field is
checked, since it is read before the first paint.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray

from app.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

FILE_NAME = "window.json"
MAX_BYTES = 16_384


@dataclass(frozen=True)
class WindowState:
    geometry: str = ""  # QWidget.saveGeometry(), base64: size, place, maximised, the screen it was on
    sidebar_width: int = 0
    sidebar_shown: bool = True
    conversation: int | None = None


def load_state(path: Path) -> WindowState:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        return WindowState()
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        log.warning("ignoring %s: %s", path, exc)
        return WindowState()
    geometry, width, shown, conversation = (
        data.get("geometry"),
        data.get("sidebar_width"),
        data.get("sidebar_shown"),
        data.get("conversation"),
    )
    return WindowState(
        geometry=geometry if isinstance(geometry, str) else "",
        sidebar_width=width if type(width) is int and 0 < width < 10_000 else 0,
        sidebar_shown=shown if isinstance(shown, bool) else True,
        conversation=conversation if type(conversation) is int and conversation > 0 else None,
    )


def save_state(path: Path, state: WindowState) -> None:
    """Atomically (temp file, rename); a failure is logged, never raised: closing must go on."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".window-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(asdict(state), file)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("window state not saved to %s: %s", path, exc)


def capture(window: MainWindow, conversation: int | None) -> WindowState:
    geometry = base64.b64encode(bytes(window.saveGeometry().data())).decode("ascii")
    width = window.splitter.sizes()[0] if window.sidebar_shown() else window.sidebar_width_wanted()
    return WindowState(geometry, width, window.sidebar_wanted(), conversation)


def restore(window: MainWindow, state: WindowState) -> None:
    """Put the window back as it was (before it is shown: the first paint is already the right size)."""
    if state.geometry:
        try:
            window.restoreGeometry(QByteArray(base64.b64decode(state.geometry, validate=True)))
        except (binascii.Error, ValueError) as exc:
            log.warning("ignoring the saved window geometry: %s", exc)
    window.set_sidebar_state(state.sidebar_shown, state.sidebar_width)
