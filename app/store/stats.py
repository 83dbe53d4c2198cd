"""Usage statistics over saved replies: per profile, per profile and model, or per day.

Counts and sums are aggregated in SQL (over the `messages_replies_by_created` index), costs as exact integer
sums of 10⁻¹² units per currency — never added across currencies. Percentiles (TTFT p50/p95, tokens/s
median) need the values themselves: one more ordered query, read as plain floats.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from app.store.converters import PICOS

GroupBy = Literal["profile", "model", "day"]

# What each grouping selects as its key columns. `day` is the local calendar day the reply was made.
_GROUP_SQL: dict[str, str] = {
    "profile": "COALESCE(profile, '')",
    "model": "COALESCE(profile, '') || char(31) || COALESCE(model, '')",
    "day": "date(created, 'unixepoch', 'localtime')",
}
_SEP = "\x1f"
SINCE = {"1d": 86_400, "7d": 7 * 86_400, "30d": 30 * 86_400, "all": None}


@dataclass
class GroupStats:
    """One group's figures. Token sums count only replies that reported them (`*_reported` says how many)."""

    key: str
    profile: str | None = None
    model: str | None = None
    day: str | None = None
    replies: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasoning_tokens: int = 0
    cached_tokens: int = 0
    usage_reported: int = 0
    cost: dict[str, Decimal] = field(default_factory=dict)  # currency → amount
    unknown_cost: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # kind → replies
    stopped: int = 0
    ttft_p50_ms: float | None = None
    ttft_p95_ms: float | None = None
    tokens_per_s_median: float | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "profile": self.profile,
            "model": self.model,
            "day": self.day,
            "replies": self.replies,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "reasoning_tokens": self.reasoning_tokens,
            "cached_tokens": self.cached_tokens,
            "replies_with_usage": self.usage_reported,
            "cost": [{"currency": c, "amount": float(a)} for c, a in sorted(self.cost.items())],
            "replies_without_cost": self.unknown_cost,
            "errors": dict(sorted(self.errors.items())),
            "stopped": self.stopped,
            "ttft_p50_ms": _round(self.ttft_p50_ms),
            "ttft_p95_ms": _round(self.ttft_p95_ms),
            "tokens_per_s_median": _round(self.tokens_per_s_median),
        }


def since_timestamp(since: str, now: float | None = None) -> float | None:
    """`7d` → the Unix time seven days ago; `all` → None. Raises ValueError for anything else."""
    if since not in SINCE:
        raise ValueError(since)
    span = SINCE[since]
    return None if span is None else (time.time() if now is None else now) - span


def usage_stats(conn: sqlite3.Connection, by: GroupBy, since: float | None) -> list[GroupStats]:
    """Figures per group for the replies made at or after `since` (all when None), biggest groups first."""
    key_sql = _GROUP_SQL[by]
    where = "role = 'assistant' AND status != 'streaming'"
    params: tuple[object, ...] = ()
    if since is not None:
        where += " AND created >= ?"
        params = (since,)
    groups: dict[str, GroupStats] = {}
    for row in conn.execute(
        f"""
        SELECT {key_sql} AS k, COUNT(*), TOTAL(prompt_tokens), TOTAL(completion_tokens),
               TOTAL(reasoning_tokens), TOTAL(cached_tokens),
               SUM(prompt_tokens IS NOT NULL OR completion_tokens IS NOT NULL),
               SUM(cost_picos IS NULL), SUM(status = 'cancelled')
        FROM messages WHERE {where} GROUP BY k
        """,
        params,
    ):
        key = row[0]
        group = GroupStats(key=key, replies=row[1])
        group.prompt_tokens, group.completion_tokens = int(row[2]), int(row[3])
        group.reasoning_tokens, group.cached_tokens = int(row[4]), int(row[5])
        group.usage_reported, group.unknown_cost, group.stopped = row[6] or 0, row[7] or 0, row[8] or 0
        _name_group(group, by)
        groups[key] = group
    for key, currency, picos in conn.execute(
        f"""
        SELECT {key_sql} AS k, cost_currency, SUM(cost_picos) FROM messages
        WHERE {where} AND cost_picos IS NOT NULL GROUP BY k, cost_currency
        """,
        params,
    ):
        groups[key].cost[currency] = Decimal(picos) / PICOS
    for key, kind, count in conn.execute(
        f"""
        SELECT {key_sql} AS k, error_kind, COUNT(*) FROM messages
        WHERE {where} AND error_kind IS NOT NULL GROUP BY k, error_kind
        """,
        params,
    ):
        groups[key].errors[kind] = count
    ttfts: dict[str, list[float]] = defaultdict(list)
    rates: dict[str, list[float]] = defaultdict(list)
    for key, ttft, rate in conn.execute(
        f"""
        SELECT {key_sql} AS k, ttft_ms, tokens_per_s FROM messages
        WHERE {where} AND (ttft_ms IS NOT NULL OR tokens_per_s IS NOT NULL)
        """,
        params,
    ):
        if ttft is not None:
            ttfts[key].append(ttft)
        if rate is not None:
            rates[key].append(rate)
    for key, group in groups.items():
        group.ttft_p50_ms = _percentile(ttfts.get(key, []), 0.50)
        group.ttft_p95_ms = _percentile(ttfts.get(key, []), 0.95)
        group.tokens_per_s_median = statistics.median(rates[key]) if rates.get(key) else None
    ordered = sorted(groups.values(), key=lambda g: (-g.replies, g.key))
    return sorted(ordered, key=lambda g: g.key, reverse=True) if by == "day" else ordered


def _name_group(group: GroupStats, by: GroupBy) -> None:
    if by == "profile":
        group.profile = group.key or None
    elif by == "model":
        profile, _, model = group.key.partition(_SEP)
        group.profile, group.model = profile or None, model or None
    else:
        group.day = group.key


def _percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile: a value that was measured, never an interpolation between two."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil(n × fraction), at least 1
    return ordered[int(rank) - 1]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
