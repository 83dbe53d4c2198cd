"""Imports flow one way (DESIGN.md): core <- wire <- net <- session <- ui; Qt only in app/ui.

Walks every module under app/ with ast, so a new file is checked without anyone remembering to add it.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
QT = {"PySide6", "shiboken6", "qasync"}

ROOTS = {"ui", "main", "__init__", "__main__"}

# package -> the app packages it may import (itself always allowed), and third-party libraries it may use.
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "core": (set(), set()),
    "wire": ({"core"}, set()),
    "net": ({"core", "wire"}, {"httpx"}),
    "store": ({"core"}, set()),
    "profiles": ({"core"}, set()),
    "keystore": ({"core"}, {"keyring"}),
    "home": ({"core"}, {"platformdirs"}),
    "logs": ({"core", "home"}, set()),
    "reply_saver": ({"core"}, set()),  # the database's copy of a streaming reply
    "session": ({"core", "net", "reply_saver", "failover"}, set()),
    "failover": ({"core", "net"}, set()),  # tries a profile's fallbacks (issue 16)
    "turns": (
        {"core", "session", "reply_saver", "failover"},
        set(),
    ),  # one chat turn: the use case the window and the CLI call
    "compare": ({"core", "session", "turns", "failover"}, set()),  # lanes side by side (CLI and window)
    "cli_output": ({"core"}, set()),  # terminal-safe text and JSON lines for the CLI's printing
    "attachments": ({"core"}, {"PIL", "pypdfium2"}),  # both imported only when a file is attached
    "export": ({"core", "home", "store", "wire", "cli_output"}, set()),
    "desktop": ({"core"}, set()),  # .desktop entry and icons into the XDG dirs
    "settings": ({"core", "profiles"}, set()),  # settings.toml (the window's preferences; no keys)
    "credentials": ({"core", "keystore", "profiles"}, set()),  # secret headers / proxy password ↔ keyring
    "cli_ask": (
        {
            "core",
            "credentials",
            "home",
            "keystore",
            "profiles",
            "net",
            "session",
            "store",
            "attachments",
            "settings",
            "turns",
            "cli_output",
            "failover",
        },
        set(),
    ),
    "cli_stats": ({"core", "home", "store", "cli_output"}, set()),
    "cli_profile": ({"core", "credentials", "home", "keystore", "profiles", "store", "cli_output"}, set()),
    "cli_inspect": (  # the stream inspector's records
        {"core", "home", "store", "exchange_text", "cli_output"},
        set(),
    ),
    "exchange_text": ({"core", "wire"}, set()),  # a record in words, for the CLI and the window
    "cli_compare": (  # ask --compare: lanes side by side
        {
            "core",
            "home",
            "keystore",
            "profiles",
            "net",
            "session",
            "store",
            "failover",
            "credentials",
            "cli_ask",
            "cli_output",
            "turns",
            "settings",
            "compare",
        },
        set(),
    ),
    "cli": (
        {
            "core",
            "credentials",
            "home",
            "keystore",
            "profiles",
            "net",
            "session",
            "store",
            "cli_ask",
            "cli_output",
            "cli_stats",
            "cli_profile",
            "cli_inspect",
            "cli_compare",
            "export",
            "logs",
            "desktop",
        },
        set(),
    ),
}


def _layer(path: Path) -> str:
    rel = path.relative_to(APP)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
    return found


MODULES = sorted(APP.rglob("*.py"))


def test_walks_the_whole_app() -> None:
    assert len(MODULES) > 10, "the layering test found almost no modules: is APP right?"


def _violations(path: Path, layer: str) -> list[str]:
    problems = []
    for module, line in _imports(path):
        top = module.split(".")[0]
        if top in QT and layer != "ui":
            problems.append(f"line {line}: Qt ({module}) outside app/ui")
        if layer in ROOTS:
            continue  # the composition roots and the window may import anything
        if layer not in ALLOWED:
            problems.append(f"{layer} is not a known layer: add it to ALLOWED with what it may import")
            continue
        app_layers, libraries = ALLOWED[layer]
        if top == "app":
            parts = module.split(".")
            target = parts[1] if len(parts) > 1 else ""
            if target and target != layer and target not in app_layers and target != "__init__":
                problems.append(f"line {line}: {layer} may not import app.{target}")
        elif top not in sys.stdlib_module_names and top not in libraries:
            problems.append(f"line {line}: {layer} may not depend on {top}")
    return problems


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(APP)))
def test_imports_respect_layers(path: Path) -> None:
    problems = _violations(path, _layer(path))
    assert not problems, f"{path.relative_to(APP)}:\n" + "\n".join(problems)


def test_the_checker_catches_a_violation(tmp_path: Path) -> None:
    """The rule above must be able to fail: a Qt import in core is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QTimer\nimport httpx\nfrom app.net import client\n")
    assert len(_violations(bad, "core")) == 4  # Qt outside ui, Qt as a library, httpx, app.net
    assert _violations(bad, "ui") == []
