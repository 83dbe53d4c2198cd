"""The first frame's outline: drawn where the views then go, and before the costly part of start-up.

bench/start.py prints the times; these tests hold what a timing cannot show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from app.home import Home
from app.ui.shell.composition import build_views
from app.ui.shell.main_window import COLLAPSE_BELOW, MainWindow
from app.ui.shell.outline import WindowOutline
from app.ui.shell.window_state import WindowState, capture, chrome, load_state, save_state

ROOT = Path(__file__).resolve().parents[2]
PROFILE = '[[profile]]\nname = "local"\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "m"\nauth = "none"\n'


def _home_with_profile(tmp_path: Path) -> Home:
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / "home")})
    home.ensure()
    home.profiles_path.write_text(PROFILE)
    return home


def _start(
    probe: str, tmp_path: Path, *, first_paint: str = "", check: bool = True, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `probe` (a script that starts the window through app.ui.shell.app) on `tmp_path`'s home."""
    env = {**os.environ, "SLUICE_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SLUICE_FIRST_PAINT", None)
    if first_paint:
        env["SLUICE_FIRST_PAINT"] = first_paint
    return subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=check,
    )


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _outline_parts(outline: WindowOutline, window: QWidget) -> dict[str, QRect]:
    return {
        name: _in_window(frame, window)
        for name, frame in (
            ("sidebar", outline._sidebar),
            ("handle", outline._handle),
            ("topbar line", outline._topbar_line),
            ("card", outline._card),
        )
    }


def test_the_outline_draws_the_chrome_where_the_views_then_put_it(qapp: QApplication, tmp_path: Path) -> None:
    home = _home_with_profile(tmp_path)
    # A first run lays the views out and, closing, keeps their sizes (as the window does at close).
    views = build_views(home, lambda: None)
    window = views.window
    window.resize(1000, 700)
    window.show()
    qapp.processEvents()
    save_state(home.data_dir / "window.json", capture(window, None, following_system=True))
    real = {
        "sidebar": _in_window(window.sidebar, window),
        "handle": QRect(window.sidebar.width(), 0, 1, window.sidebar.height()),
        "topbar line": QRect(
            window.topbar.mapTo(window, QPoint(0, window.topbar.height() - 1)), window.topbar.size()
        ),
        "card": _in_window(window.composer.findChild(QWidget, "composerCard"), window),
    }
    window.close()
    views.store.close()

    # The next start: the outline from what was kept, in a window of the same size.
    state = load_state(home.data_dir / "window.json")
    assert state.topbar_height and state.composer_height and state.status_height
    second = MainWindow(on_close=lambda: None)
    second.resize(1000, 700)
    outline = WindowOutline(chrome(state, chat=True))
    second.show_outline(outline)
    second.show()
    qapp.processEvents()
    drawn = _outline_parts(outline, second)
    assert drawn["sidebar"] == real["sidebar"]
    assert drawn["handle"] == real["handle"]
    assert drawn["topbar line"].topLeft() == real["topbar line"].topLeft()
    assert drawn["topbar line"].width() == real["topbar line"].width()
    assert drawn["card"] == real["card"]
    second.close()


def test_a_draft_at_close_does_not_make_the_next_outlines_composer_taller(
    qapp: QApplication, tmp_path: Path
) -> None:
    """The composer grows with its text, banner and files; the next start's composer is empty (the draft is
    not kept), so the outline draws its card at the empty composer's height."""
    home = _home_with_profile(tmp_path)
    views = build_views(home, lambda: None)
    window = views.window
    try:
        window.resize(1000, 700)
        window.show()
        qapp.processEvents()
        empty = window.composer.height()
        assert capture(window, None, following_system=True).composer_height == empty
        window.composer.set_text("\n".join(f"line {n}" for n in range(6)))
        for _ in range(3):  # the box's new height, then the window's layout
            qapp.processEvents()
        assert window.composer.height() > empty  # it grew with the draft
        assert capture(window, None, following_system=True).composer_height == empty
        window.composer.begin_edit("an earlier message\nof two lines")  # and with the edit banner
        for _ in range(3):
            qapp.processEvents()
        assert window.composer.height() > empty
        assert capture(window, None, following_system=True).composer_height == empty
    finally:
        window.close()
        views.store.close()


