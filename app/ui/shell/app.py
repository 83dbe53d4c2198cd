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
import socket
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.errors import SluiceError, StoreError

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtCore import QObject
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from app.home import Home
    from app.ui.shell.composition import Views, WindowParts
    from app.ui.shell.single_instance import SingleInstance

log = logging.getLogger(__name__)

# Qt's xcb plugin needs these system libraries, which the PySide6 wheel does not carry (soname: package).
_XCB_LIBS = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def missing_system_libraries() -> list[str]:
    """Debian package names of missing libraries the xcb platform plugin needs (empty when fine).

    Each library is loaded by its soname, as Qt's plugin will load it a moment later (so this costs ~1 ms;
    `ctypes.util.find_library` ran `ldconfig -p` once per library, ~20 ms of every start).
    """
    if not sys.platform.startswith("linux"):
        return []
    if getattr(sys, "frozen", False):
        return []  # the frozen build carries these libraries itself
    if os.environ.get("QT_QPA_PLATFORM", "xcb") not in ("xcb", ""):
        return []
    return [deb for soname, deb in _XCB_LIBS.items() if not _loadable(soname)]


def _loadable(soname: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def display_problem() -> str | None:
    """A sentence explaining why no window can open, or None."""
    missing = missing_system_libraries()
    if missing:
        return (
            "Qt needs system libraries that are not installed. Run:\n"
            f"  sudo apt-get install -y {' '.join(missing)}\n"
            "(scripts/start.sh installs them for you.)"
        )
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and not platform and no_display:
        return (
            "No display found (DISPLAY and WAYLAND_DISPLAY are unset). "
            "The command line still works: sluice --help"
        )
    return None


# The Qt-free modules the first frame needs, imported before PySide6 (DESIGN.md "Start-up"): its own start-up
# then finds them loaded, and they miss its import hook (see drop_pyside_feature_hook). asyncio and qasync
# wait until the first frame is painted: Qt's own loop paints it.
_BEFORE_QT = (
    "app.home",
    "app.logs",
    "app.settings",
    "app.profiles.store",
    "app.store.conversations",
)


def drop_pyside_feature_hook() -> bool:
    """Undo PySide6's `__import__` hook for this process; True if it was there.

    PySide6 replaces `builtins.__import__` with a hook that, after every import, reads the imported module's
    source (`inspect.getsource`, kept in `linecache`) to see whether it says "PySide6", in case the module
    uses `from __feature__ import snake_case, true_property` (PYSIDE-2029). Sluice never does (DESIGN.md
    "Start-up"), and the hook made every import after PySide6 ~25 % slower in CPU and kept the source text
    of ~200 modules in memory for good. The original import function is kept by PySide6 as
    `builtins.__orig_import__`; a module it never saw behaves as one without features.
    """
    import builtins

    hook = builtins.__import__
    original = getattr(builtins, "__orig_import__", None)
    if original is None or getattr(hook, "__name__", "") != "__feature_import__":
        return False  # another PySide6 than the one this was written for: leave it alone
    builtins.__import__ = original
    return True


def run_window(*, debug: bool = False) -> int:
    problem = display_problem()
    if problem:
        print(f"sluice: {problem}", file=sys.stderr)
        return 1

    for name in _BEFORE_QT:
        importlib.import_module(name)
    from PySide6.QtWidgets import QApplication

    drop_pyside_feature_hook()

    from app.home import Home
    from app.logs import setup_logging

    home = Home.from_env()
    home.ensure()
    setup_logging(home, logging.DEBUG if debug else logging.INFO)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Sluice")
    app.setApplicationDisplayName("Sluice")
    app.setDesktopFileName("sluice")
    app.setQuitOnLastWindowClosed(False)
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
        install_language(app, home)  # before any widget: each one takes its words when it is built
        closing = _CloseRelay()
        views = _first_frame(app, home, closing)
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


def _first_frame(app: QApplication, home: Home, closing: _CloseRelay) -> Views:
    """Build the views and show them, running Qt's own loop until the first frame is painted (user input
    waits for the real loop, when the controllers are there to take it)."""
    from PySide6.QtCore import QEventLoop

    from app.ui.shell.composition import build_views
    from app.ui.theme import apply_theme

    apply_theme(app)  # before the widgets: the transcript picks its colours from the palette in effect
    views = build_views(home, closing)
    closing.restore_signals = _route_signals(views.window.close)  # a SIGTERM now still saves and quits
    waiting = QEventLoop()
    painted = False

    def on_painted() -> None:
        nonlocal painted
        painted = True
        waiting.quit()

    views.first_paint = _FirstPaint.install(views.window, on_painted)
    views.window.show()
    if not painted:
        waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    return views


class _CloseRelay:
    """The window's on_close, made before the asyncio loop that will wait for it exists; and the undoing of
    the SIGTERM/SIGINT routing, installed as soon as the window exists."""

    def __init__(self) -> None:
        self.closed = False
        self._then: Callable[[], None] | None = None
        self.restore_signals: Callable[[], None] = lambda: None

    def __call__(self) -> None:
        self.closed = True
        if self._then is not None:
            self._then()

    def then(self, callback: Callable[[], None]) -> None:
        self._then = callback
        if self.closed:
            callback()


def install_language(app: QApplication, home: Home) -> None:
    """The language chosen in settings.toml (or the system's), for Sluice's words and Qt's own."""
    from app.settings import load_settings
    from app.ui.i18n import install_translators

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
        for size in ICON_SIZES:
            icon.addFile(str(icons / f"sluice-{size}.png"))
    return QIcon.fromTheme(ICON_NAME, icon)


def install_asyncgen_hooks(loop: asyncio.AbstractEventLoop) -> None:
    """qasync runs no `run_forever` of asyncio's, so nothing else installs these (DESIGN.md hazards)."""
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
        finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
    )


