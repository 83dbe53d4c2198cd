"""Start-up benchmark: a fresh `sluice` process to its first painted window, memory, and a long conversation.

Every figure comes from a new process (`python -m app`, exactly what the `sluice` script runs), so imports,
Qt's start-up and the database are all counted:

1. first window: from just before the process is spawned to the end of the main window's first painted frame
   (the app prints `sluice-first-paint <time>` when SLUICE_FIRST_PAINT is set, see app/ui/shell/app.py).
   That frame is the window's outline (app/ui/shell/outline.py: the chrome in the theme's colours, where the
   views will be); then, printed beside it, when the views have filled it (`sluice-views-paint`) and when the
   window works (`sluice-ready`). With a profile configured, as a returning user: the same home each run,
   started and closed once before (window.json exists); the welcome page's runs are first starts (a new,
   empty home each run). Every child starts as a user's Sluice does, without SLUICE_HOME: its folders come
   from platformdirs, with the XDG variables pointing into the bench's temporary home.
2. idle memory: that process's resident set (VmRSS) after it has sat idle for --idle seconds.
3. a 1,000-message conversation (500 questions, 500 Markdown replies with code, lists, tables and Chinese, as
   a gateway would send): the time from `open_conversation` until the transcript has laid out and painted
   what is on screen (posted events processed, then the viewport painted with grab()), in a window that
   started on another conversation; and the resident memory with it open. Also reported: the
   first window when that conversation was the last one open (what a user with a long chat sees at start).

On a real display: when DISPLAY is unset and Xvfb is installed, the bench starts its own Xvfb and runs every
child with QT_QPA_PLATFORM=xcb (a real X connection, fonts through fontconfig, a real backing store), which
costs what a user's desktop costs; `--offscreen` keeps the old offscreen figures. Beside Sluice's first window
it prints the floor: a bare PySide6 window (QApplication + an empty QMainWindow of the same size) measured the
same way, its runs alternating with Sluice's, so the ratio holds whatever the machine's load.

The machine's file cache is warm after the first run (dropping it would disturb everyone else on the
machine), so "cold" means a new process, not a cold disk. Prints each figure with its target and PASS/MISS;
always exits 0 (a benchmark, not a test).

    .venv/bin/python bench/start.py [--runs 9] [--idle 2] [--offscreen]
        [--frozen dist/sluice/sluice]   (also time the frozen build)
"""

from __future__ import annotations

import argparse
import os
import random
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.home import Home

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

FIRST_WINDOW_TARGET_S = 0.5
FIRST_WINDOW_TARGET_RATIO = 1.4  # Sluice's first window against the bare PySide6 window (issue 11 §7)
IDLE_RSS_TARGET_MB = 95.0
OPEN_1000_TARGET_S = 0.5
MESSAGES = 1000
WAIT_S = 60.0

# ---- a realistic long conversation ---------------------------------------------------------------------

_QUESTIONS = [
    "How do I stream a response from an OpenAI-compatible API in Python?",
    "用一句话解释量子纠缠，然后给一个类比。",
    "Why does my async generator leak connections when I break out of the loop?",
    "Compare Rust's ownership model with C++ RAII, with a short example.",
    "Write a SQL query for the ten most active users last week.",
    "这段代码为什么会死锁？",
    "Can you turn this into a table: latency p50 120 ms, p99 480 ms, errors 0.2 %?",
    "Explain the difference between a mutex and a semaphore.",
]
_CODE = {
    "python": (
        "import httpx\n\n"
        "async def stream(client: httpx.AsyncClient, url: str, body: dict) -> None:\n"
        '    async with client.stream("POST", url, json=body) as response:\n'
        "        response.raise_for_status()\n"
        "        async for chunk in response.aiter_bytes():\n"
        "            decoder.feed(chunk)\n"
        "            for event in decoder.events():\n"
        '                print(event.data, end="", flush=True)\n'
    ),
    "rust": (
        "fn longest<'a>(x: &'a str, y: &'a str) -> &'a str {\n"
        "    if x.len() > y.len() { x } else { y }\n"
        "}\n\n"
        "fn main() {\n"
        '    let a = String::from("sluice");\n'
        '    println!("{}", longest(&a, "gate"));\n'
        "}\n"
    ),
    "sql": (
        "SELECT user_id, count(*) AS events\n"
        "FROM events\n"
        "WHERE created_at >= now() - interval '7 days'\n"
        "GROUP BY user_id\n"
        "ORDER BY events DESC\n"
        "LIMIT 10;\n"
    ),
    "javascript": (
        "const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });\n"
        "const reader = res.body.getReader();\n"
        "for (;;) {\n"
        "  const { done, value } = await reader.read();\n"
        "  if (done) break;\n"
        "  process(new TextDecoder().decode(value, { stream: true }));\n"
        "}\n"
    ),
}
_PROSE = [
    "The short answer is that the **response must be closed** even when you stop reading early; otherwise "
    "the connection stays checked out of the pool. Use `async with` so the close happens in `finally`, and "
    "prefer cancelling the task over `break` — see the [httpx docs](https://www.python-httpx.org/async/).",
    "量子纠缠是指两个粒子的状态相互关联，即使相隔很远，测量其中一个也会立即确定另一个的状态。"
    "可以把它想象成一副手套：打开一个盒子看到左手套，就知道另一个盒子里是右手套——只是量子情形更奇妙。",
    "In practice the difference shows up under contention: a *mutex* has an owner and must be released by "
    "the thread that locked it, while a *semaphore* is a counter that any thread may signal.",
    "Here is what happens step by step, with the parts that usually go wrong called out.",
]


