"""A message → the `content` sent for it: a plain string without attachments (exactly as before), else a
list of parts: the prompt's text first, then each attachment in order.

    [{"type": "text", "text": PROMPT},
     {"type": "image_url", "image_url": {"url": "data:image/png;base64,…"}},
     {"type": "text", "text": "notes.md:\\n```\\n…\\n```"}]

To a model that takes no images, an image becomes the text `[image: NAME]`: switching models never locks a
conversation that once held a picture.
"""

from __future__ import annotations

import base64
import re

from app.core.models import Attachment, Message


def message_content(message: Message, *, send_images: bool = True) -> str | list[dict[str, object]]:
    if not message.attachments:
        return message.content
    parts: list[dict[str, object]] = []
    if message.content:
        parts.append({"type": "text", "text": message.content})
    for attachment in message.attachments:
        parts.append(attachment_part(attachment, send_images=send_images))
    return parts


def attachment_part(attachment: Attachment, *, send_images: bool) -> dict[str, object]:
    if attachment.is_image:
        if not send_images or not attachment.data:
            return {"type": "text", "text": f"[image: {attachment.name}]"}
        encoded = base64.b64encode(attachment.data).decode("ascii")
        return {"type": "image_url", "image_url": {"url": f"data:{attachment.mime};base64,{encoded}"}}
    return {"type": "text", "text": fenced(attachment.name, attachment.text)}


def fenced(name: str, text: str) -> str:
    """The file's name, then its text in a fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return f"{name}:\n{fence}\n{text}\n{fence}"


def data_url(attachment: Attachment) -> str:
    return f"data:{attachment.mime};base64,{base64.b64encode(attachment.data).decode('ascii')}"
