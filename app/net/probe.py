"""Test connection: one tiny streamed request, reported step by step in words. No Qt here.

The steps, in order::

    host    the host (or the proxy) resolves in DNS and accepts a TCP connection
    tls     the TLS handshake succeeds and the certificate is trusted (https only)
    key     the gateway accepts the key (or no key is needed)
    model   the model exists
    stream  the reply streams: time to first byte / token, and whether the gateway buffers it

`host` and `tls` are checked on a connection of their own, so a failure there names DNS, refusal or the
certificate precisely. The rest come from one chat request (max_tokens small) through a fresh pool: no kept-
alive connection hides a broken handshake. Every failure lands on the step it belongs to, with the
provider's own message; steps the request could not confirm are left "not checked". A 4xx that names
neither the key nor the model fails the key step (the first step the request decides): a gateway that
answers a wrong key with 400 must not read as "key accepted".

User-visible sentences are the templates in `TEXT` (one place, so that translation can wrap them later).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ipaddress
import re
import socket
import ssl
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import httpx

from app.core.errors import KIND_EXPLANATIONS, ChatError, ErrorKind, redact
from app.core.events import ContentDelta, Finish, ReasoningDelta, StreamOptionsRejected
from app.core.models import PROXY_SYSTEM, GenerationParams, Message, Profile, Role
from app.core.sentences import QT_TRANSLATE_NOOP
from app.net.client import ChatClient
from app.net.pool import HttpPool, route_for

__all__ = ["PROBE_MAX_TOKENS", "STEPS", "TEXT", "ProbeReport", "StepResult", "StepState", "probe"]

PROBE_MAX_TOKENS = 16
PROBE_PROMPT = "Count from 1 to 20, separated by spaces."
CONNECT_TIMEOUT = 10.0  # seconds, for DNS + TCP + TLS each
MAX_PROBE_READ_TIMEOUT = 60.0  # a test should not hang for the profile's five minutes
# A burst: every delta arrived within this spread, and it is a small part of the wait for the last one.
BURST_MAX_SPREAD_S = 0.05
BURST_MAX_FRACTION = 0.1
BURST_MIN_DELTAS = 3

STEPS = ("host", "tls", "key", "model", "stream")


class StepState(StrEnum):
    PENDING = "pending"
    OK = "ok"
    WARNING = "warning"  # passed, with something the user should know
    FAILED = "failed"
    SKIPPED = "skipped"  # not needed (no TLS for http://, no key for a local server) or not checked


# Every sentence the probe can say. `{…}` fields are filled with str.format; nothing is concatenated.
TEXT: dict[str, str] = {
    "host.ok": QT_TRANSLATE_NOOP("probe", "{host} resolved to {address}; TCP connection in {ms} ms."),
    "host.ok_ip": QT_TRANSLATE_NOOP("probe", "Connected to {host}:{port} in {ms} ms."),
    "host.proxy_ok": QT_TRANSLATE_NOOP(
        "probe", "The proxy {host} resolved to {address}; TCP connection in {ms} ms."
    ),
    "host.dns": QT_TRANSLATE_NOOP(
        "probe", "Could not find {host} in DNS: {reason}. Check the base URL for typos and your network."
    ),
    "host.refused": QT_TRANSLATE_NOOP(
        "probe", "{host}:{port} refused the connection. Is the server running on that port?"
    ),
    "host.timeout": QT_TRANSLATE_NOOP("probe", "Connecting to {host}:{port} timed out after {seconds:g} s."),
    "host.error": QT_TRANSLATE_NOOP("probe", "Could not connect to {host}:{port}: {reason}."),
    "tls.ok": QT_TRANSLATE_NOOP("probe", "{version} with {host}; the certificate is trusted ({ms} ms)."),
    "tls.plain": QT_TRANSLATE_NOOP("probe", "Not used: the base URL starts with http://."),
    "tls.via_proxy": QT_TRANSLATE_NOOP("probe", "Checked through the proxy by the request below."),
    "tls.certificate": QT_TRANSLATE_NOOP("probe", "The certificate of {host} is not trusted: {reason}."),
    "tls.error": QT_TRANSLATE_NOOP("probe", "The TLS handshake with {host} failed: {reason}."),
    "tls.timeout": QT_TRANSLATE_NOOP("probe", "The TLS handshake with {host} timed out after {seconds:g} s."),
    "not_checked": QT_TRANSLATE_NOOP("probe", "Not checked: an earlier step failed."),
    "key.ok": QT_TRANSLATE_NOOP("probe", "The gateway accepted the key."),
    "key.not_rejected": QT_TRANSLATE_NOOP("probe", "The gateway did not reject the key."),
    "key.none": QT_TRANSLATE_NOOP("probe", "No key is sent (the profile's auth style is “none”)."),
    "key.unneeded": QT_TRANSLATE_NOOP("probe", "No key was entered, and the gateway did not ask for one."),
    "key.failed": QT_TRANSLATE_NOOP("probe", "{explanation} {message}"),
    "key.missing": QT_TRANSLATE_NOOP(
        "probe", "No key was entered, and the gateway refused the request: {message}"
    ),
    "model.ok": QT_TRANSLATE_NOOP("probe", "{model} answered."),
    "model.empty": QT_TRANSLATE_NOOP("probe", "No model is chosen: pick one from the list or type its id."),
    "model.failed": QT_TRANSLATE_NOOP("probe", "{explanation} {message}"),
    "stream.ok": QT_TRANSLATE_NOOP(
        "probe", "First byte after {ttfb} ms, first token after {ttft} ms; {count} pieces in {spread} ms."
    ),
    "stream.ok_no_tokens": QT_TRANSLATE_NOOP(
        "probe", "First byte after {ttfb} ms; the reply ended without text ({finish})."
    ),
    "stream.failed": QT_TRANSLATE_NOOP("probe", "{explanation} {message}"),
    "warn.buffered": QT_TRANSLATE_NOOP(
        "probe",
        "All {count} pieces arrived in one burst at the end ({spread} ms apart, {wait} ms after the "
        "request): the gateway, or a proxy in between, seems to buffer the stream. Replies will appear "
        "all at once when they are finished.",
    ),
    "warn.json": QT_TRANSLATE_NOOP(
        "probe",
        "The gateway answered with one whole reply (JSON) instead of a stream: replies will appear all "
        "at once when they are finished.",
    ),
    "warn.stream_options": QT_TRANSLATE_NOOP(
        "probe",
        "The gateway refuses “stream_options” (token usage in the stream); turn that option off for "
        "this profile.",
    ),
    "warn.no_text": QT_TRANSLATE_NOOP(
        "probe", "The model sent no text within {tokens} tokens; a reasoning model may think longer."
    ),
}


@dataclass(frozen=True)
class StepResult:
    step: str  # one of STEPS
    state: StepState
    detail: str = ""


@dataclass
class ProbeReport:
    """What the probe found. `steps` has one entry per STEPS name, in order."""

    steps: dict[str, StepResult] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    ttfb_ms: float | None = None
    ttft_ms: float | None = None
    deltas: int = 0
    stream_options_rejected: bool = False
    error: ChatError | None = None

    @property
    def ok(self) -> bool:
        return all(r.state != StepState.FAILED for r in self.steps.values())

    def failed_step(self) -> str | None:
        return next((s for s, r in self.steps.items() if r.state == StepState.FAILED), None)


StepCallback = Callable[[StepResult], None]


def _text(name: str, **fields: object) -> str:
    """The sentence, as a Sentence the window translates; plain English if redaction had to change it."""
    sentence = TEXT[name].format(**fields)
    shown = redact(sentence).strip()
    return sentence if shown == sentence.strip() else shown


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


class _Recorder:
    def __init__(self, on_step: StepCallback | None) -> None:
        self.report = ProbeReport()
        self._on_step = on_step

    def set(self, step: str, state: StepState, detail: str = "") -> None:
        result = StepResult(step, state, detail)
        self.report.steps[step] = result
        if self._on_step is not None:
            self._on_step(result)

    def fill(self, state: StepState, detail: str) -> None:
        """Give every step not yet decided this state (e.g. "not checked" after a failure)."""
        for step in STEPS:
            if step not in self.report.steps:
                self.set(step, state, detail)


def _proxy_for(profile: Profile, url: httpx.URL) -> str | None:
    """The proxy URL the request will go through, or None for a direct connection."""
    route = route_for(profile)
    if route == "direct":
        return None
    if route != PROXY_SYSTEM:
        return route
    host = url.host
    if urllib.request.proxy_bypass(host):
        return None
    proxies = urllib.request.getproxies_environment()
    return proxies.get(url.scheme) or proxies.get("all")


def _cert_reason(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return str(exc.verify_message)
    return str(exc.reason or exc)


async def _check_host_and_tls(rec: _Recorder, host: str, port: int, tls: bool, *, proxied: bool) -> bool:
    """The host and tls steps on a connection of their own. False when one of them failed."""
    loop = asyncio.get_running_loop()
    started = time.monotonic()
    host_ok = "host.proxy_ok" if proxied else "host.ok"
    if not proxied and _is_ip(host):
        host_ok = "host.ok_ip"
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), CONNECT_TIMEOUT)
    except socket.gaierror as exc:
        rec.set("host", StepState.FAILED, _text("host.dns", host=host, reason=exc.strerror or exc))
        return False
    except TimeoutError:
        rec.set(
            "host", StepState.FAILED, _text("host.timeout", host=host, port=port, seconds=CONNECT_TIMEOUT)
        )
        return False
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    writer: asyncio.StreamWriter | None = None
    error: BaseException | None = None
    for address in addresses:
        try:
            _reader, writer = await asyncio.wait_for(asyncio.open_connection(address, port), CONNECT_TIMEOUT)
            break
        except (OSError, TimeoutError) as exc:
            error = exc
    if writer is None:
        if isinstance(error, ConnectionRefusedError):
            detail = _text("host.refused", host=host, port=port)
        elif isinstance(error, TimeoutError):
            detail = _text("host.timeout", host=host, port=port, seconds=CONNECT_TIMEOUT)
        else:
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            detail = _text("host.error", host=host, port=port, reason=reason)
        rec.set("host", StepState.FAILED, detail)
        return False
    try:
        connected = time.monotonic()
        peer = writer.get_extra_info("peername")
        address = str(peer[0]) if peer else addresses[0]
        rec.set(
            "host",
            StepState.OK,
            _text(host_ok, host=host, port=port, address=address, ms=_ms(connected - started)),
        )
        if proxied:
            rec.set("tls", StepState.PENDING, _text("tls.via_proxy"))
            return True
        if not tls:
            rec.set("tls", StepState.SKIPPED, _text("tls.plain"))
            return True
        try:
            await asyncio.wait_for(
                writer.start_tls(httpx.create_ssl_context(), server_hostname=host), CONNECT_TIMEOUT
            )
        except ssl.SSLCertVerificationError as exc:
            rec.set("tls", StepState.FAILED, _text("tls.certificate", host=host, reason=_cert_reason(exc)))
            return False
        except ssl.SSLError as exc:
            rec.set("tls", StepState.FAILED, _text("tls.error", host=host, reason=_cert_reason(exc)))
            return False
        except TimeoutError:
            rec.set("tls", StepState.FAILED, _text("tls.timeout", host=host, seconds=CONNECT_TIMEOUT))
            return False
        except OSError as exc:
            rec.set("tls", StepState.FAILED, _text("tls.error", host=host, reason=exc.strerror or exc))
            return False
        ssl_object = writer.get_extra_info("ssl_object")
        version = ssl_object.version() if ssl_object is not None else "TLS"
        rec.set(
            "tls",
            StepState.OK,
            _text("tls.ok", version=version, host=host, ms=_ms(time.monotonic() - connected)),
        )
        return True
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError):
            await writer.wait_closed()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _mentions_model(error: ChatError, model: str) -> bool:
    text = error.message.lower()
    return bool(model and model.lower() in text) or bool(re.search(r"model|模型", text))


@dataclass
class _Wire:
    """What the response hook saw of the last response."""

    status: int | None = None
    content_type: str = ""
    headers_at: float | None = None


async def probe(
    profile: Profile,
    key: str | None,
    *,
    on_step: StepCallback | None = None,
    pool: HttpPool | None = None,
) -> ProbeReport:
    """Run the steps against `profile` (with `key`, which may be unsaved) and report each in words.

    Never raises for anything the network or the gateway does; cancelling the task stops it at once.
    `pool` is for tests; by default a fresh one is made and closed, so the request opens its own connection.
    """
    rec = _Recorder(on_step)
    url = httpx.URL(profile.base_url)
    proxy = _proxy_for(profile, url)
    if proxy is not None:
        target = httpx.URL(proxy)
        host, port = target.host, target.port or (443 if target.scheme == "https" else 80)
    else:
        host, port = url.host, url.port or (443 if url.scheme == "https" else 80)
    if not await _check_host_and_tls(rec, host, port, url.scheme == "https", proxied=proxy is not None):
        rec.fill(StepState.SKIPPED, _text("not_checked"))
        return rec.report
    if not profile.model.strip():
        if not profile.needs_key:
            rec.set("key", StepState.SKIPPED, _text("key.none"))
        rec.set("model", StepState.FAILED, _text("model.empty"))
        rec.fill(StepState.SKIPPED, _text("not_checked"))
        return rec.report
    own_pool = pool is None
    pool = pool or HttpPool()
    try:
        await _request(rec, profile, key, pool)
    finally:
        if own_pool:
            await pool.aclose()
    return rec.report


async def _request(rec: _Recorder, profile: Profile, key: str | None, pool: HttpPool) -> None:
    wire = _Wire()
    client = pool.client_for(profile)

    async def on_response(response: httpx.Response) -> None:
        wire.status = response.status_code
        wire.content_type = response.headers.get("content-type", "").lower()
        if wire.headers_at is None:
            wire.headers_at = time.monotonic()

    client.event_hooks = {"request": [], "response": [on_response]}
    chat = ChatClient(pool)
    timed = dataclasses.replace(profile, read_timeout=min(profile.read_timeout, MAX_PROBE_READ_TIMEOUT))
    messages = [Message(role=Role.USER, content=PROBE_PROMPT)]
    params = GenerationParams(model=profile.model, max_tokens=PROBE_MAX_TOKENS)
    arrivals: list[float] = []
    finish: str | None = None
    started = time.monotonic()
    report = rec.report
    try:
        for attempt in range(2):
            try:
                async for event in chat.stream_chat(timed, key, messages, params):
                    if isinstance(event, ContentDelta | ReasoningDelta):
                        arrivals.append(time.monotonic())
                    elif isinstance(event, Finish):
                        finish = event.reason
                    elif isinstance(event, StreamOptionsRejected):
                        report.stream_options_rejected = True
                break
            except ChatError as exc:
                # Newer OpenAI models refuse max_tokens; ask once more the way they want.
                refused_max = exc.kind == ErrorKind.BAD_REQUEST and "max_tokens" in exc.message
                if attempt == 0 and refused_max and not arrivals:
                    params = GenerationParams(
                        model=profile.model, extra={"max_completion_tokens": PROBE_MAX_TOKENS}
                    )
                    wire.status, wire.headers_at, started = None, None, time.monotonic()
                    continue
                raise
    except ChatError as exc:
        report.error = exc
        _report_failure(rec, profile, key, exc, wire)
        return
    _report_success(rec, profile, key, started, wire, arrivals, finish)


def _confirm_transport(rec: _Recorder, wire: _Wire) -> None:
    """An HTTP answer arrived: a proxied https request's TLS worked."""
    tls = rec.report.steps.get("tls")
    if tls is not None and tls.state == StepState.PENDING and wire.status is not None:
        rec.set("tls", StepState.OK, tls.detail)


