; Inno Setup 6 script: a per-user installer for the Windows one-dir build (packaging\build-windows.ps1
; runs it with /DAppVersion=x.y.z after PyInstaller has filled dist\sluice\).
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\sluice.iss

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{8F0C6A52-3B1E-4B8D-9E6B-5A1D2C7F9E31}
AppName=Sluice
AppVersion={#AppVersion}
AppPublisher=The Sluice developers
DefaultDirName={autopf}\Sluice
DefaultGroupName=Sluice
DisableProgramGroupPage=yes
; Per-user by default (no UAC prompt); the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=Sluice-{#AppVersion}-setup
SetupIconFile=..\resources\icons\sluice.ico
UninstallDisplayIcon={app}\sluicew.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; `sluice` on PATH for the command line (the installing user's PATH).
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "chinesetraditional"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add sluice to PATH (command line)"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\sluice\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Sluice"; Filename: "{app}\sluicew.exe"
Name: "{autodesktop}\Sluice"; Filename: "{app}\sluicew.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\sluicew.exe"; Description: "{cm:LaunchProgram,Sluice}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