def reply_markdown(rng: random.Random, i: int) -> str:
    parts = [f"## {rng.choice(['Overview', 'Answer', '解释', 'What is going on', 'Steps'])} {i}", ""]
    parts += [rng.choice(_PROSE), ""]
    if rng.random() < 0.6:
        lang = rng.choice(list(_CODE))
        parts += [f"```{lang}", _CODE[lang].rstrip(), "```", ""]
    parts += [f"{n}. {rng.choice(_PROSE)[: rng.randint(40, 120)]}" for n in range(1, rng.randint(3, 6))]
    parts.append("")
    if rng.random() < 0.25:
        parts += [
            "| metric | value | note |",
            "| --- | ---: | --- |",
            "| latency p50 | 120 ms | steady |",
            "| latency p99 | 480 ms | spikes at start |",
            "| errors | 0.2 % | mostly 429 |",
            "",
        ]
    if rng.random() < 0.3:
        parts += ["> " + rng.choice(_PROSE)[:160], ""]
    parts.append(rng.choice(_PROSE))
    return "\n".join(parts)


def seed(home: Path, messages: int = MESSAGES, *, newer_small: bool) -> int:
    """A store with one long conversation (and, when asked, a newer short one). Returns the long one's id."""
    from app.core.models import Message, MessageStatus, Role, Usage
    from app.store.conversations import ConversationStore

    configure_profile(home)  # a user with a long conversation has a profile: the chat page, not the welcome
    paths = bench_home(home)
    store = ConversationStore.open(paths.db_path)
    rng = random.Random(7)
    try:
        long = store.create_conversation("A long conversation", profile="local", model="test-model")
        for i in range(messages // 2):
            store.add_message(long.id, Message(role=Role.USER, content=rng.choice(_QUESTIONS)))
            text = reply_markdown(rng, i)
            store.add_message(
                long.id,
                Message(
                    role=Role.ASSISTANT,
                    content=text,
                    status=MessageStatus.COMPLETE,
                    profile="local",
                    model="test-model",
                    finish_reason="stop",
                    usage=Usage(prompt_tokens=rng.randint(50, 4000), completion_tokens=len(text) // 4),
                    ttft_ms=rng.uniform(200, 900),
                    tokens_per_s=rng.uniform(20, 90),
                ),
            )
        if newer_small:
            time.sleep(0.01)
            short = store.create_conversation("Hello")
            store.add_message(short.id, Message(role=Role.USER, content="hi"))
            store.add_message(short.id, Message(role=Role.ASSISTANT, content="Hello! How can I help?"))
        return long.id
    finally:
        store.close()


# ---- measuring a process --------------------------------------------------------------------------------


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


_XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def xdg_env(home: Path) -> dict[str, str]:
    """Where a user's Sluice finds its folders: no SLUICE_HOME (Sluice then asks platformdirs, as an installed
    one does, ~3 ms a start), the XDG variables pointing into `home`."""
    return {name: str(home / name.split("_")[1].lower()) for name in _XDG}


def bench_home(home: Path) -> Home:
    """The folders a child started in `home` uses (child_env)."""
    from app.home import Home

    saved = {name: os.environ.get(name) for name in (*_XDG, "SLUICE_HOME")}
    os.environ.pop("SLUICE_HOME", None)
    os.environ.update(xdg_env(home))
    try:
        return Home.from_env()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, SLUICE_FIRST_PAINT="print", PYTHONUNBUFFERED="1", **xdg_env(home))
    env.pop("SLUICE_HOME", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")  # main() chose: offscreen or xcb
    # Start as an installed Sluice does: with its bytecode compiled (pip and pipx compile at install). With
    # PYTHONDONTWRITEBYTECODE set (as in some shells and CI), every start would compile the app's sources
    # anew, ~90 ms no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# A bare PySide6 window, the floor no Qt application can beat: the same size as Sluice's, painted once.
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 760)
class Filter(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window:
            window.removeEventFilter(self)
            QTimer.singleShot(0, lambda: print(f"sluice-first-paint {time.time():.6f}", flush=True))
        return False
spy = Filter()
window.installEventFilter(spy)
window.show()
sys.exit(app.exec())
"""


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """Our own Xvfb on a free display (its number read from -displayfd), or None when there is none."""
    import shutil

    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return None
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        proc.wait()
        return None
    os.environ["DISPLAY"] = f":{number}"
    return proc


def choose_display(offscreen: bool) -> tuple[str, subprocess.Popen[bytes] | None]:
    """Where the children draw: `offscreen`, or xcb on DISPLAY (our own Xvfb when DISPLAY is unset)."""
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "offscreen", None
    xvfb = None
    if not os.environ.get("DISPLAY"):
        xvfb = start_xvfb()
    if not os.environ.get("DISPLAY"):
        print("no DISPLAY and no Xvfb: measuring offscreen (apt-get install xvfb for a real display)")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "offscreen", None
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    where = "our Xvfb" if xvfb else "this display"
    return f"xcb on {os.environ['DISPLAY']} ({where})", xvfb


def configure_profile(home: Path) -> None:
    """A home with one profile (no key; its gateway refuses connections): the chat page users see."""
    paths = bench_home(home)
    paths.ensure()
    paths.profiles_path.write_text(
        '[[profile]]\nname = "local"\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "test-model"\n'
        'auth = "none"\n',
        encoding="utf-8",
    )


def compile_app() -> None:
    """Write the app's .pyc files now, as an install does, so the first timed start does not."""
    import compileall

    compileall.compile_dir(str(ROOT / "app"), quiet=1)


def read_line(proc: subprocess.Popen[str], prefix: str) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if select.select([proc.stdout], [], [], 0.1)[0]:
            line = proc.stdout.readline()
            if line.startswith(prefix):
                return line
            if not line:
                break
    proc.kill()
    raise SystemExit(f"no {prefix!r} line from the child; stderr:\n{proc.communicate()[1]}")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.communicate(timeout=WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def spawn(command: list[str], home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(home),
        cwd=ROOT,
    )


def start_once(
    home: Path, idle_s: float, command: list[str] | None = None
) -> tuple[float, float, float, float]:
    """(seconds to the first painted frame, to the views painted, until the window works, RSS in MB after
    idle_s).

    The first frame is the window's outline (app/ui/shell/outline.py); "views painted": the sidebar, top
    bar, transcript and composer have filled it (`sluice-views-paint`); "works": the controllers are
    connected and the open conversation drawn (`sluice-ready`). The bare window and older builds print
    neither, and count as painted and ready at their first frame.
    """
    t0 = time.time()
    proc = spawn(command or [sys.executable, "-m", "app"], home)
    try:
        painted = float(read_line(proc, "sluice-first-paint ").split()[1])
        views = ready = painted
        if command is None:
            views = float(read_line(proc, "sluice-views-paint ").split()[1])
            ready = float(read_line(proc, "sluice-ready ").split()[1])
        time.sleep(idle_s)
        memory = rss_mb(proc.pid)
    finally:
        stop(proc)
    return painted - t0, views - t0, ready - t0, memory


def open_once(home: Path, conversation_id: int, idle_s: float) -> tuple[float, float]:
    """(seconds to open the conversation and paint it, RSS in MB with it open)."""
    # The window reopens the conversation open at its last close (window.json): forget it, so that each
    # run starts on the newer short conversation and this measures opening the long one.
    (bench_home(home).data_dir / "window.json").unlink(missing_ok=True)
    proc = spawn(
        [sys.executable, __file__, "--child-open", str(conversation_id), "--idle", str(idle_s)], home
    )
    try:
        opened = float(read_line(proc, "opened ").split()[1])
        memory = float(read_line(proc, "rss ").split()[1])
    finally:
        stop(proc)
    return opened, memory


def child_open(conversation_id: int, idle_s: float) -> int:
    """In the child: the real window (main_window, as `sluice` builds it), then open the long conversation."""
    import asyncio

    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.home import Home
    from app.ui.shell.app import install_asyncgen_hooks, main_window
    from app.ui.shell.composition import WindowParts
    from app.ui.shell.startup import drop_pyside_feature_hook

    drop_pyside_feature_hook()  # as `sluice` does

    os.environ.pop("SLUICE_FIRST_PAINT", None)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_asyncgen_hooks(loop)
    home = Home.from_env()

    class Opener:
        def __init__(self, parts: WindowParts) -> None:
            self.parts = parts

        def start(self) -> None:
            view = self.parts.window.transcript
            t0 = time.perf_counter()
            self.parts.controller.open_conversation(conversation_id)
            app.processEvents()  # the posted layout and update requests
            view.viewport().grab()  # a full paint of what is on screen, done now
            print(f"opened {time.perf_counter() - t0:.6f}", flush=True)
            QTimer.singleShot(int(idle_s * 1000), self.finish)

        def finish(self) -> None:
            print(f"rss {rss_mb():.1f}", flush=True)
            self.parts.window.close()

    keep: list[Opener] = []

    def on_shown(parts: WindowParts) -> None:
        opener = Opener(parts)
        keep.append(opener)
        QTimer.singleShot(500, opener.start)  # let the first window settle

    try:
        return int(loop.run_until_complete(main_window(home, on_shown)))
    finally:
        loop.close()


# ---- the report -----------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def spread(values: list[float], unit: str, scale: float = 1.0, fmt: str = ".3f") -> str:
    v = [x * scale for x in values]
    return f"median {statistics.median(v):{fmt}} {unit} (min {min(v):{fmt}}, max {max(v):{fmt}}, n={len(v)})"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9, help="processes per figure (default 9)")
    parser.add_argument("--idle", type=float, default=2.0, help="seconds idle before reading RSS (default 2)")
    parser.add_argument("--messages", type=int, default=MESSAGES)
    parser.add_argument("--offscreen", action="store_true", help="QT_QPA_PLATFORM=offscreen, not Xvfb/xcb")
    parser.add_argument(
        "--start-only", action="store_true", help="only the first-window figures (no long conversation)"
    )
    parser.add_argument(
        "--frozen",
        type=Path,
        help="also time this frozen executable (e.g. dist/sluice/sluice) to its first window",
    )
    parser.add_argument("--child-open", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_open is not None:
        return child_open(args.child_open, args.idle)

    display, xvfb = choose_display(args.offscreen)
    try:
        return report(args, display)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def report(args: argparse.Namespace, display: str) -> int:
    import platform

    from PySide6 import __version__ as pyside_version

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Python {platform.python_version()}, PySide6 {pyside_version}, {os.cpu_count()} cores, ", end="")
    print(f"QPA {display}; {args.runs} runs per figure; load average {load}\n")
    compile_app()
    bare = [sys.executable, "-c", BARE_WINDOW]
    with tempfile.TemporaryDirectory(prefix="sluice-bench-") as tmp:
        tmp_path = Path(tmp)
        start_once(tmp_path / "warm-up", 0.1)  # fill the file cache: every run then starts the same way
        start_once(tmp_path / "warm-up-bare", 0.1, bare)
        # A returning user: a profile, and the window started and closed once before (window.json holds its
        # size and the heights the first frame's outline draws). The welcome page's runs are first starts.
        profile_home = tmp_path / "profile"
        configure_profile(profile_home)
        start_once(profile_home, 0.1)
        firsts, views, readies, idles = [], [], [], []
        floors, floor_idles, welcomes, welcome_idles = [], [], [], []
        for run in range(args.runs):  # alternating, so a change in the machine's load hits all three alike
            first, _, _, idle = start_once(tmp_path / f"bare-{run}", args.idle, bare)
            floors.append(first)
            floor_idles.append(idle)
            first, drawn, ready, idle = start_once(profile_home, args.idle)
            firsts.append(first)
            views.append(drawn)
            readies.append(ready)
            idles.append(idle)
            first, _, _, idle = start_once(tmp_path / f"empty-{run}", args.idle)
            welcomes.append(first)
            welcome_idles.append(idle)

        opens: list[float] = []
        open_rss: list[float] = []
        long_firsts: list[float] = []
        long_readies: list[float] = []
        if not args.start_only:
            long_home = tmp_path / "long"
            t = time.perf_counter()
            long_id = seed(long_home, args.messages, newer_small=True)
            print(f"seeded {args.messages} messages in {time.perf_counter() - t:.1f} s")
            for _ in range(args.runs):
                opened, memory = open_once(long_home, long_id, args.idle)
                opens.append(opened)
                open_rss.append(memory)
            last_home = tmp_path / "long-last"
            seed(last_home, args.messages, newer_small=False)
            long_starts = [start_once(last_home, 0.1) for _ in range(args.runs)]
            long_firsts = [first for first, _, _, _ in long_starts]
            long_readies = [ready for _, _, ready, _ in long_starts]
        frozen: list[tuple[float, float]] = []
        if args.frozen:
            command = [str(args.frozen.resolve())]
            start_once(tmp_path / "frozen-warm-up", 0.1, command)
            frozen = [
                (first, memory)
                for first, _, _, memory in (
                    start_once(tmp_path / f"frozen-{i}", args.idle, command) for i in range(args.runs)
                )
            ]

    print()
    print(f"bare PySide6 window (the floor), first paint: {spread(floors, 's')}")
    print(f"bare PySide6 window, idle RSS: {spread(floor_idles, 'MB', fmt='.1f')}")
    print(f"first window, a profile configured (new process → first painted frame): {spread(firsts, 's')}")
    print(f"  … its views painted (sidebar, top bar, transcript, composer): {spread(views, 's')}")
    print(f"  … and working (controllers connected): {spread(readies, 's')}")
    print(f"idle RSS after {args.idle:g} s, a profile configured: {spread(idles, 'MB', fmt='.1f')}")
    print(f"first window, fresh home (the welcome page): {spread(welcomes, 's')}")
    print(f"idle RSS, fresh home: {spread(welcome_idles, 'MB', fmt='.1f')}")
    if opens:
        print(f"open a {args.messages}-message conversation → painted: {spread(opens, 's')}")
        print(f"RSS with it open: {spread(open_rss, 'MB', fmt='.1f')}")
        print(f"first window when it was the last conversation open: {spread(long_firsts, 's')}")
        print(f"  … and that conversation drawn: {spread(long_readies, 's')}")
    if frozen:
        print(f"frozen build, first window: {spread([f for f, _ in frozen], 's')}")
        print(f"frozen build, idle RSS: {spread([m for _, m in frozen], 'MB', fmt='.1f')}")
    print()
    first, idle, floor = statistics.median(firsts), statistics.median(idles), statistics.median(floors)
    ratio = first / floor
    welcome = statistics.median(welcomes)
    rows = [
        (
            "first window / bare window",
            f"{ratio:.2f} x",
            f"<= {FIRST_WINDOW_TARGET_RATIO} x",
            ratio <= FIRST_WINDOW_TARGET_RATIO,
        ),
        ("first window", f"{first:.3f} s", f"< {FIRST_WINDOW_TARGET_S} s", first < FIRST_WINDOW_TARGET_S),
        (
            "first window, welcome page",
            f"{welcome:.3f} s",
            f"< {FIRST_WINDOW_TARGET_S} s",
            welcome < FIRST_WINDOW_TARGET_S,
        ),
        ("idle RSS", f"{idle:.1f} MB", f"<= {IDLE_RSS_TARGET_MB:g} MB", idle <= IDLE_RSS_TARGET_MB),
    ]
    if opens:
        opened = statistics.median(opens)
        rows.append(
            (
                f"open {args.messages}-message conversation",
                f"{opened:.3f} s",
                f"< {OPEN_1000_TARGET_S} s",
                opened < OPEN_1000_TARGET_S,
            )
        )
    for name, value, target, ok in rows:
        print(f"{name:<34} {value:>10}    target {target:<10} {verdict(ok)}")
    # No target of its own: the first window above is the outline; this is when its views have filled it.
    drawn = statistics.median(views)
    print(f"{'views painted / bare window':<34} {drawn / floor:>8.2f} x    ({drawn:.3f} s; no target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
