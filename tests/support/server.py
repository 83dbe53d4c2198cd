"""A real HTTP/1.1 server on 127.0.0.1 for tests, on raw asyncio streams.

Raw streams, not http.server or a framework, because the tests need control over what a gateway does on the
wire: each body piece is its own flushed write, a reply can stall before its first byte, hold the connection
open after ``[DONE]``, drop it mid-body, or stream forever until the client hangs up.

The server runs its own event loop in a daemon thread, so it works the same from plain pytest, under a
qasync Qt loop in the test process, and for a CLI run as a subprocess.

    with TestServer() as server:
        server.queue(sse_reply(["Hel", "lo"]))
        ...  # point the client at server.base_url
        assert server.requests[0].json()["stream"] is True
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import itertools
import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

CHAT_PATH = "/v1/chat/completions"
_POLL_S = 0.02  # how often a waiting reply looks for a gone client or a stopping server
_ENDS = ("finish", "drop", "hold", "reset")
# What a connection does after a reply.
_KEEP, _CLOSE, _ABORT = "keep", "close", "abort"


@dataclass
class Reply:
    """One HTTP response, and how to put it on the wire."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    chunks: Iterable[bytes] = field(default_factory=list)  # each written and drained on its own
    gap_s: float = 0.002  # pause between writes; paced by schedule, so the average rate holds
    end: str = "finish"  # "finish", "drop" (abort without finishing the body), "hold" (then finish),
    # or "reset" (abort with a TCP RST, as a crashed proxy does)
    hold_s: float = 8.0
    chunked: bool = True  # False: Content-Length, computed from the chunks
    endless: bool = False  # after `chunks`, send `endless_chunk` every gap_s until the client goes away
    endless_chunk: bytes = b""
    first_byte_delay_s: float = 0.0
    gzip: bool = False  # gzip the joined chunks, re-split at the same sizes
    framed: bool = False  # chunks are already chunked-encoded (terminator included): written as they are
    sent_log: list[tuple[float, bytes]] | None = None  # if set, (time.monotonic(), piece) after each write

    def __post_init__(self) -> None:
        if self.end not in _ENDS:
            raise ValueError(f"end must be one of {_ENDS}, not {self.end!r}")
        if self.endless and not self.chunked:
            raise ValueError("an endless reply needs chunked encoding")
        if self.endless and self.gzip:
            raise ValueError("an endless reply cannot be gzipped")
        if self.framed and (not self.chunked or self.gzip or self.endless):
            raise ValueError("a framed reply is a plain chunked body written as given")

    def pieces(self) -> Iterable[bytes]:
        """The body as written, gzipped if asked."""
        if not self.gzip:
            return self.chunks
        raw = list(self.chunks)
        data = gzip.compress(b"".join(raw), mtime=0)
        out: list[bytes] = []
        pos = 0
        for size in (len(c) for c in raw[:-1]):
            if pos >= len(data):
                break
            out.append(data[pos : pos + size])
            pos += size
        if pos < len(data):
            out.append(data[pos:])
        return out


@dataclass(frozen=True)
class Request:
    """One request as the server read it."""

    method: str
    path: str  # without the query string
    query: str
    headers: dict[str, str]  # names lower-cased; repeated headers joined with ", "
    body: bytes
    connection_id: int  # the same for requests that arrived on one kept-alive connection
    version: str = "HTTP/1.1"

    def json(self) -> Any:
        return json.loads(self.body)


ReplyFactory = Callable[[Request], Reply]


class _BadRequestError(Exception):
    pass


