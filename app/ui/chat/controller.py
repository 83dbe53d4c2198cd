"""What the chat area does: open a conversation, send, stream into the transcript, stop, retry, edit.

The window's widgets only lay out and emit signals; this controller connects them to the session and the
store. One generation runs at a time. Its task is held by a GenerationHandle (qasync keeps no reference),
and Stop cancels it once; the session saves the partial reply, and `on_finished` draws its status line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.core.errors import ErrorKind, SluiceError
from app.core.events import ContentDelta, ReasoningDelta, StreamEvent
from app.core.models import Conversation, GenerationParams, Message, MessageStatus, Profile, Role
from app.keystore import Keystore
from app.net.client import ChatClient
from app.profiles.store import ProfileStore
from app.session import ChatSession, GenerationHandle, request_messages
from app.store.conversations import ConversationStore, title_from_text
from app.ui.chat.composer import Composer
from app.ui.chat.picker_entries import build_entries, recent_choices
from app.ui.chat.status_text import error_text, status_flag, status_line
from app.ui.chat.topbar import ChatTopBar
from app.ui.i18n import exception_text
from app.ui.search_popup import Entry
from app.ui.transcript.view import TranscriptView

log = logging.getLogger(__name__)

SAFE_SCHEMES = ("http", "https", "mailto")
HISTORY_PAGE = 20  # messages drawn when a conversation opens: the end, a few screens of it
HISTORY_MORE = 200  # and how many more each "show more" draws
FIX_PROFILE_KINDS = (ErrorKind.AUTH, ErrorKind.QUOTA, ErrorKind.KEY)


class ChatController(QObject):
    """Behaviour of the chat area.

    Signals:
        title_changed(str): the open conversation's title ("" when none is open).
        conversations_changed(): a conversation was created, retitled or got a new reply.
        busy_changed(bool): a reply started or ended streaming.
        notice(str): a short message for the status bar.
        profile_edit_requested(str): an error banner asked to open a profile (its name).
    """

    title_changed = Signal(str)
    conversations_changed = Signal()
    busy_changed = Signal(bool)
    notice = Signal(str)
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
    ) -> None:
        super().__init__()
        self.session, self.client, self.store = session, client, store
        self.profiles, self.keystore = profiles, keystore
        self.transcript, self.composer, self.topbar = transcript, composer, topbar
        self.conversation: Conversation | None = None
        self.handle: GenerationHandle | None = None
        self._live_conversation: int | None = None  # the conversation the running reply belongs to
        self._renderer: Any = None
        self._edit_from: int | None = None
        self._first_shown: int | None = None  # the oldest message drawn (older ones wait for "show more")
        self._redraw_pending = False  # a theme change waits for the streaming reply to end
        self._draft_profile: str | None = self._default_profile_name()
        self._draft_model: str | None = None
        self._models: dict[str, list[str]] = {}
        self._fetching: set[str] = set()  # profiles whose model list is being fetched
        self._tasks: set[asyncio.Task[Any]] = set()  # strong references for fire-and-forget work

        composer.send_requested.connect(self.send)
        composer.stop_requested.connect(self.stop)
        topbar.profile_model_chosen.connect(self.choose)
        topbar.picker_requested.connect(self.open_picker)
        topbar.refresh_models_requested.connect(lambda: self.load_models(force=True))
        topbar.regenerate_requested.connect(self.regenerate)
        transcript.link_activated.connect(self.open_link)
        transcript.action_requested.connect(self._action)
        transcript.code_copied.connect(lambda _code: self.notice.emit(self.tr("Copied the code.")))

    # ---- state ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.handle is not None and self.handle.running

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
        """The profile a new conversation starts on: the chosen default, else the first one listed.

        The CLI refuses to guess between several profiles; the window shows its choice in the switcher, so
        starting on the first one listed is visible and one click to change.
        """
        names = self.profiles.names()
        return self.profiles.default_name() or (names[0] if names else None)

    def current_model(self) -> str:
        model = self.conversation.model if self.conversation else self._draft_model
        profile = self.current_profile()
        return model or (profile.model if profile else "")

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Run `coro` in the background, held until done and awaited at shutdown."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ---- opening conversations ------------------------------------------------------------------

    def new_conversation(self) -> None:
        self.conversation = None
        self._edit_from = None
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
            self.conversation = self.store.get_conversation(conversation_id)
            messages = self.store.messages(conversation_id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        self._edit_from = None
        self._renderer = None
        self._render_history(messages, HISTORY_PAGE)
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

    def _render_history(self, messages: list[Message], count: int, *, keep_place: bool = False) -> None:
        """Draw the last `count` messages, with a link above them to draw more.

        Drawing costs ~1 ms a message plus layout: a 1,000-message conversation drawn whole would take over
        a second to open. One rereads the end, so the end comes first and the rest on request.
        """
        shown = messages[-count:] if count < len(messages) else messages
        first_before = self._first_shown
        self.transcript.clear_messages()
        hidden = len(messages) - len(shown)
        if hidden:
            more = min(hidden, HISTORY_MORE)
            self.transcript.add_history_link(
                self.tr("{hidden} earlier messages not shown — show {more} more").format(
                    hidden=hidden, more=more
                ),
                self.transcript.action_url(f"earlier/{len(shown) + more}"),
            )
        for message in shown:
            self._show_message(message)
        self._first_shown = shown[0].id if shown else None
        if keep_place and first_before is not None:
            self.transcript.scroll_to_message(first_before)  # where the reader was, not the new top

    def _show_earlier(self, count: int) -> None:
        if self.busy or self.conversation is None:
            self.notice.emit(self.tr("Earlier messages can be shown once the reply ends."))
            return
        history = self._history()
        if history is not None:
            self._render_history(history, count, keep_place=True)

    def _history(self) -> list[Message] | None:
        """The open conversation's messages from the store; None (and a notice) if it cannot be read."""
        assert self.conversation is not None
        try:
            return self.store.messages(self.conversation.id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return None

    def _show_message(self, message: Message) -> None:
        if message.role == Role.USER:
            self.transcript.add_user_message(message.content, message_id=message.id)
        elif message.role == Role.ASSISTANT:
            self.transcript.add_assistant_message(
                message.content,
                reasoning=message.reasoning,
                reasoning_ms=message.reasoning_ms,
                message_id=message.id,
            )
            self._decorate(message)

    def _decorate(self, message: Message) -> None:
        """The status line, and for a failed reply the banner with its actions."""
        actions = [(self.tr("Copy"), self.transcript.action_url(f"copy/{message.id}"))]
        failed = error_text(message)
        if failed is not None or message.status in (MessageStatus.CANCELLED, MessageStatus.INTERRUPTED):
            actions.append((self.tr("Retry"), self.transcript.action_url(f"retry/{message.id}")))
        if message.error_kind in FIX_PROFILE_KINDS and message.profile:
            actions.append(
                (self.tr("Open profile"), self.transcript.action_url(f"profile/{message.profile}"))
            )
        self.transcript.add_message_footer(
            status_line(message),
            actions=actions,
            error=failed,
            flag=status_flag(message),
        )

    def _sync_topbar(self) -> None:
        profile = self.current_profile()
        self.topbar.set_profiles(self.profiles.names(), profile.name if profile else None)
        model = self.current_model()
        self.topbar.set_models(self._models.get(profile.name, []) if profile else [], model)
        self.topbar.set_system_prompt_marker(bool(self.conversation and self.conversation.system_prompt))
        self.topbar.set_can_regenerate(self._has_reply())
        if profile is not None and profile.name not in self._models:
            self.load_models()

    def _has_reply(self) -> bool:
        """Whether the open conversation has a reply that Regenerate could ask for again."""
        if self.conversation is None:
            return False
        try:
            return any(m.role == Role.ASSISTANT for m in self.store.messages(self.conversation.id))
        except SluiceError:
            return False

    # ---- sending and streaming ------------------------------------------------------------------

    def send(self, text: str) -> None:
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
        try:
            if self.conversation is None:
                self.conversation = self.store.create_conversation(
                    title_from_text(text), profile=profile.name, model=model
                )
                self.title_changed.emit(self.conversation.title)
            elif self._edit_from is not None:
                self.store.delete_messages_from(self.conversation.id, self._edit_from)
                self._edit_from = None  # only once deleted: if that failed, the next Send still replaces
                self._render_history(self.store.messages(self.conversation.id), HISTORY_PAGE)
            user = self.store.add_message(self.conversation.id, Message(role=Role.USER, content=text))
        except SluiceError as exc:
            self.composer.restore_text(text)  # nothing typed is lost
            self.notice.emit(exception_text(exc))
            return
        self.transcript.add_user_message(text, message_id=user.id)
        self.conversations_changed.emit()
        self._start_reply(profile, model)

    def _start_reply(self, profile: Profile, model: str) -> None:
        assert self.conversation is not None
        conversation = self.conversation
        history = self.store.messages(conversation.id)
        messages = request_messages(conversation.system_prompt, history)
        self._renderer = self.transcript.begin_assistant_message()
        self._live_conversation = conversation.id
        self.composer.set_streaming(True)
        self.topbar.set_busy(True)
        self.busy_changed.emit(True)
        self.handle = GenerationHandle(
            self.session.generate(
                profile,
                messages,
                GenerationParams(model=model),
                self._on_event,
                conversation_id=conversation.id,
                on_finished=self._on_finished,
            )
        )
        # A done-callback, not a `finally` in a wrapper: a task stopped before its first step never runs
        # its body, and the window must still leave the streaming state.
        self.handle.task.add_done_callback(self._reply_ended)

    def _reply_ended(self, task: asyncio.Task[Message]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("the reply failed unexpectedly", exc_info=task.exception())
            self.notice.emit(self.tr("The reply failed unexpectedly: {}").format(task.exception()))
        if self.handle is not None and self.handle.task is not task:
            return  # a newer reply started before this callback ran: the window's state is its
        if self._renderer is not None:  # stopped before the session began: nothing was saved or shown
            self._renderer.finish()
            self._renderer = None
            self.transcript.add_message_footer(self.tr("before the first byte"), flag=self.tr("Stopped"))
        self._live_conversation = None
        self.composer.set_streaming(False)
        self.topbar.set_busy(False)
        self.topbar.set_can_regenerate(self._has_reply())
        self.busy_changed.emit(False)
        self.conversations_changed.emit()
        self.composer.focus_input()
        if self._redraw_pending:
            self.redraw()

    def _on_event(self, event: StreamEvent) -> None:
        renderer = self._renderer
        if renderer is None:
            return  # the user is looking at another conversation; the session still saves everything
        if isinstance(event, ContentDelta):
            renderer.append(event.text)
        elif isinstance(event, ReasoningDelta):
            renderer.append_reasoning(event.text)

    def _on_finished(self, message: Message) -> None:
        renderer, self._renderer = self._renderer, None
        if renderer is not None:
            renderer.finish(reasoning_ms=message.reasoning_ms)
            self._decorate(message)
        elif self.conversation is not None and self.conversation.id == message.conversation_id:
            current, self.conversation = self.conversation.id, None
            self.open_conversation(current)  # it finished while shown from the store: show it whole

    def stop(self) -> None:
        if self.handle is not None and self.handle.stop():
            self.notice.emit(self.tr("Stopped. The partial reply is kept."))

    async def shutdown(self) -> None:
        """Stop a running reply and wait until it is saved, then let background work finish."""
        if self.handle is not None and self.handle.running:
            self.handle.stop()
            await asyncio.gather(self.handle.task, return_exceptions=True)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # ---- regenerate, retry, edit ------------------------------------------------------------------

    def redraw(self) -> bool:
        """Paint the shown conversation anew (new colours, fonts). While a reply streams into it, wait:
        the redraw happens when the reply ends, and this returns False."""
        if self.busy:
            self._redraw_pending = True
            return False
        self._redraw_pending = False
        if self.conversation is not None and self.conversation.id is not None:
            edit_from = self._edit_from  # a pending edit survives a change of colours
            self.open_conversation(self.conversation.id, again=True)
            self._edit_from = edit_from
        return True

    def regenerate(self) -> None:
        if self.busy or self.conversation is None:
            return
        history = self._history()
        if history is None:
            return
        last = next((m for m in reversed(history) if m.role == Role.ASSISTANT), None)
        if last is None or last.id is None:
            return
        self.retry(last.id)

    def retry(self, message_id: int) -> None:
        """Replace this reply (and anything after it) with a new one."""
        if self.busy or self.conversation is None:
            return
        profile, model = self.current_profile(), self.current_model()
        if profile is None or not model:
            return
        self._edit_from = None  # an edit pending on a message this deletes would point at nothing
        try:
            self.store.delete_messages_from(self.conversation.id, message_id)
            history = self.store.messages(self.conversation.id)
        except SluiceError as exc:
            self.notice.emit(exception_text(exc))
            return
        self._render_history(history, HISTORY_PAGE)
        self._start_reply(profile, model)

    def edit(self, message_id: int) -> None:
        """Put a sent message back in the composer; sending replaces it and everything after it."""
        if self.busy:
            return
        try:
            message = self.store.get_message(message_id)
        except SluiceError:
            return
        self._edit_from = message_id
        had_draft = bool(self.composer.text().strip()) and self.composer.text() != message.content
        self.composer.set_text(message.content)
        self.composer.focus_input()
        if had_draft:
            self.notice.emit(
                self.tr("Editing: your unsent text was replaced; Ctrl+Z in the box brings it back.")
            )
        else:
            self.notice.emit(self.tr("Editing: sending replaces this message and the replies after it."))

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
        self.topbar.show_picker(self.picker_entries())
        for profile in self._all_profiles():
            if profile.name not in self._models and profile.name not in self._fetching:
                self.spawn(self._fetch_models(profile))

    def _all_profiles(self) -> list[Profile]:
        found = []
        for name in self.profiles.names():
            try:
                found.append(self.profiles.get(name))
            except SluiceError:
                continue
        return found

    def picker_entries(self) -> list[Entry]:
        """The picker's rows (the command palette lists them too)."""
        profiles = self._all_profiles()
        try:
            recent = recent_choices(self.store.list_conversations(limit=50), {p.name for p in profiles})
        except SluiceError:
            recent = []
        profile = self.current_profile()
        current = (profile.name if profile else None, self.current_model())
        return build_entries(profiles, self._models, recent, current)

    def choose_profile(self, name: str) -> None:
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
        if not model or model == self.current_model():
            return
        if self.conversation is not None:
            self.store.set_conversation_profile(self.conversation.id, self.conversation.profile, model)
            self.conversation = replace(self.conversation, model=model)
        else:
            self._draft_model = model

    def load_models(self, *, force: bool = False) -> None:
        profile = self.current_profile()
        if profile is None or (profile.name in self._models and not force):
            return
        if profile.name in self._fetching:
            return  # one request at a time per profile: its answer serves both
        self.spawn(self._fetch_models(profile))

    async def _fetch_models(self, profile: Profile) -> None:
        self._fetching.add(profile.name)
        self.topbar.set_models_loading(True)
        try:
            key = await self.session.key_for(profile)
            models = await self.client.list_models(profile, key)
        except SluiceError as exc:
            self.notice.emit(
                self.tr("Could not fetch the model list of {profile}: {error}").format(
                    profile=profile.name, error=exception_text(exc)
                )
            )
            models = []
        finally:
            self._fetching.discard(profile.name)
            self.topbar.set_models_loading(bool(self._fetching))
        self._models[profile.name] = models
        self.topbar.update_picker(self.picker_entries())
        current = self.current_profile()
        if current is not None and current.name == profile.name:
            self.topbar.set_models(models, self.current_model())

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
        scheme = url.scheme().lower()
        if scheme in SAFE_SCHEMES:
            QDesktopServices.openUrl(url)  # only on click, only for web and mail links
        else:
            shown = url.toString()[:80]
            if scheme:
                text = self.tr("Not opening a {scheme} link from a reply: {url}").format(
                    scheme=scheme, url=shown
                )
            else:
                text = self.tr("Not opening a relative link from a reply: {}").format(shown)
            self.notice.emit(text)

    def _action(self, path: str) -> None:
        verb, _, arg = path.partition("/")
        if verb == "profile":
            self.profile_edit_requested.emit(arg)
            return
        if not arg.isdigit():
            return
        message_id = int(arg)
        if verb == "earlier":
            self._show_earlier(message_id)  # here the number is how many messages to show
        elif verb == "retry":
            self.retry(message_id)
        elif verb == "edit":
            self.edit(message_id)
        elif verb == "copy":
            try:
                message = self.store.get_message(message_id)
            except SluiceError as exc:
                self.notice.emit(exception_text(exc))
                return
            clipboard = QGuiApplication.clipboard()
            clipboard.setText(message.content)
            self.notice.emit(self.tr("Copied the reply as Markdown."))
