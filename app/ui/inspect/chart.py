"""Bytes and pieces of text received over time for one reply, drawn with QPainter (no QtCharts: see
app/ui/usage/chart.py).

A steady stream climbs in small steps; a gateway that buffers the whole reply shows as one late step. Bytes
are read on the left axis; pieces (content and reasoning deltas, app.ui.inspect.series) on the right, dashed,
so the two are told apart without their colours. A legend above names both, and the gateway's own token
count when its usage arrived: a piece is not always a token, and the chart does not pretend it is.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from app.ui.inspect.series import StreamSeries

BYTES_COLOUR = "#0072B2"  # as the usage chart's first series
PIECES_COLOUR = "#D55E00"  # Okabe-Ito vermillion: apart from the blue for every kind of colour vision
_LEGEND_LINE = 22.0


class StreamChart(QWidget):
    """Cumulative bytes (left axis) and pieces of text (right axis) against ms since the request was sent,
    one step per chunk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectChart")
        self._series = StreamSeries()
        # The two paths for the last plot area: a paint that is only an expose draws them again as they were.
        self._paths: tuple[tuple[float, float, float, float], QPainterPath, QPainterPath | None] | None = None
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(560, 200)

    def set_series(self, series: StreamSeries) -> None:
        self._series = series
        self._paths = None
        self.update()

    def points(self) -> list[tuple[float, int]]:
        """(ms, bytes so far), one per chunk."""
        return list(self._series.bytes)

    def piece_points(self) -> list[tuple[float, int]]:
        """(ms, pieces of text so far), one per chunk."""
        return list(self._series.pieces)

    def legend(self) -> list[str]:
        """The legend's entries, as drawn."""
        pieces = self.tr("Text pieces (content and reasoning deltas; not tokens)")
        if self._series.reported_tokens is not None:
            counted = self.tr(
                "Text pieces (content and reasoning deltas); the gateway counted {} completion tokens"
            )
            pieces = counted.format(f"{self._series.reported_tokens:,}")
        return [self.tr("Bytes received"), pieces]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        metrics = QFontMetricsF(self.font())
        line_height = metrics.height()
        bytes_pen = QPen(QColor(BYTES_COLOUR), 2)
        pieces_pen = QPen(QColor(PIECES_COLOUR), 2, Qt.PenStyle.DashLine)

        # The legend, one entry per line: a piece of each series' line, then its name.
        y = 2.0
        for pen, label in zip((bytes_pen, pieces_pen), self.legend(), strict=True):
            middle = y + line_height / 2
            painter.setPen(pen)
            painter.drawLine(QPointF(4, middle), QPointF(4 + _LEGEND_LINE, middle))
            painter.setPen(text)
            room = max(0.0, self.width() - 14 - _LEGEND_LINE)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QPointF(10 + _LEGEND_LINE, y + metrics.ascent()), shown)
            y += line_height + 2

        points, pieces = self._series.bytes, self._series.pieces
        end_ms = max((t for t, _ in points), default=0.0) or 1.0
        top_bytes = max((b for _, b in points), default=0) or 1
        top_pieces = max((p for _, p in pieces), default=0) or 1
        left_label, right_label = f"{top_bytes:,} B", f"{top_pieces:,}"
        left = metrics.horizontalAdvance(left_label) + 8
        right = metrics.horizontalAdvance(right_label) + 8
        bottom = line_height + 6
        top = y + 6
        area = QRectF(
            left,
            top,
            max(10.0, self.width() - left - right),
            max(10.0, self.height() - top - bottom - 6),
        )
        painter.setPen(QPen(grid, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        painter.drawLine(area.bottomRight(), area.topRight())
        painter.setPen(QColor(BYTES_COLOUR))
        painter.drawText(QPointF(2, area.top() + metrics.ascent()), left_label)
        painter.setPen(QColor(PIECES_COLOUR))
        painter.drawText(QPointF(area.right() + 6, area.top() + metrics.ascent()), right_label)
        painter.setPen(text)
        painter.drawText(QPointF(2, area.bottom()), "0")
        painter.drawText(QPointF(area.right() + 6, area.bottom()), "0")
        end_label = f"{end_ms:,.0f} ms"
        painter.drawText(
            QPointF(area.right() - metrics.horizontalAdvance(end_label), area.bottom() + bottom), end_label
        )
        if not points:
            return
        key = (area.left(), area.top(), area.width(), area.height())
        if self._paths is None or self._paths[0] != key:
            drawn = any(p for _, p in pieces)
            self._paths = (
                key,
                _steps(points, area, end_ms, top_bytes),
                _steps(pieces, area, end_ms, top_pieces) if drawn else None,
            )
        _, bytes_path, pieces_path = self._paths
        painter.setPen(bytes_pen)
        painter.drawPath(bytes_path)
        if pieces_path is not None:
            painter.setPen(pieces_pen)
            painter.drawPath(pieces_path)


def _steps(points: list[tuple[float, int]], area: QRectF, end_ms: float, top: int) -> QPainterPath:
    """Flat until each chunk arrives, then a step up to its total.

    Chunks that land in the same pixel column make one step (a 2 MB record holds ~30,000 chunks; drawing
    each took ~0.4 s a paint), so a path has at most two points per column whatever the record holds.
    """

    def y(value: int) -> float:
        return area.bottom() - area.height() * value / top

    path = QPainterPath(QPointF(area.left(), y(0)))
    column: int | None = None
    shown = 0  # the total reached so far (at the current column's top)
    for t, total in points:
        x = round(area.left() + area.width() * t / end_ms)
        if x != column:
            if column is not None:
                path.lineTo(QPointF(column, y(shown)))  # the last column's step up
            path.lineTo(QPointF(x, y(shown)))  # flat until this chunk
            column = x
        shown = total
    if column is not None:
        path.lineTo(QPointF(column, y(shown)))
    return path
