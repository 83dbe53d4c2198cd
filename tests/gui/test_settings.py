"""Settings: the page through the real window, what it writes, what it applies at once, and what a restart
keeps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from app.core.models import Profile
from app.keystore import Keystore
from app.profiles.store import ProfileStore
from app.settings import Settings, load_settings, save_settings
from app.ui.settings.page import SettingsPage, system_point_size
from app.ui.shell.composition import WindowParts, build_window
from tests.gui.window_harness import WindowHarness
from tests.support.server import sse_reply
from tests.unit.test_keystore import MemoryKeyring


def open_window(harness: WindowHarness) -> WindowParts:
    keystore = Keystore("svc", backend=MemoryKeyring())
    parts = build_window(harness.home, on_closed=lambda: None, keystore=keystore, local_targets=())
    parts.window.show()
    harness.opened.append(parts)
    return parts


def test_settings_round_trip_and_a_broken_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert load_settings(path) == (Settings(), None)
    chosen = Settings(theme="dark", font_size=15, send_key="ctrl+enter", language="zh_TW")
    save_settings(path, chosen)
    assert load_settings(path) == (chosen, None)
    assert path.stat().st_mode & 0o077 == 0  # private to the user
    path.write_text('theme = "purple"\nfont_size = 14\nsend_key = 3\n', encoding="utf-8")
    settings, problem = load_settings(path)
    assert settings == Settings(font_size=14)  # the good value kept, the bad ones defaulted
    assert (
        problem is not None and "theme must be one of" in problem and "send_key has the wrong type" in problem
    )
    path.write_text("theme = [", encoding="utf-8")
    settings, problem = load_settings(path)
    assert settings == Settings() and problem is not None and "could not be read" in problem


def open_settings(parts: WindowParts) -> SettingsPage:
    parts.window.topbar.settings_requested.emit()  # the menu's "Settings…"
    page = parts.window.findChild(SettingsPage, "settingsPage")
    assert page is not None and parts.window.showing(page)
    return page


def test_the_page_saves_and_applies_send_key_font_default_profile_and_language(
    harness: WindowHarness,
) -> None:
    profiles = ProfileStore(harness.home.profiles_path)
    profiles.load()
    for name in ("first", "second"):
        profiles.add(Profile(name=name, base_url=harness.server.base_url, model="test-model", auth="none"))
    profiles.save()
    harness.server.queue(sse_reply(["sent with ctrl+enter"]))

    async def scenario() -> None:
        parts = open_window(harness)
        dialog = open_settings(parts)
        assert dialog.language.findText("简体中文") >= 0 and dialog.language.findText("繁體中文") >= 0
        note = dialog.findChild(QLabel, "languageNote")
        assert note is not None and "after a restart" in note.text()
        dialog.send_key.setCurrentIndex(dialog.send_key.findData("ctrl+enter"))
        dialog.font_size.setValue(17)
        dialog.default_profile.setCurrentIndex(dialog.default_profile.findData("second"))
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # back: every choice was applied and saved as it was made
        assert not parts.window.showing(dialog)
        composer = parts.window.composer
        assert composer.send_key() == "ctrl+enter"
        assert parts.window.transcript.font().pointSize() == 17
        box = harness.input_box(parts)
        box.setFocus()
        QTest.keyClicks(box, "line one")
        QTest.keyClick(box, Qt.Key.Key_Return)  # Enter is now a new line
        assert not parts.controller.busy and composer.text() == "line one\n"
        QTest.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await harness.until(
            lambda: "sent with ctrl+enter" in harness.transcript_text(parts), "the reply came"
        )
        await harness.until(lambda: not parts.controller.busy, "the reply ended")

    harness.run(scenario())
    settings, problem = load_settings(harness.home.settings_path)
    assert problem is None
    assert settings == Settings(theme="system", font_size=17, send_key="ctrl+enter", language="zh_CN")
    stored = ProfileStore(harness.home.profiles_path)
    stored.load()
    assert stored.default_name() == "second"

    async def after_restart() -> None:
        parts = open_window(harness)
        assert parts.window.composer.send_key() == "ctrl+enter"
        assert parts.window.transcript.font().pointSize() == 17
        parts.controller.new_conversation()
        assert parts.window.topbar.current_profile() == "second"  # new conversations use the default

    harness.run(after_restart())


def test_choosing_dark_recolours_the_window_and_the_open_conversation(harness: WindowHarness) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from app.ui.transcript.renderer import DARK, LIGHT
    from app.ui.transcript.style import CARD

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = QPalette(app.palette()), app.style().name()
    harness.add_profile("local")
    harness.server.queue(sse_reply(["Some **answer**."]))

    def header_colour(parts: WindowParts) -> QColor:
        """The colour of the reply's model badge."""
        block = parts.window.transcript.document().begin()
        while block.isValid() and block.blockFormat().property(CARD) != "badge":
            block = block.next()
        return block.begin().fragment().charFormat().foreground().color()

    async def scenario() -> None:
        parts = open_window(harness)
        harness.type_and_send(parts, "A question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert header_colour(parts) == QColor(LIGHT.badge_text)
        dialog = open_settings(parts)
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))  # previewed at once
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert header_colour(parts) == QColor(DARK.badge_text)  # redrawn at once, not after a restart
        transcript = parts.window.transcript
        assert (
            transcript.viewport().palette().color(QPalette.ColorRole.Base).lightness() < 128
        )  # the page too
        assert "Some answer." in harness.transcript_text(parts)

    try:
        harness.run(scenario())
    finally:
        app.styleHints().unsetColorScheme()
        app.setStyle(style)
        app.setPalette(palette)
    assert load_settings(harness.home.settings_path)[0].theme == "dark"


