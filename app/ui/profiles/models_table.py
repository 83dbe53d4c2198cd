"""The profile editor's "Models" section: per model, whether it takes images and what it costs.

One row per model the gateway listed (the kept /models catalogue) plus every model the user priced or marked.
Columns: the model; "takes images" as a tri-state check (partly checked = auto, which shows what /models
said; checked = on; unchecked = off); the user's price in the `--price` form "IN/OUT[/CACHED] CUR" per 1M
tokens (empty: use the gateway's); and the gateway's published price, read-only and marked as the gateway's.
Below, "Ask the gateway for each reply's cost" (Profile.request_cost).

It only shows and reads: the editor (app.ui.profiles.editor) gives it the profile and the catalogue's models
and folds `values()` into the profile it saves. Model ids come from a gateway: they are shown through
QTableWidgetItem, which never interprets markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ProfileError
from app.core.models import ModelInfo, Profile
from app.core.pricing import PriceError, parse_price_spec
from app.ui.plaintext import escaped, plain
from app.ui.profiles.widgets import ERROR_STYLE

MODEL, IMAGES, PRICE, PUBLISHED = range(4)
MAX_MODEL_CHARS = 200  # a model id typed into "Add"; gateways' ids are far shorter
_ERROR_COLOR = QColor("#b42318")
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
_TRI_STATE = _READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate


class ModelsTable(QWidget):
    """Per-model images override and price for one profile, and the request-cost switch.

    Signals:
        edited(): the user changed a price, an images override, the request-cost box or added a model.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsSection")
        self._published: dict[str, ModelInfo] = {}
        self._extra: set[str] = set()  # rows kept without a price or mark: the default model, ones added
        self._loading = False
        self._filtered = False  # some rows are hidden by the filter

        self.title = QLabel(self.tr("Models"), self)
        self.title.setStyleSheet("font-weight: bold;")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("modelsFilter")
        self.filter.setPlaceholderText(self.tr("Filter models"))
        self.filter.setClearButtonEnabled(True)
        self.add_edit = QLineEdit(self)
        self.add_edit.setObjectName("addModelEdit")
        self.add_edit.setPlaceholderText(self.tr("Another model id"))
        self.add_edit.setMaxLength(MAX_MODEL_CHARS)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("addModel")

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("modelsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Takes images"),
                self.tr("Your price"),
                self.tr("Gateway's price"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        # Sized once per fill (_fit_columns): ResizeToContents would measure every row on every change,
        # which made a 500-model list take seconds to fill (bench/models_table.py).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MODEL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(PRICE, self.fontMetrics().horizontalAdvance("0.25/2.00/0.025 USD") + 16)
        self.table.setMinimumHeight(150)
        self.table.setToolTip(
            self.tr(
                "Takes images: click to cycle auto (what /models says), on, off.\n"
                "Your price: IN/OUT[/CACHED] CUR per 1M tokens, e.g. 0.25/2.00 USD or 2/8 CNY; "
                "empty uses the gateway's."
            )
        )

        self.hint = QLabel(
            self.tr(
                "Prices per 1M tokens: IN/OUT[/CACHED] CUR, e.g. 0.25/2.00 USD or 2/8 CNY. "
                "Empty: the gateway's price is used."
            ),
            self,
        )
        self.hint.setObjectName("modelsHint")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = plain(QLabel(self))
        self.error.setObjectName("modelsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.request_cost = QCheckBox(self.tr("Ask the gateway for each reply's cost"), self)
        self.request_cost.setObjectName("requestCost")
        self.request_cost.setToolTip(
            self.tr(
                "Sends usage.include = true so that gateways such as OpenRouter report what "
                "each reply cost. Sluice stops asking if the gateway refuses the field."
            )
        )

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.filter, 1)
        top.addWidget(self.add_edit, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)  # apart from the connection test above
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.request_cost)

        self.table.itemChanged.connect(self._item_changed)
        self.filter.textChanged.connect(self._apply_filter)
        self.add_button.clicked.connect(self._add_typed)
        self.add_edit.returnPressed.connect(self._add_typed)
        self.request_cost.toggled.connect(lambda _on: self._emit_edited())

    # ---- showing ------------------------------------------------------------------------------------

    def show_profile(self, profile: Profile, published: list[ModelInfo]) -> None:
        """Show `profile`'s prices and overrides over the gateway's `published` models."""
        self._loading = True
        self.request_cost.setChecked(profile.request_cost)
        self._loading = False
        self._extra = {profile.model} if profile.model else set()
        self._fill(published, dict(profile.prices), dict(profile.vision))

    def set_published(self, published: list[ModelInfo]) -> None:
        """A fresh /models list: rebuild the rows, keeping everything the user typed or marked."""
        self._fill(published, self._typed_prices(), self._marked())

    def add_model(self, model: str) -> None:
        """A row for `model` (one the gateway does not list) so that it can be priced or marked."""
        model = model.strip()
        if not model:
            return
        row = self.row_of(model)
        if row is None:
            self._extra.add(model)
            self._fill(list(self._published.values()), self._typed_prices(), self._marked())
            row = self.row_of(model)
        item = self.table.item(row, PRICE) if row is not None else None
        if item is not None:
            self.table.setCurrentItem(item)
            self.table.scrollToItem(item)

    def row_of(self, model: str) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, MODEL)
            if item is not None and item.text() == model:
                return row
        return None

    def models(self) -> list[str]:
        return [self._model(row) for row in range(self.table.rowCount())]

    # ---- reading ------------------------------------------------------------------------------------

    def values(self) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, bool], ...], bool]:
        """(prices, vision, request_cost) for Profile; ProfileError names the first price that is wrong."""
        prices: list[tuple[str, str]] = []
        for model, text in self._typed_prices().items():
            try:
                price = parse_price_spec(text)
            except PriceError:
                raise ProfileError(self._price_problem(model, text)) from None
            prices.append((model, price.spec()))
        return tuple(prices), tuple(self._marked().items()), self.request_cost.isChecked()

    # ---- the rows -----------------------------------------------------------------------------------

    def _fill(
        self,
        published: list[ModelInfo],
        prices: dict[str, str],
        vision: dict[str, bool],
    ) -> None:
        self._published = {info.id: info for info in published}
        names = sorted({*self._published, *prices, *vision, *self._extra})
        self._loading = True
        self.table.setUpdatesEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(names))
        for row, model in enumerate(names):
            name_item = QTableWidgetItem(model)
            name_item.setFlags(_READ_ONLY)
            self.table.setItem(row, MODEL, name_item)
            images = QTableWidgetItem()
            images.setFlags(_TRI_STATE)
            images.setCheckState(_check_state(vision.get(model)))
            self.table.setItem(row, IMAGES, images)
            self._label_images(row)
            price = QTableWidgetItem(prices.get(model, ""))
            price.setFlags(_EDITABLE)
            self.table.setItem(row, PRICE, price)
            if price.text():
                self._mark_price(row)
            self.table.setItem(row, PUBLISHED, self._published_item(self._published.get(model)))
        self.table.setUpdatesEnabled(True)
        self._loading = False
        self._fit_columns()
        self._apply_filter(self.filter.text())
        self._show_problems()

    def _fit_columns(self) -> None:
        """Widen the images and gateway's-price columns to their longest text (measured, not per row)."""
        metrics = self.table.fontMetrics()
        for column, room in ((IMAGES, 36), (PUBLISHED, 12)):  # 36: the check box beside the text
            texts = set()
            for row in range(self.table.rowCount()):
                item = self.table.item(row, column)
                if item is not None:
                    texts.add(item.text())
            widest = max((metrics.horizontalAdvance(text) + room for text in texts), default=60)
            header_item = self.table.horizontalHeaderItem(column)
            if header_item is not None:
                widest = max(widest, metrics.horizontalAdvance(header_item.text()) + 16)
            self.table.horizontalHeader().resizeSection(column, widest)

    def _published_item(self, info: ModelInfo | None) -> QTableWidgetItem:
        price = info.price if info is not None else None
        item = QTableWidgetItem(
            self.tr("{price} (from the gateway)").format(price=price.spec()) if price is not None else "—"
        )
        item.setFlags(_READ_ONLY)
        item.setToolTip(
            self.tr("Published in the gateway's /models; your price, when set, is used instead.")
            if price is not None
            else self.tr("The gateway publishes no price for this model.")
        )
        return item

    def _label_images(self, row: int) -> None:
        item = self.table.item(row, IMAGES)
        if item is None:
            return
        state = item.checkState()
        if state == Qt.CheckState.Checked:
            text = self.tr("on")
        elif state == Qt.CheckState.Unchecked:
            text = self.tr("off")
        else:
            model_item = self.table.item(row, MODEL)
            info = self._published.get(model_item.text()) if model_item is not None else None
            said = info.vision if info is not None else None
            text = (
                self.tr("auto (unknown)")
                if said is None
                else self.tr("auto (yes)")
                if said
                else self.tr("auto (no)")
            )
        item.setText(text)

    def _mark_price(self, row: int) -> None:
        item = self.table.item(row, PRICE)
        if item is None:
            return
        text = item.text().strip()
        bad = bool(text) and not _valid(text)
        item.setForeground(QBrush(_ERROR_COLOR) if bad else QBrush())
        # The model id is the gateway's word and the price the user's: a tooltip is rich text unless escaped.
        item.setToolTip(escaped(self._price_problem(self._model(row), text)) if bad else "")

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        self._loading = True  # relabelling changes the item again
        if item.column() == IMAGES:
            self._label_images(item.row())
        elif item.column() == PRICE:
            self._mark_price(item.row())
        self._loading = False
        self._show_problems()
        self.edited.emit()

    def _show_problems(self) -> None:
        problems = [
            self._price_problem(model, text)
            for model, text in self._typed_prices().items()
            if not _valid(text)
        ]
        self.error.setText("\n".join(problems[:3]))
        self.error.setVisible(bool(problems))

    def _price_problem(self, model: str, text: str) -> str:
        return self.tr(
            "{model}: “{price}” is not a price. Type IN/OUT[/CACHED] CUR per 1M tokens, "
            "e.g. 0.25/2.00 USD or 2/8 CNY, or leave it empty to use the gateway's."
        ).format(model=model, price=text)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        if not needle and not self._filtered:
            return  # a fill shows every row already
        self._filtered = bool(needle)
        for row in range(self.table.rowCount()):
            self.table.setRowHidden(row, bool(needle) and needle not in self._model(row).casefold())

    def _add_typed(self) -> None:
        model = self.add_edit.text().strip()
        if model:
            self.add_edit.clear()
            self.filter.clear()
            self.add_model(model)

    def _emit_edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _model(self, row: int) -> str:
        item = self.table.item(row, MODEL)
        return item.text() if item is not None else ""

    def _typed_prices(self) -> dict[str, str]:
        prices: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, PRICE)
            if item is not None and item.text().strip():
                prices[self._model(row)] = item.text().strip()
        return prices

    def _marked(self) -> dict[str, bool]:
        marked: dict[str, bool] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, IMAGES)
            if item is not None and item.checkState() != Qt.CheckState.PartiallyChecked:
                marked[self._model(row)] = item.checkState() == Qt.CheckState.Checked
        return marked


def _check_state(takes: bool | None) -> Qt.CheckState:
    if takes is None:
        return Qt.CheckState.PartiallyChecked
    return Qt.CheckState.Checked if takes else Qt.CheckState.Unchecked


def _valid(text: str) -> bool:
    try:
        parse_price_spec(text)
    except PriceError:
        return False
    return True
