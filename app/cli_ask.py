"""`sluice ask`: stream one reply to the terminal, saving it as it arrives."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TextIO

from app.attachments.policy import images_refusal, send_images
from app.cli_output import json_line, shown
from app.core.errors import ChatError, ProfileError, SluiceError
from app.core.events import ContentDelta, ReasoningDelta, StreamEvent
from app.core.models import Attachment, GenerationParams, Message, MessageStatus, Profile, Role
from app.failover import Failover, FailoverEvent
from app.home import Home
from app.keystore import Keystore
from app.profiles.store import ProfileStore

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130

FINISH_WORDS = {
    "length": "cut: max tokens reached",
    "content_filter": "filtered by the provider",
    "tool_calls": "the model asked to call a tool",
}

_DIM, _RESET = "\x1b[2m", "\x1b[0m"


def records_exchanges(home: Home) -> bool:
    """Whether replies keep their exchange for `sluice inspect` (settings.toml `record_exchanges`)."""
    from app.settings import load_settings

    return load_settings(home.settings_path)[0].record_exchanges


def resolve_profile(profiles: ProfileStore, name: str | None) -> Profile:
    if name:
        return profiles.get(name)
    default = profiles.default_name()
    if default is None:
        if not profiles.profiles():
            raise ProfileError(
                "No profile yet. Add one: sluice profile add NAME --base-url URL --model MODEL --key-stdin"
            )
        raise ProfileError("Several profiles and no default: pass -p NAME or run `sluice profile use NAME`.")
    return profiles.get(default)


class TerminalSink:
    """Writes stream events as they arrive: content to stdout, reasoning to stderr (dimmed on a terminal).

    Text from the gateway goes through `shown`: control characters are made visible on a terminal and
    written byte-exact to a pipe (app/cli_output.py).
    """

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.dim = err.isatty()
        self.wrote_content = False
        self.wrote_reasoning = False

    def __call__(self, event: StreamEvent) -> None:
        if isinstance(event, ContentDelta):
            if self.wrote_reasoning and not self.wrote_content:
                self.err.write("\n")
                self.err.flush()
            self.out.write(shown(event.text, self.out))
            self.out.flush()
            self.wrote_content = True
        elif isinstance(event, ReasoningDelta):
            text = shown(event.text, self.err)
            self.err.write(f"{_DIM}{text}{_RESET}" if self.dim else text)
            self.err.flush()
            self.wrote_reasoning = True

    def failover(self, event: FailoverEvent) -> None:
        if isinstance(event, Failover):
            words = ChatError(event.kind, event.message).describe()
            self.err.write(shown(f"[{event.from_.label}: {words} Trying {event.to.label}.]", self.err) + "\n")
        else:
            self.err.write(f"[{event.route.label} is rate limited; trying again in {event.seconds:g} s]\n")
        self.err.flush()

    def close(self, message: Message) -> None:
        if self.wrote_content:
            self.out.write("\n")
            self.out.flush()
        for call in message.tool_calls:
            self.err.write(shown(f"[tool call {call.name}({call.arguments})]", self.err) + "\n")
        note = FINISH_WORDS.get(message.finish_reason or "")  # ours: only known reasons are shown
        if note:
            self.err.write(f"[{note}]\n")
        self.err.flush()


class JsonSink:
    """One JSON object per line, as `ask --json` promises."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.chunks = 0  # content and reasoning events: what a rate counts when no usage arrives

    def emit(self, obj: dict[str, object]) -> None:
        self.out.write(json_line(obj) + "\n")
        self.out.flush()

    def __call__(self, event: StreamEvent) -> None:
        if isinstance(event, ContentDelta | ReasoningDelta):
            self.chunks += 1
        if isinstance(event, ContentDelta):
            self.emit({"type": "content", "text": event.text})
        elif isinstance(event, ReasoningDelta):
            self.emit({"type": "reasoning", "text": event.text})

    def failover(self, event: FailoverEvent) -> None:
        if isinstance(event, Failover):
            self.emit(
                {
                    "type": "failover",
                    "from": event.from_.label,
                    "to": event.to.label,
                    "kind": str(event.kind),
                    "message": event.message,
                }
            )
        else:
            self.emit({"type": "retry_wait", "profile": event.route.label, "seconds": event.seconds})

    def close(self, message: Message) -> None:
        for call in message.tool_calls:
            self.emit({"type": "tool_call", "id": call.id, "name": call.name, "arguments": call.arguments})
        cost = message.cost.as_json() if message.cost is not None else None
        if message.usage is not None:
            u = message.usage
            self.emit(
                {
                    "type": "usage",
                    "prompt_tokens": u.prompt_tokens,
                    "completion_tokens": u.completion_tokens,
                    "total_tokens": u.total_tokens,
                    "reasoning_tokens": u.reasoning_tokens,
                    "cached_tokens": u.cached_tokens,
                    "cost": cost,
                }
            )
        if message.save_error is not None:
            self.emit({"type": "not_saved", "message": message.save_error})
        if message.error_kind is not None:
            self.emit(
                {
                    "type": "error",
                    "kind": str(message.error_kind),
                    "message": message.error_message or "",
                    "retry_after": message.retry_after,
                }
            )
        elif message.status == MessageStatus.COMPLETE:
            done: dict[str, object] = {
                "type": "done",
                "finish_reason": message.finish_reason,
                "ttft_ms": _round(message.ttft_ms),
                "cost": cost,
            }
            if message.rate_counts_tokens or message.tokens_per_s is None:
                done["tokens_per_s"] = _round(message.tokens_per_s)
            else:  # no usage came: say what was counted, never call chunks tokens
                done["chunks"] = self.chunks
                done["chunks_per_s"] = _round(message.tokens_per_s)
            self.emit(done)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def run_ask(args: argparse.Namespace, home: Home, stdin: TextIO) -> int:
    prompt = stdin.read() if args.prompt == "-" else args.prompt
    if not prompt.strip() and not args.attach:
        raise SluiceError("The prompt is empty.")
    from app.credentials import move_inline_secrets

    profiles = ProfileStore(home.profiles_path)
    profiles.load()
    for note in move_inline_secrets(profiles, Keystore()):  # an older profiles.toml's secrets
        print(shown(f"sluice: {note}", sys.stderr), file=sys.stderr)
    profile = resolve_profile(profiles, args.profile)
    model = args.model or profile.model
    if not model:
        raise ProfileError(
            f"Profile {profile.name} has no model. Pass -m MODEL (see `sluice models -p {profile.name}`)."
        )
    sink: TerminalSink | JsonSink = (
        JsonSink(sys.stdout) if args.json else TerminalSink(sys.stdout, sys.stderr)
    )
    try:
        attachments, send_images = _attachments(args, home, profile, model)
    except ChatError as exc:  # refused before anything reaches the gateway
        if isinstance(sink, JsonSink):
            sink.emit({"type": "error", "kind": str(exc.kind), "message": exc.message, "retry_after": None})
        else:
            print(shown(f"sluice: {exc.describe()}", sys.stderr), file=sys.stderr)
        return EXIT_ERROR
    user = Message(role=Role.USER, content=prompt, attachments=attachments)
    try:
        message = asyncio.run(_ask(args, home, profiles, profile, model, user, send_images, sink))
    except KeyboardInterrupt:
        if isinstance(sink, TerminalSink) and sink.wrote_content:
            sys.stdout.write("\n")
        saved = "" if args.no_save else " — partial reply saved"
        print(f"[stopped{saved}]", file=sys.stderr)
        return EXIT_INTERRUPTED
    sink.close(message)
    failed = False
    if message.error_kind is not None:
        failed = True
        if not args.json:
            error = ChatError(
                message.error_kind, message.error_message or "", retry_after=message.retry_after
            )
            print(shown(f"sluice: {error.describe()}", sys.stderr), file=sys.stderr)
    if message.save_error is not None:
        # The whole reply was printed above; only the database copy is missing.
        failed = True
        if not args.json:
            print(shown(f"sluice: {message.save_error}", sys.stderr), file=sys.stderr)
    return EXIT_ERROR if failed else 0


