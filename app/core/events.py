"""What a stream yields, after the wire layer has made sense of it.

A stream is a sequence of these, ending either normally (the iterator finishes) or with a ChatError.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.models import ToolCall, Usage


@dataclass(frozen=True, slots=True)
class ContentDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ReasoningDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ToolCallsDone:
    """The complete tool calls, merged from their pieces by index; sent once, when the stream ends."""

    calls: tuple[ToolCall, ...]


@dataclass(frozen=True, slots=True)
class UsageReport:
    """Token counts. Some gateways send one in every chunk: the last one wins."""

    usage: Usage


@dataclass(frozen=True, slots=True)
class Finish:
    reason: str


@dataclass(frozen=True, slots=True)
class StreamOptionsRejected:
    """The gateway refused `stream_options`; the request was retried without it. Remember for the profile."""


@dataclass(frozen=True, slots=True)
class CostRequestRejected:
    """The gateway refused `"usage": {"include": true}`; retried without it. Remember for the profile."""


StreamEvent = (
    ContentDelta
    | ReasoningDelta
    | ToolCallsDone
    | UsageReport
    | Finish
    | StreamOptionsRejected
    | CostRequestRejected
)
