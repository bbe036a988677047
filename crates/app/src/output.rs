//! Where exports go: a file is written only where nothing is (or, when the person chose to
//! replace it, over a regular file), never through a symlink or onto a device, and a set of files
//! appears whole: staged in a hidden folder beside its place, then moved in.

use std::fs;
use std::path::{Path, PathBuf};

use tsudoi_files::{check_output_dir, check_output_file, write_whole, PARTIAL_SUFFIX};

use crate::{AppError, Result};

/// Whether an export may replace files already at its place (the window asks the person; the
/// CLI's `--force`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Replace(pub bool);

/// Checks a single output file before anything is made.
pub(crate) fn check_file(path: &Path, replace: Replace) -> Result<()> {
    check_output_file(path, replace.0).map_err(|refusal| AppError::Output {
        path: path.to_path_buf(),
        refusal,
    })
}

/// Writes one output file whole, after [`check_file`].
pub(crate) fn write_file(path: &Path, bytes: &[u8], replace: Replace) -> Result<PathBuf> {
    check_file(path, replace)?;
    write_whole(path, bytes).map_err(AppError::io(path))?;
    Ok(path.to_path_buf())
}

/// Several files for one folder, written whole as a set.
pub(crate) struct FolderOutput {
    dir: PathBuf,
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl FolderOutput {
    pub fn new(dir: &Path) -> FolderOutput {
        FolderOutput {
            dir: dir.to_path_buf(),
            files: Vec::new(),
        }
    }

    /// Adds a file at `relative` (a name, or `photos/name`).
    pub fn add(&mut self, relative: impl AsRef<Path>, bytes: Vec<u8>) -> PathBuf {
        let path = self.dir.join(relative);
        self.files.push((path.clone(), bytes));
        path
    }

    /// Writes every file, or none: the paths are checked first, the files staged in a hidden
    /// folder inside `dir` and then moved into place. Returns what now exists that did not
    /// before (files, then folders made), for the privacy log's clean-up.
    pub fn write(self, replace: Replace) -> Result<Vec<PathBuf>> {
        let refuse = |path: &Path, refusal| AppError::Output {
            path: path.to_path_buf(),
            refusal,
        };
        check_output_dir(&self.dir).map_err(|r| refuse(&self.dir, r))?;
        for (path, _) in &self.files {
            check_output_file(path, replace.0).map_err(|r| refuse(path, r))?;
            if let Some(parent) = path.parent().filter(|p| *p != self.dir) {
                check_output_dir(parent).map_err(|r| refuse(parent, r))?;
            }
        }
        let mut made_dirs = Vec::new();
        for dir in
            std::iter::once(self.dir.as_path()).chain(self.files.iter().filter_map(|(p, _)| p.parent()))
        {
            if !dir.exists() {
                let mut missing = Vec::new();
                let mut at = Some(dir);
                while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
                    missing.push(d.to_path_buf());
                    at = d.parent();
                }
                fs::create_dir_all(dir).map_err(AppError::io(dir))?;
                made_dirs.extend(missing.into_iter().rev());
            }
        }
        sweep_stale_staging(&self.dir);
        let staging = self
            .dir
            .join(format!(".export-{}{PARTIAL_SUFFIX}", std::process::id()));
        let staged = (|| -> Result<Vec<(PathBuf, PathBuf)>> {
            let mut staged = Vec::with_capacity(self.files.len());
            for (n, (path, bytes)) in self.files.iter().enumerate() {
                let temporary = staging.join(n.to_string());
                write_whole(&temporary, bytes).map_err(AppError::io(path))?;
                staged.push((temporary, path.clone()));
            }
            Ok(staged)
        })();
        let staged = match staged {
            Ok(staged) => staged,
            Err(error) => {
                let _ = fs::remove_dir_all(&staging);
                crate::audit::remove_written(&made_dirs);
                return Err(error);
            }
        };
        let mut written = Vec::with_capacity(staged.len());
        for (temporary, path) in staged {
            if let Err(source) = fs::rename(&temporary, &path) {
                crate::audit::remove_written(&written);
                let _ = fs::remove_dir_all(&staging);
                crate::audit::remove_written(&made_dirs);
                return Err(AppError::Io { path, source });
            }
            written.push(path);
        }
        let _ = fs::remove_dir_all(&staging);
        let mut created = made_dirs;
        created.extend(written);
        Ok(created)
    }
}

/// A staging folder left by an export that was killed half way holds no finished file: it goes
/// at the next export into the same folder.
fn sweep_stale_staging(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".export-") && name.ends_with(PARTIAL_SUFFIX) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
