"""The bar above the transcript: which profile and model this conversation uses, and its system prompt."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget


class ChatTopBar(QWidget):
    """Profile combo, editable model combo (list from /models, free text allowed), refresh, system prompt.

    Signals:
        profile_chosen(str): the user picked another profile.
        model_chosen(str): the user picked or typed a model (emitted when editing finishes).
        refresh_models_requested(): the ⟳ button.
        system_prompt_requested(): the "System prompt" button.
        regenerate_requested(): the "Regenerate" button.
        edit_profiles_requested(): "Edit profiles…" (the ⋯ button beside the profile switcher).
        new_profile_requested(): "New profile…" in the same menu.
        settings_requested(): "Settings…" in the same menu.
        usage_requested(): "Usage…" in the same menu.
    """

    profile_chosen = Signal(str)
    model_chosen = Signal(str)
    refresh_models_requested = Signal()
    system_prompt_requested = Signal()
    regenerate_requested = Signal()
    edit_profiles_requested = Signal()
    new_profile_requested = Signal()
    settings_requested = Signal()
    usage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = QComboBox(self)
        self.profile.setObjectName("profileCombo")
        self.profile.setToolTip(self.tr("Profile (gateway) for this conversation"))
        self.profile.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model = QComboBox(self)
        self.model.setObjectName("modelCombo")
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setToolTip(self.tr("Model: pick from the gateway's list or type any id"))
        self.model.setMinimumContentsLength(22)
        self.model.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.profiles_menu = QToolButton(self)
        self.profiles_menu.setObjectName("profilesMenu")
        self.profiles_menu.setText("⋯")
        self.profiles_menu.setToolTip(self.tr("Edit profiles, add one, settings"))
        self.profiles_menu.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.profiles_menu)
        self.edit_profiles_action = menu.addAction(self.tr("Edit profiles…"))
        self.new_profile_action = menu.addAction(self.tr("New profile…"))
        menu.addSeparator()
        self.usage_action = menu.addAction(self.tr("Usage…"))
        self.settings_action = menu.addAction(self.tr("Settings…"))
        self.profiles_menu.setMenu(menu)
        self.refresh = QToolButton(self)
        self.refresh.setText("⟳")
        self.refresh.setToolTip(self.tr("Fetch the model list again"))
        self.system = QToolButton(self)
        self.system.setText(self.tr("System prompt"))
        self.system.setCheckable(False)
        self.regenerate = QToolButton(self)
        self.regenerate.setText(self.tr("Regenerate"))
        self.regenerate.setToolTip(self.tr("Ask again for the last reply"))
        self.cost = QLabel(self)
        self.cost.setObjectName("conversationCost")
        self.cost.setTextFormat(Qt.TextFormat.PlainText)
        self.cost.setToolTip(self.tr("What this conversation's replies cost, where the cost is known"))
        self.cost.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(QLabel(self.tr("Profile"), self))
        layout.addWidget(self.profile)
        layout.addWidget(self.profiles_menu)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Model"), self))
        layout.addWidget(self.model, 1)
        layout.addWidget(self.refresh)
        layout.addSpacing(8)
        layout.addWidget(self.cost)
        layout.addWidget(self.system)
        layout.addWidget(self.regenerate)

        self.profile.activated.connect(lambda _i: self.profile_chosen.emit(self.profile.currentText()))
        self.model.activated.connect(lambda _i: self.model_chosen.emit(self.model.currentText().strip()))
        line_edit = self.model.lineEdit()
        if line_edit is not None:
            line_edit.editingFinished.connect(
                lambda: self.model_chosen.emit(self.model.currentText().strip())
            )
        self.edit_profiles_action.triggered.connect(self.edit_profiles_requested)
        self.new_profile_action.triggered.connect(self.new_profile_requested)
        self.settings_action.triggered.connect(self.settings_requested)
        self.usage_action.triggered.connect(self.usage_requested)
        self.refresh.clicked.connect(self.refresh_models_requested)
        self.system.clicked.connect(self.system_prompt_requested)
        self.regenerate.clicked.connect(self.regenerate_requested)

    def set_conversation_cost(self, text: str) -> None:
        """The conversation's known cost ("$0.012 + ¥0.40"); "" hides it."""
        self.cost.setText(text)
        self.cost.setVisible(bool(text))

    def set_profiles(self, names: list[str], current: str | None) -> None:
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItems(names)
        if current in names:
            self.profile.setCurrentText(current)
        self.profile.blockSignals(False)

    def set_models(self, models: list[str], current: str) -> None:
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(models)
        self.model.setCurrentText(current)
        self.model.blockSignals(False)

    def set_model_text(self, model: str) -> None:
        self.model.blockSignals(True)
        self.model.setCurrentText(model)
        self.model.blockSignals(False)

    def set_system_prompt_marker(self, has_prompt: bool) -> None:
        self.system.setText(self.tr("System prompt ✓") if has_prompt else self.tr("System prompt"))
        self.system.setToolTip(self.tr("This conversation has a system prompt") if has_prompt else "")

    def set_busy(self, busy: bool) -> None:
        """While a reply streams, profile/model changes wait and regenerate is off."""
        for widget in (self.profile, self.model, self.regenerate):
            widget.setEnabled(not busy)

    def set_models_loading(self, loading: bool) -> None:
        self.refresh.setEnabled(not loading)
        tip = self.tr("Fetching models…") if loading else self.tr("Fetch the model list again")
        self.refresh.setToolTip(tip)
        self.refresh.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
