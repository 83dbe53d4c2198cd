"""The profile use cases, without Qt: save (with its key and secrets), rename, duplicate and delete.

The window's profile editor, its welcome page and the `sluice profile` commands all call these, so a profile
and its key are saved the same way everywhere. The keyring and the conversation database come in through
the two small protocols below (app.keystore.Keystore and app.store.ConversationStore fit them), which keeps
this package importing only `core`.

Order, and why:
- Everything is validated before anything is written: a bad field or a taken name changes nothing.
- A new key, and secret header values and a proxy password given inline (app.profiles.secrets splits
  them off), go to the keyring *before* profiles.toml is written without them. A refused keyring (locked,
  missing, a file-backed one) then leaves nothing half-made: no profile without its key, and the window's
  form stays unsaved with the key still in it while the user decides (unlock, or keep it for this session
  only).
- A rename carries the new name into every other profile's fallbacks, in the same write. A delete leaves
  the fallbacks that name the deleted profile as they are (`Outcome.fallbacks_named` says whose): they are
  skipped at run time with a note in the reply's error (app/failover.py), and the editor shows them as
  missing, so the user sees the hole instead of a silently shorter list.
- What can only happen after the file is written (moving the key and secrets to a new name, copying them
  to a duplicate, deleting them, moving conversations to a new name) does not undo the save: it is reported in
  `Outcome.problems`, in words, and the profile stays saved.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.core.errors import KeystoreError, ProfileError, SluiceError, StoreError
from app.core.fallbacks import first_duplicate, parse_target, renamed_in
from app.core.models import PROXY_NONE, Profile, proxy_user
from app.core.sentences import QT_TRANSLATE_NOOP
from app.profiles.secrets import (
    SecretRing,
    copy_secrets,
    delete_secrets,
    has_secrets,
    save_secrets,
    typed_secrets,
)
from app.profiles.store import MESSAGES, ProfileStore, validate_profile

log = logging.getLogger(__name__)


class KeyRing(SecretRing, Protocol):
    """Where keys (and, through SecretRing, secret header values and proxy passwords) live, by profile
    name. The `a…` calls run off the caller's thread (they may block)."""

    async def aget(self, name: str) -> str | None: ...
    async def aset(self, name: str, key: str) -> None: ...
    async def adelete(self, name: str) -> None: ...
    async def amove(self, old: str, new: str) -> None: ...
    def is_session_only(self, name: str) -> bool: ...
    def set_session(self, name: str, key: str) -> None: ...


class ProfileConversations(Protocol):
    """The conversations' side of a rename: conversations find their profile by name."""

    def rename_profile(self, old: str, new: str) -> int: ...


# What can go wrong after a save, in English (the CLI's words). The window says the same in its own
# translated sentences, chosen by `Problem.what`; `{error}` is the keyring's or the database's sentence.
PROBLEMS: dict[str, str] = {
    "key_not_moved": "The profile was renamed, but its key could not be moved: {error}",
    "key_not_copied": "The copy was made, but its key could not be copied: {error}",
    "key_not_deleted": "The profile was deleted, but its key could not be removed from the keyring: {error}",
    "secrets_not_moved": (
        "The profile was renamed, but its secret headers or proxy password could not be moved: {error}"
    ),
    "secrets_not_copied": (
        "The copy was made, but its secret headers or proxy password could not be copied: {error}"
    ),
    "secrets_not_deleted": (
        "The profile was changed or deleted, but a secret header or proxy password could not be removed "
        "from the keyring: {error}"
    ),
    "conversations_not_moved": (
        "The profile was renamed, but its conversations still name the old one: {error}"
    ),
}


FALLBACK_MESSAGES = {
    "twice": QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: the fallback {fallback!r} is listed twice; keep one of them"
    ),
    "itself": QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: the fallback {fallback!r} is this profile; a profile cannot fall back to itself",
    ),
}


@dataclass(frozen=True)
class Problem:
    """A failure after the profile was saved: `what` (a key of PROBLEMS) and the error that caused it."""

    what: str
    error: SluiceError

    def __str__(self) -> str:
        return PROBLEMS[self.what].format(error=self.error)


@dataclass(frozen=True)
class Outcome:
    """What a use case did. `problems` happened after the profile was saved (it stays saved)."""

    profile: Profile  # as stored (normalised); for a delete, the profile that was removed
    renamed_from: str | None = None
    conversations_moved: int = 0
    problems: tuple[Problem, ...] = ()
    # Other profiles whose fallbacks name this one: for a rename, those now naming the new name; for a
    # delete, those still naming the deleted one (skipped at run time until the user fixes them).
    fallbacks_named: tuple[str, ...] = ()


