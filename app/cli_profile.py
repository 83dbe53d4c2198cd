"""The options that describe a profile, shared by `sluice profile add` and `sluice profile set`.

One table, PROFILE_OPTIONS, says for each option how it changes a profile. `add` applies the options given
to an empty profile (or a preset's); `set` applies them to the stored profile, so what is not given stays as
it was. A new option (vision, price, fallback, …) is one more row: its flag, its help and a function
`(profile, value) -> profile`.

Secrets typed here (a secret header's value, a proxy password) stay inline in the profile these options
make; ProfileService splits them off into the keyring before profiles.toml is written. Values that must not
be on the command line are read from stdin first (`read_stdin_secrets`), after the key.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TextIO

from app.cli_output import shown
from app.core.errors import SluiceError
from app.core.fallbacks import parse_target
from app.core.models import (
    PROXY_NONE,
    PROXY_SYSTEM,
    Profile,
    proxy_user,
    split_proxy_password,
    valid_auth,
    with_proxy_password,
)
from app.home import Home
from app.keystore import Keystore
from app.profiles.presets import PRESETS, preset_by_id, preset_for_url
from app.profiles.secrets import split_headers, typed_secrets
from app.profiles.store import ProfileStore, validate_profile

if TYPE_CHECKING:
    from app.profiles.service import Outcome, ProfileService
    from app.store.conversations import ConversationStore


@dataclass(frozen=True)
class ProfileOption:
    """One option of `profile add|set`: how it is written, and what it does to a profile."""

    flag: str
    help: str
    apply: Callable[[Profile, Any], Profile]
    metavar: str | None = None
    action: str = "store"  # "store", "append" (given many times) or "store_true" (a switch)
    type: Callable[[str], Any] = str
    set_only: bool = False  # meaningless for a new profile (`--rename`, `--remove-header`, …)
    group: str | None = None  # options of one group exclude each other (`--request-cost`, `--no-…`)

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")

    def given(self, args: argparse.Namespace) -> Any:
        """The value given on the command line, or None when the option was not used."""
        value = getattr(args, self.dest, None)
        # By identity: `--read-timeout 0` is given (and refused later), though 0.0 == False.
        return None if value is None or value is False or value == [] else value


def _apply_preset(profile: Profile, preset_id: str) -> Profile:
    preset = preset_by_id(preset_id)
    return replace(
        profile,
        base_url=preset.base_url,
        auth=preset.auth,
        proxy=PROXY_NONE if preset.local else PROXY_SYSTEM,
        preset=preset.id,
        model=profile.model or preset.model,  # a model chosen before is kept; --model still wins
        request_cost=preset.request_cost,
    )


def _apply_base_url(profile: Profile, url: str) -> Profile:
    # Another server than the preset's is a custom profile: it must not keep that gateway's name and hints.
    return replace(profile, base_url=url, preset=preset_for_url(profile.preset, url))


def _apply_auth(profile: Profile, auth: str) -> Profile:
    if not valid_auth(auth):
        raise SluiceError(f"Bad --auth {auth!r}: use bearer, raw, header:NAME or none.")
    return replace(profile, auth=auth)


def _apply_headers(profile: Profile, raws: list[str]) -> Profile:
    """Each "Name: value" sets that header, replacing one of the same name (names ignore case)."""
    headers = list(profile.headers)
    for raw in raws:
        name, sep, value = raw.partition(":")
        if not sep or not name.strip():
            raise SluiceError(f'Bad --header {raw!r}: write it as "Name: value".')
        name = name.strip()
        headers = [(k, v) for k, v in headers if k.lower() != name.lower()]
        headers.append((name, value.strip()))
    return replace(profile, headers=tuple(headers))


def _apply_secret_headers(profile: Profile, raws: list[str]) -> Profile:
    """Each "Name: value" sets that header and keeps its value in the keyring (a saved one is replaced)."""
    for raw in raws:
        name, sep, value = raw.partition(":")
        if not sep or not name.strip():
            raise SluiceError(f'Bad --secret-header {raw!r}: write it as "Name: value" or Name.')
        if not value.strip():
            raise SluiceError(f"No value for --secret-header {name.strip()} (give it, or pipe it on stdin).")
    profile = _apply_headers(profile, raws)
    names = [raw.partition(":")[0].strip() for raw in raws]
    lowered = {n.lower() for n in names}
    kept = tuple(h for h in profile.secret_headers if h.lower() not in lowered)
    return replace(profile, secret_headers=kept + tuple(dict.fromkeys(names)))


def _remove_headers(profile: Profile, names: list[str]) -> Profile:
    """Drop headers by name; a secret header's keyring entry goes with it (ProfileService.save)."""
    known = {k.lower() for k, _ in profile.headers} | {k.lower() for k in profile.secret_headers}
    for name in names:
        if name.strip().lower() not in known:
            raise SluiceError(f"Profile {profile.name!r} has no header {name.strip()!r} to remove.")
    gone = {name.strip().lower() for name in names}
    return replace(
        profile,
        headers=tuple((k, v) for k, v in profile.headers if k.lower() not in gone),
        secret_headers=tuple(k for k in profile.secret_headers if k.lower() not in gone),
    )