class TestServer:
    """The server; see the module docstring. Thread-safe: tests call it from their own thread."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queues: dict[str, deque[Reply]] = {}
        self._defaults: dict[str, ReplyFactory] = {}
        self._requests: list[Request] = []
        self._disconnects: list[float] = []
        self._errors: list[str] = []
        self._open = 0
        self._port: int | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._conn_ids = itertools.count(1)
        # Touched only on the server's loop.
        self._writers: set[asyncio.StreamWriter] = set()

    # -- lifecycle (test thread) -----------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("TestServer already started")
        ready = threading.Event()
        # A plain selector loop, not asyncio.new_event_loop(): under qasync the policy would hand out a
        # Qt loop, which must not run off the GUI thread.
        self._loop = asyncio.SelectorEventLoop()
        self._loop.set_exception_handler(self._on_loop_error)
        self._thread = threading.Thread(target=self._run, args=(ready,), name="TestServer", daemon=True)
        self._thread.start()
        ready.wait(10)
        if self._port is None:
            self.stop()
            raise RuntimeError(f"TestServer did not start: {self._errors}")

    def stop(self) -> None:
        """Close every connection (abruptly, if a reply is still going) and end the thread."""
        thread, loop, event = self._thread, self._loop, self._stop_event
        if thread is None or loop is None or self._stopping:
            return
        self._stopping = True
        if event is not None:
            with contextlib.suppress(RuntimeError):  # the loop already ended
                loop.call_soon_threadsafe(event.set)
        thread.join(15)
        if thread.is_alive():
            raise RuntimeError("TestServer thread did not stop")

    def __enter__(self) -> TestServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what tests use ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        if self._port is None:
            raise RuntimeError("TestServer not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    def queue(self, reply: Reply, path: str = CHAT_PATH) -> None:
        """Answer the next request on `path` with `reply` (first in, first out)."""
        with self._cond:
            self._queues.setdefault(path, deque()).append(reply)

    def set_default(self, reply_factory: ReplyFactory, path: str = CHAT_PATH) -> None:
        """Answer every request on `path` with `reply_factory(request)` while its queue is empty."""
        with self._cond:
            self._defaults[path] = reply_factory

    @property
    def requests(self) -> list[Request]:
        with self._cond:
            return list(self._requests)

    @property
    def open_connections(self) -> int:
        with self._cond:
            return self._open

    @property
    def disconnect_times(self) -> list[float]:
        """time.monotonic() of each client that went away in the middle of a reply."""
        with self._cond:
            return list(self._disconnects)

    @property
    def errors(self) -> list[str]:
        """Faults inside the server itself (a bug here or in a reply factory); empty when all is well."""
        with self._cond:
            return list(self._errors)

    def forget(self) -> None:
        """Drop the record of requests and disconnects (a long run that measures memory calls it)."""
        with self._cond:
            self._requests.clear()
            self._disconnects.clear()

    def wait_for_requests(self, n: int, timeout: float = 5.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._requests) >= n, timeout):
                raise TimeoutError(f"{len(self._requests)} requests arrived, expected {n}")

    def wait_until_closed(self, timeout: float = 5.0) -> bool:
        """True once no connection is open, as the server sees it."""
        with self._cond:
            return self._cond.wait_for(lambda: self._open == 0, timeout)

    # -- the server's thread -------------------------------------------------------------------------

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        self._note_error(f"{context.get('message')}: {context.get('exception')!r}")

    def _note_error(self, text: str) -> None:
        with self._cond:
            self._errors.append(text)

    def _run(self, ready: threading.Event) -> None:
        loop = self._loop
        assert loop is not None
        try:
            loop.run_until_complete(self._main(ready))
            loop.run_until_complete(loop.shutdown_asyncgens())
        except BaseException as exc:  # surfaced through .errors; a thread must not die noisily
            self._note_error(f"server loop failed: {exc!r}")
        finally:
            loop.close()
            ready.set()

    async def _main(self, ready: threading.Event) -> None:
        self._stop_event = asyncio.Event()
        # Our own accept loop, not asyncio.start_server: Server.close() while a connection is half accepted
        # (it takes several loop iterations) leaks that socket (python/cpython#109564), a ResourceWarning
        # in whichever test stopped the server. Here every accepted socket is ours at once, and is either
        # served or closed.
        listener = socket.create_server(("127.0.0.1", 0))
        listener.setblocking(False)
        self._port = listener.getsockname()[1]
        handlers: set[asyncio.Task[None]] = set()
        accepting = asyncio.create_task(self._accept(listener, handlers))
        ready.set()
        try:
            if not self._stopping:
                await self._stop_event.wait()
            if not accepting.done():
                # Wake the pending accept with a connection of our own (not waited for: the backlog may be
                # full of clients, one of which then wakes it); it sees _stopping and closes what it got.
                with socket.socket() as waker:
                    waker.setblocking(False)
                    waker.connect_ex(("127.0.0.1", self._port))
                    await accepting
        finally:
            listener.close()  # connections still in the backlog are reset by the kernel
        for writer in list(self._writers):
            writer.transport.abort()
        pending = set(handlers)
        if pending:
            _, pending = await asyncio.wait(pending, timeout=5)
        for task in pending:  # only a handler stuck somewhere unexpected
            self._note_error(f"handler did not stop: {task!r}")
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=1)

    async def _accept(self, listener: socket.socket, handlers: set[asyncio.Task[None]]) -> None:
        loop = asyncio.get_running_loop()
        while True:
            conn, _ = await loop.sock_accept(listener)
            if self._stopping:
                conn.close()
                return
            task = loop.create_task(self._open_streams(conn))
            handlers.add(task)
            task.add_done_callback(handlers.discard)

    async def _open_streams(self, conn: socket.socket) -> None:
        try:
            reader, writer = await asyncio.open_connection(sock=conn)
        except OSError:
            conn.close()
            return
        await self._serve(reader, writer)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One connection: requests in turn (keep-alive) until either side closes."""
        conn_id = next(self._conn_ids)
        self._writers.add(writer)
        with self._cond:
            self._open += 1
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        after = _ABORT
        try:
            while not self._stopping:
                try:
                    request = await _read_request(reader, conn_id)
                except _BadRequestError as exc:
                    await _write_simple(writer, json_error_reply(400, str(exc)))
                    after = _CLOSE
                    break
                if request is None:
                    after = _CLOSE
                    break
                with self._cond:
                    self._requests.append(request)
                    self._cond.notify_all()
                after = await self._send(reader, writer, self._reply_for(request), request)
                if after != _KEEP:
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the client went away between requests: nothing to record
        except asyncio.CancelledError:
            pass  # only from _main's last resort; end quietly so asyncio logs nothing
        except Exception as exc:
            self._note_error(f"connection {conn_id}: {exc!r}")
        finally:
            if after == _CLOSE:
                writer.close()
            else:
                writer.transport.abort()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await writer.wait_closed()
            self._writers.discard(writer)
            with self._cond:
                self._open -= 1
                self._cond.notify_all()

    def _reply_for(self, request: Request) -> Reply:
        with self._cond:
            waiting = self._queues.get(request.path)
            if waiting:
                return waiting.popleft()
            factory = self._defaults.get(request.path)
        if factory is None:
            return json_error_reply(
                404, f"no reply queued for {request.method} {request.path}", type_="not_found_error"
            )
        try:
            return factory(request)
        except Exception as exc:
            self._note_error(f"reply factory for {request.path}: {exc!r}")
            return json_error_reply(500, f"reply factory failed: {exc!r}", type_="server_error")

    def _client_gone(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        return self._stopping or reader.at_eof() or writer.transport.is_closing()

    async def _wait_until(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, deadline: float
    ) -> bool:
        """Sleep until `deadline` (loop time); False as soon as the client is gone or the server stops."""
        loop = asyncio.get_running_loop()
        while True:
            remaining = deadline - loop.time()
            # Always yield at least once, so a reply that has fallen behind its schedule still lets the
            # loop read the socket and notice a client that hung up.
            await asyncio.sleep(min(max(remaining, 0.0), _POLL_S))
            if self._client_gone(reader, writer):
                return False
            if remaining <= _POLL_S:
                return True

    async def _send(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, reply: Reply, request: Request
    ) -> str:
        """Write one reply; say whether the connection can serve another (_KEEP), or how to end it."""
        loop = asyncio.get_running_loop()
        keep_alive = _wants_keep_alive(request, reply)
        try:
            if reply.first_byte_delay_s > 0 and not await self._wait_until(
                reader, writer, loop.time() + reply.first_byte_delay_s
            ):
                return self._gone()
            pieces: Iterable[bytes] = reply.pieces()
            framing = {"transfer-encoding": "chunked"}
            if not reply.chunked:
                pieces = list(pieces)
                framing = {"content-length": str(sum(len(p) for p in pieces))}
            if reply.gzip:
                framing["content-encoding"] = "gzip"
            if not keep_alive:
                framing["connection"] = "close"
            writer.write(_head(reply, framing))
            await writer.drain()

            def frame(piece: bytes) -> bytes:
                if reply.framed or not reply.chunked:
                    return piece
                return b"%X\r\n%b\r\n" % (len(piece), piece)

            start = loop.time()
            for i, piece in enumerate(_then_endless(pieces, reply), start=1):
                if not await self._wait_until(reader, writer, start + i * reply.gap_s):
                    return self._gone()
                if piece:  # an empty chunk would end a chunked body
                    writer.write(frame(piece))
                    await writer.drain()
                    if reply.sent_log is not None:
                        reply.sent_log.append((time.monotonic(), piece))
            if reply.end == "drop":
                return _ABORT
            if reply.end == "reset":
                sock = writer.get_extra_info("socket")
                if sock is not None:  # linger 0: close() sends RST instead of FIN
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return _ABORT
            if reply.end == "hold" and not await self._wait_until(reader, writer, loop.time() + reply.hold_s):
                return self._gone()
            if reply.chunked and not reply.framed:
                writer.write(b"0\r\n\r\n")
                await writer.drain()
            return _KEEP if keep_alive else _CLOSE
        except ConnectionError:  # reset or broken pipe while writing
            return self._gone()

    def _gone(self) -> str:
        if not self._stopping:
            with self._cond:
                self._disconnects.append(time.monotonic())
        return _ABORT


def _then_endless(pieces: Iterable[bytes], reply: Reply) -> Iterator[bytes]:
    yield from pieces
    while reply.endless:
        yield reply.endless_chunk


def _head(reply: Reply, framing: dict[str, str]) -> bytes:
    try:
        reason = HTTPStatus(reply.status).phrase
    except ValueError:
        reason = "Unknown"
    lines = [f"HTTP/1.1 {reply.status} {reason}"]
    lines += [f"{k}: {v}" for k, v in reply.headers.items() if k.lower() not in framing]
    lines += [f"{k}: {v}" for k, v in framing.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _wants_keep_alive(request: Request, reply: Reply) -> bool:
    tokens = {t.strip().lower() for t in request.headers.get("connection", "").split(",")}
    tokens |= {v.strip().lower() for k, v in reply.headers.items() if k.lower() == "connection"}
    if request.version == "HTTP/1.0":  # no keep-alive unless asked for
        return "keep-alive" in tokens and "close" not in tokens
    return "close" not in tokens


async def _write_simple(writer: asyncio.StreamWriter, reply: Reply) -> None:
    body = b"".join(reply.chunks)
    writer.write(_head(reply, {"content-length": str(len(body)), "connection": "close"}) + body)
    await writer.drain()


async def _read_request(reader: asyncio.StreamReader, conn_id: int) -> Request | None:
    """The next request on the connection, or None when the client closed it cleanly."""
    try:
        line = await reader.readline()
        while line in (b"\r\n", b"\n"):  # tolerated before a request line (RFC 9112 §2.2)
            line = await reader.readline()
        if not line:
            return None
        parts = line.decode("latin-1").split()
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            raise _BadRequestError(f"bad request line {line!r}")
        method, target, version = parts
        headers: dict[str, str] = {}
        while (line := await reader.readline()) not in (b"\r\n", b"\n"):
            if not line:
                raise asyncio.IncompleteReadError(b"", None)
            name, sep, value = line.decode("latin-1").partition(":")
            if not sep:
                raise _BadRequestError(f"bad header line {line!r}")
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = await _read_chunked(reader)
        else:
            body = await reader.readexactly(int(headers.get("content-length", "0")))
    except ValueError as exc:  # a line over the stream limit, or a bad number
        raise _BadRequestError(str(exc)) from exc
    path, _, query = target.partition("?")
    return Request(method, path, query, headers, body, conn_id, version)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    while True:
        size = int((await reader.readline()).split(b";")[0].strip(), 16)  # ValueError: bad request
        if size == 0:
            break
        body += await reader.readexactly(size)
        await reader.readexactly(2)
    while (await reader.readline()) not in (b"\r\n", b"\n", b""):  # trailers, ignored
        pass
    return bytes(body)


# -- replies that look like an OpenAI-compatible gateway -------------------------------------------------


def sse_event(payload: object) -> bytes:
    """One `data:` event, JSON as gateways send it (compact, UTF-8 unescaped)."""
    text = (
        payload
        if isinstance(payload, str)
        else json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    )
    return f"data: {text}\n\n".encode()


def completion_chunk(
    delta: dict[str, Any], finish_reason: str | None = None, *, model: str = "test-model"
) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


_SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"}


def _sse_chunks(
    content: Iterable[bytes],
    *,
    finish: str | None,
    usage: dict[str, int] | None,
    reasoning: Iterable[str],
    model: str,
) -> Iterator[bytes]:
    yield sse_event(completion_chunk({"role": "assistant", "content": ""}, model=model))
    for text in reasoning:
        yield sse_event(completion_chunk({"reasoning_content": text}, model=model))
    yield from content
    if finish is not None:
        yield sse_event(completion_chunk({}, finish, model=model))
    if usage is not None:
        yield sse_event({**completion_chunk({}, model=model), "choices": [], "usage": usage})
    yield sse_event("[DONE]")


def sse_reply(
    deltas: list[str],
    *,
    finish: str | None = "stop",
    usage: dict[str, int] | None = None,
    reasoning: list[str] | None = None,
    model: str = "test-model",
) -> Reply:
    """A complete streamed chat completion: role, reasoning, one event per delta, finish, usage, [DONE]."""
    content = (sse_event(completion_chunk({"content": d}, model=model)) for d in deltas)
    chunks = list(_sse_chunks(content, finish=finish, usage=usage, reasoning=reasoning or [], model=model))
    return Reply(headers=dict(_SSE_HEADERS), chunks=chunks)


def slow_sse_reply(
    n_tokens: int, tokens_per_s: float, *, token: str = "word ", model: str = "test-model"
) -> Reply:
    """A long stream of `n_tokens` identical deltas at `tokens_per_s` (0 = as fast as possible).

    Every delta is the same bytes object, so 50,000 tokens cost a list of pointers, not 50,000 encodings.
    The reply's text is `token * n_tokens`.
    """
    event = sse_event(completion_chunk({"content": token}, model=model))
    chunks = list(_sse_chunks([event] * n_tokens, finish="stop", usage=None, reasoning=(), model=model))
    return Reply(headers=dict(_SSE_HEADERS), chunks=chunks, gap_s=1 / tokens_per_s if tokens_per_s else 0.0)


def endless_sse_reply(delta: str = "tick ", *, gap_s: float = 0.005, model: str = "test-model") -> Reply:
    """A stream that never finishes: for Stop, which must close the connection."""
    return Reply(
        headers=dict(_SSE_HEADERS),
        chunks=[sse_event(completion_chunk({"role": "assistant", "content": ""}, model=model))],
        endless=True,
        endless_chunk=sse_event(completion_chunk({"content": delta}, model=model)),
        gap_s=gap_s,
    )


def json_reply(obj: object, status: int = 200, *, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(obj, ensure_ascii=False).encode()
    return Reply(
        status=status,
        headers={"content-type": "application/json", **(headers or {})},
        chunks=[body],
        chunked=False,
    )


def json_error_reply(
    status: int,
    message: str,
    *,
    type_: str = "invalid_request_error",
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """An OpenAI-style error body: {"error": {"message", "type", "code"}}."""
    return json_reply({"error": {"message": message, "type": type_, "code": code}}, status, headers=headers)


def models_reply(ids: list[str]) -> Reply:
    """The body of GET /v1/models; queue it with path="/v1/models"."""
    return json_reply(
        {"object": "list", "data": [{"id": i, "object": "model", "owned_by": "test"} for i in ids]}
    )
