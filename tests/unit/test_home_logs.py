"""Where Sluice keeps its files, and logs that never contain a key."""

from __future__ import annotations

import logging
import os
import stat
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.errors import register_secret
from app.home import Home
from app.logs import RedactingFilter, setup_logging, teardown_logging

POSIX = os.name == "posix"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- Home ------------------------------------------------------------------------------------------------


def test_sluice_home_puts_everything_under_one_directory(tmp_path: Path) -> None:
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / "portable")})
    root = tmp_path / "portable"
    assert (home.config_dir, home.data_dir, home.log_dir) == (root / "config", root / "data", root / "logs")
    assert home.profiles_path == root / "config" / "profiles.toml"
    assert home.settings_path == root / "config" / "settings.toml"
    assert home.db_path == root / "data" / "sluice.db"
    assert home.log_path == root / "logs" / "sluice.log"
    assert not root.exists()  # working out the paths touches nothing


def test_a_relative_sluice_home_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    home = Home.from_env({"SLUICE_HOME": "portable"})
    assert home.config_dir == tmp_path / "portable" / "config"


@pytest.mark.parametrize("environ", [{}, {"SLUICE_HOME": ""}])
def test_without_sluice_home_the_platform_directories_are_used(environ: dict[str, str]) -> None:
    home = Home.from_env(environ)
    for directory in (home.config_dir, home.data_dir, home.log_dir):
        assert directory.is_absolute()
        assert "sluice" in directory.parts
    assert home.config_dir != home.log_dir


def test_ensure_creates_private_directories(tmp_path: Path) -> None:
    home = Home.from_env({"SLUICE_HOME": str(tmp_path / "h")})
    home.config_dir.mkdir(parents=True, mode=0o755)
    if POSIX:
        os.chmod(home.config_dir, 0o755)  # made by an older version, or by hand
    home.ensure()
    home.ensure()  # again: nothing to do, no error
    for directory in (home.config_dir, home.data_dir, home.log_dir):
        assert directory.is_dir()
        if POSIX:
            assert _mode(directory) == 0o700


# --- logging ---------------------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Home]:
    root = logging.getLogger()
    level = root.level
    yield Home.from_env({"SLUICE_HOME": str(tmp_path / "h")})
    teardown_logging()
    root.setLevel(level)


def _log_text(home: Home) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return home.log_path.read_text(encoding="utf-8")


@pytest.mark.allow_log("ERROR", "httpx", "^request failed$")  # logged on purpose, to see it redacted
def test_keys_never_reach_the_log_file(home: Home) -> None:
    setup_logging(home)
    opaque = f"opaque-{uuid.uuid4().hex}"  # no recognisable shape: known only because it was registered
    register_secret(opaque)
    log = logging.getLogger("httpx")  # a library's logger, propagating to the root
    log.info("POST with key %s", "sk-proj-abcdefghijklmnop")
    log.warning("gateway echoed Authorization: Bearer %s", opaque)
    try:
        raise RuntimeError(f"401 for key {opaque}")
    except RuntimeError:
        log.exception("request failed")
    text = _log_text(home)
    assert "POST with key [redacted]" in text
    assert "request failed" in text and "RuntimeError: 401 for key [redacted]" in text
    for secret in ("sk-proj-abcdefghijklmnop", opaque):
        assert secret not in text


