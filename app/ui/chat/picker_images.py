"""The picker's images toggle: per profile and model, whether the model takes images — auto, on or off.

Auto is what the gateway's /models said, kept with the profile's model list (app/profiles/catalog.py); on and
off are the user's word, kept in the profile's `vision` table (the same as `sluice profile set NAME --vision
MODEL=on|off|auto` and the profile editor's Images column). A click on the toggle, or Ctrl+I on the selected
row, goes auto → on → off → auto and saves through ProfileService, so the composer's warning chip and the next
send (app/attachments/policy.py) follow at once.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.errors import SluiceError
from app.core.models import Profile
from app.profiles.catalog import ModelCatalog
from app.profiles.store import ProfileStore
from app.ui.i18n import exception_text
from app.ui.icons import ACCENT
from app.ui.search_popup import Toggle
from app.ui.theme import colours

if TYPE_CHECKING:  # the service is imported on the first toggle, not at start-up
    from app.profiles.service import KeyRing, ProfileConversations, ProfileService

log = logging.getLogger(__name__)


def override_of(profile: Profile, model: str) -> bool | None:
    """The user's word on `model` (True on, False off), or None: auto."""
    return next((takes for marked, takes in profile.vision if marked == model), None)


def next_override(now: bool | None) -> bool | None:
    """auto → on → off → auto."""
    return True if now is None else (False if now else None)


def with_override(profile: Profile, model: str, takes: bool | None) -> Profile:
    """`profile` with `model` marked on (True), off (False) or back to auto (None); other models kept."""
    vision = dict(profile.vision)
    if takes is None:
        vision.pop(model, None)
    else:
        vision[model] = takes
    return dataclasses.replace(profile, vision=tuple(vision.items()))


def _said_words(said: bool | None) -> str:
    if said is None:
        return QCoreApplication.translate("ModelPicker", "the gateway does not say; images are sent")
    return (
        QCoreApplication.translate("ModelPicker", "the gateway says yes")
        if said
        else QCoreApplication.translate("ModelPicker", "the gateway says no")
    )


def images_toggle(override: bool | None, said: bool | None) -> Toggle:
    """How the toggle looks: auto in the dim colour, showing what auto resolved to; a choice of the user's
    (on, off) in the accent colour, so it stands out from what the gateway said."""
    how = QCoreApplication.translate("ModelPicker", "Click or press Ctrl+I: auto → on → off.")
    if override is None:
        state = QCoreApplication.translate("ModelPicker", "Images: auto ({said})").format(
            said=_said_words(said)
        )
        return Toggle("image-off" if said is False else "image", f"{state}\n{how}", colours().dim)
    if override:
        state = QCoreApplication.translate("ModelPicker", "Images: on, your choice (auto: {said})").format(
            said=_said_words(said)
        )
        return Toggle("image", f"{state}\n{how}", ACCENT, marked=True)
    state = QCoreApplication.translate("ModelPicker", "Images: off, your choice (auto: {said})").format(
        said=_said_words(said)
    )
    return Toggle("image-off", f"{state}\n{how}", ACCENT, marked=True)


class ImageOverrides(QObject):
    """Reads and cycles the images override of a profile's model.

    Signals:
        changed(str, str): the override of (profile, model) was saved.
        notice(str): it could not be saved (in words; nothing changed).
    """

    changed = Signal(str, str)
    notice = Signal(str)

    def __init__(
        self,
        profiles: ProfileStore,
        keys: KeyRing,
        conversations: ProfileConversations | None,
        catalog: ModelCatalog | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.profiles, self.catalog = profiles, catalog
        self._keys, self._conversations = keys, conversations
        self._service: ProfileService | None = None

    @property
    def service(self) -> ProfileService:
        """Made on the first toggle. Over the window's own ProfileStore, so the chat reads the new value."""
        if self._service is None:
            from app.profiles.service import ProfileService

            self._service = ProfileService(self.profiles, self._keys, self._conversations)
        return self._service

    def said(self, profile: str, model: str) -> bool | None:
        """What the gateway's /models said, as kept with the profile's model list (None: nothing)."""
        info = self.catalog.model(profile, model) if self.catalog is not None else None
        return info.vision if info is not None else None

    def toggle_for(self, profile: Profile, model: str) -> Toggle:
        return images_toggle(override_of(profile, model), self.said(profile.name, model))

    async def cycle(self, profile_name: str, model: str) -> None:
        """auto → on → off → auto for `model` of `profile_name`, saved to profiles.toml."""
        try:
            profile = self.profiles.get(profile_name)
            changed = with_override(profile, model, next_override(override_of(profile, model)))
            await self.service.save(changed, original=profile_name)
        except (SluiceError, OSError) as exc:
            log.warning("the images override of %s on %s was not saved: %s", model, profile_name, exc)
            self.notice.emit(
                QCoreApplication.translate(
                    "ModelPicker", "Could not save whether {model} takes images: {error}"
                ).format(model=model, error=exception_text(exc))
            )
            return
        self.changed.emit(profile_name, model)
