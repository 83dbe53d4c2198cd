"""Light and dark: one look of our own, following the desktop's scheme or the user's choice.

Qt reports the desktop's colour scheme (`QStyleHints.colorScheme`), but the palette a platform gives is
unreliable: on many Linux desktops it stays light whatever the scheme says, and where a platform theme does
follow, its palette arrives asynchronously — a dialog opened meanwhile painted light and turned dark only
when the pointer passed over it. So the app always draws with Fusion and a palette of ours (light or dark,
one accent colour), plus one application style sheet (6–8 px corners, menus, tooltips, scroll bars) whose
colours are written out in full: every dialog, menu and popup is polished with them when it opens.

The desktop's scheme is followed while it changes (`follow_system_scheme`); the transcript draws its own
colours (code, tints, links) and asks `is_dark()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    # `Qt` is imported where used: its Python type (every enum of the Qt namespace) costs ~15 ms to make, and
    # the first frame (`apply_palette`) does without it (DESIGN.md "Start-up").
    from PySide6.QtCore import Qt


@dataclass(frozen=True)
class Colours:
    """The few colours everything is drawn with."""

    window: str  # the chat area
    sidebar: str  # the sidebar, a shade off the window
    base: str  # text fields
    raised: str  # menus, popups, tooltips
    text: str
    dim: str  # secondary text, group headings
    disabled: str
    border: str
    hover: str  # a row or button under the pointer
    selected: str  # the open conversation's row
    accent: str
    accent_text: str  # text on the accent
    link: str
    scroll: str


LIGHT = Colours(
    window="#ffffff",
    sidebar="#f5f6f8",
    base="#ffffff",
    raised="#ffffff",
    text="#1f2329",
    dim="#6b7280",
    disabled="#a3a8b0",
    border="#e1e4e8",
    hover="#eceef2",
    selected="#e3e8fb",
    accent="#4263eb",
    accent_text="#ffffff",
    link="#3b5bdb",
    scroll="#c8ccd2",
)
DARK = Colours(
    window="#1e1f22",
    sidebar="#17181a",
    base="#1e1f22",  # the same as the window: the transcript and the composer sit on one surface
    raised="#2a2b2f",
    text="#e6e7ea",
    dim="#989ca5",
    disabled="#62666e",
    border="#34363b",
    hover="#2c2e33",
    selected="#2f3650",
    accent="#6c8cff",
    accent_text="#ffffff",
    link="#8ea6ff",
    scroll="#4a4d54",
)


def colours(dark: bool | None = None) -> Colours:
    """The colours in effect (or those of `dark`)."""
    return DARK if (is_dark() if dark is None else dark) else LIGHT


def palette_for(c: Colours) -> QPalette:
    role = QPalette.ColorRole
    palette = QPalette()
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.base),
        (role.AlternateBase, c.sidebar),
        (role.Text, c.text),
        (role.Button, c.base),
        (role.ButtonText, c.text),
        (role.ToolTipBase, c.raised),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.dim),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.accent_text),
        (role.Link, c.link),
        (role.LinkVisited, c.link),
        (role.BrightText, "#ff6b6b"),
        (role.Light, c.raised),
        (role.Midlight, c.hover),
        (role.Mid, c.border),
        (role.Dark, c.scroll),
        (role.Shadow, "#000000"),
    ):
        palette.setColor(r, QColor(value))
    for r in (role.Text, role.ButtonText, role.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.disabled))
    palette.setColor(QPalette.ColorGroup.Inactive, role.Highlight, QColor(c.accent))
    return palette


def dark_palette() -> QPalette:
    return palette_for(DARK)


def stylesheet(c: Colours) -> str:
    """The application style sheet: corners, menus, tooltips, buttons, fields and scroll bars."""
    return f"""
QToolTip {{ color: {c.text}; background: {c.raised}; border: 1px solid {c.border};
    border-radius: 6px; padding: 4px 8px; }}
QMenu {{ background: {c.raised}; color: {c.text}; border: 1px solid {c.border}; border-radius: 8px;
    padding: 4px; }}
QMenu::item {{ padding: 6px 28px 6px 10px; border-radius: 6px; }}
QMenu::item:selected {{ background: {c.hover}; }}
QMenu::item:disabled {{ color: {c.disabled}; }}
QMenu::separator {{ height: 1px; background: {c.border}; margin: 4px 6px; }}
QMenu::icon {{ padding-left: 8px; }}
QDialog, QMessageBox, QInputDialog {{ background: {c.window}; color: {c.text}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QPushButton {{ background: {c.base}; color: {c.text}; border: 1px solid {c.border}; border-radius: 6px;
    padding: 4px 8px; min-height: 18px; }}
QPushButton:hover {{ background: {c.hover}; }}
QPushButton:pressed {{ background: {c.selected}; }}
QPushButton:disabled {{ color: {c.disabled}; }}
QPushButton:default, QPushButton[primary="true"] {{ background: {c.accent}; color: {c.accent_text};
    border: 1px solid {c.accent}; }}
QPushButton:default:disabled, QPushButton[primary="true"]:disabled {{ background: {c.hover};
    color: {c.disabled}; border-color: {c.border}; }}
#topBar QToolButton {{ border: none; border-radius: 6px; padding: 4px; background: transparent;
    color: {c.text}; }}
