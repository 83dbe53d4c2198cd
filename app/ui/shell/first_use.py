"""The user's first key or mouse press in the window: the moment to load what only use needs.

An idle window should hold only what it shows (issue 11 §7): the model list, the keyring and httpx's
connection stack wait for the user (ChatController.warm_up). A press comes a good while before a message can
be sent (typing it, or a click's release), so what loads then is ready by Send (bench/first_reply.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow

_INPUT = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class FirstInput(QObject):
    """Calls `then` once, at the first key press, mouse press or wheel turn in `window`, then stops looking.

    It watches the window's QWindow, where Qt delivers every input event for the window before passing it to
    the widget under the pointer or with the focus: one object, so PySide6 makes no Python wrapper for each
    widget an event goes to (an application-wide filter did, for ~1.3 MB).
    """

    def __init__(self, window: QWindow, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], object] | None = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self._then is not None and event.type() in _INPUT:
            then, self._then = self._then, None
            self._window.removeEventFilter(self)
            self.deleteLater()
            then()
        return False
