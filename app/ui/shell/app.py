"""Start the window: Qt application, the qasync loop, the objects it needs, and an orderly shutdown.

The hazards from DESIGN.md are handled here: asyncio's async-generator hooks are installed on the qasync
loop (it installs none, and a generator left early would leak its connection); the app does not quit when
the last window closes — `main` finishes the cleanup (stop a running reply, save it, close HTTP and the
database) and only then quits; SIGTERM and SIGINT take the same path as closing the window.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.errors import SluiceError, StoreError
from app.ui.shell.startup import (
    FIRST_PAINT_ENV,
    CloseRelay,
    FirstPaint,
    display_problem,
    drop_pyside_feature_hook,
    trace,
)

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from app.home import Home
    from app.settings import Settings
    from app.ui.shell.composition import Views, WindowParts
    from app.ui.shell.single_instance import SingleInstance

log = logging.getLogger(__name__)

WINDOW_ICON_MAX = 256  # px: the largest size in the window's own icon (app_icon)

# The Qt-free modules the first frame needs, imported before PySide6 (DESIGN.md "Start-up"): its own start-up
# then finds them loaded, and they miss its import hook (see drop_pyside_feature_hook). asyncio and qasync
# wait until the first frame is painted: Qt's own loop paints it.
_BEFORE_QT = (
    "app.home",
    "app.logs",
    "app.settings",
)


def run_window(*, debug: bool = False) -> int:
    problem = display_problem()
    if problem:
        print(f"sluice: {problem}", file=sys.stderr)
        return 1

    trace("run_window")
    for name in _BEFORE_QT:
        importlib.import_module(name)
    trace("Qt-free modules imported")
    from PySide6.QtWidgets import QApplication

    trace("QtWidgets imported")

    drop_pyside_feature_hook()

    from app.home import Home, HomeError
    from app.logs import setup_logging

    home = Home.from_env()
    try:
        home.ensure()
    except HomeError as exc:  # before any window: one line on stderr, as the CLI says it
        print(f"sluice: {exc}", file=sys.stderr)
        return 1
    setup_logging(home, logging.DEBUG if debug else logging.INFO)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Sluice")
    app.setApplicationDisplayName("Sluice")
    app.setDesktopFileName("sluice")
    app.setQuitOnLastWindowClosed(False)
    trace("QApplication made")
    from app.ui.shell.single_instance import SingleInstance

    instance = SingleInstance(home.data_dir)
    if not instance.acquire(listen=False):  # main_window listens once the window is painted
        if instance.problem is None and instance.activate_running():
            log.info("already running: raised the existing window")
            print("sluice: already running; its window was raised.", file=sys.stderr)
            return 0
        # The other one may have just finished closing: then this one is the window.
        if not instance.acquire(listen=False):
            return _cannot_start(instance, home)
    try:
        from app.settings import load_settings

        settings, _problem = load_settings(home.settings_path)  # a problem is reported once the window shows
        trace("single instance, settings")
        closing = CloseRelay()
        views = _first_frame(app, home, closing, settings)
    except StoreError as exc:
        # The database cannot be used (damaged, from a newer Sluice): the window already said so in a box.
        print(f"sluice: {exc}", file=sys.stderr)
        instance.release()
        return 1

    # The first frame is on screen. Now asyncio and qasync, the crash reporter, and (in main_window) the
    # network and the controllers.
    import asyncio

    import qasync

    from app.ui.shell.crash_dialog import CrashReporter

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)
    crashes = CrashReporter(home.log_path, main_window_widget)
    crashes.install(loop)
    try:
        return int(loop.run_until_complete(_main(home, instance, views, closing)))
    finally:
        crashes.uninstall(loop)
        loop.close()
        instance.release()


def _first_frame(app: QApplication, home: Home, closing: CloseRelay, settings: Settings) -> Views:
    """Show the window's outline, then build the views into it, running Qt's own loop until each is
    painted (user input waits for the real loop, when the controllers are there to take it).

    The outline (app/ui/shell/outline.py) needs only the theme, the window's saved size and a few Qt
    classes, so the window is on screen ~110 ms before the views' modules are even imported (DESIGN.md
    "Start-up").
    """
    from app.ui.shell.main_window import MainWindow
    from app.ui.shell.outline import WindowOutline
    from app.ui.shell.window_state import FILE_NAME, chrome, load_state, restore_geometry
    from app.ui.theme import apply_palette, apply_theme, wants_dark

    state = load_state(home.data_dir / FILE_NAME)
    if settings.theme == "system" and state.dark is not None:
        # Asking the desktop's scheme makes the Qt namespace's Python type (~15 ms): the outline takes the
        # scheme of the last close (kept only while the theme follows the desktop), and apply_theme below
        # asks; if the desktop changed meanwhile the outline is recoloured, which shows only while something
        # holds the views back (the database's error box).
        dark = state.dark
    else:
        dark = wants_dark(app, settings.theme)
    apply_palette(app, dark)
    window = MainWindow(on_close=closing)
    restore_geometry(window, state)
    # With no profile the welcome page takes the whole window; a file that holds none is the rare case
    # where the outline draws a chat page that the welcome page then replaces.
    chat = _has_profiles_file(home)
    outline = WindowOutline(chrome(state, chat=chat))
    window.show_outline(outline)
    closing.restore_signals = _route_signals(lambda: _close(window))  # a SIGTERM now still saves and quits
    trace("outline built")
    outline_paint = _show_and_wait(window, window, "sluice-first-paint", last=False)
    trace("first frame painted")

    # Before the views: each takes its colours and words when it is built.
    if apply_theme(app, settings.theme) != dark:  # the style, the style sheet, the desktop's scheme
        outline.set_colours()  # the desktop turned dark or light since the last close
    install_language(app, home, settings)
    trace("theme, language")
    from app.ui.shell.composition import build_views

    trace("composition imported")
    views = build_views(home, closing, window=window, state=state)
    trace("views built")
    if closing.closed:
        # Closed meanwhile (SIGTERM/SIGINT, which Python handles as soon as it has control): showing the
        # views would put the window back on screen only to close it. main_window saves and quits.
        views.first_paint = outline_paint
        return views
    page = window.stack.currentWidget() or window
    views.first_paint = (outline_paint, _show_and_wait(window, page, "sluice-views-paint", last=True))
    trace("views painted")
    return views


def _close(window: QWidget) -> None:
    """Close the window the normal way, and first a modal box in front of it: the one saying the database
    cannot be opened (build_views) runs its own loop, which a SIGTERM must end, not wait for its OK."""
    from PySide6.QtWidgets import QApplication

    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.close()
    window.close()


def _has_profiles_file(home: Home) -> bool:
    try:
        return home.profiles_path.stat().st_size > 0
    except OSError:
        return False


def _show_and_wait(window: QWidget, painted_widget: QWidget, marker: str, *, last: bool) -> object:
    """Show `window` (if it is not yet) and run Qt's loop, user input held back, until `painted_widget` has
    been painted; returns what watched for it (kept alive with the window). `last`: the start-up's last
    frame, after which SLUICE_FIRST_PAINT=exit closes the window."""
    from PySide6.QtCore import QEventLoop

    waiting = QEventLoop()
    painted = False

    def on_painted() -> None:
        nonlocal painted
        painted = True
        waiting.quit()

    reporter = FirstPaint.install(painted_widget, on_painted, marker=marker, then_exit=last)
    if not window.isVisible():
        window.show()
        trace("shown")
    if not painted:
        waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    return reporter


def install_language(app: QApplication, home: Home, settings: Settings | None = None) -> None:
    """The language chosen in settings.toml (or the system's), for Sluice's words and Qt's own."""
    from app.settings import load_settings
    from app.ui.i18n import install_translators

    if settings is None:
        settings, _problem = load_settings(home.settings_path)  # a problem is reported once the window shows
    install_translators(app, settings.language, home.data_dir / "cache" / "i18n")


def main_window_widget() -> QWidget | None:
    """The shown main window, to parent dialogs that are not raised by one of its own parts."""
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow" and widget.isVisible():
            return widget
    return None


def _cannot_start(instance: SingleInstance, home: Home) -> int:
    """Neither the window nor a way to raise the one that runs: say why, in words."""
    if instance.problem is not None:
        print(f"sluice: {instance.problem}.", file=sys.stderr)
        return 1
    pid = instance.holder_pid()
    print(
        f"sluice: another Sluice{f' (pid {pid})' if pid else ''} is using {home.data_dir} but does not "
        "answer. Close it, or start this one with SLUICE_HOME=DIR for a separate set of conversations.",
        file=sys.stderr,
    )
    return 1


def app_icon() -> QIcon:
    """The window icon: the desktop theme's (after --install-desktop), else the bundled PNGs."""
    from PySide6.QtGui import QIcon

    from app.desktop import ICON_NAME, ICON_SIZES, resource_root

    icon = QIcon()
    with contextlib.suppress(SluiceError):  # a broken install still opens its window
        icons = resource_root() / "icons"
        # Up to 256 px: the platform sends every size to the window manager, and the 512 px one alone cost
        # ~1 MB of memory and ~8 ms at start-up; the desktop file's icon (--install-desktop) has them all.
        for size in (size for size in ICON_SIZES if size <= WINDOW_ICON_MAX):
            icon.addFile(str(icons / f"sluice-{size}.png"))
    return QIcon.fromTheme(ICON_NAME, icon)


def install_asyncgen_hooks(loop: asyncio.AbstractEventLoop) -> None:
    """qasync runs no `run_forever` of asyncio's, so nothing else installs these (DESIGN.md hazards)."""
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
        finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
    )


