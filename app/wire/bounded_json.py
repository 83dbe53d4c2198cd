"""`json.loads` with a bound on nesting and no lone surrogates, for every JSON a gateway sends. No I/O.

The C decoder recurses once per level: a body nested ~2,000 deep raises RecursionError, which no caller
expects (a traceback in the CLI, a reply left `streaming`). Real chat JSON nests fewer than ten levels, so
anything deeper than MAX_JSON_DEPTH is refused as a ValueError subclass *before* it is parsed.

JSON may also escape half a surrogate pair (``"\\ud800"``); Python then holds a string that cannot be
encoded as UTF-8, and SQLite, a terminal and a file all raise UnicodeEncodeError on it. Such escapes are
replaced by U+FFFD before parsing; valid pairs are kept.

The depth check is cheap: JSON with fewer brackets than the limit cannot be too deep (one `count` each, in C);
otherwise strings are cut out and the running depth over the remaining brackets is summed in C
(`itertools.accumulate` over a signed byte view), with no Python loop per character.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

MAX_JSON_DEPTH = 128

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# An escaped backslash (kept, so the "u" after it is not read as an escape), a valid surrogate pair (kept),
# or a lone half of one (replaced).
_SURROGATE_ESCAPE = re.compile(
    r"(\\\\)|(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]")
# '[' and '{' → +1, ']' and '}' → -1 (0xFF read as a signed byte).
_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


class JSONTooDeepError(ValueError):
    """The JSON nests deeper than MAX_JSON_DEPTH levels; it was not parsed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"JSON nested deeper than {limit} levels")
        self.limit = limit


def json_depth(data: str | bytes) -> int:
    """The deepest nesting of arrays and objects in `data` (brackets inside strings do not count)."""
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    brackets = _STRING.sub(b"", raw).translate(_STEP, _NOT_BRACKETS)
    if not brackets:
        return 0
    return max(0, max(accumulate(memoryview(brackets).cast("b"))))


def loads_bounded(data: str | bytes, limit: int = MAX_JSON_DEPTH) -> object:
    """`json.loads`, refusing JSON nested deeper than `limit` with JSONTooDeepError (a ValueError)."""
    opens = (
        data.count("[") + data.count("{") if isinstance(data, str) else data.count(b"[") + data.count(b"{")
    )
    if opens > limit and json_depth(data) > limit:
        raise JSONTooDeepError(limit)
    if isinstance(data, bytes | bytearray):
        data = data.decode("utf-8", errors="replace")  # as json.loads would, minus UTF-16/32 (never seen)
    if _SURROGATE_HINT.search(data):
        data = _SURROGATE_ESCAPE.sub(lambda m: m.group(1) or m.group(2) or "\\ufffd", data)
    return json.loads(data)
