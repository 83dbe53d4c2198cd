"""Choosing Compare's lanes: the first two offered, and the picker that adds one (a listed profile and
model, or typed as PROFILE:MODEL)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.compare import MIN_LANES, Lane
from app.core.errors import SluiceError
from app.core.models import Profile
from app.failover import parse_target
from app.ui.search_popup import Entry, SearchPopup

if TYPE_CHECKING:
    from app.ui.chat.controller import ChatController


def profiles_of(chat: ChatController) -> list[Profile]:
    found = []
    for name in chat.profiles.names():
        try:
            found.append(chat.profiles.get(name))
        except SluiceError:
            continue
    return found


def first_lanes(chat: ChatController) -> list[Lane]:
    """The conversation's own profile and model, and the next profile with a model of its own."""
    lanes: list[Lane] = []
    current = chat.current_profile()
    if current is not None and chat.current_model():
        lanes.append(Lane.of(current, chat.current_model()))
    for profile in profiles_of(chat):
        if len(lanes) >= MIN_LANES:
            break
        if profile.model and all(lane.profile.name != profile.name for lane in lanes):
            lanes.append(Lane.of(profile, profile.model))
    return lanes


class LanePicker(QObject):
    """The search popup that adds a lane, built when first opened.

    Signals:
        chosen(str, str): a profile and a model were picked (the model may be "": the profile's own).
    """

    chosen = Signal(str, str)

    def __init__(self, chat: ChatController, parent: QWidget) -> None:
        super().__init__(parent)
        self.chat, self._parent = chat, parent
        self.popup: SearchPopup | None = None

    def open_below(self, anchor: QWidget) -> SearchPopup:
        """Every profile's models as the chat's picker lists them (those fetched so far)."""
        if self.popup is None:
            self.popup = SearchPopup(
                self._parent, self.tr("Search profiles and models, or type PROFILE:MODEL"), width=520
            )
            self.popup.setObjectName("lanePicker")
            self.popup.chosen.connect(self._picked)
            self.popup.fallback = self._typed
        rows = [e for e in self.chat.picker_entries() if isinstance(e.payload, tuple)]
        self.popup.set_entries([Entry(e.text, e.payload, e.detail, e.section, e.icon) for e in rows])
        self.popup.open_below(anchor)
        return self.popup

    def _typed(self, text: str) -> Entry | None:
        """ "PROFILE:MODEL" (or "PROFILE"), else a model id for the conversation's profile."""
        names = set(self.chat.profiles.names())
        name, model = parse_target(text, names.__contains__)
        if name not in names:
            current = self.chat.current_profile()
            if current is None or " " in text.strip():
                return None
            name, model = current.name, text.strip()
        return Entry(
            self.tr("Add the lane {}").format(f"{name}:{model}" if model else name),
            (name, model),
            section=self.tr("Type PROFILE:MODEL"),
            icon="pencil",
        )

    def _picked(self, payload: object) -> None:
        if isinstance(payload, tuple) and len(payload) == 2:
            self.chosen.emit(str(payload[0]), str(payload[1]))
