"""Screenshots of the profile editor's Fallbacks list, offscreen (issue 16).

    .venv/bin/python scripts/screenshot_editor_fallbacks.py [--lang zh_CN]
    # writes docs/screenshots/editor-fallbacks.png (the section) and editor-fallbacks-window.png (the editor)

The profile falls back to another gateway with a model picked from its kept /models list, to a third with its
default model, and to a profile deleted since, which the list keeps and shows as missing.
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


from app.core.models import ModelInfo, Profile  # noqa: E402
from app.home import Home  # noqa: E402
from app.profiles.catalog import ModelCatalog  # noqa: E402
from app.profiles.store import ProfileStore  # noqa: E402
from tests.support.server import TestServer, models_reply  # noqa: E402

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


async def scenario(server: TestServer, home: Home, suffix: str = "") -> None:
    store = ProfileStore(home.profiles_path)
    store.load()
    for name, model in (("openrouter", "openai/gpt-5-mini"), ("deepseek", "deepseek-chat")):
        store.add(Profile(name=name, base_url=server.base_url, model=model, auth="none"))
    store.add(
        Profile(
            name="zenmux",
            base_url=server.base_url,
            model="openai/gpt-5-mini",
            auth="none",
            fallbacks=("openrouter:anthropic/claude-sonnet-4.5", "deepseek", "old-gateway:gpt-4o"),
        )
    )
    store.save()
    ModelCatalog(home.models_path).replace(
        "openrouter", [ModelInfo(id="openai/gpt-5-mini"), ModelInfo(id="anthropic/claude-sonnet-4.5")]
    )
    parts = keyless_window(home)
    parts.window.show()
    ui = parts.profile_ui
    assert ui is not None
    try:
        editor = ui.open_editor("zenmux")
        editor.resize(900, 900)
        section = editor.fallbacks_section
        section.list.setCurrentRow(1)
        section.profile.setCurrentText("openrouter")
        await until(lambda: editor.fetch_button.isEnabled())  # the fetch is over: nothing runs during grab
        await asyncio.sleep(0.2)
        grab(section, f"editor-fallbacks{suffix}.png")
        grab(editor, f"editor-fallbacks-window{suffix}.png")
    finally:
        parts.window.close()
        await parts.shutdown()


def main() -> int:
    lang = language_option(sys.argv[1:])
    app = screenshot_app("light")
    with tempfile.TemporaryDirectory() as tmp, TestServer() as server:
        server.set_default(lambda _request: models_reply(["openai/gpt-5-mini", "gpt-4o-mini"]), "/v1/models")
        home = Home.from_env({"SLUICE_HOME": tmp})
        home.ensure()
        install_language(app, lang, home)
        run_in_qasync(app, scenario(server, home, "" if lang == "en" else f"-{lang}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
