"""The window's one icon set: 24 px stroke icons (resources/icons/ui/*.svg), tinted to the palette.

The SVGs draw with `currentColor`. Each QIcon here carries an engine that fills that colour in from the
palette *when it paints*, so an icon made once follows a switch between light and dark without anyone
re-creating it. No icon font or package: Qt's SVG module (in PySide6-Essentials) renders them, ~0.1 ms an
icon, and the files are read when an icon is first painted, not at start.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.core.errors import SluiceError

log = logging.getLogger(__name__)

ACCENT = "accent"  # tint with the palette's accent (Highlight) instead of the text colour


@functools.cache
def _icon_dir() -> Path | None:
    from app.desktop import resource_root

    try:
        return resource_root() / "icons" / "ui"
    except SluiceError:
        return None  # a broken install still opens its window, with blank icons


@functools.cache
def _svg(name: str) -> bytes:
    folder = _icon_dir()
    try:
        return (folder / f"{name}.svg").read_bytes() if folder is not None else b""
    except OSError as exc:
        log.warning("icon %s could not be read: %s", name, exc)
        return b""


class _TintedSvg(QIconEngine):
    def __init__(self, name: str, tint: str | None) -> None:
        super().__init__()
        self._name = name
        self._tint = tint
        self._pixmaps: dict[tuple[int, int, float, int], QPixmap] = {}

    def _colour(self, mode: QIcon.Mode) -> QColor:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        # Selected rows are drawn on a light tint of the accent (theme.py), not on the accent itself: the
        # icon keeps its normal colour there.
        if self._tint == ACCENT:
            return palette.color(QPalette.ColorRole.Highlight)
        if self._tint:
            return QColor(self._tint)
        return palette.color(QPalette.ColorRole.ButtonText)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        svg = _svg(self._name)
        if not svg:
            return
        data = svg.replace(b"currentColor", self._colour(mode).name().encode())
        QSvgRenderer(QByteArray(data)).render(painter, QRectF(rect))

    def scaledPixmap(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        key = (size.width(), size.height(), scale, self._colour(mode).rgba())
        cached = self._pixmaps.get(key)
        if cached is None:
            cached = QPixmap(size * scale)
            cached.fill(Qt.GlobalColor.transparent)
            painter = QPainter(cached)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint(painter, QRect(QPoint(0, 0), size * scale), mode, state)
            painter.end()
            cached.setDevicePixelRatio(scale)
            if len(self._pixmaps) > 32:  # bounded: sizes and colours seen are few
                self._pixmaps.clear()
            self._pixmaps[key] = cached
        return cached

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def clone(self) -> QIconEngine:
        return _TintedSvg(self._name, self._tint)


def icon(name: str, tint: str | None = None) -> QIcon:
    """The icon `name` (a file in resources/icons/ui), drawn in the palette's text colour, or in `tint`
    (ACCENT for the accent colour, else a colour name)."""
    return QIcon(_TintedSvg(name, tint))


def icon_names() -> list[str]:
    """Every icon shipped (for tests and the screenshot script)."""
    folder = _icon_dir()
    return sorted(p.stem for p in folder.glob("*.svg")) if folder is not None else []