def test_a_record_with_a_broken_format_is_still_logged_and_redacted() -> None:
    # Called directly: pytest's own capture handler would fail the test on the bad format first.
    record = logging.LogRecord(
        "sluice", logging.INFO, __file__, 1, "%d tokens", ("sk-brokenformat1234",), None
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "'%d tokens' % ('[redacted]',)"


def test_the_log_file_is_private(home: Home) -> None:
    home.ensure()
    home.log_path.write_text("old line\n", encoding="utf-8")
    if POSIX:
        os.chmod(home.log_path, 0o644)
    setup_logging(home)
    logging.getLogger("sluice").info("hello")
    assert _log_text(home).startswith("old line\n")  # appended to, not replaced
    if POSIX:
        assert _mode(home.log_path) == 0o600


def test_the_log_rotates_into_private_files(home: Home) -> None:
    setup_logging(home)
    line = "x" * 1000
    for _ in range(1200):  # ~1.2 MB: one rollover at 1 MB
        logging.getLogger("sluice").info(line)
    rotated = home.log_path.with_name("sluice.log.1")
    assert rotated.exists()
    assert home.log_path.stat().st_size < 1_000_000
    if POSIX:
        assert _mode(rotated) == 0o600
        assert _mode(home.log_path) == 0o600


@pytest.mark.parametrize("backup_count", [0, 1, 3])
def test_rollover_keeps_the_files_the_standard_rotating_handler_keeps(
    tmp_path: Path, backup_count: int
) -> None:
    """Ours (private files, no logging.handlers import) rolls over exactly as RotatingFileHandler does."""
    import logging.handlers

    from app.logs import _PrivateRotatingFileHandler

    ours_dir, theirs_dir = tmp_path / "ours", tmp_path / "theirs"
    ours_dir.mkdir()
    theirs_dir.mkdir()
    ours = _PrivateRotatingFileHandler(ours_dir / "s.log", max_bytes=300, backup_count=backup_count)
    theirs = logging.handlers.RotatingFileHandler(
        theirs_dir / "s.log", maxBytes=300, backupCount=backup_count, encoding="utf-8"
    )
    try:
        for n in range(100):
            record = logging.LogRecord(
                "sluice", logging.INFO, __file__, 1, "line %d %s", (n, "y" * (n % 37)), None
            )
            ours.handle(record)
            theirs.handle(record)
    finally:
        ours.close()
        theirs.close()
    names = sorted(p.name for p in theirs_dir.iterdir())
    assert len(names) == backup_count + 1
    assert sorted(p.name for p in ours_dir.iterdir()) == names
    for name in names:
        assert (ours_dir / name).read_bytes() == (theirs_dir / name).read_bytes()
        if POSIX:
            assert _mode(ours_dir / name) == 0o600
    assert (ours_dir / "s.log").read_text(encoding="utf-8").splitlines()[-1].startswith("line 99 ")


def test_setting_up_twice_logs_each_record_once(home: Home) -> None:
    setup_logging(home)
    setup_logging(home, logging.DEBUG)
    logging.getLogger("sluice").debug("only once")
    assert _log_text(home).count("only once") == 1


def test_stderr_copy_is_redacted_too(home: Home, capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(home, stderr=True)
    logging.getLogger("sluice").warning("bad key sk-abcdefghijklmn")
    err = capsys.readouterr().err
    assert "bad key [redacted]" in err
    assert "sk-abcdefghijklmn" not in err


def test_teardown_removes_only_our_handlers(home: Home) -> None:
    root = logging.getLogger()
    foreign = logging.StreamHandler(sys.stdout)
    root.addHandler(foreign)
    try:
        setup_logging(home)
        teardown_logging()
        logging.getLogger("sluice").warning("after teardown")
        assert "after teardown" not in _log_text(home)
        assert foreign in root.handlers
    finally:
        root.removeHandler(foreign)


def test_a_window_lock_naming_another_program_is_not_a_running_window(tmp_path: Path) -> None:
    import subprocess
    import sys

    home = Home.from_env({"SLUICE_HOME": str(tmp_path)})
    home.ensure()
    sleeper = subprocess.Popen(["sleep", "30"])  # alive, but not Sluice: a pid reused after a reboot
    try:
        home.window_lock_path.write_text(f"{sleeper.pid}\nsluice\nhost\n", encoding="utf-8")
        if sys.platform.startswith("linux"):
            assert not home.window_is_running()
        home.window_lock_path.write_text(f"{os.getpid()}\nsluice\nhost\n", encoding="utf-8")
        assert home.window_is_running()  # this test runs in python: could be the window
    finally:
        sleeper.kill()
        sleeper.wait()
