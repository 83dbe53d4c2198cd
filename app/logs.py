"""Logging to a private, rotating file, with every record passed through `redact` first.

Keys must never reach a log (DESIGN.md "Errors users see"), so redaction is a handler filter: it sees records
from every logger that propagates to the root, including third-party libraries, after `%` formatting.
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import sys

from app.core.errors import redact
from app.home import Home

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


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files (including each one started at rollover) are 0600 on POSIX.

    When the file cannot be written (a full disk, a log made read-only) it stops writing, quietly: the
    logging module would otherwise print "--- Logging error ---" and a traceback for every record.
    """

    failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

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
            _PrivateRotatingFileHandler(
                home.log_path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
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
