"""Check boxes that can be seen in the dark theme (Fusion outlined an unchecked one darker than the dark
background: Settings' "Send photos as they are" and the profile editor's "Ask the gateway for each reply's
cost" looked like bare labels). That dialog buttons carry no icons is seen on X11, where Fusion gave them
some (tests/gui/test_theme_x11.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

from app.ui.theme import DARK, LIGHT, apply_theme


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    qapp.styleHints().unsetColorScheme()
    apply_theme(qapp, "system")


def indicator_contrast(box: QCheckBox, background: str) -> int:
    """How far the lightest or darkest pixel of the check box's indicator is from the background."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    base = QColor(background).lightness()
    return max(
        abs(image.pixelColor(x, y).lightness() - base)
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1)
    )


@pytest.mark.parametrize(("theme", "colours"), [("dark", DARK), ("light", LIGHT)])
def test_an_unchecked_box_stands_out_from_the_background(
    themed: QApplication, theme: str, colours: object
) -> None:
    apply_theme(themed, theme)
    box = QCheckBox("Send photos as they are")
    box.resize(box.sizeHint())
    box.show()
    window = getattr(colours, "window")  # noqa: B009 (one name for both themes' dataclasses)
    assert indicator_contrast(box, window) > 40  # Fusion's dark outline was 6 from the background
    box.setCheckState(Qt.CheckState.Checked)
    assert indicator_contrast(box, window) > 40
    box.close()
