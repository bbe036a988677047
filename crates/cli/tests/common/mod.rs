//! What the CLI's test files share: the `tsudoi` binary they run.

// Every test file includes this module and uses a part of it.
#![allow(dead_code)]

use std::ffi::OsString;

/// The `tsudoi` binary under test: this build's, or the one `TSUDOI_BIN` names, so that the same
/// tests run against another build of it, such as the Windows `tsudoi.exe` under Wine
/// (`scripts/test-packages.sh`).
pub fn tsudoi_bin() -> OsString {
    std::env::var_os("TSUDOI_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_tsudoi").into())
}

/// The file a command answered with, as this machine sees it. A Windows `tsudoi.exe` under Wine
/// answers with a Windows path (`Z:\tmp\...\予算書_非公表用.xlsx`), so the file's name is taken
/// from the answer and looked up in `dir`, the folder the test gave it.
pub fn answered_file(answer: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let name = answer.rsplit(['/', '\\']).next().unwrap_or(answer);
    dir.join(name)
}
