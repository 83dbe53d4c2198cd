"""The paint's plain-words fast path (app/ui/transcript/plain_tail.py) gives the document and the pixels a
re-render of the open block gives: Markdown samples streamed in random-sized pieces, painted after each
piece by two views, one with the fast path and one without, compare block by block after every paint."""

from __future__ import annotations

import random
from typing import TypeVar

import pytest
from PySide6.QtGui import QTextCharFormat, QTextDocument, QTextFormat
from pytestqt.qtbot import QtBot

from app.ui.transcript.markdown_stream import Block, BlockKind
from app.ui.transcript.plain_tail import plain_tail
from app.ui.transcript.renderer import PaintReport, StreamingMessageRenderer
from app.ui.transcript.view import TranscriptView

F = TypeVar("F", bound=QTextFormat)

SAMPLES = [
    "Plain prose streams in words, and more words. Then another sentence follows it here.\n\nA second one.",
    "Words with **bold**, *italic*, _under_score_ and `inline()` code, then plain words again after them.",
    "A word _a foo_bar and *b foo*bar and **c**d and 2*3*4 in the middle of prose that goes on.",
    "# A heading that grows word by word\n\nProse under it.\n\n### Third level heading here",
    "A setext heading\n================\n\nAnother one\n-----------\n\nafter",
    "> a quote that grows with words\n> and a second line of it\n>\n> > nested quote words here",
    "- an item with words\n- another item with more words\n  - nested item words\n\n1. first\n2. second",
    "1\n\n- 1. nested\n\n12. twelve\n\nIn 2024. Then 3.5 and 1.2.3 and 10.",
    "Links: [text](https://example.com) and www.example.com and https://x.org/a and me@mail.com done.",
    "Entities &amp; and &#123; and &copy here; a backslash \\* and a hard break  \nnext line words.",
    "[ref]: https://example.com\n\nA [ref] link and [missing] one.",
    "| a | b |\n|---|--:|\n| 1 | 2 |\n\nAfter the table words.",
    "Trailing spaces   \nand  double  spaces  inside   and at the end   ",
    "流式输出的每一个片段都应当尽快显示，而界面不能因此卡顿。**加粗**之后的文字。表情 🙂 also.",
    "```python\ndef f():\n    return 1\n```\n\nAfter code words and `more` code.",
    "Text then ~~strike~~ and a thematic break\n\n***\n\nthen <b>html</b> shown as text.",
    "- item one words\n- item two words\n\nA paragraph after the list words.\n\n> quote words\n\nAfter.",
    "## Heading words\nParagraph right under words.\n\n---\nAfter a rule words.\n\n    indented\n\nAfter it.",
    "| t | u |\n|---|---|\n| 1 | 2 |\nMore words after a table in the same block? and more words.",
    "1. alpha beta gamma\n2. delta epsilon\n3. zeta eta theta\n   - nested one two\n   - nested three\n"
    "4. iota kappa lambda\n\n- x y z words\n- y z w words\n\nEnd words.",
    "| Name | Time |\n|------|-----:|\n| beta | 7 ms |\n\n1. first item words\n2. second item words\n",
    "A line ending with a digit 7\n\nand 7. items? No: 'quoted' \"words\", commas, dots...",
]


def _props(fmt: F) -> F:
    """A copy of a format without the index of its list or table object: the slow path makes a new list
    object at each paint, so the index counts paints, not anything shown (the list itself is compared
    through its format and the item's number), and without the view's own name in a link."""
    copy = type(fmt)(fmt)
    copy.clearProperty(QTextFormat.Property.ObjectIndex)
    href = copy.stringProperty(QTextFormat.Property.AnchorHref)
    if href.startswith("sluice:"):  # a "Copy" link names its view: the same link in two views differs
        copy.setProperty(QTextFormat.Property.AnchorHref, href.partition("/")[2])
    return copy


def _runs(block_runs: list[tuple[int, int, QTextCharFormat]]) -> list[tuple[int, int, QTextCharFormat]]:
    """Adjacent runs of one format merged (Qt may keep text inserted in two pieces as two fragments)."""
    merged: list[tuple[int, int, QTextCharFormat]] = []
    for start, length, fmt_ in block_runs:
        fmt = _props(fmt_)
        if merged and merged[-1][2] == fmt and merged[-1][0] + merged[-1][1] == start:
            merged[-1] = (merged[-1][0], merged[-1][1] + length, fmt)
        else:
            merged.append((start, length, fmt))
    return merged


