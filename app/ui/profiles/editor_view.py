"""The profile editor's view: the list of profiles, the form, and what fills and reads them.

It lays out and shows; it knows nothing of the keyring, profiles.toml or the network. The behaviour (select,
save, duplicate, delete, fetch models, test the connection) is app.ui.profiles.editor.ProfileEditor, which
builds on this view. User-visible strings go through tr(); sentences are never assembled from pieces.
"""

from __future__ import annotations

import dataclasses

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
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ProfileError
from app.core.models import AUTH_HEADER_PREFIX, PROXY_NONE, PROXY_SYSTEM, ModelInfo, Profile
from app.profiles.presets import CUSTOM, PRESETS
from app.profiles.secrets import split_headers, without_secrets
from app.profiles.store import validate_profile
from app.ui.i18n import QT_TRANSLATE_NOOP, preset_label
from app.ui.plaintext import plain
from app.ui.profiles.fallbacks_list import FallbacksList
from app.ui.profiles.models_table import ModelsTable
from app.ui.profiles.widgets import ERROR_STYLE, KeyField, KeyringTrouble, ProbePanel

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
CUSTOM_PRESET = ""  # the preset combo's data for "Custom (any OpenAI-compatible server)": preset = None


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


class ProfileEditorView(QDialog):
    """The editor's widgets and layout. `_preset` is the preset id the form stands for (None: custom).

    Signals:
        secrets_edited(): a secret header's field was typed in, or its row removed.
    """

    secrets_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self.setWindowTitle(self.tr("Profiles"))
        self.resize(900, 860)
        self._preset: str | None = None

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
        self.preset.addItem(preset_label(CUSTOM), CUSTOM_PRESET)
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
            self.auth.addItem(QCoreApplication.translate("ProfileEditor", label), value)
        self.auth_header = QLineEdit(self)
        self.auth_header.setObjectName("authHeaderEdit")
        self.auth_header.setPlaceholderText(self.tr("Header name, e.g. api-key"))
        self.key = KeyField(self)
        self.key_status = plain(QLabel(self))
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        self.trouble = KeyringTrouble(self)
        self.headers = QPlainTextEdit(self)
        self.headers.setObjectName("headersEdit")
        self.headers.setPlaceholderText(self.tr("One per line: Name: value (no keys here)"))
        self.headers.setFixedHeight(64)
        # Secret headers (Cookie, X-Goog-Api-Key, … typed above are moved here on save): one password field
        # each, empty until the user types a new value; the saved value stays in the keyring.
        self.secret_box = QWidget(self)
        self.secret_box.setObjectName("secretHeaders")
        self.secret_form = QFormLayout(self.secret_box)
        self.secret_form.setContentsMargins(0, 0, 0, 0)
        self.secret_edits: dict[str, QLineEdit] = {}
        self._secret_labels: dict[str, QLabel] = {}
        self.proxy = QComboBox(self)
        self.proxy.setObjectName("proxyCombo")
        for value, label in PROXY_CHOICES:
            self.proxy.addItem(QCoreApplication.translate("ProfileEditor", label), value)
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
        self.models_status = plain(QLabel(self))  # the gateway's words when /models fails
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
        self.error = plain(QLabel(self))
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.notice = plain(QLabel(self))
        self.notice.setObjectName("editorNotice")
        self.notice.setWordWrap(True)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnection")
        self.probe_panel = ProbePanel(self)
        # Per-model prices and images overrides, and request_cost (issues 14 and 15): its own widget, so
        # that other sections (fallbacks) can sit beside it.
        self.models_section = ModelsTable(self)
        # The other profiles tried when this one fails before any text (issue 16).
        self.fallbacks_section = FallbacksList(self)

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
        form.addRow(self.tr("Secret headers"), self.secret_box)
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
        right.addWidget(self.models_section, 1)
        right.addWidget(self.fallbacks_section)

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

    # ---- showing ------------------------------------------------------------------------------------

    def show_names(self, names: list[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(names)
        self.list.blockSignals(False)

    def select_row(self, name: str | None) -> None:
        self.list.blockSignals(True)
        items = self.list.findItems(name, Qt.MatchFlag.MatchExactly) if name else []
        if items:
            self.list.setCurrentItem(items[0])
        else:
            self.list.clearSelection()
        self.list.blockSignals(False)

    def show_profile(self, profile: Profile, published: list[ModelInfo] | None = None) -> None:
        """Fill the form with `profile`; the key field is emptied (a saved key is never shown).

        `published`: what the gateway's /models said of its models (the kept catalogue), for the Models table.
        """
        self._preset = profile.preset
        self.show_preset(profile.preset)
        self.name.setText(profile.name)
        self.base_url.setText(profile.base_url)
        self.set_auth(profile.auth)
        self.key.set_key("")
        self.key.set_placeholder(self.tr("Paste the API key"))
        self.key_status.setText("")
        self.headers.setPlainText("\n".join(f"{k}: {v}" for k, v in profile.headers))
        self.show_secret_headers(profile.secret_headers)
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
        self.models_section.show_profile(profile, published or [])
        self.trouble.hide()
        self.error.hide()
        self.notice.setText("")
        self.probe_panel.hide()
        self.sync_visibility()

    def show_secret_headers(self, names: tuple[str, ...]) -> None:
        """A password field (empty: the value stays in the keyring) and a Remove button per secret header."""
        while self.secret_form.rowCount():
            self.secret_form.removeRow(0)
        self.secret_edits, self._secret_labels = {}, {}
        for name in names:
            edit = QLineEdit(self.secret_box)
            edit.setObjectName(f"secretHeader:{name}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self.tr("Kept in the keyring; type to replace"))
            edit.textChanged.connect(lambda _text: self.secrets_edited.emit())
            remove = QPushButton(self.tr("Remove"), self.secret_box)
            remove.setObjectName(f"removeSecretHeader:{name}")
            remove.clicked.connect(lambda _checked=False, n=name: self.remove_secret_header(n))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(remove)
            label = plain(QLabel(name, self.secret_box))  # a header name the user or a snippet chose
            label.setObjectName(f"secretHeaderName:{name}")
            self.secret_form.addRow(label, row)
            self.secret_edits[name], self._secret_labels[name] = edit, label
        self.secret_box.setVisible(bool(names))

    def remove_secret_header(self, name: str) -> None:
        """Drop a secret header from the form; saving drops it from the profile and its value from the
        keyring (ProfileService.save)."""
        if self.secret_edits.pop(name, None) is None:
            return
        self.secret_form.removeRow(self._secret_labels.pop(name))
        self.secret_box.setVisible(bool(self.secret_edits))
        self.secrets_edited.emit()

    def show_preset(self, preset_id: str | None) -> None:
        index = self.preset.findData(preset_id or CUSTOM_PRESET)
        self.preset.setCurrentIndex(max(index, 0))

    def set_auth(self, auth: str) -> None:
        if auth.startswith(AUTH_HEADER_PREFIX):
            self.auth.setCurrentIndex(self.auth.findData("header"))
            self.auth_header.setText(auth[len(AUTH_HEADER_PREFIX) :])
        else:
            self.auth.setCurrentIndex(max(self.auth.findData(auth), 0))
            self.auth_header.setText("")

    def sync_visibility(self) -> None:
        auth = self.auth.currentData()
        self.auth_header.setVisible(auth == "header")
        self.form.setRowVisible(self.key, auth != "none")
        self.form.setRowVisible(self.key_status, auth != "none")
        self.proxy_url.setVisible(self.proxy.currentData() == "url")

    def show_buttons(self, *, dirty: bool, stored: bool) -> None:
        """While a change is unsaved the list is locked: nothing typed is lost by clicking another profile."""
        self.list.setEnabled(not dirty)
        self.new_button.setEnabled(not dirty)
        self.duplicate_button.setEnabled(not dirty and stored)
        self.delete_button.setEnabled(stored)
        self.revert_button.setEnabled(dirty)
        self.save_button.setEnabled(dirty)
        self.list.setToolTip(self.tr("Save or revert the changes first") if dirty else "")

    # ---- reading the form -------------------------------------------------------------------------

    def form_profile(self, *, with_models: bool = True) -> Profile:
        """The profile the form describes, validated; ProfileError says what is wrong, in words.

        Secret header values and a proxy password that were typed ride along inline (for Test, Fetch and
        ProfileService.save, which puts them in the keyring); `secret_headers` names every secret header.
        `with_models=False` leaves out the Models table (prices, images, request_cost), which a connection
        test or a model list fetch does not need: a half-typed price must not stop those.
        """
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
        plain_headers, typed = split_headers(parse_headers(self.headers.toPlainText()))
        typed.update({name: edit.text().strip() for name, edit in self.secret_edits.items() if edit.text()})
        prices, vision, request_cost = self.models_section.values() if with_models else ((), (), False)
        profile = Profile(
            name=self.name.text().strip(),
            base_url=self.base_url.text().strip(),
            model=self.model.currentText().strip(),
            auth=auth,
            headers=plain_headers,
            secret_headers=tuple(dict.fromkeys([*self.secret_edits, *typed])),
            proxy=proxy,
            stream_usage=self.stream_usage.isChecked(),
            read_timeout=float(self.read_timeout.value()),
            preset=self._preset,
            request_cost=request_cost,
            prices=prices,
            vision=vision,
            fallbacks=self.fallbacks_section.values(),
        )
        stored, _password = without_secrets(profile, typed)
        checked = validate_profile(stored)
        return dataclasses.replace(checked, headers=checked.headers + tuple(typed.items()), proxy=proxy)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
