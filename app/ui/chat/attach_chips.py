"""The row of attachment chips above the composer: one chip a file, and a warning when the model takes no
images. A view: it holds what it shows (the prepared attachments, their thumbnails) and says when the user
removed one; preparing the files is app/ui/chat/attach_intake.py's job.

A file's name is outside text: every label here is plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeyEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from app.core.models import Attachment
from app.ui.plaintext import escaped

CHIP_THUMB_PX = 36  # the thumbnail's height in a chip; the image kept is the transcript's (THUMB_BOX)
NAME_CHARS = 28  # a long file name is cut in the middle on its chip (whole in the tooltip)


@dataclass
class ChipFile:
    """One file the user attached: preparing (`attachments` None) or ready to send."""

    key: int
    name: str
    attachments: tuple[Attachment, ...] | None = None
    thumbnail: QImage | None = None  # small (THUMB_BOX): never the image itself

    @property
    def ready(self) -> bool:
        return self.attachments is not None


def short_name(name: str, limit: int = NAME_CHARS) -> str:
    if len(name) <= limit:
        return name
    half = (limit - 1) // 2
    return f"{name[:half]}…{name[-half:]}"


def paperclip_icon(colour: QColor, size: int = 32) -> QIcon:
    """A paperclip drawn with a few strokes: no emoji font needed (many Linux desktops lack one), no file
    read at start-up. An icon from resources/icons/ui can take its place in the composer."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    unit = size / 32
    path = QPainterPath(QPointF(20 * unit, 10 * unit))
    path.lineTo(20 * unit, 23 * unit)
    path.arcTo(12 * unit, 19 * unit, 8 * unit, 8 * unit, 0, -180)  # the bottom bend
    path.lineTo(12 * unit, 7 * unit)
    path.arcTo(12 * unit, 3 * unit, 12 * unit, 8 * unit, 180, -180)  # the top bend
    path.lineTo(24 * unit, 25 * unit)
    path.arcTo(8 * unit, 21 * unit, 16 * unit, 10 * unit, 0, -180)
    path.lineTo(8 * unit, 10 * unit)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 2.2 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


def plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _Chip(QFrame):
    """One file: thumbnail (images), name and size, a × button; Delete or Backspace removes it too.

    Signals:
        remove_requested(int): the user asked to remove the file with this key.
    """

    remove_requested = Signal(int)

    def __init__(self, file: ChipFile, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = file.key
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, so Delete works
        self.thumb = QLabel(self)
        self.thumb.setObjectName("attachmentThumb")
        self.name = plain_label(short_name(file.name), self)
        self.name.setObjectName("attachmentName")
        self.detail = plain_label("", self)
        self.detail.setObjectName("attachmentDetail")
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("attachmentRemove")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Remove this attachment (Delete)"))
        self.close_button.clicked.connect(lambda: self.remove_requested.emit(self.key))
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 2, 2)
        row.setSpacing(4)
        row.addWidget(self.thumb)
        row.addWidget(self.name)
        row.addWidget(self.detail)
        row.addWidget(self.close_button)
        self.setToolTip(escaped(file.name))  # tooltips guess rich text: escaped, shown as written
        self.show_file(file)

    def show_file(self, file: ChipFile) -> None:
        if file.attachments is None:
            self.detail.setText(self.tr("preparing…"))
        else:
            size = sum(a.size for a in file.attachments)
            self.detail.setText(QLocale().formattedDataSize(size))
        if file.thumbnail is not None:
            pixmap = QPixmap.fromImage(file.thumbnail).scaledToHeight(
                CHIP_THUMB_PX, Qt.TransformationMode.SmoothTransformation
            )
            self.thumb.setPixmap(pixmap)
            self.thumb.show()
        else:
            self.thumb.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            event.accept()
            self.remove_requested.emit(self.key)
            return
        super().keyPressEvent(event)


class AttachmentChips(QWidget):
    """The files attached to the message being written, and a warning chip when they cannot go.

    Signals:
        changed(): a file was added, became ready or was removed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentChips")
        self._files: dict[int, ChipFile] = {}
        self._chips: dict[int, _Chip] = {}
        self._stashed: dict[int, ChipFile] = {}  # the draft's files while a sent message is edited
        self._next_key = 0
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 4)
        self._row.setSpacing(6)
        self.warning = plain_label("", self)
        self.warning.setObjectName("attachmentWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self._row.addWidget(self.warning, 1)
        self._row.addStretch(0)
        self.hide()

    # ---- what is attached ------------------------------------------------------------------------

    def add_pending(self, name: str) -> int:
        """A chip that reads "preparing…"; returns its key for `set_ready` or `remove`."""
        key = self._next_key
        self._next_key += 1
        self._put(ChipFile(key=key, name=name))
        return key

    def add_ready(self, name: str, attachments: tuple[Attachment, ...], thumbnail: QImage | None) -> int:
        key = self.add_pending(name)
        self.set_ready(key, attachments, thumbnail)
        return key

    def set_ready(self, key: int, attachments: tuple[Attachment, ...], thumbnail: QImage | None) -> bool:
        """The file is prepared. False if the user removed its chip meanwhile (then it is dropped)."""
        stashed = self._stashed.get(key)
        if stashed is not None:
            stashed.attachments, stashed.thumbnail = attachments, thumbnail
            return True
        file = self._files.get(key)
        if file is None:
            return False
        file.attachments, file.thumbnail = attachments, thumbnail
        self._chips[key].show_file(file)
        self.changed.emit()
        return True

    def remove(self, key: int) -> None:
        file = self._files.pop(key, None)
        chip = self._chips.pop(key, None)
        if chip is not None:
            chip.hide()
            chip.deleteLater()
        if file is not None:
            self._sync_visible()
            self.changed.emit()

    def clear(self) -> None:
        for key in list(self._files):
            self.remove(key)

    def stash(self) -> None:
        """Put the files aside (an edit of a sent message begins); one still preparing becomes ready there."""
        files = dict(self._files)
        self.clear()
        self._stashed = files

    def unstash(self) -> None:
        """The edit ended: its files go, and the files put aside come back as they are now."""
        self.clear()
        files, self._stashed = self._stashed, {}
        for file in files.values():
            self._put(file)

    def files(self) -> list[ChipFile]:
        return list(self._files.values())

    def attachments(self) -> tuple[Attachment, ...]:
        """What is sent, in the order the files were attached (ready ones only)."""
        return tuple(a for f in self._files.values() if f.attachments is not None for a in f.attachments)

    def preparing(self) -> list[str]:
        return [f.name for f in self._files.values() if f.attachments is None]

    def has_images(self) -> bool:
        return any(a.is_image for a in self.attachments())

    def chip(self, key: int) -> QFrame | None:
        return self._chips.get(key)

    # ---- the warning -----------------------------------------------------------------------------

    def set_warning(self, text: str) -> None:
        """Show `text` as a warning chip ("" hides it)."""
        self.warning.setText(text)
        self.warning.setToolTip(escaped(text))
        self.warning.setVisible(bool(text))
        self._sync_visible()

    def _put(self, file: ChipFile) -> None:
        self._files[file.key] = file
        chip = _Chip(file, self)
        chip.remove_requested.connect(self.remove)
        self._chips[file.key] = chip
        self._row.insertWidget(len(self._chips) - 1, chip)
        self._sync_visible()
        self.changed.emit()

    def _sync_visible(self) -> None:
        self.setVisible(bool(self._files))