def _key_step_ok(rec: _Recorder, profile: Profile, key: str | None, *, confirmed: bool) -> None:
    if "key" in rec.report.steps:
        return
    if not profile.needs_key:
        rec.set("key", StepState.SKIPPED, _text("key.none"))
    elif not key:
        rec.set("key", StepState.OK, _text("key.unneeded"))
    else:
        rec.set("key", StepState.OK, _text("key.ok" if confirmed else "key.not_rejected"))


def _report_failure(rec: _Recorder, profile: Profile, key: str | None, exc: ChatError, wire: _Wire) -> None:
    explanation = KIND_EXPLANATIONS[exc.kind]
    fields = {"explanation": explanation, "message": exc.message if exc.message not in explanation else ""}
    tls = rec.report.steps.get("tls")
    if wire.status is None and tls is not None and tls.state == StepState.PENDING:
        # Through a proxy, the request was the first to try TLS (or the proxy itself failed).
        step = "tls" if "TLS" in exc.message else "host"
        rec.set(step, StepState.FAILED, _text("stream.failed", **fields))
        rec.fill(StepState.SKIPPED, _text("not_checked"))
        return
    _confirm_transport(rec, wire)
    if exc.kind in (ErrorKind.AUTH, ErrorKind.QUOTA, ErrorKind.KEY):
        name = "key.missing" if profile.needs_key and not key and exc.kind == ErrorKind.AUTH else "key.failed"
        rec.set("key", StepState.FAILED, _text(name, **fields))
        rec.fill(StepState.SKIPPED, _text("not_checked"))
        return
    status = wire.status
    model_error = exc.kind == ErrorKind.NOT_FOUND or (
        exc.kind in (ErrorKind.BAD_REQUEST, ErrorKind.SERVER) and _mentions_model(exc, profile.model)
    )
    if model_error:
        # The gateway named the model: it looked past the key to do so.
        _key_step_ok(rec, profile, key, confirmed=False)
        rec.set("model", StepState.FAILED, _text("model.failed", **fields))
        rec.fill(StepState.SKIPPED, _text("not_checked"))
        return
    if status is not None and 400 <= status < 500:
        # Any other 4xx to the first authenticated request says nothing about the key being good (LiteLLM
        # answers a wrong key with 400 "No connected db."): report it there, in the gateway's words.
        rec.set("key", StepState.FAILED, _text("key.failed", **fields))
        rec.fill(StepState.SKIPPED, _text("not_checked"))
        return
    if status == 200 and exc.kind in (ErrorKind.INTERRUPTED, ErrorKind.PROVIDER, ErrorKind.TIMEOUT):
        # The stream had started: the key and the model were fine.
        _key_step_ok(rec, profile, key, confirmed=True)
        rec.set("model", StepState.OK, _text("model.ok", model=profile.model))
    if "key" not in rec.report.steps:
        rec.set("key", StepState.SKIPPED, _text("not_checked"))
    if "model" not in rec.report.steps:
        rec.set("model", StepState.SKIPPED, _text("not_checked"))
    rec.set("stream", StepState.FAILED, _text("stream.failed", **fields))