#topBar QToolButton:hover {{ background: {c.hover}; }}
#topBar QToolButton:pressed, #topBar QToolButton:checked {{ background: {c.selected}; }}
#topBar QToolButton::menu-indicator {{ image: none; width: 0; }}
QLineEdit {{ background: {c.base}; color: {c.text}; border: 1px solid {c.border}; border-radius: 6px;
    padding: 4px 8px; selection-background-color: {c.accent}; }}
QLineEdit:focus {{ border-color: {c.accent}; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {c.scroll}; border-radius: 3px; min-height: 28px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 0; }}
QScrollBar::handle:horizontal {{ background: {c.scroll}; border-radius: 3px; min-width: 28px; margin: 2px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QSplitter::handle {{ background: {c.border}; }}
QStatusBar {{ color: {c.dim}; }}
#sidebar {{ background: {c.sidebar}; }}
#sidebar QListView {{ background: {c.sidebar}; border: none; }}
#sidebar QLineEdit {{ background: {c.base}; }}
#undoBar {{ background: {c.raised}; border: 1px solid {c.border}; border-radius: 8px; }}
#topBar {{ background: {c.window}; border-bottom: 1px solid {c.border}; }}
#topBar #modelPill {{ border: 1px solid {c.border}; border-radius: 8px; padding: 4px 10px;
    font-weight: 600; }}
#topBar #modelPill:hover {{ background: {c.hover}; }}
#composerCard {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 8px; }}
#composerCard QPlainTextEdit {{ background: transparent; border: none; }}
#composerButton {{ border-radius: 6px; padding: 5px 12px; }}
#newChat {{ padding: 6px 12px; }}
#sidebarSettings {{ background: transparent; border: none; color: {c.dim}; padding: 6px 8px; }}
#sidebarSettings:hover {{ background: {c.hover}; color: {c.text}; }}
QTextBrowser#transcript {{ border: none; }}
#keyCap {{ background: {c.hover}; border: 1px solid {c.border}; border-radius: 6px; padding: 2px 8px;
    font-family: monospace; }}
#popupPanel {{ background: {c.raised}; border: 1px solid {c.border}; border-radius: 8px; }}
#popupPanel QListView, #popupPanel QTreeView {{ background: {c.raised}; border: none; }}
#settingsPage, #settingsPage QScrollArea, #settingsBody {{ background: {c.window}; }}
#settingsNav {{ background: {c.sidebar}; border: none; border-radius: 8px; padding: 4px; }}
#settingsNav::item {{ padding: 6px 8px; border-radius: 6px; color: {c.text}; }}
#settingsNav::item:selected {{ background: {c.selected}; color: {c.text}; }}
#settingsNav::item:hover:!selected {{ background: {c.hover}; }}
#textSample {{ background: {c.sidebar}; border: 1px solid {c.border}; border-radius: 8px;
    padding: 8px 12px; }}
#sectionTitle {{ font-weight: 600; color: {c.text}; padding-top: 4px; }}
#hint {{ color: {c.dim}; }}
"""


def is_dark() -> bool:
    """Whether the palette in effect is a dark one (what the user sees, whatever was asked for)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def wants_dark(app: QApplication, choice: str) -> bool:
    """Dark for "dark"; for "system" (or anything else) whatever the desktop's scheme says (light when it
    says nothing, as offscreen and many X11 desktops do)."""
    if choice in ("light", "dark"):
        return choice == "dark"
    from PySide6.QtCore import Qt

    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str = "system") -> bool:
    """Make the application light or dark as chosen ("system": as the desktop says); True if dark.

    `choice` is one of app.settings.THEMES; anything else counts as "system".
    """
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if choice in ("light", "dark"):
        # Tells the platform too, where it listens (the title bar on Windows, GTK's portal on Linux).
        hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
    else:
        hints.unsetColorScheme()
    dark = wants_dark(app, choice)
    c = colours(dark)
    if not app.property("sluiceFusion"):  # once: with a style sheet in place, style().name() reads ""
        from app.ui.look_style import LookStyle

        # Fusion, the one style that honours a custom palette everywhere, with visible dark check boxes
        app.setStyle(LookStyle())
        app.setProperty("sluiceFusion", True)
    app.setPalette(palette_for(c))
    app.setStyleSheet(stylesheet(c))
    return is_dark()


def apply_palette(app: QApplication, dark: bool) -> None:
    """Only the palette, light or dark, for the first frame (app.py): the window's background under the
    outline. `apply_theme` follows once that frame is on screen."""
    app.setPalette(palette_for(colours(dark)))


class SchemeFollower(QObject):
    """While the choice is "system", re-applies the theme when the desktop switches between light and dark
    and tells `on_change(dark)`; the owner keeps this object alive (it is parented to the app)."""

    def __init__(
        self, app: QApplication, choice: Callable[[], str], on_change: Callable[[bool], None]
    ) -> None:
        super().__init__(app)
        self._app, self._choice, self._on_change = app, choice, on_change
        self._busy = False
        app.styleHints().colorSchemeChanged.connect(self.scheme_changed)

    def scheme_changed(self, _scheme: Qt.ColorScheme | None = None) -> None:
        if self._busy or self._choice() not in ("system", ""):
            return
        self._busy = True  # apply_theme unsets the scheme, which may announce a change again
        try:
            before = is_dark()
            dark = apply_theme(self._app, "system")
        finally:
            self._busy = False
        if dark != before:
            self._on_change(dark)
