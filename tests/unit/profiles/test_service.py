"""The profile use cases against a real profiles.toml, a real SQLite file and an in-memory keyring backend
(the keystore's own tests run against the real Secret Service)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from app.core.errors import KeystoreError, ProfileError
from app.core.models import AUTH_NONE, Profile
from app.keystore import Keystore
from app.profiles.service import Outcome, ProfileService
from app.profiles.store import ProfileStore
from app.store.conversations import ConversationStore
from tests.unit.test_keystore import MemoryKeyring

KEY = "sk-service-0f3c9a7d5e1b"
NEW_KEY = "sk-service-new-7a7a2b2b"


@pytest.fixture
def conversations(tmp_path: Path) -> Iterator[ConversationStore]:
    store = ConversationStore.open(tmp_path / "data" / "sluice.db")
    yield store
    store.close()


def profiles_at(path: Path) -> ProfileStore:
    store = ProfileStore(path)
    store.load()
    return store


def service(
    tmp_path: Path, backend: KeyringBackend, conversations: ConversationStore | None = None
) -> ProfileService:
    keys = Keystore("svc", backend=backend)
    return ProfileService(profiles_at(tmp_path / "config" / "profiles.toml"), keys, conversations)


def main_profile(name: str = "main") -> Profile:
    return Profile(name=name, base_url="https://gw.example.com/v1/", model="m1")


def run(coro: object) -> Outcome:
    return asyncio.run(coro)  # type: ignore[arg-type]


def test_a_new_profile_and_its_key_are_saved(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    outcome = run(svc.save(main_profile(), KEY))
    assert outcome.profile.base_url == "https://gw.example.com/v1"  # as stored: normalised
    assert profiles_at(svc.profiles.path).get("main") == outcome.profile
    assert backend.entries == {("svc", "main"): KEY}
    assert KEY.encode() not in svc.profiles.path.read_bytes()


def test_a_refused_keyring_leaves_nothing_half_made(tmp_path: Path) -> None:
    svc = service(tmp_path, fail.Keyring())
    with pytest.raises(KeystoreError, match="No secure keyring"):
        run(svc.save(main_profile(), KEY))
    assert svc.profiles.names() == [] and not svc.profiles.path.exists()


def test_a_refused_key_leaves_an_existing_profile_as_it_was(tmp_path: Path) -> None:
    svc = service(tmp_path, MemoryKeyring())
    run(svc.save(main_profile()))
    before = svc.profiles.path.read_bytes()
    svc.keys = Keystore("svc", backend=fail.Keyring())
    changed = Profile(name="renamed", base_url="https://other.example.com/v1", model="m2")
    with pytest.raises(KeystoreError):
        run(svc.save(changed, KEY, original="main"))
    assert svc.profiles.names() == ["main"] and svc.profiles.path.read_bytes() == before


def test_a_key_is_not_kept_for_a_profile_that_sends_none(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    run(svc.save(Profile(name="local", base_url="http://127.0.0.1:11434/v1", auth=AUTH_NONE), KEY))
    assert backend.entries == {}


def test_a_taken_name_or_a_bad_field_changes_nothing(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    run(svc.save(main_profile("one"), KEY))
    run(svc.save(main_profile("two")))
    before = svc.profiles.path.read_bytes()
    with pytest.raises(ProfileError, match="already exists"):
        run(svc.save(main_profile("one"), NEW_KEY))
    with pytest.raises(ProfileError, match="already exists"):
        run(svc.save(main_profile("one"), NEW_KEY, original="two"))
    with pytest.raises(ProfileError, match="base_url"):
        run(svc.save(Profile(name="three", base_url="ftp://x/v1"), NEW_KEY))
    assert svc.profiles.path.read_bytes() == before
    assert backend.entries == {("svc", "one"): KEY}


def test_rename_moves_the_key_the_default_and_the_conversations(
    tmp_path: Path, conversations: ConversationStore
) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend, conversations)
    run(svc.save(main_profile("old"), KEY))
    run(svc.save(main_profile("other")))
    svc.profiles.set_default("old")
    svc.profiles.save()
    mine = [conversations.create_conversation(f"c{i}", profile="old") for i in range(250)]
    theirs = conversations.create_conversation("x", profile="other")

    outcome = run(svc.rename("old", "新名字"))

    assert (outcome.renamed_from, outcome.conversations_moved, outcome.problems) == ("old", 250, ())
    on_disk = profiles_at(svc.profiles.path)
    assert on_disk.names() == ["新名字", "other"] and on_disk.default_name() == "新名字"
    assert backend.entries == {("svc", "新名字"): KEY}
    assert {conversations.get_conversation(c.id).profile for c in mine} == {"新名字"}
    assert conversations.get_conversation(theirs.id).profile == "other"


def test_rename_with_a_new_key_keeps_the_new_one(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    run(svc.save(main_profile("old"), KEY))
    run(svc.save(main_profile("new"), NEW_KEY, original="old"))
    assert backend.entries == {("svc", "new"): NEW_KEY}


def test_a_failed_write_changes_nothing_and_takes_the_new_key_back(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    (tmp_path / "config").write_text("a file where the config folder should be")
    with pytest.raises(ProfileError, match="could not be written"):  # the store's one plain line
        run(svc.save(main_profile(), KEY))
    assert svc.profiles.names() == [] and backend.entries == {}


def test_duplicate_copies_the_key_and_a_session_key_stays_a_session_key(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    run(svc.save(main_profile(), KEY))
    run(svc.save(main_profile("temp")))
    svc.keys.set_session("temp", NEW_KEY)  # type: ignore[attr-defined]

    assert run(svc.duplicate("main")).profile.name == "main copy"
    assert run(svc.duplicate("temp")).profile.name == "temp copy"

    assert profiles_at(svc.profiles.path).names() == ["main", "main copy", "temp", "temp copy"]
    assert backend.entries == {("svc", "main"): KEY, ("svc", "main copy"): KEY}
    assert svc.keys.is_session_only("temp copy")


def test_delete_removes_the_key_and_says_when_the_keyring_would_not(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    run(svc.save(main_profile("one"), KEY))
    run(svc.save(main_profile("two"), NEW_KEY))
    assert run(svc.delete("one")).problems == ()
    assert backend.entries == {("svc", "two"): NEW_KEY}

    def refuse(_service: str, _name: str) -> None:
        raise RuntimeError("the keyring said no")

    backend.delete_password = refuse  # type: ignore[method-assign]
    outcome = run(svc.delete("two"))
    assert profiles_at(svc.profiles.path).names() == []
    [problem] = outcome.problems
    assert problem.what == "key_not_deleted"
    assert str(problem).startswith("The profile was deleted, but its key could not be removed")
    assert "the keyring said no" in str(problem)


def test_without_a_keyring_profiles_that_send_no_key_are_renamed_copied_and_deleted_quietly(
    tmp_path: Path,
) -> None:
    svc = service(tmp_path, fail.Keyring())
    run(svc.save(Profile(name="local", base_url="http://127.0.0.1:11434/v1", auth=AUTH_NONE)))
    assert run(svc.rename("local", "ollama")).problems == ()
    assert run(svc.duplicate("ollama")).problems == ()
    assert run(svc.delete("ollama copy")).problems == ()
    assert profiles_at(svc.profiles.path).names() == ["ollama"]


# ---- secret headers and the proxy password (merged from creds) ----------------------------------------

COOKIE = "session=COOKIE-SVC-5d1e"
PROXY_PW = "PROXY-PW-SVC-77aa"


def with_secrets(name: str = "main") -> Profile:
    """A profile as the editor's form or `profile add` gives it: secret values inline."""
    return Profile(
        name=name,
        base_url="https://gw.example.com/v1",
        model="m1",
        auth=AUTH_NONE,
        headers=(("X-Title", "Sluice"), ("Cookie", COOKIE)),
        proxy=f"http://alice:{PROXY_PW}@proxy.example:8080",
    )


