"""Test connection against the real local server: each failure lands on its step, in words.

The burst/stream verdicts depend on arrival times; the replies here are far apart on purpose (a burst after
0.4 s of silence vs. a piece every 40 ms), so the verdict holds on a loaded machine.
"""

from __future__ import annotations

import asyncio
import socket

import pytest

from app.core.errors import ErrorKind
from app.core.models import AUTH_BEARER, AUTH_NONE, Profile
from app.net.pool import HttpPool
from app.net.probe import PROBE_MAX_TOKENS, STEPS, ProbeReport, StepResult, StepState, probe
from tests.support.server import (
    _SSE_HEADERS,
    Reply,
    TestServer,
    completion_chunk,
    json_error_reply,
    json_reply,
    slow_sse_reply,
    sse_event,
    sse_reply,
)

KEY = "sk-probe-0123456789abcdef"


def _profile(server: TestServer, **changes: object) -> Profile:
    fields: dict[str, object] = {
        "name": "local",
        "base_url": server.base_url,
        "model": "test-model",
        "auth": AUTH_BEARER,
    }
    fields.update(changes)
    return Profile(**fields)  # type: ignore[arg-type]


def run(profile: Profile, key: str | None = KEY) -> tuple[ProbeReport, list[StepResult]]:
    seen: list[StepResult] = []

    async def go() -> ProbeReport:
        pool = HttpPool()
        try:
            return await probe(profile, key, on_step=seen.append, pool=pool)
        finally:
            await pool.aclose()
            assert pool.stats().open == 0

    return asyncio.run(go()), seen


def states(report: ProbeReport) -> dict[str, StepState]:
    return {step: result.state for step, result in report.steps.items()}


@pytest.fixture
def server() -> TestServer:  # type: ignore[misc]
    with TestServer() as srv:
        yield srv


def test_a_streaming_gateway_passes_every_step(server: TestServer) -> None:
    server.queue(slow_sse_reply(8, 25, token="7 "))
    report, seen = run(_profile(server))
    assert states(report) == {
        "host": StepState.OK,
        "tls": StepState.SKIPPED,  # http://: nothing to check
        "key": StepState.OK,
        "model": StepState.OK,
        "stream": StepState.OK,
    }
    assert list(report.steps) == list(STEPS)
    assert [r.step for r in seen] == list(STEPS)  # reported as each step resolved, in order
    assert report.ok and report.warnings == [] and report.deltas == 8
    assert "Connected to 127.0.0.1:" in report.steps["host"].detail
    assert "test-model answered" in report.steps["model"].detail
    assert report.ttfb_ms is not None and report.ttft_ms is not None and report.ttfb_ms <= report.ttft_ms
    assert "First byte after" in report.steps["stream"].detail
    sent = server.requests[0]
    body = sent.json()
    assert (body["stream"], body["max_tokens"], body["model"]) == (True, PROBE_MAX_TOKENS, "test-model")
    assert sent.headers["authorization"] == f"Bearer {KEY}"


def test_a_wrong_key_fails_the_key_step_with_the_providers_words(server: TestServer) -> None:
    server.queue(json_error_reply(401, "无效的令牌 (invalid token)", code="invalid_api_key"))
    report, _ = run(_profile(server))
    assert states(report) == {
        "host": StepState.OK,
        "tls": StepState.SKIPPED,
        "key": StepState.FAILED,
        "model": StepState.SKIPPED,
        "stream": StepState.SKIPPED,
    }
    detail = report.steps["key"].detail
    assert "rejected the API key" in detail and "无效的令牌 (invalid token)" in detail
    assert KEY not in repr(report)
    assert report.error is not None and report.error.kind == ErrorKind.AUTH
    assert "Not checked" in report.steps["model"].detail


def test_no_key_entered_says_so_when_the_gateway_refuses(server: TestServer) -> None:
    server.queue(json_error_reply(401, "missing Authorization header"))
    report, _ = run(_profile(server), key=None)
    assert report.failed_step() == "key"
    assert "No key was entered" in report.steps["key"].detail
    assert "authorization" not in server.requests[0].headers


def test_an_unknown_model_fails_the_model_step(server: TestServer) -> None:
    server.queue(
        json_error_reply(
            404, "The model `gpt-9` does not exist", type_="invalid_request_error", code="model_not_found"
        )
    )
    report, _ = run(_profile(server, model="gpt-9"))
    assert states(report)["key"] == StepState.OK  # a 404 after the key: it was not rejected
    assert "did not reject" in report.steps["key"].detail
    assert report.failed_step() == "model"
    assert "The model `gpt-9` does not exist" in report.steps["model"].detail
    assert states(report)["stream"] == StepState.SKIPPED


