"""ChatClient: one streamed chat completion, from a profile and messages to typed stream events.

The order of checks follows DESIGN.md: status and Content-Type first, then the body as raw bytes through the
SSE decoder and the chunk interpreter. Cancelling the task that iterates `stream_chat` closes the connection,
which is what Stop relies on.

Nothing here leaves cleanup to asyncio's async-generator hooks (qasync installs none): every nested
generator is closed with `aclosing`, and wherever a body is read the response is closed first, then the byte
iterator, so closing `stream_chat` early (or an error anywhere) releases the connection at once.
"""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import zlib
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import aclosing, asynccontextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from app import __version__
from app.core.errors import ChatError, ErrorKind
from app.core.events import CostRequestRejected, StreamEvent, StreamOptionsRejected
from app.core.exchange import ExchangeRecorder
from app.core.keytext import key_fault
from app.core.models import (
    AUTH_BEARER,
    AUTH_HEADER_PREFIX,
    AUTH_NONE,
    AUTH_RAW,
    GenerationParams,
    Message,
    ModelInfo,
    Profile,
)
from app.net.errors import MAX_ERROR_BODY, http_error, transport_error
from app.net.pool import HttpPool
from app.wire.bounded_json import JSONTooDeepError, loads_bounded
from app.wire.chunks import ChunkInterpreter, completion_events
from app.wire.content import message_content
from app.wire.models_list import parse_models
from app.wire.sse import SSEDecoder

if TYPE_CHECKING:
    import httpx
else:
    from app.net.lazy import httpx  # imported on first use (an idle window never sends)

_MAX_JSON_BODY = 32 * 1024 * 1024
_MAX_SNIFF = 64 * 1024  # bytes read to tell SSE sent as text/plain from anything else
_MAX_MODELS_BODY = 16 * 1024 * 1024  # far above any real model list; an endless one stops here
_MAX_REDIRECTS = 3
_USER_AGENT = f"Sluice/{__version__}"
# Bodies are decoded here (`_body`), not by httpx, so ask only for what zlib reads.
_ACCEPT_ENCODING = "gzip, deflate"

# Fills a profile's secret header values and proxy password from the keyring (app.credentials.SecretFiller).
SecretFill = Callable[[Profile], Awaitable[Profile]]


def auth_headers(profile: Profile, key: str | None) -> dict[str, str]:
    """The headers that carry the key, in the profile's auth style. ChatError(KEY) for an unsendable key."""
    if profile.auth == AUTH_NONE or not key:
        return {}
    fault = key_fault(key)
    if fault is not None:
        again = f"sluice profile set-key {shlex.quote(profile.name)}"
        raise ChatError(ErrorKind.KEY, f"Profile {profile.name}: {fault} Set it again: {again}")
    if profile.auth == AUTH_BEARER:
        return {"Authorization": f"Bearer {key}"}
    if profile.auth == AUTH_RAW:
        return {"Authorization": key}
    if profile.auth.startswith(AUTH_HEADER_PREFIX):
        return {profile.auth[len(AUTH_HEADER_PREFIX) :]: key}
    raise ValueError(f"unknown auth style {profile.auth!r}")


def request_body(
    profile: Profile,
    messages: Sequence[Message],
    params: GenerationParams,
    *,
    stream_usage: bool,
    request_cost: bool = False,
) -> dict[str, object]:
    body: dict[str, object] = {
        "model": params.model or profile.model,
        "messages": [
            {"role": str(m.role), "content": message_content(m, send_images=params.send_images)}
            for m in messages
        ],
        "stream": True,
    }
    if stream_usage:
        body["stream_options"] = {"include_usage": True}
    if request_cost:
        body["usage"] = {"include": True}  # OpenRouter then reports `usage.cost`
    if params.temperature is not None:
        body["temperature"] = params.temperature
    if params.max_tokens is not None:
        body["max_tokens"] = params.max_tokens
    body.update(params.extra)
    return body


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def _proxy_auth_error(profile: Profile) -> ChatError:
    """A 407: the proxy, not the gateway, wants credentials (or refused the ones in the profile)."""
    proxy = httpx.URL(profile.proxy) if profile.proxy not in ("none", "system") else None
    where = f"The proxy {proxy.host}" if proxy is not None else "A proxy"
    if proxy is not None and proxy.username:
        return ChatError(
            ErrorKind.CONNECTION,
            f"{where} refused the user name and password of this profile (HTTP 407 Proxy Authentication "
            "Required). Check them in the profile's proxy setting.",
        )
    return ChatError(
        ErrorKind.CONNECTION,
        f"{where} asks for a user name and password (HTTP 407 Proxy Authentication Required). Add them to "
        "the proxy URL in the profile (the password is kept in the keyring).",
    )


