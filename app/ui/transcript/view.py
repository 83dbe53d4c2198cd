"""The transcript: every message of a conversation in one read-only, selectable rich text document.

Replies are untrusted text. Links are not followed here (`link_activated` tells the window, which decides),
raw HTML is shown as text (see renderer.MARKDOWN), and no resource a reply names is ever loaded: a remote
image could report that the message was read, and a file: one could show a local file. Images get a
placeholder instead.

The text sits in a centred reading column (style.COLUMN_MAX wide at most); the cards behind it (the user's
bubble, code cards, quote bars, the model badge) are painted by cards.py before the document draws.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QResizeEvent,
    QShowEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QWidget

from app.ui.transcript.highlight import CodeHighlighter
from app.ui.transcript.hover import WALK_LIMIT
from app.ui.transcript.links import AppLink, AppLinks
from app.ui.transcript.reading import ReadingView
from app.ui.transcript.renderer import FOLDED_MARK, OPEN_MARK, StreamingMessageRenderer
from app.ui.transcript.style import (
    BADGE,
    CARD,
    CARD_PAD,
    CODE_LANG,
    DARK,
    LIGHT,
    LINE_HEIGHT,
    REASONING_BODY,
)
from app.ui.transcript.welcome import Welcome, insert_welcome, welcome_top

COPIED_MS = 1600  # how long a code card says "Copied ✓" before it offers Copy again
_VERSIONS = QTextCharFormat.Property.UserProperty + 10  # char property: part of a "‹ 2/3 ›" switcher


class TranscriptView(ReadingView):
    """Shows user and assistant messages; streams one assistant message at a time.

    While a reply streams the view follows it to the bottom, unless the user has scrolled up.

    Signals:
        link_activated(QUrl): the user clicked a link in a reply (untrusted: the window decides).
        action_requested(str): the user clicked one of the app's own links ("retry/12", "edit/3", …).
        code_copied(str): a code card's Copy put this code on the clipboard.
        version_requested(int, int): a message's "‹ ›" was clicked, or Alt+Left / Alt+Right pressed on
            its actions: (message id, -1 older or +1 newer).
        prompt_chosen(str): an example prompt of the empty chat was clicked; its text.

    The app's own links carry a token made for this view (links.py): a reply's link never runs an action.
    Every link, ours included, is reachable with Tab and followed with Enter (Qt's keyboard link navigation).
    """

    link_activated = Signal(QUrl)
    action_requested = Signal(str)
    code_copied = Signal(str)
    version_requested = Signal(int, int)
    prompt_chosen = Signal(str)

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
        super().__init__(parent, dark=dark)
        self.anchorClicked.connect(self._on_anchor)
        self._highlighter = CodeHighlighter(dark=dark, parent=self)  # shared: lexers, formats cached
        # None: the window's language ("You", "Assistant", "Edit", "Copy" in English).
        self._user_label = self.tr("You") if user_label is None else user_label
        self._assistant_label = self.tr("Assistant") if assistant_label is None else assistant_label
        self._edit_label = self.tr("Edit") if edit_label is None else edit_label
        self._copy_code_label = self.tr("Copy") if copy_code_label is None else copy_code_label
        self._copied_label = self.tr("Copied ✓")
        self._codes: list[str] = []  # the code of each code card's Copy, by its number
        self._links = AppLinks()
        self._headers: dict[int, QTextBlock] = {}  # message id → its first block (its actions follow)
        self._versions: dict[int, tuple[int, int]] = {}  # message id → (index, count) shown after them
        self._reply_header: QTextBlock | None = None  # the last reply's header, named when it is saved
        self._reply_id: int | None = None  # its message id, once known
        self._welcome: Welcome | None = None
        self._empty = True
        self._make_formats()

    def set_dark(self, dark: bool) -> None:
        """Draw with the light or dark colours from now on; messages already shown keep theirs."""
        if dark == self._style.dark:
            return
        self._style = DARK if dark else LIGHT
        self._hover.set_style(self._style)
        self._highlighter = CodeHighlighter(dark=dark, parent=self)
        self._placeholder = None
        self._apply_font()
        self._make_formats()
        self.viewport().update()

    # ---- messages --------------------------------------------------------------------------------

    def clear_messages(self) -> None:
        """Remove every message; a reply still streaming stops painting here (its text is kept elsewhere)."""
        if self._active is not None:
            self._active.detach()
            self._active = None
        self._reply_header = None
        self.document().clear()
        self.document().setUndoRedoEnabled(False)
        self._looks.clear()  # format indexes may mean other formats now
        self._column = -1
        self._apply_column()  # clear() forgets the root frame's margins
        self._codes.clear()
        self._headers.clear()
        self._versions.clear()
        self._reply_header = self._reply_id = None
        self._hover.clear()
        self._welcome = None
        self._empty = True
        self._stick = True

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._centre_welcome()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._centre_welcome()

    def _centre_welcome(self) -> None:
        """Keep the greeting centred in the view's height (it is a few blocks: cheap to write again)."""
        first = self.document().begin().blockFormat().lineHeight()
        if self._welcome is not None and first != welcome_top(self.viewport().height()):
            self.show_welcome(self._welcome)

    def show_welcome(self, welcome: Welcome) -> None:
        """The empty chat: a greeting with the profile and model, example prompts and the main shortcuts."""
        self.clear_messages()
        self._welcome = welcome
        height = self.viewport().height()
        insert_welcome(QTextCursor(self.document()), welcome, self._links, self._style, height=height)
        self._empty = False

    def _leave_welcome(self) -> None:
        if self._welcome is not None:
            self.clear_messages()

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
        self._reply_header = self._reply_id = None
        self._caret_rect = QRectF()
        gone_ids = [
            known
            for known, header in self._headers.items()
            if not header.isValid() or header.userState() != known
        ]
        for gone in gone_ids:
            del self._headers[gone]  # their blocks went with the removed part
            self._versions.pop(gone, None)
        if block.position() == 0 or self.document().isEmpty():
            self._empty = True
            cursor.setBlockFormat(QTextBlockFormat())
            cursor.block().setUserState(-1)
        return True

    def add_user_message(self, text: str, *, message_id: int | None = None) -> None:
        """Show what the user sent, as plain text (exactly as typed), in a bubble; Copy and Edit under it."""
        self._leave_welcome()
        following = self._following()
        self._end_active()
        cursor = self._next_block(self._user_block)
        cursor.insertText(text, self._plain_fmt)
        first = self.document().findBlock(cursor.position() - len(text)) if text else cursor.block()
        if message_id is not None:
            first.setUserState(message_id)
            self._headers[message_id] = first
            cursor.insertBlock(self._user_actions_block, self._status_fmt)
            actions = [(self.tr("Copy"), "copy"), (self._edit_label, "edit"), (self.tr("Delete"), "delete")]
            self._insert_actions(cursor, actions, message_id)
            self._hover.note(message_id, cursor.block())
        self._settle(following)

    def begin_assistant_message(
        self, header: str = "", *, message_id: int | None = None, model: str = ""
    ) -> StreamingMessageRenderer:
        """Start a reply; feed the returned renderer its deltas, then call its finish().

        Args:
            header: the label over the reply ("Assistant" if empty and no model is given).
            message_id: the reply's id, when known: its header then offers its actions.
            model: the model that writes it, shown as a badge.
        """
        self._leave_welcome()
        following = self._following()
        self._end_active()
        badged = bool(model and not header)
        cursor = self._next_block(
            self._badge_block if badged else self._header_block, self._assistant_header_fmt
        )
        badge = QTextCharFormat(self._assistant_header_fmt)
        if badged:
            badge.setProperty(BADGE, True)
            badge.setForeground(QColor(self._style.badge_text))
        cursor.insertText(header or model or self._assistant_label, badge)
        self._reply_header, self._reply_id = cursor.block(), message_id
        if message_id is not None:
            self._add_reply_actions(cursor, message_id)
        # Not parented to the view: a finished renderer is freed once nobody holds it (after its colours).
        renderer = StreamingMessageRenderer(
            self.document(),
            cursor.position(),
            highlighter=self._highlighter,
            style=self._style,
            code_linker=self._link_code,
            think_linker=lambda block: self._links.url("think", block),
            copy_code_label=self._copy_code_label,
        )
        renderer.painted.connect(self._after_paint)  # one slot a paint: each costs a call through PySide6
        renderer.finished.connect(self._move_caret)  # the last paint placed it while the reply was open
        self._active = renderer
        self._settle(following)
        return renderer

    def set_reply_id(self, message_id: int) -> bool:
        """The last reply begun without an id was saved as `message_id`: its header now offers its actions.

        False if there is no such reply (the view was cleared, or the reply already has an id).
        """
        block = self._reply_header
        if block is None or not block.isValid() or self._reply_id is not None:
            return False
        self._reply_id = message_id
        before = block.length()
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        self._add_reply_actions(cursor, message_id)
        if self._active is not None and not self._active.is_finished:
            self._active.text_moved(block.position(), block.length() - before)
        return True

    def _after_paint(self) -> None:
        super()._after_paint()
        self._keep_reply_id()

    def _keep_reply_id(self) -> None:
        """A paint that re-renders the reply's first block joins it to the header for a moment, and Qt drops
        the header's user state then: put the message id back (scrolling to it and hover rely on it)."""
        block, message_id = self._reply_header, self._reply_id
        if (
            block is not None
            and message_id is not None
            and block.isValid()
            and block.userState() != message_id
        ):
            block.setUserState(message_id)

    def _add_reply_actions(self, cursor: QTextCursor, message_id: int) -> None:
        block = cursor.block()
        block.setUserState(message_id)
        self._headers[message_id] = block
        self._hover.note(message_id, block)
        cursor.insertText("    ", self._status_fmt)
        actions = [(self.tr("Copy"), "copy"), (self.tr("Regenerate"), "retry"), (self.tr("Delete"), "delete")]
        self._insert_actions(cursor, actions, message_id)

    def add_assistant_message(
        self,
        markdown: str,
        reasoning: str = "",
        footer: str = "",
        *,
        header: str = "",
        model: str = "",
        reasoning_ms: float | None = None,
        message_id: int | None = None,
    ) -> StreamingMessageRenderer:
        """Show a reply from the history, whole: one paint, each block rendered once."""
        renderer = self.begin_assistant_message(header, message_id=message_id, model=model)
        renderer.append_reasoning(reasoning)
        renderer.append(markdown)
        renderer.finish(reasoning_ms=reasoning_ms)
        if footer:
            renderer.set_status_line(footer)
        label = renderer.reasoning_label_block
        if label is not None and markdown.strip():
            self.fold_reasoning(label, folded=True)  # from the history: the answer is what one rereads
        return renderer

    def set_versions(self, message_id: int, index: int, count: int) -> bool:
        """Show "‹ index/count ›" after a message's actions (index from 1); count < 2 removes it.

        Clicking ‹ or › (or Enter on it, or Alt+Left / Alt+Right on any of the message's actions) emits
        version_requested(message_id, -1 or +1). False if the message is not shown.
        """
        block = self._actions_block(message_id)
        if block is None:
            return False
        if count >= 2:
            self._versions[message_id] = (index, count)
        else:
            self._versions.pop(message_id, None)
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        try:
            before = block.length()
            self._remove_versions(cursor, block)
            if count >= 2:
                cursor.setPosition(block.position() + block.length() - 1)
                cursor.insertText("   ", self._status_fmt)
                cursor.insertText("‹", self._version_fmt(message_id, "older", index > 1))
                cursor.insertText(f" {index}/{count} ", self._versions_fmt)
                cursor.insertText("›", self._version_fmt(message_id, "newer", index < count))
        finally:
            cursor.endEditBlock()
        if self._active is not None and not self._active.is_finished:
            self._active.text_moved(block.position(), block.length() - before)
        return True

    def _actions_block(self, message_id: int) -> QTextBlock | None:
        """The block holding a message's actions: a reply's header, the line under a user's bubble."""
        block = self._headers.get(message_id)
        if block is None or not block.isValid() or block.userState() != message_id:
            return None
        while block.isValid() and block.blockFormat().property(CARD) == "user":
            block = block.next()
        return block if block.isValid() else None

    def _message_at(self, block: QTextBlock) -> QTextBlock | None:
        """The first block of the message `block` belongs to (its user state is the message's id)."""
        walked = 0
        while block.isValid() and walked < WALK_LIMIT:
            if block.userState() >= 0:
                return block
            block = block.previous()
            walked += 1
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """On a message (its actions reached with Tab): Alt+Left / Alt+Right its older / newer version,
        Del its Delete."""
        keys = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in keys:
            step = keys[Qt.Key(event.key())]
            if self._step_version(step):
                event.accept()
                return
        if event.key() == Qt.Key.Key_Delete and self._on_own_link():
            first = self._message_at(self.textCursor().block())
            if first is not None and self._actions_block(first.userState()) is not None:
                event.accept()
                self.action_requested.emit(AppLink("delete", str(first.userState())).path)
                return
        super().keyPressEvent(event)

    def _on_own_link(self) -> bool:
        """Whether the keyboard is on one of our links (Tab selects a link: text selected by hand is not)."""
        cursor = self.textCursor()
        href = cursor.charFormat().anchorHref() if cursor.hasSelection() else ""
        return bool(href) and self._links.parse(QUrl(href)) is not None

    def _step_version(self, step: int) -> bool:
        first = self._message_at(self.textCursor().block())
        if first is None or first.userState() not in self._versions:
            return False
        message_id, number = first.userState(), first.blockNumber()
        index, count = self._versions[message_id]
        if not 1 <= index + step <= count:
            return True  # the first or last version already: nothing to do, but the key was ours
        self.version_requested.emit(message_id, step)
        # The window drew the other version in place (synchronously): its first block is where this
        # one's was. Keep the keyboard on its arrows, so the next Alt+arrow or Enter goes on from there.
        shown = self.document().findBlockByNumber(number)
        if shown.isValid() and shown.userState() >= 0:
            self.focus_versions(shown.userState(), step)
        return True

    def focus_versions(self, message_id: int, step: int = 1) -> bool:
        """Put the keyboard's link focus on a message's › (step 1) or ‹ (-1), else on the other one."""
        block = self._actions_block(message_id)
        if block is None:
            return False
        links: dict[str, tuple[int, int]] = {}
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat() if fragment.isValid() else None
            if fmt is not None and fmt.boolProperty(_VERSIONS) and fmt.isAnchor():
                link = self._links.parse(QUrl(fmt.anchorHref()))
                if link is not None:
                    links[link.verb] = (fragment.position(), fragment.length())
            iterator += 1
        wanted = ("newer", "older") if step > 0 else ("older", "newer")
        found = next((links[verb] for verb in wanted if verb in links), None)
        if found is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(found[0])
        cursor.setPosition(found[0] + found[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    def _remove_versions(self, cursor: QTextCursor, block: QTextBlock) -> None:
        iterator = block.begin()
        start = -1
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if start < 0 and fragment.isValid() and fragment.charFormat().boolProperty(_VERSIONS):
                start = fragment.position() - 3  # the spaces before it
            iterator += 1
        if start >= block.position():
            cursor.setPosition(start)
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()

    def _version_fmt(self, message_id: int, verb: str, enabled: bool) -> QTextCharFormat:
        if not enabled:
            return self._versions_fmt
        fmt = self._quiet_action_fmt(self._links.url(verb, message_id))  # brought forward on hover
        fmt.setProperty(_VERSIONS, True)
        return fmt

    def _insert_actions(
        self, cursor: QTextCursor, actions: Sequence[tuple[str, str]], message_id: int
    ) -> None:
        for index, (label, verb) in enumerate(actions):
            if index:
                cursor.insertText("  ·  ", self._status_fmt)
            cursor.insertText(label, self._quiet_action_fmt(self._links.url(verb, message_id)))

    def add_message_footer(
        self,
        status: str,
        *,
        actions: Sequence[tuple[str, str]] = (),
        error: str | tuple[str, str] | None = None,
        flag: str = "",
    ) -> None:
        """Under the last message: an error line, then a dim status line with action links.

        Args:
            status: e.g. "gpt-4o · 812 tokens · 54 tok/s"; may be "".
            actions: (label, url) pairs; clicking one emits link_activated(url).
            error: what went wrong: a line, or (headline, the provider's own words); None if nothing did.
            flag: how the reply ended when that matters ("Stopped"), shown first and in colour.
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
        if status or actions or flag:
            cursor.insertBlock(self._footer_block, self._status_fmt)
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

    def _quiet_action_fmt(self, url: str) -> QTextCharFormat:
        """A message's own actions: dim until pointed at (Qt shows the hand), so they do not shout."""
        link = self._action_fmt(url)
        link.setForeground(self._hover.faint())
        return link

    # ---- the app's links -------------------------------------------------------------------------

    def action_url(self, path: str) -> str:
        """The href of one of the app's own links ("verb/argument"); clicking it emits action_requested
        with the same text. The argument may be any text (a profile name): it is percent-encoded here."""
        link = AppLink.from_path(path)
        return self._links.url(link.verb, link.arg)

    def _link_code(self, code: str) -> str:
        self._codes.append(code)
        return self._links.url("code", len(self._codes) - 1)

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
        link = self._links.parse(url)
        if link is None:
            self.link_activated.emit(url)  # a reply's link, a forged action link included
            return
        number = link.message_id
        if link.verb == "think" and number is not None:
            self.fold_reasoning(number)
        elif link.verb == "code" and number is not None and number < len(self._codes):
            self._copy_code(url, self._codes[number])
        elif link.verb in ("older", "newer") and number is not None:
            self.version_requested.emit(number, -1 if link.verb == "older" else 1)
        elif link.verb == "prompt" and self._welcome is not None and number is not None:
            if number < len(self._welcome.prompts):
                self.prompt_chosen.emit(self._welcome.prompts[number])
        elif link.verb not in ("think", "code", "older", "newer", "prompt"):
            self.action_requested.emit(link.path)

    def _copy_code(self, url: QUrl, code: str) -> None:
        """Copy, and say "Copied ✓" where Copy was for a moment (the same link, so Enter works again)."""
        QGuiApplication.clipboard().setText(code)
        self.code_copied.emit(code)
        href = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        self._relabel_link(href, self._copied_label)
        QTimer.singleShot(COPIED_MS, self, lambda: self._relabel_link(href, self._copy_code_label))

    def _relabel_link(self, href: str, label: str) -> None:
        block = self._code_head_for(href)
        if block is None:
            return
        cursor = QTextCursor(block)
        fmt = block.begin().fragment().charFormat()
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        before = block.length()
        cursor.insertText(label, fmt)
        if self._active is not None and not self._active.is_finished:
            self._active.text_moved(block.position(), block.length() - before)

    def _code_head_for(self, href: str) -> QTextBlock | None:
        """The code card head whose Copy link is `href` (searched near the cursor, then everywhere)."""
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().hasProperty(CODE_LANG):
                fragment = block.begin().fragment()
                if fragment.isValid() and fragment.charFormat().anchorHref() == href:
                    return block
            block = block.next()
        return None

    def add_history_link(self, text: str, href: str) -> None:
        """A centred link line (e.g. "show earlier messages"); call it before the messages it stands for."""
        self._leave_welcome()
        block = QTextBlockFormat()
        block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        block.setBottomMargin(8)
        cursor = self._next_block(block)
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

    def _next_block(self, block: QTextBlockFormat, fmt: QTextCharFormat | None = None) -> QTextCursor:
        """A cursor in a new block at the end (the document's own first block if it is empty)."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._empty:
            first = QTextBlockFormat(block)
            first.setTopMargin(0)
            cursor.setBlockFormat(first)
            if fmt is not None:
                cursor.setBlockCharFormat(fmt)
            self._empty = False
        else:
            cursor.insertBlock(block, fmt or self._plain_fmt)
        return cursor

    def _end_active(self) -> None:
        """Something is added below: a reply still streaming must end first (it owns the document's end)."""
        if self._active is not None:
            self._active.finish()
            self._active = None
        if not self._caret_rect.isNull():
            self.viewport().update(self._to_viewport(self._caret_rect))
            self._caret_rect = QRectF()

    # ---- formats -----------------------------------------------------------------------------------

    def _make_formats(self) -> None:
        style = self._style
        proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        self._assistant_header_fmt = QTextCharFormat()
        self._assistant_header_fmt.setFontWeight(QFont.Weight.DemiBold)
        self._assistant_header_fmt.setForeground(QColor(style.dim_text))
        self._header_block = QTextBlockFormat()
        self._header_block.setBottomMargin(4)
        self._header_block.setTopMargin(14)
        self._header_block.setLineHeight(LINE_HEIGHT, proportional)
        self._badge_block = QTextBlockFormat(self._header_block)
        self._badge_block.setProperty(CARD, "badge")
        self._badge_block.setLeftMargin(7)  # the pill reaches out this far: keep it inside the column
        # The user's turn: a bubble (painted by cards.py around the text), set in from the column's edge.
        self._user_block = QTextBlockFormat()
        self._user_block.setProperty(CARD, "user")
        self._user_block.setLeftMargin(CARD_PAD)
        self._user_block.setRightMargin(CARD_PAD * 4)
        self._user_block.setTopMargin(CARD_PAD + 14)
        self._user_block.setLineHeight(LINE_HEIGHT, proportional)
        self._user_actions_block = QTextBlockFormat()
        self._user_actions_block.setTopMargin(CARD_PAD * 0.6 + 3)
        self._plain_fmt = QTextCharFormat()
        self._footer_block = QTextBlockFormat()
        self._footer_block.setTopMargin(4)
        self._status_fmt = QTextCharFormat()
        self._status_fmt.setForeground(QColor(style.dim_text))
        size = self.document().defaultFont().pointSizeF()
        if size > 0:
            self._status_fmt.setFontPointSize(size * 0.85)
        self._versions_fmt = QTextCharFormat(self._status_fmt)
        self._versions_fmt.setProperty(_VERSIONS, True)
        self._flag_fmt = QTextCharFormat()
        self._flag_fmt.setForeground(QColor(style.flag))
        self._flag_fmt.setFontWeight(QFont.Weight.Bold)
        self._error_fmt = QTextCharFormat()
        self._error_fmt.setForeground(QColor(style.error))
        self._error_head_fmt = QTextCharFormat(self._error_fmt)
        self._error_head_fmt.setFontWeight(QFont.Weight.Bold)
