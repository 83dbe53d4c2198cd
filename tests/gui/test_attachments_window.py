"""Attachments in the window: paste, drop, the paperclip's chips, refusals, and thumbnails in the transcript.

The real window against the real local server: each test checks the request body the server received (or
that none was sent), what the composer kept, and what the transcript and the database hold.
"""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QTextImageFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton

from app.core.models import Role
from app.profiles.store import ProfileStore
from app.ui.shell.composition import WindowParts
from tests.gui.window_harness import WindowHarness
from tests.support.server import CHAT_PATH, json_error_reply, sse_reply


def png(width: int, height: int, colour: str = "#3a7") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide takes str
    return bytes(array.data())


def chat_requests(harness: WindowHarness) -> list[dict[str, object]]:
    return [r.json() for r in harness.server.requests if r.path == CHAT_PATH]


def drop(parts: WindowParts, paths: list[Path]) -> None:
    """Drop files on the window, as a file manager does (the window, not the text box, receives them).

    Qt delivers a drop only during a real drag (sendEvent of a QDropEvent is ignored), so the window's
    handlers are called as Qt would call them: drag enter (which must accept), then drop.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    parts.window.dragEnterEvent(enter)
    assert enter.isAccepted()
    parts.window.dropEvent(event)
    assert event.isAccepted()


def chips_ready(parts: WindowParts, count: int) -> bool:
    chips = parts.window.composer.chips
    return len(chips.files()) == count and not chips.preparing()


def thumbnails_in_transcript(parts: WindowParts) -> list[tuple[str, str]]:
    """(image name, link) of each image drawn in the transcript."""
    found = []
    block = parts.window.transcript.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found.append((QTextImageFormat(fmt).name(), fmt.anchorHref()))
            it += 1
        block = block.next()
    return found


def set_vision(harness: WindowHarness, profile: str, model: str, takes: bool) -> None:
    profiles = ProfileStore(harness.home.profiles_path)
    profiles.load()
    old = profiles.get(profile)
    profiles.update(dataclasses.replace(old, vision=((model, takes),)))
    profiles.save()


def test_pasted_image_goes_as_a_content_part_and_shows_as_a_thumbnail(harness: WindowHarness) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["A green square."]))
    pasted = QImage(64, 48, QImage.Format.Format_RGB32)
    pasted.fill(QColor("#2a2"))

    async def scenario() -> None:
        parts = harness.open()
        box = harness.input_box(parts)
        QGuiApplication.clipboard().setImage(pasted)
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        chips = parts.window.composer.chips
        assert [f.name for f in chips.files()] == ["pasted image.png"]
        detail = chips.findChild(QLabel, "attachmentDetail")
        assert detail is not None and detail.text() == "preparing…"  # the work is off the GUI thread
        assert box.toPlainText() == ""  # the image was not pasted as text
        await harness.until(lambda: chips_ready(parts, 1), "the pasted image was prepared")
        assert chips.files()[0].thumbnail is not None
        assert chips.isVisible()
        harness.type_and_send(parts, "What is this?")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert chips.files() == [] and not chips.isVisible()  # saved: the chips went
        assert "A green square." in harness.transcript_text(parts)
        (name, href), *_ = thumbnails_in_transcript(parts)
        assert name.startswith("sluice-attachment:")
        assert href.startswith("sluice:")  # one of the app's own links, with the view's token
        parts.window.transcript.anchorClicked.emit(QUrl(href))
        await harness.until(
            lambda: parts.controller.attachments.viewer() is not None, "the image was decoded and shown"
        )
        viewer = parts.controller.attachments.viewer()
        assert viewer is not None and viewer.isVisible()
        assert not viewer.isModal() or viewer.windowModality() != Qt.WindowModality.ApplicationModal
        image = viewer.findChild(QLabel, "attachmentImage")
        assert image is not None and image.pixmap().size().width() == 64  # full size, not the thumbnail
        viewer.close()

    harness.run(scenario())
    (sent,) = chat_requests(harness)
    content = sent["messages"][-1]["content"]  # type: ignore[index]
    assert content[0] == {"type": "text", "text": "What is this?"}
    url = content[1]["image_url"]["url"]
    assert content[1]["type"] == "image_url" and url.startswith("data:image/png;base64,")
    data = base64.b64decode(url.split(",", 1)[1])
    sent_image = QImage.fromData(data)
    assert (sent_image.width(), sent_image.height()) == (64, 48)
    (user,) = [m for m in harness.stored_messages() if m.role == Role.USER]
    assert [(a.name, a.kind) for a in user.attachments] == [("pasted image.png", "image")]


def test_dropped_files_a_text_file_is_sent_a_binary_is_refused_with_a_notice(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["Two lines."]))
    notes = tmp_path / "notes.md"
    notes.write_text("first line\nsecond line\n", encoding="utf-8")
    binary = tmp_path / "tool.bin"
    binary.write_bytes(b"\x7fELF\x00\x01\x02" * 50)

    async def scenario() -> None:
        parts = harness.open()
        notices: list[str] = []
        parts.controller.notice.connect(notices.append)
        drop(parts, [notes, binary])
        chips = parts.window.composer.chips
        assert [f.name for f in chips.files()] == ["notes.md", "tool.bin"]  # both "preparing…"
        await harness.until(lambda: chips_ready(parts, 1), "both files were looked at")
        assert [f.name for f in chips.files()] == ["notes.md"]
        (notice,) = [n for n in notices if "tool.bin" in n]
        assert notice.startswith("Not attached: tool.bin: it is not an image")
        harness.type_and_send(parts, "Summarise")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        links = harness.links(parts, "notes.md")
        assert len(links) == 1
        parts.window.transcript.anchorClicked.emit(QUrl(links[0]))
        viewer = parts.controller.attachments.viewer()
        assert viewer is not None and viewer.isVisible()
        text = viewer.findChild(QPlainTextEdit, "attachmentText")
        assert text is not None and text.isReadOnly()
        assert text.toPlainText() == "first line\nsecond line\n"
        viewer.close()

    harness.run(scenario())
    (sent,) = chat_requests(harness)
    content = sent["messages"][-1]["content"]  # type: ignore[index]
    assert content == [
        {"type": "text", "text": "Summarise"},
        {"type": "text", "text": "notes.md:\n```\nfirst line\nsecond line\n\n```"},
    ]


def test_text_only_model_warns_and_refuses_send_keeping_text_and_chips(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    set_vision(harness, "local", "test-model", False)
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(40, 30))

    async def scenario() -> None:
        parts = harness.open()
        notices: list[str] = []
        parts.controller.notice.connect(notices.append)
        drop(parts, [photo])
        await harness.until(lambda: chips_ready(parts, 1), "the photo was prepared")
        warning = parts.window.composer.chips.warning
        assert warning.isVisible() and "test-model takes no images" in warning.text()
        harness.type_and_send(parts, "Describe it")
        assert "takes no images" in notices[-1] and "--vision test-model=on" in notices[-1]
        assert parts.window.composer.text() == "Describe it"
        assert chips_ready(parts, 1)
        assert not parts.controller.busy

    harness.run(scenario())
    assert chat_requests(harness) == []  # nothing reached the gateway
    assert harness.stored_messages() == []


def test_gateway_refusing_the_image_gives_text_and_attachment_back(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    harness.server.queue(json_error_reply(400, "This model does not support image input."))
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(40, 30))

    async def scenario() -> None:
        parts = harness.open()
        drop(parts, [photo])
        await harness.until(lambda: chips_ready(parts, 1), "the photo was prepared")
        harness.type_and_send(parts, "Describe it")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        assert parts.window.composer.text() == "Describe it"
        await harness.until(lambda: chips_ready(parts, 1), "the photo is back on a chip")
        (file,) = parts.window.composer.chips.files()
        assert file.name == "photo.png"
        assert file.attachments is not None and file.attachments[0].data == photo.read_bytes()

    harness.run(scenario())
    assert len(chat_requests(harness)) == 1


def test_chips_are_removed_with_the_x_button_and_the_delete_key(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("a", encoding="utf-8")
    second.write_text("b", encoding="utf-8")

    async def scenario() -> None:
        parts = harness.open()
        drop(parts, [first, second])
        await harness.until(lambda: chips_ready(parts, 2), "both files were prepared")
        chips = parts.window.composer.chips
        a_chip = chips.chip(chips.files()[0].key)
        assert a_chip is not None
        button = a_chip.findChild(QToolButton, "attachmentRemove")
        assert button is not None
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert [f.name for f in chips.files()] == ["b.txt"]
        b_chip = chips.chip(chips.files()[0].key)
        assert b_chip is not None
        QTest.keyClick(b_chip, Qt.Key.Key_Delete)
        assert chips.files() == [] and not chips.isVisible()

    harness.run(scenario())


def test_history_thumbnails_and_earlier_images_become_notes_for_a_text_only_model(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["Seen."]))
    harness.server.queue(sse_reply(["Still fine."]))
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(300, 200))

    async def first() -> None:
        parts = harness.open()
        drop(parts, [photo])
        await harness.until(lambda: chips_ready(parts, 1), "the photo was prepared")
        harness.type_and_send(parts, "Look")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        await harness.close(parts)

    harness.run(first())
    set_vision(harness, "local", "test-model", False)  # the user marks the model text-only

    async def second() -> None:
        parts = harness.open()
        (conversation,) = parts.store.list_conversations()
        parts.controller.open_conversation(conversation.id)
        (name, _href), *_ = thumbnails_in_transcript(parts)
        document = parts.window.transcript.document()
        await harness.until(
            lambda: (
                isinstance(document.resource(2, QUrl(name)), QImage)
                and document.resource(2, QUrl(name)).width() == 160
            ),
            "the thumbnail was made from the stored image",
        )
        harness.type_and_send(parts, "And now?")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")

    harness.run(second())
    later = chat_requests(harness)[-1]["messages"]
    assert later[0]["content"] == [  # type: ignore[index]
        {"type": "text", "text": "Look"},
        {"type": "text", "text": "[image: photo.png]"},
    ]
    assert later[-1] == {"role": "user", "content": "And now?"}  # type: ignore[index]


def test_editing_a_message_keeps_its_files_and_puts_the_drafts_aside(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["One."]))
    harness.server.queue(sse_reply(["Two."]))
    sent, draft = tmp_path / "sent.txt", tmp_path / "draft.txt"
    sent.write_text("in the message", encoding="utf-8")
    draft.write_text("for later", encoding="utf-8")

    async def scenario() -> None:
        parts = harness.open()
        chips = parts.window.composer.chips
        drop(parts, [sent])
        await harness.until(lambda: chips_ready(parts, 1), "sent.txt was prepared")
        harness.type_and_send(parts, "Read this")
        await harness.until(lambda: not parts.controller.busy, "the reply ended")
        drop(parts, [draft])
        await harness.until(lambda: chips_ready(parts, 1), "draft.txt was prepared")
        harness.click_link(parts, "Edit")
        assert [f.name for f in chips.files()] == ["sent.txt"]  # the edited message's file
        harness.press_escape(parts)  # cancel: the draft's file is back
        assert [f.name for f in chips.files()] == ["draft.txt"]
        harness.click_link(parts, "Edit")
        box = harness.input_box(parts)
        box.selectAll()
        QTest.keyClicks(box, "Read this again")
        QTest.keyClick(box, Qt.Key.Key_Return)
        await harness.until(lambda: not parts.controller.busy, "the second reply ended")
        assert [f.name for f in chips.files()] == ["draft.txt"]  # the draft's file waits for its message

    harness.run(scenario())
    later = chat_requests(harness)[-1]["messages"][-1]  # type: ignore[index]
    assert later["content"] == [
        {"type": "text", "text": "Read this again"},
        {"type": "text", "text": "sent.txt:\n```\nin the message\n```"},
    ]


def test_pasted_files_are_attached_and_a_file_name_is_plain_text(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    named = tmp_path / "<b>bold <img src=x>.txt"  # a name that reads as HTML (no "/" in a file name)
    named.write_text("hello", encoding="utf-8")

    async def scenario() -> None:
        parts = harness.open()
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(named))])
        QGuiApplication.clipboard().setMimeData(mime)
        box = harness.input_box(parts)
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        await harness.until(lambda: chips_ready(parts, 1), "the pasted file was prepared")
        assert box.toPlainText() == ""  # a copied file is attached, not pasted as its path
        label = parts.window.composer.chips.findChild(QLabel, "attachmentName")
        assert label is not None
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.text() == "<b>bold <img src=x>.txt"
        chip = parts.window.composer.chips.chip(parts.window.composer.chips.files()[0].key)
        assert chip is not None and "&lt;b&gt;" in chip.toolTip()

    try:
        harness.run(scenario())
    finally:
        # The clipboard owns the QMimeData given to it; left there, it is destroyed with the application
        # after Python has let go of its wrapper, which crashed the test process at exit (SIGSEGV).
        QGuiApplication.clipboard().clear()


def test_a_drop_on_the_transcript_reaches_the_window(harness: WindowHarness) -> None:
    harness.add_profile("local")

    async def scenario() -> None:
        parts = harness.open()
        transcript = parts.window.transcript
        # Qt gives a drag to the innermost widget under the cursor that accepts drops: the transcript
        # must not, so the window (which attaches the files) gets it.
        assert not transcript.acceptDrops() and not transcript.viewport().acceptDrops()
        assert parts.window.acceptDrops()

    harness.run(scenario())


def test_a_drop_of_too_many_files_attaches_the_first_twenty_and_says_so(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    files = []
    for number in range(25):
        path = tmp_path / f"f{number:02}.txt"
        path.write_text(str(number), encoding="utf-8")
        files.append(path)

    async def scenario() -> None:
        parts = harness.open()
        notices: list[str] = []
        parts.controller.notice.connect(notices.append)
        drop(parts, files)
        await harness.until(lambda: chips_ready(parts, 20), "twenty files were prepared")
        assert [f.name for f in parts.window.composer.chips.files()][-1] == "f19.txt"
        assert "Only the first 20 files of a drop or paste are attached." in notices

    harness.run(scenario())


def test_an_earlier_image_goes_again_with_a_follow_up_to_a_model_that_may_take_images(
    harness: WindowHarness, tmp_path: Path
) -> None:
    harness.add_profile("local")
    harness.server.queue(sse_reply(["Seen."]))
    harness.server.queue(sse_reply(["Yes."]))
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(30, 20))

    async def scenario() -> None:
        parts = harness.open()
        drop(parts, [photo])
        await harness.until(lambda: chips_ready(parts, 1), "the photo was prepared")
        harness.type_and_send(parts, "Look")
        await harness.until(lambda: not parts.controller.busy, "the first reply ended")
        harness.type_and_send(parts, "Is it green?")
        await harness.until(lambda: not parts.controller.busy, "the second reply ended")

    harness.run(scenario())
    first, second = chat_requests(harness)
    assert second["messages"][0] == first["messages"][0]  # type: ignore[index]  # the image, read back
    image_part = second["messages"][0]["content"][1]  # type: ignore[index]
    assert base64.b64decode(image_part["image_url"]["url"].split(",", 1)[1]) == photo.read_bytes()
