"""The surface the transcript is read on: a QTextBrowser with the text in a centred column, cards painted
under the text, a caret after a streaming reply, the view following the bottom, no resource ever fetched.

TranscriptView (view.py) builds the messages on it. Replies are untrusted text: no resource a reply names is
ever loaded (a remote image could report that the message was read, a file: one could show a local file);
images get a placeholder.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QRect, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.ui.transcript.cards import Looks, line_x, paint_cards
from app.ui.transcript.hover import ActionHover
from app.ui.transcript.renderer import StreamingMessageRenderer
from app.ui.transcript.style import COLUMN_MAX, DARK, LIGHT, PAGE_MARGIN, reading_font
from app.ui.viewport import viewport_of

BOTTOM_SLACK = 4  # pixels: "at the bottom" despite rounding in the scroll range


class ReadingView(QTextBrowser):
    """A read-only rich text view laid out as a reading column; subclasses add what it shows."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(PAGE_MARGIN)
        self._style = DARK if dark else LIGHT
        self._hover = ActionHover(self._style)
        self._active: StreamingMessageRenderer | None = None  # the reply streaming into the view
        self._stick = True
        self._auto_scrolling = False
        self._placeholder: QImage | None = None
        self._column = 0  # the side margin last applied
        self._caret_rect = QRectF()  # the streaming caret, in document coordinates; null when none
        self._looks: Looks = {}  # what painting needs of each block format (cards.py); reset on clear
        self._bar = self.verticalScrollBar()  # kept: following the bottom asks it several times a paint
        self._hbar = self.horizontalScrollBar()
        self._bar.valueChanged.connect(self._on_scrolled)
        self._bar.rangeChanged.connect(self._on_range_changed)
        self._range_max = self._bar.maximum()
        self._apply_font()
        self._apply_column()

    def _make_formats(self) -> None:
        """Build the formats text is inserted with (a subclass's); called when the font changes."""

    # ---- the reading column and its face ----------------------------------------------------------

    def _apply_font(self) -> None:
        language = "zh_TW" if QLocale().name() in ("zh_TW", "zh_HK") else ""
        font = reading_font(self.font(), language, dark=self._style.dark)
        self.document().setDefaultFont(font)
        palette = QGuiApplication.palette()  # the theme in effect now, not the one this widget started with
        palette.setColor(palette.ColorRole.Text, QColor(self._style.text))
        viewport_of(self).setPalette(palette)  # without PySide6's type search (app/ui/viewport.py)
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()  # after Qt's own handler, which sets the document's font to ours
            self._make_formats()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:  # not while selecting text
            position = self.cursorForPosition(event.position().toPoint()).position()
            self._hover.point_at(self.document().findBlock(position))

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().leaveEvent(event)
        self._hover.leave()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self._apply_column()
        super().resizeEvent(event)

    def _apply_column(self) -> None:
        """Centre the text in a column at most COLUMN_MAX wide; the whole width still scrolls."""
        width = self.viewport().width()
        side = max(PAGE_MARGIN, (width - COLUMN_MAX) // 2)  # the root frame's margin is the page margin
        if side == self._column:
            return
        self._column = side
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        root.setFrameFormat(fmt)

    # ---- painting: cards under the text, the streaming caret over it -------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """Cards and the caret first, then the document's text over them (one extra painter per paint;
        the caret sits after the last character, so no glyph covers it)."""
        dx = self._hbar.value()
        dy = self._bar.value()
        painter = QPainter(self.viewport())
        try:
            painter.translate(-dx, -dy)
            clip = QRectF(event.rect()).translated(dx, dy)
            paint_cards(painter, self.document(), clip, self._style, self._looks)
            if not self._caret_rect.isNull():
                rect = self._caret_rect
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(self._style.accent))
                painter.drawRoundedRect(rect, rect.width() / 2, rect.width() / 2)
        finally:
            painter.end()
        super().paintEvent(event)

    def _caret_place(self) -> QRectF:
        """Where the streaming caret goes: just after the reply's last character.

        Asked after every paint, so it reads only the block the caret is in, and with few calls into Qt
        (each costs about a microsecond through PySide6): the usual place, after a block's last character,
        is on the block's last line, which lineForTextPosition would also return there."""
        active = self._active
        if active is None or active.is_finished or not self.isVisible():
            return QRectF()
        position = active.caret_position
        document = self.document()
        block = document.findBlock(position - 1 if position > 0 else 0)
        if not block.isValid() or not block.isVisible():
            return QRectF()
        # Lay the block out first: a layout not redone since its text changed holds stale lines.
        if not document.documentLayout().blockBoundingRect(block).isValid():
            return QRectF()
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if count == 0:
            return QRectF()
        offset = position - block.position()
        end = block.length() - 1
        if offset >= end:
            offset = end
            line = layout.lineAt(count - 1)
        else:
            line = layout.lineForTextPosition(offset)
            if not line.isValid():
                line = layout.lineAt(count - 1)
        origin = layout.position()
        ascent = line.ascent()
        height = ascent * 0.9
        x = origin.x() + line_x(line, offset)
        return QRectF(x + 3, origin.y() + line.y() + ascent - height, 7, height)

    @property
    def caret_rect(self) -> QRectF:
        """Where the streaming caret is drawn (document coordinates); null while no reply streams."""
        return QRectF(self._caret_rect)

    def _move_caret(self) -> None:
        """Put the caret after the reply's last character (called after each paint: no timer of its own)."""
        place = self._caret_place()
        old = self._caret_rect
        if place == old:
            return
        self._caret_rect = place
        if old.isNull():
            self._update_document_rect(place)
        elif place.isNull():
            self._update_document_rect(old)
        elif old.top() == place.top():
            self._update_document_rect(old.united(place))  # along one line: one repaint covers both
        else:
            self._update_document_rect(old)
            self._update_document_rect(place)

    def _update_document_rect(self, rect: QRectF) -> None:
        """Repaint a rectangle given in document coordinates (with a margin for antialiasing)."""
        self.viewport().update(self._to_viewport(rect))

    def _to_viewport(self, rect: QRectF) -> QRect:
        shifted = rect.translated(-self._hbar.value(), -self._bar.value())
        return shifted.toAlignedRect().adjusted(-2, -2, 2, 2)

    # ---- following the bottom ----------------------------------------------------------------------

    def _at_bottom(self) -> bool:
        bar = self._bar
        return bar.value() >= bar.maximum() - BOTTOM_SLACK

    def _following(self) -> bool:
        return self._stick or self._at_bottom()

    def _settle(self, following: bool) -> None:
        self._stick = following
        if following:
            self._scroll_to_bottom()

    def _after_paint(self) -> None:
        if self._stick:
            self._scroll_to_bottom()
        self._move_caret()

    def _on_scrolled(self, _value: int) -> None:
        if not self._auto_scrolling:
            self._stick = self._at_bottom()  # the user scrolled: follow again only from the bottom

    def _on_range_changed(self, _low: int, high: int) -> None:
        """The scroll range changed (a paint grew the document, a resize): follow the bottom if the view
        was at it. Checked here against the range before a growth (after a shrink), not asked before each
        paint: every scroll and every range change keeps `_stick` up to date, so a paint costs no extra
        call into the view."""
        was, self._range_max = self._range_max, high
        if not self._stick:
            self._stick = self._bar.value() >= min(was, high) - BOTTOM_SLACK
        if self._stick:
            self._scroll_to(high)  # layout grew the document, perhaps after the paint

    def _scroll_to_bottom(self) -> None:
        self._scroll_to(self._bar.maximum())

    def _scroll_to(self, value: int) -> None:
        bar = self._bar
        if bar.value() == value:
            return
        self._auto_scrolling = True
        try:
            bar.setValue(value)
        finally:
            self._auto_scrolling = False

    # ---- resources ---------------------------------------------------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: N802 (Qt's name)
        """Load only our own qrc: resources; an image a reply names gets a placeholder, fetched never."""
        url = QUrl(name) if isinstance(name, str) else name
        if url.scheme() == "qrc":
            return super().loadResource(type, url)
        if int(type) == int(QTextDocument.ResourceType.ImageResource):
            return self.placeholder_image()
        return None

    def placeholder_image(self) -> QImage:
        """A small framed box drawn where a reply's image would be."""
        if self._placeholder is None:
            image = QImage(48, 32, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor(self._style.code_background))
            painter = QPainter(image)
            try:
                painter.setPen(QPen(QColor(self._style.dim_text), 1))
                painter.drawRect(0, 0, 47, 31)
                painter.drawLine(8, 24, 20, 12)  # a mountain, as image placeholders draw
                painter.drawLine(20, 12, 28, 20)
                painter.drawLine(28, 20, 32, 16)
                painter.drawLine(32, 16, 40, 24)
                painter.drawEllipse(32, 6, 5, 5)
            finally:
                painter.end()
            self._placeholder = image
        return self._placeholder
