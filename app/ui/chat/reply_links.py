"""Opening a link a reply wrote: untrusted text, so only web and mail links open, and a mail link loses
the fields a reply may not set.

Plain functions the chat controller calls; their words keep the controller's translation context
("ChatController") so the catalogues did not change when they moved here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QUrl, QUrlQuery
from PySide6.QtGui import QDesktopServices

SAFE_SCHEMES = ("http", "https", "mailto")
# What a mail link from a reply may fill in. `attach`/`attachment` would have the mail program attach a
# local file (~/.ssh/id_rsa) and `body` write the text; `bcc` adds a hidden recipient.
MAILTO_KEPT = ("to", "cc", "subject")


def plain_mail_link(url: QUrl) -> tuple[QUrl, list[str]]:
    """The mailto link without the fields a reply may not set, and the names of those it had."""
    query = QUrlQuery(url)
    kept = [(k, v) for k, v in query.queryItems() if k.lower() in MAILTO_KEPT]
    dropped = list(dict.fromkeys(k for k, _ in query.queryItems() if k.lower() not in MAILTO_KEPT))
    # A mailto link is the scheme, the addresses (its path) and the query: rebuilt from the kept parts.
    clean = QUrl("mailto:" + url.path(QUrl.ComponentFormattingOption.FullyEncoded))
    if kept:
        plain = QUrlQuery()
        plain.setQueryItems(kept)
        clean.setQuery(plain)
    return clean, dropped


def open_reply_link(url: QUrl, notice: Callable[[str], None]) -> None:
    """A link in a reply was clicked: open it if it is a web or mail link, else say why not."""
    scheme = url.scheme().lower()
    if scheme == "mailto":
        url, dropped = plain_mail_link(url)
        if dropped:
            notice(
                QCoreApplication.translate(
                    "ChatController", "Opened the mail link without the parts a reply may not set: {}"
                ).format(", ".join(dropped)[:80])
            )
    if scheme in SAFE_SCHEMES:
        QDesktopServices.openUrl(url)  # only on click, only for web and mail links
    else:
        shown = url.toString()[:80]
        if scheme:
            text = QCoreApplication.translate(
                "ChatController", "Not opening a {scheme} link from a reply: {url}"
            ).format(scheme=scheme, url=shown)
        else:
            text = QCoreApplication.translate(
                "ChatController", "Not opening a relative link from a reply: {}"
            ).format(shown)
        notice(text)
