"""Screenshots of the first-run welcome page and the profile editor, offscreen, against the local test server.

    .venv/bin/python scripts/screenshots_profiles.py     # writes docs/screenshots/welcome.png, editor.png
    .venv/bin/python scripts/screenshots_profiles.py --lang zh_CN    # welcome-zh_CN.png, editor-zh_CN.png

A fresh SLUICE_HOME with no profile, so the window opens on the welcome page; the local test server stands in
for a running Ollama (it answers /models), so the page shows what a user with Ollama running sees. Then a
profile is saved and the editor is shown after a connection test that streamed a reply.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402

from app.home import Home  # noqa: E402
from tests.support.server import TestServer, models_reply, slow_sse_reply  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from shots import (  # noqa: E402
    grab,
    install_language,
    keyless_window,
    language_option,
    run_in_qasync,
    screenshot_app,
    until,
)

MODELS = ["llama3.2:3b", "qwen2.5:7b", "deepseek-r1:8b"]


async def scenario(server: TestServer, home: Home, suffix: str = "") -> None:
    # No keyring is needed: the local server takes no key. A failing backend proves nothing is stored.
    parts = keyless_window(home, local_targets=(("ollama", server.base_url),))
    parts.window.resize(1100, 720)
    parts.window.show()
    ui = parts.profile_ui
    assert ui is not None
    try:
        welcome = ui.show_welcome()
        # The local server was found: its entry moved to the top (and says it is running).
        await until(
            lambda: (
                welcome.presets.count() > 0
                and welcome.presets.item(0).data(Qt.ItemDataRole.UserRole) == "ollama"
            )
        )
        await asyncio.sleep(0.1)
        grab(parts.window, f"welcome{suffix}.png")

        welcome.model.setCurrentText("qwen2.5:7b")
        await welcome.finish()
        await until(lambda: not parts.window.showing_welcome())

        server.queue(slow_sse_reply(12, 40, token="7 "))
        editor = ui.open_editor("ollama")
        editor.resize(940, 760)
        report = await editor.test_connection()
        assert report is not None and report.ok, report
        await asyncio.sleep(0.1)
        grab(editor, f"editor{suffix}.png")
    finally:
        parts.window.close()
        await parts.shutdown()


def main() -> int:
    lang = language_option(sys.argv[1:])
    app = screenshot_app("light")
    with tempfile.TemporaryDirectory() as tmp, TestServer() as server:
        server.set_default(lambda _request: models_reply(MODELS), "/v1/models")
        home = Home.from_env({"SLUICE_HOME": tmp})
        home.ensure()
        install_language(app, lang, home)
        run_in_qasync(app, scenario(server, home, "" if lang == "en" else f"-{lang}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
