"""The window around the transcript: keys that work from anywhere, the sidebar folding, the picker's
neighbours (palette, shortcut sheet), the title, Regenerate's state, and what comes back at the next start.
Each defect of issue 13 named here failed before its fix."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLineEdit, QListView

from app.core.models import MessageStatus
from app.ui.shell.composition import WindowParts
from tests.gui.window_harness import WindowHarness
from tests.support.server import endless_sse_reply, sse_reply


def _list(parts: WindowParts) -> QListView:
    view = parts.window.sidebar.findChild(QListView, "conversationList")
    assert view is not None
    return view


def _click_row(parts: WindowParts, title: str) -> None:
    view = _list(parts)
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == title)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 0)).center()
    )


async def _activate(harness: WindowHarness, parts: WindowParts) -> None:
    """Window shortcuts (Esc, Ctrl+B, Ctrl+K) fire only in the active window."""
    parts.window.activateWindow()
    await harness.until(lambda: QApplication.activeWindow() is parts.window, "the window is active")


def _seed(harness: WindowHarness, *titles: str) -> None:
    from app.store.conversations import ConversationStore

    store = ConversationStore.open(harness.home.db_path)
    try:
        for title in titles:
            store.create_conversation(title, profile="local", model="test-model")
    finally:
        store.close()


def test_escape_stops_the_reply_from_the_transcript_and_the_sidebar_but_not_inside_a_dialog(
    harness: WindowHarness,
) -> None:
    """Defect 2: Esc stopped a stream only while the message box had focus."""
    harness.add_profile("local")
    harness.server.queue(endless_sse_reply("tick "))

    async def scenario() -> None:
        parts = harness.open()
        await _activate(harness, parts)
        harness.type_and_send(parts, "Count forever")
        await harness.until(lambda: harness.transcript_text(parts).count("tick") >= 3, "ticks arrived")
        # Inside a dialog Esc is the dialog's: it closes, the reply goes on.
        parts.window.topbar.system_prompt_requested.emit()
        dialog = next(d for d in parts.window.findChildren(QDialog) if d.isVisible())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        await harness.until(lambda: not dialog.isVisible(), "the dialog closed")
        assert parts.controller.busy
        await _activate(harness, parts)
        # In the window, from the transcript (not the message box), Esc stops it.
        parts.window.transcript.setFocus()
        await asyncio.sleep(0.05)
        QTest.keyClick(parts.window.transcript, Qt.Key.Key_Escape)
        await harness.until(lambda: not parts.controller.busy, "the reply stopped")

    harness.run(scenario())
    assert harness.last_reply().status == MessageStatus.CANCELLED


def test_f2_and_del_work_after_clicking_a_conversation_and_renaming_retitles_the_window(
    harness: WindowHarness,
) -> None:
    """Defects 3 and 4: clicking a row moved the keyboard to the message box, so F2 and Del did nothing;
    a rename left the old title in the window's title bar."""
    harness.add_profile("local")
    _seed(harness, "Old name", "Other")

    async def scenario() -> None:
        parts = harness.open()
        await _activate(harness, parts)
        view = _list(parts)
        _click_row(parts, "Old name")
        assert parts.window.windowTitle() == "Old name — Sluice"
        assert view.hasFocus()
        QTest.keyClick(view, Qt.Key.Key_F2)
        editor = view.findChild(QLineEdit)
        assert editor is not None, "F2 opened no editor"
        editor.selectAll()
        QTest.keyClicks(editor, "New name")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        await harness.until(lambda: view.state() != QAbstractItemView.State.EditingState, "the rename ended")
        assert parts.window.windowTitle() == "New name — Sluice"

        _click_row(parts, "Other")
        QTest.keyClick(view, Qt.Key.Key_Delete)
        assert [c.title for c in parts.window.sidebar.conversations()] == ["New name"]
        assert parts.window.sidebar.undo_offered() is not None

        # Typing in the list begins a message in the box.
        _click_row(parts, "New name")
        QTest.keyClicks(view, "hi")
        assert parts.window.composer.text() == "hi"

    harness.run(scenario())


