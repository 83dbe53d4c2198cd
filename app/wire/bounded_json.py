"""`json.loads` with a bound on nesting, for every JSON a gateway sends. No I/O.

The C decoder recurses once per level: a body nested ~2,000 deep raises RecursionError, which no caller
expects (a traceback in the CLI, a reply left `streaming`). Real chat JSON nests fewer than ten levels, so
anything deeper than MAX_JSON_DEPTH is refused as a ValueError subclass *before* it is parsed.

The check is cheap: JSON with fewer brackets than the limit cannot be too deep (one `count` each, in C);
otherwise strings are cut out and the running depth over the remaining brackets is summed in C
(`itertools.accumulate` over a signed byte view), with no Python loop per character.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

MAX_JSON_DEPTH = 128

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
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
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw)).translate(_STEP)
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
    return json.loads(data)
