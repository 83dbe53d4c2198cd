"""OpenAI-compatible chunks → typed stream events (app.core.events). No I/O.

Gateways differ in small ways; each tolerance below is one we have seen on the wire:
empty `choices` (Azure's prompt_filter_results, the include_usage chunk), `reasoning_content` (DeepSeek)
or `reasoning` (OpenRouter), `<think>…</think>` inside the content (models served raw), tool-call pieces
merged by `index`, usage in every chunk or inside the choice (Moonshot) or under `x_groq`, and errors sent
as `{"error": …}` data or as `event: error` in a 200 stream.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal

from app.core.errors import ChatError, ErrorKind, redact
from app.core.events import (
    ContentDelta,
    Finish,
    ReasoningDelta,
    StreamEvent,
    ToolCallsDone,
    UsageReport,
)
from app.core.models import ToolCall, Usage
from app.wire.bounded_json import MAX_JSON_DEPTH, JSONTooDeepError, loads_bounded
from app.wire.sse import ServerSentEvent

_OPEN = "<think>"
_CLOSE = "</think>"
_NEWLINES = "\r\n"
_MAX_MESSAGE = 500
_DATA_EVENTS = (None, "message")
MAX_TOOL_ARGUMENTS = 32 * 1024 * 1024  # characters, over all tool calls of one reply
TOO_DEEP = f"The stream sent JSON nested deeper than {MAX_JSON_DEPTH} levels; reading stopped there."


class ThinkSplitter:
    """Separates a leading ``<think>…</think>`` block from the content of one choice, delta by delta.

    Only a block at the very start (after optional whitespace) is reasoning; a "<think>" later in an
    answer is quoted text. Text is released as soon as it cannot be part of a tag, so streaming stays
    live: at most a partial tag (and the newlines before a closing tag) is held back.
    """

    _START, _THINK, _CONTENT = range(3)

    def __init__(self) -> None:
        self._state = self._START
        self._held = ""
        self._skip_newlines = False  # drop the newline(s) right after <think> and after </think>

    def feed(self, text: str) -> list[StreamEvent]:
        out: list[StreamEvent] = []
        text = self._held + text
        self._held = ""
        if self._state == self._START:
            stripped = text.lstrip()
            if stripped.startswith(_OPEN):
                self._state = self._THINK
                self._skip_newlines = True
                text = stripped[len(_OPEN) :]
            elif _OPEN.startswith(stripped):  # whitespace, or a tag still arriving: wait
                self._held = text
                return out
            else:
                self._state = self._CONTENT
        if self._state == self._THINK:
            text = self._drop_newlines(text)
            end = text.find(_CLOSE)
            if end < 0:
                # Hold a closing tag cut by the delta, and the newlines before it: they are not reasoning.
                cut = len(text) - _partial_suffix(text, _CLOSE)
                cut = len(text[:cut].rstrip(_NEWLINES))
                self._held = text[cut:]
                _append(out, ReasoningDelta, text[:cut])
                return out
            _append(out, ReasoningDelta, text[:end].rstrip(_NEWLINES))
            self._state = self._CONTENT
            self._skip_newlines = True
            text = text[end + len(_CLOSE) :]
        _append(out, ContentDelta, self._drop_newlines(text))
        return out

    def finish(self) -> list[StreamEvent]:
        """End of stream: release whatever was held, as what it would have been."""
        out: list[StreamEvent] = []
        held, self._held = self._held, ""
        _append(out, ReasoningDelta if self._state == self._THINK else ContentDelta, held)
        return out

    def _drop_newlines(self, text: str) -> str:
        if self._skip_newlines and text:
            text = text.lstrip(_NEWLINES)
            self._skip_newlines = not text  # the newline may come alone in one delta, the text in the next
        return text


def _partial_suffix(text: str, tag: str) -> int:
    """Length of the longest end of `text` that is a proper prefix of `tag` (a tag cut by a delta)."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:size]):
            return size
    return 0


def _append(out: list[StreamEvent], kind: type[ContentDelta] | type[ReasoningDelta], text: str) -> None:
    if text:
        out.append(kind(text))


