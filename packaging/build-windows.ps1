# Build Sluice for Windows: dist\sluice\ (sluice.exe for the command line, sluicew.exe for the window), then
# the installer dist\Sluice-<version>-setup.exe if Inno Setup 6 is installed.
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
# Needs Python 3.11+ on PATH (py launcher or python.exe). Creates .venv-windows\ beside the sources.
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

$Venv = Join-Path $Root ".venv-windows"
if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    if (Get-Command py -ErrorAction SilentlyContinue) { py -3 -m venv $Venv } else { python -m venv $Venv }
}
$Python = Join-Path $Venv "Scripts\python.exe"
& $Python -m pip install -q --upgrade pip
& $Python -m pip install -q . "pyinstaller>=6.10"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller packaging\sluice.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The same check CI runs on Linux, minus the server: the binary starts and knows its version.
$Version = (& dist\sluice\sluice.exe --version).Split(" ")[1]
Write-Host "built dist\sluice (Sluice $Version)"

$Iscc = @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "${env:ProgramFiles}\Inno Setup 6\ISCC.exe"
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if ($Iscc) {
    & $Iscc "/DAppVersion=$Version" packaging\sluice.iss
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
    Write-Host "installer: dist\Sluice-$Version-setup.exe"
} else {
    Write-Host "Inno Setup 6 not found: skipped the installer (https://jrsoftware.org/isinfo.php)"
}