async def _main(home: Home, instance: SingleInstance, views: Views, closing: CloseRelay) -> int:
    return await main_window(home, instance=instance, shown=(views, closing))


async def main_window(
    home: Home,
    on_shown: Callable[[WindowParts], object] | None = None,
    *,
    instance: SingleInstance | None = None,
    shown: tuple[Views, CloseRelay] | None = None,
) -> int:
    """Show the window and live until it is closed (or SIGTERM/SIGINT), then save everything and return.

    `on_shown` lets tests and scripts drive the real window from the same path users take; `instance`
    raises this window when another `sluice` starts for the same data dir; `shown` is the window
    `run_window` already painted (otherwise it is built and shown here).
    """
    import asyncio

    from PySide6.QtWidgets import QApplication

    from app.ui.shell.composition import build_views, connect_views
    from app.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication), "main_window runs inside the QApplication's loop"
    loop = asyncio.get_running_loop()
    closed: asyncio.Future[None] = loop.create_future()

    def on_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    if shown is not None:
        views, closing = shown
        closing.then(on_closed)
        restore = closing.restore_signals
    else:
        apply_theme(app)  # before the widgets: the transcript picks its colours from the palette in effect
        views = build_views(home, on_closed)
        painted: asyncio.Future[None] = loop.create_future()
        views.first_paint = FirstPaint.install(
            views.window, lambda: None if painted.done() else painted.set_result(None)
        )
        restore = _route_signals(views.window.close)
        views.window.show()
    parts: WindowParts | None = None
    try:
        if shown is None:
            await painted
        # The first frame is on screen: now the network, the session and the controllers.
        parts = connect_views(views, home)
        trace("views connected")
        if instance is not None:
            instance.activated.connect(lambda: raise_window(views.window))
            instance.listen()  # a newcomer meanwhile keeps trying for CONNECT_WAIT_S
        trace("listening")
        if app.windowIcon().isNull():
            app.setWindowIcon(app_icon())
        trace("window icon")
        if os.environ.get(FIRST_PAINT_ENV, "") in ("print", "exit"):
            print(f"sluice-ready {time.time():.6f}", flush=True)  # bench/start.py: the window works
        trace("ready")
        if on_shown is not None:
            on_shown(parts)
        await closed
    finally:
        if instance is not None:
            instance.stop_listening()  # closing: a newcomer waits and takes over instead of "raising" us
        restore()
        if parts is not None:
            await parts.shutdown()
        else:
            views.store.close()
    return 0


def raise_window(window: QWidget) -> None:
    """Bring the window to the front, restored if it was minimised."""
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _route_signals(on_signal: Callable[[], object]) -> Callable[[], None]:
    """SIGTERM/SIGINT close the window the normal way, so a reply in progress is saved.

    Python runs signal handlers only when the interpreter gets control; Qt's event loop would hold a signal
    until the next event. A wakeup socket watched by a QSocketNotifier gives Python control at once.
    """
    import socket

    from PySide6.QtCore import QSocketNotifier

    receive, wake = socket.socketpair()
    receive.setblocking(False)
    wake.setblocking(False)
    previous_fd = signal.set_wakeup_fd(wake.fileno())
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read)

    def drain() -> None:
        with contextlib.suppress(OSError):
            receive.recv(64)

    notifier.activated.connect(drain)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    for sig in previous:
        signal.signal(sig, lambda *_: on_signal())

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        receive.close()
        wake.close()

    return restore
