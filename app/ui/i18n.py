"""The window's languages: English (the source text), 简体中文 and 繁體中文, through Qt's translation system.

    resources/i18n/sluice_zh_CN.ts, sluice_zh_TW.ts    the sources, made by pyside6-lupdate from app/
    <data dir>/cache/i18n/sluice_<lang>-<hash>.qm      compiled here by lrelease the first time they are used

The .qm files are not committed: a .qm next to its .ts (the frozen build compiles them, see
packaging/sluice.spec) is used when it is not older than the .ts; otherwise the .ts is compiled once with the
lrelease that the PySide6-Essentials wheel ships, into the cache, under a name holding the hash of the .ts,
so an upgrade (or a second installation sharing the data dir) never loads a stale catalogue. Translators are
installed before any widget exists; a change of language applies at the next start.

Text from outside app/ui (no Qt there) arrives as `Sentence`s (app/core/sentences.py): each module marks
its templates with core's QT_TRANSLATE_NOOP, lupdate collects them from all of app/, and `translated` looks
the template up and fills the translation with the sentence's own fields. Nothing is matched back from
finished English. A provider's own message, the OS's words, paths, names and URLs are plain text, never
translated.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.errors import KIND_EXPLANATIONS, ErrorKind, SluiceError
from app.core.sentences import LIST_SEPARATOR, Joined, Sentence

if TYPE_CHECKING:
    from app.profiles.presets import Preset

log = logging.getLogger(__name__)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate finds the call by this name)
    """Marks `text` for lupdate under `context` and returns it untranslated (translate it where shown).

    PySide6's own is typed as returning object; this one keeps mypy's str.
    """
    return text


ENGLISH = "en"
TRANSLATED = ("zh_CN", "zh_TW")  # resources/i18n/sluice_<lang>.ts
CATALOGUE = "sluice"
LRELEASE_TIMEOUT_S = 30.0


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language to show for a settings.toml choice: "en", "zh_CN" or "zh_TW".

    "system" follows the system locale's UI languages in order: the first Chinese or English one decides
    (zh_CN, zh_SG, zh_Hans → Simplified; zh_TW, zh_HK, zh_MO, zh_Hant → Traditional); none → English.
    """
    if choice == ENGLISH or choice in TRANSLATED:
        return choice
    locale = system if system is not None else QLocale.system()
    for tag in locale.uiLanguages() or [locale.name()]:
        candidate = QLocale(tag)
        if candidate.language() == QLocale.Language.Chinese:
            traditional = candidate.script() == QLocale.Script.TraditionalHanScript
            return "zh_TW" if traditional else "zh_CN"
        if candidate.language() == QLocale.Language.English:
            return ENGLISH
    return ENGLISH


# ---- installing the translators ----------------------------------------------------------------------


@dataclass
class Installed:
    """What `install_translators` did: the language shown and the translators it installed."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)


def install_translators(
    app: QCoreApplication, choice: str, cache_dir: Path, *, resources: Path | None = None
) -> Installed:
    """Install Sluice's catalogue and Qt's own (dialog buttons, text edit menus) for `choice`.

    Never raises: a missing or broken catalogue is logged and the window stays in English.
    """
    language = resolve_language(choice)
    installed = Installed(language)
    if language == ENGLISH:
        _set_default_locale(language)
        return installed
    if resources is None:
        from app.core.errors import SluiceError
        from app.desktop import resource_root

        try:
            resources = resource_root()
        except SluiceError as exc:
            log.warning("no translations: %s", exc)
            return installed
    qm = catalogue_path(resources / "i18n" / f"{CATALOGUE}_{language}.ts", cache_dir)
    for path in (qm, qt_catalogue(language)):
        if path is None:
            continue
        translator = QTranslator(app)  # parented: it lives as long as the application
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.translators.append(translator)
        else:
            log.warning("could not load the translation %s", path)
            translator.deleteLater()
    _set_default_locale(language)
    log.info("language %s: %s", language, ", ".join(t.filePath() for t in installed.translators) or "none")
    return installed


def remove_translators(app: QCoreApplication, installed: Installed) -> None:
    """Undo `install_translators` (tests and scripts that switch languages in one process)."""
    for translator in installed.translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    installed.translators.clear()
    QLocale.setDefault(QLocale.system())


def _set_default_locale(language: str) -> None:
    """Dates and month names follow the chosen language, unless the system's locale already speaks it."""
    if resolve_language("system") != language:
        QLocale.setDefault(QLocale(language if language != ENGLISH else "en_US"))


