# Shared by scripts/run.sh and scripts/test.sh: checks the toolchains and installs what is
# missing (system packages, npm packages, tauri-driver), and nothing that is already there.
# Debian 12 and Ubuntu 22.04/24.04 are supported; elsewhere it says what to install by hand.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# What building and running the desktop app needs (Tauri's Linux prerequisites, and fonts for
# Japanese text).
RUN_PACKAGES=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev fonts-noto-cjk)
# What the tests add: WebKitWebDriver for the real window, and a virtual display.
TEST_PACKAGES=("${RUN_PACKAGES[@]}" webkit2gtk-driver xvfb xauth poppler-utils sqlite3 bsdutils python3 python3-venv)

step() { printf '\n==> %s\n' "$*"; }

require_toolchains() {
  command -v cargo >/dev/null || { echo "Rust is missing: install it from rustup (https://rustup.rs), then run this again." >&2; exit 1; }
  command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20+ and npm are missing: install them, then run this again." >&2; exit 1; }
}

install_system_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Not a Debian/Ubuntu system: install the equivalents of ${missing[*]} by hand, then run this again." >&2
    exit 1
  fi
  step "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# npm ci, unless node_modules already matches the lock file. Install scripts are not run: none of
# our packages needs one, and some (WebDriver downloaders) would try to reach the internet.
install_npm_packages() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    step "Installing npm packages in $dir"
    npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
}

install_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    step "Installing tauri-driver"
    cargo install tauri-driver --locked --version "^2.0"
  fi
}

build_front_end() {
  install_npm_packages ui
  step "Building the front end"
  npm --prefix ui run --silent build
}

# The mail tests' SMTP sink (tests/smtp/sink.py) runs on aiosmtpd, the Python project's own SMTP
# server: used from the system's Python when it has it, else installed once in a virtual
# environment under target/ (pip refuses the system's site-packages on Debian 12), which the tests
# find through TSUDOI_TEST_PYTHON.
install_smtp_sink() {
  if python3 -c "import aiosmtpd" 2>/dev/null; then
    export TSUDOI_TEST_PYTHON=python3
    return 0
  fi
  local venv="$ROOT/target/test-python"
  if ! "$venv/bin/python3" -c "import aiosmtpd" 2>/dev/null; then
    step "Installing the SMTP sink for the mail tests (aiosmtpd)"
    python3 -m venv "$venv"
    "$venv/bin/python3" -m pip install --quiet "aiosmtpd==1.4.6"
  fi
  export TSUDOI_TEST_PYTHON="$venv/bin/python3"
}

# What scripts/package.sh adds: the Windows cross-compiler (mingw-w64), NSIS for the installer,
# dpkg-dev for the .deb's dependencies; and what scripts/test-packages.sh adds: Wine to run the
# Windows tsudoi.exe, xdotool to find the installed app's window.
PACKAGE_PACKAGES=("${RUN_PACKAGES[@]}" gcc-mingw-w64-x86-64 nsis dpkg-dev python3)
TEST_PACKAGE_PACKAGES=("${TEST_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}" wine wine64 xdotool x11-utils locales)

# The Windows target, cross-built with mingw-w64 into its own target folder, so that it never
# disturbs the Linux build that scripts/run.sh and scripts/test.sh share.
WINDOWS_TARGET=x86_64-pc-windows-gnu
WINDOWS_TARGET_DIR="$ROOT/target/windows"

install_windows_target() {
  if ! rustup target list --installed | grep -qx "$WINDOWS_TARGET"; then
    step "Adding Rust's $WINDOWS_TARGET target"
    rustup target add "$WINDOWS_TARGET"
  fi
}

# The one cargo invocation that builds the Linux app, the CLI and every test: scripts/run.sh,
# scripts/test.sh and scripts/package.sh all build through it, so whichever runs second finds
# everything built (the same packages, so the same features: `-p tsudoi-desktop` alone unifies
# features differently and rebuilds part of the dependency tree).
build_workspace() {
  cargo build --workspace --all-targets "$@"
}
