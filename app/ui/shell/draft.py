"""The message box's unsent text, kept across a close: what the user typed is never lost by quitting.

`draft.txt` in the data dir (beside the database, which holds the sent messages; private like it). Written at
close when the box holds text (removed when it holds none), read at the next start into the box of the
conversation that opens. An edit in progress is kept as text too, after the draft it had set aside (the edit
banner itself does not come back: sent, it would be a new message, which the user sees before sending).
Bounded: a file larger than MAX_CHARS characters is read up to that size. A file that could not be read is
never removed by the close that follows (`save_draft(..., keep_unread=True)`): the text in it was not shown.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "draft.txt"
MAX_CHARS = 10_000_000  # a pasted book fits; a damaged file does not fill the box without end


def load_draft(data_dir: Path) -> str | None:
    """The text kept at the last close ("" when none; None when there is a file that could not be read)."""
    path = data_dir / FILE_NAME
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as file:
            return file.read(MAX_CHARS)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        log.warning("draft not read from %s: %s", path, exc)
        return None


def save_draft(data_dir: Path, text: str, *, keep_unread: bool = False) -> None:
    """Keep `text` for the next start (atomically, 0600), or forget the last one when it is blank, unless
    `keep_unread`: the last one could not be read at this start, so the user never saw it. A failure is
    logged, never raised: closing must go on (the text was on screen until then)."""
    path = data_dir / FILE_NAME
    try:
        if not text.strip():
            if not keep_unread:
                path.unlink(missing_ok=True)
            return
        fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=data_dir)  # mkstemp: 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("draft not kept in %s: %s", path, exc)
