"""Start the window: Qt application, the qasync loop, the objects it needs, and an orderly shutdown.

The hazards from DESIGN.md are handled here: asyncio's async-generator hooks are installed on the qasync
loop (it installs none, and a generator left early would leak its connection); the app does not quit when
the last window closes — `main` finishes the cleanup (stop a running reply, save it, close HTTP and the
database) and only then quits; SIGTERM and SIGINT take the same path as closing the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes.util
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
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from app.home import Home
    from app.ui.shell.composition import WindowParts
    from app.ui.shell.single_instance import SingleInstance

log = logging.getLogger(__name__)

# Qt's xcb plugin needs these system libraries, which the PySide6 wheel does not carry.
_XCB_LIBS = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def missing_system_libraries() -> list[str]:
    """Debian package names of missing libraries the xcb platform plugin needs (empty when fine)."""
    if not sys.platform.startswith("linux"):
        return []
    if getattr(sys, "frozen", False):
        return []  # the frozen build carries these libraries itself (find_library only asks the system)
    if os.environ.get("QT_QPA_PLATFORM", "xcb") not in ("xcb", ""):
        return []
    return [deb for lib, deb in _XCB_LIBS.items() if ctypes.util.find_library(lib) is None]


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


def run_window(*, debug: bool = False) -> int:
    problem = display_problem()
    if problem:
        print(f"sluice: {problem}", file=sys.stderr)
        return 1

    import qasync
    from PySide6.QtWidgets import QApplication

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
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    from app.ui.shell.single_instance import SingleInstance

    instance = SingleInstance(home.data_dir)
    if not instance.acquire():
        if instance.problem is None and instance.activate_running():
            log.info("already running: raised the existing window")
            print("sluice: already running; its window was raised.", file=sys.stderr)
            return 0
        # The other one may have just finished closing: then this one is the window.
        if not instance.acquire():
            return _cannot_start(instance, home)
    install_language(app, home)  # before any widget: each one takes its words when it is built
    from app.ui.shell.crash_dialog import CrashReporter

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)
    crashes = CrashReporter(home.log_path, main_window_widget)
    crashes.install(loop)
    try:
        return int(loop.run_until_complete(_main(home, instance)))
    except StoreError as exc:
        # The database cannot be used (damaged, from a newer Sluice): the window already said so in a box.
        print(f"sluice: {exc}", file=sys.stderr)
        return 1
    finally:
        crashes.uninstall(loop)
        loop.close()
        instance.release()


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


async def _main(home: Home, instance: SingleInstance) -> int:
    return await main_window(home, instance=instance)


async def main_window(
    home: Home,
    on_shown: Callable[[WindowParts], object] | None = None,
    *,
    instance: SingleInstance | None = None,
) -> int:
    """Show the window and live until it is closed (or SIGTERM/SIGINT), then save everything and return.

    `on_shown` lets tests and scripts drive the real window from the same path users take; `instance`
    raises this window when another `sluice` starts for the same data dir.
    """
    from PySide6.QtWidgets import QApplication

    from app.ui.shell.composition import build_window
    from app.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication), "main_window runs inside the QApplication's loop"
    apply_theme(app)  # before the widgets: the transcript picks its colours from the palette in effect
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    parts = build_window(home, on_closed=on_closed)
    if instance is not None:
        instance.activated.connect(lambda: raise_window(parts.window))
    first_paint = _FirstPaintReporter.install(parts.window)  # noqa: F841 (kept alive while the window lives)
    restore = _route_signals(parts.window.close)
    try:
        parts.window.show()
        if on_shown is not None:
            on_shown(parts)
        await closed
    finally:
        if instance is not None:
            instance.stop_listening()  # closing: a newcomer waits and takes over instead of "raising" us
        restore()
        await parts.shutdown()
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


class _FirstPaintReporter:
    """With SLUICE_FIRST_PAINT=print|exit: print `sluice-first-paint <time.time()>` once the window's first
    frame is painted (bench/start.py, the frozen smoke test); `exit` then closes the window the normal way.
    """

    @staticmethod
    def install(window: QWidget) -> QObject | None:
        mode = os.environ.get(FIRST_PAINT_ENV, "")
        if mode not in ("print", "exit"):
            return None
        from PySide6.QtCore import QEvent, QObject, QTimer

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint and watched is window:
                    window.removeEventFilter(self)
                    # The children paint into the same frame after the window: report once it is done.
                    QTimer.singleShot(0, self.report)
                return False

            def report(self) -> None:
                print(f"sluice-first-paint {time.time():.6f}", flush=True)
                if mode == "exit":
                    window.close()

        reporter = Filter(window)
        window.installEventFilter(reporter)
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