def _timeout(profile: Profile) -> httpx.Timeout:
    return httpx.Timeout(connect=15.0, read=profile.read_timeout, write=30.0, pool=30.0)


def _is_event_stream(ctype: str) -> bool:
    return "text/event-stream" in ctype


async def _release(response: httpx.Response, body: AsyncIterator[bytes]) -> None:
    """Close the response, then the byte iterator read from it.

    This order matters: closing the iterator alone does not reach httpcore's inner generators, which then
    hold the connection until a finalizer hook closes them, and qasync has none. Once the response is
    closed, those generators have nothing left to await and are finished safely whenever they are dropped.
    """
    try:
        await _close_response(response)
    finally:
        aclose = getattr(body, "aclose", None)
        if aclose is not None:
            await aclose()


async def _close_response(response: httpx.Response) -> None:
    """Close the response to the end even if the task is cancelled meanwhile, then let the cancel through.

    httpcore's close awaits (a lock, the socket's close). A Stop landing there would leave it half done: the
    connection marked busy for good, one pool slot lost (tests/integration/test_churn.py found it). So the
    close runs in a task of its own, and a cancellation waits for that task before it propagates.
    """
    closing = asyncio.ensure_future(response.aclose())
    try:
        await asyncio.shield(closing)
    except asyncio.CancelledError:
        await asyncio.wait([closing])
        if not closing.cancelled():
            closing.exception()  # retrieved, so asyncio does not log it: the cancellation is what matters
        raise


_MAX_DECODED_PIECE = 1024 * 1024  # a compressed body is inflated at most this much at a time


class _ZlibDecoder:
    """One Content-Encoding layer: gzip, or deflate (zlib-wrapped, or raw as some servers send it).

    Output comes in pieces of at most _MAX_DECODED_PIECE bytes: a few kB of gzip can inflate to gigabytes,
    and the SSE line cap can only act on what it is fed piece by piece.
    """

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._first = True
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)

    def decode(self, data: bytes) -> Iterator[bytes]:
        first, self._first = self._first, False
        try:
            out = self._zlib.decompress(data, _MAX_DECODED_PIECE)
        except zlib.error:
            if not (first and not self._gzip):
                raise
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(data, _MAX_DECODED_PIECE)
        yield out
        while self._zlib.unconsumed_tail:
            yield self._zlib.decompress(self._zlib.unconsumed_tail, _MAX_DECODED_PIECE)

    def flush(self) -> bytes:
        return self._zlib.flush()


def _through(layers: Sequence[_ZlibDecoder], piece: bytes) -> Iterator[bytes]:
    """`piece` decoded by every layer in turn, in bounded pieces."""
    if not layers:
        if piece:
            yield piece
        return
    for out in layers[0].decode(piece):
        yield from _through(layers[1:], out)


async def _decoded(
    response: httpx.Response, raw: AsyncIterator[bytes], recorder: ExchangeRecorder | None = None
) -> AsyncGenerator[bytes, None]:
    """The body without its Content-Encoding. A broken encoding raises httpx.DecodingError from here.

    The stream inspector's recorder sees each decoded piece here (what the SSE decoder is fed).
    """
    encodings = [
        value.strip().lower()
        for value in response.headers.get_list("content-encoding", split_commas=True)
        if value.strip().lower() not in ("", "identity")
    ]
    unknown = next((e for e in encodings if e not in ("gzip", "x-gzip", "deflate")), None)
    if unknown is not None:
        raise ChatError(
            ErrorKind.PROTOCOL,
            f"{response.request.url.host} sent a reply in an encoding we cannot read ({unknown}).",
        )
    layers = [_ZlibDecoder(e) for e in reversed(encodings)]
    try:
        async for piece in raw:
            for out in _through(layers, piece):
                if recorder is not None:
                    recorder.chunk(out)
                yield out
        for i, layer in enumerate(layers):
            for out in _through(layers[i + 1 :], layer.flush()):
                if recorder is not None:
                    recorder.chunk(out)
                yield out
    except zlib.error as exc:
        why = str(exc).rpartition(": ")[2]  # zlib's "Error -3 while decompressing data: <why>"
        raise httpx.DecodingError(
            f"damaged {'/'.join(encodings)} data: {why}", request=response.request
        ) from None


