"""The record of one HTTP exchange behind a reply, for the stream inspector (`sluice inspect`).

`ExchangeRecorder` is handed to `ChatClient.stream_chat(recorder=…)`; the client tells it the request it
sends, the response's status and headers, and every body chunk as it arrives. On the stream path it costs
O(chunk): one timestamp and one bytes object appended to two lists (the chunk is the one the client already
holds, not a copy). Past `cap` bytes it only counts what it drops.

Secrets never enter a record: header values are redacted when recorded (auth headers, cookies, any header
whose name says key/token/secret/password or that the profile marks secret, any value holding the key),
and the URL and body go through `redact()` as well.

A record is stored as one zlib-compressed blob: a JSON header (request, response, chunk sizes and times)
followed by the chunks' raw bytes, so what is read back is exactly what arrived.
"""

from __future__ import annotations

import codecs
import json
import re
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from app.core.errors import redact
from app.core.models import Profile

DEFAULT_CAP = 2 * 1024 * 1024  # bytes of body chunks kept per reply; the rest is counted, not kept
BODY_CAP = 2 * 1024 * 1024  # bytes of the request body kept (a request with big images is cut)
REDACTED = "[redacted]"
# Where the key was, in a recorded header: `sluice inspect --curl` turns it back into the shell variable.
KEY_PLACEHOLDER = "$SLUICE_API_KEY"
_FORMAT = 1

# Headers that carry credentials by their nature, whatever their value looks like.
_SECRET_NAMES = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"}
)
# A header whose name has one of these words (split on - and _) is treated as secret too.
# (text that `re` compiles on first use: the store imports this module at every start, and ~0.3 ms of
# compiling is wasted on a start that records nothing)
_SECRET_WORD = r"(?i)(?:^|[-_])(?:key|apikey|token|secret|auth|password|passwd|session)(?:[-_]|$)"


def is_secret_header(name: str, marked: Iterable[str] = ()) -> bool:
    lowered = name.lower()
    return (
        lowered in _SECRET_NAMES
        or bool(re.search(_SECRET_WORD, lowered))
        or lowered in {m.lower() for m in marked}
    )


def redact_headers(
    headers: Iterable[tuple[str, str]],
    *,
    key: str | None = None,
    marked: Iterable[str] = (),
    secrets: Iterable[str] = (),
) -> list[tuple[str, str]]:
    """Headers with every secret value replaced by "[redacted]"; the rest pass through `redact()`.

    A value that carries `key` keeps its shape with the key as KEY_PLACEHOLDER ("Bearer $SLUICE_API_KEY").
    """
    marked = tuple(marked)
    known = [s for s in secrets if s]
    out = []
    for name, value in headers:
        if key and key in value and not any(s in value.replace(key, "") for s in known):
            out.append((name, value.replace(key, KEY_PLACEHOLDER)))
        elif is_secret_header(name, marked) or any(s in value for s in known):
            out.append((name, REDACTED))
        else:
            out.append((name, redact(value)))
    return out


@dataclass
class ExchangeRecord:
    """What went over the wire for one reply (the last attempt, when redirects or retries made several)."""

    method: str = ""
    url: str = ""
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    body_truncated: bool = False
    status: int | None = None
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    times_ms: list[float] = field(default_factory=list)
    chunks: list[bytes] = field(default_factory=list)
    dropped_bytes: int = 0

    def chunk_texts(self) -> list[str]:
        """Each chunk as text, decoded across chunk borders: joined, they are the whole body's text."""
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        texts = [decoder.decode(piece) for piece in self.chunks]
        tail = decoder.decode(b"", final=True)
        if tail and texts:
            texts[-1] += tail
        return texts

    def as_json(self) -> dict[str, object]:
        """The shape `sluice inspect --json` prints."""
        try:
            body: object = json.loads(self.body)
        except ValueError:
            body = self.body.decode("utf-8", errors="replace")
        return {
            "request": {
                "method": self.method,
                "url": self.url,
                "headers": dict(self.request_headers),
                "body": body,
                "body_truncated": self.body_truncated,
            },
            "response": {"status": self.status, "headers": dict(self.response_headers)},
            "chunks": [
                {"t_ms": round(t, 1), "text": text}
                for t, text in zip(self.times_ms, self.chunk_texts(), strict=True)
            ],
            "dropped_bytes": self.dropped_bytes,
        }

    def to_blob(self) -> bytes:
        header = {
            "format": _FORMAT,
            "method": self.method,
            "url": self.url,
            "request_headers": self.request_headers,
            "body_size": len(self.body),
            "body_truncated": self.body_truncated,
            "status": self.status,
            "response_headers": self.response_headers,
            "times_us": [round(t * 1000) for t in self.times_ms],  # ints: a float's repr costs 5x
            "sizes": [len(c) for c in self.chunks],
            "dropped_bytes": self.dropped_bytes,
        }
        head = json.dumps(header, ensure_ascii=False).encode()
        return zlib.compress(b"".join([len(head).to_bytes(4, "big"), head, self.body, *self.chunks]), 6)

    @classmethod
    def from_blob(cls, blob: bytes) -> ExchangeRecord:
        """Read a stored record. ValueError for a blob that is not one (damaged, or a newer format)."""
        try:
            raw = zlib.decompress(blob)
            size = int.from_bytes(raw[:4], "big")
            header = json.loads(raw[4 : 4 + size])
        except (zlib.error, ValueError) as exc:
            raise ValueError(f"not an exchange record: {exc}") from None
        if not isinstance(header, dict) or header.get("format") != _FORMAT:
            raise ValueError("an exchange record of an unknown format")
        pos = 4 + size
        body = raw[pos : pos + header["body_size"]]
        pos += header["body_size"]
        chunks = []
        for n in header["sizes"]:
            chunks.append(raw[pos : pos + n])
            pos += n
        return cls(
            method=header["method"],
            url=header["url"],
            request_headers=[(str(k), str(v)) for k, v in header["request_headers"]],
            body=body,
            body_truncated=bool(header["body_truncated"]),
            status=header["status"],
            response_headers=[(str(k), str(v)) for k, v in header["response_headers"]],
            times_ms=[int(t) / 1000 for t in header["times_us"]],
            chunks=chunks,
            dropped_bytes=int(header["dropped_bytes"]),
        )


