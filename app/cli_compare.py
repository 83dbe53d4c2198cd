"""`sluice ask --compare A[:MODEL],B[:MODEL][,…] PROMPT`: one prompt to 2–4 lanes at once (issue 16).

Every lane streams at the same time, as its own turn (app/turns.py) over one HttpPool and one
ChatSession (a generation keeps its state in its own call, so lanes share nothing but the pool). Lanes
are independent: a lane that fails ends with its error while the others go on. Ctrl-C stops every lane
once, each saves its partial reply as `cancelled`, and the pool is closed only after every lane has let
go of its connection.

Output:
- `--json`: every event of `ask --json` with `"lane": "A"` (the lane as written), as it arrives, then one
  `{"type": "summary", "lanes": [...]}`.
- Otherwise each lane's reply is buffered and printed under a header when that lane ends (fastest first:
  interleaved live text from several lanes would be unreadable), then a summary table.

Saving: one conversation, the user's message once, and each lane's reply a sibling reply to it (the
versions "‹ 1/3 ›" of the conversation tree). The conversation shows the first lane's (as written) whole
reply, else the reply saved last; the others are its other versions. Lanes never fail over: a comparison
is about these gateways.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TextIO

from app.cli_ask import FINISH_WORDS, JsonSink, records_exchanges
from app.cli_output import shown
from app.compare import Lane, parse_lanes, start_lanes
from app.core.errors import ChatError, SluiceError, StoreError
from app.core.events import ContentDelta, StreamEvent
from app.core.models import Message, MessageStatus, Role
from app.core.pricing import format_amount
from app.home import Home
from app.profiles.store import ProfileStore

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


class LaneJsonSink(JsonSink):
    """`ask --json`'s lines, each carrying its lane."""

    def __init__(self, out: TextIO, lane: str) -> None:
        super().__init__(out)
        self.lane = lane

    def emit(self, obj: dict[str, object]) -> None:
        super().emit({**obj, "lane": self.lane})


@dataclass
class LaneText:
    """A lane's reply held back until the lane ends (plain output)."""

    parts: list[str] = field(default_factory=list)

    def __call__(self, event: StreamEvent) -> None:
        if isinstance(event, ContentDelta):
            self.parts.append(event.text)


def run_compare(args: argparse.Namespace, home: Home, stdin: TextIO) -> int:
    if args.profile or args.model:
        raise SluiceError("--compare names each lane's profile and model (A:MODEL,B); drop -p and -m.")
    if args.attach:
        raise SluiceError("--compare does not send attachments yet; ask each profile with -a instead.")
    prompt = stdin.read() if args.prompt == "-" else args.prompt
    if not prompt.strip():
        raise SluiceError("The prompt is empty.")
    profiles = ProfileStore(home.profiles_path)
    profiles.load()
    lanes = parse_lanes(args.compare, profiles)
    user = Message(role=Role.USER, content=prompt)
    finished: dict[str, Message] = {}
    try:
        asyncio.run(_compare(args, home, profiles, lanes, user, finished))
    except KeyboardInterrupt:
        saved = "" if args.no_save else " — partial replies saved"
        print(f"[stopped every lane{saved}]", file=sys.stderr)
        return EXIT_INTERRUPTED
    rows = [summary_row(lane, finished[lane.label]) for lane in lanes]
    if args.json:
        JsonSink(sys.stdout).emit({"type": "summary", "lanes": rows})
    else:
        sys.stdout.write(summary_table(rows))
        sys.stdout.flush()
    return EXIT_ERROR if any(row["error"] is not None for row in rows) else 0


