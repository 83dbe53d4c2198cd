"""The words under a reply (app/ui/chat/status_text.py): the reply's tokens and the prompt's apart, and a rate
that says what it counted (issue 11 §6.2: "35 tokens" was prompt + reply; chunks were called tokens)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.core.models import Message, Role, Usage
from app.ui.chat.status_text import status_line


def _reply(usage: Usage | None, rate: float | None = 42.0) -> Message:
    return Message(role=Role.ASSISTANT, content="hi", model="m", usage=usage, tokens_per_s=rate)


def test_prompt_and_reply_tokens_apart_and_a_token_rate(qapp: QApplication) -> None:
    line = status_line(_reply(Usage(180, 21, 201)))
    assert line == "m · 42 tok/s · ↑180 ↓21 tokens"
    assert "201" not in line  # the total grows with the conversation; it is not the reply's size


def test_without_usage_the_rate_counts_chunks(qapp: QApplication) -> None:
    line = status_line(_reply(None))
    assert line == "m · 42 chunks/s"
    assert "tok" not in line


def test_usage_without_completion_tokens_is_not_a_token_rate(qapp: QApplication) -> None:
    assert status_line(_reply(Usage(None, None, 201))) == "m · 42 chunks/s · 201 tokens in all"
    assert status_line(_reply(Usage(None, 21, None), rate=None)) == "m · ↓21 tokens"
