"""When the open Markdown block only grew by plain words, what to append instead of rendering it again.

A paint re-renders the unfinished last block each frame: Qt's Markdown reader, the polish, the lay-out of
their formats. Most frames of a streaming paragraph add only words and punctuation to its last line, which
change nothing Qt's reader does with the text before them. Then the paint appends those words to the
rendering, in the format of the character before them, and the document is what a re-render would give
(tests/gui/test_transcript_fast_path.py streams Markdown samples both ways and compares formats and pixels).

The test is deliberately narrow (pure Python, no Qt): any doubt returns None and the block is rendered
again. What can change how Qt reads text already there, and so is refused:
- a character with Markdown meaning in the new text (emphasis, code, links, escapes, entities, HTML, tables,
  list and heading markers, setext and thematic lines), a tab or a newline;
- a last character before the new text that is not plain (a delimiter there could change flanking);
- an autolink that could grow (":", "@" or "www" on the last line), an entity ("&" on the last line), a
  table ("|" anywhere), a link reference definition (the block starts with "[");
- digits at the end followed by a ".": "1" + ". x" starts an ordered list; a last line of only markers and
  digits ("2." is an empty list item until words follow it).
Trailing spaces are not shown by Qt (a paragraph's end is trimmed), so they wait for the next words.
"""

from __future__ import annotations

import re

from app.ui.transcript.markdown_stream import Block, BlockKind

APPENDABLE = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.HEADING})
_PLAIN_PUNCTUATION = frozenset(",.?!'\"")
_MARKER_LINE = re.compile(r"[ >*+\-]*\d*\.?\Z")
"""A last line of markers and digits ("2.", "- 1", "> 3."): what the next words make of it is not known."""


def is_plain(char: str) -> bool:
    """A character without Markdown meaning: a letter or digit (any script), or a few ASCII marks, or any
    other printable non-ASCII character (Markdown's syntax is all ASCII)."""
    if char.isalnum() or char in _PLAIN_PUNCTUATION:
        return True
    return ord(char) > 127 and char.isprintable() and not char.isspace()


def plain_tail(old: Block | None, new: Block) -> str | None:
    """The text to append to `old`'s rendering to get `new`'s, or None if `new` must be rendered again.

    `old` is the open block as last painted, `new` the open block now. "" means nothing visible changed
    (only spaces came, which Qt would trim)."""
    if old is None or old.serial != new.serial or new.kind not in APPENDABLE or old.kind is not new.kind:
        return None
    before, after = old.text, new.text
    if not after.startswith(before):
        return None
    shown = before.rstrip(" ")
    if not shown or not is_plain(shown[-1]):
        return None
    added = after[len(shown) :].rstrip(" ")
    if not all(char == " " or is_plain(char) for char in added):
        return None
    line_start = after.rfind("\n") + 1
    last_line = after[line_start:]
    if any(mark in last_line for mark in (":", "@", "&")) or "www" in last_line.lower():
        return None
    if "|" in after or after.lstrip(" ").startswith("["):
        return None
    if opens_a_list(shown, added):
        return None
    return added


def opens_a_list(shown: str, added: str) -> bool:
    """Whether `added` after `shown` (no newline in it) could make a list item of the last line: digits
    followed by "." or ")" ("1" + ". x"), or a last line of only markers and digits."""
    if shown[-1].isdigit() and ("." in added or ")" in added):
        return True
    return _MARKER_LINE.match(shown, shown.rfind("\n") + 1) is not None
