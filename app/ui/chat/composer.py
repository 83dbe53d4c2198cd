"""The composer: where the user writes the next message, with one Send / Stop button."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QInputMethodEvent, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QPushButton, QSizePolicy, QWidget

from app.ui.icons import icon

SEND_ENTER = "enter"
SEND_CTRL_ENTER = "ctrl+enter"
SEND_KEYS = (SEND_ENTER, SEND_CTRL_ENTER)

MAX_LINES = 10  # the box grows with its text up to this many lines, then scrolls
MIN_LINES = 2  # a one-line box reads as a search field, and Shift+Enter's newline would jump it

_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _message_text(raw: str) -> str:
    """What gets sent: trailing whitespace and leading blank lines dropped, but the first line's own
    indentation kept (pasted code often starts indented)."""
    text = raw.rstrip()
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


class _MessageEdit(QPlainTextEdit):
    """A plain-text box that reports Enter-to-send and Esc instead of acting on them itself.

    Signals:
        submit_pressed: the send shortcut was pressed (outside an IME composition).
        escape_pressed(QKeyEvent): Esc was pressed; a receiver that acts on it accepts the event.
    """

    submit_pressed = Signal()
    escape_pressed = Signal(QKeyEvent)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.send_key = SEND_ENTER
        # True while an input method holds uncommitted (preedit) text: the Enter that confirms an IME
        # candidate belongs to the IME, not to us.
        self._composing = False

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt's name)
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def _is_submit(self, event: QKeyEvent) -> bool:
        if event.key() not in _RETURN_KEYS:
            return False
        # The keypad flag comes with Enter on the number pad; it is not a modifier the user chose.
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.ControlModifier:
            return True  # Ctrl+Enter sends in either mode
        return self.send_key == SEND_ENTER and mods == Qt.KeyboardModifier.NoModifier

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if self._composing:
            # Most platforms keep keys away from us while an IME composes; where one slips through,
            # Enter only confirms the candidate: it neither sends nor adds a line.
            if event.key() in _RETURN_KEYS:
                event.accept()
            else:
                super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape:
            # The composer accepts it only if it acted (stopped a reply); otherwise the window may use it.
            event.setAccepted(False)
            self.escape_pressed.emit(event)
            return
        if self._is_submit(event):
            self.submit_pressed.emit()
            event.accept()
            return
        if event.key() in _RETURN_KEYS:
            # Shift+Enter (and Enter in ctrl+enter mode): a plain '\n'. QPlainTextEdit's own Shift+Enter
            # inserts U+2028, which would reach the model as an odd character.
            self.textCursor().insertText("\n")
            self.ensureCursorVisible()
            event.accept()
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    """The message box and its Send / Stop button.

    Enter sends and Shift+Enter starts a new line; with `set_send_key("ctrl+enter")` Enter starts a new
    line and Ctrl+Enter sends (Ctrl+Enter sends in both modes). Whitespace-only text never sends. While a
    reply streams the box stays editable, so the next message can be written, but nothing is sent: the
    button reads "Stop", and the button or Esc asks to stop.

    Signals:
        send_requested(str): the user sent this text; the box has already been cleared. If sending
            fails, hand the text back with `restore_text` so nothing typed is lost.
        stop_requested(): the user asked to stop the streaming reply (Stop button, or Esc).
    """

    send_requested = Signal(str)
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._streaming = False

        self._edit = _MessageEdit(self)
        self._edit.setObjectName("composerInput")
        self._edit.setTabChangesFocus(True)
        self._edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # No scroll bar until the text outgrows MAX_LINES: below that the box grows, and a bar's arrows
        # squeezed into two lines only look broken.
        self._edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._edit.submit_pressed.connect(self._send)
        self._edit.escape_pressed.connect(self._escape)
        self._edit.textChanged.connect(self._sync_button)
        self._edit.document().documentLayout().documentSizeChanged.connect(self._fit_height)

        self._edit.setFrameShape(QFrame.Shape.NoFrame)

        self._button = QPushButton(self)
        self._button.setObjectName("composerButton")
        self._button.setProperty("primary", True)
        self._button.setIconSize(QSize(16, 16))
        self._button.clicked.connect(self._button_clicked)

        # The box and its button sit in one rounded card, as in other chat apps.
        self._card = QFrame(self)
        self._card.setObjectName("composerCard")
        card = QHBoxLayout(self._card)
        card.setContentsMargins(10, 6, 6, 6)
        card.setSpacing(6)
        card.addWidget(self._edit, 1, Qt.AlignmentFlag.AlignBottom)
        card.addWidget(self._button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 10)
        layout.addWidget(self._card)
        # As tall as the text needs, never stretched by the window: the transcript gets the rest.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self._edit)

        self.set_send_key(SEND_ENTER)
        self._sync_button()
        self._fit_height()

    # -- public API -----------------------------------------------------------------------------------

    def set_streaming(self, streaming: bool) -> None:
        """Switch between idle (button "Send") and streaming (button "Stop", sending blocked)."""
        self._streaming = streaming
        self._sync_button()

    def is_streaming(self) -> bool:
        return self._streaming

    def text(self) -> str:
        return self._edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the box's text, as one step Ctrl+Z undoes (a draft is never lost); the cursor goes last."""
        cursor = self._edit.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self._edit.setTextCursor(cursor)
        self._edit.moveCursor(QTextCursor.MoveOperation.End)

    def restore_text(self, text: str) -> None:
        """Put back text whose sending failed. Anything typed since stays, after a blank line."""
        typed = self._edit.toPlainText()
        self.set_text(f"{text}\n\n{typed}" if typed.strip() else text)

    def focus_input(self) -> None:
        self._edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def type_text(self, text: str) -> None:
        """Text typed elsewhere (the sidebar's list had the keyboard): focus the box and add it at the end."""
        self.focus_input()
        self._edit.moveCursor(QTextCursor.MoveOperation.End)
        if text:
            self._edit.insertPlainText(text)

    def send_key(self) -> str:
        return self._edit.send_key

    def set_send_key(self, send_key: str) -> None:
        """`"enter"`: Enter sends, Shift+Enter is a new line. `"ctrl+enter"`: Enter is a new line."""
        if send_key not in SEND_KEYS:
            raise ValueError(f"send_key must be one of {', '.join(SEND_KEYS)}, not {send_key!r}")
        self._edit.send_key = send_key
        if send_key == SEND_ENTER:
            hint = self.tr("Message — Enter to send, Shift+Enter for a new line")
        else:
            hint = self.tr("Message — Ctrl+Enter to send, Enter for a new line")
        self._edit.setPlaceholderText(hint)
        self._sync_button()

    # -- behaviour ------------------------------------------------------------------------------------

    def _send(self) -> None:
        if self._streaming:
            return  # the next message waits in the box until this reply ends
        text = _message_text(self._edit.toPlainText())
        if not text:
            return
        self._edit.clear()
        self.send_requested.emit(text)

    def _escape(self, event: QKeyEvent) -> None:
        if self._streaming:
            event.accept()
            self.stop_requested.emit()

    def _button_clicked(self) -> None:
        if self._streaming:
            self.stop_requested.emit()
        else:
            self._send()

    def _sync_button(self) -> None:
        if self._streaming:
            self._button.setText(self.tr("Stop"))
            self._button.setIcon(icon("stop", "#ffffff"))
            self._button.setToolTip(self.tr("Stop the reply (Esc)"))
            self._button.setEnabled(True)
            return
        self._button.setText(self.tr("Send"))
        self._button.setIcon(icon("send", "#ffffff"))
        shortcut = "Enter" if self._edit.send_key == SEND_ENTER else "Ctrl+Enter"
        self._button.setToolTip(self.tr("Send ({})").format(shortcut))
        self._button.setEnabled(bool(self._edit.toPlainText().strip()))

    # -- size -----------------------------------------------------------------------------------------

    def _height_for(self, lines: int) -> int:
        metrics = QFontMetrics(self._edit.font())
        margins = self._edit.contentsMargins()
        chrome = int(2 * self._edit.document().documentMargin()) + margins.top() + margins.bottom()
        # +1: QPlainTextEdit counts a line as visible only with a pixel to spare, else it shows a scrollbar.
        return lines * metrics.lineSpacing() + chrome + 1

    def _fit_height(self) -> None:
        # QPlainTextEdit's document layout measures its height in (wrapped) lines, not pixels.
        lines = int(self._edit.document().documentLayout().documentSize().height())
        height = self._height_for(max(MIN_LINES, min(lines, MAX_LINES)))
        if self._edit.height() != height:
            self._edit.setFixedHeight(height)
        policy = Qt.ScrollBarPolicy
        wanted = policy.ScrollBarAsNeeded if lines > MAX_LINES else policy.ScrollBarAlwaysOff
        if self._edit.verticalScrollBarPolicy() != wanted:
            self._edit.setVerticalScrollBarPolicy(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_height()  # a narrower box wraps into more lines

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._height_for(MIN_LINES)))
