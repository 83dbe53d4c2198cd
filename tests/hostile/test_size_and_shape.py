"""Issue 12.5 (the line cap), 12.10 (unsendable keys), 11 §6.1 (Gemini's list-shaped error bodies),
11 §6.2 (chunks are not tokens) and half a surrogate pair in the JSON: each as a user meets it."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest

from app.core.errors import ChatError, ErrorKind
from app.core.models import GenerationParams, Message, MessageStatus, Profile
from app.net.client import ChatClient
from app.net.pool import HttpPool
from app.session import ChatSession
from tests.hostile.conftest import no_traceback
from tests.integration.conftest import ROOT, Sluice
from tests.support.faults import HI, ROLE_EVENT, SSE_HEADERS, content_event
from tests.support.server import Reply, TestServer, json_reply, sse_reply
from tests.support.socks import SocksProxy

MB = 1024 * 1024
# Runs `sluice` and prints its own peak RSS (VmHWM, kB) last on stderr. Not ru_maxrss: Linux keeps that
# across exec, so a child forked from a big parent would report the parent's size.
_MEASURED = (
    "import sys\n"
    "from app.cli import run_cli\n"
    "code = run_cli(sys.argv[1:])\n"
    "peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
    "sys.stderr.write(f'\\nMAXRSS {peak}\\n')\n"
    "sys.exit(code)\n"
)


def test_a_line_without_end_is_cut_at_16_mb_and_the_text_is_kept(local: Sluice, server: TestServer) -> None:
    """200 MB without a newline: before, every byte was held (445 MB for 400 MB); now at most the cap."""
    block = b"x" * MB  # one object, sent 200 times: the server holds 1 MB, not 200
    chunks = [ROLE_EVENT, content_event("kept"), b"data: ", *[block] * 200, b"\n\n"]
    server.queue(Reply(headers=dict(SSE_HEADERS), chunks=chunks, gap_s=0.0))
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "ask", "hi"],
        capture_output=True, text=True, env=local.env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert done.stdout == "kept\n"
    assert "a line longer than 16 MB" in done.stderr
    peak_mb = int(done.stderr.rsplit("MAXRSS ", 1)[1]) / 1024
    assert peak_mb < 150, f"peak RSS {peak_mb:.0f} MB for a 200 MB line"  # ~16 MB line + the interpreter
    reply = json.loads(local.run("export", "--last", "--format", "json").stdout)["messages"][1]
    assert reply["content"] == "kept" and reply["status"] == "error"
    assert reply["error"]["kind"] == "protocol"


def test_gemini_list_error_body_is_a_rate_limit_with_the_provider_words(
    local: Sluice, server: TestServer
) -> None:
    body = [
        {
            "error": {
                "code": 429,
                "message": "Resource has been exhausted (e.g. check quota).",
                "status": "RESOURCE_EXHAUSTED",
            }
        }
    ]
    server.queue(json_reply(body, 429))
    done = local.run("ask", "--json", "hi")
    assert done.returncode == 1
    error = json.loads(done.stdout.splitlines()[-1])
    assert error["kind"] == "rate_limit"
    assert error["message"] == "Resource has been exhausted (e.g. check quota)."
    server.queue(json_reply([{"error": {"code": 400, "message": "API key not valid.", "status": "X"}}], 400))
    done = local.run("ask", "hi")
    assert "The gateway rejected the request. API key not valid." in done.stderr


def test_a_key_with_a_non_ascii_character_is_refused_plainly(sluice: Sluice, server: TestServer) -> None:
    done = sluice.run(
        "profile", "add", "umlaut", "--base-url", server.base_url, "--model", "m", "--key-stdin",
        stdin="sk-abcÄdef0123456789\n",
    )  # fmt: skip
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert "“Ä” (U+00C4)" in done.stderr and "HTTP header cannot carry" in done.stderr
    assert "abcÄdef" not in done.stderr  # the character is named, the key is not shown
    assert sluice.run("profile", "list", "--json").stdout.strip() == "[]"  # nothing half-made


def test_half_a_surrogate_pair_is_kept_as_a_replacement_character(local: Sluice, server: TestServer) -> None:
    """`"\\ud800"` is valid JSON but not text: SQLite, the terminal and files raised UnicodeEncodeError."""
    event = b'data: {"choices":[{"index":0,"delta":{"content":"half \\ud800 pair \\ud83d\\ude00"}}]}\n\n'
    server.queue(
        Reply(headers=dict(SSE_HEADERS), chunks=[ROLE_EVENT, event, content_event("!"), b"data: [DONE]\n\n"])
    )
    done = local.run("ask", "hi")
    no_traceback(done.stderr)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "half \ufffd pair 😀!\n"
    assert json.loads(local.run("export", "--last", "--format", "json").stdout)["messages"][1]["status"] == (
        "complete"
    )


def test_json_without_usage_counts_chunks_and_never_calls_them_tokens(
    local: Sluice, server: TestServer
) -> None:
    reply = sse_reply(["three tokens ", "each, ", "say"])
    reply.gap_s = 0.03  # spread out, so that a rate can be measured
    server.queue(reply)
    done = local.run("ask", "--json", "hi")
    assert done.returncode == 0, done.stderr
    end = json.loads(done.stdout.splitlines()[-1])
    assert end["type"] == "done" and end["chunks"] == 3
    assert "tokens_per_s" not in end and end["chunks_per_s"] is not None

    server.queue(sse_reply(["a", "b"], usage={"prompt_tokens": 180, "completion_tokens": 21}))
    end = json.loads(local.run("ask", "--json", "hi").stdout.splitlines()[-1])
    assert "tokens_per_s" in end and "chunks" not in end


@pytest.mark.parametrize("scheme", ["socks5", "socks5h"])
def test_a_socks_proxy_carries_the_reply(sluice: Sluice, server: TestServer, scheme: str) -> None:
    """`--proxy socks5://…` was accepted, then every request raised ImportError (socksio missing)."""
    port = int(server.url.rsplit(":", 1)[1])
    with SocksProxy(target_port=port) as proxy:
        # A name only the proxy "resolves": the request cannot have gone around it (loopback would go direct).
        done = sluice.run(
            "profile", "add", "viasocks", "--base-url", f"http://gateway.invalid:{port}/v1", "--model", "m",
            "--auth", "none", "--proxy", proxy.url.replace("socks5", scheme),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        server.queue(sse_reply(["through ", "the proxy"]))
        done = sluice.run("ask", "hi")
        no_traceback(done.stderr)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "through the proxy\n"
        assert proxy.connects == [("gateway.invalid", port)] and proxy.errors == []


def test_a_saved_key_with_a_non_ascii_character_ends_the_reply_as_kind_key(server: TestServer) -> None:
    """A key saved before this check (or by another tool) reached httpx: UnicodeEncodeError, row streaming."""
    profile = Profile(name="umlaut", base_url=server.base_url, model="m", auth="header:api-key")

    async def run() -> tuple[Message, ChatError]:
        pool = HttpPool()
        try:
            session = ChatSession(ChatClient(pool), _Keys("abcÄdef0123456789"))
            message = await session.generate(profile, HI, GenerationParams(model="m"), lambda _: None)
            with pytest.raises(ChatError) as refused:
                await ChatClient(pool).list_models(profile, "abcÄdef0123456789")
            return message, refused.value
        finally:
            await pool.aclose()

    message, models_error = asyncio.run(run())
    assert message.status == MessageStatus.ERROR and message.error_kind == ErrorKind.KEY
    assert "“Ä” (U+00C4)" in (message.error_message or "")
    assert "sluice profile set-key umlaut" in (message.error_message or "")
    assert models_error.kind == ErrorKind.KEY
    assert server.requests == []  # nothing was sent


class _Keys:
    """The key as the keyring would return it (the keystore's own tests cover the real keyring)."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def aget(self, name: str) -> str | None:
        return self.key


def test_an_imported_snippet_with_a_non_ascii_key_is_refused_plainly(
    sluice: Sluice, server: TestServer
) -> None:
    snippet = (
        f'curl {server.base_url}/chat/completions -H "Authorization: Bearer sk-abc\u00a0def0123456789"\n'
    )
    done = sluice.run("profile", "import", "pasted", stdin=snippet)
    assert done.returncode == 1
    no_traceback(done.stderr)
    assert "U+00A0" in done.stderr and "HTTP header cannot carry" in done.stderr
    assert sluice.run("profile", "list", "--json").stdout.strip() == "[]"