def _apply_proxy_password(profile: Profile, password: str) -> Profile:
    if proxy_user(profile.proxy) is None:
        raise SluiceError("--proxy-password-stdin needs --proxy with a user, e.g. http://USER@HOST:PORT.")
    return replace(profile, proxy=with_proxy_password(profile.proxy, password))


def _apply_prices(profile: Profile, raws: list[str]) -> Profile:
    """Each "MODEL=IN/OUT[/CACHED] CUR" sets that model's price; "MODEL=" removes it."""
    from app.core.pricing import PriceError, parse_model_price

    prices = dict(profile.prices)
    for raw in raws:
        model, sep, spec = raw.partition("=")
        if sep and model.strip() and not spec.strip():
            prices.pop(model.strip(), None)
            continue
        try:
            model, price = parse_model_price(raw)
        except PriceError as exc:
            raise SluiceError(f"Bad --price: {exc}") from None
        prices[model] = price.spec()
    return replace(profile, prices=tuple(prices.items()))


def _apply_vision(profile: Profile, raws: list[str]) -> Profile:
    """Each "MODEL=on|off" says whether MODEL takes images; "MODEL=auto" goes back to what /models says."""
    vision = dict(profile.vision)
    for raw in raws:
        model, _, word = raw.partition("=")
        model, word = model.strip(), word.strip().lower()
        if not model or word not in ("on", "off", "auto"):
            raise SluiceError(f"Bad --vision {raw!r}: write MODEL=on, MODEL=off or MODEL=auto.")
        if word == "auto":
            vision.pop(model, None)
        else:
            vision[model] = word == "on"
    return replace(profile, vision=tuple(vision.items()))


def _apply_fallbacks(profile: Profile, raws: list[str]) -> Profile:
    """Each OTHER[:MODEL] is added at the end (moved there if it was already listed)."""
    added = tuple(raw.strip() for raw in raws)
    return replace(profile, fallbacks=tuple(f for f in profile.fallbacks if f not in added) + added)


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None


