"""Every error Sluice shows a user, and the one taxonomy they share.

    SluiceError                 anything we raise on purpose; str() is a plain sentence for the user
    ├── ChatError               a generation failed; .kind is one of ErrorKind (DESIGN.md "Errors users see")
    ├── KeystoreError           no secure keyring, or the keyring refused
    ├── StoreError              the database is corrupt, from a newer Sluice, or unwritable
    └── ProfileError            unknown profile, bad profiles.toml, bad option

A ChatError never carries a key: messages pass through `redact()` before they are stored or shown.
Our own messages are `Sentence`s (app/core/sentences.py): `str(exc)` is the English, `exc.sentence` the
template and fields the window translates. A gateway's words are plain text and are never translated.
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.core.sentences import QT_TRANSLATE_NOOP, Sentence


class ErrorKind(StrEnum):
    AUTH = "auth"
    QUOTA = "quota"
    RATE_LIMIT = "rate_limit"
    BAD_REQUEST = "bad_request"
    NOT_FOUND = "not_found"
    SERVER = "server"
    PROVIDER = "provider"
    PROTOCOL = "protocol"
    INTERRUPTED = "interrupted"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    KEY = "key"  # ours, not the gateway's: no key saved, or the keyring cannot be used
    ATTACHMENT = "attachment"  # a file that cannot be sent (type, size, a model that takes no images)
    TOO_LARGE = "too_large"  # ours: the reply passed Sluice's size limit and was stopped (text kept)


# What each kind means, in words a user can act on. The provider's own message is shown beside it.
KIND_EXPLANATIONS: dict[ErrorKind, Sentence] = {
    ErrorKind.AUTH: QT_TRANSLATE_NOOP("errors", "The gateway rejected the API key."),
    ErrorKind.QUOTA: QT_TRANSLATE_NOOP("errors", "The account has no balance or quota left."),
    ErrorKind.RATE_LIMIT: QT_TRANSLATE_NOOP("errors", "Rate limited by the gateway."),
    ErrorKind.BAD_REQUEST: QT_TRANSLATE_NOOP("errors", "The gateway rejected the request."),
    ErrorKind.NOT_FOUND: QT_TRANSLATE_NOOP("errors", "Not found: check the base URL and the model name."),
    ErrorKind.SERVER: QT_TRANSLATE_NOOP("errors", "The gateway had a server error."),
    ErrorKind.PROVIDER: QT_TRANSLATE_NOOP("errors", "The provider reported an error during the reply."),
    ErrorKind.PROTOCOL: QT_TRANSLATE_NOOP(
        "errors", "The gateway answered with something that is not a chat stream."
    ),
    ErrorKind.INTERRUPTED: QT_TRANSLATE_NOOP("errors", "The connection broke before the reply was finished."),
    ErrorKind.TIMEOUT: QT_TRANSLATE_NOOP("errors", "The gateway did not answer in time."),
    ErrorKind.CONNECTION: QT_TRANSLATE_NOOP("errors", "Could not connect to the gateway."),
    ErrorKind.KEY: QT_TRANSLATE_NOOP("errors", "No API key could be used."),
    ErrorKind.ATTACHMENT: QT_TRANSLATE_NOOP("errors", "The attachment cannot be sent."),
    ErrorKind.TOO_LARGE: QT_TRANSLATE_NOOP("errors", "The reply was too large to keep."),
}


class SluiceError(Exception):
    """Base of every error we raise on purpose; its text is meant for the user."""

    @property
    def sentence(self) -> Sentence | None:
        """The message as template and fields, when it is one of ours (raised with a Sentence)."""
        first = self.args[0] if self.args else None
        return first if isinstance(first, Sentence) else None


class ChatError(SluiceError):
    """A generation failed. `kind` is the taxonomy; `message` the provider's own words where it sent any."""

    def __init__(self, kind: ErrorKind, message: str, *, retry_after: float | None = None) -> None:
        self.kind = kind
        redacted = redact(message)
        self.message = message if redacted == message else redacted  # keeps a Sentence of ours (kind KEY)
        self.retry_after = retry_after
        super().__init__(self.message)

    def describe(self) -> str:
        """One plain line: what happened, then the provider's words."""
        head = KIND_EXPLANATIONS[self.kind]
        text = f"{head} {self.message}" if self.message and self.message not in head else head
        if self.retry_after is not None:
            text += f" (retry after {self.retry_after:g} s)"
        return text


