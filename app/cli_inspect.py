"""`sluice inspect`: what went over the wire for one reply: a timeline, the record as JSON, or cURL.

The record is kept by the stream inspector (app/core/exchange.py) for every saved reply while
`record_exchanges` is on in settings.toml. Nothing here prints a key: the record never held one, and the
cURL command reads it from `$SLUICE_API_KEY` when it runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from app.cli_output import json_line
from app.core.errors import SluiceError
from app.exchange_text import curl_command, timeline
from app.home import Home


def add_inspect_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    inspect = sub.add_parser("inspect", help="show what went over the wire for a reply (stream inspector)")
    which = inspect.add_mutually_exclusive_group(required=True)
    which.add_argument("--last", action="store_true", help="the most recent reply that has a record")
    which.add_argument("--id", type=int, metavar="MESSAGE_ID", help="the reply with this message id")
    out = inspect.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="the whole record as one JSON object")
    out.add_argument(
        "--curl", action="store_true", help="a cURL command that sends the request again ($SLUICE_API_KEY)"
    )


def run_inspect(args: argparse.Namespace, home: Home, out: TextIO = sys.stdout) -> int:
    from app.store.conversations import ConversationStore

    store = ConversationStore.open(home.db_path)
    try:
        message_id = store.last_exchange_message() if args.last else args.id
        if message_id is None:
            raise SluiceError(
                "No reply has an exchange record yet (record_exchanges = true in settings.toml keeps them)."
            )
        record = store.exchange(message_id)
    finally:
        store.close()
    if record is None:
        raise SluiceError(
            f"Message {message_id} has no exchange record (recording was off, the message is not a reply, "
            "or it does not exist)."
        )
    if args.json:
        out.write(json_line(record.as_json()) + "\n")
    elif args.curl:
        out.write(curl_command(record) + "\n")
    else:
        out.write(timeline(record, message_id))
    return 0
