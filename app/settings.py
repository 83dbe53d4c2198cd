"""settings.toml in the config directory: how the window looks and behaves. Never a key.

    theme = "system"        # "system", "light" or "dark"
    font_size = 0           # points for the transcript and composer; 0 = the system's size
    send_key = "enter"      # "enter" (Shift+Enter: new line) or "ctrl+enter"
    language = "system"     # "system", "en", "zh_CN" or "zh_TW"
    keep_image_metadata = false   # true: send photos as they are, location (EXIF GPS) included
    record_exchanges = true       # keep each reply's request and timed bytes for `sluice inspect`

The default profile is not here: it is `default` in profiles.toml, which the CLI shares.
A file that cannot be read leaves the defaults in place and says why; it is not overwritten until the user
saves settings again.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.core.sentences import QT_TRANSLATE_NOOP, Joined
from app.profiles import tomlwrite
from app.profiles.tomldepth import MAX_TOML_DEPTH, toml_depth

THEMES = ("system", "light", "dark")
SEND_KEYS = ("enter", "ctrl+enter")
LANGUAGES = ("system", "en", "zh_CN", "zh_TW")
MAX_FONT = 32
MIN_FONT = 6

# The sentences `load_settings` can say, marked for lupdate: `.format()` makes a Sentence the window
# translates with its fields (app/core/sentences.py). `{problems}` joins sentences of this table
# with "; "; `{reason}` is the OS's or tomllib's own words.
MESSAGES: dict[str, str] = {
    "theme": QT_TRANSLATE_NOOP("settings", "theme must be one of {choices}"),
    "font_size": QT_TRANSLATE_NOOP("settings", "font_size must be 0 (system) or {low}–{high}"),
    "send_key": QT_TRANSLATE_NOOP("settings", "send_key must be one of {choices}"),
    "language": QT_TRANSLATE_NOOP("settings", "language must be one of {choices}"),
    "wrong_type": QT_TRANSLATE_NOOP("settings", "{field} has the wrong type"),
    "unreadable": QT_TRANSLATE_NOOP(
        "settings", "{path}: could not be read ({reason}); using the default settings."
    ),
    "problems": QT_TRANSLATE_NOOP("settings", "{path}: {problems}; the default is used for those."),
}


@dataclass(frozen=True)
class Settings:
    theme: str = "system"
    font_size: int = 0
    send_key: str = "enter"
    language: str = "system"
    keep_image_metadata: bool = False
    record_exchanges: bool = True  # the stream inspector's records (app/core/exchange.py)


def _valid(settings: Settings) -> list[str]:
    problems = []
    if settings.theme not in THEMES:
        problems.append(MESSAGES["theme"].format(choices=", ".join(THEMES)))
    if settings.font_size != 0 and not MIN_FONT <= settings.font_size <= MAX_FONT:
        problems.append(MESSAGES["font_size"].format(low=MIN_FONT, high=MAX_FONT))
    if settings.send_key not in SEND_KEYS:
        problems.append(MESSAGES["send_key"].format(choices=", ".join(SEND_KEYS)))
    if settings.language not in LANGUAGES:
        problems.append(MESSAGES["language"].format(choices=", ".join(LANGUAGES)))
    return problems


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings in `path` (defaults for anything missing or wrong), and a sentence if something was."""
    try:
        text = path.read_text(encoding="utf-8")
        if toml_depth(text) > MAX_TOML_DEPTH:  # tomllib would recurse into a RecursionError
            raise ValueError(f"values are nested more than {MAX_TOML_DEPTH} levels deep")
        import tomllib  # here: a first start has no settings.toml, and tomllib costs ~2.5 ms to import

        document = tomllib.loads(text)
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError: a ValueError
        return Settings(), MESSAGES["unreadable"].format(path=path, reason=exc)
    except RecursionError:  # tomllib recurses per nested array or inline table
        return Settings(), MESSAGES["unreadable"].format(path=path, reason="nested too deep to read")
    kwargs: dict[str, object] = {}
    problems: list[str] = []
    for field in dataclasses.fields(Settings):
        if field.name not in document:
            continue
        value = document[field.name]
        expected = type(field.default)  # bool, int or str: a TOML value of another type is refused
        if type(value) is not expected:
            problems.append(MESSAGES["wrong_type"].format(field=field.name))
            continue
        wrong = _valid(Settings(**{field.name: value}))  # type: ignore[arg-type]
        if wrong:
            problems += wrong
            continue
        kwargs[field.name] = value
    settings = Settings(**kwargs)  # type: ignore[arg-type]
    if problems:
        return settings, MESSAGES["problems"].format(path=path, problems=Joined(problems))
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
