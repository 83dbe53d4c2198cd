"""A profile's secrets beside its key: secret header values and a proxy password, all in the keyring.

profiles.toml keeps a secret header's name (`secret_headers`) and a proxy URL's user, never the values; the
keyring holds one entry per profile and header (and one for the proxy password), next to the key. This
module moves an older file's secrets into the keyring and fills them back into a profile just before a
request (`SecretFiller`, which ChatClient calls). Splitting what a user typed into what may sit in the file
and what may not, and saving, moving and deleting them with a profile, is app.profiles.secrets (used by
ProfileService).

Everything here blocks on the keyring except `SecretFiller`; the window runs the rest in a worker thread.
"""

from __future__ import annotations

import asyncio
import dataclasses

from app.core.errors import ChatError, ErrorKind, KeystoreError
from app.core.models import (
    PROXY_SLOT,
    Profile,
    header_slot,
    proxy_user,
    split_proxy_password,
    with_proxy_password,
)
from app.core.sentences import QT_TRANSLATE_NOOP
from app.keystore import Keystore
from app.profiles.secrets import split_headers, without_secrets
from app.profiles.store import ProfileStore, inline_secrets

__all__ = ["MESSAGES", "NOTES", "SecretFiller", "move_inline_secrets", "split_headers", "without_secrets"]

# The sentence the window can show (in a ChatError), marked for lupdate (app/core/sentences.py).
MESSAGES: dict[str, str] = {
    "missing_header": QT_TRANSLATE_NOOP(
        "credentials",
        "The value of header {header} of profile {name!r} is not in the keyring. Enter it again in the "
        "profile editor (or add the profile again with --secret-header).",
    ),
}

# What moving an older file's secrets says: printed by the CLI (English) and logged by the window.
NOTES: dict[str, str] = {
    "moved": (
        "Moved {what} of profile {name!r} from {path} into the system keyring; the file keeps only the names."
    ),
    "what.headers": "the secret header values ({headers})",
    "what.proxy": "the proxy password",
    "what.both": "the secret header values ({headers}) and the proxy password",
    "not_moved": (
        "Profile {name!r} still has secrets in {path} (they stay there for now, nothing is lost): {error}"
    ),
}


def save_secrets(keystore: Keystore, name: str, secret: dict[str, str], proxy_password: str | None) -> None:
    """Put secret header values and a proxy password of profile `name` into the keyring."""
    for header, value in secret.items():
        keystore.set_secret(name, header_slot(header), value)
    if proxy_password:
        keystore.set_secret(name, PROXY_SLOT, proxy_password)


def move_inline_secrets(store: ProfileStore, keystore: Keystore) -> list[str]:
    """Move secrets an older profiles.toml holds into the keyring, then rewrite the file without them.

    Returns one sentence per profile concerned, for the user. A profile whose secrets the keyring will not
    take keeps them in the file (and in use) until a later run succeeds: nothing is ever dropped.
    """
    notes: list[str] = []
    moved = False
    for profile in store.profiles():
        found = inline_secrets(profile)
        if not found:
            continue
        secret_names = {h.lower() for h in profile.secret_headers}
        secret = {h: v for h, v in profile.headers if h.lower() in secret_names}
        stored, password = without_secrets(profile, secret)
        try:
            save_secrets(keystore, profile.name, secret, password)
        except KeystoreError as exc:
            notes.append(NOTES["not_moved"].format(name=profile.name, path=store.path, error=exc))
            continue
        store.update(stored)
        moved = True
        headers = ", ".join(secret)
        what = NOTES["what.both" if secret and password else "what.headers" if secret else "what.proxy"]
        notes.append(
            NOTES["moved"].format(what=what.format(headers=headers), name=profile.name, path=store.path)
        )
    if moved:
        store.save()
    return notes


class SecretFiller:
    """Fills a profile's secrets from the keyring just before a request (what ChatClient calls).

    Values the profile already carries (an unsaved draft in the editor) are used as they are; only what is
    missing is read, in a worker thread, and only when something is missing.
    """

    def __init__(self, keystore: Keystore) -> None:
        self._keystore = keystore

    async def __call__(self, profile: Profile) -> Profile:
        present = {h.lower() for h, _ in profile.headers}
        missing = [h for h in profile.secret_headers if h.lower() not in present]
        needs_password = (
            proxy_user(profile.proxy) is not None and split_proxy_password(profile.proxy)[1] is None
        )
        if not missing and not needs_password:
            return profile
        try:
            return await asyncio.to_thread(self._fill, profile, missing, needs_password)
        except KeystoreError as exc:
            raise ChatError(ErrorKind.KEY, str(exc)) from None

    def _fill(self, profile: Profile, missing: list[str], needs_password: bool) -> Profile:
        headers = list(profile.headers)
        for header in missing:
            value = self._keystore.get_secret(profile.name, header_slot(header))
            if not value:
                raise ChatError(
                    ErrorKind.KEY, MESSAGES["missing_header"].format(header=header, name=profile.name)
                )
            headers.append((header, value))
        proxy = profile.proxy
        if needs_password:
            password = self._keystore.get_secret(profile.name, PROXY_SLOT)
            if password:
                proxy = with_proxy_password(proxy, password)
        return dataclasses.replace(profile, headers=tuple(headers), proxy=proxy)