def test_the_views_come_with_their_status_bar_laid_out(qapp: QApplication, tmp_path: Path) -> None:
    """The status bar is made with the views, in a window already on screen (the outline's): laid out only
    after the views' first paint, that frame drew its size grip at the bottom left."""
    home = _home_with_profile(tmp_path)
    state = WindowState()
    window = MainWindow(on_close=lambda: None)
    window.resize(1000, 700)
    window.show_outline(WindowOutline(chrome(state, chat=True)))
    window.show()
    qapp.processEvents()
    views = build_views(home, lambda: None, window=window, state=state)
    try:
        bar = window.statusBar()  # before any event: what the views' first paint finds
        assert bar.isVisible()
        assert bar.geometry().width() == window.width()
        assert bar.geometry().bottom() == window.height() - 1
    finally:
        window.close()
        views.store.close()


def test_the_welcome_pages_outline_has_no_chat_chrome(qapp: QApplication) -> None:
    window = MainWindow(on_close=lambda: None)
    outline = WindowOutline(chrome(load_state(Path("/nonexistent/window.json")), chat=False))
    window.show_outline(outline)
    window.show()
    qapp.processEvents()
    assert not any(
        frame.isVisible()
        for frame in (outline._sidebar, outline._handle, outline._topbar_line, outline._card)
    )
    window.close()


def test_the_outline_folds_the_sidebar_by_the_width_the_window_is_shown_at(qapp: QApplication) -> None:
    """The window's width before it is shown is its normal size: a window restored maximised (or resized by
    the window manager while the outline is up) is shown wider or narrower, and the views then fold the
    sidebar by the width they get. The outline has to follow the same rule at the same width."""
    state = WindowState(sidebar_width=300, sidebar_shown=True)
    window = MainWindow(on_close=lambda: None)
    window.resize(COLLAPSE_BELOW - 100, 600)  # the normal size, as restoreGeometry leaves it before show
    outline = WindowOutline(chrome(state, chat=True))
    window.show_outline(outline)
    window.show()
    window.resize(COLLAPSE_BELOW + 200, 600)  # as maximised: wide enough for the sidebar
    qapp.processEvents()
    assert outline._sidebar.isVisible()
    assert _in_window(outline._sidebar, window).width() == 300
    assert _in_window(outline._card, window).left() > 300
    window.resize(COLLAPSE_BELOW - 50, 600)  # and narrow again: folded, as the views fold it
    qapp.processEvents()
    assert not outline._sidebar.isVisible() and not outline._handle.isVisible()
    assert _in_window(outline._card, window).left() < 300
    window.close()

    hidden = MainWindow(on_close=lambda: None)  # hidden with Ctrl+B at the last close: never drawn
    hidden.resize(COLLAPSE_BELOW + 200, 600)
    outline = WindowOutline(chrome(WindowState(sidebar_width=300, sidebar_shown=False), chat=True))
    hidden.show_outline(outline)
    hidden.show()
    qapp.processEvents()
    assert not outline._sidebar.isVisible()
    hidden.close()


_FIRST_FRAME = """
import sys
import app.ui.shell.app as shell

seen = {}
trace = shell.trace


def watching(step):
    trace(step)
    if step == "first frame painted":
        from PySide6 import QtCore
        seen["qt"] = "Qt" in vars(QtCore)
        seen["views"] = sorted(
            name for name in sys.modules
            if name.startswith(("app.ui.chat", "app.ui.transcript", "app.ui.sidebar", "app.store", "asyncio"))
        )
    if step == "views painted":
        seen["views painted"] = True


shell.trace = watching
code = shell.run_window()
print(code, seen.get("qt"), ",".join(seen.get("views", ["?"])) or "-", seen.get("views painted", False))
"""


def test_the_outline_is_painted_before_the_qt_namespace_and_every_view_module(tmp_path: Path) -> None:
    home = _home_with_profile(tmp_path)
    # A returning user: the scheme of the last close is known, so the desktop is asked only after the frame.
    (home.data_dir / "window.json").write_text(json.dumps({"dark": False, "topbar_height": 44}))
    done = _start(_FIRST_FRAME, tmp_path, first_paint="exit")
    code, qt_namespace, modules, views_painted = done.stdout.split()[-4:]
    assert code == "0"
    assert views_painted == "True"  # and then the views did fill it
    # The Qt namespace's Python type costs ~15 ms to make; the views' modules ~60 ms to import.
    assert qt_namespace == "False"
    assert modules == "-"


