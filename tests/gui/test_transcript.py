"""The transcript as a user sees it while a reply streams: the same text and structure as the whole reply,
painted at most once per frame at a cost bounded by the open block, and nothing a reply contains can run,
fetch or navigate anywhere.
"""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QTextBlock, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from app.ui.transcript.markdown_stream import BlockSplitter
from app.ui.transcript.renderer import MARKDOWN, PaintReport, StreamingMessageRenderer
from app.ui.transcript.style import BADGE, CARD, CODE_LANG
from app.ui.transcript.view import TranscriptView

REPLY = """# 计划 Plan

Intro with **bold**, `code` and a [link](https://example.com/docs).
Still the first paragraph.
## Steps
1. Install the tool
2. Configure it
   with a continuation line

3. Run it after a blank line
   - nested one
   - nested two
- a new bullet list
- second bullet

> A quote that
> spans two lines.

```python
def greet(name):

    return f"你好, {name}"
```

| Name | 值 |
|------|----|
| alpha | 1 |
| 中文 | 二 |

中文段落：流式输出不应改变最终的文档结构。

~~~
plain fence
~~~

---

Final words, *emphasised*."""


@pytest.fixture
def view(qtbot: QtBot) -> TranscriptView:
    widget = TranscriptView()
    qtbot.addWidget(widget)
    widget.resize(640, 480)
    return widget


def pieces(text: str, seed: int, largest: int = 12) -> Iterator[str]:
    rnd = random.Random(seed)
    at = 0
    while at < len(text):
        size = rnd.randint(1, largest)
        yield text[at : at + size]
        at += size


class PaintLog:
    """What each paint of a renderer reported (the renderer keeps no counters itself)."""

    def __init__(self, renderer: StreamingMessageRenderer) -> None:
        self.reports: list[PaintReport] = []
        renderer.painted.connect(self.reports.append)

    @property
    def count(self) -> int:
        return len(self.reports)

    @property
    def last(self) -> PaintReport:
        return self.reports[-1]


def stream(view: TranscriptView, text: str, seed: int) -> StreamingMessageRenderer:
    """Stream text in random pieces, painting after each (as if each arrived in its own frame)."""
    renderer = view.begin_assistant_message("Assistant")
    log = PaintLog(renderer)
    for piece in pieces(text, seed):
        renderer.append(piece)
        renderer.paint()
        assert not log.reports or log.last.rerendered_chars <= log.last.open_block_chars
    renderer.finish()
    return renderer


def is_copy_code_link(block: QTextBlock) -> bool:
    """The view's own "Copy code" line under a code block (not part of the reply's Markdown)."""
    fragment = block.begin().fragment()
    href = fragment.charFormat().anchorHref() if fragment.isValid() else ""
    return href.startswith("sluice:") and "/code/" in href


def structure(document: QTextDocument, skip: int = 0) -> list[tuple[str, int, str, int]]:
    """What a reader sees, block by block: text, heading level, list label, and which list it belongs to."""
    lists: dict[int, int] = {}
    shown = []
    block = document.begin()
    for _ in range(skip):
        block = block.next()
    while block.isValid():
        if block.text().strip() and not is_copy_code_link(block):
            text_list = block.textList()
            label = text_list.itemText(block) if text_list else ""
            group = lists.setdefault(text_list.objectIndex(), len(lists)) if text_list else -1
            shown.append((block.text(), block.blockFormat().headingLevel(), label, group))
        block = block.next()
    return shown


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_reply_streamed_in_random_pieces_ends_as_if_rendered_whole(view: TranscriptView, seed: int) -> None:
    stream(view, REPLY, seed)
    streamed = view.toPlainText()

    whole = TranscriptView()
    whole.add_assistant_message(REPLY, header="Assistant")
    assert streamed == whole.toPlainText()

    # And the structure matches Qt's own parse of the whole reply: headings, list numbering, nesting.
    reference = QTextDocument()
    reference.setMarkdown(REPLY, MARKDOWN)
    assert structure(view.document(), skip=1) == structure(reference)
    assert "3." in [label for _, _, label, _ in structure(reference)]


