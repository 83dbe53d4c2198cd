"""Streaming paint benchmark: a long Markdown reply streamed into a TranscriptView, as the app does it.

A QTimer-paced feeder appends one token per delta at --rate tokens/s into the renderer, whose 16 ms frame
timer paints; a 1 ms heartbeat QTimer on the same event loop records the longest gap between its ticks, which
is the longest time the window could not respond. The reply mixes prose, lists, code fences, tables, quotes
and Chinese, in sections that repeat with variations, so its start and end are alike.

Prints figures with their targets and PASS/MISS; always exits 0 (a benchmark, not a test).

    QT_QPA_PLATFORM=offscreen python bench/stream_paint.py [--tokens 50000] [--rate 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser

from app.ui.transcript.renderer import MARKDOWN, StreamingMessageRenderer
from app.ui.transcript.view import TranscriptView

STALL_TARGET_MS = 25.0
GROWTH_TARGET = 1.2  # paint cost per 1k tokens, end / start
WINDOW = 0.10  # "start" and "end" are the first and last 10 % of the tokens

_WORD_TEXT = (
    "stream token render paint block layout cursor frame buffer delta reply model gateway profile latency "
    "document window thread event loop timer request response header value error retry cache index query "
    "the a of to and in is that for it with as on be at by this from or an which"
)
WORDS = _WORD_TEXT.split()
CHINESE = (
    "流式输出的每一个片段都应当尽快显示，而界面不能因此卡顿。",
    "增量渲染只重新排版最后一个未完成的块，已完成的块只插入一次。",
    "表格在结束之前以等宽文本显示，结束时再完整渲染。",
    "代码块在闭合时才进行语法高亮，这样开销与新文本成正比。",
)
CODE = {
    "python": [
        "def handle(event):",
        "    if event.kind == 'delta':",
        "        buffer.append(event.text)",
        "    return len(buffer)",
    ],
    "js": [
        "function paint(doc, text) {",
        "  const start = Date.now();",
        "  doc.append(text);",
        "  return Date.now() - start;",
        "}",
    ],
    "rust": [
        "fn main() {",
        "    let mut total = 0u64;",
        "    for i in 0..10 { total += i; }",
        '    println!("{total}");',
        "}",
    ],
}
TOKEN = re.compile(  # CJK in pairs, Latin words in pieces of up to 6 letters, digits, newlines, punctuation
    r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]{1,2}"
    r"|[ \t]*[A-Za-z]{1,6}|[ \t]*\d{1,3}|\n+|[ \t]*[^\s\w]|[ \t]+"
)


def _sentence(rnd: random.Random) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(8, 18))]
    if rnd.random() < 0.4:
        words[rnd.randrange(len(words))] = f"**{rnd.choice(WORDS)}**"
    if rnd.random() < 0.3:
        words[rnd.randrange(len(words))] = f"`{rnd.choice(WORDS)}()`"
    return " ".join(words).capitalize() + "."


def _section(rnd: random.Random, index: int) -> str:
    """One section: every section has the same shape (only the words vary), so any stretch of the reply
    holds the same mix and the start and the end of the reply compare fairly."""
    parts = [f"## Section {index}: {rnd.choice(WORDS)} {rnd.choice(WORDS)}"]
    for sentences in (3, 5, 4):
        parts.append(" ".join(_sentence(rnd) for _ in range(sentences)))
    ordered = index % 2 == 0
    items = [f"{n + 1}. {_sentence(rnd)}" if ordered else f"- {_sentence(rnd)}" for n in range(5)]
    items.insert(2, "   - " + _sentence(rnd) + "\n   - " + _sentence(rnd))
    parts.append("\n".join(items))
    language = list(CODE)[index % len(CODE)]
    body = [line.replace("total", f"total{k}") for k in range(4) for line in CODE[language]]
    parts.append(f"```{language}\n" + "\n".join(body) + "\n```")
    parts.append("".join(rnd.choice(CHINESE) for _ in range(4)))
    parts.append("> " + _sentence(rnd) + "\n> " + _sentence(rnd))
    rows = [
        f"| {rnd.choice(WORDS)} | {rnd.randint(1, 999)} ms | {rnd.choice(CHINESE)[:6]} |" for _ in range(5)
    ]
    parts.append("| Name | Time | 说明 |\n|------|-----:|------|\n" + "\n".join(rows))
    return "\n\n".join(parts) + "\n\n"


def make_tokens(count: int, seed: int = 7) -> list[str]:
    """A realistic reply cut into about `count` tokens (roughly 4 characters of English, 1–2 of Chinese)."""
    rnd = random.Random(seed)
    tokens: list[str] = []
    index = 1
    while len(tokens) < count:
        tokens += TOKEN.findall(_section(rnd, index))
        index += 1
    return tokens[:count]


@dataclass
class Run:
    tokens: list[str]
    rate: float
    sent: int = 0
    stall_ms: float = 0.0
    stall_at: int = 0
    gaps: list[float] = field(default_factory=list)
    sent_at_gap: list[int] = field(default_factory=list)  # tokens sent when each gap ended
    paints: list[tuple[int, float]] = field(default_factory=list)  # (tokens sent, seconds)
    finish_ms: float = 0.0
    wall_s: float = 0.0
    cpu_s: float = 0.0


def stream(app: QApplication, run: Run) -> TranscriptView:
    view = TranscriptView()
    view.resize(900, 700)
    view.show()
    view.add_user_message("Write a long answer.")
    renderer: StreamingMessageRenderer = view.begin_assistant_message("Assistant")
    renderer.painted.connect(lambda report: run.paints.append((run.sent, report.seconds)))

    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(1)
    last_tick = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        run.gaps.append((now - last_tick[0]) / 1e6)
        run.sent_at_gap.append(run.sent)
        last_tick[0] = now

    feeder = QTimer()
    feeder.setTimerType(Qt.TimerType.PreciseTimer)
    feeder.setInterval(2)

    def feed() -> None:
        due = min(len(run.tokens), int(clock.nsecsElapsed() / 1e9 * run.rate))
        while run.sent < due:
            renderer.append(run.tokens[run.sent])
            run.sent += 1
        if run.sent == len(run.tokens):
            feeder.stop()
            began = time.perf_counter()
            renderer.finish()
            run.finish_ms = (time.perf_counter() - began) * 1000
            QTimer.singleShot(300, app.quit)  # let the last frames draw while the heartbeat still listens

    heartbeat.timeout.connect(tick)
    feeder.timeout.connect(feed)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    clock.start()
    heartbeat.start()
    feeder.start()
    app.exec()
    heartbeat.stop()
    run.wall_s, run.cpu_s = time.perf_counter() - wall0, time.process_time() - cpu0
    worst = max(range(1, len(run.gaps)), key=run.gaps.__getitem__, default=0)
    run.stall_ms, run.stall_at = (run.gaps[worst], run.sent_at_gap[worst]) if worst else (0.0, 0)
    return view


def cost_per_1k(run: Run, low: float, high: float) -> float:
    """Paint seconds per 1k tokens, over the paints made while tokens low..high (fractions) had been sent."""
    total = len(run.tokens)
    window = [(sent, secs) for sent, secs in run.paints if low * total < sent <= high * total]
    if len(window) < 2:
        return float("nan")
    tokens = window[-1][0] - window[0][0]
    return sum(secs for _, secs in window[1:]) / max(tokens, 1) * 1000 * 1000  # ms per 1k tokens


def naive_ms(app: QApplication, text: str, updates: int = 3) -> list[float]:
    """The naive way, for reference: setMarkdown(whole reply so far) on each update, laid out."""
    browser = QTextBrowser()
    browser.resize(900, 700)
    browser.show()
    times = []
    for n in range(updates):
        began = time.perf_counter()
        browser.document().setMarkdown(text + " more" * n, MARKDOWN)
        browser.document().documentLayout().documentSize()  # finish the layout, as a paint would
        app.processEvents()
        times.append((time.perf_counter() - began) * 1000)
    return times


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=50_000, help="reply length in tokens (default 50000)")
    parser.add_argument("--rate", type=float, default=2000.0, help="tokens per second (default 2000)")
    parser.add_argument("--naive-updates", type=int, default=3, help="setMarkdown updates to time")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    run = Run(make_tokens(args.tokens), args.rate)
    text = "".join(run.tokens)
    print(
        f"reply: {len(run.tokens):,} tokens, {len(text):,} characters, streamed at {args.rate:,.0f} tokens/s"
    )
    view = stream(app, run)

    paint_ms = sorted(secs * 1000 for _, secs in run.paints)
    start = cost_per_1k(run, 0.0, WINDOW)
    end = cost_per_1k(run, 1 - WINDOW, 1.0)
    ordered_gaps = sorted(run.gaps[1:])
    p99 = ordered_gaps[int(len(ordered_gaps) * 0.99)] if ordered_gaps else 0.0
    print(
        f"streamed in {run.wall_s:.1f} s wall; {len(run.paints):,} paints; "
        f"document {view.document().blockCount():,} blocks"
    )
    print(
        f"paint: median {statistics.median(paint_ms):.2f} ms, "
        f"p99 {paint_ms[int(len(paint_ms) * 0.99)]:.2f} ms, "
        f"max {paint_ms[-1]:.2f} ms; finish() {run.finish_ms:.2f} ms"
    )
    print(f"event-loop gap (1 ms heartbeat): p99 {p99:.1f} ms; the longest came at token {run.stall_at:,}")
    print(f"total CPU: {run.cpu_s:.2f} s ({run.cpu_s / run.wall_s:.2f} of a core, harness timers included)")
    print()
    print(
        f"longest event-loop stall      {run.stall_ms:7.1f} ms    target < {STALL_TARGET_MS:.0f} ms       "
        f"{verdict(run.stall_ms < STALL_TARGET_MS)}"
    )
    ratio = end / start if start > 0 else float("nan")
    print(
        f"paint cost per 1k tokens      {start:7.2f} ms at start, {end:.2f} ms at end (x{ratio:.2f})    "
        f"target end <= {GROWTH_TARGET} x start    {verdict(ratio <= GROWTH_TARGET)}"
    )
    naive = naive_ms(app, text, args.naive_updates)
    print(
        f"naive setMarkdown(whole reply) at {len(run.tokens):,} tokens: "
        + ", ".join(f"{t:.0f}" for t in naive)
        + " ms per update (reference; the renderer's median paint is "
        f"{statistics.median(paint_ms):.2f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
