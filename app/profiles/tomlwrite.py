"""Just enough TOML writing for profiles.toml (the standard library only reads TOML).

Supports strings, booleans, integers, finite floats, flat tables of those written inline, and lists of
strings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

TomlScalar = str | bool | int | float

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def string(value: str) -> str:
    """A TOML basic string. Non-ASCII (Chinese names, models) is kept as is: the file is UTF-8."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else string(name)


def scalar(value: TomlScalar) -> str:
    # bool before int: bool is a subclass of int.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to TOML here")
        return repr(value)
    return string(value)


def inline_table(table: Mapping[str, TomlScalar]) -> str:
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{key(k)} = {scalar(v)}" for k, v in table.items()) + " }"


def array(values: Sequence[TomlScalar]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def assignment(name: str, value: TomlScalar | Mapping[str, TomlScalar] | list[TomlScalar]) -> str:
    if isinstance(value, Mapping):
        text = inline_table(value)
    elif isinstance(value, list):
        text = array(value)
    else:
        text = scalar(value)
    return f"{key(name)} = {text}"
