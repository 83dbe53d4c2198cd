"""Make the README's attachments screenshot: a sent photo with its thumbnail, and two files on chips.

    .venv/bin/python scripts/screenshots_attachments.py      # writes docs/screenshots/attachments.png

The real window, offscreen, against the local test server: a photo is dropped and sent (its thumbnail shows
under the message), then a photo and a PDF wait on chips above the composer with the next question.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QImage,
    QLinearGradient,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRadialGradient,
)

from app.core.models import Profile  # noqa: E402
from app.home import Home  # noqa: E402
from app.profiles.store import ProfileStore  # noqa: E402
from app.ui.chat.attach_intake import Offered  # noqa: E402
from app.ui.shell.composition import WindowParts, build_window  # noqa: E402
from tests.support.server import TestServer, models_reply, sse_reply  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from shots import grab, run_in_qasync, screenshot_app, until  # noqa: E402

REPLY = (
    "A harbour at dusk: the sun is low over the water, behind a line of hills. The sky goes from orange "
    "near the horizon to deep blue above, and the water mirrors it."
)


def photo(path: Path, warm: str, cool: str) -> None:
    image = QImage(1600, 1000, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    sky = QLinearGradient(0, 0, 0, 620)
    sky.setColorAt(0, QColor(cool))
    sky.setColorAt(1, QColor(warm))
    painter.fillRect(0, 0, 1600, 620, sky)
    sun = QRadialGradient(QPointF(1050, 560), 160)
    sun.setColorAt(0, QColor("#fff6d5"))
    sun.setColorAt(1, QColor(0, 0, 0, 0))
    painter.setBrush(sun)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(1050, 560), 160, 160)
    painter.setBrush(QColor("#2d3b4f"))
    painter.drawEllipse(QRectF(-200, 520, 1100, 260))
    painter.drawEllipse(QRectF(600, 560, 1300, 200))
    sea = QLinearGradient(0, 620, 0, 1000)
    sea.setColorAt(0, QColor(warm).darker(140))
    sea.setColorAt(1, QColor("#14202e"))
    painter.fillRect(0, 620, 1600, 380, sea)
    painter.end()
    image.save(str(path), "JPEG", 88)


def pdf(path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.setFont(QFont("Sans", 14))
    painter.drawText(QRectF(600, 600, 8000, 4000), "Harbour works 2025 - quarterly report\n\nTides, berths.")
    painter.end()


async def scenario(server: TestServer, home: Home, folder: Path) -> None:
    parts: WindowParts = build_window(home, on_closed=lambda: None)
    parts.window.resize(1180, 780)
    parts.window.show()
    try:
        sent, second, report = folder / "harbour.jpg", folder / "evening walk.jpg", folder / "report.pdf"
        photo(sent, "#f29e4c", "#27476e")
        photo(second, "#e76f51", "#3d2c6e")
        pdf(report)
        composer = parts.window.composer
        server.queue(sse_reply([REPLY[i : i + 8] for i in range(0, len(REPLY), 8)]))
        composer.files_offered.emit([Offered(name=sent.name, path=sent)])
        await until(lambda: len(composer.chips.files()) == 1 and not composer.chips.preparing())
        box = composer.findChild(object, "composerInput")
        box.setPlainText("What is in this photo?")
        box.setFocus()
        composer._send()  # as Enter does
        await until(lambda: not parts.controller.busy and server.requests != [])
        await until(lambda: "mirrors" in parts.window.transcript.toPlainText())
        composer.files_offered.emit(
            [Offered(name=second.name, path=second), Offered(name=report.name, path=report)]
        )
        await until(lambda: len(composer.chips.files()) == 2 and not composer.chips.preparing())
        box.setPlainText("Compare it with this one, and check the report's dates.")
        await asyncio.sleep(0.2)  # the chips' layout settles
        grab(parts.window, "attachments.png")
    finally:
        parts.window.close()
        await parts.shutdown()


def main() -> int:
    app = screenshot_app("light")
    with tempfile.TemporaryDirectory() as tmp, TestServer() as server:
        server.set_default(lambda _request: models_reply(["gpt-4o", "gpt-4o-mini"]), "/v1/models")
        home = Home.from_env({"SLUICE_HOME": str(Path(tmp) / "home")})
        home.ensure()
        profiles = ProfileStore(home.profiles_path)
        profiles.load()
        profiles.add(Profile(name="local", base_url=server.base_url, model="gpt-4o", auth="none"))
        profiles.save()
        run_in_qasync(app, scenario(server, home, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
