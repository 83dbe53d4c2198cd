#!/usr/bin/env bash
# Build the Linux one-dir bundle: dist/sluice/sluice (+ its _internal/ folder).
#   packaging/build-linux.sh            build (skipped when nothing it is made from changed)
#   packaging/build-linux.sh --force    build anyway
# Uses .venv (scripts/start.sh or scripts/test.sh make it); PyInstaller comes with the test extras.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${SLUICE_VENV:-$ROOT/.venv}
cd "$ROOT"
[ -x "$VENV/bin/pyinstaller" ] || "$VENV/bin/python" -m pip install -q "pyinstaller>=6.10"

# What the bundle is made of; the hash decides whether a build is needed.
stamp=dist/sluice/.source-hash
hash=$(
  {
    git ls-files -co --exclude-standard app resources packaging pyproject.toml 2>/dev/null ||
      find app resources packaging pyproject.toml -type f
  } | LC_ALL=C sort | while read -r f; do [ -f "$f" ] && sha256sum "$f"; done
  "$VENV/bin/python" -m pip freeze 2>/dev/null | grep -v '^-e ' | sha256sum
)
hash=$(printf %s "$hash" | sha256sum | cut -d' ' -f1)
if [ "${1:-}" != "--force" ] && [ -x dist/sluice/sluice ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
  echo "dist/sluice is up to date"
  exit 0
fi

start=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/sluice.spec
printf '%s\n' "$hash" >"$stamp"
echo "built dist/sluice in $(($(date +%s) - start)) s ($(du -sh dist/sluice | cut -f1))"
