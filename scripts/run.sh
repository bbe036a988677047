#!/usr/bin/env bash
# Builds Tsudoi and starts the desktop app. Installs what is missing first.
# Arguments go to the app: scripts/run.sh --db /path/to/tsudoi.sqlite3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages "${RUN_PACKAGES[@]}"
build_front_end
step "Building the desktop app"
# The same build as scripts/test.sh's (build_workspace in lib.sh): after one, the other compiles
# nothing again.
build_workspace --quiet
step "Starting the desktop app"
exec "$ROOT/target/debug/tsudoi-desktop" "$@"