@dataclass(slots=True)
class _ToolCallParts:
    id: str = ""
    name: str = ""
    arguments: list[str] = field(default_factory=list)


class ChunkInterpreter:
    """Feeds on ServerSentEvents of one reply; yields typed events. Call `finish()` once the body ended.

    `done` is set by ``data: [DONE]`` (later events are ignored), `finished` by a finish_reason. A stream
    that ended with neither was interrupted; deciding that is the caller's job.
    Raises ChatError(PROVIDER) for an error sent inside the stream and ChatError(PROTOCOL) for data that
    is not JSON.
    """

    def __init__(self) -> None:
        self.done = False
        self.finished = False
        self._choice: int | None = None  # the first choice index seen; with n > 1 we follow only that one
        self._think = ThinkSplitter()
        self._tools: dict[int, _ToolCallParts] = {}
        self._last_finish: str | None = None
        self._tool_size = 0  # characters of tool-call arguments so far

    def feed(self, event: ServerSentEvent) -> list[StreamEvent]:
        if self.done:
            return []
        if event.event not in _DATA_EVENTS:
            if event.event == "error":
                raise ChatError(ErrorKind.PROVIDER, _error_text(event.data))
            return []  # ping and other named events carry nothing for us
        data = event.data.strip()
        if data == "[DONE]":
            self.done = True
            return []
        if not data:
            return []  # an empty data event is a keep-alive some gateways send
        try:
            obj = loads_bounded(data)
        except JSONTooDeepError:
            raise ChatError(ErrorKind.PROTOCOL, TOO_DEEP) from None
        except ValueError:
            # Redact before cutting: a cut through a key would leave a piece exact-match redaction misses.
            raise ChatError(
                ErrorKind.PROTOCOL, f"The stream sent data that is not JSON: {_clip(redact(data), 80)}"
            ) from None
        if not isinstance(obj, dict):
            return []
        return self.feed_object(obj)

    def feed_object(self, obj: dict[str, object]) -> list[StreamEvent]:
        """Interpret one decoded chunk (or a whole chat.completion)."""
        if obj.get("error") is not None:
            raise ChatError(ErrorKind.PROVIDER, _error_message(obj["error"]))
        out: list[StreamEvent] = []
        choices = obj.get("choices")
        for choice in choices if isinstance(choices, list) else ():
            if isinstance(choice, dict) and self._follows(choice):
                self._take_choice(choice, out)
        for usage in (obj.get("usage"), _get(obj.get("x_groq"), "usage")):
            _append_usage(out, usage)
        return out

    def finish(self) -> list[StreamEvent]:
        """The body ended: release held-back text, then the merged tool calls (if any)."""
        out = self._think.finish()
        if self._tools:
            calls = tuple(
                ToolCall(parts.id, parts.name, "".join(parts.arguments))
                for _, parts in sorted(self._tools.items())
            )
            self._tools = {}
            out.append(ToolCallsDone(calls))
        return out

    def _follows(self, choice: dict[str, object]) -> bool:
        index = choice.get("index")
        if not isinstance(index, int):
            return True  # some gateways omit the index; with one choice that is fine
        if self._choice is None:
            self._choice = index
        return index == self._choice

    def _take_choice(self, choice: dict[str, object], out: list[StreamEvent]) -> None:
        delta = choice.get("delta")
        if not isinstance(delta, dict):
            delta = choice.get("message")
        if isinstance(delta, dict):
            # Some gateways send the same text as both reasoning_content and reasoning: take one.
            for key in ("reasoning_content", "reasoning"):
                reasoning = delta.get(key)
                if isinstance(reasoning, str) and reasoning:
                    out.append(ReasoningDelta(reasoning))
                    break
            content = _text_of(delta.get("content"))
            if content:
                out.extend(self._think.feed(content))
            tool_calls = delta.get("tool_calls")
            if isinstance(tool_calls, list):
                for piece in tool_calls:
                    if isinstance(piece, dict):
                        self._merge_tool_call(piece)
        _append_usage(out, choice.get("usage"))
        reason = choice.get("finish_reason")
        if isinstance(reason, str) and reason:
            self.finished = True
            if reason != self._last_finish:  # some gateways repeat it in the usage chunk
                self._last_finish = reason
                out.append(Finish(reason))

    def _merge_tool_call(self, piece: dict[str, object]) -> None:
        call_id = _str(piece.get("id"))
        index = piece.get("index")
        if not isinstance(index, int):
            index = self._index_without_index(call_id)
        parts = self._tools.setdefault(index, _ToolCallParts())
        function = piece.get("function")
        parts.id = _merge_whole(parts.id, call_id)
        parts.name = _merge_whole(parts.name, _str(_get(function, "name")))
        arguments = _get(function, "arguments")
        if isinstance(arguments, dict):  # a few bridges send the object itself
            arguments = json.dumps(arguments, ensure_ascii=False)
        if isinstance(arguments, str):
            self._tool_size += len(arguments)
            if self._tool_size > MAX_TOOL_ARGUMENTS:  # the reply cap counts text; this counts tool calls
                raise ChatError(ErrorKind.PROTOCOL, "The stream sent tool-call arguments larger than 32 MB.")
            parts.arguments.append(arguments)

    def _index_without_index(self, call_id: str) -> int:
        # Some Gemini bridges send no index: a new id starts a call, a piece without one continues the last.
        for index, parts in self._tools.items():
            if call_id and parts.id == call_id:
                return index
        last = max(self._tools, default=-1)
        return last + 1 if call_id or last < 0 else last


