"""A profile's fallbacks through renames and deletes, against a real profiles.toml (issue 16)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.core.errors import ProfileError
from app.core.fallbacks import first_duplicate, parse_target, renamed_in
from app.core.models import AUTH_NONE, Profile
from app.keystore import Keystore
from app.profiles.service import Outcome, ProfileService
from app.profiles.store import ProfileStore
from tests.unit.test_keystore import MemoryKeyring


def profiles_at(path: Path) -> ProfileStore:
    store = ProfileStore(path)
    store.load()
    return store


def service(tmp_path: Path) -> ProfileService:
    keys = Keystore("svc", backend=MemoryKeyring())
    return ProfileService(profiles_at(tmp_path / "config" / "profiles.toml"), keys)


def profile(name: str, *fallbacks: str) -> Profile:
    return Profile(
        name=name, base_url="http://127.0.0.1:9/v1", model="m", auth=AUTH_NONE, fallbacks=fallbacks
    )


def run(coro: object) -> Outcome:
    return asyncio.run(coro)  # type: ignore[arg-type]


def test_a_target_is_read_against_the_profiles_that_exist() -> None:
    names = {"b", "a:b", "local"}.__contains__
    assert parse_target("b", names) == ("b", "")
    assert parse_target("a:b", names) == ("a:b", "")  # a whole name wins over the colon
    assert parse_target("a:b:qwen2:7b", names) == ("a:b", "qwen2:7b")  # the longest known name
    assert parse_target("local:qwen2:7b", names) == ("local", "qwen2:7b")  # a model with a colon
    assert parse_target("gone:m", names) == ("gone", "m")  # unknown: the first colon
    assert renamed_in(["b", "b:gpt-4o", "a:b", "c"], "b", "bee", names) == ("bee", "bee:gpt-4o", "a:b", "c")
    assert first_duplicate(["b", "b:m", " b "], names) == " b "
    assert first_duplicate(["b", "b:m"], names) is None


def test_rename_carries_the_new_name_into_other_profiles_fallbacks(tmp_path: Path) -> None:
    svc = service(tmp_path)
    run(svc.save(profile("b")))
    run(svc.save(profile("c")))
    run(svc.save(profile("a", "b:gpt-4o", "c", "b")))
    run(svc.save(profile("d", "c")))

    outcome = run(svc.rename("b", "备用"))

    assert outcome.fallbacks_named == ("a",)
    on_disk = profiles_at(svc.profiles.path)  # one write: the file read back says the same
    assert on_disk.get("a").fallbacks == ("备用:gpt-4o", "c", "备用")
    assert on_disk.get("d").fallbacks == ("c",)
    assert on_disk.names() == ["备用", "c", "a", "d"]


def test_a_rename_in_the_editor_form_carries_the_name_too(tmp_path: Path) -> None:
    svc = service(tmp_path)
    run(svc.save(profile("b")))
    run(svc.save(profile("a", "b")))
    run(svc.save(profile("b2"), original="b"))  # the editor saves a renamed form this way
    assert profiles_at(svc.profiles.path).get("a").fallbacks == ("b2",)


def test_delete_keeps_the_fallbacks_that_name_it_and_says_whose(tmp_path: Path) -> None:
    svc = service(tmp_path)
    run(svc.save(profile("b")))
    run(svc.save(profile("a", "b:m", "c")))
    run(svc.save(profile("c", "b")))

    outcome = run(svc.delete("b"))

    assert outcome.fallbacks_named == ("a", "c")
    on_disk = profiles_at(svc.profiles.path)
    assert on_disk.get("a").fallbacks == ("b:m", "c")  # kept: shown as missing, skipped at run time
    assert on_disk.get("c").fallbacks == ("b",)
    assert svc.fallbacks_naming("c") == ("a",)


def test_a_fallback_twice_or_to_itself_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    svc = service(tmp_path)
    run(svc.save(profile("b")))
    run(svc.save(profile("a")))
    with pytest.raises(ProfileError, match="'b:m' is listed twice"):
        run(svc.save(profile("a", "b:m", "c", "b:m"), original="a"))
    with pytest.raises(ProfileError, match="cannot fall back to itself"):
        run(svc.save(profile("a2", "b", "a"), original="a"))  # its old name is itself too
    assert profiles_at(svc.profiles.path).get("a").fallbacks == ()
    assert profiles_at(svc.profiles.path).names() == ["b", "a"]
