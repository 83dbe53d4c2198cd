"""The picker's images toggle (issue 14): per profile and model, auto / on / off, beside each model row.

The real window against the real local server: toggling is done as a user does (a click on the row's toggle,
Ctrl+I on the selected row), and what counts is what the server received, what the composer shows and what
profiles.toml holds for the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.core.models import Profile
from app.profiles.store import ProfileStore
from app.ui.chat.picker_images import next_override, with_override
from app.ui.search_popup import ENTRY_ROLE, Entry, SearchPopup, toggle_rect
from app.ui.shell.composition import WindowParts
from app.ui.shortcuts import SHORTCUTS
from tests.gui.test_attachments_window import chat_requests, chips_ready, drop, png
from tests.gui.window_harness import WindowHarness
from tests.support.server import json_reply, sse_reply

MODELS_PATH = "/v1/models"


def gateway_says(harness: WindowHarness, vision: bool | None) -> None:
    """/models lists test-model (and other-model), saying of test-model's images what `vision` says."""
    test_model: dict[str, object] = {"id": "test-model", "object": "model"}
    if vision is not None:
        test_model["capabilities"] = {"vision": vision}
    body = {"object": "list", "data": [test_model, {"id": "other-model", "object": "model"}]}
    harness.server.set_default(lambda _request: json_reply(body), MODELS_PATH)


def open_picker(harness: WindowHarness, parts: WindowParts) -> SearchPopup:
    parts.window.topbar.open_picker()
    picker = parts.window.topbar.picker()
    assert picker.isVisible()
    return picker


def row_of(picker: SearchPopup, model: str, section: str = "local") -> int:
    for row in range(picker.list.model().rowCount()):
        entry = picker.list.model().index(row, 0).data(ENTRY_ROLE)
        if isinstance(entry, Entry) and entry.text == model and entry.section == section:
            return row
    raise AssertionError(f"no row for {model} under {section}")


def tip(picker: SearchPopup, model: str) -> str:
    entry = picker.list.model().index(row_of(picker, model), 0).data(ENTRY_ROLE)
    assert isinstance(entry, Entry) and entry.toggle is not None
    return entry.toggle.tip


def click_toggle(picker: SearchPopup, model: str) -> None:
    index = picker.list.model().index(row_of(picker, model), 0)
    point = toggle_rect(picker.list.visualRect(index)).center()
    QTest.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def select(picker: SearchPopup, model: str) -> None:
    picker.list.setCurrentIndex(picker.list.model().index(row_of(picker, model), 0))


def ctrl_i(picker: SearchPopup) -> None:
    QTest.keyClick(picker.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)


def stored_vision(harness: WindowHarness) -> tuple[tuple[str, bool], ...]:
    profiles = ProfileStore(harness.home.profiles_path)  # read as the next start reads it
    profiles.load()
    return profiles.get("local").vision


def test_toggling_images_off_refuses_an_image_send_and_on_lets_it_go(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    gateway_says(harness, True)
    harness.server.queue(sse_reply(["A green square."]))
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(40, 30))

    async def scenario() -> None:
        parts = harness.open()
        notices: list[str] = []
        parts.controller.notice.connect(notices.append)
        drop(parts, [photo])
        await harness.until(lambda: chips_ready(parts, 1), "the photo was prepared")
        warning = parts.window.composer.chips.warning
        assert not warning.isVisible()
        picker = open_picker(harness, parts)
        await harness.until(
            lambda: "the gateway says yes" in tip(picker, "test-model"), "the gateway's word in the picker"
        )
        assert tip(picker, "test-model").startswith("Images: auto (the gateway says yes)")
        assert "Ctrl+I" in picker.hint.text() and picker.hint.isVisible()

        click_toggle(picker, "test-model")  # auto → on: a click on the toggle, the picker stays open
        await harness.until(lambda: stored_vision(harness) == (("test-model", True),), "on was saved")
        assert picker.isVisible()
        assert tip(picker, "test-model").startswith("Images: on")
        assert picker.current_entry() is not None and picker.current_entry().text == "test-model"  # type: ignore[union-attr]
        ctrl_i(picker)  # on → off, by keyboard on the selected row
        await harness.until(lambda: stored_vision(harness) == (("test-model", False),), "off was saved")
        assert tip(picker, "test-model").startswith("Images: off")
        assert warning.isVisible() and "test-model takes no images" in warning.text()  # at once
        QTest.keyClick(picker.search, Qt.Key.Key_Escape)
        assert parts.controller.current_model() == "test-model"  # toggling did not pick anything

        harness.type_and_send(parts, "Describe it")
        assert "takes no images" in notices[-1]
        assert parts.window.composer.text() == "Describe it" and chips_ready(parts, 1)
        assert chat_requests(harness) == []  # refused before anything reached the gateway

        picker = open_picker(harness, parts)
        select(picker, "test-model")
        ctrl_i(picker)  # off → auto
        await harness.until(lambda: stored_vision(harness) == (), "auto was saved")
        ctrl_i(picker)  # auto → on
        await harness.until(lambda: stored_vision(harness) == (("test-model", True),), "on was saved")
        assert not warning.isVisible()
        QTest.keyClick(picker.search, Qt.Key.Key_Escape)
        box = harness.input_box(parts)
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_Return)  # the kept text and photo, sent again
        await harness.until(lambda: not parts.controller.busy, "the reply ended")

    harness.run(scenario())
    (sent,) = chat_requests(harness)
    content = sent["messages"][-1]["content"]  # type: ignore[index]
    assert content[0] == {"type": "text", "text": "Describe it"}
    assert content[1]["type"] == "image_url"
    assert content[1]["image_url"]["url"].startswith("data:image/png;base64,")


