"""The window's composition root: build every object once and pass it in (no globals)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from app.core.errors import ProfileError, SluiceError, StoreError
from app.home import Home
from app.keystore import Keystore
from app.net.client import ChatClient
from app.net.pool import HttpPool
from app.profiles.store import ProfileStore
from app.session import ChatSession
from app.store.conversations import ConversationStore
from app.ui.chat_controller import ChatController
from app.ui.composer import Composer
from app.ui.main_window import MainWindow
from app.ui.sidebar import ConversationSidebar, SidebarController
from app.ui.theme import is_dark
from app.ui.topbar import ChatTopBar
from app.ui.transcript.view import TranscriptView

log = logging.getLogger(__name__)


@dataclass
class WindowParts:
    window: MainWindow
    controller: ChatController
    sidebar: SidebarController
    store: ConversationStore
    profiles: ProfileStore
    pool: HttpPool
    shutdown: Callable[[], Awaitable[None]]


def build_window(home: Home, on_closed: Callable[[], None]) -> WindowParts:
    """Everything the window needs. Raises StoreError (after telling the user) if the database is unusable."""
    profiles = ProfileStore(home.profiles_path)
    profile_problem = None
    try:
        profiles.load()
    except ProfileError as exc:  # a broken profiles.toml is reported, and the app still starts
        profile_problem = str(exc)
    try:
        store = ConversationStore.open(home.db_path)
    except StoreError as exc:
        QMessageBox.critical(None, "Sluice cannot open its database", str(exc))
        raise
    interrupted = store.mark_interrupted()
    keystore = Keystore()
    pool = HttpPool()
    client = ChatClient(pool)
    session = ChatSession(client, keystore, store, profiles)

    sidebar_view = ConversationSidebar()
    topbar = ChatTopBar()
    transcript = TranscriptView(dark=is_dark())  # apply_theme ran first (app.main_window)
    composer = Composer()
    window = MainWindow(sidebar_view, topbar, transcript, composer, on_close=on_closed)
    controller = ChatController(
        session=session,
        client=client,
        store=store,
        profiles=profiles,
        keystore=keystore,
        transcript=transcript,
        composer=composer,
        topbar=topbar,
    )
    sidebar = SidebarController(sidebar_view, store)

    sidebar.conversation_selected.connect(controller.open_conversation)
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
    sidebar.error_occurred.connect(window.show_notice)
    controller.title_changed.connect(window.set_conversation_title)
    controller.conversations_changed.connect(sidebar.refresh)
    controller.conversations_changed.connect(
        lambda: sidebar_view.select(controller.conversation.id if controller.conversation else None)
    )
    controller.notice.connect(window.show_notice)
    controller.profile_edit_requested.connect(
        lambda name: _edit_key(window, controller, keystore, profiles, name)
    )
    topbar.system_prompt_requested.connect(lambda: _edit_system_prompt(window, controller))

    sidebar.refresh()
    last = store.last_conversation()
    if last is not None:
        controller.open_conversation(last.id)
        sidebar_view.select(last.id)
    else:
        controller.new_conversation()
    if profile_problem:
        window.show_notice(profile_problem)
    elif interrupted:
        window.show_notice(
            f"{interrupted} reply(s) cut short by the last exit were kept, marked interrupted."
        )
    elif not profiles.names():
        window.show_notice("No profile yet: add one with `sluice profile add NAME --preset … --key-stdin`.")

    async def shutdown() -> None:
        await controller.shutdown()
        await pool.aclose()
        store.close()
        window.hide()
        log.info("shut down cleanly")

    return WindowParts(window, controller, sidebar, store, profiles, pool, shutdown)


# Dialogs are opened with open(), never exec(): a nested event loop inside a qasync callback would stall
# every stream and timer until the dialog closes (and freezes tests that drive the window).


def _edit_system_prompt(window: MainWindow, controller: ChatController) -> None:
    current = controller.conversation.system_prompt if controller.conversation else ""
    dialog = _input_dialog(
        window, "System prompt", "Instructions sent before every message of this conversation:"
    )
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(current)
    dialog.textValueSelected.connect(controller.set_system_prompt)
    dialog.open()


def _edit_key(
    window: MainWindow, controller: ChatController, keystore: Keystore, profiles: ProfileStore, name: str
) -> None:
    """Until the full profile editor lands: set the profile's key, straight into the keyring."""
    if not name:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Add a profile",
            "Add a gateway profile from a terminal, then restart Sluice:\n\n"
            '  printf %s "$KEY" | sluice profile add NAME --preset openai --key-stdin\n\n'
            "Presets: zenmux, api000, dmxapi, lemondata, mytokengate, openai, openrouter, deepseek, ollama, "
            "lmstudio — or --base-url URL.",
            parent=window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return
    try:
        profile = profiles.get(name)
    except SluiceError as exc:
        window.show_notice(str(exc))
        return
    dialog = _input_dialog(
        window,
        f"API key for {profile.name}",
        f"{profile.base_url}\nPaste the key. It is stored in the system keyring, never in a file.",
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)

    async def save(key: str) -> None:
        try:
            await keystore.aset(profile.name, key)  # off the GUI thread: D-Bus may take a while
        except SluiceError as exc:
            window.show_notice(f"The key was not saved: {exc}")
            return
        window.show_notice(f"Key for {profile.name} saved in the system keyring. Press Retry on the reply.")

    dialog.textValueSelected.connect(lambda key: controller.spawn(save(key.strip())) if key.strip() else None)
    dialog.open()


def _input_dialog(window: MainWindow, title: str, label: str) -> QInputDialog:
    dialog = QInputDialog(window)
    dialog.setObjectName("inputDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog
