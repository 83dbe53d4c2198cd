"""Bytes received over time for one reply, drawn with QPainter (no QtCharts: see app/ui/usage/chart.py).

A steady stream climbs in small steps; a gateway that buffers the whole reply shows as one late step.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

LINE_COLOUR = "#0072B2"  # as the usage chart's first series


class ByteChart(QWidget):
    """Cumulative bytes (y) against ms since the request was sent (x), one step per chunk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[float, int]] = []  # (t_ms, bytes so far)
        self.setMinimumHeight(140)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(560, 180)

    def set_chunks(self, times_ms: list[float], sizes: list[int]) -> None:
        total = 0
        points = []
        for t, size in zip(times_ms, sizes, strict=True):
            total += size
            points.append((t, total))
        self._points = points
        self.update()

    def points(self) -> list[tuple[float, int]]:
        return list(self._points)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            text = palette.color(QPalette.ColorRole.Text)
            grid = palette.color(QPalette.ColorRole.Mid)
            metrics = QFontMetricsF(self.font())
            end_ms = max((t for t, _ in self._points), default=0.0) or 1.0
            top_bytes = max((b for _, b in self._points), default=0) or 1
            left = metrics.horizontalAdvance(f"{top_bytes:,} B") + 8
            bottom = metrics.height() + 6
            area = QRectF(
                left, 6, max(10.0, self.width() - left - 10), max(10.0, self.height() - bottom - 12)
            )
            painter.setPen(QPen(grid, 1))
            painter.drawLine(area.bottomLeft(), area.bottomRight())
            painter.drawLine(area.bottomLeft(), area.topLeft())
            painter.setPen(text)
            painter.drawText(QPointF(2, area.top() + metrics.ascent()), f"{top_bytes:,} B")
            painter.drawText(QPointF(2, area.bottom()), "0")
            end_label = f"{end_ms:,.0f} ms"
            painter.drawText(
                QPointF(area.right() - metrics.horizontalAdvance(end_label), area.bottom() + bottom),
                end_label,
            )
            if not self._points:
                return

            def at(t: float, b: int) -> QPointF:
                return QPointF(
                    area.left() + area.width() * t / end_ms, area.bottom() - area.height() * b / top_bytes
                )

            path = QPainterPath(at(0.0, 0))
            before = 0
            for t, total in self._points:
                path.lineTo(at(t, before))  # flat until the chunk arrives, then a step up
                path.lineTo(at(t, total))
                before = total
            painter.setPen(QPen(QColor(LINE_COLOUR), 2))
            painter.drawPath(path)
        finally:
            painter.end()
