"""Broken local state gives one plain line, exit 1, and overwrites nothing (issue 12.9).

A home folder made read-only (0500), a log file made read-only (0400), a full disk during `profile add`
and when opening the database, a profiles.toml nested 5,000 deep. None of them may print a traceback or
"--- Logging error ---", and a full disk must not be called a damaged database.

Permissions mean nothing to root, so as root the folder or file is made read-only with a read-only bind
mount instead of its mode (the same refusal, EROFS instead of EACCES). The full disk is a 1 MB tmpfs (root
can mount one); without one, RLIMIT_FSIZE stands in for it (SIGXFSZ ignored, so a write past the limit
fails with EFBIG instead of killing the process).
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core.errors import ProfileError
from app.profiles.store import ProfileStore
from tests.integration.conftest import ROOT
from tests.support.server import TestServer, endless_sse_reply, sse_reply

NOBODY = 65534
LOCAL = ["--base-url", "http://127.0.0.1:9/v1", "--auth", "none", "--model", "m"]


@dataclass
class Run:
    home: Path
    preexec: Callable[[], None] | None = None

    def __call__(self, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, SLUICE_HOME=str(self.home), PYTHONPATH=str(ROOT))
        command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "app", *args]
        return subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, preexec_fn=self.preexec
        )


def _one_plain_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sluice: "), done.stderr
    return lines[0]


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mode) for p in root.rglob("*") if p.is_file()
    }


@contextlib.contextmanager
def read_only(path: Path, mode: int) -> Iterator[None]:
    """`chmod mode` for a user; for root (whom modes do not stop) a read-only bind mount of `path`."""
    if os.geteuid() != 0:
        old = path.stat().st_mode & 0o777
        path.chmod(mode)
        try:
            yield
        finally:
            path.chmod(old)
        return
    subprocess.run(["mount", "--bind", str(path), str(path)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(path)], check=True)


def test_a_read_only_home_folder_is_one_plain_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with read_only(home, 0o500):
        line = _one_plain_line(Run(home)("profile", "list"))
    assert "Cannot create the folder" in line and str(home / "config") in line
    assert list(home.iterdir()) == []


def test_a_read_only_log_file_is_passed_over_quietly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    setup = Run(home)("profile", "add", "a", *LOCAL)
    assert setup.returncode == 0, setup.stderr
    log = home / "logs" / "sluice.log"
    log.write_text("old log\n")
    with read_only(log, 0o400):
        done = Run(home)("--debug", "profile", "list")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Logging error" not in done.stderr
    assert done.stdout.split()[:2] == ["*", "a"]  # the only profile, so the default
    assert log.read_text() == "old log\n"


@dataclass
class TinyDisk:
    root: Path
    preexec: Callable[[], None] | None  # set when RLIMIT_FSIZE stands in for a real full disk

    def fill(self) -> None:
        if self.preexec is not None:
            return  # the limit is in force in every child already
        with contextlib.suppress(OSError), (self.root / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 65536)


@pytest.fixture
def tiny_disk() -> Iterator[TinyDisk]:
    root = Path(tempfile.mkdtemp(prefix="sluice-tinydisk-"))
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(root)], capture_output=True
        ).returncode
        == 0
    )
    try:
        if mounted:
            yield TinyDisk(root, None)
        else:

            def limit() -> None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

            yield TinyDisk(root, limit)
    finally:
        if mounted:
            subprocess.run(["umount", str(root)], check=False)
        shutil.rmtree(root, ignore_errors=True)


def test_a_full_disk_during_profile_add_is_one_line_and_the_file_is_kept(tiny_disk: TinyDisk) -> None:
    home = tiny_disk.root / "home"
    first = Run(home)("profile", "add", "a", *LOCAL)
    assert first.returncode == 0, first.stderr
    Run(home)("profile", "add", "padding-" + "x" * 3000, *LOCAL)  # past RLIMIT_FSIZE's 4 KB next time
    tiny_disk.fill()
    before = _snapshot(home / "config")
    line = _one_plain_line(Run(home, tiny_disk.preexec)("profile", "add", "b", *LOCAL))
    assert str(home / "config" / "profiles.toml") in line and "could not be written" in line
    assert _snapshot(home / "config") == before  # no temp file left, the old file as it was


def test_a_full_disk_is_not_called_a_damaged_database(tiny_disk: TinyDisk) -> None:
    if tiny_disk.preexec is not None:
        pytest.skip("needs a really full disk (a tmpfs): a file-size limit does not stop SQLite's -shm")
    home = tiny_disk.root / "home"
    assert Run(home)("profile", "add", "a", *LOCAL).returncode == 0
    made = Run(home)("--debug", "ask", "hi")  # refused by port 9: the database and the log now exist
    assert made.returncode == 1 and (home / "data" / "sluice.db").stat().st_size > 0
    for leftover in (home / "data").glob("sluice.db-*"):
        leftover.unlink()  # a clean close removes them; a new open must make the -shm again
    tiny_disk.fill()
    before = _snapshot(home / "data")
    line = _one_plain_line(Run(home)("--debug", "ask", "hi"))
    assert "disk is full" in line and str(home / "data" / "sluice.db") in line
    assert "damaged" not in line and "Move it aside" not in line
    assert _snapshot(home / "data")["sluice.db"] == before["sluice.db"]  # SQLite may start its -shm


def test_logging_to_a_full_disk_stops_quietly(tiny_disk: TinyDisk) -> None:
    home = tiny_disk.root / "home"
    code = (
        "import logging\n"
        "from app.home import Home\n"
        "from app.logs import setup_logging\n"
        "setup_logging(Home.from_env())\n"
        "for _ in range(40):\n"
        "    logging.getLogger('t').info('x' * 100_000)\n"
        "print('still running')\n"
    )
    done = Run(home, tiny_disk.preexec)(code=code)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "still running\n"
    assert done.stderr == ""  # no "--- Logging error ---" and no traceback, once or forty times


def test_a_profiles_file_nested_5000_deep_is_one_plain_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = home / "config" / "profiles.toml"
    path.parent.mkdir(parents=True)
    data = ("x = " + "[" * 5000 + "]" * 5000 + "\n").encode()
    path.write_bytes(data)
    line = _one_plain_line(Run(home)("profile", "list"))
    assert str(path) in line and "nested more than" in line
    assert path.read_bytes() == data
    store = ProfileStore(path)
    with pytest.raises(ProfileError, match="nested more than 32 levels"):
        store.load()


def test_under_umask_000_every_file_is_0600_and_every_folder_0700(tmp_path: Path) -> None:
    # Issue 12.11: data/cache and cache/i18n came out 0777, the .qm and window.lock 0666.
    home = tmp_path / "home"
    open_umask = Run(home, lambda: os.umask(0))
    assert open_umask("profile", "add", "a", *LOCAL).returncode == 0
    assert open_umask("--debug", "ask", "hi").returncode == 1  # refused by port 9; the database is made
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from app.home import Home\n"
        "from app.ui.i18n import catalogue_path\n"
        "from app.ui.shell.single_instance import SingleInstance\n"
        "app = QCoreApplication(sys.argv[:1])\n"
        "home = Home.from_env()\n"
        "ts = Path('resources/i18n/sluice_zh_CN.ts')\n"
        "assert catalogue_path(ts, home.data_dir / 'cache' / 'i18n') is not None\n"
        "instance = SingleInstance(home.data_dir)\n"
        "assert instance.acquire()\n"
        "print('held', oct((home.data_dir / 'window.lock').stat().st_mode & 0o777))\n"
    )
    env_done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, SLUICE_HOME=str(home), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen"),
        cwd=ROOT,
        timeout=120,
        preexec_fn=lambda: os.umask(0),
    )
    assert env_done.stdout == "held 0o600\n", env_done.stderr
    modes = {str(p.relative_to(home)): p.stat().st_mode & 0o777 for p in [home, *home.rglob("*")]}
    assert any(name.endswith(".qm") for name in modes) and "data/cache/i18n" in modes
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (home / name).is_dir() or name == "." else 0o600)
    }
    assert wrong == {}


def _statuses(db: Path) -> list[str]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT status FROM messages WHERE role = 'assistant' ORDER BY id").fetchall()
    finally:
        conn.close()
    return [str(row[0]) for row in rows]


def test_a_second_ask_leaves_a_live_reply_streaming_and_still_marks_a_crashs(tmp_path: Path) -> None:
    # Issue 12.11: the second `ask` marked the first one's live reply 'interrupted' until it ended.
    home = tmp_path / "home"
    with TestServer() as server:
        run = Run(home)
        assert (
            run(
                "profile", "add", "a", "--base-url", server.base_url, "--auth", "none", "--model", "m"
            ).returncode
            == 0
        )
        server.queue(endless_sse_reply())  # live until it is stopped below
        server.queue(sse_reply(["quick"]))
        env = dict(os.environ, SLUICE_HOME=str(home), PYTHONPATH=str(ROOT))
        first = subprocess.Popen(
            [sys.executable, "-m", "app", "ask", "one"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        try:
            server.wait_for_requests(1, timeout=20)  # its 'streaming' row exists before its request
            second = run("ask", "two")
            assert second.returncode == 0 and second.stdout == "quick\n", second.stderr
            assert _statuses(home / "data" / "sluice.db") == ["streaming", "complete"]
            first.send_signal(signal.SIGINT)  # Ctrl-C: the partial reply is saved as cancelled
            _out, err = first.communicate(timeout=30)
        finally:
            if first.poll() is None:
                first.kill()
                first.wait()
        assert first.returncode == 130, err
        assert _statuses(home / "data" / "sluice.db") == ["cancelled", "complete"]

        # A row no process streams any more (a crash's) is still marked by the next one.
        conn = sqlite3.connect(home / "data" / "sluice.db")
        conn.execute("UPDATE messages SET status = 'streaming' WHERE id = (SELECT min(id) FROM messages)")
        conn.execute(
            "UPDATE messages SET status = 'streaming' WHERE role = 'assistant' AND content = 'quick'"
        )
        conn.commit()
        conn.close()
        server.queue(sse_reply(["again"]))
        assert run("ask", "three").returncode == 0
        assert _statuses(home / "data" / "sluice.db") == ["cancelled", "interrupted", "complete"]


def test_a_settings_file_nested_5000_deep_falls_back_to_the_defaults(tmp_path: Path) -> None:
    from app.settings import Settings, load_settings

    path = tmp_path / "settings.toml"
    path.write_text("theme = " + "[" * 5000 + "]" * 5000 + "\n")
    settings, problem = load_settings(path)
    assert settings == Settings()
    assert problem is not None and str(path) in problem and "nested more than 32 levels" in problem
