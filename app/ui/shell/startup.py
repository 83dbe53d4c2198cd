"""Start-up before the window works: can a window open at all, PySide6's import hook, and the first frame.

`app.py` uses these to paint the first frame before asyncio, qasync and the network are imported (DESIGN.md
"Start-up"): `FirstPaint` says when the frame is on screen, `CloseRelay` carries a close that comes before
the loop that will handle it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

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
    # What it read so far stays in linecache (~100-200 kB of source text, for good): let it go.
    import linecache

    linecache.clearcache()
    return True


TRACE_ENV = "SLUICE_TRACE_STARTUP"
_TRACE = bool(os.environ.get(TRACE_ENV))
_T0 = time.perf_counter()


def trace(step: str) -> None:
    """With SLUICE_TRACE_STARTUP=1: `sluice-trace <ms since Sluice's start-up code was imported> <CPU ms of
    the process so far> <resident MB> <step>` on stderr, to find where start-up time and memory go
    (bench/start.py has the totals; the CPU time is the steadier figure on a busy machine)."""
    if _TRACE:
        ms = (time.perf_counter() - _T0) * 1000
        cpu = time.process_time() * 1000
        print(f"sluice-trace {ms:7.1f} {cpu:7.1f} {_resident_mb():6.1f} {step}", file=sys.stderr, flush=True)


def _resident_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:  # Linux; pages
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        return float("nan")


FIRST_PAINT_ENV = "SLUICE_FIRST_PAINT"
FIRST_PAINT_FALLBACK_MS = 1000  # a window that is never painted (started minimised) still gets its work done


class FirstPaint:
    """Runs `then` once `widget`'s first frame is painted (or after FIRST_PAINT_FALLBACK_MS).

    With SLUICE_FIRST_PAINT=print|exit it also prints `<marker> <time.time()>` at that moment
    (bench/start.py, the frozen smoke test): `sluice-first-paint` for the window's first frame (its
    outline), `sluice-views-paint` once the views fill it; `exit` then closes the window the normal way
    (after the views are painted: `then_exit`).
    """

    @staticmethod
    def install(
        widget: QWidget,
        then: Callable[[], None],
        *,
        marker: str = "sluice-first-paint",
        then_exit: bool = True,
    ) -> QObject:
        from PySide6.QtCore import QEvent, QObject, QTimer

        mode = os.environ.get(FIRST_PAINT_ENV, "")

        class Filter(QObject):
            done = False

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint and watched is widget:
                    widget.removeEventFilter(self)
                    # The children paint into the same frame after the widget: go on once it is done.
                    QTimer.singleShot(0, self.painted)
                return False

            def painted(self) -> None:
                if self.done:
                    return
                self.done = True
                widget.removeEventFilter(self)
                if mode in ("print", "exit"):
                    print(f"{marker} {time.time():.6f}", flush=True)
                then()
                if mode == "exit" and then_exit:
                    widget.window().close()

        reporter = Filter(widget)
        widget.installEventFilter(reporter)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, reporter, reporter.painted)
        return reporter


class CloseRelay:
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
