"""The transcript: every message of a conversation in one read-only, selectable rich text document.

Replies are untrusted text. Links are not followed here (`link_activated` tells the window, which decides),
raw HTML is shown as text (see renderer.MARKDOWN), and no resource a reply names is ever loaded: a remote
image could report that the message was read, and a file: one could show a local file. Images get a
placeholder instead.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, unquote

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.ui.transcript.highlight import CodeHighlighter
from app.ui.transcript.renderer import (
    DARK,
    FOLDED_MARK,
    LIGHT,
    OPEN_MARK,
    REASONING_BODY,
    StreamingMessageRenderer,
)

BOTTOM_SLACK = 4  # pixels: "at the bottom" despite rounding in the scroll range
PAGE_MARGIN = 14  # pixels around the document: text flush against the frame is hard to read
ACTION_SCHEME = "sluice"  # the app's own links: sluice:<this view's token>/<verb>/<argument>


class TranscriptView(QTextBrowser):
    """Shows user and assistant messages; streams one assistant message at a time.

    While a reply streams the view follows it to the bottom, unless the user has scrolled up.

    Signals:
        link_activated(QUrl): the user clicked a link in a reply (untrusted: the window decides).
        action_requested(str): the user clicked one of the app's own links ("retry/12", "edit/3", …).
        code_copied(str): a code block's "Copy code" link put this code on the clipboard.

    The app's own links carry a token made for this view. A reply can write `[x](sluice:retry/1)`, but it
    cannot know the token, so its links never run an action: they arrive as link_activated like any other.
    """

    link_activated = Signal(QUrl)
    action_requested = Signal(str)
    code_copied = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        dark: bool = False,
        user_label: str | None = None,
        assistant_label: str | None = None,
        edit_label: str | None = None,
        copy_code_label: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(PAGE_MARGIN)
        self.anchorClicked.connect(self._on_anchor)
        self._style = DARK if dark else LIGHT
        self._highlighter = CodeHighlighter(dark=dark, parent=self)  # shared: lexers, formats cached
        # None: the window's language ("You", "Assistant", "Edit", "Copy code" in English).
        self._user_label = self.tr("You") if user_label is None else user_label
        self._assistant_label = self.tr("Assistant") if assistant_label is None else assistant_label
        self._edit_label = self.tr("Edit") if edit_label is None else edit_label
        self._copy_code_label = self.tr("Copy code") if copy_code_label is None else copy_code_label
        self._codes: list[str] = []  # the code of each "Copy code" link, by its number
        self._token = secrets.token_hex(8)
        self._active: StreamingMessageRenderer | None = None
        self._reply_header: QTextBlock | None = None  # the header of the last reply begun
        self._empty = True
        self._stick = True
        self._auto_scrolling = False
        self._placeholder: QImage | None = None
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)
        self._make_formats()

    def set_dark(self, dark: bool) -> None:
        """Draw with the light or dark colours from now on; messages already shown keep theirs."""
        if dark == self._style.dark:
            return
        self._style = DARK if dark else LIGHT
        self._highlighter = CodeHighlighter(dark=dark, parent=self)
        self._placeholder = None
        self._make_formats()

    # ---- messages --------------------------------------------------------------------------------

    def clear_messages(self) -> None:
        """Remove every message; a reply still streaming stops painting here (its text is kept elsewhere)."""
        if self._active is not None:
            self._active.detach()
            self._active = None
        self._reply_header = None
        self.document().clear()
        self.document().setUndoRedoEnabled(False)
        self._codes.clear()
        self._empty = True
        self._stick = True

    def set_reply_id(self, message_id: int) -> None:
        """Name the last reply begun (its id is known once it is saved), for `remove_from_message`."""
        if self._reply_header is not None and self._reply_header.isValid():
            self._reply_header.setUserState(message_id)

    def remove_from_message(self, message_id: int) -> bool:
        """Remove a message and everything drawn below it (another version of that turn is drawn next).
        False if it is not shown. Costs the removed part only; what is above stays as painted."""
        if self._active is not None:
            self._active.detach()
            self._active = None
        block = self.document().begin()
        while block.isValid() and block.userState() != message_id:
            block = block.next()
        if not block.isValid():
            return False
        cursor = QTextCursor(self.document())
        # From the end of the block above (its separator goes too), or from the start for the first one.
        cursor.setPosition(max(0, block.position() - 1))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._reply_header = None
        if block.position() == 0 or self.document().isEmpty():
            self._empty = True
            cursor.setBlockFormat(QTextBlockFormat())
            cursor.block().setUserState(-1)
        return True

    def add_user_message(self, text: str, *, message_id: int | None = None) -> None:
        """Show what the user sent, as plain text (exactly as typed), on a tint, with an Edit link."""
        following = self._following()
        cursor = self._header(self._user_label, message_id, self._user_header_fmt, self._user_header_block)
        if message_id is not None:
            cursor.insertText("   ", self._user_header_fmt)
            cursor.insertText(self._edit_label, self._action_fmt(self.action_url(f"edit/{message_id}")))
        cursor.insertBlock(self._user_block, self._plain_fmt)
        cursor.insertText(text, self._plain_fmt)
        self._settle(following)

    def begin_assistant_message(
        self, header: str = "", *, message_id: int | None = None
    ) -> StreamingMessageRenderer:
        """Start a reply; feed the returned renderer its deltas, then call its finish()."""
        following = self._following()
        cursor = self._header(
            header or self._assistant_label, message_id, self._assistant_header_fmt, self._header_block
        )
        self._reply_header = cursor.block()
        # Not parented to the view: a finished renderer is freed once nobody holds it (after its colours).
        renderer = StreamingMessageRenderer(
            self.document(),
            cursor.position(),
            highlighter=self._highlighter,
            style=self._style,
            code_linker=self._link_code,
            think_linker=lambda block: self.action_url(f"think/{block}"),
            copy_code_label=self._copy_code_label,
        )
        renderer.about_to_paint.connect(self._before_paint)
        renderer.painted.connect(self._after_paint)
        self._active = renderer
        self._settle(following)
        return renderer

    def add_assistant_message(
        self,
        markdown: str,
        reasoning: str = "",
        footer: str = "",
        *,
        header: str = "",
        reasoning_ms: float | None = None,
        message_id: int | None = None,
    ) -> StreamingMessageRenderer:
        """Show a reply from the history, whole: one paint, each block rendered once."""
        renderer = self.begin_assistant_message(header, message_id=message_id)
        renderer.append_reasoning(reasoning)
        renderer.append(markdown)
        renderer.finish(reasoning_ms=reasoning_ms)
        if footer:
            renderer.set_status_line(footer)
        label = renderer.reasoning_label_block
        if label is not None and markdown.strip():
            self.fold_reasoning(label, folded=True)  # from the history: the answer is what one rereads
        return renderer

    def add_message_footer(
        self,
        status: str,
        *,
        actions: Sequence[tuple[str, str]] = (),
        error: str | tuple[str, str] | None = None,
        flag: str = "",
        versions: tuple[str, str | None, str | None] | None = None,
    ) -> None:
        """Under the last message: an error line, then a dim status line with action links.

        Args:
            status: e.g. "gpt-4o · 812 tokens · 54 tok/s"; may be "".
            actions: (label, url) pairs; clicking one emits link_activated(url).
            error: what went wrong: a line, or (headline, the provider's own words); None if nothing did.
            flag: how the reply ended when that matters ("Stopped"), shown first and in colour.
            versions: ("2/3", url of the previous version or None, url of the next or None), shown first
                as "‹ 2/3 ›" with the arrows as links.
        """
        self._end_active()
        following = self._following()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if error:
            headline, detail = (error, "") if isinstance(error, str) else error
            cursor.insertBlock(self._footer_block, self._error_head_fmt)
            cursor.insertText(headline, self._error_head_fmt)
            if detail:
                cursor.insertText(" " + detail.replace("\n", " "), self._error_fmt)
        if status or actions or flag or versions:
            cursor.insertBlock(self._footer_block, self._status_fmt)
            if versions:
                where, previous, following_url = versions
                cursor.insertText("‹", self._action_fmt(previous) if previous else self._status_fmt)
                cursor.insertText(f" {where} ", self._status_fmt)
                cursor.insertText("›", self._action_fmt(following_url) if following_url else self._status_fmt)
                cursor.insertText("   " if status or flag or actions else "", self._status_fmt)
            if flag:
                cursor.insertText("■ " + flag, self._flag_fmt)
                cursor.insertText(" · " if status else "", self._status_fmt)
            cursor.insertText(status, self._status_fmt)
            for index, (label, url) in enumerate(actions):
                cursor.insertText("   " if index or status or flag else "", self._status_fmt)
                cursor.insertText(label, self._action_fmt(url))
        self._settle(following)

    def _action_fmt(self, url: str) -> QTextCharFormat:
        link = QTextCharFormat(self._status_fmt)
        link.setAnchor(True)
        link.setAnchorHref(url)
        link.setForeground(QColor(self._style.link))
        link.setFontWeight(QFont.Weight.Normal)
        return link

    # ---- code blocks -------------------------------------------------------------------------------

    def action_url(self, path: str) -> str:
        """The href of one of the app's own links ("verb/argument"); clicking it emits action_requested
        with the same text. The argument may be any text (a profile name): it is percent-encoded here."""
        verb, _, arg = path.partition("/")
        return f"{ACTION_SCHEME}:{self._token}/{verb}/{quote(arg, safe='')}"

    def _link_code(self, code: str) -> str:
        self._codes.append(code)
        return self.action_url(f"code/{len(self._codes) - 1}")

    def fold_reasoning(self, label_block: int, *, folded: bool | None = None) -> None:
        """Hide or show the reasoning under a "Thinking" label (None: toggle). Its text stays in place."""
        document = self.document()
        label = document.findBlockByNumber(label_block)
        if not label.isValid() or not label.text().startswith((OPEN_MARK, FOLDED_MARK)):
            return
        fold = label.text().startswith(OPEN_MARK) if folded is None else folded
        block = label.next()
        while block.isValid() and block.blockFormat().property(REASONING_BODY):
            block.setVisible(not fold)
            document.markContentsDirty(block.position(), block.length())
            block = block.next()
        # The mark is as long as the other one, so no position the renderer keeps moves.
        cursor = QTextCursor(label)
        cursor.setPosition(label.position() + len(OPEN_MARK), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(FOLDED_MARK if fold else OPEN_MARK, cursor.charFormat())

    def _on_anchor(self, url: QUrl) -> None:
        own = f"{self._token}/"
        path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)  # an argument may hold "#", "?", "%"
        if url.scheme() != ACTION_SCHEME or not path.startswith(own):
            self.link_activated.emit(url)  # a reply's link, a forged action link included
            return
        verb, _, arg = path[len(own) :].partition("/")
        arg = unquote(arg)
        if verb == "think" and arg.isdigit():
            self.fold_reasoning(int(arg))
        elif verb == "code" and arg.isdigit() and int(arg) < len(self._codes):
            code = self._codes[int(arg)]
            QGuiApplication.clipboard().setText(code)
            self.code_copied.emit(code)
        elif verb not in ("think", "code"):
            self.action_requested.emit(f"{verb}/{arg}")

    def add_history_link(self, text: str, href: str) -> None:
        """A centred link line (e.g. "show earlier messages"); call it before the messages it stands for."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        block = QTextBlockFormat()
        block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        block.setBottomMargin(8)
        if self._empty:
            cursor.setBlockFormat(block)
            self._empty = False
        else:
            cursor.insertBlock(block)
        cursor.insertText(text, self._action_fmt(href))

    def scroll_to_message(self, message_id: int) -> bool:
        """Bring a message's header into view; False if it is not shown."""
        block = self.document().begin()
        while block.isValid():
            if block.userState() == message_id:
                self._stick = False
                self.setTextCursor(QTextCursor(block))
                self.ensureCursorVisible()
                return True
            block = block.next()
        return False

    def _header(
        self, label: str, message_id: int | None, fmt: QTextCharFormat, block: QTextBlockFormat
    ) -> QTextCursor:
        self._end_active()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._empty:
            first = QTextBlockFormat(block)
            first.setTopMargin(0)
            cursor.setBlockFormat(first)  # the document's own first block
            self._empty = False
        else:
            cursor.insertBlock(block, fmt)
        cursor.insertText(label, fmt)
        if message_id is not None:
            cursor.block().setUserState(message_id)
        return cursor

    def _end_active(self) -> None:
        """Something is added below: a reply still streaming must end first (it owns the document's end)."""
        if self._active is not None:
            self._active.finish()
            self._active = None

    # ---- following the bottom ----------------------------------------------------------------------

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK

    def _following(self) -> bool:
        return self._stick or self._at_bottom()

    def _settle(self, following: bool) -> None:
        self._stick = following
        if following:
            self._scroll_to_bottom()

    def _before_paint(self) -> None:
        self._stick = self._at_bottom()

    def _after_paint(self) -> None:
        if self._stick:
            self._scroll_to_bottom()

    def _on_scrolled(self, _value: int) -> None:
        if not self._auto_scrolling:
            self._stick = self._at_bottom()  # the user scrolled: follow again only from the bottom

    def _on_range_changed(self, _low: int, _high: int) -> None:
        if self._stick:
            self._scroll_to_bottom()  # layout grew the document, perhaps after the paint

    def _scroll_to_bottom(self) -> None:
        bar = self.verticalScrollBar()
        if bar.value() == bar.maximum():
            return
        self._auto_scrolling = True
        try:
            bar.setValue(bar.maximum())
        finally:
            self._auto_scrolling = False

    # ---- resources ---------------------------------------------------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: N802 (Qt's name)
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

    # ---- formats -----------------------------------------------------------------------------------

    def _make_formats(self) -> None:
        style = self._style
        self._assistant_header_fmt = QTextCharFormat()
        self._assistant_header_fmt.setFontWeight(QFont.Weight.Bold)
        self._assistant_header_fmt.setForeground(QColor(style.assistant_header))
        self._user_header_fmt = QTextCharFormat(self._assistant_header_fmt)
        self._user_header_fmt.setForeground(QColor(style.user_header))
        self._header_block = QTextBlockFormat()
        self._header_block.setBottomMargin(2)
        self._header_block.setTopMargin(18)
        # The user's turn: header and text on one tint, so turns tell apart at a glance while scrolling.
        self._user_header_block = QTextBlockFormat(self._header_block)
        self._user_header_block.setBottomMargin(0)  # a margin is not tinted: it would split the turn
        self._user_header_block.setBackground(QColor(style.user_background))
        self._user_block = QTextBlockFormat()
        self._user_block.setBackground(QColor(style.user_background))
        self._plain_fmt = QTextCharFormat()
        self._footer_block = QTextBlockFormat()
        self._footer_block.setTopMargin(4)
        self._status_fmt = QTextCharFormat()
        self._status_fmt.setForeground(QColor(self._style.dim_text))
        self._flag_fmt = QTextCharFormat()
        self._flag_fmt.setForeground(QColor(style.flag))
        self._flag_fmt.setFontWeight(QFont.Weight.Bold)
        self._error_fmt = QTextCharFormat()
        self._error_fmt.setForeground(QColor(style.error))
        self._error_head_fmt = QTextCharFormat(self._error_fmt)
        self._error_head_fmt.setFontWeight(QFont.Weight.Bold)
