"""A profile's fallbacks as written: "OTHER" or "OTHER:MODEL" (issue 16). Pure functions, stdlib only.

Shared by failover (which profile to try next), the profile service (a rename carries the name into every
other profile's fallbacks) and the editor (its Fallbacks list). Profile names and model ids may both hold
colons ("a:b", "qwen2:7b"), so a target is read against the names that exist: see `parse_target`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def parse_target(text: str, known: Callable[[str], bool]) -> tuple[str, str]:
    """ "OTHER" or "OTHER:MODEL" → (profile name, model or "").

    A whole text that names a profile wins (a profile called "a:b" is itself); else the longest part before
    a colon that names a profile ("a:b:qwen2:7b" with a profile "a:b" → ("a:b", "qwen2:7b")); else the text
    is cut at its first colon, and the name may be one no profile has.
    """
    text = text.strip()
    if known(text):
        return text, ""
    cut = text.rfind(":")
    while cut > 0:
        name = text[:cut].strip()
        if name and known(name):
            return name, text[cut + 1 :].strip()
        cut = text.rfind(":", 0, cut)
    name, _, model = text.partition(":")
    return name.strip(), model.strip()


def format_target(name: str, model: str) -> str:
    """The written form of (profile, model): "name" or "name:model"."""
    return f"{name}:{model}" if model else name


def renamed_in(fallbacks: Iterable[str], old: str, new: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """`fallbacks` with every target naming profile `old` naming `new` (its model kept).

    `known` tells the names as they were before the rename (so that `old` is read as a profile).
    """
    out = []
    for text in fallbacks:
        name, model = parse_target(text, known)
        out.append(format_target(new, model) if name == old else text)
    return tuple(out)


def first_duplicate(fallbacks: Iterable[str], known: Callable[[str], bool]) -> str | None:
    """The first target listed twice (the same profile and model, however written), or None."""
    seen: set[tuple[str, str]] = set()
    for text in fallbacks:
        target = parse_target(text, known)
        if target in seen:
            return text
        seen.add(target)
    return None
