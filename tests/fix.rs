//! `--fix` and `--diff` end to end on `testdata/cli-fix/`: the diff, the files after `--fix`
//! (compared with `testdata/cli-fix/expected.fix`; `UPDATE_GOLDEN=1 cargo test` rewrites it),
//! and a second run that changes nothing. Git-ignored files are fixed only when named.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cli-fix")
}

/// Copies the fixture app (not its `expected.*` files) to `to`.
fn copy_app(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            copy_app(&src, &dst);
        } else if !(from == case() && name.starts_with("expected.")) {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// Every file under `dir` (relative path → bytes), `.git` left out.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_name() == ".git" {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Runs the binary in `dir`; returns (stdout, stderr, exit code).
fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .current_dir(dir)
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLERK_LINT_OUTPUT_FORMAT")
        .output()
        .expect("run clerk-lint");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// A temporary copy of the fixture, with a `.git` above it (as the golden tests do).
fn fresh_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    let app = tmp.path().join("cli-fix");
    copy_app(&case(), &app);
    (tmp, app)
}

/// Text with its carriage returns made visible, so the golden file shows line endings.
fn visible(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\r', "\\r")
}

#[test]
fn fix_diff_and_a_second_run() {
    let (_tmp, app) = fresh_copy();
    let before = snapshot(&app);
    let mut golden = String::new();

    let (diff, stderr, code) = run(&app, &["--diff", "."]);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(code, 1, "--diff exits 1 when there is something to fix");
    assert_eq!(snapshot(&app), before, "--diff must not write");
    golden.push_str("----- clerk-lint --diff . -----\n");
    golden.push_str(&visible(diff.as_bytes()));

    let (stdout, stderr, code) = run(
        &app,
        &["--fix", ".", "--format", "concise", "--color", "never"],
    );
    golden.push_str(&format!(
        "----- clerk-lint --fix . (exit {code}) -----\n{stdout}----- stderr -----\n{stderr}"
    ));
    let after = snapshot(&app);
    golden.push_str("----- changed files -----\n");
    for (path, bytes) in &after {
        if before.get(path) != Some(bytes) {
            golden.push_str(&format!("=== {path} ===\n{}", visible(bytes)));
        }
    }
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "--fix creates or deletes no file"
    );
    // Line endings and comments are kept; the ignored `.env.local` is not touched.
    let env = String::from_utf8(after[".env"].clone()).unwrap();
    assert!(
        env.split_terminator('\n').all(|l| l.ends_with('\r')),
        "{env:?}"
    );
    assert!(env.contains("# shown after sign-up"));
    assert_eq!(after[".env.local"], before[".env.local"]);

    // The second run finds nothing to fix and changes nothing.
    let (diff, _, code) = run(&app, &["--diff", "."]);
    assert_eq!((diff.as_str(), code), ("", 0));
    let (_, stderr, _) = run(&app, &["--fix", ".", "--format", "concise"]);
    assert!(!stderr.contains("fixed"), "{stderr}");
    assert_eq!(snapshot(&app), after);

    let path = case().join("expected.fix");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &golden).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run UPDATE_GOLDEN=1 cargo test --test fix",
            path.display()
        )
    });
    assert!(
        expected == golden,
        "{} differs (UPDATE_GOLDEN=1 cargo test --test fix rewrites it):\n{golden}",
        path.display()
    );
}

