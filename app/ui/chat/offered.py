"""What a drop or a paste offers the composer: files (by path) or a clipboard image, not yet read.

Kept apart from attach_intake.py so that the composer, which the first frame shows, does not import the
intake's asyncio machinery before the window is on screen (tests/gui/test_startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QImage

MAX_OFFERED = 20  # files taken from one drop or paste: a folder's worth of files is a mistake

__all__ = ["MAX_OFFERED", "Offered", "offered_from_mime"]


@dataclass(frozen=True, slots=True)
class Offered:
    """A file offered to the composer: a path to read, or bytes / a clipboard image without one."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    image: QImage | None = None


def offered_from_mime(mime: QMimeData, pasted_name: str) -> list[Offered]:
    """The files in a drop or paste: local files first (their own bytes), else a clipboard image.

    Remote URLs are not fetched: a paste must not reach the network. Empty list: nothing to attach (the
    text, if any, is pasted as text).
    """
    if mime.hasUrls():
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        files = [Offered(name=p.name, path=p) for p in paths if p.name]
        if files:
            return files[: MAX_OFFERED + 1]  # one more: the intake tells the user the rest were left
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return [Offered(name=pasted_name, image=image)]
    return []
