"""The paint's inline fast path (app/ui/transcript/inline_tail.py): the open paragraph grew by words with
bold, italic or inline code, which are rendered alone and merged into its block. Streamed in random pieces,
it gives the document and the pixels a re-render gives; what could read differently in place is refused."""

from __future__ import annotations

import random

import pytest
from pytestqt.qtbot import QtBot

from app.ui.transcript.inline_tail import _ASCII_ALLOWED, _allowed, inline_tail
from app.ui.transcript.markdown_stream import Block, BlockKind
from tests.gui.test_transcript_fast_path import _assert_paints_alike, _pieces, _shape, _view

PROSE = [
    # What a model writes most: sentences with bold words and code spans, paragraph after paragraph.
    "Stream the **reply** now and call `render()` once. Then **paint** it, with `flush()` after.\n\n"
    "Each `frame()` brings **words** and more words. A *single* star and **two** stars; `a` `b` end.\n\n"
    "Model **output** ends here.",
    "1. The **first** item calls `open()` and then **more** words\n2. Second with `x()` and **y**\n"
    "   - nested **bold** words and `code()` too\n3. Third *item* words\n\n- bullet `a()` **b** c\n",
    "Tricky: a *b and c* d, 2*3*4 and a**b**c, **x** *y* `z` and ``double `tick` code`` here.\n\n"
    "Unclosed **bold runs on and `code too, then (paren) - dash / slash; semi = eq.\n\n"
    "Closed `code()`(call) and **bold**, then ***strong em*** words and **a *b* c** end.",
    "中文段落里有**加粗**和`代码()`，还有更多文字。Then English **mixed** with 中文 `x`.\n\n"
    "Ends with star **x**\n\nthen **y**z and `q`r glued.",
]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("sample", range(len(PROSE)))
def test_inline_words_paint_what_a_rerender_paints(qtbot: QtBot, sample: int, seed: int) -> None:
    _assert_paints_alike(qtbot, PROSE[sample], random.Random(seed * 1000 + sample))


def test_inline_words_grab_the_same_pixels(qtbot: QtBot) -> None:
    fast_view, fast = _view(qtbot, True)
    slow_view, slow = _view(qtbot, False)
    inline: list[int] = []
    fast.painted.connect(lambda report: inline.append(report.rerendered_chars < report.open_block_chars))
    for piece in _pieces("\n\n".join(PROSE), random.Random(11)):
        for renderer in (fast, slow):
            renderer.append(piece)
            renderer.paint()
    assert _shape(fast_view.document()) == _shape(slow_view.document())
    fast_view.verticalScrollBar().setValue(0)
    slow_view.verticalScrollBar().setValue(0)
    assert fast_view.grab().toImage() == slow_view.grab().toImage()
    assert sum(inline) > len(inline) // 3  # most paints appended instead of rendering again


def _para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text, 4)


def test_words_with_emphasis_and_code_are_merged_and_anything_doubtful_renders_again() -> None:
    def tail(before: str, after: str, shown: str | None = None) -> tuple[str, str] | None:
        return inline_tail(_para(before), _para(after), before if shown is None else shown)

    assert tail("Some words", "Some words **bold** and `code()`") == (" ", "**bold** and `code()`")
    assert tail("Some words", "Some wordsmith *x*") == ("", "mith *x*")
    assert tail("Bold **x**", "Bold **x** after", "Bold x") == (" ", "after")
    item = Block(BlockKind.LIST_ITEM, "1. An item", 2)
    assert inline_tail(item, Block(BlockKind.LIST_ITEM, "1. An item **b**", 2), "An item") == (" ", "**b**")
    refused = [
        ("a *b", "a *b c* d", "a *b"),  # an opener left before: the new closer could pair with it
        ("a `b", "a `b` c", "a `b"),
        ("Bold **x**", "Bold **x**y", "Bold x"),  # a closer at the end no longer before white space
        ("Some words", "Some words**x**", None),  # a delimiter right after the text: flanks differently
        ("Some words", "Some words _x_", None),
        ("Some words", "Some words [a](b)", None),
        ("Some words", "Some words\n**x**", None),
        ("Some words", "Some words <b>", None),
        ("Some words", "Some words ~~x~~", None),
        ("Some words", "Some words \\*", None),
        ("Some words", "Some words **www**.x", None),
        ("Some words", "Some words `x` a@b", None),
        ("Item 1", "Item 1) **x**", None),  # digits then ")": a list marker
        ("-", "- **x**", None),
        ("Some words", "Some words ", None),  # nothing shown: nothing to merge
    ]
    for before, after, shown in refused:
        assert tail(before, after, shown) is None, (before, after)
    assert inline_tail(_para("x"), Block(BlockKind.QUOTE, "x **y**", 4), "x") is None
    heading = Block(BlockKind.HEADING, "# x", 4)
    assert inline_tail(heading, Block(BlockKind.HEADING, "# x **y**", 4), "x") is None
    assert inline_tail(None, _para("x **y**"), "") is None


def test_the_ascii_shortcut_allows_exactly_the_allowed_characters() -> None:
    for char in map(chr, range(128)):
        assert (_ASCII_ALLOWED.fullmatch(char) is not None) == _allowed(char), repr(char)
