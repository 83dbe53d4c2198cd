"""The words under each reply: profile · model · TTFT · tokens/s · tokens · how it ended. No Qt here."""

from __future__ import annotations

from app.core.errors import KIND_EXPLANATIONS
from app.core.models import Message, MessageStatus

FINISH_WORDS = {
    "stop": "",
    "length": "cut: max tokens reached",
    "content_filter": "filtered by the provider",
    "tool_calls": "asked to call a tool",
    "function_call": "asked to call a tool",
}

STATUS_WORDS = {
    MessageStatus.CANCELLED: "stopped",
    MessageStatus.INTERRUPTED: "interrupted",
    MessageStatus.STREAMING: "streaming…",
}


def status_line(message: Message, *, with_status: bool = True) -> str:
    """The metrics line; `with_status=False` leaves out "stopped"/"interrupted" (shown as a flag instead)."""
    parts: list[str] = [p for p in (message.profile, message.model) if p]
    if message.ttft_ms is not None:
        parts.append(f"first token {message.ttft_ms / 1000:.2f} s")
    if message.tokens_per_s is not None:
        parts.append(f"{message.tokens_per_s:.0f} tok/s")
    if message.usage is not None and message.usage.total_tokens:
        parts.append(f"{message.usage.total_tokens:,} tokens")
    if message.reasoning_ms is not None:
        parts.append(f"thought {message.reasoning_ms / 1000:.1f} s")
    status_words = STATUS_WORDS.get(message.status) if with_status else None
    words = status_words or FINISH_WORDS.get(message.finish_reason or "", message.finish_reason)
    if words:
        parts.append(words)
    return " · ".join(parts)


def error_text(message: Message) -> tuple[str, str] | None:
    """(what happened, the provider's words) for a failed reply, or None."""
    if message.error_kind is None:
        return None
    head = KIND_EXPLANATIONS.get(message.error_kind, "Error.")
    detail = message.error_message or ""
    if message.retry_after is not None:
        detail += f" (retry after {message.retry_after:g} s)"
    return head, detail


FLAGS = {MessageStatus.CANCELLED: "Stopped", MessageStatus.INTERRUPTED: "Interrupted"}


def status_flag(message: Message) -> str:
    """A word for a reply that did not end normally, shown in colour ("Stopped"); "" otherwise."""
    return FLAGS.get(message.status, "")
