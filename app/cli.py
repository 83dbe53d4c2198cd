"""The `sluice` command line. Argument parsing and the commands; no Qt import anywhere in this module.

Every command builds only what it needs (a profile listing opens no database and no HTTP client).
Errors a user can meet print one plain line on stderr and exit 1; Ctrl-C during `ask` exits 130.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from app import __version__
from app.cli_ask import run_ask
from app.core.errors import ChatError, SluiceError
from app.core.models import PROXY_SYSTEM, Profile, valid_auth
from app.home import Home
from app.keystore import Keystore
from app.profiles.presets import preset_by_id
from app.profiles.store import ProfileStore

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sluice",
        description="A fast chat client for OpenAI-compatible LLM gateways. Run bare to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"sluice {__version__}")
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level (keys are still redacted)")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop", action="store_true", help="add Sluice to this user's desktop menu (Linux)"
    )
    desktop.add_argument(
        "--uninstall-desktop", action="store_true", help="remove what --install-desktop added"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser("ask", help="stream one reply to a prompt")
    ask.add_argument("-p", "--profile", help="profile name (default: the one chosen with `profile use`)")
    ask.add_argument("-m", "--model", help="model id (default: the profile's model)")
    ask.add_argument("--system", help="system prompt")
    ask.add_argument("--json", action="store_true", help="print one JSON object per line")
    ask.add_argument("--no-save", action="store_true", help="do not save the conversation")
    ask.add_argument(
        "-a",
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="send a file with the prompt: an image (PNG, JPEG, WebP, GIF), text or a PDF (repeatable)",
    )
    ask.add_argument(
        "--compare",
        metavar="A[:MODEL],B[:MODEL]",
        help="send the prompt to 2-4 profiles (each optionally with a model) at once, side by side",
    )
    ask.add_argument("prompt", help='the prompt; "-" reads it from stdin')

    prof = sub.add_parser("profile", help="manage gateway profiles").add_subparsers(
        dest="profile_command", metavar="ACTION", required=True
    )
    add = prof.add_parser("add", help="add a profile")
    add.add_argument("name")
    add.add_argument("--base-url", help="e.g. https://api.openai.com/v1 (required without --preset)")
    add.add_argument("--model", help="default model id")
    add.add_argument("--auth", help="bearer (default) | raw | header:NAME | none")
    add.add_argument("--header", action="append", default=[], metavar='"K: V"', help="extra header")
    add.add_argument("--key-stdin", action="store_true", help="read the API key from stdin into the keyring")
    add.add_argument("--no-stream-usage", action="store_true", help="do not send stream_options")
    add.add_argument("--proxy", help="none | system (default) | a proxy URL")
    add.add_argument("--preset", help="start from a preset: " + ", ".join(p_id for p_id in _preset_ids()))
    add_cost_options(add)
    add_fallback_options(add)
    imp = prof.add_parser(
        "import", help="add a profile from a cURL command or OpenAI SDK snippet pasted on stdin"
    )
    imp.add_argument("name")
    imp.add_argument("--model", help="default model id (instead of the snippet's)")
    lst = prof.add_parser("list", help="list profiles")
    lst.add_argument("--json", action="store_true")
    prof.add_parser("remove", help="remove a profile and its key").add_argument("name")
    prof.add_parser("use", help="make a profile the default").add_argument("name")
    prof.add_parser("set-key", help="store a profile's key (read from stdin)").add_argument("name")

    models = sub.add_parser("models", help="list the models a profile's gateway offers (and keep the list)")
    models.add_argument("-p", "--profile")
    models.add_argument(
        "--json", action="store_true", help="one JSON list: each model's id, images (true/false/null), price"
    )

    stats = sub.add_parser("stats", help="replies, tokens and cost, per profile, model or day")
    stats.add_argument("--since", default="30d", help="1d | 7d | 30d (default) | all")
    stats.add_argument("--by", choices=("profile", "model", "day"), default="profile")
    stats.add_argument("--json", action="store_true", help="a JSON list of groups")

    from app.cli_inspect import add_inspect_parser

    add_inspect_parser(sub)

    export = sub.add_parser("export", help="print a saved conversation")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--last", action="store_true", help="the most recent conversation")
    which.add_argument("--id", type=int, help="conversation id")
    export.add_argument("--format", choices=("md", "json"), default="md")
    export.add_argument(
        "-o",
        "--output",
        help="write to FILE instead of stdout (Markdown: images go to FILE_files/ beside it)",
    )
    return parser


def _preset_ids() -> list[str]:
    from app.profiles.presets import PRESETS

    return [p.id for p in PRESETS]


def run_cli(argv: Sequence[str], *, stdin: TextIO | None = None) -> int:
    """Parse and run a command. Returns the exit code."""
    args = build_parser().parse_args(list(argv))
    if args.install_desktop or args.uninstall_desktop:
        from app.desktop import run_desktop_command

        try:
            return run_desktop_command(install=args.install_desktop)
        except (SluiceError, OSError) as exc:
            print(f"sluice: {exc}", file=sys.stderr)
            return EXIT_ERROR
    stdin = stdin or sys.stdin
    home = Home.from_env()
    home.ensure()
    from app.logs import setup_logging

    setup_logging(home, 10 if args.debug else 20)
    try:
        if args.command == "ask" and args.compare:
            from app.cli_compare import run_compare

            return run_compare(args, home, stdin)
        if args.command == "ask":
            return run_ask(args, home, stdin)
        if args.command == "profile":
            return _profile(args, home, stdin)
        if args.command == "models":
            return _models(args, home)
        if args.command == "stats":
            from app.cli_stats import run_stats

            return run_stats(args, home)
        if args.command == "inspect":
            from app.cli_inspect import run_inspect

            return run_inspect(args, home)
        if args.command == "export":
            from pathlib import Path

            from app.export import run_export

            output = Path(args.output) if args.output else None
            return run_export(home, last=args.last, conversation_id=args.id, fmt=args.format, output=output)
    except ChatError as exc:
        print(f"sluice: {exc.describe()}", file=sys.stderr)  # as `ask` says it: the kind, then the words
        return EXIT_ERROR
    except SluiceError as exc:
        print(f"sluice: {exc}", file=sys.stderr)
        return EXIT_ERROR
    build_parser().print_help()
    return 0


def load_profiles(home: Home) -> ProfileStore:
    store = ProfileStore(home.profiles_path)
    store.load()
    return store


def _read_key(stdin: TextIO) -> str:
    key = stdin.readline().strip()
    if not key:
        raise SluiceError('No key on stdin. Pipe it in, e.g.: printf %s "$KEY" | sluice profile set-key NAME')
    return key


def _profile(args: argparse.Namespace, home: Home, stdin: TextIO) -> int:
    profiles = load_profiles(home)
    action = args.profile_command
    if action == "list":
        return _profile_list(profiles, as_json=args.json)
    if action == "add":
        profile = _profile_from_args(args)
        key = _read_key(stdin) if args.key_stdin else None
        profile = _add_profile(profiles, profile, key)
        print(f"Added profile {profile.name} ({profile.base_url}).", file=sys.stderr)
        return 0
    if action == "import":
        return _profile_import(args, profiles, stdin)
    if action == "remove":
        removed = profiles.get(args.name)
        profiles.remove(args.name)
        profiles.save()
        if removed.needs_key:
            try:
                Keystore().delete(args.name)
            except SluiceError as exc:
                print(f"Removed profile {args.name}, but not its key: {exc}", file=sys.stderr)
                return 0
        print(f"Removed profile {args.name}.", file=sys.stderr)
        return 0
    if action == "use":
        profiles.set_default(args.name)
        profiles.save()
        print(f"Default profile: {args.name}", file=sys.stderr)
        return 0
    if action == "set-key":
        profiles.get(args.name)
        Keystore().set(args.name, _read_key(stdin))
        print(f"Key for {args.name} saved in the system keyring.", file=sys.stderr)
        return 0
    raise AssertionError(action)


def _profile_from_args(args: argparse.Namespace) -> Profile:
    headers: list[tuple[str, str]] = []
    for raw in args.header:
        name, sep, value = raw.partition(":")
        if not sep or not name.strip():
            raise SluiceError(f'Bad --header {raw!r}: write it as "Name: value".')
        headers.append((name.strip(), value.strip()))
    if args.auth is not None and not valid_auth(args.auth):
        raise SluiceError(f"Bad --auth {args.auth!r}: use bearer, raw, header:NAME or none.")
    if args.preset:
        from app.profiles.store import from_preset

        profile = from_preset(preset_by_id(args.preset), args.name, args.model)
    elif args.base_url:
        profile = Profile(name=args.name, base_url=args.base_url, model=args.model or "")
    else:
        raise SluiceError("Give --base-url URL or --preset ID.")
    profile = replace(
        profile,
        base_url=args.base_url or profile.base_url,
        auth=args.auth or profile.auth,
        headers=profile.headers + tuple(headers),
        stream_usage=profile.stream_usage and not args.no_stream_usage,
        proxy=args.proxy or profile.proxy or PROXY_SYSTEM,
    )
    return apply_fallback_options(apply_cost_options(profile, args), args)


def add_fallback_options(parser: argparse.ArgumentParser) -> None:
    """`--fallback` and `--no-fallback` (failover, app/failover.py), for `profile add` and `profile set`."""
    parser.add_argument(
        "--fallback",
        action="append",
        default=[],
        metavar="OTHER[:MODEL]",
        help="when this profile fails before any text (connection, timeout, 5xx, 429, quota), try OTHER "
        "(optionally with MODEL); repeatable, tried in order",
    )
    parser.add_argument(
        "--no-fallback", action="store_true", help="clear the fallbacks (then add any --fallback given)"
    )


def apply_fallback_options(profile: Profile, args: argparse.Namespace) -> Profile:
    """The profile with `--no-fallback` and `--fallback` applied: given fallbacks are added in order."""
    fallbacks = () if getattr(args, "no_fallback", False) else profile.fallbacks
    added = tuple(f.strip() for f in getattr(args, "fallback", None) or [])
    if not added and fallbacks == profile.fallbacks:
        return profile
    kept = tuple(f for f in fallbacks if f not in added)
    return replace(profile, fallbacks=kept + added)


def add_cost_options(parser: argparse.ArgumentParser) -> None:
    """`--price`, `--request-cost` and `--vision`, shared by `profile add` and `profile set`."""
    parser.add_argument(
        "--price",
        action="append",
        default=[],
        metavar='"MODEL=IN/OUT[/CACHED] CUR"',
        help='your price per 1M tokens, e.g. "gpt-5-mini=0.25/2.00 USD" or "deepseek-chat=2/8 CNY"; '
        '"MODEL=" removes it (repeatable)',
    )
    cost = parser.add_mutually_exclusive_group()
    cost.add_argument(
        "--request-cost",
        dest="request_cost",
        action="store_const",
        const=True,
        help="ask the gateway to report each reply's cost (OpenRouter does)",
    )
    cost.add_argument("--no-request-cost", dest="request_cost", action="store_const", const=False)
    parser.add_argument(
        "--vision",
        action="append",
        default=[],
        metavar="MODEL=on|off|auto",
        help="whether MODEL takes images, over what /models says; auto: as /models says (repeatable)",
    )


def apply_cost_options(profile: Profile, args: argparse.Namespace) -> Profile:
    """The profile with the `--price`, `--request-cost` and `--vision` given (only those change it)."""
    from app.core.pricing import PriceError, parse_model_price

    prices = dict(profile.prices)
    for raw in getattr(args, "price", None) or []:
        model, sep, spec = raw.partition("=")
        if sep and model.strip() and not spec.strip():
            prices.pop(model.strip(), None)
            continue
        try:
            model, price = parse_model_price(raw)
        except PriceError as exc:
            raise SluiceError(f"Bad --price: {exc}") from None
        prices[model] = price.spec()
    vision = dict(profile.vision)
    for raw in getattr(args, "vision", None) or []:
        model, _, word = raw.partition("=")
        model, word = model.strip(), word.strip().lower()
        if not model or word not in ("on", "off", "auto"):
            raise SluiceError(f"Bad --vision {raw!r}: write MODEL=on, MODEL=off or MODEL=auto.")
        if word == "auto":
            vision.pop(model, None)
        else:
            vision[model] = word == "on"
    request_cost = getattr(args, "request_cost", None)
    return replace(
        profile,
        prices=tuple(prices.items()),
        vision=tuple(vision.items()),
        request_cost=profile.request_cost if request_cost is None else request_cost,
    )


def _add_profile(profiles: ProfileStore, profile: Profile, key: str | None) -> Profile:
    """Add and save a new profile with its key (if any) in the keyring; returns it as stored."""
    stored = profiles.add(profile)  # validates and refuses a taken name before the keyring is touched
    if key is not None:
        Keystore().set(stored.name, key)  # before saving: a refused keyring leaves no half-made profile
    profiles.save()
    return stored


_AUTH_WORDS = {
    "bearer": "the key as a Bearer token (Authorization: Bearer …)",
    "raw": "the key as the whole Authorization header, without Bearer",
    "none": "no key is sent",
}


def _profile_import(args: argparse.Namespace, profiles: ProfileStore, stdin: TextIO) -> int:
    import shlex

    from app.profiles.importer import parse_snippet

    if stdin.isatty():
        print("Paste the command or snippet, then press Ctrl-D (Ctrl-Z, Enter on Windows).", file=sys.stderr)
    text = stdin.read()
    if not text.strip():
        raise SluiceError("Nothing on stdin: pipe the snippet in, e.g. sluice profile import NAME < curl.txt")
    found = parse_snippet(text)
    # Build it exactly as `profile add --base-url … --auth … --header …` would.
    as_add = argparse.Namespace(
        name=args.name,
        base_url=found.base_url,
        model=args.model or found.model,
        auth=found.auth,
        header=[f"{name}: {value}" for name, value in found.headers],
        preset=None,
        no_stream_usage=False,
        proxy=None,
    )
    profile = _add_profile(profiles, _profile_from_args(as_add), found.key)
    auth = _AUTH_WORDS.get(profile.auth) or f"the key in the {profile.auth.partition(':')[2]} header"
    header_names = ", ".join(name for name, _ in profile.headers) or "none"
    if found.key is not None:
        key_line = "saved in the system keyring"
    elif profile.needs_key:
        key_line = (
            "not saved. Set yours with: sluice profile set-key "
            f"{shlex.quote(profile.name)}  (it reads the key from stdin)"
        )
    else:
        key_line = "none needed"
    lines = [
        f"Imported profile {profile.name}.",
        f"  Base URL: {profile.base_url}",
        f"  Auth:     {auth}",
        f"  Headers:  {header_names}",
        f"  Model:    {profile.model or 'none set (`sluice ask -m MODEL`; `sluice models` lists them)'}",
        f"  Key:      {key_line}",
    ]
    lines += [f"Note: {note}" for note in found.notes]
    print("\n".join(lines), file=sys.stderr)
    return 0


def _profile_list(profiles: ProfileStore, *, as_json: bool) -> int:
    keys = Keystore()
    default = profiles.default_name()
    rows = []
    for p in profiles.profiles():
        try:
            has_key = bool(keys.get(p.name)) if p.needs_key else False
        except SluiceError:
            has_key = False
        rows.append(
            {
                "name": p.name,
                "base_url": p.base_url,
                "model": p.model,
                "auth": p.auth,
                "headers": dict(p.headers),
                "proxy": p.proxy,
                "stream_usage": p.stream_usage,
                "request_cost": p.request_cost,
                "prices": dict(p.prices),
                "vision": dict(p.vision),
                "fallbacks": list(p.fallbacks),
                "default": p.name == default,
                "has_key": has_key,
            }
        )
    if as_json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print(
            "No profiles yet. Add one: sluice profile add NAME --preset openai --key-stdin", file=sys.stderr
        )
        return 0
    for row in rows:
        mark = "*" if row["default"] else " "
        key = "key" if row["has_key"] else ("no key needed" if row["auth"] == "none" else "NO KEY")
        print(f"{mark} {row['name']:<16} {row['base_url']:<40} {row['model'] or '-':<24} {key}")
    return 0


def _models(args: argparse.Namespace, home: Home) -> int:
    from app.cli_ask import resolve_profile
    from app.core.models import ModelInfo
    from app.net.client import ChatClient
    from app.net.pool import HttpPool
    from app.profiles.catalog import ModelCatalog

    profile = resolve_profile(load_profiles(home), args.profile)
    key = Keystore().get(profile.name) if profile.needs_key else None

    async def fetch() -> list[ModelInfo]:
        pool = HttpPool()
        try:
            return await ChatClient(pool).list_model_info(profile, key)
        finally:
            await pool.aclose()

    models = asyncio.run(fetch())
    try:  # kept for `ask` (prices) and the window; a read-only data dir only loses the cache
        ModelCatalog(home.models_path).replace(profile.name, models)
    except OSError as exc:
        print(f"sluice: the model list could not be kept ({exc.strerror or exc})", file=sys.stderr)
    if args.json:
        rows = [
            {
                "id": info.id,
                "images": info.vision,
                "price": None
                if info.price is None
                else {"per_1m_tokens": info.price.spec(), "source": info.price.source},
            }
            for info in models
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for info in models:
        print(info.id)
    return 0
