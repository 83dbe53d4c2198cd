"""Text from outside shown as text, never as markup.

QLabel (in its default AutoText mode), tooltips and QMessageBox guess: a string that looks like HTML
(`Qt.mightBeRichText`) is rendered as HTML, with images, links and styles. A gateway's error message, a model
or profile name, a conversation title, a file name or an exception's words can look like that; issue 12 saw
`<img src="file:///dev/zero">` in a 401 message abort the app and harmless HTML draw a false green tick.

So every label that can hold such text is set to `Qt.TextFormat.PlainText` where it is made (the GUI test
tests/gui/test_plain_text.py walks every widget after feeding HTML through each path). Tooltips have no plain
mode: they are always guessed, so text from outside goes through `escaped()`, which escapes it inside a
paragraph that Qt reads as rich text and shows exactly as written (escaping alone would show `&amp;` when the
text has no tag left to trigger the guess).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

__all__ = ["escaped", "plain"]


def plain(label: QLabel) -> QLabel:
    """`label` set to show its text as written, whatever it contains; returned for chaining."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def escaped(text: str) -> str:
    """`text` as rich text that shows it exactly: for tooltips and other places that guess; "" stays ""."""
    # pre-wrap: spaces and line breaks kept as written, long lines still wrap.
    return f"<p style='white-space:pre-wrap'>{_escape(text)}</p>" if text else ""


def _escape(text: str) -> str:
    """What `html.escape(text)` returns, without importing `html`: its entity table (for `unescape`, which
    Sluice never calls) costs ~1.5 ms of CPU at every start, before the first frame."""
    return (
        text.replace("&", "&amp;")  # first, so the entities made below are not escaped again
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
