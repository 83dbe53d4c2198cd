"""The empty chat: a greeting with the profile and model, example prompts to start from, the main shortcuts.

It is drawn into the transcript's own document (so it scrolls and resizes like the rest) and cleared by the
first message. A prompt is one of the view's app links; clicking it (or Enter on it) emits prompt_chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor

from app.ui.transcript.links import AppLinks
from app.ui.transcript.style import CARD, CARD_PAD, TranscriptStyle


@dataclass(frozen=True, slots=True)
class Welcome:
    """What the empty chat shows.

    Attributes:
        where: "profile · model", the gateway and model a message would go to ("" if none yet).
        prompts: example prompts; a click puts one into the composer.
        shortcuts: (keys, what they do) pairs.
    """

    where: str
    prompts: tuple[str, ...]
    shortcuts: tuple[tuple[str, str], ...]


def welcome_for(profile: str, model: str, *, ctrl_enter_sends: bool = False) -> Welcome:
    """The empty chat for a profile and model, in the window's language."""
    where = " · ".join(part for part in (profile, model) if part)
    prompts = (
        QCoreApplication.translate(
            "Welcome", "Explain how HTTP streaming works, with a small Python example."
        ),
        QCoreApplication.translate("Welcome", "Summarise the key points of a text I will paste next."),
        QCoreApplication.translate("Welcome", "Write a SQL query for each month's revenue, and explain it."),
        QCoreApplication.translate(
            "Welcome", "Translate into Chinese and keep the tone: “Thanks, that helped a lot.”"
        ),
    )
    shortcuts = (
        ("Ctrl+Enter" if ctrl_enter_sends else "Enter", QCoreApplication.translate("Welcome", "send")),
        ("Enter" if ctrl_enter_sends else "Shift+Enter", QCoreApplication.translate("Welcome", "new line")),
        ("Esc", QCoreApplication.translate("Welcome", "stop a reply")),
        ("Ctrl+N", QCoreApplication.translate("Welcome", "new chat")),
    )
    return Welcome(where, prompts, shortcuts)


WELCOME_HEIGHT = 330  # pixels the empty chat takes, about: it is centred in the view's height


def welcome_top(height: int) -> int:
    """The space above the greeting that centres it in `height` pixels."""
    return max(40, (height - WELCOME_HEIGHT) // 2)


def insert_welcome(
    cursor: QTextCursor, welcome: Welcome, links: AppLinks, style: TranscriptStyle, *, height: int = 0
) -> None:
    """Write the empty chat at `cursor` (an empty document's start), centred in `height` pixels."""
    size = cursor.document().defaultFont().pointSizeF()
    centre = QTextBlockFormat()
    centre.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    # Qt ignores the top margin of a document's first block: an empty block of that height goes first.
    spacer = QTextBlockFormat()
    spacer.setLineHeight(welcome_top(height), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    cursor.setBlockFormat(spacer)
    title = QTextCharFormat()
    title.setFontWeight(QFont.Weight.DemiBold)
    if size > 0:
        title.setFontPointSize(size * 1.6)
    cursor.insertBlock(centre, title)
    cursor.insertText(QCoreApplication.translate("Welcome", "What can I help with?"), title)

    dim = QTextCharFormat()
    dim.setForeground(QColor(style.dim_text))
    where_block = QTextBlockFormat(centre)
    where_block.setTopMargin(6)
    where_block.setBottomMargin(20)
    cursor.insertBlock(where_block, dim)
    cursor.insertText(welcome.where or QCoreApplication.translate("Welcome", "Add a profile to start."), dim)

    chip = QTextBlockFormat(centre)
    chip.setProperty(CARD, "chip")
    chip.setTopMargin(CARD_PAD + 4)
    chip.setBottomMargin(CARD_PAD)
    for index, prompt in enumerate(welcome.prompts):
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(links.url("prompt", index))
        cursor.insertBlock(chip, link)
        cursor.insertText(prompt, link)

    keys_block = QTextBlockFormat(centre)
    keys_block.setTopMargin(28)
    small = QTextCharFormat(dim)
    if size > 0:
        small.setFontPointSize(size * 0.85)
    key = QTextCharFormat(small)
    key.setFontWeight(QFont.Weight.DemiBold)
    cursor.insertBlock(keys_block, small)
    for index, (keys, what) in enumerate(welcome.shortcuts):
        if index:
            cursor.insertText("     ", small)
        cursor.insertText(keys, key)
        cursor.insertText(" " + what, small)