def _report_success(
    rec: _Recorder,
    profile: Profile,
    key: str | None,
    started: float,
    wire: _Wire,
    arrivals: list[float],
    finish: str | None,
) -> None:
    report = rec.report
    _confirm_transport(rec, wire)
    _key_step_ok(rec, profile, key, confirmed=True)
    rec.set("model", StepState.OK, _text("model.ok", model=profile.model))
    ttfb = (wire.headers_at or started) - started
    report.ttfb_ms = ttfb * 1000
    report.deltas = len(arrivals)
    if report.stream_options_rejected:
        report.warnings.append(_text("warn.stream_options"))
    if not arrivals:
        report.warnings.append(_text("warn.no_text", tokens=PROBE_MAX_TOKENS))
        rec.set(
            "stream", StepState.WARNING, _text("stream.ok_no_tokens", ttfb=_ms(ttfb), finish=finish or "—")
        )
        return
    first, last = arrivals[0], arrivals[-1]
    report.ttft_ms = (first - started) * 1000
    spread = last - first
    detail = _text(
        "stream.ok", ttfb=_ms(ttfb), ttft=_ms(first - started), count=len(arrivals), spread=_ms(spread)
    )
    is_json = "json" in wire.content_type and "event-stream" not in wire.content_type
    buffered = (
        len(arrivals) >= BURST_MIN_DELTAS
        and spread <= BURST_MAX_SPREAD_S
        and spread <= BURST_MAX_FRACTION * (last - started)
    )
    if is_json:
        report.warnings.append(_text("warn.json"))
    elif buffered:
        report.warnings.append(
            _text("warn.buffered", count=len(arrivals), spread=_ms(spread), wait=_ms(last - started))
        )
    state = StepState.WARNING if (is_json or buffered) else StepState.OK
    rec.set("stream", state, detail)
