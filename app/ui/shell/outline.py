"""The window's outline: what the first frame shows while the real views are being built.

Building the views (sidebar, transcript, top bar, composer) means importing ~40 of our modules and making the
Python types of ~200 Qt classes on their first use (DESIGN.md "Start-up"): ~110 ms before anything could be
painted. The outline draws the window's chrome — the sidebar's panel, the line under the top bar, the
composer's card — in the theme's colours, at the places the real widgets will take (their sizes at the last
close, kept in window.json), so the window is on screen at once and the views then fill it in without
anything moving.

It is made of plain frames and a style sheet, painted by Qt's C++: a Python paintEvent would have to call
QPainter.fillRect or QBrush(QColor), whose overloads take enums of the Qt namespace, and PySide makes that
namespace's Python type (~15 ms, every enum in it) the first time one is even considered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QWidget

from app.ui.shell.main_window import COLLAPSE_BELOW
from app.ui.theme import colours

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

# The chrome's sizes with the default font (9 pt Sans on Debian), for a first start: later starts use the
# sizes measured at the last close.
DEFAULT_TOPBAR_HEIGHT = 44
DEFAULT_COMPOSER_HEIGHT = 65
DEFAULT_STATUS_HEIGHT = 22
COMPOSER_MARGINS = (12, 4, 12, 10)  # left, top, right, bottom: where its card sits (app/ui/chat/composer.py)


@dataclass(frozen=True)
class Chrome:
    """Where the chrome is: the sidebar's width (0: hidden with Ctrl+B, or none, as on the welcome page;
    the outline also folds it in a window narrower than COLLAPSE_BELOW, as MainWindow does), the top bar's
    and composer's heights (0: none, as on the welcome page), and the status bar's, which the window adds
    with the views."""

    sidebar_width: int = 0
    topbar_height: int = DEFAULT_TOPBAR_HEIGHT
    composer_height: int = DEFAULT_COMPOSER_HEIGHT
    status_height: int = DEFAULT_STATUS_HEIGHT


class WindowOutline(QFrame):
    """The chrome as four frames; takes no input (it is replaced before user input is read)."""

    def __init__(self, chrome: Chrome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowOutline")
        self.chrome = chrome
        self._sidebar = self._frame("outlineSidebar", shown=False)  # shown by width (resizeEvent)
        self._handle = self._frame("outlineLine", shown=False)
        self._topbar_line = self._frame("outlineLine", shown=bool(chrome.topbar_height))
        self._card = self._frame("outlineCard", shown=bool(chrome.composer_height))
        self.set_colours()

    def _frame(self, name: str, *, shown: bool) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName(name)
        frame.setVisible(shown)
        return frame

    def set_colours(self) -> None:
        """The colours of the palette in effect (again after the theme turned dark or light)."""
        c = colours()
        self.setStyleSheet(
            f"#windowOutline {{ background: {c.window}; }}"
            f"#outlineSidebar {{ background: {c.sidebar}; border: none; }}"
            f"#outlineLine {{ background: {c.border}; border: none; }}"
            f"#outlineCard {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 8px; }}"
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        chrome = self.chrome
        width = self.width()
        height = self.height() - chrome.status_height  # the status bar comes with the views
        # Folded by the width the window has now, not the one it had when the outline was made: a window
        # restored maximised is sized only once shown (and the window manager may resize it meanwhile).
        sidebar = chrome.sidebar_width if self.window().width() >= COLLAPSE_BELOW else 0
        self._sidebar.setVisible(bool(sidebar))
        self._handle.setVisible(bool(sidebar))
        left = sidebar + 1 if sidebar else 0
        self._sidebar.setGeometry(0, 0, sidebar, height)
        self._handle.setGeometry(sidebar, 0, 1, height)
        self._topbar_line.setGeometry(left, chrome.topbar_height - 1, width - left, 1)
        m_left, m_top, m_right, m_bottom = COMPOSER_MARGINS
        self._card.setGeometry(
            left + m_left,
            height - chrome.composer_height + m_top,
            width - left - m_left - m_right,
            chrome.composer_height - m_top - m_bottom,
        )