class KeystoreError(SluiceError):
    """The OS keyring is missing, insecure, locked or refused the request."""


class StoreError(SluiceError):
    """The conversation database cannot be used (corrupt, newer version, unwritable)."""


class ProfileError(SluiceError):
    """A profile is unknown or invalid, or profiles.toml cannot be read."""


# Kept as text and compiled by `re` on first use (it caches them): compiling them at import cost ~1 ms of
# every start, and most starts redact nothing (a log record or an error is the first to need them).
_SECRET_PATTERNS = (
    # sk-…, sk-proj-…, sk-or-v1-… and the like; gateways echo keys back in error messages.
    r"\bsk-[A-Za-z0-9_\-]{6,}",
    r"(?i)(bearer\s+)[A-Za-z0-9._~+/=\-]{6,}",
    r"(?i)((?:authorization|api[-_]?key|x-api-key)\s*[:=]\s*\"?)[^\s\",}]{6,}",
    # HTTP Basic credentials (a proxy echoing Proxy-Authorization back): base64 of user:password.
    # (not an English word after "Basic": the token has a capital past its first letter, a digit, + / or =)
    r"(\b[Bb][Aa][Ss][Ii][Cc]\s+)(?=[A-Za-z0-9+/][a-z]*[A-Z0-9+/=])[A-Za-z0-9+/]{4,}=*",
    # A password inside a URL (a proxy URL in an error or a log line): scheme://user:PASSWORD@host.
    r"(://[^\s/:@]*:)[^\s/@]+(?=@)",
    # Cookie values, echoed by a gateway or a proxy.
    r"(?i)(\b(?:set-)?cookie\s*[:=]\s*)[^\r\n\"]{4,}",
)

_extra_secrets: set[str] = set()

# A piece of a key this long is treated as the key: a message cut at a length limit can end inside a key,
# and exact-match redaction would miss the piece (issue 12.4). Shorter pieces are too common to remove.
MIN_SECRET_PIECE = 8


def register_secret(secret: str) -> None:
    """Remember a key so that `redact` removes it even when it has no recognisable shape."""
    if len(secret) >= 6:
        _extra_secrets.add(secret)


def redact(text: str) -> str:
    """Remove anything that looks like a key from text meant for a user, a log or a file.

    Keys in use are removed whole, and so is any run of MIN_SECRET_PIECE or more of their characters (what is
    left of a key cut by a length limit). Callers that cut text should redact before cutting anyway.
    """
    secrets = tuple(_extra_secrets)  # a worker thread may register a key meanwhile
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "[redacted]")
    for secret in secrets:
        text = _redact_pieces(text, secret)
    for pattern in _SECRET_PATTERNS:
        text = re.sub(pattern, lambda m: (m.group(1) if m.groups() else "") + "[redacted]", text)
    return text


def _redact_pieces(text: str, secret: str) -> str:
    """Replace every run of at least MIN_SECRET_PIECE characters of `secret` found in `text`.

    A run of n >= 8 characters is covered by its 8-character windows, so marking every occurrence of every
    window and merging the marks finds each run whole.
    """
    if len(secret) < MIN_SECRET_PIECE or len(text) < MIN_SECRET_PIECE:
        return text
    spans: list[tuple[int, int]] = []
    for window in {secret[i : i + MIN_SECRET_PIECE] for i in range(len(secret) - MIN_SECRET_PIECE + 1)}:
        start = text.find(window)
        while start >= 0:
            spans.append((start, start + MIN_SECRET_PIECE))
            start = text.find(window, start + 1)
    if not spans:
        return text
    spans.sort()
    out: list[str] = []
    kept = 0  # text[:kept] is already in `out`
    run_start, run_end = spans[0]
    for start, end in [*spans[1:], (len(text) + 1, len(text) + 1)]:
        if start <= run_end:
            run_end = max(run_end, end)
            continue
        out += [text[kept:run_start], "[redacted]"]
        kept = run_end
        run_start, run_end = start, end
    out.append(text[kept:])
    return "".join(out)
