"""The settings dialog: theme, font size, send key, default profile, language. A view: it only lays out the
choices and reports them; the composition root saves and applies them.

A new language applies at the next start (translators are installed before any widget exists, app.py).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.settings import MAX_FONT, MIN_FONT, Settings
from app.ui.i18n import QT_TRANSLATE_NOOP

THEME_CHOICES = (
    ("system", QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system")),
    ("light", QT_TRANSLATE_NOOP("SettingsDialog", "Light")),
    ("dark", QT_TRANSLATE_NOOP("SettingsDialog", "Dark")),
)
SEND_KEY_CHOICES = (
    ("enter", QT_TRANSLATE_NOOP("SettingsDialog", "Enter sends, Shift+Enter starts a new line")),
    ("ctrl+enter", QT_TRANSLATE_NOOP("SettingsDialog", "Ctrl+Enter sends, Enter starts a new line")),
)
# Language names are written in their own language, so that anyone can find theirs: not translated.
LANGUAGE_CHOICES = (
    ("system", QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system")),
    ("en", "English"),
    ("zh_CN", "简体中文"),
    ("zh_TW", "繁體中文"),
)
NO_DEFAULT = ""


class SettingsDialog(QDialog):
    """Open with open(), never exec().

    Signals:
        applied(object, object): the user pressed OK: the new Settings, and the default profile name
            (None for "the first profile").
    """

    applied = Signal(object, object)

    def __init__(
        self,
        settings: Settings,
        profile_names: list[str],
        default_profile: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.theme = QComboBox(self)
        self.theme.setObjectName("themeCombo")
        for value, label in THEME_CHOICES:
            self.theme.addItem(self.tr(label), value)
        self.font_size = QSpinBox(self)
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(MIN_FONT - 1, MAX_FONT)
        self.font_size.setSpecialValueText(self.tr("System size"))  # shown for the minimum, which means "0"
        self.font_size.setSuffix(self.tr(" pt"))
        self.send_key = QComboBox(self)
        self.send_key.setObjectName("sendKeyCombo")
        for value, label in SEND_KEY_CHOICES:
            self.send_key.addItem(self.tr(label), value)
        self.default_profile = QComboBox(self)
        self.default_profile.setObjectName("defaultProfileCombo")
        self.default_profile.addItem(self.tr("The first profile"), NO_DEFAULT)
        for name in profile_names:
            self.default_profile.addItem(name, name)
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        for value, label in LANGUAGE_CHOICES:
            self.language.addItem(self.tr(label) if value == "system" else label, value)
        self.record_exchanges = QCheckBox(self.tr("Keep a record of each reply's exchange (Inspect)"), self)
        self.record_exchanges.setObjectName("recordExchanges")
        self.record_exchanges.setToolTip(
            self.tr(
                "The request (keys left out) and the bytes received with their times, up to 2 MB a reply."
            )
        )
        self.record_exchanges.setChecked(settings.record_exchanges)
        self._settings = settings  # what the form does not show (keep_image_metadata) is kept as it is
        language_note = QLabel(self.tr("A new language applies after a restart of Sluice."), self)
        language_note.setObjectName("languageNote")
        language_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow(self.tr("Send with"), self.send_key)
        form.addRow(self.tr("Default profile"), self.default_profile)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", language_note)
        form.addRow("", self.record_exchanges)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        self._choose(self.theme, settings.theme)
        self.font_size.setValue(settings.font_size if settings.font_size else MIN_FONT - 1)
        self._choose(self.send_key, settings.send_key)
        self._choose(self.default_profile, default_profile or NO_DEFAULT)
        self._choose(self.language, settings.language)

    @staticmethod
    def _choose(combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def chosen(self) -> tuple[Settings, str | None]:
        size = self.font_size.value()
        settings = dataclasses.replace(
            self._settings,
            theme=str(self.theme.currentData()),
            font_size=0 if size < MIN_FONT else size,
            send_key=str(self.send_key.currentData()),
            language=str(self.language.currentData()),
            record_exchanges=self.record_exchanges.isChecked(),
        )
        default = str(self.default_profile.currentData()) or None
        return settings, default

    def _accept(self) -> None:
        settings, default = self.chosen()
        self.applied.emit(settings, default)
        self.accept()
