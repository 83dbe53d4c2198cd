"""The README's screenshot of Compare mode: the real window, offscreen, against three local test servers.

    .venv/bin/python scripts/screenshots_compare.py [--lang zh_CN]   # writes docs/screenshots/compare*.png

Three lanes answer one question: one finishes (with usage, so tokens and cost show), one is still
streaming when the picture is taken, one answers HTTP 503 and says so in its own column.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QPlainTextEdit  # noqa: E402

from app.compare import Lane  # noqa: E402
from app.core.models import Profile  # noqa: E402
from app.home import Home  # noqa: E402
from app.profiles.store import ProfileStore  # noqa: E402
from app.ui.shell.composition import build_window  # noqa: E402
from tests.support.server import TestServer, json_error_reply, models_reply, sse_reply  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from shots import grab, install_language, language_option, run_in_qasync, screenshot_app, until  # noqa: E402

FAST = (
    "Server-Sent Events keep one HTTP response open; the server writes each piece of the reply as a "
    "`data:` line and ends with `data: [DONE]`. WebSockets talk both ways, which a chat reply does not need."
)
SLOW = (
    "SSE is one long HTTP response: simple, proxy-friendly, and it reconnects by itself. A WebSocket is a "
    "two-way channel; for streaming a model's answer, one way is all you need, so most gateways choose SSE."
)


async def scenario(home: Home, suffix: str) -> None:
    parts = build_window(home, on_closed=lambda: None)
    parts.window.resize(1240, 720)
    parts.window.show()
    compare = parts.compare
    assert compare is not None
    try:
        compare.enter()
        profiles = [parts.profiles.get(name) for name in ("zenmux", "dmxapi", "lemondata")]
        compare.set_lanes([Lane.of(p, p.model) for p in profiles])
        box = parts.window.composer.findChild(QPlainTextEdit, "composerInput")
        assert box is not None
        box.setFocus()
        QTest.keyClicks(box, "SSE or WebSocket for streaming chat replies? Two sentences.")
        QTest.keyClick(box, Qt.Key.Key_Return)
        view = compare.view
        assert view is not None
        slow = view.columns[1]
        await until(lambda: 0 in compare.results and 2 in compare.results and len(slow.text()) > 90)
        await asyncio.sleep(0.2)  # one more paint of the live figures
        grab(parts.window, f"compare{suffix}.png")
        compare.stop()
        await until(lambda: not compare.busy)
    finally:
        parts.window.close()
        await parts.shutdown()


def main() -> int:
    lang = language_option(sys.argv[1:])
    app = screenshot_app("light")
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as servers:
        fast, slow, failing = (servers.enter_context(TestServer()) for _ in range(3))
        fast.queue(
            sse_reply([w + " " for w in FAST.split()], usage={"prompt_tokens": 21, "completion_tokens": 48})
        )
        slow_reply = sse_reply([w + " " for w in SLOW.split()])
        slow_reply.gap_s = 0.12
        slow.queue(slow_reply)
        failing.queue(json_error_reply(503, "上游服务暂时不可用 (upstream overloaded)", type_="server_error"))
        for server, model in ((fast, "deepseek-chat"), (slow, "qwen-plus"), (failing, "gpt-4o-mini")):
            server.set_default(lambda _r, m=model: models_reply([m]), "/v1/models")
        home = Home.from_env({"SLUICE_HOME": tmp})
        home.ensure()
        install_language(app, lang, home)
        profiles = ProfileStore(home.profiles_path)
        profiles.load()
        for name, server, model, price in (
            ("zenmux", fast, "deepseek-chat", "0.28/0.42 USD"),
            ("dmxapi", slow, "qwen-plus", "0.8/2 CNY"),
            ("lemondata", failing, "gpt-4o-mini", ""),
        ):
            prices = ((model, price),) if price else ()
            profiles.add(
                Profile(name=name, base_url=server.base_url, model=model, auth="none", prices=prices)
            )
        profiles.save()
        run_in_qasync(app, scenario(home, "" if lang == "en" else f"-{lang}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
