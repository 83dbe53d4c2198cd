"""The window's languages: English (the source text), 简体中文 and 繁體中文, through Qt's translation system.

    resources/i18n/sluice_zh_CN.ts, sluice_zh_TW.ts    the sources, made by pyside6-lupdate from app/ui
    <data dir>/cache/i18n/sluice_<lang>-<hash>.qm      compiled here by lrelease the first time they are used

The .qm files are not committed: a .qm next to its .ts (the frozen build compiles them, see
packaging/sluice.spec) is used when it is not older than the .ts; otherwise the .ts is compiled once with the
lrelease that the PySide6-Essentials wheel ships, into the cache, under a name holding the hash of the .ts,
so an upgrade (or a second installation sharing the data dir) never loads a stale catalogue. Translators are
installed before any widget exists; a change of language applies at the next start.

Text from outside app/ui (no Qt there) is translated here, at the boundary: error kind explanations
(app/core/errors.py), the connection test's sentences (app/net/probe.py), the presets' labels and hints,
and the messages of profiles, imports, the keyring, the conversation store and settings.toml (each module's
MESSAGES table). Their English is the source text; the QT_TRANSLATE_NOOP tables below let lupdate see it,
and tests/gui/test_i18n.py keeps them equal to the originals. A finished sentence is matched back to its
template, and the translation is filled with the same fields (`translate_known`). A provider's own message,
the OS's words, paths, names and URLs are never translated.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.errors import KIND_EXPLANATIONS, ChatError, ErrorKind, SluiceError

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
# Joins several of the sentences below (settings.toml's problems are listed with "; ").
_LIST_SEPARATOR = QT_TRANSLATE_NOOP("list", "; ")

_PROFILES = (
    QT_TRANSLATE_NOOP("profiles", "a profile needs a name"),
    QT_TRANSLATE_NOOP("profiles", "profile name {name!r} has leading/trailing spaces or control characters"),
    QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: base_url must be a URL starting with {schemes} (got {url!r})"
    ),
    QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: proxy ('none', 'system' or a URL) must be a URL starting with "
        "{schemes} (got {url!r})",
    ),
    QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: auth must be 'bearer', 'raw', 'none' or 'header:NAME' (got {auth!r})"
    ),
    QT_TRANSLATE_NOOP("profiles", "profile {name!r}: {header!r} is not a valid HTTP header name"),
    QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: read_timeout must be a positive number of seconds (got {timeout!r})"
    ),
    QT_TRANSLATE_NOOP("profiles", "profile {name!r}: header {header!r} has a line break in its value"),
    QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: header {header!r} looks like it carries a key; keys are kept "
        "in the system keyring, not in profiles.toml (set `auth` instead)",
    ),
    QT_TRANSLATE_NOOP("profiles", "{path}: {error}"),
    QT_TRANSLATE_NOOP("profiles", "{path}: line {line}, column {column}: {reason}"),
    QT_TRANSLATE_NOOP("profiles", "{path}: line {line} (end of file): {reason}"),
    QT_TRANSLATE_NOOP("profiles", "{path}: profile #{number} is not a table"),
    QT_TRANSLATE_NOOP("profiles", "{path}: profile #{number} has unknown settings: {keys}"),
    QT_TRANSLATE_NOOP("profiles", "{path}: profile #{number} needs a name (a string)"),
    QT_TRANSLATE_NOOP("profiles", "{path}: profile {name!r} needs a base_url (a string)"),
    QT_TRANSLATE_NOOP("profiles", "{path}: profile {name!r}: {field} has the wrong type ({type})"),
    QT_TRANSLATE_NOOP("profiles", "{path}: profile {name!r}: headers must be a table of strings"),
    QT_TRANSLATE_NOOP("profiles", "{path}: cannot be read ({reason})"),
    QT_TRANSLATE_NOOP("profiles", "{path}: is not UTF-8 text"),
    QT_TRANSLATE_NOOP("profiles", "{path}: unknown settings: {keys}"),
    QT_TRANSLATE_NOOP("profiles", "{path}: 'profile' must be an array of tables ([[profile]])"),
    QT_TRANSLATE_NOOP("profiles", "{path}: two profiles are named {name!r}"),
    QT_TRANSLATE_NOOP("profiles", "{path}: default must be a profile name (a string)"),
    QT_TRANSLATE_NOOP("profiles", "no profile named {name!r}; `sluice profile list` shows them"),
    QT_TRANSLATE_NOOP("profiles", "a profile named {name!r} already exists"),
    QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: header {header!r} carries a key or other secret; its value is kept in "
        "the system keyring (`--secret-header`), not in profiles.toml",
    ),
    QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: the proxy password is kept in the system keyring, not in profiles.toml"
    ),
    QT_TRANSLATE_NOOP("profiles", "{path}: profile {name!r}: secret_headers must be a list of header names"),
    QT_TRANSLATE_NOOP(
        "profiles", "{path}: values are nested more than {limit} levels deep; this is not a profiles file"
    ),
    QT_TRANSLATE_NOOP("profiles", "{path}: could not be written ({reason}); the file was left as it was"),
)

_IMPORT = (
    QT_TRANSLATE_NOOP(
        "import", "the pasted text is too long ({length:,} characters); paste just the example"
    ),
    QT_TRANSLATE_NOOP(
        "import", "nothing to import: paste a cURL command, an OpenAI SDK snippet or a base URL"
    ),
    QT_TRANSLATE_NOOP(
        "import",
        "found no cURL command, OpenAI SDK snippet or base URL in the pasted text; paste the example "
        "request from the gateway's docs, e.g. curl https://…/v1/chat/completions -H "
        '"Authorization: Bearer …" -d \'{{"model": …}}\'',
    ),
    QT_TRANSLATE_NOOP("import", "the {kind} has no URL"),
    QT_TRANSLATE_NOOP(
        "import",
        "the URL in the snippet ({url}) has no host: it uses a variable or a "
        "placeholder; put the gateway's address in its place and paste again",
    ),
    QT_TRANSLATE_NOOP("import", "the URL in the snippet ({url}) has spaces or characters a URL cannot have"),
    QT_TRANSLATE_NOOP("import", "the URL in the snippet ({url}) is not a valid URL"),
    QT_TRANSLATE_NOOP("import", "the URL in the snippet ({url}) must start with http:// or https://"),
    QT_TRANSLATE_NOOP("import", "The snippet sets no base URL, so the OpenAI SDK's default {url} is used."),
    QT_TRANSLATE_NOOP("import", "The model in the snippet is a placeholder, so none was set."),
    QT_TRANSLATE_NOOP("import", "The URL had no scheme, so {scheme}:// was assumed."),
    QT_TRANSLATE_NOOP("import", "The URL carried a user name or password; it was left out."),
    QT_TRANSLATE_NOOP(
        "import",
        "The URL's query ({names}) was left out: Sluice calls <base URL>/chat/completions without one.",
    ),
    QT_TRANSLATE_NOOP(
        "import",
        "The URL's query (parameters) was left out: Sluice calls <base URL>/chat/completions without one.",
    ),
    QT_TRANSLATE_NOOP(
        "import", "The URL does not end in /chat/completions, so it was used as the base URL as it is."
    ),
    QT_TRANSLATE_NOOP(
        "import", "The header {name} also carries a secret; a profile keeps only one key, so it was left out."
    ),
    QT_TRANSLATE_NOOP("import", "A header that is not valid HTTP was left out."),
    QT_TRANSLATE_NOOP("import", "The header {name} holds a placeholder, so it was left out."),
    QT_TRANSLATE_NOOP("import", "The pasted text holds no API key: paste your own."),
    QT_TRANSLATE_NOOP("import", "The snippet sends no API key, so this profile sends none either."),
    QT_TRANSLATE_NOOP(
        "import", "{key!r} is a dummy key that local servers ignore, so this profile sends no key."
    ),
    QT_TRANSLATE_NOOP("import", "The key in the snippet is a placeholder: paste your own."),
    QT_TRANSLATE_NOOP(
        "import",
        "The key in the snippet is a placeholder: paste your own (the snippet reads it "
        "from the environment variable {variable}).",
    ),
    QT_TRANSLATE_NOOP("import", "cURL command"),
    QT_TRANSLATE_NOOP("import", "SDK snippet"),
    QT_TRANSLATE_NOOP("import", "pasted text"),
    QT_TRANSLATE_NOOP("import", "Headers read from a file (-H @file) were not imported."),
    QT_TRANSLATE_NOOP(
        "import", "The request body is read from a file, so the model could not be read from it."
    ),
    QT_TRANSLATE_NOOP("import", "The command logs in with -u (HTTP basic auth), which was not imported."),
)

_KEYSTORE = (
    QT_TRANSLATE_NOOP(
        "keystore",
        "Install and unlock a Secret Service such as GNOME Keyring or KeePassXC (e.g. "
        "`sudo apt-get install gnome-keyring`), make sure you are in a desktop session "
        "with D-Bus, then try again.",
    ),
    QT_TRANSLATE_NOOP("keystore", "Check that the macOS Keychain is available and unlocked, then try again."),
    QT_TRANSLATE_NOOP("keystore", "Check that Windows Credential Manager is available, then try again."),
    QT_TRANSLATE_NOOP("keystore", "no usable system keyring was found"),
    QT_TRANSLATE_NOOP("keystore", "the keyring backend {backend} keeps keys in a file, not a secure keyring"),
    QT_TRANSLATE_NOOP("keystore", "the keyring backend {backend} is not a recommended secure keyring"),
    QT_TRANSLATE_NOOP(
        "keystore",
        "No secure keyring is available (backends found: {found}). Sluice keeps API keys "
        "only in the system keyring, never in a file. {how_to_fix}",
    ),
    QT_TRANSLATE_NOOP(
        "keystore",
        "No secure keyring: {reason}. Sluice keeps API keys only in the system keyring, "
        "never in a file. {how_to_fix}",
    ),
    QT_TRANSLATE_NOOP("keystore", "read the API key of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "save the API key of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "delete the API key of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "Could not {action}: the keyring is locked. Unlock it and try again."),
    QT_TRANSLATE_NOOP("keystore", "Could not {action}: the keyring is not available. {how_to_fix}"),
    QT_TRANSLATE_NOOP(
        "keystore", "Could not {action}: the keyring reported an error ({error_type}: {detail})."
    ),
    QT_TRANSLATE_NOOP("keystore", "Could not {action}: the keyring reported an error ({error_type})."),
    QT_TRANSLATE_NOOP("keystore", "An empty API key cannot be saved for profile {name!r}."),
    QT_TRANSLATE_NOOP("keystore", "An empty API key cannot be kept for profile {name!r}."),
    QT_TRANSLATE_NOOP(
        "keystore",
        "This API key is {length} characters long; Windows Credential Manager holds at most {limit}.",
    ),
    QT_TRANSLATE_NOOP("keystore", "The keyring refused to delete the API key of profile {name!r}."),
    QT_TRANSLATE_NOOP("keystore", "A profile name is needed to find its API key."),
    QT_TRANSLATE_NOOP("keystore", "read the secret header {header} of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "save the secret header {header} of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "delete the secret header {header} of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "read the proxy password of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "save the proxy password of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "delete the proxy password of profile {name!r}"),
    QT_TRANSLATE_NOOP("keystore", "The keyring refused to {action}."),
    QT_TRANSLATE_NOOP("keystore", "An empty value cannot be saved: {action}."),
)

_CREDENTIALS = (
    QT_TRANSLATE_NOOP(
        "credentials",
        "The value of header {header} of profile {name!r} is not in the keyring. Enter it again "
        "in the profile editor (or add the profile again with --secret-header).",
    ),
)

_STORE = (
    QT_TRANSLATE_NOOP("store", "Cannot create the conversation database at {path}: {reason}."),
    QT_TRANSLATE_NOOP("store", "Cannot open the conversation database {path}: {reason}."),
    QT_TRANSLATE_NOOP("store", "The conversation database {path} could not be used: {reason}."),
    QT_TRANSLATE_NOOP("store", "Conversation {id} does not exist (it may have been deleted)."),
    QT_TRANSLATE_NOOP("store", "Message {id} does not exist (it may have been deleted)."),
    QT_TRANSLATE_NOOP("store", "Conversation {id} already exists; nothing was restored."),
    QT_TRANSLATE_NOOP("store", "Message {message} is not in conversation {conversation}."),
    QT_TRANSLATE_NOOP(
        "store",
        "The conversation database {path} was made by a newer version of Sluice (schema "
        "{version}; this version understands up to {latest}). The file was left "
        "untouched. Update Sluice to open it.",
    ),
    QT_TRANSLATE_NOOP(
        "store",
        "The conversation database {path} is not a SQLite database or is damaged "
        "({detail}). The file was left untouched. Move it aside to start a new history, "
        "or restore it from a backup.",
    ),
    QT_TRANSLATE_NOOP("store", "Cannot read the conversation database {path}: {reason}."),
    QT_TRANSLATE_NOOP(
        "store",
        "The conversation database {path} cannot be opened: the disk is full ({detail}). The file "
        "was left untouched. Free some space and try again.",
    ),
)

_SETTINGS = (
    QT_TRANSLATE_NOOP("settings", "theme must be one of {choices}"),
    QT_TRANSLATE_NOOP("settings", "font_size must be 0 (system) or {low}–{high}"),
    QT_TRANSLATE_NOOP("settings", "send_key must be one of {choices}"),
    QT_TRANSLATE_NOOP("settings", "language must be one of {choices}"),
    QT_TRANSLATE_NOOP("settings", "{field} has the wrong type"),
    QT_TRANSLATE_NOOP("settings", "{path}: could not be read ({reason}); using the default settings."),
    QT_TRANSLATE_NOOP("settings", "{path}: {problems}; the default is used for those."),
)

_SESSION = (
    QT_TRANSLATE_NOOP(
        "session", "No API key is saved for profile “{name}”. Add one with: sluice profile set-key {quoted}"
    ),
)


SOURCE_TABLES = {
    "errors": _ERRORS,
    "probe": _PROBE,
    "presets": _PRESETS,
    "profiles": _PROFILES,
    "import": _IMPORT,
    "keystore": _KEYSTORE,
    "store": _STORE,
    "settings": _SETTINGS,
    "session": _SESSION,
    "credentials": _CREDENTIALS,
}


def kind_explanation(kind: ErrorKind) -> str:
    """What an error kind means, in the window's language."""
    english = KIND_EXPLANATIONS.get(kind, "Error.")
    return QCoreApplication.translate("errors", english)


