"""Light and dark: the choice wins over the platform, and "system" goes back to what the platform gave."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui.theme import apply_theme, is_dark


def test_dark_then_system_goes_back_to_the_platforms_look(qapp: QApplication) -> None:
    style = qapp.style().name()
    try:
        assert apply_theme(qapp, "system") is False  # offscreen reports no scheme: its palette is light
        assert apply_theme(qapp, "dark") is True and is_dark()
        assert apply_theme(qapp, "system") is False and not is_dark()  # not our own dark palette again
        assert qapp.style().name() == style
        assert apply_theme(qapp, "dark") is True
        assert apply_theme(qapp, "light") is False and not is_dark()
    finally:
        apply_theme(qapp, "system")
    assert qapp.style().name() == style
