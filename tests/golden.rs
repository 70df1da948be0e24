//! Golden tests: run the real binary over every fixture app under `testdata/<case>/`, once per
//! output format, and compare stdout, stderr and the exit code with `expected.<format>`.
//!
//! A case may hold an `args` file: the arguments to pass (whitespace-separated, one line;
//! default `.`). The case is copied to a temporary directory without its `args` and
//! `expected.*` files, and the binary runs inside that copy, so the expectations do not
//! count as files of the app and nothing outside the case (this repository's own ignore
//! files or lockfiles) leaks in. `UPDATE_GOLDEN=1 cargo test` rewrites
//! the expected files; read the diff before committing.

use std::path::{Path, PathBuf};
use std::process::Command;

const FORMATS: &[&str] = &["full", "concise", "json", "github", "sarif"];

/// The formats CI systems read besides those, checked on a few cases (they share the one
/// diagnostic model, so a few cases cover them).
const CI_FORMATS: &[&str] = &["gitlab", "junit", "checkstyle", "rdjson", "json-lines"];
const CI_FORMAT_CASES: &[&str] = &["cli-clean-app", "demo-app", "missing-auth"];

// `expected.routes` holds the endpoint inventory of cases that have endpoints.

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("testdata/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// Copies the fixture app (not its expectations) to `to`.
fn copy_case(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        let (src, dst) = (entry.path(), to.join(&name));
        let file_type = entry.file_type().unwrap();
        if file_type.is_dir() {
            copy_case(&src, &dst);
        } else if from.join("args") != src && !is_expectation(&src) {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

fn is_expectation(path: &Path) -> bool {
    path.parent()
        .and_then(|p| p.parent())
        .is_some_and(|pp| pp.file_name().is_some_and(|n| n == "testdata"))
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("expected."))
}

fn run_case(case: &Path, format: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    // The lockfile search walks up from each app; a `.git` here stops it at the copy, as the
    // top of a repository does, so files elsewhere under the temp dir cannot leak in.
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    let app = tmp.path().join(case.file_name().unwrap());
    copy_case(case, &app);
    let args_file = case.join("args");
    let args: Vec<String> = match std::fs::read_to_string(&args_file) {
        Ok(s) => s.split_whitespace().map(str::to_string).collect(),
        Err(_) => vec![".".to_string()],
    };
    let output = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .current_dir(&app)
        .args(&args)
        .args(["--format", format, "--color", "never"])
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLERK_LINT_OUTPUT_FORMAT")
        .env_remove("NO_COLOR")
        .output()
        .expect("run clerk-lint");
    let version = env!("CARGO_PKG_VERSION");
    let redact = |b: &[u8]| String::from_utf8_lossy(b).replace(version, "[VERSION]");
    let mut text = redact(&output.stdout);
    let stderr = redact(&output.stderr);
    if !stderr.is_empty() {
        text.push_str("----- stderr -----\n");
        text.push_str(&stderr);
    }
    text.push_str(&format!(
        "----- exit code: {} -----\n",
        output
            .status
            .code()
            .map_or("signal".to_string(), |c| c.to_string())
    ));
    text
}

/// The endpoint inventory of a case (`clerk-lint routes .`), when it has endpoints.
fn run_routes(case: &Path) -> String {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    let app = tmp.path().join(case.file_name().unwrap());
    copy_case(case, &app);
    let output = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .current_dir(&app)
        .args(["routes", "."])
        .output()
        .expect("run clerk-lint routes");
    format!(
        "{}----- exit code: {} -----\n",
        String::from_utf8_lossy(&output.stdout),
        output
            .status
            .code()
            .map_or("signal".to_string(), |c| c.to_string())
    )
}

#[test]
fn golden_inventory() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        let actual = run_routes(&case);
        let path = case.join("expected.routes");
        if actual.contains("\n0 endpoints") && !path.exists() {
            continue;
        }
        if update {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => {
                failures.push(format!("{}:\n{}", path.display(), diff(&expected, &actual)))
            }
            Err(_) => failures.push(format!(
                "{} is missing; run `UPDATE_GOLDEN=1 cargo test --test golden`",
                path.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn golden() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(!cases.is_empty(), "no cases under testdata/");
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let ci_formats = if CI_FORMAT_CASES.contains(&name.as_str()) {
            CI_FORMATS
        } else {
            &[]
        };
        for format in FORMATS.iter().chain(ci_formats) {
            let actual = run_case(case, format);
            let expected_path = case.join(format!("expected.{format}"));
            if update {
                std::fs::write(&expected_path, &actual).expect("write expected file");
                continue;
            }
            match std::fs::read_to_string(&expected_path) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(format!(
                    "{}:\n{}",
                    expected_path.display(),
                    diff(&expected, &actual)
                )),
                Err(_) => failures.push(format!(
                    "{} is missing; run `UPDATE_GOLDEN=1 cargo test --test golden`",
                    expected_path.display()
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ (UPDATE_GOLDEN=1 cargo test rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A small line diff: the first lines that differ, with context.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            out.push_str(&format!(
                "  line {}:\n    - {}\n    + {}\n",
                i + 1,
                x.unwrap_or(&"<none>"),
                y.unwrap_or(&"<none>")
            ));
            shown += 1;
            if shown == 8 {
                out.push_str("  ...\n");
                break;
            }
        }
    }
    out
}
