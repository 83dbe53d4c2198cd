"""The first run, as a new user meets it: the welcome page, a local server found, a snippet imported, a key
kept in the keyring (or, without one, for this session only), then a streamed reply.

Every test drives the real window (build_window, as `sluice` builds it) against the local test server.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from app.core.models import AUTH_BEARER, AUTH_NONE, PROXY_NONE
from app.keystore import Keystore
from app.profiles.store import ProfileStore
from app.ui.profiles.welcome import IMPORTED, WelcomePage
from app.ui.profiles.widgets import SnippetDialog
from app.ui.shell.composition import WindowParts, build_window
from tests.gui.window_harness import WindowHarness
from tests.support.server import Reply, Request, json_error_reply, models_reply, sse_reply
from tests.unit.test_keystore import MemoryKeyring, _secret_service_problem

KEY = "sk-welcome-4f9a2c7e1b3d5a6f"


def open_window(
    harness: WindowHarness, keystore: Keystore, local_targets: tuple[tuple[str, str], ...] = ()
) -> WindowParts:
    parts = build_window(harness.home, on_closed=lambda: None, keystore=keystore, local_targets=local_targets)
    parts.window.show()
    harness.opened.append(parts)
    return parts


def welcome_of(parts: WindowParts) -> WelcomePage:
    assert parts.window.showing_welcome(), "the window should open on the welcome page"
    page = parts.window.welcome
    assert isinstance(page, WelcomePage)
    return page


def stored_profiles(harness: WindowHarness) -> ProfileStore:
    store = ProfileStore(harness.home.profiles_path)
    store.load()
    return store


def files_holding(root: Path, secret: str) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and secret.encode() in path.read_bytes():
            found.append(path)
    return found


def keyed_models(request: Request) -> Reply:
    """/models that wants the key, as gateways do."""
    if request.headers.get("authorization") != f"Bearer {KEY}":
        return json_error_reply(401, "invalid api key")
    return models_reply(["gpt-4o-mini", "test-model"])


def curl_for(harness: WindowHarness) -> str:
    return (
        f"curl {harness.server.base_url}/chat/completions \\\n"
        '  -H "Content-Type: application/json" \\\n'
        f'  -H "Authorization: Bearer {KEY}" \\\n'
        '  -d \'{"model": "test-model", "messages": [{"role": "user", "content": "Hello!"}]}\''
    )


async def import_snippet(harness: WindowHarness, page: WelcomePage, text: str) -> None:
    page.import_button.click()
    dialog = page.findChild(SnippetDialog, "snippetDialog")
    assert dialog is not None and dialog.isVisible()  # opened without blocking the loop
    editor = dialog.findChild(QPlainTextEdit, "snippetText")
    assert editor is not None
    editor.setPlainText(text)
    button = dialog.findChild(QPushButton, "snippetImport")
    assert button is not None
    button.click()
    await harness.until(lambda: page._entry() == IMPORTED, "the imported entry is selected")


def test_a_running_local_server_is_offered_first_and_one_click_starts_the_chat(
    harness: WindowHarness,
) -> None:
    harness.server.set_default(lambda _r: models_reply(["qwen2.5:7b", "llama3.2:3b"]), "/v1/models")
    harness.server.queue(sse_reply(["Hello ", "from ", "the local model."]))

    async def scenario() -> None:
        parts = open_window(
            harness, Keystore("t", backend=MemoryKeyring()), (("ollama", harness.server.base_url),)
        )
        page = welcome_of(parts)
        await harness.until(lambda: "running" in page.presets.item(0).text(), "the local server was found")
        assert page.presets.item(0).text().startswith("Ollama (local)")
        assert page._entry() == "ollama"  # selected, since the user has not picked anything yet
        assert not page.key_needed()  # a local server needs no key
        assert page.base_url.text() == harness.server.base_url  # the address that answered
        assert [page.model.itemText(i) for i in range(page.model.count())] == ["llama3.2:3b", "qwen2.5:7b"]
        page.model.setCurrentText("qwen2.5:7b")
        QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        await harness.until(lambda: not parts.window.showing_welcome(), "the chat replaced the welcome page")
        assert parts.window.topbar.current_profile() == "ollama"
        harness.type_and_send(parts, "Hi")
        # Not requests[-1]: the window may fetch /models again (the top bar's list) after the chat request.
        await harness.until(
            lambda: not parts.controller.busy and any(r.method == "POST" for r in harness.server.requests),
            "sent",
        )
        await harness.until(
            lambda: "from the local model." in harness.transcript_text(parts), "the reply streamed"
        )

    harness.run(scenario())
    profile = stored_profiles(harness).get("ollama")
    assert (profile.base_url, profile.model, profile.auth, profile.proxy) == (
        harness.server.base_url,
        "qwen2.5:7b",
        AUTH_NONE,
        PROXY_NONE,
    )
    [chat] = [r for r in harness.server.requests if r.method == "POST"]
    assert chat.path == "/v1/chat/completions" and chat.json()["model"] == "qwen2.5:7b"


def test_a_local_server_that_is_not_running_stays_a_plain_entry(harness: WindowHarness) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    async def scenario() -> None:
        parts = open_window(
            harness, Keystore("t", backend=MemoryKeyring()), (("lmstudio", f"http://127.0.0.1:{port}/v1"),)
        )
        page = welcome_of(parts)
        await harness.until(lambda: not page.tasks.busy, "the local probe gave up")
        texts = [page.presets.item(i).text() for i in range(page.presets.count())]
        assert texts[0] == "ZenMux" and "LM Studio (local)" in texts  # not moved, not marked running
        assert page._entry() == "zenmux"

    harness.run(scenario())


def test_a_gateway_needs_a_key_before_it_starts(harness: WindowHarness) -> None:
    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=MemoryKeyring()))
        page = welcome_of(parts)
        page.select_preset("deepseek")
        assert page.key_needed()
        assert page.base_url.text() == "https://api.deepseek.com/v1"
        assert page.model.currentText() == "deepseek-chat"
        assert "platform.deepseek.com" in page.hint.text()
        assert await page.finish() is False
        assert page.error.isVisibleTo(page) and "Paste your API key first" in page.error.text()
        assert parts.window.showing_welcome()

    harness.run(scenario())
    assert not harness.home.profiles_path.exists()


def test_import_from_a_curl_command_saves_the_key_in_the_keyring_and_chats(harness: WindowHarness) -> None:
    backend = MemoryKeyring()
    harness.server.set_default(keyed_models, "/v1/models")
    harness.server.queue(sse_reply(["Imported ", "and working."]))

    async def scenario() -> None:
        parts = open_window(harness, Keystore("sluice-test", backend=backend))
        page = welcome_of(parts)
        await import_snippet(harness, page, curl_for(harness))
        assert page.base_url.text() == harness.server.base_url  # without /chat/completions
        assert page.key.key() == KEY and page.key_needed()
        assert page.model.currentText() == "test-model"
        # The model list is fetched once the key is there (the server refuses /models without it).
        await harness.until(lambda: page.model.findText("gpt-4o-mini") >= 0, "the model list arrived")
        assert page.model.currentText() == "test-model"  # what the snippet said is kept
        assert await page.finish() is True
        assert not parts.window.showing_welcome()
        harness.type_and_send(parts, "Does it work?")
        await harness.until(lambda: "and working." in harness.transcript_text(parts), "the reply streamed")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")

    harness.run(scenario())
    assert backend.entries == {("sluice-test", "imported"): KEY}
    profile = stored_profiles(harness).get("imported")
    assert (profile.auth, profile.model) == (AUTH_BEARER, "test-model")
    chat = harness.server.requests[-1]
    assert chat.headers["authorization"] == f"Bearer {KEY}"
    assert files_holding(harness.home.config_dir.parent, KEY) == []


def test_without_a_keyring_the_page_explains_and_a_session_only_key_works(harness: WindowHarness) -> None:
    harness.server.set_default(keyed_models, "/v1/models")
    harness.server.queue(sse_reply(["Session ", "key works."]))
    keystore = Keystore("t", backend=fail.Keyring())

    async def scenario() -> None:
        parts = open_window(harness, keystore)
        page = welcome_of(parts)
        await import_snippet(harness, page, curl_for(harness))
        assert await page.finish() is False
        assert page.trouble.isVisibleTo(page)
        said = page.trouble.detail.text() + page.trouble.advice.text()
        assert "No secure keyring" in said and "gnome-keyring" in said and "session only" in said
        assert parts.window.showing_welcome()
        assert page.key.key() == KEY  # nothing typed is lost while the user decides
        page.trouble.session_button.click()
        await harness.until(lambda: not parts.window.showing_welcome(), "the chat opened")
        harness.type_and_send(parts, "Hello")
        await harness.until(lambda: "key works." in harness.transcript_text(parts), "the reply streamed")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")

    harness.run(scenario())
    assert keystore.is_session_only("imported") and keystore.get("imported") == KEY
    assert harness.server.requests[-1].headers["authorization"] == f"Bearer {KEY}"
    assert files_holding(harness.home.config_dir.parent, KEY) == []


@pytest.mark.keyring
def test_new_user_imports_tests_and_chats_with_the_real_keyring_and_no_key_in_any_file(
    harness: WindowHarness,
) -> None:
    """The issue's "done when": fresh home, import a gateway doc's cURL command, test, chat, grep the home."""
    problem = _secret_service_problem()
    if problem is not None:
        if os.environ.get("SLUICE_REQUIRE_KEYRING") == "1":
            pytest.fail(f"SLUICE_REQUIRE_KEYRING=1 but {problem}")
        pytest.skip(problem)
    from keyring.backends import SecretService

    from app.logs import setup_logging, teardown_logging

    keystore = Keystore(f"sluice-gui-test-{os.getpid()}", backend=SecretService.Keyring())
    harness.server.set_default(keyed_models, "/v1/models")
    harness.server.queue(sse_reply(["1 2 3 4 5"]))  # the connection test
    harness.server.queue(sse_reply(["A real ", "reply."]))
    setup_logging(harness.home)

    async def scenario() -> None:
        parts = open_window(harness, keystore)
        page = welcome_of(parts)
        await import_snippet(harness, page, curl_for(harness))
        assert await page.finish() is True
        ui = parts.profile_ui
        assert ui is not None
        editor = ui.open_editor("imported")
        assert editor.key.key() == ""  # the saved key is not put back into a widget
        await harness.until(lambda: "saved in the system keyring" in editor.key_status.text(), "key status")
        report = await editor.test_connection()
        assert report is not None and report.ok
        assert editor.probe_panel.mark("key") == "✓"
        editor.close()
        harness.type_and_send(parts, "Hi")
        await harness.until(lambda: "A real reply." in harness.transcript_text(parts), "the reply streamed")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")

    try:
        harness.run(scenario())
        assert keystore.get("imported") == KEY
        assert [r.headers.get("authorization") for r in harness.server.requests if r.method == "POST"] == [
            f"Bearer {KEY}"
        ] * 2
        assert files_holding(harness.home.config_dir.parent, KEY) == []
    finally:
        teardown_logging()
        keystore.delete("imported")


def test_test_connection_on_the_welcome_page_reports_each_step(harness: WindowHarness) -> None:
    harness.server.set_default(keyed_models, "/v1/models")

    def chat(request: Request) -> Reply:
        if request.headers.get("authorization") != f"Bearer {KEY}":
            return json_error_reply(401, "无效的令牌")
        return sse_reply(["1 2 3"])

    harness.server.set_default(chat)

    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=MemoryKeyring()))
        page = welcome_of(parts)
        await import_snippet(harness, page, curl_for(harness))
        page.test_button.click()
        await harness.until(lambda: page.probe_panel.mark("stream") in ("✓", "✗", "!"), "the test ended")
        assert [page.probe_panel.mark(s) for s in ("host", "key", "model", "stream")] == ["✓"] * 4
        assert page.probe_panel.mark("tls") == "–"  # http: nothing to check
        assert parts.window.showing_welcome()  # testing saves nothing and stays on the page

        page.key.set_key("sk-wrong-key-000000000000")
        report = await page.test_connection()
        assert report is not None and not report.ok
        assert page.probe_panel.mark("key") == "✗"
        assert "无效的令牌" in page.probe_panel.detail("key")  # the gateway's own words

    harness.run(scenario())
    assert stored_profiles(harness).names() == []


def test_a_pasted_key_goes_only_to_the_gateway_the_user_picked(harness: WindowHarness) -> None:
    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=MemoryKeyring()))
        page = welcome_of(parts)
        first = page._entry()  # the list opens on its first gateway, not chosen by the user
        page.key.set_key(KEY)
        page.key.edited.emit()
        assert not page._fetch_timer.isActive()  # nothing sent to a gateway nobody picked
        dmx = page._item("dmxapi")
        assert dmx is not None and first != "dmxapi"
        page.presets.setFocus()
        page.presets.setCurrentItem(dmx)  # the user picks theirs (a click or the arrow keys)
        page.presets.itemClicked.emit(dmx)
        assert page.key.key() == KEY  # pasted before the pick: it is for this gateway, and kept
        assert page._fetch_timer.isActive()  # so the model list is fetched now, from this one
        page._fetch_timer.stop()
        openai = page._item("openai")
        assert openai is not None
        page.presets.setCurrentItem(openai)  # then another gateway
        assert page.key.key() == ""  # a key typed for DMXAPI does not follow to OpenAI
        page._fetch_timer.stop()  # the test sends nothing to the real gateways

    harness.run(scenario())


def test_after_a_fetch_the_model_is_one_the_server_lists(harness: WindowHarness) -> None:
    """Issue 11 §6.4: the entry's default (gpt-4o-mini) was kept after fetching a list without it."""
    harness.server.set_default(lambda _r: models_reply(["qwen-max", "qwen-turbo"]), "/v1/models")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=MemoryKeyring()))
        page = welcome_of(parts)
        page.select_preset("openai")
        assert page.model.currentText() == "gpt-4o-mini"
        page.base_url.setText(harness.server.base_url)
        page.base_url.textEdited.emit(harness.server.base_url)
        page.key.set_key(KEY)
        page.key.edited.emit()
        page._fetch_timer.stop()
        assert await page.fetch_models() == ["qwen-max", "qwen-turbo"]
        assert page.model.currentText() == "qwen-max"  # listed, not the entry's default

        model_edit = page.model.lineEdit()
        assert model_edit is not None
        model_edit.setText("my-private-model")
        model_edit.textEdited.emit("my-private-model")  # typed by the user: kept even when not listed
        page._fetched_for = None
        await page.fetch_models()
        assert page.model.currentText() == "my-private-model"

    harness.run(scenario())


