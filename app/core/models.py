"""Plain, frozen domain objects. Rows and wire formats are converted to these explicitly elsewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from app.core.errors import ErrorKind
from app.core.money import Cost, Price


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
    """What the gateway reported; None wherever it said nothing (never 0 for "not reported").

    `reasoning_tokens` are part of `completion_tokens` and `cached_tokens` part of `prompt_tokens`, as
    OpenAI reports them. `cost` is the gateway's own charge (OpenRouter's `usage.cost`, in USD).
    """

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    reasoning_tokens: int | None = None
    cached_tokens: int | None = None
    cost: Decimal | None = None
    cost_currency: str | None = None


@dataclass(frozen=True, slots=True)
class ToolCall:
    id: str
    name: str
    arguments: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a user message, as it is sent: an image after scaling and metadata removal, or the
    text taken from a text file or a PDF. Stored once by `sha256` (of `data`).

    `data` may be empty when only the description was loaded (the transcript needs no bytes); the store
    fills it when a request needs it. `name` is the user's file name: outside text, plain in every label.
    """

    name: str
    kind: str  # "image" | "text" | "pdf"
    mime: str  # image/png, image/jpeg, image/webp, image/gif, text/plain, application/pdf
    sha256: str
    size: int  # bytes of `data`
    data: bytes = b""
    text: str = ""  # what is sent for a text file or a PDF (page markers included)
    width: int | None = None
    height: int | None = None
    pages: int | None = None
    note: str = ""  # what was done to it on the way: "scaled from 4032×3024", "location removed"

    @property
    def is_image(self) -> bool:
        return self.kind == "image"


@dataclass(frozen=True, slots=True)
class Message:
    """One turn. Assistant messages carry the metrics and outcome of the generation that made them.

    A conversation is a tree: `parent_id` is the message this one answers or follows (None for a first
    message). Edit adds a sibling user message, Regenerate a sibling reply; nothing is replaced.
    """

    role: Role
    content: str
    id: int | None = None
    conversation_id: int | None = None
    parent_id: int | None = None
    reasoning: str = ""
    status: MessageStatus = MessageStatus.COMPLETE
    profile: str | None = None
    model: str | None = None
    finish_reason: str | None = None
    usage: Usage | None = None
    error_kind: ErrorKind | None = None
    error_message: str | None = None
    retry_after: float | None = None  # seconds, from a rate-limit answer; not stored
    save_error: str | None = None  # why the database does not hold this message as shown; not stored
    ttft_ms: float | None = None
    # Completion tokens per second when the gateway reported them (`rate_counts_tokens`); without usage,
    # the content/reasoning chunks per second, which are not tokens (a chunk often holds several).
    tokens_per_s: float | None = None
    reasoning_ms: float | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    created: float = 0.0
    cost: Cost | None = None  # what this reply cost, with where the figure came from; None: unknown
    attachments: tuple[Attachment, ...] = ()  # a user message's files, in the order they were attached

    @property
    def rate_counts_tokens(self) -> bool:
        """True when `tokens_per_s` counts tokens the gateway reported, False when it counts chunks."""
        return bool(self.usage is not None and self.usage.completion_tokens)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One model as a gateway's `/models` describes it. None wherever the gateway says nothing."""

    id: str
    vision: bool | None = None  # takes images as input
    price: Price | None = None  # published by the gateway (source "published")


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    created: float
    updated: float
    profile: str | None = None
    model: str | None = None
    system_prompt: str = ""
    active_leaf: int | None = None  # the last message of the branch shown and sent (as it was read)
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Versions:
    """Where a message stands among its siblings (the versions of one turn): "‹ 2/3 ›"."""

    index: int  # 1-based position, oldest first
    count: int
    previous: int | None  # the sibling before it, None for the first
    next: int | None  # the sibling after it, None for the last


@dataclass(frozen=True, slots=True)
class GenerationParams:
    """What the user chose for one request, beyond the messages."""

    model: str
    temperature: float | None = None
    max_tokens: int | None = None
    extra: dict[str, object] = field(default_factory=dict)
    # False for a model known not to take images: earlier turns' images are then sent as "[image: NAME]".
    send_images: bool = True


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
        "signature",
        "credential",
        "credentials",
    }
)


# Where a profile's secrets sit in the keyring beside its key: one slot per secret header, one for the
# proxy password (app.keystore stores a slot under a service of its own).
PROXY_SLOT = "proxy"


def header_slot(header: str) -> str:
    """The keyring slot of a secret header's value (header names are case-insensitive)."""
    return "header:" + header.lower()


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
    # Ask the gateway to report each reply's cost (`"usage": {"include": true}`, OpenRouter's form). Turned
    # off by itself when the gateway refuses the field, as stream_usage is.
    request_cost: bool = False
    # The user's prices per model, as `--price` takes them: (("gpt-5-mini", "0.25/2 USD"), …).
    prices: tuple[tuple[str, str], ...] = ()
    # The user's word on which models take images, over what /models says: (("m", True), ("n", False)).
    vision: tuple[tuple[str, bool], ...] = ()
    # Failover (app/failover.py): other profiles to try, in order, when this one fails before any text.
    # Each is "OTHER" or "OTHER:MODEL".
    fallbacks: tuple[str, ...] = ()

    @property
    def needs_key(self) -> bool:
        return self.auth != AUTH_NONE
