"""Rows ↔ domain objects, field by field. The only place that knows how a Message is laid out in SQL."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal, InvalidOperation

from app.core.errors import ErrorKind
from app.core.models import Conversation, Message, MessageStatus, Role, ToolCall, Usage
from app.core.pricing import Cost

# The message columns a caller can change after the row exists. id, conversation_id, created and updated
# are managed by the store itself.
MESSAGE_FIELDS: tuple[str, ...] = (
    "role",
    "content",
    "reasoning",
    "status",
    "profile",
    "model",
    "finish_reason",
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "reasoning_tokens",
    "cached_tokens",
    "cost_amount",
    "cost_currency",
    "cost_source",
    "cost_picos",
    "error_kind",
    "error_message",
    "ttft_ms",
    "tokens_per_s",
    "reasoning_ms",
    "tool_calls",
)

SqlValue = str | int | float | None


def message_values(message: Message) -> dict[str, SqlValue]:
    """The MESSAGE_FIELDS of `message`, as named SQL parameters."""
    usage = message.usage or Usage()
    return {
        "role": message.role.value,
        "content": message.content,
        "reasoning": message.reasoning,
        "status": message.status.value,
        "profile": message.profile,
        "model": message.model,
        "finish_reason": message.finish_reason,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "total_tokens": usage.total_tokens,
        "reasoning_tokens": usage.reasoning_tokens,
        "cached_tokens": usage.cached_tokens,
        "cost_amount": str(message.cost.amount) if message.cost is not None else None,
        "cost_currency": message.cost.currency if message.cost is not None else None,
        "cost_source": message.cost.source if message.cost is not None else None,
        "cost_picos": to_picos(message.cost.amount) if message.cost is not None else None,
        "error_kind": message.error_kind.value if message.error_kind is not None else None,
        "error_message": message.error_message,
        "ttft_ms": message.ttft_ms,
        "tokens_per_s": message.tokens_per_s,
        "reasoning_ms": message.reasoning_ms,
        "tool_calls": tool_calls_to_json(message.tool_calls),
    }


def message_from_row(row: sqlite3.Row) -> Message:
    prompt, completion, total = row["prompt_tokens"], row["completion_tokens"], row["total_tokens"]
    cost = cost_from_row(row)
    # A reply that reported no usage stays None rather than becoming Usage(None, None, None).
    usage = (
        None
        if prompt is None and completion is None and total is None
        else Usage(
            prompt,
            completion,
            total,
            row["reasoning_tokens"],
            row["cached_tokens"],
            cost.amount if cost is not None and cost.source == "gateway" else None,
            cost.currency if cost is not None and cost.source == "gateway" else None,
        )
    )
    error_kind = row["error_kind"]
    return Message(
        role=Role(row["role"]),
        content=row["content"],
        id=row["id"],
        conversation_id=row["conversation_id"],
        parent_id=row["parent_id"],
        reasoning=row["reasoning"],
        status=MessageStatus(row["status"]),
        profile=row["profile"],
        model=row["model"],
        finish_reason=row["finish_reason"],
        usage=usage,
        error_kind=ErrorKind(error_kind) if error_kind is not None else None,
        error_message=row["error_message"],
        ttft_ms=row["ttft_ms"],
        tokens_per_s=row["tokens_per_s"],
        reasoning_ms=row["reasoning_ms"],
        tool_calls=tool_calls_from_json(row["tool_calls"]),
        created=row["created"],
        cost=cost,
    )


PICOS = Decimal(10) ** 12


def to_picos(amount: Decimal) -> int:
    return int((amount * PICOS).to_integral_value())


def cost_from_row(row: sqlite3.Row) -> Cost | None:
    amount, currency, source = row["cost_amount"], row["cost_currency"], row["cost_source"]
    if amount is None or currency is None or source not in ("gateway", "price"):
        return None
    try:
        return Cost(Decimal(amount), currency, source)
    except InvalidOperation:  # a hand-edited row: unknown, never a wrong number
        return None


def conversation_from_row(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        created=row["created"],
        updated=row["updated"],
        profile=row["profile"],
        model=row["model"],
        system_prompt=row["system_prompt"],
        active_leaf=row["active_leaf"],
        pinned=bool(row["pinned"]),
    )


def tool_calls_to_json(calls: tuple[ToolCall, ...]) -> str | None:
    if not calls:
        return None
    # ensure_ascii=False keeps Chinese arguments readable in the file (and smaller).
    return json.dumps(
        [{"id": call.id, "name": call.name, "arguments": call.arguments} for call in calls],
        ensure_ascii=False,
    )


def tool_calls_from_json(text: str | None) -> tuple[ToolCall, ...]:
    if not text:
        return ()
    return tuple(
        ToolCall(id=item["id"], name=item["name"], arguments=item["arguments"]) for item in json.loads(text)
    )