def colour_of(view: TranscriptView, text: str, offset: int = 1) -> QColor:
    """The colour of the character at `offset` in the first occurrence of `text` (NoBrush reads as black)."""
    found = view.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + offset + 1)  # a cursor reports the character before it
    return cursor.charFormat().foreground().color()


def test_a_closed_code_fence_is_coloured_and_set_apart(qtbot: QtBot, view: TranscriptView) -> None:
    stream(view, REPLY, seed=7)
    text = view.toPlainText()
    block = view.document().find("def greet").block()
    assert block.blockFormat().property(CARD) == "code"  # drawn on a card (cards.py)
    head = block.previous()
    assert (
        head.blockFormat().property(CARD) == "code-head"
        and head.blockFormat().property(CODE_LANG) == "python"
    )
    assert block.charFormat().fontFixedPitch()
    qtbot.waitUntil(lambda: colour_of(view, "def greet") != colour_of(view, "    return"))
    assert view.toPlainText() == text  # colouring changes formats only


def test_colours_land_on_the_right_characters_after_an_emoji(qtbot: QtBot, view: TranscriptView) -> None:
    view.add_assistant_message("```python\nface = '😀'\ndef f(): pass\n```")
    keyword = QColor("#008000")  # Pygments' default style: keywords green, function names blue
    qtbot.waitUntil(lambda: colour_of(view, "def", 0) == keyword)
    assert colour_of(view, "def", 2) == keyword
    assert colour_of(view, "f()", 0) == QColor("#0000ff")
    assert colour_of(view, "():", 0) != keyword


def test_each_paint_rerenders_only_the_open_block(view: TranscriptView) -> None:
    paragraph = "A sentence of a long reply that keeps going for a while. " * 6 + "\n\n"
    code = "```js\n" + "console.log('line');\n" * 30 + "```\n\n"
    reply = (paragraph * 5 + "- item one\n- item two\n\n" + code) * 6
    blocks = BlockSplitter().feed(reply)
    largest = max(len(b.text) for b in blocks)

    renderer = view.begin_assistant_message("Assistant")
    log = PaintLog(renderer)
    rerendered = []
    for piece in pieces(reply, seed=11, largest=40):
        renderer.append(piece)
        paints = log.count
        renderer.paint()
        if log.count > paints:  # a piece of blank lines changes nothing: no paint
            assert log.last.rerendered_chars <= log.last.open_block_chars
            rerendered.append(log.last.rerendered_chars)
    renderer.finish()

    # Per paint: never more than one block's worth, however long the reply has grown.
    assert max(rerendered) <= largest < len(reply) / 20
    # Each finished block was inserted exactly once.
    assert sum(report.finished_blocks for report in log.reports) == len(blocks)
    assert sum(report.finished_chars for report in log.reports) == sum(len(b.text) for b in blocks)


def test_an_open_code_fence_grows_by_appending_and_is_coloured_once_closed(
    qtbot: QtBot, view: TranscriptView
) -> None:
    code = "".join(f"let value{i} = compute({i});\n" for i in range(200))
    renderer = view.begin_assistant_message("Assistant")
    log = PaintLog(renderer)
    renderer.append("```js\n")
    renderer.paint()
    appended = []
    for piece in pieces(code, seed=5, largest=30):
        renderer.append(piece)
        renderer.paint()
        appended.append(log.last.rerendered_chars)
    assert appended == [len(piece) for piece in pieces(code, seed=5, largest=30)]
    # Raw while open, under the card's head (no Copy yet): no fence lines shown.
    assert view.toPlainText() == "Assistant\n\n" + code
    renderer.append("```\n")
    renderer.paint()
    assert view.toPlainText() == "Assistant\nCopy\n" + code.rstrip("\n")
    qtbot.waitUntil(lambda: colour_of(view, "let") != QColor("black"))


