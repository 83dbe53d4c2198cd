"""The window's languages: English (the source text), 简体中文 and 繁體中文, through Qt's translation system.

    resources/i18n/sluice_zh_CN.ts, sluice_zh_TW.ts    the sources, made by pyside6-lupdate from app/ui
    <data dir>/cache/i18n/sluice_<lang>-<hash>.qm      compiled here by lrelease the first time they are used

The .qm files are not committed: a .qm next to its .ts (the frozen build compiles them, see
packaging/sluice.spec) is used when it is not older than the .ts; otherwise the .ts is compiled once with the
lrelease that the PySide6-Essentials wheel ships, into the cache, under a name holding the hash of the .ts,
so an upgrade (or a second installation sharing the data dir) never loads a stale catalogue. Translators are
installed before any widget exists; a change of language applies at the next start.

Text from outside app/ui (no Qt there) is translated here, at the boundary: error kind explanations
(app/core/errors.py), the connection test's sentences (app/net/probe.py) and the presets' labels and hints.
Their English is the source text; the QT_TRANSLATE_NOOP tables below let lupdate see it, and
tests/gui/test_i18n.py keeps them equal to the originals. A provider's own message is never translated.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.errors import KIND_EXPLANATIONS, ErrorKind

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


def _compile(ts: Path, target: Path) -> Path | None:
    import subprocess

    tool = lrelease_path()
    if tool is None:
        log.warning("cannot compile %s: lrelease is not installed (it comes with PySide6-Essentials)", ts)
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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
        os.replace(temporary, target)  # two windows starting at once both end with a whole file
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile the translation %s: %s", ts, exc)
        with contextlib.suppress(OSError, UnboundLocalError):
            temporary.unlink(missing_ok=True)
        return None
    log.info("compiled %s into %s", ts.name, target)
    return target


# ---- text from outside app/ui ------------------------------------------------------------------------
# The English below is a copy of the original, for lupdate; the originals are what is looked up.

_ERRORS = (
    QT_TRANSLATE_NOOP("errors", "The gateway rejected the API key."),
    QT_TRANSLATE_NOOP("errors", "The account has no balance or quota left."),
    QT_TRANSLATE_NOOP("errors", "Rate limited by the gateway."),
    QT_TRANSLATE_NOOP("errors", "The gateway rejected the request."),
    QT_TRANSLATE_NOOP("errors", "Not found: check the base URL and the model name."),
    QT_TRANSLATE_NOOP("errors", "The gateway had a server error."),
    QT_TRANSLATE_NOOP("errors", "The provider reported an error during the reply."),
    QT_TRANSLATE_NOOP("errors", "The gateway answered with something that is not a chat stream."),
    QT_TRANSLATE_NOOP("errors", "The connection broke before the reply was finished."),
    QT_TRANSLATE_NOOP("errors", "The gateway did not answer in time."),
    QT_TRANSLATE_NOOP("errors", "Could not connect to the gateway."),
    QT_TRANSLATE_NOOP("errors", "No API key could be used."),
    QT_TRANSLATE_NOOP("errors", "Error."),
)

_PROBE = (
    QT_TRANSLATE_NOOP("probe", "{host} resolved to {address}; TCP connection in {ms} ms."),
    QT_TRANSLATE_NOOP("probe", "Connected to {host}:{port} in {ms} ms."),
    QT_TRANSLATE_NOOP("probe", "The proxy {host} resolved to {address}; TCP connection in {ms} ms."),
    QT_TRANSLATE_NOOP(
        "probe", "Could not find {host} in DNS: {reason}. Check the base URL for typos and your network."
    ),
    QT_TRANSLATE_NOOP("probe", "{host}:{port} refused the connection. Is the server running on that port?"),
    QT_TRANSLATE_NOOP("probe", "Connecting to {host}:{port} timed out after {seconds:g} s."),
    QT_TRANSLATE_NOOP("probe", "Could not connect to {host}:{port}: {reason}."),
    QT_TRANSLATE_NOOP("probe", "{version} with {host}; the certificate is trusted ({ms} ms)."),
    QT_TRANSLATE_NOOP("probe", "Not used: the base URL starts with http://."),
    QT_TRANSLATE_NOOP("probe", "Checked through the proxy by the request below."),
    QT_TRANSLATE_NOOP("probe", "The certificate of {host} is not trusted: {reason}."),
    QT_TRANSLATE_NOOP("probe", "The TLS handshake with {host} failed: {reason}."),
    QT_TRANSLATE_NOOP("probe", "The TLS handshake with {host} timed out after {seconds:g} s."),
    QT_TRANSLATE_NOOP("probe", "Not checked: an earlier step failed."),
    QT_TRANSLATE_NOOP("probe", "The gateway accepted the key."),
    QT_TRANSLATE_NOOP("probe", "The gateway did not reject the key."),
    QT_TRANSLATE_NOOP("probe", "No key is sent (the profile's auth style is “none”)."),
    QT_TRANSLATE_NOOP("probe", "No key was entered, and the gateway did not ask for one."),
    QT_TRANSLATE_NOOP("probe", "{explanation} {message}"),
    QT_TRANSLATE_NOOP("probe", "No key was entered, and the gateway refused the request: {message}"),
    QT_TRANSLATE_NOOP("probe", "{model} answered."),
    QT_TRANSLATE_NOOP("probe", "No model is chosen: pick one from the list or type its id."),
    QT_TRANSLATE_NOOP(
        "probe", "First byte after {ttfb} ms, first token after {ttft} ms; {count} pieces in {spread} ms."
    ),
    QT_TRANSLATE_NOOP("probe", "First byte after {ttfb} ms; the reply ended without text ({finish})."),
    QT_TRANSLATE_NOOP(
        "probe",
        "All {count} pieces arrived in one burst at the end ({spread} ms apart, {wait} ms after the "
        "request): the gateway, or a proxy in between, seems to buffer the stream. Replies will appear "
        "all at once when they are finished.",
    ),
    QT_TRANSLATE_NOOP(
        "probe",
        "The gateway answered with one whole reply (JSON) instead of a stream: replies will appear all at "
        "once when they are finished.",
    ),
    QT_TRANSLATE_NOOP(
        "probe",
        "The gateway refuses “stream_options” (token usage in the stream); turn that option off for "
        "this profile.",
    ),
    QT_TRANSLATE_NOOP(
        "probe", "The model sent no text within {tokens} tokens; a reasoning model may think longer."
    ),
)

_PRESETS = (
    QT_TRANSLATE_NOOP("presets", "Create an API key in the ZenMux console."),
    QT_TRANSLATE_NOOP("presets", "Create an API key (令牌) in the 零度API console."),
    QT_TRANSLATE_NOOP("presets", "Create an API key (令牌) in the DMXAPI console."),
    QT_TRANSLATE_NOOP("presets", "Create an API key in the LemonData console."),
    QT_TRANSLATE_NOOP("presets", "Create an API key in the MyTokenGate console."),
    QT_TRANSLATE_NOOP("presets", "Keys: https://platform.openai.com/api-keys"),
    QT_TRANSLATE_NOOP("presets", "Keys: https://openrouter.ai/keys"),
    QT_TRANSLATE_NOOP("presets", "Keys: https://platform.deepseek.com/api_keys"),
    QT_TRANSLATE_NOOP("presets", "Ollama (local)"),
    QT_TRANSLATE_NOOP(
        "presets", "No key needed. Start Ollama and pull a model first, e.g. `ollama pull llama3.2`."
    ),
    QT_TRANSLATE_NOOP("presets", "LM Studio (local)"),
    QT_TRANSLATE_NOOP(
        "presets", "No key needed. Load a model and start the local server in LM Studio's Developer tab."
    ),
)
SOURCE_TABLES = {"errors": _ERRORS, "probe": _PROBE, "presets": _PRESETS}


def kind_explanation(kind: ErrorKind) -> str:
    """What an error kind means, in the window's language."""
    english = KIND_EXPLANATIONS.get(kind, "Error.")
    return QCoreApplication.translate("errors", english)


