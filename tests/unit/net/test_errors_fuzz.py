"""Fuzz (issue 12): any error answer a gateway can give — status, Content-Type, Retry-After and body bytes,
JSON-shaped or not, nested deep or not — maps to one ChatError in the taxonomy, never another exception."""

from __future__ import annotations

import json

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import ErrorKind
from app.net.errors import http_error

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["error", "message", "msg", "detail", "code", "type", "status"]), inner
        )
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=25,
)
BODY = st.one_of(
    st.binary(max_size=600),
    JSON.map(lambda v: json.dumps(v, ensure_ascii=False).encode()),
    st.integers(1, 5000).map(lambda n: b"[" * n + b"]" * n),  # RecursionError from ~1,000 before the bound
    st.integers(1, 5000).map(lambda n: b'{"error": {"message": ' + b"[" * n + b"]" * n + b"}}"),
    st.text(max_size=800).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.sampled_from([b"<!DOCTYPE html><h1>502</h1>", b'{"error": "\\ud800"}', b"\xef\xbb\xbf{}"]),
)
CTYPE = st.sampled_from(
    ["application/json", "text/html", "text/plain", "", "application/problem+json", "text/event-stream"]
) | st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
RETRY = (
    st.none()
    | st.sampled_from(["20", "-5", "1e309", "nan", "Wed, 21 Oct 2015 07:28:00 GMT", ""])
    | st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
)


@FUZZ
@given(st.integers(400, 599), CTYPE, RETRY, BODY)
def test_any_error_answer_maps_to_one_chat_error(
    status: int, ctype: str, retry: str | None, body: bytes
) -> None:
    headers = {"content-type": ctype}
    if retry is not None:
        headers["retry-after"] = retry
    response = httpx.Response(
        status, headers=headers, content=body, request=httpx.Request("POST", "https://gw.example/v1/x")
    )
    error = http_error(response, body)
    assert error.kind in set(ErrorKind) - {ErrorKind.KEY}
    assert error.message.strip() and len(error.message) <= 500 and "\n" not in error.message
    error.message.encode("utf-8")  # printable and storable: no lone surrogate
    assert error.retry_after is None or error.retry_after >= 0
    assert error.describe()
