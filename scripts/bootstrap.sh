# Shared by scripts/start.sh and scripts/test.sh (sourced, not run): the system packages and the venv.
# Works on a fresh Debian/Ubuntu with Python 3.11+: installs what is missing when run as root (or with
# passwordless sudo), and otherwise prints the exact apt-get line to run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${SLUICE_VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}

# Libraries Qt's xcb plugin needs on a real display (the wheel does not carry them), fonts for Chinese, and a
# colour emoji font (without one, emoji in replies show as empty boxes on a fresh Debian).
QT_DEBS="libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1 libdbus-1-3
  fonts-noto-cjk fonts-noto-color-emoji"

have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do have_deb "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { echo "sluice: please install: ${missing[*]}" >&2; return 0; }
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "sluice: missing system packages. Run:  sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "sluice: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {  # $1: pip extras spec, e.g. "." or ".[test]"
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
      apt_install python3-venv && "$PYTHON" -m venv "$VENV"
    fi
  fi
  local stamp="$VENV/.sluice-installed"
  # Reinstall only when pyproject.toml changed: a second start should not wait on pip.
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ] || ! grep -qxF "$1" "$stamp"; then
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    (cd "$ROOT" && "$VENV/bin/python" -m pip install -q -e "$1")
    printf '%s\n' "$1" >"$stamp"
  fi
}
