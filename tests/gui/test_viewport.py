"""app.ui.viewport: the viewport found by name is the very widget Qt scrolls."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QListView, QTextBrowser, QWidget

from app.ui.viewport import viewport_of


def test_viewport_of_is_the_scroll_areas_own_viewport(qapp: QApplication) -> None:
    for area in (QListView(), QTextBrowser()):
        found = viewport_of(area)
        assert found is area.viewport()  # the same wrapper: later viewport() calls need no type search


def test_a_viewport_set_by_hand_is_found_too(qapp: QApplication) -> None:
    area = QListView()
    mine = QWidget()
    area.setViewport(mine)
    assert viewport_of(area) is mine