def test_the_toggle_survives_reopening_the_picker_and_a_restart(harness: WindowHarness) -> None:
    harness.add_profile("local")
    gateway_says(harness, False)

    async def scenario() -> None:
        parts = harness.open()
        picker = open_picker(harness, parts)
        await harness.until(
            lambda: "the gateway says no" in tip(picker, "test-model"), "the gateway's word in the picker"
        )
        assert tip(picker, "test-model").startswith("Images: auto (the gateway says no)")
        assert tip(picker, "other-model").startswith("Images: auto (the gateway does not say")
        click_toggle(picker, "test-model")  # auto → on, overriding the gateway's no
        await harness.until(lambda: stored_vision(harness) == (("test-model", True),), "on was saved")
        picker.close()
        picker = open_picker(harness, parts)
        assert tip(picker, "test-model").startswith("Images: on, your choice (auto: the gateway says no)")
        assert tip(picker, "other-model").startswith("Images: auto")
        picker.close()
        await harness.close(parts)

        parts = harness.open()  # the next start reads profiles.toml and the kept model list
        picker = open_picker(harness, parts)
        await harness.until(lambda: any(e.text == "other-model" for e in picker.shown_entries()), "the list")
        assert tip(picker, "test-model").startswith("Images: on, your choice (auto: the gateway says no)")
        picker.close()

    harness.run(scenario())


def test_a_click_beside_the_toggle_still_picks_the_model(harness: WindowHarness) -> None:
    harness.add_profile("local")
    gateway_says(harness, None)

    async def scenario() -> None:
        parts = harness.open()
        picker = open_picker(harness, parts)
        await harness.until(lambda: any(e.text == "other-model" for e in picker.shown_entries()), "the list")
        index = picker.list.model().index(row_of(picker, "other-model"), 0)
        point = picker.list.visualRect(index).center()
        point.setX(point.x() - 100)  # on the row's text, not its toggle
        QTest.mouseClick(
            picker.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
        assert not picker.isVisible()
        assert parts.controller.current_model() == "other-model"
        assert stored_vision(harness) == ()

    harness.run(scenario())


def test_the_cycle_and_the_override_keep_other_models() -> None:
    assert [next_override(None), next_override(True), next_override(False)] == [True, False, None]
    profile = Profile(name="p", base_url="http://127.0.0.1:1/v1", model="m", vision=(("a", False),))
    assert with_override(profile, "b", True).vision == (("a", False), ("b", True))
    assert with_override(profile, "a", None).vision == ()


def test_the_shortcut_sheet_lists_the_pickers_key() -> None:
    assert ("Ctrl+I", "Images auto / on / off for the selected model (in the picker)") in SHORTCUTS


def test_an_open_editor_shows_the_pickers_change_so_its_next_save_keeps_it(harness: WindowHarness) -> None:
    harness.add_profile("local")
    gateway_says(harness, True)

    async def scenario() -> None:
        parts = harness.open()
        assert parts.profile_ui is not None
        editor = parts.profile_ui.open_editor("local")
        await harness.until(
            lambda: editor.models_section.row_of("test-model") is not None, "the editor's rows"
        )
        assert editor.models_section.values()[1] == ()
        picker = open_picker(harness, parts)
        await harness.until(lambda: "the gateway says yes" in tip(picker, "test-model"), "the picker's rows")
        select(picker, "test-model")
        ctrl_i(picker)  # auto → on
        await harness.until(lambda: stored_vision(harness) == (("test-model", True),), "on was saved")
        await harness.until(
            lambda: editor.models_section.values()[1] == (("test-model", True),), "the editor shows it"
        )
        assert not editor.dirty
        picker.close()
        editor.read_timeout.setValue(editor.read_timeout.value() + 1)  # an edit of something else, saved
        assert await editor.save()
        assert stored_vision(harness) == (("test-model", True),)  # the editor's save kept the picker's on

    harness.run(scenario())
