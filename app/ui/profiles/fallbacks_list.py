"""The profile editor's "Fallbacks" section: other profiles tried, in order, when this one fails (issue 16).

Each entry is another profile, optionally with a model ("OTHER" or "OTHER:MODEL", `Profile.fallbacks`); the
model box is fed by that profile's default model and its kept /models list. Add, Remove, Up and Down edit the
list; `values()` gives it back for the profile the editor saves (ProfileService refuses duplicates and the
profile itself again, in case). An entry that names no profile (one deleted since, or written by hand) is
kept and shown as missing: failover skips it and says so, it is never silently dropped.

It only shows and reads: the editor (app.ui.profiles.editor) gives it the profile names and the model lists.
Profile names and model ids are the user's or a gateway's: list and combo items never interpret markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.fallbacks import first_duplicate, format_target, parse_target
from app.ui.plaintext import escaped, plain
from app.ui.profiles.widgets import ERROR_STYLE

MAX_FALLBACKS = 16  # more than anyone tries in one reply; keeps a hand-edited file from filling the list
MAX_MODEL_CHARS = 200
_MISSING_COLOR = QColor("#b42318")
_TARGET = Qt.ItemDataRole.UserRole  # an item's entry as written, "OTHER" or "OTHER:MODEL"


class FallbacksList(QWidget):
    """The ordered fallbacks of one profile.

    Signals:
        edited(): an entry was added, removed or moved.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fallbacksSection")
        self._names: list[str] = []  # every stored profile's name
        self._own: set[str] = set()  # this profile's names (stored, and as the form has it)
        self._form_name = ""
        self._models_of: Callable[[str], list[str]] = lambda _name: []

        self.title = QLabel(self.tr("Fallbacks"), self)
        self.title.setStyleSheet("font-weight: bold;")
        self.hint = QLabel(
            self.tr(
                "Tried in order when this profile fails before any text arrives (connection, timeout, "
                "server error, rate limit, quota). Never after text arrived, nor on errors that are yours "
                "to fix (key, request, model)."
            ),
            self,
        )
        self.hint.setObjectName("fallbacksHint")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.list = QListWidget(self)
        self.list.setObjectName("fallbacksList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Room for a handful of entries: the Models table above is the one that grows.
        row = self.list.fontMetrics().height() + 4
        self.list.setMinimumHeight(3 * row + 8)
        self.list.setMaximumHeight(6 * row + 8)
        self.profile = QComboBox(self)
        self.profile.setObjectName("fallbackProfile")
        self.profile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.model = QComboBox(self)
        self.model.setObjectName("fallbackModel")
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit = self.model.lineEdit()
        assert edit is not None  # an editable combo has its line edit
        edit.setMaxLength(MAX_MODEL_CHARS)
        edit.setPlaceholderText(self.tr("Its default model"))
        self.add_button = QPushButton(self.tr("Add fallback"), self)
        self.add_button.setObjectName("addFallback")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeFallback")
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.up_button.setObjectName("fallbackUp")
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.down_button.setObjectName("fallbackDown")
        self.error = plain(QLabel(self))
        self.error.setObjectName("fallbacksError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        add_row = QHBoxLayout()
        add_row.addWidget(self.profile, 1)
        add_row.addWidget(self.model, 2)
        add_row.addWidget(self.add_button)
        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(body)
        layout.addLayout(add_row)
        layout.addWidget(self.error)

        self.profile.currentIndexChanged.connect(lambda _i: self._fill_models())
        self.add_button.clicked.connect(self._add_chosen)
        self.remove_button.clicked.connect(lambda: self.remove_entry(self.list.currentRow()))
        self.up_button.clicked.connect(lambda: self.move_entry(self.list.currentRow(), -1))
        self.down_button.clicked.connect(lambda: self.move_entry(self.list.currentRow(), +1))
        self.list.currentRowChanged.connect(lambda _row: self._sync_buttons())

    # ---- showing ------------------------------------------------------------------------------------

    def set_models_source(self, models_of: Callable[[str], list[str]]) -> None:
        """Where a profile's models come from (its default model, then its kept /models list)."""
        self._models_of = models_of

    def show_profile(self, name: str | None, fallbacks: Sequence[str], names: Sequence[str]) -> None:
        """Show the fallbacks of the profile `name` (None: a new one), among the stored profiles `names`."""
        self._names = list(names)
        self._own = {name} if name else set()
        self.set_form_name(name or "")
        self.list.clear()
        for target in list(fallbacks)[:MAX_FALLBACKS]:
            self.list.addItem(self._item(target))
        self.show_error("")
        self._sync_buttons()

    def set_form_name(self, name: str) -> None:
        """The name the form has now: offered profiles leave it (and the stored name) out."""
        own = self._own | {name.strip()}
        chosen = self.profile.currentText()
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItems([n for n in self._names if n not in own])
        index = self.profile.findText(chosen, Qt.MatchFlag.MatchExactly)
        self.profile.setCurrentIndex(max(index, 0))
        self.profile.blockSignals(False)
        self._form_name = name.strip()
        self._fill_models()
        self._sync_buttons()

    def _fill_models(self) -> None:
        name = self.profile.currentText()
        self.model.clear()
        if name:
            self.model.addItems(list(dict.fromkeys(m for m in self._models_of(name) if m)))
        self.model.setCurrentIndex(-1)
        self.model.setEditText("")

    def _item(self, target: str) -> QListWidgetItem:
        name, model = parse_target(target, self._known)
        if not self._known(name):
            text = self.tr("{} — no profile has this name: skipped until you remove or replace it").format(
                target
            )
            item = QListWidgetItem(text)
            item.setForeground(QBrush(_MISSING_COLOR))
            item.setToolTip(
                escaped(self.tr("The profile {} was deleted or renamed outside Sluice.").format(name))
            )
        elif model:
            item = QListWidgetItem(self.tr("{profile} · {model}").format(profile=name, model=model))
        else:
            item = QListWidgetItem(self.tr("{} · its default model").format(name))
        item.setData(_TARGET, target)
        return item

    def _known(self, name: str) -> bool:
        return name in self._names

    def _sync_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.remove_button.setEnabled(0 <= row < count)
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.add_button.setEnabled(self.profile.count() > 0 and count < MAX_FALLBACKS)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # ---- editing ------------------------------------------------------------------------------------

    def _add_chosen(self) -> None:
        self.add_entry(self.profile.currentText(), self.model.currentText())

    def add_entry(self, name: str, model: str = "") -> bool:
        """Append `name` (with `model`, "" for its default); False, and words why, if it cannot be."""
        name, model = name.strip(), model.strip()
        if not name:
            return False
        if name in self._own or name == self._form_name:
            self.show_error(self.tr("A profile cannot fall back to itself."))
            return False
        if self.list.count() >= MAX_FALLBACKS:
            self.show_error(self.tr("At most {} fallbacks.").format(MAX_FALLBACKS))
            return False
        target = format_target(name, model)
        if first_duplicate([*self.values(), target], self._known) is not None:
            self.show_error(self.tr("{} is in the list already.").format(target))
            return False
        self.list.addItem(self._item(target))
        self.list.setCurrentRow(self.list.count() - 1)
        self.show_error("")
        self._sync_buttons()
        self.edited.emit()
        return True

    def remove_entry(self, row: int) -> None:
        if not 0 <= row < self.list.count():
            return
        self.list.takeItem(row)
        self.show_error("")
        self._sync_buttons()
        self.edited.emit()

    def move_entry(self, row: int, step: int) -> None:
        """Move the entry at `row` one place up (-1) or down (+1)."""
        to = row + step
        if not (0 <= row < self.list.count() and 0 <= to < self.list.count()):
            return
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self.list.setCurrentRow(to)
        self._sync_buttons()
        self.edited.emit()

    # ---- reading ------------------------------------------------------------------------------------

    def values(self) -> tuple[str, ...]:
        """The entries in order, as written (a missing one kept as it was)."""
        return tuple(str(self.list.item(row).data(_TARGET)) for row in range(self.list.count()))

    def missing(self) -> list[str]:
        """The entries that name no stored profile."""
        return [t for t in self.values() if not self._known(parse_target(t, self._known)[0])]
