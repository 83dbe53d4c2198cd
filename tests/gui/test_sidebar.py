"""The conversation sidebar and its controller, against a real ConversationStore in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.errors import StoreError
from app.core.models import Conversation, Message, Role
from app.store import ConversationStore
from app.ui.sidebar.controller import SidebarController
from app.ui.sidebar.rows import DELETE, PIN, RENAME, RowDelegate, grouped
from app.ui.sidebar.view import ConversationSidebar


class TickingClock:
    """Every reading is one second later, so 'newer' never depends on the timer's resolution."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@dataclass
class Setup:
    store: ConversationStore
    sidebar: ConversationSidebar
    controller: SidebarController
    ids: dict[str, int]

    @property
    def view(self) -> QListView:
        view = self.sidebar.findChild(QListView)
        assert view is not None
        return view

    @property
    def search(self) -> QLineEdit:
        return next(e for e in self.sidebar.findChildren(QLineEdit) if e.placeholderText())

    def titles(self) -> list[str]:
        """What a user reads in the list, top to bottom."""
        model = self.view.model()
        shown = (model.index(row, 0).data() for row in range(model.rowCount()))
        return [title for title in shown if title is not None]  # group headings have no title

    def highlighted(self) -> list[str]:
        return [index.data() for index in self.view.selectionModel().selectedIndexes()]

    def row_of(self, title: str) -> int:
        model = self.view.model()
        return next(row for row in range(model.rowCount()) if model.index(row, 0).data() == title)

    def click(self, qtbot: QtBot, title: str) -> None:
        rect = self.view.visualRect(self.view.model().index(self.row_of(title), 0))
        qtbot.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def undo_bar_text(self) -> str | None:
        undo = next(b for b in self.sidebar.findChildren(QPushButton) if b.text() == "Undo")
        bar = undo.parentWidget()
        if not bar.isVisible():
            return None
        return " ".join(label.text() for label in bar.findChildren(QLabel))

    def undo_button(self) -> QPushButton:
        return next(b for b in self.sidebar.findChildren(QPushButton) if b.text() == "Undo")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    opened = ConversationStore.open(tmp_path / "sluice.db", clock=TickingClock())
    yield opened
    opened.close()


def make_setup(qtbot: QtBot, store: ConversationStore, undo_ms: int = 8000) -> Setup:
    ids = {}
    for title, text in [
        ("Alpha", "Where do bananas grow?"),
        ("Beta", "Explain monads"),
        ("Gamma", "你好，世界"),
    ]:
        conversation = store.create_conversation(title)
        store.add_message(conversation.id, Message(role=Role.USER, content=text))
        store.add_message(conversation.id, Message(role=Role.ASSISTANT, content=f"answer to {title}"))
        ids[title] = conversation.id
    sidebar = ConversationSidebar(undo_ms=undo_ms)
    qtbot.addWidget(sidebar)
    controller = SidebarController(sidebar, store, parent=sidebar)
    controller.refresh()
    sidebar.resize(280, 480)
    with qtbot.waitActive(sidebar):  # keyboard shortcuts (F2, Del, Ctrl+N) need an active window
        sidebar.show()
        sidebar.activateWindow()
    return Setup(store, sidebar, controller, ids)


@pytest.fixture
def s(qtbot: QtBot, store: ConversationStore) -> Setup:
    return make_setup(qtbot, store)


def test_lists_conversations_newest_first(s: Setup) -> None:
    assert s.titles() == ["Gamma", "Beta", "Alpha"]
    assert s.sidebar.current_id() is None
    assert s.highlighted() == []


def test_search_filters_by_title_and_content_after_a_pause(qtbot: QtBot, s: Setup) -> None:
    searches: list[str] = []
    s.sidebar.search_changed.connect(searches.append)
    qtbot.keyClicks(s.search, "BET")
    qtbot.waitUntil(lambda: s.titles() == ["Beta"])
    assert searches == ["BET"]  # one search for the whole word, not one per keystroke

    s.search.clear()
    qtbot.keyClicks(s.search, "banana")  # only in Alpha's first message
    qtbot.waitUntil(lambda: s.titles() == ["Alpha"])

    s.search.clear()
    qtbot.keyClicks(s.search, "nothing like this")
    qtbot.waitUntil(lambda: s.titles() == [])
    empty = next(label for label in s.sidebar.findChildren(QLabel) if "match" in label.text())
    assert empty.isVisible()
    assert "nothing like this" in empty.text()

    qtbot.keyClick(s.search, Qt.Key.Key_Escape)  # clears the search
    qtbot.waitUntil(lambda: s.titles() == ["Gamma", "Beta", "Alpha"])
    assert s.search.text() == ""
    assert not empty.isVisible()


