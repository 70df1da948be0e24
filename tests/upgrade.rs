//! `clerk-lint upgrade --diff` and `--fix` end to end on every `testdata/upgrade-*/` case: the
//! diff is compared with `expected.diff` (`UPDATE_GOLDEN=1 cargo test` rewrites it), `--fix`
//! writes exactly that diff, and a second `--fix` changes nothing (`--fix` is idempotent).
//! The findings themselves are golden cases (`tests/golden.rs` runs each case's `args`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("upgrade-"))
        })
        .collect();
    cases.sort();
    cases
}

/// Copies the fixture app (not its `args` and `expected.*` files) to `to`.
fn copy_app(from: &Path, to: &Path, top: bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            copy_app(&src, &dst, false);
        } else if !(top && (name == "args" || name.starts_with("expected."))) {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Every file under `dir` (relative path → bytes), `.git` left out.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_name() == ".git" {
                continue;
            }
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .current_dir(dir)
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("CLERK_LINT_OUTPUT_FORMAT")
        .output()
        .expect("run clerk-lint");
    (
        String::from_utf8_lossy(&output.stdout).to_string(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn upgrade_fix_matches_the_diff_and_is_idempotent() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = cases();
    assert!(cases.len() >= 3, "expected the upgrade-* fixture apps");
    for case in cases {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
        let app = tmp.path().join("app");
        copy_app(&case, &app, true);
        let before = snapshot(&app);

        let (diff, code) = run(&app, &["upgrade", ".", "--diff"]);
        assert_eq!(
            snapshot(&app),
            before,
            "{}: --diff wrote files",
            case.display()
        );
        assert_eq!(code, i32::from(!diff.is_empty()), "{}", case.display());
        let expected = case.join("expected.diff");
        if update {
            std::fs::write(&expected, &diff).unwrap();
        } else {
            assert_eq!(
                std::fs::read_to_string(&expected).unwrap_or_default(),
                diff,
                "{}: the upgrade diff changed (UPDATE_GOLDEN=1 rewrites expected.diff)",
                case.display()
            );
        }

        run(&app, &["upgrade", ".", "--fix", "--quiet"]);
        let fixed = snapshot(&app);
        assert_eq!(
            fixed != before,
            !diff.is_empty(),
            "{}: --fix and --diff disagree",
            case.display()
        );
        // Idempotent: nothing is left to fix, and a second --fix writes nothing.
        let (again, code) = run(&app, &["upgrade", ".", "--diff"]);
        assert_eq!((again.as_str(), code), ("", 0), "{}", case.display());
        run(&app, &["upgrade", ".", "--fix", "--quiet"]);
        assert_eq!(
            snapshot(&app),
            fixed,
            "{}: second --fix changed files",
            case.display()
        );
    }
}
