"""The wheel (what pip and pipx install) carries the desktop resources, and an install finds them.

The wheel is built from a copy of the tracked sources, so the build leaves nothing in the checkout. The
installed copy gets no dependencies (PySide6 alone is ~100 MB): app.desktop needs only the standard library.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_sources(dest: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "pyproject.toml", "README.md", "app", "resources"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_bytes(src.read_bytes())


def test_wheel_ships_resources_and_an_install_finds_them(tmp_path: Path) -> None:
    src = tmp_path / "src"
    copy_sources(src)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(src), "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("sluice-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = next(n.split("/data/")[0] for n in names if "/data/" in n) + "/data/share/sluice/"
    expected = ["sluice.desktop", "icons/sluice.svg", "icons/sluice-16.png", "icons/sluice-512.png"]
    expected += [p.name for p in (ROOT / "resources").glob("*.metainfo.xml")]
    expected += ["i18n/sluice_zh_CN.ts", "i18n/sluice_zh_TW.ts"]  # compiled at the first start
    for name in expected:
        assert data + name in names, f"{name} missing from the wheel"
    assert any(n.endswith(".dist-info/entry_points.txt") for n in names)

    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stderr
    probe = (
        "import json, sys; from pathlib import Path; from app import desktop;"
        "root = desktop.resource_root();"
        "out = Path(sys.argv[1]);"
        "files = desktop.install_desktop(out, ['/opt/sluice/sluice']);"
        "print(json.dumps([str(root), [str(f) for f in files]]))"
    )
    ran = subprocess.run(
        [str(python), "-c", probe, str(tmp_path / "xdg")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,  # not the checkout: the installed copy must find its own resources
    )
    assert ran.returncode == 0, ran.stderr
    root, files = json.loads(ran.stdout)
    assert Path(root) == target / "share" / "sluice"
    entry = tmp_path / "xdg" / "applications" / "sluice.desktop"
    assert str(entry) in files
    assert "Exec=/opt/sluice/sluice" in entry.read_text(encoding="utf-8")
