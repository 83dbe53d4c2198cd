"""ChunkInterpreter: what the user sees from each shape of chunk a gateway may send."""

from __future__ import annotations

import json

import pytest

from app.core.errors import ChatError, ErrorKind
from app.core.events import ContentDelta, Finish, ReasoningDelta, ToolCallsDone, UsageReport
from app.core.models import ToolCall, Usage
from app.wire.chunks import ChunkInterpreter, completion_events
from app.wire.sse import ServerSentEvent
from tests.support.wirecase import Collected

MB = 1024 * 1024

THINK_REPLY = "<think>\nweigh options\n</think>\n\nAnswer: B"


def chunk(*choices: dict[str, object], **extra: object) -> ServerSentEvent:
    return ServerSentEvent(
        None, json.dumps({"object": "chat.completion.chunk", "choices": list(choices), **extra})
    )


def delta(index: int = 0, finish: str | None = None, **fields: object) -> dict[str, object]:
    return {"index": index, "delta": fields, "finish_reason": finish}


def run(*events: ServerSentEvent, interpreter: ChunkInterpreter | None = None) -> Collected:
    interpreter = interpreter or ChunkInterpreter()
    collected = Collected()
    for event in events:
        collected.add_all(interpreter.feed(event))
    collected.add_all(interpreter.finish())
    return collected


def contents(*texts: str) -> list[ServerSentEvent]:
    return [chunk(delta(content=text)) for text in texts]


# --- <think> tags inside the content -----------------------------------------------------------------


@pytest.mark.parametrize("at", range(len(THINK_REPLY) + 1))
def test_think_block_split_at_every_position(at: int) -> None:
    got = run(*contents(THINK_REPLY[:at], THINK_REPLY[at:]))
    # Exact, not stripped: the newlines around the tags must not leak into either text.
    assert (got.reasoning, got.content) == ("weigh options", "Answer: B")


def test_think_block_one_character_per_delta() -> None:
    got = run(*contents(*THINK_REPLY))
    assert (got.reasoning, got.content) == ("weigh options", "Answer: B")


def test_think_block_after_leading_whitespace() -> None:
    got = run(*contents("\n ", "<think>r</think>", "a"))
    assert (got.reasoning, got.content) == ("r", "a")


def test_reasoning_streams_before_the_closing_tag_arrives() -> None:
    interpreter = ChunkInterpreter()
    assert interpreter.feed(contents("<think>")[0]) == []
    assert interpreter.feed(contents("step one, ")[0]) == [ReasoningDelta("step one, ")]
    # Only what could be the start of "</think>" is held back.
    assert interpreter.feed(contents("step two</th")[0]) == [ReasoningDelta("step two")]
    assert interpreter.feed(contents("ink>Yes")[0]) == [ContentDelta("Yes")]


@pytest.mark.parametrize(
    "pieces", [("Wrap it in <thi", "nk> and </think> tags."), ("Wrap it in <think> and </think> tags.",)]
)
def test_think_mentioned_mid_answer_is_content(pieces: tuple[str, ...]) -> None:
    got = run(*contents(*pieces))
    assert (got.reasoning, got.content) == ("", "Wrap it in <think> and </think> tags.")


def test_second_think_block_after_the_answer_started_is_content() -> None:
    got = run(*contents("<think>a</think>b", "<think>c</think>"))
    assert (got.reasoning, got.content) == ("a", "b<think>c</think>")


def test_plain_answer_streams_at_once() -> None:
    interpreter = ChunkInterpreter()
    assert interpreter.feed(contents("Hello <")[0]) == [ContentDelta("Hello <")]
    assert interpreter.feed(contents("b>")[0]) == [ContentDelta("b>")]


def test_unclosed_think_block_at_end_of_stream_is_reasoning() -> None:
    got = run(*contents("<think>\nstill thinking\n</thi"))
    assert (got.reasoning, got.content) == ("still thinking\n</thi", "")


def test_what_looked_like_a_tag_start_at_end_of_stream_is_content() -> None:
    assert run(*contents("<thi")).content == "<thi"


def test_reasoning_fields() -> None:
    got = run(
        chunk(delta(content=None, reasoning_content="deep ")),
        chunk(delta(reasoning="router ")),
        chunk(delta(reasoning_content="same", reasoning="same")),  # sent twice by some gateways
        chunk(delta(content="answer", reasoning_content=None)),
    )
    assert (got.reasoning, got.content) == ("deep router same", "answer")


