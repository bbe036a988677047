//! File helpers shared by the store (photo files) and the use cases (every export): a file is
//! written whole or not at all, and nothing is ever written through a symlink or over something
//! that is not a regular file.
//!
//! Architecture invariant: this crate knows files, nothing else: no store, no documents, no
//! words for people (callers turn its `io::Error`s into messages).

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The suffix of a file being written; a file with it is never a finished file, and a sweep
/// may remove it.
pub const PARTIAL_SUFFIX: &str = ".tsudoi-partial";

/// The hidden temporary name a file is written under before it is renamed into place.
pub fn partial_path(path: &Path) -> PathBuf {
    let dir = parent_or_here(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}{PARTIAL_SUFFIX}"))
}

fn parent_or_here(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a file whole: beside its place (a hidden `.name.tsudoi-partial`), flushed to disk,
/// then renamed over it, creating the folder when missing. A full disk or a crash never leaves
/// half a file, or half of the one it replaces.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_or_here(path);
    fs::create_dir_all(dir)?;
    let temporary = partial_path(path);
    let result = create_owner_only(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Creates (or truncates) a file readable by its owner only on Unix; Windows keeps files in
/// the user's profile private by default.
fn create_owner_only(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Why an output path was refused before anything was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputRefusal {
    /// A file is already there, and replacing it was not asked for.
    Exists,
    /// The path is a symlink: writing through it could replace any file it points to.
    Symlink,
    /// The path is a folder, a device, a FIFO or a socket, not a regular file.
    NotAFile,
}

/// Checks that `path` may receive a new file: nothing there, or (with `replace`) a regular file
/// that is not a symlink. Devices, FIFOs, folders and symlinks are never written over.
pub fn check_output_file(path: &Path, replace: bool) -> Result<(), OutputRefusal> {
    match fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() => Err(OutputRefusal::Symlink),
        Ok(meta) if !meta.file_type().is_file() => Err(OutputRefusal::NotAFile),
        Ok(_) if replace => Ok(()),
        Ok(_) => Err(OutputRefusal::Exists),
    }
}

/// Checks that `dir` may receive files: missing (it will be made), or a real folder (not a
/// symlink to one elsewhere, not a file).
pub fn check_output_dir(dir: &Path) -> Result<(), OutputRefusal> {
    match fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() => Err(OutputRefusal::Symlink),
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(OutputRefusal::NotAFile),
    }
}

/// A name made safe for every file system: separators, reserved characters and spaces become
/// `_`, and it is cut to `max_chars` characters (a 255-byte file name holds 85 kanji).
pub fn file_safe(name: &str, max_chars: usize) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>| ".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(max_chars)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("出欠.csv");
        write_whole(&path, b"a,b\r\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"a,b\r\n");
        assert!(
            !partial_path(&path).exists(),
            "the temporary file is renamed, not left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_devices_folders_and_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("a.csv");
        fs::write(&existing, "x").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&existing, &link).unwrap();
        assert_eq!(check_output_file(&existing, false), Err(OutputRefusal::Exists));
        assert_eq!(check_output_file(&existing, true), Ok(()));
        assert_eq!(check_output_file(&link, true), Err(OutputRefusal::Symlink));
        assert_eq!(check_output_file(dir.path(), true), Err(OutputRefusal::NotAFile));
        assert_eq!(
            check_output_file(Path::new("/dev/null"), true),
            Err(OutputRefusal::NotAFile)
        );
        assert_eq!(check_output_file(&dir.path().join("new.csv"), false), Ok(()));
        assert_eq!(check_output_dir(&existing), Err(OutputRefusal::NotAFile));
        assert_eq!(check_output_dir(dir.path()), Ok(()));
    }

    #[test]
    fn file_names_are_safe_and_short() {
        assert_eq!(file_safe("大友 慎吾", 40), "大友_慎吾");
        assert_eq!(file_safe("a/b\\c:d", 40), "a_b_c_d");
        assert_eq!(file_safe(&"名".repeat(300), 40).chars().count(), 40);
    }
}
