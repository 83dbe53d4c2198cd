"""settings.toml in the config directory: how the window looks and behaves. Never a key.

    theme = "system"        # "system", "light" or "dark"
    font_size = 0           # points for the transcript and composer; 0 = the system's size
    send_key = "enter"      # "enter" (Shift+Enter: new line) or "ctrl+enter"
    language = "system"     # "system", "en", "zh_CN" or "zh_TW"

The default profile is not here: it is `default` in profiles.toml, which the CLI shares.
A file that cannot be read leaves the defaults in place and says why; it is not overwritten until the user
saves settings again.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.profiles import tomlwrite

THEMES = ("system", "light", "dark")
SEND_KEYS = ("enter", "ctrl+enter")
LANGUAGES = ("system", "en", "zh_CN", "zh_TW")
MAX_FONT = 32
MIN_FONT = 6


@dataclass(frozen=True)
class Settings:
    theme: str = "system"
    font_size: int = 0
    send_key: str = "enter"
    language: str = "system"


def _valid(settings: Settings) -> list[str]:
    problems = []
    if settings.theme not in THEMES:
        problems.append(f"theme must be one of {', '.join(THEMES)}")
    if settings.font_size != 0 and not MIN_FONT <= settings.font_size <= MAX_FONT:
        problems.append(f"font_size must be 0 (system) or {MIN_FONT}–{MAX_FONT}")
    if settings.send_key not in SEND_KEYS:
        problems.append(f"send_key must be one of {', '.join(SEND_KEYS)}")
    if settings.language not in LANGUAGES:
        problems.append(f"language must be one of {', '.join(LANGUAGES)}")
    return problems


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings in `path` (defaults for anything missing or wrong), and a sentence if something was."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(), f"{path}: could not be read ({exc}); using the default settings."
    kwargs: dict[str, object] = {}
    problems: list[str] = []
    for field in dataclasses.fields(Settings):
        if field.name not in document:
            continue
        value = document[field.name]
        expected = int if field.name == "font_size" else str
        if type(value) is not expected:
            problems.append(f"{field.name} has the wrong type")
            continue
        wrong = _valid(Settings(**{field.name: value}))  # type: ignore[arg-type]
        if wrong:
            problems += wrong
            continue
        kwargs[field.name] = value
    settings = Settings(**kwargs)  # type: ignore[arg-type]
    if problems:
        return settings, f"{path}: {'; '.join(problems)}; the default is used for those."
    return settings, None


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically (temp file, rename), readable only by the user. ValueError for invalid settings."""
    problems = _valid(settings)
    if problems:
        raise ValueError("; ".join(problems))
    lines = ["# Sluice settings. The default profile is in profiles.toml.", ""]
    lines += [tomlwrite.assignment(k, v) for k, v in dataclasses.asdict(settings).items()]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
