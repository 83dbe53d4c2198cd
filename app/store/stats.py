"""Usage statistics over saved replies: per profile, per profile and model, or per day.

Every query is answered from the covering index `messages_usage` alone. One aggregates counts, tokens,
errors and exact costs (integer sums of 10⁻¹² units, per currency — never added across currencies). The
percentiles (TTFT p50/p95, tokens/s median) are nearest-rank — a value that was measured, never an
interpolation between two — from one more read of the two columns, grouped and sorted here (SQLite's window
functions took five times as long for the same answer; sorting by group in SQL, twice as long).
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from app.core.errors import ErrorKind
from app.store.converters import PICOS

GroupBy = Literal["profile", "model", "day"]

# Each grouping's key columns. `day` is the local calendar day the reply was made.
_GROUP_SQL: dict[str, str] = {
    "profile": "COALESCE(profile, '')",
    "model": "COALESCE(profile, ''), COALESCE(model, '')",
    "day": "date(created, 'unixepoch', 'localtime')",
}
_WIDTH = {"profile": 1, "model": 2, "day": 1}
_SEP = "\x1f"
SINCE = {"1d": 86_400, "7d": 7 * 86_400, "30d": 30 * 86_400, "all": None}
_KINDS = tuple(kind.value for kind in ErrorKind)


@dataclass
class GroupStats:
    """One group's figures. Token sums count only the replies that reported them (`usage_reported`)."""

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


@dataclass(frozen=True, slots=True)
class DaySpend:
    day: str  # YYYY-MM-DD, local time
    profile: str
    currency: str
    amount: Decimal


def since_timestamp(since: str, now: float | None = None) -> float | None:
    """`7d` → the Unix time seven days ago; `all` → None. Raises ValueError for anything else."""
    if since not in SINCE:
        raise ValueError(since)
    span = SINCE[since]
    return None if span is None else (time.time() if now is None else now) - span


_COLUMNS = (
    "created, profile, model, status, error_kind, prompt_tokens, completion_tokens, reasoning_tokens, "
    "cached_tokens, cost_currency, cost_picos, ttft_ms, tokens_per_s"
)


def _replies(since: float | None) -> tuple[str, tuple[object, ...]]:
    """The finished replies made at or after `since`, as a table to select from: the live ones and the
    deleted ones whose usage is kept (schema migration 7), so a delete never unspends money."""
    # `created >= ?` with -inf for "all" keeps one query shape, so the indexes are used either way.
    start = since if since is not None else float("-inf")
    return (
        f"""(
        SELECT {_COLUMNS} FROM messages INDEXED BY messages_usage
        WHERE role = 'assistant' AND created >= ? AND status != 'streaming'
        UNION ALL
        SELECT {_COLUMNS} FROM deleted_usage WHERE created >= ?
        )""",
        (start, start),
    )


def usage_stats(conn: sqlite3.Connection, by: GroupBy, since: float | None) -> list[GroupStats]:
    """Figures per group for the replies made at or after `since` (all when None), biggest groups first."""
    key_sql, width = _GROUP_SQL[by], _WIDTH[by]
    replies, params = _replies(since)
    error_columns = ", ".join(f"SUM(error_kind = '{kind}')" for kind in _KINDS)
    groups: dict[str, GroupStats] = {}
    for row in conn.execute(
        f"""
        SELECT {key_sql}, cost_currency, COUNT(*), TOTAL(prompt_tokens), TOTAL(completion_tokens),
               TOTAL(reasoning_tokens), TOTAL(cached_tokens),
               SUM(prompt_tokens IS NOT NULL OR completion_tokens IS NOT NULL),
               SUM(cost_picos IS NULL), SUM(cost_picos), SUM(status = 'cancelled'), {error_columns}
        FROM {replies} GROUP BY {key_sql}, cost_currency
        """,
        params,
    ):
        key, currency, row = _SEP.join(row[:width]), row[width], row[width + 1 :]
        group = groups.get(key)
        if group is None:
            group = groups[key] = GroupStats(key=key)
            _name_group(group, by)
        group.replies += row[0]
        group.prompt_tokens += int(row[1])
        group.completion_tokens += int(row[2])
        group.reasoning_tokens += int(row[3])
        group.cached_tokens += int(row[4])
        group.usage_reported += row[5] or 0
        group.unknown_cost += row[6] or 0
        if currency is not None and row[7] is not None:
            group.cost[currency] = group.cost.get(currency, Decimal(0)) + Decimal(row[7]) / PICOS
        group.stopped += row[8] or 0
        for kind, count in zip(_KINDS, row[9:], strict=True):
            if count:
                group.errors[kind] = group.errors.get(kind, 0) + count
    _add_percentiles(conn, groups, key_sql, width, replies, params)
    if by == "day":
        return sorted(groups.values(), key=lambda g: g.key, reverse=True)
    return sorted(groups.values(), key=lambda g: (-g.replies, g.key))


def _add_percentiles(
    conn: sqlite3.Connection,
    groups: dict[str, GroupStats],
    key_sql: str,
    width: int,
    replies: str,
    params: tuple[object, ...],
) -> None:
    ttfts: dict[str, list[float]] = defaultdict(list)
    rates: dict[str, list[float]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT {key_sql}, ttft_ms, tokens_per_s FROM {replies}",
        params,
    ):
        key = _SEP.join(row[:width])
        ttft, rate = row[width], row[width + 1]
        if ttft is not None:
            ttfts[key].append(ttft)
        if rate is not None:
            rates[key].append(rate)
    for key, group in groups.items():
        group.ttft_p50_ms = _percentile(ttfts.get(key), 50)
        group.ttft_p95_ms = _percentile(ttfts.get(key), 95)
        group.tokens_per_s_median = _percentile(rates.get(key), 50)


def _percentile(values: list[float] | None, percent: int) -> float | None:
    """Nearest rank: the value at rank ⌈n · percent / 100⌉ of the sorted values (sorts `values` in place)."""
    if not values:
        return None
    values.sort()
    return values[max(1, (len(values) * percent + 99) // 100) - 1]


def daily_spend(conn: sqlite3.Connection, since: float | None) -> list[DaySpend]:
    """Known cost per local day, profile and currency (the Usage page's chart), oldest day first."""
    replies, params = _replies(since)
    rows = conn.execute(
        f"""
        SELECT date(created, 'unixepoch', 'localtime') AS d, COALESCE(profile, ''), cost_currency,
               SUM(cost_picos)
        FROM {replies} WHERE cost_picos IS NOT NULL
        GROUP BY d, profile, cost_currency ORDER BY d
        """,
        params,
    )
    return [
        DaySpend(day, profile, currency, Decimal(picos) / PICOS) for day, profile, currency, picos in rows
    ]


def _name_group(group: GroupStats, by: GroupBy) -> None:
    if by == "profile":
        group.profile = group.key or None
    elif by == "model":
        profile, _, model = group.key.partition(_SEP)
        group.profile, group.model = profile or None, model or None
    else:
        group.day = group.key


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
