"""Desktop integration: where the bundled resources are, and `sluice --install-desktop` on Linux.

The resources (icons, the .desktop entry, the AppStream metainfo, translations) keep one layout — that of
`resources/` in the source tree — wherever Sluice runs from:

    source checkout   <repo>/resources/
    pip / pipx        <prefix>/share/sluice/   (wheel data files, see pyproject.toml)
    PyInstaller       <bundle>/_internal/resources/   (sys._MEIPASS)

`--install-desktop` writes the entry and the icons into the user's XDG data dir (freedesktop Desktop Entry
and Icon Theme specs), with Exec pointing at the `sluice` that is running, so a pipx or venv install shows
up in the desktop's launcher; `--uninstall-desktop` removes exactly those files. No Qt here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import SluiceError

DESKTOP_ID = "sluice.desktop"
ICON_NAME = "sluice"
# The hicolor sizes rendered by packaging/render_icons.py (resources/icons/sluice-<N>.png).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
_SHARE_SUBDIR = ("share", "sluice")


def resource_root() -> Path:
    """The directory holding sluice.desktop and icons/, wherever Sluice was installed from."""
    for candidate in _resource_candidates():
        if (candidate / DESKTOP_ID).is_file():
            return candidate
    raise SluiceError(
        "Sluice's resource files (icons, desktop entry) are missing from this installation. "
        "Reinstall it (pipx reinstall sluice)."
    )


def _resource_candidates() -> Iterator[Path]:
    """Cheapest first: importlib.metadata costs ~20 ms of imports, paid only by an unusual install."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        yield Path(bundle) / "resources"
        return
    yield Path(__file__).resolve().parent.parent / "resources"  # a source checkout or editable install
    yield Path(sys.prefix).joinpath(*_SHARE_SUBDIR)  # a venv, as pipx makes
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("sluice")
    except PackageNotFoundError:
        return
    for file in dist.files or ():  # pip install --user, or any other scheme
        if file.name == DESKTOP_ID and file.parent.parts[-2:] == _SHARE_SUBDIR:
            yield Path(str(dist.locate_file(file))).parent
            return


def icon_path(size: int) -> Path:
    return resource_root() / "icons" / f"sluice-{size}.png"


def data_home(environ: dict[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the spec says)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


@dataclass(frozen=True)
class DesktopFiles:
    """The files `--install-desktop` writes, as (source, destination) pairs, and the entry's path."""

    entry: Path
    icons: tuple[tuple[Path, Path], ...]

    @property
    def all_paths(self) -> list[Path]:
        return [self.entry, *(dest for _, dest in self.icons)]


def desktop_files(data_dir: Path, resources: Path) -> DesktopFiles:
    hicolor = data_dir / "icons" / "hicolor"
    icons = [
        (resources / "icons" / f"sluice-{n}.png", hicolor / f"{n}x{n}" / "apps" / f"{ICON_NAME}.png")
        for n in ICON_SIZES
    ]
    icons.append((resources / "icons" / "sluice.svg", hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"))
    return DesktopFiles(entry=data_dir / "applications" / DESKTOP_ID, icons=tuple(icons))


def launch_command() -> list[str]:
    """The command that starts this very Sluice: the frozen binary, the `sluice` script, or python -m app."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    script = sys.argv[0] if sys.argv else ""
    if script and Path(script).name.lower().startswith("sluice") and os.path.isfile(script):
        # Not resolved: pipx's ~/.local/bin/sluice symlink survives a reinstall, the venv path may not.
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", "app"]


_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_line(argv: list[str]) -> str:
    """An Exec value for argv, quoted and escaped as the Desktop Entry spec requires."""
    parts = []
    for arg in argv:
        if arg and not (_EXEC_RESERVED & set(arg)):
            quoted = arg
        else:
            escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
            quoted = f'"{escaped}"'
        # A literal % is written %%; then the whole value is a string, whose backslashes are doubled.
        parts.append(quoted.replace("%", "%%").replace("\\", "\\\\"))
    return " ".join(parts)


MARKER = "X-Sluice-Installed-By=sluice --install-desktop"
"""In every entry Sluice writes: it replaces or removes only an entry that carries it."""


def render_entry(template: str, argv: list[str]) -> str:
    """The bundled entry with Exec (and TryExec, so the launcher hides it once the program is gone)."""
    lines = []
    for line in template.splitlines():
        if line.startswith(("Exec=", "TryExec=")):
            continue
        lines.append(line)
        if line.strip() == "[Desktop Entry]":
            # TryExec is a plain path (a string value: only backslashes escaped), not an Exec command
            # line: quotes there would make launchers look for a file whose name has quotes in it.
            lines.append(f"TryExec={argv[0].replace(chr(92), chr(92) * 2)}")
            lines.append(f"Exec={exec_line(argv)}")
            lines.append(MARKER)
    return "\n".join(lines) + "\n"


def ours(entry: Path) -> bool:
    """Whether the entry at `entry` was written by `sluice --install-desktop`."""
    try:
        return MARKER in entry.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False


def install_desktop(data_dir: Path, argv: list[str], resources: Path | None = None) -> list[Path]:
    """Write the desktop entry and icons under data_dir; returns the files written."""
    resources = resources or resource_root()
    files = desktop_files(data_dir, resources)
    if files.entry.exists() and not ours(files.entry):
        raise SluiceError(
            f"{files.entry} exists and was not written by Sluice; it was left as it is. "
            "Move it away (or keep it and skip --install-desktop)."
        )
    entry_text = render_entry((resources / DESKTOP_ID).read_text(encoding="utf-8"), argv)
    for source, dest in files.icons:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(dest, source.read_bytes())
    files.entry.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(files.entry, entry_text.encode("utf-8"))
    # Icon caches notice a change by the theme directory's mtime.
    os.utime(data_dir / "icons" / "hicolor")
    return files.all_paths


def uninstall_desktop(data_dir: Path) -> list[Path]:
    """Remove the files `install_desktop` writes (and nothing else); returns those that were there.

    Only when the entry carries Sluice's marker: an entry (and icons) of the same name that the user made
    themselves are left alone.
    """
    files = desktop_files(data_dir, Path("unused"))
    if not ours(files.entry):
        return []
    removed = []
    for path in files.all_paths:
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def run_desktop_command(*, install: bool) -> int:
    """`sluice --install-desktop` / `--uninstall-desktop`: do it and say what was done."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        print(
            "sluice: --install-desktop is for Linux desktops. On Windows use the installer "
            "(packaging/sluice.iss); on macOS drag Sluice.app to Applications.",
            file=sys.stderr,
        )
        return 1
    data_dir = data_home()
    if install:
        argv = launch_command()
        written = install_desktop(data_dir, argv)
        print(f"Installed the Sluice desktop entry ({len(written)} files):", file=sys.stderr)
        for path in written:
            print(f"  {path}", file=sys.stderr)
        print(f"It starts: {' '.join(argv)}", file=sys.stderr)
        return 0
    removed = uninstall_desktop(data_dir)
    if not removed:
        entry = desktop_files(data_dir, Path("unused")).entry
        if entry.exists():
            print(f"{entry} was not written by Sluice; it was left as it is.", file=sys.stderr)
        else:
            print(f"No Sluice desktop entry was installed under {data_dir}.", file=sys.stderr)
        return 0
    print(f"Removed the Sluice desktop entry ({len(removed)} files).", file=sys.stderr)
    return 0