def completion_events(obj: dict[str, object]) -> list[StreamEvent]:
    """Events for a whole, non-streamed chat.completion (a gateway that ignored ``stream: true``)."""
    interpreter = ChunkInterpreter()
    return interpreter.feed_object(obj) + interpreter.finish()


def _merge_whole(current: str, piece: str) -> str:
    """id and name come whole in the first piece, but some gateways repeat them in every piece."""
    if not piece or piece == current:
        return current
    return current + piece


def _text_of(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content as parts: [{"type": "text", "text": "…"}]
        return "".join(_str(_get(part, "text")) for part in content)
    return ""


def _append_usage(out: list[StreamEvent], usage: object) -> None:
    if not isinstance(usage, dict):
        return
    prompt, completion, total = (
        _count(usage.get(key)) for key in ("prompt_tokens", "completion_tokens", "total_tokens")
    )
    if prompt is None and completion is None and total is None:
        return
    reasoning = _count(_get(usage.get("completion_tokens_details"), "reasoning_tokens"))
    cached = _count(_get(usage.get("prompt_tokens_details"), "cached_tokens"))
    cost = _gateway_cost(usage.get("cost"))
    out.append(
        UsageReport(
            Usage(prompt, completion, total, reasoning, cached, cost, "USD" if cost is not None else None)
        )
    )


def _count(value: object) -> int | None:
    """A token count: a non-negative int (a bool, a float or a negative number is no count)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1 << 53:
        return value
    return None


def _gateway_cost(value: object) -> Decimal | None:
    """OpenRouter's `usage.cost` (credits, in USD): a finite, non-negative number, else nothing."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or value < 0 or value > 1e6:
        return None
    return Decimal(str(value))  # str() keeps the digits the gateway wrote (0.00123, not 0.001229999…)


def _error_text(data: str) -> str:
    """The message of an `event: error`, whose data may be JSON or plain text."""
    try:
        obj = loads_bounded(data)
    except JSONTooDeepError:
        return TOO_DEEP
    except ValueError:
        return _clip(redact(data.strip()) or "error event without a message", _MAX_MESSAGE)
    if isinstance(obj, dict) and obj.get("error") is not None:
        return _error_message(obj["error"])
    return _error_message(obj)


def _error_message(error: object) -> str:
    """The provider's own words: error.message, the error itself if it is text, else its compact JSON."""
    message = _get(error, "message")
    if isinstance(error, str):
        text = error
    elif isinstance(message, str) and message.strip():
        text = message
    else:
        text = json.dumps(error, ensure_ascii=False, separators=(",", ":"))
    return _clip(redact(text.strip()) or "error without a message", _MAX_MESSAGE)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _get(obj: object, key: str) -> object:
    return obj.get(key) if isinstance(obj, dict) else None


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
