"""Big tables: the longest time the window cannot respond while a reply with an N-row table streams and ends.

For each size, a reply (a paragraph, an N-row table, a closing paragraph) is streamed into a shown
TranscriptView, one table row per delta at --rate rows/s, the way a gateway sends it; a 1 ms heartbeat
QTimer on the same event loop records the longest gap between its ticks (the longest stall, the moment the
table closes included). Then the same reply is shown from the history (one paint) and timed. For reference,
the time Qt takes to render the table as a real table (what closing it cost before the limit) is printed
for the sizes where that is bearable.

Prints figures against the ~50 ms target; always exits 0 (a benchmark, not a test).

    QT_QPA_PLATFORM=offscreen python bench/table_stall.py [--rows 1000 3000 10000 20000] [--rate 4000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from app.ui.transcript.polish import TABLE_MAX_ROWS
from app.ui.transcript.renderer import MARKDOWN
from app.ui.transcript.view import TranscriptView

TARGET_MS = 50.0
REFERENCE_UP_TO = 3000  # rows: beyond this, rendering as a real table takes too long to wait for


def table_rows(rows: int) -> list[str]:
    head = ["| # | Name | Region | Latency | Notes |\n", "|--:|------|--------|--------:|-------|\n"]
    body = [
        f"| {n} | host-{n:05d} | eu-west-{n % 3} | {n % 97} ms | `ok` **row** {n} |\n" for n in range(rows)
    ]
    return head + body


def stream(app: QApplication, rows: int, rate: float) -> tuple[float, float]:
    """Stream a reply with an N-row table; return (longest stall, ms; time to show it from history, ms)."""
    pieces = ["Here are the hosts:\n\n", *table_rows(rows), "\n", "That is all of them.\n"]
    view = TranscriptView()
    view.resize(1000, 700)
    view.show()
    renderer = view.begin_assistant_message(model="bench")
    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0]
    sent = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    def feed() -> None:
        due = min(len(pieces), int(clock.nsecsElapsed() / 1e9 * rate) + 1)
        while sent[0] < due:
            renderer.append(pieces[sent[0]])
            sent[0] += 1
        if sent[0] == len(pieces):
            feeder.stop()
            renderer.finish()
            QTimer.singleShot(300, app.quit)  # the last frames draw while the heartbeat still listens

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(tick)
    feeder = QTimer()
    feeder.setTimerType(Qt.TimerType.PreciseTimer)
    feeder.setInterval(2)
    feeder.timeout.connect(feed)
    clock.start()
    heartbeat.start()
    feeder.start()
    app.exec()
    heartbeat.stop()
    stall = max(gaps[1:], default=0.0)

    history = TranscriptView()
    history.resize(1000, 700)
    history.show()
    began = time.perf_counter()
    history.add_assistant_message("".join(pieces), model="bench")
    history.document().documentLayout().documentSize()
    app.processEvents()
    return stall, (time.perf_counter() - began) * 1000


def as_real_table_ms(rows: int) -> float:
    """What closing the table cost when it was rendered as a table (the behaviour before the limit)."""
    document = QTextDocument()
    document.setTextWidth(900)
    began = time.perf_counter()
    QTextCursor(document).insertMarkdown("".join(table_rows(rows)), MARKDOWN)
    document.documentLayout().documentSize()
    return (time.perf_counter() - began) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 3000, 10000, 20000])
    parser.add_argument("--rate", type=float, default=4000.0, help="table rows per second (default 4000)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    print(
        f"tables over {TABLE_MAX_ROWS} rows are shown as monospace text; streamed at {args.rate:,.0f} rows/s"
    )
    for rows in args.rows:
        stall, history_ms = stream(app, rows, args.rate)
        verdict = "PASS" if stall < TARGET_MS else "MISS"
        line = (
            f"{rows:>6,} rows: longest stall while streaming and closing {stall:6.1f} ms "
            f"(target < {TARGET_MS:.0f} ms) {verdict}; shown from history in {history_ms:6.1f} ms"
        )
        if rows <= REFERENCE_UP_TO:
            line += f"; as a real table it took {as_real_table_ms(rows):,.0f} ms"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
