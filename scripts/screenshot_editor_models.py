"""A screenshot of the profile editor's Models section, offscreen, against the local test server.

    .venv/bin/python scripts/screenshot_editor_models.py     # writes docs/screenshots/editor-models.png

The server answers /models in OpenRouter's shape (prices per token, input modalities), so the table shows
the gateway's prices marked as such; the profile carries a user price in CNY and an images override, as
`sluice profile set --price/--vision` would store them.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from app.core.models import Profile  # noqa: E402
from app.home import Home  # noqa: E402
from app.profiles.store import ProfileStore  # noqa: E402
from tests.support.server import TestServer, json_reply  # noqa: E402

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


def _model(model_id: str, prompt: str | None, completion: str | None, image: bool | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": model_id}
    if prompt is not None and completion is not None:
        entry["pricing"] = {"prompt": prompt, "completion": completion}
    if image is not None:
        entry["architecture"] = {"input_modalities": ["text", "image"] if image else ["text"]}
    return entry


MODELS = {
    "object": "list",
    "data": [
        _model("openai/gpt-5-mini", "0.00000025", "0.000002", True),
        _model("anthropic/claude-sonnet-4.5", "0.000003", "0.000015", True),
        _model("deepseek/deepseek-chat", "0.00000027", "0.0000011", False),
        _model("qwen/qwen3-coder", "0.0000002", "0.0000008", False),
        _model("meta-llama/llama-3.3-70b", None, None, None),
    ],
}


async def scenario(server: TestServer, home: Home, suffix: str = "") -> None:
    store = ProfileStore(home.profiles_path)
    store.load()
    store.add(
        Profile(
            name="openrouter",
            base_url=server.base_url,
            model="openai/gpt-5-mini",
            auth="none",
            request_cost=True,
            prices=(("deepseek/deepseek-chat", "2/8 CNY"),),
            vision=(("qwen/qwen3-coder", False), ("meta-llama/llama-3.3-70b", True)),
        )
    )
    store.save()
    parts = keyless_window(home)
    parts.window.show()
    ui = parts.profile_ui
    assert ui is not None
    try:
        editor = ui.open_editor("openrouter")
        editor.resize(900, 860)
        section = editor.models_section
        await until(lambda: section.row_of("anthropic/claude-sonnet-4.5") is not None)
        await until(lambda: editor.fetch_button.isEnabled())  # the fetch is over: nothing runs during grab
        await asyncio.sleep(0.1)
        grab(section, f"editor-models{suffix}.png")
    finally:
        parts.window.close()
        await parts.shutdown()


def main() -> int:
    lang = language_option(sys.argv[1:])
    app = screenshot_app("light")
    with tempfile.TemporaryDirectory() as tmp, TestServer() as server:
        server.set_default(lambda _request: json_reply(MODELS), "/v1/models")
        home = Home.from_env({"SLUICE_HOME": tmp})
        home.ensure()
        install_language(app, lang, home)
        run_in_qasync(app, scenario(server, home, "" if lang == "en" else f"-{lang}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
