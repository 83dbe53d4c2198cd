"""Whether a message's attachments may go to the chosen model, and how images go: one rule for the CLI and
the window.

What a model takes is `ModelCatalog.takes_images`: True, False (its /models entry or the user's `--vision`
override says no) or None (unknown). Unknown sends; the gateway's own refusal then comes back as kind
`attachment` (app/net/client.py). Known text-only refuses a message with images before anything is sent,
and earlier turns' images become `[image: NAME]` notes (`send_images` False), so switching to a text-only
model never locks a conversation.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from app.core.errors import ChatError, ErrorKind
from app.core.models import Attachment
from app.core.sentences import QT_TRANSLATE_NOOP

NO_IMAGES = QT_TRANSLATE_NOOP(
    "attachments",
    "{model} on profile {profile} takes no images (its /models entry says so, or it was marked so). "
    "Pick a model that takes images, or if this one does: "
    "sluice profile set {quoted_profile} --vision {quoted_model}",
)


def send_images(images_ok: bool | None) -> bool:
    """Images go as images unless the model is known to take none (then as `[image: NAME]` notes)."""
    return images_ok is not False


def images_refusal(
    attachments: Sequence[Attachment], images_ok: bool | None, *, profile: str, model: str
) -> ChatError | None:
    """The error to show instead of sending, when images would go to a model known to take none."""
    if images_ok is not False or not any(a.is_image for a in attachments):
        return None
    words = NO_IMAGES.format(
        model=model,
        profile=profile,
        quoted_profile=shlex.quote(profile),
        quoted_model=shlex.quote(f"{model}=on"),
    )
    return ChatError(ErrorKind.ATTACHMENT, words)