def _shape(document: QTextDocument) -> list[tuple[object, ...]]:
    shown: list[tuple[object, ...]] = []
    block = document.begin()
    while block.isValid():
        runs = [(run.start, run.length, QTextCharFormat(run.format)) for run in block.textFormats()]
        listed = block.textList()
        in_list = (_props(listed.format()), listed.itemNumber(block)) if listed is not None else None
        shown.append(
            (block.text(), _props(block.blockFormat()), _props(block.charFormat()), _runs(runs), in_list)
        )
        block = block.next()
    return shown


def _view(qtbot: QtBot, fast: bool) -> tuple[TranscriptView, StreamingMessageRenderer]:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 900)
    view.show()
    renderer = view.begin_assistant_message("Assistant")
    renderer.append_plain = fast
    return view, renderer


def _assert_paints_alike(qtbot: QtBot, text: str, rnd: random.Random) -> None:
    """Stream `text` in random pieces with the fast paths on and off: every block's text and formats match
    after every paint and at the end."""
    fast_view, fast = _view(qtbot, True)
    slow_view, slow = _view(qtbot, False)
    for piece in _pieces(text, rnd):
        for renderer in (fast, slow):
            renderer.append(piece)
            renderer.paint()
        assert _shape(fast_view.document()) == _shape(slow_view.document()), repr(fast.text)
    for renderer in (fast, slow):
        renderer.finish()
    assert _shape(fast_view.document()) == _shape(slow_view.document())


def _pieces(text: str, rnd: random.Random) -> list[str]:
    pieces, at = [], 0
    while at < len(text):
        size = rnd.randint(1, 14)
        pieces.append(text[at : at + size])
        at += size
    return pieces


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_the_fast_path_paints_what_a_rerender_paints(qtbot: QtBot, sample: int, seed: int) -> None:
    _assert_paints_alike(qtbot, SAMPLES[sample], random.Random(seed * 100 + sample))


def test_a_streamed_reply_with_every_kind_of_block_grabs_the_same_pixels(qtbot: QtBot) -> None:
    text = "\n\n".join(SAMPLES[:8] + SAMPLES[10:])
    fast_view, fast = _view(qtbot, True)
    slow_view, slow = _view(qtbot, False)
    appended: list[int] = []
    fast.painted.connect(lambda report: appended.append(report.rerendered_chars < report.open_block_chars))
    for piece in _pieces(text, random.Random(5)):
        for renderer in (fast, slow):
            renderer.append(piece)
            renderer.paint()
    assert _shape(fast_view.document()) == _shape(slow_view.document())
    fast_view.verticalScrollBar().setValue(0)
    slow_view.verticalScrollBar().setValue(0)
    assert fast_view.grab().toImage() == slow_view.grab().toImage()
    assert sum(appended) > len(appended) // 4  # the fast path did most of the prose's paints


def _block(kind: BlockKind, text: str) -> Block:
    return Block(kind, text, 3)


def test_plain_words_are_appended_and_anything_else_renders_again() -> None:
    para = BlockKind.PARAGRAPH
    assert plain_tail(_block(para, "Some words"), _block(para, "Some words and more.")) == " and more."
    assert plain_tail(_block(para, "Some words "), _block(para, "Some words  ")) == ""
    assert plain_tail(_block(para, "Words "), _block(para, "Words next ")) == " next"
    assert plain_tail(_block(para, "中文"), _block(para, "中文，更多。")) == "，更多。"
    refused = [
        ("Some words", "Some words *and"),  # emphasis
        ("Some words", "Some words\nnext"),  # a new line
        ("Some _words", "Some _words_"),
        ("Words _", "Words _ more"),  # a delimiter before the new text
        ("see www", "see www.example"),  # an autolink
        ("mail me", "mail me@x"),
        ("&amp", "&amp."),
        ("- 1", "- 1. item"),  # an ordered list inside the item
        ("[a]", "[a] x"),
        ("a | b", "a | b c"),
    ]
    for before, after in refused:
        assert plain_tail(_block(para, before), _block(para, after)) is None, (before, after)
    assert plain_tail(_block(BlockKind.FENCE, "x"), _block(BlockKind.FENCE, "xy")) is None
    assert plain_tail(None, _block(para, "x")) is None
    assert plain_tail(Block(para, "x", 1), Block(para, "xy", 2)) is None


def test_paint_report_still_counts_the_open_block(qtbot: QtBot) -> None:
    _, renderer = _view(qtbot, True)
    reports: list[PaintReport] = []
    renderer.painted.connect(reports.append)
    renderer.append("First words")
    renderer.paint()
    renderer.append(" and more")
    renderer.paint()
    assert (reports[-1].rerendered_chars, reports[-1].open_block_chars) == (9, 20)
