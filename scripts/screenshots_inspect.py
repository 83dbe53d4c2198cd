"""The README's screenshot of the Inspect panel: the real window, offscreen, against the local test server.

    .venv/bin/python scripts/screenshots_inspect.py [--lang zh_CN]   # writes docs/screenshots/inspect*.png

A reply streams with a pause before its last part (as a gateway that holds back the end would), then its
"Inspect" link is clicked and the panel grabbed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QPlainTextEdit  # noqa: E402

from app.core.models import Profile  # noqa: E402
from app.home import Home  # noqa: E402
from app.profiles.store import ProfileStore  # noqa: E402
from app.ui.shell.composition import build_window  # noqa: E402
from tests.support.server import Reply, TestServer, sse_reply  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from shots import grab, install_language, language_option, run_in_qasync, screenshot_app, until  # noqa: E402


def _reply() -> Reply:
    text = "Server-Sent Events keep one HTTP response open and write each delta as a data line."
    usage = {"prompt_tokens": 12, "completion_tokens": 45}
    reply = sse_reply([w + " " for w in text.split()] * 3, usage=usage)
    chunks = list(reply.chunks)
    reply.chunks = [*chunks[:20], b"".join(chunks[20:])]  # the rest held back, then sent at once
    reply.gap_s = 0.03
    return reply


async def scenario(server: TestServer, home: Home, suffix: str) -> None:
    parts = build_window(home, on_closed=lambda: None)
    parts.window.resize(1000, 720)
    parts.window.show()
    try:
        box = parts.window.composer.findChild(QPlainTextEdit, "composerInput")
        assert box is not None
        box.setFocus()
        QTest.keyClicks(box, "What is SSE?")
        QTest.keyClick(box, Qt.Key.Key_Return)
        await until(lambda: not parts.controller.busy and server.requests != [])
        message_id = parts.controller.store.last_exchange_message()
        assert message_id is not None
        parts.controller.inspect(message_id)
        panel = parts.controller.inspect_panel
        assert panel is not None
        await until(lambda: panel.isVisible())
        grab(panel, f"inspect{suffix}.png")
        panel.close()
    finally:
        parts.window.close()
        await parts.shutdown()


def main() -> int:
    lang = language_option(sys.argv[1:])
    app = screenshot_app("light")
    with tempfile.TemporaryDirectory() as tmp, TestServer() as server:
        server.queue(_reply())
        home = Home.from_env({"SLUICE_HOME": tmp})
        home.ensure()
        install_language(app, lang, home)
        profiles = ProfileStore(home.profiles_path)
        profiles.load()
        profiles.add(Profile(name="local", base_url=server.base_url, model="deepseek-chat", auth="none"))
        profiles.save()
        run_in_qasync(app, scenario(server, home, "" if lang == "en" else f"-{lang}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