def test_the_text_size_goes_up_from_the_system_size_and_resizes_every_part_of_the_transcript_at_once(
    harness: WindowHarness,
) -> None:
    """Defect 6: "System size" was the lowest setting, one step up was 6 pt, and the "Copy code" links kept
    their old size until a restart."""
    from PySide6.QtGui import QTextCursor

    harness.add_profile("local")
    harness.server.queue(sse_reply(["Code:\n\n```python\nprint(1)\n```\n\nDone."]))

    def smallest_link_size(parts: WindowParts) -> float:
        sizes = []
        block = parts.window.transcript.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fragment.isValid() and fmt.isAnchor():
                    size = (
                        fmt.fontPointSize() or parts.window.transcript.document().defaultFont().pointSizeF()
                    )
                    sizes.append(size)
                it += 1
            block = block.next()
        assert sizes, "no links in the transcript"
        return min(sizes)

    async def scenario() -> None:
        parts = open_window(harness)
        harness.type_and_send(parts, "Show code")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert harness.links(parts, "Copy")  # the code card's and the reply's copy links
        settings_button = next(
            b for b in parts.window.sidebar.findChildren(QPushButton) if b.objectName() == "sidebarSettings"
        )
        settings_button.click()  # the sidebar's Settings opens the same page
        page = parts.window.findChild(SettingsPage, "settingsPage")
        assert page is not None and parts.window.showing(page)
        system = system_point_size()
        assert page.font_size.value() == system  # the default is the system's size, shown in points
        assert page.font_size.minimum() < system < page.font_size.maximum()
        before = smallest_link_size(parts)
        page.font_size.stepUp()  # one step up is bigger
        assert page.font_size.value() == system + 1
        assert parts.window.transcript.font().pointSize() == system + 1
        # The message box too: a rule of the app's style sheet styles it, so it does not inherit the size.
        box = parts.window.composer.findChild(QPlainTextEdit)
        assert box is not None and box.font().pointSize() == system + 1
        for _ in range(5):
            page.font_size.stepUp()
        after = smallest_link_size(parts)
        assert after > before  # the links too, at once
        assert load_settings(harness.home.settings_path)[0].font_size == system + 6
        page.system_size.click()  # back to the system size, written as 0 ("follow the system")
        assert load_settings(harness.home.settings_path)[0].font_size == 0
        assert QTextCursor  # imported for the type of the walk above

    harness.run(scenario())


def test_export_all_conversations_writes_every_one_with_its_messages(
    harness: WindowHarness, tmp_path: Path
) -> None:
    import json

    harness.add_profile("local")
    harness.server.queue(sse_reply(["First answer."]))

    async def scenario() -> None:
        parts = open_window(harness)
        harness.type_and_send(parts, "First question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        open_settings(parts)
        assert parts.profile_ui is not None
        parts.profile_ui.export_all(str(tmp_path / "all.json"))

    harness.run(scenario())
    exported = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [c["title"] for c in exported] == ["First question"]
    assert [m["content"] for m in exported[0]["messages"]] == ["First question", "First answer."]
