"""Status codes, bodies and httpx exceptions → the error a user reads (app.net.errors)."""

from __future__ import annotations

import json
import socket
import ssl
import time
from email.utils import formatdate

import httpx
import pytest

from app.core.errors import ErrorKind
from app.net.errors import http_error, parse_retry_after, transport_error

URL = "https://gw.example.com/v1/chat/completions"


def _response(
    status: int,
    body: bytes | str = b"",
    *,
    ctype: str = "application/json",
    headers: dict[str, str] | None = None,
) -> tuple[httpx.Response, bytes]:
    raw = body.encode() if isinstance(body, str) else body
    response = httpx.Response(
        status,
        headers={"content-type": ctype, **(headers or {})},
        content=raw,
        request=httpx.Request("POST", URL),
    )
    return response, raw


def _openai(message: str, *, type_: str = "invalid_request_error", code: str | None = None) -> str:
    return json.dumps({"error": {"message": message, "type": type_, "code": code}}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, ErrorKind.BAD_REQUEST),
        (401, ErrorKind.AUTH),
        (402, ErrorKind.QUOTA),
        (403, ErrorKind.AUTH),
        (404, ErrorKind.NOT_FOUND),
        (422, ErrorKind.BAD_REQUEST),
        (429, ErrorKind.RATE_LIMIT),
        (500, ErrorKind.SERVER),
        (502, ErrorKind.SERVER),
        (503, ErrorKind.SERVER),
    ],
)
def test_status_decides_the_kind(status: int, kind: ErrorKind) -> None:
    error = http_error(*_response(status, _openai("Something went wrong on our side")))
    assert error.kind == kind
    assert error.message == "Something went wrong on our side"


def test_openai_insufficient_quota_429_is_quota_not_rate_limit() -> None:
    body = _openai(
        "You exceeded your current quota, please check your plan and billing details.",
        type_="insufficient_quota",
        code="insufficient_quota",
    )
    error = http_error(*_response(429, body, headers={"retry-after": "20"}))
    assert error.kind == ErrorKind.QUOTA
    assert error.retry_after is None  # waiting does not bring a balance back
    assert "exceeded your current quota" in error.message


def test_a_plain_429_stays_a_rate_limit() -> None:
    error = http_error(*_response(429, _openai("Rate limit reached for requests", type_="requests")))
    assert error.kind == ErrorKind.RATE_LIMIT


def test_chinese_balance_message_on_403_is_quota_and_kept_as_sent() -> None:
    body = json.dumps(
        {"error": {"message": "用户余额不足，请充值后再试", "type": "new_api_error"}}, ensure_ascii=False
    )
    error = http_error(*_response(403, body.encode("utf-8")))
    assert error.kind == ErrorKind.QUOTA
    assert error.message == "用户余额不足，请充值后再试"
    assert "余额不足" in error.describe()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (_openai("Incorrect model name"), "Incorrect model name"),
        (json.dumps({"error": "model not found: gpt-9"}), "model not found: gpt-9"),
        (json.dumps({"message": "无效的令牌", "code": 401}, ensure_ascii=False), "无效的令牌"),
        (json.dumps({"detail": "Not authenticated"}), "Not authenticated"),
        ("upstream connect error or disconnect/reset before headers", None),
    ],
    ids=["openai", "error-string", "message", "detail", "plain-text"],
)
def test_provider_message_from_each_shape(body: str, expected: str | None) -> None:
    ctype = "text/plain" if expected is None else "application/json"
    error = http_error(*_response(400, body, ctype=ctype))
    assert error.message == (expected or body)
    assert error.message in error.describe()


@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "text/plain", ""])
def test_html_error_pages_become_one_line_without_markup(ctype: str) -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
        "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
    )
    error = http_error(*_response(502, page, ctype=ctype))
    assert error.kind == ErrorKind.SERVER
    assert error.message == "HTTP 502 Bad Gateway from gw.example.com"
    assert "<" not in error.describe()


def test_empty_body_still_names_the_status_and_host() -> None:
    error = http_error(*_response(503, b"", ctype="text/plain"))
    assert error.message == "HTTP 503 Service Unavailable from gw.example.com"


def test_retry_after_in_seconds() -> None:
    error = http_error(*_response(429, _openai("Slow down"), headers={"retry-after": "7"}))
    assert error.retry_after == 7.0
    assert "retry after 7 s" in error.describe()


