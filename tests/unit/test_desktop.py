"""The desktop files (icon, .desktop entry, AppStream metainfo) and `sluice --install-desktop`.

The entry and the metainfo are checked with the freedesktop validators from Debian's desktop-file-utils and
appstream packages (scripts/test.sh installs them). Without them a test skips on a developer's machine and
fails under CI=true, so CI can never pass by not checking.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from app import desktop

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
ENTRY = RESOURCES / "sluice.desktop"
METAINFO = next(RESOURCES.glob("*.metainfo.xml"))


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install desktop-file-utils appstream)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def validate_entry(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [need_tool("desktop-file-validate"), str(path)], capture_output=True, text=True, timeout=60
    )


def entry_keys(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# ---- the files themselves ------------------------------------------------------------------------------


def test_desktop_entry_is_valid() -> None:
    done = validate_entry(ENTRY)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_validator_catches_a_broken_entry(tmp_path: Path) -> None:
    # The check above must be able to fail: an entry without Name is rejected.
    broken = tmp_path / "sluice.desktop"
    broken.write_text(re.sub(r"(?m)^Name=.*\n", "", ENTRY.read_text(encoding="utf-8")), encoding="utf-8")
    assert validate_entry(broken).returncode != 0


def test_metainfo_is_valid() -> None:
    done = subprocess.run(
        [need_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_metainfo_validator_catches_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / METAINFO.name
    broken.write_text(
        re.sub(r"<summary>.*?</summary>", "", METAINFO.read_text(encoding="utf-8")), encoding="utf-8"
    )
    done = subprocess.run(
        [need_tool("appstreamcli"), "validate", "--no-net", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0


def test_entry_names_the_app_the_way_qt_does() -> None:
    keys = entry_keys(ENTRY.read_text(encoding="utf-8"))
    assert keys["Exec"] == "sluice" and keys["Icon"] == desktop.ICON_NAME
    for lang in ("zh_CN", "zh_TW"):
        assert keys[f"Comment[{lang}]"] and keys[f"GenericName[{lang}]"]
    # The window manager matches windows to the entry by WM_CLASS / Wayland app id, which Qt takes from
    # setDesktopFileName: both must be the entry's file name without .desktop.
    app_py = (ROOT / "app" / "ui" / "shell" / "app.py").read_text(encoding="utf-8")
    qt_names = re.findall(r'setDesktopFileName\("([^"]+)"\)', app_py)
    assert qt_names == [keys["StartupWMClass"]] == [Path(desktop.DESKTOP_ID).stem]
    metainfo = METAINFO.read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{desktop.DESKTOP_ID}</launchable>' in metainfo


def test_icons_exist_at_every_hicolor_size() -> None:
    for size in desktop.ICON_SIZES:
        assert png_size(RESOURCES / "icons" / f"sluice-{size}.png") == (size, size)
    svg = (RESOURCES / "icons" / "sluice.svg").read_text(encoding="utf-8")
    assert 'viewBox="0 0 256 256"' in svg
    ico = (RESOURCES / "icons" / "sluice.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and struct.unpack("<H", ico[4:6])[0] >= 5


def test_resource_root_in_a_checkout_is_resources() -> None:
    assert desktop.resource_root() == RESOURCES


# ---- Exec quoting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["/usr/bin/sluice"], "/usr/bin/sluice"),
        (["/home/a b/.venv/bin/python", "-m", "app"], '"/home/a b/.venv/bin/python" -m app'),
        (["/opt/50%/sluice"], "/opt/50%%/sluice"),
        (["/x/$HOME/sluice"], '"/x/\\\\$HOME/sluice"'),
    ],
)
def test_exec_line_quotes_as_the_spec_says(argv: list[str], expected: str) -> None:
    assert desktop.exec_line(argv) == expected


def test_a_path_with_spaces_gives_a_valid_entry(tmp_path: Path) -> None:
    text = desktop.render_entry(ENTRY.read_text(encoding="utf-8"), ["/home/a b/bin/sluice"])
    out = tmp_path / "sluice.desktop"
    out.write_text(text, encoding="utf-8")
    done = validate_entry(out)
    assert done.returncode == 0, done.stdout
    assert entry_keys(text)["Exec"] == '"/home/a b/bin/sluice"'
    assert entry_keys(text)["TryExec"] == "/home/a b/bin/sluice"  # a plain path: launchers stat it as is


# ---- sluice --install-desktop / --uninstall-desktop, as a user runs them -------------------------------


def run_sluice(*args: str, data_home: Path, home: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "sluice"
    assert script.is_file(), "the sluice console script is not installed in this venv"
    env = dict(os.environ, XDG_DATA_HOME=str(data_home), HOME=str(home), SLUICE_HOME=str(home / "sl"))
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, timeout=60)


def test_install_then_uninstall_desktop(tmp_path: Path) -> None:
    data = tmp_path / "data"
    other = data / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", encoding="utf-8")

    done = run_sluice("--install-desktop", data_home=data, home=tmp_path)
    assert done.returncode == 0, done.stderr
    entry = data / "applications" / "sluice.desktop"
    keys = entry_keys(entry.read_text(encoding="utf-8"))
    script = str(Path(sys.executable).parent / "sluice")
    assert keys["Exec"] == script and keys["TryExec"] == script
    assert keys["Comment[zh_CN]"].startswith("通过")
    assert validate_entry(entry).returncode == 0
    hicolor = data / "icons" / "hicolor"
    for size in desktop.ICON_SIZES:
        installed = hicolor / f"{size}x{size}" / "apps" / "sluice.png"
        assert installed.read_bytes() == (RESOURCES / "icons" / f"sluice-{size}.png").read_bytes()
    assert (hicolor / "scalable" / "apps" / "sluice.svg").is_file()
    written = sorted(p for p in data.rglob("*") if p.is_file() and p != other)
    assert len(written) == len(desktop.ICON_SIZES) + 2
    assert str(entry) in done.stderr

    # Installing twice is fine (same files, replaced).
    assert run_sluice("--install-desktop", data_home=data, home=tmp_path).returncode == 0

    done = run_sluice("--uninstall-desktop", data_home=data, home=tmp_path)
    assert done.returncode == 0, done.stderr
    left = sorted(p for p in data.rglob("*") if p.is_file())
    assert left == [other]
    done = run_sluice("--uninstall-desktop", data_home=data, home=tmp_path)
    assert done.returncode == 0 and "No Sluice desktop entry" in done.stderr


def test_an_entry_the_user_made_is_neither_replaced_nor_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    mine = data / "applications" / "sluice.desktop"
    mine.parent.mkdir(parents=True)
    custom = "[Desktop Entry]\nType=Application\nName=My Sluice\nExec=env SLUICE_HOME=/x sluice\n"
    mine.write_text(custom, encoding="utf-8")
    icon = data / "icons" / "hicolor" / "48x48" / "apps" / "sluice.png"
    icon.parent.mkdir(parents=True)
    icon.write_bytes(b"my own icon")

    done = run_sluice("--install-desktop", data_home=data, home=tmp_path)
    assert done.returncode == 1 and "not written by Sluice" in done.stderr
    done = run_sluice("--uninstall-desktop", data_home=data, home=tmp_path)
    assert done.returncode == 0 and "not written by Sluice" in done.stderr
    assert mine.read_text(encoding="utf-8") == custom
    assert icon.read_bytes() == b"my own icon"


def test_install_desktop_defaults_to_local_share(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": "relative/not/allowed"}
    assert desktop.data_home(env) == Path.home() / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path


def test_version_flag() -> None:
    from app import __version__

    done = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 0 and done.stdout.strip() == f"sluice {__version__}"