@asynccontextmanager
async def _body(
    response: httpx.Response, recorder: ExchangeRecorder | None = None
) -> AsyncIterator[AsyncIterator[bytes]]:
    """The decoded body, and a release of the connection however the reading ends.

    Decoding happens here rather than in httpx's `aiter_bytes`: a gzip error raised inside httpx's generator
    chain drops its inner generators while the response is still open, and without asyncio's asyncgen hooks
    (qasync) they are finalised outside the loop, noisily. Raised here, every generator is still held, and is
    closed after the response (see `_release`).
    """
    raw = response.aiter_raw()
    decoded = _decoded(response, raw, recorder)
    try:
        yield decoded
    finally:
        try:
            await _release(response, decoded)
        finally:
            await _release(response, raw)


async def _read_capped(
    response: httpx.Response, limit: int, recorder: ExchangeRecorder | None = None
) -> bytes:
    parts: list[bytes] = []
    size = 0
    async with _body(response, recorder) as body:
        async for piece in body:
            parts.append(piece)
            size += len(piece)
            if size >= limit:
                break
    return b"".join(parts)[:limit]


class ChatClient:
    """Streams chat completions through a shared HttpPool."""

    def __init__(self, pool: HttpPool, secrets: SecretFill | None = None) -> None:
        self._pool = pool
        self._secrets = secrets

    async def prepare(self) -> None:
        """Load the network stack off the caller's thread (HttpPool.prepare)."""
        await self._pool.prepare()

    async def _with_secrets(self, profile: Profile) -> Profile:
        """The profile with its secret header values and proxy password, read when the request is made."""
        return profile if self._secrets is None else await self._secrets(profile)

    async def stream_chat(
        self,
        profile: Profile,
        key: str | None,
        messages: Sequence[Message],
        params: GenerationParams,
        *,
        recorder: ExchangeRecorder | None = None,
    ) -> AsyncGenerator[StreamEvent, None]:
        """Yield stream events; raise ChatError on any failure, after whatever arrived was yielded.

        `recorder`, when given, records the exchange for the stream inspector (app/core/exchange.py).
        """
        stream_usage, request_cost = profile.stream_usage, profile.request_cost
        try:
            profile = await self._with_secrets(profile)
            # Some gateways 400 on `stream_options` or on `usage`: retry without the refused field (each
            # at most once), and tell the caller so the profile remembers.
            while True:
                try:
                    async with aclosing(
                        self._attempt(
                            profile,
                            key,
                            messages,
                            params,
                            stream_usage=stream_usage,
                            request_cost=request_cost,
                            recorder=recorder,
                        )
                    ) as attempt:
                        async for event in attempt:
                            yield event
                    return
                except _FieldRefusedError as refused:
                    if refused.field == "stream_options":
                        stream_usage = False
                        yield StreamOptionsRejected()
                    else:
                        request_cost = False
                        yield CostRequestRejected()
        except asyncio.CancelledError:
            await self._pool.reclaim_orphans()  # a Stop while connecting can orphan a connection
            raise

    async def _attempt(
        self,
        profile: Profile,
        key: str | None,
        messages: Sequence[Message],
        params: GenerationParams,
        *,
        stream_usage: bool,
        request_cost: bool = False,
        recorder: ExchangeRecorder | None = None,
    ) -> AsyncGenerator[StreamEvent, None]:
        client = self._pool.client_for(profile)
        url = httpx.URL(profile.base_url.rstrip("/") + "/chat/completions")
        body = json.dumps(
            request_body(profile, messages, params, stream_usage=stream_usage, request_cost=request_cost)
        ).encode()
        secret_headers = auth_headers(profile, key)
        extra_headers = dict(profile.headers)  # may hold secret header values (Cookie, X-Goog-Api-Key, …)
        for _ in range(_MAX_REDIRECTS + 1):
            headers = {
                "Accept": "text/event-stream",
                "Accept-Encoding": _ACCEPT_ENCODING,
                "Content-Type": "application/json",
                "User-Agent": _USER_AGENT,
                **extra_headers,
                **secret_headers,
            }
            streaming = False
            if recorder is not None:  # stream inspector: the request as sent, secrets redacted
                recorder.request("POST", str(url), headers, body)
            try:
                async with client.stream(
                    "POST", url, content=body, headers=headers, timeout=_timeout(profile)
                ) as response:
                    status = response.status_code
                    if recorder is not None:
                        recorder.response(status, response.headers.multi_items())
                    if status in (307, 308) and "location" in response.headers:
                        target = url.join(response.headers["location"])
                        if url.scheme == "https" and target.scheme != "https":
                            raise ChatError(
                                ErrorKind.BAD_REQUEST,
                                f"{url.host} redirected from https to an unencrypted address ({target}); "
                                "the conversation was not sent there. Set the profile's base URL to an "
                                "https address.",
                            )
                        if not _same_origin(url, target):
                            # Never hand the key, or any header the user added, to another host.
                            secret_headers, extra_headers = {}, {}
                        url = target
                        await _close_response(response)
                        continue
                    if 300 <= status < 400:
                        where = response.headers.get("location", "another address")
                        raise ChatError(
                            ErrorKind.BAD_REQUEST,
                            f"The gateway redirected to {where}; set the profile's base URL to that address.",
                        )
                    if status == 407:
                        raise _proxy_auth_error(profile)
                    if status >= 400:
                        raw = await _read_capped(response, MAX_ERROR_BODY, recorder)
                        if stream_usage and status in (400, 422) and b"stream_options" in raw:
                            raise _FieldRefusedError("stream_options")
                        if request_cost and status in (400, 422) and b"usage" in raw:
                            raise _FieldRefusedError("usage")
                        raise _with_images_in_mind(http_error(response, raw), status, messages, params)
                    streaming = True
                    async with aclosing(_events_from(response, recorder)) as events:
                        async for event in events:
                            yield event
                    return
            except (httpx.TransportError, httpx.DecodingError) as exc:
                raise transport_error(
                    exc, url, streaming=streaming, read_timeout=profile.read_timeout
                ) from None
        raise ChatError(ErrorKind.BAD_REQUEST, f"Too many redirects from {urlsplit(str(url)).netloc}.")

    async def list_models(self, profile: Profile, key: str | None) -> list[str]:
        """Model ids from GET {base_url}/models, sorted."""
        return [info.id for info in await self.list_model_info(profile, key)]

    async def list_model_info(self, profile: Profile, key: str | None) -> list[ModelInfo]:
        """GET {base_url}/models: each model with what the gateway says of it (images, price), by id."""
        profile = await self._with_secrets(profile)
        client = self._pool.client_for(profile)
        url = httpx.URL(profile.base_url.rstrip("/") + "/models")
        headers = {
            "Accept": "application/json",
            "Accept-Encoding": _ACCEPT_ENCODING,
            "User-Agent": _USER_AGENT,
            **dict(profile.headers),
        }
        headers.update(auth_headers(profile, key))
        try:
            # Streamed and capped: a hostile gateway's endless /models must not fill the memory.
            async with client.stream("GET", url, headers=headers, timeout=httpx.Timeout(30.0)) as response:
                if response.status_code == 407:
                    raise _proxy_auth_error(profile)
                if response.status_code >= 400:
                    raise http_error(response, await _read_capped(response, MAX_ERROR_BODY))
                body = await _read_capped(response, _MAX_MODELS_BODY + 1)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise transport_error(exc, url, streaming=False) from None
        except asyncio.CancelledError:
            await self._pool.reclaim_orphans()
            raise
        if len(body) > _MAX_MODELS_BODY:
            limit = _MAX_MODELS_BODY // (1024 * 1024)
            raise ChatError(ErrorKind.PROTOCOL, f"{url.host} answered /models with more than {limit} MB.")
        try:
            payload = loads_bounded(body)
        except JSONTooDeepError as exc:
            raise ChatError(ErrorKind.PROTOCOL, f"{url.host} answered /models with {exc}.") from None
        except ValueError:
            raise ChatError(ErrorKind.PROTOCOL, f"{url.host} did not answer /models with JSON.") from None
        return parse_models(payload)


