"""Syntax colours for closed code fences: Pygments tokens, computed off the GUI thread.

A language's first use costs 5–35 ms in Pygments (importing it, compiling its lexer's regular expressions),
more than a frame, so lexing runs in a worker thread and the GUI thread only applies the finished runs as
QTextCharFormats. Pygments is imported by that worker on the first fence, never at start-up. The language
comes from the fence's info string only: `guess_lexer` tries every lexer and is far too slow, so an unknown
or missing language stays plain text.

The worker never touches Qt: it takes jobs from one queue and puts results on another, which a GUI-thread
timer drains while jobs are outstanding.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat

log = logging.getLogger(__name__)

LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"
POLL_MS = 8  # how often finished runs are collected while jobs are outstanding
IDLE_EXIT_S = 30.0  # the worker thread ends after this long without a job (and restarts on the next)

# A run of code and its style: (text, (colour or "", bold, italic, underline)).
StyleKey = tuple[str, bool, bool, bool]
Runs = list[tuple[str, StyleKey]]
Deliver = Callable[[list[tuple[str, QTextCharFormat]]], None]


def code_char_format() -> QTextCharFormat:
    """The monospace format code is shown in, before any colour."""
    fmt = QTextCharFormat()
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    fmt.setFontFamilies([fixed.family(), "monospace"])
    fmt.setFontFixedPitch(True)
    return fmt


def language_of(info: str) -> str:
    """The language named by a fence's info string: "```Python title=x" → "python", "```{.rust}" → "rust"."""
    word = info.split(maxsplit=1)[0] if info.strip() else ""
    return word.strip("{}.").lower()


class _Lexer(Protocol):
    """What Sluice uses of a Pygments lexer (Pygments ships no type information)."""

    def get_tokens(self, text: str) -> Iterable[tuple[object, str]]: ...


class _Style(Protocol):
    """What Sluice uses of a Pygments style class."""

    def style_for_token(self, ttype: object) -> Mapping[str, object]: ...


class _Lexing:
    """The Pygments side, used only by the worker thread."""

    def __init__(self, style_name: str) -> None:
        self._style_name = style_name
        self._style: _Style | None = None
        self._lexers: dict[str, _Lexer] = {}
        self._keys: dict[object, StyleKey] = {}

    def runs(self, code: str, language: str) -> Runs:
        """The code cut into runs that share one style (adjacent tokens merged)."""
        runs: Runs = []
        for ttype, value in self._lexer(language).get_tokens(code):
            key = self._key(ttype)
            if runs and runs[-1][1] == key:
                runs[-1] = (runs[-1][0] + value, key)
            else:
                runs.append((value, key))
        return runs

    def _lexer(self, language: str) -> _Lexer:
        lexer = self._lexers.get(language)
        if lexer is None:
            # Pygments ships no type information.
            from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped]
            from pygments.lexers.special import TextLexer  # type: ignore[import-untyped]
            from pygments.util import ClassNotFound  # type: ignore[import-untyped]

            # Keep the code exactly as written: no stripping, no added newline, tabs left alone.
            options = {"stripnl": False, "stripall": False, "ensurenl": False}
            try:
                lexer = get_lexer_by_name(language, **options) if language else TextLexer(**options)
            except ClassNotFound:
                lexer = TextLexer(**options)
            self._lexers[language] = lexer
        return lexer

    def _key(self, ttype: object) -> StyleKey:
        key = self._keys.get(ttype)
        if key is None:
            if self._style is None:
                from pygments.styles import get_style_by_name  # type: ignore[import-untyped]

                self._style = get_style_by_name(self._style_name)
            assert self._style is not None
            spec = self._style.style_for_token(ttype)
            colour = spec["color"]
            key = (
                colour if isinstance(colour, str) else "",
                bool(spec["bold"]),
                bool(spec["italic"]),
                bool(spec["underline"]),
            )
            self._keys[ttype] = key
        return key


class CodeHighlighter(QObject):
    """Colours code with Pygments for a light or a dark background, without blocking the GUI thread."""

    def __init__(self, *, dark: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dark = dark
        self._base = code_char_format()
        self._formats: dict[StyleKey, QTextCharFormat] = {}
        self._lexing = _Lexing(DARK_STYLE if dark else LIGHT_STYLE)
        self._jobs: queue.SimpleQueue[tuple[int, str, str]] = queue.SimpleQueue()
        self._results: queue.SimpleQueue[tuple[int, Runs]] = queue.SimpleQueue()
        self._waiting: dict[int, Deliver] = {}
        self._next_ticket = 0
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)

    @property
    def busy(self) -> bool:
        """Whether some code is still being coloured."""
        return bool(self._waiting)

    def request(self, code: str, language: str, deliver: Deliver) -> None:
        """Colour code in the background; `deliver(runs)` is called later on the GUI thread.

        The runs are (text, format) pairs that together spell the code exactly.
        """
        ticket = self._next_ticket
        self._next_ticket += 1
        self._waiting[ticket] = deliver
        self._jobs.put((ticket, code, language))
        with self._lock:
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="sluice-highlight", daemon=True)
                self._worker.start()
        if not self._poll.isActive():
            self._poll.start()

    def _work(self) -> None:
        while True:
            try:
                ticket, code, language = self._jobs.get(timeout=IDLE_EXIT_S)
            except queue.Empty:
                with self._lock:
                    if self._jobs.empty():
                        self._worker = None
                        return
                continue
            try:
                runs = self._lexing.runs(code, language)
            except Exception:  # a Pygments bug must not end colouring for good: the code stays plain
                log.exception("highlighting %s code failed", language or "plain")
                runs = []
            self._results.put((ticket, runs))

    def _collect(self) -> None:
        while True:
            try:
                ticket, runs = self._results.get_nowait()
            except queue.Empty:
                break
            deliver = self._waiting.pop(ticket, None)
            if deliver is not None and runs:
                deliver([(text, self._format(key)) for text, key in runs])
        if not self._waiting:
            self._poll.stop()

    def _format(self, key: StyleKey) -> QTextCharFormat:
        fmt = self._formats.get(key)
        if fmt is None:
            color, bold, italic, underline = key
            fmt = QTextCharFormat(self._base)
            if color:
                fmt.setForeground(QColor("#" + color))
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if italic:
                fmt.setFontItalic(True)
            if underline:
                fmt.setFontUnderline(True)
            self._formats[key] = fmt
        return fmt
