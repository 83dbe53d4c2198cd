"""Entry point: `sluice` with a subcommand runs the CLI; bare `sluice` opens the window.

This is the composition root for both: objects are built here (or in the command that needs them) and
passed in. Qt is imported only on the window path, so the CLI starts fast and runs without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    wants_window = not args or all(a in ("--debug",) for a in args)
    if wants_window:
        from app.ui.shell.app import run_window

        return run_window(debug="--debug" in args)
    from app.cli import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