_CLOSED_DURING_START = """
import os
import signal
import sys
import app.ui.shell.app as shell

seen = []
trace = shell.trace


def window_shown():
    from PySide6.QtWidgets import QApplication

    return any(w.isVisible() for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")


def watching(step):
    trace(step)
    seen.append(step)
    if step == "theme, language":  # the outline is on screen, the views are not built yet
        os.kill(os.getpid(), signal.SIGTERM)
    if step in ("views built", "views painted", "ready"):
        seen.append(f"{step}: window shown {window_shown()}")


shell.trace = watching
code = shell.run_window()
print(code, "|".join(seen))
"""


def test_a_sigterm_while_the_outline_is_up_quits_without_showing_the_window_again(tmp_path: Path) -> None:
    """SIGTERM (and SIGINT) close the window the normal way from the outline on; the views built meanwhile
    must not put the closed window back on screen before it quits."""
    home = _home_with_profile(tmp_path)
    kept = WindowState(sidebar_width=300, topbar_height=44, composer_height=65, status_height=22)
    save_state(home.data_dir / "window.json", kept)
    done = _start(_CLOSED_DURING_START, tmp_path)
    code, rest = done.stdout.strip().splitlines()[-1].split(" ", 1)
    steps = rest.split("|")
    assert code == "0"
    assert steps.count("shown") == 1  # the outline's show, and no second one
    assert "views built: window shown False" in steps
    assert "ready: window shown True" not in steps
    # Closed before the views were laid out: their sizes were Qt's defaults (a 480 px top bar, a 48 px
    # sidebar), which the next start's outline and sidebar would have taken. The last close's stay.
    assert load_state(home.data_dir / "window.json") == kept


_TERMINATED_AT_THE_DATABASE_BOX = """
import os
import signal
import app.ui.shell.app as shell

trace = shell.trace


def watching(step):
    trace(step)
    if step == "composition imported":  # the box saying the database cannot be opened comes next
        from PySide6.QtCore import QTimer

        QTimer.singleShot(300, lambda: os.kill(os.getpid(), signal.SIGTERM))


shell.trace = watching
print("exit", shell.run_window())
"""


def test_a_sigterm_while_the_database_box_is_up_still_quits(tmp_path: Path) -> None:
    """The window routes SIGTERM from its outline on; the box that says the database cannot be opened is
    modal (before the views), and a SIGTERM then must end Sluice, not wait for someone to click OK."""
    home = _home_with_profile(tmp_path)
    home.db_path.mkdir()  # a folder where the database should be
    done = _start(_TERMINATED_AT_THE_DATABASE_BOX, tmp_path, check=False, timeout=30)
    assert done.stdout.split()[-2:] == ["exit", "1"]
    assert "database" in done.stderr  # and said why, as when OK is clicked


def test_the_views_name_the_profile_and_model_before_the_controller_is_connected(
    qapp: QApplication, tmp_path: Path
) -> None:
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / "home")})
    home.ensure()
    home.profiles_path.write_text(
        PROFILE
        + '\n[[profile]]\nname = "other"\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "o"\nauth = "none"\n'
    )
    views = build_views(home, lambda: None)
    try:
        # Not "No profile" until connect_views: the first listed profile, as the controller then chooses.
        assert views.window.topbar.pill_text() == "local · m"
    finally:
        views.window.close()
        views.store.close()
    # The conversation last open names its own profile and model.
    from app.store.conversations import ConversationStore

    store = ConversationStore.open(home.db_path)
    conversation = store.create_conversation("Earlier", profile="other", model="o-2")
    store.close()
    state = load_state(home.data_dir / "window.json")
    save_state(home.data_dir / "window.json", type(state)(conversation=conversation.id))
    views = build_views(home, lambda: None)
    try:
        assert views.window.topbar.pill_text() == "other · o-2"
    finally:
        views.window.close()
        views.store.close()


def test_the_scheme_is_kept_for_the_next_outline_only_while_the_theme_follows_the_desktop(
    qapp: QApplication, tmp_path: Path
) -> None:
    # A theme chosen in Settings says nothing of the desktop's scheme: a user who switches back to
    # "system" while Sluice is closed must not get an outline in the colours of the old choice.
    home = _home_with_profile(tmp_path)
    views = build_views(home, lambda: None)
    try:
        assert capture(views.window, None, following_system=True).dark is not None
        assert capture(views.window, None, following_system=False).dark is None
    finally:
        views.window.close()
        views.store.close()
