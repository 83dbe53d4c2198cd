"""The window's composition root: build every object once and pass it in (no globals).

In two steps, so that the window is on screen before the network stack is even imported (DESIGN.md
"Start-up"): `build_views` makes what the first frame shows (the views, filled from the database and
profiles.toml); `connect_views` runs after that frame is painted and adds the behaviour (HTTP pool, session,
controllers, the welcome page). `build_window` does both at once, for tests and scripts.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from app.core.errors import ProfileError, StoreError
from app.home import Home
from app.profiles.store import ProfileStore
from app.settings import Settings, load_settings, save_settings
from app.store.conversations import ConversationStore
from app.ui.chat.composer import Composer
from app.ui.chat.topbar import ChatTopBar
from app.ui.i18n import exception_text, translated
from app.ui.plaintext import escaped
from app.ui.shell.draft import load_draft, save_draft
from app.ui.shell.main_window import MainWindow
from app.ui.shell.startup import trace
from app.ui.shell.window_state import FILE_NAME as WINDOW_STATE
from app.ui.shell.window_state import (
    WindowState,
    capture,
    load_state,
    restore_geometry,
    restore_sidebar,
    save_state,
)
from app.ui.sidebar.controller import SidebarController
from app.ui.sidebar.view import ConversationSidebar
from app.ui.theme import SchemeFollower, apply_theme, is_dark
from app.ui.transcript.view import TranscriptView

if TYPE_CHECKING:
    # The behaviour half (httpx and the session, ~40 % of the start-up imports) is imported by
    # `connect_views`, after the first frame; the dialogs when first opened (each Qt class's Python type is
    # made on its first use, with its enums: DESIGN.md "Start-up").
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from app.keystore import Keystore
    from app.net.client import ChatClient
    from app.net.pool import HttpPool
    from app.profiles.service import ProfileService
    from app.store.liveness import StreamingLock
    from app.ui.chat.controller import ChatController
    from app.ui.compare.controller import CompareController
    from app.ui.profiles.editor import ProfileEditor
    from app.ui.profiles.welcome import WelcomePage
    from app.ui.settings.page import SettingsPage
    from app.ui.shell.commands import Commands
    from app.ui.usage.page import UsagePage

log = logging.getLogger(__name__)


@dataclass
class Views:
    """What the first frame shows, before any behaviour is connected (`build_views`)."""

    window: MainWindow
    sidebar: SidebarController
    store: ConversationStore
    profiles: ProfileStore
    settings: Settings
    last_conversation: int | None
    notice: str  # said in the status bar once the window works ("" when nothing to say)
    first_paint: object = None  # what watches for the first frame, kept alive with the window
    live: StreamingLock | None = None  # held (shared) while the window may stream; released at shutdown


@dataclass
class WindowParts:
    window: MainWindow
    controller: ChatController
    sidebar: SidebarController
    store: ConversationStore
    profiles: ProfileStore
    pool: HttpPool
    shutdown: Callable[[], Awaitable[None]]
    profile_ui: ProfileUi | None = None
    commands: Commands | None = None
    compare: CompareController | None = None


def _move_inline_secrets(profiles: ProfileStore, keystore: Keystore) -> bool:
    """An older profiles.toml's secret header values / proxy password go to the keyring (each logged).

    True when some were moved (the window says so once).
    """
    from app.credentials import move_inline_secrets
    from app.profiles.store import inline_secrets

    def holding() -> int:
        return sum(1 for profile in profiles.profiles() if inline_secrets(profile))

    before = holding()
    if not before:
        return False
    try:
        notes = move_inline_secrets(profiles, keystore)
    except (OSError, ProfileError) as exc:  # the file stays as it was: the secrets are still in it
        log.info("secrets in %s not moved to the keyring: %s", profiles.path, exc)
        return False
    for note in notes:
        log.info("%s", note)
    return holding() < before


def build_window(
    home: Home,
    on_closed: Callable[[], None],
    *,
    keystore: Keystore | None = None,
    local_targets: tuple[tuple[str, str], ...] | None = None,
) -> WindowParts:
    """Everything the window needs. Raises StoreError (after telling the user) if the database is unusable.

    `keystore` and `local_targets` (where the welcome page looks for Ollama / LM Studio) are for tests.
    """
    views = build_views(home, on_closed)
    return connect_views(views, home, keystore=keystore, local_targets=local_targets)


def build_views(
    home: Home,
    on_closed: Callable[[], None],
    *,
    window: MainWindow | None = None,
    state: WindowState | None = None,
) -> Views:
    """The window as the first frame shows it: sidebar filled, the chat page (or, with no profile yet, an
    empty page where the welcome page will be). Imports nothing of the network. Raises StoreError (after
    telling the user) if the database is unusable.

    `window` is one already on screen with its outline, its theme applied and `state` restored (app.py's
    first frame); without it a window is made here, themed as settings.toml says.
    """
    profiles = ProfileStore(home.profiles_path)
    profile_problem = None
    try:
        profiles.load()
    except ProfileError as exc:  # a broken profiles.toml is reported, and the app still starts
        profile_problem = exception_text(exc)
    try:
        store = ConversationStore.open(home.db_path)
    except StoreError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            window,
            QCoreApplication.translate("composition", "Sluice cannot open its database"),
            escaped(exception_text(exc)),  # the path and the OS's words
        )
        raise
    from app.store.liveness import StreamingLock

    # A `sluice ask` may be streaming into this database right now: only rows nobody streams are a crash's.
    live = StreamingLock(home.data_dir)
    interrupted = store.mark_interrupted() if live.begin() else 0
    live.share()  # held (shared) for the window's life: released at shutdown
    try:  # files of conversations deleted last time (their undo is gone with that window)
        store.purge_attachments()
    except StoreError:
        log.warning("could not remove unreferenced attachments", exc_info=True)
    settings, settings_problem = load_settings(home.settings_path)
    if state is None:
        state = load_state(home.data_dir / WINDOW_STATE)
    if window is None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and settings.theme != "system":
            apply_theme(app, settings.theme)
        window = MainWindow(on_close=on_closed)
        restore_geometry(window, state)

    trace("store, settings")
    sidebar_view = ConversationSidebar()
    trace("sidebar")
    transcript = TranscriptView(dark=is_dark())  # apply_theme ran first (app.main_window)
    trace("transcript")
    topbar = ChatTopBar()
    trace("top bar")
    composer = Composer()
    trace("composer")
    window.install(sidebar_view, topbar, transcript, composer)
    trace("main window")
    apply_font_size(window, settings)
    sidebar = SidebarController(sidebar_view, store)
    # Size and maximised state came back before the first frame; the sidebar's width and the conversation
    # last open come back before the views are painted.
    restore_sidebar(window, state)
    sidebar.refresh()
    trace("sidebar filled")
    last_id = _conversation_to_open(store, state.conversation)
    if last_id is not None:
        sidebar_view.select(last_id)
    _preview_pill(topbar, profiles, store, last_id)
    if not profiles.names() and not profile_problem:
        window.show_welcome(QWidget(window))  # the welcome page takes this place once it is built

    notice = ""
    if profile_problem:
        notice = profile_problem
    elif interrupted:
        notice = QCoreApplication.translate(
            "composition", "{} reply(s) cut short by the last exit were kept, marked interrupted."
        ).format(interrupted)
    elif settings_problem:
        notice = translated(settings_problem)
    return Views(window, sidebar, store, profiles, settings, last_id, notice, live=live)


def _preview_pill(
    topbar: ChatTopBar, profiles: ProfileStore, store: ConversationStore, conversation_id: int | None
) -> None:
    """The profile · model the controller will show (ChatController.current_profile/current_model), so that
    the pill does not read "No profile" between the views' first paint and the controller's."""
    names = profiles.names()
    if not names:
        return
    name: str | None = None
    model = ""
    if conversation_id is not None:
        try:
            conversation = store.get_conversation(conversation_id)
        except StoreError:
            return  # the controller will say what is wrong with it
        name, model = conversation.profile, conversation.model or ""
    name = name or profiles.starting_name()
    if name in names and not model:
        model = profiles.get(name).model
    topbar.set_profiles(names, name)
    topbar.set_models([], model)


def connect_views(
    views: Views,
    home: Home,
    *,
    keystore: Keystore | None = None,
    local_targets: tuple[tuple[str, str], ...] | None = None,
) -> WindowParts:
    """The behaviour: HTTP, the session and the controllers, wired to the views; opens the last
    conversation (or a new one, or the welcome page)."""
    from app.keystore import Keystore
    from app.net.client import ChatClient
    from app.net.pool import HttpPool
    from app.session import ChatSession
    from app.ui.chat.controller import ChatController

    trace("behaviour imported")
    window, sidebar_view, sidebar = views.window, views.window.sidebar, views.sidebar
    store, profiles = views.store, views.profiles
    keystore = keystore or Keystore()
    pool = HttpPool()
    from app.credentials import SecretFiller
    from app.profiles.catalog import ModelCatalog

    moved_secrets = _move_inline_secrets(profiles, keystore)
    client = ChatClient(pool, SecretFiller(keystore))
    catalog = ModelCatalog(home.models_path)
    session = ChatSession(
        client,
        keystore,
        store,
        profiles,
        prices=catalog,
        exchanges=store if views.settings.record_exchanges else None,  # the stream inspector's records
        lookup=profiles,  # a profile's fallbacks, by name (failover)
    )
    trace("client, session")
    controller = ChatController(
        session=session,
        client=client,
        store=store,
        profiles=profiles,
        keystore=keystore,
        transcript=window.transcript,
        composer=window.composer,
        topbar=window.topbar,
        catalog=catalog,
    )

    trace("controller")
    # Opened from the list, the list keeps the keyboard (F2, Del, Ctrl+P act there); typing moves on.
    sidebar.conversation_selected.connect(lambda cid: controller.open_conversation(cid, focus=False))
    sidebar_view.typing_started.connect(window.composer.type_text)
    sidebar.conversation_renamed.connect(controller.renamed)
    controller.busy_changed.connect(window.stop_shortcut.setEnabled)
    window.stop_shortcut.activated.connect(controller.stop)
    sidebar.new_requested.connect(controller.new_conversation)
    sidebar.conversation_deleted.connect(
        lambda cid: (
            controller.new_conversation()
            if controller.conversation is not None and controller.conversation.id == cid
            else None
        )
    )
    window.new_shortcut.activated.connect(controller.new_conversation)
    window.new_shortcut.activated.connect(lambda: sidebar_view.select(None))
    sidebar.new_requested.connect(lambda: sidebar_view.select(None))
    sidebar.error_occurred.connect(window.show_notice)  # a StoreError, already in the window's language
    controller.title_changed.connect(window.set_conversation_title)
    controller.conversations_changed.connect(sidebar.refresh)
    controller.conversations_changed.connect(
        lambda: sidebar_view.select(controller.conversation.id if controller.conversation else None)
    )
    controller.notice.connect(window.show_notice)
    controller.notice_withdrawn.connect(window.withdraw_notice)
    window.topbar.system_prompt_requested.connect(lambda: _edit_system_prompt(window, controller))
    profile_ui = ProfileUi(
        window=window,
        controller=controller,
        store=store,
        profiles=profiles,
        keystore=keystore,
        client=client,
        home=home,
        settings=views.settings,
        local_targets=local_targets,
    )
    profile_ui.apply_settings(views.settings)
    window.settings_shortcut.activated.connect(profile_ui.open_settings)
    sidebar_view.settings_requested.connect(profile_ui.open_settings)
    compare = _connect_compare(window, controller, sidebar)
    from app.ui.shell.commands import Commands  # the palette and the shortcut sheet: built on first use

    commands = Commands(
        window,
        controller,
        sidebar,
        open_settings=profile_ui.open_settings,
        edit_profiles=lambda: profile_ui.open_editor(profile_ui.current_name()),
        choose_theme=profile_ui.choose_theme,
    )
    app = QApplication.instance()
    if isinstance(app, QApplication):
        profile_ui.follower = SchemeFollower(
            app, lambda: profile_ui.settings.theme, profile_ui.scheme_changed
        )
    state_path = home.data_dir / WINDOW_STATE
    handle = window.windowHandle()
    if handle is not None:
        from app.ui.shell.first_use import FirstInput

        FirstInput(handle, controller.warm_up)  # the model list, the key and the connection wait for use
    else:
        controller.warm_up()  # not shown (a test's window): nothing to wait for
    trace("wired")

    if views.last_conversation is not None:
        controller.open_conversation(views.last_conversation)
    else:
        controller.new_conversation()
    draft = load_draft(home.data_dir)
    draft_unread = draft is None  # then a blank box at close must not remove the file it could not read
    if draft and not window.composer.text():
        window.composer.set_text(draft)  # unsent at the last close
    if not profiles.names() and window.showing_welcome():
        placeholder = window.welcome  # build_views's empty page
        profile_ui.show_welcome()
        if placeholder is not None and placeholder is not window.welcome:
            placeholder.deleteLater()
    trace("conversation opened")
    if views.notice:
        window.show_notice(views.notice)
    if moved_secrets:
        window.show_notice(
            QCoreApplication.translate(
                "composition",
                "Secret header values and proxy passwords were moved from profiles.toml into the system "
                "keyring; the file keeps only their names.",
            )
        )

    async def shutdown() -> None:
        open_one = controller.conversation
        if window.laid_out():
            save_draft(home.data_dir, window.composer.unsent_text(), keep_unread=draft_unread)
            following = profile_ui.settings.theme == "system"
            save_state(
                state_path, capture(window, open_one.id if open_one else None, following_system=following)
            )
        else:  # closed before it was laid out: the sizes are Qt's defaults, the last close's stay
            log.info("window closed during start-up: %s kept as it was", state_path.name)
        if profile_ui.follower is not None:
            profile_ui.follower.deleteLater()
        await profile_ui.aclose()
        await compare.shutdown()
        await controller.shutdown()
        await pool.aclose()
        store.close()
        if views.live is not None:
            views.live.release()
        window.hide()
        log.info("shut down cleanly")

    return WindowParts(
        window, controller, sidebar, store, profiles, pool, shutdown, profile_ui, commands, compare
    )


def _connect_compare(
    window: MainWindow, controller: ChatController, sidebar: SidebarController
) -> CompareController:
    """Compare mode (issue 16): the top bar's button and the palette toggle it; opening another
    conversation or a new chat leaves it."""
    from app.ui.compare.controller import CompareController

    compare = CompareController(controller, window)
    window.topbar.compare_requested.connect(compare.toggle)
    compare.active_changed.connect(window.topbar.set_compare_active)
    sidebar.conversation_selected.connect(lambda _cid: compare.leave())
    sidebar.new_requested.connect(compare.leave)
    window.new_shortcut.activated.connect(compare.leave)
    return compare


def _conversation_to_open(store: ConversationStore, last_open: int | None) -> int | None:
    """The conversation open at the last close if it still exists, else the one with the newest activity."""
    try:
        if last_open is not None:
            return store.get_conversation(last_open).id
    except StoreError:
        pass  # deleted since (from the CLI, or another data dir's copy)
    try:
        newest = store.last_conversation()
    except StoreError:
        return None
    return newest.id if newest is not None else None


def apply_font_size(window: MainWindow, settings: Settings) -> None:
    """The text size of the transcript (links included) and the composer; 0: the application's font."""
    font = QFont()  # a default QFont resets the widgets to the application's font
    if settings.font_size:
        font = QFont(QApplication.font())
        font.setPointSize(settings.font_size)
    window.set_text_font(font)


