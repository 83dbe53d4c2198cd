"""The bar above the transcript: the sidebar toggle, one "profile · model" pill that opens a searchable
picker, and icon buttons for the system prompt, regenerate and the menu."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget

from app.ui.icons import icon
from app.ui.plaintext import escaped
from app.ui.search_popup import Entry, SearchPopup

PILL_MAX_CHARS = 48  # a long model id is elided in the pill (the picker and the tooltip show it whole)


class ChatTopBar(QWidget):
    """A view: it shows the conversation's profile and model and reports what the user asked for.

    Signals:
        picker_requested(): the pill was clicked; answer with `show_picker(entries)`.
        profile_model_chosen(str, str): the user picked a profile and model in the picker.
        profile_chosen(str): the user picked another profile (kept for callers that pick only that).
        model_chosen(str): the user typed or picked a model for the current profile.
        refresh_models_requested(): "Fetch the model list again" in the picker's menu.
        images_toggle_requested(str, str): a profile's model's images toggle in the picker (click or
            Ctrl+I): auto → on → off.
        system_prompt_requested(): the system prompt button.
        regenerate_requested(): the regenerate button.
        edit_profiles_requested(), new_profile_requested(), settings_requested(),
        palette_requested(), shortcuts_requested(): the menu's entries.
        sidebar_toggle_requested(): the sidebar button.
        usage_requested(): "Usage…" in the menu (the Usage page).
        compare_requested(): the Compare button (enter or leave Compare mode).
    """

    picker_requested = Signal()
    profile_model_chosen = Signal(str, str)
    profile_chosen = Signal(str)
    model_chosen = Signal(str)
    refresh_models_requested = Signal()
    images_toggle_requested = Signal(str, str)
    system_prompt_requested = Signal()
    regenerate_requested = Signal()
    edit_profiles_requested = Signal()
    new_profile_requested = Signal()
    settings_requested = Signal()
    palette_requested = Signal()
    shortcuts_requested = Signal()
    sidebar_toggle_requested = Signal()
    usage_requested = Signal()
    compare_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._profile: str | None = None
        self._model = ""
        self._profiles: list[str] = []
        self._models: list[str] = []
        self._busy = False
        self._can_regenerate = False
        self._picker: SearchPopup | None = None

        self.sidebar_button = self._icon_button("sidebar", self.tr("Show or hide the sidebar (Ctrl+B)"))
        self.sidebar_button.clicked.connect(self.sidebar_toggle_requested)
        self.pill = QToolButton(self)
        self.pill.setObjectName("modelPill")
        self.pill.setIcon(icon("chevron-down"))
        self.pill.setIconSize(QSize(14, 14))
        self.pill.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the chevron after the text
        self.pill.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.pill.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.pill.clicked.connect(self.picker_requested)
        self.system = self._icon_button("system-prompt", self.tr("System prompt"))
        self.system.setCheckable(True)  # shown pressed while the conversation has one
        self.system.clicked.connect(self._system_clicked)
        self.regenerate = self._icon_button("regenerate", self.tr("Regenerate the last reply"))
        self.regenerate.clicked.connect(self.regenerate_requested)
        self.regenerate.setEnabled(False)
        self.compare = self._icon_button("columns", self.tr("Compare side by side"))
        self.compare.setCheckable(True)  # shown pressed while Compare mode is on
        self.compare.clicked.connect(self._compare_clicked)
        self.menu_button = self._icon_button("more", self.tr("Menu"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        self.palette_action = menu.addAction(icon("command"), self.tr("Command palette"))
        self.palette_action.setShortcut("Ctrl+K")
        self.palette_action.setShortcutVisibleInContextMenu(True)
        menu.addSeparator()
        self.edit_profiles_action = menu.addAction(icon("server"), self.tr("Edit profiles…"))
        self.new_profile_action = menu.addAction(icon("plus"), self.tr("New profile…"))
        self.refresh_action = menu.addAction(icon("regenerate"), self.tr("Fetch the model list again"))
        menu.addSeparator()
        self.usage_action = menu.addAction(icon("database"), self.tr("Usage…"))
        self.settings_action = menu.addAction(icon("settings"), self.tr("Settings…"))
        self.shortcuts_action = menu.addAction(icon("keyboard"), self.tr("Keyboard shortcuts"))
        self.shortcuts_action.setShortcut("Ctrl+/")
        self.shortcuts_action.setShortcutVisibleInContextMenu(True)
        for action in (self.palette_action, self.shortcuts_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the window owns the real ones
        self.menu_button.setMenu(menu)
        self.cost = QLabel(self)
        self.cost.setObjectName("conversationCost")
        self.cost.setTextFormat(Qt.TextFormat.PlainText)
        self.cost.setToolTip(self.tr("What this conversation's replies cost, where the cost is known"))
        self.cost.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.sidebar_button)
        layout.addSpacing(4)
        layout.addWidget(self.pill, 1)
        layout.addStretch(0)
        layout.addWidget(self.cost)
        layout.addSpacing(6)
        layout.addWidget(self.system)
        layout.addWidget(self.regenerate)
        layout.addWidget(self.compare)
        layout.addWidget(self.menu_button)

        self.edit_profiles_action.triggered.connect(self.edit_profiles_requested)
        self.new_profile_action.triggered.connect(self.new_profile_requested)
        self.refresh_action.triggered.connect(self.refresh_models_requested)
        self.settings_action.triggered.connect(self.settings_requested)
        self.usage_action.triggered.connect(self.usage_requested)
        self.palette_action.triggered.connect(self.palette_requested)
        self.shortcuts_action.triggered.connect(self.shortcuts_requested)
        self._sync_pill()

    def _icon_button(self, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(name))
        button.setIconSize(QSize(18, 18))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFixedSize(QSize(32, 32))
        return button

    # -- what is shown --------------------------------------------------------------------------------

    def set_conversation_cost(self, text: str) -> None:
        """The conversation's known cost ("$0.012 + ¥0.40"); "" hides it."""
        self.cost.setText(text)
        self.cost.setVisible(bool(text))

    def set_profiles(self, names: list[str], current: str | None) -> None:
        self._profiles = list(names)
        self._profile = current if current in names else None
        self._sync_pill()

    def set_models(self, models: list[str], current: str) -> None:
        self._models = list(models)
        self._model = current
        self._sync_pill()

    def set_model_text(self, model: str) -> None:
        self._model = model
        self._sync_pill()

    def current_profile(self) -> str | None:
        return self._profile

    def current_model(self) -> str:
        return self._model

    def profile_names(self) -> list[str]:
        return list(self._profiles)

    def models(self) -> list[str]:
        return list(self._models)

    def pill_text(self) -> str:
        return self.pill.text()

    def set_system_prompt_marker(self, has_prompt: bool) -> None:
        self.system.setChecked(has_prompt)
        tip = self.tr("System prompt (this conversation has one)") if has_prompt else self.tr("System prompt")
        self.system.setToolTip(tip)

    def set_busy(self, busy: bool) -> None:
        """While a reply streams, profile/model changes wait and regenerate is off."""
        self._busy = busy
        self.pill.setEnabled(not busy)
        self.regenerate.setEnabled(not busy and self._can_regenerate)

    def set_can_regenerate(self, can: bool) -> None:
        """Whether the open conversation has a reply to ask again for (an empty chat has none)."""
        self._can_regenerate = can
        self.regenerate.setEnabled(not self._busy and can)

    def set_models_loading(self, loading: bool) -> None:
        self.refresh_action.setEnabled(not loading)
        self.refresh_action.setText(
            self.tr("Fetching models…") if loading else self.tr("Fetch the model list again")
        )

    def _sync_pill(self) -> None:
        if self._profile is None:
            text = self.tr("No profile")
        else:
            model = self._model or self.tr("choose a model")
            text = f"{self._profile} · {model}"
        shown = text if len(text) <= PILL_MAX_CHARS else text[: PILL_MAX_CHARS - 1] + "…"
        self.pill.setText(shown)
        # The profile's name and the model id are the user's and the gateway's words: never rich text.
        self.pill.setToolTip(escaped(self.tr("{} — click to choose a profile and model").format(text)))

    def set_compare_active(self, active: bool) -> None:
        self.compare.setChecked(active)

    def _compare_clicked(self) -> None:
        self.compare.setChecked(not self.compare.isChecked())  # the mark follows the mode, not the click
        self.compare_requested.emit()

    def _system_clicked(self) -> None:
        self.system.setChecked(not self.system.isChecked())  # the marker follows the prompt, not the click
        self.system_prompt_requested.emit()

    # -- the picker -----------------------------------------------------------------------------------

    def picker(self) -> SearchPopup:
        """The picker, built on first use."""
        if self._picker is None:
            self._picker = SearchPopup(self, self.tr("Search profiles and models, or type a model id"))
            self._picker.setObjectName("popupPanel")
            self._picker.chosen.connect(self._picked)
            self._picker.toggled.connect(self._images_toggled)
            self._picker.fallback = self._typed_model
            self._picker.set_hint(self.tr("Enter: use the model · Ctrl+I: images auto → on → off"))
        return self._picker

    def show_picker(self, entries: list[Entry]) -> SearchPopup:
        picker = self.picker()
        picker.set_entries(entries)
        picker.open_below(self.pill)
        return picker

    def update_picker(self, entries: list[Entry]) -> None:
        """New rows while the picker is open (a model list arrived); the typed filter stays."""
        if self._picker is not None and self._picker.isVisible():
            self._picker.set_entries(entries)

    def open_picker(self) -> None:
        self.picker_requested.emit()

    def _typed_model(self, text: str) -> Entry | None:
        if self._profile is None or " " in text:
            return None
        return Entry(
            self.tr("Use the model “{}”").format(text),
            (self._profile, text),
            detail=self._profile,
            section=self.tr("Type a model id"),
            icon="pencil",
        )

    def _images_toggled(self, payload: object) -> None:
        if isinstance(payload, tuple) and len(payload) == 2:
            profile, model = payload
            self.images_toggle_requested.emit(str(profile), str(model))

    def _picked(self, payload: object) -> None:
        if isinstance(payload, tuple) and len(payload) == 2:
            profile, model = payload
            self.profile_model_chosen.emit(str(profile), str(model))
