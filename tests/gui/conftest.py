"""GUI tests run offscreen: no display is needed, and none is touched when one exists.

Qt reads QT_QPA_PLATFORM when the QApplication is created, so it is set here, at import, before any test
module imports PySide6. An explicit setting (e.g. QT_QPA_PLATFORM=xcb to watch the tests) is kept.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
