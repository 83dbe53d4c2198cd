"""The keystore: real Secret Service round trips, and refusal of every backend that is not a secure keyring.

Tests marked `keyring` talk to a real Secret Service (run them under scripts/with-keyring.sh). Without one
they skip, saying why; with SLUICE_REQUIRE_KEYRING=1 (as CI sets) a missing keyring is a failure instead.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import traceback
import uuid
from collections.abc import Iterator
from typing import ClassVar, TypeVar

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend

from app.core.errors import KeystoreError, redact
from app.keystore import Keystore

NAMES = ("main", "other", "零度 主力", "renamed", "never-set")


_Backend = TypeVar("_Backend", bound=type[KeyringBackend])


def _unregistered(cls: _Backend) -> _Backend:
    """keyring registers every backend class it sees; keep our test doubles out of its discovery."""
    KeyringBackend._classes.discard(cls)  # type: ignore[attr-defined]
    return cls


@_unregistered
class MemoryKeyring(KeyringBackend):
    """A secure-looking in-memory backend, for what a real Secret Service cannot be made to do."""

    priority = 5  # type: ignore[assignment]
    # Never keyring's own choice: keyring picks its default among every KeyringBackend subclass defined in the
    # process, and at priority 5 a test's class tied with the Secret Service (the winner depended on set
    # order), so a later `Keystore()` could land in memory. Used only where a test passes it.
    viable = False

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.threads: set[int] = set()

    def get_password(self, service: str, username: str) -> str | None:
        self.threads.add(threading.get_ident())
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.threads.add(threading.get_ident())
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.threads.add(threading.get_ident())
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("No such password!")


@_unregistered
class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (keyrings.alt is not installed, on purpose)."""

    __module__ = "keyrings.alt.file"
    priority = 0.5  # type: ignore[assignment]


@_unregistered
class HighPriorityEncryptedKeyring(MemoryKeyring):
    """A keyrings.alt file backend someone raised the priority of: refused by what it is, not its rank."""

    __module__ = "keyrings.alt.file"
    priority = 5  # type: ignore[assignment]


@_unregistered
class LowPriorityKeyring(MemoryKeyring):
    """Not known to be a file, but keyring itself rates it below "recommended"."""

    priority = 0.5  # type: ignore[assignment]


@_unregistered
class EmptyChainer(ChainerBackend):
    backends: ClassVar[list[KeyringBackend]] = [fail.Keyring(), PlaintextKeyring()]  # type: ignore[misc]


def _service() -> str:
    return f"sluice-test-{uuid.uuid4().hex}"


def _linux_fix_is_named(message: str) -> bool:
    return "gnome-keyring" in message if sys.platform.startswith("linux") else True


# --- insecure or absent backends -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend",
    [
        fail.Keyring(),
        null.Keyring(),
        PlaintextKeyring(),
        HighPriorityEncryptedKeyring(),
        LowPriorityKeyring(),
    ],
    ids=["fail", "null", "plaintext", "keyrings-alt-high-priority", "low-priority"],
)
def test_insecure_backends_are_refused_and_never_written(backend: KeyringBackend) -> None:
    store = Keystore(_service(), backend=backend)
    with pytest.raises(KeystoreError) as info:
        store.check()
    message = str(info.value)
    assert "never in a file" in message
    assert _linux_fix_is_named(message)
    for call in (lambda: store.set("main", "sk-notsaved123456"), lambda: store.get("main")):
        with pytest.raises(KeystoreError):
            call()
    if isinstance(backend, MemoryKeyring):
        assert backend.entries == {}


def test_a_chain_without_a_secure_backend_is_refused() -> None:
    store = Keystore(_service(), backend=EmptyChainer())
    with pytest.raises(KeystoreError, match="No secure keyring"):
        store.set("main", "sk-notsaved123456")
    assert EmptyChainer.backends[1].entries == {}


def test_a_chain_writes_only_to_its_secure_member() -> None:
    plaintext, secure = PlaintextKeyring(), MemoryKeyring()

    @_unregistered
    class Chain(ChainerBackend):
        backends: ClassVar[list[KeyringBackend]] = [plaintext, secure]  # type: ignore[misc]

    store = Keystore("svc", backend=Chain())
    store.set("main", "sk-chained123456")
    assert plaintext.entries == {}
    assert secure.entries == {("svc", "main"): "sk-chained123456"}


# --- errors never carry the key -------------------------------------------------------------------------