def test_regenerate_is_off_in_an_empty_chat_and_on_once_there_is_a_reply(harness: WindowHarness) -> None:
    """Defect 8: Regenerate was enabled in an empty chat and silently did nothing."""
    harness.add_profile("local")
    harness.server.queue(sse_reply(["An answer."]))

    async def scenario() -> None:
        parts = harness.open()
        regenerate = parts.window.topbar.regenerate
        assert not regenerate.isEnabled()
        harness.type_and_send(parts, "A question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert regenerate.isEnabled()
        parts.controller.new_conversation()
        assert not regenerate.isEnabled()

    harness.run(scenario())


def test_ctrl_b_and_a_narrow_window_fold_the_sidebar(harness: WindowHarness) -> None:
    harness.add_profile("local")

    async def scenario() -> None:
        parts = harness.open()
        window = parts.window
        window.resize(1200, 700)
        assert window.sidebar_shown()
        await _activate(harness, parts)
        QTest.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        assert not window.sidebar_shown()
        window.toggle_sidebar()
        assert window.sidebar_shown()
        window.resize(800, 700)
        assert not window.sidebar_shown()  # folded by itself below ~900 px
        window.resize(1200, 700)
        assert window.sidebar_shown()  # and back

    harness.run(scenario())


def test_usable_at_600_px_in_english_and_chinese(harness: WindowHarness, qapp: QApplication) -> None:
    """Defect 7: the window could not be narrower than 813 px (English) / 732 px (Chinese)."""
    from app.ui import i18n

    harness.add_profile("local", model="a-rather-long-model-name-2026-preview")

    async def look(lang: str) -> None:
        parts = harness.open()
        window = parts.window
        window.resize(600, 640)
        await asyncio.sleep(0.05)
        assert window.width() == 600, lang
        assert window.minimumSizeHint().width() <= 600, lang
        topbar = window.topbar
        for button in (topbar.system, topbar.regenerate, topbar.menu_button):
            assert button.isVisible() and button.width() >= button.sizeHint().width(), lang
        # The pill shows the profile and the start of the model, however long its id.
        assert topbar.pill.isVisible() and topbar.pill.width() >= 120, lang
        assert window.composer.width() > 400, lang
        await harness.close(parts)

    harness.run(look("en"))
    installed = i18n.install_translators(qapp, "zh_CN", harness.home.data_dir / "cache" / "i18n")
    try:
        harness.run(look("zh_CN"))
    finally:
        i18n.remove_translators(qapp, installed)


def test_ctrl_k_opens_the_palette_which_runs_a_command_and_ctrl_slash_lists_every_shortcut(
    harness: WindowHarness,
) -> None:
    from app.ui.shell.commands import SHORTCUTS

    harness.add_profile("local")
    _seed(harness, "Kafka and RabbitMQ", "Rust lifetimes")

    async def scenario() -> None:
        parts = harness.open()
        window = parts.window
        await _activate(harness, parts)
        assert parts.commands is not None and parts.commands.palette is None  # built on first use only
        QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        palette = parts.commands.palette
        assert palette is not None and palette.isVisible()
        sections = {e.section for e in palette.shown_entries()}
        assert {"Commands", "Profiles and models", "Conversations"} <= sections
        QTest.keyClicks(palette.search, "zzzz")
        assert palette.shown_entries() == []  # "Nothing matches" is a heading, not a row to pick
        palette.search.clear()
        QTest.keyClicks(palette.search, "rust")
        assert [e.text for e in palette.shown_entries()] == ["Rust lifetimes"]
        QTest.keyClick(palette.search, Qt.Key.Key_Return)
        assert window.windowTitle() == "Rust lifetimes — Sluice"

        QTest.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
        sheet = parts.commands.sheet
        assert sheet is not None and sheet.isVisible()
        assert sheet.shown_keys() == [keys for keys, _ in SHORTCUTS]
        sheet.reject()

    harness.run(scenario())


def test_size_sidebar_and_the_open_conversation_come_back_at_the_next_start(harness: WindowHarness) -> None:
    # The offscreen screen is 800 x 600: Qt keeps a restored window on its screen, so the sizes fit in it.
    harness.add_profile("local")
    _seed(harness, "First", "Second", "Newest")

    async def first_run() -> None:
        parts = harness.open()
        parts.window.resize(1200, 560)
        parts.window.splitter.setSizes([310, 1200 - 310])
        _click_row(parts, "First")  # not the newest: the one open at close must come back
        parts.window.resize(760, 540)  # narrow: the sidebar folds, its width is remembered
        await harness.close(parts)

    async def next_run() -> None:
        parts = harness.open()
        window = parts.window
        await asyncio.sleep(0.05)
        assert (window.width(), window.height()) == (760, 540)
        assert window.windowTitle() == "First — Sluice"
        assert parts.controller.conversation is not None and parts.controller.conversation.title == "First"
        assert not window.sidebar_shown() and window.sidebar_wanted()
        window.resize(1200, 560)
        await asyncio.sleep(0.05)
        assert window.sidebar_shown() and abs(window.splitter.sizes()[0] - 310) <= 2

    harness.run(first_run())
    harness.run(next_run())
