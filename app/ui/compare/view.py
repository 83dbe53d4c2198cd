"""Compare mode's layout: a bar (add a lane, leave) over one column per lane.

A column shows its lane, its live figures (TTFT, rate, tokens, cost), the reply as it streams, how the lane
ended (its error, in its own column) and "Continue with this one". While a reply streams it is plain text
(cheap to append); once its lane ended it is drawn as Markdown by Qt's own reader, with HTML switched off,
so the replies compare as they will read. Everything else a gateway sent — its error, a model id — is
plain text. Views lay out and report; app/ui/compare/controller.py behaves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.icons import icon
from app.ui.theme import colours, is_dark
from app.ui.transcript.style import DARK, LIGHT

MAX_COLUMNS = 4
QUESTION_CHARS = 300  # the question above the columns is cut here (the transcript shows it whole)
MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML


def _plain_label(parent: QWidget, name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a model id, a gateway's error: never rich text
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LaneColumn(QFrame):
    """One lane's column.

    Signals:
        remove_requested(): the × in its header.
        continue_requested(): "Continue with this one".
    """

    remove_requested = Signal()
    continue_requested = Signal()

    def __init__(self, profile: str, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("laneColumn")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title = _plain_label(self, "laneTitle")
        self.title.setText(profile)
        self.model = _plain_label(self, "laneModel")
        self.model.setText(model)
        self.remove = QToolButton(self)
        self.remove.setObjectName("laneRemove")
        self.remove.setIcon(icon("close"))
        self.remove.setIconSize(QSize(14, 14))
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove this lane"))
        self.remove.clicked.connect(self.remove_requested)
        self.metrics = _plain_label(self, "laneMetrics", wrap=True)
        self.flag = _plain_label(self, "laneFlag")
        self.flag.hide()
        self._source: list[str] = []  # the reply as it arrived
        self.text_view = QTextEdit(self)
        self.text_view.setObjectName("laneText")
        self.text_view.setReadOnly(True)
        self.text_view.setAcceptRichText(False)
        self.text_view.setFrameShape(QFrame.Shape.NoFrame)
        self.text_view.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.error_head = _plain_label(self, "laneErrorHead", wrap=True)
        self.error_detail = _plain_label(self, "laneError", wrap=True)
        self.continue_button = QPushButton(self.tr("Continue with this one"), self)
        self.continue_button.setObjectName("laneContinue")
        self.continue_button.setProperty("primary", True)
        self.continue_button.clicked.connect(self.continue_requested)

        head = QHBoxLayout()
        head.setSpacing(6)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.title)
        names.addWidget(self.model)
        head.addLayout(names, 1)
        head.addWidget(self.flag, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.metrics)
        layout.addWidget(self.error_head)  # under the figures: seen at once, even below a long reply
        layout.addWidget(self.error_detail)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.reset()

    def reset(self) -> None:
        """Empty, waiting for a message."""
        self._source = []
        self.text_view.clear()
        self.metrics.setText(self.tr("Waiting for your message"))
        self.set_error(None)
        self.set_flag("")
        self.continue_button.hide()

    def append(self, text: str) -> None:
        """More of the reply, at the end; the view follows the end unless the reader scrolled up."""
        bar = self.text_view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        self._source.append(text)
        cursor = QTextCursor(self.text_view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)  # plain text while it streams
        if at_end:
            bar.setValue(bar.maximum())

    def show_markdown(self) -> None:
        """The lane ended: draw its reply as Markdown (no HTML), keeping the reader's place."""
        bar = self.text_view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        value = bar.value()
        self.text_view.document().setMarkdown(self.text(), MARKDOWN)
        bar.setValue(bar.maximum() if at_end else value)

    def text(self) -> str:
        """The reply as it arrived (its Markdown source)."""
        return "".join(self._source)

    def set_metrics(self, text: str) -> None:
        self.metrics.setText(text)
        self.metrics.setVisible(bool(text))

    def set_flag(self, text: str) -> None:
        """A word for a lane that did not end normally ("Stopped", "Failed"); "" hides it."""
        self.flag.setText(text)
        self.flag.setVisible(bool(text))

    def set_error(self, error: tuple[str, str] | None) -> None:
        """(what happened, the gateway's words), shown in this column only; None hides it."""
        head, detail = error if error is not None else ("", "")
        self.error_head.setText(head)
        self.error_detail.setText(detail)
        self.error_head.setVisible(bool(head))
        self.error_detail.setVisible(bool(detail))

    def set_can_continue(self, can: bool) -> None:
        self.continue_button.setVisible(can)