def test_the_search_offers_its_clear_button_once_there_is_text(qtbot: QtBot, s: Setup) -> None:
    # Made on the first text, not at start-up (it costs ~5 ms before the first frame), and kept after.
    assert not s.search.isClearButtonEnabled()
    qtbot.keyClicks(s.search, "b")
    assert s.search.isClearButtonEnabled()
    s.search.clear()
    assert s.search.isClearButtonEnabled()


def test_clicking_a_row_selects_it(qtbot: QtBot, s: Setup) -> None:
    with qtbot.waitSignal(s.controller.conversation_selected) as picked:
        s.click(qtbot, "Beta")
    assert picked.args == [s.ids["Beta"]]
    assert s.sidebar.current_id() == s.ids["Beta"]
    assert s.highlighted() == ["Beta"]

    with qtbot.waitSignal(s.sidebar.conversation_selected) as picked:
        qtbot.keyClick(s.view, Qt.Key.Key_Down)
    assert picked.args == [s.ids["Alpha"]]


def test_select_marks_a_row_without_emitting_and_survives_a_refresh(qtbot: QtBot, s: Setup) -> None:
    with qtbot.assertNotEmitted(s.sidebar.conversation_selected):
        s.sidebar.select(s.ids["Alpha"])
        assert s.highlighted() == ["Alpha"]
        s.store.create_conversation("Delta")
        s.controller.refresh()
    assert s.titles() == ["Delta", "Gamma", "Beta", "Alpha"]
    assert s.highlighted() == ["Alpha"]
    assert s.sidebar.current_id() == s.ids["Alpha"]

    # A search that hides the open conversation does not close it; clearing the search shows it again.
    qtbot.keyClicks(s.search, "gamma")
    qtbot.waitUntil(lambda: s.titles() == ["Gamma"])
    assert s.sidebar.current_id() == s.ids["Alpha"]
    s.search.clear()
    qtbot.waitUntil(lambda: len(s.titles()) == 4)
    assert s.highlighted() == ["Alpha"]

    s.sidebar.select(None)
    assert s.highlighted() == []
    assert s.sidebar.current_id() is None


def test_upsert_moves_an_updated_conversation_to_the_top(s: Setup) -> None:
    s.sidebar.select(s.ids["Beta"])
    s.store.add_message(s.ids["Alpha"], Message(role=Role.USER, content="one more"))
    s.store.rename_conversation(s.ids["Alpha"], "Alpha, continued")
    s.sidebar.upsert(s.store.get_conversation(s.ids["Alpha"]))
    assert s.titles() == ["Alpha, continued", "Gamma", "Beta"]
    assert s.highlighted() == ["Beta"]

    fresh = s.store.create_conversation("Brand new")
    s.sidebar.upsert(fresh)
    assert s.titles() == ["Brand new", "Alpha, continued", "Gamma", "Beta"]


