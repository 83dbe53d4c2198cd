"""Files offered to the composer (paperclip, drop, paste) → prepared attachments on chips, off the GUI thread.

Reading, decoding, scaling, re-encoding and PDF extraction (app/attachments) and the thumbnail run in a
worker thread (`asyncio.to_thread`, under qasync): Pillow and pypdfium2 release the GIL while they work, so a
12-megapixel photo does not freeze the window (bench/attach.py measures the stall). Meanwhile its chip reads
"preparing…". A refused file gets a notice naming it and why, and no chip. Only the small thumbnail is kept
for showing; the prepared bytes wait on the chip until the message is sent.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.core.errors import ChatError
from app.core.models import Attachment
from app.ui.chat.attach_chips import AttachmentChips
from app.ui.chat.offered import MAX_OFFERED, Offered
from app.ui.i18n import translated
from app.ui.tasks import Tasks

if TYPE_CHECKING:  # app.attachments is imported when a file is first attached, not at start-up
    from app.attachments import AttachmentOptions

log = logging.getLogger(__name__)

THUMB_BOX = (160, 120)  # the largest thumbnail kept: the transcript's size; chips scale it down


def image_of(data: bytes) -> QImage | None:
    """An image at full size, decoded in a worker thread with Pillow (see thumbnail_of); None: unreadable."""
    return thumbnail_of(data, box=None)


def thumbnail_of(data: bytes, box: tuple[int, int] | None = THUMB_BOX) -> QImage | None:
    """A small copy of an image (fits `box`; None: full size), made in a worker thread.

    Decoded with Pillow, which releases the GIL while it works (and decodes a JPEG straight at a fraction
    of its size): QImage.fromData holds the GIL for the whole decode, ~130 ms for a 2048 px JPEG, which the
    GUI thread feels as a stall (bench/attach.py). The result is a QImage (usable off the GUI thread).
    """
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if box is not None:
                image.draft("RGB", box)
                image.thumbnail(box)
            rgba = image.convert("RGBA")
    except Exception:  # a damaged image: no thumbnail, the chip shows its name
        log.info("no thumbnail for an image", exc_info=True)
        return None
    raw = rgba.tobytes()
    return QImage(raw, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888).copy()


def _png_bytes(image: QImage) -> bytes:
    """A clipboard image as PNG, encoded by Pillow (GIL released), not QImage.save (GIL held)."""
    from PIL import Image

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    raw = bytes(rgba.constBits())
    pil = Image.frombuffer("RGBA", (rgba.width(), rgba.height()), raw, "raw", "RGBA", rgba.bytesPerLine(), 1)
    out = io.BytesIO()
    pil.save(out, "PNG")
    return out.getvalue()


def prepare_offered(
    offered: Offered, options: AttachmentOptions
) -> tuple[tuple[Attachment, ...], QImage | None]:
    """In a worker thread: the attachments to send and a thumbnail of the first image. ChatError: refused."""
    from app.attachments import prepare_attachment, prepare_file

    if offered.path is not None:
        prepared = prepare_file(offered.path, options)
    elif offered.image is not None:
        prepared = prepare_attachment(offered.name, _png_bytes(offered.image), options)
    else:
        prepared = prepare_attachment(offered.name, offered.data or b"", options)
    first_image = next((a for a in prepared if a.is_image), None)
    return tuple(prepared), thumbnail_of(first_image.data) if first_image is not None else None


class AttachmentIntake(QObject):
    """Prepares offered files and puts them on the chips.

    `images_ok()` says whether the chosen model takes images (True, False, None: unknown), for a scanned
    PDF (its pages go as images only to a model that takes them); `keep_originals` follows the
    `keep_image_metadata` setting.

    Signals:
        notice(str): a file was refused (its name and why), or a photo's location was removed.
        prepared(): a file became ready (or was refused); tests and the warning chip follow this.
    """

    notice = Signal(str)
    prepared = Signal()

    def __init__(self, chips: AttachmentChips, images_ok: Callable[[], bool | None]) -> None:
        super().__init__(chips)
        self.chips = chips
        self.images_ok = images_ok
        self.keep_originals = False
        self.tasks = Tasks()  # held until each file is prepared (app/ui/tasks.py)

    def offer(self, files: list[Offered]) -> None:
        if len(files) > MAX_OFFERED:
            self.notice.emit(
                self.tr("Only the first {} files of a drop or paste are attached.").format(MAX_OFFERED)
            )
        for offered in files[:MAX_OFFERED]:
            key = self.chips.add_pending(offered.name)
            from app.attachments import AttachmentOptions

            options = AttachmentOptions(keep_originals=self.keep_originals, images_ok=self.images_ok())
            self.tasks.run(self._prepare(key, offered, options))

    def busy(self) -> bool:
        return self.tasks.busy

    async def _prepare(self, key: int, offered: Offered, options: AttachmentOptions) -> None:
        try:
            attachments, thumbnail = await asyncio.to_thread(prepare_offered, offered, options)
        except ChatError as exc:
            self.chips.remove(key)
            self.notice.emit(self.tr("Not attached: {}").format(translated(exc.message)))
            self.prepared.emit()
            return
        except Exception as exc:  # a decoder's own failure: the file is refused, the chip must not hang
            log.warning("preparing an attachment failed", exc_info=True)
            self.chips.remove(key)
            self.notice.emit(
                self.tr("Not attached: {name}: it could not be read ({error}).").format(
                    name=offered.name, error=type(exc).__name__
                )
            )
            self.prepared.emit()
            return
        if self.chips.set_ready(key, attachments, thumbnail):
            located = [a.name for a in attachments if "location removed" in a.note]
            if located:
                self.notice.emit(
                    self.tr(
                        "Location data removed from {} (the setting keep_image_metadata sends photos as "
                        "they are)."
                    ).format(", ".join(located))
                )
        self.prepared.emit()

    async def aclose(self) -> None:
        """At shutdown: a worker thread cannot be stopped, but its result is no longer wanted."""
        await self.tasks.aclose()
