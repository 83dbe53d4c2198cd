"""Usage details and a gateway's own cost, read from stream chunks (OpenAI's and OpenRouter's shapes)."""

from __future__ import annotations

from decimal import Decimal

from app.core.events import UsageReport
from app.wire.chunks import ChunkInterpreter
from app.wire.sse import ServerSentEvent


def usage_of(payload: str) -> UsageReport | None:
    events = ChunkInterpreter().feed(ServerSentEvent(event=None, data=payload))
    reports = [e for e in events if isinstance(e, UsageReport)]
    return reports[-1] if reports else None


def test_reasoning_cached_and_cost_are_read() -> None:
    report = usage_of(
        '{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30,'
        '"completion_tokens_details":{"reasoning_tokens":12},"prompt_tokens_details":{"cached_tokens":4},'
        '"cost":0.00123}}'
    )
    assert report is not None
    usage = report.usage
    assert (usage.reasoning_tokens, usage.cached_tokens) == (12, 4)
    assert usage.cost == Decimal("0.00123") and usage.cost_currency == "USD"


def test_odd_values_are_not_taken_as_counts_or_costs() -> None:
    report = usage_of(
        '{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":-3,'
        '"completion_tokens_details":{"reasoning_tokens":true},"prompt_tokens_details":"x","cost":-1}}'
    )
    assert report is not None
    usage = report.usage
    assert usage.prompt_tokens == 10 and usage.completion_tokens is None
    assert usage.reasoning_tokens is None and usage.cached_tokens is None and usage.cost is None
    assert usage_of('{"choices":[],"usage":{"cost":1e400}}') is None
