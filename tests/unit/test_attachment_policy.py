"""The one rule the CLI and the window share: images to a model known to take none are refused before
anything is sent; unknown sends; earlier images become notes only for a model known text-only."""

from __future__ import annotations

from app.attachments.policy import images_refusal, send_images
from app.core.errors import ErrorKind
from app.core.models import Attachment

IMAGE = Attachment(name="photo.png", kind="image", mime="image/png", sha256="a" * 64, size=3, data=b"png")
TEXT = Attachment(name="notes.md", kind="text", mime="text/plain", sha256="b" * 64, size=2, text="hi")


def test_images_to_a_text_only_model_are_refused_naming_the_model_and_the_fix() -> None:
    refusal = images_refusal([TEXT, IMAGE], False, profile="my gateway", model="deepseek-chat")
    assert refusal is not None and refusal.kind == ErrorKind.ATTACHMENT
    assert "deepseek-chat on profile my gateway takes no images" in refusal.message
    assert "sluice profile set 'my gateway' --vision deepseek-chat=on" in refusal.message


def test_unknown_or_vision_models_and_text_files_are_not_refused() -> None:
    assert images_refusal([IMAGE], None, profile="p", model="m") is None  # unknown: the gateway decides
    assert images_refusal([IMAGE], True, profile="p", model="m") is None
    assert images_refusal([TEXT], False, profile="p", model="m") is None


def test_images_go_as_images_unless_the_model_is_known_text_only() -> None:
    assert send_images(True) and send_images(None)
    assert not send_images(False)
