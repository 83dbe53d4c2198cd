"""Amounts and prices as plain values (`Decimal`, never float): what a reply cost and what a model costs.

Kept apart from app/core/pricing.py (which computes with them) so that app/core/models.py can hold a Cost
without importing the arithmetic, and the arithmetic can import the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

PriceSource = Literal["published", "user"]
CostSource = Literal["gateway", "price"]


@dataclass(frozen=True, slots=True)
class Price:
    """Per 1M tokens, in one currency. `cached` prices cached prompt tokens (None: as normal input)."""

    input: Decimal
    output: Decimal
    currency: str
    cached: Decimal | None = None
    source: PriceSource = "user"

    def spec(self) -> str:
        """The form `--price` takes, so a price can be shown and typed back the same way."""
        parts = [_plain(self.input), _plain(self.output)]
        if self.cached is not None:
            parts.append(_plain(self.cached))
        return f"{'/'.join(parts)} {self.currency}"


@dataclass(frozen=True, slots=True)
class Cost:
    amount: Decimal
    currency: str
    source: CostSource

    def as_json(self) -> dict[str, object]:
        """`{"amount": 0.00123, "currency": "USD", "source": "price"}` (amount as a JSON number)."""
        return {"amount": float(self.amount), "currency": self.currency, "source": self.source}


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
