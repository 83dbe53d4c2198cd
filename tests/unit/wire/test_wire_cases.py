"""Every recorded wire case, decoded straight from bytes however the network might cut them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import ChatError, ErrorKind
from app.wire.chunks import ChunkInterpreter, completion_events
from app.wire.sse import ServerSentEvent, SSEDecoder
from tests.support.wirecase import Collected, WireCase, assert_matches, load_cases, split_body

CASES = load_cases()
STREAM_CASES = [case for case in CASES if case.is_event_stream]
ENDINGS = {"orig": None, "lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}
FRAGMENTS = ["bytes:1", "bytes:2", "bytes:3", "bytes:7", "bytes:97", "whole", "own"]
_EOL = re.compile(rb"\r\n|\r|\n")


@dataclass
class Outcome:
    collected: Collected
    interpreter: ChunkInterpreter
    sse: list[ServerSentEvent]


def decode(fragments: Iterable[bytes]) -> Outcome:
    """What the net layer does with a 200 event stream, minus the network."""
    decoder, interpreter, collected = SSEDecoder(), ChunkInterpreter(), Collected()
    seen: list[ServerSentEvent] = []
    try:
        for fragment in fragments:
            for event in decoder.feed(fragment):
                seen.append(event)
                collected.add_all(interpreter.feed(event))
        for event in decoder.flush():
            seen.append(event)
            collected.add_all(interpreter.feed(event))
    except ChatError as error:
        collected.error = error
    collected.add_all(interpreter.finish())  # text held back at an error is still part of the reply
    return Outcome(collected, interpreter, seen)


def with_endings(body: bytes, ending: bytes | None) -> bytes:
    # The bodies' JSON is compact and escapes its newlines, so every raw line ending is an SSE one.
    return body if ending is None else _EOL.sub(ending, body)


def cut(case: WireCase, body: bytes, how: str) -> list[bytes]:
    if how == "whole":
        return [body]
    return split_body(body, case.cuts if how == "own" else how)


def check_outcome(case: WireCase, outcome: Outcome) -> None:
    expect = dict(case.expect)
    error = expect.get("error")
    interpreter = outcome.interpreter
    if error is not None and error["kind"] == ErrorKind.INTERRUPTED:
        # Reporting the break is the net layer's job; the wire layer must only not call the reply whole.
        assert not interpreter.done
        assert not interpreter.finished
        expect["error"] = None
    elif error is None:
        assert interpreter.done or interpreter.finished, "a complete reply was not recognised as complete"
    assert_matches(outcome.collected, expect)


@pytest.mark.parametrize("how", FRAGMENTS)
@pytest.mark.parametrize("ending", list(ENDINGS))
@pytest.mark.parametrize("case", STREAM_CASES, ids=lambda case: case.name)
def test_stream_case(case: WireCase, ending: str, how: str) -> None:
    body = with_endings(case.text_body, ENDINGS[ending])
    check_outcome(case, decode(cut(case, body, how)))


def test_every_case_is_covered_somewhere() -> None:
    # Non-stream cases belong to the net layer's tests, except the JSON completion tested below.
    others = {case.name for case in CASES if not case.is_event_stream}
    assert len(CASES) >= 30
    assert "23-json-instead-of-stream" in others
    assert all(
        case.status != 200 or case.content_type == "application/json" for case in CASES if case.name in others
    )


def test_json_completion_case() -> None:
    (case,) = [case for case in CASES if case.name == "23-json-instead-of-stream"]
    collected = Collected()
    collected.add_all(completion_events(json.loads(case.text_body)))
    assert_matches(collected, case.expect)


def test_error_completion_json_is_a_provider_error() -> None:
    error_case = next(case for case in CASES if case.name == "19-http-401-json")
    with pytest.raises(ChatError) as caught:
        completion_events(json.loads(error_case.text_body))
    assert caught.value.kind == ErrorKind.PROVIDER
    assert "Incorrect API key" in caught.value.message


def _summary(outcome: Outcome) -> tuple[object, ...]:
    error = outcome.collected.error
    return (
        outcome.sse,
        outcome.collected.events,
        (error.kind, error.message) if error else None,
        outcome.interpreter.done,
        outcome.interpreter.finished,
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    case=st.sampled_from(STREAM_CASES),
    ending=st.sampled_from(list(ENDINGS.values())),
    offsets=st.lists(st.integers(min_value=0, max_value=2500), max_size=40),
)
def test_cut_points_never_change_the_result(case: WireCase, ending: bytes | None, offsets: list[int]) -> None:
    body = with_endings(case.text_body, ending)
    assert _summary(decode(split_body(body, offsets))) == _summary(decode([body]))


@settings(max_examples=300)
@given(
    body=st.one_of(
        st.binary(max_size=600),
        # Bytes built from the protocol's own pieces reach deeper states than uniform noise.
        st.lists(
            st.sampled_from(
                [
                    b"data: ",
                    b"data:",
                    b"event: error",
                    b"event:ping",
                    b"id: 7",
                    b": c",
                    b"retry: 1",
                    b"\r",
                    b"\n",
                    b"\r\n",
                    b"\xef\xbb\xbf",
                    b"\xe4\xb8",
                    b"\xad",
                    b"[DONE]",
                    b"{}",
                    b'{"error":1}',
                    b'{"choices":[{"delta":{"content":"<th"}}]}',
                    b'"ink>x</think>"',
                    b"\xff",
                ]
            ),
            max_size=40,
        ).map(b"".join),
    ),
    offsets=st.lists(st.integers(min_value=0, max_value=700), max_size=30),
)
def test_arbitrary_bytes_never_crash_and_cuts_do_not_matter(body: bytes, offsets: list[int]) -> None:
    # decode() lets only ChatError through: any other exception fails the test.
    whole = decode([body])
    assert _summary(decode(split_body(body, offsets))) == _summary(whole)
    if whole.collected.error is not None:
        assert whole.collected.error.kind in (ErrorKind.PROVIDER, ErrorKind.PROTOCOL)