class CompareView(QWidget):
    """The columns of Compare mode, and the bar above them.

    Signals:
        add_lane_requested(): "Add a lane" (answer with the picker).
        remove_lane_requested(int): a column's × (its index).
        continue_requested(int): a column's "Continue with this one" (its index).
        leave_requested(): "Leave Compare".
    """

    add_lane_requested = Signal()
    remove_lane_requested = Signal(int)
    continue_requested = Signal(int)
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.columns: list[LaneColumn] = []
        self._running = False
        self._dark: bool | None = None  # the scheme the colours were last set for
        title = QLabel(self.tr("Compare side by side"), self)
        title.setObjectName("compareTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.question = QLabel(self)
        self.question.setObjectName("compareQuestion")
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # what the user typed, shown as typed
        self.question.setWordWrap(True)
        self.question.setContentsMargins(12, 0, 12, 8)
        self.question.hide()
        self.add_button = QPushButton(icon("plus"), self.tr("Add a lane"), self)
        self.add_button.setObjectName("addLane")
        self.add_button.clicked.connect(self.add_lane_requested)
        self.leave_button = QPushButton(icon("close"), self.tr("Leave Compare"), self)
        self.leave_button.setObjectName("leaveCompare")
        self.leave_button.clicked.connect(self.leave_requested)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 8)
        bar.setSpacing(8)
        bar.addWidget(title)
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.leave_button)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(8, 0, 8, 8)
        self._row.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.question)
        layout.addLayout(self._row, 1)
        self.apply_colours()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """The theme changed while Compare is open (Settings, the palette, the desktop's scheme): the
        columns take the new colours at once, as the transcript does."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._dark is not None and is_dark() != self._dark:
            self.apply_colours()

    def apply_colours(self) -> None:
        c = colours()
        self._dark = is_dark()
        marks = DARK if self._dark else LIGHT  # the transcript's amber and red
        self.setStyleSheet(
            f"#laneColumn {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 8px; }}"
            f"#laneColumn QTextEdit {{ background: transparent; color: {c.text}; }}"
            f"#compareQuestion {{ color: {c.dim}; }}"
            f"#laneTitle, #compareTitle {{ font-weight: 600; }}"
            f"#laneModel, #laneMetrics {{ color: {c.dim}; }}"
            f"#laneFlag {{ color: {marks.flag}; font-weight: 600; }}"
            f"#laneErrorHead {{ color: {marks.error}; font-weight: 600; }}"
        )

    def set_lanes(self, lanes: list[tuple[str, str]]) -> None:
        """One empty column per (profile, model)."""
        self.set_question("")
        for column in self.columns:
            self._row.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for index, (profile, model) in enumerate(lanes):
            column = LaneColumn(profile, model, self)
            column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            column.remove_requested.connect(lambda i=index: self.remove_lane_requested.emit(i))
            column.continue_requested.connect(lambda i=index: self.continue_requested.emit(i))
            self._row.addWidget(column, 1)
            self.columns.append(column)
        self._sync()

    def set_question(self, text: str) -> None:
        """The message the lanes answer, above the columns; "" hides it."""
        text = " ".join(text.split())
        if len(text) > QUESTION_CHARS:
            text = text[:QUESTION_CHARS] + "…"
        self.question.setText(self.tr("Your message: {}").format(text) if text else "")
        self.question.setVisible(bool(text))

    def set_running(self, running: bool) -> None:
        """While lanes stream, the lanes cannot change."""
        self._running = running
        self._sync()

    def _sync(self) -> None:
        count = len(self.columns)
        self.add_button.setEnabled(not self._running and count < MAX_COLUMNS)
        for column in self.columns:
            column.remove.setEnabled(not self._running)
        if count < 2:
            self.hint.setText(self.tr("Add 2 to 4 lanes: a profile and a model each."))
        else:
            self.hint.setText(self.tr("One message goes to every lane at once."))
