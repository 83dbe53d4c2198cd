"""Plain, frozen domain objects. Rows and wire formats are converted to these explicitly elsewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import quote, unquote, urlsplit, urlunsplit

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


# Header names whose values are credentials: kept in the keyring like the key, never in profiles.toml.
# A name is secret when one of its words (split on - and _) is one of these.
_SECRET_HEADER_WORDS = frozenset(
    {
        "auth",
        "authorization",
        "apikey",
        "key",
        "token",
        "secret",
        "password",
        "passwd",
        "cookie",
        "session",
        "signature",
        "credential",
        "credentials",
    }
)


def is_secret_header(name: str) -> bool:
    """True for Authorization, Proxy-Authorization, Cookie, Set-Cookie, *-Key, *-Token, *-Secret, …"""
    return any(word in _SECRET_HEADER_WORDS for word in re.split(r"[-_]", name.lower()))


def split_proxy_password(url: str) -> tuple[str, str | None]:
    """`http://user:pw@host:3128` -> (`http://user@host:3128`, "pw"). The password goes to the keyring."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    user = quote(unquote(parts.username or ""), safe="")
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), unquote(parts.password)


def with_proxy_password(url: str, password: str) -> str:
    """Put a password (from the keyring) back into a proxy URL that names a user."""
    parts = urlsplit(url)
    if parts.username is None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user.partition(':')[0]}:{quote(password, safe='')}@{host}"))


def proxy_user(url: str) -> str | None:
    """The user a proxy URL names (its password is then in the keyring), or None."""
    if url in (PROXY_NONE, PROXY_SYSTEM):
        return None
    return urlsplit(url).username


@dataclass(frozen=True, slots=True)
class Profile:
    """A gateway the user talks to. Holds no key: the keystore finds the key by `name`.

    `secret_headers` names headers whose values live in the keyring beside the key; `headers` holds the
    others. `proxy` names a proxy user but never its password (also in the keyring). A profile sent to the
    client may carry those values (`headers` has the secret ones too, `proxy` the password): the client
    fetches from the keyring only what is missing.
    """

    name: str
    base_url: str
    model: str = ""
    auth: str = AUTH_BEARER
    headers: tuple[tuple[str, str], ...] = ()
    secret_headers: tuple[str, ...] = ()
    proxy: str = PROXY_SYSTEM  # "none", "system", or a proxy URL; loopback is never proxied
    stream_usage: bool = True  # send stream_options.include_usage
    read_timeout: float = DEFAULT_READ_TIMEOUT
    preset: str | None = None

    @property
    def needs_key(self) -> bool:
        return self.auth != AUTH_NONE
