"""What a reply cost, and where that figure came from. Never a guess: no price, no cost.

Amounts are `Decimal` end to end (a float turns 0.1 + 0.2 into 0.30000000000000004 and a bill of ¥0.68 into
¥0.6799999). A cost has a source:

- ``gateway``: the gateway said what it charged (OpenRouter's ``usage.cost`` when asked with
  ``"usage": {"include": true}``);
- ``price``: tokens × a per-token price, from the gateway's ``/models`` (``published``) or set by the user
  for that profile and model (``user``, which wins: a reseller's markup is the user's to know).

No usage, or no price for exactly this profile and model → no cost (`None`), shown as "—". A price is never
borrowed from another model or another gateway.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from app.core.models import Usage
from app.core.money import Cost, CostSource, Price, PriceSource

__all__ = ["Cost", "CostSource", "Price", "PriceError", "PriceSource", "cost_of", "format_amount"]

PER_MILLION = Decimal(1_000_000)
MAX_PRICE = Decimal(1_000_000)  # per 1M tokens; anything above is a typo or a hostile /models, not a price


# "IN/OUT[/CACHED] CUR", per 1M tokens: "0.25/2.00 USD", "2/8 CNY", "0.25/2/0.025 usd". Text that `re`
# compiles on first use (~0.3 ms at every start otherwise: profiles.toml's reader imports this module).
_SPEC = r"\s*([0-9.]+)\s*/\s*([0-9.]+)\s*(?:/\s*([0-9.]+)\s*)?([A-Za-z]{3})\s*"
_SYMBOLS = {"USD": "$", "CNY": "¥", "EUR": "€", "GBP": "£", "JPY": "¥"}


class PriceError(ValueError):
    """A price the user typed that cannot be read; the message says what form is expected."""


def parse_price_spec(text: str) -> Price:
    """`"0.25/2.00 USD"` → Price(0.25, 2.00, "USD"). Raises PriceError with the expected form."""
    match = re.fullmatch(_SPEC, text)
    if not match:
        raise PriceError(
            f"price {text!r} is not IN/OUT[/CACHED] CUR per 1M tokens, e.g. '0.25/2.00 USD' or '2/8 CNY'"
        )
    numbers = [_decimal(group) for group in match.groups()[:3]]
    if any(n is not None and (n < 0 or n > MAX_PRICE) for n in numbers) or None in numbers[:2]:
        raise PriceError(f"price {text!r}: each figure must be a number from 0 to {MAX_PRICE} per 1M tokens")
    input_price, output_price, cached = numbers
    assert input_price is not None and output_price is not None
    return Price(input_price, output_price, match.group(4).upper(), cached, "user")


def parse_model_price(text: str) -> tuple[str, Price]:
    """`--price "MODEL=IN/OUT[/CACHED] CUR"` → (model, Price)."""
    model, sep, spec = text.partition("=")
    if not sep or not model.strip():
        raise PriceError(
            f"--price {text!r}: expected MODEL=IN/OUT[/CACHED] CUR, e.g. 'gpt-5-mini=0.25/2 USD'"
        )
    return model.strip(), parse_price_spec(spec)


def published_price(entry: object) -> Price | None:
    """A price from one `/models` entry, in the shapes gateways document; None when it names none.

    OpenRouter: ``pricing.prompt`` / ``pricing.completion`` (and ``input_cache_read``) in USD per token, as
    strings. Others publish per 1M tokens: ``pricing.input`` / ``pricing.output`` (with an optional
    ``pricing.currency``). A negative price (OpenRouter's "-1" for a router model) means "varies": no price.
    """
    if not isinstance(entry, dict):
        return None
    pricing = entry.get("pricing")
    if not isinstance(pricing, dict):
        return None
    currency = pricing.get("currency", "USD")
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Za-z]{3}", currency):
        return None
    if "prompt" in pricing and "completion" in pricing:  # per token
        scale = PER_MILLION
        keys = ("prompt", "completion", "input_cache_read")
    elif "input" in pricing and "output" in pricing:  # per 1M tokens
        scale = Decimal(1)
        keys = ("input", "output", "cached_input")
    else:
        return None
    input_price, output_price, cached = (_decimal(pricing.get(key)) for key in keys)
    if input_price is None or output_price is None:
        return None
    figures = [input_price * scale, output_price * scale]
    cached_per_m = cached * scale if cached is not None else None
    if any(f < 0 or f > MAX_PRICE for f in figures) or (cached_per_m is not None and cached_per_m < 0):
        return None
    return Price(figures[0], figures[1], currency.upper(), cached_per_m, "published")


def cost_of(usage: Usage | None, price: Price | None) -> Cost | None:
    """The reply's cost: the gateway's own figure first, else tokens × price; None when either is missing.

    Reasoning tokens are part of `completion_tokens` (OpenAI's and DeepSeek's accounting), so they are not
    added again. Cached prompt tokens are part of `prompt_tokens`; with a cached price they are charged at it.
    """
    if usage is None:
        return None
    if usage.cost is not None:
        return Cost(usage.cost, usage.cost_currency or "USD", "gateway")
    if price is None or usage.prompt_tokens is None or usage.completion_tokens is None:
        return None
    prompt = Decimal(usage.prompt_tokens)
    cached = Decimal(min(usage.cached_tokens or 0, usage.prompt_tokens))
    amount = (prompt - cached) * price.input + Decimal(usage.completion_tokens) * price.output
    amount += cached * (price.cached if price.cached is not None else price.input)
    return Cost(amount / PER_MILLION, price.currency, "price")


def format_amount(amount: Decimal, currency: str) -> str:
    """`$0.0031`, `¥0.021`, `0.5 EUR`: enough digits that a small reply is not shown as 0."""
    symbol = _SYMBOLS.get(currency.upper())
    digits = _significant(amount)
    return f"{symbol}{digits}" if symbol else f"{digits} {currency.upper()}"


def _significant(amount: Decimal) -> str:
    """Two significant digits below 1 (0.0031), two decimals above (12.34); never scientific notation."""
    if amount == 0:
        return "0"
    if abs(amount) >= 1:
        return f"{amount:.2f}"
    exponent = amount.copy_abs().adjusted()  # 0.0031 → -3
    places = min(-exponent + 1, 12)
    return f"{amount:.{places}f}"


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None
