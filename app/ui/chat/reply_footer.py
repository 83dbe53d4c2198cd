"""The line under a reply: its status (time to first token, speed, tokens, cost, how it ended), "via …"
after a failover, its actions (Copy, Inspect, Retry, Retry on …, Open profile) and, for a failed or unsaved
reply, the banner saying what happened.

A plain function the chat controller calls for every reply it draws; its words keep the controller's
translation context ("ChatController").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.errors import ErrorKind
from app.core.models import Message, MessageStatus
from app.failover import Route
from app.ui.chat.status_text import error_text, status_flag, status_line
from app.ui.i18n import translated
from app.ui.transcript.view import TranscriptView

FIX_PROFILE_KINDS = (ErrorKind.AUTH, ErrorKind.QUOTA, ErrorKind.KEY)


def add_reply_footer(
    transcript: TranscriptView,
    message: Message,
    *,
    via: str = "",
    inspectable: bool,
    fallback: Route | None,
) -> None:
    """The status line, and for a failed (or unsaved) reply the banner with its actions.

    `via`: how the reply reached its profile after a failover ("via b (a: HTTP 503 …)"), or "".
    `inspectable`: exchanges are recorded (the stream inspector exists). `fallback`: where "Retry on …"
    would ask, or None.
    """
    actions = []
    if message.id is not None:  # an unsaved reply's actions would find nothing in the store
        actions.append(
            (
                QCoreApplication.translate("ChatController", "Copy"),
                transcript.action_url(f"copy/{message.id}"),
            )
        )
        if inspectable:
            actions.append(
                (
                    QCoreApplication.translate("ChatController", "Inspect"),
                    transcript.action_url(f"inspect/{message.id}"),
                )
            )
    failed = error_text(message)
    if message.id is not None and (
        failed is not None or message.status in (MessageStatus.CANCELLED, MessageStatus.INTERRUPTED)
    ):
        actions.append(
            (
                QCoreApplication.translate("ChatController", "Retry"),
                transcript.action_url(f"retry/{message.id}"),
            )
        )
    # A fallback offered here: the reply failed after text arrived (or on a kind that does not fail over).
    if fallback is not None and message.id is not None:
        retry_on = QCoreApplication.translate("ChatController", "Retry on {}").format(fallback.label)
        actions.append((retry_on, transcript.action_url(f"retryon/{message.id}")))
    if message.error_kind in FIX_PROFILE_KINDS and message.profile:
        actions.append(
            (
                QCoreApplication.translate("ChatController", "Open profile"),
                transcript.action_url(f"profile/{message.profile}"),
            )
        )
    if message.save_error is not None:
        unsaved = translated(message.save_error)
        failed = (
            (failed[0], f"{failed[1]} {unsaved}".strip())
            if failed is not None
            else (QCoreApplication.translate("ChatController", "Not saved."), unsaved)
        )
    status = status_line(message)
    transcript.add_message_footer(
        " · ".join(part for part in (via, status) if part),
        actions=actions,
        error=failed,
        flag=status_flag(message),
    )
