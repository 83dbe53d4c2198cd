"""The words under each reply: profile · model · TTFT · tokens/s · ↑prompt ↓reply tokens · how it ended."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.errors import ErrorKind
from app.core.models import Message, MessageStatus
from app.core.pricing import format_amount
from app.ui.i18n import QT_TRANSLATE_NOOP, kind_explanation, translated

FINISH_WORDS = {
    "stop": "",
    "length": QT_TRANSLATE_NOOP("status", "cut: max tokens reached"),
    "content_filter": QT_TRANSLATE_NOOP("status", "filtered by the provider"),
    "tool_calls": QT_TRANSLATE_NOOP("status", "asked to call a tool"),
    "function_call": QT_TRANSLATE_NOOP("status", "asked to call a tool"),
}


def _tr(text: str) -> str:
    """One of the words in the tables above (lupdate sees them there, as QT_TRANSLATE_NOOP)."""
    return QCoreApplication.translate("status", text) if text else text


def status_line(message: Message) -> str:
    """The metrics line and how the reply finished; a stop or an interruption is `status_flag`'s."""
    parts: list[str] = [p for p in (message.profile, message.model) if p]
    if message.ttft_ms is not None:
        parts.append(
            QCoreApplication.translate("status", "first token {} s").format(f"{message.ttft_ms / 1000:.2f}")
        )
    if message.tokens_per_s is not None:
        # Without usage the rate counts chunks: never call them tokens (a chunk often holds several).
        if message.rate_counts_tokens:
            rate = QCoreApplication.translate("status", "{} tok/s")
        else:
            rate = QCoreApplication.translate("status", "{} chunks/s")
        parts.append(rate.format(f"{message.tokens_per_s:.0f}"))
    tokens = _token_counts(message)
    if tokens:
        parts.append(tokens)
    if message.cost is not None:
        parts.append(format_amount(message.cost.amount, message.cost.currency))
    elif message.status == MessageStatus.CANCELLED:
        parts.append(QCoreApplication.translate("status", "cost not reported (stopped)"))
    if message.reasoning_ms is not None:
        parts.append(
            QCoreApplication.translate("status", "thought {} s").format(f"{message.reasoning_ms / 1000:.1f}")
        )
    reason = message.finish_reason or ""
    words = _tr(FINISH_WORDS[reason]) if reason in FINISH_WORDS else reason  # unknown: as the API said
    if words:
        parts.append(words)
    return " · ".join(parts)


def _token_counts(message: Message) -> str:
    """The prompt's tokens (↑) and the reply's (↓) apart; the total alone grows with the conversation."""
    usage = message.usage
    if usage is None:
        return ""
    prompt, reply = usage.prompt_tokens, usage.completion_tokens
    if prompt and reply:
        return QCoreApplication.translate("status", "↑{} ↓{} tokens").format(f"{prompt:,}", f"{reply:,}")
    if reply:
        return QCoreApplication.translate("status", "↓{} tokens").format(f"{reply:,}")
    if usage.total_tokens:
        return QCoreApplication.translate("status", "{} tokens in all").format(f"{usage.total_tokens:,}")
    return ""


def error_text(message: Message) -> tuple[str, str] | None:
    """(what happened, the provider's words) for a failed reply, or None. The provider's words are kept."""
    if message.error_kind is None:
        return None
    head = kind_explanation(message.error_kind)
    detail = message.error_message or ""
    if message.error_kind in (ErrorKind.KEY, ErrorKind.TOO_LARGE):
        # Ours (no key, no keyring, too large), not a gateway's: a Sentence while the reply is on screen,
        # said in the window's language; read back from the database it is the English it was saved as.
        detail = translated(detail)
    if message.retry_after is not None:
        detail += " " + QCoreApplication.translate("status", "(retry after {} s)").format(
            f"{message.retry_after:g}"
        )
    return head, detail


FLAGS = {
    MessageStatus.CANCELLED: QT_TRANSLATE_NOOP("status", "Stopped"),
    MessageStatus.INTERRUPTED: QT_TRANSLATE_NOOP("status", "Interrupted"),
}


def status_flag(message: Message) -> str:
    """A word for a reply that did not end normally, shown in colour ("Stopped"); "" otherwise."""
    return _tr(FLAGS.get(message.status, ""))
