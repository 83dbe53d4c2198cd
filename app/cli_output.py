"""What the CLI writes: text from outside made safe for a terminal, and JSON lines safe for line readers.

A reply, its reasoning, a tool call, a model id or a gateway's error message can hold terminal control
sequences: ESC/CSI/OSC set the title, clear the screen, hide text, make links or write the clipboard
(OSC 52). The rule (README "Command line", docs/reliability.md):

- To a terminal (isatty), every control character except newline and tab is shown as a visible symbol
  (ESC as ␛, C0 as its Control Picture, DEL as ␡, C1 as ⟨9B⟩), so nothing from outside can drive it.
- Piped or redirected, text is written byte-exact: `sluice ask … > reply.md` keeps what the model sent.
- `--json` is always safe: json escapes C0 itself; `json_line` also escapes DEL, C1 (U+0080–U+009F), and
  U+2028 / U+2029, which JavaScript and `str.splitlines` read as line breaks (U+0085 is C1).
"""

from __future__ import annotations

import json
from typing import TextIO

# Control Pictures (U+2400 + code) for C0, except tab and newline; CR too, so "\r" cannot overwrite a line.
_TERMINAL = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_TERMINAL[0x7F] = "\u2421"  # ␡
_TERMINAL.update({code: f"⟨{code:02X}⟩" for code in range(0x80, 0xA0)})  # 0x9B is CSI, 0x9D OSC

_JSON_EXTRA = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


def for_terminal(text: str) -> str:
    """`text` with every control character but newline and tab shown as a visible symbol."""
    return text.replace("\r\n", "\n").translate(_TERMINAL)


def shown(text: str, stream: TextIO) -> str:
    """`text` as it may be written to `stream`: made visible on a terminal, unchanged when piped."""
    return for_terminal(text) if _is_terminal(stream) else text


def json_line(obj: object) -> str:
    """One JSON object on one line (no newline at the end), UTF-8 kept, every line separator escaped.

    The characters escaped here can only occur inside strings (json never writes them as syntax), so
    translating the finished text is exact.
    """
    return json.dumps(obj, ensure_ascii=False).translate(_JSON_EXTRA)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: treat it as a pipe
        return False
