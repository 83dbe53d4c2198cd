"""The chat's attachments, between the composer and the transcript: what the chat controller asks about them.

- the files on the composer's chips (the paperclip's file dialog, paste and drop go to AttachmentIntake);
- whether they may go to the chosen model (app/attachments/policy.py, the same rule as `sluice ask`), with a
  warning chip while they cannot;
- the row under a user message in the transcript, its thumbnails (kept small, by content hash, a bounded
  number), and the viewer a click opens.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.core.errors import ChatError, SluiceError
from app.core.models import Attachment, Message, Profile
from app.store.conversations import ConversationStore
from app.ui.chat.attach_intake import AttachmentIntake, image_of, thumbnail_of
from app.ui.chat.composer import Composer
from app.ui.chat.offered import Offered
from app.ui.i18n import exception_text
from app.ui.tasks import Tasks
from app.ui.transcript.attachment_row import add_attachment_row, set_thumbnail
from app.ui.transcript.view import TranscriptView

log = logging.getLogger(__name__)

THUMBNAILS_KEPT = 300  # thumbnails held for the transcript (~75 KB each at most): older ones are made again


class ChatAttachments(QObject):
    """Attachments for one chat area. `model()` gives the chosen (profile, model), or None.

    Signals:
        notice(str): a file was refused, a message cannot go with its images, or a viewer cannot open.
    """

    notice = Signal(str)

    def __init__(
        self,
        *,
        composer: Composer,
        transcript: TranscriptView,
        store: ConversationStore,
        takes_images: Callable[[Profile, str], bool | None],
        model: Callable[[], tuple[Profile, str] | None],
    ) -> None:
        super().__init__(composer)
        self.composer, self.transcript, self.store = composer, transcript, store
        self._takes_images, self._model = takes_images, model
        self.intake = AttachmentIntake(composer.chips, self.images_ok)
        self.intake.notice.connect(self.notice)
        self._thumbnails: OrderedDict[str, QImage] = OrderedDict()
        self.tasks = Tasks()
        self._viewer: QDialog | None = None  # the one open: a second click replaces it
        self._dialog: QFileDialog | None = None
        self._editing = False  # a sent message is being edited: the draft's files are put aside
        composer.attach_requested.connect(self.choose_files)
        composer.files_offered.connect(self.intake.offer)
        composer.chips.changed.connect(self.sync_warning)

    # ---- the model ---------------------------------------------------------------------------------

    def images_ok(self) -> bool | None:
        chosen = self._model()
        return self._takes_images(*chosen) if chosen is not None else None

    def send_images(self) -> bool:
        """Whether images (this message's and earlier turns') go as images, or as `[image: NAME]` notes."""
        from app.attachments.policy import send_images  # not at start-up: on the first send

        return send_images(self.images_ok())

    def refusal(self, attachments: Sequence[Attachment]) -> ChatError | None:
        chosen = self._model()
        if chosen is None:
            return None
        from app.attachments.policy import images_refusal

        profile, model = chosen
        takes = self._takes_images(profile, model)
        return images_refusal(attachments, takes, profile=profile.name, model=model)

    def sync_warning(self) -> None:
        """The warning chip: shown while images are attached and the chosen model is known to take none."""
        chips = self.composer.chips
        chosen = self._model()
        if chosen is not None and chips.has_images() and self.images_ok() is False:
            chips.set_warning(
                self.tr("{model} takes no images: pick a model that does, or remove the images.").format(
                    model=chosen[1]
                )
            )
        else:
            chips.set_warning("")

    # ---- the composer ------------------------------------------------------------------------------

    def choose_files(self) -> None:
        """The paperclip: a file dialog (opened with open(), never exec())."""
        if self._dialog is None:
            dialog = QFileDialog(self.composer.window(), self.tr("Attach files"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
            dialog.filesSelected.connect(
                lambda paths: self.intake.offer([Offered(name=Path(p).name, path=Path(p)) for p in paths])
            )
            self._dialog = dialog
        self._dialog.open()

    def take_sent(self, sent: Sequence[Attachment]) -> None:
        """The message was saved: its chips go, their thumbnails stay for the transcript."""
        sent_hashes = {a.sha256 for a in sent}
        for file in self.composer.chips.files():
            if file.thumbnail is not None and file.attachments:
                first = next((a for a in file.attachments if a.is_image), None)
                if first is not None and first.sha256 in sent_hashes:
                    self._keep_thumbnail(first.sha256, file.thumbnail)
        self.composer.chips.clear()

    def begin_edit(self, message: Message) -> None:
        """A sent message is edited: its files go on the chips (the draft's are put aside until the end)."""
        if self._editing:
            self.composer.chips.clear()  # another message's edit: its files go, the draft's stay aside
        else:
            self.composer.chips.stash()
        self._editing = True
        if message.attachments:
            self._put_on_chips(message)

    def end_edit(self) -> None:
        """The edit was sent or cancelled: the draft's files come back."""
        if self._editing:
            self._editing = False
            self.composer.chips.unstash()

    def give_back(self, message: Message) -> None:
        """A message the gateway refused for its attachments: its text and files back in the composer."""
        self.composer.restore_text(message.content)
        if self.composer.chips.files():
            return  # files attached since: keep those, the refused ones are in the transcript anyway
        self._put_on_chips(message)

    def _put_on_chips(self, message: Message) -> None:
        try:
            (filled,) = self.store.with_attachment_data([message]) if message.id is not None else [message]
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        for attachment in filled.attachments:
            self.composer.chips.add_ready(
                attachment.name, (attachment,), self._thumbnails.get(attachment.sha256)
            )

    # ---- the transcript ----------------------------------------------------------------------------

    def draw_row(self, message: Message) -> None:
        """The row of thumbnails and file links under a user message just drawn."""
        if not message.attachments or message.id is None:
            return
        hrefs = [
            self.transcript.action_url(f"attachment/{message.id}-{index}")
            for index in range(len(message.attachments))
        ]
        add_attachment_row(self.transcript, message.attachments, hrefs, self._thumbnails)
        missing = [a for a in message.attachments if a.is_image and a.sha256 not in self._thumbnails]
        if missing:
            self._spawn(self._make_thumbnails(message))

    async def _make_thumbnails(self, message: Message) -> None:
        try:
            (filled,) = self.store.with_attachment_data([message])
        except SluiceError:
            log.warning("could not read a message's images for their thumbnails", exc_info=True)
            return
        for attachment in filled.attachments:
            if attachment.is_image and attachment.sha256 not in self._thumbnails and attachment.data:
                thumbnail = await asyncio.to_thread(thumbnail_of, attachment.data)
                if thumbnail is not None:
                    self._keep_thumbnail(attachment.sha256, thumbnail)
                    set_thumbnail(self.transcript, attachment.sha256, thumbnail)

    def open(self, path_arg: str, messages: Sequence[Message]) -> None:
        """A click on an attachment link ("MESSAGE-INDEX"): the image or the text in a viewer."""
        message_id, _, index = path_arg.partition("-")
        if not (message_id.isdigit() and index.isdigit()):
            return
        message = next((m for m in messages if m.id == int(message_id)), None)
        if message is None or int(index) >= len(message.attachments):
            return
        try:
            (filled,) = self.store.with_attachment_data([message])
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        attachment = filled.attachments[int(index)]
        if attachment.is_image:
            self._spawn(self._open_image(attachment))
        else:
            self._show(attachment, None)

    async def _open_image(self, attachment: Attachment) -> None:
        image = await asyncio.to_thread(image_of, attachment.data)  # a 2048 px decode: not on the GUI thread
        self._show(attachment, image)

    def _show(self, attachment: Attachment, image: QImage | None) -> None:
        from app.ui.chat.attach_viewer import AttachmentViewer  # built on first use, not at start-up

        if self._viewer is not None:
            self._viewer.close()
        viewer = AttachmentViewer(attachment, image, self.transcript.window())
        viewer.destroyed.connect(lambda: self._forget_viewer(viewer))
        self._viewer = viewer
        viewer.open()

    def viewer(self) -> QDialog | None:
        return self._viewer

    def _forget_viewer(self, viewer: QWidget) -> None:
        if self._viewer is viewer:
            self._viewer = None

    def _keep_thumbnail(self, sha256: str, thumbnail: QImage) -> None:
        self._thumbnails[sha256] = thumbnail
        self._thumbnails.move_to_end(sha256)
        while len(self._thumbnails) > THUMBNAILS_KEPT:
            self._thumbnails.popitem(last=False)

    def _spawn(self, coro: Any) -> None:
        self.tasks.run(coro)

    async def aclose(self) -> None:
        await self.tasks.aclose()
        await self.intake.aclose()
