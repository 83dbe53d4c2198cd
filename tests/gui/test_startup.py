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
dropped = drop_pyside_feature_hook() if sys.argv[1] == "drop" else False
import wave  # a module nothing here has imported yet
app = QApplication(sys.argv[:1])
label = QLabel("still works")
print(dropped, any(name.endswith("wave.py") for name in linecache.cache), label.text())
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
    assert _probe("keep") == "False True still works"
    assert _probe("drop") == "True False still works"
