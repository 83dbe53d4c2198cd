"""A scroll area's viewport without PySide6's type search.

`QAbstractScrollArea.viewport()` returns a `QWidget*` that Python has never seen; to pick its Python type,
PySide6 walks every QWidget subclass it knows and creates each one's Python type and enums on the way
(~60 enums, 12-20 ms, once per process: measured with bench/start.py, DESIGN.md "Start-up"). Qt names the
viewport `qt_scrollarea_viewport`; found by that name as a plain QWidget, it gets its Python wrapper at
once, and every later `viewport()` call returns that same wrapper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

_VIEWPORT_NAME = "qt_scrollarea_viewport"  # set by QAbstractScrollArea itself (qabstractscrollarea.cpp)


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """`area.viewport()`, without the type search when the viewport is still Qt's own."""
    found = area.findChild(QWidget, _VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, QWidget) else area.viewport()
