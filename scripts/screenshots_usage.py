"""The Usage page for the README: a month of replies over three gateways, in USD and CNY.

QT_QPA_PLATFORM=offscreen python scripts/screenshots_usage.py [--lang zh_CN] [--dark]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def seed(store: object) -> None:
    from app.core.models import Message, MessageStatus, Role, Usage
    from app.core.money import Cost
    from app.store.conversations import ConversationStore

    assert isinstance(store, ConversationStore)
    rng = random.Random(3)
    now = time.time()
    conversation = store.create_conversation("seed")
    lanes = [
        ("openrouter", "openai/gpt-5-mini", "USD", Decimal("0.0004"), 0.9),
        ("openrouter", "anthropic/claude-sonnet-4.5", "USD", Decimal("0.004"), 1.4),
        ("deepseek", "deepseek-chat", "CNY", Decimal("0.002"), 0.7),
        ("zenmux", "openai/gpt-5", "USD", Decimal("0.006"), 2.2),
    ]
    for day in range(30):
        for profile, model, currency, unit, ttft in lanes:
            for _ in range(rng.randrange(0, 6)):
                prompt, completion = rng.randrange(200, 4000), rng.randrange(50, 1500)
                known = not (profile == "zenmux" and rng.random() < 0.3)
                amount = unit * Decimal(prompt + 4 * completion) / Decimal(1000)
                reply = Message(
                    role=Role.ASSISTANT,
                    content="…",
                    status=MessageStatus.COMPLETE if rng.random() > 0.05 else MessageStatus.CANCELLED,
                    profile=profile,
                    model=model,
                    usage=Usage(prompt_tokens=prompt, completion_tokens=completion),
                    cost=Cost(amount.quantize(Decimal("0.000001")), currency, "price") if known else None,
                    ttft_ms=ttft * 1000 * rng.uniform(0.6, 1.8),
                    tokens_per_s=rng.uniform(40, 120),
                    created=now - day * 86_400 - rng.uniform(0, 80_000),
                )
                saved = store.add_message(conversation.id, reply)
                store.finish_message(Message(**{**_fields(reply), "id": saved.id}))


def _fields(message: object) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(message, f.name) for f in dataclasses.fields(message)}  # type: ignore[arg-type]


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.home import Home
    from app.store.conversations import ConversationStore
    from app.ui.theme import apply_theme
    from app.ui.usage.page import UsagePage
    from scripts.shots import OUT, install_language, language_option

    lang = language_option(sys.argv)
    dark = "--dark" in sys.argv
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        home = Home.from_env({"SLUICE_HOME": tmp})
        home.ensure()
        if lang != "en":
            install_language(app, lang, home)
        if dark:
            apply_theme(app, "dark")
        store = ConversationStore.open(home.db_path)
        seed(store)
        page = UsagePage(store)
        page.resize(980, 680)
        page.show()
        page.currency.setCurrentText("USD")
        app.processEvents()
        OUT.mkdir(parents=True, exist_ok=True)
        suffix = ("-" + lang if lang != "en" else "") + ("-dark" if dark else "")
        path = OUT / f"usage{suffix}.png"
        page.grab().save(str(path))
        print(f"wrote {path}")
        page.close()
        store.close()


if __name__ == "__main__":
    main()
