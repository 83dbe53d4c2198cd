"""Unhandled exceptions: logged, and shown in a dialog with the log path and a "Copy report" button.

Without this a bug in a slot or a task prints a traceback to a terminal nobody sees, and the window goes on in
an unknown state (or vanishes). `install_crash_handler` takes over `sys.excepthook` (PySide6 sends exceptions
from slots and virtual overrides there), `threading.excepthook` (worker threads) and the asyncio loop's
exception handler (callbacks and tasks under qasync). Each exception is logged with its traceback (the log's
filter redacts keys) and shown in one non-modal dialog; later ones are added to the same dialog rather than
stacking windows. The report is the traceback plus versions, passed through `redact` again, because it goes
to the clipboard and from there usually to a public issue tracker.

The dialog opens with `open()`, never `exec()`: a nested event loop inside qasync would stall every stream.

Signals (CrashReporter):
    crashed(str, str): a report and a one-line summary, delivered on the GUI thread whatever thread raised.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.errors import redact
from app.ui.plaintext import plain

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def versions() -> list[str]:
    """What a bug report needs to reproduce: our version and those of the libraries that matter."""
    from PySide6 import QtCore
    from PySide6 import __version__ as pyside_version

    lines = [
        f"Sluice {__version__}{' (frozen build)' if getattr(sys, 'frozen', False) else ''}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Platform {platform.platform()}",
        f"Qt {QtCore.qVersion()}, PySide6 {pyside_version}, "
        f"QPA {QGuiApplication.platformName() if QGuiApplication.instance() else '-'}",
    ]
    for name in ("qasync", "httpx", "keyring", "pygments"):
        module = sys.modules.get(name)
        lines.append(f"{name} {getattr(module, '__version__', 'not loaded')}")
    return lines


def build_report(info: ExcInfo, log_path: Path | None, where: str = "") -> str:
    """Traceback and versions as plain text, keys redacted."""
    text = "".join(traceback.format_exception(*info))
    parts = [
        "Sluice crash report",
        f"Where: {where}" if where else "",
        "",
        text.rstrip(),
        "",
        *versions(),
        f"Log: {log_path}" if log_path else "",
    ]
    return _without_home(redact("\n".join(p for p in parts if p is not None))).strip() + "\n"


def _without_home(text: str) -> str:
    """The home folder as ~: a report goes to public trackers, and the path names the user."""
    home = os.path.expanduser("~")
    return text.replace(home + os.sep, "~" + os.sep) if len(home) > 1 else text


def summary(info: ExcInfo) -> str:
    exc = info[1]
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return redact(f"{type(exc).__name__}: {message}" if message else type(exc).__name__)


class CrashDialog(QDialog):
    """Says what happened, where the log is, and copies the report. Holds every error since it opened."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Sluice: unexpected error"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._reports: list[str] = []
        self._log_path = log_path

        self.message = plain(QLabel(self))  # the exception's words
        self.message.setObjectName("crashMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.details.setMinimumSize(560, 220)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy report"), self)
        self.copy_button.setObjectName("copyReport")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        self.copy_button.clicked.connect(self.copy_report)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    @property
    def report(self) -> str:
        return "\n".join(self._reports)

    def add(self, report: str, what: str) -> None:
        self._reports.append(report)
        count = len(self._reports)
        if count == 1:
            head = self.tr("Sluice ran into an unexpected error: {}").format(what)
        else:
            head = self.tr("Sluice ran into {count} unexpected errors; the latest: {what}").format(
                count=count, what=what
            )
        if self._log_path:
            where = self.tr("The details are in the log: {}").format(self._log_path)
        else:
            where = self.tr("No log file is open.")
        text = self.tr(
            "{head}\n\nSluice is still running and your conversations are saved, but something may not "
            "work until you restart it. {where}\n\nCopy the report to include it in a bug report "
            "(API keys are removed from it)."
        )
        self.message.setText(text.format(head=head, where=where))
        self.details.setPlainText(self.report)
        self.copy_button.setText(self.tr("Copy report"))

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(self.tr("Copied"))


_MAX_DISTINCT = 20  # distinct tracebacks shown and logged; later new ones are dropped
_LOG_REPEATS = 3  # times one traceback is written to the log


class CrashReporter(QObject):
    """Catches what nothing else caught; see the module docstring."""

    crashed = Signal(str, str)

    def __init__(self, log_path: Path | None, parent_window: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self.log_path = log_path
        self._parent_window = parent_window
        self._dialog: CrashDialog | None = None
        self._previous: tuple[Any, Any] | None = None
        self._showing = False  # re-entry guard: an error while showing must not report itself
        self._broken = False  # the dialog failed once: from then on, the log only
        self._seen: dict[str, int] = {}  # each distinct traceback, and how often it came
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # ---- installing ------------------------------------------------------------------------------------

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        if loop is not None:
            loop.set_exception_handler(self._loop_handler)

    def uninstall(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None
        if loop is not None:
            loop.set_exception_handler(None)

    # ---- the hooks ---------------------------------------------------------------------------------------

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl-C in a terminal: not a crash
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report((exc_type, exc, tb), "main thread")

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report((args.exc_type, args.exc_value, args.exc_traceback), f"thread {name}")

    def _loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if not isinstance(exc, Exception):
            # No exception (e.g. "Task was destroyed but it is pending"): worth a log line, not a dialog.
            log.warning("asyncio: %s", context.get("message", context))
            return
        where = str(context.get("message") or "asyncio callback")
        self.report((type(exc), exc, exc.__traceback__), where)

    # ---- reporting ---------------------------------------------------------------------------------------

    def report(self, info: ExcInfo, where: str) -> None:
        """Log the exception and show it. Safe from any thread; never raises."""
        try:
            # A bug in something that runs every frame raises the same error again and again: log and
            # show each distinct one a few times, not thousands (the first, the root cause, stays in the
            # log and the dialog stays cheap).
            key = "".join(traceback.format_exception(*info))
            seen = self._seen.get(key, 0) + 1
            if seen == 1 and len(self._seen) >= _MAX_DISTINCT:
                return
            self._seen[key] = seen
            if seen <= _LOG_REPEATS:
                log.critical("unhandled exception (%s)", where, exc_info=info)
            elif seen == _LOG_REPEATS + 1:
                log.critical("the same exception keeps coming (%s); not logging it again", where)
            if seen == 1 and not self._broken:
                self.crashed.emit(build_report(info, self.log_path, where), summary(info))
        except Exception:  # the reporter must not turn one error into two
            with contextlib.suppress(Exception):
                sys.stderr.write(redact("".join(traceback.format_exception(*info))))

    def _show(self, report: str, what: str) -> None:
        if self._showing:
            return  # showing the dialog itself failed: reporting that would loop for ever
        self._showing = True
        try:
            if self._dialog is None:
                dialog = CrashDialog(self.log_path, self._parent_window())
                dialog.finished.connect(self._forget)
                self._dialog = dialog
                dialog.add(report, what)
                dialog.open()
            else:
                self._dialog.add(report, what)
                self._dialog.raise_()
        except Exception:
            self._broken = True
            log.exception("the crash dialog itself failed; further errors go to the log only")
        finally:
            self._showing = False

    @property
    def dialog(self) -> CrashDialog | None:
        return self._dialog

    def _forget(self) -> None:
        self._dialog = None
