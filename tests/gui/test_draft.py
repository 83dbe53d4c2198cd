"""What the user typed and did not send survives closing the window (app/ui/shell/draft.py)."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.shell.draft import FILE_NAME, MAX_CHARS, load_draft
from tests.gui.window_harness import WindowHarness
from tests.support.server import sse_reply


def test_an_unsent_message_is_in_the_box_again_at_the_next_start(harness: WindowHarness) -> None:
    harness.add_profile("local")
    draft = "Half a question, 半个问题,\nwith a second line"

    async def scenario() -> None:
        parts = harness.open()
        harness.input_box(parts).setPlainText(draft)
        await harness.close(parts)
        path = harness.home.data_dir / FILE_NAME
        assert path.read_text(encoding="utf-8") == draft
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600  # beside the chats: as private
        again = harness.open()
        assert harness.input_box(again).toPlainText() == draft
        # Sent, then closed with an empty box: nothing is kept, and the next start's box is empty.
        harness.server.queue(sse_reply(["Answer."]))
        box = harness.input_box(again)
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_Return)  # sends the kept draft as it is
        await harness.until(lambda: not again.controller.busy, "the reply ended")
        await harness.close(again)
        assert not path.exists()
        third = harness.open()
        assert harness.input_box(third).toPlainText() == ""

    harness.run(scenario())


def test_an_edit_in_progress_is_kept_with_the_draft_it_set_aside(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["First answer."]))

    async def scenario() -> None:
        parts = harness.open()
        harness.type_and_send(parts, "Original question")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        composer = parts.window.composer
        harness.input_box(parts).setPlainText("a follow-up being typed")
        composer.begin_edit("Original question, edited")
        assert composer.is_editing()
        await harness.close(parts)
        again = harness.open()
        assert harness.input_box(again).toPlainText() == (
            "a follow-up being typed\n\nOriginal question, edited"
        )

    harness.run(scenario())


def test_a_huge_or_damaged_draft_file_is_read_bounded(harness: WindowHarness) -> None:
    path = harness.home.data_dir / FILE_NAME
    path.write_bytes(b"\xff\xfe" + b"x" * (MAX_CHARS + 10))
    text = load_draft(harness.home.data_dir)
    assert len(text) == MAX_CHARS
    assert text.startswith("\ufffd")  # undecodable bytes read as replacement characters, not an error


def test_a_draft_that_could_not_be_read_is_not_removed_by_the_next_close(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = harness.home.data_dir / "elsewhere"
    (folder / FILE_NAME).mkdir(parents=True)  # a read error (here: a folder where the file should be)
    assert load_draft(folder) is None
    # The window meets such an error on a file that holds text (an I/O error, a permission we lack):
    harness.add_profile("local")
    path = harness.home.data_dir / FILE_NAME
    path.write_text("text the user wrote", encoding="utf-8")
    monkeypatch.setattr("app.ui.shell.composition.load_draft", lambda _data_dir: None)

    async def scenario() -> None:
        parts = harness.open()
        assert harness.input_box(parts).toPlainText() == ""  # nothing could be shown
        await harness.close(parts)  # closing with an empty box

    harness.run(scenario())
    assert path.read_text(encoding="utf-8") == "text the user wrote"  # still there for the next start
