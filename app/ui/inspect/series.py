"""What the Inspect chart draws, from a recorded exchange: bytes and pieces of text over time. No Qt.

Bytes are each chunk's length. "Pieces" are the content and reasoning deltas the chunk completed, found by
feeding the recorded bytes through the same SSE decoder and chunk interpreter the client uses
(app.wire): a piece is what the gateway sent as one delta, often one token but not always (some gateways
batch several tokens per delta, and a `<think>` split makes two), so the chart calls them pieces, never
tokens. The gateway's own token count, when its usage arrived, is kept beside them (`reported_tokens`).

Bounded as the stream is: the record holds at most 2 MB of chunks, the decoder cuts lines at its limit and
the interpreter parses JSON at a bounded depth; a stream that turns bad stops the counting there (what was
counted so far stays), as a broken stream is exactly what one inspects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import ChatError
from app.core.events import ContentDelta, ReasoningDelta, StreamEvent, UsageReport
from app.core.exchange import ExchangeRecord
from app.wire.bounded_json import JSONTooDeepError, loads_bounded
from app.wire.chunks import ChunkInterpreter, completion_events
from app.wire.sse import SSEDecoder


@dataclass
class StreamSeries:
    """One point per chunk: (ms since the request was sent, total so far)."""

    bytes: list[tuple[float, int]] = field(default_factory=list)
    pieces: list[tuple[float, int]] = field(default_factory=list)
    reported_tokens: int | None = None  # the last usage's completion_tokens, if the gateway sent one


def stream_series(record: ExchangeRecord) -> StreamSeries:
    series = StreamSeries()
    decoder, interpreter = SSEDecoder(), ChunkInterpreter()
    total_bytes = pieces = 0
    counting, any_event = True, False
    for index, (t_ms, chunk) in enumerate(zip(record.times_ms, record.chunks, strict=True)):
        total_bytes += len(chunk)
        if counting:
            try:
                events: list[StreamEvent] = []
                for event in decoder.feed(chunk):
                    any_event = True
                    events += interpreter.feed(event)
                if index == len(record.chunks) - 1:  # the body ended here: what was held back
                    for event in decoder.flush():
                        any_event = True
                        events += interpreter.feed(event)
                    events += interpreter.finish()
                pieces += _count(events, series)
            except (ChatError, ValueError, UnicodeDecodeError):
                counting = False  # an error event, or bytes that are not a stream: counted so far stays
        series.bytes.append((t_ms, total_bytes))
        series.pieces.append((t_ms, pieces))
    if not any_event and record.chunks:
        _whole_completion(record, series)
    return series


def _count(events: list[StreamEvent], series: StreamSeries) -> int:
    count = 0
    for event in events:
        if isinstance(event, ContentDelta | ReasoningDelta) and event.text:
            count += 1
        elif isinstance(event, UsageReport) and event.usage.completion_tokens is not None:
            series.reported_tokens = event.usage.completion_tokens
    return count


def _whole_completion(record: ExchangeRecord, series: StreamSeries) -> None:
    """A gateway that ignored `stream: true` sent one JSON completion: its pieces came with the last byte."""
    try:
        obj = loads_bounded(b"".join(record.chunks).decode("utf-8"))
        events = completion_events(obj) if isinstance(obj, dict) else []
    except (ChatError, JSONTooDeepError, ValueError):
        return
    count = _count(events, series)
    if count:
        series.pieces[-1] = (series.pieces[-1][0], count)
