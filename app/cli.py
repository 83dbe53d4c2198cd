"""The `sluice` command line. Argument parsing and the commands; no Qt import anywhere in this module.

Every command builds only what it needs (a profile listing opens no database and no HTTP client).
Errors a user can meet print one plain line on stderr and exit 1; Ctrl-C during `ask` exits 130.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from typing import TextIO

from app import __version__
from app.cli_ask import run_ask
from app.cli_output import json_line, shown
from app.cli_profile import (
    add_profile,
    add_profile_options,
    profile_from_add,
    read_stdin_secrets,
    remove_profile,
    run_profile_set,
    say_secrets_kept,
    warn_secrets_in_argv,
)
from app.core.errors import ChatError, KeystoreError, SluiceError
from app.core.keytext import key_fault
from app.core.models import split_proxy_password
from app.home import Home
from app.keystore import KeyringLockedError, Keystore
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
    add_profile_options(add, for_set=False)
    edit = prof.add_parser("set", help="change a profile in place: only the options given")
    edit.add_argument("name")
    add_profile_options(edit, for_set=True)
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
    export.add_argument(
        "--all",
        action="store_true",
        dest="all_versions",
        help="with --format json: every version of every turn (each message with id and parent_id), "
        "not only the branch shown",
    )
    return parser


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
    from app.logs import setup_logging

    try:
        home.ensure()
        setup_logging(home, 10 if args.debug else 20)
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
            return run_export(
                home,
                last=args.last,
                conversation_id=args.id,
                fmt=args.format,
                output=output,
                whole_tree=args.all_versions,
            )
    except ChatError as exc:
        # As `ask` says it: the kind, then the words (the gateway's: made visible on a terminal).
        print(shown(f"sluice: {exc.describe()}", sys.stderr), file=sys.stderr)
        return EXIT_ERROR
    except SluiceError as exc:
        print(shown(f"sluice: {exc}", sys.stderr), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # a full disk, a file made read-only: one line, not a traceback
        print(shown(f"sluice: {os_error_line(exc)}", sys.stderr), file=sys.stderr)
        return EXIT_ERROR
    build_parser().print_help()
    return 0


def os_error_line(exc: OSError) -> str:
    """What failed and where, in one line: "Could not write PATH: No space left on device."."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        return f"Could not use {exc.filename}: {reason}."
    return f"A file could not be read or written: {reason}."


def load_profiles(home: Home) -> ProfileStore:
    from app.credentials import move_inline_secrets

    store = ProfileStore(home.profiles_path)
    store.load()
    for note in move_inline_secrets(store, Keystore()):  # an older profiles.toml's secrets
        print(shown(f"sluice: {note}", sys.stderr), file=sys.stderr)
    return store


def _read_key(stdin: TextIO) -> str:
    key = stdin.readline().strip()
    if not key:
        raise SluiceError('No key on stdin. Pipe it in, e.g.: printf %s "$KEY" | sluice profile set-key NAME')
    fault = key_fault(key)
    if fault is not None:
        raise SluiceError(f"Not saved: {fault}")
    return key


def _profile(args: argparse.Namespace, home: Home, stdin: TextIO) -> int:
    profiles = load_profiles(home)
    action = args.profile_command
    if action == "list":
        return _profile_list(profiles, as_json=args.json)
    if action == "add":
        key = _read_key(stdin) if args.key_stdin else None  # stdin order: the key, then secret values
        typed = profile_from_add(read_stdin_secrets(args, stdin))
        profile = add_profile(profiles, typed, key)
        print(shown(f"Added profile {profile.name} ({profile.base_url}).", sys.stderr), file=sys.stderr)
        say_secrets_kept(typed)
        warn_secrets_in_argv(args, typed)
        return 0
    if action == "set":
        return run_profile_set(args, home, profiles, lambda: _read_key(stdin), stdin)
    if action == "import":
        return _profile_import(args, profiles, stdin)
    if action == "remove":
        return remove_profile(profiles, args.name)
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
        secret_header=[],
        preset=None,
        no_stream_usage=False,
        proxy=None,
    )
    profile = add_profile(profiles, profile_from_add(as_add), found.key)
    auth = _AUTH_WORDS.get(profile.auth) or f"the key in the {profile.auth.partition(':')[2]} header"
    header_names = ", ".join([name for name, _ in profile.headers] + list(profile.secret_headers)) or "none"
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
        key_state = "not needed"
        if p.needs_key:
            try:
                key_state = "saved" if keys.get(p.name) else "missing"
            except KeyringLockedError:
                key_state = "keyring locked"
            except KeystoreError:
                key_state = "keyring unavailable"
        has_key = key_state == "saved"
        rows.append(
            {
                "name": p.name,
                "base_url": p.base_url,
                "model": p.model,
                "auth": p.auth,
                "headers": dict(p.headers),  # never a secret value: those are in the keyring
                "secret_headers": list(p.secret_headers),
                "proxy": split_proxy_password(p.proxy)[0],
                "stream_usage": p.stream_usage,
                "request_cost": p.request_cost,
                "prices": dict(p.prices),
                "vision": dict(p.vision),
                "fallbacks": list(p.fallbacks),
                "default": p.name == default,
                "has_key": has_key,
                "key": key_state,
            }
        )
    if as_json:
        print(json_line(rows))
        return 0
    if not rows:
        print(
            "No profiles yet. Add one: sluice profile add NAME --preset openai --key-stdin", file=sys.stderr
        )
        return 0
    for row in rows:
        mark = "*" if row["default"] else " "
        state = row["key"]
        key = {"saved": "key", "not needed": "no key needed", "missing": "NO KEY"}.get(str(state), str(state))
        print(f"{mark} {row['name']:<16} {row['base_url']:<40} {row['model'] or '-':<24} {key}")
    return 0


def _models(args: argparse.Namespace, home: Home) -> int:
    from app.cli_ask import resolve_profile
    from app.core.models import ModelInfo
    from app.credentials import SecretFiller
    from app.net.client import ChatClient
    from app.net.pool import HttpPool
    from app.profiles.catalog import ModelCatalog

    profile = resolve_profile(load_profiles(home), args.profile)
    keys = Keystore()
    key = keys.get(profile.name) if profile.needs_key else None

    async def fetch() -> list[ModelInfo]:
        pool = HttpPool()
        try:
            return await ChatClient(pool, SecretFiller(keys)).list_model_info(profile, key)
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
        print(json_line(rows))
        return 0
    for info in models:
        print(shown(info.id, sys.stdout))
    return 0
