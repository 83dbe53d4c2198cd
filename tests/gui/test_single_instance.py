"""One window per data dir, with real `sluice` processes (python -m app) offscreen."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 30.0


class Window:
    """A `sluice` window process that reports its first paint on stdout."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.proc = start(home)

    def wait_painted(self) -> None:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.1)
            if ready:
                line = self.proc.stdout.readline()
                if line.startswith("sluice-first-paint "):
                    return
                if not line and self.proc.poll() is not None:
                    break
        raise AssertionError(f"the window never painted; stderr: {self.stderr()}")

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        return self.finish()

    def close(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the same path as closing the window
        self.finish()
        return self.proc.returncode

    def finish(self) -> str:
        """Wait for the exit and close the pipes; returns what is left of stderr."""
        if self.proc.stdout is None or self.proc.stdout.closed:
            return ""
        _out, err = self.proc.communicate(timeout=WAIT_S)
        return err

    def log(self) -> str:
        path = self.home / "logs" / "sluice.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ, SLUICE_HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    env["SLUICE_FIRST_PAINT"] = "print"
    return env


def start(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(home),
        cwd=ROOT,
    )


@pytest.fixture
def windows() -> Iterator[list[Window]]:
    opened: list[Window] = []
    yield opened
    for window in opened:
        if window.proc.poll() is None:
            window.proc.kill()
        window.finish()


def open_window(windows: list[Window], home: Path) -> Window:
    window = Window(home)
    windows.append(window)
    window.wait_painted()
    return window


def run_second(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env_for(home),
        cwd=ROOT,
        timeout=WAIT_S,
    )


def test_second_start_raises_the_running_window_and_exits(windows: list[Window], tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = open_window(windows, home)

    second = run_second(home)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stderr
    assert "sluice-first-paint" not in second.stdout  # no second window was built
    assert "raising the window" in first.log()
    assert first.proc.poll() is None  # the first keeps running
    assert first.close() == 0


def test_another_home_gets_its_own_window(windows: list[Window], tmp_path: Path) -> None:
    first = open_window(windows, tmp_path / "one")
    second = open_window(windows, tmp_path / "two")  # paints: not handed over to the first
    assert first.proc.poll() is None and second.proc.poll() is None
    assert "raising the window" not in first.log()
    assert second.close() == 0 and first.close() == 0


def test_a_crashed_instance_does_not_block_the_next(windows: list[Window], tmp_path: Path) -> None:
    home = tmp_path / "home"
    crashed = open_window(windows, home)
    crashed.proc.kill()  # SIGKILL: the lock file and the socket stay behind
    crashed.finish()
    assert (home / "data" / "window.lock").exists()

    again = open_window(windows, home)  # takes over the stale lock and socket
    second = run_second(home)
    assert second.returncode == 0, second.stderr
    assert "raising the window" in again.log()
    assert again.close() == 0


def test_the_cli_reads_the_window_lock_without_qt(qapp: object, tmp_path: Path) -> None:
    """`sluice ask` must not mark a live window's streaming rows interrupted: it reads the same lock."""
    from app.home import Home
    from app.ui.shell.single_instance import SingleInstance

    home = Home.from_env({"SLUICE_HOME": str(tmp_path)})
    home.ensure()
    assert not home.window_is_running()
    instance = SingleInstance(home.data_dir)
    assert instance.acquire()
    try:
        assert home.window_is_running()
    finally:
        instance.release()
    assert not home.window_is_running()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    home.window_lock_path.write_text(dead.stdout.decode().strip() + "\nsluice\nhost\n", encoding="utf-8")
    assert not home.window_is_running()  # a crash's lock names a pid that is gone


def test_a_closing_window_hands_over_instead_of_claiming_to_be_raised(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.shell.single_instance import SingleInstance, server_name

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert server_name(tmp_path / "data").startswith(str(tmp_path) + os.sep)  # private, not shared /tmp
    data = tmp_path / "data"
    data.mkdir()
    closing = SingleInstance(data)
    assert closing.acquire()
    closing.stop_listening()  # the window was closed; it is still saving
    newcomer = SingleInstance(data)
    assert not newcomer.acquire() and newcomer.problem is None
    assert not newcomer.activate_running(wait_s=0.3)  # nobody answers "raised"
    closing.release()  # done saving
    assert newcomer.acquire()  # so the newcomer becomes the window
    newcomer.release()


def test_a_lock_that_cannot_be_written_is_explained(qapp: object, tmp_path: Path) -> None:
    from app.ui.shell.single_instance import SingleInstance

    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("", encoding="utf-8")
    instance = SingleInstance(not_a_dir)
    assert not instance.acquire()
    assert instance.problem is not None and "cannot write the lock file" in instance.problem
