"""ReplyRecorder's text and metrics under a fake clock, and what request_messages sends (app.session)."""

from __future__ import annotations

import pytest

from app.core.events import ContentDelta, Finish, ReasoningDelta, ToolCallsDone, UsageReport
from app.core.models import Message, MessageStatus, Role, ToolCall, Usage
from app.session import ReplyRecorder, request_messages


class FakeClock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_text_usage_finish_and_tool_calls_accumulate(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    call = ToolCall(id="call_1", name="get_weather", arguments='{"city": "北京"}')
    for event in (
        ReasoningDelta("Let me "),
        ReasoningDelta("think."),
        ContentDelta("你好"),
        ContentDelta(", world"),
        UsageReport(Usage(1, 2, 3)),
        UsageReport(Usage(5, 10, 15)),  # some gateways repeat usage: the last one wins
        ToolCallsDone((call,)),
        Finish("stop"),
    ):
        rec.add(event)
    assert rec.content == "你好, world"
    assert rec.reasoning == "Let me think."
    assert rec.usage == Usage(5, 10, 15)
    assert rec.tool_calls == (call,)
    assert rec.finish_reason == "stop"


def test_ttft_rate_and_thinking_time(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    clock.now += 0.25
    rec.add(ReasoningDelta("hmm"))  # first token of any kind: TTFT
    clock.now += 0.5
    rec.add(ContentDelta("Hi"))  # thinking lasted until the first content
    clock.now += 1.5
    rec.add(ContentDelta(" there"))
    rec.add(UsageReport(Usage(prompt_tokens=4, completion_tokens=20, total_tokens=24)))
    metrics = rec.metrics()
    assert metrics["ttft_ms"] == pytest.approx(250.0)
    assert metrics["reasoning_ms"] == pytest.approx(500.0)
    assert metrics["tokens_per_s"] == pytest.approx(20 / 2.0)  # reported tokens over first token → end


def test_rate_counts_deltas_when_no_usage_is_reported(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    for _ in range(8):
        clock.now += 0.25
        rec.add(ContentDelta("w "))
    # 8 deltas, the first at +0.25 s and the metrics read at +2.0 s
    assert rec.metrics()["tokens_per_s"] == pytest.approx(8 / 1.75)


def test_usage_without_completion_tokens_falls_back_to_deltas(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    rec.add(ContentDelta("a"))
    clock.now += 1.0
    rec.add(ContentDelta("b"))
    rec.add(UsageReport(Usage(prompt_tokens=3, completion_tokens=None, total_tokens=None)))
    assert rec.metrics()["tokens_per_s"] == pytest.approx(2.0)


def test_a_burst_at_the_end_gives_no_rate(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    clock.now += 3.0
    for _ in range(50):
        rec.add(ContentDelta("x"))  # a gateway that buffered the whole reply
    metrics = rec.metrics()
    assert metrics["ttft_ms"] == pytest.approx(3000.0)
    assert metrics["tokens_per_s"] is None


def test_no_tokens_means_no_metrics(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    clock.now += 2.0
    rec.add(Finish("stop"))
    rec.add(UsageReport(Usage(3, 0, 3)))
    assert rec.metrics() == {"ttft_ms": None, "tokens_per_s": None, "reasoning_ms": None}
    assert rec.content == ""


def test_thinking_with_no_answer_yet_runs_to_now(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    clock.now += 1.0
    rec.add(ReasoningDelta("step 1"))
    clock.now += 4.0  # stopped while still thinking
    assert rec.metrics()["reasoning_ms"] == pytest.approx(4000.0)
    assert rec.content == ""


def test_a_reply_without_reasoning_has_no_thinking_time(clock: FakeClock) -> None:
    rec = ReplyRecorder(started=clock(), clock=clock)
    clock.now += 0.1
    rec.add(ContentDelta("plain"))
    assert rec.metrics()["reasoning_ms"] is None


# -- request_messages -----------------------------------------------------------------------------------


def _m(role: Role, content: str, status: MessageStatus = MessageStatus.COMPLETE) -> Message:
    return Message(role=role, content=content, status=status)


def test_system_prompt_goes_first() -> None:
    history = [_m(Role.USER, "hi")]
    sent = request_messages("You are terse.", history)
    assert [(m.role, m.content) for m in sent] == [(Role.SYSTEM, "You are terse."), (Role.USER, "hi")]


@pytest.mark.parametrize("prompt", ["", "   \n\t"])
def test_blank_system_prompt_is_not_sent(prompt: str) -> None:
    sent = request_messages(prompt, [_m(Role.USER, "hi")])
    assert [m.role for m in sent] == [Role.USER]


def test_turns_without_text_are_skipped_and_partial_replies_kept() -> None:
    history = [
        _m(Role.SYSTEM, "an old system row is never resent"),
        _m(Role.USER, "first question"),
        _m(Role.ASSISTANT, "", MessageStatus.ERROR),  # a failed reply has nothing to send
        _m(Role.USER, "again"),
        _m(Role.ASSISTANT, "half an ans", MessageStatus.CANCELLED),
        _m(Role.USER, "  "),
        _m(Role.USER, "continue"),
    ]
    sent = request_messages("", history)
    assert [(m.role, m.content) for m in sent] == [
        (Role.USER, "first question"),
        (Role.USER, "again"),
        (Role.ASSISTANT, "half an ans"),
        (Role.USER, "continue"),
    ]
