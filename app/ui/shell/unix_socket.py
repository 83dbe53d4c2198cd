"""The single-instance socket on Unix: a stdlib AF_UNIX socket watched by QSocketNotifiers.

QtNetwork's QLocalServer/QLocalSocket did this before, but loading QtNetwork (its Python module, libQt6Network
and the Kerberos/GSSAPI libraries it links) cost ~2.8 MB of every running window's memory for one short line
each way (issue 11 §7). The wire stays what QLocalServer spoke, so windows and newcomers of either kind still
understand each other: the same socket path (an absolute name as is, a bare one in TMPDIR or /tmp, as Qt puts
it), one JSON line in, "ok\\n" back. Windows has no AF_UNIX in Python's socket module and keeps QtNetwork's
named pipe (single_instance.py chooses).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

MAX_LINE = 4096  # bytes: "activate" and two startup tokens; a peer sending more is not a Sluice
MAX_CLIENTS = 8  # peers connected at once; a newcomer hangs up within a second, so more is not a Sluice


def socket_path(name: str) -> str:
    """Where QLocalServer keeps a server called `name`: the name itself when absolute, else in TMPDIR."""
    if os.path.isabs(name):
        return name
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", name)


class UnixListener(QObject):
    """Accepts peers on `path` and gives each complete line to `answer`; sends back what it returns (then
    hangs up), or hangs up at once when it returns None."""

    def __init__(
        self, path: str, answer: Callable[[bytes], bytes | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._answer = answer
        self._server: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._peers: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}

    def listen(self) -> str | None:
        """Start accepting; None, or why it cannot (in words, for the log)."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path)  # the caller holds the lock: a socket left here is a dead one's
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(self._path)
            # Only this user may connect (QLocalServer's UserAccessOption); set before listen(), so nobody
            # could have connected under the umask's mode.
            os.chmod(self._path, 0o600)
            server.listen(MAX_CLIENTS)
            server.setblocking(False)
        except OSError as exc:
            server.close()
            return str(exc)
        self._server = server
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return None

    def close(self) -> None:
        """Stop accepting and hang up on every peer; the socket file goes too."""
        for fd in list(self._peers):
            self._drop(fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._server is not None:
            self._server.close()
            self._server = None
            with contextlib.suppress(OSError):
                os.unlink(self._path)

    def _accept(self) -> None:
        while self._server is not None:
            try:
                peer, _address = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                log.warning("single instance: accept failed: %s", exc)
                return
            if len(self._peers) >= MAX_CLIENTS:
                peer.close()
                continue
            peer.setblocking(False)
            fd = peer.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            notifier.activated.connect(self._reader(fd))
            self._peers[fd] = (peer, notifier, bytearray())

    def _reader(self, fd: int) -> Callable[..., None]:
        def on_readable(*_signal_args: object) -> None:  # (the descriptor, the notifier's type)
            self._read(fd)

        return on_readable

    def _read(self, fd: int) -> None:
        entry = self._peers.get(fd)
        if entry is None:
            return
        peer, _notifier, buffer = entry
        try:
            data = peer.recv(MAX_LINE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the peer hung up
            self._drop(fd)
            return
        buffer += data
        if b"\n" not in buffer:
            if len(buffer) > MAX_LINE:
                self._drop(fd)
            return
        reply = self._answer(bytes(buffer[: buffer.index(b"\n") + 1]))
        if reply is not None:
            with contextlib.suppress(OSError):
                peer.send(reply)  # a few bytes into an empty socket buffer: never blocks
        self._drop(fd)

    def _drop(self, fd: int) -> None:
        entry = self._peers.pop(fd, None)
        if entry is None:
            return
        peer, notifier, _buffer = entry
        notifier.setEnabled(False)
        notifier.deleteLater()
        peer.close()


def ask(path: str, line: bytes, timeout_s: float) -> bytes | None:
    """Send one line to the listener at `path` and return its answer; None when nobody answers."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:
            peer.settimeout(timeout_s)
            peer.connect(path)
            peer.sendall(line)
            answer = bytearray()
            while b"\n" not in answer and len(answer) <= MAX_LINE:
                data = peer.recv(MAX_LINE)
                if not data:
                    break
                answer += data
            return bytes(answer)
    except OSError:  # not there (yet), refused, timed out
        return None
