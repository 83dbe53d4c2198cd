"""Prices and costs: exact decimals, the shapes gateways publish, and "unknown" rather than a wrong number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.core.models import Usage
from app.core.pricing import (
    Cost,
    Price,
    PriceError,
    cost_of,
    format_amount,
    parse_model_price,
    parse_price_spec,
    published_price,
)
from app.wire.models_list import parse_models, takes_images


def test_a_price_spec_reads_in_out_cached_and_currency() -> None:
    assert parse_price_spec("0.25/2.00 USD") == Price(Decimal("0.25"), Decimal("2.00"), "USD")
    assert parse_price_spec(" 2 / 8 cny ") == Price(Decimal(2), Decimal(8), "CNY")
    price = parse_price_spec("0.25/2/0.025 USD")
    assert price.cached == Decimal("0.025") and price.spec() == "0.25/2/0.025 USD"
    assert parse_model_price("deepseek-chat=2/8 CNY") == ("deepseek-chat", parse_price_spec("2/8 CNY"))


@pytest.mark.parametrize(
    "bad", ["", "2 CNY", "2/8", "a/b USD", "-1/2 USD", "1/2 DOLLARS", "1e3/2 USD", "9999999/1 USD"]
)
def test_a_bad_price_spec_says_the_expected_form(bad: str) -> None:
    with pytest.raises(PriceError, match=r"IN/OUT|0 to"):
        parse_price_spec(bad)


def test_published_prices_in_each_documented_shape() -> None:
    openrouter = {
        "pricing": {"prompt": "0.000003", "completion": "0.000015", "input_cache_read": "0.0000003"}
    }
    assert published_price(openrouter) == Price(Decimal(3), Decimal(15), "USD", Decimal("0.3"), "published")
    per_million = {"pricing": {"input": 2, "output": 8, "currency": "cny"}}
    assert published_price(per_million) == Price(Decimal(2), Decimal(8), "CNY", None, "published")
    nothing: list[object] = [
        {},
        {"pricing": {}},
        {"pricing": {"prompt": "-1", "completion": "-1"}},
        {"pricing": {"prompt": "x", "completion": "1"}},
        {"pricing": {"prompt": True, "completion": 1}},
        {"pricing": {"input": "NaN", "output": 1}},
        "not a dict",
    ]
    for entry in nothing:
        assert published_price(entry) is None


def test_cost_is_tokens_times_price_exactly_with_cached_tokens_at_their_price() -> None:
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=3, cached_tokens=400_000)
    price = Price(Decimal("0.1"), Decimal("0.2"), "USD", Decimal("0.01"))
    assert cost_of(usage, price) == Cost(Decimal("0.0640006"), "USD", "price")
    # Without a cached price, cached tokens are charged as normal input.
    assert cost_of(usage, Price(Decimal("0.1"), Decimal("0.2"), "USD")) == Cost(
        Decimal("0.1000006"), "USD", "price"
    )


def test_the_gateway_figure_wins_and_missing_parts_give_none_never_zero() -> None:
    price = Price(Decimal(1), Decimal(1), "USD")
    gateway = Usage(prompt_tokens=10, completion_tokens=10, cost=Decimal("0.5"), cost_currency="USD")
    assert cost_of(gateway, price) == Cost(Decimal("0.5"), "USD", "gateway")
    assert cost_of(None, price) is None
    assert cost_of(Usage(prompt_tokens=10, completion_tokens=10), None) is None
    assert cost_of(Usage(prompt_tokens=10), price) is None  # half a usage is no basis for a bill


def test_amounts_are_shown_with_enough_digits() -> None:
    assert format_amount(Decimal("0.0031"), "USD") == "$0.0031"
    assert format_amount(Decimal("0.021"), "CNY") == "¥0.021"
    assert format_amount(Decimal("0.0000004"), "USD") == "$0.00000040"
    assert format_amount(Decimal("12.346"), "EUR") == "€12.35"
    assert format_amount(Decimal("1.5"), "CHF") == "1.50 CHF"
    assert format_amount(Decimal(0), "USD") == "$0"


def test_models_list_says_images_only_where_the_gateway_says_so() -> None:
    assert takes_images({"architecture": {"input_modalities": ["text", "image"]}}) is True
    assert takes_images({"architecture": {"input_modalities": ["text"]}}) is False
    assert takes_images({"capabilities": {"vision": True}}) is True
    assert takes_images({"modalities": {"input": ["image"]}}) is True
    assert takes_images({"input_modalities": ["text"]}) is False
    assert takes_images({"id": "gpt-4o"}) is None  # never guessed from a name
    models = parse_models(
        {"data": [{"id": "b"}, {"id": "a"}, {"id": "a", "x": 1}, {"no": "id"}, 7, {"id": True}]}
    )
    assert [m.id for m in models] == ["a", "b"]
    assert parse_models([{"id": "x"}])[0].id == "x" and parse_models("junk") == []
