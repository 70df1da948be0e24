//! `--changed-since REF`: keep only the findings in files changed since the merge base with
//! REF, while the whole project is still analysed (a change to the middleware or to a helper
//! can expose an endpoint whose own file did not change: such findings are kept too).

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use crate::diagnostic::Diagnostic;

/// The files changed since the merge base of `reference` and `HEAD`, as absolute paths:
/// committed changes, uncommitted ones, and untracked files git does not ignore.
pub fn changed_files(reference: &str, cwd: &Path) -> Result<HashSet<PathBuf>, String> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim());
    let base = git(cwd, &["merge-base", reference, "HEAD"])
        .map_err(|e| format!("cannot find the merge base of `{reference}` and HEAD: {e}"))?;
    let base = base.trim().to_string();
    let mut out = HashSet::new();
    for line in git(cwd, &["diff", "--name-only", "--no-renames", &base])?.lines() {
        out.insert(normalize(&top.join(line)));
    }
    for line in git(
        cwd,
        &["ls-files", "--others", "--exclude-standard", "--full-name"],
    )?
    .lines()
    {
        out.insert(normalize(&top.join(line)));
    }
    Ok(out)
}

fn git(cwd: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err
            .lines()
            .next()
            .unwrap_or("git failed")
            .trim()
            .to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// An absolute path with `.` and `..` resolved lexically (the file may have been deleted).
pub fn normalize(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Keeps the diagnostics whose file, or one of whose related files, changed.
pub fn retain_changed(diags: &mut Vec<Diagnostic>, changed: &HashSet<PathBuf>, cwd: &Path) {
    let touched = |p: &str| changed.contains(&normalize(&cwd.join(p)));
    diags.retain(|d| touched(&d.path) || d.related.iter().any(|r| touched(r)));
}
