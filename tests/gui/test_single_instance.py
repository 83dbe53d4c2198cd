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


# ---- the socket itself (stdlib AF_UNIX on Unix; QtNetwork's on Windows) ---------------------------------

_NO_QTNETWORK = """
import sys, threading
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.ui.shell.single_instance import SingleInstance

app = QApplication([])
data = Path(sys.argv[1])
running = SingleInstance(data)
assert running.acquire()  # and listens
raised = []
running.activated.connect(lambda: raised.append(True))
answers = []
newcomer = SingleInstance(data)
asking = threading.Thread(target=lambda: answers.append(newcomer.activate_running(wait_s=5)))
asking.start()
while asking.is_alive():
    app.processEvents()
    asking.join(0.01)
running.release()
print(answers, raised, "PySide6.QtNetwork" in sys.modules)
"""


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets; Windows keeps QtNetwork's named pipe")
def test_the_running_window_answers_without_qtnetwork(tmp_path: Path) -> None:
    """QtNetwork (its module, libQt6Network, Kerberos) cost ~2.8 MB of every window's memory (issue 11 §7)."""
    data = tmp_path / "data"
    data.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", _NO_QTNETWORK, str(data)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=WAIT_S,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[True]", "[True]", "False"]


_NEWCOMER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from app.ui.shell.single_instance import SingleInstance

app = QCoreApplication([])
newcomer = SingleInstance(Path(sys.argv[1]), unix_socket=sys.argv[2] == "unix")
print(newcomer.activate_running(wait_s=5))
"""


def _ask_while_serving(data: Path, *, unix_socket: bool = True) -> bool:
    """A newcomer process asks to raise the window while this process's Qt loop serves it."""
    from PySide6.QtWidgets import QApplication

    newcomer = subprocess.Popen(
        [sys.executable, "-c", _NEWCOMER, str(data), "unix" if unix_socket else "qt"],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=ROOT,
    )
    deadline = time.monotonic() + WAIT_S
    while newcomer.poll() is None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    out, _err = newcomer.communicate(timeout=WAIT_S)
    return out.strip() == "True"


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets; Windows keeps QtNetwork's named pipe")
@pytest.mark.parametrize("newcomer_unix", [True, False])
def test_the_stdlib_socket_raises_the_window_for_either_newcomer(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newcomer_unix: bool
) -> None:
    """This version's window is raised by a newcomer of this version or of the last (QLocalSocket)."""
    from app.ui.shell.single_instance import SingleInstance, server_name

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    data = tmp_path / "data"
    data.mkdir()
    running = SingleInstance(data)
    assert running.acquire()
    raised: list[bool] = []
    running.activated.connect(lambda: raised.append(True))
    try:
        # Only this user may connect, as QLocalServer's UserAccessOption made it.
        assert os.stat(server_name(data)).st_mode & 0o777 == 0o600
        assert _ask_while_serving(data, unix_socket=newcomer_unix)
        assert raised == [True]
    finally:
        running.release()
    assert not os.path.exists(server_name(data))  # closing takes the socket file away


_QT_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from app.ui.shell.single_instance import SingleInstance

app = QCoreApplication([])
window = SingleInstance(Path(sys.argv[1]), unix_socket=False)
assert window.acquire()
window.activated.connect(lambda: (print("raised", flush=True), QTimer.singleShot(200, app.quit)))
QTimer.singleShot(20_000, app.quit)
print("listening", flush=True)
app.exec()
window.release()
"""


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets; Windows keeps QtNetwork's named pipe")
def test_a_window_of_the_last_version_is_raised_by_this_newcomer(tmp_path: Path) -> None:
    """The window that still runs QLocalServer (Windows, or the version before an upgrade) is understood."""
    data = tmp_path / "data"
    data.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    window = subprocess.Popen(
        [sys.executable, "-c", _QT_WINDOW, str(data)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "listening"
        newcomer = subprocess.run(
            [sys.executable, "-c", _NEWCOMER, str(data), "unix"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=WAIT_S,
        )
        assert newcomer.stdout.strip() == "True", newcomer.stderr
        out, _err = window.communicate(timeout=WAIT_S)
        assert out.strip() == "raised"
    finally:
        if window.poll() is None:
            window.kill()
            window.communicate()


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_a_peer_that_is_not_a_sluice_is_hung_up_on(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket
    import threading

    from PySide6.QtWidgets import QApplication

    from app.ui.shell.single_instance import SingleInstance, server_name
    from app.ui.shell.unix_socket import MAX_LINE, ask

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    data = tmp_path / "data"
    data.mkdir()
    running = SingleInstance(data)
    assert running.acquire()
    raised: list[bool] = []
    running.activated.connect(lambda: raised.append(True))
    answers: list[bytes | None] = []

    def peers() -> None:
        path = server_name(data)
        answers.append(ask(path, b'{"cmd": "quit"}\n', 3.0))  # not "activate"
        answers.append(ask(path, b"not json\n", 3.0))
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:  # a line that never ends
            peer.settimeout(3.0)
            peer.connect(path)
            try:
                peer.sendall(b"x" * (MAX_LINE * 3))
                answers.append(peer.recv(16))
            except OSError:  # hung up while still sending
                answers.append(b"")

    talking = threading.Thread(target=peers)
    talking.start()
    try:
        while talking.is_alive():
            QApplication.processEvents()
            talking.join(0.01)
        assert answers == [b"", b"", b""]  # hung up on, no "ok"
        assert raised == []
        assert _ask_while_serving(data)  # and still answers a real newcomer
        assert raised == [True]
    finally:
        running.release()
