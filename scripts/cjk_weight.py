"""Latin and 简体中文 in the transcript, light and dark: crops, the faces drawn, and how heavy each looks.

    QT_QPA_PLATFORM=offscreen python scripts/cjk_weight.py [--family "DejaVu Sans"] [--tag after]
    QT_SCALE_FACTOR=2 …  for 200 %;  xvfb-run -a env QT_QPA_PLATFORM=xcb python scripts/cjk_weight.py …
    SLUICE_CODE=/path/to/another/checkout …  measures that checkout's code (a "before")

For each theme it prints the faces Qt draws the Latin and the Chinese line with, and each line's ink: the
mean, over the line's box, of each pixel's share of the way from the page's luminance to the text's
(0 = page, 1 = text). A theme where Chinese reads bolder than the Latin beside it shows as a higher CJK/Latin
ratio than the other theme's; "cjk×contrast" (the ink times the text's luminance contrast with the page)
compares the Chinese line's weight across the themes. One picture per run, the light crop over the dark
one, goes to docs/screenshots/cjk-weight-TAG-ZOOM.png (SLUICE_SHOTS_DIR=DIR writes elsewhere).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("SLUICE_CODE") or str(ROOT))

from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QTextLayout  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.ui import theme  # noqa: E402
from app.ui.transcript.view import TranscriptView  # noqa: E402

LATIN = "The quick brown fox jumps over the lazy dog"
CJK = "简体中文：深色主题下的汉字不应显得更粗"
MIXED = "Sluice 把 Latin 和中文放在同一行 (2026)"
OUT = Path(os.environ.get("SLUICE_SHOTS_DIR") or ROOT / "docs" / "screenshots")


def faces_drawing(font: QFont, text: str) -> list[str]:
    """The faces Qt really draws `text` with (a copy of its own: it measures older checkouts too)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    return list(
        dict.fromkeys(f"{r.rawFont().familyName()} {r.rawFont().styleName()}" for r in layout.glyphRuns())
    )


def luminance(rgb: int) -> float:
    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink(image: QImage, page: float, text: float) -> float:
    total = 0.0
    for y in range(image.height()):
        for x in range(image.width()):
            share = (luminance(image.pixel(x, y)) - page) / (text - page)
            total += min(1.0, max(0.0, share))
    return total / (image.width() * image.height())


def measure(app: QApplication, dark: bool, family: str) -> tuple[QImage, str]:
    """The crop of the three lines in one theme, and a line of figures about it."""
    theme.apply_theme(app, "dark" if dark else "light")
    view = TranscriptView(dark=dark)
    if family:
        view.setFont(QFont(family, app.font().pointSize()))
    view.resize(700, 260)
    view.add_assistant_message(f"{LATIN}\n\n{CJK}\n\n{MIXED}", model="m")
    view.show()
    app.processEvents()
    picture = view.grab().toImage()
    ratio = picture.devicePixelRatio()
    document = view.document()
    colour = view._style.text  # the transcript's own text colour in this theme
    page = luminance(QColor(theme.colours(dark).base).rgb())
    text = luminance(QColor(colour).rgb())
    inks: dict[str, float] = {}
    faces: dict[str, list[str]] = {}
    top = bottom = left = -1
    block = document.begin()
    while block.isValid():
        if block.text() in (LATIN, CJK, MIXED):
            rect = document.documentLayout().blockBoundingRect(block)
            rect.translate(0, -view.verticalScrollBar().value())
            top = int(rect.top() * ratio) if top < 0 else top
            bottom, left = int(rect.bottom() * ratio), int(rect.left() * ratio)
            width = int(view.fontMetrics().horizontalAdvance(block.text()) * ratio * 1.1)
            box = picture.copy(left, int(rect.top() * ratio), width, int(rect.height() * ratio))
            key = {LATIN: "latin", CJK: "cjk", MIXED: "mixed"}[block.text()]
            inks[key] = ink(box, page, text)
            faces[key] = faces_drawing(document.defaultFont(), block.text())
        block = block.next()
    pad = int(8 * ratio)
    crop = picture.copy(max(0, left - pad), max(0, top - pad), int(560 * ratio), bottom - top + 2 * pad)
    crop.setDevicePixelRatio(1)  # composed and saved pixel for pixel
    font = document.defaultFont()
    figures = (
        f"{QGuiApplication.platformName()} {round(ratio * 100)}% {'dark ' if dark else 'light'} "
        f"base={family or 'system'} weight={int(font.weight())} text={colour} "
        f"latin={inks['latin']:.4f} cjk={inks['cjk']:.4f} cjk/latin={inks['cjk'] / inks['latin']:.3f} "
        f"cjk×contrast={inks['cjk'] * abs(text - page) / 255:.4f} "
        f"faces latin={faces['latin']} cjk={faces['cjk']}"
    )
    view.close()
    return crop, figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--family", default="", help="the base face (default: the system's)")
    parser.add_argument("--tag", default="after")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    crops = []
    for dark in (False, True):
        crop, figures = measure(app, dark, args.family)
        crops.append(crop)
        print(figures)
    sheet = QImage(max(c.width() for c in crops), sum(c.height() for c in crops), QImage.Format.Format_RGB32)
    sheet.fill(QColor("#808080"))
    painter = QPainter(sheet)
    y = 0
    for crop in crops:
        painter.drawImage(0, y, crop)
        y += crop.height()
    painter.end()
    zoom = round(app.devicePixelRatio() * 100)
    path = OUT / f"cjk-weight-{args.tag}-{zoom}.png"
    sheet.save(str(path))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