def test_copy_code_puts_exactly_that_block_on_the_clipboard(qtbot: QtBot, view: TranscriptView) -> None:
    view.add_assistant_message("One:\n\n```python\nprint(1)\n```\n\nTwo:\n\n```\nls -la\n```\n")
    links = [b for b in iter_blocks(view.document()) if is_copy_code_link(b)]
    assert [b.text() for b in links] == ["Copy", "Copy"]
    href = links[1].begin().fragment().charFormat().anchorHref()
    with qtbot.waitSignal(view.code_copied) as copied:
        view.anchorClicked.emit(QUrl(href))  # what a click on the link does
    assert copied.args == ["ls -la"]
    assert QGuiApplication.clipboard().text() == "ls -la"
    # The link says so in place, then offers Copy again; the other card is untouched.
    assert [b.text() for b in links] == ["Copy", "Copied ✓"]
    assert links[1].begin().fragment().charFormat().anchorHref() == href
    qtbot.waitUntil(lambda: links[1].text() == "Copy", timeout=3000)
    followed: list[QUrl] = []
    view.link_activated.connect(followed.append)
    view.anchorClicked.emit(QUrl(href))
    assert followed == []  # handled by the view, never passed on as a reply's link


def iter_blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_deltas_arriving_within_a_frame_are_painted_once(qtbot: QtBot, view: TranscriptView) -> None:
    renderer = view.begin_assistant_message("Assistant")
    log = PaintLog(renderer)
    for index in range(50):
        renderer.append(f"word{index} ")
    assert log.count == 0  # appending only buffers
    qtbot.waitUntil(lambda: log.count == 1)
    qtbot.wait(60)  # several more frames: nothing new arrived, so no more paints
    assert log.count == 1
    assert "word0 word1" in view.toPlainText() and "word49" in view.toPlainText()

    renderer.append("more")
    qtbot.waitUntil(lambda: log.count == 2)
    assert view.toPlainText().endswith("word49 more")


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A real server on 127.0.0.1 that records whether anything tried to connect."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def connection_attempted(server: socket.socket) -> bool:
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def test_raw_html_is_text_and_images_are_never_fetched(
    qtbot: QtBot, view: TranscriptView, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    reply = (
        f"<script>alert(1)</script> and <img src=http://127.0.0.1:{port}/tracker.png> inline.\n\n"
        f"![chart](http://127.0.0.1:{port}/chart.png)\n\n"
        f'<iframe src="http://127.0.0.1:{port}/"></iframe>\n'
    )
    view.show()
    qtbot.waitExposed(view)
    renderer = view.begin_assistant_message("Assistant")
    for piece in pieces(reply, seed=3):
        renderer.append(piece)
    renderer.finish()
    view.viewport().repaint()  # lay out and draw: any image would be requested now
    qtbot.wait(50)

    text = view.toPlainText()
    assert "<script>alert(1)</script>" in text
    assert f"<img src=http://127.0.0.1:{port}/tracker.png>" in text
    assert "<iframe" in text
    assert not connection_attempted(listener)
    # The Markdown image became an image whose resource is the placeholder.
    image = view.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(f"http://127.0.0.1:{port}/chart.png")
    )
    assert image == view.placeholder_image()


@pytest.mark.parametrize(
    "url", ["https://example.com/a.png", "http://10.0.0.1/x.gif", "file:///etc/hostname", "relative/pic.png"]
)
def test_any_image_a_reply_names_gets_the_placeholder(view: TranscriptView, url: str) -> None:
    loaded = view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
    assert loaded == view.placeholder_image()
    assert view.loadResource(QTextDocument.ResourceType.StyleSheetResource.value, QUrl(url)) is None