async def _compare(
    args: argparse.Namespace,
    home: Home,
    profiles: ProfileStore,
    lanes: Sequence[Lane],
    user: Message,
    finished: dict[str, Message],
) -> None:
    from app.keystore import Keystore
    from app.net.client import ChatClient
    from app.net.pool import HttpPool
    from app.profiles.catalog import ModelCatalog
    from app.session import ChatSession
    from app.turns import Turn, Turns

    store = None
    conversation_id = None
    if not args.no_save:
        from app.store.conversations import ConversationStore, title_from_text

        store = ConversationStore.open(home.db_path)
        if not home.window_is_running():
            store.mark_interrupted()
        first = lanes[0]
        conversation_id = store.create_conversation(
            title_from_text(user.content),
            profile=first.profile.name,
            model=first.model,
            system_prompt=args.system or "",
        ).id
    pool = HttpPool()
    # No `lookup`: lanes never fail over (a comparison is about these gateways).
    from app.credentials import SecretFiller

    keys = Keystore()
    session = ChatSession(
        ChatClient(pool, SecretFiller(keys)),  # secret headers and a proxy password come from the keyring
        keys,
        store,
        profiles,
        prices=ModelCatalog(home.models_path),
        exchanges=store if store is not None and records_exchanges(home) else None,
    )
    turns = Turns(session, store)
    sinks: dict[str, LaneJsonSink | LaneText] = {
        lane.label: LaneJsonSink(sys.stdout, lane.label) if args.json else LaneText() for lane in lanes
    }

    def ended(lane: Lane, turn: Turn) -> None:
        message = turn.message
        assert message is not None  # a turn records one before it reports its end
        if turn.failure is not None and message.error_kind is None:  # a defect of ours, this lane only
            message = replace(message, error_message=f"{type(turn.failure).__name__}: {turn.failure}")
        finished[lane.label] = message
        sink = sinks[lane.label]
        if isinstance(sink, LaneJsonSink):
            sink.close(message)
        else:
            sys.stdout.write(shown(lane_block(lane, message, "".join(sink.parts)), sys.stdout))
            sys.stdout.flush()

    # The first lane saves the user's message; the others answer it as sibling replies (app/compare.py).
    try:
        comparison = start_lanes(
            turns,
            lanes,
            user,
            on_event=lambda lane: sinks[lane.label],
            on_ended=ended,
            conversation_id=conversation_id,
            system_prompt=args.system or "",
        )
        await comparison.wait()  # Ctrl-C: every lane is stopped once and saves what arrived
        chosen = shown_after_compare(lanes, finished)
        if store is not None and chosen is not None and chosen.id is not None:
            try:
                store.switch_to(chosen.id)
            except StoreError as exc:  # every reply is saved; only which one shows first is lost
                print(shown(f"sluice: {exc}", sys.stderr), file=sys.stderr)
    finally:
        await pool.aclose()
        if store is not None:
            store.close()


def shown_after_compare(lanes: Sequence[Lane], finished: dict[str, Message]) -> Message | None:
    """The reply the conversation shows after a comparison: the first lane, as written, that answered
    whole (its other replies stay one click away as versions). None when no lane did: the one saved last
    stays shown."""
    for lane in lanes:
        message = finished.get(lane.label)
        if message is not None and message.status == MessageStatus.COMPLETE:
            return message
    return None


def lane_block(lane: Lane, message: Message, text: str) -> str:
    head = f"── {lane.label} ({lane.profile.name}, {message.model or lane.model}) "
    lines = [head + "─" * max(3, 60 - len(head))]
    if text:
        lines.append(text.rstrip("\n"))
    if message.error_kind is not None:
        error = ChatError(message.error_kind, message.error_message or "")
        lines.append(f"[error: {error.describe()}]")
    note = FINISH_WORDS.get(message.finish_reason or "")
    if note:
        lines.append(f"[{note}]")
    return "\n".join(lines) + "\n\n"


def summary_row(lane: Lane, message: Message) -> dict[str, object]:
    error: dict[str, str | None] | None = None
    if message.error_kind is not None:
        error = {"kind": str(message.error_kind), "message": message.error_message or ""}
    elif message.error_message:  # a failure outside the taxonomy (the store, the OS)
        error = {"kind": None, "message": message.error_message}
    return {
        "lane": lane.label,
        "finish_reason": message.finish_reason,
        "error": error,
        "ttft_ms": _round(message.ttft_ms),
        "tokens_per_s": _round(message.tokens_per_s),
        "completion_tokens": message.usage.completion_tokens if message.usage else None,
        "cost": message.cost.as_json() if message.cost is not None else None,
    }


def summary_table(rows: Sequence[dict[str, object]]) -> str:
    header = ("lane", "result", "TTFT ms", "tok/s", "tokens", "cost")
    table = [header]
    for row in rows:
        error = row["error"]
        result = (
            str(error["kind"] or "error") if isinstance(error, dict) else str(row["finish_reason"] or "-")
        )
        cost = row["cost"]
        cost_text = "-"
        if isinstance(cost, dict):  # as the window and `stats` write it: $0.000085, never 8.5e-05
            cost_text = format_amount(Decimal(str(cost["amount"])), str(cost["currency"]))
        table.append(
            (
                str(row["lane"]),
                result,
                _cell(row["ttft_ms"]),
                _cell(row["tokens_per_s"]),
                _cell(row["completion_tokens"]),
                cost_text,
            )
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    return "".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n" for r in table
    )


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
