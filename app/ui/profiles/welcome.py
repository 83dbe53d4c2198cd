"""The first-run page: pick a gateway, paste a key, pick a model, chat. Shown while there is no profile.

Local servers (Ollama, LM Studio) are looked for on 127.0.0.1 in the background (short timeouts, never
blocking a paint) and moved to the top of the list when they answer. The model list is fetched once a key is
there. The key goes to the system keyring; if there is none, the page says so and offers to keep the key for
this session only. Preset labels and hints are translated through app.ui.i18n.
"""

from __future__ import annotations

import asyncio
import dataclasses

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import KeystoreError, ProfileError, SluiceError
from app.core.models import AUTH_NONE, PROXY_NONE, PROXY_SYSTEM, Profile
from app.keystore import Keystore
from app.net.client import ChatClient
from app.net.pool import is_loopback
from app.net.probe import ProbeReport, probe
from app.profiles.importer import ImportedProfile
from app.profiles.presets import PRESETS, Preset, preset_by_id
from app.profiles.store import ProfileStore, validate_profile
from app.ui.i18n import exception_text, preset_hint, preset_label
from app.ui.profiles.widgets import (
    ERROR_STYLE,
    KeyField,
    KeyringTrouble,
    ProbePanel,
    SnippetDialog,
    import_notes,
)
from app.ui.tasks import Tasks

# Where the local presets are looked for. 127.0.0.1, not localhost: localhost may resolve to ::1 first,
# where these servers often do not listen; the profile keeps the address that answered.
LOCAL_TARGETS: tuple[tuple[str, str], ...] = (
    ("ollama", "http://127.0.0.1:11434/v1"),
    ("lmstudio", "http://127.0.0.1:1234/v1"),
)
LOCAL_PROBE_TIMEOUT = 2.0  # seconds; a local server answers in milliseconds or not at all
FETCH_DELAY_MS = 700  # after the last keystroke in the key field
IMPORTED = "imported"  # the list entry for a profile read from a snippet