def preset_label(preset: Preset) -> str:
    return QCoreApplication.translate("presets", preset.label)


def preset_hint(preset: Preset) -> str:
    return QCoreApplication.translate("presets", preset.docs_hint)


# ---- finished sentences back to their templates --------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    """A `{field}` template as a pattern that reads its fields back out of a finished sentence."""

    context: str
    text: str
    pattern: re.Pattern[str]
    nested: frozenset[str]  # fields that hold another known sentence: translated as well
    fixed: int  # characters outside the fields; the more, the more specific the match


def _parts(template: str) -> list[tuple[str, str | None]]:
    """(literal text, field name or None) pairs; `{{` and `}}` come back as single braces."""
    return [(literal, name) for literal, name, _spec, _conversion in string.Formatter().parse(template)]


def _template(context: str, text: str, nested: Iterable[str] = ()) -> _Template:
    pieces: list[str] = []
    seen: set[str] = set()
    for literal, name in _parts(text):
        pieces.append(re.escape(literal))
        if name is not None:
            pieces.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
            seen.add(name)
    fixed = sum(len(literal) for literal, _name in _parts(text))
    return _Template(context, text, re.compile("".join(pieces), re.DOTALL), frozenset(nested), fixed)


def _most_specific_first(templates: Iterable[_Template]) -> tuple[_Template, ...]:
    return tuple(sorted(templates, key=lambda template: -template.fixed))


