"""BlockSplitter: where a streaming reply's Markdown blocks end, however the text is cut into deltas.

A wrong split shows up on screen: a list restarting its numbering, code shown as prose, a heading swallowed
into a paragraph. (tests/gui/test_transcript.py checks the rendered result against Qt's own whole parse.)
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ui.transcript.markdown_stream import Block, BlockKind, BlockSplitter

K = BlockKind

REPLY = """# Plan

Intro paragraph with **bold** and `code`.
It continues here.
## Steps, right after the paragraph
1. First
2. Second
   continued inside the item

3. Third, after a blank line
   - nested
   - nested too
- another list: a different bullet
Lazy continuation of that item.

> quoted
> more quote

```python
def f():

    return "# not a heading"
```

| Name | 值 |
|------|----|
| a | 1 |

中文段落，没有换行符也没关系。

Setext heading
---

    indented code

    still the same code
***
~~~
tilde fence
~~~
Last words."""


def split(text: str, cuts: list[int] | None = None) -> list[Block]:
    """Feed text in pieces cut at `cuts` (or whole), then close."""
    splitter = BlockSplitter()
    blocks: list[Block] = []
    last = 0
    for cut in sorted(set(cuts or [])):
        blocks += splitter.feed(text[last:cut])
        last = cut
    blocks += splitter.feed(text[last:])
    return blocks + splitter.close()


def shape(blocks: list[Block]) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in blocks]


def test_a_reply_splits_into_the_blocks_a_reader_sees() -> None:
    blocks = split(REPLY)
    assert [b.kind for b in blocks] == [
        K.HEADING,
        K.PARAGRAPH,
        K.HEADING,
        K.LIST_ITEM,
        K.LIST_ITEM,
        K.LIST_ITEM,
        K.LIST_ITEM,
        K.QUOTE,
        K.FENCE,
        K.TABLE,
        K.PARAGRAPH,
        K.PARAGRAPH,  # the setext heading: a paragraph with its underline
        K.INDENTED_CODE,
        K.THEMATIC_BREAK,
        K.FENCE,
        K.PARAGRAPH,
    ]
    items = [b for b in blocks if b.kind is K.LIST_ITEM]
    # The third item follows a blank line and still continues the list; a new bullet starts a new list.
    assert [b.continues_list for b in items] == [False, True, True, False]
    assert items[1].text == "2. Second\n   continued inside the item\n"
    assert items[3].text.endswith("Lazy continuation of that item.\n")
    fence = blocks[8]
    assert fence.info == "python" and fence.closed
    assert fence.code == 'def f():\n\n    return "# not a heading"\n'
    assert blocks[12].text == "    indented code\n\n    still the same code\n"
    assert [b.serial for b in blocks] == list(range(len(blocks)))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(REPLY)), max_size=40))
def test_how_the_text_is_cut_into_deltas_never_changes_the_blocks(cuts: list[int]) -> None:
    assert split(REPLY, cuts) == split(REPLY)


def test_every_character_delta_gives_the_same_blocks_and_loses_no_line() -> None:
    blocks = split(REPLY, list(range(len(REPLY))))
    assert blocks == split(REPLY)
    # Only blank lines between blocks are dropped; nothing is lost or repeated.
    kept = [line for b in blocks for line in b.text.splitlines() if line.strip()]
    assert kept == [line for line in REPLY.splitlines() if line.strip()]


def test_each_line_is_looked_at_once_however_small_the_deltas() -> None:
    class Counting(BlockSplitter):
        lines_seen = 0

        def _line(self, raw: str) -> None:
            Counting.lines_seen += 1
            super()._line(raw)

    splitter = Counting()
    text = "A paragraph that streams in one character at a time.\n\n" * 200
    for ch in text:
        splitter.feed(ch)
    splitter.close()
    assert Counting.lines_seen == text.count("\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Para\n# Heading\nmore\n",
            [(K.PARAGRAPH, "Para\n"), (K.HEADING, "# Heading\n"), (K.PARAGRAPH, "more\n")],
        ),
        (
            "Steps:\n1. a\n2. b\n",
            [(K.PARAGRAPH, "Steps:\n"), (K.LIST_ITEM, "1. a\n"), (K.LIST_ITEM, "2. b\n")],
        ),
        # An ordered item not starting at 1 cannot interrupt a paragraph: it is text.
        ("Year\n2. not a list\n", [(K.PARAGRAPH, "Year\n2. not a list\n")]),
        ("Para\n```\ncode\n```\n", [(K.PARAGRAPH, "Para\n"), (K.FENCE, "```\ncode\n```\n")]),
        ("Para\n> quote\n", [(K.PARAGRAPH, "Para\n"), (K.QUOTE, "> quote\n")]),
        ("Title\n===\nText\n", [(K.PARAGRAPH, "Title\n===\n"), (K.PARAGRAPH, "Text\n")]),
        ("Para\n* * *\n", [(K.PARAGRAPH, "Para\n"), (K.THEMATIC_BREAK, "* * *\n")]),
        # Pipes without a delimiter row are a paragraph, and a table cannot interrupt one.
        ("| a |\n| b |\n", [(K.PARAGRAPH, "| a |\n| b |\n")]),
        ("Here:\n| a |\n|---|\n", [(K.PARAGRAPH, "Here:\n| a |\n|---|\n")]),
        # md4c ends a table at a list item or a quote, but keeps a heading-like line as a row.
        ("| a |\n|---|\n- x\n", [(K.TABLE, "| a |\n|---|\n"), (K.LIST_ITEM, "- x\n")]),
        ("| a |\n|---|\n# row\n", [(K.TABLE, "| a |\n|---|\n# row\n")]),
        ("> a\nlazy\n\nb\n", [(K.QUOTE, "> a\nlazy\n"), (K.PARAGRAPH, "b\n")]),
        ("> a\n- item\n", [(K.QUOTE, "> a\n"), (K.LIST_ITEM, "- item\n")]),
        ("````\n```\nstill code\n````\n", [(K.FENCE, "````\n```\nstill code\n````\n")]),
        ("``` not `a fence`\n", [(K.PARAGRAPH, "``` not `a fence`\n")]),
        ("- a\n\n  more a\n- b\n", [(K.LIST_ITEM, "- a\n\n  more a\n"), (K.LIST_ITEM, "- b\n")]),
        ("- a\n\nafter the list\n", [(K.LIST_ITEM, "- a\n"), (K.PARAGRAPH, "after the list\n")]),
        ("- a\n# h\n", [(K.LIST_ITEM, "- a\n"), (K.HEADING, "# h\n")]),
        # A fence inside an item keeps its blank lines and list-looking lines.
        (
            "1. run:\n   ```sh\n   - not an item\n\n   ls\n   ```\n2. done\n",
            [
                (K.LIST_ITEM, "1. run:\n   ```sh\n   - not an item\n\n   ls\n   ```\n"),
                (K.LIST_ITEM, "2. done\n"),
            ],
        ),
        # Text after an open fence is not a lazy continuation: it ends the item.
        ("- ```\n  code\nafter\n", [(K.LIST_ITEM, "- ```\n  code\n"), (K.PARAGRAPH, "after\n")]),
        ("- - -\n", [(K.THEMATIC_BREAK, "- - -\n")]),
        (
            "Windows\r\nline ends\r\n\r\nNext\r\n",
            [(K.PARAGRAPH, "Windows\r\nline ends\r\n"), (K.PARAGRAPH, "Next\r\n")],
        ),
        ("a\u2028b\n", [(K.PARAGRAPH, "a\u2028b\n")]),
    ],
)
def test_block_boundaries(text: str, expected: list[tuple[BlockKind, str]]) -> None:
    assert shape(split(text)) == expected


def test_a_new_bullet_character_starts_a_new_list() -> None:
    blocks = split("- a\n- b\n* c\n1. d\n2) e\n")
    assert [b.continues_list for b in blocks] == [False, True, False, False, False]


def test_a_fence_the_reply_never_closed_is_still_code() -> None:
    (block,) = split("```js\nlet a = 1;\n")
    assert block.kind is K.FENCE and not block.closed
    assert block.code == "let a = 1;\n" and block.info == "js"


class TestOpenBlock:
    def test_nothing_is_open_between_blocks(self) -> None:
        splitter = BlockSplitter()
        assert splitter.feed("Done paragraph.\n\n") == [Block(K.PARAGRAPH, "Done paragraph.\n", 0)]
        assert splitter.open_block() is None

    def test_the_unfinished_line_is_part_of_the_open_block(self) -> None:
        splitter = BlockSplitter()
        splitter.feed("First line\nsecond li")
        assert splitter.open_block() == Block(K.PARAGRAPH, "First line\nsecond li", 0)

    def test_an_open_fence_shows_its_code_but_not_a_half_typed_closing_fence(self) -> None:
        splitter = BlockSplitter()
        splitter.feed("```py\nx = 1\n``")
        block = splitter.open_block()
        assert block is not None and block.kind is K.FENCE and not block.closed
        assert block.code == "x = 1\n" and block.info == "py"
        assert splitter.feed("`\n") == [Block(K.FENCE, "```py\nx = 1\n```\n", 0, info="py", code="x = 1\n")]

    def test_a_fence_being_opened_is_already_a_fence(self) -> None:
        splitter = BlockSplitter()
        splitter.feed("Text.\n\n```rus")
        block = splitter.open_block()
        assert block is not None and block.kind is K.FENCE and block.serial == 1

    def test_an_open_table_and_an_open_list_item_keep_their_kind(self) -> None:
        splitter = BlockSplitter()
        splitter.feed("| a |\n|---|\n| 1")
        assert splitter.open_block() == Block(K.TABLE, "| a |\n|---|\n| 1", 0)
        splitter = BlockSplitter()
        splitter.feed("- a\n- b\n  mo")
        assert splitter.open_block() == Block(K.LIST_ITEM, "- b\n  mo", 1, continues_list=True)

    def test_the_open_block_keeps_its_serial_when_it_finishes(self) -> None:
        splitter = BlockSplitter()
        splitter.feed("# H\nstreaming para")
        open_block = splitter.open_block()
        assert open_block is not None
        (done,) = splitter.feed("graph\n\n")
        assert done.serial == open_block.serial == 1