# Applied in this order: a preset first, so that the options after it change what it set.
PROFILE_OPTIONS: tuple[ProfileOption, ...] = (
    ProfileOption(
        "--preset",
        "a preset's base URL, auth and proxy: " + ", ".join(p.id for p in PRESETS),
        _apply_preset,
        metavar="ID",
    ),
    ProfileOption(
        "--base-url",
        "e.g. https://api.openai.com/v1 (required for `add` without --preset)",
        _apply_base_url,
        metavar="URL",
    ),
    ProfileOption("--model", "default model id", lambda p, v: replace(p, model=v)),
    ProfileOption("--auth", "bearer (default) | raw | header:NAME | none", _apply_auth),
    ProfileOption(
        "--header",
        "extra header, set or replaced by name (Authorization, Cookie, *-Key, *-Token, … go to the keyring)",
        _apply_headers,
        metavar='"K: V"',
        action="append",
    ),
    ProfileOption(
        "--secret-header",
        "extra header whose value is kept in the keyring; K alone reads the value from stdin",
        _apply_secret_headers,
        metavar='"K: V" | K',
        action="append",
    ),
    ProfileOption(
        "--remove-header",
        "drop an extra header (a secret one's value leaves the keyring)",
        _remove_headers,
        metavar="NAME",
        action="append",
        set_only=True,
    ),
    ProfileOption(
        "--proxy",
        "none | system (default) | a proxy URL (a password goes to the keyring)",
        lambda p, v: replace(p, proxy=v),
    ),
    ProfileOption(
        # On the command line a switch; `read_stdin_secrets` puts the password it read in its place.
        "--proxy-password-stdin",
        "read the password of the proxy URL's user from stdin (after the key and secret headers)",
        _apply_proxy_password,
        action="store_true",
    ),
    ProfileOption(
        "--no-stream-usage",
        "do not send stream_options",
        lambda p, _v: replace(p, stream_usage=False),
        action="store_true",
        group="stream_usage",
    ),
    ProfileOption(
        "--stream-usage",
        "send stream_options again",
        lambda p, _v: replace(p, stream_usage=True),
        action="store_true",
        set_only=True,
        group="stream_usage",
    ),
    ProfileOption(
        "--price",
        'your price per 1M tokens, e.g. "gpt-5-mini=0.25/2.00 USD" or "deepseek-chat=2/8 CNY"; '
        '"MODEL=" removes it (repeatable)',
        _apply_prices,
        metavar='"MODEL=IN/OUT[/CACHED] CUR"',
        action="append",
    ),
    ProfileOption(
        "--request-cost",
        "ask the gateway to report each reply's cost (OpenRouter does)",
        lambda p, _v: replace(p, request_cost=True),
        action="store_true",
        group="request_cost",
    ),
    ProfileOption(
        "--no-request-cost",
        "do not ask the gateway for each reply's cost",
        lambda p, _v: replace(p, request_cost=False),
        action="store_true",
        group="request_cost",
    ),
    ProfileOption(
        "--vision",
        "whether MODEL takes images, over what /models says; auto: as /models says (repeatable)",
        _apply_vision,
        metavar="MODEL=on|off|auto",
        action="append",
    ),
    # Failover (app/failover.py): --no-fallback first, so `--no-fallback --fallback b` leaves only b.
    ProfileOption(
        "--no-fallback",
        "clear the fallbacks (then add any --fallback given)",
        lambda p, _v: replace(p, fallbacks=()),
        action="store_true",
    ),
    ProfileOption(
        "--fallback",
        "when this profile fails before any text (connection, timeout, 5xx, 429, quota), try OTHER "
        "(optionally with MODEL); repeatable, tried in order",
        _apply_fallbacks,
        metavar="OTHER[:MODEL]",
        action="append",
    ),
    ProfileOption(
        "--read-timeout",
        "seconds without a byte before giving up (default 300)",
        lambda p, v: replace(p, read_timeout=v),
        metavar="SECONDS",
        type=_seconds,
    ),
    ProfileOption(
        "--rename",
        "give the profile a new name",
        lambda p, v: replace(p, name=v),
        metavar="NEW",
        set_only=True,
    ),
)


def add_profile_options(parser: argparse.ArgumentParser, *, for_set: bool) -> None:
    """The table's options, and --key-stdin, on `profile add` (for_set False) or `profile set`."""
    options = [o for o in PROFILE_OPTIONS if for_set or not o.set_only]
    members = Counter(o.group for o in options if o.group is not None)
    groups: dict[str, argparse._MutuallyExclusiveGroup] = {}
    for option in options:
        target: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup = parser
        if option.group is not None and members[option.group] > 1:  # argparse cannot print a group of one
            if option.group not in groups:
                groups[option.group] = parser.add_mutually_exclusive_group()
            target = groups[option.group]
        if option.action == "store_true":
            target.add_argument(option.flag, action="store_true", help=option.help)
        elif option.action == "append":
            target.add_argument(
                option.flag, action="append", default=[], metavar=option.metavar, help=option.help
            )
        else:
            target.add_argument(option.flag, metavar=option.metavar, type=option.type, help=option.help)
    parser.add_argument(
        "--key-stdin", action="store_true", help="read the API key from stdin into the keyring"
    )


