"""The Inspect panel: one reply's exchange — bytes and pieces of text over time, each chunk's events, the
request, the response.

Opened from a reply's "Inspect" link (the chat controller). Everything shown came from outside or from the
profile, so it is plain text: table items and QPlainTextEdit, labels made with `plaintext.plain()`. The
request's headers were redacted when recorded; "Copy as cURL" writes `$SLUICE_API_KEY` where the key goes.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import SluiceError
from app.core.exchange import ExchangeRecord
from app.exchange_text import curl_command, event_rows
from app.ui.inspect.chart import StreamChart
from app.ui.inspect.series import stream_series
from app.ui.plaintext import escaped, plain


class InspectPanel(QDialog):
    """Shows one ExchangeRecord. Open it with `open()`; it deletes itself when closed.

    Signals: none of its own; "Copy as cURL" puts the command on the clipboard.
    """

    def __init__(self, record: ExchangeRecord, message_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Inspect reply {}").format(message_id))
        self.record = record
        total = sum(len(c) for c in record.chunks)
        end = record.times_ms[-1] if record.times_ms else 0.0
        status = self.tr("no response") if record.status is None else f"HTTP {record.status}"
        summary = self.tr("{request} · {status} · {chunks} chunks, {size} bytes in {ms} ms").format(
            request=f"{record.method} {record.url}",
            status=status,
            chunks=len(record.chunks),
            size=f"{total:,}",
            ms=f"{end:,.0f}",
        )
        self.summary = plain(QLabel(summary, self))
        self.summary.setWordWrap(True)
        self.chart = StreamChart(self)
        self.chart.set_series(stream_series(record))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if record.dropped_bytes:
            note = self.tr("{} more bytes arrived and were not kept (the record keeps 2 MB).")
            layout.addWidget(plain(QLabel(note.format(f"{record.dropped_bytes:,}"), self)))
        layout.addWidget(self.chart)

        self.events = QTableWidget(0, 3, self)
        self.events.setObjectName("inspectEvents")
        self.events.setHorizontalHeaderLabels([self.tr("+ms"), self.tr("Bytes"), self.tr("Events")])
        self.events.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.events.verticalHeader().setVisible(False)
        self.events.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, (t_ms, size, shown) in enumerate(event_rows(record)):
            self.events.insertRow(row)
            for column, value in enumerate((f"{t_ms:,.1f}", f"{size:,}", shown)):
                item = QTableWidgetItem(value)  # a table item is plain text
                if column < 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.events.setItem(row, column, item)
        self.request_text = _plain_text(self, _request_text(record))
        self.response_text = _plain_text(self, _response_text(record))
        tabs = QTabWidget(self)
        tabs.addTab(self.events, self.tr("Events"))
        tabs.addTab(self.request_text, self.tr("Request"))
        tabs.addTab(self.response_text, self.tr("Response"))
        layout.addWidget(tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_curl = QPushButton(self.tr("Copy as cURL"), self)
        self.copy_curl.setObjectName("copyCurl")
        buttons.addButton(self.copy_curl, QDialogButtonBox.ButtonRole.ActionRole)
        if record.body_truncated:
            self.copy_curl.setEnabled(False)
            self.copy_curl.setToolTip(
                escaped(self.tr("The request was larger than the record keeps; it cannot be sent again."))
            )
        self.copy_curl.clicked.connect(self._copy_curl)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def _copy_curl(self) -> None:
        try:
            command = curl_command(self.record)
        except SluiceError:
            return
        QGuiApplication.clipboard().setText(command)
        self.copy_curl.setText(self.tr("Copied"))


def _plain_text(parent: QWidget, text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setReadOnly(True)
    edit.setPlainText(text)
    return edit


def _request_text(record: ExchangeRecord) -> str:
    lines = [f"{record.method} {record.url}"]
    lines += [f"{name}: {value}" for name, value in record.request_headers]
    try:
        body = json.dumps(json.loads(record.body), ensure_ascii=False, indent=2)
    except ValueError:
        body = record.body.decode("utf-8", errors="replace")
    return "\n".join(lines) + "\n\n" + body


def _response_text(record: ExchangeRecord) -> str:
    if record.status is None:
        return ""
    lines = [f"HTTP {record.status}"]
    lines += [f"{name}: {value}" for name, value in record.response_headers]
    return "\n".join(lines) + "\n\n" + "".join(record.chunk_texts())
