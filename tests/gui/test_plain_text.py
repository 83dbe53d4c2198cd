"""Text from outside is shown as text, never rendered as HTML (issue 12, item 1).

A hostile gateway put `Invalid key <img src="file:///dev/zero">` in a 401 from /models: the profile editor's
status label rendered it as HTML and the app died of `std::bad_alloc`; harmless markup drew a false green
"✓ Key accepted". Each test here feeds markup through the paths text from outside takes — a gateway's error
from /models and from a chat request, the connection test's steps, model ids, profile names, conversation
titles, a search, an exception — then walks every widget (`QApplication.allWidgets()`) and fails if any label,
tooltip or list tooltip would render the markup. The image points at a missing file, not /dev/zero: before the
fix a rendered label then fails an assertion here instead of taking the whole test run down with it.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.core.models import Profile
from app.keystore import Keystore
from app.profiles.store import ProfileStore
from app.store.conversations import ConversationStore
from app.ui.plaintext import escaped
from app.ui.profiles.editor import ProfileEditor
from app.ui.profiles.welcome import WelcomePage
from app.ui.shell.composition import WindowParts, build_window
from app.ui.shell.crash_dialog import CrashDialog
from app.ui.sidebar.view import ConversationSidebar
from tests.gui.window_harness import WindowHarness
from tests.support.server import Reply, Request, json_error_reply, models_reply
from tests.unit.test_keystore import MemoryKeyring

MARKUP = '<b>x</b><img src="file:///nonexistent-sluice-attack/zero.png">'
TELLS = ("<b>", "<img")  # present in a string only while it is still markup (escaped, they read &lt;…)
KEY = "sk-plain-text-0a1b2c3d4e5f6071"


# ---- the walk ---------------------------------------------------------------------------------------------


def _is_markup(text: str) -> bool:
    return any(tell in text for tell in TELLS)


def _rendered_as_rich(text: str, text_format: Qt.TextFormat) -> bool:
    if text_format == Qt.TextFormat.PlainText:
        return False
    return text_format == Qt.TextFormat.RichText or QtGui_Qt.mightBeRichText(text)


def _item_tooltips(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for row in range(model.rowCount(QModelIndex())):  # every view in the app is a list: one column
        tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
        if isinstance(tip, str):
            yield tip


def rendered_markup(root: QWidget | None = None) -> list[str]:
    """Every place in every widget (or in `root` and its children) where the markup would be rendered."""
    found = []
    widgets = QApplication.allWidgets() if root is None else [root, *root.findChildren(QWidget)]
    for widget in widgets:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        label = widget if isinstance(widget, QLabel) else None
        if label and _is_markup(label.text()) and _rendered_as_rich(label.text(), label.textFormat()):
            found.append(f"label {where}: {label.text()!r}")
        tips = [widget.toolTip()] + [action.toolTip() for action in widget.actions()]
        if isinstance(widget, QAbstractItemView):
            tips += list(_item_tooltips(widget))
        # A tooltip has no plain mode: Qt always guesses, so markup in one is rendered.
        found += [
            f"tooltip of {where}: {tip!r}"
            for tip in tips
            if _is_markup(tip) and QtGui_Qt.mightBeRichText(tip)
        ]
    return found


def shown_as_text(text: str) -> bool:
    """`text` is on screen somewhere as written: in a plain label, an escaped tooltip or a line edit."""
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel) and text in widget.text():
            return True
        if isinstance(widget, QLineEdit) and text in widget.text():
            return True
        tips = [widget.toolTip()]
        if isinstance(widget, QAbstractItemView):
            tips += list(_item_tooltips(widget))
        if any(html.escape(text) in tip for tip in tips):
            return True
    return False


# ---- setting up -------------------------------------------------------------------------------------------


def open_window(harness: WindowHarness, keystore: Keystore) -> WindowParts:
    parts = build_window(harness.home, on_closed=lambda: None, keystore=keystore, local_targets=())
    parts.window.show()
    harness.opened.append(parts)
    return parts


def add_profile(harness: WindowHarness, name: str, **changes: object) -> Profile:
    store = ProfileStore(harness.home.profiles_path)
    store.load()
    fields: dict[str, object] = {"name": name, "base_url": harness.server.base_url, "model": "test-model"}
    fields.update(changes)
    profile = store.add(Profile(**fields))  # type: ignore[arg-type]
    store.save()
    return profile


def hostile_models(request: Request) -> Reply:
    """/models that refuses the key with markup in its message, as the attack review's gateway did."""
    return json_error_reply(401, f"Invalid key {MARKUP}", code="invalid_api_key")


def hostile_chat(request: Request) -> Reply:
    return json_error_reply(401, f"Denied {MARKUP}", code="invalid_api_key")


# ---- the paths --------------------------------------------------------------------------------------------


