"""How deep a TOML text nests, found before tomllib reads it.

tomllib recurses once per level of arrays and inline tables: a profiles.toml nested 5,000 deep raises
RecursionError, a traceback instead of one plain line. A profiles file needs 2 levels; this cheap scan
(strings and comments skipped) lets the store refuse anything deeper than MAX_TOML_DEPTH first.
"""

from __future__ import annotations

MAX_TOML_DEPTH = 32


def toml_depth(text: str) -> int:
    """The deepest nesting of [ and { in a TOML text, outside strings and comments (a cheap pre-scan)."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                if ch == '"' and text[i] == "\\":
                    i += 1  # an escaped character, maybe a quote
                elif len(quote) == 1 and text[i] == "\n":
                    break  # an unclosed one-line string: tomllib will say where
                i += 1
            i += len(quote)
            continue
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
        i += 1
    return deepest