def read_stdin_secrets(args: argparse.Namespace, stdin: TextIO) -> argparse.Namespace:
    """`args` with the values kept off the command line read from stdin, one line each, in this order:
    each bare `--secret-header NAME`, then the `--proxy-password-stdin` password. `args` is unchanged (the
    note on secrets in argv reads what was actually typed)."""
    resolved = argparse.Namespace(**vars(args))
    raws: list[str] = []
    for raw in getattr(args, "secret_header", None) or []:
        name, sep, _value = raw.partition(":")
        if not sep and name.strip():
            raw = f"{name.strip()}: {stdin.readline().strip()}"  # kept off the command line (ps, history)
        raws.append(raw)
    resolved.secret_header = raws
    if getattr(args, "proxy_password_stdin", False):
        password = stdin.readline().rstrip("\r\n")
        if not password:
            raise SluiceError("No proxy password on stdin.")
        resolved.proxy_password_stdin = password
    return resolved


def warn_secrets_in_argv(args: argparse.Namespace, typed: Profile) -> None:
    """Secrets given as arguments are in `ps` for other users and in the shell's history: say so once."""
    secret = {h.lower() for h in split_headers(typed.headers, typed.secret_headers)[1]}
    given = [*(getattr(args, "header", None) or []), *(getattr(args, "secret_header", None) or [])]
    on_line = [raw.partition(":")[0].strip() for raw in given if ":" in raw]
    names = [name for name in on_line if name.lower() in secret]
    if split_proxy_password(getattr(args, "proxy", None) or "")[1] is not None:
        names.append("the proxy password")
    if names:
        note = (
            f"Note: {', '.join(names)} came on the command line, where other users may see it (ps) and the "
            "shell keeps it (history). Next time: --secret-header NAME and --proxy-password-stdin read "
            "values from stdin."
        )
        print(shown(note, sys.stderr), file=sys.stderr)


def say_secrets_kept(typed: Profile) -> None:
    """Name the secret headers whose values the keyring took from what was typed."""
    names = list(split_headers(typed.headers, typed.secret_headers)[1])
    if names:
        text = f"The values of {', '.join(names)} are kept in the system keyring."
        print(shown(text, sys.stderr), file=sys.stderr)


def apply_options(profile: Profile, args: argparse.Namespace) -> Profile:
    """`profile` changed by every option given in `args` (options not given leave their field alone)."""
    for option in PROFILE_OPTIONS:
        value = option.given(args)
        if value is not None:
            profile = option.apply(profile, value)
    return profile


def profile_from_add(args: argparse.Namespace) -> Profile:
    """The new profile `profile add` (and `profile import`) describes."""
    if not getattr(args, "preset", None) and not getattr(args, "base_url", None):
        raise SluiceError("Give --base-url URL or --preset ID.")
    return apply_options(Profile(name=args.name, base_url=""), args)


def run_profile_set(
    args: argparse.Namespace,
    home: Home,
    profiles: ProfileStore,
    read_key: Callable[[], str],
    stdin: TextIO,
) -> int:
    """`sluice profile set NAME …`: change only what is given; the key, the secrets, the default and the
    conversations follow a --rename."""
    stored = profiles.get(args.name)
    if not args.key_stdin and all(option.given(args) is None for option in PROFILE_OPTIONS):
        raise SluiceError(
            f"Nothing to change for profile {stored.name}: give at least one option "
            "(`sluice profile set --help` lists them)."
        )
    key = read_key() if args.key_stdin else None  # stdin order: the key, then secret values
    typed = apply_options(stored, read_stdin_secrets(args, stdin))
    form, secret, password = typed_secrets(typed)  # typed secrets are a change: they go to the keyring
    changed = validate_profile(form)  # normalised, so "no change" is seen as such
    if changed == stored and key is None and not secret and not password:
        same = f"Profile {stored.name} already says that; nothing changed."
        print(shown(same, sys.stderr), file=sys.stderr)
        return 0
    renaming = changed.name != stored.name
    outcome = asyncio.run(_save(home, profiles, typed, key, stored.name, open_conversations=renaming))
    fields = [f for f in _FIELDS if getattr(outcome.profile, f) != getattr(stored, f)]
    lines: list[str] = []
    if outcome.renamed_from is not None:
        lines.append(
            f"Renamed profile {stored.name} to {outcome.profile.name}; "
            f"{outcome.conversations_moved} conversation(s) follow it."
        )
        if outcome.fallbacks_named:
            lines.append(
                f"The fallbacks of {', '.join(outcome.fallbacks_named)} now name {outcome.profile.name}."
            )
    if fields:
        lines.append(f"Changed {', '.join(fields)} of profile {outcome.profile.name}.")
    if key is not None and outcome.profile.needs_key:
        lines.append(f"Key for {outcome.profile.name} saved in the system keyring.")
    lines += [f"sluice: {problem}" for problem in outcome.problems]
    for line in lines:
        print(shown(line, sys.stderr), file=sys.stderr)
    say_unknown_fallbacks(profiles, outcome.profile)
    say_secrets_kept(typed)
    warn_secrets_in_argv(args, typed)
    return 1 if outcome.problems else 0


