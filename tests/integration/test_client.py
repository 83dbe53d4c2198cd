"""ChatClient against the real local test server: what goes on the wire, and what comes back.

The recorded wire cases (test_wire_cases_http.py) cover decoding; this file covers the request itself,
retries, redirects, content types, timeouts, refusal, /models, proxies and Stop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from app.core.errors import ChatError, ErrorKind
from app.core.events import ContentDelta, Finish, StreamEvent, StreamOptionsRejected, UsageReport
from app.core.models import AUTH_BEARER, AUTH_NONE, AUTH_RAW, GenerationParams, Message, Profile, Role, Usage
from app.net.client import ChatClient
from app.net.pool import HttpPool
from tests.support.server import (
    CHAT_PATH,
    Reply,
    TestServer,
    completion_chunk,
    endless_sse_reply,
    json_error_reply,
    json_reply,
    models_reply,
    sse_event,
    sse_reply,
)

KEY = "sk-test-0123456789abcdef"
HI = [Message(role=Role.USER, content="hi")]


@dataclass
class Outcome:
    events: list[StreamEvent] = field(default_factory=list)
    error: ChatError | None = None

    @property
    def text(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, ContentDelta))


def _profile(server: TestServer, **changes: object) -> Profile:
    fields: dict[str, object] = {"name": "local", "base_url": server.base_url, "model": "test-model"}
    fields.update(changes)
    return Profile(**fields)  # type: ignore[arg-type]


async def _chat(
    profile: Profile,
    key: str | None = KEY,
    params: GenerationParams | None = None,
    pool: HttpPool | None = None,
) -> Outcome:
    own_pool = pool is None
    pool = pool or HttpPool()
    out = Outcome()
    try:
        async for event in ChatClient(pool).stream_chat(profile, key, HI, params or GenerationParams("")):
            out.events.append(event)
    except ChatError as exc:
        out.error = exc
    finally:
        if own_pool:
            await pool.aclose()
    return out


def chat(profile: Profile, key: str | None = KEY, params: GenerationParams | None = None) -> Outcome:
    return asyncio.run(_chat(profile, key, params))


@pytest.fixture
def other_server() -> Iterator[TestServer]:
    with TestServer() as srv:
        yield srv


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- the request ---------------------------------------------------------------------------------------


def test_request_body_and_headers(server: TestServer) -> None:
    server.queue(sse_reply(["Hel", "lo"]))
    profile = _profile(server, headers=(("HTTP-Referer", "https://sluice.app"), ("X-Title", "Sluice")))
    params = GenerationParams("gpt-x", temperature=0.3, max_tokens=64)
    out = chat(profile, params=params)
    assert out.error is None
    assert out.text == "Hello"
    (request,) = server.requests
    assert request.method == "POST"
    assert request.path == CHAT_PATH
    assert request.json() == {
        "model": "gpt-x",
        "messages": [{"role": "user", "content": "hi"}],
        "stream": True,
        "stream_options": {"include_usage": True},
        "temperature": 0.3,
        "max_tokens": 64,
    }
    assert request.headers["accept"] == "text/event-stream"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["http-referer"] == "https://sluice.app"
    assert request.headers["x-title"] == "Sluice"
    assert request.headers["user-agent"].startswith("Sluice/")


def test_optional_fields_are_left_out(server: TestServer) -> None:
    server.queue(sse_reply(["ok"]))
    out = chat(_profile(server, stream_usage=False, model="profile-model"))
    assert out.text == "ok"
    body = server.requests[0].json()
    assert body["model"] == "profile-model"  # no model in the params: the profile's
    assert not {"stream_options", "temperature", "max_tokens"} & body.keys()


@pytest.mark.parametrize(
    ("auth", "header", "value"),
    [
        (AUTH_BEARER, "authorization", f"Bearer {KEY}"),
        (AUTH_RAW, "authorization", KEY),
        ("header:api-key", "api-key", KEY),
        (AUTH_NONE, None, None),
    ],
)
def test_auth_styles(server: TestServer, auth: str, header: str | None, value: str | None) -> None:
    server.queue(sse_reply(["ok"]))
    out = chat(_profile(server, auth=auth))
    assert out.text == "ok"
    headers = server.requests[0].headers
    if header is not None:
        assert headers[header] == value
    carrying_key = {name for name, v in headers.items() if KEY in v}
    assert carrying_key == ({header} if header else set())


# -- stream_options refusal ---------------------------------------------------------------------------


def test_stream_options_refusal_is_retried_once_without_it(server: TestServer) -> None:
    server.queue(json_error_reply(400, "Unrecognized request argument supplied: stream_options"))
    server.queue(sse_reply(["fine"]))
    out = chat(_profile(server, stream_usage=True))
    assert out.error is None
    assert isinstance(out.events[0], StreamOptionsRejected)
    assert out.text == "fine"
    first, second = server.requests
    assert "stream_options" in first.json()
    assert "stream_options" not in second.json()
    assert second.headers["authorization"] == f"Bearer {KEY}"


def test_a_second_400_is_reported_not_retried_again(server: TestServer) -> None:
    server.queue(json_error_reply(400, "stream_options is not supported"))
    server.queue(json_error_reply(400, "stream_options is still not supported"))
    server.queue(sse_reply(["never sent"]))
    out = chat(_profile(server, stream_usage=True))
    assert out.events == [StreamOptionsRejected()]
    assert out.error is not None
    assert out.error.kind == ErrorKind.BAD_REQUEST
    assert out.error.message == "stream_options is still not supported"
    assert len(server.requests) == 2


def test_no_retry_when_stream_options_were_not_sent(server: TestServer) -> None:
    server.queue(json_error_reply(400, "unknown field stream_options"))
    out = chat(_profile(server, stream_usage=False))
    assert out.error is not None
    assert out.error.kind == ErrorKind.BAD_REQUEST
    assert out.events == []
    assert len(server.requests) == 1


# -- redirects ----------------------------------------------------------------------------------------


def test_307_to_the_same_host_keeps_the_key_and_body(server: TestServer) -> None:
    server.queue(Reply(status=307, headers={"location": "/v2/chat/completions"}))
    server.queue(sse_reply(["moved"]), path="/v2/chat/completions")
    out = chat(_profile(server))
    assert out.error is None
    assert out.text == "moved"
    first, second = server.requests
    assert second.method == "POST"
    assert second.path == "/v2/chat/completions"
    assert second.headers["authorization"] == f"Bearer {KEY}"
    assert second.body == first.body


def test_307_to_another_origin_drops_the_key_and_extra_headers(
    server: TestServer, other_server: TestServer
) -> None:
    server.queue(Reply(status=307, headers={"location": other_server.base_url + "/chat/completions"}))
    other_server.queue(sse_reply(["elsewhere"]))
    out = chat(_profile(server, auth="header:api-key", headers=(("X-Title", "Sluice"),)))
    assert out.error is None
    assert out.text == "elsewhere"
    (request,) = other_server.requests
    assert "api-key" not in request.headers
    assert not any(KEY in v for v in request.headers.values())
    assert "x-title" not in request.headers  # extra headers may carry secrets too: none follow
    assert request.json()["messages"] == [{"role": "user", "content": "hi"}]


def test_302_asks_the_user_to_fix_the_base_url(server: TestServer) -> None:
    server.queue(Reply(status=302, headers={"location": "https://api.example.com/v1/chat/completions"}))
    out = chat(_profile(server))
    assert out.error is not None
    assert out.error.kind == ErrorKind.BAD_REQUEST
    assert "set the profile's base URL" in out.error.message
    assert "https://api.example.com/v1/chat/completions" in out.error.message
    assert len(server.requests) == 1


def test_redirect_loops_end(server: TestServer) -> None:
    server.set_default(lambda _req: Reply(status=307, headers={"location": CHAT_PATH}))
    out = chat(_profile(server))
    assert out.error is not None
    assert out.error.kind == ErrorKind.BAD_REQUEST
    assert "Too many redirects" in out.error.message
    assert len(server.requests) == 4


# -- what comes back -----------------------------------------------------------------------------------


def test_event_stream_sent_as_text_plain_works(server: TestServer) -> None:
    chunks = list(sse_reply(["plain ", "but SSE"]).chunks)
    server.queue(Reply(headers={"content-type": "text/plain; charset=utf-8"}, chunks=chunks))
    out = chat(_profile(server))
    assert out.error is None
    assert out.text == "plain but SSE"
    assert Finish("stop") in out.events


def test_html_200_is_a_protocol_error_without_markup(server: TestServer) -> None:
    page = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>"
    server.queue(Reply(headers={"content-type": "text/html; charset=utf-8"}, chunks=[page]))
    out = chat(_profile(server))
    assert out.error is not None
    assert out.error.kind == ErrorKind.PROTOCOL
    assert "text/html" in out.error.message
    assert "<" not in out.error.describe()
    assert "It works" not in out.error.describe()


def test_a_whole_json_completion_is_one_reply(server: TestServer) -> None:
    server.queue(
        json_reply(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": "test-model",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": "All at once."},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7},
            }
        )
    )
    out = chat(_profile(server))
    assert out.error is None
    assert out.text == "All at once."
    assert Finish("stop") in out.events
    assert UsageReport(Usage(3, 4, 7)) in out.events


@pytest.mark.parametrize("where", ["before the first byte", "mid-reply"])
def test_a_stall_longer_than_the_read_timeout(server: TestServer, where: str) -> None:
    if where == "mid-reply":
        first = [
            sse_event(completion_chunk({"content": "partial "})),
            sse_event(completion_chunk({"content": "text"})),
        ]
        server.queue(
            Reply(headers={"content-type": "text/event-stream"}, chunks=first, end="hold", hold_s=5.0)
        )
    else:
        server.queue(dataclasses.replace(sse_reply(["late"]), first_byte_delay_s=5.0))
    out = chat(_profile(server, read_timeout=0.5))
    assert out.error is not None
    assert out.error.kind == ErrorKind.TIMEOUT
    if where == "mid-reply":
        assert out.text == "partial text"
        assert "sent nothing more" in out.error.message
    else:
        assert out.text == ""
        assert "did not answer" in out.error.message
    assert server.wait_until_closed()


def test_connection_refused() -> None:
    port = _free_port()
    out = chat(Profile(name="dead", base_url=f"http://127.0.0.1:{port}/v1", model="m"))
    assert out.error is not None
    assert out.error.kind == ErrorKind.CONNECTION
    assert "refused" in out.error.message
    assert str(port) in out.error.message


# -- /models --------------------------------------------------------------------------------------------


def test_list_models_sorted_with_the_key(server: TestServer) -> None:
    server.queue(models_reply(["zeta-1", "alpha-2", "mid", "alpha-2"]), path="/v1/models")

    async def scenario() -> list[str]:
        pool = HttpPool()
        try:
            return await ChatClient(pool).list_models(_profile(server), KEY)
        finally:
            await pool.aclose()

    assert asyncio.run(scenario()) == ["alpha-2", "mid", "zeta-1"]
    (request,) = server.requests
    assert (request.method, request.path) == ("GET", "/v1/models")
    assert request.headers["authorization"] == f"Bearer {KEY}"


def test_list_models_401_is_auth(server: TestServer) -> None:
    server.queue(json_error_reply(401, "Invalid token", type_="authentication_error"), path="/v1/models")

    async def scenario() -> ChatError:
        pool = HttpPool()
        try:
            with pytest.raises(ChatError) as info:
                await ChatClient(pool).list_models(_profile(server), "sk-wrong-key-000000")
            return info.value
        finally:
            await pool.aclose()

    error = asyncio.run(scenario())
    assert error.kind == ErrorKind.AUTH
    assert error.message == "Invalid token"


# -- proxies -------------------------------------------------------------------------------------------


def test_loopback_bypasses_a_proxy_from_the_environment(
    server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = f"http://127.0.0.1:{_free_port()}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, bogus)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)

    async def through_env_proxy() -> None:
        # The control: a client that honours the environment does go to the (dead) proxy.
        async with httpx.AsyncClient(trust_env=True) as plain:
            with pytest.raises(httpx.ConnectError):
                await plain.get(server.url + "/v1/models")

    asyncio.run(through_env_proxy())
    server.queue(sse_reply(["direct"]))
    out = chat(_profile(server, proxy="system"))
    assert out.error is None
    assert out.text == "direct"
    assert len(server.requests) == 1


# -- Stop ------------------------------------------------------------------------------------------------


def test_cancelling_the_consumer_closes_the_connection(server: TestServer) -> None:
    server.queue(endless_sse_reply("tick ", gap_s=0.01))
    server.queue(sse_reply(["after stop"]))

    async def scenario() -> tuple[str, bool, str]:
        pool = HttpPool()
        received: list[str] = []
        enough = asyncio.Event()

        async def consume() -> None:
            async for event in ChatClient(pool).stream_chat(_profile(server), KEY, HI, GenerationParams("")):
                if isinstance(event, ContentDelta):
                    received.append(event.text)
                    if len(received) >= 3:
                        enough.set()

        try:
            task = asyncio.create_task(consume())
            await asyncio.wait_for(enough.wait(), 5)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            # Before the pool is closed: the cancellation itself must have hung up.
            closed = await asyncio.to_thread(server.wait_until_closed, 5.0)
            after = await _chat(_profile(server), pool=pool)
            return "".join(received), closed, after.text
        finally:
            await pool.aclose()

    received, closed, after = asyncio.run(scenario())
    assert received.startswith("tick tick tick")
    assert closed, "the server still sees the stopped stream's connection"
    assert len(server.disconnect_times) == 1
    assert after == "after stop"  # the pool is still usable for the next message
