"""Light and dark: follow the desktop, or the user's choice, and make sure Qt's palette really follows.

Qt reports the desktop's colour scheme (`QStyleHints.colorScheme`), but on many Linux desktops the style's
palette stays light whatever the scheme says (no platform theme plugin, or one that ignores it). So after
deciding, we check the palette that is actually in effect and, if it disagrees, switch to Fusion with a
palette of our own. The transcript draws its own colours (code, tints, links) and asks `is_dark()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_DARK_COLOURS = {
    QPalette.ColorRole.Window: "#202225",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2b2d31",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.ToolTipBase: "#2b2d31",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8b9099",
    QPalette.ColorRole.Highlight: "#3b6fd8",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7aa2f7",
    QPalette.ColorRole.BrightText: "#ff6b6b",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7078"))
    return palette


def is_dark() -> bool:
    """Whether the palette in effect is a dark one (what the user sees, whatever was asked for)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, choice: str = "system") -> bool:
    """Make the application light or dark as chosen ("system": as the desktop says); True if dark.

    `choice` is one of app.settings.THEMES; anything else counts as "system".
    """
    original = _original_look(app)
    hints = app.styleHints()
    if choice not in ("light", "dark"):
        hints.unsetColorScheme()
        _restore(app, original)  # judge "system" by the platform's palette, not one we installed
        scheme = hints.colorScheme()
        want_dark = is_dark() if scheme == Qt.ColorScheme.Unknown else scheme == Qt.ColorScheme.Dark
    else:
        want_dark = choice == "dark"
        hints.setColorScheme(Qt.ColorScheme.Dark if want_dark else Qt.ColorScheme.Light)
        if not want_dark:
            _restore(app, original)
    if is_dark() != want_dark:
        # The platform did not follow: draw it ourselves. Fusion honours a custom palette everywhere.
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if want_dark else app.style().standardPalette())
    return is_dark()


def _original_look(app: QApplication) -> tuple[str, QPalette]:
    """The style and palette the platform gave the app, noted on the first call (kept on the app itself,
    so that each QApplication has its own and no module state is needed)."""
    noted = getattr(app, "_sluice_original_look", None)
    if noted is None:
        noted = (app.style().name(), QPalette(app.palette()))
        app._sluice_original_look = noted  # type: ignore[attr-defined]
    return noted


def _restore(app: QApplication, look: tuple[str, QPalette]) -> None:
    style, palette = look
    if app.style().name() != style:
        app.setStyle(style)
    app.setPalette(palette)
