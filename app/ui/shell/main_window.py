"""The main window's layout: sidebar | (top bar, transcript, composer), and a status bar; the window-wide
shortcuts; the sidebar's collapsing. Little behaviour beyond that.

The central area is a stack: the chat, or in its place the welcome page (while there is no profile) or the
settings page. The sidebar folds away by itself below COLLAPSE_BELOW px of width (and comes back above it,
unless the user chose otherwise with Ctrl+B or the button since).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:
    # Types only. This module is imported before the first frame, and each Qt class's Python type is made on
    # its first use (~0.2-1 ms each); the views are imported by whoever builds them, after that frame.
    from PySide6.QtGui import (
        QCloseEvent,
        QDragEnterEvent,
        QDropEvent,
        QFont,
        QResizeEvent,
        QShortcut,
        QShowEvent,
    )
    from PySide6.QtWidgets import QSplitter

    from app.ui.chat.composer import Composer
    from app.ui.chat.topbar import ChatTopBar
    from app.ui.shell.outline import WindowOutline
    from app.ui.sidebar.view import ConversationSidebar
    from app.ui.transcript.view import TranscriptView

COLLAPSE_BELOW = 900  # px of window width under which the sidebar folds away by itself
MIN_WIDTH = 560  # usable at 600 px (defect 7): the sidebar is folded there, the top bar elides
DEFAULT_SIDEBAR_WIDTH = 260


class MainWindow(QMainWindow):
    """Holds the widgets. Closing it calls `on_close` once; the app then saves and quits (app.py).

    Made in two steps (DESIGN.md "Start-up"): the window itself, which the first frame shows with only its
    outline (`show_outline`), then its parts (`install`) once they are built.
    """

    # Set by `install`: the window is not used as a chat window before (app.py shows only the outline).
    sidebar: ConversationSidebar
    topbar: ChatTopBar
    transcript: TranscriptView
    composer: Composer
    splitter: QSplitter
    chat_page: QWidget
    new_shortcut: QShortcut
    find_shortcut: QShortcut
    quit_shortcut: QShortcut
    sidebar_shortcut: QShortcut
    palette_shortcut: QShortcut
    shortcuts_shortcut: QShortcut
    settings_shortcut: QShortcut
    stop_shortcut: QShortcut

    def __init__(self, on_close: Callable[[], None]) -> None:
        super().__init__()
        self._on_close = on_close
        self._installed = False
        self._text_font: QFont | None = None
        self.setObjectName("mainWindow")
        self.set_conversation_title("")
        self.resize(1100, 760)
        self._chat_body: QWidget | None = None  # shown in the transcript's place (Compare's columns)
        self._sidebar_wanted = True  # what the user last asked for (Ctrl+B); the width may still fold it
        self._sidebar_width = DEFAULT_SIDEBAR_WIDTH
        self.setMinimumWidth(MIN_WIDTH)
        self.stack = QStackedWidget(self)
        self.welcome: QWidget | None = None
        self._outline: WindowOutline | None = None
        self.setCentralWidget(self.stack)
        # The status bar comes with the parts (`install`): made now it would cost the first frame ~8 ms.

    def show_outline(self, outline: WindowOutline) -> None:
        """What the first frame shows until `install` (app/ui/shell/outline.py)."""
        self._outline = outline
        self.stack.addWidget(outline)
        self.stack.setCurrentWidget(outline)

    def install(
        self,
        sidebar: ConversationSidebar,
        topbar: ChatTopBar,
        transcript: TranscriptView,
        composer: Composer,
    ) -> None:
        """Lay out the parts (in the outline's place, at the places it drew) and the window-wide shortcuts."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut
        from PySide6.QtWidgets import QFrame, QSplitter, QVBoxLayout

        from app.ui.viewport import viewport_of

        self.sidebar, self.topbar, self.transcript, self.composer = sidebar, topbar, transcript, composer
        transcript.setObjectName("transcript")
        transcript.setFrameShape(QFrame.Shape.NoFrame)  # the window's lines divide, not a sunken box
        chat = QWidget(self)
        column = QVBoxLayout(chat)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(topbar)
        column.addWidget(transcript, 1)
        column.addWidget(composer)
        self._chat_column = column

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(sidebar)
        splitter.addWidget(chat)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([DEFAULT_SIDEBAR_WIDTH, 840])
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(1)
        self.splitter = splitter
        self.chat_page = splitter
        self.stack.insertWidget(0, splitter)
        if self.welcome is None or self.stack.currentWidget() is not self.welcome:
            self.stack.setCurrentWidget(splitter)
        if self._outline is not None:
            self.stack.removeWidget(self._outline)
            self._outline.deleteLater()
            self._outline = None
        self._installed = True
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        # Made in a window already on screen, it would be shown (and laid out) only after the views' first
        # paint, which drew its size grip at the bottom left for a frame.
        bar.show()

        self.new_shortcut = QShortcut(QKeySequence.StandardKey.New, self)  # Ctrl+N
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)  # Ctrl+F
        self.find_shortcut.activated.connect(sidebar.focus_search)
        # Ctrl+Q quits like closing the window: a reply still streaming is stopped and saved first.
        # Spelled out: StandardKey.Quit is empty on platforms without a theme (and on Windows).
        self.quit_shortcut = QShortcut(QKeySequence("Ctrl+Q"), self)
        self.quit_shortcut.activated.connect(self.close)
        self.setAcceptDrops(True)  # files dropped anywhere on the window are attached (the composer's)
        # The read-only transcript would take a drop and do nothing with it; the window takes it instead.
        transcript.setAcceptDrops(False)
        viewport_of(transcript).setAcceptDrops(False)
        self.sidebar_shortcut = QShortcut(QKeySequence("Ctrl+B"), self)
        self.sidebar_shortcut.activated.connect(self.toggle_sidebar)
        topbar.sidebar_toggle_requested.connect(self.toggle_sidebar)
        self.palette_shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        self.shortcuts_shortcut = QShortcut(QKeySequence("Ctrl+/"), self)
        self.settings_shortcut = QShortcut(QKeySequence("Ctrl+,"), self)
        # Esc stops a streaming reply from anywhere in the window (a dialog is its own window, so Esc
        # there stays the dialog's). Enabled only while a reply streams, so that otherwise Esc keeps its
        # other meanings (clear the search, cancel a rename).
        self.stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.stop_shortcut.setEnabled(False)

    def laid_out(self) -> bool:
        """Whether the parts have been laid out since `install` (the window shown with them): until then
        their sizes are Qt's defaults (a 480 px top bar, a 48 px sidebar), not ones to keep for the next
        start. A window closed while its outline was up (SIGTERM) never is."""
        from PySide6.QtCore import Qt

        return self._installed and self.topbar.testAttribute(Qt.WidgetAttribute.WA_Resized)

    # -- the sidebar ------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        if self._installed and self.composer.offer_mime(event.mimeData()):
            event.acceptProposedAction()

    def sidebar_shown(self) -> bool:
        return not self.sidebar.isHidden()

    def sidebar_wanted(self) -> bool:
        """What the user last chose (Ctrl+B), whether or not a narrow window has folded it."""
        return self._sidebar_wanted

    def sidebar_width_wanted(self) -> int:
        return self._sidebar_width

    def set_sidebar_state(self, shown: bool, width: int) -> None:
        """As it was at the last close: shown or not, and its width (0: the default)."""
        self._sidebar_wanted = shown
        if width:
            self._sidebar_width = width
            total = max(self.width(), width + 400)
            self.splitter.setSizes([width, total - width])
        self.sidebar.setVisible(shown and self.width() >= COLLAPSE_BELOW)

    def toggle_sidebar(self) -> None:
        if self.sidebar_shown():
            self._sidebar_width = self.splitter.sizes()[0] or self._sidebar_width
        self._sidebar_wanted = not self.sidebar_shown()
        self.sidebar.setVisible(self._sidebar_wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if not self._installed:
            return  # the outline folds the sidebar by the same rule (window_state.chrome)
        narrow = event.size().width() < COLLAPSE_BELOW
        wide_before = event.oldSize().width() < 0 or event.oldSize().width() >= COLLAPSE_BELOW
        if narrow and wide_before:
            if self.sidebar_shown():
                self._sidebar_width = self.splitter.sizes()[0] or self._sidebar_width
            self.sidebar.setVisible(False)  # folds by itself when the window becomes narrow
        elif not narrow and not wide_before:
            self.sidebar.setVisible(self._sidebar_wanted)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._installed:
            return
        # With the app's style sheet, polishing at the first show can put back the inherited font over one
        # set before: set it again once shown.
        if self._text_font is not None and self.transcript.font() != self._text_font:
            self.set_text_font(self._text_font)

    def show_welcome(self, welcome: QWidget) -> None:
        """Put the welcome page in place of the chat (first run: no profile yet)."""
        if self.welcome is not welcome:
            if self.welcome is not None:
                self.stack.removeWidget(self.welcome)
            self.welcome = welcome
            self.stack.addWidget(welcome)
        self.stack.setCurrentWidget(welcome)

    def show_page(self, page: QWidget) -> None:
        """Put a page (Settings) in place of the chat until `show_chat`."""
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def showing(self, page: QWidget) -> bool:
        return self.stack.currentWidget() is page

    def show_chat(self) -> None:
        self.stack.setCurrentWidget(self.chat_page)

    def set_chat_body(self, body: QWidget | None) -> None:
        """Show `body` (Compare's columns) instead of the transcript; None: the transcript again."""
        if self._chat_body is not None and self._chat_body is not body:
            self._chat_body.hide()
        if body is not None:
            if self._chat_column.indexOf(body) < 0:
                self._chat_column.insertWidget(2, body, 1)
            body.show()
        self._chat_body = body
        self.transcript.setVisible(body is None)

    def showing_welcome(self) -> bool:
        return self.welcome is not None and self.stack.currentWidget() is self.welcome

    def set_text_font(self, font: QFont) -> None:
        """The font of the transcript and the composer (the settings' size)."""
        self._text_font = font
        self.transcript.setFont(font)
        self.composer.set_text_font(font)

    def set_conversation_title(self, title: str) -> None:
        self.setWindowTitle(self.tr("{} — Sluice").format(title) if title else "Sluice")

    def show_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def withdraw_notice(self, text: str) -> None:
        """Clear `text` if it is still shown; a newer notice stays."""
        if self.statusBar().currentMessage() == text:
            self.statusBar().clearMessage()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()
        self._on_close()
