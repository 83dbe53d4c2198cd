"""The frozen (PyInstaller one-dir) build, made once per session and only when its sources changed.

packaging/build-linux.sh keeps a hash of everything the bundle is made from next to it and skips the build
when nothing changed, so a second test run costs nothing and CI (a fresh clone) always builds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 900


@pytest.fixture(scope="session")
def frozen_sluice() -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("only the Linux bundle is built by the tests")
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build-linux.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    if done.returncode != 0:
        pytest.fail(f"the frozen build failed:\n{done.stdout[-4000:]}\n{done.stderr[-8000:]}")
    binary = ROOT / "dist" / "sluice" / "sluice"
    assert binary.is_file(), done.stdout
    print(f"\nfrozen build: {done.stdout.strip().splitlines()[-1]} ({time.monotonic() - started:.0f} s)")
    return binary
