"""The composer: where the user writes the next message, with one Send / Stop button, a paperclip, and the
chips of the files attached (app/ui/chat/attach_chips.py)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QInputMethodEvent, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.attach_chips import AttachmentChips, paperclip_icon
from app.ui.chat.offered import Offered, offered_from_mime
from app.ui.icons import icon
from app.ui.viewport import viewport_of

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
        files_offered(list[Offered]): files or an image were pasted or dropped here (not inserted as text).
    """

    submit_pressed = Signal()
    escape_pressed = Signal(QKeyEvent)
    files_offered = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.send_key = SEND_ENTER
        # True while an input method holds uncommitted (preedit) text: the Enter that confirms an IME
        # candidate belongs to the IME, not to us.
        self._composing = False

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt's name)
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        """Paste and drop: files and images become attachments; anything else is text, as before."""
        offered = offered_from_mime(source, self.tr("pasted image.png"))
        if offered:
            self.files_offered.emit(offered)
        elif source.hasText():
            super().insertFromMimeData(source)

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

    Editing a sent message (`begin_edit`) shows a banner above the box; Esc or its Cancel button gives the
    draft that was in the box back (`edit_cancelled`), and `end_edit` does after the edit is sent.

    Files attached (paperclip, paste, a drop) wait on `chips` above the box; the box's text may be empty
    when there are files. Sending leaves the chips in place: the controller clears them once the message is
    saved, and they stay if it is refused.

    Signals:
        send_requested(str): the user sent this text; the box has already been cleared. If sending
            fails, hand the text back with `restore_text` so nothing typed is lost.
        stop_requested(): the user asked to stop the streaming reply (Stop button, or Esc).
        edit_cancelled(): the user left edit mode (Esc or Cancel); the draft is back in the box.
        attach_requested(): the paperclip was clicked (choose files).
        files_offered(list[Offered]): files or an image were pasted or dropped on the composer or window.
    """

    send_requested = Signal(str)
    stop_requested = Signal()
    edit_cancelled = Signal()
    attach_requested = Signal()
    files_offered = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._streaming = False
        self._draft: str | None = None  # what the box held before an edit began; None: not editing

        self._edit = _MessageEdit(self)
        self._edit.setObjectName("composerInput")
        # Its viewport gets its Python wrapper now, cheaply: the style's first call with it would otherwise
        # make PySide6 search every QWidget subclass (app/ui/viewport.py), in the first frame.
        viewport_of(self._edit)
        self._edit.setTabChangesFocus(True)
        self._edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # No scroll bar until the text outgrows MAX_LINES: below that the box grows, and a bar's arrows
        # squeezed into two lines only look broken.
        self._edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._edit.submit_pressed.connect(self._send)
        self._edit.escape_pressed.connect(self._escape)
        self._edit.textChanged.connect(self._sync_button)
        self._edit.files_offered.connect(self.files_offered)
        self._edit.document().documentLayout().documentSizeChanged.connect(self._fit_height)

        self._edit.setFrameShape(QFrame.Shape.NoFrame)

        self._button = QPushButton(self)
        self._button.setObjectName("composerButton")
        self._button.setProperty("primary", True)
        self._button.setIconSize(QSize(16, 16))
        self._button.clicked.connect(self._button_clicked)

        self._banner = QWidget(self)
        self._banner.setObjectName("editBanner")
        banner_text = QLabel(self.tr("Editing a message — Esc to cancel"), self._banner)
        banner_text.setTextFormat(Qt.TextFormat.PlainText)
        cancel = QPushButton(self.tr("Cancel"), self._banner)
        cancel.setObjectName("editCancel")
        cancel.clicked.connect(self.cancel_edit)
        banner_row = QHBoxLayout(self._banner)
        banner_row.setContentsMargins(0, 0, 0, 0)
        banner_row.addWidget(banner_text, 1)
        banner_row.addWidget(cancel, 0)
        self._banner.hide()

        self.chips = AttachmentChips(self)
        self.chips.changed.connect(self._sync_button)
        # A drawn paperclip: an icon from resources/icons/ui can replace it here once there is one.
        self._attach = QToolButton(self)
        self._attach.setObjectName("attachButton")
        self._attach.setIcon(paperclip_icon(self.palette().buttonText().color()))
        self._attach.setToolTip(self.tr("Attach images, text files or PDFs (or paste, or drop them here)"))
        self._attach.setAccessibleName(self.tr("Attach files"))
        self._attach.clicked.connect(self.attach_requested)

        # The box, its paperclip and its button sit in one rounded card, as in other chat apps.
        self._card = QFrame(self)
        self._card.setObjectName("composerCard")
        card = QHBoxLayout(self._card)
        card.setContentsMargins(10, 6, 6, 6)
        card.setSpacing(6)
        card.addWidget(self._attach, 0, Qt.AlignmentFlag.AlignBottom)
        card.addWidget(self._edit, 1, Qt.AlignmentFlag.AlignBottom)
        card.addWidget(self._button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 10)
        layout.addWidget(self._banner)
        layout.addWidget(self.chips)
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

    def offer_mime(self, mime: QMimeData) -> bool:
        """Files or an image dropped elsewhere on the window: attach them. False if there were none."""
        offered: list[Offered] = offered_from_mime(mime, self.tr("pasted image.png"))
        if offered:
            self.files_offered.emit(offered)
        return bool(offered)

    def restore_text(self, text: str) -> None:
        """Put back text whose sending failed. Anything typed since stays, after a blank line."""
        if not text.strip():
            return  # a message of attachments only: there is no text to give back
        typed = self._edit.toPlainText()
        self.set_text(f"{text}\n\n{typed}" if typed.strip() else text)

    # -- editing a sent message -----------------------------------------------------------------------

    def begin_edit(self, text: str) -> None:
        """Put a sent message's text in the box to edit; the draft it held is kept until the edit ends."""
        if self._draft is None:
            self._draft = self._edit.toPlainText()
        self.set_text(text)
        self._banner.show()
        self.focus_input()

    def is_editing(self) -> bool:
        return self._draft is not None

    def unsent_text(self) -> str:
        """Everything typed and not sent: the box's text, after the draft an edit set aside (app/ui/shell/
        draft.py keeps it across a close)."""
        typed = self._edit.toPlainText()
        held = self._draft or ""
        return f"{held}\n\n{typed}" if held.strip() and typed.strip() else held + typed

    def end_edit(self) -> None:
        """The edit was sent: the banner goes and the earlier draft comes back (after anything typed)."""
        if self._draft is None:
            return
        draft, self._draft = self._draft, None
        self._banner.hide()
        if draft.strip():
            self.restore_text(draft)

    def cancel_edit(self) -> None:
        """Leave edit mode without sending: the box holds the earlier draft again."""
        if self._draft is None:
            return
        draft, self._draft = self._draft, None
        self._banner.hide()
        self.set_text(draft)  # one step Ctrl+Z undoes: the edited text is not lost either
        self.focus_input()
        self.edit_cancelled.emit()

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
        if not text and not self.chips.files():
            return
        self._edit.clear()
        self.send_requested.emit(text)

    def _escape(self, event: QKeyEvent) -> None:
        if self._streaming:
            event.accept()
            self.stop_requested.emit()
        elif self._draft is not None:
            event.accept()
            self.cancel_edit()

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
        self._button.setEnabled(bool(self._edit.toPlainText().strip() or self.chips.files()))

    # -- size -----------------------------------------------------------------------------------------

    def set_text_font(self, font: QFont) -> None:
        """The size the settings ask for (a default QFont: the application's). Set on the box itself: with
        the application's style sheet, a font set on a parent does not reach a child a rule styles (the
        box kept the system size while the transcript grew)."""
        self.setFont(font)
        self._edit.setFont(font)
        self._fit_height()

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

    def resting_height(self) -> int:
        """The height with an empty box, no files waiting and no edit banner: as the next start shows it
        (window_state keeps it for the first frame's outline; a draft or files at close made it taller)."""
        height = self.height() - (self._edit.height() - self._height_for(MIN_LINES))
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        for extra in (self._banner, self.chips):
            if not extra.isHidden():
                height -= extra.height() + spacing
        return height

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._height_for(MIN_LINES)))
