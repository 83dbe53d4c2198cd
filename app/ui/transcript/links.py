"""The app's own links in the transcript ("copy this reply", "edit this message"), made and read in one place.

An app link is `sluice:<token>/<verb>/<argument>`. The token is made for one view: a reply can write
`[x](sluice:retry/1)` but cannot know the token, so a reply's link never runs an action (it is reported as a
link like any other, and the window decides). The argument is percent-encoded, so it may hold any text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl

SCHEME = "sluice"


@dataclass(frozen=True, slots=True)
class AppLink:
    """One of the app's own links, once its token was checked.

    Attributes:
        verb: what to do ("copy", "edit", "retry", "delete", "older", …).
        arg: what to do it to: a message id for most verbs, a profile name for "profile".
    """

    verb: str
    arg: str

    @property
    def message_id(self) -> int | None:
        """The argument as a message id (or another number), None if it is not one."""
        head = self.arg.partition("/")[0]
        return int(head) if head.isascii() and head.isdigit() else None

    @property
    def path(self) -> str:
        return f"{self.verb}/{self.arg}"

    @classmethod
    def from_path(cls, path: str) -> AppLink:
        verb, _, arg = path.partition("/")
        return cls(verb, arg)


class AppLinks:
    """Makes this view's app links and recognises them among every link clicked in it."""

    def __init__(self) -> None:
        self._token = os.urandom(8).hex()  # as secrets.token_hex, without importing hashlib (start-up)

    def url(self, verb: str, arg: str | int = "") -> str:
        return f"{SCHEME}:{self._token}/{verb}/{quote(str(arg), safe='')}"

    def parse(self, url: QUrl) -> AppLink | None:
        """The app link `url` stands for; None for anything else (a reply's link, a forged app link)."""
        own = f"{self._token}/"
        path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)  # an argument may hold "#", "?", "%"
        if url.scheme() != SCHEME or not path.startswith(own):
            return None
        verb, _, arg = path[len(own) :].partition("/")
        return AppLink(verb, unquote(arg))
