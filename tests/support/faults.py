"""Fault injection for the reliability suite: hostile replies for TestServer, a TLS server nobody trusts,
and a harness that runs one generation through the real ChatSession and reports what it left behind.

The replies here are what broken gateways and networks really do on the wire: stall, dribble, reset in the
middle of a character, send megabytes in one line, send noise, compress badly, frame chunks oddly.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import random
import socket
import ssl
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.core.events import ContentDelta, StreamEvent
from app.core.models import GenerationParams, Message, Profile, Role
from app.net.client import ChatClient
from app.net.pool import HttpPool, PoolStats
from app.profiles.store import ProfileStore
from app.session import ChatSession, GenerationHandle
from app.store import ConversationStore
from tests.support.server import Reply, completion_chunk, sse_event

HI = [Message(role=Role.USER, content="hi")]
SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"}
ROLE_EVENT = sse_event(completion_chunk({"role": "assistant", "content": ""}))
STOP_EVENT = sse_event(completion_chunk({}, "stop"))
DONE_EVENT = sse_event("[DONE]")


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def content_event(text: str) -> bytes:
    return sse_event(completion_chunk({"content": text}))


def stream_body(deltas: list[str], *, finish: bool = True) -> list[bytes]:
    """The events of a streamed reply, one bytes object per event (without the chunked framing)."""
    out = [ROLE_EVENT, *(content_event(d) for d in deltas)]
    if finish:
        out += [STOP_EVENT, DONE_EVENT]
    return out


# -- hostile replies ------------------------------------------------------------------------------------


def dribble_reply(text: str, *, gap_s: float) -> Reply:
    """A whole, minimal reply sent one byte per write, `gap_s` apart: multi-byte characters arrive split."""
    minimal = {"choices": [{"index": 0, "delta": {"content": text}}]}
    body = b"".join([sse_event(minimal), DONE_EVENT])
    return Reply(headers=dict(SSE_HEADERS), chunks=[body[i : i + 1] for i in range(len(body))], gap_s=gap_s)


def reset_mid_character_reply(before: str, cut: str) -> Reply:
    """Events for `before`, then an event for `cut` (which must hold a multi-byte character) cut inside that
    character, then a TCP reset."""
    event = content_event(cut)
    first_wide = next(i for i, ch in enumerate(cut) if len(ch.encode()) > 1)
    inside = event.index(cut[first_wide].encode()) + 1  # one byte into the character
    chunks = [ROLE_EVENT, content_event(before), event[:inside]]
    return Reply(headers=dict(SSE_HEADERS), chunks=chunks, end="reset")


def huge_event_reply(size: int) -> tuple[Reply, str]:
    """One content event carrying `size` characters of text in a single `data:` line (and one write)."""
    unit = "0123456789abcdeé中🙂\n"  # 1-, 2-, 3- and 4-byte characters, and an escaped newline
    text = (unit * (size // len(unit) + 1))[:size]
    body = b"".join([ROLE_EVENT, content_event(text), STOP_EVENT, DONE_EVENT])
    return Reply(headers=dict(SSE_HEADERS), chunks=[body]), text


def tiny_events_reply(count: int) -> tuple[Reply, str]:
    """`count` content events of one character each, each its own write."""
    letters = [chr(ord("a") + i % 26) for i in range(count)]
    return Reply(headers=dict(SSE_HEADERS), chunks=stream_body(letters), gap_s=0.0), "".join(letters)


def garbage_reply(
    *, seed: int = 5, size: int = 4096, content_type: str | None = "text/event-stream"
) -> Reply:
    """Random bytes (seeded), as a misrouted binary download or a broken proxy would send."""
    noise = random.Random(seed).randbytes(size)
    headers = {"content-type": content_type} if content_type else {}
    return Reply(headers=headers, chunks=[noise[i : i + 512] for i in range(0, size, 512)])


def gzip_stream_reply(deltas: list[str], *, damage: str | None = None) -> tuple[Reply, str]:
    """A gzip-encoded event stream; `damage` = "truncate" (the gzip data stops half-way, the HTTP body ends
    cleanly) or "corrupt" (bytes a quarter into the deflate data flipped)."""
    raw = b"".join(stream_body(deltas))
    packed = bytearray(gzip.compress(raw, mtime=0))
    if damage == "truncate":
        packed = packed[: len(packed) // 2]
    elif damage == "corrupt":
        # A quarter in: some text decodes first; these bytes make zlib fail rather than decode to noise.
        where = len(packed) // 4
        for i in range(where, where + 16):
            packed[i] ^= 0xFF
    elif damage is not None:
        raise ValueError(damage)
    data = bytes(packed)
    chunks = [data[i : i + 64] for i in range(0, len(data), 64)]
    headers = {**SSE_HEADERS, "content-encoding": "gzip"}
    return Reply(headers=headers, chunks=chunks), "".join(deltas)


def chunk(data: bytes, *, extension: bytes = b"", size_text: bytes | None = None) -> bytes:
    """One chunked-encoding frame, with an optional `;extension` and a custom size field."""
    size = size_text if size_text is not None else b"%x" % len(data)
    return size + extension + b"\r\n" + data + b"\r\n"


LAST_CHUNK = b"0\r\n\r\n"


def framed_reply(pieces: list[bytes], *, end: str = "finish") -> Reply:
    """A reply whose chunked framing is written exactly as given (see `chunk`), one write per piece."""
    return Reply(headers=dict(SSE_HEADERS), chunks=pieces, framed=True, end=end)


def split_every(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


# -- a TLS server with a certificate no client trusts ---------------------------------------------------


class UntrustedTlsServer:
    """Listens on 127.0.0.1 and offers a certificate from a throwaway CA (trustme) that no client trusts.

    Each connection is handshaken in its own thread; `handshakes_failed` counts the ones the client broke
    off, `open_connections` the sockets not yet closed (the client must not keep one).
    """

    def __init__(self) -> None:
        import trustme

        ca = trustme.CA()
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(self._context)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Condition()
        self._open = 0
        self.handshakes_failed = 0
        self.handshakes_done = 0
        self._threads: list[threading.Thread] = []
        self._stopping = False
        self._acceptor = threading.Thread(target=self._accept, name="UntrustedTls", daemon=True)

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}/v1"

    @property
    def open_connections(self) -> int:
        with self._lock:
            return self._open

    def wait_until_closed(self, timeout: float = 10.0) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: self._open == 0, timeout)

    def __enter__(self) -> UntrustedTlsServer:
        self._acceptor.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping = True
        self._acceptor.join(10)
        self._listener.close()
        for thread in self._threads:
            thread.join(10)

    def _accept(self) -> None:
        self._listener.settimeout(0.05)  # closing a socket does not wake a blocked accept(): poll instead
        while not self._stopping:
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            with self._lock:
                self._open += 1
            thread = threading.Thread(target=self._handshake, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _handshake(self, conn: socket.socket) -> None:
        conn.settimeout(20)
        try:
            with self._context.wrap_socket(conn, server_side=True) as tls:
                with self._lock:
                    self.handshakes_done += 1
                while tls.recv(4096):  # a client that trusted us anyway: read until it hangs up
                    pass
        except (OSError, ssl.SSLError):
            with self._lock:
                self.handshakes_failed += 1
        finally:
            conn.close()
            with self._lock:
                self._open -= 1
                self._lock.notify_all()


# -- one generation through the real session, and what it left behind ---------------------------------


class MemoryKeys:
    """An in-memory KeySource; the real keyring has its own tests (and the secrets sweep)."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = keys

    async def aget(self, name: str) -> str | None:
        return self._keys.get(name)


