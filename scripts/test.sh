#!/usr/bin/env bash
# Runs every test of Tsudoi: formatting and lints, the front end's type check, the Rust tests
# (core, store on real files, the compiled CLI), then the real desktop window through
# tauri-driver and WebKitWebDriver on a virtual display. Installs what is missing first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_toolchains
install_system_packages "${TEST_PACKAGES[@]}"
install_tauri_driver
install_npm_packages tests/e2e
install_smtp_sink
build_front_end

step "Formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

# One build for everything below and for scripts/run.sh (build_workspace in lib.sh): the same
# packages, so the same features, so neither rebuilds what the other built.
step "Building"
build_workspace --quiet

step "Rust tests: core, store, CLI, bindings"
cargo test --workspace

step "End-to-end tests in the real window"
xvfb-run --auto-servernum --server-args="-screen 0 1400x900x24" npm --prefix tests/e2e test