def qt_catalogue(language: str) -> Path | None:
    """Qt's own qtbase_<lang>.qm from the wheel (or the frozen bundle), if it is there."""
    name = f"qtbase_{language}.qm"
    places = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    with contextlib.suppress(ImportError):
        import PySide6

        places.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return next((p / name for p in places if (p / name).is_file()), None)


def catalogue_path(ts: Path, cache_dir: Path) -> Path | None:
    """A compiled .qm for the .ts: the one beside it if fresh, else one in the cache (compiled if needed)."""
    beside = ts.with_suffix(".qm")
    if beside.is_file() and (not ts.is_file() or beside.stat().st_mtime >= ts.stat().st_mtime):
        return beside
    try:
        source = ts.read_bytes()
    except OSError as exc:
        log.warning("no translation: %s", exc)
        return None
    import hashlib

    digest = hashlib.sha256(source).hexdigest()[:16]
    cached = cache_dir / f"{ts.stem}-{digest}.qm"
    if cached.is_file():
        return cached
    return _compile(ts, cached)


def lrelease_path() -> Path | None:
    """The lrelease of the PySide6 wheel (pyside6-lrelease runs the same binary)."""
    try:
        import PySide6
    except ImportError:
        return None
    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease.exe", "lrelease") if os.name == "nt" else ("lrelease",):
        if (folder / name).is_file():
            return folder / name
    return None


def _private_dirs(directory: Path) -> None:
    """Make `directory` and any missing parents 0700 (mkdir's mode is masked by the umask)."""
    missing = [directory, *(p for p in directory.parents if not p.exists())]
    for path in reversed(missing):
        if path.exists():
            continue
        path.mkdir(mode=0o700, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, 0o700)


def _compile(ts: Path, target: Path) -> Path | None:
    import subprocess

    tool = lrelease_path()
    if tool is None:
        log.warning("cannot compile %s: lrelease is not installed (it comes with PySide6-Essentials)", ts)
        return None
    try:
        _private_dirs(target.parent)
        for stale in target.parent.glob(f"{ts.stem}-*.qm"):
            stale.unlink(missing_ok=True)  # an older version's catalogue
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", str(temporary)],
            check=True,
            capture_output=True,
            timeout=LRELEASE_TIMEOUT_S,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0,
        )
        if os.name == "posix":
            os.chmod(temporary, 0o600)  # lrelease's file follows the umask (0666 under umask 000)
        os.replace(temporary, target)  # two windows starting at once both end with a whole file
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile the translation %s: %s", ts, exc)
        with contextlib.suppress(OSError, UnboundLocalError):
            temporary.unlink(missing_ok=True)
        return None
    log.info("compiled %s into %s", ts.name, target)
    return target


# ---- text from outside app/ui ------------------------------------------------------------------------


def translated(text: str) -> str:
    """Text made outside app/ui, in the window's language: a Sentence (or a Joined list of them) is looked up
    by its context and template and filled with its fields (a field that is itself a Sentence translated
    too); any other text is shown as it is — a gateway's words, the OS's, paths and names are plain str.
    """
    if isinstance(text, Joined):
        return QCoreApplication.translate(LIST_SEPARATOR.context, LIST_SEPARATOR).join(
            translated(part) for part in text.parts
        )
    if not isinstance(text, Sentence):
        return text
    translation = QCoreApplication.translate(text.context, text.template)
    if text.fields is None:
        return translation  # a template used as it is: no fields, and its braces are its own
    fields = {name: _translated_field(value) for name, value in text.fields.items()}
    args = tuple(_translated_field(value) for value in text.args)
    try:
        return translation.format(*args, **fields)
    except (KeyError, IndexError, ValueError):
        log.warning("the translation of %r does not fit its fields: %r", text.template, translation)
        return text.template.format(*args, **fields)


def _translated_field(value: object) -> object:
    if isinstance(value, SluiceError) and value.sentence is not None:
        return translated(value.sentence)  # "{path}: {error}" around one of our errors
    return translated(value) if isinstance(value, Sentence | Joined) else value


def exception_text(exc: BaseException) -> str:
    """What an exception says, for the window: our own sentences translated, anything else as it is.

    A ChatError's text is the provider's words and an OSError's the system's: plain str, shown as they are.
    """
    if isinstance(exc, SluiceError) and exc.sentence is not None:
        return translated(exc.sentence)
    return str(exc)


def kind_explanation(kind: ErrorKind) -> str:
    """What an error kind means, in the window's language."""
    return translated(KIND_EXPLANATIONS[kind])


def preset_label(preset: Preset) -> str:
    return QCoreApplication.translate("presets", preset.label)


def preset_hint(preset: Preset) -> str:
    return QCoreApplication.translate("presets", preset.docs_hint)