#[test]
fn an_ignored_file_is_fixed_only_when_named() {
    let (_tmp, app) = fresh_copy();
    run(&app, &["--fix", "."]);
    assert_eq!(
        std::fs::read_to_string(app.join(".env.local")).unwrap(),
        "NEXT_PUBLIC_CLERK_JS=https://cdn.example.com/clerk.js\n"
    );
    let (_, stderr, _) = run(&app, &["--fix", ".", ".env.local"]);
    assert!(stderr.contains("fixed 1 finding in 1 file"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(app.join(".env.local")).unwrap(),
        "NEXT_PUBLIC_CLERK_JS_URL=https://cdn.example.com/clerk.js\n"
    );
}

#[test]
fn json_and_sarif_carry_the_fixes() {
    let (_tmp, app) = fresh_copy();
    let (json, _, _) = run(&app, &[".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let with_fix: Vec<&serde_json::Value> =
        diags.iter().filter(|d| d.get("fix").is_some()).collect();
    assert!(!with_fix.is_empty());
    // Every existing field is still there, in order, and `fix` comes last when present
    // (serde_json's `preserve_order` is off, so read the key order from the text).
    let fields = [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
        "docs_url",
        "fingerprint",
    ];
    for d in diags {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        let expected = fields.len() + usize::from(d.get("fix").is_some());
        assert_eq!(keys.len(), expected, "{keys:?}");
        assert!(fields.iter().all(|f| keys.contains(f)), "{keys:?}");
    }
    let first_fix = json.find("\"fix\"").expect("a fix in the text");
    let fingerprint = json[..first_fix].rfind("\"fingerprint\"").unwrap();
    assert!(!json[fingerprint..first_fix].contains("\"rule\""));
    // A group fix: the CLERK_API_KEY rename in `.env` and in code, carried by each finding.
    let api_key = with_fix
        .iter()
        .find(|d| d["path"] == ".env" && d["line"] == 2)
        .expect("the .env finding has a fix");
    let edits = api_key["fix"]["edits"].as_array().unwrap();
    let places: Vec<(&str, &str)> = edits
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap(),
                e["replacement"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (".env", "CLERK_SECRET_KEY"),
            ("src/lib/clerk.ts", "CLERK_SECRET_KEY")
        ]
    );
    let env = std::fs::read(app.join(".env")).unwrap();
    let (s, e) = (
        edits[0]["start_byte"].as_u64().unwrap() as usize,
        edits[0]["end_byte"].as_u64().unwrap() as usize,
    );
    assert_eq!(&env[s..e], b"CLERK_API_KEY");

    let (sarif, _, _) = run(&app, &[".", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let fixes: Vec<&serde_json::Value> = results.iter().filter_map(|r| r.get("fixes")).collect();
    assert_eq!(fixes.len(), with_fix.len());
    let change = &fixes[0][0]["artifactChanges"][0];
    assert!(change["artifactLocation"]["uri"].is_string());
    let r = &change["replacements"][0];
    assert!(r["deletedRegion"]["startLine"].is_u64() && r["insertedContent"]["text"].is_string());
}

#[test]
fn a_withheld_fix_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let app = tmp.path();
    std::fs::create_dir_all(app.join(".git")).unwrap();
    let files = [
        (".gitignore", ".env.local\n"),
        (
            "package.json",
            r#"{"dependencies":{"@clerk/nextjs":"6.39.3","next":"15.2.3"}}"#,
        ),
        (".env", "CLERK_API_KEY=placeholder\n"),
        (".env.local", "CLERK_API_KEY=local-placeholder\n"),
        ("src/a.ts", "export const k = process.env.CLERK_API_KEY;\n"),
    ];
    for (path, text) in files {
        std::fs::create_dir_all(app.join(path).parent().unwrap()).unwrap();
        std::fs::write(app.join(path), text).unwrap();
    }
    let before = snapshot(app);
    for flag in ["--diff", "--fix"] {
        let (out, stderr, code) = run(app, &[flag, ".", "--format", "concise"]);
        assert!(
            stderr.contains(
                "clerk-lint: not fixing .env:1:1 [deprecated-env-var] and 1 more finding: the same change is needed in `.env.local`, which git ignores: run `clerk-lint --fix . .env.local` to include it"
            ),
            "{flag}: {stderr}"
        );
        assert!(!out.contains("+++"), "{flag}: {out}");
        // --diff: nothing to fix (0); --fix: the findings remain (1).
        assert_eq!(code, i32::from(flag == "--fix"), "{flag}");
        assert_eq!(snapshot(app), before, "{flag}");
    }
    // Named on the command line, the ignored file is part of the rename.
    let (diff, stderr, _) = run(app, &["--diff", ".", ".env.local"]);
    assert!(!stderr.contains("not fixing"), "{stderr}");
    assert!(
        diff.contains("+++ b/.env.local") && diff.contains("+++ b/src/a.ts"),
        "{diff}"
    );
}
