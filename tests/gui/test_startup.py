"""Start-up rules that a timing cannot show (bench/start.py prints the times)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import linecache, sys
from PySide6.QtWidgets import QApplication, QLabel
from app.ui.shell.startup import drop_pyside_feature_hook
import colorsys  # read by the hook while it is still there
dropped = drop_pyside_feature_hook() if sys.argv[1] == "drop" else False
import wave  # a module nothing here has imported yet
app = QApplication(sys.argv[:1])
label = QLabel("still works")
read = [any(name.endswith(f"{module}.py") for name in linecache.cache) for module in ("wave", "colorsys")]
print(dropped, *read, label.text())
"""


def _probe(mode: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_after_the_feature_hook_is_dropped_imports_no_longer_read_module_sources() -> None:
    # With PySide6's hook every later import reads the module's source into linecache (time and memory).
    assert _probe("keep") == "False True True still works"
    # and what it read before it was dropped is let go (~100-200 kB of source text kept for good)
    assert _probe("drop") == "True False False still works"


_FIRST_FRAME = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.home import Home
from app.ui.shell.composition import build_views
app = QApplication(sys.argv[:1])
home = Home.from_env({"SLUICE_HOME": sys.argv[1]})
home.ensure()
from app.ui.shell.single_instance import SingleInstance
instance = SingleInstance(home.data_dir)  # as run_window takes the lock before the first frame
assert instance.acquire(listen=False)
views = build_views(home, lambda: None)
views.window.show()
app.processEvents()
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[2:])))
views.store.close()
instance.release()
"""

# What the first frame must not wait for (DESIGN.md "Start-up"): imported after it, by connect_views.
_NOT_BEFORE_THE_FIRST_FRAME = (
    "asyncio",
    "qasync",
    "httpx",
    "httpcore",
    "anyio",
    "ssl",
    "keyring",
    "pygments",
    "app.net",
    "app.session",
    "app.keystore",
    # Pages, dialogs and popups nobody sees in the first frame: each Qt class's Python type (and its enums)
    # is made on first use, so importing them early costs start-up time (issue 11 §7).
    "app.ui.settings",
    "app.ui.usage",
    "app.ui.inspect",
    "app.ui.compare",
    "app.ui.profiles.editor",
    "app.ui.profiles.welcome",
    "app.ui.shell.commands",
    "app.ui.shell.crash_dialog",
    "app.ui.chat.controller",
    "app.attachments",
    "app.store.stats",  # the usage figures: imported when the Usage page or `sluice stats` asks
    "app.store.removal",  # deleting a message: imported when one is deleted
    "PIL",
    "PySide6.QtNetwork",  # the single-instance server listens once the window is painted
    "hashlib",  # and its OpenSSL (~3 ms): the single-instance name is worked out when first needed
    "_hashlib",
)


def test_the_first_frame_is_built_without_the_network_asyncio_or_the_controllers(tmp_path: Path) -> None:
    roots = sorted({name.split(".")[0] for name in _NOT_BEFORE_THE_FIRST_FRAME} | {"app"})
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME, str(tmp_path / "home"), *roots],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    loaded = set(done.stdout.split())
    assert "app.ui.shell.composition" in loaded  # the probe really built the views
    early = sorted(
        name
        for name in loaded
        for banned in _NOT_BEFORE_THE_FIRST_FRAME
        if name == banned or name.startswith(banned + ".")
    )
    assert early == [], "imported before the first frame; move the import into connect_views or first use"


def test_the_apps_style_answers_style_hints_without_python() -> None:
    # Qt asks the style for hints hundreds of times while it builds a window; a Python override of
    # styleHint made each one a call into Python (~30 ms before the first frame). What the app wants from
    # hints goes in the style sheet instead (theme.py: dialogbuttonbox-buttons-have-icons).
    from app.ui.look_style import LookStyle

    assert "styleHint" not in vars(LookStyle)


_TYPE_SEARCH = """
import sys
from PySide6 import QtWidgets
from PySide6.QtWidgets import QApplication
from app.home import Home
from app.ui.shell.composition import build_views
from app.ui.theme import apply_theme
app = QApplication(sys.argv[:1])
home = Home.from_env({"SLUICE_HOME": sys.argv[1]})
home.ensure()
home.profiles_path.write_text(
    '[[profile]]\\nname = "local"\\nbase_url = "http://127.0.0.1:9/v1"\\nmodel = "m"\\nauth = "none"\\n'
)
apply_theme(app)  # as run_window does: the app's own style draws the first frame
views = build_views(home, lambda: None)
views.window.show()
views.window.grab()  # the first frame, painted now
app.processEvents()
# QTabWidget appears nowhere in the window: its Python type exists only if PySide6 searched every QWidget
# subclass for the type of a widget Python had not seen (a scroll area's viewport: app/ui/viewport.py).
print("QTabWidget" in vars(QtWidgets), "composerInput" in [w.objectName() for w in app.allWidgets()])
views.store.close()
"""


def test_the_first_frame_makes_pyside6_search_no_widget_type(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _TYPE_SEARCH, str(tmp_path / "home")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    searched, built = done.stdout.split()
    assert built == "True"  # the chat page, composer included, was built and shown
    assert searched == "False", "a QWidget* reached Python before the first frame: use viewport_of"