# Dialogs are opened with open(), never exec(): a nested event loop inside a qasync callback would stall
# every stream and timer until the dialog closes (and freezes tests that drive the window).


def _edit_system_prompt(window: MainWindow, controller: ChatController) -> None:
    current = controller.conversation.system_prompt if controller.conversation else ""
    dialog = _input_dialog(
        window,
        QCoreApplication.translate("composition", "System prompt"),
        QCoreApplication.translate(
            "composition", "Instructions sent before every message of this conversation:"
        ),
    )
    dialog.setOption(dialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(current)
    dialog.textValueSelected.connect(controller.set_system_prompt)
    dialog.open()


def _input_dialog(window: MainWindow, title: str, label: str) -> QInputDialog:
    from PySide6.QtWidgets import QInputDialog

    dialog = QInputDialog(window)
    dialog.setObjectName("inputDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


class ProfileUi:
    """The profile editor, the welcome page and the settings page, wired to the chat.

    The editor is one non-modal dialog, kept (hidden) when closed so that unsaved typing survives; the
    welcome page stands in for the chat while there is no profile.
    """

    def __init__(
        self,
        *,
        window: MainWindow,
        controller: ChatController,
        store: ConversationStore,
        profiles: ProfileStore,
        keystore: Keystore,
        client: ChatClient,
        home: Home,
        settings: Settings,
        local_targets: tuple[tuple[str, str], ...] | None,
    ) -> None:
        self.window, self.controller, self.store = window, controller, store
        self.profiles, self.keystore, self.client = profiles, keystore, client
        self._service: ProfileService | None = None
        self.home, self.settings = home, settings
        self._local_targets = local_targets
        self.editor: ProfileEditor | None = None
        self.welcome: WelcomePage | None = None
        self.usage_page: UsagePage | None = None
        self.settings_page: SettingsPage | None = None
        self.follower: SchemeFollower | None = None
        topbar = window.topbar
        topbar.edit_profiles_requested.connect(lambda: self.open_editor(self.current_name()))
        topbar.new_profile_requested.connect(lambda: self.open_editor(None, new=True))
        topbar.settings_requested.connect(self.open_settings)
        topbar.usage_requested.connect(self.open_usage)
        controller.profile_edit_requested.connect(self._edit_requested)
        controller.images.changed.connect(self._images_changed)

    @property
    def service(self) -> ProfileService:
        """The profile use cases, made when the editor or the welcome page first needs them (~2 ms)."""
        if self._service is None:
            from app.profiles.service import ProfileService

            self._service = ProfileService(self.profiles, self.keystore, self.store)
        return self._service

    def current_name(self) -> str | None:
        profile = self.controller.current_profile()
        return profile.name if profile else None

    def _images_changed(self, name: str, _model: str) -> None:
        """The picker changed a model's images override: an editor showing that profile, with nothing typed
        in it, shows the change too (so that its next save does not put the old value back)."""
        editor = self.editor
        item = editor.list.currentItem() if editor is not None else None
        if editor is not None and not editor.dirty and item is not None and item.text() == name:
            editor.select(name)

    def _edit_requested(self, name: str) -> None:
        """An error banner's "Open profile", or sending with no profile (name "")."""
        if not name and not self.profiles.names():
            self.show_welcome()
            return
        self.open_editor(name or None, new=not name)

    # ---- the editor -----------------------------------------------------------------------------------

    def open_editor(self, name: str | None, *, new: bool = False) -> ProfileEditor:
        if self.editor is None:
            from app.ui.profiles.editor import ProfileEditor

            self.editor = ProfileEditor(
                self.service, self.keystore, self.client, self.window, catalog=self.controller.catalog
            )
            self.editor.profile_saved.connect(self._changed)
            self.editor.profile_renamed.connect(self._renamed)
            self.editor.profile_deleted.connect(self._deleted)
        editor = self.editor
        if not editor.dirty:  # never throw away what the user typed and has not saved
            if new:
                editor.new_profile()
            elif name:
                editor.select(name)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _changed(self, _name: str = "") -> None:
        names = self.profiles.names()
        if self.window.showing_welcome() and names:
            self.window.show_chat()
            self.controller.new_conversation()
        current = self.controller.current_profile()
        self.window.topbar.set_profiles(names, current.name if current else None)
        if current is not None:
            self.controller.load_models(force=True)

    def _renamed(self, old: str, new: str) -> None:
        """The service moved the stored conversations (one UPDATE); the open one follows in memory."""
        open_one = self.controller.conversation
        if open_one is not None and open_one.profile == old:
            self.controller.conversation = dataclasses.replace(open_one, profile=new)
        elif open_one is None and not self.controller.busy:
            self.controller.new_conversation()
        self._changed()

    def _deleted(self, _name: str) -> None:
        if not self.profiles.names():
            self.show_welcome()
        self._changed()

    # ---- the welcome page -----------------------------------------------------------------------------

    def show_welcome(self) -> WelcomePage:
        if self.welcome is None:
            from app.ui.profiles.welcome import LOCAL_TARGETS, WelcomePage

            self.welcome = WelcomePage(
                self.service,
                self.keystore,
                self.client,
                self.window,
                local_targets=LOCAL_TARGETS if self._local_targets is None else self._local_targets,
            )
            self.welcome.done.connect(self._welcome_done)
            self.welcome.start()
        else:
            self.welcome.reset()
        self.window.show_welcome(self.welcome)
        return self.welcome

    def _welcome_done(self, name: str) -> None:
        self.window.show_chat()
        self.controller.new_conversation()
        self.controller.choose_profile(name)
        self.window.show_notice(
            QCoreApplication.translate("ProfileUi", "Profile {} is ready. Type a message to start.").format(
                name
            )
        )

    # ---- usage ----------------------------------------------------------------------------------------

    def open_usage(self) -> UsagePage:
        """The Usage page, built on first use (it is not needed for the first paint)."""
        from app.ui.usage.page import UsagePage

        if self.usage_page is None:
            self.usage_page = UsagePage(self.store, self.window)
        else:
            self.usage_page.refresh()
        self.usage_page.open()
        return self.usage_page

    # ---- settings -------------------------------------------------------------------------------------

    def open_settings(self) -> SettingsPage:
        """Settings as a page in place of the chat (built the first time)."""
        if self.settings_page is None:
            from app.ui.settings.page import SettingsPage

            page = SettingsPage(self.window)
            page.changed.connect(self._settings_chosen)
            page.closed.connect(self.window.show_chat)
            page.open_data_folder_requested.connect(self._open_data_folder)
            page.export_requested.connect(self._ask_where_to_export)
            self.settings_page = page
        page = self.settings_page
        page.show_values(
            self.settings, self.profiles.names(), self.profiles.default_name(), str(self.home.data_dir)
        )
        self.window.show_page(page)
        return page

    def _open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.home.data_dir)))

    def _ask_where_to_export(self) -> QFileDialog:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self.window, QCoreApplication.translate("ProfileUi", "Export all conversations"))
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(QCoreApplication.translate("ProfileUi", "JSON files (*.json)"))
        dialog.setDefaultSuffix("json")
        dialog.selectFile(f"sluice-conversations-{datetime.now():%Y-%m-%d}.json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.export_all)
        dialog.open()
        return dialog

    def export_all(self, path: str) -> None:
        """Every conversation with its messages, as one JSON file (the format of `sluice export --format
        json`, in a list)."""
        try:
            from app.export import export_all_json

            count = export_all_json(self.store, Path(path))
        except (StoreError, OSError) as exc:
            text = QCoreApplication.translate("ProfileUi", "Nothing was exported: {}").format(
                exception_text(exc)
            )
        else:
            text = QCoreApplication.translate("ProfileUi", "Exported {count} conversations to {path}").format(
                count=count, path=path
            )
        self.window.show_notice(text)
        if self.settings_page is not None:
            self.settings_page.set_data_note(text)

    def _settings_chosen(self, settings: Settings, default: str | None) -> None:
        try:
            save_settings(self.home.settings_path, settings)
        except (OSError, ValueError) as exc:
            self.window.show_notice(
                QCoreApplication.translate("ProfileUi", "Settings not saved: {}").format(exc)
            )
            return
        if default != self.profiles.default_name():
            # Only a real change is written: saving would move an unreadable profiles.toml aside for an
            # empty one, and the user would meet the welcome page as if every profile were gone.
            try:
                if self.profiles.load_error is not None:
                    raise ProfileError(str(self.profiles.load_error))
                self.profiles.set_default(default)
                self.profiles.save()
            except (ProfileError, OSError) as exc:
                self.window.show_notice(
                    QCoreApplication.translate("ProfileUi", "The default profile was not saved: {}").format(
                        exception_text(exc)
                    )
                )
        theme_changed = settings.theme != self.settings.theme
        size_changed = settings.font_size != self.settings.font_size
        self.settings = settings
        self.apply_settings(settings)
        if theme_changed:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                self.window.transcript.set_dark(apply_theme(app, settings.theme))
        # Drawn again, so that every part (links, status lines, code) takes the new colours and size.
        if (theme_changed or size_changed) and not self.controller.redraw():
            self.window.show_notice(
                QCoreApplication.translate(
                    "ProfileUi", "The look changed; this conversation follows once the reply ends."
                )
            )

    def choose_theme(self, theme: str) -> None:
        """The palette's "Theme: …": saved and applied like a choice made in Settings."""
        self._settings_chosen(dataclasses.replace(self.settings, theme=theme), self.profiles.default_name())

    def scheme_changed(self, dark: bool) -> None:
        """The desktop switched between light and dark while the theme follows it."""
        self.window.transcript.set_dark(dark)
        self.controller.redraw()

    def apply_settings(self, settings: Settings) -> None:
        """Send key and font size, through the composer's and the widgets' public methods."""
        self.window.composer.set_send_key(settings.send_key)
        # The stream inspector: replies from now on are recorded, or not.
        self.controller.session.exchanges = self.controller.store if settings.record_exchanges else None
        self.controller.attachments.intake.keep_originals = settings.keep_image_metadata
        apply_font_size(self.window, settings)

    async def aclose(self) -> None:
        if self.editor is not None:
            await self.editor.aclose()
        if self.welcome is not None:
            await self.welcome.aclose()
