"""What the window says about failover (issue 16): each switch to a fallback and each Retry-After wait in
the status bar, "via b (a: HTTP 503 …)" on the reply's status line, and which fallback a failed reply's
"Retry on …" would use.

The switching itself is app/failover.py (no Qt); this is only its wording, owned by the chat controller.
Its words keep the controller's translation context ("ChatController").
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.core.errors import SluiceError
from app.core.models import Message, Profile
from app.failover import Failover, FailoverEvent, Route, routes_for
from app.profiles.store import ProfileStore


class FailoverNotes(QObject):
    """The running reply's switches to a fallback, and the words for them.

    Signals:
        notice(str): a switch or a countdown, for the status bar.
    """

    notice = Signal(str)

    def __init__(
        self, profiles: ProfileStore, busy: Callable[[], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self._busy = busy  # the countdown stops when the reply has ended (or was stopped)
        self.hops: list[Failover] = []  # the running reply's switches to a fallback

    def reset(self) -> None:
        """A new reply begins: the switches said were the last one's."""
        self.hops = []

    def on_event(self, event: FailoverEvent) -> None:
        if isinstance(event, Failover):
            self.hops.append(event)
            self.notice.emit(
                QCoreApplication.translate("ChatController", "{failed} failed; trying {next}.").format(
                    failed=event.from_.label, next=event.to.label
                )
            )
        else:
            self._count_down(event.route.label, math.ceil(event.seconds))

    def _count_down(self, label: str, seconds: int) -> None:
        """The Retry-After wait, said every second in the status bar until the retry goes out."""
        if seconds <= 0 or not self._busy():
            return
        self.notice.emit(
            QCoreApplication.translate(
                "ChatController", "{} is rate limited; trying again in {} s (Stop cancels)."
            ).format(label, seconds)
        )
        QTimer.singleShot(1000, self, lambda: self._count_down(label, seconds - 1))

    def via_text(self) -> str:
        """ "via b (a: HTTP 503 …)" for a reply that came from a fallback, else ""."""
        if not self.hops:
            return ""
        reasons = "; ".join(f"{hop.from_.label}: {_short(hop.message or str(hop.kind))}" for hop in self.hops)
        answered = self.hops[-1].to.label
        return QCoreApplication.translate("ChatController", "via {profile} ({reasons})").format(
            profile=answered, reasons=reasons
        )

    def fallback_for(self, message: Message) -> Route | None:
        """The first fallback of the profile a failed reply came from, if it has one."""
        if message.error_kind is None or not message.profile:
            return None
        try:
            profile = self.profiles.get(message.profile)
        except SluiceError:
            return None  # the profile is gone

        def lookup(name: str) -> Profile | None:
            try:
                return self.profiles.get(name)
            except SluiceError:
                return None

        routes, _ = routes_for(profile, message.model or profile.model, lookup)
        return routes[1] if len(routes) > 1 else None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
