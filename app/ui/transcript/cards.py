"""Rounded cards behind parts of the transcript: the user's bubble, code cards, quote bars, the model badge.

QTextDocument draws only square block backgrounds, so the view paints these shapes on the viewport first and
the document draws its text over them. Which block belongs to what is a block property (style.CARD) set when
the block is inserted, so painting needs no state of its own. A paint walks only the blocks in the exposed
rectangle (the first found by bisection or, near the end, the layout's hit test), so its cost does not grow
with the conversation; a card cut by the viewport's edge is drawn as running on past it, and only as far as
the exposed rectangle (plus an overshoot that hides the cut).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QTextBlock,
    QTextDocument,
    QTextFormat,
    QTextLine,
)

from app.ui.transcript.style import (
    BADGE,
    CARD,
    CARD_PAD,
    CARD_RADIUS,
    CODE_LANG,
    QUOTE_INDENT,
    TranscriptStyle,
)

_QUOTE_BAR = 3.0  # pixels
_OVERSHOOT = 4 * CARD_RADIUS  # a card cut by the viewport runs on this far, so no rounded corner shows


@dataclass(slots=True)
class _Card:
    kind: str
    rect: QRectF
    head: QRectF | None = None
    language: str = ""
    copy_text: QRectF | None = None  # where the head's Copy link is drawn; None once it says "Copied ✓"
    open_top: bool = False
    text_rects: list[QRectF] = field(default_factory=list)


def _text_rect(block: QTextBlock) -> QRectF:
    """Where the block's text is drawn, as wide as its longest line (not the column), alignment included."""
    layout = block.layout()
    origin = layout.position()
    rect = QRectF()
    for index in range(layout.lineCount()):
        rect = rect.united(layout.lineAt(index).naturalTextRect())
    if rect.isNull():
        rect = layout.boundingRect()
        rect.setWidth(1.0)
    return rect.translated(origin)


def line_x(line: QTextLine, position: int) -> float:
    """The x of a text position on a line (PySide6 returns it with the position, as a tuple)."""
    result: object = line.cursorToX(position)
    value = result[0] if isinstance(result, tuple) else result
    return float(value) if isinstance(value, (int, float)) else 0.0


@dataclass(frozen=True, slots=True)
class BlockLook:
    """What painting needs from a block's format, read once per format (formats are shared by blocks)."""

    kind: str  # the block's CARD property, "" for none
    quote: int  # its quote level
    side_margins: float  # left + right margin: a card spans them
    language: str  # a code card head's language


Looks = dict[int, BlockLook]
"""Looks by block format index; valid for one document until it is cleared (the view keeps it)."""


def _look(block: QTextBlock, looks: Looks) -> BlockLook:
    index = block.blockFormatIndex()
    look = looks.get(index)
    if look is None:
        fmt = block.blockFormat()
        kind = fmt.property(CARD)
        language = fmt.property(CODE_LANG)
        look = BlockLook(
            kind if isinstance(kind, str) else "",
            fmt.intProperty(QTextFormat.Property.BlockQuoteLevel),
            fmt.leftMargin() + fmt.rightMargin(),
            language if isinstance(language, str) else "",
        )
        looks[index] = look
    return look


_NEAR_END = 2000.0
"""Pixels from the document's end within which the layout's hit test finds the first exposed block: it scans
on from there to the end, so further up a bisection over the blocks does it in O(log n) instead."""


def _first_block(document: QTextDocument, clip: QRectF) -> QTextBlock:
    """The block at the top of `clip`: Qt's hit test near the end (cheap there; where streaming is), a
    bisection elsewhere (its scan to the end cost 0.7 ms a paint at the top of a 50k-token reply)."""
    layout = document.documentLayout()
    top = clip.top()
    if layout.documentSize().height() - top > _NEAR_END:
        low, high = 0, document.blockCount() - 1
        while low < high:
            middle = (low + high + 1) // 2
            rect = layout.blockBoundingRect(document.findBlockByNumber(middle))
            if not rect.isValid():
                break  # a folded (hidden) block has no place to compare: let Qt find it
            if rect.top() <= top:
                low = middle
            else:
                high = middle - 1
        else:
            block = document.findBlockByNumber(low)
            while True:  # the cells of a table row share their top: start at the row's first
                before = block.previous()
                rect = layout.blockBoundingRect(before) if before.isValid() else QRectF()
                if not rect.isValid() or rect.bottom() < top:
                    return block
                block = before
    position = layout.hitTest(QPointF(clip.left() + 1, top), Qt.HitTestAccuracy.FuzzyHit)
    return document.findBlock(max(position, 0))


