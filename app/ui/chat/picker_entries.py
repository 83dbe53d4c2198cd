"""The rows of the profile · model picker: recent choices first, then each profile with its models; each
model row carries its images toggle (app/ui/chat/picker_images.py) when the caller gives one."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication

from app.core.models import Conversation, Profile
from app.ui.search_popup import Entry, Toggle

RECENT = 5


def recent_choices(conversations: Iterable[Conversation], profiles: set[str]) -> list[tuple[str, str]]:
    """The newest distinct (profile, model) pairs conversations used, of profiles that still exist."""
    seen: list[tuple[str, str]] = []
    for conversation in conversations:
        pair = (conversation.profile or "", conversation.model or "")
        if pair[0] in profiles and pair[1] and pair not in seen:
            seen.append(pair)
            if len(seen) == RECENT:
                break
    return seen


def build_entries(
    profiles: list[Profile],
    models: dict[str, list[str]],
    recent: list[tuple[str, str]],
    current: tuple[str | None, str],
    images: Callable[[Profile, str], Toggle] | None = None,
) -> list[Entry]:
    """Recent first; then every profile's models (its default model first, then the gateway's list, or
    "loading…" while that list has not arrived). `images` gives a model row its images toggle."""
    by_name = {profile.name: profile for profile in profiles}

    def toggle(profile: Profile, model: str) -> Toggle | None:
        return images(profile, model) if images is not None else None

    entries = [
        Entry(
            model,
            (profile, model),
            detail=profile,
            section=QCoreApplication.translate("ModelPicker", "Recent"),
            icon="clock",
            toggle=toggle(by_name[profile], model) if profile in by_name else None,
        )
        for profile, model in recent
    ]
    for profile in profiles:
        listed = models.get(profile.name)
        names = ([profile.model] if profile.model else []) + [m for m in listed or [] if m != profile.model]
        for model in names:
            entries.append(
                Entry(
                    model,
                    (profile.name, model),
                    detail=QCoreApplication.translate("ModelPicker", "default")
                    if model == profile.model
                    else "",
                    section=profile.name,
                    icon="sparkles",
                    current=(profile.name, model) == current,
                    toggle=toggle(profile, model),
                )
            )
        if listed is None:
            entries.append(
                Entry(
                    QCoreApplication.translate("ModelPicker", "Loading the model list…"),
                    None,
                    section=profile.name,
                    icon="regenerate",
                )
            )
    return entries
