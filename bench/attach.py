"""Attaching a 12-megapixel photo: how long preparing it takes, and how long the GUI thread stalls meanwhile.

The window prepares attachments off the GUI thread (`asyncio.to_thread` under qasync; Pillow releases the GIL
while it decodes, scales and encodes). A 1 ms heartbeat QTimer on the GUI thread records the longest gap
between its ticks while a 4000×3000 JPEG with a GPS tag is prepared (scaled to 2048, re-encoded without its
metadata) in a worker thread, five times. Target: no stall longer than 50 ms. The floor beside it: the same
heartbeat with nothing else running.

The window's own worker function (app/ui/chat/attach_intake.prepare_offered: the file read from disk,
prepared, and its thumbnail made with QImage in the same worker) is measured the same way.

    QT_QPA_PLATFORM=offscreen python bench/attach.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 50.0


def photo() -> bytes:
    import io

    from PIL import Image

    image = Image.effect_noise((4000, 3000), 60).convert("RGB")  # noise: no encoder shortcut
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 29.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def main() -> int:
    import tempfile

    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.attachments import AttachmentOptions, prepare_attachment
    from app.ui.chat.attach_intake import Offered, prepare_offered

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    data = photo()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(tick)

    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / "photo.jpg"
    path.write_bytes(data)

    async def window_path() -> tuple[list[float], float]:
        gaps.clear()
        heartbeat.start()
        times = []
        for _ in range(5):
            started = time.perf_counter()
            prepared, thumbnail = await asyncio.to_thread(
                prepare_offered, Offered(name="photo.jpg", path=path), AttachmentOptions()
            )
            times.append(time.perf_counter() - started)
        heartbeat.stop()
        assert prepared[0].width == 2048 and thumbnail is not None and thumbnail.width() == 160
        return times, max(gaps)

    async def run() -> tuple[list[float], float, float]:
        heartbeat.start()
        await asyncio.sleep(0.5)
        floor = max(gaps) if gaps else 0.0
        gaps.clear()
        times = []
        for _ in range(5):
            started = time.perf_counter()
            prepared = await asyncio.to_thread(prepare_attachment, "photo.jpg", data)
            times.append(time.perf_counter() - started)
        heartbeat.stop()
        assert prepared[0].width == 2048 and "location removed" in prepared[0].note
        return times, max(gaps), floor

    with loop:
        times, stall, floor = loop.run_until_complete(run())
        window_times, window_stall = loop.run_until_complete(window_path())
    folder.cleanup()
    print(f"photo: 4000×3000 JPEG, {len(data) / 1e6:.1f} MB → 2048×1536 without metadata")
    print(f"prepare (worker thread): median {statistics.median(times) * 1000:.0f} ms")
    print(f"longest GUI-thread stall meanwhile: {stall:.1f} ms (floor, heartbeat alone: {floor:.1f} ms)")
    print(
        f"window path (read + prepare + thumbnail, worker thread): median "
        f"{statistics.median(window_times) * 1000:.0f} ms, longest stall {window_stall:.1f} ms"
    )
    worst = max(stall, window_stall)
    verdict = "PASS" if worst < TARGET_MS else "MISS"
    print(f"{verdict}: longest stall {worst:.1f} ms (target < {TARGET_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
