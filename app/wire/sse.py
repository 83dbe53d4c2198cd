"""Server-sent events from raw bytes, as the WHATWG "event stream" spec reads them. No I/O.

The decoder is fed whatever the network delivers. Lines are split on CR, LF or CRLF *as bytes* and only a
complete line is decoded (UTF-8, errors replaced), so a character cut between two network reads is never
broken, and U+2028 / U+2029 / NEL inside a JSON string stay text (str.splitlines would split on them).

Each feed scans only the bytes it was given; a long line grows one bytearray, so decoding is O(n) in the
bytes fed however the body is cut. A line, and the data of one event, are capped at MAX_LINE: a gateway that
sends more without a line ending (or endless `data:` lines without the blank line that ends an event) gets
a `protocol` error, and the decoder holds at most MAX_LINE plus one network read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.errors import ChatError, ErrorKind

MAX_LINE = 16 * 1024 * 1024  # bytes. A chunk is a few kB, but a whole reply (an image) may come as one event
_BOM = b"\xef\xbb\xbf"
_EOL = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event. `event` is None for the default ("message") type; `id` is the last event id."""

    event: str | None
    data: str
    id: str | None = None


class SSEDecoder:
    """Turns a byte stream into ServerSentEvents: call `feed()` per network read, `flush()` at end of body.

    End of body (`flush`): the spec discards an event that no blank line terminated. We are lenient: if
    complete data lines are pending (the server closed after ``data: …\\n`` without the blank line), the
    event is dispatched, because some gateways end the body that way and the text is whole. A trailing
    fragment with no line ending at all is dropped: it is most likely a write cut short, and a half JSON
    object would only turn an "interrupted" reply into a confusing protocol error.
    """

    def __init__(self) -> None:
        self._line = bytearray()  # the current, not yet terminated line
        self._head = b""  # the stream's first bytes, held until we know whether they are a BOM
        self._started = False
        self._after_cr = False  # the last byte fed ended a line with CR: a leading LF next is its pair
        self._data: list[str] = []
        self._event: str | None = None
        self._last_id: str | None = None
        self._data_size = 0  # characters in self._data, the pending event
        self._failed: ChatError | None = None  # a line went over MAX_LINE: every later call raises it

    def feed(self, data: bytes) -> list[ServerSentEvent]:
        """Consume one network read; return the events it completed.

        Raises ChatError(PROTOCOL) once a line is longer than MAX_LINE. Events completed before that line in
        the same read are returned first; the error is then raised by the next `feed` or `flush`.
        """
        if self._failed is not None:
            raise self._failed
        if not data:
            return []
        if not self._started:
            data = self._strip_bom(data)
            if not data:
                return []
        events: list[ServerSentEvent] = []
        pos = 0
        if self._after_cr:
            self._after_cr = False
            if data[:1] == b"\n":
                pos = 1
        end = len(data)
        for match in _EOL.finditer(data, pos):
            if len(self._line) + match.start() - pos > MAX_LINE:
                return self._fail(events, "a line")
            if self._line:
                self._line += data[pos : match.start()]
                raw = bytes(self._line)
                self._line.clear()
            else:
                raw = data[pos : match.start()]
            self._take_line(raw.decode("utf-8", errors="replace"), events)
            if self._data_size > MAX_LINE:
                return self._fail(events, "an event")
            pos = match.end()
            if pos == end and match.group() == b"\r":
                self._after_cr = True
        if pos < end:
            if len(self._line) + end - pos > MAX_LINE:
                return self._fail(events, "a line")
            self._line += data[pos:]
        return events

    def _fail(self, events: list[ServerSentEvent], what: str) -> list[ServerSentEvent]:
        self._line = bytearray()  # release the memory now, not when the decoder is dropped
        self._data = []
        self._data_size = 0
        self._failed = ChatError(
            ErrorKind.PROTOCOL,
            f"The gateway sent {what} longer than {MAX_LINE // (1024 * 1024)} MB; reading stopped there.",
        )
        if events:
            return events
        raise self._failed

    def flush(self) -> list[ServerSentEvent]:
        """The body ended: dispatch an event whose complete data lines were not followed by a blank line."""
        if self._failed is not None:
            raise self._failed
        if not self._started:
            # Fewer than three bytes arrived, all a prefix of the BOM: nothing a line can be made of.
            self._started = True
            self._head = b""
        self._line.clear()
        self._after_cr = False
        events: list[ServerSentEvent] = []
        self._dispatch(events)
        return events

    def _strip_bom(self, data: bytes) -> bytes:
        # The BOM itself may arrive split over one-byte reads: hold bytes while they could still be one.
        head = self._head + data
        if len(head) < len(_BOM) and _BOM.startswith(head):
            self._head = head
            return b""
        self._started = True
        self._head = b""
        return head[len(_BOM) :] if head.startswith(_BOM) else head

    def _take_line(self, line: str, events: list[ServerSentEvent]) -> None:
        if not line:
            self._dispatch(events)
            return
        if line.startswith(":"):
            return  # a comment: keep-alives such as ": OPENROUTER PROCESSING"
        field, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if field == "data":
            self._data.append(value)
            self._data_size += len(value) + 1
        elif field == "event":
            self._event = value or None
        elif field == "id" and "\0" not in value:  # the spec ignores ids containing NUL
            self._last_id = value
        # "retry" and unknown fields are ignored: reconnection is the session's business, not the server's.

    def _dispatch(self, events: list[ServerSentEvent]) -> None:
        if self._data:
            events.append(ServerSentEvent(self._event, "\n".join(self._data), self._last_id))
        self._data = []
        self._data_size = 0
        self._event = None
