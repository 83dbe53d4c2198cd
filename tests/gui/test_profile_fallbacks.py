"""The profile editor's Fallbacks list (issue 16): add, reorder, remove, save, reopen; a fallback naming a
profile that is gone stays visible as missing; duplicates and the profile itself are refused in words; a
rename carries the new name into the other profiles' lists.

Driven through the real window; what is saved is read back from profiles.toml.
"""

from __future__ import annotations

from app.core.models import ModelInfo
from app.keystore import Keystore
from app.profiles.catalog import ModelCatalog
from app.ui.profiles.fallbacks_list import FallbacksList
from tests.gui.test_profile_editor import add_profile, on_disk, open_editor, open_window
from tests.gui.test_profile_models import editor_for
from tests.gui.window_harness import WindowHarness
from tests.support.server import json_error_reply
from tests.unit.test_keystore import MemoryKeyring


def shown(section: FallbacksList) -> list[str]:
    return [section.list.item(row).text() for row in range(section.list.count())]


def test_fallbacks_are_added_reordered_removed_saved_and_shown_again_in_order(
    harness: WindowHarness,
) -> None:
    for name in ("b", "c", "d"):
        add_profile(harness, name, model=f"{name}-default")
    add_profile(harness, "main")
    ModelCatalog(harness.home.models_path).replace("c", [ModelInfo(id="c-big"), ModelInfo(id="c-small")])

    async def scenario() -> None:
        editor = editor_for(harness, "main")
        section = editor.fallbacks_section
        assert section.isVisible() and section.list.count() == 0
        offered = [section.profile.itemText(i) for i in range(section.profile.count())]
        assert offered == ["b", "c", "d"]  # never the profile itself
        section.profile.setCurrentText("c")
        models = [section.model.itemText(i) for i in range(section.model.count())]
        assert models == ["c-default", "c-big", "c-small"]  # its default, then its kept /models list
        section.model.setEditText("c-big")
        section.add_button.click()
        assert section.add_entry("b")
        assert section.add_entry("d", "d-default")
        assert section.values() == ("c:c-big", "b", "d:d-default") and editor.dirty
        section.list.setCurrentRow(2)
        section.up_button.click()  # d above b
        section.list.setCurrentRow(0)
        section.down_button.click()  # c below d
        assert section.values() == ("d:d-default", "c:c-big", "b")
        section.list.setCurrentRow(2)
        section.remove_button.click()
        assert section.values() == ("d:d-default", "c:c-big")
        assert shown(section) == ["d · d-default", "c · c-big"]
        assert await editor.save() is True
        editor.close()

        # A new window reads profiles.toml again: its editor is a new one.
        again = open_editor(open_window(harness, Keystore("svc", backend=MemoryKeyring())))
        assert again is not editor
        again.select("main")
        assert again.fallbacks_section.values() == ("d:d-default", "c:c-big")
        assert shown(again.fallbacks_section) == ["d · d-default", "c · c-big"]

    harness.run(scenario())
    assert on_disk(harness).get("main").fallbacks == ("d:d-default", "c:c-big")


def test_a_duplicate_or_the_profile_itself_is_refused_in_words(harness: WindowHarness) -> None:
    add_profile(harness, "b")
    add_profile(harness, "main")

    async def scenario() -> None:
        editor = editor_for(harness, "main")
        section = editor.fallbacks_section
        assert section.add_entry("b", "m1")
        assert not section.add_entry("b", "m1")
        assert section.error.isVisible() and section.error.text() == "b:m1 is in the list already."
        assert not section.add_entry("main")
        assert section.error.text() == "A profile cannot fall back to itself."
        editor.name.setText("renamed")
        editor.name.textEdited.emit("renamed")  # as typing does
        assert section.profile.findText("renamed") < 0
        assert not section.add_entry("renamed")
        assert section.add_entry("b") and section.values() == ("b:m1", "b")  # another model of b is fine
        assert not section.error.isVisible()

    harness.run(scenario())


def test_a_deleted_fallback_stays_in_the_list_marked_missing(harness: WindowHarness) -> None:
    add_profile(harness, "b")
    add_profile(harness, "main", fallbacks=("b:m1", "gone", "c:x"))
    add_profile(harness, "c")

    async def scenario() -> None:
        parts = open_window(harness, Keystore("svc", backend=MemoryKeyring()))
        editor = open_editor(parts)
        editor.select("b")
        await editor.delete("b")
        assert "The fallbacks of main still name it" in editor.notice.text()
        editor.select("main")
        section = editor.fallbacks_section
        assert section.values() == ("b:m1", "gone", "c:x")  # nothing silently dropped
        assert section.missing() == ["b:m1", "gone"]
        texts = shown(section)
        assert texts[0].startswith("b:m1 — no profile has this name") and texts[2] == "c · x"
        editor.model.setEditText("m2")  # any other change, then save: the missing ones are kept
        assert await editor.save() is True

    harness.run(scenario())
    assert on_disk(harness).get("main").fallbacks == ("b:m1", "gone", "c:x")


def test_renaming_a_profile_in_the_editor_renames_it_in_other_fallbacks(harness: WindowHarness) -> None:
    add_profile(harness, "b")
    add_profile(harness, "main", fallbacks=("b",))

    async def scenario() -> None:
        editor = editor_for(harness, "b")
        editor.name.setText("backup")
        editor.name.textEdited.emit("backup")
        assert await editor.save() is True
        assert "The fallbacks of main now name backup." in editor.notice.text()
        editor.select("main")
        assert editor.fallbacks_section.values() == ("backup",)
        assert editor.fallbacks_section.missing() == []

    harness.run(scenario())
    assert on_disk(harness).get("main").fallbacks == ("backup",)


def test_saving_a_profile_in_the_editor_keeps_fallbacks_set_from_the_cli(harness: WindowHarness) -> None:
    add_profile(harness, "b")
    add_profile(harness, "main", fallbacks=("b",))

    async def scenario() -> None:
        editor = editor_for(harness, "main")
        editor.read_timeout.setValue(77)
        assert await editor.save() is True

    harness.run(scenario())
    assert on_disk(harness).get("main").fallbacks == ("b",)


def test_the_window_says_a_missing_fallback_was_not_tried(harness: WindowHarness) -> None:
    add_profile(harness, "a", auth="none", fallbacks=("gone:m",))
    harness.server.queue(json_error_reply(503, "HTTP 503 upstream overloaded", type_="server_error"))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Hi")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        text = harness.transcript_text(parts)
        assert "HTTP 503 upstream overloaded (Fallback not tried: no profile is called 'gone';" in text

    harness.run(scenario())
    assert [r.path for r in harness.server.requests if r.method == "POST"] == ["/v1/chat/completions"]
