; The Windows installer of Tsudoi, built by scripts/package.sh with Debian's makensis.
;
; Our own script rather than Tauri's NSIS bundler: the bundler downloads NSIS plugins and tools
; from GitHub at build time, and this machine builds without the internet.
;
; - Per user: no administrator rights, installed under %LOCALAPPDATA%\Programs\Tsudoi, a Start-menu
;   entry, an uninstaller listed in "Apps" (HKCU).
; - WebView2 (the window's engine; Windows 11 and an updated Windows 10 already have it): when it is
;   missing, the installer runs Microsoft's bootstrapper if it was put beside the installer
;   (MicrosoftEdgeWebview2Setup.exe, as an IT department distributing Tsudoi can do), else it
;   offers to open Microsoft's download page. Nothing is fetched when the installer is built.
; - The data (%APPDATA%\jp.tsudoi.desktop: the database, photos, receipts) is the user's and is
;   never removed by the uninstaller: erasing it is the app's own, proven operation.
;
; makensis -DVERSION=0.1.0 -DSOURCE=<folder with the files> -DOUTFILE=<installer.exe> installer.nsi

Unicode true
; A 64-bit installer for a 64-bit app: Windows itself refuses it on a 32-bit system.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION is not defined (makensis -DVERSION=0.1.0)"
!endif
!ifndef SOURCE
  !error "SOURCE is not defined (the folder holding tsudoi-desktop.exe and the rest)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Tsudoi-${VERSION}-setup.exe"
!endif

!define PRODUCT "Tsudoi"
!define PRODUCT_JA "集い Tsudoi"
!define IDENTIFIER "jp.tsudoi.desktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; The WebView2 Runtime's client id (Microsoft's "Distribute your app and the WebView2 Runtime").
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_PAGE "https://developer.microsoft.com/microsoft-edge/webview2/"

!include "MUI2.nsh"
!include "LogicLib.nsh"

Name "${PRODUCT_JA}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "Software\${PRODUCT}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Tsudoi developers (MIT OR Apache-2.0)"

!define MUI_ICON "${SOURCE}\icon.ico"
!define MUI_UNICON "${SOURCE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\tsudoi-desktop.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Japanese first (the people who use Tsudoi), English for a Windows set to another language.
!insertmacro MUI_LANGUAGE "Japanese"
!insertmacro MUI_LANGUAGE "English"

LangString WebView2Running ${LANG_JAPANESE} "Microsoft Edge WebView2 ランタイムをインストールしています…"
LangString WebView2Running ${LANG_ENGLISH} "Installing the Microsoft Edge WebView2 Runtime…"
LangString WebView2Failed ${LANG_JAPANESE} "WebView2 ランタイムのインストールが終わりませんでした（終了コード $0）。集い Tsudoi の画面は WebView2 がないと開きません。Microsoft のダウンロードページを開きますか？"
LangString WebView2Failed ${LANG_ENGLISH} "The WebView2 Runtime was not installed (exit code $0). Tsudoi's window cannot open without it. Open Microsoft's download page?"
LangString WebView2Missing ${LANG_JAPANESE} "この PC には Microsoft Edge WebView2 ランタイムがありません。集い Tsudoi の画面は WebView2 がないと開きません（コマンドライン tsudoi.exe は使えます）。$\r$\n$\r$\nMicrosoft のダウンロードページを開きますか？「Evergreen Bootstrapper」を実行してから、集い Tsudoi を起動してください。"
LangString WebView2Missing ${LANG_ENGLISH} "This PC does not have the Microsoft Edge WebView2 Runtime. Tsudoi's window cannot open without it (the command line, tsudoi.exe, works).$\r$\n$\r$\nOpen Microsoft's download page? Run the Evergreen Bootstrapper there, then start Tsudoi."
LangString DataKept ${LANG_JAPANESE} "アプリを削除しました。データ（%APPDATA%\${IDENTIFIER}：データベース・写真・領収書）は残っています。消すときは、削除の前にアプリの「データの消去」を使ってください。"
LangString DataKept ${LANG_ENGLISH} "Tsudoi was removed. Its data (%APPDATA%\${IDENTIFIER}: the database, photos, receipts) is kept. To erase it, use the app's data erasure before uninstalling."

; No language question: NSIS speaks the language of the user's Windows (Japanese or English).
Function .onInit
  SetRegView 64
FunctionEnd

; Sets $R0 to the installed WebView2 Runtime's version, or "" when there is none. Microsoft's
; documented check: the "pv" value of the runtime's client key, machine-wide (under WOW6432Node on
; 64-bit Windows) or per user; "0.0.0.0" means removed.
Function FindWebView2
  ReadRegStr $R0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $R0 == ""
  ${OrIf} $R0 == "0.0.0.0"
    ReadRegStr $R0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $R0 == "0.0.0.0"
    StrCpy $R0 ""
  ${EndIf}
FunctionEnd

Section "Tsudoi" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SOURCE}\tsudoi-desktop.exe"
  File "${SOURCE}\WebView2Loader.dll"
  File "${SOURCE}\tsudoi.exe"
  File "${SOURCE}\icon.ico"
  File "${SOURCE}\LICENSE.txt"
  File "${SOURCE}\THIRD-PARTY-NOTICES.txt"
  File "${SOURCE}\sbom.cargo.json"
  File "${SOURCE}\sbom.npm.json"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${PRODUCT_JA}.lnk" "$INSTDIR\tsudoi-desktop.exe" "" "$INSTDIR\icon.ico"

  WriteRegStr HKCU "Software\${PRODUCT}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_JA}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Tsudoi developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  Call FindWebView2
  ${If} $R0 == ""
    ${If} ${FileExists} "$EXEDIR\MicrosoftEdgeWebview2Setup.exe"
      DetailPrint "$(WebView2Running)"
      ExecWait '"$EXEDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $0
      ${If} $0 <> 0
        MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(WebView2Failed)" /SD IDNO IDNO webview2_done
        ExecShell "open" "${WEBVIEW2_PAGE}"
      ${EndIf}
    ${Else}
      MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(WebView2Missing)" /SD IDNO IDNO webview2_done
      ExecShell "open" "${WEBVIEW2_PAGE}"
    ${EndIf}
  ${EndIf}
  webview2_done:
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${PRODUCT_JA}.lnk"
  Delete "$INSTDIR\tsudoi-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\tsudoi.exe"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\THIRD-PARTY-NOTICES.txt"
  Delete "$INSTDIR\sbom.cargo.json"
  Delete "$INSTDIR\sbom.npm.json"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${PRODUCT}"
  IfSilent +2
  MessageBox MB_ICONINFORMATION "$(DataKept)"
SectionEnd
