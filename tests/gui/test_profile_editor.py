"""The profile editor as a user drives it: edit, rename (the key and the conversations follow), duplicate,
delete (the key goes too), inline validation, snippet import, keyring trouble, and Test connection against
the local server for success and each failure kind.

The editor is opened through the real window (the ⋯ menu's signal, as a click sends it).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton

from app.core.models import AUTH_HEADER_PREFIX, Profile
from app.keystore import Keystore
from app.profiles.store import ProfileStore
from app.store.conversations import ConversationStore
from app.ui import i18n
from app.ui.profiles.editor import ProfileEditor
from app.ui.profiles.widgets import SnippetDialog
from app.ui.shell.composition import WindowParts, build_window
from tests.gui.window_harness import WindowHarness
from tests.support.server import (
    Reply,
    json_error_reply,
    models_reply,
    slow_sse_reply,
    sse_reply,
)
from tests.unit.test_keystore import MemoryKeyring

KEY = "sk-editor-8d1e6b0c2f4a9e73"
NEW_KEY = "sk-editor-new-55aa33cc11ee"


def open_window(harness: WindowHarness, keystore: Keystore) -> WindowParts:
    parts = build_window(harness.home, on_closed=lambda: None, keystore=keystore, local_targets=())
    parts.window.show()
    harness.opened.append(parts)
    return parts


def open_editor(parts: WindowParts) -> ProfileEditor:
    parts.window.topbar.edit_profiles_requested.emit()
    editor = parts.window.findChild(ProfileEditor, "profileEditor")
    assert editor is not None and editor.isVisible()
    return editor


def add_profile(harness: WindowHarness, name: str, **changes: object) -> Profile:
    store = ProfileStore(harness.home.profiles_path)
    store.load()
    fields: dict[str, object] = {"name": name, "base_url": harness.server.base_url, "model": "test-model"}
    fields.update(changes)
    profile = store.add(Profile(**fields))  # type: ignore[arg-type]
    store.save()
    return profile


def on_disk(harness: WindowHarness) -> ProfileStore:
    store = ProfileStore(harness.home.profiles_path)
    store.load()
    return store


def no_file_holds(root: Path, *secrets: str) -> bool:
    return not any(
        secret.encode() in path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
        for secret in secrets
    )


def test_editing_a_profile_saves_the_fields_to_the_file_and_the_key_to_the_keyring(
    harness: WindowHarness,
) -> None:
    add_profile(harness, "main")
    backend = MemoryKeyring()
    harness.server.set_default(lambda _r: models_reply(["test-model", "bigger-model"]), "/v1/models")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=backend))
        editor = open_editor(parts)
        assert editor.name.text() == "main" and not editor.dirty
        await harness.until(lambda: editor.model.findText("bigger-model") >= 0, "the model list was fetched")
        editor.model.setCurrentText("bigger-model")
        editor.auth.setCurrentIndex(editor.auth.findData("header"))
        editor.auth_header.setText("api-key")
        editor.key.edit.setText(KEY)
        editor.headers.setPlainText("X-Title: Sluice\nHTTP-Referer: https://example.com")
        editor.proxy.setCurrentIndex(editor.proxy.findData("url"))
        editor.proxy_url.setText("http://proxy.example:8080")
        editor.stream_usage.setChecked(False)
        editor.read_timeout.setValue(90)
        assert editor.dirty and not editor.list.isEnabled()  # clicking another profile cannot lose this
        assert await editor.save() is True
        assert not editor.dirty and editor.key.key() == ""
        assert "saved in the system keyring" in editor.key_status.text()
        # The top bar follows: the current profile's model list is fetched again.
        assert parts.window.topbar.current_profile() == "main"

    harness.run(scenario())
    profile = on_disk(harness).get("main")
    assert profile.model == "bigger-model"
    assert profile.auth == f"{AUTH_HEADER_PREFIX}api-key"
    assert profile.headers == (("X-Title", "Sluice"), ("HTTP-Referer", "https://example.com"))
    assert (profile.proxy, profile.stream_usage, profile.read_timeout) == (
        "http://proxy.example:8080",
        False,
        90.0,
    )
    assert backend.entries == {("svc", "main"): KEY}
    assert no_file_holds(harness.home.config_dir.parent, KEY)


def test_secret_headers_and_a_proxy_password_go_to_the_keyring_and_show_as_password_fields(
    harness: WindowHarness,
) -> None:
    add_profile(harness, "main", auth="none")
    backend = MemoryKeyring()
    harness.server.set_default(lambda _r: models_reply(["test-model"]), "/v1/models")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=backend))
        editor = open_editor(parts)
        editor.headers.setPlainText("X-Title: Sluice\nCookie: session=COOKIE-VALUE-1")
        editor.proxy.setCurrentIndex(editor.proxy.findData("url"))
        editor.proxy_url.setText("http://alice:PROXY-PW-1@proxy.example:8080")
        assert await editor.save() is True
        await harness.until(lambda: "Cookie" in editor.secret_edits, "the secret header has its own field")
        field = editor.secret_edits["Cookie"]
        assert field.echoMode() == QLineEdit.EchoMode.Password and field.text() == ""
        assert editor.headers.toPlainText() == "X-Title: Sluice"
        assert "PROXY-PW-1" not in editor.proxy_url.text()
        profile = on_disk(harness).get("main")
        assert profile.headers == (("X-Title", "Sluice"),) and profile.secret_headers == ("Cookie",)
        assert profile.proxy == "http://alice@proxy.example:8080"
        assert backend.entries[("svc:header:cookie", "main")] == "session=COOKIE-VALUE-1"
        assert backend.entries[("svc:proxy", "main")] == "PROXY-PW-1"
        assert no_file_holds(harness.home.config_dir.parent, "COOKIE-VALUE-1", "PROXY-PW-1")
        # Remove: the header goes from the profile and its value from the keyring.
        remove = editor.findChild(QPushButton, "removeSecretHeader:Cookie")
        assert remove is not None
        remove.click()
        assert editor.dirty and "Cookie" not in editor.secret_edits
        assert await editor.save() is True

    harness.run(scenario())
    assert on_disk(harness).get("main").secret_headers == ()
    assert ("svc:header:cookie", "main") not in backend.entries


def test_an_older_files_secret_header_is_moved_to_the_keyring_when_the_window_opens(
    harness: WindowHarness,
) -> None:
    path = harness.home.profiles_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[[profile]]\nname = "old"\nbase_url = "{harness.server.base_url}"\nmodel = "m"\nauth = "none"\n'
        'headers = { "X-Title" = "Sluice", "X-Goog-Api-Key" = "AIzaOLDVALUE123" }\n'
    )
    backend = MemoryKeyring()

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=backend))
        assert "moved from profiles.toml into the system keyring" in parts.window.statusBar().currentMessage()

    harness.run(scenario())
    assert backend.entries[("svc:header:x-goog-api-key", "old")] == "AIzaOLDVALUE123"
    assert "AIzaOLDVALUE123" not in path.read_text()
    assert on_disk(harness).get("old").secret_headers == ("X-Goog-Api-Key",)


def test_a_secret_header_the_keyring_refuses_is_not_saved_and_stays_in_the_form(
    harness: WindowHarness,
) -> None:
    add_profile(harness, "main", auth="none")
    before = harness.home.profiles_path.read_bytes()

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=fail.Keyring()))
        editor = open_editor(parts)
        editor.headers.setPlainText("Cookie: session=KEEP-ME-1")
        assert await editor.save() is False
        assert "Not saved" in editor.error.text() and editor.dirty
        assert editor.headers.toPlainText() == "Cookie: session=KEEP-ME-1"  # nothing the user typed is lost

    harness.run(scenario())
    assert harness.home.profiles_path.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda e: e.base_url.setText("ftp://example.com/v1"),
            "base_url must be a URL starting with http://",
        ),
        (lambda e: e.base_url.setText(""), "enter the gateway's base URL"),
        (lambda e: e.name.setText(""), "a profile needs a name"),
        (
            lambda e: e.headers.setPlainText("X-Title Sluice"),
            "line 1 of the extra headers is not “Name: value”",
        ),
        (
            lambda e: e.headers.setPlainText(f"Authorization: Bearer {KEY}"),
            "keys are kept in the system keyring",
        ),
        (lambda e: e.auth.setCurrentIndex(e.auth.findData("header")), "needs a header name"),
        (lambda e: e.proxy.setCurrentIndex(e.proxy.findData("url")), "enter the proxy URL"),
    ],
    ids=["scheme", "no-url", "no-name", "header-line", "key-in-header", "no-header-name", "no-proxy-url"],
)
def test_validation_errors_are_shown_inline_in_words_and_nothing_is_written(
    harness: WindowHarness, change: Callable[[ProfileEditor], None], words: str
) -> None:
    add_profile(harness, "main")
    before = harness.home.profiles_path.read_bytes()

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=MemoryKeyring()))
        editor = open_editor(parts)
        change(editor)
        editor.name.textEdited.emit(editor.name.text())  # as typing does: the form is now changed
        assert await editor.save() is False
        assert editor.error.isVisibleTo(editor)
        assert words in editor.error.text() and editor.error.text().startswith("Not saved:")
        assert KEY not in editor.error.text()

    harness.run(scenario())
    assert harness.home.profiles_path.read_bytes() == before


def test_renaming_moves_the_key_and_the_conversations_follow(harness: WindowHarness) -> None:
    add_profile(harness, "old")
    backend = MemoryKeyring()
    harness.server.queue(sse_reply(["first"]))
    harness.server.queue(sse_reply(["second"]))

    async def scenario() -> None:
        keystore = Keystore("svc", backend=backend)
        keystore.set("old", KEY)
        parts = open_window(harness, keystore)
        harness.type_and_send(parts, "one")
        await harness.until(lambda: not parts.controller.busy, "the first reply ended")
        editor = open_editor(parts)
        editor.name.setText("new name")
        editor.name.textEdited.emit("new name")
        assert await editor.save() is True
        assert [editor.list.item(i).text() for i in range(editor.list.count())] == ["new name"]
        assert parts.window.topbar.current_profile() == "new name"
        editor.close()
        harness.type_and_send(parts, "two")  # the open conversation now uses the renamed profile
        await harness.until(lambda: "second" in harness.transcript_text(parts), "the second reply streamed")
        await harness.until(lambda: not parts.controller.busy, "the second reply ended")

    harness.run(scenario())
    assert backend.entries == {("svc", "new name"): KEY}
    assert on_disk(harness).names() == ["new name"]
    store = ConversationStore.open(harness.home.db_path)
    try:
        assert {c.profile for c in store.list_conversations()} == {"new name"}  # stored, not only in memory
    finally:
        store.close()
    assert harness.last_reply().profile == "new name"
    # The chat's POST, not the last request: a model-list fetch for the renamed profile may come after it.
    chat = [r for r in harness.server.requests if r.method == "POST"][-1]
    assert chat.headers["authorization"] == f"Bearer {KEY}"


def test_duplicate_copies_the_key_and_delete_removes_profile_and_key(harness: WindowHarness) -> None:
    add_profile(harness, "main")
    backend = MemoryKeyring()

    async def scenario() -> None:
        keystore = Keystore("svc", backend=backend)
        keystore.set("main", KEY)
        parts = open_window(harness, keystore)
        editor = open_editor(parts)
        editor.duplicate_button.click()
        await harness.until(lambda: ("svc", "main copy") in backend.entries, "the copy got the key")
        assert editor.name.text() == "main copy"
        assert [editor.list.item(i).text() for i in range(editor.list.count())] == ["main", "main copy"]
        editor.delete_button.click()
        box = editor.findChild(QMessageBox, "confirmDelete")
        assert box is not None and box.isVisible() and "main copy" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await harness.until(lambda: ("svc", "main copy") not in backend.entries, "the key was deleted")
        # The worker thread removes the entry a moment before the coroutine that reports it resumes.
        await harness.until(lambda: "Deleted main copy and its key." in editor.notice.text(), "reported")
        assert editor.name.text() == "main"
        assert len(parts.window.topbar.profile_names()) == 1

    harness.run(scenario())
    assert on_disk(harness).names() == ["main"]
    assert backend.entries == {("svc", "main"): KEY}


def test_deleting_the_last_profile_brings_back_the_welcome_page(harness: WindowHarness) -> None:
    add_profile(harness, "only")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=MemoryKeyring()))
        assert not parts.window.showing_welcome()
        editor = open_editor(parts)
        await editor.delete("only")
        assert parts.window.showing_welcome()

    harness.run(scenario())
    assert on_disk(harness).names() == []


def test_import_from_an_sdk_snippet_fills_a_new_profile(harness: WindowHarness) -> None:
    add_profile(harness, "main")
    backend = MemoryKeyring()
    snippet = (
        "from openai import OpenAI\n\n"
        f'client = OpenAI(base_url="{harness.server.base_url}", api_key="{KEY}")\n'
        'resp = client.chat.completions.create(model="deepseek-chat", messages=[...])\n'
    )

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=backend))
        editor = open_editor(parts)
        editor.import_button.click()
        dialog = editor.findChild(SnippetDialog, "snippetDialog")
        assert dialog is not None and dialog.isVisible()
        text = dialog.findChild(QPlainTextEdit, "snippetText")
        assert text is not None
        text.setPlainText("this is not a snippet at all")
        import_button = dialog.findChild(QPushButton, "snippetImport")
        assert import_button is not None
        import_button.click()
        assert dialog.isVisible() and "Nothing imported" in dialog.error.text()  # said in words, kept open
        text.setPlainText(snippet)
        import_button.click()
        assert editor.base_url.text() == harness.server.base_url
        assert editor.model.currentText() == "deepseek-chat"
        assert editor.auth.currentData() == "bearer" and editor.key.key() == KEY
        assert editor.name.text() == "new profile" and editor.dirty
        editor.name.setText("from sdk")
        assert await editor.save() is True

    harness.run(scenario())
    assert on_disk(harness).names() == ["main", "from sdk"]
    assert backend.entries == {("svc", "from sdk"): KEY}


def test_without_a_keyring_the_editor_explains_and_keeps_the_key_for_the_session(
    harness: WindowHarness,
) -> None:
    add_profile(harness, "main")
    keystore = Keystore("svc", backend=fail.Keyring())
    harness.server.queue(sse_reply(["works"]))

    async def scenario() -> None:
        parts = open_window(harness, keystore)
        editor = open_editor(parts)
        await harness.until(
            lambda: "cannot be used" in editor.key_status.text(), "the keyring problem is shown"
        )
        editor.key.edit.setText(KEY)
        editor.key.edited.emit()
        assert await editor.save() is False
        assert editor.trouble.isVisibleTo(editor)
        assert "No secure keyring" in editor.trouble.detail.text()
        assert "gnome-keyring" in editor.trouble.advice.text() and "KWallet" in editor.trouble.advice.text()
        assert editor.key.key() == KEY  # still there while the user decides
        assert parts.profile_ui is not None
        parts.profile_ui.open_editor("main")  # as a banner's "Open profile" does: must keep the key
        assert editor.key.key() == KEY
        editor.trouble.session_button.click()
        assert "for this session only" in editor.key_status.text()
        editor.close()
        harness.type_and_send(parts, "hello")
        await harness.until(
            lambda: not parts.controller.busy and "works" in harness.transcript_text(parts), "reply"
        )

    harness.run(scenario())
    assert keystore.is_session_only("main")
    assert harness.server.requests[-1].headers["authorization"] == f"Bearer {KEY}"
    assert no_file_holds(harness.home.config_dir.parent, KEY)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


BUFFERED = Reply(
    headers={"content-type": "text/event-stream"},
    chunks=[b"".join(sse_reply([f"{n} " for n in range(1, 11)]).chunks)],
    gap_s=0.4,
)


@pytest.mark.parametrize(
    ("reply", "marks", "words"),
    [
        (slow_sse_reply(8, 25), "✓–✓✓✓", "First byte after"),
        (json_error_reply(401, "令牌无效 invalid token"), "✓–✗––", "令牌无效 invalid token"),
        (
            json_error_reply(404, "model `nope` does not exist", code="model_not_found"),
            "✓–✓✗–",
            "does not exist",
        ),
        (json_error_reply(500, "upstream exploded", type_="server_error"), "✓–––✗", "upstream exploded"),
        (BUFFERED, "✓–✓✓!", "one burst"),
        (None, "✗––––", "refused the connection"),
    ],
    ids=["success", "401", "404-model", "500", "buffered", "refused"],
)
def test_test_connection_reports_each_step(
    harness: WindowHarness, reply: Reply | None, marks: str, words: str
) -> None:
    base_url = harness.server.base_url if reply is not None else f"http://127.0.0.1:{_closed_port()}/v1"
    add_profile(harness, "main", base_url=base_url)
    if reply is not None:
        harness.server.queue(reply)

    async def scenario() -> None:
        keystore = Keystore("svc", backend=MemoryKeyring())
        keystore.set("main", KEY)
        parts = open_window(harness, keystore)
        editor = open_editor(parts)
        editor.test_button.click()  # as a click does: the test runs in the background
        assert editor.testing
        await harness.until(lambda: not editor.testing, "the test ended")
        shown = "".join(editor.probe_panel.mark(step) for step in ("host", "tls", "key", "model", "stream"))
        assert shown == marks
        everything = " ".join(editor.probe_panel.detail(s) for s in ("host", "key", "model", "stream"))
        everything += editor.probe_panel.warnings.text()
        assert words in everything
        assert KEY not in everything

    harness.run(scenario())
    posts = [r for r in harness.server.requests if r.method == "POST"]
    if reply is not None:
        assert posts and posts[0].headers["authorization"] == f"Bearer {KEY}"  # the saved key was used
        assert posts[0].json()["max_tokens"] == 16


def test_the_test_uses_the_typed_key_and_the_form_as_it_stands(harness: WindowHarness) -> None:
    add_profile(harness, "main", model="saved-model")
    harness.server.queue(slow_sse_reply(4, 25))

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=MemoryKeyring()))
        editor = open_editor(parts)
        editor.key.edit.setText(NEW_KEY)
        editor.model.setCurrentText("typed-model")
        report = await editor.test_connection()
        assert report is not None and report.ok

    harness.run(scenario())
    sent = next(r for r in harness.server.requests if r.method == "POST")
    assert sent.headers["authorization"] == f"Bearer {NEW_KEY}"
    assert sent.json()["model"] == "typed-model"
    assert on_disk(harness).get("main").model == "saved-model"  # testing saves nothing


def test_a_presets_url_moved_to_another_server_becomes_custom(harness: WindowHarness) -> None:
    add_profile(harness, "oa", base_url="https://api.openai.com/v1", model="gpt-4o-mini", preset="openai")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=MemoryKeyring()))
        editor = open_editor(parts)
        assert editor.preset.currentData() == "openai"
        editor.base_url.setText("https://api.openai.com/v1/")
        editor.base_url.textEdited.emit(editor.base_url.text())
        assert editor.preset.currentData() == "openai"  # the same host keeps the preset
        editor.base_url.setText(harness.server.base_url)
        editor.base_url.textEdited.emit(harness.server.base_url)
        assert editor.preset.currentText() == "Custom (any OpenAI-compatible server)"
        assert await editor.save() is True

    harness.run(scenario())
    assert on_disk(harness).get("oa").preset is None


def test_a_new_profile_is_named_in_the_users_language(harness: WindowHarness, qapp: QApplication) -> None:
    """Issue 13 defect 11: in Chinese the default name stayed "new profile"."""
    installed = i18n.install_translators(qapp, "zh_CN", harness.home.config_dir / "cache")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=MemoryKeyring()))
        assert parts.profile_ui is not None
        editor = parts.profile_ui.open_editor(None, new=True)
        assert editor.name.text() == "新配置"
        editor.close()
        page = parts.profile_ui.show_welcome()
        page.select_preset("custom")
        assert page.name.text() == "新配置"

    try:
        harness.run(scenario())
    finally:
        i18n.remove_translators(qapp, installed)


def test_a_new_profile_whose_key_the_keyring_refuses_is_not_saved_until_the_key_has_a_home(
    harness: WindowHarness,
) -> None:
    add_profile(harness, "main")
    keystore = Keystore("svc", backend=fail.Keyring())

    async def scenario() -> None:
        parts = open_window(harness, keystore)
        editor = open_editor(parts)
        editor.new_profile()
        editor.name.setText("second")
        editor.base_url.setText(harness.server.base_url)
        editor.key.edit.setText(NEW_KEY)
        editor.key.edited.emit()
        assert await editor.save() is False
        assert on_disk(harness).names() == ["main"]  # no profile without its key
        assert editor.dirty and editor.key.key() == NEW_KEY and editor.trouble.isVisibleTo(editor)
        assert "Not saved yet" in editor.key_status.text()
        editor.trouble.session_button.click()  # the form and the key are saved, the key in memory
        await harness.until(lambda: not editor.dirty, "saved with a session-only key")
        assert "for this session only" in editor.key_status.text()
        assert [editor.list.item(i).text() for i in range(editor.list.count())] == ["main", "second"]

    harness.run(scenario())
    assert on_disk(harness).names() == ["main", "second"]
    assert keystore.is_session_only("second") and keystore.get("second") == NEW_KEY
    assert no_file_holds(harness.home.config_dir.parent, NEW_KEY)
