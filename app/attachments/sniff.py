"""What a file is, from its first bytes: a `.png` holding a PDF is a PDF, a `.txt` holding ELF is binary."""

from __future__ import annotations

import codecs

IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif"}


def sniff(data: bytes) -> str | None:
    """ "png", "jpeg", "webp", "gif", "pdf", "text", or None for anything else (binary, unknown)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:1024].lstrip(b"\r\n\t \x0c").startswith(b"%PDF-"):
        return "pdf"
    return "text" if decode_text(data) is not None else None


def decode_text(data: bytes) -> str | None:
    """The text of a UTF-8 or UTF-16 file (BOM or not), or None when it is not text.

    UTF-16 without a BOM is recognised by its pattern of zero bytes (ASCII-range text); anything else with
    a NUL byte, or with control characters other than tab, newlines and form feed, is binary.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf-16")
    sample = data[:4096]
    if sample and b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if odd and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return _checked(data, "utf-16-le")
        if even and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return _checked(data, "utf-16-be")
        return None
    return _checked(data, "utf-8")


def _checked(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, ValueError):
        return None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\x0c")
    return text if controls == 0 or controls < len(text[:65536]) * 0.001 else None
