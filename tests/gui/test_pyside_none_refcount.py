"""Regression guard for PySide6 6.12.0 on CPython 3.11 (DESIGN.md, known hazards).

There, every Qt method returning nothing dropped one reference to None; after a few thousand calls CPython
aborts with "Fatal Python error: none_dealloc", so one long streamed reply killed the app. A streaming paint
makes such calls by the dozen. This makes ~100,000 of them, as a long session would, and checks None's
reference count did not fall (on a bad PySide6 the process may abort right here, which fails the run too).
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

CALLS = 100_000


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its count is fixed"
)
def test_qt_void_methods_do_not_leak_references_to_none(qapp: QApplication) -> None:
    timer = QTimer()
    document = QTextDocument()
    document.setPlainText("x" * 100)
    cursor = QTextCursor(document)

    before = sys.getrefcount(None)
    for index in range(CALLS // 2):
        timer.setInterval(index % 50)  # void setters, as the paint timer uses
        cursor.setPosition(index % 100)  # and as every paint moves its cursor
    after = sys.getrefcount(None)

    # Unrelated objects come and go, so allow a little drift; the bug loses one reference per call.
    assert after > before - 1_000, f"None lost {before - after} references in {CALLS} Qt calls"
