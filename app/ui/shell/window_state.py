"""Where the window was: its size and place (maximised or not), the sidebar's width and whether it was
shown, the conversation that was open, and the heights of the top bar and composer (where the first frame's
outline draws them) — written at close, read at the next start.

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
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from app.ui.shell.outline import (
    DEFAULT_COMPOSER_HEIGHT,
    DEFAULT_STATUS_HEIGHT,
    DEFAULT_TOPBAR_HEIGHT,
    Chrome,
)

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

FILE_NAME = "window.json"
MAX_BYTES = 16_384
MAX_CHROME_HEIGHT = 1_000  # px: a top bar or composer taller than this is not one we drew


@dataclass(frozen=True)
class WindowState:
    geometry: str = ""  # QWidget.saveGeometry(), base64: size, place, maximised, the screen it was on
    sidebar_width: int = 0
    sidebar_shown: bool = True
    conversation: int | None = None
    topbar_height: int = 0  # px at the last close (0: not known yet)
    composer_height: int = 0
    status_height: int = 0
    # The desktop's scheme at the last close, when the theme followed it (None: not known, or the theme was
    # chosen: the first frame then asks the desktop, ~15 ms)
    dark: bool | None = None


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
        topbar_height=_height(data.get("topbar_height")),
        composer_height=_height(data.get("composer_height")),
        status_height=_height(data.get("status_height")),
        dark=dark if isinstance(dark := data.get("dark"), bool) else None,
    )


def _height(value: object) -> int:
    return value if type(value) is int and 0 < value < MAX_CHROME_HEIGHT else 0


def save_state(path: Path, state: WindowState) -> None:
    """Atomically (temp file, rename); a failure is logged, never raised: closing must go on."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".window-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(asdict(state), file)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("window state not saved to %s: %s", path, exc)


def capture(window: MainWindow, conversation: int | None, *, following_system: bool) -> WindowState:
    """`following_system`: the theme follows the desktop's scheme; only then is whether the window is dark
    kept (as the desktop's scheme, for the next first frame), else the next start asks the desktop."""
    from app.ui.theme import is_dark

    geometry = base64.b64encode(bytes(window.saveGeometry().data())).decode("ascii")
    width = window.splitter.sizes()[0] if window.sidebar_shown() else window.sidebar_width_wanted()
    return WindowState(
        geometry,
        width,
        window.sidebar_wanted(),
        conversation,
        topbar_height=window.topbar.height(),
        composer_height=window.composer.resting_height(),  # without the draft: not kept
        status_height=window.statusBar().height(),
        dark=is_dark() if following_system else None,
    )


def restore_geometry(window: MainWindow, state: WindowState) -> None:
    """Size, place and maximised state, before the window is first shown (its first frame is the right
    size)."""
    if state.geometry:
        try:
            window.restoreGeometry(QByteArray(base64.b64decode(state.geometry, validate=True)))
        except (binascii.Error, ValueError) as exc:
            log.warning("ignoring the saved window geometry: %s", exc)


def restore_sidebar(window: MainWindow, state: WindowState) -> None:
    """The sidebar shown or not, and its width (once the window's parts are installed)."""
    window.set_sidebar_state(state.sidebar_shown, state.sidebar_width)


def chrome(state: WindowState, *, chat: bool) -> Chrome:
    """Where the outline draws the chrome: as the parts will be laid out (`chat`: False for the welcome
    page, which has neither sidebar nor top bar nor composer)."""
    from app.ui.shell.main_window import DEFAULT_SIDEBAR_WIDTH

    if not chat:
        return Chrome(
            sidebar_width=0,
            topbar_height=0,
            composer_height=0,
            status_height=state.status_height or DEFAULT_STATUS_HEIGHT,
        )
    # The outline folds the sidebar by the window's width once shown (a maximised window is not yet).
    return Chrome(
        sidebar_width=(state.sidebar_width or DEFAULT_SIDEBAR_WIDTH) if state.sidebar_shown else 0,
        topbar_height=state.topbar_height or DEFAULT_TOPBAR_HEIGHT,
        composer_height=state.composer_height or DEFAULT_COMPOSER_HEIGHT,
        status_height=state.status_height or DEFAULT_STATUS_HEIGHT,
    )