def test_secrets_go_to_the_keyring_and_the_file_keeps_only_names(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    stored = run(svc.save(with_secrets())).profile
    assert stored.headers == (("X-Title", "Sluice"),) and stored.secret_headers == ("Cookie",)
    assert stored.proxy == "http://alice@proxy.example:8080"
    assert profiles_at(svc.profiles.path).get("main") == stored
    text = svc.profiles.path.read_text()
    assert COOKIE not in text and PROXY_PW not in text
    assert backend.entries == {("svc:header:cookie", "main"): COOKIE, ("svc:proxy", "main"): PROXY_PW}


def test_a_refused_keyring_writes_no_file_and_keeps_no_key_for_the_secrets(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)

    def refuse(_service: str, _name: str, _value: str) -> None:
        raise RuntimeError("locked")

    original = backend.set_password
    backend.set_password = lambda s, n, v: original(s, n, v) if s == "svc" else refuse(s, n, v)  # type: ignore[method-assign]
    with pytest.raises(KeystoreError):
        run(svc.save(dataclasses.replace(with_secrets(), auth="bearer"), KEY))
    assert not svc.profiles.path.exists() and svc.profiles.names() == []
    assert backend.entries == {}  # the key saved first was taken back: no key under a name no profile has


def test_rename_moves_duplicate_copies_and_delete_removes_the_secrets(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    run(svc.save(with_secrets()))
    renamed = run(svc.rename("main", "work"))
    assert renamed.problems == ()
    assert backend.entries == {("svc:header:cookie", "work"): COOKIE, ("svc:proxy", "work"): PROXY_PW}
    copy = run(svc.duplicate("work")).profile
    assert backend.entries[("svc:header:cookie", copy.name)] == COOKIE
    assert backend.entries[("svc:proxy", copy.name)] == PROXY_PW
    assert run(svc.delete("work")).problems == ()
    assert set(backend.entries) == {("svc:header:cookie", copy.name), ("svc:proxy", copy.name)}


def test_a_rename_with_a_new_value_keeps_the_new_one(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    stored = run(svc.save(with_secrets())).profile
    typed = dataclasses.replace(stored, name="work", headers=(*stored.headers, ("Cookie", "session=NEW")))
    run(svc.save(typed, original="main"))
    assert backend.entries == {("svc:header:cookie", "work"): "session=NEW", ("svc:proxy", "work"): PROXY_PW}


def test_a_save_that_drops_a_secret_header_or_the_proxy_user_deletes_its_entry(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    svc = service(tmp_path, backend)
    stored = run(svc.save(with_secrets())).profile
    run(svc.save(dataclasses.replace(stored, secret_headers=()), original="main"))
    assert backend.entries == {("svc:proxy", "main"): PROXY_PW}
    run(svc.save(dataclasses.replace(stored, secret_headers=(), proxy="system"), original="main"))
    assert backend.entries == {}
