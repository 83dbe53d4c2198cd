"""window.json: what a damaged, foreign or oversized file does (nothing: a first start's layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui.shell.window_state import MAX_BYTES, WindowState, load_state, save_state


def test_a_saved_state_reads_back(tmp_path: Path) -> None:
    state = WindowState(
        geometry="AdnQyw==",
        sidebar_width=310,
        sidebar_shown=False,
        conversation=7,
        topbar_height=48,
        composer_height=70,
        status_height=24,
        dark=True,
    )
    save_state(tmp_path / "window.json", state)
    assert load_state(tmp_path / "window.json") == state


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"sidebar_width": "wide", "sidebar_shown": 1, "conversation": -3, "geometry": 5}',
        b'{"sidebar_width": 99999999, "conversation": true}',
        b'{"topbar_height": 5000, "composer_height": -1, "status_height": 2.5, "dark": "yes"}',
        b'{"geometry": "' + b"A" * MAX_BYTES + b'"}',
    ],
)
def test_anything_odd_means_a_first_starts_layout(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "window.json"
    path.write_bytes(content)
    assert load_state(path) == WindowState()


def test_a_missing_file_is_a_first_start_and_an_unwritable_one_is_not_an_error(tmp_path: Path) -> None:
    assert load_state(tmp_path / "absent.json") == WindowState()
    save_state(tmp_path / "no" / "such" / "dir" / "window.json", WindowState())  # logged, not raised