@dataclass
class Generation:
    """What one generation produced, and what was left over once it returned."""

    message: Message | None = None  # what generate() returned (None when it was stopped)
    cancelled: bool = False
    events: list[StreamEvent] = field(default_factory=list)
    finished: list[Message] = field(default_factory=list)  # what on_finished received
    stats_after: PoolStats | None = None  # the pool right after the generation, before it is closed
    leftover_tasks: list[str] = field(default_factory=list)  # tasks still pending (other than the test's)

    @property
    def streamed_text(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, ContentDelta))


async def settle_tasks(rounds: int = 20) -> list[asyncio.Task[object]]:
    """Let finished work unwind for a few loop turns; return the tasks still pending besides the caller."""
    me = asyncio.current_task()
    pending: list[asyncio.Task[object]] = []
    for _ in range(rounds):
        pending = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
        if not pending:
            break
        await asyncio.sleep(0.01)
    return pending


@contextlib.contextmanager
def like_qasync() -> Iterator[None]:
    """Run without asyncio's async-generator hooks, as under qasync (DESIGN.md's hazards): an async
    generator left unclosed is then never finalised, so a leak that asyncio.run would hide shows."""
    saved = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(firstiter=None, finalizer=None)
    try:
        yield
    finally:
        sys.set_asyncgen_hooks(*saved)


