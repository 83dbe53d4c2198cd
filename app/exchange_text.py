"""An exchange record in words: the timeline, one summary per SSE event, and a cURL command (no Qt).

Shared by `sluice inspect` and the window's Inspect panel. Text from the gateway is escaped here (control
characters, line separators), so it cannot drive a terminal or break a line.
"""

from __future__ import annotations

import json
import shlex

from app.core.errors import SluiceError
from app.core.exchange import KEY_PLACEHOLDER, REDACTED, ExchangeRecord
from app.wire.sse import SSEDecoder

_SUMMARY_CHARS = 48
# Characters a terminal or a line reader could take as commands or line breaks; shown escaped.
_UNSAFE = {code: f"\\u{code:04x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


def event_rows(record: ExchangeRecord) -> list[tuple[float, int, str]]:
    """(ms since the request, bytes, what the chunk completed) for each chunk."""
    decoder = SSEDecoder()
    rows = []
    for t_ms, piece in zip(record.times_ms, record.chunks, strict=True):
        try:
            events = [_summary(e.event, e.data) for e in decoder.feed(piece)]
        except Exception:  # a broken stream is what one inspects; show the bytes, not a traceback
            events = []
        shown = "; ".join(events) if events else _quoted(piece.decode("utf-8", errors="replace"))
        rows.append((t_ms, len(piece), shown))
    return rows


def safe(text: str) -> str:
    return text.translate(_UNSAFE)


def timeline(record: ExchangeRecord, message_id: int) -> str:
    """Request line, response head, then one line per chunk: +ms, bytes, what the chunk completed."""
    lines = [f"reply {message_id}", f"{record.method} {safe(record.url)}"]
    lines += [f"  {safe(name)}: {safe(value)}" for name, value in record.request_headers]
    size = len(record.body)
    lines.append(f"  body: {size} bytes{' (cut: it was larger)' if record.body_truncated else ''}")
    if record.status is None:
        lines.append("no response (the connection failed before one arrived)")
    else:
        lines.append(f"HTTP {record.status}")
        lines += [f"  {safe(name)}: {safe(value)}" for name, value in record.response_headers]
    total = 0
    for t_ms, size, shown in event_rows(record):
        total += size
        lines.append(f"+{t_ms:9.1f} ms {size:7d} B  {shown}")
    lines.append(f"{len(record.chunks)} chunks, {total} bytes")
    if record.dropped_bytes:
        lines.append(f"{record.dropped_bytes} more bytes arrived and were not kept (the record's cap)")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    cut = text[:_SUMMARY_CHARS]
    return safe(json.dumps(cut, ensure_ascii=False)) + ("…" if len(text) > len(cut) else "")


def _summary(event: str | None, data: str) -> str:
    """A few words for one SSE event: content/reasoning text, finish reason, usage, error, [DONE]."""
    if data.strip() == "[DONE]":
        return "[DONE]"
    prefix = f"event:{safe(event)} " if event else ""
    try:
        payload = json.loads(data)
    except ValueError:
        return prefix + "data " + _quoted(data)
    if not isinstance(payload, dict):
        return prefix + "data " + _quoted(data)
    if "error" in payload:
        return prefix + "error " + _quoted(json.dumps(payload["error"], ensure_ascii=False))
    parts = []
    choices = payload.get("choices")
    for choice in choices if isinstance(choices, list) else []:
        if not isinstance(choice, dict):
            continue
        delta = choice.get("delta") or choice.get("message") or {}
        if isinstance(delta, dict):
            for field in ("reasoning_content", "reasoning", "content"):
                text = delta.get(field)
                if isinstance(text, str) and text:
                    word = "content" if field == "content" else "reasoning"
                    parts.append(f"{word} {_quoted(text)}")
            if delta.get("tool_calls"):
                parts.append("tool call")
        if choice.get("finish_reason"):
            parts.append(f"finish {safe(str(choice['finish_reason']))}")
    usage = payload.get("usage")
    if isinstance(usage, dict):
        parts.append(f"usage {usage.get('prompt_tokens')}→{usage.get('completion_tokens')}")
    return prefix + (", ".join(parts) if parts else "chunk")


def curl_command(record: ExchangeRecord) -> str:
    """A shell command that sends the recorded request again, the key read from $SLUICE_API_KEY.

    Headers whose values were redacted (other than the key's) are left out and named in a comment: the
    record never had them. Every word is quoted with shlex; the key is the only expansion.
    """
    if record.body_truncated:
        raise SluiceError(
            "This request's body was larger than the record keeps, so it cannot be sent again from it."
        )
    words = ["curl", "-sS", "-N", "--compressed", "-X", shlex.quote(record.method), shlex.quote(record.url)]
    left_out = []
    for name, value in record.request_headers:
        if name.lower() == "accept-encoding":
            continue  # --compressed asks for what curl decodes
        if KEY_PLACEHOLDER in value:
            before, _, after = value.partition(KEY_PLACEHOLDER)
            word = shlex.quote(f"{name}: {before}") + '"$SLUICE_API_KEY"'
            words += ["-H", word + (shlex.quote(after) if after else "")]
        elif value == REDACTED:
            left_out.append(name)
        else:
            words += ["-H", shlex.quote(f"{name}: {value}")]
    words += ["--data-binary", shlex.quote(record.body.decode("utf-8", errors="replace"))]
    command = " ".join(words)
    if left_out:
        command = f"# left out (their values are never recorded): {', '.join(left_out)}\n{command}"
    return command
