#!/usr/bin/env bash
# Builds Tsudoi and starts the desktop app. Installs what is missing first.
# Arguments go to the app: scripts/run.sh --db /path/to/tsudoi.sqlite3
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages "${RUN_PACKAGES[@]}"
build_front_end
step "Building and starting the desktop app"
exec cargo run --quiet -p tsudoi-desktop -- "$@"
