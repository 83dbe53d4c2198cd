"""A user message's attachments in the transcript: thumbnails of its images and file links for text and PDFs,
one row under the message's text. Each is one of the app's own links (made by the caller with the view's
`action_url`, so a reply cannot forge one); clicking it opens the attachment in a viewer.

Thumbnails are document resources under `sluice-attachment:<sha256>`: small images only (the image itself
stays in the database). One not made yet shows the view's placeholder until `set_thumbnail` brings it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import (
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import QTextBrowser

from app.core.models import Attachment
from app.ui.plaintext import escaped

THUMB_SCHEME = "sluice-attachment"
ROW_THUMB_BOX = (160, 120)  # as app/ui/chat/attach_intake.THUMB_BOX: the size thumbnails are made at


def thumbnail_url(sha256: str) -> QUrl:
    return QUrl(f"{THUMB_SCHEME}:{sha256}")


def shown_size(attachment: Attachment, box: tuple[int, int] = ROW_THUMB_BOX) -> tuple[int, int]:
    """The thumbnail's size in the row: the image's own proportions within `box` (the box if unknown)."""
    width, height = attachment.width or 0, attachment.height or 0
    if width <= 0 or height <= 0:
        return box
    scale = min(1.0, box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def add_attachment_row(
    view: QTextBrowser,
    attachments: Sequence[Attachment],
    hrefs: Sequence[str],
    thumbnails: Mapping[str, QImage],
) -> None:
    """Append the row under the last block (the user's text), on the same tint. `hrefs[i]` opens the i-th."""
    document = view.document()
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock(QTextBlockFormat(cursor.blockFormat()), QTextCharFormat())
    plain = QTextCharFormat()
    link_colour = view.palette().link().color()
    for index, (attachment, href) in enumerate(zip(attachments, hrefs, strict=True)):
        if index:
            cursor.insertText("  ", plain)
        size = QLocale().formattedDataSize(attachment.size)
        if attachment.is_image:
            url = thumbnail_url(attachment.sha256)
            thumb = thumbnails.get(attachment.sha256)
            if thumb is not None:
                document.addResource(QTextDocument.ResourceType.ImageResource, url, thumb)
            image = QTextImageFormat()
            image.setName(url.toString())
            width, height = shown_size(attachment)
            image.setWidth(width)
            image.setHeight(height)
            image.setAnchor(True)
            image.setAnchorHref(href)
            image.setToolTip(escaped(f"{attachment.name} · {size}"))
            cursor.insertImage(image)
        else:
            link = QTextCharFormat()
            link.setAnchor(True)
            link.setAnchorHref(href)
            link.setForeground(link_colour)
            link.setToolTip(escaped(attachment.name))
            cursor.insertText(f"{attachment.name} · {size}", link)  # a file name: inserted as text


def set_thumbnail(view: QTextBrowser, sha256: str, thumbnail: QImage) -> None:
    """A thumbnail made after its row was drawn (a conversation opened from the history)."""
    view.document().addResource(QTextDocument.ResourceType.ImageResource, thumbnail_url(sha256), thumbnail)
    view.viewport().update()
