"""`sluice inspect`: what went over the wire for one reply: a timeline, the record as JSON, or cURL.

The record is kept by the stream inspector (app/core/exchange.py) for every saved reply while
`record_exchanges` is on in settings.toml. Nothing here prints a key: the record never held one, and the
cURL command reads it from `$SLUICE_API_KEY` when it runs.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from typing import TextIO

from app.core.errors import SluiceError
from app.core.exchange import KEY_PLACEHOLDER, REDACTED, ExchangeRecord
from app.home import Home
from app.wire.sse import SSEDecoder

_SUMMARY_CHARS = 48
# Characters a terminal or a line reader could take as commands or line breaks; shown escaped.
_UNSAFE = {code: f"\\u{code:04x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


def add_inspect_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    inspect = sub.add_parser("inspect", help="show what went over the wire for a reply (stream inspector)")
    which = inspect.add_mutually_exclusive_group(required=True)
    which.add_argument("--last", action="store_true", help="the most recent reply that has a record")
    which.add_argument("--id", type=int, metavar="MESSAGE_ID", help="the reply with this message id")
    out = inspect.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="the whole record as one JSON object")
    out.add_argument(
        "--curl", action="store_true", help="a cURL command that sends the request again ($SLUICE_API_KEY)"
    )


def run_inspect(args: argparse.Namespace, home: Home, out: TextIO = sys.stdout) -> int:
    from app.store.conversations import ConversationStore

    store = ConversationStore.open(home.db_path)
    try:
        message_id = store.last_exchange_message() if args.last else args.id
        if message_id is None:
            raise SluiceError(
                "No reply has an exchange record yet (record_exchanges = true in settings.toml keeps them)."
            )
        record = store.exchange(message_id)
    finally:
        store.close()
    if record is None:
        raise SluiceError(
            f"Message {message_id} has no exchange record (recording was off, the message is not a reply, "
            "or it does not exist)."
        )
    if args.json:
        out.write(json.dumps(record.as_json(), ensure_ascii=False).translate(_JSON_EXTRA) + "\n")
    elif args.curl:
        out.write(curl_command(record) + "\n")
    else:
        out.write(timeline(record, message_id))
    return 0


_JSON_EXTRA = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


def _safe(text: str) -> str:
    return text.translate(_UNSAFE)


def timeline(record: ExchangeRecord, message_id: int) -> str:
    """Request line, response head, then one line per chunk: +ms, bytes, what the chunk completed."""
    lines = [f"reply {message_id}", f"{record.method} {_safe(record.url)}"]
    lines += [f"  {_safe(name)}: {_safe(value)}" for name, value in record.request_headers]
    size = len(record.body)
    lines.append(f"  body: {size} bytes{' (cut: it was larger)' if record.body_truncated else ''}")
    if record.status is None:
        lines.append("no response (the connection failed before one arrived)")
    else:
        lines.append(f"HTTP {record.status}")
        lines += [f"  {_safe(name)}: {_safe(value)}" for name, value in record.response_headers]
    decoder = SSEDecoder()
    total = 0
    for t_ms, piece in zip(record.times_ms, record.chunks, strict=True):
        total += len(piece)
        try:
            events = [_summary(e.event, e.data) for e in decoder.feed(piece)]
        except Exception:  # a broken stream is what one inspects; show the bytes, not a traceback
            events = []
        shown = "; ".join(events) if events else _quoted(piece.decode("utf-8", errors="replace"))
        lines.append(f"+{t_ms:9.1f} ms {len(piece):7d} B  {shown}")
    lines.append(f"{len(record.chunks)} chunks, {total} bytes")
    if record.dropped_bytes:
        lines.append(f"{record.dropped_bytes} more bytes arrived and were not kept (the record's cap)")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    cut = text[:_SUMMARY_CHARS]
    return _safe(json.dumps(cut, ensure_ascii=False)) + ("…" if len(text) > len(cut) else "")


def _summary(event: str | None, data: str) -> str:
    """A few words for one SSE event: content/reasoning text, finish reason, usage, error, [DONE]."""
    if data.strip() == "[DONE]":
        return "[DONE]"
    prefix = f"event:{_safe(event)} " if event else ""
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
            parts.append(f"finish {_safe(str(choice['finish_reason']))}")
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
