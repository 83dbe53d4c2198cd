"""Logging to a private, rotating file, with every record passed through `redact` first.

Keys must never reach a log (DESIGN.md "Errors users see"), so redaction is a handler filter: it sees records
from every logger that propagates to the root, including third-party libraries, after `%` formatting.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from typing import TYPE_CHECKING

from app.core.errors import redact
from app.home import Home

if TYPE_CHECKING:
    from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
# Our handlers carry this attribute, so teardown removes only them and leaves (say) pytest's alone.
_MARK = "_sluice_handler"


class RedactingFilter(logging.Filter):
    """Replace a record's message, traceback and stack text with their redacted forms.

    The record is rewritten in place (msg = final text, args = None), so every handler that sees it later,
    ours or not, gets the redacted text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # A bad format string must not kill the log call (filters run outside Handler.handleError).
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _PrivateRotatingFileHandler(logging.FileHandler):
    """A log file that rolls over into NAME.1 … NAME.`backup_count` before it would reach `max_bytes`, as
    `logging.handlers.RotatingFileHandler` does; every file (each one started at rollover too) is 0600 on
    POSIX.

    Not that class: importing `logging.handlers` loads `pickle` and `queue` for handlers Sluice never uses,
    ~2-3 ms of CPU at every start of the window and the CLI. The rollover below is the standard library's.

    When the file cannot be written (a full disk, a log made read-only) it stops writing, quietly: the
    logging module would otherwise print "--- Logging error ---" and a traceback for every record.
    """

    failed = False

    def __init__(self, path: Path, *, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backup_count = backup_count

    def emit(self, record: logging.LogRecord) -> None:
        if self.failed:
            return
        try:
            if self._should_roll_over(record):
                self._roll_over()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def _should_roll_over(self, record: logging.LogRecord) -> bool:
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False  # never roll a device or a pipe over (bpo-45401)
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0:
            return False
        text = f"{self.format(record)}\n"
        self.stream.seek(0, os.SEEK_END)  # Windows does not put an append stream's position at the end
        return self.stream.tell() + len(text) >= self.max_bytes

    def _roll_over(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        if self.backup_count > 0:
            for index in range(self.backup_count - 1, 0, -1):
                older, newer = f"{self.baseFilename}.{index}", f"{self.baseFilename}.{index + 1}"
                if os.path.exists(older):
                    if os.path.exists(newer):
                        os.remove(newer)
                    os.rename(older, newer)
            first = f"{self.baseFilename}.1"
            if os.path.exists(first):
                os.remove(first)
            if os.path.exists(self.baseFilename):
                os.rename(self.baseFilename, first)
        self.stream = self._open()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        if isinstance(sys.exc_info()[1], OSError):
            self.failed = True
            with contextlib.suppress(OSError, ValueError):  # flushing the buffer fails the same way
                self.close()
            return
        super().handleError(record)

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        fd = os.open(self.baseFilename, flags, 0o600)
        if os.name == "posix":
            # os.open's mode only applies to a new file; an old log may have been created wider.
            os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(home: Home, level: int = logging.INFO, *, stderr: bool = False) -> None:
    """Log to `home.log_path` (1 MB × 3 files), and to stderr too when asked.

    Calling it again replaces the handlers it installed before; `teardown_logging()` removes them.
    """
    teardown_logging()
    home.ensure()
    redacting = RedactingFilter()
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = []
    # A log we may not write (made read-only, a full disk): run without one, quietly.
    with contextlib.suppress(OSError):
        handlers.append(
            _PrivateRotatingFileHandler(home.log_path, max_bytes=MAX_BYTES, backup_count=BACKUP_COUNT)
        )
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    root = logging.getLogger()
    for handler in handlers:
        handler.addFilter(redacting)
        handler.setFormatter(formatter)
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    root.setLevel(level)


def teardown_logging() -> None:
    """Remove and close the handlers `setup_logging` installed (leaves everyone else's alone)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()
