"""Pieces of the profile UI that the welcome page and the profile editor share.

The masked key field, the keyring-trouble panel with its session-only way out, the cURL / SDK snippet import
dialog, the test-connection panel, and a holder for the background tasks they start. Keys go only to the
Keystore (off the GUI thread), never to a file, a log, a title or an error.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ProfileError
from app.core.models import Profile
from app.net.probe import STEPS, ProbeReport, StepCallback, StepResult, StepState
from app.profiles.importer import ImportedProfile, parse_snippet
from app.ui.i18n import QT_TRANSLATE_NOOP, exception_text, translated
from app.ui.plaintext import plain


class ProbeFunction(Protocol):
    """app.net.probe.probe's shape (tests may pass a slower or counting one)."""

    async def __call__(
        self, profile: Profile, key: str | None, *, on_step: StepCallback | None = ...
    ) -> ProbeReport: ...


ERROR_STYLE = "color: #b42318;"
WARNING_STYLE = "color: #b54708;"
OK_STYLE = "color: #067647;"


class KeyField(QWidget):
    """A masked key entry with a Show toggle. The text is never logged or put in a title.

    Signals:
        edited(): the user changed the text.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("keyEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText(self.tr("Paste the API key"))
        self.edit.setClearButtonEnabled(True)
        self.show_button = QToolButton(self)
        self.show_button.setObjectName("showKey")
        self.show_button.setText(self.tr("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setToolTip(self.tr("Show or hide the key while you type it"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        self.show_button.toggled.connect(self._toggle)
        self.edit.textEdited.connect(lambda _t: self.edited.emit())

    def _toggle(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.show_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    def key(self) -> str:
        return self.edit.text().strip()

    def set_key(self, key: str) -> None:
        self.edit.setText(key)

    def set_placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)


class KeyringTrouble(QFrame):
    """Shown when the system keyring refused the key: why, how to fix it, and a session-only way out.

    Signals:
        session_only_requested(): keep the key in memory until Sluice quits.
        retry_requested(): try the keyring again (after the user fixed it).
    """

    session_only_requested = Signal()
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyringTrouble")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("The key could not be saved in the system keyring."), self)
        self.title.setStyleSheet(f"font-weight: bold; {ERROR_STYLE}")
        self.detail = plain(QLabel(self))  # the keyring's (the OS's) words
        self.detail.setObjectName("keyringTroubleDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel(
            self.tr(
                "Sluice keeps API keys only in the system keyring, never in a file. On Linux, install and "
                "unlock a Secret Service — GNOME Keyring (sudo apt-get install gnome-keyring) or KWallet — "
                "and log in to a desktop session, then press Try again. Or keep the key for this session "
                "only: it stays in memory and is gone when Sluice quits."
            ),
            self,
        )
        self.advice.setWordWrap(True)
        self.session_button = QPushButton(self.tr("Keep the key for this session only"), self)
        self.session_button.setObjectName("sessionOnly")
        self.retry_button = QPushButton(self.tr("Try again"), self)
        self.retry_button.setObjectName("retryKeyring")
        buttons = QHBoxLayout()
        buttons.addWidget(self.session_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.advice)
        layout.addLayout(buttons)
        self.session_button.clicked.connect(self.session_only_requested)
        self.retry_button.clicked.connect(self.retry_requested)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.detail.setText(message)
        self.show()


class SnippetDialog(QDialog):
    """Paste a cURL command, an OpenAI SDK snippet or a base URL; parse_snippet reads it.

    Opened with open(), never exec() (a nested event loop would stall every stream).

    Signals:
        imported(object): an ImportedProfile (its `.key` may hold a real key: never log it).
    """

    imported = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snippetDialog")
        self.setWindowTitle(self.tr("Import from cURL / SDK snippet"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 380)
        intro = QLabel(
            self.tr(
                "Paste the example request from your gateway's documentation: a cURL command, an OpenAI SDK "
                "snippet (Python or JavaScript) or just a base URL. A key in it goes to the system keyring."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("snippetText")
        self.text.setPlaceholderText(
            'curl https://api.example.com/v1/chat/completions -H "Authorization: Bearer sk-…" '
            '-d \'{"model": "…"}\''
        )
        self.error = plain(QLabel(self))
        self.error.setObjectName("snippetError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("snippetImport")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.import_button.clicked.connect(self._import)
        self.buttons.rejected.connect(self.reject)

    def _import(self) -> None:
        try:
            result = parse_snippet(self.text.toPlainText())
        except ProfileError as exc:
            self.error.setText(self.tr("Nothing imported: {}.").format(exception_text(exc)))
            self.error.show()
            return
        self.imported.emit(result)
        self.accept()


def import_notes(result: ImportedProfile) -> str:
    """What the importer noticed, one line each, for a label, in the window's language."""
    return "\n".join(translated(note) for note in result.notes)


