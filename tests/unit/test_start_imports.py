"""What a start imports before it needs it: modules that cost start-up time and that a start does not use.

The window imports its Qt-free modules and reads its files before the first frame (app/ui/shell/app.py),
and the CLI imports the same ones; each module kept out here cost measured CPU time at every start
(bench/README.md "start.py"). Measured in a fresh interpreter: this test process has imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A first start: an empty SLUICE_HOME, read the way the window reads it before its first frame.
_FIRST_START = """
import importlib, json, sys
from app.ui.shell.app import _BEFORE_QT
for name in _BEFORE_QT:
    importlib.import_module(name)
from app.home import Home
from app.logs import setup_logging
from app.profiles.store import ProfileStore
from app.settings import load_settings
from app.store.conversations import ConversationStore
home = Home.from_env()
setup_logging(home)
load_settings(home.settings_path)
ProfileStore(home.profiles_path).load()
ConversationStore.open(home.db_path).list_conversations()
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(code: str, home: Path) -> set[str]:
    env = {**os.environ, "SLUICE_HOME": str(home), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_a_first_start_leaves_out_modules_it_does_not_use(tmp_path: Path) -> None:
    modules = _modules_after(_FIRST_START, tmp_path / "home")
    assert "app.store.conversations" in modules  # the check itself ran
    # platformdirs only finds the folders SLUICE_HOME already names; tomllib only reads files that exist;
    # logging.handlers (and the pickle it loads) only held the rotating log file's class (app/logs.py); the
    # stream inspector's records are read when a reply is inspected; the presets serve the welcome page.
    left_out = {
        "platformdirs",
        "tomllib",
        "logging.handlers",
        "pickle",
        "app.core.exchange",
        "app.profiles.presets",
    }
    assert not left_out & modules
    assert (tmp_path / "home" / "data" / "sluice.db").exists()


def test_files_that_exist_are_still_read(tmp_path: Path) -> None:
    config = tmp_path / "home" / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('theme = "dark"\n', encoding="utf-8")
    (config / "profiles.toml").write_text(
        '[[profile]]\nname = "p"\nbase_url = "http://127.0.0.1:9/v1"\n', encoding="utf-8"
    )
    code = _FIRST_START.replace(
        "print(json.dumps(sorted(sys.modules)))",
        "assert load_settings(home.settings_path)[0].theme == 'dark'\n"
        "store = ProfileStore(home.profiles_path); store.load(); assert store.names() == ['p']\n"
        "print(json.dumps(sorted(sys.modules)))",
    )
    assert "tomllib" in _modules_after(code, tmp_path / "home")
