"""Settings as a page in place of the chat: Appearance, Chat, Keyboard, Language, Data.

A view: it lays out the choices and reports each one at once (`changed`), so the window previews it
live — the theme and the text size change while the page is open, and a sample on the page shows the size.
The composition root saves and applies; a new language applies at the next start (translators are
installed before any widget exists, app.py). Built the first time Settings is opened.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.settings import MAX_FONT, MIN_FONT, Settings
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.icons import icon
from app.ui.shortcuts import SHORTCUTS, shortcut_words

THEME_CHOICES = (
    ("system", QT_TRANSLATE_NOOP("SettingsPage", "Follow the system")),
    ("light", QT_TRANSLATE_NOOP("SettingsPage", "Light")),
    ("dark", QT_TRANSLATE_NOOP("SettingsPage", "Dark")),
)
SEND_KEY_CHOICES = (
    ("enter", QT_TRANSLATE_NOOP("SettingsPage", "Enter sends, Shift+Enter starts a new line")),
    ("ctrl+enter", QT_TRANSLATE_NOOP("SettingsPage", "Ctrl+Enter sends, Enter starts a new line")),
)
# Language names are written in their own language, so that anyone can find theirs: not translated.
LANGUAGE_CHOICES = (
    ("system", QT_TRANSLATE_NOOP("SettingsPage", "Follow the system")),
    ("en", "English"),
    ("zh_CN", "简体中文"),
    ("zh_TW", "繁體中文"),
)
SECTIONS = (
    ("appearance", QT_TRANSLATE_NOOP("SettingsPage", "Appearance"), "sun"),
    ("chat", QT_TRANSLATE_NOOP("SettingsPage", "Chat"), "message"),
    ("keyboard", QT_TRANSLATE_NOOP("SettingsPage", "Keyboard"), "keyboard"),
    ("language", QT_TRANSLATE_NOOP("SettingsPage", "Language"), "globe"),
    ("data", QT_TRANSLATE_NOOP("SettingsPage", "Data"), "database"),
)
NO_DEFAULT = ""


def system_point_size() -> int:
    """The desktop's text size, in points: the default, and what 0 in settings.toml means."""
    size = QApplication.font().pointSize()
    return size if size > 0 else 10