class ProfileService:
    """Profile use cases over one ProfileStore, a keyring and (for renames) the conversation database.

    Raises ProfileError (the profile is not valid, or the name is taken), KeystoreError (the keyring refused
    the new key) or, when profiles.toml could not be written, ProfileError (ProfileStore.save) or OSError; in
    each case nothing was changed.
    """

    def __init__(
        self, profiles: ProfileStore, keys: KeyRing, conversations: ProfileConversations | None = None
    ) -> None:
        self.profiles = profiles
        self.keys = keys
        # None where no database is open (the CLI opens it only for a rename): conversations then keep
        # the old name, and the outcome says nothing moved.
        self.conversations = conversations

    async def save(self, profile: Profile, key: str | None = None, *, original: str | None = None) -> Outcome:
        """Add `profile` (original None) or change the stored profile `original` to it, maybe renaming it.

        `key`, when given and the profile sends one, replaces its key in the keyring. Secret header values
        and a proxy password the profile carries inline replace theirs; a secret header the profile no
        longer names loses its keyring entry.
        """
        stored, secret, password = typed_secrets(profile)
        stored = validate_profile(stored)
        self._check_fallbacks(stored, original)
        before = None if original is None else self.profiles.get(original)  # ProfileError if it is gone
        if stored.name != original and stored.name in self.profiles.names():
            raise ProfileError(MESSAGES["exists"].format(name=stored.name))
        renamed = original is not None and stored.name != original
        new_key = key if key and stored.needs_key else None
        fresh_name = original is None or renamed  # nothing in the keyring under this name before
        if new_key is not None:
            await self.keys.aset(stored.name, new_key)  # refused: nothing is written
        if secret or password:
            try:
                await save_secrets(self.keys, stored.name, secret, password)  # refused: nothing is written
            except KeystoreError:
                if new_key is not None and fresh_name:
                    await self._forget(stored.name)
                raise
        followers: tuple[str, ...] = ()
        try:
            if original is None:
                self.profiles.add(stored)
            else:
                if renamed:
                    assert original is not None
                    followers = self._rename_in_fallbacks(original, stored.name)
                    self.profiles.rename(original, stored.name)
                self.profiles.update(stored)
            self.profiles.save()
        except (OSError, ProfileError):  # ProfileStore.save says "could not be written" as a ProfileError
            self._reload()
            if new_key is not None and fresh_name:
                await self._forget(stored.name)  # a key under a name no profile has
            if (secret or password) and fresh_name:
                await self._forget_secrets(stored)
            raise
        if not renamed:
            return Outcome(stored, problems=await self._drop_unnamed_secrets(before, stored))
        assert original is not None
        problems: list[Problem] = []
        try:
            if new_key is not None:
                await self.keys.adelete(original)  # the new key is in place under the new name already
            else:
                await self.keys.amove(original, stored.name)
        except KeystoreError as exc:
            # A profile that sends no key has nothing we know of in the keyring: its failure is no news.
            if stored.needs_key or (before is not None and before.needs_key):
                problems.append(Problem("key_not_moved", exc))
        if before is not None and has_secrets(before):
            # The old name's entries that were not just typed again, and are still named, follow.
            names = {h.lower() for h in stored.secret_headers}
            kept = dataclasses.replace(
                before,
                secret_headers=tuple(h for h in before.secret_headers if h.lower() in names),
                proxy=before.proxy if password is None and proxy_user(stored.proxy) else PROXY_NONE,
            )
            try:
                await copy_secrets(self.keys, kept, stored.name, skip=secret)
                await delete_secrets(self.keys, before)
            except KeystoreError as exc:
                problems.append(Problem("secrets_not_moved", exc))
        moved = 0
        if self.conversations is not None:
            try:
                moved = self.conversations.rename_profile(original, stored.name)
            except StoreError as exc:
                problems.append(Problem("conversations_not_moved", exc))
        return Outcome(stored, original, moved, tuple(problems), followers)

    async def rename(self, old: str, new: str) -> Outcome:
        """Rename a profile; its key and its conversations follow."""
        return await self.save(dataclasses.replace(self.profiles.get(old), name=new), original=old)

    async def duplicate(
        self,
        name: str,
        new_name: str | None = None,
        *,
        on_saved: Callable[[Profile], None] | None = None,
    ) -> Outcome:
        """Add a copy of `name` right after it ("name copy", "name copy 2", …), with a copy of its key.

        `on_saved` is called once the copy is in profiles.toml, before its key is copied: the window shows
        the copy at once while the keyring (maybe asking to be unlocked) does its part.
        """
        try:
            copy = self.profiles.duplicate(name, new_name)
            self.profiles.save()
        except (OSError, ProfileError):  # ProfileStore.save says "could not be written" as a ProfileError
            self._reload()
            raise
        if on_saved is not None:
            on_saved(copy)
        problems: list[Problem] = []
        try:
            key = await self.keys.aget(name)
            if key and self.keys.is_session_only(name):
                self.keys.set_session(copy.name, key)  # a session-only key stays one
            elif key:
                await self.keys.aset(copy.name, key)
        except KeystoreError as exc:
            if copy.needs_key:  # as for a delete: no key expected, no news
                problems.append(Problem("key_not_copied", exc))
        if has_secrets(copy):
            try:
                await copy_secrets(self.keys, self.profiles.get(name), copy.name)
            except (KeystoreError, ProfileError) as exc:
                problems.append(Problem("secrets_not_copied", exc))
        return Outcome(copy, problems=tuple(problems))

    async def delete(self, name: str) -> Outcome:
        """Remove a profile and its key. Conversations that used it are kept."""
        removed = self.profiles.get(name)
        try:
            self.profiles.remove(name)
            self.profiles.save()
        except (OSError, ProfileError):  # ProfileStore.save says "could not be written" as a ProfileError
            self._reload()
            raise
        problems: list[Problem] = []
        try:
            await self.keys.adelete(name)
        except KeystoreError as exc:
            # A profile that sends no key has nothing we know of in the keyring: its failure is no news.
            if removed.needs_key:
                problems.append(Problem("key_not_deleted", exc))
        if has_secrets(removed):
            try:
                await delete_secrets(self.keys, removed)
            except KeystoreError as exc:
                problems.append(Problem("secrets_not_deleted", exc))
        return Outcome(removed, problems=tuple(problems), fallbacks_named=self.fallbacks_naming(name))

    def _check_fallbacks(self, profile: Profile, original: str | None) -> None:
        """ProfileError for a fallback listed twice, or one that is the profile itself (by either name)."""
        names = (set(self.profiles.names()) - {original}) | {profile.name}
        known = names.__contains__
        twice = first_duplicate(profile.fallbacks, known)
        if twice is not None:
            raise ProfileError(FALLBACK_MESSAGES["twice"].format(name=profile.name, fallback=twice))
        for fallback in profile.fallbacks:
            if parse_target(fallback, known)[0] in (profile.name, original):
                raise ProfileError(FALLBACK_MESSAGES["itself"].format(name=profile.name, fallback=fallback))

    def fallbacks_naming(self, name: str) -> tuple[str, ...]:
        """The profiles whose fallbacks name the profile `name` (with or without a model)."""
        names = set(self.profiles.names()) | {name}
        return tuple(
            p.name
            for p in self.profiles.profiles()
            if p.name != name and any(parse_target(f, names.__contains__)[0] == name for f in p.fallbacks)
        )

    def _rename_in_fallbacks(self, old: str, new: str) -> tuple[str, ...]:
        """Point every other profile's fallbacks naming `old` at `new` (in memory; the caller saves)."""
        names = set(self.profiles.names())
        changed = []
        for profile in self.profiles.profiles():
            if profile.name == old:
                continue
            fallbacks = renamed_in(profile.fallbacks, old, new, names.__contains__)
            if fallbacks != profile.fallbacks:
                self.profiles.update(dataclasses.replace(profile, fallbacks=fallbacks))
                changed.append(profile.name)
        return tuple(changed)

    def _reload(self) -> None:
        """After a failed write, what is on disk is the truth again."""
        try:
            self.profiles.load()
        except ProfileError as exc:
            log.warning("profiles.toml could not be read again after a failed write: %s", exc)

    async def _drop_unnamed_secrets(self, before: Profile | None, stored: Profile) -> tuple[Problem, ...]:
        """Forget the keyring entries of secret headers (and a proxy user) the saved profile dropped."""
        if before is None or not has_secrets(before):
            return ()
        names = {h.lower() for h in stored.secret_headers}
        dropped = [h for h in before.secret_headers if h.lower() not in names]
        try:
            if dropped:
                await delete_secrets(self.keys, before, dropped)
            if proxy_user(before.proxy) is not None and proxy_user(stored.proxy) is None:
                await delete_secrets(self.keys, dataclasses.replace(before, secret_headers=()))
        except KeystoreError as exc:
            return (Problem("secrets_not_deleted", exc),)
        return ()

    async def _forget_secrets(self, profile: Profile) -> None:
        try:
            await delete_secrets(self.keys, profile)
        except KeystoreError as exc:
            log.warning("secrets of %r kept before a failed write stay in the keyring: %s", profile.name, exc)

    async def _forget(self, name: str) -> None:
        try:
            await self.keys.adelete(name)
        except KeystoreError as exc:
            log.warning("a key saved for %r before a failed write could not be removed: %s", name, exc)