def preset_label(preset: Preset) -> str:
    return QCoreApplication.translate("presets", preset.label)


def preset_hint(preset: Preset) -> str:
    return QCoreApplication.translate("presets", preset.docs_hint)


_FIELD = re.compile(r"\{(\w+)(?:[:!][^{}]*)?\}")
_EXPLAINED = "{explanation} {message}"


@functools.cache
def _probe_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each probe template as a pattern that reads its fields back out of a finished sentence."""
    from app.net.probe import TEXT

    patterns = []
    for template in dict.fromkeys(TEXT.values()):
        if template == _EXPLAINED:
            continue  # read by `_explained`: its first field is one of the error kinds' sentences
        parts, position = [], 0
        for match in _FIELD.finditer(template):
            parts.append(re.escape(template[position : match.start()]))
            parts.append(f"(?P<{match[1]}>.*?)")
            position = match.end()
        parts.append(re.escape(template[position:]))
        patterns.append((template, re.compile("".join(parts), re.DOTALL)))
    # The template with the most fixed words first: it is the more specific match.
    patterns.sort(key=lambda item: -len(_FIELD.sub("", item[0])))
    return tuple(patterns)


def _explained(sentence: str) -> str | None:
    for kind, english in KIND_EXPLANATIONS.items():
        if sentence == english or sentence.startswith(english + " "):
            rest = sentence[len(english) :].strip()  # the provider's own message: shown as sent
            return f"{kind_explanation(kind)} {rest}" if rest else kind_explanation(kind)
    return None


def probe_sentence(sentence: str) -> str:
    """A sentence of the connection test (app.net.probe) in the window's language.

    The probe hands over finished English sentences; the template they came from is found again and its
    translation filled with the same fields. A sentence that matches none is shown as it is.
    """
    explained = _explained(sentence)
    if explained is not None:
        return explained
    for template, pattern in _probe_patterns():
        # The probe strips each sentence: a template ending in an empty field lost its last space.
        match = pattern.fullmatch(sentence) or pattern.fullmatch(sentence + " ")
        if match is None:
            continue
        translated = QCoreApplication.translate("probe", template)
        if translated == template:
            return sentence
        try:
            return _FIELD.sub(r"{\1}", translated).format(**match.groupdict()).strip()
        except (KeyError, IndexError, ValueError):
            log.warning("the translation of a probe sentence does not fit its fields: %r", translated)
            return sentence
    return sentence
