"""The welcome page's view: the list of gateways, the form, and the helpers that fill and read them.

It lays out and shows; the behaviour (local servers looked for, models fetched, the profile saved through
ProfileService) is app.ui.profiles.welcome.WelcomePage, which builds on this view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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

from app.profiles.presets import CUSTOM, PRESETS, Preset
from app.ui.i18n import preset_hint, preset_label
from app.ui.plaintext import plain
from app.ui.profiles.widgets import ERROR_STYLE, KeyField, KeyringTrouble, ProbePanel

IMPORTED = "imported"  # the list entry for a profile read from a snippet


class WelcomeView(QWidget):
    """The first-run page's widgets and layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")

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
        for preset in (*PRESETS, CUSTOM):  # custom last: for any server the presets do not name
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
        self.models_status = plain(QLabel(self))  # the gateway's words when /models fails
        self.models_status.setObjectName("modelsStatus")
        self.models_status.setWordWrap(True)
        self.models_status.setMinimumWidth(320)
        self.notes = plain(QLabel(self))
        self.notes.setObjectName("importNotes")
        self.notes.setWordWrap(True)
        self.trouble = KeyringTrouble(self)
        self.error = plain(QLabel(self))
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

    def _show_key(self, needed: bool) -> None:
        self.form.setRowVisible(self.key, needed)

    def key_needed(self) -> bool:
        return self.key.isVisibleTo(self)

    def _set_models(self, models: list[str], current: str) -> None:
        self.model.clear()
        self.model.addItems(models)
        self.model.setCurrentText(current)

    def _fail(self, text: str) -> bool:
        self.error.setText(text)
        self.error.show()
        return False
