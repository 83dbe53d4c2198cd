"""profiles.toml: the user's gateways, in the order they wrote them. Never holds a key.

Layout::

    default = "zen"          # optional

    [[profile]]
    name = "zen"
    base_url = "https://zenmux.ai/api/v1"
    model = "openai/gpt-5"
    auth = "bearer"
    proxy = "system"
    stream_usage = true
    read_timeout = 300.0
    preset = "zenmux"
    headers = { "X-Title" = "Sluice" }   # or a [profile.headers] sub-table
    request_cost = true                  # ask the gateway for each reply's cost (OpenRouter)
    prices = { "gpt-5-mini" = "0.25/2 USD" }   # the user's prices per 1M tokens: IN/OUT[/CACHED] CUR
    vision = { "deepseek-chat" = false }       # the user's word on which models take images
    secret_headers = ["X-Goog-Api-Key"]  # sent too; their values are in the keyring
    fallbacks = ["b", "c:gpt-4o"]              # failover: profiles (optionally with a model) tried in order

Secret header values and a proxy password never stay here (app/credentials.py moves them to the keyring). A
file from an older Sluice may still hold some: they load as "inline" secrets (the name in
`secret_headers`, the value still in `headers` / the proxy URL) and are written back as they were until
they have been moved, so nothing is lost if the keyring cannot take them.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from app.core.errors import ProfileError, redact
from app.core.models import (
    AUTH_BEARER,
    AUTH_HEADER_PREFIX,
    AUTH_RAW,
    PROXY_NONE,
    PROXY_SYSTEM,
    Profile,
    is_secret_header,
    split_proxy_password,
    valid_auth,
)
from app.core.pricing import PriceError, parse_price_spec
from app.core.sentences import QT_TRANSLATE_NOOP
from app.profiles import tomlwrite
from app.profiles.tomldepth import MAX_TOML_DEPTH, toml_depth

if TYPE_CHECKING:
    import tomllib

__all__ = [
    "MESSAGES",
    "ProfileStore",
    "inline_secrets",
    "normalise_base_url",
    "validate_profile",
]

_PROFILE_KEYS = frozenset(f.name for f in dataclasses.fields(Profile))
_TOP_KEYS = frozenset({"default", "profile"})
# Patterns as text, compiled by `re` on first use: most starts read no header and no broken file.
_HEADER_NAME = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"  # an HTTP token (RFC 9110)
_TOML_POSITION = r"\s*\(at line (\d+), column (\d+)\)$"
_COMPLETIONS_SUFFIX = "/chat/completions"

# Every sentence a ProfileError from here can say, marked for lupdate: `.format()` makes a Sentence that
# the window translates with its fields (app/core/sentences.py).
MESSAGES: dict[str, str] = {
    "no_name": QT_TRANSLATE_NOOP("profiles", "a profile needs a name"),
    "bad_name": QT_TRANSLATE_NOOP(
        "profiles", "profile name {name!r} has leading/trailing spaces or control characters"
    ),
    "bad_base_url": QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: base_url must be a URL starting with {schemes} (got {url!r})"
    ),
    "bad_proxy": QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: proxy ('none', 'system' or a URL) must be a URL starting with {schemes} "
        "(got {url!r})",
    ),
    "bad_auth": QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: auth must be 'bearer', 'raw', 'none' or 'header:NAME' (got {auth!r})",
    ),
    "bad_header_name": QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: {header!r} is not a valid HTTP header name"
    ),
    "bad_timeout": QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: read_timeout must be a positive number of seconds (got {timeout!r})"
    ),
    "header_line_break": QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: header {header!r} has a line break in its value"
    ),
    "header_key": QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: header {header!r} looks like it carries a key; keys are kept in the system "
        "keyring, not in profiles.toml (set `auth` instead)",
    ),
    "in_file": QT_TRANSLATE_NOOP(
        "profiles", "{path}: {error}"
    ),  # `error`: one of these sentences (or tomllib's own words)
    "toml_at": QT_TRANSLATE_NOOP("profiles", "{path}: line {line}, column {column}: {reason}"),
    "toml_end": QT_TRANSLATE_NOOP("profiles", "{path}: line {line} (end of file): {reason}"),
    "table_not_table": QT_TRANSLATE_NOOP("profiles", "{path}: profile #{number} is not a table"),
    "table_unknown": QT_TRANSLATE_NOOP("profiles", "{path}: profile #{number} has unknown settings: {keys}"),
    "table_no_name": QT_TRANSLATE_NOOP("profiles", "{path}: profile #{number} needs a name (a string)"),
    "table_no_base_url": QT_TRANSLATE_NOOP(
        "profiles", "{path}: profile {name!r} needs a base_url (a string)"
    ),
    "table_wrong_type": QT_TRANSLATE_NOOP(
        "profiles", "{path}: profile {name!r}: {field} has the wrong type ({type})"
    ),
    "table_headers": QT_TRANSLATE_NOOP(
        "profiles", "{path}: profile {name!r}: headers must be a table of strings"
    ),
    "table_prices": QT_TRANSLATE_NOOP(
        "profiles", '{path}: profile {name!r}: prices must be a table of strings (model = "IN/OUT CUR")'
    ),
    "table_fallbacks": QT_TRANSLATE_NOOP(
        "profiles", '{path}: profile {name!r}: fallbacks must be a list of profile names (["b", "c:MODEL"])'
    ),
    "bad_fallback": QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: fallback {fallback!r} must be another profile's name, or NAME:MODEL"
    ),
    "table_vision": QT_TRANSLATE_NOOP(
        "profiles", "{path}: profile {name!r}: vision must be a table of true/false (model = true)"
    ),
    "bad_price": QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: the price of {model!r} must be IN/OUT[/CACHED] CUR per 1M tokens, "
        'e.g. "0.25/2 USD" (got {spec!r})',
    ),
    "unreadable": QT_TRANSLATE_NOOP("profiles", "{path}: cannot be read ({reason})"),
    "not_utf8": QT_TRANSLATE_NOOP("profiles", "{path}: is not UTF-8 text"),
    "unknown": QT_TRANSLATE_NOOP("profiles", "{path}: unknown settings: {keys}"),
    "not_array": QT_TRANSLATE_NOOP("profiles", "{path}: 'profile' must be an array of tables ([[profile]])"),
    "twice": QT_TRANSLATE_NOOP("profiles", "{path}: two profiles are named {name!r}"),
    "bad_default": QT_TRANSLATE_NOOP("profiles", "{path}: default must be a profile name (a string)"),
    "no_such": QT_TRANSLATE_NOOP("profiles", "no profile named {name!r}; `sluice profile list` shows them"),
    "exists": QT_TRANSLATE_NOOP("profiles", "a profile named {name!r} already exists"),
    "header_secret": QT_TRANSLATE_NOOP(
        "profiles",
        "profile {name!r}: header {header!r} carries a key or other secret; its value is kept in the system "
        "keyring (`--secret-header`), not in profiles.toml",
    ),
    "proxy_password": QT_TRANSLATE_NOOP(
        "profiles", "profile {name!r}: the proxy password is kept in the system keyring, not in profiles.toml"
    ),
    "table_secret_headers": QT_TRANSLATE_NOOP(
        "profiles", "{path}: profile {name!r}: secret_headers must be a list of header names"
    ),
    "too_deep": QT_TRANSLATE_NOOP(
        "profiles",
        "{path}: nested too deep to read (values are nested more than {limit} levels deep); "
        "this is not a profiles file",
    ),
    "unwritable": QT_TRANSLATE_NOOP(
        "profiles", "{path}: could not be written ({reason}); the file was left as it was"
    ),
}

log = logging.getLogger(__name__)


def normalise_base_url(url: str) -> str:
    """Accept what users paste: trailing slashes and a full `…/chat/completions` endpoint are cut off."""
    url = url.strip().rstrip("/")
    if url.endswith(_COMPLETIONS_SUFFIX):
        url = url[: -len(_COMPLETIONS_SUFFIX)].rstrip("/")
    return url


def _error(message: str, **fields: object) -> ProfileError:
    return ProfileError(MESSAGES[message].format(**fields))


def _check_http_url(url: str, message: str, name: str, schemes: tuple[str, ...]) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in schemes or not parts.hostname:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise _error(message, name=name, schemes=allowed, url=redact(url))


def _auth_header(profile: Profile) -> str | None:
    """The header the key goes in (lower case), or None when no key is sent."""
    if profile.auth in (AUTH_BEARER, AUTH_RAW):
        return "authorization"
    if profile.auth.startswith(AUTH_HEADER_PREFIX):
        return profile.auth[len(AUTH_HEADER_PREFIX) :].lower()
    return None


def validate_profile(profile: Profile, *, inline_secrets: bool = False) -> Profile:
    """Check a profile and return it normalised; ProfileError says what is wrong in one sentence.

    A secret header's value or a proxy password inside the profile is refused unless `inline_secrets`
    (a profile read from an older file, whose secrets are yet to be moved to the keyring).
    """
    name = profile.name
    if not name.strip():
        raise _error("no_name")
    if name != name.strip() or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        raise _error("bad_name", name=name)
    base_url = normalise_base_url(profile.base_url)
    _check_http_url(base_url, "bad_base_url", name, ("http", "https"))
    if not valid_auth(profile.auth):
        raise _error("bad_auth", name=name, auth=profile.auth)
    if profile.auth.startswith(AUTH_HEADER_PREFIX):
        header = profile.auth[len(AUTH_HEADER_PREFIX) :]
        if not re.fullmatch(_HEADER_NAME, header):
            raise _error("bad_header_name", name=name, header=header)
    proxy = profile.proxy.strip()
    if proxy not in (PROXY_NONE, PROXY_SYSTEM):
        _check_http_url(proxy, "bad_proxy", name, ("http", "https", "socks5", "socks5h"))
        if not inline_secrets and split_proxy_password(proxy)[1] is not None:
            raise _error("proxy_password", name=name)
    timeout = profile.read_timeout
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise _error("bad_timeout", name=name, timeout=timeout)
    key_header = _auth_header(profile)
    secret_names = {h.lower() for h in profile.secret_headers}
    for header_name in profile.secret_headers:
        if not re.fullmatch(_HEADER_NAME, header_name):
            raise _error("bad_header_name", name=name, header=header_name)
        if header_name.lower() == key_header:
            raise _error("header_key", name=name, header=header_name)
    for header_name, value in profile.headers:
        if not re.fullmatch(_HEADER_NAME, header_name):
            raise _error("bad_header_name", name=name, header=header_name)
        if "\r" in value or "\n" in value:
            raise _error("header_line_break", name=name, header=header_name)
        if header_name.lower() == key_header or header_name.lower() == "proxy-authorization":
            raise _error("header_key", name=name, header=header_name)
        secret = is_secret_header(header_name) or redact(value) != value
        if secret and not (inline_secrets and header_name.lower() in secret_names):
            raise _error("header_secret", name=name, header=header_name)
    for model, spec in profile.prices:
        try:
            parse_price_spec(spec)
        except PriceError:
            raise _error("bad_price", name=name, model=model, spec=spec) from None
    for fallback in profile.fallbacks:
        other = fallback.partition(":")[0].strip()
        if not other or other == name or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in fallback):
            raise _error("bad_fallback", name=name, fallback=fallback)
    return dataclasses.replace(profile, base_url=base_url, proxy=proxy, read_timeout=float(timeout))


def inline_secrets(profile: Profile) -> set[tuple[str, str]]:
    """The secrets a profile still carries itself: ("header:NAME", value) pairs and ("proxy", password)."""
    names = {h.lower() for h in profile.secret_headers}
    found = {(f"header:{h}", v) for h, v in profile.headers if h.lower() in names}
    password = (
        split_proxy_password(profile.proxy)[1] if profile.proxy not in (PROXY_NONE, PROXY_SYSTEM) else None
    )
    if password is not None:
        found.add(("proxy", password))
    return found


def _toml_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> ProfileError:
    message = str(exc)
    match = re.search(_TOML_POSITION, message)
    if match:
        line, col = match.groups()
        return _error("toml_at", path=path, line=line, column=col, reason=message[: match.start()])
    if message.endswith("(at end of document)"):
        line = str(text.count("\n") + 1)
        return _error("toml_end", path=path, line=line, reason=message.removesuffix(" (at end of document)"))
    return _error("in_file", path=path, error=message)


def _profile_from_table(path: Path, index: int, table: object) -> Profile:
    if not isinstance(table, dict):
        raise _error("table_not_table", path=path, number=index + 1)
    unknown = sorted(set(table) - _PROFILE_KEYS)
    if unknown:
        raise _error("table_unknown", path=path, number=index + 1, keys=", ".join(unknown))
    name = table.get("name")
    if not isinstance(name, str):
        raise _error("table_no_name", path=path, number=index + 1)
    if not isinstance(table.get("base_url"), str):
        raise _error("table_no_base_url", path=path, name=name)
    kwargs: dict[str, Any] = {}
    expected: dict[str, type | tuple[type, ...]] = {
        "name": str,
        "base_url": str,
        "model": str,
        "auth": str,
        "proxy": str,
        "stream_usage": bool,
        "read_timeout": (int, float),
        "preset": str,
        "request_cost": bool,
    }
    for field, kind in expected.items():
        if field not in table:
            continue
        value = table[field]
        if not isinstance(value, kind) or (field == "read_timeout" and isinstance(value, bool)):
            raise _error("table_wrong_type", path=path, name=name, field=field, type=type(value).__name__)
        kwargs[field] = value
    headers = table.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise _error("table_headers", path=path, name=name)
    secret_headers = table.get("secret_headers", [])
    if not isinstance(secret_headers, list) or not all(isinstance(v, str) for v in secret_headers):
        raise _error("table_secret_headers", path=path, name=name)
    kwargs["headers"] = tuple(headers.items())
    # A value written here by hand or by an older Sluice that is a secret: keep it (inline) until it is
    # moved to the keyring; mark its name so that it is treated as a secret from now on.
    inline = [h for h, v in headers.items() if is_secret_header(h) or redact(v) != v]
    known = {h.lower() for h in secret_headers}
    kwargs["secret_headers"] = tuple(secret_headers) + tuple(h for h in inline if h.lower() not in known)
    prices = table.get("prices", {})
    if not isinstance(prices, dict) or not all(isinstance(v, str) for v in prices.values()):
        raise _error("table_prices", path=path, name=name)
    kwargs["prices"] = tuple(prices.items())
    vision = table.get("vision", {})
    if not isinstance(vision, dict) or not all(isinstance(v, bool) for v in vision.values()):
        raise _error("table_vision", path=path, name=name)
    kwargs["vision"] = tuple(vision.items())
    fallbacks = table.get("fallbacks", [])
    if not isinstance(fallbacks, list) or not all(isinstance(v, str) for v in fallbacks):
        raise _error("table_fallbacks", path=path, name=name)
    kwargs["fallbacks"] = tuple(fallbacks)
    try:
        return validate_profile(Profile(**kwargs), inline_secrets=True)
    except ProfileError as exc:
        raise _error("in_file", path=path, error=exc) from None


class ProfileStore:
    """The profiles in one profiles.toml. Nothing is read until `load()`; nothing written until `save()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._profiles: list[Profile] = []
        self._default: str | None = None
        # Set when the file could not be read; `save()` then moves it aside instead of overwriting it.
        self.load_error: ProfileError | None = None

    def load(self) -> None:
        """Read the file. A missing file means no profiles.

        Raises ProfileError (naming the file, and the line and column for a syntax error) when the file
        cannot be used; the store is then empty but usable.
        """
        self._profiles, self._default, self.load_error = [], None, None
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise self._fail(_error("unreadable", path=self.path, reason=exc.strerror or exc)) from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise self._fail(_error("not_utf8", path=self.path)) from None
        if toml_depth(text) > MAX_TOML_DEPTH:
            raise self._fail(_error("too_deep", path=self.path, limit=MAX_TOML_DEPTH))
        import tomllib  # here: a first start has no profiles.toml, and tomllib costs ~2.5 ms to import

        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise self._fail(_toml_error(self.path, text, exc)) from None
        except RecursionError:  # the pre-scan missed a nesting: still one plain line
            raise self._fail(_error("too_deep", path=self.path, limit=MAX_TOML_DEPTH)) from None
        try:
            profiles, default = self._parse(document)
        except ProfileError as exc:
            raise self._fail(exc) from None
        self._profiles, self._default = profiles, default

    def _fail(self, error: ProfileError) -> ProfileError:
        self.load_error = error
        return error

    def _parse(self, document: dict[str, Any]) -> tuple[list[Profile], str | None]:
        unknown = sorted(set(document) - _TOP_KEYS)
        if unknown:
            raise _error("unknown", path=self.path, keys=", ".join(unknown))
        tables = document.get("profile", [])
        if not isinstance(tables, list):
            raise _error("not_array", path=self.path)
        profiles: list[Profile] = []
        for index, table in enumerate(tables):
            profile = _profile_from_table(self.path, index, table)
            if any(p.name == profile.name for p in profiles):
                raise _error("twice", path=self.path, name=profile.name)
            profiles.append(profile)
        default = document.get("default")
        if default is not None and not isinstance(default, str):
            raise _error("bad_default", path=self.path)
        # A default naming a removed profile is harmless: fall back to the usual rule.
        if default is not None and not any(p.name == default for p in profiles):
            default = None
        return profiles, default

    def profiles(self) -> list[Profile]:
        return list(self._profiles)

    def names(self) -> list[str]:
        return [p.name for p in self._profiles]

    def get(self, name: str) -> Profile:
        for profile in self._profiles:
            if profile.name == name:
                return profile
        raise _error("no_such", name=name)

    def _index(self, name: str) -> int:
        for index, profile in enumerate(self._profiles):
            if profile.name == name:
                return index
        raise _error("no_such", name=name)

    def add(self, profile: Profile) -> Profile:
        """Append a profile; returns it as stored (normalised)."""
        profile = validate_profile(profile)
        if profile.name in self.names():
            raise _error("exists", name=profile.name)
        self._profiles.append(profile)
        return profile

    def update(self, profile: Profile) -> Profile:
        """Replace the profile with the same name, keeping its place in the list.

        Inline secrets (see the module docstring) may stay as they were read, but no new one comes in.
        """
        index = self._index(profile.name)
        keeps = inline_secrets(profile) <= inline_secrets(self._profiles[index])
        profile = validate_profile(profile, inline_secrets=keeps)
        self._profiles[index] = profile
        return profile

    def remove(self, name: str) -> None:
        del self._profiles[self._index(name)]
        if self._default == name:
            self._default = None

    def rename(self, old: str, new: str) -> Profile:
        """Rename a profile. The caller moves its key in the keystore (keys are found by name)."""
        index = self._index(old)
        if new != old and new in self.names():
            raise _error("exists", name=new)
        profile = validate_profile(dataclasses.replace(self._profiles[index], name=new), inline_secrets=True)
        self._profiles[index] = profile
        if self._default == old:
            self._default = new
        return profile

    def unique_name(self, base: str) -> str:
        """`base` if no profile has that name, else "base 2", "base 3", … (new and duplicated profiles)."""
        base = base.strip() or "profile"
        names = set(self.names())
        if base not in names:
            return base
        number = 2
        while f"{base} {number}" in names:
            number += 1
        return f"{base} {number}"

    def duplicate(self, name: str, new_name: str | None = None) -> Profile:
        """Add a copy of profile `name` right after it (its key is not copied: the caller does that)."""
        index = self._index(name)
        new_name = new_name or self.unique_name(f"{name} copy")
        if new_name in self.names():
            raise _error("exists", name=new_name)
        copy = validate_profile(
            dataclasses.replace(self._profiles[index], name=new_name), inline_secrets=True
        )
        self._profiles.insert(index + 1, copy)
        return copy

    def default_name(self) -> str | None:
        """The profile chosen with `set_default`, else the only profile, else None."""
        if self._default is not None:
            return self._default
        return self._profiles[0].name if len(self._profiles) == 1 else None

    def starting_name(self) -> str | None:
        """The profile a new conversation starts on in the window: the default, else the first one listed.

        The CLI refuses to guess between several profiles; the window shows its choice in the switcher, so
        starting on the first one listed is visible and one click to change.
        """
        return self.default_name() or (self._profiles[0].name if self._profiles else None)

    def set_default(self, name: str | None) -> None:
        """Make `name` the default; None clears the choice."""
        if name is not None:
            self._index(name)
        self._default = name

    def dumps(self) -> str:
        lines = ["# Sluice profiles. API keys are not kept here: they live in the system keyring.", ""]
        if self._default is not None:
            lines += [tomlwrite.assignment("default", self._default), ""]
        for profile in self._profiles:
            lines.append("[[profile]]")
            values: dict[str, tomlwrite.TomlScalar] = {
                "name": profile.name,
                "base_url": profile.base_url,
                "model": profile.model,
                "auth": profile.auth,
                "proxy": profile.proxy,
                "stream_usage": profile.stream_usage,
                "read_timeout": float(profile.read_timeout),
            }
            if profile.preset is not None:
                values["preset"] = profile.preset
            if profile.request_cost:
                values["request_cost"] = True
            lines += [tomlwrite.assignment(k, v) for k, v in values.items()]
            if profile.headers:
                # Inline secret values (not yet moved to the keyring) are written back: never lost.
                lines.append(tomlwrite.assignment("headers", dict(profile.headers)))
            present = {h.lower() for h, _ in profile.headers}
            kept: list[tomlwrite.TomlScalar] = [h for h in profile.secret_headers if h.lower() not in present]
            if kept:
                lines.append(tomlwrite.assignment("secret_headers", kept))
            if profile.prices:
                lines.append(tomlwrite.assignment("prices", dict(profile.prices)))
            if profile.vision:
                lines.append(tomlwrite.assignment("vision", dict(profile.vision)))
            if profile.fallbacks:
                lines.append(tomlwrite.assignment("fallbacks", list(profile.fallbacks)))
            lines.append("")
        return "\n".join(lines)

    def save(self) -> None:
        """Write the file atomically (temp file, fsync, rename), readable only by the user.

        Raises ProfileError when it cannot be written (a full disk, a read-only folder): the file on disk
        is then as it was.
        """
        data = self.dumps().encode("utf-8")
        try:
            self._write(data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise _error("unwritable", path=self.path, reason=reason) from None

    def _write(self, data: bytes) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.load_error is not None and self.path.exists():
            # Never overwrite a file we could not read: the user may want what was in it.
            aside = self._aside_path()
            os.replace(self.path, aside)
            log.warning("%s could not be read; moved it to %s before saving", self.path, aside)
            self.load_error = None
        # mkstemp creates the file 0600, in the same directory so that os.replace is atomic.
        fd, tmp_name = tempfile.mkstemp(prefix=".profiles-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp_name, self.path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(self.path.parent)

    def _aside_path(self) -> Path:
        candidate = self.path.with_name(self.path.name + ".broken")
        number = 1
        while candidate.exists():
            number += 1
            candidate = self.path.with_name(f"{self.path.name}.broken-{number}")
        return candidate


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open a directory)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
