"""Hostile-gateway limits: memory while a gateway sends a huge line, and what the bounds cost a normal reply.

Each memory figure is the peak RSS of a new `sluice ask` process (run through `app.cli.run_cli`, which then
prints its VmHWM: not ru_maxrss, which Linux keeps across exec) against the real local test server, which
sends the reply's first words and then one SSE line of --line-mb megabytes with no line ending (plain, and
gzip-compressed: a few hundred kB on the wire that inflate to the whole line). The cost figures time the
depth check before `json.loads` on a typical chunk and the redaction of a 500-character error message with
three keys registered.

Prints figures with their targets and PASS/MISS; always exits 0 (a benchmark, not a test).

    python bench/hostile_limits.py [--line-mb 400]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from tests.support.server import Reply, TestServer, completion_chunk, sse_event, sse_reply  # noqa: E402

MB = 1024 * 1024
HEADROOM_MB = 40  # the 16 MB line cap, one decoded piece and the interpreter's own growth
_MEASURED = (
    "import sys\n"
    "from app.cli import run_cli\n"
    "code = run_cli(sys.argv[1:])\n"
    "peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
    "sys.stderr.write(f'\\nMAXRSS {peak}\\n')\n"
    "sys.exit(code)\n"
)
_HEADERS = {"content-type": "text/event-stream"}


def _huge_line(line_mb: int, *, gzipped: bool) -> Reply:
    head = [sse_event(completion_chunk({"content": "kept"})), b"data: "]
    block = b"x" * MB  # one object sent line_mb times: the server holds 1 MB, not the whole line
    if not gzipped:
        return Reply(headers=_HEADERS, chunks=[*head, *[block] * line_mb, b"\n\n"], gap_s=0.0)
    compressor = gzip.compress  # the whole body is compressed up front: ~1 kB per MB of "x"
    body = compressor(b"".join(head) + block * line_mb + b"\n\n", compresslevel=9, mtime=0)
    pieces = [body[i : i + 64 * 1024] for i in range(0, len(body), 64 * 1024)]
    return Reply(headers={**_HEADERS, "content-encoding": "gzip"}, chunks=pieces, gap_s=0.0)


def _ask(env: dict[str, str]) -> tuple[int, float, str]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "ask", "--no-save", "hi"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )  # fmt: skip
    stderr, _, rss = done.stderr.rpartition("MAXRSS ")
    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    return done.returncode, int(rss) / 1024, last


def memory(line_mb: int) -> None:
    with TestServer() as server, tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SLUICE_HOME": home, "PYTHONPATH": str(ROOT)}
        env.pop("HTTP_PROXY", None)
        env.pop("HTTPS_PROXY", None)
        subprocess.run(
            [sys.executable, "-m", "app", "profile", "add", "local", "--base-url", server.base_url,
             "--model", "m", "--auth", "none"],
            check=True, capture_output=True, env=env, cwd=ROOT,
        )  # fmt: skip
        server.queue(sse_reply(["a normal ", "reply"]))
        _, base, _ = _ask(env)
        print(f"peak RSS, a normal reply: {base:.0f} MB")
        for gzipped in (False, True):
            server.queue(_huge_line(line_mb, gzipped=gzipped))
            code, peak, said = _ask(env)
            what = f"{line_mb} MB line without newline" + (" (gzip on the wire)" if gzipped else "")
            verdict = "PASS" if peak <= base + HEADROOM_MB and code == 1 else "MISS"
            print(f"peak RSS, {what}: {peak:.0f} MB (+{peak - base:.0f})  exit {code}: {said}")
            print(f"    target <= normal + {HEADROOM_MB} MB    {verdict}")


def costs() -> None:
    from app.core.errors import redact, register_secret
    from app.wire.bounded_json import loads_bounded

    chunk = json.dumps(completion_chunk({"content": "Hello [world] {x} — 你好"}))
    n = 100_000
    plain = min(timeit.repeat(lambda: json.loads(chunk), number=n, repeat=5)) / n * 1e6
    bounded = min(timeit.repeat(lambda: loads_bounded(chunk), number=n, repeat=5)) / n * 1e6
    print(f"json.loads per chunk {plain:.2f} µs, loads_bounded {bounded:.2f} µs (+{bounded - plain:.2f} µs)")
    for i in range(3):
        register_secret(f"k{i}-" + "Zq9vL2mXk4pR7tW1yB6nC3dF8gH0jKsQ2wE5rT7yU9iO1pA3sD5f")
    message = "The gateway could not find a valid credential for this request; " * 8
    m = 10_000
    cost = min(timeit.repeat(lambda: redact(message[:500]), number=m, repeat=5)) / m * 1e6
    print(f"redact a 500-character message, 3 keys registered: {cost:.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--line-mb", type=int, default=400)
    args = parser.parse_args()
    memory(args.line_mb)
    costs()


if __name__ == "__main__":
    main()