_STEP_TITLES = {
    "host": QT_TRANSLATE_NOOP("ProbePanel", "Host reachable"),
    "tls": QT_TRANSLATE_NOOP("ProbePanel", "TLS"),
    "key": QT_TRANSLATE_NOOP("ProbePanel", "Key accepted"),
    "model": QT_TRANSLATE_NOOP("ProbePanel", "Model exists"),
    "stream": QT_TRANSLATE_NOOP("ProbePanel", "Streaming works"),
}
_STATE_MARKS = {
    StepState.PENDING: ("…", ""),
    StepState.OK: ("✓", OK_STYLE),
    StepState.WARNING: ("!", WARNING_STYLE),
    StepState.FAILED: ("✗", ERROR_STYLE),
    StepState.SKIPPED: ("–", ""),
}


class ProbePanel(QFrame):
    """The steps of a connection test, each with a mark and its sentence, then any warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setColumnStretch(2, 1)
        self._marks: dict[str, QLabel] = {}
        self._details: dict[str, QLabel] = {}
        for row, step in enumerate(STEPS):
            mark = QLabel("", self)
            mark.setFixedWidth(16)
            title = QLabel(self.tr(_STEP_TITLES[step]), self)
            title.setStyleSheet("font-weight: bold;")
            detail = plain(QLabel("", self))  # the gateway's own words
            detail.setObjectName(f"probe_{step}")
            detail.setWordWrap(True)
            detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(title, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(detail, row, 2)
            self._marks[step], self._details[step] = mark, detail
        self.warnings = plain(QLabel(self))
        self.warnings.setObjectName("probeWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        grid.addWidget(self.warnings, len(STEPS), 0, 1, 3)
        self.hide()

    def start(self) -> None:
        for step in STEPS:
            self._marks[step].setText("…")
            self._marks[step].setStyleSheet("")
            self._details[step].setText(self.tr("Checking…") if step == "host" else "")
        self.warnings.setText("")
        self.warnings.hide()
        self.show()

    def show_step(self, result: StepResult) -> None:
        mark, style = _STATE_MARKS[result.state]
        self._marks[result.step].setText(mark)
        self._marks[result.step].setStyleSheet(style)
        self._details[result.step].setText(translated(result.detail).strip())

    async def run(
        self, run_probe: ProbeFunction, profile: Profile, key: str | None, button: QPushButton
    ) -> ProbeReport:
        """Test `profile` step by step, showing each step as it is known; `button` is off meanwhile."""
        button.setEnabled(False)
        self.start()
        try:
            report = await run_probe(profile, key, on_step=self.show_step)
        finally:
            button.setEnabled(True)
        self.finish(report)
        return report

    def finish(self, report: ProbeReport) -> None:
        for result in report.steps.values():
            self.show_step(result)
        self.warnings.setText("\n".join(translated(w).strip() for w in report.warnings))
        self.warnings.setVisible(bool(report.warnings))

    def detail(self, step: str) -> str:
        return self._details[step].text()

    def mark(self, step: str) -> str:
        return self._marks[step].text()


# ---- the editor ------------------------------------------------------------------------------------------
