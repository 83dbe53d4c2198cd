"""Where Sluice keeps its files: config (profiles, settings), data (the database) and logs.

`SLUICE_HOME=DIR` puts all three under DIR (portable mode, and how tests isolate themselves); otherwise the
platform's usual places are used (XDG on Linux, Application Support on macOS, AppData on Windows).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import SluiceError

APP_NAME = "sluice"
HOME_ENV = "SLUICE_HOME"
WINDOW_LOCK = "window.lock"  # in the data dir, while a window owns it (app/ui/shell/single_instance.py)

# What a HomeError says; `{…}` fields filled with str.format (`reason` is the OS's words).
MESSAGES: dict[str, str] = {
    "cannot_create": (
        "Cannot create the folder {path}: {reason}. Make it writable, or set SLUICE_HOME to a folder you "
        "can write to."
    ),
}


class HomeError(SluiceError):
    """A folder Sluice keeps its files in cannot be made (read-only home, full disk, …)."""


@dataclass(frozen=True)
class Home:
    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def profiles_path(self) -> Path:
        return self.config_dir / "profiles.toml"

    @property
    def settings_path(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "sluice.db"

    @property
    def models_path(self) -> Path:
        """What each profile's gateway lists (app/profiles/catalog.py): a cache, not the user's settings."""
        return self.data_dir / "models.json"

    @property
    def log_path(self) -> Path:
        return self.log_dir / "sluice.log"

    @property
    def window_lock_path(self) -> Path:
        """Held (a QLockFile: pid on its first line) while a window owns this data dir."""
        return self.data_dir / WINDOW_LOCK

    def window_is_running(self) -> bool:
        """Whether a live window holds the lock, so its 'streaming' rows are live, not left by a crash.

        Read without Qt: QLockFile writes the holder's pid on the first line and removes the file on a
        clean exit. A lock left by a crash names a dead pid.
        """
        try:
            pid = int(self.window_lock_path.read_text(encoding="utf-8", errors="replace").split()[0])
        except (OSError, ValueError, IndexError):
            return False
        if sys.platform == "win32":
            return True  # os.kill(pid, 0) would terminate it there; a stale lock only delays the marking
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # alive, someone else's
        return _could_be_sluice(pid)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Home:
        """Work out the directories without touching the disk; `ensure()` creates them."""
        env = os.environ if environ is None else environ
        root = env.get(HOME_ENV, "").strip()
        if root:
            # Absolute, so that a later chdir (or a relative SLUICE_HOME in a launcher) cannot move it.
            base = Path(root).expanduser().absolute()
            return cls(config_dir=base / "config", data_dir=base / "data", log_dir=base / "logs")
        # Imported here: with SLUICE_HOME set (portable mode, tests, bench/start.py) it is never needed, and
        # it costs ~3 ms of CPU at every start (~6 ms with the tempfile/shutil it pulls in).
        import platformdirs

        # appauthor=False: on Windows the default would nest the app name twice (AppData/sluice/sluice).
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    def ensure(self) -> None:
        """Create the directories, private to the user on POSIX (logs and the database hold chats).

        Missing parents are made private too (the XDG spec asks for 0700; a new SLUICE_HOME is ours), but a
        parent that already exists is left as it is.
        """
        for directory in (self.config_dir, self.data_dir, self.log_dir):
            made_here = [directory, *(p for p in directory.parents if not p.exists())]
            for path in reversed(made_here):  # outermost first
                try:
                    path.mkdir(mode=0o700, exist_ok=True)
                    if os.name == "posix":
                        # mkdir's mode is masked by the umask and ignored for existing directories.
                        os.chmod(path, 0o700)
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    raise HomeError(MESSAGES["cannot_create"].format(path=path, reason=reason)) from None


def _could_be_sluice(pid: int) -> bool:
    """After a reboot a crashed window's pid may belong to another program: on Linux, look at what runs."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS) or not ours to read: assume it is the window
    return b"sluice" in command or b"python" in command
