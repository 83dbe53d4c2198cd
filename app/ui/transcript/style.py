"""The transcript's colours, spacing and faces: one place for what the renderer and the view draw with."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextFormat, QTextLayout

COLUMN_MAX = 760  # pixels: the reading column's widest text; longer lines are hard to follow
PAGE_MARGIN = 16  # pixels around the column when the window is narrower than it
LINE_HEIGHT = 150  # per cent of the font's line spacing, for prose
CODE_LINE_HEIGHT = 125  # code is denser; its lines are short
MIN_POINT_SIZE = 10.5  # the transcript's base text never goes below this, whatever the system says
CARD_PAD = 12  # pixels between a card's edge and its text
CARD_RADIUS = 8.0

# Block properties (beyond Qt's) that tell the painter what a block belongs to.
REASONING_BODY = QTextFormat.Property.UserProperty + 1  # the blocks of reasoning text under a label
CARD = QTextFormat.Property.UserProperty + 2  # str: "user", "code", "code-head", "badge"
BADGE = QTextFormat.Property.UserProperty + 3  # char property: a run drawn on a pill (the model's name)
CODE_LANG = QTextFormat.Property.UserProperty + 4  # str on a code card's head: the language, drawn at left
QUOTE_INDENT = 18  # pixels per quote level; the quote's bar is drawn inside it

# Faces for Chinese beside the Latin one, by UI language. Without them fontconfig picks a CJK fallback
# on its own (often a heavier face, or one for another region), which looks bolder than the Latin text.
CJK_FAMILIES = {
    "zh_TW": ["Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"],
    "": ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"],
}


@dataclass(frozen=True, slots=True)
class TranscriptStyle:
    """Colours the transcript draws with, beyond the palette's."""

    dark: bool = False
    text: str = "#1f2328"
    code_background: str = "#f6f7f9"
    code_head: str = "#eceef2"  # the band with the language and Copy at a code card's top
    card_border: str = "#e3e5e9"
    inline_code: str = "#eff1f4"
    dim_text: str = "#6b7280"
    user_background: str = "#eef1f8"  # the user's bubble; replies sit on the page itself
    badge_background: str = "#e6f4f1"
    badge_text: str = "#0f766e"
    quote_bar: str = "#c7ccd4"
    table_head: str = "#f1f3f6"
    table_rule: str = "#e3e5e9"
    link: str = "#2563eb"
    accent: str = "#2563eb"  # the streaming cursor
    flag: str = "#b45309"  # "Stopped", "Interrupted": amber, seen at a glance but not an error
    error: str = "#b42318"


LIGHT = TranscriptStyle()
DARK = TranscriptStyle(
    dark=True,
    # Not white: light text on a dark page looks heavier than dark on light (the rasteriser blends without
    # gamma correction, and CJK strokes are dense). This grey matches the light page's weight; 10:1 contrast.
    text="#c3c8cf",
    code_background="#1e2126",
    code_head="#262a30",
    card_border="#30343b",
    inline_code="#2a2e35",
    dim_text="#9aa3ad",
    user_background="#262b36",
    badge_background="#173532",
    badge_text="#5eead4",
    quote_bar="#4a505a",
    table_head="#23272d",
    table_rule="#33373e",
    link="#7aa2f7",
    accent="#7aa2f7",
    flag="#fbbf24",
    error="#f87171",
)


# Latin and Chinese as a reply mixes them: the faces that draw these are the faces that must agree.
_LATIN_SAMPLE, _CJK_SAMPLE = "Aa", "中文繁體"
_LIGHT_WEIGHTS = range(300, 351)  # a true Light (or SemiLight); ExtraLight (200) is far too thin for prose


def reading_font(base: QFont, language: str = "", *, dark: bool = False) -> QFont:
    """The transcript's face: `base` at no less than MIN_POINT_SIZE, with a matched CJK face.

    Chinese must not look bolder in the dark theme than in the light one, nor than the Latin beside it.
    Measured here (scripts/cjk_weight.py): Qt renders PostScript-outline (CFF) faces such as Noto Sans CJK
    with FreeType's stem darkening and gamma-corrected blending, so light-on-dark CJK has ~1.3× the ink of
    dark-on-light; TrueType faces (DejaVu Sans, Ubuntu, Noto Sans) are drawn the same in both themes. The
    dark page's grey (DARK.text) is set so CFF text weighs what it weighs on the light page; a TrueType
    Latin face beside a CFF CJK face would then look lighter than the Chinese in the dark theme only, so
    there the CJK face draws the Latin text too (it has Latin glyphs): one face, one rendering, both themes.
    A lighter face in dark is asked for only when every face drawing the text has a true Light: asking
    without one thinned the Latin alone (DejaVu Sans became ExtraLight, Noto Sans CJK stayed Regular).
    """
    font = QFont(base)
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    cjk = CJK_FAMILIES.get(language, CJK_FAMILIES[""])
    families = [family for family in base.families() or [base.family()] if family not in cjk]
    font.setFamilies([*families, *cjk])
    font.setWeight(QFont.Weight.Normal)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # the same stem weight for both
    latin, chinese = _faces(font, _LATIN_SAMPLE), _faces(font, _CJK_SAMPLE)
    if latin and chinese and _is_cff(chinese[0]) and not _is_cff(latin[0]):
        font.setFamilies([*cjk, *families])
        latin = _faces(font, _LATIN_SAMPLE)
    if dark and all(_has_light(raw.familyName()) for raw in [*latin, *chinese]):
        font.setWeight(QFont.Weight.Light)
    return font


def faces_drawing(font: QFont, text: str) -> list[str]:
    """The families and styles Qt really draws `text` with in `font` (fallbacks included), in order."""
    return list(dict.fromkeys(f"{raw.familyName()} {raw.styleName()}" for raw in _faces(font, text)))


def _faces(font: QFont, text: str) -> list[QRawFont]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    return [run.rawFont() for run in layout.glyphRuns()]


def _is_cff(raw: QRawFont) -> bool:
    """Whether the face has PostScript outlines (drawn with stem darkening and gamma), not TrueType ones.

    Told by the 'maxp' table's version (0.5 for CFF, 1.0 for TrueType): six bytes, where reading the
    outline tables themselves would copy megabytes of a CJK face.
    """
    return bytes(raw.fontTable("maxp").left(4).data()) == b"\x00\x00\x50\x00"


def _has_light(family: str) -> bool:
    return any(
        QFontDatabase.weight(family, style) in _LIGHT_WEIGHTS for style in QFontDatabase.styles(family)
    )
