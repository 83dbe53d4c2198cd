"""Light and dark: the choice wins over the platform, "system" follows the desktop's scheme as it changes,
and every dialog opens in the theme's colours (defect 5: they opened light in the dark theme)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QWidget

from app.ui import theme
from app.ui.icons import icon, icon_names
from app.ui.theme import DARK, LIGHT, SchemeFollower, apply_theme, is_dark


@pytest.fixture
def restore(qapp: QApplication):  # type: ignore[no-untyped-def]
    yield qapp
    qapp.styleHints().unsetColorScheme()
    apply_theme(qapp, "system")


def test_dark_then_system_goes_back_to_the_desktops_scheme(restore: QApplication) -> None:
    qapp = restore
    assert apply_theme(qapp, "system") is False  # offscreen reports no scheme: light
    assert apply_theme(qapp, "dark") is True and is_dark()
    assert apply_theme(qapp, "system") is False and not is_dark()
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT.window)
    assert apply_theme(qapp, "dark") is True
    assert apply_theme(qapp, "light") is False and not is_dark()
    # One accent colour, whatever the theme.
    assert qapp.palette().color(QPalette.ColorRole.Highlight) == QColor(LIGHT.accent)


def _background(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() - 3)


def test_a_dialog_and_a_menu_open_dark_in_the_dark_theme(restore: QApplication) -> None:
    """Defect 5: the System prompt dialog and Settings opened light and turned dark only on hover."""
    apply_theme(restore, "dark")
    dialog = QInputDialog()
    dialog.setLabelText("x")
    dialog.show()
    assert _background(dialog).lightness() < 80
    dialog.close()
    menu = QMenu()
    menu.addAction("One")
    menu.addAction("Two")
    menu.popup(menu.pos())
    assert _background(menu).lightness() < 80
    menu.close()
    apply_theme(restore, "light")
    dialog = QInputDialog()
    dialog.show()
    assert _background(dialog).lightness() > 200
    dialog.close()


def test_the_system_scheme_is_followed_while_the_choice_is_system(
    restore: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    choice = ["system"]
    follower = SchemeFollower(restore, lambda: choice[0], seen.append)
    try:
        apply_theme(restore, "system")
        monkeypatch.setattr(theme, "wants_dark", lambda _app, _choice: True)  # the desktop turned dark
        follower.scheme_changed()
        assert is_dark() and seen == [True]
        choice[0] = "light"  # an explicit choice is kept whatever the desktop does
        monkeypatch.setattr(theme, "wants_dark", lambda _app, c: c == "dark")
        apply_theme(restore, "light")
        follower.scheme_changed()
        assert not is_dark() and seen == [True]
    finally:
        follower.deleteLater()


def test_every_icon_draws_in_the_palettes_text_colour(restore: QApplication) -> None:
    assert len(icon_names()) >= 25
    for dark, colours in ((False, LIGHT), (True, DARK)):
        apply_theme(restore, "dark" if dark else "light")
        for name in icon_names():
            image = icon(name).pixmap(QSize(24, 24)).toImage()
            inked = [
                image.pixelColor(x, y)
                for x in range(24)
                for y in range(24)
                if image.pixelColor(x, y).alpha() == 255
            ]
            assert inked, f"{name} draws nothing"
            assert inked[0].name() == QColor(colours.text).name(), name