def test_the_profile_editor_shows_gateway_errors_probe_steps_and_names_as_text(
    harness: WindowHarness,
) -> None:
    name = f"team {MARKUP}"
    add_profile(harness, name)
    harness.server.set_default(hostile_models, "/v1/models")
    harness.server.set_default(hostile_chat)

    async def scenario() -> None:
        keystore = Keystore("svc", backend=MemoryKeyring())
        keystore.set(name, KEY)
        parts = open_window(harness, keystore)
        parts.window.topbar.edit_profiles_requested.emit()  # ⋯ → Edit profiles: it fetches /models itself
        editor = parts.window.findChild(ProfileEditor, "profileEditor")
        assert editor is not None
        await harness.until(
            lambda: "Invalid key" in editor.models_status.text(), "the editor fetched /models"
        )
        assert MARKUP in editor.models_status.text()  # the gateway's words, kept as sent
        assert rendered_markup() == []

        editor.test_button.click()
        await harness.until(lambda: not editor.testing, "the connection test ended")
        assert editor.probe_panel.mark("key") == "✗"
        assert MARKUP in editor.probe_panel.detail("key")
        assert rendered_markup() == []

        editor.delete_button.click()  # the confirmation names the profile
        box = editor.findChild(QMessageBox, "confirmDelete")
        assert box is not None and box.isVisible()
        assert MARKUP in box.text()
        assert rendered_markup() == []
        box.reject()

    harness.run(scenario())


def test_the_welcome_page_shows_gateway_errors_and_probe_steps_as_text(harness: WindowHarness) -> None:
    harness.server.set_default(hostile_models, "/v1/models")
    harness.server.set_default(hostile_chat)

    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=MemoryKeyring()))
        page = parts.window.welcome
        assert isinstance(page, WelcomePage)
        page.base_url.setText(harness.server.base_url)
        page.key.set_key(KEY)
        await page.fetch_models()
        assert MARKUP in page.models_status.text()
        assert rendered_markup() == []

        report = await page.test_connection()
        assert report is not None and not report.ok
        assert MARKUP in page.probe_panel.detail("key")
        assert rendered_markup() == []

    harness.run(scenario())


def test_the_window_shows_titles_model_ids_and_chat_errors_as_text(harness: WindowHarness) -> None:
    add_profile(harness, f"p {MARKUP}", auth="none", model=MARKUP)
    harness.server.set_default(lambda _r: models_reply([MARKUP, "plain-model"]), "/v1/models")
    harness.server.set_default(hostile_chat)
    store = ConversationStore.open(harness.home.db_path)
    try:
        titled = store.create_conversation(f"Title {MARKUP}", profile=None, model=None)
    finally:
        store.close()

    async def scenario() -> None:
        parts = open_window(harness, Keystore("t", backend=MemoryKeyring()))
        harness.type_and_send(parts, "Hello?")
        await harness.until(lambda: not parts.controller.busy, "the request failed")
        assert f"Denied {MARKUP}" in harness.transcript_text(parts)  # the transcript inserts text, not HTML
        assert shown_as_text(f"Title {MARKUP}")  # the conversation's tooltip in the sidebar
        assert rendered_markup() == []

        sidebar = parts.window.findChild(ConversationSidebar)
        assert sidebar is not None
        sidebar.delete_requested.emit(titled.id)  # "Deleted “Title …”  [Undo]"
        await harness.until(lambda: sidebar.undo_offered() == titled.id, "the undo bar is shown")
        assert rendered_markup() == []

        search = sidebar.findChild(QLineEdit)
        assert search is not None
        search.setText(MARKUP)  # "No conversations match “…”" repeats what was typed
        await harness.until(lambda: shown_as_text(f"match “{MARKUP}”"), "the search found nothing")
        assert rendered_markup() == []

    harness.run(scenario())


def test_the_crash_dialog_shows_the_exception_as_text(qapp: QApplication) -> None:
    dialog = CrashDialog(None)
    try:
        dialog.add("Traceback …", f"ValueError: {MARKUP}")
        dialog.show()
        assert MARKUP in dialog.message.text()
        assert rendered_markup() == []
    finally:
        dialog.close()


def test_the_walk_finds_markup_left_in_a_label_or_a_tooltip(qapp: QApplication) -> None:
    """The check above can fail: a label in Qt's default mode, or a raw tooltip, is found."""
    holder = QWidget()
    try:
        label = QLabel(f"Invalid key {MARKUP}", holder)
        holder.setToolTip(MARKUP)
        found = rendered_markup(holder)
        assert any("label" in line for line in found)
        assert any("tooltip" in line for line in found)
        label.setTextFormat(Qt.TextFormat.PlainText)
        holder.setToolTip(html.escape(MARKUP))
        assert rendered_markup(holder) == []
    finally:
        holder.deleteLater()


def test_escaped_text_reads_back_exactly_where_qt_guesses(qapp: QApplication) -> None:
    """`escaped()` (tooltips, the database message box) shows any text as written, spaces and lines too."""
    for text in (MARKUP, "a &amp; b", "x < y\n  two  spaces", "&lt;b&gt;", "it's \"quoted\" & <'ok'>"):
        rich = escaped(text)
        assert (
            rich == f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
        )  # the same escaping as html's
        assert QtGui_Qt.mightBeRichText(rich)  # so Qt reads it as the escaped HTML it is
        document = QTextDocument()
        document.setHtml(rich)
        assert document.toPlainText() == text
    assert escaped("") == ""  # no text, no tooltip