# --- choices, usage, finish ---------------------------------------------------------------------------


def test_only_the_first_choice_seen_is_followed() -> None:
    got = run(
        chunk(delta(0, content="zero "), delta(1, content="one ")),
        chunk(delta(1, content="one", finish="length"), delta(0, content="zero", finish="stop")),
    )
    assert (got.content, got.finish_reason) == ("zero zero", "stop")


def test_empty_choices_and_missing_index() -> None:
    got = run(
        chunk(prompt_filter_results=[{"prompt_index": 0}]),
        chunk({"delta": {"content": "no index"}}),
    )
    assert got.content == "no index"


def test_usage_reported_each_time_and_the_last_wins() -> None:
    interpreter = ChunkInterpreter()
    first = interpreter.feed(chunk(delta(content="a"), usage={"prompt_tokens": 3, "completion_tokens": 1}))
    assert first[-1] == UsageReport(Usage(3, 1, None))
    got = run(
        chunk(delta(content="b"), usage={"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}),
        chunk(usage=None),
        chunk(usage={}),  # no counts: nothing to report
        interpreter=interpreter,
    )
    assert got.usage == Usage(3, 2, 5)
    assert sum(isinstance(event, UsageReport) for event in got.events) == 1


def test_usage_inside_the_choice_and_under_x_groq() -> None:
    assert run(chunk({"index": 0, "delta": {}, "usage": {"total_tokens": 7}})).usage == Usage(None, None, 7)
    assert run(chunk(x_groq={"usage": {"completion_tokens": 4}})).usage == Usage(None, 4, None)


def test_finish_sets_finished_and_is_not_repeated() -> None:
    interpreter = ChunkInterpreter()
    got = run(chunk(delta(finish="stop")), chunk(delta(finish="stop")), interpreter=interpreter)
    assert interpreter.finished
    assert not interpreter.done
    assert [event for event in got.events if isinstance(event, Finish)] == [Finish("stop")]


def test_done_stops_everything_after_it() -> None:
    interpreter = ChunkInterpreter()
    got = run(
        *contents("kept"),
        ServerSentEvent(None, "[DONE]"),
        *contents("late"),
        ServerSentEvent("error", "late error"),
        interpreter=interpreter,
    )
    assert interpreter.done
    assert not interpreter.finished
    assert got.content == "kept"


def test_named_events_other_than_message_and_error_are_ignored() -> None:
    got = run(ServerSentEvent("ping", "{}"), ServerSentEvent("message", contents("m")[0].data))
    assert got.content == "m"
    assert run(ServerSentEvent("ping", "not json")).events == []


def test_content_as_a_list_of_parts() -> None:
    got = run(chunk(delta(content=[{"type": "text", "text": "a"}, {"type": "text", "text": "b"}])))
    assert got.content == "ab"


def test_json_that_is_not_an_object_and_blank_data_are_ignored() -> None:
    got = run(*(ServerSentEvent(None, data) for data in ("[1, 2]", '"text"', "3", "null", "", " ")))
    assert got.events == []


# --- tool calls ---------------------------------------------------------------------------------------


def tool_piece(index: int | None, **fields: object) -> dict[str, object]:
    piece: dict[str, object] = {"index": index} if index is not None else {}
    function = {key: fields.pop(key) for key in ("name", "arguments") if key in fields}
    return {**piece, **fields, "function": function}


def test_tool_calls_merged_by_index_and_sent_once_at_the_end() -> None:
    interpreter = ChunkInterpreter()
    pieces = [
        [tool_piece(0, id="call_a", type="function", name="get_weather", arguments="")],
        [tool_piece(1, id="call_b", name="get_time", arguments='{"tz":')],
        [tool_piece(0, arguments='{"city":'), tool_piece(1, arguments='"UTC"}')],
        [tool_piece(0, id="call_a", name="get_weather", arguments='"北京"}')],  # id and name repeated
    ]
    for part in pieces:
        assert interpreter.feed(chunk(delta(tool_calls=part))) == []
    assert interpreter.finish() == [
        ToolCallsDone(
            (
                ToolCall("call_a", "get_weather", '{"city":"北京"}'),
                ToolCall("call_b", "get_time", '{"tz":"UTC"}'),
            )
        )
    ]


def test_tool_calls_without_index() -> None:
    got = run(
        chunk(delta(tool_calls=[tool_piece(None, id="c1", name="f", arguments='{"a"')])),
        chunk(delta(tool_calls=[tool_piece(None, arguments=":1}")])),
        chunk(delta(tool_calls=[tool_piece(None, id="c2", name="g", arguments={"b": 2})])),
    )
    assert got.tool_calls == (ToolCall("c1", "f", '{"a":1}'), ToolCall("c2", "g", '{"b": 2}'))


def test_no_tool_calls_no_event() -> None:
    assert not any(isinstance(event, ToolCallsDone) for event in run(*contents("x")).events)


# --- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ({"message": "upstream overloaded", "type": "server_error", "code": 503}, "upstream overloaded"),
        ("余额不足", "余额不足"),
        ({"code": 500, "type": "x"}, '{"code":500,"type":"x"}'),
    ],
)
def test_error_object_in_a_data_event(error: object, message: str) -> None:
    interpreter = ChunkInterpreter()
    interpreter.feed(contents("partial")[0])
    with pytest.raises(ChatError) as caught:
        interpreter.feed(ServerSentEvent(None, json.dumps({"error": error}, ensure_ascii=False)))
    assert (caught.value.kind, caught.value.message) == (ErrorKind.PROVIDER, message)