_IMAGE_WORDS = re.compile(r"(?i)image|vision|multimodal|multi-modal|content|modalit")


def _with_images_in_mind(
    error: ChatError, status: int, messages: Sequence[Message], params: GenerationParams
) -> ChatError:
    """A 4xx about images, content or modalities for a request that carried images is kind `attachment`.

    Its message stays the gateway's own words; the kind tells the user what to do (another model, or mark
    this one text-only), and the window keeps the attachments in the composer.
    """
    carried_images = params.send_images and any(a.is_image for m in messages for a in m.attachments)
    if (
        carried_images
        and status in (400, 413, 415, 422)
        and error.kind == ErrorKind.BAD_REQUEST
        and _IMAGE_WORDS.search(error.message)
    ):
        return ChatError(ErrorKind.ATTACHMENT, error.message)
    return error


class _FieldRefusedError(Exception):
    """Internal: the gateway rejected an optional request field (`stream_options`, `usage`) with a 400."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


async def _events_from(
    response: httpx.Response, recorder: ExchangeRecorder | None = None
) -> AsyncGenerator[StreamEvent, None]:
    """A 200 response's events: an SSE stream, or a whole completion from a gateway that ignored stream."""
    ctype = response.headers.get("content-type", "").lower()
    if "json" in ctype and not _is_event_stream(ctype):
        raw = await _read_capped(response, _MAX_JSON_BODY, recorder)
        try:
            payload = loads_bounded(raw)
        except JSONTooDeepError as exc:
            raise ChatError(ErrorKind.PROTOCOL, f"{response.request.url.host} sent {exc}.") from None
        except ValueError:
            raise ChatError(
                ErrorKind.PROTOCOL, f"{response.request.url.host} sent JSON that could not be read."
            ) from None
        if not isinstance(payload, dict):
            raise ChatError(ErrorKind.PROTOCOL, f"{response.request.url.host} sent JSON that is not a reply.")
        for event in completion_events(payload):
            yield event
        return
    async with _body(response, recorder) as body:
        first = b""
        if not _is_event_stream(ctype):
            # No or a wrong Content-Type: some small servers send SSE as text/plain. Sniff, never show HTML.
            async for piece in body:
                first += piece
                if len(first.lstrip(b"\xef\xbb\xbf \r\n")) >= 5 or len(first) > _MAX_SNIFF:
                    break  # past _MAX_SNIFF of blank lines it is not a stream: refused below
            head = first.lstrip(b"\xef\xbb\xbf \r\n")
            if "html" in ctype or not head.startswith((b"data:", b":", b"event:", b"id:")):
                shown = ctype.split(";")[0] or "no content type"
                raise ChatError(
                    ErrorKind.PROTOCOL,
                    f"{response.request.url.host} answered with {shown} instead of a chat stream "
                    f"(HTTP {response.status_code}); check the base URL.",
                )
        async with aclosing(_sse_events(response, body, first)) as events:
            async for event in events:
                yield event