def visible_blocks(document: QTextDocument, clip: QRectF) -> list[tuple[QTextBlock, QRectF]]:
    """The blocks whose rectangles meet `clip` (document coordinates), in order, with their rectangles."""
    layout = document.documentLayout()
    block = _first_block(document, clip)
    blocks: list[tuple[QTextBlock, QRectF]] = []
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.isValid() and rect.top() > clip.bottom():
            break
        blocks.append((block, rect))
        block = block.next()
    return blocks


def paint_cards(
    painter: QPainter, document: QTextDocument, clip: QRectF, style: TranscriptStyle, looks: Looks
) -> None:
    """Paint the cards behind the blocks that meet `clip`; the painter is in document coordinates."""
    blocks = visible_blocks(document, clip)
    if not blocks:
        return
    cards: list[_Card] = []
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        before = blocks[0][0].previous()
        previous_kind = _look(before, looks).kind if before.isValid() else ""
        for position, (block, rect) in enumerate(blocks):
            look = _look(block, looks)
            kind = look.kind
            if not kind and look.quote <= 0:
                # Most blocks: nothing is drawn behind them. They only end the card above them (a hidden
                # one does not), and need asking that only right after a card.
                if previous_kind and rect.isValid() and block.isVisible():
                    previous_kind = ""
                continue
            if not rect.isValid() or not block.isVisible():
                continue
            if look.quote > 0 and block.length() > 1:  # Qt leaves an empty block after a table, at its right
                _paint_quote_bar(painter, rect, look.quote, style)
            if kind == "badge":
                _paint_badge(painter, block, style)
            previous_kind, seen = kind, previous_kind
            if kind not in _CARDS:
                continue
            rect = QRectF(rect)
            rect.setWidth(rect.width() + look.side_margins)  # the rectangle leaves the margins out
            text = _text_rect(block) if kind in ("user", "chip") else None  # only these fit their text
            group = _group(kind)
            # Only the block right above continues a card: two user messages with a reply between are two.
            joins = _group(seen) == group and kind not in ("code-head", "chip")
            if cards and cards[-1].kind == group and joins:
                card = cards[-1]
                card.rect = card.rect.united(rect)
            else:
                open_top = position == 0 and _group(seen) == group and kind == group
                card = _Card(group, rect, open_top=open_top)
                cards.append(card)
            if text is not None:
                card.text_rects.append(text)
            if kind == "code-head":
                card.head, card.language = QRectF(rect), look.language
                offers_copy = block.length() > 1 and not block.text().endswith("✓")
                card.copy_text = _text_rect(block) if offers_copy else None
        last = blocks[-1][0]
        last_group = _group(_look(last, looks).kind)
        after = last.next()
        runs_on = after.isValid() and _group(_look(after, looks).kind) == last_group
        for index, card in enumerate(cards):
            open_bottom = runs_on and index == len(cards) - 1 and card.kind == last_group
            if card.kind == "user":
                _paint_bubble(painter, card, open_bottom, style)
            elif card.kind == "chip":
                _paint_chip(painter, card, style)
            else:
                _paint_code_card(painter, card, open_bottom, style, document.defaultFont(), clip)
    finally:
        painter.restore()


_CARDS = ("user", "code", "code-head", "chip")


def _group(kind: str) -> str:
    return "code" if kind == "code-head" else kind


def _paint_bubble(painter: QPainter, card: _Card, open_bottom: bool, style: TranscriptStyle) -> None:
    text = card.text_rects[0]
    for rect in card.text_rects[1:]:
        text = text.united(rect)
    rect = text.adjusted(-CARD_PAD, -CARD_PAD * 0.6, CARD_PAD, CARD_PAD * 0.6)
    _rounded(painter, _overshoot(rect, card.open_top, open_bottom), QColor(style.user_background), None)


def _paint_chip(painter: QPainter, card: _Card, style: TranscriptStyle) -> None:
    """An example prompt of the empty chat: an outlined pill around its text."""
    rect = card.text_rects[0].adjusted(-CARD_PAD * 1.2, -CARD_PAD * 0.55, CARD_PAD * 1.2, CARD_PAD * 0.55)
    _rounded(painter, rect, QColor(style.code_background), QColor(style.card_border))


