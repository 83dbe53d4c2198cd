"""Every wire case, replayed from a real HTTP server on 127.0.0.1 through httpx, the decoder and the
chunk interpreter (the real ChatClient path), at fragment sizes 1, 2, 3, 7, 97, whole and the case's own."""

from __future__ import annotations

import asyncio

import pytest

from app.core.errors import ChatError
from app.core.models import AUTH_NONE, GenerationParams, Message, Profile, Role
from app.net.client import ChatClient
from app.net.pool import HttpPool
from tests.support.server import Reply, TestServer
from tests.support.wirecase import Collected, WireCase, assert_matches, load_cases, split_body

CASES = load_cases()
SIZES: list[str] = ["own", "1", "2", "3", "7", "97", "whole"]


@pytest.fixture(scope="module")
def server() -> TestServer:
    with TestServer() as srv:
        yield srv  # type: ignore[misc]


def _reply(case: WireCase, size: str) -> Reply:
    if size == "own":
        chunks, gap = case.fragments(), case.gap_ms / 1000
    elif size == "whole":
        chunks, gap = [case.body], 0.0
    else:
        # Forced sizes: no pause, so small writes may also be coalesced by the kernel; the decoder's own
        # unit tests cover each exact cut deterministically.
        chunks, gap = split_body(case.body, f"bytes:{size}"), 0.0
    end = {"drop": "drop", "hold": "hold"}.get(case.end or "", "finish")
    # A gzip case's body is already compressed, and its content-encoding header goes out as recorded.
    return Reply(status=case.status, headers=dict(case.headers), chunks=chunks, gap_s=gap, end=end)


async def replay(server: TestServer, profile: Profile) -> Collected:
    collected = Collected()
    pool = HttpPool()
    try:
        messages = [Message(role=Role.USER, content="hi")]
        async for event in ChatClient(pool).stream_chat(profile, None, messages, GenerationParams("m")):
            collected.add(event)
    except ChatError as exc:
        collected.error = exc
    finally:
        await pool.aclose()
    return collected


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_wire_case_through_the_real_client(server: TestServer, case: WireCase, size: str) -> None:
    server.queue(_reply(case, size))
    profile = Profile(name="t", base_url=server.base_url, model="m", auth=AUTH_NONE, stream_usage=False)
    collected = asyncio.run(replay(server, profile))
    assert_matches(collected, case.expect)
    assert server.wait_until_closed(timeout=5.0), "the client left a connection open"
