"""The test server does on the wire what the integration tests rely on it to do."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.support.server import (
    Reply,
    TestServer,
    endless_sse_reply,
    json_error_reply,
    models_reply,
    slow_sse_reply,
    sse_reply,
)


@pytest.fixture
def server() -> Iterator[TestServer]:
    with TestServer() as srv:
        yield srv
    assert srv.errors == []
    assert srv.open_connections == 0


@pytest.fixture
def client(server: TestServer) -> Iterator[httpx.Client]:
    # trust_env=False: a proxy from the environment must not sit between the test and 127.0.0.1.
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=5) as c:
        yield c


def _content(body: str) -> tuple[str, str | None, list[str]]:
    """Joined content deltas, the finish reason, and the raw data payloads."""
    datas = [line[len("data: ") :] for line in body.split("\n") if line.startswith("data: ")]
    text, finish = "", None
    for data in datas[:-1]:
        for choice in json.loads(data)["choices"]:
            text += choice["delta"].get("content") or ""
            finish = choice["finish_reason"] or finish
    return text, finish, datas


def test_sse_reply_arrives_intact_in_chunked_encoding(server: TestServer, client: httpx.Client) -> None:
    usage = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
    server.queue(sse_reply(["Hel", "lo, 世界", "!"], usage=usage, reasoning=["think"]))
    with client.stream("POST", "/chat/completions", json={"stream": True}) as r:
        body = r.read().decode()
    assert r.status_code == 200
    assert r.headers["transfer-encoding"] == "chunked"
    assert r.headers["content-type"].startswith("text/event-stream")
    text, finish, datas = _content(body)
    assert text == "Hello, 世界!"
    assert finish == "stop"
    assert datas[-1] == "[DONE]"
    assert json.loads(datas[-2])["usage"] == usage
    assert '"reasoning_content":"think"' in body


def test_content_length_mode(server: TestServer, client: httpx.Client) -> None:
    server.queue(Reply(headers={"content-type": "application/json"}, chunks=[b'{"a":', b"1}"], chunked=False))
    r = client.post("/chat/completions", json={})
    assert r.headers["content-length"] == "7"
    assert "transfer-encoding" not in r.headers
    assert r.json() == {"a": 1}


def test_json_error_with_status_and_headers(server: TestServer, client: httpx.Client) -> None:
    server.queue(json_error_reply(401, "Invalid API key", type_="authentication_error"))
    server.queue(json_error_reply(429, "慢一点", headers={"retry-after": "7"}))
    first = client.post("/chat/completions", json={})
    second = client.post("/chat/completions", json={})
    assert first.status_code == 401
    assert first.json()["error"] == {
        "message": "Invalid API key",
        "type": "authentication_error",
        "code": None,
    }
    assert second.status_code == 429
    assert second.headers["retry-after"] == "7"
    assert second.json()["error"]["message"] == "慢一点"


def test_nothing_queued_is_404_and_default_answers_every_request(
    server: TestServer, client: httpx.Client
) -> None:
    assert client.post("/chat/completions", json={}).status_code == 404
    server.set_default(lambda req: sse_reply([req.json()["echo"]]))
    for word in ("one", "two"):
        text, _, _ = _content(client.post("/chat/completions", json={"echo": word}).text)
        assert text == word


def test_drop_breaks_the_body_after_the_partial_content(server: TestServer, client: httpx.Client) -> None:
    server.queue(Reply(chunks=[b"data: partial\n\n"], end="drop"))
    received = b""
    with (
        pytest.raises(httpx.RemoteProtocolError),
        client.stream("POST", "/chat/completions", json={}) as r,
    ):
        for piece in r.iter_raw():
            received += piece
    assert received == b"data: partial\n\n"


def test_gzip_is_sent_compressed_and_decodes(server: TestServer, client: httpx.Client) -> None:
    reply = sse_reply(["a" * 50, "b" * 50])
    plain = b"".join(reply.chunks)
    reply.gzip = True
    server.queue(reply)
    server.queue(reply)
    assert client.post("/chat/completions", json={}).content == plain
    with client.stream("POST", "/chat/completions", json={}) as r:
        raw = b"".join(r.iter_raw())
    assert r.headers["content-encoding"] == "gzip"
    assert gzip.decompress(raw) == plain


def test_endless_reply_stops_when_the_client_closes(server: TestServer, client: httpx.Client) -> None:
    server.queue(endless_sse_reply("tick "))
    with client.stream("POST", "/chat/completions", json={}) as r:
        seen = b""
        for piece in r.iter_raw():  # would block forever if the server did not flush its writes
            seen += piece
            if seen.count(b'"tick "') >= 3:
                break
    # Leaving the block mid-body makes httpx close the socket instead of reusing it.
    assert server.wait_until_closed()
    assert len(server.disconnect_times) == 1


def test_requests_are_recorded_with_headers_and_body(server: TestServer, client: httpx.Client) -> None:
    server.queue(models_reply(["m1", "m2"]), path="/v1/models")
    server.queue(sse_reply(["ok"]))
    models = client.get("/models", params={"x": "1"}, headers={"Authorization": "Bearer sk-test"})
    client.post("/chat/completions", json={"model": "m1", "stream": True})
    assert [m["id"] for m in models.json()["data"]] == ["m1", "m2"]
    get, post = server.requests
    assert (get.method, get.path, get.query) == ("GET", "/v1/models", "x=1")
    assert get.headers["authorization"] == "Bearer sk-test"
    assert (post.method, post.path) == ("POST", "/v1/chat/completions")
    assert post.json() == {"model": "m1", "stream": True}
    assert post.headers["content-type"] == "application/json"


def test_chunked_request_body_is_read(server: TestServer, client: httpx.Client) -> None:
    server.queue(sse_reply(["ok"]))
    client.post("/chat/completions", content=iter([b'{"a"', b":1}"]))
    (req,) = server.requests
    assert req.headers["transfer-encoding"] == "chunked"
    assert req.json() == {"a": 1}


def test_keep_alive_serves_two_requests_on_one_connection(server: TestServer, client: httpx.Client) -> None:
    server.queue(sse_reply(["one"]))
    server.queue(sse_reply(["two"]))
    client.post("/chat/completions", json={})
    client.post("/chat/completions", json={})
    first, second = server.requests
    assert first.connection_id == second.connection_id
    assert server.open_connections == 1
    client.close()
    assert server.wait_until_closed()
    assert server.disconnect_times == []  # closing an idle connection is not a mid-body disconnect


def test_connection_close_is_respected(server: TestServer, client: httpx.Client) -> None:
    server.queue(sse_reply(["bye"]))
    r = client.post("/chat/completions", json={}, headers={"Connection": "close"})
    assert r.headers["connection"] == "close"
    assert server.wait_until_closed()  # the client still holds its pool open


def test_no_first_byte_means_a_read_timeout(server: TestServer) -> None:
    server.queue(Reply(chunks=[b"late"], first_byte_delay_s=30))
    with (
        httpx.Client(base_url=server.base_url, trust_env=False, timeout=httpx.Timeout(5, read=0.2)) as c,
        pytest.raises(httpx.ReadTimeout),
    ):
        c.post("/chat/completions", json={})
    assert server.wait_until_closed()
    assert len(server.disconnect_times) == 1


def test_slow_reply_text_is_the_token_repeated(server: TestServer, client: httpx.Client) -> None:
    server.queue(slow_sse_reply(2_000, 0, token="w "))
    text, finish, _ = _content(client.post("/chat/completions", json={}).text)
    assert text == "w " * 2_000
    assert finish == "stop"


def test_stop_closes_a_held_connection_and_ends_the_thread() -> None:
    server = TestServer()
    server.start()
    server.queue(Reply(chunks=[b"data: x\n\n"], end="hold", hold_s=60))
    with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1]))) as sock:
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        head = b""
        while b"data: x" not in head:
            head += sock.recv(4096)
        server.stop()
        sock.settimeout(5)
        rest = b""
        with contextlib.suppress(ConnectionResetError):  # recv times out if the server kept it open
            while piece := sock.recv(4096):
                rest += piece
    assert b"0\r\n\r\n" not in rest
    assert server.open_connections == 0
    assert server.errors == []
    assert not [t for t in threading.enumerate() if t.name == "TestServer"]


def test_malformed_request_gets_400_and_a_close(server: TestServer) -> None:
    with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])), timeout=5) as sock:
        sock.sendall(b"nonsense\r\n\r\n")
        reply = b""
        while piece := sock.recv(4096):  # ends only if the server closes the connection
            reply += piece
    assert reply.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert server.requests == []


def _hammer(port: int, done: threading.Event) -> None:
    while not done.is_set():
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            pass


def test_stopping_while_clients_connect_leaks_no_socket() -> None:
    """Stopping while a connection is half accepted must close it (asyncio's Server.close race,
    python/cpython#109564, made GUI tests fail with "unclosed socket" ResourceWarnings)."""
    import gc
    import warnings
    from urllib.parse import urlsplit

    for _ in range(30):
        srv = TestServer()
        srv.start()
        done = threading.Event()
        port = urlsplit(srv.url).port
        assert port is not None
        clients = [threading.Thread(target=_hammer, args=(port, done)) for _ in range(3)]
        for c in clients:
            c.start()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ResourceWarning)
                srv.stop()
                gc.collect()
        finally:
            done.set()
            for c in clients:
                c.join()
        assert [str(w.message) for w in caught] == []
        assert srv.errors == []
