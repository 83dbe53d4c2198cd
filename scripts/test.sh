#!/usr/bin/env bash
# Install everything the tests need and run every check: the README's test command (.ci/run calls it).
# Lint, format, types, then the whole suite offscreen, with a real Secret Service (gnome-keyring under a
# private D-Bus session) so the keystore tests run against the real thing.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
# shellcheck disable=SC2086
apt_install gnome-keyring dbus xvfb xdotool desktop-file-utils appstream curl $QT_DEBS
ensure_venv ".[test]"
cd "$ROOT"
export PATH="$VENV/bin:$PATH" QT_QPA_PLATFORM=offscreen SLUICE_REQUIRE_KEYRING=1
echo "== ruff check";         ruff check .
echo "== ruff format --check"; ruff format --check .
echo "== mypy --strict app";  mypy --strict app
echo "== pytest"
exec scripts/with-keyring.sh python -m pytest "$@"
