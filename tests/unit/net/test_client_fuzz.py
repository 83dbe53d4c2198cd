"""Fuzz (issue 12) one level up: any 200 a gateway can send — Content-Type, Content-Encoding (gzip, deflate,
unknown, damaged) and body bytes — through ChatClient's own checks, sniffing, decoding, SSE decoder and
chunk interpreter. Only a ChatError may come out, and every text event is valid Unicode.

A pure unit test: the gateway is an `httpx.MockTransport` (the wire-level behaviour is proven against the real
server in tests/integration and tests/hostile)."""

from __future__ import annotations

import asyncio
import gzip
import json
import zlib
from collections.abc import AsyncIterator

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import ChatError
from app.core.events import ContentDelta, ReasoningDelta, StreamEvent
from app.core.models import GenerationParams, Message, Profile, Role
from app.net.client import ChatClient
from app.net.pool import HttpPool

PROFILE = Profile(name="fuzz", base_url="https://gw.example/v1", model="m", auth="none", stream_usage=False)
HI = [Message(role=Role.USER, content="hi")]

CTYPE = st.sampled_from(
    [
        "text/event-stream",
        "text/event-stream; charset=utf-8",
        "application/json",
        "text/plain",
        "",
        "text/html",
    ]
)
ENCODING = st.sampled_from(["", "gzip", "deflate", "raw-deflate", "br", "gzip, gzip", "damaged-gzip"])
PIECE = st.one_of(
    st.binary(max_size=60),
    st.sampled_from(
        [
            b'data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n',
            b'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
            b"data: [DONE]\n\n",
            b": ping\r\n\r\n",
            b'{"choices":[{"message":{"content":"whole"}}]}',
            b'data: {"error":{"message":"boom"}}\n\n',
            b"event: error\ndata: oops\n\n",
            b"\xef\xbb\xbf",
            b"\n",
        ]
    ),
)


def _encode(body: bytes, encoding: str) -> tuple[bytes, str]:
    if encoding == "gzip":
        return gzip.compress(body, mtime=0), "gzip"
    if encoding == "gzip, gzip":
        return gzip.compress(gzip.compress(body, mtime=0), mtime=0), "gzip, gzip"
    if encoding == "deflate":
        return zlib.compress(body), "deflate"
    if encoding == "raw-deflate":
        compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        return compressor.compress(body) + compressor.flush(), "deflate"
    if encoding == "damaged-gzip":
        packed = bytearray(gzip.compress(body, mtime=0))
        packed[len(packed) // 2] ^= 0xFF
        return bytes(packed), "gzip"
    return body, encoding


def _pool(status: int, headers: dict[str, str], wire: bytes) -> HttpPool:
    """A pool whose every client talks to a gateway that answers `status`, `headers` and `wire`."""

    async def body_pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(wire), 7):  # network-sized reads, so nothing arrives pre-joined
            yield wire[start : start + 7]

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, content=body_pieces())

    return HttpPool(lambda route, _tls: httpx.AsyncClient(transport=httpx.MockTransport(answer)))


def _run(status: int, ctype: str, encoding: str, body: bytes) -> list[StreamEvent]:
    wire, content_encoding = _encode(body, encoding)
    headers = {"content-type": ctype} if ctype else {}
    if content_encoding:
        headers["content-encoding"] = content_encoding

    async def stream() -> list[StreamEvent]:
        pool = _pool(status, headers, wire)
        events: list[StreamEvent] = []
        try:
            async for event in ChatClient(pool).stream_chat(PROFILE, None, HI, GenerationParams(model="m")):
                events.append(event)
        except ChatError as exc:
            assert exc.message
        finally:
            await pool.aclose()
        return events

    events = asyncio.run(stream())
    for event in events:
        if isinstance(event, ContentDelta | ReasoningDelta):
            event.text.encode("utf-8")
    return events


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([200, 200, 200, 201, 400, 401, 429, 500, 502]),
    CTYPE,
    ENCODING,
    st.lists(PIECE, max_size=8),
)
def test_any_answer_through_the_client_raises_nothing_but_chat_errors(
    status: int, ctype: str, encoding: str, pieces: list[bytes]
) -> None:
    _run(status, ctype, encoding, b"".join(pieces))


MODELS_BODY = st.one_of(
    st.binary(max_size=200),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["data", "id", "pricing", "prompt", "completion", "architecture", "modality"])
                | st.text(max_size=6),
                inner,
                max_size=4,
            )
        ),
        max_leaves=30,
    ).map(lambda value: json.dumps(value).encode()),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([200, 200, 401, 500]), CTYPE, ENCODING, MODELS_BODY)
def test_any_models_answer_raises_nothing_but_chat_errors(
    status: int, ctype: str, encoding: str, body: bytes
) -> None:
    wire, content_encoding = _encode(body, encoding)
    headers = {"content-type": ctype} if ctype else {}
    if content_encoding:
        headers["content-encoding"] = content_encoding

    async def fetch() -> None:
        pool = _pool(status, headers, wire)
        try:
            for info in await ChatClient(pool).list_model_info(PROFILE, None):
                info.id.encode("utf-8")
        except ChatError as exc:
            assert exc.message
        finally:
            await pool.aclose()

    asyncio.run(fetch())
