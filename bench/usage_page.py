"""How long the Usage page takes to open with many replies saved (target: < 0.3 s at 100,000 replies).

Fills a fresh database with N replies spread over 90 days, 6 profiles, 4 models each, two currencies and a
share of unknown costs and errors, then times (offscreen, in this process) the page's queries alone and the
page from construction to its first painted frame, each the median of 5 opens. The floor beside it: an
empty QDialog with the same widgets shown and painted, no data.

    QT_QPA_PLATFORM=offscreen python bench/usage_page.py            # 100,000 replies
    QT_QPA_PLATFORM=offscreen python bench/usage_page.py --replies 20000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_S = 0.3


def fill(path: Path, replies: int) -> None:
    from app.store.conversations import ConversationStore
    from app.store.converters import to_picos

    store = ConversationStore.open(path)
    store.close()
    import sqlite3
    from decimal import Decimal

    rng = random.Random(7)
    now = time.time()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO conversations (title, created, updated) VALUES ('bench', 0, 0)")
    rows = []
    for n in range(replies):
        profile = f"gateway-{n % 6}"
        model = f"model-{rng.randrange(4)}"
        created = now - rng.random() * 90 * 86_400
        currency = "CNY" if n % 6 in (4, 5) else "USD"
        known = rng.random() > 0.1
        amount = Decimal(rng.randrange(1, 50_000)) / Decimal(10_000_000) if known else None
        error = "server" if rng.random() < 0.02 else None
        rows.append(
            (
                1, "assistant", "x", "error" if error else "complete", profile, model,
                rng.randrange(10, 5000), rng.randrange(10, 2000), error,
                rng.uniform(80, 2000), rng.uniform(10, 200),
                str(amount) if amount is not None else None, currency if known else None,
                "price" if known else None, to_picos(amount) if amount is not None else None,
                created, created,
            )
        )  # fmt: skip
    conn.executemany(
        "INSERT INTO messages (conversation_id, role, content, status, profile, model, prompt_tokens, "
        "completion_tokens, error_kind, ttft_ms, tokens_per_s, cost_amount, cost_currency, cost_source, "
        "cost_picos, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.commit()
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replies", type=int, default=100_000)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication, QDialog, QTableWidget, QVBoxLayout

    from app.store.conversations import ConversationStore
    from app.store.stats import since_timestamp
    from app.ui.usage.page import UsagePage

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        fill(path, args.replies)
        print(f"filled {args.replies:,} replies in {time.perf_counter() - started:.1f} s")
        store = ConversationStore.open(path)
        queries, pages, floors = [], [], []
        for _ in range(5):
            started = time.perf_counter()
            since = since_timestamp("30d")
            store.usage_stats("model", since)
            store.daily_spend(since)
            queries.append(time.perf_counter() - started)

            started = time.perf_counter()
            page = UsagePage(store)
            page.show()
            page.repaint()  # the first frame, painted now rather than at the next event loop turn
            app.processEvents()
            pages.append(time.perf_counter() - started)
            page.close()
            page.deleteLater()

            started = time.perf_counter()
            floor = QDialog()
            layout = QVBoxLayout(floor)
            layout.addWidget(QTableWidget(0, 9, floor))
            floor.resize(900, 600)
            floor.show()
            floor.repaint()
            app.processEvents()
            floors.append(time.perf_counter() - started)
            floor.close()
            floor.deleteLater()
        started = time.perf_counter()
        store.usage_stats("model", None)
        store.daily_spend(None)
        all_time_ms = (time.perf_counter() - started) * 1000
        store.close()
    print(f"queries over all {args.replies:,} replies (the 'All time' period): {all_time_ms:.0f} ms")
    page_s = statistics.median(pages)
    query_ms = statistics.median(queries) * 1000
    print(f"queries (30 days, by profile and model, and spend per day): median {query_ms:.0f} ms")
    floor_ms = statistics.median(floors) * 1000
    page_ms = page_s * 1000
    print(
        f"Usage page open to first paint: median {page_ms:.0f} ms (floor, an empty dialog: {floor_ms:.0f} ms)"
    )
    verdict = "PASS" if page_s < TARGET_S else "MISS"
    print(f"{verdict}: page opens in {page_s:.3f} s with {args.replies:,} replies (target < {TARGET_S} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
