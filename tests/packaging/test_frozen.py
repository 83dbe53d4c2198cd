"""Smoke test of the frozen Linux bundle: it runs without the source tree or the venv, streams a reply from
the local test server, opens its window offscreen, colours code with Pygments and exits 0.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.server import TestServer, sse_reply

WAIT_S = 60.0
CODE_REPLY = ["Here:\n\n```python\n", "def hello():\n", "    return 42\n", "```\n"]


def frozen_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing from the test venv may leak in: the bundle must carry its own Python and libraries.
        if not key.startswith(("PYTHON", "VIRTUAL_ENV")) and key not in ("HTTP_PROXY", "HTTPS_PROXY")
    }
    env.update(SLUICE_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path))
    return env


def run(binary: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(binary), *args], capture_output=True, text=True, env=env, timeout=WAIT_S, cwd=env["SLUICE_HOME"]
    )


def test_frozen_binary_streams_a_reply_and_opens_its_window(frozen_sluice: Path, tmp_path: Path) -> None:
    env = frozen_env(tmp_path)
    Path(env["SLUICE_HOME"]).mkdir()
    version = run(frozen_sluice, env, "--version")
    assert version.returncode == 0 and version.stdout.startswith("sluice "), version.stderr

    with TestServer() as server:
        added = run(
            frozen_sluice, env, "profile", "add", "local", "--base-url", server.base_url,
            "--model", "m1", "--auth", "none",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        server.queue(sse_reply(CODE_REPLY))
        asked = run(frozen_sluice, env, "ask", "-p", "local", "hi")
        assert asked.returncode == 0, asked.stderr
        assert asked.stdout == "".join(CODE_REPLY) + "\n"
        assert server.requests[-1].json()["messages"][-1]["content"] == "hi"

    # The window opens on that conversation (its code fence is coloured by the bundled Pygments lexer),
    # paints, and shuts down cleanly on SIGTERM.
    proc = subprocess.Popen(
        [str(frozen_sluice)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "SLUICE_FIRST_PAINT": "print"},
        cwd=env["SLUICE_HOME"],
    )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], WAIT_S)
        line = proc.stdout.readline() if ready else ""
        assert line.startswith("sluice-first-paint "), proc.stderr.read() if proc.poll() is not None else line
        time.sleep(1.5)  # the highlighter's worker lexes the fence meanwhile
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=WAIT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    log = (Path(env["SLUICE_HOME"]) / "logs" / "sluice.log").read_text(encoding="utf-8")
    assert "shut down cleanly" in log
    assert "highlighting" not in log and "unhandled exception" not in log and "Traceback" not in log, log


def test_frozen_bundle_carries_resources_lexers_and_keyring_backends(
    frozen_sluice: Path, tmp_path: Path
) -> None:
    internal = frozen_sluice.parent / "_internal"
    for name in ("sluice.desktop", "icons/sluice-256.png", "icons/sluice.svg", "i18n/sluice_zh_CN.qm"):
        assert (internal / "resources" / name).is_file(), name
    listing = subprocess.run(
        [str(Path(sys.executable).parent / "pyi-archive_viewer"), "-r", "-b", str(frozen_sluice)],
        capture_output=True,
        text=True,
        timeout=WAIT_S,
    ).stdout.split()
    for module in (
        "pygments.lexers.python",
        "pygments.lexers.rust",
        "pygments.lexers.javascript",
        "pygments.styles.default",
        "pygments.styles.gh_dark",
        "keyring.backends.SecretService",
    ):
        assert module in listing, module

    # --install-desktop from the bundle points the entry at the bundle's own executable.
    env = frozen_env(tmp_path)
    Path(env["SLUICE_HOME"]).mkdir()
    done = run(frozen_sluice, env, "--install-desktop")
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "applications" / "sluice.desktop").read_text(encoding="utf-8")
    assert f"Exec={frozen_sluice}" in entry.splitlines()
