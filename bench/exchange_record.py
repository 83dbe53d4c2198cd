"""What the stream inspector's recorder costs per chunk on the stream path, and what sealing/storing costs.

`ExchangeRecorder.chunk` runs once per body chunk the client reads (app/net/client.py `_decoded`). It should
be O(1) per chunk (a timestamp and a list append of the chunk the client already holds) until the cap, then
a counter. This prints the cost per chunk for small SSE-sized chunks and for large ones, against a bare
loop doing the same iteration, and the one-off cost of `seal()` + `to_blob()` at the end of a reply.

    python bench/exchange_record.py [--chunks 200000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from app.core.exchange import ExchangeRecorder

TARGET_NS = 1000.0  # per chunk: far below one SSE event's decode (~10-20 µs here)


def per_chunk_ns(chunk: bytes, n: int, *, cap: int) -> tuple[float, float]:
    """(recorder ns/chunk, bare loop ns/chunk), best of 5."""
    pieces = [chunk] * n
    recorded, bare = [], []
    for _ in range(5):
        rec = ExchangeRecorder(cap=cap)
        rec.request("POST", "http://h/v1/chat/completions", {"Authorization": "Bearer sk-x"}, b"{}")
        add = rec.chunk
        t0 = time.perf_counter_ns()
        for piece in pieces:
            add(piece)
        recorded.append((time.perf_counter_ns() - t0) / n)
        sink = []
        t0 = time.perf_counter_ns()
        for piece in pieces:
            sink.append(piece)
        bare.append((time.perf_counter_ns() - t0) / n)
    return min(recorded), min(bare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=200_000)
    args = parser.parse_args()
    sse = b'data: {"id":"c","choices":[{"index":0,"delta":{"content":"word "},"finish_reason":null}]}\n\n'
    cases = [
        ("SSE event, under the cap", sse, 1 << 40),
        ("SSE event, past the cap", sse, 0),
        ("16 KiB chunk, under the cap", b"x" * 16384, 1 << 40),
    ]
    for name, chunk, cap in cases:
        n = args.chunks if len(chunk) < 1000 else args.chunks // 20
        rec_ns, bare_ns = per_chunk_ns(chunk, n, cap=cap)
        extra = rec_ns - bare_ns
        verdict = "PASS" if rec_ns <= TARGET_NS else "MISS"
        print(
            f"{name:30} {rec_ns:7.0f} ns/chunk (bare loop {bare_ns:4.0f}, +{extra:4.0f})  "
            f"target <= {TARGET_NS:.0f}  {verdict}"
        )
    # End of a reply: 2 MB of SSE events (the cap), sealed (one join + a search per secret) and compressed.
    n = (2 * 1024 * 1024) // len(sse)
    seal_ms, blob_ms, sizes = [], [], []
    for _ in range(5):
        rec = ExchangeRecorder(key="sk-" + "k" * 40)
        rec.request("POST", "http://h", {}, b"{}")
        for _ in range(n):
            rec.chunk(sse)
        t0 = time.perf_counter()
        record = rec.seal()
        t1 = time.perf_counter()
        blob = record.to_blob()
        t2 = time.perf_counter()
        seal_ms.append((t1 - t0) * 1000)
        blob_ms.append((t2 - t1) * 1000)
        sizes.append(len(blob))
    print(
        f"end of a 2 MB reply ({n} events): seal {statistics.median(seal_ms):.1f} ms, "
        f"compress {statistics.median(blob_ms):.1f} ms, stored {sizes[0] / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
