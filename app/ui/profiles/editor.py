"""The profile editor: add, change, duplicate and delete gateway profiles, test the connection.

The pieces it shares with the welcome page (key field, keyring-trouble panel, snippet import, test panel)
live in app.ui.profiles.widgets.

Views lay out and emit signals; keys go only to the Keystore (`aset`, off the GUI thread), never to
profiles.toml, a log, a title or an error. Dialogs open with open()/show(), never exec(): a nested event loop
inside qasync stalls every stream. User-visible strings go through tr() (the connection test's sentences
through app.ui.i18n); sentences are never assembled from pieces.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import KeystoreError, ProfileError, SluiceError
from app.core.models import AUTH_HEADER_PREFIX, PROXY_NONE, PROXY_SYSTEM, Profile
from app.keystore import Keystore
from app.net.client import ChatClient
from app.net.probe import ProbeReport, probe
from app.profiles.importer import ImportedProfile
from app.profiles.presets import PRESETS, Preset, from_preset, preset_by_id
from app.profiles.store import ProfileStore, validate_profile
from app.ui.i18n import QT_TRANSLATE_NOOP, exception_text, preset_hint, preset_label
from app.ui.profiles.widgets import (
    ERROR_STYLE,
    KeyField,
    KeyringTrouble,
    ProbeFunction,
    ProbePanel,
    SnippetDialog,
    import_notes,
)
from app.ui.tasks import Tasks

AUTH_CHOICES = (
    ("bearer", QT_TRANSLATE_NOOP("ProfileEditor", "Bearer token (Authorization: Bearer KEY)")),
    ("raw", QT_TRANSLATE_NOOP("ProfileEditor", "Raw key (Authorization: KEY)")),
    ("header", QT_TRANSLATE_NOOP("ProfileEditor", "Custom header")),
    ("none", QT_TRANSLATE_NOOP("ProfileEditor", "No key")),
)
PROXY_CHOICES = (
    (PROXY_SYSTEM, QT_TRANSLATE_NOOP("ProfileEditor", "System settings")),
    (PROXY_NONE, QT_TRANSLATE_NOOP("ProfileEditor", "No proxy")),
    ("url", QT_TRANSLATE_NOOP("ProfileEditor", "Proxy URL")),
)
CUSTOM_PRESET = ""


def parse_headers(text: str) -> tuple[tuple[str, str], ...]:
    """`Name: value` per line; ProfileError names the line that is not."""
    headers: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise ProfileError(
                QCoreApplication.translate(
                    "ProfileEditor", "line {} of the extra headers is not “Name: value”"
                ).format(number)
            )
        headers.append((name.strip(), value.strip()))
    return tuple(headers)


class ProfileEditor(QDialog):
    """Add, change, duplicate and delete profiles; keys go to the keyring (or, if the user asks, memory).

    Non-blocking: open it with open() or show(), never exec() (a nested loop would stall streams).

    Signals:
        profile_saved(str): a profile was added or changed (its name, after any rename).
        profile_renamed(str, str): a profile was renamed (old name, new name); its key moved with it.
        profile_deleted(str): a profile and its key were deleted.
    """

    profile_saved = Signal(str)
    profile_renamed = Signal(str, str)
    profile_deleted = Signal(str)

    def __init__(
        self,
        profiles: ProfileStore,
        keystore: Keystore,
        client: ChatClient,
        parent: QWidget | None = None,
        *,
        run_probe: ProbeFunction = probe,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self.setWindowTitle(self.tr("Profiles"))
        self.resize(900, 680)
        self.profiles, self.keystore, self.client = profiles, keystore, client
        self._run_probe = run_probe
        self.tasks = Tasks()
        self._probe_task: asyncio.Task[Any] | None = None
        self._current: str | None = None  # the stored profile shown; None while a new one is drafted
        self._preset: str | None = None
        self._loading = False
        self._dirty = False

        # Left: the profiles, and what can be done to them.
        self.list = QListWidget(self)
        self.list.setObjectName("profileList")
        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.setObjectName("newProfile")
        self.duplicate_button = QPushButton(self.tr("Duplicate"), self)
        self.duplicate_button.setObjectName("duplicateProfile")
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setObjectName("deleteProfile")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            row.addWidget(button)
        left.addLayout(row)

        # Right: the form.
        self.preset = QComboBox(self)
        self.preset.setObjectName("presetCombo")
        self.preset.addItem(self.tr("Custom"), CUSTOM_PRESET)
        for preset in PRESETS:
            self.preset.addItem(preset_label(preset), preset.id)
        self.import_button = QPushButton(self.tr("Import from cURL / SDK snippet…"), self)
        self.import_button.setObjectName("importSnippet")
        self.name = QLineEdit(self)
        self.name.setObjectName("nameEdit")
        self.base_url = QLineEdit(self)
        self.base_url.setObjectName("baseUrlEdit")
        self.base_url.setPlaceholderText("https://api.example.com/v1")
        self.auth = QComboBox(self)
        self.auth.setObjectName("authCombo")
        for value, label in AUTH_CHOICES:
            self.auth.addItem(self.tr(label), value)
        self.auth_header = QLineEdit(self)
        self.auth_header.setObjectName("authHeaderEdit")
        self.auth_header.setPlaceholderText(self.tr("Header name, e.g. api-key"))
        self.key = KeyField(self)
        self.key_status = QLabel(self)
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        self.trouble = KeyringTrouble(self)
        self.headers = QPlainTextEdit(self)
        self.headers.setObjectName("headersEdit")
        self.headers.setPlaceholderText(self.tr("One per line: Name: value (no keys here)"))
        self.headers.setFixedHeight(64)
        self.proxy = QComboBox(self)
        self.proxy.setObjectName("proxyCombo")
        for value, label in PROXY_CHOICES:
            self.proxy.addItem(self.tr(label), value)
        self.proxy_url = QLineEdit(self)
        self.proxy_url.setObjectName("proxyUrlEdit")
        self.proxy_url.setPlaceholderText("http://proxy.example.com:8080")
        self.model = QComboBox(self)
        self.model.setObjectName("modelEdit")
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.fetch_button = QToolButton(self)
        self.fetch_button.setObjectName("fetchModels")
        self.fetch_button.setText(self.tr("Fetch list"))
        self.fetch_button.setToolTip(self.tr("Fetch the gateway's model list (/models)"))
        self.models_status = QLabel(self)
        self.models_status.setObjectName("modelsStatus")
        self.models_status.setWordWrap(True)
        self.stream_usage = QCheckBox(
            self.tr("Send stream_options (token usage at the end of the stream)"), self
        )
        self.stream_usage.setObjectName("streamUsage")
        self.read_timeout = QSpinBox(self)
        self.read_timeout.setObjectName("readTimeout")
        self.read_timeout.setRange(1, 3600)
        self.read_timeout.setSuffix(self.tr(" s"))
        self.read_timeout.setMaximumWidth(120)
        self.read_timeout.setToolTip(
            self.tr("Seconds without a byte before giving up; reasoning models think long")
        )
        self.error = QLabel(self)
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.notice = QLabel(self)
        self.notice.setObjectName("editorNotice")
        self.notice.setWordWrap(True)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnection")
        self.probe_panel = ProbePanel(self)

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top = QHBoxLayout()
        top.addWidget(self.preset, 1)
        top.addWidget(self.import_button)
        form.addRow(self.tr("Preset"), top)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Base URL"), self.base_url)
        auth_row = QHBoxLayout()
        auth_row.addWidget(self.auth, 1)
        auth_row.addWidget(self.auth_header, 1)
        form.addRow(self.tr("Auth style"), auth_row)
        form.addRow(self.tr("API key"), self.key)
        form.addRow("", self.key_status)
        form.addRow(self.tr("Extra headers"), self.headers)
        proxy_row = QHBoxLayout()
        proxy_row.addWidget(self.proxy)
        proxy_row.addWidget(self.proxy_url, 1)
        form.addRow(self.tr("Proxy"), proxy_row)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.fetch_button)
        form.addRow(self.tr("Default model"), model_row)
        form.addRow("", self.models_status)
        form.addRow("", self.stream_usage)
        form.addRow(self.tr("Read timeout"), self.read_timeout)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveProfile")
        self.revert_button = self.buttons.addButton(self.tr("Revert"), QDialogButtonBox.ButtonRole.ResetRole)
        self.revert_button.setObjectName("revertProfile")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.trouble)
        right.addWidget(self.error)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.notice, 1)
        right.addLayout(test_row)
        right.addWidget(self.probe_panel)
        right.addStretch(1)

        body = QHBoxLayout()
        left_box = QWidget(self)
        left_box.setLayout(left)
        left_box.setFixedWidth(220)
        body.addWidget(left_box)
        right_box = QWidget(self)
        right_box.setLayout(right)
        body.addWidget(right_box, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(self.buttons)

        self.list.currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(lambda: self.new_profile())
        self.duplicate_button.clicked.connect(lambda: self.tasks.run(self.duplicate()))
        self.delete_button.clicked.connect(self._confirm_delete)
        self.preset.activated.connect(self._preset_chosen)
        self.import_button.clicked.connect(self.open_import)
        self.auth.currentIndexChanged.connect(self._sync_visibility)
        self.proxy.currentIndexChanged.connect(self._sync_visibility)
        self.fetch_button.clicked.connect(lambda: self.tasks.run(self.fetch_models()))
        self.test_button.clicked.connect(self.start_test)
        self.save_button.clicked.connect(lambda: self.tasks.run(self.save()))
        self.revert_button.clicked.connect(self._revert)
        self.buttons.rejected.connect(self.reject)
        self.close_button.clicked.connect(self.close)
        self.trouble.session_only_requested.connect(self._keep_for_session)
        self.trouble.retry_requested.connect(lambda: self.tasks.run(self.save()))
        for edit in (self.name, self.base_url, self.auth_header, self.proxy_url):
            edit.textEdited.connect(self._mark_dirty)
        self.key.edited.connect(self._mark_dirty)
        self.headers.textChanged.connect(self._mark_dirty)
        for combo in (self.auth, self.proxy):
            combo.activated.connect(self._mark_dirty)
        self.model.editTextChanged.connect(self._mark_dirty)
        self.stream_usage.toggled.connect(self._mark_dirty)
        self.read_timeout.valueChanged.connect(self._mark_dirty)
        self.finished.connect(lambda _r: self._cancel_probe())

        self._fill_list()
        if self.profiles.names():
            self.select(self.profiles.names()[0])
        else:
            self.new_profile()

    # ---- what the window calls --------------------------------------------------------------------

    def select(self, name: str) -> None:
        """Show the stored profile `name` (ignored when it does not exist)."""
        try:
            profile = self.profiles.get(name)
        except ProfileError:
            return
        self._current = name
        self._show(profile)
        self._select_row(name)
        self.tasks.run(self._show_key_status(name))
        if profile.base_url:
            self.tasks.run(self.fetch_models(quiet=True))

    def new_profile(self, preset: Preset | None = None) -> None:
        """Start a new, unsaved profile (from `preset` if given)."""
        name = self.profiles.unique_name(preset.id if preset else "new profile")
        draft = from_preset(preset, name) if preset else Profile(name=name, base_url="")
        self._current = None
        self._show(draft)
        self.list.clearSelection()
        self.key_status.setText(
            self.tr("No key needed.")
            if preset and not preset.needs_key
            else self.tr("The key is saved in the system keyring.")
        )
        self._set_dirty(True)
        self.name.setFocus()
        self.name.selectAll()

    def open_import(self) -> None:
        dialog = SnippetDialog(self)
        dialog.imported.connect(self.apply_import)
        dialog.open()

    def apply_import(self, result: ImportedProfile) -> None:
        """Fill the form from an imported snippet: a new profile unless one is being drafted already."""
        if self._current is not None:
            self.new_profile()
        self._loading = True
        self.preset.setCurrentIndex(0)
        self._preset = None
        self.base_url.setText(result.base_url)
        self._set_auth(result.auth)
        self.headers.setPlainText("\n".join(f"{k}: {v}" for k, v in result.headers))
        if result.model:
            self.model.setCurrentText(result.model)
        if result.key:
            self.key.set_key(result.key)
        self._loading = False
        self._sync_visibility()
        self._set_dirty(True)
        self.notice.setText(import_notes(result) or self.tr("Imported. Check the fields, then Save."))

    @property
    def testing(self) -> bool:
        """True while a connection test runs."""
        return self._probe_task is not None and not self._probe_task.done()

    @property
    def dirty(self) -> bool:
        """True while the form holds changes that are not saved."""
        return self._dirty

    async def aclose(self) -> None:
        await self.tasks.aclose()

    # ---- showing a profile ------------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(self.profiles.names())
        self.list.blockSignals(False)

    def _select_row(self, name: str | None) -> None:
        self.list.blockSignals(True)
        items = self.list.findItems(name, Qt.MatchFlag.MatchExactly) if name else []
        if items:
            self.list.setCurrentItem(items[0])
        else:
            self.list.clearSelection()
        self.list.blockSignals(False)

    def _row_changed(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None and item.text() != self._current:
            self.select(item.text())

    def _show(self, profile: Profile) -> None:
        self._loading = True
        self._preset = profile.preset
        index = self.preset.findData(profile.preset or CUSTOM_PRESET)
        self.preset.setCurrentIndex(max(index, 0))
        self.name.setText(profile.name)
        self.base_url.setText(profile.base_url)
        self._set_auth(profile.auth)
        self.key.set_key("")
        self.key.set_placeholder(self.tr("Paste the API key"))
        self.key_status.setText("")
        self.headers.setPlainText("\n".join(f"{k}: {v}" for k, v in profile.headers))
        if profile.proxy in (PROXY_SYSTEM, PROXY_NONE):
            self.proxy.setCurrentIndex(self.proxy.findData(profile.proxy))
            self.proxy_url.setText("")
        else:
            self.proxy.setCurrentIndex(self.proxy.findData("url"))
            self.proxy_url.setText(profile.proxy)
        self.model.clear()
        self.model.setCurrentText(profile.model)
        self.models_status.setText("")
        self.stream_usage.setChecked(profile.stream_usage)
        self.read_timeout.setValue(round(profile.read_timeout))
        self.trouble.hide()
        self.error.hide()
        self.notice.setText("")
        self.probe_panel.hide()
        self._loading = False
        self._sync_visibility()
        self._set_dirty(False)

    def _set_auth(self, auth: str) -> None:
        if auth.startswith(AUTH_HEADER_PREFIX):
            self.auth.setCurrentIndex(self.auth.findData("header"))
            self.auth_header.setText(auth[len(AUTH_HEADER_PREFIX) :])
        else:
            self.auth.setCurrentIndex(max(self.auth.findData(auth), 0))
            self.auth_header.setText("")

    def _sync_visibility(self) -> None:
        auth = self.auth.currentData()
        self.auth_header.setVisible(auth == "header")
        self.form.setRowVisible(self.key, auth != "none")
        self.form.setRowVisible(self.key_status, auth != "none")
        self.proxy_url.setVisible(self.proxy.currentData() == "url")

    def _preset_chosen(self, _index: int) -> None:
        preset_id = self.preset.currentData()
        if not preset_id:
            self._preset = None
            return
        preset = preset_by_id(preset_id)
        self._preset = preset.id
        self.base_url.setText(preset.base_url)
        self._set_auth(preset.auth)
        self.proxy.setCurrentIndex(self.proxy.findData(PROXY_NONE if preset.local else PROXY_SYSTEM))
        if preset.model and not self.model.currentText().strip():
            self.model.setCurrentText(preset.model)
        self.notice.setText(preset_hint(preset))
        self._sync_visibility()
        self._mark_dirty()

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        # While a change is unsaved the list is locked: nothing typed is lost by clicking another profile.
        self.list.setEnabled(not dirty)
        self.new_button.setEnabled(not dirty)
        self.duplicate_button.setEnabled(not dirty and self._current is not None)
        self.delete_button.setEnabled(self._current is not None)
        self.revert_button.setEnabled(dirty)
        self.save_button.setEnabled(dirty)
        self.list.setToolTip(self.tr("Save or revert the changes first") if dirty else "")

    def _revert(self) -> None:
        if self._current is not None:
            self.select(self._current)
        elif self.profiles.names():
            self.select(self.profiles.names()[0])
        else:
            self.new_profile()

    async def _show_key_status(self, name: str) -> None:
        has_key = False
        if self.auth.currentData() == "none":
            text = ""
        elif self.keystore.is_session_only(name):
            text = self.tr("The key is kept for this session only: it is gone when Sluice quits.")
        else:
            try:
                has_key = bool(await self.keystore.aget(name))
            except KeystoreError as exc:
                text = self.tr("The system keyring cannot be used: {}").format(exception_text(exc))
            else:
                text = (
                    self.tr("A key is saved in the system keyring. Type a new one to replace it.")
                    if has_key
                    else self.tr("No key is saved for this profile.")
                )
        if self._current == name:
            self.key_status.setText(text)
            if has_key:
                self.key.set_placeholder(self.tr("•••••••• (saved in the keyring)"))

    # ---- reading the form -------------------------------------------------------------------------

    def form_profile(self) -> Profile:
        """The profile the form describes, validated; ProfileError says what is wrong, in words."""
        auth = str(self.auth.currentData())
        if auth == "header":
            header = self.auth_header.text().strip()
            if not header:
                raise ProfileError(self.tr("the custom auth style needs a header name, e.g. api-key"))
            auth = f"{AUTH_HEADER_PREFIX}{header}"
        proxy = str(self.proxy.currentData())
        if proxy == "url":
            proxy = self.proxy_url.text().strip()
            if not proxy:
                raise ProfileError(self.tr("enter the proxy URL, or choose System settings or No proxy"))
        if not self.base_url.text().strip():
            raise ProfileError(self.tr("enter the gateway's base URL, e.g. https://api.example.com/v1"))
        profile = Profile(
            name=self.name.text().strip(),
            base_url=self.base_url.text().strip(),
            model=self.model.currentText().strip(),
            auth=auth,
            headers=parse_headers(self.headers.toPlainText()),
            proxy=proxy,
            stream_usage=self.stream_usage.isChecked(),
            read_timeout=float(self.read_timeout.value()),
            preset=self._preset,
        )
        return validate_profile(profile)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    async def _key_for_requests(self) -> str | None:
        """The typed key, else the saved one (for Test and Fetch: nothing needs saving first)."""
        typed = self.key.key()
        if typed or self._current is None:
            return typed or None
        try:
            return await self.keystore.aget(self._current)
        except KeystoreError:
            return None

    # ---- saving -------------------------------------------------------------------------------------

    async def save(self) -> bool:
        """Write the profile to profiles.toml and its key to the keyring. False (and words why) if not."""
        try:
            profile = self.form_profile()
        except ProfileError as exc:
            self._show_error(self.tr("Not saved: {}.").format(exception_text(exc)))
            return False
        old = self._current
        try:
            if old is None:
                self.profiles.add(profile)
            else:
                if profile.name != old:
                    self.profiles.rename(old, profile.name)
                self.profiles.update(profile)
            self.profiles.save()
        except ProfileError as exc:
            self.profiles.load()  # what is on disk is the truth again
            self._show_error(self.tr("Not saved: {}.").format(exception_text(exc)))
            return False
        except OSError as exc:
            self.profiles.load()
            self._show_error(
                self.tr("Not saved: {path} could not be written ({error}).").format(
                    path=self.profiles.path, error=exc.strerror or exc
                )
            )
            return False
        self._show_error("")
        self._current = profile.name
        self._fill_list()
        self._select_row(profile.name)
        if old is not None and old != profile.name:
            try:
                await self.keystore.amove(old, profile.name)
            except KeystoreError as exc:
                self._show_error(
                    self.tr("The profile was renamed, but its key could not be moved: {}").format(
                        exception_text(exc)
                    )
                )
            self.profile_renamed.emit(old, profile.name)
        self.profile_saved.emit(profile.name)
        key = self.key.key()
        if key and profile.needs_key:
            try:
                await self.keystore.aset(profile.name, key)
            except KeystoreError as exc:
                # The typed key stays in the field, and the form stays unsaved so that choosing another
                # profile (or a banner's "Open profile") cannot clear it while the user decides.
                self.trouble.show_problem(exception_text(exc))
                self.key_status.setText(self.tr("The profile is saved; its key is not."))
                return False
            self.key.set_key("")
            self.trouble.hide()
        self._set_dirty(False)
        self.notice.setText(self.tr("Saved {}.").format(profile.name))
        await self._show_key_status(profile.name)
        return True

    def _keep_for_session(self) -> None:
        key, name = self.key.key(), self._current
        if not key or name is None:
            return
        self.keystore.set_session(name, key)
        self.key.set_key("")
        self.trouble.hide()
        self._set_dirty(False)  # the key has a home now: nothing in the form is left unsaved
        self.key_status.setText(
            self.tr("The key is kept for this session only: it is gone when Sluice quits.")
        )
        self.profile_saved.emit(name)

    async def duplicate(self) -> None:
        if self._current is None:
            return
        old = self._current
        try:
            copy = self.profiles.duplicate(old)
            self.profiles.save()
        except (ProfileError, OSError) as exc:
            self.profiles.load()
            self._show_error(self.tr("Not duplicated: {}").format(exception_text(exc)))
            return
        self._fill_list()
        self.select(copy.name)
        self.profile_saved.emit(copy.name)
        try:
            key = await self.keystore.aget(old)
            if key and self.keystore.is_session_only(old):
                self.keystore.set_session(copy.name, key)
            elif key:
                await self.keystore.aset(copy.name, key)
        except KeystoreError as exc:
            self._show_error(
                self.tr("The copy was made, but its key could not be copied: {}").format(exception_text(exc))
            )
        await self._show_key_status(copy.name)

    def _confirm_delete(self) -> None:
        name = self._current
        if name is None:
            self._revert()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete profile"),
            self.tr("Delete the profile “{}” and its API key? Conversations that used it are kept.").format(
                name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmDelete")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Delete"))
        yes.clicked.connect(lambda: self.tasks.run(self.delete(name)))
        box.open()

    async def delete(self, name: str) -> None:
        try:
            self.profiles.remove(name)
            self.profiles.save()
        except (ProfileError, OSError) as exc:
            self.profiles.load()
            self._show_error(self.tr("Not deleted: {}").format(exception_text(exc)))
            return
        self._fill_list()
        self._revert_after_delete()
        self.profile_deleted.emit(name)
        try:
            await self.keystore.adelete(name)
        except KeystoreError as exc:
            self._show_error(
                self.tr(
                    "The profile was deleted, but its key could not be removed from the keyring: {}"
                ).format(exception_text(exc))
            )
            return
        self.notice.setText(self.tr("Deleted {} and its key.").format(name))

    def _revert_after_delete(self) -> None:
        self._current = None
        names = self.profiles.names()
        if names:
            self.select(names[0])
        else:
            self.new_profile()

    # ---- models and the connection test ----------------------------------------------------------

    async def fetch_models(self, *, quiet: bool = False) -> list[str]:
        """Fill the model list from /models; the typed model is kept. Errors go to a label, not a box."""
        try:
            profile = self.form_profile()
        except ProfileError as exc:
            if not quiet:
                self.models_status.setText(
                    self.tr("Cannot fetch the list yet: {}.").format(exception_text(exc))
                )
            return []
        self.fetch_button.setEnabled(False)
        self.models_status.setText(self.tr("Fetching the model list…"))
        try:
            models = await self.client.list_models(profile, await self._key_for_requests())
        except SluiceError as exc:
            self.models_status.setText(
                self.tr("Could not fetch the model list: {}").format(exception_text(exc))
            )
            return []
        finally:
            self.fetch_button.setEnabled(True)
        typed = self.model.currentText()
        loading, self._loading = self._loading, True
        self.model.clear()
        self.model.addItems(models)
        self.model.setCurrentText(typed)
        self._loading = loading
        self.models_status.setText(
            self.tr("{} models available.").format(len(models)) if models else self.tr("The list is empty.")
        )
        return models

    def start_test(self) -> None:
        self._cancel_probe()
        self._probe_task = self.tasks.run(self.test_connection())

    def _cancel_probe(self) -> None:
        if self._probe_task is not None and not self._probe_task.done():
            self._probe_task.cancel()

    async def test_connection(self) -> ProbeReport | None:
        try:
            profile = self.form_profile()
        except ProfileError as exc:
            self._show_error(self.tr("Cannot test yet: {}.").format(exception_text(exc)))
            return None
        self._show_error("")
        key = await self._key_for_requests()
        report = await self.probe_panel.run(self._run_probe, profile, key, self.test_button)
        if report.stream_options_rejected and self.stream_usage.isChecked():
            self.stream_usage.setChecked(False)  # marks the form changed: Save keeps it off
        return report
