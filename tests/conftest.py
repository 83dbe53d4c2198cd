"""Suite-wide rules for every test folder.

An ERROR (or worse) log record during a test fails it, unless the test declares it (qutebrowser's logfail is
the model): an error nobody looks at in a test is an error users meet. Declare the ones a test provokes on
purpose with

    @pytest.mark.allow_log("ERROR", "app.keystore", r"cannot reach the keyring")

(level: the most severe level allowed; logger: a logger name or its parent's; message: a regular expression
searched in the formatted message). WARNING records do not fail a test; their count is shown at the end.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

FAIL_LEVEL = logging.ERROR


@dataclass(frozen=True)
class AllowedLog:
    level: int
    logger: str
    message: re.Pattern[str]

    def covers(self, record: logging.LogRecord) -> bool:
        in_logger = not self.logger or record.name == self.logger or record.name.startswith(self.logger + ".")
        return record.levelno <= self.level and in_logger and bool(self.message.search(record.getMessage()))


def _allowed(item: pytest.Item) -> list[AllowedLog]:
    allowed = []
    for mark in item.iter_markers("allow_log"):
        args = dict(zip(("level", "logger", "message"), mark.args, strict=False)) | mark.kwargs
        level = logging.getLevelName(str(args.get("level", "ERROR")).upper())
        if not isinstance(level, int):
            raise pytest.UsageError(f"allow_log: unknown level {args.get('level')!r} on {item.nodeid}")
        allowed.append(
            AllowedLog(level, str(args.get("logger") or ""), re.compile(str(args.get("message") or "")))
        )
    return allowed


class _Collector(logging.Handler):
    """Keeps the WARNING-or-worse records of one test, from any thread."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._lock_records = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._lock_records:
            self.records.append(record)


_WARNINGS_SEEN: dict[str, list[str]] = {}  # test id -> the WARNING records it logged (shown at the end)


@pytest.fixture(autouse=True)
def fail_on_error_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Autouse, so it is set up before (and torn down after) the test's own fixtures: errors logged while
    they shut down count too."""
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    allowed = _allowed(request.node)
    warnings = [
        r for r in collector.records if r.levelno < FAIL_LEVEL and not any(a.covers(r) for a in allowed)
    ]
    if warnings:
        _WARNINGS_SEEN[request.node.nodeid] = [f"{r.name}: {r.getMessage()}"[:160] for r in warnings]
    unexpected = [
        r for r in collector.records if r.levelno >= FAIL_LEVEL and not any(a.covers(r) for a in allowed)
    ]
    if unexpected:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in unexpected)
        pytest.fail(
            f"{len(unexpected)} unexpected log record(s) at ERROR or above (declare them with "
            f"@pytest.mark.allow_log(level, logger, message) if the test provokes them):\n{lines}",
            pytrace=False,
        )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _WARNINGS_SEEN:
        total = sum(len(records) for records in _WARNINGS_SEEN.values())
        terminalreporter.write_line(
            f"logged WARNING records: {total} in {len(_WARNINGS_SEEN)} test(s) (not failures; -v lists them)"
        )
        if terminalreporter.config.getoption("verbose") > 0:
            for nodeid, records in sorted(_WARNINGS_SEEN.items()):
                terminalreporter.write_line(f"  {nodeid}")
                for record in records:
                    terminalreporter.write_line(f"      {record}")