def test_error_null_in_an_ordinary_chunk_is_not_an_error() -> None:
    assert run(chunk(delta(content="fine"), error=None)).content == "fine"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"error": {"message": "model is busy", "type": "overloaded_error"}}', "model is busy"),
        ('{"message": "flat message"}', "flat message"),
        ("plain text trouble", "plain text trouble"),
        ("", "error event without a message"),
    ],
)
def test_error_event(data: str, message: str) -> None:
    with pytest.raises(ChatError) as caught:
        ChunkInterpreter().feed(ServerSentEvent("error", data))
    assert (caught.value.kind, caught.value.message) == (ErrorKind.PROVIDER, message)


def test_long_error_message_is_truncated() -> None:
    with pytest.raises(ChatError) as caught:
        ChunkInterpreter().feed(ServerSentEvent(None, json.dumps({"error": {"message": "x" * 5000}})))
    assert 100 < len(caught.value.message) <= 500


def test_invalid_json_is_a_short_protocol_error() -> None:
    with pytest.raises(ChatError) as caught:
        ChunkInterpreter().feed(ServerSentEvent(None, '{"choices": [' + "9," * 1000))
    assert caught.value.kind == ErrorKind.PROTOCOL
    assert len(caught.value.message) < 200


# --- whole completions (a gateway that ignored stream=true) ---------------------------------------


def test_completion_with_everything() -> None:
    obj: dict[str, object] = {
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": THINK_REPLY,
                    "tool_calls": [
                        {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
                        {"id": "c2", "type": "function", "function": {"name": "g", "arguments": "[]"}},
                    ],
                },
                "finish_reason": "tool_calls",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    }
    got = Collected()
    got.add_all(completion_events(obj))
    assert (got.reasoning, got.content, got.finish_reason) == ("weigh options", "Answer: B", "tool_calls")
    assert got.usage == Usage(1, 2, 3)
    assert got.tool_calls == (ToolCall("c1", "f", "{}"), ToolCall("c2", "g", "[]"))


def test_completion_with_reasoning_content() -> None:
    obj: dict[str, object] = {
        "choices": [{"message": {"content": "4", "reasoning_content": "2+2"}, "finish_reason": "stop"}]
    }
    assert completion_events(obj) == [ReasoningDelta("2+2"), ContentDelta("4"), Finish("stop")]


def test_completion_with_error_key() -> None:
    with pytest.raises(ChatError) as caught:
        completion_events({"error": {"message": "用户额度不足"}})
    assert (caught.value.kind, caught.value.message) == (ErrorKind.PROVIDER, "用户额度不足")


def test_endless_tool_call_arguments_are_capped() -> None:
    """The reply cap counts text; a stream of tool-call pieces would otherwise grow without bound."""
    interpreter = ChunkInterpreter()
    piece = {
        "choices": [
            {"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "a" * MB}}]}}
        ]
    }
    with pytest.raises(ChatError) as refused:
        for _ in range(40):
            interpreter.feed_object(piece)
    assert refused.value.kind == ErrorKind.PROTOCOL and "larger than 32 MB" in refused.value.message