def _bare(template: str) -> str:
    """`template` with bare fields ({seconds:g} → {seconds}, {name!r} → {name}): they are filled with the
    text read out of the English sentence, which is already formatted."""
    out = []
    for literal, name in _parts(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append(f"{{{name}}}")
    return "".join(out)


def _fill(template: _Template, fields: dict[str, str]) -> str | None:
    """The template's translation filled with `fields`; None when the translation does not fit them."""
    translated = QCoreApplication.translate(template.context, template.text)
    try:
        return _bare(translated).format(**fields)
    except (KeyError, IndexError, ValueError):
        log.warning("the translation of %r does not fit its fields: %r", template.text, translated)
        return None


# ---- the connection test's sentences -------------------------------------------------------------------

_EXPLAINED = "{explanation} {message}"


@functools.cache
def _probe_templates() -> tuple[_Template, ...]:
    from app.net.probe import TEXT

    # `_EXPLAINED` is read by `_explained`: its first field is one of the error kinds' sentences.
    templates = dict.fromkeys(t for t in TEXT.values() if t != _EXPLAINED)
    return _most_specific_first(_template("probe", text) for text in templates)


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
    for template in _probe_templates():
        # The probe strips each sentence: a template ending in an empty field lost its last space.
        match = template.pattern.fullmatch(sentence) or template.pattern.fullmatch(sentence + " ")
        if match is None:
            continue
        if QCoreApplication.translate("probe", template.text) == template.text:
            return sentence
        filled = _fill(template, match.groupdict())
        return sentence if filled is None else filled.strip()
    return sentence


# ---- messages of profiles, imports, the keyring, the store and settings --------------------------------

_MAX_KNOWN = 1000  # characters: longer text is no message of ours (and would only cost matching time)
_MAX_NESTING = 2  # "{path}: {error}" around a sentence that itself holds one: deeper is not ours either


@functools.cache
def _known_templates() -> tuple[_Template, ...]:
    from app import credentials, keystore, session, settings
    from app.profiles import importer, snippets
    from app.profiles import store as profiles
    from app.store import conversations, schema

    sources: tuple[tuple[str, dict[str, str], tuple[str, ...]], ...] = (
        # lupdate context, the module's MESSAGES, its fields that hold another of these sentences
        ("profiles", profiles.MESSAGES, ("error",)),
        ("import", importer.MESSAGES, ("kind",)),
        ("import", snippets.MESSAGES, ()),
        ("keystore", keystore.MESSAGES, ("reason", "how_to_fix", "action")),
        ("store", conversations.MESSAGES, ()),
        ("store", schema.MESSAGES, ()),
        ("settings", settings.MESSAGES, ("problems",)),
        ("session", session.MESSAGES, ()),
        ("credentials", credentials.MESSAGES, ()),
    )
    return _most_specific_first(
        _template(context, text, nested)
        for context, table, nested in sources
        for text in dict.fromkeys(table.values())
    )


def translate_known(text: str) -> str:
    """A message that Sluice made outside app/ui, in the window's language; any other text as it is.

    The message's template is found again in the modules' MESSAGES tables and its translation filled with
    the same fields; a field holding another of these messages (a profile error inside "{path}: {error}")
    is translated too. Paths, names, URLs and the OS's or a provider's words are kept as they were.
    """
    if len(text) > _MAX_KNOWN or not _catalogue_installed():
        return text
    translated = _known(text)
    return text if translated is None else translated


def _catalogue_installed() -> bool:
    """Whether a Sluice translation is in use; in English there is nothing to match (and no time spent)."""
    return QCoreApplication.translate("list", _LIST_SEPARATOR) != _LIST_SEPARATOR


def exception_text(exc: BaseException) -> str:
    """What an exception says, for the window: Sluice's own sentences translated (`translate_known`).

    A ChatError's text is the provider's words and an OSError's the system's: they are shown as they are.
    """
    if isinstance(exc, SluiceError) and not isinstance(exc, ChatError):
        return translate_known(str(exc))
    return str(exc)


def _known(text: str, depth: int = 0) -> str | None:
    if depth > _MAX_NESTING:
        return None
    for template in _known_templates():
        match = template.pattern.fullmatch(text)
        if match is None:
            continue
        fields = match.groupdict()
        inner = {name: _known_or_list(fields[name], depth + 1) for name in template.nested if name in fields}
        if any(value is None for value in inner.values()):
            continue  # e.g. "{path}: {error}" around words that are not one of our sentences
        filled = _fill(template, fields | {name: value for name, value in inner.items() if value is not None})
        if filled is not None:
            return filled
    return None


def _known_or_list(text: str, depth: int) -> str | None:
    """A nested field: several sentences joined with "; " (settings.toml's problems), or one sentence.

    The list is tried first: a template ending in a field ("theme must be one of {choices}") would also
    match the whole list, swallowing the sentences after it.
    """
    if "; " in text:
        parts = [_known(part, depth) for part in text.split("; ")]
        known = [part for part in parts if part is not None]
        if len(known) == len(parts):
            return QCoreApplication.translate("list", _LIST_SEPARATOR).join(known)
    return _known(text, depth)
