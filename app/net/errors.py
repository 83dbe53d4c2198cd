"""Turn HTTP statuses, bodies and httpx exceptions into the ChatError taxonomy of DESIGN.md."""

from __future__ import annotations

import json
import re
import socket
import ssl
from http import HTTPStatus
from time import time
from typing import TYPE_CHECKING

from app.core.errors import ChatError, ErrorKind, redact
from app.wire.bounded_json import JSONTooDeepError, loads_bounded

if TYPE_CHECKING:
    import httpx
else:
    from app.net.lazy import httpx  # imported on first use (an idle window never sends)

MAX_ERROR_BODY = 64 * 1024
_MAX_MESSAGE = 500
_QUOTA_HINTS = re.compile(
    r"insufficient_quota|insufficient[ _]balance|balance|quota|credit|额度|余额|欠费|充值",
    re.IGNORECASE,
)


def status_kind(status: int) -> ErrorKind:
    if status in (401, 403):
        return ErrorKind.AUTH
    if status == 402:
        return ErrorKind.QUOTA
    if status == 429:
        return ErrorKind.RATE_LIMIT
    if status == 404:
        return ErrorKind.NOT_FOUND
    if status >= 500:
        return ErrorKind.SERVER
    return ErrorKind.BAD_REQUEST


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After is seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # the email package: only for a dated Retry-After

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time())
    except (TypeError, ValueError, IndexError):
        return None


def _short(text: str) -> str:
    """One line of at most _MAX_MESSAGE characters. Redacted first: a cut through a key leaves a piece."""
    text = redact(" ".join(text.split()))
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def provider_message(payload: object) -> tuple[str, str]:
    """(message, code-ish text) from the many error JSON shapes gateways use.

    Google's APIs (Gemini, and bridges in front of it) wrap the error object in a list:
    ``[{"error": {"code": 429, "message": …, "status": "RESOURCE_EXHAUSTED"}}]``; the first one with a message
    is taken.
    """
    if isinstance(payload, list):
        for item in payload[:10]:
            found = provider_message(item) if isinstance(item, dict) else ("", "")
            if found[0]:
                return found
        return "", ""
    if not isinstance(payload, dict):
        return "", ""
    err = payload.get("error", payload)
    if isinstance(err, str):
        return err, ""
    if not isinstance(err, dict):
        return "", ""
    message = err.get("message") or err.get("msg") or err.get("detail") or payload.get("message") or ""
    if not isinstance(message, str):
        message = json.dumps(message, ensure_ascii=False)
    code = " ".join(str(err.get(k, "")) for k in ("code", "type", "status"))
    return message, code


def http_error(response: httpx.Response, body: bytes) -> ChatError:
    """A ChatError for a response with status >= 400 whose (capped) body has been read."""
    status = response.status_code
    host = response.request.url.host
    ctype = response.headers.get("content-type", "").lower()
    text = body.decode("utf-8", errors="replace").strip()
    message, code, unreadable = "", "", ""
    if "html" in ctype or text[:100].lstrip().lower().startswith(("<!doctype", "<html")):
        # A reverse proxy's error page: the user wants the status, not the markup.
        message = ""
    else:
        try:
            message, code = provider_message(loads_bounded(text))
        except JSONTooDeepError:
            message = ""  # the status still says what happened; the body is not shown as a wall of brackets
            unreadable = " (its error body was nested too deep to read)"
        except ValueError:
            message = text
    if not message:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        message = f"HTTP {status} {phrase} from {host}{unreadable}".replace("  ", " ")
    kind = status_kind(status)
    # Google's RESOURCE_EXHAUSTED is its per-minute rate limit, although its message says "check quota".
    per_minute = kind == ErrorKind.RATE_LIMIT and "RESOURCE_EXHAUSTED" in code.upper()
    if (
        kind in (ErrorKind.RATE_LIMIT, ErrorKind.AUTH, ErrorKind.BAD_REQUEST)
        and not per_minute
        and _QUOTA_HINTS.search(f"{code} {message}")
    ):
        kind = ErrorKind.QUOTA  # OpenAI sends 429 insufficient_quota; some gateways 403 "余额不足"
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    if kind != ErrorKind.RATE_LIMIT:
        retry_after = None
    return ChatError(kind, _short(message), retry_after=retry_after)


