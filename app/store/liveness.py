"""Which 'streaming' rows are live: a lock every process that streams into the database holds.

A reply is saved as 'streaming' while it arrives; a crash leaves it so, and the next start marks such rows
'interrupted'. But a second `sluice ask` (or a window opening) while another CLI is still streaming must
not mark that live reply. So each process that may stream holds a shared lock on `streaming.lock` beside
the database for as long as it runs; only a process that can take it exclusively is alone, and only then
are 'streaming' rows a crash's leftovers.

POSIX `flock` only (released by the kernel when a process dies, however it dies). Where it is missing
(Windows) or fails (some network file systems), every process counts as alone: the behaviour before.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "streaming.lock"


class StreamingLock:
    """`begin()` once at start (before creating any 'streaming' row), `share()` after marking, `release()`."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    def begin(self) -> bool:
        """Take the lock. True when no other process holds it: 'streaming' rows are then a crash's.

        When True the lock is held exclusively until `share()`, so no newcomer can start streaming (or
        decide to mark rows) meanwhile.
        """
        if fcntl is None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return True  # cannot tell (a read-only data dir fails later, with its own words)
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o600)
        self._fd = fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._shared()
            return False
        except OSError:
            return True
        return True

    def share(self) -> None:
        """Hold the lock shared from now on (others may stream too, none may mark)."""
        if fcntl is not None and self._fd is not None:
            self._shared()

    def _shared(self) -> None:
        assert fcntl is not None and self._fd is not None
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_SH)  # waits only while a newcomer marks rows (milliseconds)

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