def _paint_code_card(
    painter: QPainter, card: _Card, open_bottom: bool, style: TranscriptStyle, font: QFont, clip: QRectF
) -> None:
    # A long card is drawn only as far as the exposed rectangle (plus the overshoot, so no corner shows):
    # the raster engine fills and strokes a path over its whole height, whatever the clip.
    rect = _within(_overshoot(card.rect, card.open_top, open_bottom), clip)
    path = _rounded(painter, rect, QColor(style.code_background), QColor(style.card_border))
    if card.head is None:
        return
    if card.head.adjusted(0, -2, 0, 2).intersects(clip):  # the band's text and icon only when exposed
        painter.save()
        painter.setClipPath(path, Qt.ClipOperation.IntersectClip)
        painter.fillRect(card.head, QColor(style.code_head))
        painter.setPen(QPen(QColor(style.card_border), 1))
        painter.drawLine(card.head.bottomLeft(), card.head.bottomRight())
        if card.language:
            small = QFont(font)
            if font.pointSizeF() > 0:
                small.setPointSizeF(font.pointSizeF() * 0.85)
            painter.setFont(small)
            painter.setPen(QColor(style.dim_text))
            text = card.head.adjusted(CARD_PAD, 0, -CARD_PAD, 0)
            painter.drawText(
                text, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), card.language
            )
        if card.copy_text is not None:
            _paint_copy_icon(painter, card.copy_text, QColor(style.dim_text), QColor(style.code_head))
        painter.restore()
    painter.setPen(QPen(QColor(style.card_border), 1))  # the border again, over the band's edges
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def _paint_copy_icon(painter: QPainter, text: QRectF, colour: QColor, fill: QColor) -> None:
    """Two overlapping sheets just left of the Copy link (drawn, so no font needs the glyph)."""
    size = max(7.0, text.height() * 0.42)
    back = QRectF(text.left() - size - 7, text.center().y() - size * 0.5 - 1.5, size, size)
    front = back.translated(3, 3)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, 1.1))
    painter.drawRoundedRect(back, 1.5, 1.5)
    painter.setBrush(fill)  # the front sheet hides the back one where they overlap
    painter.drawRoundedRect(front, 1.5, 1.5)


def _within(rect: QRectF, clip: QRectF) -> QRectF:
    """`rect` cut to `clip`'s height plus the overshoot: the cut edges and their corners fall outside the
    clip, so what is drawn inside it is the same as for the whole card."""
    top = max(rect.top(), clip.top() - _OVERSHOOT)
    bottom = min(rect.bottom(), clip.bottom() + _OVERSHOOT)
    return QRectF(rect.left(), top, rect.width(), bottom - top) if bottom > top else rect


def _overshoot(rect: QRectF, open_top: bool, open_bottom: bool) -> QRectF:
    return rect.adjusted(0, -_OVERSHOOT if open_top else 0, 0, _OVERSHOOT if open_bottom else 0)


def _rounded(painter: QPainter, rect: QRectF, fill: QColor, border: QColor | None) -> QPainterPath:
    path = QPainterPath()
    inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    path.addRoundedRect(inner, CARD_RADIUS, CARD_RADIUS)
    painter.setPen(QPen(border, 1) if border is not None else Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(fill))
    painter.drawPath(path)
    return path


def _paint_quote_bar(painter: QPainter, rect: QRectF, level: int, style: TranscriptStyle) -> None:
    x = rect.left() + QUOTE_INDENT * (level - 1) + 3
    painter.fillRect(QRectF(x, rect.top(), _QUOTE_BAR, rect.height()), QColor(style.quote_bar))


def _paint_badge(painter: QPainter, block: QTextBlock, style: TranscriptStyle) -> None:
    """A pill behind each run marked BADGE (the model's name in a reply's header)."""
    layout = block.layout()
    origin = layout.position()
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid() and fragment.charFormat().boolProperty(BADGE):
            start = fragment.position() - block.position()
            end = start + fragment.length()
            line = layout.lineForTextPosition(start)
            if line.isValid():
                left = line_x(line, start)
                right = line_x(line, end)
                top = origin.y() + line.y() + 1
                rect = QRectF(origin.x() + left - 7, top, right - left + 14, line.height() - 2)
                path = QPainterPath()
                path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(style.badge_background))
                painter.drawPath(path)
        iterator += 1
