"""The recorded wire cases (tests/wire_cases/*.json) and how a client's result is compared with them.

Independent of how the bytes reach the decoder: unit tests feed them directly, integration tests replay
them from a real HTTP server. See tests/wire_cases/README.md for the fields.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import ChatError
from app.core.events import (
    ContentDelta,
    Finish,
    ReasoningDelta,
    StreamEvent,
    ToolCallsDone,
    UsageReport,
)
from app.core.models import ToolCall, Usage

CASES_DIR = Path(__file__).resolve().parents[1] / "wire_cases"

_EOL = re.compile(rb"\r\n|\r|\n")

Cuts = str | list[int] | None


@dataclass(frozen=True)
class WireCase:
    """One recorded HTTP response and what a correct client makes of it."""

    name: str
    about: str
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes  # as sent on the wire: gzipped when content-encoding is gzip
    cuts: Cuts
    gap_ms: float
    end: str | None  # None, "drop" or "hold"
    expect: dict[str, Any]
    file: Path

    @property
    def text_body(self) -> bytes:
        """The body after content decoding: what the SSE decoder sees."""
        if self.headers.get("content-encoding", "").lower() == "gzip":
            return gzip.decompress(self.body)
        return self.body

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_event_stream(self) -> bool:
        return self.status == 200 and self.content_type == "text/event-stream"

    @property
    def max_seconds(self) -> float | None:
        value = self.expect.get("max_seconds")
        return float(value) if value is not None else None

    def fragments(self) -> list[bytes]:
        """The body cut into the network writes the case asks for."""
        return split_body(self.body, self.cuts)


def load_cases(directory: Path = CASES_DIR) -> list[WireCase]:
    """Every case in the folder, in file-name order."""
    cases = []
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        headers = {str(k).lower(): str(v) for k, v in raw.get("headers", {}).items()}
        body = raw["body"].encode("utf-8")
        if headers.get("content-encoding", "").lower() == "gzip":
            body = gzip.compress(body, mtime=0)
        cases.append(
            WireCase(
                name=path.stem,
                about=raw.get("about", ""),
                status=int(raw["status"]),
                headers=headers,
                body=body,
                cuts=raw.get("cuts"),
                gap_ms=float(raw.get("gap_ms", 2)),
                end=raw.get("end"),
                expect=raw["expect"],
                file=path,
            )
        )
    return cases


def split_body(body: bytes, cuts: Cuts) -> list[bytes]:
    """Cut `body` into writes: None = after each blank-line-terminated event, "bytes:N" = every N bytes,
    a list = at those byte offsets. No piece is empty; joined, the pieces are `body`."""
    if cuts is None:
        offsets = _event_ends(body)
    elif isinstance(cuts, str):
        kind, _, size = cuts.partition(":")
        if kind != "bytes" or not size.isdigit() or int(size) < 1:
            raise ValueError(f"unknown cuts {cuts!r}")
        offsets = list(range(int(size), len(body), int(size)))
    else:
        offsets = list(cuts)
    bounds = sorted({0, len(body), *(o for o in offsets if 0 < o < len(body))})
    return [body[a:b] for a, b in itertools.pairwise(bounds)]


def _event_ends(body: bytes) -> list[int]:
    # An event ends with an empty line: a line ending that directly follows another one.
    ends = []
    previous_end = 0  # the body's start counts as a line start, not as an empty line
    for match in _EOL.finditer(body):
        if match.start() == previous_end and match.start() > 0:
            ends.append(match.end())
        previous_end = match.end()
    return ends


@dataclass
class Collected:
    """What a client made of a reply, accumulated from its stream events."""

    content: str = ""
    reasoning: str = ""
    finish_reason: str | None = None
    usage: Usage | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    error: ChatError | None = None
    events: list[StreamEvent] = field(default_factory=list)

    def add(self, event: StreamEvent) -> None:
        self.events.append(event)
        if isinstance(event, ContentDelta):
            self.content += event.text
        elif isinstance(event, ReasoningDelta):
            self.reasoning += event.text
        elif isinstance(event, Finish):
            self.finish_reason = event.reason
        elif isinstance(event, UsageReport):
            self.usage = event.usage  # some gateways send usage in every chunk: the last one wins
        elif isinstance(event, ToolCallsDone):
            self.tool_calls = event.calls

    def add_all(self, events: Iterable[StreamEvent]) -> None:
        for event in events:
            self.add(event)


def assert_matches(collected: Collected, expect: Mapping[str, Any]) -> None:
    """Fail with a readable message unless `collected` is what `expect` describes (README's rules)."""
    problems = []

    def check(label: str, got: object, want: object) -> None:
        if got != want:
            problems.append(f"{label}: got {got!r}, expected {want!r}")

    check("content", collected.content.strip(), str(expect.get("content") or "").strip())
    check("reasoning", collected.reasoning.strip(), str(expect.get("reasoning") or "").strip())
    check("finish_reason", collected.finish_reason, expect.get("finish_reason"))
    usage = expect.get("usage")
    check("usage", collected.usage, Usage(**usage) if usage is not None else None)
    want_calls = tuple(ToolCall(**call) for call in expect.get("tool_calls") or ())
    check("tool_calls", collected.tool_calls, want_calls)
    error = expect.get("error")
    if error is None:
        if collected.error is not None:
            problems.append(f"error: got {collected.error.kind}: {collected.error.message!r}, expected none")
    elif collected.error is None:
        problems.append(f"error: got none, expected {error!r}")
    else:
        check("error kind", str(collected.error.kind), error["kind"])
        contains = error.get("message_contains")
        if contains is not None and contains not in collected.error.message:
            problems.append(f"error message {collected.error.message!r} lacks {contains!r}")
        if "retry_after" in error:
            want = error["retry_after"]
            check("retry_after", collected.error.retry_after, float(want) if want is not None else None)
    if problems:
        raise AssertionError("; ".join(problems))
