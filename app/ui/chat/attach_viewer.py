"""An attachment at full size: an image in a scrolling view, or the text sent for a text file or a PDF,
read-only. Built only when the user opens one (not at start-up); opened with open(), never exec()."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Attachment


class AttachmentViewer(QDialog):
    """Shows one attachment (`image`: decoded beforehand, off the GUI thread); deleted when closed."""

    def __init__(self, attachment: Attachment, image: QImage | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(attachment.name)  # a window title is never read as markup
        layout = QVBoxLayout(self)
        if attachment.is_image:
            label = QLabel(self)
            label.setObjectName("attachmentImage")
            if image is None or image.isNull():
                label.setText(self.tr("This image cannot be shown."))
            else:
                label.setPixmap(QPixmap.fromImage(image))
            area = QScrollArea(self)
            area.setWidget(label)
            area.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(area, 1)
            width, height = (image.width(), image.height()) if image is not None else (320, 120)
            self._fit(width + 40, height + 80)
        else:
            text = QPlainTextEdit(self)
            text.setObjectName("attachmentText")
            text.setReadOnly(True)
            text.setPlainText(attachment.text)
            layout.addWidget(text, 1)
            self._fit(760, 600)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fit(self, width: int, height: int) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() * 9 // 10), min(height, room.height() * 9 // 10)
        self.resize(max(width, 320), max(height, 200))
