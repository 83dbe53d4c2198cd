"""`sluice stats`: what the saved replies cost and how they went, per profile, model or day."""

from __future__ import annotations

import argparse
import sys

from app.cli_output import json_line
from app.core.errors import SluiceError
from app.core.pricing import format_amount
from app.home import Home
from app.store.stats import GroupStats, since_timestamp


def run_stats(args: argparse.Namespace, home: Home) -> int:
    from app.store.conversations import ConversationStore

    try:
        since = since_timestamp(args.since)
    except ValueError:
        raise SluiceError(f"Bad --since {args.since!r}: use 1d, 7d, 30d or all.") from None
    store = ConversationStore.open(home.db_path)
    try:
        groups = store.usage_stats(args.by, since)
    finally:
        store.close()
    if args.json:
        print(json_line([group.as_json() for group in groups]))
        return 0
    if not groups:
        print(f"No replies in this period ({args.since}).", file=sys.stderr)
        return 0
    print(_table(groups, args.by))
    return 0


def _table(groups: list[GroupStats], by: str) -> str:
    """A plain table: one row a group, costs per currency side by side (never added across currencies)."""
    header = [by, "replies", "↑ prompt", "↓ reply", "reasoning", "cached", "cost", "no cost", "errors",
              "stopped", "TTFT p50/p95", "tok/s"]  # fmt: skip
    rows = [header]
    for g in groups:
        name = {"profile": g.profile, "model": f"{g.profile or '-'} · {g.model or '-'}", "day": g.day}[by]
        cost = " + ".join(format_amount(amount, currency) for currency, amount in sorted(g.cost.items()))
        errors = ", ".join(f"{kind} {count}" for kind, count in sorted(g.errors.items()))
        ttft = "—" if g.ttft_p50_ms is None else f"{g.ttft_p50_ms:.0f}/{(g.ttft_p95_ms or 0):.0f} ms"
        rate = "—" if g.tokens_per_s_median is None else f"{g.tokens_per_s_median:.0f}"
        rows.append(
            [
                _plain(name or "-"),
                str(g.replies),
                f"{g.prompt_tokens:,}",
                f"{g.completion_tokens:,}",
                f"{g.reasoning_tokens:,}",
                f"{g.cached_tokens:,}",
                cost or "—",
                str(g.unknown_cost),
                errors or "0",
                str(g.stopped),
                ttft,
                rate,
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _plain(text: str) -> str:
    """A profile or model name as one safe table cell: control characters shown, not obeyed."""
    return "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)
