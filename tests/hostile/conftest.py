"""The hostile-gateway suite (issue 12): each test reproduces an attack found by the attack review against
the real `sluice` command or the real client, and the real local server in tests/support/server.py."""

from __future__ import annotations

import errno
import os
import pty
import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tests.integration import conftest as integration
from tests.integration.conftest import ROOT, Sluice
from tests.support.server import TestServer

# The integration suite's fixtures: a TestServer on 127.0.0.1, and `sluice` in a fresh SLUICE_HOME.
server = integration.server
sluice = integration.sluice


@dataclass
class Ran:
    code: int
    output: str  # stdout and stderr as the terminal showed them, interleaved


def on_terminal(cli: Sluice, *args: str, stdin: str = "", timeout: float = 60) -> Ran:
    """Run `sluice ARGS` with stdout and stderr on a pseudo-terminal, as a user at a terminal sees it."""
    controller, terminal = pty.openpty()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            stdin=subprocess.PIPE,
            stdout=terminal,
            stderr=terminal,
            env=cli.env,
            cwd=ROOT,
        )
    finally:
        os.close(terminal)
    assert child.stdin is not None
    child.stdin.write(stdin.encode())
    child.stdin.close()
    out = bytearray()
    try:
        while True:
            try:
                piece = os.read(controller, 65536)
            except OSError as exc:  # EIO: the child closed its end
                if exc.errno != errno.EIO:
                    raise
                break
            if not piece:
                break
            out += piece
        code = child.wait(timeout)
    finally:
        os.close(controller)
    # The terminal turns "\n" into "\r\n" (onlcr); undo that so tests read the text as written.
    return Ran(code, out.decode("utf-8", errors="replace").replace("\r\n", "\n"))


def add_profile(cli: Sluice, gateway: TestServer, name: str = "local", *extra: str) -> None:
    done = cli.run(
        "profile", "add", name, "--base-url", gateway.base_url, "--model", "m1", "--auth", "none", *extra
    )
    assert done.returncode == 0, done.stderr


def no_traceback(text: str) -> None:
    """Not a traceback nor a bare Python exception line ("RecursionError: …"): one plain line instead."""
    assert "Traceback" not in text and not re.search(r"\b[A-Z]\w*(Error|Exception): ", text), text[-2000:]


@pytest.fixture
def local(sluice: Sluice, server: TestServer) -> Sluice:
    """A `sluice` with one keyless profile `local` on the test server, the default."""
    add_profile(sluice, server)
    return sluice