def test_a_listed_default_model_is_kept(harness: WindowHarness) -> None:
    harness.server.set_default(lambda _r: models_reply(["deepseek-chat", "deepseek-reasoner"]), "/v1/models")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=MemoryKeyring()))
        page = welcome_of(parts)
        page.select_preset("deepseek")
        page.base_url.setText(harness.server.base_url)
        page.key.set_key(KEY)
        page._fetch_timer.stop()
        await page.fetch_models()
        assert page.model.currentText() == "deepseek-chat"  # the entry's default, and the server has it

    harness.run(scenario())


def test_the_custom_entry_and_a_presets_url_moved_elsewhere_save_a_custom_profile(
    harness: WindowHarness,
) -> None:
    """Issue 11 §6.4: a preset's URL overwritten with another server's was saved as preset "openai"."""
    harness.server.set_default(lambda _r: models_reply(["m1"]), "/v1/models")
    backend = MemoryKeyring()

    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=backend))
        page = welcome_of(parts)
        last = page.presets.item(page.presets.count() - 1)
        assert last.text() == "Custom (any OpenAI-compatible server)"
        page.select_preset("custom")
        assert page.base_url.text() == "" and page.key_needed() and page.name.text() == "new profile"
        assert "speaks the OpenAI API" in page.hint.text()
        page.base_url.setText(harness.server.base_url)
        page.base_url.textEdited.emit(harness.server.base_url)
        page.key.set_key(KEY)
        page._fetch_timer.stop()
        await page.fetch_models()
        assert page.model.currentText() == "m1"
        assert await page.finish() is True

        assert parts.profile_ui is not None
        page = parts.profile_ui.show_welcome()
        page.select_preset("openai")
        assert "platform.openai.com" in page.hint.text()
        page.base_url.setText("https://api.openai.com/v1/")  # the same host: still OpenAI
        page.base_url.textEdited.emit(page.base_url.text())
        assert page.draft().preset == "openai" and "platform.openai.com" in page.hint.text()
        page.base_url.setText(harness.server.base_url)  # another server: custom, and said so
        page.base_url.textEdited.emit(harness.server.base_url)
        assert page.draft().preset is None
        assert "platform.openai.com" not in page.hint.text() and "speaks the OpenAI API" in page.hint.text()
        page._fetch_timer.stop()

    harness.run(scenario())
    stored = stored_profiles(harness).get("new profile")
    assert stored.preset is None and stored.base_url == harness.server.base_url
    assert backend.entries == {("t", "new profile"): KEY}
