"""Redaction of keys in use (app.core.errors.redact), and of what is left of a key cut by a limit."""

from __future__ import annotations

import secrets
import string

import httpx
import pytest

from app.core.errors import MIN_SECRET_PIECE, ChatError, ErrorKind, redact, register_secret
from app.net.errors import http_error


@pytest.fixture
def key() -> str:
    alphabet = string.ascii_letters + string.digits
    value = "".join(secrets.choice(alphabet) for _ in range(53))
    register_secret(value)
    return value


def _pieces(key: str) -> list[str]:
    return [key[i : i + MIN_SECRET_PIECE] for i in range(len(key) - MIN_SECRET_PIECE + 1)]


@pytest.mark.parametrize("cut", [8, 9, 29, 52])
def test_the_head_or_tail_of_a_cut_key_is_redacted(key: str, cut: int) -> None:
    head = f"bad key: {key[:cut]}"
    tail = f"{key[-cut:]} was refused"
    assert redact(head) == "bad key: [redacted]"
    assert redact(tail) == "[redacted] was refused"


def test_a_piece_in_the_middle_and_several_pieces(key: str) -> None:
    text = f"a {key[10:30]} b {key[:12]}{key[40:]} c {key}"
    assert redact(text) == "a [redacted] b [redacted] c [redacted]"


def test_runs_shorter_than_eight_characters_are_left(key: str) -> None:
    text = f"id {key[:7]} and {key[20:27]}"
    assert redact(text) == text


def test_an_error_message_cut_at_500_characters_keeps_no_piece(key: str) -> None:
    """The attack of issue 12.4: 470 characters of message, then the key, cut by the 500-character cap."""
    body = ('{"error": {"message": "' + "x" * 470 + " " + key + '"}}').encode()
    response = httpx.Response(401, content=body, request=httpx.Request("POST", "https://gw.example/v1/c"))
    error = http_error(response, body)
    assert error.kind == ErrorKind.AUTH and len(error.message) <= 500
    assert not any(piece in error.message for piece in _pieces(key))
    assert error.message.endswith("[redacted]")


def test_a_chat_error_cut_by_its_caller_before_redaction_still_keeps_no_piece(key: str) -> None:
    message = ("y" * 470 + key)[:500]  # a caller that cut first: the registry still finds the piece
    assert not any(piece in ChatError(ErrorKind.SERVER, message).message for piece in _pieces(key))