@_unregistered
class BrokenKeyring(MemoryKeyring):
    """A Secret Service that fails the way D-Bus errors do, echoing what it was given."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError(f"org.freedesktop.DBus.Error.NoReply while storing {password}")

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


def test_keyring_failures_become_plain_messages_without_the_key() -> None:
    key = "zmx-opaque-key-0123456789"
    store = Keystore("svc", backend=BrokenKeyring())
    with pytest.raises(KeystoreError) as info:
        store.set("main", key)
    shown = "".join(traceback.format_exception(info.value))
    assert "save the API key of profile 'main'" in str(info.value)
    assert key not in shown
    with pytest.raises(KeystoreError, match="locked"):
        store.get("main")


@_unregistered
class UndeletableKeyring(MemoryKeyring):
    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("permission denied")


def test_a_delete_that_leaves_the_key_behind_is_an_error() -> None:
    backend = UndeletableKeyring()
    store = Keystore("svc", backend=backend)
    store.set("main", "sk-sticky1234567")
    with pytest.raises(KeystoreError, match="refused to delete"):
        store.delete("main")
    store.delete("never-set")  # the same error for a missing entry is just "nothing to delete"


def test_async_calls_run_off_the_event_loop_thread() -> None:
    backend = MemoryKeyring()
    store = Keystore("svc", backend=backend)

    async def scenario() -> tuple[str | None, str | None, int]:
        await store.aset("main", "sk-async12345678")
        got = await store.aget("main")
        await store.adelete("main")
        return got, await store.aget("main"), threading.get_ident()

    got, after_delete, loop_thread = asyncio.run(scenario())
    assert (got, after_delete) == ("sk-async12345678", None)
    assert backend.threads and loop_thread not in backend.threads


# --- the real Secret Service ------------------------------------------------------------------------------


def _secret_service_problem() -> str | None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset); run under scripts/with-keyring.sh"
    from keyring.backends import SecretService

    try:
        SecretService.Keyring.priority  # noqa: B018 (keyring raises here when no Secret Service answers)
    except Exception as exc:
        return f"no Secret Service answers on D-Bus ({exc}); run under scripts/with-keyring.sh"
    return None


@pytest.fixture
def real_keystore() -> Iterator[Keystore]:
    problem = _secret_service_problem()
    if problem is not None:
        if os.environ.get("SLUICE_REQUIRE_KEYRING") == "1":
            pytest.fail(f"SLUICE_REQUIRE_KEYRING=1 but {problem}")
        pytest.skip(problem)
    from keyring.backends import SecretService

    store = Keystore(_service(), backend=SecretService.Keyring())
    yield store
    for name in NAMES:
        store.delete(name)


@pytest.mark.keyring
def test_real_keyring_round_trip(real_keystore: Keystore) -> None:
    real_keystore.set("main", "sk-first-key-123456")
    real_keystore.set("main", "sk-second-key-123456")
    real_keystore.set("other", "sk-other-key-123456")
    assert real_keystore.get("main") == "sk-second-key-123456"
    real_keystore.delete("main")
    assert real_keystore.get("main") is None
    assert real_keystore.get("other") == "sk-other-key-123456"


@pytest.mark.keyring
def test_real_keyring_keeps_chinese_names_and_long_keys(real_keystore: Keystore) -> None:
    key = "令牌-" + "k" * 4000 + "-结束"
    real_keystore.set("零度 主力", key)
    assert real_keystore.get("零度 主力") == key
    assert real_keystore.get("main") is None


@pytest.mark.keyring
def test_real_keyring_delete_of_a_missing_key_is_fine(real_keystore: Keystore) -> None:
    real_keystore.delete("never-set")
    assert real_keystore.get("never-set") is None


@pytest.mark.keyring
def test_real_keyring_move_follows_a_rename(real_keystore: Keystore) -> None:
    real_keystore.set("main", "sk-moving-key-123456")
    real_keystore.move("main", "renamed")
    assert (real_keystore.get("main"), real_keystore.get("renamed")) == (None, "sk-moving-key-123456")


@pytest.mark.keyring
def test_a_key_read_from_the_keyring_is_redacted_everywhere(real_keystore: Keystore) -> None:
    # Saved behind the keystore's back, so only `get` can have told redaction about it.
    key = f"opaque{uuid.uuid4().hex}"
    from keyring.backends import SecretService

    SecretService.Keyring().set_password(real_keystore.service, "other", key)
    assert key in redact(f"gateway said: bad key {key}")  # not key-shaped, so unknown to redaction so far
    assert real_keystore.get("other") == key
    assert key not in redact(f"gateway said: bad key {key}")


@pytest.mark.keyring
def test_real_keyring_async_twins(real_keystore: Keystore) -> None:
    async def scenario() -> str | None:
        await real_keystore.aset("main", "sk-async-real-123456")
        return await real_keystore.aget("main")

    assert asyncio.run(scenario()) == "sk-async-real-123456"


@pytest.mark.keyring
def test_the_default_backend_is_accepted_under_a_secret_service(real_keystore: Keystore) -> None:
    default = Keystore(real_keystore.service)
    default.check()
    assert default.backend_name().startswith("keyring.backends.")
