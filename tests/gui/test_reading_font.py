"""The transcript's faces (issue 13 §3): Chinese must not look bolder in the dark theme, nor than the Latin
beside it. scripts/cjk_weight.py measures the ink; these check the faces that cause it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.ui.transcript.style import faces_drawing, reading_font

LATIN, CHINESE = "The quick brown fox", "简体中文的字重"


def needs(*families: str) -> None:
    missing = [f for f in families if f not in QFontDatabase.families()]
    if missing:
        pytest.skip(f"not installed here: {missing}")


@pytest.mark.parametrize("dark", [False, True])
def test_a_truetype_latin_face_beside_noto_cjk_gives_way_so_both_are_drawn_alike(
    qapp: QApplication, dark: bool
) -> None:
    """Found measuring: with DejaVu Sans as the system face, the dark theme asked for Light, which drew the
    Latin text in DejaVu Sans ExtraLight and the Chinese in Noto Sans CJK Regular: 3.1x the ink of the
    Latin beside it, against 1.2x on the light page."""
    needs("DejaVu Sans", "Noto Sans CJK SC")
    font = reading_font(QFont("DejaVu Sans", 10), dark=dark)
    latin, chinese = faces_drawing(font, LATIN), faces_drawing(font, CHINESE)
    assert latin == chinese == ["Noto Sans CJK SC Regular"]
    light = reading_font(QFont("DejaVu Sans", 10), dark=False)
    assert faces_drawing(light, LATIN + CHINESE) == faces_drawing(font, LATIN + CHINESE)  # the same in both


def test_no_lighter_weight_is_asked_for_unless_every_face_has_one(qapp: QApplication) -> None:
    needs("Noto Sans CJK SC")
    if any(
        300 <= QFontDatabase.weight("Noto Sans CJK SC", s) <= 350
        for s in QFontDatabase.styles("Noto Sans CJK SC")
    ):
        pytest.skip("this machine has Noto Sans CJK Light: the lighter dark face is allowed here")
    for family in ("DejaVu Sans", "Noto Sans CJK SC", QApplication.font().family()):
        font = reading_font(QFont(family, 10), dark=True)
        assert font.weight() == QFont.Weight.Normal
        assert not any("Light" in face for face in faces_drawing(font, LATIN + CHINESE))
