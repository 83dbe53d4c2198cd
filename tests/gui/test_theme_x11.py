"""Defect 5 on a real X server: every dialog, menu and popup opens in the theme's colours at once.

The offscreen platform paints whatever the palette says the moment it is asked, so it cannot show a dialog
that opens light and darkens only when the pointer passes over it. Here the window runs on Xvfb (xcb), in a
process of its own (tests/gui/x11_theme_probe.py), and what is measured is the X server's own pixels under
each surface right after it is shown, with the pointer never moved. Skipped where Xvfb is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.models import Profile
from app.home import Home
from app.profiles.store import ProfileStore
from tests.support.server import TestServer, models_reply

ROOT = Path(__file__).resolve().parents[2]
DARK_AT_MOST = 90  # the dark theme's surfaces measure 32-45; a light one 255
LIGHT_AT_LEAST = 180

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (apt-get install xvfb)")


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A private Xvfb; -displayfd picks a free display number and says which."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def probe(display: str, home: Path, start: str) -> dict[str, int]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": display,
        "SLUICE_HOME": str(home),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("QT_QPA_PLATFORMTHEME", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.x11_theme_probe", start],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def fresh_home(tmp_path: Path, server: TestServer, theme: str) -> Path:
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / theme)})
    home.ensure()
    profiles = ProfileStore(home.profiles_path)
    profiles.load()
    profiles.add(Profile(name="local", base_url=server.base_url, model="test-model", auth="none"))
    profiles.save()
    home.settings_path.write_text(f'theme = "{theme}"\n', encoding="utf-8")
    return tmp_path / theme


def test_started_dark_every_surface_opens_dark_on_x11(display: str, tmp_path: Path) -> None:
    with TestServer() as server:
        server.set_default(lambda _request: models_reply(["test-model", "other-model"]), "/v1/models")
        found = probe(display, fresh_home(tmp_path, server, "dark"), "dark")
    assert found.pop("dark dialog buttons with icons") == 0  # the app's one icon set, not Fusion's
    assert set(found) >= {"dark settings", "dark system prompt", "dark profile editor", "dark menu"}
    light = {name: value for name, value in found.items() if not 0 <= value <= DARK_AT_MOST}
    assert light == {}, f"opened light (or not measured) in the dark theme: {found}"


def test_built_light_then_switched_to_dark_every_surface_opens_dark_on_x11(
    display: str, tmp_path: Path
) -> None:
    """Each surface is built while light (the editor and the sheet are kept, hidden, once built), then the
    theme goes dark as the palette's "Theme: dark" does, and each must open dark."""
    with TestServer() as server:
        server.set_default(lambda _request: models_reply(["test-model", "other-model"]), "/v1/models")
        found = probe(display, fresh_home(tmp_path, server, "light"), "light")
    assert (
        found.pop("light dialog buttons with icons") == found.pop("switched dialog buttons with icons") == 0
    )
    before = {name: value for name, value in found.items() if name.startswith("light ")}
    after = {name: value for name, value in found.items() if name.startswith("switched ")}
    assert len(before) == len(after) == 8
    assert all(value >= LIGHT_AT_LEAST for value in before.values()), before  # the probe tells light apart
    assert all(0 <= value <= DARK_AT_MOST for value in after.values()), after
