"""Usage and cost through the real `sluice` command and a real local gateway: never a wrong number.

Each case reads the cost three ways: `ask --json`, the database (`export --format json`), and `stats`.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from decimal import Decimal

from tests.integration.conftest import Sluice
from tests.support.server import TestServer, endless_sse_reply, json_error_reply, json_reply, sse_reply

USAGE = {"prompt_tokens": 1234, "completion_tokens": 567, "total_tokens": 1801}


def add_profile(sluice: Sluice, server: TestServer, *extra: str, name: str = "gw") -> None:
    done = sluice.run(
        "profile", "add", name, "--base-url", server.base_url, "--model", "m1", "--auth", "none", *extra
    )
    assert done.returncode == 0, done.stderr


def ask_json(sluice: Sluice, *args: str) -> list[dict[str, object]]:
    done = sluice.run("ask", "--json", *args)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def event(lines: list[dict[str, object]], kind: str) -> dict[str, object]:
    return next(line for line in lines if line["type"] == kind)


def saved_reply(sluice: Sluice) -> dict[str, object]:
    conn = sqlite3.connect(sluice.home / "data" / "sluice.db")
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute("SELECT * FROM messages WHERE role = 'assistant' ORDER BY id DESC").fetchone()
    finally:
        conn.close()
    return dict(row)


def test_a_cost_the_gateway_reports_is_taken_as_is_and_asked_for_only_where_the_profile_allows(
    sluice: Sluice, server: TestServer
) -> None:
    add_profile(sluice, server, "--request-cost")
    usage = {
        **USAGE,
        "cost": 0.00123,
        "completion_tokens_details": {"reasoning_tokens": 200},
        "prompt_tokens_details": {"cached_tokens": 1000},
    }
    server.queue(sse_reply(["hi"], usage=usage))  # type: ignore[arg-type]
    lines = ask_json(sluice, "q")
    assert server.requests[-1].json()["usage"] == {"include": True}
    use = event(lines, "usage")
    assert use["prompt_tokens"] == 1234 and use["completion_tokens"] == 567
    assert use["reasoning_tokens"] == 200 and use["cached_tokens"] == 1000
    assert use["cost"] == {"amount": 0.00123, "currency": "USD", "source": "gateway"}
    assert event(lines, "done")["cost"] == use["cost"]
    row = saved_reply(sluice)
    assert (row["cost_amount"], row["cost_currency"], row["cost_source"]) == ("0.00123", "USD", "gateway")
    exported = json.loads(sluice.run("export", "--last", "--format", "json").stdout)["messages"][1]
    assert exported["cost"] == use["cost"] and exported["usage"]["reasoning_tokens"] == 200

    add_profile(sluice, server, name="plain")  # no --request-cost: the field is not sent
    server.queue(sse_reply(["hi"], usage=USAGE))
    ask_json(sluice, "-p", "plain", "q")
    assert "usage" not in server.requests[-1].json()


def test_a_price_from_models_gives_tokens_times_price_to_the_last_digit(
    sluice: Sluice, server: TestServer
) -> None:
    add_profile(sluice, server)
    openrouter_shape = {
        "data": [
            {
                "id": "m1",
                "architecture": {"input_modalities": ["text", "image"]},
                "pricing": {
                    "prompt": "0.0000003",
                    "completion": "0.0000012",
                    "input_cache_read": "0.00000003",
                },
            },
            {"id": "router", "pricing": {"prompt": "-1", "completion": "-1"}},
        ]
    }
    server.queue(json_reply(openrouter_shape), path="/v1/models")
    listed = sluice.run("models", "--json")
    assert listed.returncode == 0, listed.stderr
    models = {m["id"]: m for m in json.loads(listed.stdout)}
    assert models["m1"]["images"] is True
    assert models["m1"]["price"] == {"per_1m_tokens": "0.3/1.2/0.03 USD", "source": "published"}
    assert models["router"]["price"] is None  # "-1" means "varies": no price, not a negative one

    usage = {**USAGE, "prompt_tokens_details": {"cached_tokens": 1000}}
    server.queue(sse_reply(["hi"], usage=usage))  # type: ignore[arg-type]
    cost = event(ask_json(sluice, "q"), "usage")["cost"]
    # 234 × 0.3 + 1000 × 0.03 + 567 × 1.2 per 1M tokens = 70.2 + 30 + 680.4 = 780.6 → 0.0007806 USD
    expected = Decimal(234) * Decimal("0.3") + Decimal(1000) * Decimal("0.03") + Decimal(567) * Decimal("1.2")
    assert expected / Decimal(1_000_000) == Decimal("0.0007806")
    assert cost == {"amount": 0.0007806, "currency": "USD", "source": "price"}
    assert Decimal(str(saved_reply(sluice)["cost_amount"])) == Decimal("0.0007806")


def test_a_user_price_in_cny_wins_over_the_published_one_and_stays_exact(
    sluice: Sluice, server: TestServer
) -> None:
    add_profile(sluice, server, "--price", "m1=2/8 CNY")
    server.queue(
        json_reply({"data": [{"id": "m1", "pricing": {"prompt": "0.001", "completion": "0.001"}}]}),
        path="/v1/models",
    )
    assert sluice.run("models").returncode == 0
    listed = json.loads(sluice.run("profile", "list", "--json").stdout)
    assert listed[0]["prices"] == {"m1": "2/8 CNY"}
    server.queue(sse_reply(["你好"], usage=USAGE))
    cost = event(ask_json(sluice, "q"), "done")["cost"]
    # 1234 × 2 + 567 × 8 = 7004 per 1M → ¥0.007004
    assert cost == {"amount": 0.007004, "currency": "CNY", "source": "price"}


def test_no_usage_or_no_price_is_null_never_zero(sluice: Sluice, server: TestServer) -> None:
    add_profile(sluice, server)
    server.queue(sse_reply(["hi"]))  # no usage at all
    lines = ask_json(sluice, "q")
    assert not any(line["type"] == "usage" for line in lines)
    assert event(lines, "done")["cost"] is None
    server.queue(sse_reply(["hi"], usage=USAGE))  # usage, but no price known for m1
    lines = ask_json(sluice, "q")
    assert event(lines, "usage")["cost"] is None and event(lines, "usage")["reasoning_tokens"] is None
    assert saved_reply(sluice)["cost_amount"] is None


def test_a_price_is_never_borrowed_from_another_model(sluice: Sluice, server: TestServer) -> None:
    add_profile(sluice, server, "--price", "other-model=1/1 USD")
    server.queue(sse_reply(["hi"], usage=USAGE))
    assert event(ask_json(sluice, "q"), "done")["cost"] is None


def test_a_stopped_reply_has_no_cost(sluice: Sluice, server: TestServer) -> None:
    add_profile(sluice, server, "--price", "m1=1/1 USD")
    server.queue(endless_sse_reply())
    proc = sluice.popen("ask", "go on")
    assert proc.stdout is not None
    proc.stdout.read(5)  # some text arrived
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    row = saved_reply(sluice)
    assert row["status"] == "cancelled" and row["cost_amount"] is None


def test_a_gateway_that_refuses_the_usage_field_is_asked_again_without_it_and_remembered(
    sluice: Sluice, server: TestServer
) -> None:
    add_profile(sluice, server, "--request-cost")
    server.queue(json_error_reply(400, "Unrecognized request argument supplied: usage"))
    server.queue(sse_reply(["ok"]))
    done = sluice.run("ask", "q")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
    assert "usage" in server.requests[-2].json() and "usage" not in server.requests[-1].json()
    assert json.loads(sluice.run("profile", "list", "--json").stdout)[0]["request_cost"] is False


def test_stats_sums_match_the_database(sluice: Sluice, server: TestServer) -> None:
    add_profile(sluice, server, "--price", "m1=0.25/2 USD", "--price", "m2=2/8 CNY")
    add_profile(sluice, server, "--request-cost", name="router")
    replies = [
        ("gw", "m1", {"prompt_tokens": 100, "completion_tokens": 10}),
        ("gw", "m1", {"prompt_tokens": 300, "completion_tokens": 30}),
        ("gw", "m2", {"prompt_tokens": 50, "completion_tokens": 5}),
        ("gw", "m3", {"prompt_tokens": 7, "completion_tokens": 7}),  # no price: unknown
        ("router", "m1", {"prompt_tokens": 1, "completion_tokens": 1, "cost": 0.5}),
    ]
    for profile, model, usage in replies:
        server.queue(sse_reply(["x"], usage=usage))  # type: ignore[arg-type]
        ask_json(sluice, "-p", profile, "-m", model, "q")
    server.queue(json_error_reply(503, "down"))
    assert sluice.run("ask", "-p", "gw", "q").returncode == 1

    done = sluice.run("stats", "--since", "all", "--by", "profile", "--json")
    assert done.returncode == 0, done.stderr
    groups = {g["profile"]: g for g in json.loads(done.stdout)}
    gw = groups["gw"]
    assert gw["replies"] == 5 and gw["prompt_tokens"] == 457 and gw["completion_tokens"] == 52
    assert gw["errors"] == {"server": 1} and gw["replies_without_cost"] == 2
    # Never added across currencies: USD and CNY side by side.
    assert gw["cost"] == [
        {"currency": "CNY", "amount": float(Decimal("0.00014"))},  # 50 × 2 + 5 × 8 = 140 per 1M
        {"currency": "USD", "amount": float(Decimal("0.00018"))},  # 400 × 0.25 + 40 × 2 = 180 per 1M
    ]
    assert groups["router"]["cost"] == [{"currency": "USD", "amount": 0.5}]

    conn = sqlite3.connect(sluice.home / "data" / "sluice.db")
    try:
        rows = conn.execute(
            "SELECT cost_currency, cost_amount FROM messages WHERE profile = 'gw' AND cost_amount IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    by_currency: dict[str, Decimal] = {}
    for currency, amount in rows:
        by_currency[currency] = by_currency.get(currency, Decimal(0)) + Decimal(amount)
    assert {c["currency"]: Decimal(str(c["amount"])) for c in gw["cost"]} == by_currency

    by_model = json.loads(sluice.run("stats", "--since", "all", "--by", "model", "--json").stdout)
    assert {(g["profile"], g["model"]) for g in by_model} == {
        ("gw", "m1"), ("gw", "m2"), ("gw", "m3"), ("router", "m1")
    }  # fmt: skip
    day = json.loads(sluice.run("stats", "--by", "day", "--json").stdout)
    assert [g["day"] for g in day] == [time.strftime("%Y-%m-%d")] and day[0]["replies"] == 6
    table = sluice.run("stats", "--since", "7d")
    assert table.returncode == 0 and "¥0.00014" in table.stdout and "$0.00018" in table.stdout
    assert sluice.run("stats", "--since", "2w").returncode == 1
