#!/usr/bin/env bash
# Builds what people install, into dist/ (debug builds: see README, "Packages"):
#   dist/Tsudoi-<version>-setup.exe   the Windows installer (NSIS, per user, no administrator)
#   dist/tsudoi-desktop.exe, dist/WebView2Loader.dll, dist/tsudoi.exe
#                                     the Windows app and CLI as they are installed
#   dist/tsudoi_<version>_amd64.deb   the Linux package (Debian 12, Ubuntu 22.04/24.04)
#   dist/licences/                    the third-party licence notice and the SBOMs they all ship
# Windows is cross-built here with mingw-w64; nothing is downloaded but crates and system packages.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION="$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json | head -n 1)"
DIST="$ROOT/dist"
STAGE="$ROOT/target/package"

require_toolchains
install_system_packages "${PACKAGE_PACKAGES[@]}"
install_windows_target
build_front_end

step "Building for Linux (the build scripts/run.sh and scripts/test.sh share)"
build_workspace --quiet

step "Cross-building for Windows ($WINDOWS_TARGET, in target/windows)"
# The CLI first, on its own: it is ready (and testable under Wine) long before the window, and
# it does not take Tauri's features into its own dependencies.
CARGO_TARGET_DIR="$WINDOWS_TARGET_DIR" cargo build --quiet --target "$WINDOWS_TARGET" -p tsudoi-cli
CARGO_TARGET_DIR="$WINDOWS_TARGET_DIR" cargo build --quiet --target "$WINDOWS_TARGET" -p tsudoi-desktop
WINDOWS_BUILD="$WINDOWS_TARGET_DIR/$WINDOWS_TARGET/debug"
# The desktop app loads Microsoft's WebView2 loader at start; webview2-com-sys carries it.
WEBVIEW2_LOADER="$(ls -t "$WINDOWS_BUILD"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll | head -n 1)"

rm -rf "$STAGE" "$DIST"
mkdir -p "$STAGE" "$DIST"

step "Licence notice and SBOM"
python3 scripts/sbom.py --target x86_64-unknown-linux-gnu --out "$STAGE/licences/linux"
python3 scripts/sbom.py --target "$WINDOWS_TARGET" --out "$STAGE/licences/windows"
LICENSE_TEXT="Tsudoi $VERSION
Copyright (c) Tsudoi developers

Tsudoi is licensed under the MIT License or the Apache License 2.0, at your option
(SPDX: MIT OR Apache-2.0). The software it includes and their licences are listed in
THIRD-PARTY-NOTICES.txt; every component with its version is in sbom.cargo.json and
sbom.npm.json (CycloneDX 1.5)."

step "Windows installer (makensis)"
WIN="$STAGE/windows"
mkdir -p "$WIN"
# The debug symbols stay out of what people install (they are most of a debug build's size).
x86_64-w64-mingw32-strip -o "$WIN/tsudoi-desktop.exe" "$WINDOWS_BUILD/tsudoi-desktop.exe"
x86_64-w64-mingw32-strip -o "$WIN/tsudoi.exe" "$WINDOWS_BUILD/tsudoi.exe"
# A debug build is a console program (src-tauri/src/main.rs asks for the GUI subsystem in release
# builds only): without this, a black console window would open behind the app. The PE header's
# subsystem field says which, as Microsoft's `editbin /SUBSYSTEM:WINDOWS` sets it.
python3 - "$WIN/tsudoi-desktop.exe" <<'EOF'
import struct, sys
path = sys.argv[1]
with open(path, "r+b") as exe:
    exe.seek(0x3C)
    pe = struct.unpack("<I", exe.read(4))[0]
    exe.seek(pe)
    assert exe.read(4) == b"PE\0\0", "not a PE file"
    subsystem_at = pe + 24 + 68  # the optional header's Subsystem field (PE32+)
    exe.seek(subsystem_at)
    if struct.unpack("<H", exe.read(2))[0] == 3:  # IMAGE_SUBSYSTEM_WINDOWS_CUI
        exe.seek(subsystem_at)
        exe.write(struct.pack("<H", 2))  # IMAGE_SUBSYSTEM_WINDOWS_GUI
EOF
cp "$WEBVIEW2_LOADER" "$WIN/WebView2Loader.dll"
cp assets/icons/icon.ico "$WIN/"
cp "$STAGE"/licences/windows/* "$WIN/"
printf '%s\n' "$LICENSE_TEXT" | sed 's/$/\r/' > "$WIN/LICENSE.txt"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSOURCE="$WIN" \
  -DOUTFILE="$DIST/Tsudoi-$VERSION-setup.exe" packaging/windows/installer.nsi
cp "$WIN/tsudoi-desktop.exe" "$WIN/tsudoi.exe" "$WIN/WebView2Loader.dll" "$DIST/"

step "Linux package (.deb)"
DEB="$STAGE/deb/tsudoi"
mkdir -p "$DEB/DEBIAN" "$DEB/usr/bin" "$DEB/usr/share/applications" "$DEB/usr/share/doc/tsudoi"
strip --strip-debug -o "$DEB/usr/bin/tsudoi-desktop" target/debug/tsudoi-desktop
strip --strip-debug -o "$DEB/usr/bin/tsudoi" target/debug/tsudoi
for size in 32x32 128x128; do
  install -D -m 0644 "assets/icons/$size.png" "$DEB/usr/share/icons/hicolor/$size/apps/tsudoi-desktop.png"
done
install -D -m 0644 assets/icons/icon.png "$DEB/usr/share/icons/hicolor/512x512/apps/tsudoi-desktop.png"
install -m 0644 packaging/linux/tsudoi.desktop "$DEB/usr/share/applications/tsudoi.desktop"
install -m 0644 "$STAGE"/licences/linux/* "$DEB/usr/share/doc/tsudoi/"
printf '%s\n' "$LICENSE_TEXT" > "$DEB/usr/share/doc/tsudoi/copyright"
# The shared libraries the binaries link, as package dependencies (dpkg-shlibdeps reads them
# from the binaries, as Debian's own packages do).
SHLIBS="$STAGE/deb/shlibs"
mkdir -p "$SHLIBS/debian"
printf 'Source: tsudoi\n\nPackage: tsudoi\nArchitecture: amd64\n' > "$SHLIBS/debian/control"
DEPENDS="$(cd "$SHLIBS" && dpkg-shlibdeps -O -e "$DEB/usr/bin/tsudoi-desktop" -e "$DEB/usr/bin/tsudoi" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$DEB" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DEPENDS@/$DEPENDS/" -e "s/@INSTALLED_KB@/$INSTALLED_KB/" \
  packaging/linux/control.in > "$DEB/DEBIAN/control"
chmod -R u=rwX,go=rX "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$DEB" "$DIST/tsudoi_${VERSION}_amd64.deb" >/dev/null

mkdir -p "$DIST/licences"
cp -r "$STAGE/licences/linux" "$STAGE/licences/windows" "$DIST/licences/"

step "Done"
ls -l "$DIST"
