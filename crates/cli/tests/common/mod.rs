//! What the CLI's test files share: the `tsudoi` binary they run.

use std::ffi::OsString;

/// The `tsudoi` binary under test: this build's, or the one `TSUDOI_BIN` names, so that the same
/// tests run against another build of it, such as the Windows `tsudoi.exe` under Wine
/// (`scripts/test-packages.sh`).
pub fn tsudoi_bin() -> OsString {
    std::env::var_os("TSUDOI_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_tsudoi").into())
}
