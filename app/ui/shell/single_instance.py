"""One window per data directory: a second `sluice` raises the running one and exits.

Two processes on one database would each mark the other's reply in progress as interrupted and race on every
save, so the window refuses to open twice for the same SLUICE_HOME / data dir (other homes are independent).

How: a lock file in the data dir decides who runs (QLockFile notices a lock left by a dead process and takes
it over, so a crash never locks the user out), and the running instance listens on a local socket (a Unix
socket or Windows named pipe, named from a hash of the data dir and the user) for "activate". A newcomer
that cannot take the lock connects, sends its startup / activation token (so Wayland and X11 allow the focus
change), waits for "ok" and exits 0. On Unix the socket is the stdlib's (unix_socket.py: loading QtNetwork
cost every window ~2.8 MB of memory); Windows keeps QtNetwork's named pipe. Only the lock's holder removes
a leftover socket, so two instances starting at once cannot delete each other's.

Signals:
    activated: another `sluice` asked this instance to show its window.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket as stdlib_socket
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal

from app.home import WINDOW_LOCK

if TYPE_CHECKING:
    # QtNetwork is imported when first used, after the window's first frame (DESIGN.md "Start-up").
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    from app.ui.shell.unix_socket import UnixListener

log = logging.getLogger(__name__)

CONNECT_WAIT_S = 5.0  # how long a newcomer keeps trying while the running one is still starting
_IO_TIMEOUT_MS = 2000
_TOKEN_VARS = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")
# Unix: a stdlib AF_UNIX socket; elsewhere (Windows) QtNetwork's local socket, a named pipe.
USE_UNIX_SOCKET = os.name == "posix" and hasattr(stdlib_socket, "AF_UNIX")


def server_name(data_dir: Path) -> str:
    """A socket name unique to this user and data dir, short enough for a Unix socket path."""
    import hashlib  # loads OpenSSL (~3 ms): needed once the window listens, after its first frame

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{user}\0{data_dir.absolute()}".encode()).hexdigest()[:20]
    # In the user's private runtime dir when there is one: a bare name lands in the shared temp dir, where
    # another user could take it first, and moves with TMPDIR (a window started from a terminal with
    # another TMPDIR would not be found).
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return os.path.join(runtime, f"sluice-{digest}")
    return f"sluice-{digest}"


class SingleInstance(QObject):
    """Holds the lock and the listening socket of the running window (see the module docstring)."""

    activated = Signal()

    def __init__(
        self, data_dir: Path, parent: QObject | None = None, *, unix_socket: bool = USE_UNIX_SOCKET
    ) -> None:
        super().__init__(parent)
        self._unix = unix_socket  # False: QtNetwork's QLocalServer (Windows; tests use both)
        self._name = ""  # the socket's name, worked out when first needed (`name`)
        self._lock = QLockFile(str(data_dir / WINDOW_LOCK))
        self._lock_dir = data_dir
        self.problem: str | None = None
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._listener: UnixListener | None = None
        self._clients: list[QLocalSocket] = []

    @property
    def name(self) -> str:
        if not self._name:
            self._name = server_name(self._lock_dir)
        return self._name

    def acquire(self, *, listen: bool = True) -> bool:
        """True: this process is the window for this data dir (and listens, unless `listen` is False: then
        call `listen` later). False: another one is, or the lock cannot be taken at all (then `problem`
        says why in words)."""
        self.problem = None
        if not self._lock.tryLock(0):
            if self._lock.error() != QLockFile.LockError.LockFailedError:
                self.problem = (
                    f"cannot write the lock file in {self._lock_dir} (is the disk full, or the folder "
                    "not writable?)"
                )
            return False
        if os.name == "posix":
            # QLockFile creates it by the umask (0666 under umask 000); it names our pid: keep it ours.
            with contextlib.suppress(OSError):
                os.chmod(self._lock_dir / WINDOW_LOCK, 0o600)
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer newcomers from now on. Only the lock's holder calls this. A newcomer that comes before
        keeps trying for CONNECT_WAIT_S, so the window may listen once it has painted its first frame."""
        if self._server is not None or self._listener is not None:
            return
        if self._unix:
            from app.ui.shell.unix_socket import UnixListener, socket_path

            listener = UnixListener(socket_path(self.name), self._answer, self)
            problem = listener.listen()
            if problem is not None:
                log.warning("single instance: cannot listen on %s: %s", self.name, problem)
                return
            self._listener = listener
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # we hold the lock: a socket left behind is a dead one's
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Still the only window (we hold the lock); a newcomer will say it cannot reach us.
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def stop_listening(self) -> None:
        """The window is closing: a newcomer must not be told it was raised. It waits for the lock
        instead, and becomes the window once this process has saved everything and let go."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._server is not None:
            self._server.close()
            self._server = None
        for socket in self._clients:
            socket.abort()
        self._clients.clear()

    def release(self) -> None:
        self.stop_listening()
        self._lock.unlock()

    def holder_pid(self) -> int | None:
        # PySide6 returns (pid, hostname, appname), or False-ish values when there is no lock to read.
        info = self._lock.getLockInfo()
        pid = info[0] if isinstance(info, tuple) and info else 0
        return int(pid) if pid else None

    def activate_running(self, wait_s: float = CONNECT_WAIT_S) -> bool:
        """Ask the running instance to show its window; True once it has answered."""
        message = {"cmd": "activate", **{k: os.environ[k] for k in _TOKEN_VARS if os.environ.get(k)}}
        line = json.dumps(message).encode() + b"\n"
        deadline = time.monotonic() + wait_s
        while True:
            if self._try_activate(line):
                return True
            # The holder may be between taking the lock and listening; or it just exited.
            if time.monotonic() >= deadline:
                return False
            if self._lock.tryLock(0):  # it exited meanwhile: nobody to raise
                self._lock.unlock()
                return False
            time.sleep(0.1)

    def _try_activate(self, line: bytes) -> bool:
        if self._unix:
            from app.ui.shell.unix_socket import ask, socket_path

            answer = ask(socket_path(self.name), line, _IO_TIMEOUT_MS / 1000)
            return answer is not None and answer.startswith(b"ok")
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        answered = False
        if socket.waitForConnected(_IO_TIMEOUT_MS):
            socket.write(QByteArray(line))
            socket.waitForBytesWritten(_IO_TIMEOUT_MS)
            answered = socket.waitForReadyRead(_IO_TIMEOUT_MS) and _is_ok(socket)
            socket.disconnectFromServer()
        socket.abort()
        return answered

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients.append(socket)
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _on_message(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        reply = self._answer(bytes(socket.readLine().data()))
        if reply is None:
            socket.disconnectFromServer()
            return
        socket.write(QByteArray(reply))
        socket.flush()

    def _answer(self, line: bytes) -> bytes | None:
        """A newcomer's line: raise the window and say "ok" to "activate"; None (hang up) to anything else."""
        try:
            message = json.loads(line)
        except ValueError:
            message = {}
        if not isinstance(message, dict) or message.get("cmd") != "activate":
            return None
        for var in _TOKEN_VARS:
            # Qt reads these when the window asks for activation (Wayland xdg-activation, X11 startup id).
            token = message.get(var)
            if isinstance(token, str) and token:
                os.environ[var] = token
        log.info("another sluice was started for this data dir: raising the window")
        self.activated.emit()
        return b"ok\n"

    def _forget(self, socket: QLocalSocket) -> None:
        with contextlib.suppress(ValueError):
            self._clients.remove(socket)
        socket.deleteLater()


def _is_ok(socket: QLocalSocket) -> bool:
    return bytes(socket.readAll().data()).startswith(b"ok")