def _attachments(
    args: argparse.Namespace, home: Home, profile: Profile, model: str
) -> tuple[tuple[Attachment, ...], bool]:
    """The files given with -a, prepared to send, and whether images go as images.

    Raises ChatError(ATTACHMENT) for a file that cannot be sent, or images for a model known to take none.
    Whether a model takes images is what `sluice models` kept or the user said (`--vision`); `ask` never
    waits on /models.
    """
    from app.profiles.catalog import ModelCatalog

    images_ok = ModelCatalog(home.models_path).takes_images(profile, model)
    if not args.attach:
        return (), send_images(images_ok)
    from pathlib import Path

    from app.attachments import AttachmentOptions, prepare_file
    from app.settings import load_settings

    settings, _ = load_settings(home.settings_path)
    options = AttachmentOptions(keep_originals=settings.keep_image_metadata, images_ok=images_ok)
    prepared = tuple(item for path in args.attach for item in prepare_file(Path(path), options))
    refusal = images_refusal(prepared, images_ok, profile=profile.name, model=model)
    if refusal is not None:
        raise refusal
    located = [a.name for a in prepared if "location removed" in a.note]
    if located:
        print(
            f"sluice: location data removed from {', '.join(located)} "
            "(keep_image_metadata = true in settings.toml sends photos as they are)",
            file=sys.stderr,
        )
    return prepared, send_images(images_ok)


