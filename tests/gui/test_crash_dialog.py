"""Unhandled exceptions are logged and shown in a dialog with the log path and a redacted "Copy report"."""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import __version__
from app.home import Home
from app.logs import setup_logging, teardown_logging
from app.ui.shell.crash_dialog import CrashDialog, CrashReporter

KEY = "sk-live-abcdef1234567890"

# Every test here raises on purpose: the reporter logs each one (CRITICAL), and one test breaks the dialog.
pytestmark = pytest.mark.allow_log("CRITICAL", "app.ui.shell.crash_dialog")


@dataclass
class Crashes:
    reporter: CrashReporter
    loop: qasync.QEventLoop
    home: Home

    def dialog(self) -> CrashDialog:
        dialog = self.reporter.dialog
        assert dialog is not None
        return dialog

    def log_text(self) -> str:
        for handler in logging.getLogger().handlers:
            handler.flush()
        return self.home.log_path.read_text(encoding="utf-8")


@pytest.fixture
def crashes(qapp: QApplication, tmp_path: Path) -> Iterator[Crashes]:
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / "home")})
    setup_logging(home)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    reporter = CrashReporter(home.log_path, lambda: None)
    reporter.install(loop)
    try:
        yield Crashes(reporter, loop, home)
    finally:
        reporter.uninstall(loop)
        if reporter.dialog is not None:
            reporter.dialog.close()
        loop.close()
        asyncio.set_event_loop(None)
        teardown_logging()


def boom() -> None:
    raise RuntimeError(f"the gateway rejected Authorization: Bearer {KEY}")


def shown(crashes: Crashes) -> bool:
    return crashes.reporter.dialog is not None and crashes.reporter.dialog.isVisible()


def test_an_exception_in_a_slot_shows_the_dialog_with_a_redacted_report(
    crashes: Crashes, qtbot: QtBot
) -> None:
    QTimer.singleShot(0, boom)  # PySide6 sends exceptions from slots to sys.excepthook
    qtbot.waitUntil(lambda: shown(crashes))
    dialog = crashes.dialog()
    assert str(crashes.home.log_path) in dialog.message.text()
    assert "RuntimeError" in dialog.message.text()
    assert KEY not in dialog.message.text() + dialog.details.toPlainText()

    logged = crashes.log_text()
    assert "unhandled exception" in logged and "Traceback" in logged and "in boom" in logged
    assert KEY not in logged

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    report = QGuiApplication.clipboard().text()
    assert "Traceback (most recent call last)" in report and "in boom" in report
    assert f"Sluice {__version__}" in report and "PySide6" in report and "Python" in report
    assert "[redacted]" in report and KEY not in report
    assert dialog.copy_button.text() == "Copied"


def test_asyncio_errors_share_one_dialog_and_the_loop_keeps_running(crashes: Crashes, qtbot: QtBot) -> None:
    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        loop.call_soon(boom)  # an exception in a loop callback goes to the loop's exception handler
        while not shown(crashes):
            await asyncio.sleep(0.01)

        async def failing_task() -> None:
            raise ValueError("second problem")

        task = loop.create_task(failing_task())
        await asyncio.sleep(0.05)
        # Never awaited: asyncio reports it to the handler once the task is collected.
        del task
        gc.collect()
        for _ in range(100):
            if len(crashes.dialog().report.split("Sluice crash report")) > 2:
                break
            await asyncio.sleep(0.01)  # the dialog is open, and streams and timers still run

    crashes.loop.run_until_complete(asyncio.wait_for(scenario(), 10))
    dialog = crashes.dialog()
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()] == [
        dialog
    ]
    assert (
        "2 unexpected errors" in dialog.message.text()
        and "ValueError: second problem" in dialog.message.text()
    )
    assert "RuntimeError" in dialog.report and "ValueError" in dialog.report


def test_an_exception_in_a_worker_thread_reaches_the_dialog(crashes: Crashes, qtbot: QtBot) -> None:
    worker = threading.Thread(target=boom, name="highlighter")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: shown(crashes))
    assert "thread highlighter" in crashes.dialog().report


def test_closing_the_dialog_lets_the_next_error_open_a_new_one(crashes: Crashes, qtbot: QtBot) -> None:
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: shown(crashes))
    crashes.dialog().close()
    qtbot.waitUntil(lambda: crashes.reporter.dialog is None)
    QTimer.singleShot(0, other_boom)  # a new error: the one already shown and closed does not come back
    qtbot.waitUntil(lambda: shown(crashes))
    assert "1 unexpected" not in crashes.dialog().message.text()
    assert crashes.dialog().report.count("Sluice crash report") == 1


def other_boom() -> None:
    raise ValueError("another bug")


def test_an_error_that_repeats_is_shown_and_logged_a_few_times_not_thousands(
    crashes: Crashes, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(500):
        QTimer.singleShot(0, boom)  # as a bug in something that runs every frame would
    qtbot.waitUntil(lambda: shown(crashes))
    qtbot.wait(100)
    assert crashes.dialog().report.count("Sluice crash report") == 1
    assert len([r for r in caplog.records if r.levelname == "CRITICAL"]) <= 4


def test_a_failure_inside_the_dialog_does_not_report_itself_for_ever(
    crashes: Crashes, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.shell.crash_dialog import CrashDialog

    calls: list[int] = []

    def broken_add(self: CrashDialog, report: str, what: str) -> None:
        calls.append(1)
        raise RuntimeError("the dialog is broken")

    monkeypatch.setattr(CrashDialog, "add", broken_add)
    QTimer.singleShot(0, boom)
    qtbot.wait(300)
    QTimer.singleShot(0, other_boom)
    qtbot.wait(300)
    assert len(calls) == 1  # tried once; afterwards errors go to the log only


def test_the_report_does_not_name_the_users_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from app.ui.shell.crash_dialog import build_report

    home = tmp_path / "jane"
    monkeypatch.setenv("HOME", str(home))
    try:
        raise RuntimeError(f"cannot open {home}/.local/share/sluice/sluice.db")
    except RuntimeError as exc:
        report = build_report(
            (type(exc), exc, exc.__traceback__), home / ".local/state/sluice/log/sluice.log"
        )
    assert str(home) not in report
    assert "~/.local/share/sluice/sluice.db" in report and "Log: ~/.local/state/sluice/log" in report