def rename_with_f2(qtbot: QtBot, s: Setup, title: str, new_title: str) -> None:
    s.click(qtbot, title)
    qtbot.keyClick(s.view, Qt.Key.Key_F2)
    editor = s.view.findChild(QLineEdit)
    assert editor is not None, "F2 opened no editor"
    assert editor.text() == title
    editor.selectAll()
    qtbot.keyClicks(editor, new_title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes its editor from the event loop.
    qtbot.waitUntil(lambda: s.view.state() != QAbstractItemView.State.EditingState)


def test_f2_renames_in_place_and_in_the_store(qtbot: QtBot, s: Setup) -> None:
    renamed: list[tuple[int, str]] = []
    s.sidebar.rename_requested.connect(lambda cid, title: renamed.append((cid, title)))
    rename_with_f2(qtbot, s, "Beta", "  Monads   explained ")
    assert renamed == [(s.ids["Beta"], "Monads explained")]
    assert s.titles() == ["Gamma", "Monads explained", "Alpha"]  # renaming is not activity: order stays
    assert s.store.get_conversation(s.ids["Beta"]).title == "Monads explained"


def test_an_empty_name_keeps_the_old_title(qtbot: QtBot, s: Setup) -> None:
    with qtbot.assertNotEmitted(s.sidebar.rename_requested):
        rename_with_f2(qtbot, s, "Beta", " ")
    assert s.titles() == ["Gamma", "Beta", "Alpha"]
    assert s.store.get_conversation(s.ids["Beta"]).title == "Beta"


def test_a_store_failure_is_reported_and_the_list_shows_the_truth(qtbot: QtBot, s: Setup) -> None:
    s.store.delete_conversation(s.ids["Beta"])  # e.g. from another window, behind the sidebar's back
    with qtbot.waitSignal(s.controller.error_occurred) as failed:
        rename_with_f2(qtbot, s, "Beta", "Renamed")
    assert "does not exist" in failed.args[0]
    assert s.titles() == ["Gamma", "Alpha"]


def test_delete_then_undo_brings_it_all_back(qtbot: QtBot, s: Setup) -> None:
    beta = s.ids["Beta"]
    before = s.store.messages(beta)
    s.click(qtbot, "Beta")
    with qtbot.waitSignal(s.controller.conversation_deleted) as deleted:
        qtbot.keyClick(s.view, Qt.Key.Key_Delete)
    assert deleted.args == [beta]
    assert s.titles() == ["Gamma", "Alpha"]
    assert s.sidebar.current_id() is None  # it was open; now nothing is
    with pytest.raises(StoreError):
        s.store.get_conversation(beta)
    assert s.undo_bar_text() == "Deleted “Beta”"

    with qtbot.waitSignal(s.controller.conversation_selected) as reopened:
        qtbot.mouseClick(s.undo_button(), Qt.MouseButton.LeftButton)
    assert reopened.args == [beta]  # it was open when deleted, so it opens again
    assert s.titles() == ["Gamma", "Beta", "Alpha"]
    assert s.highlighted() == ["Beta"]
    assert s.store.messages(beta) == before
    assert s.undo_bar_text() is None


def test_only_the_latest_delete_can_be_undone(qtbot: QtBot, s: Setup) -> None:
    for title in ("Beta", "Alpha"):
        s.click(qtbot, title)
        qtbot.keyClick(s.view, Qt.Key.Key_Delete)
    assert s.titles() == ["Gamma"]
    assert s.undo_bar_text() == "Deleted “Alpha”"
    with qtbot.waitSignal(s.controller.conversation_selected) as reopened:
        qtbot.mouseClick(s.undo_button(), Qt.MouseButton.LeftButton)
    assert reopened.args == [s.ids["Alpha"]]
    assert s.titles() == ["Gamma", "Alpha"]
    assert [c.title for c in s.store.list_conversations()] == ["Gamma", "Alpha"]


def test_the_undo_offer_goes_away(qtbot: QtBot, store: ConversationStore) -> None:
    s = make_setup(qtbot, store, undo_ms=20)
    s.click(qtbot, "Gamma")
    qtbot.keyClick(s.view, Qt.Key.Key_Delete)
    assert s.undo_bar_text() == "Deleted “Gamma”"
    qtbot.waitUntil(lambda: s.undo_bar_text() is None)
    assert s.titles() == ["Beta", "Alpha"]


def test_context_menu_deletes_the_row_under_the_mouse(qtbot: QtBot, s: Setup) -> None:
    s.sidebar.select(s.ids["Gamma"])
    row = s.row_of("Alpha")
    pos: QPoint = s.view.visualRect(s.view.model().index(row, 0)).center()
    chosen: list[list[str]] = []

    def pick_delete() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        actions = menu.actions()
        chosen.append([a.text() for a in actions])
        next(a for a in actions if a.text() == "Delete").trigger()
        menu.close()

    QTimer.singleShot(0, pick_delete)
    with qtbot.waitSignal(s.controller.conversation_deleted) as deleted:
        s.view.customContextMenuRequested.emit(pos)
    assert [t for t in chosen[0] if t] == ["Rename", "Pin", "Delete"]
    assert deleted.args == [s.ids["Alpha"]]
    assert s.titles() == ["Gamma", "Beta"]
    assert s.sidebar.current_id() == s.ids["Gamma"]  # the open one was not touched


def test_new_button_asks_for_a_new_conversation(qtbot: QtBot, s: Setup) -> None:
    new = next(b for b in s.sidebar.findChildren(QPushButton) if b.text() == "New chat")
    assert "Ctrl+N" in new.toolTip()  # the window owns that shortcut; the tooltip teaches it
    with qtbot.waitSignal(s.controller.new_requested):
        qtbot.mouseClick(new, Qt.MouseButton.LeftButton)


def test_focus_search(qtbot: QtBot, s: Setup) -> None:
    s.view.setFocus()
    s.sidebar.focus_search()
    qtbot.waitUntil(s.search.hasFocus)


# ---- groups, pins, hover actions ------------------------------------------------------------------------


def _conversation(cid: int, when: datetime, *, pinned: bool = False) -> Conversation:
    stamp = when.timestamp()
    return Conversation(cid, f"c{cid}", stamp, stamp, pinned=pinned)


def test_conversations_are_grouped_by_date_with_pinned_ones_first(qapp: QApplication) -> None:
    now = datetime(2026, 3, 10, 18, 30)
    shown = [
        _conversation(1, datetime(2025, 1, 2, 9, 0), pinned=True),
        _conversation(2, datetime(2026, 3, 10, 0, 5)),
        _conversation(3, datetime(2026, 3, 9, 23, 59)),
        _conversation(4, datetime(2026, 3, 4, 12, 0)),
        _conversation(5, datetime(2026, 2, 20, 12, 0)),
        _conversation(6, datetime(2026, 2, 1, 12, 0)),
        _conversation(7, datetime(2025, 12, 31, 12, 0)),
    ]
    groups = grouped(shown, now)
    assert [(heading, [c.id for c in members]) for heading, members in groups] == [
        ("Pinned", [1]),
        ("Today", [2]),
        ("Yesterday", [3]),
        ("Previous 7 days", [4]),
        ("February 2026", [5, 6]),
        ("December 2025", [7]),
    ]


def test_headings_are_shown_and_arrow_keys_step_over_them(qtbot: QtBot, s: Setup) -> None:
    # The store's clock is in 2023: every conversation sits under one month's heading.
    assert len(s.sidebar.headings()) == 1
    s.click(qtbot, "Gamma")
    with qtbot.waitSignal(s.sidebar.conversation_selected) as picked:
        qtbot.keyClick(s.view, Qt.Key.Key_Down)
    assert picked.args == [s.ids["Beta"]]
    qtbot.keyClick(s.view, Qt.Key.Key_Up)
    qtbot.keyClick(s.view, Qt.Key.Key_Up)  # the heading above Gamma cannot be selected
    assert s.highlighted() == ["Gamma"]


def test_ctrl_p_pins_a_conversation_to_the_top_and_again_unpins_it(qtbot: QtBot, s: Setup) -> None:
    s.click(qtbot, "Alpha")
    qtbot.keyClick(s.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: s.titles()[0] == "Alpha")
    assert s.sidebar.headings()[0] == "Pinned"
    assert s.store.get_conversation(s.ids["Alpha"]).pinned
    assert s.highlighted() == ["Alpha"]
    qtbot.keyClick(s.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: s.titles() == ["Gamma", "Beta", "Alpha"])
    assert "Pinned" not in s.sidebar.headings()


def _hover_button(s: Setup, title: str, verb: str) -> QPoint:
    delegate = s.view.itemDelegate()
    assert isinstance(delegate, RowDelegate)
    rect = s.view.visualRect(s.view.model().index(s.row_of(title), 0))
    return delegate._button_rects(rect.adjusted(4, 1, -4, -1))[verb].center()


def test_the_hover_buttons_pin_rename_and_delete_that_row(qtbot: QtBot, s: Setup) -> None:
    s.sidebar.select(s.ids["Gamma"])
    qtbot.mouseClick(s.view.viewport(), Qt.MouseButton.LeftButton, pos=_hover_button(s, "Beta", PIN))
    qtbot.waitUntil(lambda: s.titles()[0] == "Beta")
    assert s.sidebar.current_id() == s.ids["Gamma"]  # a button acts on its row without opening it

    qtbot.mouseClick(s.view.viewport(), Qt.MouseButton.LeftButton, pos=_hover_button(s, "Alpha", RENAME))
    editor = s.view.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Alpha"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not s.view.findChildren(QLineEdit))  # the closed editor is deleted later

    with qtbot.waitSignal(s.controller.conversation_deleted) as deleted:
        qtbot.mouseClick(s.view.viewport(), Qt.MouseButton.LeftButton, pos=_hover_button(s, "Alpha", DELETE))
    assert deleted.args == [s.ids["Alpha"]]


def test_renaming_reports_the_new_title_to_the_window(qtbot: QtBot, s: Setup) -> None:
    with qtbot.waitSignal(s.controller.conversation_renamed) as renamed:
        rename_with_f2(qtbot, s, "Beta", "Monads")
    assert renamed.args == [s.ids["Beta"], "Monads"]


def test_the_undo_bar_does_not_widen_the_sidebar(qtbot: QtBot, store: ConversationStore) -> None:
    """Defect 9: a long deleted title made the undo bar ~33 px wider than the sidebar, shifting the chat."""
    long = store.create_conversation("A very long conversation title that goes on and on " * 3)
    s = make_setup(qtbot, store)
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    splitter.addWidget(s.sidebar)
    splitter.addWidget(QWidget())
    splitter.setChildrenCollapsible(False)
    splitter.resize(900, 500)
    splitter.setSizes([200, 700])
    splitter.show()
    qtbot.waitExposed(splitter)
    before = s.sidebar.width()
    s.sidebar.select(long.id)
    s.controller._delete(long.id)
    assert s.undo_bar_text() is not None
    QApplication.processEvents()
    assert s.sidebar.width() == before
    assert s.sidebar.minimumSizeHint().width() <= before
