"""The stream inspector's record: secrets kept out, the cap, the stored form, text across split characters."""

from __future__ import annotations

import dataclasses
import json

import pytest

from app.core.exchange import KEY_PLACEHOLDER, REDACTED, ExchangeRecord, ExchangeRecorder

KEY = "azk0123456789abcdefSECRET"


def _recorder(**kwargs: object) -> ExchangeRecorder:
    ticks = iter(range(0, 10_000, 5))
    return ExchangeRecorder(clock=lambda: next(ticks) / 1000, key=KEY, **kwargs)  # type: ignore[arg-type]


def test_request_headers_keep_no_secret() -> None:
    rec = _recorder(secrets=["cookie-value-123"], marked=["X-Org"])
    headers = {
        "Authorization": f"Bearer {KEY}",
        "api-key": KEY,
        "Cookie": "session=abc123456",
        "X-Org": "org-42",
        "X-Session-Token": "tok-9999999",
        "X-Other": "cookie-value-123 inside",
        "X-Title": "Sluice",
        "X-Debug": "sk-proj-ABCDEFGHIJKL",
    }
    rec.request("POST", f"https://gw.example/v1/chat/completions?key={KEY}", headers, b'{"a": 1}')
    got = dict(rec.record.request_headers)
    assert got["Authorization"] == f"Bearer {KEY_PLACEHOLDER}"
    assert got["api-key"] == KEY_PLACEHOLDER
    for name in ("Cookie", "X-Org", "X-Session-Token", "X-Other"):
        assert got[name] == REDACTED, name
    assert got["X-Title"] == "Sluice"
    assert "ABCDEFGHIJKL" not in got["X-Debug"]  # redact()'s patterns still apply
    assert KEY not in rec.record.url
    blob = json.dumps(rec.seal().as_json())
    assert KEY not in blob and "abc123456" not in blob and "org-42" not in blob


def test_response_set_cookie_is_redacted() -> None:
    rec = _recorder()
    rec.request("POST", "http://h/v1/chat/completions", {}, b"{}")
    rec.response(200, [("set-cookie", "sid=verysecret"), ("content-type", "text/event-stream")])
    assert dict(rec.record.response_headers) == {"set-cookie": REDACTED, "content-type": "text/event-stream"}


def test_cap_counts_what_it_drops() -> None:
    rec = ExchangeRecorder(cap=10)
    rec.request("POST", "http://h", {}, b"")
    for piece in (b"abcd", b"efghij", b"klm", b"nopq"):
        rec.chunk(piece)
    record = rec.seal()
    assert b"".join(record.chunks) == b"abcdefghij"
    assert record.dropped_bytes == 7
    assert len(record.times_ms) == len(record.chunks) == 2


def test_a_new_request_starts_the_record_afresh() -> None:
    rec = _recorder()
    rec.request("POST", "http://h/a", {}, b"")
    rec.chunk(b"redirect body")
    rec.request("POST", "http://h/b", {}, b"")
    rec.chunk(b"x")
    assert rec.record.url == "http://h/b" and rec.record.chunks == [b"x"]


def test_key_split_across_chunks_is_masked_in_both_sizes_kept() -> None:
    rec = _recorder()
    rec.request("POST", "http://h", {}, b"")
    body = f'{{"error": "bad key {KEY}"}}'.encode()
    cut = body.index(KEY.encode()) + 5
    rec.chunk(body[:cut])
    rec.chunk(body[cut:])
    record = rec.seal()
    assert [len(c) for c in record.chunks] == [cut, len(body) - cut]
    assert b"".join(record.chunks) == body.replace(KEY.encode(), b"*" * len(KEY))


def test_blob_round_trip_is_exact_and_compressed() -> None:
    rec = _recorder()
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": "你好"}]}).encode()
    rec.request("POST", "http://h/v1/chat/completions", {"Accept": "text/event-stream"}, body)
    rec.response(200, [("content-type", "text/event-stream")])
    pieces = [b"data: " + b"x" * 1000 + b"\n\n"] * 50 + [b"\xe4\xbd", b"\xa0\n"]
    for piece in pieces:
        rec.chunk(piece)
    record = rec.seal()
    blob = record.to_blob()
    assert len(blob) < sum(map(len, pieces)) // 10
    back = ExchangeRecord.from_blob(blob)
    assert back == _to_the_microsecond(record)
    texts = back.chunk_texts()
    assert texts[-2:] == ["", "你\n"]  # a character split across chunks shows once, whole
    assert "".join(texts) == b"".join(pieces).decode()


@pytest.mark.parametrize("blob", [b"", b"not zlib", b"x\x9c\x03\x00\x00\x00\x00\x01"])
def test_damaged_blob_is_a_value_error(blob: bytes) -> None:
    with pytest.raises(ValueError):
        ExchangeRecord.from_blob(blob)


def _to_the_microsecond(record: ExchangeRecord) -> ExchangeRecord:
    """Times are stored in whole microseconds."""
    return dataclasses.replace(record, times_ms=[round(t * 1000) / 1000 for t in record.times_ms])