def test_retry_after_as_http_date() -> None:
    when = formatdate(time.time() + 120, usegmt=True)
    error = http_error(*_response(429, _openai("Slow down"), headers={"retry-after": when}))
    assert error.retry_after is not None
    assert 60 < error.retry_after <= 121


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", 0.0), ("1.5", 1.5), ("-3", 0.0), ("soon", None), ("", None), (None, None)],
)
def test_parse_retry_after_odd_values(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_retry_after_date_in_the_past_means_now() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_long_messages_are_cut() -> None:
    error = http_error(*_response(400, _openai("x" * 5000)))
    assert len(error.message) <= 500
    assert error.message.endswith("…")


def test_whitespace_in_messages_collapses_to_one_line() -> None:
    error = http_error(*_response(500, "Internal\n\n  error\r\nat line 3", ctype="text/plain"))
    assert error.message == "Internal error at line 3"


def test_a_key_echoed_by_the_provider_is_redacted() -> None:
    key = "sk-proj-AbCdEf0123456789ghIJklMN"
    body = _openai(
        f"Incorrect API key provided: {key}. You can find your API key at https://x.", code="invalid_api_key"
    )
    error = http_error(*_response(401, body))
    assert error.kind == ErrorKind.AUTH
    assert key not in error.message
    assert key not in error.describe()
    assert "[redacted]" in error.message


# -- transport failures -------------------------------------------------------------------------------

TARGET = httpx.URL("https://gw.example.com:8443/v1/chat/completions")


def _connect_error(cause: BaseException) -> httpx.ConnectError:
    exc = httpx.ConnectError("All connection attempts failed")
    exc.__cause__ = cause
    return exc


def test_connect_timeout() -> None:
    error = transport_error(httpx.ConnectTimeout(""), TARGET, streaming=False)
    assert error.kind == ErrorKind.TIMEOUT
    assert "gw.example.com:8443" in error.message


def test_read_timeout_before_and_during_the_reply() -> None:
    before = transport_error(httpx.ReadTimeout(""), TARGET, streaming=False)
    during = transport_error(httpx.ReadTimeout(""), TARGET, streaming=True)
    assert before.kind == during.kind == ErrorKind.TIMEOUT
    assert "did not answer" in before.message
    assert "sent nothing more" in during.message


def test_connection_refused() -> None:
    error = transport_error(
        _connect_error(ConnectionRefusedError(111, "Connection refused")), TARGET, streaming=False
    )
    assert error.kind == ErrorKind.CONNECTION
    assert "refused" in error.message


def test_dns_failure() -> None:
    error = transport_error(
        _connect_error(socket.gaierror(-2, "Name or service not known")), TARGET, streaming=False
    )
    assert error.kind == ErrorKind.CONNECTION
    assert "DNS" in error.message
    assert "gw.example.com" in error.message


def test_tls_failure() -> None:
    cause = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    error = transport_error(_connect_error(cause), TARGET, streaming=False)
    assert error.kind == ErrorKind.CONNECTION
    assert "TLS" in error.message
    assert "CERTIFICATE_VERIFY_FAILED" in error.message


def test_cause_found_through_an_exception_group() -> None:
    group = ExceptionGroup("connect", [ConnectionRefusedError(111, "nope")])
    error = transport_error(_connect_error(group), TARGET, streaming=False)
    assert "refused" in error.message


def test_broken_stream_after_the_headers_is_interrupted() -> None:
    exc = httpx.RemoteProtocolError("peer closed connection without sending complete message body")
    error = transport_error(exc, TARGET, streaming=True)
    assert error.kind == ErrorKind.INTERRUPTED
    assert "peer closed connection" in error.message


def test_protocol_error_before_any_reply_is_a_connection_problem() -> None:
    exc = httpx.RemoteProtocolError("Server disconnected without sending a response.")
    error = transport_error(exc, TARGET, streaming=False)
    assert error.kind == ErrorKind.CONNECTION


@pytest.mark.parametrize(
    ("status", "state", "message", "kind"),
    [
        (429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", ErrorKind.RATE_LIMIT),
        (400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", ErrorKind.BAD_REQUEST),
        (403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers.", ErrorKind.AUTH),
        (503, "UNAVAILABLE", "The model is overloaded. Please try again later.", ErrorKind.SERVER),
    ],
)
def test_a_list_of_error_objects_gives_the_first_message(
    status: int, state: str, message: str, kind: ErrorKind
) -> None:
    """Google's APIs wrap the error in a list (issue 11 §6.1); its message was shown as "HTTP 429 …"."""
    body = json.dumps([{"error": {"code": status, "message": message, "status": state}}])
    error = http_error(*_response(status, body))
    assert (error.kind, error.message) == (kind, message)


def test_openai_insufficient_quota_at_429_is_still_quota() -> None:
    body = _openai("You exceeded your current quota, please check your plan.", code="insufficient_quota")
    assert http_error(*_response(429, body)).kind == ErrorKind.QUOTA


def test_an_error_body_nested_too_deep_keeps_the_status_kind() -> None:
    error = http_error(*_response(401, "[" * 3000 + "]" * 3000))
    assert error.kind == ErrorKind.AUTH
    assert (
        error.message
        == "HTTP 401 Unauthorized from gw.example.com (its error body was nested too deep to read)"
    )
