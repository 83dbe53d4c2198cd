"""Spend per day as stacked bars, one colour a profile, drawn with QPainter.

QtCharts would need the PySide6-Addons wheel (see DESIGN.md, "Usage page"): far more on disk than this one
widget is worth. The chart holds only what it draws: a few hundred bars at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from app.core.pricing import format_amount

# Distinguishable in light and dark (Okabe–Ito, colour-blind safe), then repeated.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


@dataclass(frozen=True, slots=True)
class Bar:
    day: str
    parts: tuple[tuple[str, Decimal], ...]  # (profile, amount), in legend order

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.parts), Decimal(0))


class SpendChart(QWidget):
    """Stacked bars of one currency's spend per day. Hovering a bar shows its figures as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._profiles: list[str] = []
        self._currency = ""
        self._rects: list[tuple[QRectF, Bar]] = []
        self.setMinimumHeight(180)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(640, 220)

    def set_data(self, bars: list[Bar], profiles: list[str], currency: str) -> None:
        self._bars, self._profiles, self._currency = bars, profiles, currency
        self.update()

    def colour(self, profile: str) -> QColor:
        index = self._profiles.index(profile) if profile in self._profiles else 0
        return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        metrics = QFontMetricsF(self.font())
        self._rects = []
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        if not self._bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No known cost in this period"))
            return
        top = max((bar.total for bar in self._bars), default=Decimal(0)) or Decimal(1)
        label_w = metrics.horizontalAdvance(format_amount(top, self._currency)) + 8
        legend_h = metrics.height() + 8
        plot = area.adjusted(label_w, 0, 0, -(metrics.height() + 6 + legend_h))
        # Three grid lines: 0, half, the highest day.
        painter.setPen(grid)
        for fraction in (Decimal(0), Decimal("0.5"), Decimal(1)):
            y = plot.bottom() - float(fraction) * plot.height()
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(area.left(), y - metrics.height() / 2, label_w - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                format_amount(top * fraction, self._currency),
            )
            painter.setPen(grid)
        slot = plot.width() / len(self._bars)
        width = max(2.0, min(36.0, slot * 0.7))
        painter.setPen(Qt.PenStyle.NoPen)
        for number, bar in enumerate(self._bars):
            x = plot.left() + number * slot + (slot - width) / 2
            y = plot.bottom()
            for profile, amount in bar.parts:
                height = float(amount / top) * plot.height()
                painter.setBrush(self.colour(profile))
                painter.drawRect(QRectF(x, y - height, width, height))
                y -= height
            self._rects.append((QRectF(x, plot.top(), width, plot.height()), bar))
        # Day labels: first, last, and as many between as fit.
        painter.setPen(text)
        label = metrics.horizontalAdvance("0000-00-00") + 12
        step = max(1, int(label // slot) + 1)
        for number, bar in enumerate(self._bars):
            if number % step and number != len(self._bars) - 1:
                continue
            x = plot.left() + number * slot + slot / 2
            painter.drawText(
                QRectF(x - label / 2, plot.bottom() + 4, label, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                bar.day[5:] if len(self._bars) > 1 else bar.day,
            )
        # Legend.
        x = plot.left()
        y = area.bottom() - metrics.height()
        for profile in self._profiles:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colour(profile))
            painter.drawRoundedRect(QRectF(x, y + 3, 10, 10), 2, 2)
            painter.setPen(text)
            name = metrics.elidedText(profile or "—", Qt.TextElideMode.ElideRight, 160)
            painter.drawText(QPointF(x + 14, y + metrics.ascent()), name)
            x += 14 + metrics.horizontalAdvance(name) + 16

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            for rect, bar in self._rects:
                if rect.contains(QPointF(event.pos())):
                    lines = [bar.day] + [
                        f"{profile or '—'}: {format_amount(amount, self._currency)}"
                        for profile, amount in bar.parts
                    ]
                    # Qt shows rich text in tooltips when it looks like HTML: profile names are outside text.
                    QToolTip.showText(event.globalPos(), _plain_tooltip("\n".join(lines)), self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)


def _plain_tooltip(text: str) -> str:
    """A tooltip that Qt cannot take for HTML: escaped, with line breaks as <br>."""
    import html

    return "<p style='white-space:pre'>" + html.escape(text).replace("\n", "<br>") + "</p>"
