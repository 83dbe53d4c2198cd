"""Which headers are secrets, proxy passwords in and out of URLs, and profiles.toml never losing a secret."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.core.errors import ProfileError
from app.core.models import Profile, is_secret_header, split_proxy_password, with_proxy_password
from app.credentials import split_headers, without_secrets
from app.profiles.store import ProfileStore, inline_secrets


@pytest.mark.parametrize(
    "name",
    ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Goog-Api-Key", "X-Auth-Token",
     "X-Client-Secret", "api-key", "X-API_KEY", "X-Password", "X-Amz-Signature"],
)  # fmt: skip
def test_credential_header_names_are_secret(name: str) -> None:
    assert is_secret_header(name)


@pytest.mark.parametrize(
    "name",
    ["X-Title", "HTTP-Referer", "Accept-Encoding", "OpenAI-Organization", "X-Request-Id", "X-Session-Id"],
)
def test_ordinary_header_names_are_not(name: str) -> None:
    assert not is_secret_header(name)


def test_split_headers_by_name_by_value_and_by_request() -> None:
    plain, secret = split_headers(
        [("X-Title", "Sluice"), ("Cookie", "a=1; b=2"), ("X-Custom", "sk-abcdefghijkl"), ("X-Mine", "v")],
        forced=["x-mine"],
    )
    assert plain == (("X-Title", "Sluice"),)
    assert secret == {"Cookie": "a=1; b=2", "X-Custom": "sk-abcdefghijkl", "X-Mine": "v"}


def test_a_proxy_password_comes_out_of_the_url_and_goes_back_in() -> None:
    url = "http://us%40er:p%3Aw%40rd@proxy.lan:3128"
    stored, password = split_proxy_password(url)
    assert (stored, password) == ("http://us%40er@proxy.lan:3128", "p:w@rd")
    assert split_proxy_password(with_proxy_password(stored, password)) == (stored, password)
    assert split_proxy_password("system") == ("system", None)
    assert with_proxy_password("http://proxy.lan:3128", "pw") == "http://proxy.lan:3128"  # no user: nothing


def test_an_older_files_secrets_load_inline_and_are_written_back_until_moved(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(
        '[[profile]]\nname = "p"\nbase_url = "https://gw.example/v1"\n'
        'proxy = "http://bob:pw123@proxy.lan:3128"\n'
        'headers = { "X-Title" = "S", "X-Goog-Api-Key" = "AIzaVALUE" }\n'
    )
    store = ProfileStore(path)
    store.load()
    profile = store.get("p")
    assert profile.secret_headers == ("X-Goog-Api-Key",)
    assert inline_secrets(profile) == {("header:X-Goog-Api-Key", "AIzaVALUE"), ("proxy", "pw123")}
    store.update(profile)  # unchanged inline secrets may stay …
    store.save()
    table = tomllib.loads(path.read_text())["profile"][0]
    assert table["headers"]["X-Goog-Api-Key"] == "AIzaVALUE" and "pw123" in table["proxy"]  # … never lost
    with pytest.raises(ProfileError, match="carries a key or other secret"):
        store.update(Profile(name="p", base_url="https://gw.example/v1", headers=(("Cookie", "new"),)))
    moved, password = without_secrets(profile, {"X-Goog-Api-Key": "AIzaVALUE"})
    assert password == "pw123"
    store.update(moved)
    store.save()
    table = tomllib.loads(path.read_text())["profile"][0]
    assert table["headers"] == {"X-Title": "S"} and table["secret_headers"] == ["X-Goog-Api-Key"]
    assert table["proxy"] == "http://bob@proxy.lan:3128"
