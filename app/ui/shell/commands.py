"""The command palette (Ctrl+K) and the keyboard shortcuts sheet (Ctrl+/).

Both are built the first time they are opened, never at start. The palette lists what the window can do,
every profile's models and the conversations; each row carries the function it runs. The keys shown come
from the one table of the window's shortcuts, app/ui/shortcuts.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.errors import SluiceError
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.search_popup import Entry, SearchPopup
from app.ui.shortcuts import SHORTCUTS, shortcut_words

if TYPE_CHECKING:
    from app.ui.chat.controller import ChatController
    from app.ui.shell.main_window import MainWindow
    from app.ui.sidebar.controller import SidebarController

CONTEXT = "Commands"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _keys_for(text: str) -> str:
    return next((keys for keys, what in SHORTCUTS if what == text), "")


class ShortcutSheet(QDialog):
    """Every shortcut of the window, in two columns. Open with open()."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        for row, (keys, what) in enumerate(SHORTCUTS):
            cap = QLabel(keys, self)
            cap.setObjectName("keyCap")
            cap.setTextFormat(Qt.TextFormat.PlainText)
            cap.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            words = QLabel(shortcut_words(what), self)
            words.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(cap, row, 0)
            grid.addWidget(words, row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def shown_keys(self) -> list[str]:
        return [label.text() for label in self.findChildren(QLabel, "keyCap")]


class Commands:
    """Builds and opens the palette and the sheet for one window."""

    def __init__(
        self,
        window: MainWindow,
        controller: ChatController,
        sidebar: SidebarController,
        *,
        open_settings: Callable[[], object],
        edit_profiles: Callable[[], object],
        choose_theme: Callable[[str], object],
    ) -> None:
        self.window, self.controller, self.sidebar = window, controller, sidebar
        self._open_settings, self._edit_profiles, self._choose_theme = (
            open_settings,
            edit_profiles,
            choose_theme,
        )
        self.palette: SearchPopup | None = None
        self.sheet: ShortcutSheet | None = None
        window.palette_shortcut.activated.connect(self.open_palette)
        window.shortcuts_shortcut.activated.connect(self.open_shortcuts)
        window.topbar.palette_requested.connect(self.open_palette)
        window.topbar.shortcuts_requested.connect(self.open_shortcuts)

    def open_shortcuts(self) -> ShortcutSheet:
        if self.sheet is None:
            self.sheet = ShortcutSheet(self.window)
        self.sheet.open()
        return self.sheet

    def open_palette(self) -> SearchPopup:
        if self.palette is None:
            self.palette = SearchPopup(
                self.window,
                _tr("Type a command, a model or a conversation"),
                width=560,
                start_at_current=False,
            )
            self.palette.chosen.connect(self._run)
        self.palette.set_entries(self.entries())
        self.palette.open_centred(self.window)
        return self.palette

    @staticmethod
    def _run(payload: object) -> None:
        if callable(payload):
            payload()

    def entries(self) -> list[Entry]:
        window, controller = self.window, self.controller
        section = _tr("Commands")

        def command(text: str, run: Callable[[], object], icon: str) -> Entry:
            return Entry(_tr(text), run, detail=_keys_for(text), section=section, icon=icon)

        entries = [
            command(
                QT_TRANSLATE_NOOP("Commands", "New chat"), window.new_shortcut.activated.emit, "new-chat"
            ),
            command(QT_TRANSLATE_NOOP("Commands", "Settings"), self._open_settings, "settings"),
            command(
                QT_TRANSLATE_NOOP("Commands", "Compare side by side (on or off)"),
                window.topbar.compare_requested.emit,
                "columns",
            ),
            command(
                QT_TRANSLATE_NOOP("Commands", "Show or hide the sidebar"), window.toggle_sidebar, "sidebar"
            ),
            command(QT_TRANSLATE_NOOP("Commands", "Keyboard shortcuts"), self.open_shortcuts, "keyboard"),
            command(
                QT_TRANSLATE_NOOP("Commands", "Search conversations"), window.sidebar.focus_search, "search"
            ),
            command(QT_TRANSLATE_NOOP("Commands", "Edit profiles…"), self._edit_profiles, "server"),
            command(
                QT_TRANSLATE_NOOP("Commands", "Theme: light"), lambda: self._choose_theme("light"), "sun"
            ),
            command(QT_TRANSLATE_NOOP("Commands", "Theme: dark"), lambda: self._choose_theme("dark"), "moon"),
            command(
                QT_TRANSLATE_NOOP("Commands", "Theme: follow the system"),
                lambda: self._choose_theme("system"),
                "monitor",
            ),
        ]
        if controller.conversation is not None:
            open_id = controller.conversation.id
            entries.append(
                command(
                    QT_TRANSLATE_NOOP("Commands", "Rename this conversation"),
                    lambda: self._rename(open_id),
                    "pencil",
                )
            )
        models = _tr("Profiles and models")
        listed_models: set[tuple[str, str]] = set()
        for entry in controller.picker_entries():
            if isinstance(entry.payload, tuple) and entry.payload not in listed_models:
                listed_models.add(entry.payload)
                profile, model = entry.payload
                entries.append(
                    Entry(
                        model,
                        lambda p=profile, m=model: controller.choose(p, m),
                        detail=profile,
                        section=models,
                        icon="sparkles",
                        current=entry.current,
                    )
                )
        conversations = _tr("Conversations")
        try:
            listed = controller.store.list_conversations(limit=200)
        except SluiceError:
            listed = []
        for conversation in listed:
            entries.append(
                Entry(
                    conversation.title,
                    lambda cid=conversation.id: self._open_conversation(cid),
                    section=conversations,
                    icon="message",
                )
            )
        return entries

    def _open_conversation(self, conversation_id: int) -> None:
        self.window.show_chat()
        self.controller.open_conversation(conversation_id)
        self.window.sidebar.select(conversation_id)

    def _rename(self, conversation_id: int) -> None:
        if not self.window.sidebar_shown():
            self.window.toggle_sidebar()
        self.window.sidebar.rename(conversation_id)
