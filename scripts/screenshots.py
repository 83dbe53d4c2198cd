"""Make the README's screenshots: the real window, offscreen, talking to the local test server.

    .venv/bin/python scripts/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python scripts/screenshots.py --lang zh_CN    # the window in 简体中文 (…-zh_CN.png)

A fresh SLUICE_HOME in a temporary folder, one profile (no key: the local server needs none), the window
built by the same composition root as `sluice`, a message typed into the composer and sent with Enter.
`streaming.png` is taken while the reply streams, `stopped.png` after Esc stopped it, `reply.png` after
Regenerate brought the whole reply as its second version; then the model picker (`picker.png`;
`picker-images.png` with the tooltip of a model's images toggle), the command palette (`palette.png`), the
settings page (`settings.png`) and the window at 700 px (`narrow.png`). SLUICE_SHOTS_DIR=DIR writes them
to DIR instead of docs/screenshots.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.models import Message, Profile, Role  # noqa: E402
from app.home import Home  # noqa: E402
from app.profiles.store import ProfileStore  # noqa: E402
from app.store.conversations import ConversationStore  # noqa: E402
from app.ui.shell.composition import WindowParts, build_window  # noqa: E402
from tests.support.server import Reply, TestServer, json_reply, sse_reply  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from shots import grab, grab_with, install_language, language_option, run_in_qasync, screenshot_app, until  # noqa: E402

QUESTION = "用 Python 写一个函数，统计一段文本里每个词出现的次数，并解释一下思路。"
EARLIER_Q = "What is an SSE stream?"
EARLIER_A = (
    "**Server-Sent Events** is a one-way stream over plain HTTP: the server keeps the response open and "
    "writes `data:` lines as they happen. OpenAI-compatible gateways use it for streamed replies — each "
    "event carries a small JSON *delta* with the next few tokens."
)
ANSWER = (
    "思路很简单：先把文本**规范化**（统一小写、去掉标点），再切分成词，最后用 "
    "`collections.Counter` 计数。\n\n"
    "## 代码\n\n"
    "```python\n"
    "import re\n"
    "from collections import Counter\n\n\n"
    "def word_counts(text: str) -> Counter[str]:\n"
    '    """Count each word in `text`, ignoring case and punctuation."""\n'
    '    words = re.findall(r"\\w+", text.lower())\n'
    "    return Counter(words)\n"
    "```\n\n"
    "## 要点\n\n"
    '1. `re.findall(r"\\w+")` 按 Unicode 单词字符切分，中文会按连续汉字成段；\n'
    "2. `Counter` 的 `most_common(n)` 可以直接给出前 n 个高频词；\n"
    "3. 大文件可以逐行读取，再用 `Counter.update()` 累加，内存占用稳定。\n\n"
    "| 方法 | 复杂度 | 适用场景 |\n"
    "|---|---|---|\n"
    "| `Counter` | O(n) | 一般文本 |\n"
    "| 逐行 `update()` | O(n) | 大文件 |\n\n"
    "> 如果需要中文分词，可以换用 `jieba.lcut()` 代替正则。\n"
)


def _tokens(text: str, size: int = 6) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def slow(reply: Reply, gap_s: float) -> Reply:
    reply.gap_s = gap_s
    return reply


async def send(parts: WindowParts, text: str) -> None:
    box = parts.window.composer.findChild(object, "composerInput")
    assert box is not None
    box.setFocus()
    box.setPlainText(text)
    QTest.keyClick(box, Qt.Key.Key_Return)


# Earlier conversations for the sidebar: (title, days ago, pinned).
HISTORY = (
    ("Project notes: Sluice 1.0", 40, True),
    ("Compare Kafka and RabbitMQ", 0, False),
    ("用中文写一首关于秋天的诗", 1, False),
    ("Regex for validating IPv6", 3, False),
    ("Docker compose for Postgres", 5, False),
    ("Plan a trip to Kyoto in spring", 12, False),
    ("Explain Rust lifetimes simply", 35, False),
)


def seed_history(home: Home) -> None:
    now = time.time()
    for title, days, pinned in HISTORY:
        when = now - days * 86400 - 3600
        store = ConversationStore.open(home.db_path, clock=lambda when=when: when)
        try:
            conversation = store.create_conversation(title, profile="local", model="deepseek-chat")
            store.add_message(conversation.id, Message(role=Role.USER, content=title))
            if pinned:
                store.set_pinned(conversation.id, True)
        finally:
            store.close()


async def scenario(server: TestServer, home: Home, suffix: str = "") -> None:
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    parts = build_window(home, on_closed=lambda: None if closed.done() else closed.set_result(None))
    parts.window.resize(1180, 780)
    parts.window.show()
    parts.controller.new_conversation()  # the window reopened the newest earlier one: start a new chat
    parts.window.sidebar.select(None)
    try:
        await asyncio.sleep(0.1)
        grab(parts.window, f"empty{suffix}.png")

        # An earlier exchange, so the shot shows both kinds of turn.
        server.queue(
            sse_reply(
                _tokens(EARLIER_A), usage={"prompt_tokens": 12, "completion_tokens": 61, "total_tokens": 73}
            )
        )
        await send(parts, EARLIER_Q)
        await until(lambda: not parts.controller.busy and server.requests != [])
        await until(lambda: not parts.controller.busy)

        # The reply streams at ~40 tokens/s; the shot is taken partway through.
        tokens = _tokens(ANSWER, 3)
        server.queue(
            slow(sse_reply(tokens, reasoning=_tokens("用户想要一个词频统计函数，顺便解释思路。", 4)), 0.03)
        )
        await send(parts, QUESTION)
        await until(lambda: "要点" in parts.window.transcript.toPlainText())
        parts.window.composer.findChild(object, "composerInput").setPlainText("再给一个按频率排序输出的例子")
        await asyncio.sleep(0.1)
        grab(parts.window, f"streaming{suffix}.png")

        # Esc stops: the connection closes and the partial reply stays, marked "stopped".
        await until(lambda: "| 方法" in parts.window.transcript.toPlainText())
        box = parts.window.composer.findChild(object, "composerInput")
        QTest.keyClick(box, Qt.Key.Key_Escape)
        await until(lambda: not parts.controller.busy)
        await until(lambda: len(server.disconnect_times) >= 1)  # the stream's connection was closed
        await asyncio.sleep(0.1)
        grab(parts.window, f"stopped{suffix}.png")

        # Regenerate: the whole reply arrives as a second version ("‹ 2/2 ›"), with its code card, list,
        # table and quote finished; the first, stopped one is kept as version 1.
        server.queue(
            sse_reply(
                _tokens(ANSWER, 12),
                usage={"prompt_tokens": 96, "completion_tokens": 212, "total_tokens": 308},
            )
        )
        parts.window.composer.findChild(object, "composerInput").setPlainText("")
        parts.window.topbar.regenerate.click()
        await until(lambda: parts.controller.busy)
        await until(lambda: not parts.controller.busy)
        await asyncio.sleep(0.1)
        grab(parts.window, f"reply{suffix}.png")

        # The profile · model picker, with the models the gateway listed.
        topbar = parts.window.topbar
        topbar.pill.click()
        picker = topbar.picker()
        await until(lambda: any(e.text == "deepseek-reasoner" for e in picker.shown_entries()))
        await asyncio.sleep(0.05)
        grab_with(parts.window, [picker], f"picker{suffix}.png")
        # The tooltip of a model's images toggle (auto, and what the gateway said).
        from PySide6.QtWidgets import QToolTip

        from app.ui.search_popup import ENTRY_ROLE, toggle_rect

        model = picker.list.model()
        row = next(
            r
            for r in range(model.rowCount())
            if getattr(model.index(r, 0).data(ENTRY_ROLE), "text", "") == "gpt-4o"
        )
        box = toggle_rect(picker.list.visualRect(model.index(row, 0)))
        entry = model.index(row, 0).data(ENTRY_ROLE)
        QToolTip.showText(picker.list.viewport().mapToGlobal(box.topRight()), entry.toggle.tip, picker.list)
        await asyncio.sleep(0.3)
        tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
        grab_with(parts.window, [picker, *tips], f"picker-images{suffix}.png")
        QToolTip.hideText()
        picker.close()

        # The command palette, as it opens: commands first, then the models and the conversations.
        assert parts.commands is not None
        palette = parts.commands.open_palette()
        await asyncio.sleep(0.05)
        grab_with(parts.window, [palette], f"palette{suffix}.png")
        palette.close()

        # Settings, as a page in place of the chat.
        assert parts.profile_ui is not None
        page = parts.profile_ui.open_settings()
        await asyncio.sleep(0.05)
        grab(parts.window, f"settings{suffix}.png")
        page.closed.emit()

        # 700 px wide: the sidebar folds away, nothing is cut.
        parts.window.resize(700, 720)
        await asyncio.sleep(0.1)
        grab(parts.window, f"narrow{suffix}.png")
    finally:
        parts.window.close()
        await parts.shutdown()


def main() -> int:
    """`screenshots.py` shoots the light theme; `--dark` the dark one (…-dark.png); `--lang zh_CN` (or
    zh_TW) the window in that language (…-zh_CN.png)."""
    dark = "--dark" in sys.argv[1:]
    lang = language_option(sys.argv[1:])
    app = screenshot_app("dark" if dark else "light")
    with tempfile.TemporaryDirectory() as tmp, TestServer() as server:
        # What the gateway says of each model's images: no, nothing, yes (the picker's toggles show it).
        listed = {
            "data": [
                {"id": "deepseek-chat", "capabilities": {"vision": False}},
                {"id": "deepseek-reasoner"},
                {"id": "gpt-4o", "architecture": {"input_modalities": ["text", "image"]}},
            ]
        }
        server.set_default(lambda _request: json_reply(listed), "/v1/models")
        home = Home.from_env({"SLUICE_HOME": tmp})
        home.ensure()
        install_language(app, lang, home)
        profiles = ProfileStore(home.profiles_path)
        profiles.load()
        profiles.add(
            Profile(
                name="local",
                base_url=server.base_url,
                model="deepseek-chat",
                auth="none",
                vision=(("deepseek-reasoner", False),),  # the user's word: off
            )
        )
        profiles.save()
        seed_history(home)
        suffix = ("-dark" if dark else "") + ("" if lang == "en" else f"-{lang}")
        run_in_qasync(app, scenario(server, home, suffix))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