async def run_generation(
    session: ChatSession,
    pool: HttpPool,
    profile: Profile,
    *,
    conversation_id: int | None,
    stop_when: Callable[[Generation], bool] | None = None,
    double_stop: bool = False,
) -> Generation:
    """Run one generation (stopping it once `stop_when` says so) and report what it left behind.

    Runs `like_qasync()`: the window's loop has no async-generator hooks.
    """
    with like_qasync():
        return await _run_generation(
            session, pool, profile, conversation_id, stop_when=stop_when, double_stop=double_stop
        )


async def _run_generation(
    session: ChatSession,
    pool: HttpPool,
    profile: Profile,
    conversation_id: int | None,
    *,
    stop_when: Callable[[Generation], bool] | None,
    double_stop: bool,
) -> Generation:
    gen = Generation()
    stop_now = asyncio.Event()

    def on_event(event: StreamEvent) -> None:
        gen.events.append(event)
        if stop_when is not None and stop_when(gen):
            stop_now.set()

    handle = GenerationHandle(
        session.generate(
            profile,
            HI,
            GenerationParams(""),
            on_event,
            conversation_id=conversation_id,
            on_finished=gen.finished.append,
        )
    )
    if stop_when is not None:
        waiter = asyncio.ensure_future(stop_now.wait())
        await asyncio.wait([waiter, handle.task], return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiter
        handle.stop()
        if double_stop:
            handle.stop()
    try:
        gen.message = await handle.task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():  # type: ignore[union-attr]
            raise  # the test itself is being cancelled
        gen.cancelled = True
    gen.stats_after = pool.stats()
    gen.leftover_tasks = [repr(t) for t in await settle_tasks()]
    return gen


def generate_once(
    profile: Profile,
    *,
    store: ConversationStore | None = None,
    conversation_id: int | None = None,
    key: str = "sk-fault-0123456789abcdef",
    stop_when: Callable[[Generation], bool] | None = None,
) -> Generation:
    """One generation on a fresh pool, in a fresh event loop."""

    async def scenario() -> Generation:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), MemoryKeys({profile.name: key}), store)
            return await run_generation(
                session, pool, profile, conversation_id=conversation_id, stop_when=stop_when
            )
        finally:
            await pool.aclose()

    return asyncio.run(scenario())


# -- the CLI's files -------------------------------------------------------------------------------------


def write_profile(home: Path, profile: Profile, *, default: bool = True) -> None:
    """Add `profile` to SLUICE_HOME's profiles.toml with the app's own ProfileStore (the CLI has no flag
    for every setting, e.g. read_timeout)."""
    store = ProfileStore(home / "config" / "profiles.toml")
    store.load()
    store.add(profile)
    if default:
        store.set_default(profile.name)
    store.save()


def export_last(stdout: str) -> dict[str, object]:
    exported = json.loads(stdout)
    assert isinstance(exported, dict)
    return exported


@contextlib.contextmanager
def opened_store(path: Path) -> Iterator[ConversationStore]:
    store = ConversationStore.open(path)
    try:
        yield store
    finally:
        store.close()
