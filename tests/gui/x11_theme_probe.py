"""Run by tests/gui/test_theme_x11.py in a process of its own, on a real X server (xcb, Xvfb): the window
built by the app's composition root opens each dialog, menu and popup, and the X server's own pixels under
each are measured right after it is shown, before anything else happens (no pointer moves: defect 5 was
"Settings and System prompt open light and turn dark only when the pointer passes over them").

    QT_QPA_PLATFORM=xcb DISPLAY=:N SLUICE_HOME=DIR python -m tests.gui.x11_theme_probe light|dark

`light`: the app starts light; each surface is opened (and so built) while light, then the theme is switched
to dark as the palette's "Theme: dark" does, and each is opened again. `dark`: the app starts dark. Prints one
JSON object: {"phase surface": lightness 0-255 of the X server's pixels under it} (and, for the System
prompt dialog, how many of its buttons carry an icon).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
from collections.abc import Callable

import qasync
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton, QWidget

from app.home import Home
from app.ui.shell.app import install_asyncgen_hooks
from app.ui.shell.composition import WindowParts, build_window
from app.ui.theme import apply_theme

SETTLE_S = 0.4  # for the X server to have the first frame: Qt paints on expose, then flushes
STEP = 3  # every third pixel each way is enough for a median


def lightness_under(rect: QRect) -> int:
    """How light what the X server shows in `rect` (global coordinates) is: the lighter of the median of the
    whole and the median of a strip just inside its edges (a dialog's own background shows there even when
    a text box fills most of it)."""
    screen = QGuiApplication.primaryScreen()
    image = screen.grabWindow(0, rect.x(), rect.y(), rect.width(), rect.height()).toImage()
    width, height = image.width(), image.height()
    if width < 8 or height < 8:
        return -1
    whole = [
        image.pixelColor(x, y).lightness() for y in range(0, height, STEP) for x in range(0, width, STEP)
    ]
    edges = [image.pixelColor(x, y).lightness() for y in range(3, height - 3, STEP) for x in (3, width - 4)]
    edges += [image.pixelColor(x, y).lightness() for x in range(3, width - 3, STEP) for y in (3, height - 4)]
    return int(max(statistics.median(whole), statistics.median(edges)))


def global_rect(widget: QWidget) -> QRect:
    if widget.isWindow():
        return widget.geometry()  # the client area: a window manager's frame is not ours
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


async def measure(found: dict[str, int], name: str, show: Callable[[], QWidget]) -> None:
    widget = show()
    await asyncio.sleep(SETTLE_S)
    found[name] = lightness_under(global_rect(widget))
    widget.close()
    await asyncio.sleep(0.1)


async def open_everything(parts: WindowParts, phase: str, found: dict[str, int]) -> None:
    window, profile_ui, commands = parts.window, parts.profile_ui, parts.commands
    assert profile_ui is not None and commands is not None

    def system_prompt() -> QWidget:
        window.topbar.system_prompt_requested.emit()
        dialog = window.findChild(QInputDialog, "inputDialog")
        assert dialog is not None
        # Fusion on X11 put a green tick and a red cross on OK and Cancel: not of the app's icon set.
        buttons = dialog.findChildren(QPushButton)
        found[f"{phase} dialog buttons with icons"] = sum(not b.icon().isNull() for b in buttons)
        return dialog

    def settings() -> QWidget:
        return profile_ui.open_settings()

    def menu() -> QWidget:
        menu = window.topbar.menu_button.menu()
        menu.popup(window.topbar.menu_button.mapToGlobal(QPoint(0, 36)))
        return menu

    def picker() -> QWidget:
        window.topbar.open_picker()
        return window.topbar.picker()

    for name, show in (
        ("settings", settings),
        ("system prompt", system_prompt),
        ("profile editor", lambda: profile_ui.open_editor("local")),
        ("shortcuts", commands.open_shortcuts),
        ("palette", commands.open_palette),
        ("picker", picker),
        ("menu", menu),
    ):
        await measure(found, f"{phase} {name}", show)
        if name == "settings":
            window.show_chat()


async def scenario(start: str) -> dict[str, int]:
    home = Home.from_env()
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    parts = build_window(home, on_closed=lambda: None if closed.done() else closed.set_result(None))
    parts.window.move(0, 0)
    parts.window.resize(1100, 760)
    parts.window.show()
    found: dict[str, int] = {}
    try:
        await asyncio.sleep(1.0)
        found[f"{start} window"] = lightness_under(global_rect(parts.window))
        await open_everything(parts, start, found)
        if start == "light":
            assert parts.profile_ui is not None
            parts.profile_ui.choose_theme("dark")  # what the palette's "Theme: dark" runs
            await asyncio.sleep(0.5)
            found["switched window"] = lightness_under(global_rect(parts.window))
            await open_everything(parts, "switched", found)
    finally:
        parts.window.close()
        await parts.shutdown()
    return found


def main() -> int:
    start = sys.argv[1]
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    apply_theme(app)  # as app.main_window does, before the widgets; build_views applies settings.theme
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)
    try:
        found = loop.run_until_complete(scenario(start))
    finally:
        loop.close()
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
