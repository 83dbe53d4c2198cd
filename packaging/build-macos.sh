#!/usr/bin/env bash
# Build Sluice for macOS: dist/Sluice.app (and the one-dir dist/sluice/), then dist/Sluice-<version>.dmg.
#   packaging/build-macos.sh
# Needs Python 3.11+ (python.org or Homebrew) and the Xcode command line tools (iconutil, hdiutil).
# The app is not signed: for distribution, sign and notarize it (codesign --deep, notarytool).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
VENV=${SLUICE_VENV:-$ROOT/.venv-macos}
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q . "pyinstaller>=6.10"

# The .icns from the committed PNGs (iconutil only exists on macOS); the spec picks it up from here.
iconset=build/macos/sluice.iconset
rm -rf "$iconset" && mkdir -p "$iconset"
for size in 16 32 128 256 512; do
  cp "resources/icons/sluice-$size.png" "$iconset/icon_${size}x${size}.png"
done
for size in 16 32 128 256; do
  cp "resources/icons/sluice-$((size * 2)).png" "$iconset/icon_${size}x${size}@2x.png"
done
iconutil -c icns "$iconset" -o build/macos/sluice.icns

"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/sluice.spec

version=$(dist/sluice/sluice --version | cut -d' ' -f2)
rm -f "dist/Sluice-$version.dmg"
hdiutil create -volname Sluice -srcfolder dist/Sluice.app -ov -format UDZO "dist/Sluice-$version.dmg"
echo "built dist/Sluice.app and dist/Sluice-$version.dmg"
