"""Filling the profile editor's Models table: how long the GUI thread is busy for a large /models list.

OpenRouter lists ~350 models; the table builds one row (four items) per model when a profile is shown and
again when Fetch list answers (keeping what the user typed). Target: a 500-model list fills in < 100 ms, so
showing a profile or a fetch never freezes the editor noticeably. 2,000 models shows how it grows.

    QT_QPA_PLATFORM=offscreen python bench/models_table.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 100.0


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from app.core.models import ModelInfo, Profile
    from app.core.pricing import Price
    from app.ui.profiles.models_table import ModelsTable

    app = QApplication(sys.argv[:1])
    table = ModelsTable()
    table.resize(640, 400)
    table.show()
    app.processEvents()
    for count in (500, 2000):
        infos = [
            ModelInfo(
                f"vendor-{i % 40}/model-{i}",
                (None, True, False)[i % 3],
                Price(Decimal("0.25"), Decimal(2), "USD", None, "published") if i % 2 else None,
            )
            for i in range(count)
        ]
        profile = Profile(
            name="bench",
            base_url="http://127.0.0.1/v1",
            model="vendor-1/model-1",
            prices=tuple((f"vendor-{i % 40}/model-{i}", "2/8 CNY") for i in range(0, count, 10)),
            vision=tuple((f"vendor-{i % 40}/model-{i}", False) for i in range(0, count, 7)),
        )
        show, refresh = [], []
        for _ in range(5):
            start = time.perf_counter()
            table.show_profile(profile, infos)
            app.processEvents()
            show.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            table.set_published(infos)
            app.processEvents()
            refresh.append((time.perf_counter() - start) * 1000)
        for what, figures in (("show a profile", show), ("a fetch answers", refresh)):
            median = statistics.median(figures)
            verdict = ("PASS" if median < TARGET_MS else "MISS") if count == 500 else "(reported)"
            print(f"{count} models, {what}: median {median:.1f} ms (max {max(figures):.1f}) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
