"""A file → the Attachment that is sent, or a ChatError of kind `attachment` that says why not.

- Images (PNG, JPEG, WebP, GIF, by content): up to 20 MB. A long side over 2048 px is scaled to 2048 (aspect
  kept) and re-encoded; a smaller image is sent byte for byte — except a JPEG carrying a location (EXIF GPS),
  re-encoded without its metadata unless the user keeps originals.
- Text (UTF-8 or UTF-16, not binary): up to 2 MB of text.
- PDF: up to 200 pages (and 50 MB); the text page by page with page markers. A PDF with no text layer goes
  as page images to a model known to take images; otherwise it is refused with the reason.

Pillow and pypdfium2 are imported here, inside the functions, only when such a file is attached.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from app.attachments.sniff import IMAGE_TYPES, decode_text, sniff
from app.core.errors import ChatError, ErrorKind
from app.core.models import Attachment
from app.core.sentences import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class Limits:
    image_bytes: int = 20 * 1024 * 1024
    text_bytes: int = 2 * 1024 * 1024
    pdf_bytes: int = 50 * 1024 * 1024
    pdf_pages: int = 200
    pdf_image_pages: int = 20  # a scanned PDF sent as images: each page costs as much as a photo
    long_side: int = 2048
    pixels: int = 100_000_000  # beyond this an image is a decompression bomb, not a photo


LIMITS = Limits()
_MB = 1024 * 1024

# Why a file is refused: templates the window translates (app/core/sentences.py), the fields kept.
MESSAGES = {
    "too_big": QT_TRANSLATE_NOOP(
        "attachments",
        "{name}: it is {size} MB; the limit is {pdf} MB for a PDF, {image} MB for an image, "
        "{text} MB for text.",
    ),
    "unreadable": QT_TRANSLATE_NOOP("attachments", "{name}: it cannot be read ({reason})."),
    "kind": QT_TRANSLATE_NOOP(
        "attachments", "{name}: it is not an image (PNG, JPEG, WebP, GIF), a text file or a PDF."
    ),
    "text_big": QT_TRANSLATE_NOOP("attachments", "{name}: it is {size} MB of text; the limit is {limit} MB."),
    "image_big": QT_TRANSLATE_NOOP("attachments", "{name}: the image is {size} MB; the limit is {limit} MB."),
    "pixels": QT_TRANSLATE_NOOP(
        "attachments", "{name}: the image is {width}×{height} pixels; that is too many to send."
    ),
    "bad_image": QT_TRANSLATE_NOOP("attachments", "{name}: the image cannot be read ({reason})."),
    "bad_pdf": QT_TRANSLATE_NOOP("attachments", "{name}: the PDF cannot be read ({reason})."),
    "pages": QT_TRANSLATE_NOOP("attachments", "{name}: it has {pages} pages; the limit is {limit}."),
    "pdf_text_big": QT_TRANSLATE_NOOP("attachments", "{name}: its text is over {limit} MB."),
    "scan_unknown": QT_TRANSLATE_NOOP(
        "attachments",
        "{name}: it has no text layer (a scan?); pick a model that takes images to send its pages as "
        "pictures.",
    ),
    "scan_text_only": QT_TRANSLATE_NOOP(
        "attachments",
        "{name}: it has no text layer (a scan?); this model takes no images, so its pages cannot be sent "
        "as pictures either.",
    ),
    "scan_pages": QT_TRANSLATE_NOOP(
        "attachments", "{name}: it has no text layer and {pages} pages; at most {limit} go as images."
    ),
}


@dataclass(frozen=True, slots=True)
class AttachmentOptions:
    keep_originals: bool = False  # send JPEGs with their metadata (location included) as they are
    images_ok: bool | None = None  # the chosen model takes images: True, False, or None (unknown)


def prepare_file(path: Path, options: AttachmentOptions = AttachmentOptions()) -> list[Attachment]:
    """Read `path` and prepare it. Raises ChatError(ATTACHMENT) naming the file and the reason."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > LIMITS.pdf_bytes:  # the largest limit: nothing bigger is read into memory
            raise _refuse(
                "too_big",
                name,
                size=f"{size / _MB:.0f}",
                pdf=LIMITS.pdf_bytes // _MB,
                image=LIMITS.image_bytes // _MB,
                text=LIMITS.text_bytes // _MB,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse("unreadable", name, reason=exc.strerror or exc) from None
    return prepare_attachment(name, data, options)


def prepare_attachment(
    name: str, data: bytes, options: AttachmentOptions = AttachmentOptions()
) -> list[Attachment]:
    """One file → usually one Attachment; a scanned PDF sent as images → one per page."""
    kind = sniff(data)
    if kind in IMAGE_TYPES:
        return [_image(name, data, kind, options)]
    if kind == "pdf":
        return _pdf(name, data, options)
    if kind == "text":
        return [_text(name, data)]
    raise _refuse("kind", name)


def _refuse(key: str, name: str, **fields: object) -> ChatError:
    """ChatError(ATTACHMENT) with one of MESSAGES: a template the window translates, its fields kept."""
    return ChatError(ErrorKind.ATTACHMENT, MESSAGES[key].format(name=name, **fields))


def _attachment(name: str, kind: str, mime: str, data: bytes, **extra: object) -> Attachment:
    return Attachment(
        name=name,
        kind=kind,
        mime=mime,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        data=data,
        **extra,  # type: ignore[arg-type]
    )


def _text(name: str, data: bytes) -> Attachment:
    if len(data) > LIMITS.text_bytes:
        raise _refuse("text_big", name, size=f"{len(data) / _MB:.1f}", limit=LIMITS.text_bytes // _MB)
    text = decode_text(data)
    assert text is not None  # sniff said text
    return _attachment(name, "text", "text/plain", data, text=text)


def _image(name: str, data: bytes, kind: str, options: AttachmentOptions) -> Attachment:
    if len(data) > LIMITS.image_bytes:
        raise _refuse("image_big", name, size=f"{len(data) / _MB:.1f}", limit=LIMITS.image_bytes // _MB)
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = LIMITS.pixels
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > LIMITS.pixels:
                raise _refuse("pixels", name, width=width, height=height)
            long_side = max(width, height)
            has_location = kind == "jpeg" and _has_gps(image)
            if long_side <= LIMITS.long_side and not (has_location and not options.keep_originals):
                return _attachment(name, "image", IMAGE_TYPES[kind], data, width=width, height=height)
            image.load()
            notes = []
            sent: Image.Image = image
            if long_side > LIMITS.long_side:
                scale = LIMITS.long_side / long_side
                size = (max(1, round(width * scale)), max(1, round(height * scale)))
                sent = image.resize(size, Image.Resampling.LANCZOS)
                notes.append(f"scaled from {width}×{height}")
            if has_location and not options.keep_originals:
                notes.append("location removed")
            encoded, out_kind = _encode(sent, kind)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise _refuse("bad_image", name, reason=exc) from None
    return _attachment(
        name,
        "image",
        IMAGE_TYPES[out_kind],
        encoded,
        width=sent.width,
        height=sent.height,
        note=", ".join(notes),
    )


def _has_gps(image: object) -> bool:
    try:
        exif = image.getexif()  # type: ignore[attr-defined]
    except Exception:  # a damaged EXIF block: treat as carrying nothing we can read
        return False
    return 0x8825 in exif  # GPSInfo IFD pointer


def _encode(image: object, kind: str) -> tuple[bytes, str]:
    """Re-encode without metadata (no EXIF, no ICC beyond what colours need). GIF becomes PNG (one frame).

    No `optimize`: its extra pass holds the GIL for ~40 ms on a 2048 px JPEG (bench/attach.py), which the
    window's GUI thread would feel; it saves a few per cent of the bytes.
    """
    from PIL import Image

    assert isinstance(image, Image.Image)
    out = io.BytesIO()
    if kind == "jpeg":
        image.convert("RGB").save(out, "JPEG", quality=90)
    elif kind == "webp":
        image.save(out, "WEBP", quality=90)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG")
        kind = "png"
    return out.getvalue(), kind


def _pdf(name: str, data: bytes, options: AttachmentOptions) -> list[Attachment]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _refuse("bad_pdf", name, reason=exc) from None
    try:
        pages = len(document)
        if pages > LIMITS.pdf_pages:
            raise _refuse("pages", name, pages=pages, limit=LIMITS.pdf_pages)
        parts, characters = [], 0
        for number in range(pages):
            page = document[number]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range().replace("\r\n", "\n").strip()
                finally:
                    textpage.close()
            finally:
                page.close()
            characters += len(text)
            parts.append(f"--- page {number + 1} ---\n{text}")
            if characters > LIMITS.text_bytes:
                raise _refuse("pdf_text_big", name, limit=LIMITS.text_bytes // _MB)
        if characters > 0:
            return [_attachment(name, "pdf", "application/pdf", data, text="\n\n".join(parts), pages=pages)]
        return _scanned_pdf(name, document, pages, options)
    finally:
        document.close()


def _scanned_pdf(name: str, document: object, pages: int, options: AttachmentOptions) -> list[Attachment]:
    """A PDF with no text layer: page images for a model that takes images, else a clear refusal."""
    if options.images_ok is not True:
        raise _refuse("scan_unknown" if options.images_ok is None else "scan_text_only", name)
    if pages > LIMITS.pdf_image_pages:
        raise _refuse("scan_pages", name, pages=pages, limit=LIMITS.pdf_image_pages)
    out = []
    for number in range(pages):
        page = document[number]  # type: ignore[index]
        try:
            scale = min(2.0, LIMITS.long_side / max(page.get_width(), page.get_height()))
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil()
        finally:
            page.close()
        encoded, _ = _encode(image, "png")
        out.append(
            _attachment(
                f"{name} p.{number + 1}",
                "image",
                "image/png",
                encoded,
                width=image.width,
                height=image.height,
                note="a page of a PDF with no text layer",
            )
        )
    return out
