"""app/compare.py without a network: lanes as written, and a lane's live figures (issue 16)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.compare import Lane, LaneMeter, parse_lanes
from app.core.errors import ProfileError
from app.core.events import ContentDelta, ReasoningDelta, UsageReport
from app.core.models import Profile, Usage
from app.core.pricing import parse_price_spec


class Profiles:
    def __init__(self, *profiles: Profile) -> None:
        self._by_name = {p.name: p for p in profiles}

    def names(self) -> list[str]:
        return list(self._by_name)

    def get(self, name: str) -> Profile:
        if name not in self._by_name:
            raise ProfileError(f"No profile named {name}.")
        return self._by_name[name]


A = Profile(name="a", base_url="http://127.0.0.1:1/v1", model="a-model")
NO_MODEL = Profile(name="bare", base_url="http://127.0.0.1:1/v1", model="")
COLON = Profile(name="x:y", base_url="http://127.0.0.1:1/v1", model="m")


def test_a_lane_picked_in_the_window_is_labelled_as_the_cli_writes_it() -> None:
    assert Lane.of(A, "a-model").label == "a"
    assert Lane.of(A, "big") == Lane("a:big", A, "big")
    assert Lane.of(A, "").model == "a-model"


def test_parse_lanes_reads_models_and_a_profile_whose_name_has_a_colon() -> None:
    lanes = parse_lanes("a, a:big ,x:y", Profiles(A, COLON))
    assert [(lane.label, lane.profile.name, lane.model) for lane in lanes] == [
        ("a", "a", "a-model"),
        ("a:big", "a", "big"),
        ("x:y", "x:y", "m"),
    ]


@pytest.mark.parametrize(
    ("spec", "words"),
    [("a", "2 to 4"), ("a,a", "different"), ("a,bare", "no model"), ("a,ghost", "ghost")],
)
def test_parse_lanes_refuses(spec: str, words: str) -> None:
    with pytest.raises(ProfileError, match=words):
        parse_lanes(spec, Profiles(A, NO_MODEL))


def test_a_meter_gives_ttft_rate_tokens_and_cost_as_they_arrive() -> None:
    now = [10.0]
    meter = LaneMeter(Lane.of(A, "a-model"), price=parse_price_spec("1/2 USD"), clock=lambda: now[0])
    assert meter.message().ttft_ms is None and meter.message().cost is None  # nothing yet
    now[0] = 10.25
    meter.add(ReasoningDelta("hmm"))
    now[0] = 10.5
    meter.add(ContentDelta("Hello"))
    now[0] = 11.25
    live = meter.message()
    assert live.ttft_ms == pytest.approx(250.0)
    assert live.tokens_per_s == pytest.approx(2 / 1.0)  # two chunks over the second since the first
    assert not live.rate_counts_tokens and live.cost is None
    meter.add(UsageReport(Usage(prompt_tokens=1000, completion_tokens=500)))
    ended = meter.message()
    assert ended.rate_counts_tokens and ended.tokens_per_s == pytest.approx(500.0)
    assert ended.cost is not None and ended.cost.amount == Decimal("0.002")  # 1000 × 1 + 500 × 2 per 1M
    assert (ended.profile, ended.model) == ("a", "a-model")


def test_the_summary_table_writes_a_small_cost_as_money_not_in_scientific_notation() -> None:
    from app.cli_compare import summary_table

    row: dict[str, object] = {
        "lane": "good",
        "finish_reason": "stop",
        "error": None,
        "ttft_ms": 118.2,
        "tokens_per_s": 46.0,
        "completion_tokens": 40,
        "cost": {"amount": 0.000085, "currency": "USD", "source": "price"},
    }
    table = summary_table([row])
    assert "$0.000085" in table and "e-05" not in table
