"""The Usage page (menu → Usage): spend per day per profile, and a table per profile and model.

Everything is aggregated in SQL (app/store/stats.py) over an index on the replies' time, so the page opens
at once with 100,000 replies saved (bench/usage_page.py). Costs are shown per currency, never added across
currencies; a reply whose cost is unknown counts in "no cost", never as 0.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import StoreError
from app.core.pricing import format_amount
from app.store.conversations import ConversationStore
from app.store.stats import DaySpend, GroupStats, since_timestamp
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.usage.chart import Bar, SpendChart

PERIODS = (
    ("1d", QT_TRANSLATE_NOOP("UsagePage", "Last 24 hours")),
    ("7d", QT_TRANSLATE_NOOP("UsagePage", "Last 7 days")),
    ("30d", QT_TRANSLATE_NOOP("UsagePage", "Last 30 days")),
    ("all", QT_TRANSLATE_NOOP("UsagePage", "All time")),
)
COLUMNS = (
    QT_TRANSLATE_NOOP("UsagePage", "Profile"),
    QT_TRANSLATE_NOOP("UsagePage", "Model"),
    QT_TRANSLATE_NOOP("UsagePage", "Replies"),
    QT_TRANSLATE_NOOP("UsagePage", "Tokens ↑ / ↓"),
    QT_TRANSLATE_NOOP("UsagePage", "Cost"),
    QT_TRANSLATE_NOOP("UsagePage", "No cost"),
    QT_TRANSLATE_NOOP("UsagePage", "Errors"),
    QT_TRANSLATE_NOOP("UsagePage", "TTFT p50 / p95"),
    QT_TRANSLATE_NOOP("UsagePage", "Tokens/s"),
)


class UsagePage(QDialog):
    """Reads the store when opened and when the period or currency changes; holds no other state."""

    def __init__(self, store: ConversationStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Usage"))
        self.resize(900, 600)
        self.period = QComboBox(self)
        for key, label in PERIODS:
            self.period.addItem(self.tr(label), key)
        self.period.setCurrentIndex(2)  # 30 days
        self.currency = QComboBox(self)
        self.currency.setToolTip(self.tr("Costs in different currencies are never added together"))
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.chart = SpendChart(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period)
        top.addSpacing(12)
        self.currency_label = QLabel(self.tr("Currency:"), self)
        top.addWidget(self.currency_label)
        top.addWidget(self.currency)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.table, 3)
        layout.addWidget(buttons)

        self._spend: list[DaySpend] = []
        self.period.currentIndexChanged.connect(self.refresh)
        self.currency.currentIndexChanged.connect(self._draw_chart)
        self.refresh()

    def refresh(self) -> None:
        since = since_timestamp(str(self.period.currentData()))
        try:
            groups = self.store.usage_stats("model", since)
            self._spend = self.store.daily_spend(since)
        except StoreError as exc:
            groups, self._spend = [], []
            self.summary.setText(str(exc))
        else:
            self.summary.setText(self._summary(groups))
        self._fill_table(groups)
        currencies = sorted({s.currency for s in self._spend})
        chosen = self.currency.currentText()
        self.currency.blockSignals(True)
        self.currency.clear()
        self.currency.addItems(currencies)
        if chosen in currencies:
            self.currency.setCurrentText(chosen)
        self.currency.blockSignals(False)
        several = len(currencies) > 1
        self.currency.setVisible(several)
        self.currency_label.setVisible(several)
        self._draw_chart()

    def _summary(self, groups: list[GroupStats]) -> str:
        replies = sum(g.replies for g in groups)
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for group in groups:
            for currency, amount in group.cost.items():
                totals[currency] += amount
        unknown = sum(g.unknown_cost for g in groups)
        spent = " + ".join(format_amount(a, c) for c, a in sorted(totals.items())) or "—"
        return self.tr("{replies} replies · spent {spent} · {unknown} without a known cost").format(
            replies=f"{replies:,}", spent=spent, unknown=f"{unknown:,}"
        )

    def _fill_table(self, groups: list[GroupStats]) -> None:
        self.table.setRowCount(len(groups))
        for row, g in enumerate(groups):
            cost = " + ".join(format_amount(a, c) for c, a in sorted(g.cost.items())) or "—"
            errors = ", ".join(f"{kind} {count}" for kind, count in sorted(g.errors.items())) or "0"
            ttft = "—" if g.ttft_p50_ms is None else f"{g.ttft_p50_ms:.0f} / {(g.ttft_p95_ms or 0):.0f} ms"
            rate = "—" if g.tokens_per_s_median is None else f"{g.tokens_per_s_median:.0f}"
            cells = (
                g.profile or "—",
                g.model or "—",
                f"{g.replies:,}",
                f"{g.prompt_tokens:,} / {g.completion_tokens:,}",
                cost,
                f"{g.unknown_cost:,}",
                errors,
                ttft,
                rate,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(
                    text
                )  # items are plain text: profile and model names are outside text
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)

    def _draw_chart(self) -> None:
        currency = self.currency.currentText()
        spend = [s for s in self._spend if s.currency == currency]
        profiles = sorted({s.profile for s in spend})
        by_day: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for s in spend:
            by_day[s.day][s.profile] = s.amount
        bars = [
            Bar(day, tuple((p, amounts[p]) for p in profiles if p in amounts))
            for day, amounts in sorted(by_day.items())
        ]
        self.chart.set_data(bars, profiles, currency)