async def _ask(
    args: argparse.Namespace,
    home: Home,
    profiles: ProfileStore,
    profile: Profile,
    model: str,
    user: Message,
    send_images: bool,
    sink: TerminalSink | JsonSink,
) -> Message:
    from app.net.client import ChatClient
    from app.net.pool import HttpPool
    from app.session import ChatSession
    from app.store.liveness import StreamingLock
    from app.turns import Turns

    store = None
    conversation_id = None
    live = StreamingLock(home.data_dir)  # held while this reply may stream (app/store/liveness.py)
    if not args.no_save:
        from app.store.conversations import ConversationStore, title_from_text

        store = ConversationStore.open(home.db_path)
        # Another `ask` or a window may be streaming right now: their rows are not a crash's leftovers.
        if live.begin() and not home.window_is_running():
            store.mark_interrupted()
        live.share()
        conversation = store.create_conversation(
            title_from_text(user.content), profile=profile.name, model=model, system_prompt=args.system or ""
        )
        conversation_id = conversation.id
    pool = HttpPool()
    from app.credentials import SecretFiller
    from app.profiles.catalog import ModelCatalog

    # Prices come from what `sluice models` kept and the profile's own; `ask` never waits on /models.
    keys = Keystore()
    session = ChatSession(
        ChatClient(pool, SecretFiller(keys)),
        keys,
        store,
        profiles,
        prices=ModelCatalog(home.models_path),
        exchanges=store if store is not None and records_exchanges(home) else None,
        lookup=profiles,
    )
    try:
        turn = Turns(session, store).start(
            profile=profile,
            params=GenerationParams(model=model, send_images=send_images),
            on_event=sink,
            conversation_id=conversation_id,
            system_prompt=args.system or "",
            user=user,
            on_failover=sink.failover,
        )
        try:
            await asyncio.wait([turn.handle.task])
        except asyncio.CancelledError:  # Ctrl+C: stop the reply once, let it save what arrived
            turn.stop()
            await asyncio.wait([turn.handle.task])
            raise
        if turn.failure is not None:
            raise turn.failure
        assert turn.message is not None  # set when the task ended, whatever way
        return turn.message
    finally:
        await pool.aclose()
        if store is not None:
            store.close()
        live.release()
