"""SSEDecoder edge cases, each one a way a real stream could be misread."""

from __future__ import annotations

import pytest

from app.core.errors import ChatError, ErrorKind
from app.wire.sse import MAX_LINE, ServerSentEvent, SSEDecoder


def events_of(*pieces: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    out = []
    for piece in pieces:
        out.extend(decoder.feed(piece))
    return out + decoder.flush()


def bytewise(body: bytes) -> list[ServerSentEvent]:
    return events_of(*(body[i : i + 1] for i in range(len(body))))


def test_basic_event_and_default_type() -> None:
    assert events_of(b"data: hello\n\n") == [ServerSentEvent(None, "hello")]


def test_cr_at_end_of_one_read_and_lf_at_start_of_next_is_one_line_ending() -> None:
    # Counted as two endings, the CRLF would make an empty line and split "a" and "b" into two events.
    assert events_of(b"data: a\r", b"\ndata: b\r\n\r\n") == [ServerSentEvent(None, "a\nb")]


def test_lone_cr_at_end_of_a_read_ends_the_line_at_once() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: x\r") == []
    assert decoder.feed(b"\r") == [ServerSentEvent(None, "x")]


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_every_line_ending_works_read_byte_by_byte(ending: bytes) -> None:
    body = b"event: message" + ending + b"data: 1" + ending + ending + b"data: 2" + ending + ending
    assert bytewise(body) == [ServerSentEvent("message", "1"), ServerSentEvent(None, "2")]


def test_multibyte_characters_split_across_reads_survive() -> None:
    body = "data: 鲁迅🚀\n\n".encode()
    assert bytewise(body) == [ServerSentEvent(None, "鲁迅🚀")]


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    assert events_of(b"data: a\xffb\n\n") == [ServerSentEvent(None, "a\ufffdb")]


def test_bom_stripped_at_start_even_when_split() -> None:
    body = b"\xef\xbb\xbfdata: x\n\n"
    assert bytewise(body) == [ServerSentEvent(None, "x")]
    assert events_of(body[:2], body[2:]) == [ServerSentEvent(None, "x")]


def test_only_one_bom_and_only_at_start() -> None:
    # A second BOM makes the first field name "\ufeffdata", which is not "data": the spec ignores it.
    assert events_of(b"\xef\xbb\xbf\xef\xbb\xbfdata: x\n\n") == []
    assert events_of(b"data: a\n\n\xef\xbb\xbfdata: b\n\n") == [ServerSentEvent(None, "a")]
    assert events_of(b"data: \xef\xbb\xbfx\n\n") == [ServerSentEvent(None, "\ufeffx")]


def test_comments_are_skipped() -> None:
    body = b": keep-alive\n\n:\ndata: x\n: between lines\n\n"
    assert events_of(body) == [ServerSentEvent(None, "x")]


def test_multi_line_data_joined_with_newline() -> None:
    assert events_of(b"data: one\ndata:two\ndata\n\n") == [ServerSentEvent(None, "one\ntwo\n")]


def test_no_space_after_colon_and_only_one_space_removed() -> None:
    assert events_of(b"data:x\n\ndata:  y\n\n") == [ServerSentEvent(None, "x"), ServerSentEvent(None, " y")]


def test_id_is_kept_and_retry_is_ignored() -> None:
    body = b"id: 1\nretry: 1000\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: x\x00y\ndata: d\n\n"
    assert events_of(body) == [
        ServerSentEvent(None, "a", "1"),
        ServerSentEvent(None, "b", "1"),  # the last event id persists, as the spec says
        ServerSentEvent(None, "c", ""),
        ServerSentEvent(None, "d", ""),  # an id with NUL is ignored
    ]


def test_event_type_applies_to_one_event_only() -> None:
    body = b"event: error\ndata: e\n\ndata: m\n\n"
    assert events_of(body) == [ServerSentEvent("error", "e"), ServerSentEvent(None, "m")]


def test_event_without_data_is_not_dispatched_and_does_not_leak_its_type() -> None:
    assert events_of(b"event: ping\n\ndata: m\n\n") == [ServerSentEvent(None, "m")]


def test_unicode_line_separators_stay_inside_data() -> None:
    text = "a\u2028b\u2029c\x85d\x0be\x0cf"
    assert bytewise(f"data: {text}\n\n".encode()) == [ServerSentEvent(None, text)]


def test_flush_dispatches_complete_lines_without_the_blank_line() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: [DONE]\n") == []
    assert decoder.flush() == [ServerSentEvent(None, "[DONE]")]


def test_flush_drops_an_unterminated_fragment() -> None:
    # A line without its ending is most likely a write cut short: half a JSON object is no event.
    assert events_of(b'data: {"a": 1}\n\ndata: {"choi') == [ServerSentEvent(None, '{"a": 1}')]
    assert events_of(b"data: a\ndata: b") == [ServerSentEvent(None, "a")]


def test_flush_of_a_lone_bom_prefix_or_nothing() -> None:
    assert events_of(b"\xef\xbb") == []
    assert events_of() == []


def test_long_event_in_small_reads() -> None:
    payload = "字" * 200_000  # 600 kB of data in one line, read 1 kB at a time
    body = f"data: {payload}\n\n".encode()
    events = events_of(*(body[i : i + 1024] for i in range(0, len(body), 1024)))
    assert events == [ServerSentEvent(None, payload)]


def test_a_line_over_the_cap_is_a_protocol_error_after_the_events_before_it() -> None:
    decoder = SSEDecoder()
    block = b"x" * (1024 * 1024)
    assert decoder.feed(b"data: before\n\ndata: ") == [ServerSentEvent(None, "before")]
    with pytest.raises(ChatError) as refused:
        for _ in range(MAX_LINE // len(block) + 2):
            decoder.feed(block)
            assert len(decoder._line) <= MAX_LINE  # never more held than the cap
    assert refused.value.kind == ErrorKind.PROTOCOL and "longer than 16 MB" in refused.value.message
    assert len(decoder._line) == 0  # the memory is let go at once
    with pytest.raises(ChatError):
        decoder.flush()  # and the stream stays failed


def test_events_in_the_same_read_as_the_overlong_line_come_first() -> None:
    decoder = SSEDecoder()
    events = decoder.feed(b"data: a\n\ndata: " + b"x" * (MAX_LINE + 1))
    assert events == [ServerSentEvent(None, "a")]
    with pytest.raises(ChatError):
        decoder.feed(b"\n\n")


def test_a_line_just_under_the_cap_is_read() -> None:
    body = b"data: " + b"y" * (MAX_LINE - 6) + b"\n\n"
    assert events_of(body[:1000], body[1000:]) == [ServerSentEvent(None, "y" * (MAX_LINE - 6))]


def test_endless_data_lines_without_the_blank_line_are_capped_like_a_line() -> None:
    """Each line is short, but the event never ends: its data would grow without bound."""
    decoder = SSEDecoder()
    line = b"data: " + b"z" * 1000 + b"\n"
    with pytest.raises(ChatError) as refused:
        for _ in range(MAX_LINE // 1000 + 10):
            decoder.feed(line * 64)
    assert "an event longer than 16 MB" in refused.value.message
