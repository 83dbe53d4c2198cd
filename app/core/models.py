"""Plain, frozen domain objects. Rows and wire formats are converted to these explicitly elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.core.errors import ErrorKind


class Role(StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"


class MessageStatus(StrEnum):
    """Where a message's text came to rest. `streaming` only while a generation runs."""

    COMPLETE = "complete"
    STREAMING = "streaming"
    CANCELLED = "cancelled"
    ERROR = "error"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True, slots=True)
class Usage:
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class ToolCall:
    id: str
    name: str
    arguments: str


@dataclass(frozen=True, slots=True)
class Message:
    """One turn. Assistant messages carry the metrics and outcome of the generation that made them."""

    role: Role
    content: str
    id: int | None = None
    conversation_id: int | None = None
    reasoning: str = ""
    status: MessageStatus = MessageStatus.COMPLETE
    profile: str | None = None
    model: str | None = None
    finish_reason: str | None = None
    usage: Usage | None = None
    error_kind: ErrorKind | None = None
    error_message: str | None = None
    retry_after: float | None = None  # seconds, from a rate-limit answer; not stored
    ttft_ms: float | None = None
    tokens_per_s: float | None = None
    reasoning_ms: float | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    created: float = 0.0


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    created: float
    updated: float
    profile: str | None = None
    model: str | None = None
    system_prompt: str = ""
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class GenerationParams:
    """What the user chose for one request, beyond the messages."""

    model: str
    temperature: float | None = None
    max_tokens: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


# How a profile presents its key. `header:NAME` puts the bare key in header NAME.
AUTH_BEARER = "bearer"
AUTH_RAW = "raw"
AUTH_NONE = "none"
AUTH_HEADER_PREFIX = "header:"

PROXY_NONE = "none"
PROXY_SYSTEM = "system"

DEFAULT_READ_TIMEOUT = 300.0  # reasoning models may think for minutes; keep-alives reset it


def valid_auth(auth: str) -> bool:
    if auth in (AUTH_BEARER, AUTH_RAW, AUTH_NONE):
        return True
    return auth.startswith(AUTH_HEADER_PREFIX) and len(auth) > len(AUTH_HEADER_PREFIX)


@dataclass(frozen=True, slots=True)
class Profile:
    """A gateway the user talks to. Holds no key: the keystore finds the key by `name`."""

    name: str
    base_url: str
    model: str = ""
    auth: str = AUTH_BEARER
    headers: tuple[tuple[str, str], ...] = ()
    proxy: str = PROXY_SYSTEM  # "none", "system", or a proxy URL; loopback is never proxied
    stream_usage: bool = True  # send stream_options.include_usage
    read_timeout: float = DEFAULT_READ_TIMEOUT
    preset: str | None = None

    @property
    def needs_key(self) -> bool:
        return self.auth != AUTH_NONE
