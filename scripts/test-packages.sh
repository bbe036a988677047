#!/usr/bin/env bash
# Tests what people install, after building it (scripts/package.sh):
#  1. the Windows installer under Wine: a silent per-user install (files, Start-menu entry, the
#     entry in Apps), then the CLI's tests that need no window (the store, imports in every
#     encoding, exports, PDFs, encryption, paths with Japanese names and spaces) run against the
#     installed tsudoi.exe through TSUDOI_BIN, then the uninstaller, which must leave nothing;
#  2. the .deb: installed with dpkg, the installed app started on a virtual display until its
#     window shows, then removed, leaving no file behind.
# Kept apart from scripts/test.sh, which CI runs in under an hour; this takes longer to build (the
# Windows cross-build) than to run. Needs root or sudo for dpkg.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages "${TEST_PACKAGE_PACKAGES[@]}"
# TSUDOI_PACKAGES_BUILT=1 tests what dist/ already holds (after ./scripts/package.sh).
[ -n "${TSUDOI_PACKAGES_BUILT:-}" ] || "$ROOT/scripts/package.sh"

VERSION="$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json | head -n 1)"
WINE_DIR="$ROOT/target/wine"
export WINEPREFIX="$WINE_DIR/prefix" WINEDEBUG=-all
# No Mono or Gecko: the prefix is made without asking to download them.
export WINEDLLOVERRIDES="mscoree,mshtml="

step "Wine: preparing $WINEPREFIX"
mkdir -p "$WINE_DIR"
[ -f "$WINEPREFIX/system.reg" ] || wineboot --init >/dev/null 2>&1
# Rust's standard library needs ProcessPrng from bcryptprimitives.dll, which Debian's Wine 8 lacks:
# a stand-in forwarding to RtlGenRandom, in this test prefix's system folder only (never shipped).
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/windows/wine/bcryptprimitives.c packaging/windows/wine/bcryptprimitives.def -ladvapi32
# A Japanese locale: Wine then reads arguments and file names as UTF-8 and plays a Japanese
# Windows (ANSI code page 932), as on the bureau's laptops.
# (grep reads the whole list: with -q it would stop early, `locale` would die of SIGPIPE, and
# pipefail would count that as "missing".)
if ! locale -a | grep -ix "ja_JP.utf8" >/dev/null; then
  step "Adding the ja_JP.UTF-8 locale (for Wine)"
  $SUDO localedef -i ja_JP -f UTF-8 ja_JP.UTF-8
fi
export LANG=ja_JP.UTF-8
# One Wine server for the whole run, rather than one started (and waited for) by every command.
# (Exit status 2: one is running already, from an earlier run; it serves as well.)
wineserver -p || [ $? -eq 2 ]
trap 'wineserver -k 2>/dev/null || true' EXIT

step "Windows installer under Wine: a silent per-user install"
SETUP="$ROOT/dist/Tsudoi-$VERSION-setup.exe"
# `wine` returns when the installer's process ends (a silent NSIS installer does its work in it);
# `wineserver -w` would wait for the persistent server above, for ever.
xvfb-run --auto-servernum wine "$SETUP" /S
INSTALLED="$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Local/Programs/Tsudoi)"
for file in tsudoi-desktop.exe WebView2Loader.dll tsudoi.exe uninstall.exe THIRD-PARTY-NOTICES.txt sbom.cargo.json sbom.npm.json; do
  [ -f "$INSTALLED/$file" ] || { echo "the installer left out $file" >&2; exit 1; }
done
ls "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/Microsoft/Windows/Start\ Menu/Programs/*Tsudoi*.lnk >/dev/null \
  || { echo "no Start-menu entry" >&2; exit 1; }
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jp.tsudoi.desktop' /v UninstallString >/dev/null \
  || { echo "no entry in Apps (uninstall)" >&2; exit 1; }
echo "installed in $INSTALLED, with a Start-menu entry and an uninstaller"