def test_a_clicked_link_is_reported_not_followed(qtbot: QtBot, view: TranscriptView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.add_assistant_message("See [the docs](https://example.com/docs) for more.")
    before = view.toPlainText()
    found = view.document().find("the docs")
    assert not found.isNull()
    found.setPosition(found.selectionStart() + 2)
    spot: QPoint = view.cursorRect(found).center()
    with qtbot.waitSignal(view.link_activated) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert clicked.args == [QUrl("https://example.com/docs")]
    assert view.toPlainText() == before and view.source().isEmpty()


def test_reasoning_is_shown_apart_above_the_answer(view: TranscriptView) -> None:
    renderer = view.begin_assistant_message("Assistant")
    renderer.append_reasoning("Let me think")
    renderer.paint()
    renderer.append("The answer")
    renderer.append_reasoning(" about it.\nSecond thought.")  # reasoning may still arrive: it stays above
    renderer.paint()
    renderer.append(" is **42**.")
    renderer.finish(reasoning_ms=3200)

    assert view.toPlainText() == (
        "Assistant\n▾ Thought for 3.2 s\nLet me think about it.\nSecond thought.\nThe answer is 42."
    )
    assert renderer.reasoning_text == "Let me think about it.\nSecond thought."
    assert renderer.text == "The answer is **42**."
    reasoning = view.document().find("Second thought")
    assert reasoning.charFormat().fontItalic()
    assert not view.document().find("The answer").charFormat().fontItalic()


def test_status_line_and_footer(qtbot: QtBot, view: TranscriptView) -> None:
    renderer = view.begin_assistant_message("Assistant")
    renderer.append("Partial repl")
    renderer.set_status_line("12 tokens · 40 tok/s")
    renderer.paint()
    renderer.append("y.")
    renderer.set_status_line("stopped")
    renderer.finish()
    view.add_message_footer(
        "gpt-x · 14 tokens", actions=[("Retry", "sluice:retry/7")], error=("Out of credit.", "余额不足")
    )
    view.add_message_footer("", error="Connection lost.")
    view.add_user_message("next <b>question</b>")

    assert view.toPlainText() == (
        "Assistant\nPartial reply.\nstopped\nOut of credit. 余额不足\ngpt-x · 14 tokens   Retry\n"
        "Connection lost.\nnext <b>question</b>"
    )
    retry = view.document().find("Retry")
    assert retry.charFormat().anchorHref() == "sluice:retry/7"


def test_follows_the_bottom_unless_the_user_scrolled_up(qtbot: QtBot, view: TranscriptView) -> None:
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    renderer = view.begin_assistant_message("Assistant")
    for index in range(30):
        renderer.append(f"Paragraph {index} of a reply that is longer than the window.\n\n")
        renderer.paint()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == bar.maximum()

    bar.setValue(0)  # the user scrolls up to read
    for index in range(30, 40):
        renderer.append(f"Paragraph {index}.\n\n")
        renderer.paint()
    qtbot.wait(30)
    assert bar.value() == 0

    bar.setValue(bar.maximum())  # back at the bottom: follow again
    for index in range(40, 60):
        renderer.append(f"Paragraph {index}.\n\n")
        renderer.paint()
    qtbot.wait(30)
    assert bar.value() == bar.maximum() > 0


def test_a_reader_that_a_resize_puts_at_the_bottom_follows_again(qtbot: QtBot, view: TranscriptView) -> None:
    """Whether the view was at the bottom is not asked before each paint: the range change that put a
    reader who had scrolled up at the bottom (a taller window, the value unmoved) makes it follow again."""
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    renderer = view.begin_assistant_message("Assistant")
    for index in range(12):
        renderer.append(f"Paragraph {index} of a reply that is longer than the window.\n\n")
        renderer.paint()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(0)  # the user scrolls up to read
    view.resize(400, 4000)  # everything fits: the range is 0..0 and the value stays 0
    qtbot.waitUntil(lambda: bar.maximum() == 0)
    view.resize(400, 200)  # the range grows again under a reader now at the bottom: follow
    for index in range(12, 20):
        renderer.append(f"Paragraph {index}.\n\n")
        renderer.paint()
    qtbot.wait(30)
    assert bar.value() == bar.maximum() > 0


def test_clearing_the_view_while_a_reply_streams_stops_its_painting(
    qtbot: QtBot, view: TranscriptView
) -> None:
    renderer = view.begin_assistant_message("Assistant")
    renderer.append("Streaming into a conversation the user leaves")
    view.clear_messages()
    view.add_user_message("Another conversation")
    renderer.append(" — more text")
    qtbot.wait(40)
    renderer.finish()
    assert view.toPlainText() == "Another conversation"
    assert renderer.is_finished


def test_many_messages_keep_their_order(view: TranscriptView) -> None:
    view.add_user_message("Question one", message_id=1)
    view.add_assistant_message("Answer **one**.", footer="done", message_id=2)
    view.add_user_message("Question two", message_id=3)
    renderer = view.begin_assistant_message("Assistant", message_id=4)
    renderer.append("# Two\n\nAnswer two.")
    view.add_user_message("Sent before the reply finished")  # the reply is finished first
    assert view.toPlainText() == (
        "Question one\nCopy  ·  Edit  ·  Delete\n"
        "Assistant    Copy  ·  Regenerate  ·  Delete\nAnswer one.\ndone\n"
        "Question two\nCopy  ·  Edit  ·  Delete\n"
        "Assistant    Copy  ·  Regenerate  ·  Delete\nTwo\nAnswer two.\n"
        "Sent before the reply finished"  # no id yet: nothing to edit
    )
    assert renderer.is_finished
    assert view.scroll_to_message(3) and not view.scroll_to_message(99)


def test_the_thinking_label_folds_its_reasoning_and_says_when_thinking_ended(view: TranscriptView) -> None:
    renderer = view.begin_assistant_message("Assistant")
    renderer.append_reasoning("Step one.\nStep two.")
    renderer.paint()
    assert view.document().find("Thinking…").isNull() is False
    renderer.append("Answer.")  # the answer began: thinking is over, before the reply ends
    renderer.paint()
    assert view.document().find("Thinking").isNull() and not view.document().find("Thought for").isNull()
    label = view.document().find("Thought for").block()
    href = label.begin().fragment().charFormat().anchorHref()
    steps = [view.document().find(step).block() for step in ("Step one.", "Step two.")]
    assert all(block.isVisible() for block in steps)

    view.anchorClicked.emit(QUrl(href))  # a click on the label
    assert not any(block.isVisible() for block in steps)
    assert label.text().startswith("▸ ")
    assert view.document().find("Answer.").block().isVisible()
    renderer.finish(reasoning_ms=1500)  # the final figure replaces the words, not the fold
    assert label.text() == "▸ Thought for 1.5 s"
    view.anchorClicked.emit(QUrl(href))
    assert all(block.isVisible() for block in steps) and label.text().startswith("▾ ")


def test_reasoning_folded_while_it_streams_stays_folded_as_more_arrives(view: TranscriptView) -> None:
    renderer = view.begin_assistant_message("Assistant")
    renderer.append_reasoning("line one\nline two\n")
    renderer.paint()
    label = view.document().find("Thinking").block()
    view.anchorClicked.emit(QUrl(label.begin().fragment().charFormat().anchorHref()))
    renderer.append_reasoning("line three\nline four")
    renderer.paint()
    lines = [view.document().find(f"line {n}").block() for n in ("one", "two", "three", "four")]
    assert not any(block.isVisible() for block in lines)
    renderer.append("The answer.")
    renderer.finish()
    assert view.document().find("The answer.").block().isVisible()


def test_reasoning_from_the_history_starts_folded(view: TranscriptView) -> None:
    view.add_assistant_message("The answer.", reasoning="Long deliberation.", reasoning_ms=2000)
    assert not view.document().find("Long deliberation.").block().isVisible()
    assert not view.document().find("▸ Thought for 2.0 s").isNull()


def test_user_turns_are_bubbles_and_offer_copy_and_edit(view: TranscriptView) -> None:
    view.add_user_message("Question\non two lines", message_id=7)
    view.add_assistant_message("Answer.", message_id=8, model="gpt-x")
    for line in ("Question", "on two lines"):
        assert view.document().find(line).block().blockFormat().property(CARD) == "user"
    assert view.document().find("Answer.").block().blockFormat().property(CARD) is None
    edit = view.document().find("Edit")
    assert edit.charFormat().anchorHref() == view.action_url("edit/7")
    asked: list[str] = []
    view.action_requested.connect(asked.append)
    for label in ("Copy", "Edit"):
        view.anchorClicked.emit(QUrl(view.document().find(label).charFormat().anchorHref()))
    assert asked == ["copy/7", "edit/7"]
    # The reply's header: the model as a badge, then its own actions.
    header = view.document().find("gpt-x")
    assert header.charFormat().boolProperty(BADGE) and header.block().blockFormat().property(CARD) == "badge"
    regenerate = view.document().find("Regenerate")
    assert regenerate.charFormat().anchorHref() == view.action_url("retry/8")


@pytest.mark.parametrize("name", ["a#b", "x?y", "p%41", "zen 2", "中转/备用"])
def test_an_action_link_carries_any_argument_back_unchanged(view: TranscriptView, name: str) -> None:
    asked: list[str] = []
    view.action_requested.connect(asked.append)
    view.anchorClicked.emit(QUrl(view.action_url(f"profile/{name}")))
    assert asked == [f"profile/{name}"]