def _looks_binary(head: bytes) -> bool:
    """True for bytes no event stream starts with: invalid UTF-8 or control characters."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end of the sample
            return True
        text = head[: exc.start].decode("utf-8")
    return any(ch < " " and ch not in "\t\r\n" for ch in text)


async def _sse_events(
    response: httpx.Response, body: AsyncIterator[bytes], first: bytes = b""
) -> AsyncGenerator[StreamEvent, None]:
    """Events from the body (after `first`, bytes already read while sniffing). The caller closes `body`."""
    decoder = SSEDecoder()
    chunks = ChunkInterpreter()
    head = first  # the first bytes, kept to tell garbage from a stream that was cut short
    seen_events = False
    try:
        async with aclosing(_chain(first, body)) as pieces:
            async for piece in pieces:
                if len(head) < 512:
                    head += piece[: 512 - len(head)]
                for sse in decoder.feed(piece):
                    seen_events = True
                    for event in chunks.feed(sse):
                        yield event
                    if chunks.done:
                        break
                if chunks.done:
                    break  # stop at [DONE]; do not wait for the server to close
            else:
                for sse in decoder.flush():
                    seen_events = True
                    for event in chunks.feed(sse):
                        yield event
    except (httpx.TransportError, httpx.DecodingError):
        for event in chunks.finish():
            yield event
        if chunks.finished:
            return  # the finish reason had arrived: the reply is whole, only the connection's end failed
        raise
    except ChatError:
        # Keep what was held back (at most a partial <think> tag) before reporting the failure.
        for event in chunks.finish():
            yield event
        raise
    for event in chunks.finish():
        yield event
    if not (chunks.done or chunks.finished):
        host = response.request.url.host
        if not seen_events and _looks_binary(head):
            raise ChatError(ErrorKind.PROTOCOL, f"{host} sent bytes that are not a chat stream.")
        raise ChatError(ErrorKind.INTERRUPTED, f"{host} closed the stream without a finish reason or [DONE].")


async def _chain(first: bytes, rest: AsyncIterator[bytes]) -> AsyncGenerator[bytes, None]:
    if first:
        yield first
    async for piece in rest:
        yield piece
