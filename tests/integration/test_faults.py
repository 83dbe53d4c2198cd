"""Network and wire faults, each injected on a real socket and taken through the real client path twice:
ChatSession with a real SQLite store (what the window runs), and `sluice ask` in a subprocess.

For every fault the user must get one plain line of the right kind, the partial reply must be kept and
saved with the right status, and nothing may be left behind: no busy or broken connection in the pool, no
socket open on the server's side, no pending asyncio task. docs/reliability.md lists these cases.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core.errors import KIND_EXPLANATIONS, ChatError, ErrorKind
from app.core.models import AUTH_NONE, MessageStatus, Profile
from app.net.client import ChatClient
from app.net.pool import HttpPool
from app.session import ChatSession
from app.store import ConversationStore
from tests.integration.conftest import Sluice
from tests.support.faults import (
    DONE_EVENT,
    LAST_CHUNK,
    ROLE_EVENT,
    SSE_HEADERS,
    STOP_EVENT,
    Generation,
    MemoryKeys,
    UntrustedTlsServer,
    chunk,
    content_event,
    dribble_reply,
    framed_reply,
    free_port,
    garbage_reply,
    gzip_stream_reply,
    huge_event_reply,
    reset_mid_character_reply,
    run_generation,
    split_every,
    stream_body,
    tiny_events_reply,
    write_profile,
)
from tests.support.server import Reply, TestServer, endless_sse_reply, sse_reply

KEY = "sk-faults-0123456789abcdef"
WORDS = [f"w{i:04d}-{(i * 7919) % 10007:05d} " for i in range(400)]  # compresses poorly, unlike "a a a"


@dataclass
class Arena:
    """The servers a fault can use. The TLS server is made only when a fault asks for it."""

    server: TestServer
    other: TestServer
    stack: contextlib.ExitStack
    _tls: UntrustedTlsServer | None = None

    @property
    def tls(self) -> UntrustedTlsServer:
        if self._tls is None:
            self._tls = self.stack.enter_context(UntrustedTlsServer())
        return self._tls

    def servers_closed(self, timeout: float = 10.0) -> bool:
        ok = self.server.wait_until_closed(timeout) and self.other.wait_until_closed(timeout)
        return ok and (self._tls is None or self._tls.wait_until_closed(timeout))


@dataclass(frozen=True)
class Fault:
    """One fault: how to set it up, and what the user must see.

    `arrange` queues the hostile replies and returns (base_url, the text the user must end up with).
    `content` "exact": the saved reply is that text; "prefix": a prefix of it (how much of a damaged body
    could be decoded is the decoder's business), never anything that was not sent.
    """

    id: str
    arrange: Callable[[Arena], tuple[str, str]]
    status: MessageStatus
    kind: ErrorKind | None = None
    words: str = ""  # in the message
    read_timeout: float = 60.0
    content: str = "exact"
    keeps_alive: bool = False  # the body ended cleanly: the pool may keep the connection, idle
    stop_after_deltas: int | None = None  # the user presses Stop once this many deltas arrived
    cli: bool = True


def _queue(reply: Reply, text: str) -> Callable[[Arena], tuple[str, str]]:
    def arrange(arena: Arena) -> tuple[str, str]:
        arena.server.queue(reply)
        return arena.server.base_url, text

    return arrange


def _refused(_arena: Arena) -> tuple[str, str]:
    return f"http://127.0.0.1:{free_port()}/v1", ""


def _dns(_arena: Arena) -> tuple[str, str]:
    return "http://sluice-fault-test.invalid/v1", ""  # .invalid never resolves (RFC 6761)


def _untrusted_tls(arena: Arena) -> tuple[str, str]:
    return arena.tls.base_url, ""


def _tls_to_plain_http(arena: Arena) -> tuple[str, str]:
    return arena.server.base_url.replace("http://", "https://"), ""


def _no_answer(arena: Arena) -> tuple[str, str]:
    arena.server.queue(dataclasses.replace(sse_reply(["late"]), first_byte_delay_s=60.0))
    return arena.server.base_url, ""


def _stall(arena: Arena) -> tuple[str, str]:
    reply = Reply(headers=dict(SSE_HEADERS), chunks=stream_body(["partial ", "text"], finish=False))
    arena.server.queue(dataclasses.replace(reply, end="hold", hold_s=60.0))
    return arena.server.base_url, "partial text"


DRIBBLE_TEXT = "naïve 中文 🙂"
DRIBBLE_GAP_S = 0.05
DRIBBLE_READ_TIMEOUT = 1.0


def _dribble(arena: Arena) -> tuple[str, str]:
    reply = dribble_reply(DRIBBLE_TEXT, gap_s=DRIBBLE_GAP_S)
    pieces = list(reply.chunks)
    assert all(len(p) == 1 for p in pieces)
    # The point of the case: the whole reply takes several read timeouts, each byte arrives well within one.
    assert len(pieces) * DRIBBLE_GAP_S > 3 * DRIBBLE_READ_TIMEOUT
    arena.server.queue(reply)
    return arena.server.base_url, DRIBBLE_TEXT


def _reset_mid_character(arena: Arena) -> tuple[str, str]:
    reply = reset_mid_character_reply("Before the cut: ", "中文")
    arena.server.queue(dataclasses.replace(reply, gap_s=0.05))
    return arena.server.base_url, "Before the cut: "


def _huge_event(arena: Arena) -> tuple[str, str]:
    reply, text = huge_event_reply(10 * 1024 * 1024)
    arena.server.queue(reply)
    return arena.server.base_url, text


def _tiny_events(arena: Arena) -> tuple[str, str]:
    reply, text = tiny_events_reply(10_000)
    arena.server.queue(reply)
    return arena.server.base_url, text


def _gzip(damage: str | None) -> Callable[[Arena], tuple[str, str]]:
    def arrange(arena: Arena) -> tuple[str, str]:
        reply, text = gzip_stream_reply(WORDS, damage=damage)
        arena.server.queue(reply)
        return arena.server.base_url, text

    return arrange


def _framed(pieces: list[bytes], text: str, *, end: str = "finish") -> Callable[[Arena], tuple[str, str]]:
    return _queue(framed_reply(pieces, end=end), text)


_CHUNKED_TEXT = ["Chunked ", "edge ", "cases ", "都 ", "通过"]
_CHUNKED_EVENTS = stream_body(_CHUNKED_TEXT)
_MANY_EVENTS = [f"{i} " for i in range(20_000)]


def _redirect_same_host(arena: Arena) -> tuple[str, str]:
    arena.server.queue(Reply(status=307, headers={"location": "/moved/v1/chat/completions"}))
    arena.server.queue(sse_reply(["moved ", "here"]), path="/moved/v1/chat/completions")
    return arena.server.base_url, "moved here"


def _redirect_other_host(arena: Arena) -> tuple[str, str]:
    # Another host name (localhost, not 127.0.0.1) and another port: another origin in every way.
    target = f"http://localhost:{arena.other.base_url.rsplit(':', 1)[1]}/chat/completions"
    arena.server.queue(Reply(status=307, headers={"location": target}))
    arena.other.queue(sse_reply(["from ", "elsewhere"]))
    return arena.server.base_url, "from elsewhere"


def _endless(arena: Arena) -> tuple[str, str]:
    arena.server.queue(endless_sse_reply("tick ", gap_s=0.01))
    return arena.server.base_url, "tick " * 5


FAULTS = [
    Fault("refused", _refused, MessageStatus.ERROR, ErrorKind.CONNECTION, "refused the connection"),
    Fault("dns", _dns, MessageStatus.ERROR, ErrorKind.CONNECTION, "DNS lookup failed"),
    Fault(
        "tls-untrusted-certificate",
        _untrusted_tls,
        MessageStatus.ERROR,
        ErrorKind.CONNECTION,
        "certificate is not trusted",
    ),
    Fault(
        "tls-to-a-plain-http-server",
        _tls_to_plain_http,
        MessageStatus.ERROR,
        ErrorKind.CONNECTION,
        "does not speak TLS",
    ),
    Fault(
        "accepts-never-answers",
        _no_answer,
        MessageStatus.ERROR,
        ErrorKind.TIMEOUT,
        "did not answer within the read timeout (0.5 s)",
        read_timeout=0.5,
    ),
    Fault(
        "stalls-mid-stream",
        _stall,
        MessageStatus.ERROR,
        ErrorKind.TIMEOUT,
        "sent nothing more within the read timeout (0.5 s)",
        read_timeout=0.5,
    ),
    Fault(
        "one-byte-at-a-time",
        _dribble,
        MessageStatus.COMPLETE,
        read_timeout=DRIBBLE_READ_TIMEOUT,
        keeps_alive=True,
    ),
    Fault(
        "reset-mid-utf8-character",
        _reset_mid_character,
        MessageStatus.INTERRUPTED,
        ErrorKind.INTERRUPTED,
        "broke mid-reply (the connection was reset)",
    ),
    Fault("10-mb-single-event", _huge_event, MessageStatus.COMPLETE, keeps_alive=True),
    Fault("10000-tiny-events", _tiny_events, MessageStatus.COMPLETE, keeps_alive=True),
    Fault(
        "garbage-bytes",
        _queue(garbage_reply(), ""),
        MessageStatus.ERROR,
        ErrorKind.PROTOCOL,
        "sent bytes that are not a chat stream",
        keeps_alive=True,
    ),
    Fault(
        "garbage-bytes-without-content-type",
        _queue(garbage_reply(content_type=None), ""),
        MessageStatus.ERROR,
        ErrorKind.PROTOCOL,
        "answered with no content type instead of a chat stream",
    ),
    Fault("gzip", _gzip(None), MessageStatus.COMPLETE, keeps_alive=True),
    Fault(
        "gzip-truncated",
        _gzip("truncate"),
        MessageStatus.INTERRUPTED,
        ErrorKind.INTERRUPTED,
        "closed the stream without a finish reason or [DONE]",
        content="prefix",
        keeps_alive=True,
    ),
    Fault(
        "gzip-corrupt",
        _gzip("corrupt"),
        MessageStatus.ERROR,
        ErrorKind.PROTOCOL,
        "could not be decoded (damaged gzip data: invalid distance too far back)",
        content="prefix",
    ),
    Fault(
        "chunk-extensions-and-padded-sizes",
        _framed(
            [
                chunk(ROLE_EVENT, extension=b";name=value"),
                *(chunk(e, size_text=b"%06X" % len(e)) for e in _CHUNKED_EVENTS[1:-1]),
                chunk(_CHUNKED_EVENTS[-1], extension=b';quoted="a;b"'),
                LAST_CHUNK,
            ],
            "".join(_CHUNKED_TEXT),
        ),
        MessageStatus.COMPLETE,
        keeps_alive=True,
    ),
    Fault(
        "chunk-framing-split-across-writes",
        _framed(
            split_every(b"".join(chunk(e) for e in _CHUNKED_EVENTS) + LAST_CHUNK, 3), "".join(_CHUNKED_TEXT)
        ),
        MessageStatus.COMPLETE,
        keeps_alive=True,
    ),
    Fault(
        "last-chunk-with-trailers",
        _framed(
            [*(chunk(e) for e in _CHUNKED_EVENTS), b"0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"],
            "".join(_CHUNKED_TEXT),
        ),
        MessageStatus.COMPLETE,
        keeps_alive=True,
    ),
    Fault(
        "20000-events-in-one-huge-chunk",
        _framed([chunk(b"".join(stream_body(_MANY_EVENTS))), LAST_CHUNK], "".join(_MANY_EVENTS)),
        MessageStatus.COMPLETE,
        keeps_alive=True,
    ),
    Fault(
        "zero-size-chunk-before-the-end",
        _framed(
            [chunk(ROLE_EVENT), chunk(content_event("Half ")), LAST_CHUNK, chunk(STOP_EVENT + DONE_EVENT)],
            "Half ",
        ),
        MessageStatus.INTERRUPTED,
        ErrorKind.INTERRUPTED,
        "closed the stream without a finish reason or [DONE]",
        keeps_alive=True,
    ),
    Fault("redirect-307-same-host", _redirect_same_host, MessageStatus.COMPLETE, keeps_alive=True),
    Fault("redirect-307-other-host", _redirect_other_host, MessageStatus.COMPLETE, keeps_alive=True),
    Fault(
        "endless-stream-stopped-by-the-user",
        _endless,
        MessageStatus.CANCELLED,
        stop_after_deltas=5,
        cli=False,  # Ctrl-C in the CLI: test_cli.py::test_ctrl_c_stops_at_once_and_saves_the_partial_reply
    ),
]


@pytest.fixture
def arena(server: TestServer) -> Iterator[Arena]:
    with contextlib.ExitStack() as stack:
        other = stack.enter_context(TestServer())
        yield Arena(server, other, stack)
        assert server.errors == [] and other.errors == []


def _assert_one_clear_line(text: str, words: str) -> None:
    assert words in text
    assert "\n" not in text and "\r" not in text
    assert len(text) < 400
    assert "Traceback" not in text and "<" not in text and "_ssl.c" not in text


def _assert_text(fault: Fault, got: str, expected: str) -> None:
    assert "\ufffd" not in got  # a character cut by the network is never shown half
    if fault.content == "exact":
        assert got == expected
    else:
        assert expected.startswith(got), f"{got[:80]!r} is not a prefix of what was sent"
        assert 0 < len(got) < len(expected), "the text before the damage should be kept"


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
def test_fault_through_the_session(arena: Arena, tmp_path: Path, fault: Fault) -> None:
    base_url, expected = fault.arrange(arena)
    profile = Profile(
        name="faulty", base_url=base_url, model="m", proxy="none", read_timeout=fault.read_timeout
    )
    store = ConversationStore.open(tmp_path / "sluice.db")
    conversation_id = store.create_conversation("fault").id

    stop_when: Callable[[Generation], bool] | None = None
    if fault.stop_after_deltas is not None:
        limit = fault.stop_after_deltas
        stop_when = lambda gen: len(gen.streamed_text) >= len("tick ") * limit  # noqa: E731

    async def scenario() -> tuple[Generation, bool]:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), MemoryKeys({"faulty": KEY}), store)
            gen = await run_generation(
                session, pool, profile, conversation_id=conversation_id, stop_when=stop_when
            )
            # The server's side, before the pool is closed: a broken or stopped reply's socket is gone.
            closed = True if fault.keeps_alive else await asyncio.to_thread(arena.servers_closed)
            return gen, closed
        finally:
            await pool.aclose()

    try:
        gen, closed_before_pool_close = asyncio.run(scenario())
        (row,) = store.messages(conversation_id)
    finally:
        store.close()

    if fault.status == MessageStatus.CANCELLED:
        assert gen.cancelled and gen.message is None
        (final,) = gen.finished
        expected = gen.streamed_text  # what the user saw is what is kept
        assert expected.startswith("tick " * fault.stop_after_deltas)  # type: ignore[operator]
    else:
        assert gen.message is not None
        final = gen.message
        assert gen.finished == [final]
    for message in (final, row):
        assert message.status == fault.status
        assert message.error_kind == fault.kind
        _assert_text(fault, message.content, expected)
        if fault.kind is None:
            assert message.error_message is None
        else:
            _assert_one_clear_line(message.error_message or "", fault.words)
            described = ChatError(fault.kind, message.error_message or "").describe()
            _assert_one_clear_line(described, KIND_EXPLANATIONS[fault.kind])
    assert row.id == final.id
    assert gen.streamed_text == final.content  # every byte shown was saved, nothing else

    assert gen.stats_after is not None
    assert gen.stats_after.busy == 0, "a connection is still carrying the finished request"
    if not fault.keeps_alive:
        assert gen.stats_after.open == 0, "a broken or stopped connection was kept in the pool"
    assert closed_before_pool_close, "the server still sees a connection of the failed reply"
    assert gen.leftover_tasks == []
    assert arena.servers_closed(), "a connection survived closing the pool"


@pytest.mark.parametrize(
    ("auth", "header"),
    [("bearer", "authorization"), ("raw", "authorization"), ("header:api-key", "api-key")],
)
def test_the_key_does_not_follow_a_redirect_to_another_host(arena: Arena, auth: str, header: str) -> None:
    """What each server received when the gateway redirects to another host."""
    base_url, _ = _redirect_other_host(arena)
    profile = Profile(name="faulty", base_url=base_url, model="m", proxy="none", auth=auth)

    async def scenario() -> Generation:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), MemoryKeys({"faulty": KEY}), None)
            return await run_generation(session, pool, profile, conversation_id=None)
        finally:
            await pool.aclose()

    gen = asyncio.run(scenario())
    assert gen.message is not None and gen.message.content == "from elsewhere"
    (first,), (second,) = arena.server.requests, arena.other.requests
    assert KEY in first.headers[header]  # the gateway the user chose got the key
    assert header not in second.headers, "the key went to another host"
    assert not any(KEY in value for value in second.headers.values())
    assert second.body == first.body  # 307: the same POST, replayed


def test_a_same_host_redirect_keeps_the_key(arena: Arena) -> None:
    base_url, _ = _redirect_same_host(arena)
    profile = Profile(name="faulty", base_url=base_url, model="m", proxy="none")

    async def scenario() -> Generation:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), MemoryKeys({"faulty": KEY}), None)
            return await run_generation(session, pool, profile, conversation_id=None)
        finally:
            await pool.aclose()

    gen = asyncio.run(scenario())
    assert gen.message is not None and gen.message.content == "moved here"
    first, second = arena.server.requests
    assert second.path == "/moved/v1/chat/completions"
    assert second.headers["authorization"] == first.headers["authorization"] == f"Bearer {KEY}"


# -- the same faults through `sluice ask` --------------------------------------------------------------

CLI_FAULTS = [f for f in FAULTS if f.cli]


@pytest.mark.parametrize("fault", CLI_FAULTS, ids=[f.id for f in CLI_FAULTS])
def test_fault_through_the_cli(arena: Arena, sluice: Sluice, fault: Fault) -> None:
    base_url, expected = fault.arrange(arena)
    write_profile(
        sluice.home,
        Profile(
            name="faulty",
            base_url=base_url,
            model="m",
            auth=AUTH_NONE,
            proxy="none",
            read_timeout=fault.read_timeout,
        ),
    )
    env = {**sluice.env, "PYTHONWARNINGS": "always::ResourceWarning"}  # an unclosed socket would print
    done = dataclasses.replace(sluice, env=env).run("ask", "hi", timeout=120)

    if fault.kind is None:
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
    else:
        assert done.returncode == 1
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("sluice: " + KIND_EXPLANATIONS[fault.kind])
        _assert_one_clear_line(lines[0], fault.words)
    shown = done.stdout.removesuffix("\n")
    _assert_text(fault, shown, expected)

    exported = sluice.run("export", "--last", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    reply = json.loads(exported.stdout)["messages"][1]
    assert reply["status"] == str(fault.status)
    assert reply["content"] == shown  # what was printed is what was saved
    assert (reply["error"] or {}).get("kind") == (str(fault.kind) if fault.kind else None)
    assert arena.servers_closed()
    log = (sluice.home / "logs" / "sluice.log").read_text(encoding="utf-8")
    for trouble in ("Traceback", "Task was destroyed", "Unclosed", "never awaited"):
        assert trouble not in log


def test_models_with_a_body_that_does_not_decode_is_one_line(sluice: Sluice, server: TestServer) -> None:
    """`sluice models` used to die with a traceback here (httpx.DecodingError was not caught)."""
    write_profile(sluice.home, Profile(name="faulty", base_url=server.base_url, model="m", auth=AUTH_NONE))
    broken = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 64  # a gzip header, then noise
    headers = {"content-type": "application/json", "content-encoding": "gzip"}
    server.queue(Reply(headers=headers, chunks=[broken], chunked=False), path="/v1/models")
    done = sluice.run("models")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("sluice: ")
    _assert_one_clear_line(lines[0], "sent an answer that could not be decoded")