class WelcomePage(QWidget):
    """Signals:
    done(str): a profile was saved (its name); the window switches to the chat.
    """

    done = Signal(str)

    def __init__(
        self,
        profiles: ProfileStore,
        keystore: Keystore,
        client: ChatClient,
        parent: QWidget | None = None,
        *,
        local_targets: tuple[tuple[str, str], ...] = LOCAL_TARGETS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.profiles, self.keystore, self.client = profiles, keystore, client
        self.tasks = Tasks()
        self._local_targets = local_targets
        self._local_urls: dict[str, str] = {}  # preset id -> base URL that answered
        self._local_models: dict[str, list[str]] = {}
        self._imported: ImportedProfile | None = None
        self._fetched_for: tuple[str, str] | None = None
        self._saved_name: str | None = None  # saved to profiles.toml, key still pending
        self._touched = False  # the user picked an entry: detection no longer changes the selection
        self._key_for: str | None = None  # the entry the key was typed for, once the user had picked one

        title = QLabel(self.tr("Welcome to Sluice"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Connect a gateway to start chatting: pick it, paste your API key, choose a model. "
                "The key goes to the system keyring, never to a file."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.presets = QListWidget(self)
        self.presets.setObjectName("presetList")
        self.presets.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.presets.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        for preset in PRESETS:
            item = QListWidgetItem(self._preset_text(preset, None), self.presets)
            item.setData(Qt.ItemDataRole.UserRole, preset.id)
            item.setToolTip(preset_hint(preset))
        self.import_button = QPushButton(self.tr("Import from cURL / SDK snippet…"), self)
        self.import_button.setObjectName("importSnippet")

        self.name = QLineEdit(self)
        self.name.setObjectName("nameEdit")
        self.base_url = QLineEdit(self)
        self.base_url.setObjectName("baseUrlEdit")
        self.key = KeyField(self)
        self.key_label = QLabel(self.tr("API key"), self)
        self.hint = QLabel(self)
        self.hint.setObjectName("presetHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hint.setMinimumWidth(320)  # a wrapped label is given the height its narrowest width needs
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.hint.setOpenExternalLinks(True)
        self.model = QComboBox(self)
        self.model.setObjectName("modelEdit")
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        model_edit = self.model.lineEdit()
        if model_edit is not None:
            model_edit.setPlaceholderText(self.tr("Pick from the list or type a model id"))
        self.models_status = QLabel(self)
        self.models_status.setObjectName("modelsStatus")
        self.models_status.setWordWrap(True)
        self.models_status.setMinimumWidth(320)
        self.notes = QLabel(self)
        self.notes.setObjectName("importNotes")
        self.notes.setWordWrap(True)
        self.trouble = KeyringTrouble(self)
        self.error = QLabel(self)
        self.error.setObjectName("welcomeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.start_button = QPushButton(self.tr("Start chatting"), self)
        self.start_button.setObjectName("startChatting")
        self.start_button.setDefault(True)
        # Before committing to a gateway: does the key work, does the model exist, does it really stream?
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnection")
        self.probe_panel = ProbePanel(self)
        self._probe_task: asyncio.Task[object] | None = None

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Base URL"), self.base_url)
        form.addRow(self.key_label, self.key)
        form.addRow("", self.hint)
        form.addRow(self.tr("Model"), self.model)
        form.addRow("", self.models_status)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Gateway"), self))
        left.addWidget(self.presets, 1)
        left.addWidget(self.import_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.notes)
        right.addWidget(self.trouble)
        right.addWidget(self.error)
        right.addWidget(self.probe_panel)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        right.addLayout(buttons)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addSpacing(16)
        columns.addLayout(right, 3)

        card = QWidget(self)
        card.setMaximumWidth(920)
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(title)
        card_layout.addWidget(intro)
        card_layout.addSpacing(12)
        card_layout.addLayout(columns, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addWidget(card, 8)
        outer.addStretch(1)

        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(FETCH_DELAY_MS)
        self._fetch_timer.timeout.connect(lambda: self.tasks.run(self.fetch_models()))

        self.presets.currentItemChanged.connect(lambda _new, _old: self._entry_chosen())
        self.presets.itemClicked.connect(self._entry_clicked)
        self.import_button.clicked.connect(self.open_import)
        self.key.edited.connect(self._key_edited)
        self.base_url.textEdited.connect(lambda _t: self._key_edited())
        self.start_button.clicked.connect(lambda: self.tasks.run(self.finish()))
        self.test_button.clicked.connect(self.start_test)
        self.trouble.session_only_requested.connect(self._keep_for_session)
        self.trouble.retry_requested.connect(lambda: self.tasks.run(self.finish()))
        self.presets.setCurrentRow(0)

    # ---- what the window calls --------------------------------------------------------------------

    def start(self) -> None:
        """Look for local servers in the background; call once the event loop runs."""
        for preset_id, url in self._local_targets:
            self.tasks.run(self._probe_local(preset_id, url))

    def reset(self) -> None:
        """Start over (shown again after the last profile was deleted)."""
        self._saved_name = None
        self._touched = False
        self._key_for = None
        self.key.set_key("")
        self._entry_chosen()

    async def aclose(self) -> None:
        self._fetch_timer.stop()
        await self.tasks.aclose()

    def open_import(self) -> None:
        dialog = SnippetDialog(self)
        dialog.imported.connect(self.apply_import)
        dialog.open()

    def apply_import(self, result: ImportedProfile) -> None:
        """Show what a snippet said, as a new entry at the top of the list, selected."""
        self._imported = result
        self._touched = True
        item = self._item(IMPORTED)
        if item is None:
            item = QListWidgetItem(self.tr("Imported from snippet"))
            item.setData(Qt.ItemDataRole.UserRole, IMPORTED)
            self.presets.insertItem(0, item)
        self.presets.setCurrentItem(item)
        self._entry_chosen()
        self.notes.setText(import_notes(result))

    def select_preset(self, preset_id: str) -> None:
        item = self._item(preset_id)
        if item is not None:
            self._touched = True
            self.presets.setCurrentItem(item)

    # ---- the list ---------------------------------------------------------------------------------

    def _preset_text(self, preset: Preset, models: list[str] | None) -> str:
        if models is None:
            return preset_label(preset)
        return self.tr("{preset} — running, {count} models").format(
            preset=preset_label(preset), count=len(models)
        )

    def _item(self, entry: str) -> QListWidgetItem | None:
        for row in range(self.presets.count()):
            item = self.presets.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == entry:
                return item
        return None

    def _entry(self) -> str:
        item = self.presets.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else PRESETS[0].id

    async def _probe_local(self, preset_id: str, url: str) -> None:
        probe = Profile(name=preset_id, base_url=url, auth=AUTH_NONE, proxy=PROXY_NONE)
        try:
            models = await asyncio.wait_for(self.client.list_models(probe, None), LOCAL_PROBE_TIMEOUT)
        except (SluiceError, TimeoutError):
            return  # not running: the entry stays where it is, as a plain preset
        self._local_urls[preset_id] = url
        self._local_models[preset_id] = models
        item = self._item(preset_id)
        if item is None:
            return
        current = self.presets.currentItem()
        self.presets.blockSignals(True)
        row = self.presets.row(item)
        self.presets.takeItem(row)
        first_gateway = 1 if self._item(IMPORTED) is not None else 0
        self.presets.insertItem(first_gateway, item)
        item.setText(self._preset_text(preset_by_id(preset_id), models))
        self.presets.setCurrentItem(current if current is not item else item)
        self.presets.blockSignals(False)
        if not self._touched:
            self.presets.setCurrentItem(item)  # a running local server is the quickest start
            self._entry_chosen()
        elif self._entry() == preset_id:
            self._entry_chosen()

    def _entry_chosen(self) -> None:
        entry = self._entry()
        if self.presets.hasFocus():
            self._touched = True  # chosen with the mouse or the arrow keys, not by detection
        self.error.hide()
        self.trouble.hide()
        self.probe_panel.hide()  # its results were about the previous choice
        self._fetched_for = None
        if entry != IMPORTED:
            self.notes.setText("")
        if entry == IMPORTED and self._imported is not None:
            imported = self._imported
            self.name.setText(self.profiles.unique_name("imported"))
            self.base_url.setText(imported.base_url)
            self.key.set_key(imported.key or "")
            self._show_key(imported.auth != AUTH_NONE)
            self.hint.setText("")
            self._set_models([], imported.model or "")
            self._key_edited()
            return
        preset = preset_by_id(entry)
        # A key typed for one picked gateway never follows to another. One pasted before any pick stays:
        # it is for whichever gateway the user picks next.
        if self._key_for is not None and self._key_for != entry:
            self.key.set_key("")
            self._key_for = None
        self.name.setText(self.profiles.unique_name(preset.id))
        self.base_url.setText(self._local_urls.get(preset.id, preset.base_url))
        self._show_key(preset.needs_key)
        self.hint.setText(preset_hint(preset))
        models = self._local_models.get(preset.id)
        if models is not None:
            self._set_models(models, models[0] if models and not preset.model else preset.model)
            self.models_status.setText(self.tr("{} models on this server.").format(len(models)))
        else:
            self._set_models([], preset.model)
            self.models_status.setText(
                self.tr("The list is fetched once the key is there.") if preset.needs_key else ""
            )
            if not preset.needs_key:
                self.tasks.run(self.fetch_models())

    def _show_key(self, needed: bool) -> None:
        self.form.setRowVisible(self.key, needed)

    def key_needed(self) -> bool:
        return self.key.isVisibleTo(self)

    def _set_models(self, models: list[str], current: str) -> None:
        self.model.clear()
        self.model.addItems(models)
        self.model.setCurrentText(current)

    def _entry_clicked(self, _item: QListWidgetItem) -> None:
        self._touched = True
        self._key_edited()  # a key pasted before the gateway was picked: fetch now, for this one

    def _key_edited(self) -> None:
        # Only to a gateway the user picked: the list opens on its first entry, and a key pasted for
        # another gateway must not be sent there while the user is still looking for theirs.
        if self.key.key() and self._touched:
            self._key_for = self._entry()
        if (self.key.key() and self._touched) or not self.key_needed():
            self._fetch_timer.start()

    # ---- building the profile ---------------------------------------------------------------------

    def draft(self) -> Profile:
        """The profile the page describes, validated (ProfileError in words)."""
        entry = self._entry()
        base_url = self.base_url.text().strip()
        if not base_url:
            raise ProfileError(self.tr("enter the gateway's base URL"))
        if entry == IMPORTED and self._imported is not None:
            auth, headers, preset_id = self._imported.auth, self._imported.headers, None
        else:
            preset = preset_by_id(entry)
            auth, headers, preset_id = preset.auth, (), preset.id
        profile = Profile(
            name=self.name.text().strip(),
            base_url=base_url,
            model=self.model.currentText().strip(),
            auth=auth,
            headers=headers,
            proxy=PROXY_NONE if is_loopback(base_url) else PROXY_SYSTEM,
            preset=preset_id,
        )
        return validate_profile(profile)

    async def fetch_models(self) -> list[str]:
        """Fetch /models once per base URL and key; keep whatever the user typed."""
        try:
            profile = self.draft()
        except ProfileError:
            return []
        key = self.key.key() if profile.needs_key else ""
        if profile.needs_key and not key:
            return []
        if self._fetched_for == (profile.base_url, key):
            return []
        self._fetched_for = (profile.base_url, key)
        self.models_status.setText(self.tr("Fetching the model list…"))
        try:
            models = await self.client.list_models(profile, key or None)
        except SluiceError as exc:
            self.models_status.setText(
                self.tr("Could not fetch the model list: {}").format(exception_text(exc))
            )
            self._fetched_for = None
            return []
        typed = self.model.currentText().strip()
        self._set_models(models, typed or (models[0] if models else ""))
        self.models_status.setText(
            self.tr("{} models available.").format(len(models))
            if models
            else self.tr("The gateway lists no models; type one.")
        )
        return models

    async def finish(self) -> bool:
        """Save the profile (and its key); emit `done` when the chat can start. False, with words, if not."""
        try:
            profile = self.draft()
            if self._saved_name is None and profile.name in self.profiles.names():
                raise ProfileError(self.tr("a profile named “{}” already exists").format(profile.name))
        except ProfileError as exc:
            return self._fail(self.tr("Not yet: {}.").format(exception_text(exc)))
        key = self.key.key()
        if profile.needs_key and not key and self._saved_name is None:
            return self._fail(self.tr("Paste your API key first (or pick a local server, which needs none)."))
        if not profile.model:
            return self._fail(self.tr("Pick or type a model first."))
        try:
            if self._saved_name is None:
                self.profiles.add(profile)
            else:
                self.profiles.update(dataclasses.replace(profile, name=self._saved_name))
                profile = dataclasses.replace(profile, name=self._saved_name)
            self.profiles.save()
        except (ProfileError, OSError) as exc:
            self.profiles.load()
            return self._fail(self.tr("Not saved: {}").format(exception_text(exc)))
        self._saved_name = profile.name
        self.error.hide()
        if key and profile.needs_key:
            try:
                await self.keystore.aset(profile.name, key)
            except KeystoreError as exc:
                self.trouble.show_problem(exception_text(exc))
                return False
        self.trouble.hide()
        self.key.set_key("")
        self.done.emit(profile.name)
        return True

    def start_test(self) -> None:
        if self._probe_task is not None and not self._probe_task.done():
            self._probe_task.cancel()
        self._probe_task = self.tasks.run(self.test_connection())

    async def test_connection(self) -> ProbeReport | None:
        """The same step-by-step check as the profile editor's, on what the page describes now."""
        try:
            profile = self.draft()
        except ProfileError as exc:
            self._fail(self.tr("Cannot test yet: {}.").format(exception_text(exc)))
            return None
        self.error.hide()
        return await self.probe_panel.run(probe, profile, self.key.key() or None, self.test_button)

    def _fail(self, text: str) -> bool:
        self.error.setText(text)
        self.error.show()
        return False

    def _keep_for_session(self) -> None:
        key, name = self.key.key(), self._saved_name
        if not key or name is None:
            return
        self.keystore.set_session(name, key)
        self.trouble.hide()
        self.key.set_key("")
        self.done.emit(name)