class SettingsPage(QWidget):
    """Signals:
    changed(object, object): a choice changed: the new Settings, and the default profile name (None
        for "the first profile"). Emitted at once, for a live preview.
    closed(): Back (or Esc): show the chat again.
    open_data_folder_requested(), export_requested(): the Data section's buttons.
    """

    changed = Signal(object, object)
    closed = Signal()
    open_data_folder_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._quiet = False
        self._sections: dict[str, QWidget] = {}

        back = QPushButton(icon("arrow-left"), self.tr("Back to the chat"), self)
        back.setObjectName("settingsBack")
        back.clicked.connect(self.closed)
        title = QLabel(self.tr("Settings"), self)
        title.setObjectName("sectionTitle")
        big = QFont(title.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        title.setFont(big)
        header = QHBoxLayout()
        header.addWidget(back)
        header.addSpacing(12)
        header.addWidget(title)
        header.addStretch(1)

        self.nav = QListWidget(self)
        self.nav.setObjectName("settingsNav")
        self.nav.setFixedWidth(160)
        self.nav.setIconSize(QSize(18, 18))
        body = QWidget(self)
        body.setObjectName("settingsBody")
        self._body = QVBoxLayout(body)
        self._body.setContentsMargins(24, 8, 24, 24)
        self._body.setSpacing(20)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(body)

        self._build_appearance()
        self._build_chat()
        self._build_keyboard()
        self._build_language()
        self._build_data()
        self._body.addStretch(1)
        for key, label, name in SECTIONS:
            item = QListWidgetItem(icon(name), self.tr(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.setCurrentRow(0)
        self.nav.currentItemChanged.connect(self._go_to_section)

        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(0)
        columns.addWidget(self.nav)
        columns.addWidget(self.scroller, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 0, 0)
        layout.addLayout(header)
        layout.addLayout(columns, 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        # Esc goes back to the chat. A key event, not a shortcut: while a reply streams the window's Esc
        # shortcut stops it, and two Esc shortcuts at once would make both ambiguous.
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)

    # -- sections -------------------------------------------------------------------------------------

    def _section(self, key: str, title: str) -> QFormLayout:
        box = QWidget(self)
        heading = QLabel(title, box)
        heading.setObjectName("sectionTitle")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above fields when narrow
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading)
        column.addLayout(form)
        self._body.addWidget(box)
        self._sections[key] = box
        return form

    def _combo(self, name: str, choices: tuple[tuple[str, str], ...], translate: bool = True) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for value, label in choices:
            combo.addItem(self.tr(label) if translate or value == "system" else label, value)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def _build_appearance(self) -> None:
        form = self._section("appearance", self.tr("Appearance"))
        self.theme = self._combo("themeCombo", THEME_CHOICES)
        form.addRow(self.tr("Theme"), self.theme)
        self.font_size = QSpinBox(self)
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(MIN_FONT, MAX_FONT)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.valueChanged.connect(self._emit)
        self.system_size = QPushButton(self.tr("System size ({} pt)").format(system_point_size()), self)
        self.system_size.setObjectName("systemSize")
        self.system_size.clicked.connect(lambda: self.font_size.setValue(system_point_size()))
        size_row = QHBoxLayout()
        size_row.addWidget(self.font_size)
        size_row.addWidget(self.system_size)
        size_row.addStretch(1)
        form.addRow(self.tr("Text size"), size_row)
        self.sample = QLabel(self.tr("The quick brown fox jumps over the lazy dog."), self)
        self.sample.setObjectName("textSample")
        self.sample.setWordWrap(True)
        self.sample.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        form.addRow(self.tr("Preview"), self.sample)

    def _build_chat(self) -> None:
        form = self._section("chat", self.tr("Chat"))
        self.send_key = self._combo("sendKeyCombo", SEND_KEY_CHOICES)
        form.addRow(self.tr("Send with"), self.send_key)
        self.default_profile = QComboBox(self)
        self.default_profile.setObjectName("defaultProfileCombo")
        self.default_profile.currentIndexChanged.connect(self._emit)
        form.addRow(self.tr("Default profile"), self.default_profile)
        self.record_exchanges = QCheckBox(self.tr("Keep a record of each reply's exchange (Inspect)"), self)
        self.record_exchanges.setObjectName("recordExchanges")
        self.record_exchanges.setToolTip(
            self.tr(
                "The request (keys left out) and the bytes received with their times, up to 2 MB a reply."
            )
        )
        self.record_exchanges.toggled.connect(self._emit)
        form.addRow("", self.record_exchanges)
        self.keep_image_metadata = QCheckBox(self.tr("Send photos as they are, location data included"), self)
        self.keep_image_metadata.setObjectName("keepImageMetadata")
        self.keep_image_metadata.setToolTip(
            self.tr("Off: a photo that carries its location (EXIF GPS) is sent without its metadata.")
        )
        self.keep_image_metadata.toggled.connect(self._emit)
        form.addRow("", self.keep_image_metadata)

    def _build_keyboard(self) -> None:
        form = self._section("keyboard", self.tr("Keyboard"))
        for keys, what in SHORTCUTS:
            cap = QLabel(keys, self)
            cap.setObjectName("keyCap")
            cap.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(cap, QLabel(shortcut_words(what), self))

    def _build_language(self) -> None:
        form = self._section("language", self.tr("Language"))
        self.language = self._combo("languageCombo", LANGUAGE_CHOICES, translate=False)
        form.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("A new language applies after a restart of Sluice."), self)
        note.setObjectName("languageNote")
        note.setWordWrap(True)
        form.addRow("", note)

    def _build_data(self) -> None:
        form = self._section("data", self.tr("Data"))
        self.data_folder = QPushButton(icon("folder"), self.tr("Open the data folder"), self)
        self.data_folder.clicked.connect(self.open_data_folder_requested)
        self.export = QPushButton(icon("download"), self.tr("Export all conversations…"), self)
        self.export.clicked.connect(self.export_requested)
        self.data_note = QLabel(self)
        self.data_note.setObjectName("hint")
        self.data_note.setTextFormat(Qt.TextFormat.PlainText)  # a path: the user's own words
        self.data_note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.data_folder)
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.data_note)

    # -- public API -----------------------------------------------------------------------------------

    def show_values(
        self, settings: Settings, profile_names: list[str], default_profile: str | None, data_dir: str
    ) -> None:
        """Show these choices (without reporting them as changes)."""
        self._quiet = True
        try:
            self._choose(self.theme, settings.theme)
            self.font_size.setValue(settings.font_size or system_point_size())
            self._choose(self.send_key, settings.send_key)
            self.default_profile.clear()
            self.default_profile.addItem(self.tr("The first profile"), NO_DEFAULT)
            for name in profile_names:
                self.default_profile.addItem(name, name)
            self._choose(self.default_profile, default_profile or NO_DEFAULT)
            self._choose(self.language, settings.language)
            self.record_exchanges.setChecked(settings.record_exchanges)
            self.keep_image_metadata.setChecked(settings.keep_image_metadata)
            self.data_note.setText(self.tr("Conversations are kept in {}").format(data_dir))
        finally:
            self._quiet = False
        self._sync_sample()

    def set_data_note(self, text: str) -> None:
        self.data_note.setText(text)

    def chosen(self) -> tuple[Settings, str | None]:
        size = self.font_size.value()
        settings = Settings(
            theme=str(self.theme.currentData()),
            font_size=0 if size == system_point_size() else size,
            send_key=str(self.send_key.currentData()),
            language=str(self.language.currentData()),
            keep_image_metadata=self.keep_image_metadata.isChecked(),
            record_exchanges=self.record_exchanges.isChecked(),
        )
        default = str(self.default_profile.currentData() or "") or None
        return settings, default

    # -- internals ------------------------------------------------------------------------------------

    @staticmethod
    def _choose(combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def _sync_sample(self) -> None:
        font = QFont(self.sample.font())
        font.setPointSize(self.font_size.value())
        self.sample.setFont(font)
        # Room for two lines at the chosen size: a wrapped label in a form does not grow by itself.
        self.sample.setMinimumHeight(2 * QFontMetrics(font).lineSpacing() + 20)

    def _emit(self) -> None:
        self._sync_sample()
        if not self._quiet:
            self.changed.emit(*self.chosen())

    def _go_to_section(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        section = self._sections.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if section is not None:
            self.scroller.verticalScrollBar().setValue(section.y())
