"""profiles.toml and the presets: what a user writes, reads back, breaks and fixes."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import ProfileError
from app.core.models import Profile
from app.profiles import tomlwrite
from app.profiles.presets import PRESETS, from_preset, preset_by_id
from app.profiles.store import ProfileStore, normalise_base_url


def _store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "config" / "profiles.toml")


def _reloaded(store: ProfileStore) -> ProfileStore:
    again = ProfileStore(store.path)
    again.load()
    return again


FULL = Profile(
    name="零度 主力",
    base_url="https://api000.com/v1",
    model="deepseek-r1",
    auth="header:X-Api-Token",
    headers=(("X-Title", 'Sluice "测试"\\'), ("HTTP-Referer", "https://example.org/")),
    proxy="socks5://127.0.0.1:1080",
    stream_usage=False,
    read_timeout=600.5,
    preset="api000",
)


def test_round_trip_keeps_every_field_and_the_order(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.load()
    second = Profile(name="local", base_url="http://localhost:11434/v1", auth="none", proxy="none")
    store.add(FULL)
    store.add(second)
    store.set_default("local")
    store.save()
    again = _reloaded(store)
    assert again.profiles() == [FULL, second]
    assert again.default_name() == "local"


def test_the_saved_file_is_private_and_holds_no_temp_files(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.add(from_preset(preset_by_id("openai"), "work"))
    store.save()
    store.add(from_preset(preset_by_id("deepseek"), "ds"))
    store.save()  # replacing an existing file
    if os.name == "posix":
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["profiles.toml"]
    assert "API keys are not kept here" in store.path.read_text(encoding="utf-8")


def test_a_failed_save_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    store.add(from_preset(preset_by_id("openai"), "work"))
    store.save()
    before = store.path.read_bytes()
    store.add(from_preset(preset_by_id("deepseek"), "ds"))

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    # The disk fills up after the new text is written but before it replaces the old file.
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ProfileError, match=r"could not be written \(No space left on device\)"):
        store.save()
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["profiles.toml"]


def test_headers_may_be_written_as_a_sub_table(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(
        '[[profile]]\nname = "gw"\nbase_url = "https://gw.example/v1/"\n\n'
        '[profile.headers]\n"X-Title" = "Sluice"\n',
        encoding="utf-8",
    )
    store = ProfileStore(path)
    store.load()
    profile = store.get("gw")
    assert profile.headers == (("X-Title", "Sluice"),)
    assert profile.base_url == "https://gw.example/v1"
    assert (profile.model, profile.auth, profile.proxy, profile.stream_usage) == (
        "",
        "bearer",
        "system",
        True,
    )


def test_a_missing_file_means_no_profiles(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.load()
    assert store.profiles() == []
    assert store.default_name() is None
    with pytest.raises(ProfileError, match="no profile named 'x'; `sluice profile list` shows them"):
        store.get("x")


def test_broken_toml_names_the_file_and_line_and_the_store_stays_usable(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "profiles.toml"
    broken = '[[profile]]\nname = "gw"\nbase_url = https://gw.example/v1\n'
    path.write_text(broken, encoding="utf-8")
    store = ProfileStore(path)
    with pytest.raises(ProfileError) as info:
        store.load()
    assert str(path) in str(info.value)
    assert "line 3, column 12" in str(info.value)
    assert store.profiles() == []
    store.add(from_preset(preset_by_id("ollama"), "local"))
    store.save()
    # What the user wrote is kept beside the new file, not overwritten.
    assert (tmp_path / "profiles.toml.broken").read_text(encoding="utf-8") == broken
    assert "moved it to" in caplog.text and "profiles.toml.broken" in caplog.text
    assert _reloaded(store).names() == ["local"]


def test_a_document_cut_short_reports_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text('default = "a"\nx = [\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"line 3 \(end of file\)"):
        ProfileStore(path).load()


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('[[profile]]\nbase_url = "https://a.example/v1"\n', "needs a name"),
        ('[[profile]]\nname = "a"\n', "needs a base_url"),
        ('[[profile]]\nname = "a"\nbase_url = "https://a.example"\nmodle = "x"\n', "unknown settings: modle"),
        ('[[profile]]\nname = "a"\nbase_url = "ftp://a.example"\n', "base_url must be a URL"),
        ('[[profile]]\nname = "a"\nbase_url = "https://a.example"\nread_timeout = "long"\n', "read_timeout"),
        ('[[profile]]\nname = "a"\nbase_url = "https://a.example"\n' * 2, "two profiles are named 'a'"),
        ('profile = "a"\n', "array of tables"),
    ],
)
def test_invalid_profiles_in_the_file_are_reported(tmp_path: Path, text: str, complaint: str) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(text, encoding="utf-8")
    store = ProfileStore(path)
    with pytest.raises(ProfileError, match=complaint) as info:
        store.load()
    assert str(path) in str(info.value)
    assert store.load_error is info.value


def test_default_rules(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.add(from_preset(preset_by_id("openai"), "a"))
    assert store.default_name() == "a"  # the only profile
    store.add(from_preset(preset_by_id("deepseek"), "b"))
    assert store.default_name() is None  # two, none chosen
    store.set_default("b")
    assert store.default_name() == "b"
    store.rename("b", "bee")
    assert store.default_name() == "bee"
    store.remove("bee")
    assert store.default_name() == "a"
    with pytest.raises(ProfileError, match="no profile named 'ghost'"):
        store.set_default("ghost")


def test_a_default_naming_a_removed_profile_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text('default = "gone"\n[[profile]]\nname = "a"\nbase_url = "https://a.example/v1"\n')
    store = ProfileStore(path)
    store.load()
    assert store.default_name() == "a"


def test_add_update_rename_remove(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.add(from_preset(preset_by_id("openai"), "a"))
    with pytest.raises(ProfileError, match="already exists"):
        store.add(from_preset(preset_by_id("openai"), "a"))
    store.add(from_preset(preset_by_id("deepseek"), "b"))
    store.update(from_preset(preset_by_id("openai"), "a", model="gpt-4.1"))
    assert store.get("a").model == "gpt-4.1"
    assert store.names() == ["a", "b"]
    with pytest.raises(ProfileError, match="already exists"):
        store.rename("a", "b")
    store.rename("a", "c")
    assert store.names() == ["c", "b"]
    store.remove("c")
    assert store.names() == ["b"]
    with pytest.raises(ProfileError, match="no profile named 'c'"):
        store.update(from_preset(preset_by_id("openai"), "c"))


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("https://api.openai.com/v1/", "https://api.openai.com/v1"),
        ("https://api.openai.com/v1/chat/completions", "https://api.openai.com/v1"),
        ("https://api.openai.com/v1/chat/completions/", "https://api.openai.com/v1"),
        ("  https://gw.example//  ", "https://gw.example"),
        ("http://localhost:11434/v1", "http://localhost:11434/v1"),
    ],
)
def test_base_url_is_normalised(tmp_path: Path, pasted: str, stored: str) -> None:
    assert normalise_base_url(pasted) == stored
    store = _store(tmp_path)
    assert store.add(Profile(name="p", base_url=pasted)).base_url == stored
    assert store.get("p").base_url == stored


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"name": ""}, "needs a name"),
        ({"name": " padded"}, "leading/trailing spaces"),
        ({"base_url": "api.openai.com/v1"}, "base_url must be a URL"),
        ({"base_url": "https://"}, "base_url must be a URL"),
        ({"auth": "basic"}, "auth must be"),
        ({"auth": "header:"}, "auth must be"),
        ({"auth": "header:Bad Header"}, "not a valid HTTP header name"),
        ({"proxy": "direct"}, "proxy"),
        ({"proxy": "ftp://proxy:21"}, "proxy"),
        ({"read_timeout": 0.0}, "read_timeout"),
        ({"read_timeout": float("inf")}, "read_timeout"),
        ({"headers": (("Authorization", "Bearer abc"),)}, "carries a key"),
        ({"headers": (("X-Custom", "sk-abcdefghijkl"),)}, "carries a key"),
        ({"headers": (("X-Custom", "a\r\nInjected: 1"),)}, "line break"),
    ],
)
def test_invalid_profiles_are_refused(tmp_path: Path, changes: dict[str, object], complaint: str) -> None:
    fields: dict[str, object] = {"name": "p", "base_url": "https://gw.example/v1", **changes}
    store = _store(tmp_path)
    with pytest.raises(ProfileError, match=complaint):
        store.add(Profile(**fields))  # type: ignore[arg-type]
    assert store.profiles() == []


@pytest.mark.parametrize("proxy", ["none", "system", "http://proxy:3128", "socks5://127.0.0.1:1080"])
def test_valid_proxies_are_kept(tmp_path: Path, proxy: str) -> None:
    store = _store(tmp_path)
    store.add(Profile(name="p", base_url="https://gw.example/v1", proxy=proxy))
    store.save()
    assert _reloaded(store).get("p").proxy == proxy


def test_every_preset_makes_a_valid_profile_that_survives_a_save(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for preset in PRESETS:
        profile = store.add(from_preset(preset, preset.label))
        assert profile.base_url == preset.base_url  # presets are already normalised
        assert profile.needs_key == preset.needs_key
        assert (profile.proxy == "none") == preset.local
    store.save()
    again = _reloaded(store)
    assert [p.preset for p in again.profiles()] == [p.id for p in PRESETS]
    assert again.get("ZenMux").model == "openai/gpt-5"
    assert again.get("零度API").base_url == "https://api000.com/v1"
    assert len({p.id for p in PRESETS}) == len(PRESETS)


def test_an_unknown_preset_lists_the_known_ones() -> None:
    with pytest.raises(ProfileError, match="no preset named 'zenmox'; known presets: zenmux, "):
        preset_by_id("zenmox")


def test_the_file_is_plain_toml_with_the_documented_layout(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.add(FULL)
    store.set_default(FULL.name)
    store.save()
    document = tomllib.loads(store.path.read_text(encoding="utf-8"))
    assert document["default"] == "零度 主力"
    [table] = document["profile"]
    assert table["headers"] == {"X-Title": 'Sluice "测试"\\', "HTTP-Referer": "https://example.org/"}
    assert table["read_timeout"] == 600.5


@given(st.text(), st.dictionaries(st.text(min_size=1), st.text(), max_size=3))
def test_any_text_survives_the_toml_writer(value: str, table: dict[str, str]) -> None:
    document = "\n".join([tomlwrite.assignment("value", value), tomlwrite.assignment("table", table)])
    assert tomllib.loads(document) == {"value": value, "table": table}


def test_brackets_inside_strings_and_comments_do_not_count_as_nesting(tmp_path: Path) -> None:
    from app.profiles.tomldepth import MAX_TOML_DEPTH, toml_depth

    deep = "[" * 40
    text = (
        f"# {deep}\n[[profile]]\nname = \"{deep}\"\nbase_url = 'https://gw.example/v1'\n"
        f'model = """{deep}\n{deep}"""\nheaders = {{ "X-A" = "\\"{deep}" }}\n'
    )
    assert toml_depth(text) == 2 < MAX_TOML_DEPTH
    path = tmp_path / "profiles.toml"
    path.write_text(text)
    store = ProfileStore(path)
    store.load()
    assert store.get(deep).model == f"{deep}\n{deep}"


def test_the_window_starts_on_the_default_else_the_first_profile_listed(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles.toml")
    assert store.starting_name() is None
    for name in ("one", "two"):
        store.add(Profile(name=name, base_url="https://gw.example/v1", model="m"))
    assert store.default_name() is None  # two profiles, none chosen: the CLI refuses to guess
    assert store.starting_name() == "one"  # the window starts on the first listed, and shows it
    store.set_default("two")
    assert store.starting_name() == "two"