def transport_error(
    exc: httpx.TransportError | httpx.DecodingError,
    url: httpx.URL,
    *,
    streaming: bool,
    read_timeout: float | None = None,
) -> ChatError:
    """A ChatError for an httpx exception. `streaming`: the 200 headers had arrived."""
    where = f"{url.host}:{url.port}" if url.port else url.host
    detail = _detail(exc)
    if isinstance(exc, httpx.DecodingError):
        # A gzip/deflate body that does not decode: the bytes on the wire are broken, not the network.
        what = "a reply" if streaming else "an answer"
        return ChatError(
            ErrorKind.PROTOCOL, f"{where} sent {what} that could not be decoded ({_short(detail)})."
        )
    if isinstance(exc, httpx.ConnectTimeout):
        return ChatError(ErrorKind.TIMEOUT, f"Connecting to {where} timed out.")
    if isinstance(exc, httpx.ReadTimeout):
        what = "sent nothing more" if streaming else "did not answer"
        limit = f"the read timeout ({read_timeout:g} s)" if read_timeout else "the read timeout"
        return ChatError(ErrorKind.TIMEOUT, f"{where} {what} within {limit}.")
    if isinstance(exc, httpx.TimeoutException):
        return ChatError(ErrorKind.TIMEOUT, f"Talking to {where} timed out.")
    if streaming:
        return ChatError(
            ErrorKind.INTERRUPTED, f"The connection to {where} broke mid-reply ({_short(detail)})."
        )
    if isinstance(exc, httpx.ConnectError):
        causes = _causes(exc)
        low = " ".join(str(c) for c in causes).lower()
        if any(isinstance(c, ssl.SSLError) for c in causes) or "certificate" in low or "ssl" in low:
            return ChatError(
                ErrorKind.CONNECTION, f"TLS with {where} failed: {_short(_tls_reason(causes, detail))}."
            )
        if any(isinstance(c, socket.gaierror) for c in causes) or "name or service" in low:
            return ChatError(ErrorKind.CONNECTION, f"Could not find {url.host} (DNS lookup failed).")
        if any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in low:
            return ChatError(ErrorKind.CONNECTION, f"{where} refused the connection. Is the server running?")
        return ChatError(ErrorKind.CONNECTION, f"Could not connect to {where}: {_short(detail)}")
    if isinstance(exc, httpx.ProxyError):
        return ChatError(ErrorKind.CONNECTION, f"The proxy failed: {_short(detail)}")
    return ChatError(ErrorKind.CONNECTION, f"The connection to {where} failed: {_short(detail)}")


def _detail(exc: BaseException) -> str:
    """The most telling words in the exception chain: httpx's own wrappers often have none."""
    causes = _causes(exc)
    if any(isinstance(c, ConnectionResetError) for c in causes):
        return "the connection was reset"
    return next((str(c) for c in causes if str(c)), type(exc).__name__)


_SSL_NOISE = re.compile(r"^\[[A-Z0-9_]+: [A-Z0-9_]+\]\s*|\s*\(_ssl\.c:\d+\)$")


def _tls_reason(causes: list[BaseException], detail: str) -> str:
    """Why a TLS handshake failed, without OpenSSL's bracketed codes."""
    for cause in causes:
        if not isinstance(cause, ssl.SSLError):
            continue
        # OpenSSL sets these attributes; an SSLError made by hand has none of them.
        verify = getattr(cause, "verify_message", None)
        if isinstance(cause, ssl.SSLCertVerificationError) and verify:
            return f"the server's certificate is not trusted ({verify})"
        if getattr(cause, "reason", None) == "WRONG_VERSION_NUMBER":
            return "the server does not speak TLS on this port (should the base URL start with http://?)"
        if getattr(cause, "library", None):
            return _SSL_NOISE.sub("", cause.strerror or str(cause)) or str(cause)
        return str(cause)
    return detail


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it was raised from: httpx wraps the OSError that says what went wrong."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        if isinstance(current, BaseExceptionGroup):
            chain.extend(current.exceptions)
        current = current.__cause__ or current.__context__
    return chain
