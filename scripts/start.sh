#!/usr/bin/env bash
# Install (first time) and start Sluice: the README's "install and run" command. Arguments go to `sluice`.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
# shellcheck disable=SC2086
apt_install $QT_DEBS || true  # without them only the window fails, and Sluice says what to install
ensure_venv "."
exec "$VENV/bin/sluice" "$@"
