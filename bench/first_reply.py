"""The first reply after start-up: from Send to the gateway's first byte, in a fresh `sluice` window.

What a user meets right after opening Sluice: the window has sat idle for --idle seconds, the user presses a
key in it (typing starts) and sends --typing seconds later. The figure is the time from that send to
the moment a local test gateway (tests/support/server.py, on 127.0.0.1) writes the reply's first byte,
measured on one monotonic clock shared by both processes: the key lookup, the connection and everything
the window still had to load before it could send are inside it. Also printed: the window's resident memory
just before the user types (what an idle window holds), and the longest the window could not respond while
the user typed (a 1 ms heartbeat timer's longest gap, from the first key press to Send: what loads at the
first press must not stall the window).

    .venv/bin/python bench/first_reply.py [--runs 5] [--idle 2] [--typing 0 0.3 1]
    scripts/with-keyring.sh .venv/bin/python bench/first_reply.py --key   (a profile whose key is in the
                                                                          keyring, as most users have)

On a real display when DISPLAY is set (QT_QPA_PLATFORM=xcb), else offscreen. Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WAIT_S = 60.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(idle_s: float, typing_s: float) -> int:
    """In the child: the real window (main_window, as `sluice` builds it); type, then send."""
    import asyncio

    import qasync
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from app.home import Home
    from app.ui.shell.app import install_asyncgen_hooks, main_window
    from app.ui.shell.composition import WindowParts
    from app.ui.shell.startup import drop_pyside_feature_hook

    drop_pyside_feature_hook()  # as `sluice` does
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)
    keep: list[object] = []
    clock, heartbeat = QElapsedTimer(), QTimer()
    heartbeat.setInterval(1)
    gaps = [0, 0]  # [longest gap, last tick] in ms

    def tick() -> None:
        now = clock.elapsed()
        gaps[0] = max(gaps[0], now - gaps[1])
        gaps[1] = now

    heartbeat.timeout.connect(tick)

    def on_shown(parts: WindowParts) -> None:
        composer, controller = parts.window.composer, parts.controller

        def type_() -> None:
            print(f"rss {rss_mb():.1f}", flush=True)
            clock.start()
            heartbeat.start()
            # The user starts typing: a key press as the platform delivers it, to the window first.
            handle = parts.window.windowHandle()
            if handle is not None:
                press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_H, Qt.KeyboardModifier.NoModifier, "H")
                QCoreApplication.postEvent(handle, press)
            composer.set_text("Hello")
            QTimer.singleShot(int(typing_s * 1000), send)

        def send() -> None:
            heartbeat.stop()
            tick()
            print(f"stall {gaps[0]}", flush=True)
            controller.busy_changed.connect(lambda busy: None if busy else finish())
            print(f"send {time.monotonic():.6f}", flush=True)
            controller.send(composer.text())

        def finish() -> None:
            parts.window.close()

        keep.extend([type_, send, finish])
        QTimer.singleShot(int(idle_s * 1000), type_)

    try:
        return int(loop.run_until_complete(main_window(Home.from_env(), on_shown)))
    finally:
        loop.close()


def configure(home: Path, base_url: str, key: bool) -> None:
    from app.home import Home

    paths = Home.from_env({"SLUICE_HOME": str(home)})
    paths.ensure()
    auth = "" if key else 'auth = "none"\n'
    paths.profiles_path.write_text(
        f'[[profile]]\nname = "local"\nbase_url = "{base_url}"\nmodel = "test-model"\n{auth}',
        encoding="utf-8",
    )
    if key:
        from app.keystore import Keystore

        Keystore().set("local", "sk-bench-first-reply")


def once(home: Path, idle_s: float, typing_s: float) -> tuple[float, float, float]:
    """(ms from Send to the gateway's first byte, idle RSS in MB, the longest stall in ms while typing) for
    one fresh window."""
    from tests.support.server import Reply, TestServer, models_reply, sse_reply

    sent: list[tuple[float, bytes]] = []

    def chat(_request: object) -> Reply:
        reply = sse_reply(["Hi", " there"])
        reply.sent_log = sent
        return reply

    with TestServer() as server:
        server.set_default(lambda _request: models_reply(["test-model"]), path="/v1/models")
        server.set_default(chat)
        configure(home, server.base_url, KEY)
        env = dict(os.environ, SLUICE_HOME=str(home), PYTHONUNBUFFERED="1")
        env.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
        env.pop("SLUICE_FIRST_PAINT", None)
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--idle", str(idle_s), "--typing", str(typing_s)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=WAIT_S,
        )
        lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
        if "send" not in lines or not sent:
            raise RuntimeError(f"no reply: {done.stdout}\n{done.stderr[-2000:]}")
        return (sent[0][0] - float(lines["send"])) * 1000, float(lines["rss"]), float(lines["stall"])


KEY = False


def main() -> int:
    global KEY
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=2.0, help="seconds the window sits idle before typing")
    parser.add_argument("--typing", type=float, nargs="+", default=[0.0, 0.3, 1.0], help="seconds typing")
    parser.add_argument("--key", action="store_true", help="the profile's key is in the keyring")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.idle, args.typing[0])
    KEY = args.key
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    auth = "a key in the keyring" if args.key else "no key"
    print(f"first reply after start-up ({auth}); {args.runs} runs; load average {load}")
    with tempfile.TemporaryDirectory() as tmp:
        for typing_s in args.typing:
            firsts, idles, stalls = [], [], []
            for run in range(args.runs):
                first, idle, stall = once(Path(tmp) / f"t{typing_s}-{run}", args.idle, typing_s)
                firsts.append(first)
                idles.append(idle)
                stalls.append(stall)
            print(
                f"typing {typing_s:.1f} s: send → first byte median {statistics.median(firsts):.1f} ms "
                f"(min {min(firsts):.1f}, max {max(firsts):.1f}); idle RSS before typing "
                f"median {statistics.median(idles):.1f} MB"
                + (
                    f"; longest stall while typing median {statistics.median(stalls):.0f} ms "
                    f"(max {max(stalls):.0f})"
                    if typing_s > 0
                    else ""
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
