"""What an API key may contain to be sent at all: HTTP header values are bytes, and httpx encodes them as
ASCII. A key pasted with a typographic character (`Ä`, a non-breaking space, a smart quote) or a line break
cannot be sent; say so plainly instead of failing with a UnicodeEncodeError deep inside httpx."""

from __future__ import annotations


def key_fault(key: str) -> str | None:
    """Why `key` cannot go into an HTTP header, in words (naming the character, never the key), or None."""
    for ch in key:
        if ch == "\t" or " " <= ch <= "~":
            continue
        shown = f"U+{ord(ch):04X}" if not ch.isprintable() or ch.isspace() else f"“{ch}” (U+{ord(ch):04X})"
        return (
            f"the key contains {shown}, which an HTTP header cannot carry; "
            "API keys are plain ASCII letters, digits and punctuation — was it pasted with extra characters?"
        )
    return None
