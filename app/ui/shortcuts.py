"""The one table of the window's keyboard shortcuts: the shortcut sheet (Ctrl+/), Settings' Keyboard
section and the command palette all show it. The keys themselves are bound where they act (main_window.py,
the sidebar, the composer); tests/gui/test_window_chrome.py checks the sheet lists every one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Commands"

# (keys, what they do). Keys are written as Qt's portable text; the words are translated where shown.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+N", QT_TRANSLATE_NOOP("Commands", "New chat")),
    ("Ctrl+K", QT_TRANSLATE_NOOP("Commands", "Command palette")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("Commands", "Search conversations")),
    ("Ctrl+B", QT_TRANSLATE_NOOP("Commands", "Show or hide the sidebar")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("Commands", "Settings")),
    ("Ctrl+/", QT_TRANSLATE_NOOP("Commands", "Keyboard shortcuts")),
    ("Enter", QT_TRANSLATE_NOOP("Commands", "Send (Ctrl+Enter when chosen in Settings)")),
    ("Shift+Enter", QT_TRANSLATE_NOOP("Commands", "New line in the message")),
    ("Esc", QT_TRANSLATE_NOOP("Commands", "Stop the reply")),
    ("F2", QT_TRANSLATE_NOOP("Commands", "Rename the conversation (in the list)")),
    ("Del", QT_TRANSLATE_NOOP("Commands", "Delete the conversation (in the list)")),
    ("Ctrl+P", QT_TRANSLATE_NOOP("Commands", "Pin or unpin the conversation (in the list)")),
    (
        "Ctrl+I",
        QT_TRANSLATE_NOOP("Commands", "Images auto / on / off for the selected model (in the picker)"),
    ),
    ("Tab", QT_TRANSLATE_NOOP("Commands", "Next link or message action (in the conversation)")),
    ("Alt+Left", QT_TRANSLATE_NOOP("Commands", "Older version of the message (on its actions)")),
    ("Alt+Right", QT_TRANSLATE_NOOP("Commands", "Newer version of the message (on its actions)")),
    ("Del", QT_TRANSLATE_NOOP("Commands", "Delete the message (on its actions)")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("Commands", "Undo deleting a message (in the conversation)")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Commands", "Quit")),
)


def shortcut_words(text: str) -> str:
    """What a shortcut does, in the window's language."""
    return QCoreApplication.translate(CONTEXT, text)
