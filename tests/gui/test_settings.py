"""Settings: the dialog through the real window, what it writes, what it applies, and what a restart keeps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from app.core.models import Profile
from app.keystore import Keystore
from app.profiles.store import ProfileStore
from app.settings import Settings, load_settings, save_settings
from app.ui.settings.dialog import SettingsDialog
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


def test_the_dialog_saves_and_applies_send_key_font_default_profile_and_language(
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
        parts.window.topbar.settings_requested.emit()  # the ⋯ menu's "Settings…"
        dialog = parts.window.findChild(SettingsDialog, "settingsDialog")
        assert dialog is not None and dialog.isVisible()
        assert dialog.language.findText("简体中文") >= 0 and dialog.language.findText("繁體中文") >= 0
        note = dialog.findChild(QLabel, "languageNote")
        assert note is not None and "after a restart" in note.text()
        dialog.send_key.setCurrentIndex(dialog.send_key.findData("ctrl+enter"))
        dialog.font_size.setValue(17)
        dialog.default_profile.setCurrentIndex(dialog.default_profile.findData("second"))
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.buttons.accepted.emit()  # OK
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

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = QPalette(app.palette()), app.style().name()
    harness.add_profile("local")
    harness.server.queue(sse_reply(["Some **answer**."]))

    def header_colour(parts: WindowParts) -> QColor:
        found = parts.window.transcript.document().find("Assistant")
        return found.charFormat().foreground().color()

    async def scenario() -> None:
        parts = open_window(harness)
        harness.type_and_send(parts, "A question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert header_colour(parts) == QColor(LIGHT.assistant_header)
        parts.window.topbar.settings_requested.emit()
        dialog = parts.window.findChild(SettingsDialog, "settingsDialog")
        assert dialog is not None
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.buttons.accepted.emit()
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert header_colour(parts) == QColor(DARK.assistant_header)  # redrawn at once, not after a restart
        assert "Some answer." in harness.transcript_text(parts)

    try:
        harness.run(scenario())
    finally:
        app.styleHints().unsetColorScheme()
        app.setStyle(style)
        app.setPalette(palette)
    assert load_settings(harness.home.settings_path)[0].theme == "dark"
