"""Files sent with a message: what they are (by content, never by extension), whether they may be sent,
and what is sent. No Qt: the CLI and the window share it; decoding runs wherever the caller puts it (the
window, off the GUI thread).

    sniff.py     the type from the first bytes; text decoding (UTF-8, UTF-16) and binary detection
    prepare.py   limits, image scaling and metadata removal (Pillow), PDF text (pypdfium2) — both imported
                 only when such a file is attached

What is sent for them (the OpenAI `content` parts) is the wire format's business: app/wire/content.py.
"""

from app.attachments.prepare import LIMITS, AttachmentOptions, prepare_attachment, prepare_file

__all__ = ["LIMITS", "AttachmentOptions", "prepare_attachment", "prepare_file"]
