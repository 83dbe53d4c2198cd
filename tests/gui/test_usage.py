"""Cost in the window: each reply's status line, the conversation's total, and the Usage page."""

from __future__ import annotations

import dataclasses
import time
from decimal import Decimal

from PySide6.QtWidgets import QTableWidget

from app.core.models import Message, MessageStatus, Role, Usage
from app.core.pricing import Cost
from app.profiles.store import ProfileStore
from app.store.conversations import ConversationStore
from app.ui.usage.page import UsagePage
from tests.gui.window_harness import WindowHarness
from tests.support.server import sse_reply


def test_each_reply_shows_its_cost_and_the_top_bar_the_conversations_total(harness: WindowHarness) -> None:
    profile = harness.add_profile("local")
    profiles = ProfileStore(harness.home.profiles_path)
    profiles.load()
    profiles.update(dataclasses.replace(profile, prices=(("test-model", "2/8 CNY"),)))
    profiles.save()
    usage = {"prompt_tokens": 1000, "completion_tokens": 250, "total_tokens": 1250}
    harness.server.queue(sse_reply(["one"], usage=usage))
    harness.server.queue(sse_reply(["two"], usage=usage))

    async def scenario() -> None:
        parts = harness.open()
        topbar = parts.window.topbar
        assert not topbar.cost.isVisible()  # nothing spent yet: no figure, not "¥0"
        harness.type_and_send(parts, "first")
        await harness.until(lambda: not parts.controller.busy, "the first reply ended")
        # 1000 × 2 + 250 × 8 = 4000 per 1M tokens → ¥0.004
        assert "¥0.0040" in harness.transcript_text(parts)
        assert topbar.cost.text() == "¥0.0040"
        harness.type_and_send(parts, "second")
        await harness.until(lambda: not parts.controller.busy, "the second reply ended")
        assert topbar.cost.text() == "¥0.0080"

    harness.run(scenario())
    assert harness.last_reply().cost == Cost(Decimal("0.004"), "CNY", "price")


def _reply(profile: str, model: str, cost: Cost | None, **extra: object) -> Message:
    return Message(
        role=Role.ASSISTANT,
        content="x",
        status=MessageStatus.COMPLETE,
        profile=profile,
        model=model,
        usage=Usage(prompt_tokens=10, completion_tokens=5),
        cost=cost,
        ttft_ms=100.0,
        tokens_per_s=50.0,
        created=time.time(),
        **extra,  # type: ignore[arg-type]
    )


def test_the_usage_page_shows_spend_per_currency_and_a_row_per_profile_and_model(
    harness: WindowHarness,
) -> None:
    store = ConversationStore.open(harness.home.db_path)
    try:
        conversation = store.create_conversation("c")
        hostile = "<b>evil</b><img src='file:///dev/zero'>"
        replies = [
            _reply("zen", "gpt", Cost(Decimal("0.01"), "USD", "gateway")),
            _reply("zen", "gpt", Cost(Decimal("0.02"), "USD", "price")),
            _reply("deep", "chat", Cost(Decimal("0.5"), "CNY", "price")),
            _reply(hostile, "m", None),
        ]
        for reply in replies:
            saved = store.add_message(conversation.id, reply)
            store.finish_message(dataclasses.replace(reply, id=saved.id))
    finally:
        store.close()

    async def scenario() -> None:
        parts = harness.open()
        parts.window.topbar.usage_action.trigger()
        assert parts.profile_ui is not None
        page = parts.profile_ui.usage_page
        assert isinstance(page, UsagePage) and page.isVisible()
        table = page.findChild(QTableWidget)
        assert table is not None and table.rowCount() == 3
        rows = {
            (table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, 4).text()
            for r in range(table.rowCount())
        }
        assert rows == {("zen", "gpt"): "$0.030", ("deep", "chat"): "¥0.50", (hostile, "m"): "—"}
        assert "4 replies" in page.summary.text() and "1 without a known cost" in page.summary.text()
        assert "¥0.50 + $0.030" in page.summary.text()  # never added across currencies
        assert page.currency.isVisibleTo(page) and page.currency.count() == 2
        page.currency.setCurrentText("USD")
        assert [bar.total for bar in page.chart._bars] == [Decimal("0.03")]
        page.period.setCurrentIndex(0)  # last 24 hours: still all of them
        assert table.rowCount() == 3
        page.close()

    harness.run(scenario())