async def _main(home: Home, instance: SingleInstance, views: Views, closing: _CloseRelay) -> int:
    return await main_window(home, instance=instance, shown=(views, closing))


async def main_window(
    home: Home,
    on_shown: Callable[[WindowParts], object] | None = None,
    *,
    instance: SingleInstance | None = None,
    shown: tuple[Views, _CloseRelay] | None = None,
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
        views.first_paint = _FirstPaint.install(
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
        if instance is not None:
            instance.activated.connect(lambda: raise_window(views.window))
            instance.listen()  # a newcomer meanwhile keeps trying for CONNECT_WAIT_S
        if app.windowIcon().isNull():
            app.setWindowIcon(app_icon())
        if os.environ.get(FIRST_PAINT_ENV, "") in ("print", "exit"):
            print(f"sluice-ready {time.time():.6f}", flush=True)  # bench/start.py: the window works
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


FIRST_PAINT_ENV = "SLUICE_FIRST_PAINT"
FIRST_PAINT_FALLBACK_MS = 1000  # a window that is never painted (started minimised) still gets its work done


class _FirstPaint:
    """Runs `then` once the window's first frame is painted (or after FIRST_PAINT_FALLBACK_MS).

    With SLUICE_FIRST_PAINT=print|exit it also prints `sluice-first-paint <time.time()>` at that moment
    (bench/start.py, the frozen smoke test); `exit` then closes the window the normal way.
    """

    @staticmethod
    def install(window: QWidget, then: Callable[[], None]) -> QObject:
        from PySide6.QtCore import QEvent, QObject, QTimer

        mode = os.environ.get(FIRST_PAINT_ENV, "")

        class Filter(QObject):
            done = False

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint and watched is window:
                    window.removeEventFilter(self)
                    # The children paint into the same frame after the window: go on once it is done.
                    QTimer.singleShot(0, self.painted)
                return False

            def painted(self) -> None:
                if self.done:
                    return
                self.done = True
                window.removeEventFilter(self)
                if mode in ("print", "exit"):
                    print(f"sluice-first-paint {time.time():.6f}", flush=True)
                then()
                if mode == "exit":
                    window.close()

        reporter = Filter(window)
        window.installEventFilter(reporter)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, reporter, reporter.painted)
        return reporter


def _route_signals(on_signal: Callable[[], object]) -> Callable[[], None]:
    """SIGTERM/SIGINT close the window the normal way, so a reply in progress is saved.

    Python runs signal handlers only when the interpreter gets control; Qt's event loop would hold a signal
    until the next event. A wakeup socket watched by a QSocketNotifier gives Python control at once.
    """
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
