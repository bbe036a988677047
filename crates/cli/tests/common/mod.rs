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

/// Whether the command answered with `expected`: the same file name in the same folder, written
/// either way (`/tmp/x/a.pdf` here, `Z:\tmp\x\a.pdf` from `tsudoi.exe` under Wine).
pub fn answered_is(answer: &serde_json::Value, expected: &std::path::Path) -> bool {
    let dir = expected.parent().unwrap_or(std::path::Path::new(""));
    answer
        .as_str()
        .is_some_and(|answer| answered_file(answer, dir) == expected)
}

/// Whether the binary under test is this build's (not another one's through `TSUDOI_BIN`), so
/// that Unix file modes are its own to check.
pub fn testing_this_build() -> bool {
    std::env::var_os("TSUDOI_BIN").is_none()
}
