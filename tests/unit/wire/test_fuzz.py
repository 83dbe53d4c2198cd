"""Fuzz (issue 12): arbitrary bytes, cut anywhere, through the SSE decoder and the chunk interpreter; and
JSON-shaped streams built from the pieces gateways really send. The only exception allowed out is ChatError
(the taxonomy's `protocol` / `provider`): anything else is a traceback a hostile gateway could cause."""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import ChatError, ErrorKind
from app.core.events import ContentDelta, ReasoningDelta, StreamEvent
from app.wire.bounded_json import MAX_JSON_DEPTH, json_depth, loads_bounded
from app.wire.chunks import ChunkInterpreter
from app.wire.sse import ServerSentEvent, SSEDecoder

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
# A chunk as gateways shape it, with every field free to be the wrong type.
CHUNK = st.fixed_dictionaries(
    {},
    optional={
        "choices": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "index": st.integers(0, 2) | JSON,
                    "delta": st.fixed_dictionaries(
                        {},
                        optional={
                            "content": st.text(max_size=30) | JSON,
                            "reasoning_content": st.text(max_size=30) | JSON,
                            "reasoning": st.text(max_size=30) | JSON,
                            "tool_calls": st.lists(
                                st.fixed_dictionaries(
                                    {},
                                    optional={
                                        "index": st.integers(0, 3) | JSON,
                                        "id": JSON,
                                        "function": JSON,
                                    },
                                ),
                                max_size=3,
                            )
                            | JSON,
                        },
                    )
                    | JSON,
                    "message": JSON,
                    "finish_reason": st.sampled_from(["stop", "length", "tool_calls", None]) | JSON,
                    "usage": JSON,
                },
            )
            | JSON,
            max_size=3,
        )
        | JSON,
        "usage": st.fixed_dictionaries(
            {},
            optional={
                **{k: st.integers() | JSON for k in ("prompt_tokens", "completion_tokens", "total_tokens")},
                "cost": st.floats()
                | st.text(max_size=12)
                | st.sampled_from(["1e999999999", "-0", "NaN"])
                | JSON,
                "completion_tokens_details": st.fixed_dictionaries({}, optional={"reasoning_tokens": JSON}),
                "prompt_tokens_details": st.fixed_dictionaries({}, optional={"cached_tokens": JSON}),
            },
        )
        | JSON,
        "error": JSON,
        "x_groq": JSON,
    },
)
LINE_END = st.sampled_from([b"\n", b"\r\n", b"\r"])
FIELD_LINE = st.one_of(
    CHUNK.map(lambda c: b"data: " + json.dumps(c).encode()),
    st.sampled_from(
        [b"data: [DONE]", b"event: error", b"event: ping", b": keep-alive", b"", b"data:", b"id: 7"]
    ),
    st.binary(max_size=40),
    st.text(max_size=40).map(lambda t: ("data: " + t).encode()),
    st.integers(1, 3000).map(lambda n: b"data: " + b"[" * n + b"]" * n),  # RecursionError from ~1,000
    st.integers(1, 3000).map(lambda n: b'data: {"error": ' + b"{" * n + b"}" * n + b"}"),
    # Half a surrogate pair, escaped: valid JSON, but not text that can be stored or printed.
    st.sampled_from([b'data: {"choices":[{"delta":{"content":"a\\ud800"}}]}', b'data: {"error":"\\udfff"}']),
)


def _run(body: bytes, cuts: list[int]) -> list[StreamEvent]:
    """Feed `body` cut at `cuts` through both stages, as ChatClient does; return the events."""
    decoder, chunks = SSEDecoder(), ChunkInterpreter()
    out: list[StreamEvent] = []
    bounds = [0, *sorted({c % (len(body) + 1) for c in cuts}), len(body)]
    try:
        for start, end in pairwise(bounds):
            for sse in decoder.feed(body[start:end]):
                out += chunks.feed(sse)
        for sse in decoder.flush():
            out += chunks.feed(sse)
    except ChatError as exc:
        assert exc.kind in (ErrorKind.PROTOCOL, ErrorKind.PROVIDER)
        assert exc.message and len(exc.message) <= 500
    out += chunks.finish()
    for event in out:
        if isinstance(event, ContentDelta | ReasoningDelta):
            event.text.encode("utf-8")  # never a lone surrogate: SQLite and terminals would raise
    return out


@FUZZ
@given(st.binary(max_size=400), st.lists(st.integers(0, 400), max_size=8))
def test_arbitrary_bytes_cut_anywhere_raise_nothing_but_chat_errors(body: bytes, cuts: list[int]) -> None:
    _run(body, cuts)


@FUZZ
@given(st.lists(st.tuples(FIELD_LINE, LINE_END), max_size=12), st.lists(st.integers(0, 2000), max_size=8))
def test_gateway_shaped_streams_raise_nothing_but_chat_errors(
    lines: list[tuple[bytes, bytes]], cuts: list[int]
) -> None:
    body = b"".join(line + end for line, end in lines)
    whole = _run(body, [])
    assert _run(body, cuts) == whole  # however the network cuts the body, the same events


@FUZZ
@given(st.lists(st.tuples(FIELD_LINE, LINE_END), max_size=12), st.lists(st.integers(0, 2000), max_size=8))
def test_the_decoder_alone_gives_the_same_events_however_the_body_is_cut(
    lines: list[tuple[bytes, bytes]], cuts: list[int]
) -> None:
    body = b"".join(line + end for line, end in lines)

    def events(bounds: list[int]) -> list[ServerSentEvent]:
        decoder = SSEDecoder()
        out: list[ServerSentEvent] = []
        for start, end in pairwise(bounds):
            out += decoder.feed(body[start:end])
        return out + decoder.flush()

    cut = [0, *sorted({c % (len(body) + 1) for c in cuts}), len(body)]
    assert events(cut) == events([0, len(body)])


@FUZZ
@given(JSON, st.integers(0, 200))
def test_the_depth_bound_agrees_with_the_parser(value: object, extra: int) -> None:
    text = "[" * extra + json.dumps(value) + "]" * extra
    depth = json_depth(text)
    try:
        parsed = loads_bounded(text)
    except ValueError:
        assert depth > MAX_JSON_DEPTH
    else:
        assert depth <= MAX_JSON_DEPTH and parsed == json.loads(text)
