"""API keys in the OS keyring: one service name, one entry per profile name. Never a plaintext fallback.

keyring picks a backend by priority; on a machine with `keyrings.alt` installed, or with no Secret Service,
that backend stores keys in a file or nowhere at all. `Keystore.check()` refuses those and says how to get a
real keyring instead. Calls block (D-Bus round trips, maybe an unlock prompt), so async code uses the
`a…` twins, which run in a worker thread.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import TYPE_CHECKING

from app.core.errors import KeystoreError, redact, register_secret
from app.core.models import PROXY_SLOT
from app.core.sentences import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring itself is imported where it is first used, not here: loading it and its backends costs ~50-90 ms,
# and the window can paint before any key is needed.

DEFAULT_SERVICE = "sluice"
# Windows Credential Manager holds at most 2560 bytes per secret (1280 UTF-16 characters).
_WINDOWS_MAX_KEY = 1280

# keyrings.alt (Plaintext/Encrypted file, registry) and keyrings.cryptfile keep keys in files we would own.
_FILE_BACKEND_MODULES = ("keyrings.alt", "keyrings.cryptfile")
_FILE_BACKEND_WORDS = ("plaintext", "encrypted")

# Every sentence a KeystoreError can say, marked for lupdate: `.format()` makes a Sentence that the window
# translates with its fields (app/core/sentences.py). `{reason}`, `{how_to_fix}` and `{action}` hold
# sentences of this table.
MESSAGES: dict[str, str] = {
    "fix.linux": QT_TRANSLATE_NOOP(
        "keystore",
        "Install and unlock a Secret Service such as GNOME Keyring or KeePassXC "
        "(e.g. `sudo apt-get install gnome-keyring`), make sure you are in a desktop session with D-Bus, "
        "then try again.",
    ),
    "fix.macos": QT_TRANSLATE_NOOP(
        "keystore", "Check that the macOS Keychain is available and unlocked, then try again."
    ),
    "fix.windows": QT_TRANSLATE_NOOP(
        "keystore", "Check that Windows Credential Manager is available, then try again."
    ),
    "insecure.none": QT_TRANSLATE_NOOP("keystore", "no usable system keyring was found"),
    "insecure.file": QT_TRANSLATE_NOOP(
        "keystore", "the keyring backend {backend} keeps keys in a file, not a secure keyring"
    ),
    "insecure.weak": QT_TRANSLATE_NOOP(
        "keystore", "the keyring backend {backend} is not a recommended secure keyring"
    ),
    "no_secure_member": QT_TRANSLATE_NOOP(
        "keystore",
        "No secure keyring is available (backends found: {found}). Sluice keeps API keys only in the "
        "system keyring, never in a file. {how_to_fix}",
    ),
    "no_secure": QT_TRANSLATE_NOOP(
        "keystore",
        "No secure keyring: {reason}. Sluice keeps API keys only in the system keyring, never in a file. "
        "{how_to_fix}",
    ),
    "action.read": QT_TRANSLATE_NOOP("keystore", "read the API key of profile {name!r}"),
    "action.save": QT_TRANSLATE_NOOP("keystore", "save the API key of profile {name!r}"),
    "action.delete": QT_TRANSLATE_NOOP("keystore", "delete the API key of profile {name!r}"),
    "action.read_header": QT_TRANSLATE_NOOP(
        "keystore", "read the secret header {header} of profile {name!r}"
    ),
    "action.save_header": QT_TRANSLATE_NOOP(
        "keystore", "save the secret header {header} of profile {name!r}"
    ),
    "action.delete_header": QT_TRANSLATE_NOOP(
        "keystore", "delete the secret header {header} of profile {name!r}"
    ),
    "action.read_proxy": QT_TRANSLATE_NOOP("keystore", "read the proxy password of profile {name!r}"),
    "action.save_proxy": QT_TRANSLATE_NOOP("keystore", "save the proxy password of profile {name!r}"),
    "action.delete_proxy": QT_TRANSLATE_NOOP("keystore", "delete the proxy password of profile {name!r}"),
    "locked": QT_TRANSLATE_NOOP(
        "keystore", "Could not {action}: the keyring is locked. Unlock it and try again."
    ),
    "unavailable": QT_TRANSLATE_NOOP(
        "keystore", "Could not {action}: the keyring is not available. {how_to_fix}"
    ),
    "backend_error": QT_TRANSLATE_NOOP(
        "keystore", "Could not {action}: the keyring reported an error ({error_type}: {detail})."
    ),
    "backend_error_bare": QT_TRANSLATE_NOOP(
        "keystore", "Could not {action}: the keyring reported an error ({error_type})."
    ),
    "empty_save": QT_TRANSLATE_NOOP("keystore", "An empty API key cannot be saved for profile {name!r}."),
    "empty_session": QT_TRANSLATE_NOOP("keystore", "An empty API key cannot be kept for profile {name!r}."),
    "too_long": QT_TRANSLATE_NOOP(
        "keystore",
        "This API key is {length} characters long; Windows Credential Manager holds at most {limit}.",
    ),
    "refused_delete": QT_TRANSLATE_NOOP(
        "keystore", "The keyring refused to delete the API key of profile {name!r}."
    ),
    "refused_delete_secret": QT_TRANSLATE_NOOP("keystore", "The keyring refused to {action}."),
    "empty_secret": QT_TRANSLATE_NOOP("keystore", "An empty value cannot be saved: {action}."),
    "no_name": QT_TRANSLATE_NOOP("keystore", "A profile name is needed to find its API key."),
}


def _slot_action(verb: str, name: str, slot: str) -> str:
    if slot == PROXY_SLOT:
        return MESSAGES[f"action.{verb}_proxy"].format(name=name)
    return MESSAGES[f"action.{verb}_header"].format(name=name, header=slot.partition(":")[2])


class KeyringLockedError(KeystoreError):
    """The keyring is there but locked (`sluice profile list` says so rather than "no key")."""


def _how_to_fix() -> str:
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return MESSAGES["fix.linux"]
    if sys.platform == "darwin":
        return MESSAGES["fix.macos"]
    return MESSAGES["fix.windows"]


def _describe(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _priority(backend: KeyringBackend) -> float:
    try:
        return float(type(backend).priority)
    except Exception:
        # keyring signals "not usable here" by raising from `priority` (e.g. no D-Bus session).
        return -1.0


def insecurity(backend: KeyringBackend) -> str | None:
    """Why `backend` must not hold keys, in words for the user; None when it is fine."""
    module = type(backend).__module__
    words = type(backend).__name__.lower().replace("_", "")
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return MESSAGES["insecure.none"]
    if module.startswith(_FILE_BACKEND_MODULES) or any(word in words for word in _FILE_BACKEND_WORDS):
        return MESSAGES["insecure.file"].format(backend=_describe(backend))
    if _priority(backend) < 1:
        return MESSAGES["insecure.weak"].format(backend=_describe(backend))
    return None


def _resolve(backend: KeyringBackend) -> KeyringBackend:
    """The secure backend that will really hold keys, or KeystoreError saying why there is none.

    A ChainerBackend would try every backend in turn, and may include a file-based one; use its best
    secure member directly so that a key can never land in the file.
    """
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        members: list[KeyringBackend] = list(backend.backends)
        for member in members:
            if insecurity(member) is None:
                return member
        found = ", ".join(_describe(m) for m in members) or "none"
        raise KeystoreError(MESSAGES["no_secure_member"].format(found=found, how_to_fix=_how_to_fix()))
    reason = insecurity(backend)
    if reason is not None:
        raise KeystoreError(MESSAGES["no_secure"].format(reason=reason, how_to_fix=_how_to_fix()))
    return backend


class Keystore:
    """The keys of all profiles, under one keyring service name.

    Args:
        service: the keyring service name; tests pass a unique one.
        backend: a keyring backend to use instead of keyring's default (resolved on first use).
    """

    def __init__(self, service: str = DEFAULT_SERVICE, *, backend: KeyringBackend | None = None) -> None:
        self.service = service
        self._candidate = backend
        self._backend: KeyringBackend | None = None
        self._error: KeystoreError | None = None
        self._checked = False
        # The a… twins run in worker threads; resolve the backend once, not once per thread.
        self._lock = threading.Lock()
        # Keys the user chose to keep for this session only (no usable keyring): memory, gone at quit.
        self._session: dict[str, str] = {}
        # Its own lock: `_lock` is held while the backend is first found (D-Bus, maybe seconds), and the
        # window asks about session keys from the GUI thread.
        self._session_lock = threading.Lock()

    def check(self) -> None:
        """Raise KeystoreError unless a secure keyring backs this keystore. The verdict is cached."""
        self._secure_backend()

    def backend_name(self) -> str:
        """The backend keys go to, for diagnostics (raises KeystoreError like `check`)."""
        return _describe(self._secure_backend())

    def _secure_backend(self) -> KeyringBackend:
        with self._lock:
            if not self._checked:
                import keyring

                try:
                    candidate = self._candidate if self._candidate is not None else keyring.get_keyring()
                    self._backend = _resolve(candidate)
                except KeystoreError as exc:
                    self._error = exc
                self._checked = True
        if self._error is not None:
            raise self._error
        assert self._backend is not None
        return self._backend

    def get(self, name: str) -> str | None:
        """The key saved for profile `name` (a session-only key first), or None if it has none."""
        with self._session_lock:
            session = self._session.get(name)
        if session is not None:
            return session
        backend = self._secure_backend()
        _check_name(name)
        try:
            key = backend.get_password(self.service, name)
        except Exception as exc:
            raise _wrap(exc, MESSAGES["action.read"].format(name=name)) from None
        if key:
            register_secret(key)
        return key

    def set(self, name: str, key: str) -> None:
        """Save (or replace) the key of profile `name`."""
        backend = self._secure_backend()
        _check_name(name)
        if not key:
            raise KeystoreError(MESSAGES["empty_save"].format(name=name))
        register_secret(key)
        if type(backend).__module__.startswith("keyring.backends.Windows") and len(key) > _WINDOWS_MAX_KEY:
            raise KeystoreError(MESSAGES["too_long"].format(length=len(key), limit=_WINDOWS_MAX_KEY))
        try:
            backend.set_password(self.service, name, key)
        except Exception as exc:
            raise _wrap(exc, MESSAGES["action.save"].format(name=name)) from None
        with self._session_lock:
            self._session.pop(name, None)  # the keyring has it now

    def set_session(self, name: str, key: str) -> None:
        """Keep a key in memory for this session only (when no secure keyring can hold it). Never a file."""
        _check_name(name)
        if not key:
            raise KeystoreError(MESSAGES["empty_session"].format(name=name))
        register_secret(key)
        with self._session_lock:
            self._session[name] = key

    def is_session_only(self, name: str) -> bool:
        """True when the key of `name` lives in memory only and is gone at quit."""
        with self._session_lock:
            return name in self._session

    def delete(self, name: str) -> None:
        """Forget the key of profile `name`; a profile without a key is fine.

        A session-only key is forgotten first; with no secure keyring there is nothing more of ours to delete.
        """
        with self._session_lock:
            had_session = self._session.pop(name, None) is not None
        if had_session and not self._usable():
            return
        backend = self._secure_backend()
        _check_name(name)
        import keyring.errors

        try:
            backend.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            # Backends raise this for "no such entry"; only a key that is still there is a failure.
            if self.get(name) is not None:
                raise KeystoreError(MESSAGES["refused_delete"].format(name=name)) from None
        except Exception as exc:
            raise _wrap(exc, MESSAGES["action.delete"].format(name=name)) from None

    def move(self, old: str, new: str) -> None:
        """Carry a key over when a profile is renamed (nothing to do if `old` has none)."""
        if old == new:
            return
        with self._session_lock:
            session = self._session.pop(old, None)
            if session is not None:
                self._session[new] = session
        if session is not None and not self._usable():
            return
        key = self.get(old)
        if key is not None:
            self.set(new, key)
            self.delete(old)

    def _usable(self) -> bool:
        try:
            self._secure_backend()
        except KeystoreError:
            return False
        return True

    # -- secrets beside the key: secret header values and a proxy password, one entry per profile+slot --

    def _slot_service(self, slot: str) -> str:
        # A service of their own: no profile name can collide with a slot, and the key's entry is unchanged.
        return f"{self.service}:{slot}"

    def get_secret(self, name: str, slot: str) -> str | None:
        """The value kept in `slot` (`header_slot(…)` or PROXY_SLOT) for profile `name`, or None."""
        backend = self._secure_backend()
        _check_name(name)
        try:
            value = backend.get_password(self._slot_service(slot), name)
        except Exception as exc:
            raise _wrap(exc, _slot_action("read", name, slot)) from None
        if value:
            register_secret(value)
        return value

    def set_secret(self, name: str, slot: str, value: str) -> None:
        backend = self._secure_backend()
        _check_name(name)
        if not value:
            raise KeystoreError(MESSAGES["empty_secret"].format(action=_slot_action("save", name, slot)))
        register_secret(value)
        try:
            backend.set_password(self._slot_service(slot), name, value)
        except Exception as exc:
            raise _wrap(exc, _slot_action("save", name, slot)) from None

    def delete_secret(self, name: str, slot: str) -> None:
        """Forget the value in `slot`; nothing there is fine."""
        backend = self._secure_backend()
        _check_name(name)
        import keyring.errors

        try:
            backend.delete_password(self._slot_service(slot), name)
        except keyring.errors.PasswordDeleteError:
            if self.get_secret(name, slot) is not None:
                action = _slot_action("delete", name, slot)
                raise KeystoreError(MESSAGES["refused_delete_secret"].format(action=action)) from None
        except Exception as exc:
            raise _wrap(exc, _slot_action("delete", name, slot)) from None

    async def asecret(self, name: str, slot: str) -> str | None:
        return await asyncio.to_thread(self.get_secret, name, slot)

    async def aset_secret(self, name: str, slot: str, value: str) -> None:
        await asyncio.to_thread(self.set_secret, name, slot, value)

    async def adelete_secret(self, name: str, slot: str) -> None:
        await asyncio.to_thread(self.delete_secret, name, slot)

    async def aget(self, name: str) -> str | None:
        return await asyncio.to_thread(self.get, name)

    async def aset(self, name: str, key: str) -> None:
        await asyncio.to_thread(self.set, name, key)

    async def adelete(self, name: str) -> None:
        await asyncio.to_thread(self.delete, name)

    async def amove(self, old: str, new: str) -> None:
        await asyncio.to_thread(self.move, old, new)


def _check_name(name: str) -> None:
    if not name:
        raise KeystoreError(MESSAGES["no_name"])


def _wrap(exc: Exception, action: str) -> KeystoreError:
    """A plain sentence for a keyring failure. The original exception is dropped (`from None`) so that
    nothing it carries can reach a traceback; its text is redacted (the key is registered by then)."""
    import keyring.errors

    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyringLockedError(MESSAGES["locked"].format(action=action))
    if isinstance(exc, keyring.errors.InitError | keyring.errors.NoKeyringError):
        return KeystoreError(MESSAGES["unavailable"].format(action=action, how_to_fix=_how_to_fix()))
    detail = redact(str(exc)).strip()
    if detail:
        message = MESSAGES["backend_error"].format(
            action=action, error_type=type(exc).__name__, detail=detail
        )
    else:
        message = MESSAGES["backend_error_bare"].format(action=action, error_type=type(exc).__name__)
    return KeystoreError(message)
