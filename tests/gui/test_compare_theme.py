"""Compare mode's columns follow a theme change made while they are open (Settings, the palette's "Theme:",
or the desktop's scheme), as the transcript does: their colours come from a style sheet of their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.compare.view import CompareView
from app.ui.theme import DARK, LIGHT, apply_theme


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    qapp.styleHints().unsetColorScheme()
    apply_theme(qapp, "system")


def test_open_columns_take_the_new_theme_at_once(themed: QApplication, qtbot: QtBot) -> None:
    apply_theme(themed, "light")
    view = CompareView()
    qtbot.addWidget(view)
    view.set_lanes([("a", "m"), ("b", "m")])
    view.show()
    assert f"background: {LIGHT.base}" in view.styleSheet()
    apply_theme(themed, "dark")
    QApplication.processEvents()
    assert f"background: {DARK.base}" in view.styleSheet()
    apply_theme(themed, "light")
    QApplication.processEvents()
    assert f"background: {LIGHT.base}" in view.styleSheet()
