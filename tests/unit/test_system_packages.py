"""What scripts/start.sh installs on a fresh Debian/Ubuntu, and what the frozen build's notes ask for."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start_packages() -> set[str]:
    script = f'source "{ROOT / "scripts" / "bootstrap.sh"}"; echo $QT_DEBS'
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True, timeout=30)
    return set(out.stdout.split())


def test_start_installs_a_colour_emoji_font_with_the_other_system_packages() -> None:
    """Defect 12: emoji showed as empty boxes on a fresh Debian."""
    packages = _start_packages()
    assert {"fonts-noto-color-emoji", "fonts-noto-cjk", "libxcb-cursor0"} <= packages


def test_the_frozen_builds_notes_say_which_fonts_it_needs() -> None:
    notes = (ROOT / "packaging" / "README.md").read_text(encoding="utf-8")
    assert "fonts-noto-color-emoji" in notes and "fonts-noto-cjk" in notes