# The tests run "$TSUDOI_BIN" as they run the Linux binary: here the installed tsudoi.exe. Wine
# passes the arguments (Unix paths are Z:\ paths to Windows), the environment, the exit status
# and the output through.
printf '#!/bin/sh\nexport WINEPREFIX="%s" WINEDEBUG=-all LANG=ja_JP.UTF-8\nexec wine "%s/tsudoi.exe" "$@"\n' \
  "$WINEPREFIX" "$INSTALLED" > "$WINE_DIR/tsudoi"
chmod +x "$WINE_DIR/tsudoi"
"$WINE_DIR/tsudoi" --version

# Left out under Wine, each for a reason of the platform and not of Tsudoi:
WINE_SKIPS=(
  # Unix symlinks and /dev/null: Windows has neither (the refusal is tested on Linux).
  --skip an_export_never_replaces_a_file_a_link_or_a_device_unless_told
  # A prompt in a terminal, driven through util-linux's `script` and a pseudo-terminal.
  --skip in_a_terminal_the_name_and_pin_are_asked
)

step "Windows tsudoi.exe under Wine: the CLI's tests"
TSUDOI_BIN="$WINE_DIR/tsudoi" cargo test --workspace --no-fail-fast \
  --test files --test cli --test desk --test printouts --test payments --test survey \
  --test vault --test budget --test incidents --test handlers \
  -- "${WINE_SKIPS[@]}"

step "Windows uninstaller under Wine"
# An NSIS uninstaller copies itself to a temporary folder and runs from there, so `wine` returns
# at once: wait (up to a minute) for the folder to go.
xvfb-run --auto-servernum wine "$INSTALLED/uninstall.exe" /S
for _ in $(seq 60); do [ -e "$INSTALLED" ] || break; sleep 1; done
if [ -e "$INSTALLED" ] || ls "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/Microsoft/Windows/Start\ Menu/Programs/*Tsudoi* >/dev/null 2>&1; then
  echo "the uninstaller left files behind" >&2
  exit 1
fi
if wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jp.tsudoi.desktop' >/dev/null 2>&1; then
  echo "the uninstaller left its entry in Apps" >&2
  exit 1
fi
echo "uninstalled: no file, shortcut or registry entry left"

step ".deb: install, start, see the window, remove"
DEB="$ROOT/dist/tsudoi_${VERSION}_amd64.deb"
$SUDO dpkg -i "$DEB" >/dev/null
FILES="$(dpkg-query -L tsudoi)"
command -v tsudoi-desktop >/dev/null || { echo "the package installed no tsudoi-desktop" >&2; exit 1; }
tsudoi --version
APP_HOME="$(mktemp -d)"
# The installed app, as a person starts it, with its data in a fresh home folder.
HOME="$APP_HOME" xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" sh -c '
  tsudoi-desktop & app=$!
  window="$(timeout 60 xdotool search --sync --onlyvisible --name "Tsudoi" | head -n 1)"
  if [ -n "$window" ]; then echo "window: $(xdotool getwindowname "$window") ($(xwininfo -id "$window" | sed -n "s/.*Width: //p")x$(xwininfo -id "$window" | sed -n "s/.*Height: //p"))"; fi
  kill "$app"; wait "$app" 2>/dev/null
  [ -n "$window" ]
' || { echo "the installed app showed no window within 60 s" >&2; $SUDO dpkg -r tsudoi >/dev/null; exit 1; }
rm -rf "$APP_HOME"
$SUDO dpkg -r tsudoi >/dev/null
LEFT=""
while IFS= read -r path; do
  # Folders the system shares (/usr/bin, /usr/share/...) stay; any file of ours is a leftover.
  if [ -e "$path" ] && [ ! -d "$path" ]; then LEFT="$LEFT $path"; fi
done <<< "$FILES"
if [ -n "$LEFT" ] || dpkg-query -W -f='${Status}' tsudoi 2>/dev/null | grep -qE ' (installed|config-files)$'; then
  echo "dpkg -r left files or state behind:$LEFT" >&2
  exit 1
fi
echo "removed: no file of the package is left"

step "Packages tested"