def test_a_gateway_without_a_channel_for_the_model_fails_the_model_step(server: TestServer) -> None:
    # one-api/new-api gateways answer 503 when no upstream serves the model.
    server.queue(json_error_reply(503, "当前分组 default 下对于模型 gpt-9 无可用渠道", type_="new_api_error"))
    report, _ = run(_profile(server, model="gpt-9"))
    assert report.failed_step() == "model"
    assert "无可用渠道" in report.steps["model"].detail


def test_a_refused_connection_fails_the_host_step_and_sends_nothing() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    profile = Profile(name="gone", base_url=f"http://127.0.0.1:{port}/v1", model="m", auth=AUTH_NONE)
    report, _ = run(profile)
    assert report.failed_step() == "host"
    assert f"127.0.0.1:{port} refused the connection" in report.steps["host"].detail
    assert all(r.state == StepState.SKIPPED for s, r in report.steps.items() if s != "host")


def test_a_server_error_fails_the_stream_step_and_confirms_nothing_after_the_host(server: TestServer) -> None:
    server.queue(json_error_reply(500, "upstream exploded", type_="server_error"))
    report, _ = run(_profile(server))
    assert report.failed_step() == "stream"
    assert (
        "server error" in report.steps["stream"].detail
        and "upstream exploded" in report.steps["stream"].detail
    )
    assert states(report)["key"] == StepState.SKIPPED  # a 5xx proves nothing about the key
    assert report.error is not None and report.error.kind == ErrorKind.SERVER


def test_a_gateway_that_ignores_stream_is_a_warning(server: TestServer) -> None:
    server.queue(
        json_reply(
            {
                "id": "x",
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": "1 2 3"},
                        "finish_reason": "stop",
                    }
                ],
            }
        )
    )
    report, _ = run(_profile(server))
    assert report.ok
    assert states(report)["stream"] == StepState.WARNING
    assert any("one whole reply (JSON)" in w for w in report.warnings)


def test_a_buffered_stream_is_a_warning(server: TestServer) -> None:
    whole = b"".join(sse_reply([f"{n} " for n in range(1, 11)]).chunks)
    # Headers at once, then silence, then every event in one write: what a buffering proxy does.
    server.queue(Reply(headers=dict(_SSE_HEADERS), chunks=[whole], gap_s=0.4))
    report, _ = run(_profile(server))
    assert report.ok
    assert states(report)["stream"] == StepState.WARNING
    assert any("one burst" in w and "buffer" in w for w in report.warnings), report.warnings


def test_an_error_inside_the_stream_fails_the_stream_step_after_the_model_answered(
    server: TestServer,
) -> None:
    chunks = [
        sse_event(completion_chunk({"role": "assistant", "content": ""})),
        sse_event(completion_chunk({"content": "1 "})),
        sse_event({"error": {"message": "upstream timeout", "type": "provider_error"}}),
    ]
    server.queue(Reply(headers=dict(_SSE_HEADERS), chunks=chunks))
    report, _ = run(_profile(server))
    assert states(report)["model"] == StepState.OK
    assert report.failed_step() == "stream"
    assert "upstream timeout" in report.steps["stream"].detail


def test_stream_options_refusal_is_reported(server: TestServer) -> None:
    server.queue(json_error_reply(400, "Unrecognized request argument supplied: stream_options"))
    server.queue(slow_sse_reply(4, 25))
    report, _ = run(_profile(server))
    assert report.ok and report.stream_options_rejected
    assert any("stream_options" in w for w in report.warnings)


def test_max_tokens_refusal_is_retried_with_max_completion_tokens(server: TestServer) -> None:
    server.queue(
        json_error_reply(400, "Unsupported parameter: 'max_tokens' is not supported with this model.")
    )
    server.queue(slow_sse_reply(4, 25))
    report, _ = run(_profile(server, stream_usage=False))
    assert report.ok
    retried = server.requests[1].json()
    assert "max_tokens" not in retried and retried["max_completion_tokens"] == PROBE_MAX_TOKENS


def test_no_model_fails_the_model_step_without_a_request(server: TestServer) -> None:
    report, _ = run(_profile(server, model="", auth=AUTH_NONE))
    assert report.failed_step() == "model"
    assert "No model is chosen" in report.steps["model"].detail
    assert server.requests == []


def test_an_unexplained_400_fails_the_key_step_with_the_gateways_words(server: TestServer) -> None:
    # LiteLLM without its database answers a wrong key with 400 "No connected db." (issue 11 §6.3): that is
    # no proof the key was accepted, and the later steps never ran.
    server.queue(json_error_reply(400, "No connected db.", type_="auth_error"))
    report, _ = run(_profile(server))
    assert states(report) == {
        "host": StepState.OK,
        "tls": StepState.SKIPPED,
        "key": StepState.FAILED,
        "model": StepState.SKIPPED,
        "stream": StepState.SKIPPED,
    }
    assert "No connected db." in report.steps["key"].detail
    assert "rejected the request" in report.steps["key"].detail
    assert all("Not checked" in report.steps[s].detail for s in ("model", "stream"))