_FIELDS = (
    "base_url",
    "model",
    "auth",
    "headers",
    "secret_headers",
    "proxy",
    "stream_usage",
    "read_timeout",
    "preset",
    "prices",
    "request_cost",
    "vision",
    "fallbacks",
)


async def _save(
    home: Home,
    profiles: ProfileStore,
    profile: Profile,
    key: str | None,
    original: str | None,
    *,
    open_conversations: bool,
) -> Outcome:
    conversations = None
    if open_conversations and home.db_path.exists():
        from app.store.conversations import ConversationStore

        conversations = ConversationStore.open(home.db_path)
    try:
        return await _service(profiles, conversations).save(profile, key, original=original)
    finally:
        if conversations is not None:
            conversations.close()


def add_profile(profiles: ProfileStore, profile: Profile, key: str | None) -> Profile:
    """Add and save a new profile with its key (if any) in the keyring; returns it as stored.

    The key goes first: a refused keyring leaves no half-made profile (ProfileService.save). A key HTTP
    cannot carry (say, from an imported snippet, which `--key-stdin`'s check did not see) is refused.
    """
    from app.core.keytext import key_fault

    fault = key_fault(key) if key is not None else None
    if fault is not None:
        raise SluiceError(f"Not saved: {fault}")
    service = _service(profiles)
    saved = asyncio.run(service.save(profile, key)).profile
    say_unknown_fallbacks(profiles, saved)
    return saved


def say_unknown_fallbacks(profiles: ProfileStore, profile: Profile) -> None:
    """A fallback may name a profile not made yet; say so, since it is skipped until one is."""
    names = set(profiles.names())
    for fallback in profile.fallbacks:
        name = parse_target(fallback, names.__contains__)[0]
        if name not in names:
            line = f"Note: no profile is called {name} yet; the fallback {fallback} is skipped until one is."
            print(shown(line, sys.stderr), file=sys.stderr)


def remove_profile(profiles: ProfileStore, name: str) -> int:
    """Remove a profile, its key and its secrets (secret header values, proxy password) from the keyring."""
    outcome = asyncio.run(_service(profiles).delete(name))
    for problem in outcome.problems:
        what = "its key" if problem.what == "key_not_deleted" else "its secret headers or proxy password"
        line = f"Removed profile {name}, but not {what}: {problem.error}"
        print(shown(line, sys.stderr), file=sys.stderr)
    if not outcome.problems:
        print(shown(f"Removed profile {name}.", sys.stderr), file=sys.stderr)
    if outcome.fallbacks_named:
        # Kept, not silently dropped: each reply that would have tried it says it was not tried.
        line = (
            f"Still listed as a fallback by {', '.join(outcome.fallbacks_named)}: it is skipped until you "
            "change that (`sluice profile set NAME --no-fallback --fallback OTHER`)."
        )
        print(shown(line, sys.stderr), file=sys.stderr)
    return 0


def _service(profiles: ProfileStore, conversations: ConversationStore | None = None) -> ProfileService:
    from app.profiles.service import ProfileService  # only the commands that change a profile need it

    return ProfileService(profiles, Keystore(), conversations)
