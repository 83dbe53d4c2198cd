"""What Compare mode does: one message to 2–4 lanes at once, each streaming into its own column.

Entering shows the columns in the transcript's place (`MainWindow.set_chat_body`) and takes the composer's
Send and Stop from the chat controller until Compare is left; Esc (the window's stop shortcut) stops every
lane. The lanes run through app/compare.py, the core `sluice ask --compare` uses, so the window saves
exactly as the CLI does: the user's message once, each lane's reply a sibling reply to it, in the open
conversation (a new one when none is open). Lanes never fail over.

Each column shows its lane's live figures (LaneMeter, worded by the status line's own `status_line`),
repainted with the text at most every PAINT_MS; the exact figures the session saved replace them when the
lane ends. "Continue with this one" makes that reply the active version of its turn, gives the conversation
that lane's profile and model, and leaves Compare: the next message goes to that lane; the other replies
stay its versions ("‹ 2/3 ›"). Leaving Compare (or opening another conversation) while lanes stream stops
them; what arrived is kept.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.compare import MAX_LANES, MIN_LANES, Comparison, Lane, LaneMeter, start_lanes, without_failover
from app.core.errors import SluiceError
from app.core.events import ContentDelta, StreamEvent
from app.core.models import Message, Role
from app.core.pricing import Price
from app.session import EventCallback
from app.store.conversations import title_from_text
from app.turns import Turn, Turns
from app.ui.chat.status_text import error_text, status_flag, status_line
from app.ui.compare.lanes import LanePicker, first_lanes
from app.ui.i18n import exception_text, translated
from app.ui.search_popup import SearchPopup

if TYPE_CHECKING:
    from app.ui.chat.controller import ChatController
    from app.ui.compare.view import CompareView
    from app.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

PAINT_MS = 50  # columns repaint their text and figures at most this often while lanes stream


class CompareController(QObject):
    """Behaviour of Compare mode.

    Signals:
        active_changed(bool): Compare mode was entered (True) or left (False).
        busy_changed(bool): lanes started streaming (True), or the last one ended (False).
    """

    active_changed = Signal(bool)
    busy_changed = Signal(bool)

    def __init__(self, chat: ChatController, window: MainWindow) -> None:
        super().__init__()
        self.chat, self.window = chat, window
        self.view: CompareView | None = None  # built when Compare is first entered
        self.active = False
        self.lanes: list[Lane] = []
        self.comparison: Comparison | None = None
        self.results: dict[int, Message] = {}  # each ended lane's final reply, by column
        self.conversation_id: int | None = None  # where the last comparison was saved
        # A comparison ended and no reply was chosen: the next message would not know which reply it
        # follows (the conversation's active one is merely the one saved last), so it waits for a choice.
        self.choice_pending = False
        self._sent: list[Lane] = []  # the lanes of the running (or last) comparison, by column
        self._meters: list[LaneMeter] = []
        self._unpainted: list[list[str]] = []  # text arrived but not painted yet, per column
        self._picker: LanePicker | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(PAINT_MS)
        self._timer.timeout.connect(self._paint)
        self._entered_on: int | None = None  # the conversation open in the chat while Compare is on
        window.stop_shortcut.activated.connect(self.stop)
        chat.title_changed.connect(self._chat_moved)

    @property
    def busy(self) -> bool:
        return self.comparison is not None and len(self.results) < len(self.comparison.lanes)

    # ---- entering and leaving -----------------------------------------------------------------------

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        if self.active:
            return
        if self.chat.busy:
            self.chat.notice.emit(self.tr("Compare can start once the reply ends."))
            return
        view = self._view()
        view.apply_colours()  # the theme may have changed since it was built
        if not self.lanes:
            self.lanes = first_lanes(self.chat)
        self._reset_columns()
        self._entered_on = self._open_id()
        self.window.set_chat_body(view)
        self.window.topbar.set_busy(True)  # the pill and Regenerate are the chat's: lanes are chosen here
        composer = self.window.composer
        composer.send_requested.disconnect(self.chat.send)
        composer.stop_requested.disconnect(self.chat.stop)
        composer.send_requested.connect(self.send)
        composer.stop_requested.connect(self.stop)
        self.active = True
        self.active_changed.emit(True)
        self.chat.load_models()
        composer.focus_input()

    def leave(self) -> None:
        """Back to the chat. Lanes still streaming are stopped (what arrived is kept and saved)."""
        if not self.active:
            return
        if self.comparison is not None:
            self.comparison.stop()
        self.active = False
        self.choice_pending = False  # the chat shows the reply saved last; the others are its versions
        composer = self.window.composer
        composer.send_requested.disconnect(self.send)
        composer.stop_requested.disconnect(self.stop)
        composer.send_requested.connect(self.chat.send)
        composer.stop_requested.connect(self.chat.stop)
        self.window.set_chat_body(None)
        self.window.topbar.set_busy(self.busy)
        self.active_changed.emit(False)
        if not self.busy:  # else once the stopped lanes have saved what arrived (`_all_ended`)
            self._show_in_chat()
        composer.focus_input()

    def _show_in_chat(self) -> None:
        """Redraw the conversation the lanes answered in, if it is shown: their replies, as versions."""
        shown = self.chat.conversation
        if self.results and shown is not None and shown.id == self.conversation_id:
            self.chat.open_conversation(shown.id, again=True)

    def _open_id(self) -> int | None:
        return self.chat.conversation.id if self.chat.conversation is not None else None

    def _chat_moved(self, _title: str) -> None:
        """The chat opened another conversation (the sidebar, the palette, a new chat): Compare ends."""
        if self.active and self._open_id() != self._entered_on:
            self.leave()

    def _view(self) -> CompareView:
        if self.view is None:
            from app.ui.compare.view import CompareView

            self.view = CompareView(self.window)
            self.view.add_lane_requested.connect(self.open_lane_picker)
            self.view.remove_lane_requested.connect(self.remove_lane)
            self.view.continue_requested.connect(self.continue_with)
            self.view.leave_requested.connect(self.leave)
        return self.view

    # ---- choosing lanes -------------------------------------------------------------------------------

    def set_lanes(self, lanes: list[Lane]) -> None:
        self.lanes = lanes[:MAX_LANES]
        self._reset_columns()

    def add_lane(self, profile_name: str, model: str) -> bool:
        """Add a lane (profile and model); False, with a notice, when it cannot be added."""
        if self.busy or len(self.lanes) >= MAX_LANES:
            return False
        try:
            profile = self.chat.profiles.get(profile_name)
        except SluiceError as exc:
            self.chat.notice.emit(exception_text(exc))
            return False
        lane = Lane.of(profile, model or profile.model)
        if not lane.model:
            self.chat.notice.emit(self.tr("Choose a model for {} first.").format(profile.name))
            return False
        if any(other.label == lane.label for other in self.lanes):
            self.chat.notice.emit(self.tr("{} is already a lane.").format(lane.label))
            return False
        self.set_lanes([*self.lanes, lane])
        return True

    def remove_lane(self, index: int) -> None:
        if not self.busy and 0 <= index < len(self.lanes):
            self.set_lanes([lane for i, lane in enumerate(self.lanes) if i != index])

    def open_lane_picker(self) -> SearchPopup:
        """The picker that adds a lane, under "Add a lane"."""
        if self._picker is None:
            self._picker = LanePicker(self.chat, self.window)
            self._picker.chosen.connect(self.add_lane)
        return self._picker.open_below(self._view().add_button)

    def _reset_columns(self) -> None:
        """Empty columns for the lanes chosen (a finished comparison's stay saved in the conversation)."""
        if self.busy:
            return
        self.comparison = None
        self.results = {}
        self._view().set_lanes([(lane.profile.name, lane.model) for lane in self.lanes])

    # ---- sending and streaming ------------------------------------------------------------------------

    def send(self, text: str) -> None:
        composer, chat = self.window.composer, self.chat
        if self.busy:
            composer.restore_text(text)
            return
        if self.choice_pending:
            composer.restore_text(text)
            chat.notice.emit(
                self.tr("First choose the reply to go on from (Continue with this one), or leave Compare.")
            )
            return
        if len(self.lanes) < MIN_LANES:
            composer.restore_text(text)
            chat.notice.emit(self.tr("Add at least two lanes to compare."))
            return
        if composer.chips.files():
            composer.restore_text(text)
            chat.notice.emit(
                self.tr("Compare sends text only: remove the attachments, or leave Compare to send them.")
            )
            return
        if not text.strip():
            return
        store = chat.store
        self._reset_columns()
        view = self._view()
        lanes = list(self.lanes)
        self._sent = lanes
        self._meters = [LaneMeter(lane, price=self._price(lane)) for lane in lanes]
        self._unpainted = [[] for _ in lanes]
        try:
            conversation = chat.conversation
            if conversation is None:
                first = lanes[0]
                conversation = store.create_conversation(
                    title_from_text(text), profile=first.profile.name, model=first.model
                )
                chat.conversation = conversation  # the chat redraws it whole when Compare ends
                self._entered_on = conversation.id
                chat.title_changed.emit(conversation.title)
            branch = store.active_path(conversation.id)
            self.comparison = start_lanes(
                Turns(without_failover(chat.session), store),
                lanes,
                Message(role=Role.USER, content=text),
                on_event=self._on_event_for,
                on_ended=self._ended,
                conversation_id=conversation.id,
                system_prompt=conversation.system_prompt,
                parent_id=branch[-1].id if branch else None,
            )
        except SluiceError as exc:
            composer.restore_text(text)  # nothing typed is lost; nothing was sent
            chat.notice.emit(exception_text(exc))
            self.comparison = None
            return
        self.conversation_id = conversation.id
        view.set_question(text)
        for column in view.columns:
            column.set_metrics(self.tr("Waiting for the first token…"))
        view.set_running(True)
        composer.set_streaming(True)
        self.window.topbar.set_busy(True)
        self.window.stop_shortcut.setEnabled(True)
        self._timer.start()
        self.busy_changed.emit(True)
        chat.conversations_changed.emit()

    def _price(self, lane: Lane) -> Price | None:
        catalog = self.chat.catalog
        if catalog is None:
            return None
        try:
            return catalog.price_for(lane.profile, lane.model)
        except Exception:  # a price is a nicety; a broken catalogue must not stop the comparison
            log.exception("could not look up the price of %s", lane.model)
            return None

    def _on_event_for(self, lane: Lane) -> EventCallback:
        index = self._sent.index(lane)
        meter, unpainted = self._meters[index], self._unpainted[index]

        def on_event(event: StreamEvent) -> None:
            meter.add(event)
            if isinstance(event, ContentDelta):
                unpainted.append(event.text)  # painted by the timer: one paint per column per frame

        return on_event

    def _paint(self) -> None:
        if self.view is None or self.comparison is None:
            return
        for index, column in enumerate(self.view.columns[: len(self._meters)]):
            if self._unpainted[index]:
                column.append("".join(self._unpainted[index]))
                self._unpainted[index].clear()
            if index not in self.results:
                column.set_metrics(self._live_words(self._meters[index]))

    def _live_words(self, meter: LaneMeter) -> str:
        recorder = meter.recorder
        if recorder.first_token_at is None:
            return self.tr("Waiting for the first token…")
        words = status_line(replace(meter.message(), profile="", model=""))  # the header names them
        if recorder.first_reasoning_at is not None and recorder.first_content_at is None:
            words = " · ".join(part for part in (words, self.tr("thinking…")) if part)
        return words

    def _ended(self, lane: Lane, turn: Turn) -> None:
        comparison = self.comparison
        if comparison is None or turn not in comparison.turns or self.view is None:
            return  # a comparison whose columns were reset (cannot happen while it runs)
        index = comparison.turns.index(turn)
        message = turn.message
        assert message is not None  # a turn records one before it reports its end
        self.results[index] = message
        self._paint()
        column = self.view.columns[index]
        column.show_markdown()  # the whole reply has arrived: it reads as it will in the conversation
        shown = replace(message, profile="", model="")  # the column's header names them
        column.set_metrics(status_line(shown))  # "" (nothing measured) hides the line
        failed = error_text(message)
        if message.save_error is not None:
            unsaved = translated(message.save_error)
            failed = (failed[0], f"{failed[1]} {unsaved}") if failed else (self.tr("Not saved."), unsaved)
        if turn.failure is not None:
            failed = (self.tr("The reply failed unexpectedly."), str(turn.failure))
        column.set_error(failed)
        column.set_flag(status_flag(message))
        if not self.busy:
            self._all_ended()

    def _all_ended(self) -> None:
        self._timer.stop()
        assert self.view is not None
        for index, column in enumerate(self.view.columns):
            message = self.results.get(index)
            column.set_can_continue(
                message is not None and message.id is not None and bool(message.content.strip())
            )
        self.choice_pending = self.active
        self.view.set_running(False)
        self.window.composer.set_streaming(False)
        self.window.topbar.set_busy(self.active)
        self.window.stop_shortcut.setEnabled(False)
        self.busy_changed.emit(False)
        self.chat.conversations_changed.emit()
        if self.active:
            self.window.composer.focus_input()
        else:  # Compare was left while the lanes streamed
            self._show_in_chat()

    def stop(self) -> None:
        """Stop every lane, each once; each keeps and saves what arrived."""
        if self.comparison is not None and self.comparison.stop():
            self.chat.notice.emit(self.tr("Stopped every lane. What arrived is kept."))

    # ---- continuing ---------------------------------------------------------------------------------

    def continue_with(self, index: int) -> None:
        """That lane's reply becomes the conversation's; the next message goes to its profile and model."""
        message = self.results.get(index)
        conversation_id = self.conversation_id
        if self.busy or message is None or message.id is None or conversation_id is None:
            return
        lane = self._sent[index]
        store = self.chat.store
        try:
            store.switch_to(message.id)
            store.set_conversation_profile(conversation_id, lane.profile.name, lane.model)
        except SluiceError as exc:
            self.chat.notice.emit(exception_text(exc))
            return
        self.results = {}  # drawn once, below, not also by `leave`
        self.leave()
        self.chat.open_conversation(conversation_id, again=True)  # profile, model and the chosen version
        self.chat.conversations_changed.emit()
        self.chat.notice.emit(
            self.tr("Continuing with {}. The other replies are its other versions.").format(lane.label)
        )

    async def shutdown(self) -> None:
        """Stop the lanes and wait until each saved what arrived (the window is closing)."""
        comparison = self.comparison
        if comparison is not None:
            comparison.stop()
            await comparison.wait()
