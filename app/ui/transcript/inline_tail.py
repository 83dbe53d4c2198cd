"""When the open paragraph grew by words with bold, italic or inline code, what to append instead of
rendering the whole paragraph again.

plain_tail.py covers new text without any Markdown meaning. Streamed prose is full of `**` and backticks, so
most frames of a paragraph (and most paints that finish one) fell back to rendering the whole paragraph with
Qt's Markdown reader again. This covers the common case beside it: the paragraph so far rendered with every
delimiter matched (its rendering shows no `*` or backtick), and the new text is words, emphasis and code
spans. Then the new text is rendered on its own and merged into the paragraph's block, and the document is
what a re-render would give (tests/gui/test_transcript_fast_path.py compares formats and pixels):

- CommonMark matches a closing delimiter only with an opener before it that is still unmatched; the text so
  far has none left (a run left unmatched, even in part, would show as a `*` or a backtick), so the new
  text's delimiters pair among themselves, as they do alone, and the old ones keep their pairs;
- the new text alone starts after white space (the start of a paragraph counts as white space), as it does
  in place, or with a letter, so no delimiter at its start flanks differently; a delimiter that ends the
  text so far stays followed by white space; the new text cannot start a block (no list marker, heading,
  quote, fence, table or indent at its start);
- only a few characters are allowed at all: letters and digits (any script), a few plain marks, `*` and
  backticks, and `()-/;=`; no `_` (its intraword rules), links, autolinks, entities, escapes, HTML,
  strike-through or line breaks, which could reach back into the text before.
Any doubt returns None, and the paragraph is rendered again.
"""

from __future__ import annotations

import re

from app.ui.transcript.markdown_stream import Block, BlockKind
from app.ui.transcript.plain_tail import is_plain, opens_a_list

INLINE_APPENDABLE = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
"""One-line blocks whose rendering is one QTextBlock with the text in the reader's plain format (a quote's
text is dimmed by the polish, a heading's set in its own font: those are rendered again)."""
_INLINE_MARKS = frozenset("*`()-/;=")


_ASCII_ALLOWED = re.compile(r"[A-Za-z0-9 ,.?!'\"*`()\-/;=]*")
"""The allowed characters that are ASCII: English text is checked by one regex match, not a call a
character (a paragraph is checked whole at every paint)."""


def _allowed(char: str) -> bool:
    return char == " " or char in _INLINE_MARKS or is_plain(char)


def _all_allowed(text: str) -> bool:
    return _ASCII_ALLOWED.fullmatch(text) is not None or all(_allowed(char) for char in text)


def _starts_cleanly(body: str, after_space: bool) -> bool:
    """Whether `body` read alone starts as it reads in place: with a letter (any script) or a plain mark,
    or, after a space, with a code span or a `**` run before a letter."""
    first = body[0]
    if is_plain(first) and not first.isdigit():
        return True
    if not after_space or len(body) < 2:
        return False
    if first == "`":
        return body[1] != "`"
    return body.startswith("**") and len(body) > 2 and is_plain(body[2])


def inline_tail(old: Block | None, new: Block, shown: str) -> tuple[str, str] | None:
    """What to append to `old`'s rendering to get `new`'s: (spaces to insert as text, Markdown to render
    and merge after them), or None if `new` must be rendered again.

    `old` is the open paragraph (or list item) as last painted, `new` the same block now, `shown` the text
    of the one block `old` rendered to (what Qt shows: delimiters and list marker gone)."""
    if old is None or old.serial != new.serial or old.kind not in INLINE_APPENDABLE:
        return None
    before, after = old.text, new.text
    if new.kind is not old.kind or not after.startswith(before) or "\n" in after:
        return None
    kept = before.rstrip(" ")
    if not kept or "*" in shown or "`" in shown:
        return None
    if not _all_allowed(after) or "www" in after.lower():
        return None
    added = after[len(kept) :].rstrip(" ")
    body = added.lstrip(" ")
    spaces = added[: len(added) - len(body)]
    if not body or not (is_plain(kept[-1]) or (spaces and kept[-1] in "*`")):
        return None  # a closing delimiter at the end stays followed by white space, as it was
    if not _starts_cleanly(body, bool(spaces)) or opens_a_list(kept, added):
        return None
    return spaces, body
