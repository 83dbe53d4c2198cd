"""Fusion with two corrections the app's look needs, as one QProxyStyle (app/ui/theme.py installs it).

- Check boxes (and the check boxes of list and table rows) drawn from the palette: Fusion outlines them with
  a shade darker than the window, which in the dark theme is darker than the background — an unchecked box
  could not be seen (Settings' "Send photos as they are", the profile editor's "Ask the gateway for each
  reply's cost"). Here: a rounded box with a dim outline, the accent when checked, a dash when partly checked.
- No icons on dialog buttons (Fusion puts a green tick on OK and a red cross on Cancel on Linux): the app has
  one icon set (app/ui/icons.py), and those were not of it. That one is the style sheet's
  `dialogbuttonbox-buttons-have-icons: 0` (theme.py), not a `styleHint` override here: Qt asks for style
  hints hundreds of times while building a window, and each call into Python (with PySide6 working out the
  type of the widget and option it is given) cost ~30 ms before the first frame (issue 11 §7).

Colours come from the option's palette at paint time, so a switch between light and dark needs nothing more.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

_CHECKS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class LookStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in _CHECKS:
            draw_check_box(option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)


def draw_check_box(option: QStyleOption, painter: QPainter) -> None:
    state, palette = option.state, option.palette
    enabled = bool(state & QStyle.StateFlag.State_Enabled)
    group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
    accent = palette.color(group, QPalette.ColorRole.Highlight)
    outline = palette.color(group, QPalette.ColorRole.PlaceholderText)  # the theme's dim text colour
    if state & (QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_HasFocus) and enabled:
        outline = accent
    rect = option.rect
    side = min(rect.width(), rect.height()) - 2
    box = QRectF(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side)
    checked = bool(state & QStyle.StateFlag.State_On)
    partly = bool(state & QStyle.StateFlag.State_NoChange)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(accent if checked else outline, 1.2))
    painter.setBrush(accent if checked else palette.color(group, QPalette.ColorRole.Base))
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    mark = QPen(palette.color(group, QPalette.ColorRole.HighlightedText), max(1.5, side / 8))
    mark.setCapStyle(Qt.PenCapStyle.RoundCap)
    mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if checked:
        painter.setPen(mark)
        path = QPainterPath(QPointF(box.left() + side * 0.24, box.top() + side * 0.52))
        path.lineTo(box.left() + side * 0.43, box.top() + side * 0.70)
        path.lineTo(box.left() + side * 0.76, box.top() + side * 0.32)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif partly:
        mark.setColor(accent)
        painter.setPen(mark)
        middle = box.center().y()
        painter.drawLine(
            QPointF(box.left() + side * 0.28, middle), QPointF(box.right() - side * 0.28, middle)
        )
    painter.restore()