class ExchangeRecorder:
    """Fills an ExchangeRecord as the client works; see the module docstring for the cost and the secrets.

    `key` is the API key (shown as KEY_PLACEHOLDER where a header carried it); `secrets` other exact values
    to keep out (secret header values); `marked` the header names the profile keeps secret.
    """

    def __init__(
        self,
        *,
        cap: int = DEFAULT_CAP,
        clock: Callable[[], float] = time.perf_counter,
        key: str | None = None,
        secrets: Iterable[str] = (),
        marked: Iterable[str] = (),
    ) -> None:
        self.record = ExchangeRecord()
        self._cap = cap
        self._clock = clock
        self._key = key or None
        self._secrets = tuple(s for s in (key or "", *secrets) if s)
        self._marked = tuple(marked)
        self._t0 = clock()
        self._kept = 0

    def protect(self, profile: Profile, key: str | None) -> None:
        """Keep `profile`'s key and secret headers out of the record (called before each attempt; the
        secrets of earlier attempts stay protected too)."""
        marked = tuple(getattr(profile, "secret_headers", ()))  # profiles whose headers live in the keyring
        values = [value for name, value in profile.headers if name in marked]
        self._key = key or None
        self._marked = (*self._marked, *marked)
        self._secrets = tuple(dict.fromkeys(s for s in (*self._secrets, key or "", *values) if s))

    def request(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> None:
        """A request is about to be sent: starts the record afresh (a redirect or a retry replaces it)."""
        kept = body[:BODY_CAP]
        text = kept.decode("utf-8", errors="replace")
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        url_text = url
        for secret in self._secrets:
            url_text = url_text.replace(secret, REDACTED)
        self.record = ExchangeRecord(
            method=method,
            url=redact(url_text),
            request_headers=redact_headers(
                headers.items(), key=self._key, marked=self._marked, secrets=self._secrets
            ),
            body=redact(text).encode(),
            body_truncated=len(body) > BODY_CAP,
        )
        self._kept = 0
        self._t0 = self._clock()

    def response(self, status: int, headers: Iterable[tuple[str, str]]) -> None:
        self.record.status = status
        self.record.response_headers = redact_headers(headers, marked=self._marked, secrets=self._secrets)

    def chunk(self, data: bytes) -> None:
        """One body chunk arrived. O(len(data)) at most (a cut at the cap), O(1) otherwise."""
        room = self._cap - self._kept
        if room <= 0:
            self.record.dropped_bytes += len(data)
            return
        if len(data) > room:
            self.record.dropped_bytes += len(data) - room
            data = data[:room]
        self._kept += len(data)
        self.record.times_ms.append((self._clock() - self._t0) * 1000.0)
        self.record.chunks.append(data)

    def seal(self) -> ExchangeRecord:
        """The record, with any exact secret in the body masked: called once, when the reply has ended.

        Gateways echo keys in error bodies. Each secret becomes as many "*" as it has bytes, so chunk sizes
        and borders stay as they arrived (a secret split across two chunks is masked in both).
        """
        record = self.record
        whole = b"".join(record.chunks)
        masked = whole
        for secret in self._secrets:
            raw = secret.encode()
            masked = masked.replace(raw, b"*" * len(raw))
        if masked != whole:
            pos = 0
            for i, piece in enumerate(record.chunks):
                record.chunks[i] = masked[pos : pos + len(piece)]
                pos += len(piece)
        return record
