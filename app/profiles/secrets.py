"""A profile's secrets, as the profile use cases see them: which headers are secret, and the keyring moves.

Secret header values and a proxy password live in the keyring beside the key (one slot each, see
app.core.models.header_slot); profiles.toml keeps the header names (`secret_headers`) and the proxy's user.
The pure splitting is here so that ProfileService (this package imports only `core`) and app.credentials
(the CLI's and the window's keyring helpers) split the same way. The keyring comes in through SecretRing
(app.keystore.Keystore fits it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Protocol

from app.core.errors import redact
from app.core.models import (
    PROXY_SLOT,
    Profile,
    header_slot,
    is_secret_header,
    proxy_user,
    split_proxy_password,
)


class SecretRing(Protocol):
    """Secret header values and proxy passwords in the keyring, by profile name and slot (off-thread)."""

    async def asecret(self, name: str, slot: str) -> str | None: ...
    async def aset_secret(self, name: str, slot: str, value: str) -> None: ...
    async def adelete_secret(self, name: str, slot: str) -> None: ...


def split_headers(
    pairs: Iterable[tuple[str, str]], forced: Iterable[str] = ()
) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """Split headers into those that may sit in profiles.toml and the secret ones (name -> value).

    A header is secret when its name says so (Authorization, Cookie, *-Key, *-Token, …, see
    `is_secret_header`), when its value looks like a key, or when the user said so (`forced`).
    """
    forced_names = {name.lower() for name in forced}
    plain: list[tuple[str, str]] = []
    secret: dict[str, str] = {}
    for name, value in pairs:
        if name.lower() in forced_names or is_secret_header(name) or redact(value) != value:
            secret[name] = value
        else:
            plain.append((name, value))
    return tuple(plain), secret


def without_secrets(profile: Profile, secret: dict[str, str]) -> tuple[Profile, str | None]:
    """The profile as it may be stored (secret headers by name only, no proxy password), and that password."""
    names = list(dict.fromkeys([*profile.secret_headers, *secret]))
    lowered = {n.lower() for n in names}
    headers = tuple((h, v) for h, v in profile.headers if h.lower() not in lowered)
    proxy, password = split_proxy_password(profile.proxy)
    return dataclasses.replace(profile, headers=headers, secret_headers=tuple(names), proxy=proxy), password


def typed_secrets(profile: Profile) -> tuple[Profile, dict[str, str], str | None]:
    """A profile as a form or the command line gives it (secret values inline) split into what is stored,
    the secret header values (name -> value) and the proxy password."""
    _plain, secret = split_headers(profile.headers, profile.secret_headers)
    stored, password = without_secrets(profile, secret)
    return stored, secret, password


def has_secrets(profile: Profile) -> bool:
    """Whether the keyring may hold something of this profile beside its key."""
    return bool(profile.secret_headers) or proxy_user(profile.proxy) is not None


async def save_secrets(keys: SecretRing, name: str, secret: dict[str, str], password: str | None) -> None:
    """Put secret header values and a proxy password of profile `name` into the keyring."""
    for header, value in secret.items():
        await keys.aset_secret(name, header_slot(header), value)
    if password:
        await keys.aset_secret(name, PROXY_SLOT, password)


async def delete_secrets(keys: SecretRing, profile: Profile, headers: Sequence[str] | None = None) -> None:
    """Forget the keyring entries of the profile's secret headers (or just `headers`) and proxy password."""
    for header in profile.secret_headers if headers is None else headers:
        await keys.adelete_secret(profile.name, header_slot(header))
    if headers is None and proxy_user(profile.proxy) is not None:
        await keys.adelete_secret(profile.name, PROXY_SLOT)


async def copy_secrets(
    keys: SecretRing, profile: Profile, new_name: str, *, skip: Iterable[str] = ()
) -> None:
    """Give profile `new_name` the keyring's secret header values (but `skip`) and proxy password of
    `profile`."""
    skipped = {h.lower() for h in skip}
    for header in profile.secret_headers:
        if header.lower() in skipped:
            continue
        value = await keys.asecret(profile.name, header_slot(header))
        if value:
            await keys.aset_secret(new_name, header_slot(header), value)
    if proxy_user(profile.proxy) is not None and split_proxy_password(profile.proxy)[1] is None:
        password = await keys.asecret(profile.name, PROXY_SLOT)
        if password:
            await keys.aset_secret(new_name, PROXY_SLOT, password)
