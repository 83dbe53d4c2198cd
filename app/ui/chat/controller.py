"""What the chat area does: open a conversation, send, stream into the transcript, stop, retry, edit.

The window's widgets only lay out and emit signals; this controller connects them to the turn use case
(app/turns.py) and the store, and paints. One turn runs at a time; Stop cancels it once. Every reply ends
through `_turn_ended`, with the final message the turn recorded (stopped, failed, or not saved alike).

A conversation is a tree: the transcript shows its active branch (`_path`). Edit and Regenerate start a
turn beside the old one (a new version); "‹ 2/3 ›" after a message's actions switches versions, and
Delete removes a message with an Undo bar (message_delete.py), each redrawing only from that turn down.

What has a job of its own lives beside it, owned or called from here: model_lists.py (each profile's model
list), history.py (drawing messages), reply_footer.py (the line under a reply), failover_notes.py (what is
said about failover), reply_actions.py (Inspect, Copy), reply_links.py (opening a reply's links),
attach_flow.py, picker_images.py. The branch shown, the draft's profile and model, and the running turn
stay here, because every action reads or changes them.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QWidget

from app.core.errors import ErrorKind, SluiceError
from app.core.events import ContentDelta, ReasoningDelta, StreamEvent
from app.core.models import Conversation, GenerationParams, Message, MessageStatus, Profile, Role
from app.core.pricing import format_amount
from app.failover import Route
from app.keystore import Keystore
from app.net.client import ChatClient
from app.profiles.catalog import ModelCatalog
from app.profiles.store import ProfileStore
from app.session import ChatSession
from app.store.conversations import ConversationStore, title_from_text
from app.store.removal import Removed
from app.turns import Turn, Turns
from app.ui.chat.attach_flow import ChatAttachments
from app.ui.chat.composer import Composer
from app.ui.chat.failover_notes import FailoverNotes
from app.ui.chat.history import HISTORY_MORE, HISTORY_PAGE, HistoryDrawer
from app.ui.chat.message_delete import MessageDeletes
from app.ui.chat.model_lists import ModelLists
from app.ui.chat.picker_entries import build_entries, recent_choices
from app.ui.chat.picker_images import ImageOverrides
from app.ui.chat.reply_actions import copy_reply, open_inspect
from app.ui.chat.reply_footer import add_reply_footer
from app.ui.chat.reply_links import open_reply_link
from app.ui.chat.topbar import ChatTopBar
from app.ui.i18n import exception_text
from app.ui.search_popup import Entry
from app.ui.tasks import Tasks
from app.ui.transcript.links import AppLink
from app.ui.transcript.renderer import StreamingMessageRenderer
from app.ui.transcript.view import TranscriptView
from app.ui.transcript.welcome import welcome_for

log = logging.getLogger(__name__)


class ChatController(QObject):
    """Behaviour of the chat area.

    Signals:
        title_changed(str): the open conversation's title ("" when none is open).
        conversations_changed(): a conversation was created, retitled or got a new reply.
        busy_changed(bool): a reply started or ended streaming.
        notice_withdrawn(str): a notice this controller gave no longer holds (a new reply started after
            "Stopped"): clear it if it is still shown.
        notice(str): a short message for the status bar.
        profile_edit_requested(str): an error banner asked to open a profile (its name).
    """

    title_changed = Signal(str)
    conversations_changed = Signal()
    busy_changed = Signal(bool)
    notice = Signal(str)
    notice_withdrawn = Signal(str)
    profile_edit_requested = Signal(str)

    def __init__(
        self,
        *,
        session: ChatSession,
        client: ChatClient,
        store: ConversationStore,
        profiles: ProfileStore,
        keystore: Keystore,
        transcript: TranscriptView,
        composer: Composer,
        topbar: ChatTopBar,
        catalog: ModelCatalog | None = None,
    ) -> None:
        super().__init__()
        self.session, self.client, self.store = session, client, store
        self.catalog = catalog  # what each gateway's /models said (prices, images), kept for `ask` too
        self.profiles, self.keystore = profiles, keystore
        self.transcript, self.composer, self.topbar = transcript, composer, topbar
        self.turns = Turns(session, store)
        self.conversation: Conversation | None = None
        self.turn: Turn | None = None
        self._stopped_notice = ""  # the "Stopped" notice last given, withdrawn when the next reply starts
        self.inspect_panel: QWidget | None = None  # the last Inspect panel opened
        self._live_conversation: int | None = None  # the conversation the running reply belongs to
        self._renderer: StreamingMessageRenderer | None = None
        self._path: list[Message] = []  # the open conversation's active branch, first message first
        self._editing: Message | None = None  # the sent message being edited (its new version is next)
        self._redraw_pending = False  # a theme change waits for the streaming reply to end
        self._draft_profile: str | None = self._default_profile_name()
        self._draft_model: str | None = None
        self._in_use = False  # see warm_up
        self.tasks = Tasks()  # the model-list fetches, saving a reply later, the images toggles
        self.model_lists = ModelLists(
            session=session,
            client=client,
            profiles=profiles,
            catalog=catalog,
            topbar=topbar,
            tasks=self.tasks,
        )
        self.model_lists.notice.connect(self.notice)
        self.model_lists.fetched.connect(self._models_fetched)
        self.attachments = ChatAttachments(
            composer=composer,
            transcript=transcript,
            store=store,
            takes_images=catalog.takes_images if catalog is not None else lambda _profile, _model: None,
            model=self._chosen_model,
        )
        self.attachments.notice.connect(self.notice)
        self.drawer = HistoryDrawer(  # paints messages; the branch (`_path`) stays here
            transcript=transcript, store=store, attachments=self.attachments, decorate=self._decorate
        )
        self.images = ImageOverrides(profiles, keystore, store, catalog, self)  # the picker's toggles
        self.images.notice.connect(self.notice)
        self.images.changed.connect(self._images_changed)
        self.failovers = FailoverNotes(profiles, lambda: self.busy, self)  # issue 16's words
        self.failovers.notice.connect(self.notice)
        self.deletes = MessageDeletes(store, transcript)
        self.deletes.notice.connect(self.notice)
        self.deletes.deleted.connect(self._deleted)
        self.deletes.restored.connect(self._restored)

        composer.send_requested.connect(self.send)
        composer.stop_requested.connect(self.stop)
        composer.edit_cancelled.connect(self._edit_cancelled)
        composer.files_offered.connect(self.warm_up)
        composer.attach_requested.connect(self.warm_up)
        topbar.profile_chosen.connect(self.choose_profile)
        topbar.model_chosen.connect(self.choose_model)
        topbar.profile_model_chosen.connect(self.choose)
        topbar.picker_requested.connect(self.open_picker)
        topbar.refresh_models_requested.connect(lambda: self.load_models(force=True))
        topbar.images_toggle_requested.connect(
            lambda profile, model: self.tasks.run(self.images.cycle(profile, model))
        )
        topbar.regenerate_requested.connect(self.regenerate)
        transcript.link_activated.connect(self.open_link)
        transcript.action_requested.connect(self._action)
        transcript.version_requested.connect(self._step_version)
        transcript.code_copied.connect(lambda _code: self.notice.emit(self.tr("Copied the code.")))
        transcript.prompt_chosen.connect(self._use_prompt)

    # ---- state ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.turn is not None and self.turn.running

    def current_profile(self) -> Profile | None:
        name = self.conversation.profile if self.conversation else self._draft_profile
        name = name or self._default_profile_name()
        if name is None:
            return None
        try:
            return self.profiles.get(name)
        except SluiceError:
            return None

    def _default_profile_name(self) -> str | None:
        return self.profiles.starting_name()

    def _chosen_model(self) -> tuple[Profile, str] | None:
        profile, model = self.current_profile(), self.current_model()
        return (profile, model) if profile is not None and model else None

    def current_model(self) -> str:
        model = self.conversation.model if self.conversation else self._draft_model
        profile = self.current_profile()
        return model or (profile.model if profile else "")

    # ---- opening conversations ------------------------------------------------------------------

    def new_conversation(self) -> None:
        self.conversation = None
        self._path = []
        self._cancel_edit()
        self.deletes.settle()
        self._renderer = None  # a reply still streaming belongs to the conversation it started in
        self._draft_profile = self._default_profile_name()
        self._draft_model = None
        self.transcript.clear_messages()
        self._sync_topbar()
        self.title_changed.emit("")
        self.composer.focus_input()

    def open_conversation(self, conversation_id: int, *, again: bool = False, focus: bool = True) -> None:
        """Show a conversation; `again` redraws the one already shown (after a theme change). `focus`
        False leaves the keyboard where it is (the sidebar's list, so that F2 and Del act there)."""
        if self.conversation is not None and self.conversation.id == conversation_id and not again:
            return
        try:
            conversation = self.store.get_conversation(conversation_id)
            messages = self.store.active_path(conversation_id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        if not again:
            self._cancel_edit()  # an edit belongs to the conversation it began in (a redraw keeps it)
            self.deletes.settle()  # a deleted message's Undo belongs to the conversation left
        self.conversation, self._path = conversation, messages
        self._renderer = None
        self.drawer.draw(messages, HISTORY_PAGE)
        if self._live_conversation == conversation_id:
            self.notice.emit(self.tr("This reply is still streaming; it will appear in full when it ends."))
        self._sync_topbar()
        self.title_changed.emit(self.conversation.title)
        if focus:
            self.composer.focus_input()

    def renamed(self, conversation_id: int, title: str) -> None:
        """A conversation was renamed elsewhere (the sidebar): if it is the open one, say its new title."""
        if self.conversation is not None and self.conversation.id == conversation_id:
            self.conversation = replace(self.conversation, title=title)
            self.title_changed.emit(title)

    def _show_earlier(self, first_shown: int) -> None:
        """Show HISTORY_MORE more messages before `first_shown`, an id (right even if messages came since)."""
        if self.busy or self.conversation is None:
            self.notice.emit(self.tr("Earlier messages can be shown once the reply ends."))
            return
        history = self._history()
        if history is not None:
            self._path = history
            at = next((i for i, message in enumerate(history) if message.id == first_shown), 0)
            self.drawer.draw(history, len(history) - at + HISTORY_MORE, keep_place=True)

    def _history(self) -> list[Message] | None:
        """The open conversation's active branch from the store; None (and a notice) if unreadable."""
        assert self.conversation is not None
        try:
            return self.store.active_path(self.conversation.id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return None

    def _show_message(self, message: Message) -> None:
        self.drawer.show_message(message)

    def _decorate(self, message: Message, via: str = "") -> None:
        """The status line under a reply, its actions, and for a failed (or unsaved) one the banner."""
        add_reply_footer(
            self.transcript,
            message,
            via=via,
            inspectable=self.session.exchanges is not None,
            fallback=self.failovers.fallback_for(message) if message.id is not None else None,
        )

    def _use_prompt(self, text: str) -> None:
        """An example prompt of the empty chat was chosen: it goes into the box, to edit or send."""
        self.composer.set_text(text)
        self.composer.focus_input()

    def _show_welcome(self) -> None:
        """The empty chat's greeting, naming where a message would go."""
        profile = self.current_profile()
        ctrl_enter = self.composer.send_key() != "enter"
        welcome = welcome_for(
            profile.name if profile else "", self.current_model(), ctrl_enter_sends=ctrl_enter
        )
        self.transcript.show_welcome(welcome)

    def _sync_topbar(self) -> None:
        if self.conversation is None:
            self._show_welcome()  # profile or model may have changed: say where a message goes
        profile = self.current_profile()
        self.topbar.set_profiles(self.profiles.names(), profile.name if profile else None)
        model = self.current_model()
        self.topbar.set_models(self.model_lists.models.get(profile.name, []) if profile else [], model)
        self.topbar.set_system_prompt_marker(bool(self.conversation and self.conversation.system_prompt))
        self._show_conversation_cost()
        self.attachments.sync_warning()
        self.topbar.set_can_regenerate(self._has_reply())
        if profile is not None and profile.name not in self.model_lists.models and self._in_use:
            self.load_models()

    def warm_up(self, *_signal_args: object) -> None:
        """The user started to use the window (a key or mouse button pressed in it, see composition.py;
        files attached, the picker opened, a send): fetch the current profile's model list now. That fetch
        also reads the key from the keyring and opens the connection the first message reuses, so it runs
        while the user types, before Send (bench/first_reply.py measures it). Until then an idle window
        loads none of it: the keyring with its D-Bus and crypto libraries (~10-15 MB), httpx's connection
        stack and the TLS context (~4 MB) (issue 11 §7)."""
        if self._in_use:
            return
        self._in_use = True
        profile = self.current_profile()
        if profile is not None and profile.name not in self.model_lists.models:
            self.load_models()

    def _show_conversation_cost(self) -> None:
        """The open conversation's known cost per currency in the top bar (never added across currencies)."""
        totals: dict[str, Decimal] = {}
        if self.conversation is not None:
            try:
                totals = self.store.conversation_cost(self.conversation.id)
            except SluiceError:
                log.warning("could not read the conversation's cost", exc_info=True)
        self.topbar.set_conversation_cost(
            " + ".join(format_amount(amount, currency) for currency, amount in sorted(totals.items()))
        )

    def _has_reply(self) -> bool:
        """Whether the branch shown has a reply that Regenerate could ask for again."""
        return any(m.role == Role.ASSISTANT for m in self._path)

    # ---- sending and streaming ------------------------------------------------------------------

    def send(self, text: str) -> None:
        self.warm_up()
        if self.busy:
            self.composer.restore_text(text)
            return
        profile = self.current_profile()
        if profile is None:
            self.composer.restore_text(text)
            self.notice.emit(
                self.tr("Add a profile first: sluice profile add NAME --preset openai --key-stdin")
            )
            self.profile_edit_requested.emit("")
            return
        model = self.current_model()
        if not model:
            self.composer.restore_text(text)
            self.notice.emit(self.tr("Choose or type a model first."))
            self.open_picker()
            return
        preparing = self.composer.chips.preparing()
        if preparing:
            self.composer.restore_text(text)
            self.notice.emit(
                self.tr("Wait until the attachments are ready: {} still being prepared.").format(
                    ", ".join(preparing)
                )
            )
            return
        files = self.composer.chips.attachments()
        refusal = self.attachments.refusal(files)
        if refusal is not None:  # known text-only: nothing is sent; the text and the chips stay
            self.composer.restore_text(text)
            self.notice.emit(exception_text(refusal))
            return
        editing = self._editing
        # An edit is a new version of that message: it follows what the edited one followed.
        at = self._index_on_path(editing) if editing is not None else len(self._path)
        parent = self._path[at - 1].id if at > 0 else None
        try:
            if self.conversation is None:
                self.conversation = self.store.create_conversation(
                    title_from_text(text or files[0].name), profile=profile.name, model=model
                )
                self.title_changed.emit(self.conversation.title)
            user = Message(role=Role.USER, content=text, attachments=files)
            turn = self._start_turn(profile, model, user=user, parent_id=parent)
        except SluiceError as exc:
            self.composer.restore_text(text)  # nothing typed is lost; nothing was sent
            self.notice.emit(exception_text(exc))
            return
        self.attachments.take_sent(files)  # saved: the chips go (a refused message kept them)
        if editing is not None and editing.id is not None:
            self._editing = None
            self.composer.end_edit()
            self.attachments.end_edit()
            self.transcript.remove_from_message(editing.id)
        assert turn.user is not None
        shown = replace(turn.user, attachments=tuple(replace(a, data=b"", text="") for a in files))
        # The bytes stay in the database (and in the request while it is sent), not in the window: a
        # refused message's files are read back from the store when they return to the composer.
        turn.user = shown
        self._path = [*self._path[:at], shown]
        self._show_message(shown)
        self.conversations_changed.emit()
        self._begin_reply(turn, model)

    def _index_on_path(self, message: Message) -> int:
        return next((i for i, m in enumerate(self._path) if m.id == message.id), len(self._path))

    def _start_turn(
        self, profile: Profile, model: str, *, user: Message | None, parent_id: int | None
    ) -> Turn:
        assert self.conversation is not None
        return self.turns.start(
            profile=profile,
            params=GenerationParams(model=model, send_images=self.attachments.send_images()),
            on_event=self._on_event,
            on_ended=self._turn_ended,
            conversation_id=self.conversation.id,
            system_prompt=self.conversation.system_prompt,
            user=user,
            parent_id=parent_id,
            on_failover=self.failovers.on_event,
        )

    def _begin_reply(self, turn: Turn, model: str) -> None:
        assert self.conversation is not None
        self.deletes.settle()  # the conversation moved on: an Undo now would hide the new turn
        self.turn = turn
        self.failovers.reset()
        if self._stopped_notice:  # "Stopped" is about the reply before this one
            self.notice_withdrawn.emit(self._stopped_notice)
            self._stopped_notice = ""
        self._renderer = self.transcript.begin_assistant_message(model=model)  # shown as its badge
        self._live_conversation = self.conversation.id
        self.composer.set_streaming(True)
        self.topbar.set_busy(True)
        self.busy_changed.emit(True)

    def _turn_ended(self, turn: Turn) -> None:
        """The one end of every reply: draw how it ended from the message the turn recorded."""
        message = turn.message
        assert message is not None  # a turn always records one before it reports its end
        if message.cost is not None:
            self._show_conversation_cost()
        if turn.failure is not None:
            self.notice.emit(self.tr("The reply failed unexpectedly: {}").format(turn.failure))
        if message.error_kind == ErrorKind.ATTACHMENT and turn.user is not None and turn.user.attachments:
            self.attachments.give_back(turn.user)  # the gateway refused the files: try another model
        if self.turn is not turn:
            return  # not the window's current turn (cannot happen while one runs at a time)
        live, self._live_conversation = self._live_conversation, None
        renderer, self._renderer = self._renderer, None
        shown = self.conversation.id if self.conversation is not None else None
        if renderer is not None:
            renderer.finish(reasoning_ms=message.reasoning_ms)
            if message.id is not None:
                self._path.append(message)
                self.transcript.set_reply_id(message.id)
                self.drawer.show_versions(message)
            if message.save_error is not None and message.id is not None:
                self.tasks.run(self._save_later(message))
            if message.id is None and message.status == MessageStatus.CANCELLED and not message.content:
                # Stopped before the request went out: nothing was sent, saved or received.
                self.transcript.add_message_footer(self.tr("before the first byte"), flag=self.tr("Stopped"))
            else:
                self._decorate(message, via=self.failovers.via_text())
        elif shown is not None and shown == live:
            self.conversation = None
            self.open_conversation(shown)  # it finished while shown from the store: show it whole
        self.composer.set_streaming(False)
        self.topbar.set_busy(False)
        self.topbar.set_can_regenerate(self._has_reply())
        self.busy_changed.emit(False)
        self.conversations_changed.emit()
        self.composer.focus_input()
        if self._redraw_pending:
            self.redraw()

    async def _save_later(self, message: Message) -> None:
        if await self.turns.save_later(message):
            self.notice.emit(self.tr("The reply that could not be saved is saved now."))

    def _on_event(self, event: StreamEvent) -> None:
        renderer = self._renderer
        if renderer is None:
            return  # the user is looking at another conversation; the session still saves everything
        if isinstance(event, ContentDelta):
            renderer.append(event.text)
        elif isinstance(event, ReasoningDelta):
            renderer.append_reasoning(event.text)

    def inspect(self, message_id: int) -> None:
        """Open the Inspect panel on a reply's exchange record."""
        panel = open_inspect(self.store, message_id, self.transcript.window(), self.notice.emit)
        if panel is not None:
            self.inspect_panel = panel

    def stop(self) -> None:
        if self.turn is not None and self.turn.stop():
            self._stopped_notice = self.tr("Stopped. The partial reply is kept.")
            self.notice.emit(self._stopped_notice)

    async def shutdown(self) -> None:
        """Stop a running reply and wait until it is saved, then let background work finish."""
        self.deletes.settle()
        if self.turn is not None and self.turn.running:
            self.turn.stop()
            await asyncio.gather(self.turn.handle.task, return_exceptions=True)
        await self.tasks.aclose()
        await self.attachments.aclose()

    # ---- regenerate, retry, edit ------------------------------------------------------------------

    def redraw(self) -> bool:
        """Paint the shown conversation anew (new colours, fonts). While a reply streams into it, wait:
        the redraw happens when the reply ends, and this returns False."""
        if self.busy:
            self._redraw_pending = True
            return False
        self._redraw_pending = False
        if self.conversation is not None and self.conversation.id is not None:
            self.open_conversation(self.conversation.id, again=True)  # a pending edit survives
        elif self.conversation is None:
            self._show_welcome()
        return True

    def regenerate(self) -> None:
        """A new version of the last reply (the old one stays, one "‹" away)."""
        if self.busy or self.conversation is None:
            return
        last = next((m for m in reversed(self._path) if m.role == Role.ASSISTANT), None)
        if last is None or last.id is None:
            self.notice.emit(self.tr("There is no reply to regenerate yet."))
            return
        self.retry(last.id)

    def retry_on_fallback(self, message_id: int) -> None:
        """Ask again on the failed reply's first fallback (this version only; the conversation keeps
        its profile)."""
        try:
            route = self.failovers.fallback_for(self.store.get_message(message_id))
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        if route is not None:
            self.retry(message_id, route=route)

    def retry(self, message_id: int, *, route: Route | None = None) -> None:
        """Ask again for this reply: a new version beside it, drawn in its place (from `route` if given)."""
        if self.busy or self.conversation is None:
            return
        profile, model = self.current_profile(), self.current_model()
        if route is not None:
            profile, model = route.profile, route.model
        if profile is None or not model:
            return
        at = next((i for i, m in enumerate(self._path) if m.id == message_id), None)
        if at is None or at == 0:
            return  # not on the branch shown (or a reply with no question): nothing to answer
        question = self._path[at - 1]
        if self._editing is not None and self._index_on_path(self._editing) >= at:
            self._cancel_edit()  # the message being edited is no longer drawn
        try:
            turn = self._start_turn(profile, model, user=None, parent_id=question.id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        self.transcript.remove_from_message(message_id)
        self._path = self._path[:at]
        self._begin_reply(turn, model)

    def switch_version(self, message_id: int) -> None:
        """Show another version of a turn, and below it the branch last shown there."""
        if self.busy or self.conversation is None:
            self.notice.emit(self.tr("Other versions can be shown once the reply ends."))
            return
        try:
            below = self.store.switch_to(message_id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        if not below:
            return
        parent = below[0].parent_id
        at = next((i for i, m in enumerate(self._path) if m.parent_id == parent), None)
        if at is None or self._path[at].id is None:
            self.open_conversation(self.conversation.id, again=True)  # not the branch drawn: redraw
            return
        self._redraw_from(at, below)

    def _redraw_from(self, at: int, below: list[Message]) -> None:
        """The branch shown changed from `_path[at]` down to `below`: redraw that part only."""
        if self._editing is not None and self._index_on_path(self._editing) >= at:
            self._cancel_edit()  # the message being edited is no longer drawn
        if at < len(self._path):
            self.transcript.remove_from_message(self._path[at].id or 0)
        self._path = [*self._path[:at], *below]
        for message in below:
            self._show_message(message)
        self.topbar.set_can_regenerate(self._has_reply())

    def _step_version(self, message_id: int, step: int) -> None:
        """‹ or › (or Alt+Left / Alt+Right) on a message: its older or newer version."""
        try:
            versions = self.store.versions(message_id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        target = None if versions is None else versions.previous if step < 0 else versions.next
        if target is not None:
            self.switch_version(target)

    def delete(self, message_id: int) -> None:
        """Delete a message of the branch shown (and what is below it), with an Undo bar."""
        if self.busy:
            self.notice.emit(self.tr("Messages can be deleted once the reply ends."))
            return
        self.deletes.ask(message_id)

    def _deleted(self, removed: Removed) -> None:
        if self.conversation is None or self.conversation.id != removed.conversation_id:
            return
        at = next((i for i, m in enumerate(self._path) if m.id == removed.message_id), None)
        if at is None:
            self.open_conversation(removed.conversation_id, again=True)
            return
        self._redraw_from(at, list(removed.shown))
        self.conversations_changed.emit()

    def _restored(self, removed: Removed) -> None:
        if self.conversation is not None and self.conversation.id == removed.conversation_id:
            self.open_conversation(removed.conversation_id, again=True, focus=False)
        self.conversations_changed.emit()

    def edit(self, message_id: int) -> None:
        """Put a sent message in the composer; sending adds a new version of it (the old one is kept)."""
        if self.busy:
            return
        message = next((m for m in self._path if m.id == message_id), None)
        if message is None or message.role != Role.USER:
            return
        self._editing = message
        self.composer.begin_edit(message.content)
        self.attachments.begin_edit(message)  # its files too: the new version is sent with them

    def _cancel_edit(self) -> None:
        self._editing = None
        self.composer.cancel_edit()

    def _edit_cancelled(self) -> None:
        self._editing = None
        self.attachments.end_edit()

    # ---- profile and model ----------------------------------------------------------------------

    def choose(self, profile: str, model: str) -> None:
        """The picker's choice: a profile and one of its models (or a model id typed by hand)."""
        if self.busy:
            self.notice.emit(self.tr("The profile and model can be changed once the reply ends."))
            return
        current = self.current_profile()
        if current is None or current.name != profile:
            self.choose_profile(profile)
        self.choose_model(model)
        self.topbar.set_model_text(self.current_model())

    def open_picker(self) -> None:
        """Show the profile · model picker; model lists not fetched yet are asked for now."""
        self._in_use = True
        self.topbar.show_picker(self.picker_entries())
        self.model_lists.fetch_missing()

    def picker_entries(self) -> list[Entry]:
        """The picker's rows (the command palette lists them too)."""
        profiles = self.model_lists.all_profiles()
        try:
            recent = recent_choices(self.store.list_conversations(limit=50), {p.name for p in profiles})
        except SluiceError:
            recent = []
        profile = self.current_profile()
        current = (profile.name if profile else None, self.current_model())
        return build_entries(profiles, self.model_lists.models, recent, current, self.images.toggle_for)

    def _images_changed(self, _profile: str, _model: str) -> None:
        """A model's images toggle was saved: the warning chip and the picker show it now; the next send
        reads it (ChatAttachments asks the profile store each time)."""
        self.attachments.sync_warning()
        self.topbar.update_picker(self.picker_entries())

    def choose_profile(self, name: str) -> None:
        self._in_use = True
        try:
            profile = self.profiles.get(name)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        if self.conversation is not None:
            self.store.set_conversation_profile(self.conversation.id, name, profile.model or None)
            self.conversation = replace(self.conversation, profile=name, model=profile.model or None)
        else:
            self._draft_profile, self._draft_model = name, None
        self._sync_topbar()

    def choose_model(self, model: str) -> None:
        self.warm_up()
        if not model or model == self.current_model():
            return
        if self.conversation is not None:
            self.store.set_conversation_profile(self.conversation.id, self.conversation.profile, model)
            self.conversation = replace(self.conversation, model=model)
        else:
            self._draft_model = model
            self._show_welcome()
        self.attachments.sync_warning()

    def load_models(self, *, force: bool = False) -> None:
        self.model_lists.load(self.current_profile(), force=force)

    def _models_fetched(self, name: str) -> None:
        """A profile's model list arrived: the picker, the images warning and (if current) the top bar."""
        self.attachments.sync_warning()  # the list may say now whether the model takes images
        self.topbar.update_picker(self.picker_entries())
        current = self.current_profile()
        if current is not None and current.name == name:
            self.topbar.set_models(self.model_lists.models[name], self.current_model())

    def set_system_prompt(self, text: str) -> None:
        if self.conversation is None:
            self.conversation = self.store.create_conversation(
                self.tr("New conversation"), profile=self._draft_profile, model=self._draft_model
            )
            self.conversations_changed.emit()
        self.store.set_system_prompt(self.conversation.id, text)
        self.conversation = replace(self.conversation, system_prompt=text)
        self.topbar.set_system_prompt_marker(bool(text.strip()))

    # ---- links in the transcript ----------------------------------------------------------------

    def open_link(self, url: QUrl) -> None:
        """A link in a reply was clicked: untrusted, so only web and mail links open."""
        open_reply_link(url, self.notice.emit)

    def _action(self, path: str) -> None:
        link = AppLink.from_path(path)  # the view checked the link's token; its argument is parsed here
        verb, message_id = link.verb, link.message_id
        if verb == "profile":
            self.profile_edit_requested.emit(link.arg)
            return
        if verb == "attachment":
            self.attachments.open(link.arg, self._path)
            return
        if message_id is None:
            return
        if verb == "earlier":
            self._show_earlier(message_id)  # the first message shown now
        elif verb == "retry":
            self.retry(message_id)
        elif verb == "edit":
            self.edit(message_id)
        elif verb == "delete":
            self.delete(message_id)
        elif verb == "inspect":
            self.inspect(message_id)
        elif verb == "retryon":
            self.retry_on_fallback(message_id)
        elif verb == "copy":
            copy_reply(self.store, message_id, self.notice.emit)
