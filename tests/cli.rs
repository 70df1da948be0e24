//! End-to-end checks of CLI behaviour that golden fixtures cannot express: `--changed-since`
//! in a temporary git repository, bad input, and the inventory.

use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_clerk-lint"));
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("CLERK_LINT_OUTPUT_FORMAT");
    c
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const PROTECTING_MW: &str = "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher(['/sign-in(.*)']);\nexport default clerkMiddleware(async (auth, req) => {\n  if (!isPublic(req)) await auth.protect();\n});\n";
const OPEN_MW: &str =
    "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\n";

#[test]
fn changed_since_reports_changed_files_and_routes_exposed_by_middleware() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(
        d,
        "package.json",
        r#"{"name":"t","dependencies":{"next":"15.0.0","@clerk/nextjs":"6.0.0"}}"#,
    );
    write(d, "src/middleware.ts", PROTECTING_MW);
    write(
        d,
        "src/app/api/old/route.ts",
        "export async function GET() { return new Response('x'); }\n",
    );
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["checkout", "-q", "-b", "feature"]);

    // A new unprotected route in the branch: reported; the old one is still protected.
    write(
        d,
        "src/app/api/new/route.ts",
        "export async function POST() { return new Response('y'); }\n",
    );
    let out = bin()
        .current_dir(d)
        .args([".", "--format", "concise", "--changed-since", "main"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");

    // The middleware stops protecting: both routes are exposed and both are reported,
    // although the old route's file did not change.
    write(d, "src/middleware.ts", OPEN_MW);
    let out = bin()
        .current_dir(d)
        .args([
            ".",
            "--format",
            "concise",
            "--changed-since",
            "main",
            "--select",
            "missing-auth",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("src/app/api/old/route.ts"), "{text}");
    assert!(text.contains("src/app/api/new/route.ts"), "{text}");

    // Without the middleware change only the new route's file counts.
    write(d, "src/middleware.ts", PROTECTING_MW);
    write(
        d,
        "src/app/api/new/route.ts",
        "export async function POST() { return new Response('y'); }\n",
    );
    let out = bin()
        .current_dir(d)
        .args([
            ".",
            "--format",
            "concise",
            "--changed-since",
            "main",
            "--select",
            "missing-auth",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // An unknown reference is a usage error.
    let out = bin()
        .current_dir(d)
        .args([".", "--changed-since", "no-such-branch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-branch"));
}

#[test]
fn bad_input_is_a_clear_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A huge minified file, a binary file, invalid UTF-8, a syntax error, a symlink loop.
    write(
        d,
        "package.json",
        r#"{"name":"t","dependencies":{"next":"15.0.0","@clerk/nextjs":"7.0.0"}}"#,
    );
    write(d, "public/app.min.js", &"var a=1;".repeat(300_000));
    std::fs::write(d.join("logo.bin"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(d.join(".env"), b"CLERK_API_KEY=\xff\xfe\n").unwrap();
    write(
        d,
        "src/app/api/x/route.ts",
        "export async function GET( {\n",
    );
    write(
        d,
        "big.ts",
        &format!("export const x = '{}';\n", "y".repeat(2 * 1024 * 1024)),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("src"), d.join("src/loop")).unwrap();
    let out = bin()
        .current_dir(d)
        .args([".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid json");
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"deprecated-env-var"), "{rules:?}");
    assert!(rules.contains(&"parse-error"), "{rules:?}");
    assert_eq!(json["summary"]["skipped"]["too_large"], 1);
    assert_eq!(json["summary"]["skipped"]["binary"], 1);

    // A missing path and an unknown flag are usage errors with one line on stderr.
    let out = bin().args(["/no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    let out = bin().args(["--no-such-flag"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // No file was modified.
    assert_eq!(
        std::fs::read(d.join(".env")).unwrap(),
        b"CLERK_API_KEY=\xff\xfe\n"
    );
}

#[test]
fn routes_inventory_in_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/missing-auth");
    for format in ["table", "json", "markdown"] {
        let out = bin()
            .current_dir(&root)
            .args(["routes", ".", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(text.contains("/api/projects/:id"), "{format}: {text}");
        assert!(text.contains("projectsFor"), "{format}: {text}");
    }
    let out = bin()
        .current_dir(&root)
        .args(["routes", ".", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let endpoints = json["endpoints"].as_array().unwrap();
    let delete = endpoints.iter().find(|e| e["method"] == "DELETE").unwrap();
    assert_eq!(delete["protection"], "none");
    let get = endpoints
        .iter()
        .find(|e| e["method"] == "GET" && e["route"] == "/api/projects/:id")
        .unwrap();
    assert_eq!(get["protection"], "helper");

    // The HTML page: one row per endpoint of the JSON inventory, each finding beside its row,
    // links relative to where the page is written.
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("reports/routes.html");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    let out = bin()
        .current_dir(&root)
        .args(["routes", ".", "--format", "html", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(
        html.matches(r#"<tr class="endpoint "#).count(),
        endpoints.len()
    );
    assert!(html.contains(r#"missing-auth</a> route handler <code>DELETE /api/projects/:id</code> never verifies who is calling"#));
    let link = format!(
        r#"href="{}/src/app/api/projects/%5Bid%5D/route.ts#L10""#,
        std::fs::canonicalize(&root).unwrap().display()
    );
    assert!(
        html.contains(&link.replace(
            "href=\"/",
            &format!("href=\"{}", "../".repeat(
            std::fs::canonicalize(page.parent().unwrap()).unwrap().components().count() - 1
        ))
        )),
        "{link}"
    );
}

#[test]
fn rule_docs_commands() {
    let out = bin().args(["rules"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("missing-auth"));
    let out = bin().args(["rule", "missing-auth"]).output().unwrap();
    let text = stdout(&out);
    for h in [
        "# missing-auth",
        "## What it does",
        "## Why is this bad?",
        "## Example",
    ] {
        assert!(text.contains(h), "{text}");
    }
    let out = bin().args(["rule", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    write(
        d,
        "package.json",
        r#"{"name":"t","dependencies":{"next":"15.0.0","@clerk/nextjs":"7.0.0"}}"#,
    );
    write(d, "middleware.ts", OPEN_MW);
    write(
        d,
        "app/api/a/route.ts",
        "export async function GET() { return new Response('a'); }\n",
    );
    write(d, ".env", "CLERK_API_KEY=\n");
    let base = d.join("clerk-lint-baseline.json");

    let out = bin()
        .current_dir(d)
        .args([".", "--write-baseline"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert!(
        !std::fs::read_to_string(&base).unwrap().contains("\"line\""),
        "no line numbers in keys"
    );

    // Unchanged repo: nothing new.
    let out = bin()
        .current_dir(d)
        .args([".", "--format", "concise", "--baseline"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // Unrelated edits move the old finding down a few lines: still known.
    write(
        d,
        "app/api/a/route.ts",
        "// a comment\n\n// another\nexport async function GET() { return new Response('a'); }\n",
    );
    let out = bin()
        .current_dir(d)
        .args([".", "--format", "concise", "--baseline"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // One new unprotected route: exit 1, and exactly that one is reported.
    write(
        d,
        "app/api/b/route.ts",
        "export async function POST() { return new Response('b'); }\n",
    );
    let out = bin()
        .current_dir(d)
        .args([".", "--format", "concise", "-q", "--baseline"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("app/api/b/route.ts:1:23: error[missing-auth] "),
        "{text}"
    );

    // A broken baseline is an error.
    std::fs::write(&base, "{}").unwrap();
    let out = bin()
        .current_dir(d)
        .args([".", "--baseline"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_errors_exit_2_naming_the_key_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    write(
        d,
        "clerk-lint.toml",
        "[rules]\nselekt = [\"missing-auth\"]\n",
    );
    let out = bin().current_dir(d).arg(".").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("clerk-lint.toml") && err.contains("selekt"),
        "{err}"
    );
    // --isolated ignores it; --config names another.
    let out = bin()
        .current_dir(d)
        .args([".", "--isolated"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    write(d, "other.toml", "[rules]\nselect = [\"missing-auth\"]\n");
    let out = bin()
        .current_dir(d)
        .args([".", "--config", "other.toml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin()
        .current_dir(d)
        .args([".", "--config", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

const NEXT_APP: &str = r#"{"name":"t","dependencies":{"next":"15.5.9","@clerk/nextjs":"6.39.3"}}"#;
const OPEN_ROUTE: &str = "export async function POST() { return new Response('x'); }\n";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap()
}

#[test]
fn select_prefixes_extend_select_exclude_and_fail_on_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "package.json", NEXT_APP);
    write(d, "src/app/api/a/route.ts", OPEN_ROUTE);
    write(
        d,
        "src/app/api/a/route.test.ts",
        "process.env.CLERK_API_KEY;\n",
    );
    write(d, "legacy/old.ts", "process.env.CLERK_API_KEY;\n");
    write(d, ".env", "CLERK_API_KEY=x\n");
    let lines = |o: &Output| stdout(o).lines().map(str::to_string).collect::<Vec<_>>();

    let all = run_in(d, &[".", "--format", "concise", "-q", "--select", "ALL"]);
    assert_eq!(all.status.code(), Some(1));
    assert_eq!(lines(&all).len(), 4, "{}", stdout(&all));

    // --exclude: a name at any depth and a directory.
    let o = run_in(
        d,
        &[
            ".",
            "--format",
            "concise",
            "-q",
            "--exclude",
            "*.test.ts",
            "--exclude",
            "legacy",
        ],
    );
    let text = stdout(&o);
    assert!(
        !text.contains("route.test.ts") && !text.contains("legacy/"),
        "{text}"
    );
    assert!(
        text.contains(".env:1:1: error[deprecated-env-var]"),
        "{text}"
    );

    // A prefix; --ignore ALL; --extend-select on top of the config's selection.
    let o = run_in(
        d,
        &[".", "--format", "concise", "-q", "--select", "deprecated-"],
    );
    assert!(
        lines(&o).iter().all(|l| l.contains("[deprecated-")),
        "{}",
        stdout(&o)
    );
    let o = run_in(d, &[".", "--format", "concise", "-q", "--ignore", "ALL"]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), String::new()));
    write(
        d,
        "clerk-lint.toml",
        "[rules]\nselect = [\"missing-auth\"]\n",
    );
    let o = run_in(d, &[".", "--format", "concise", "-q"]);
    assert_eq!(lines(&o).len(), 1, "{}", stdout(&o));
    let o = run_in(
        d,
        &[
            ".",
            "--format",
            "concise",
            "-q",
            "--extend-select",
            "deprecated-env-var",
        ],
    );
    assert_eq!(lines(&o).len(), 4, "{}", stdout(&o));

    // `--fail-on none`, as the Action's `fail-on: none` passes it.
    let o = run_in(d, &[".", "--format", "concise", "-q", "--fail-on", "none"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(lines(&o).len(), 1);

    // Unknown selectors and bad globs are usage errors.
    for args in [
        &["--select", "instanc"][..],
        &["--extend-select", "nope"],
        &["--exclude", "a[b"],
    ] {
        let o = run_in(d, &[&["."][..], args].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

/// As in ruff: a file named on the command line is checked even if `--exclude` or
/// `files.exclude` matches it; `--force-exclude` (for pre-commit hooks, which pass every
/// changed file) applies the excludes to it too, and to `--stdin-filename`.
#[test]
fn named_files_are_checked_unless_force_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "package.json", NEXT_APP);
    write(d, "legacy/old.ts", "process.env.CLERK_API_KEY;\n");
    write(d, "src/app/api/a/route.ts", OPEN_ROUTE);
    let concise = |args: &[&str]| {
        let o = run_in(d, &[&["--format", "concise", "-q"][..], args].concat());
        (o.status.code(), stdout(&o))
    };
    let finding = "legacy/old.ts:1:13: error[deprecated-env-var]";
    // The directory walk skips it; naming it checks it.
    let (code, text) = concise(&[".", "--exclude", "legacy"]);
    assert!(!text.contains("legacy/"), "{text}");
    assert_eq!(code, Some(1), "{text}");
    let (code, text) = concise(&["legacy/old.ts", "--exclude", "legacy"]);
    assert!(text.contains(finding), "{text}");
    assert_eq!(code, Some(1));
    let (code, text) = concise(&[".", "legacy/old.ts", "--exclude", "legacy/**"]);
    assert!(text.contains(finding), "{text}");
    assert!(text.contains("src/app/api/a/route.ts"), "{text}");
    assert_eq!(code, Some(1));
    // --force-exclude: the hook's file list obeys the excludes.
    let (code, text) = concise(&["legacy/old.ts", "--exclude", "legacy", "--force-exclude"]);
    assert_eq!((code, text.as_str()), (Some(0), ""));
    let (code, text) = concise(&[
        "legacy/old.ts",
        "src/app/api/a/route.ts",
        "--exclude",
        "legacy",
        "--force-exclude",
    ]);
    assert!(!text.contains("legacy/"), "{text}");
    assert!(text.contains("src/app/api/a/route.ts"), "{text}");
    assert_eq!(code, Some(1));
    // The same with `files.exclude` in the config.
    write(d, "clerk-lint.toml", "[files]\nexclude = [\"legacy/**\"]\n");
    let (_, text) = concise(&["legacy/old.ts"]);
    assert!(text.contains(finding), "{text}");
    let (code, text) = concise(&["legacy/old.ts", "--force-exclude"]);
    assert_eq!((code, text.as_str()), (Some(0), ""));
    // And with a buffer from stdin.
    let stdin = |args: &[&str]| {
        use std::io::Write;
        let mut child = bin()
            .current_dir(d)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        input.write_all(b"process.env.CLERK_API_KEY;\n").unwrap();
        drop(input);
        child.wait_with_output().unwrap()
    };
    let args = ["--stdin-filename", "legacy/old.ts", "--format", "concise"];
    let o = stdin(&args);
    assert!(stdout(&o).contains(finding), "{}", stdout(&o));
    let o = stdin(&[&args[..], &["--force-exclude"]].concat());
    assert!(!stdout(&o).contains("legacy/"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn stdin_filename_checks_the_buffer_in_its_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "package.json", NEXT_APP);
    write(
        d,
        "src/app/api/a/route.ts",
        "export const dynamic = 'force-dynamic';\n",
    );
    write(d, "src/app/api/b/route.ts", OPEN_ROUTE);
    let with_stdin = |args: &[&str], input: &str| {
        use std::io::Write;
        let mut child = bin()
            .current_dir(d)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    // The unsaved buffer (an open POST handler) is checked, not the file on disk, and only
    // its findings are reported (b/route.ts has one too).
    for name in ["src/app/api/a/route.ts", "./src/app/api/a/route.ts"] {
        let o = with_stdin(
            &["--stdin-filename", name, "--format", "concise"],
            OPEN_ROUTE,
        );
        let text = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{text}");
        assert!(
            text.starts_with(
                "src/app/api/a/route.ts:1:23: error[missing-auth] route handler `POST /api/a`"
            ),
            "{text}"
        );
        assert!(!text.contains("api/b"), "{text}");
    }
    let abs = d.join("src/app/api/a/route.ts");
    let o = with_stdin(
        &[
            "--stdin-filename",
            abs.to_str().unwrap(),
            "--format",
            "concise",
            "-q",
        ],
        "export const x = 1;\n",
    );
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), String::new()));
    // A new file that is not on disk yet; the file on disk is never written.
    let o = with_stdin(
        &[
            "--stdin-filename",
            "src/lib/new.ts",
            "--format",
            "concise",
            "-q",
        ],
        "const k = process.env.CLERK_API_KEY;\n",
    );
    assert!(
        stdout(&o).starts_with("src/lib/new.ts:1:23: error[deprecated-env-var]"),
        "{}",
        stdout(&o)
    );
    assert!(!d.join("src/lib/new.ts").exists());
    let o = with_stdin(&["--stdin-filename", "src/lib/new.ts", "--fix"], "x\n");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn force_color_and_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".env", "CLERK_API_KEY=x\n");
    let run = |envs: &[(&str, &str)], extra: &[&str]| {
        let mut c = bin();
        c.current_dir(d)
            .args([".", "--format", "concise", "-q"])
            .args(extra)
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (k, v) in envs {
            c.env(k, v);
        }
        stdout(&c.output().unwrap()).contains('\x1b')
    };
    assert!(!run(&[], &[]), "piped: no colour");
    assert!(run(&[("FORCE_COLOR", "1")], &[]));
    assert!(run(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!run(&[("FORCE_COLOR", "0")], &[]));
    assert!(!run(&[("FORCE_COLOR", "1")], &["--color", "never"]));
    assert!(!run(&[("NO_COLOR", "1")], &["--color", "auto"]));
    assert!(run(&[("NO_COLOR", "1")], &["--color", "always"]));
}

#[test]
fn statistics_per_rule_and_severity_and_rules_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Two apps; the second makes missing-auth a warning.
    for app in ["apps/one", "apps/two"] {
        write(d, &format!("{app}/package.json"), NEXT_APP);
    }
    write(d, "apps/one/src/app/api/a/route.ts", OPEN_ROUTE);
    write(d, "apps/one/src/app/api/b/route.ts", OPEN_ROUTE);
    write(d, "apps/two/src/app/api/c/route.ts", OPEN_ROUTE);
    write(
        d,
        "apps/two/clerk-lint.toml",
        "[rules.severity]\nmissing-auth = \"warning\"\n",
    );
    let o = run_in(d, &[".", "--statistics", "-q"]);
    assert_eq!(
        stdout(&o),
        "  2  error    missing-auth  a server endpoint that never verifies who is calling\n  1  warning  missing-auth  a server endpoint that never verifies who is calling\n"
    );
    let o = run_in(d, &["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let listed = stdout(&run_in(d, &["rules"]));
    assert_eq!(ids.len(), listed.lines().count());
    let missing = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "missing-auth")
        .unwrap();
    assert_eq!(missing["default_severity"], "error");
    assert_eq!(missing["source"], "project");
    assert!(
        missing["docs_url"]
            .as_str()
            .unwrap()
            .ends_with("#missing-auth")
    );
}

/// Copies `testdata/<case>` (not its expectations) to `to`.
fn copy_fixture(case: &str, to: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().to_string();
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(&name));
            } else if !name.starts_with("expected.") && name != "args" {
                std::fs::copy(entry.path(), to.join(&name)).unwrap();
            }
        }
    }
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata")
            .join(case),
        to,
    );
}

/// Inserts a comment line at the top of every source file below `dir` (`#` for env files).
fn insert_line_above_everything(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            insert_line_above_everything(&path);
        } else if name.starts_with(".env") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, format!("# moved down\n{text}")).unwrap();
        } else if [".ts", ".tsx", ".js"].iter().any(|e| name.ends_with(e)) {
            let text = std::fs::read_to_string(&path).unwrap();
            // After a leading directive, so `'use server'` files stay server files.
            let (head, rest) = match text.find('\n') {
                Some(i) if text.starts_with(['"', '\'']) => text.split_at(i + 1),
                _ => ("", text.as_str()),
            };
            std::fs::write(&path, format!("{head}// moved down\n{rest}")).unwrap();
        }
    }
}

#[test]
fn baseline_keys_survive_lines_inserted_above_and_the_summary_counts_what_it_hid() {
    // Inline server actions (missing-auth), findings inside the middleware
    // (middleware-matcher-gap) and one variable read twice in a file (deprecated-env-var).
    for case in [
        "missing-auth",
        "middleware-matcher-gap",
        "deprecated-env-var",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        copy_fixture(case, d);
        let base = d.join("baseline.json");
        let o = run_in(d, &[".", "--write-baseline", base.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{case}");
        let before = run_in(d, &[".", "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
        let total = doc["diagnostics"].as_array().unwrap().len();
        assert!(total > 0, "{case}");

        insert_line_above_everything(d);
        let moved = run_in(d, &[".", "--format", "json"]);
        let moved: serde_json::Value = serde_json::from_slice(&moved.stdout).unwrap();
        let lines = |doc: &serde_json::Value| -> Vec<u64> {
            doc["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["line"].as_u64().unwrap())
                .collect()
        };
        assert_ne!(
            lines(&doc),
            lines(&moved),
            "{case}: the findings moved down"
        );

        let o = run_in(
            d,
            &[
                ".",
                "--format",
                "concise",
                "--baseline",
                base.to_str().unwrap(),
            ],
        );
        assert_eq!(
            (o.status.code(), stdout(&o)),
            (
                Some(0),
                format!(
                    "No problems found in {} files ({total} hidden by the baseline).\n",
                    doc["summary"]["files"]
                )
            ),
            "{case}"
        );
        let o = run_in(
            d,
            &[
                ".",
                "--format",
                "json",
                "--baseline",
                base.to_str().unwrap(),
            ],
        );
        let after: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(after["summary"]["hidden_by_baseline"], total, "{case}");
    }
}

#[test]
fn routes_public_names_every_kind_of_endpoint_with_the_entry_the_help_gives() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    copy_fixture("missing-auth", d);
    let findings = |d: &Path| -> Vec<serde_json::Value> {
        let o = run_in(d, &[".", "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        doc["diagnostics"].as_array().unwrap().clone()
    };
    let before = findings(d);
    let missing: Vec<&serde_json::Value> = before
        .iter()
        .filter(|f| f["rule"] == "missing-auth")
        .collect();
    // Every kind the inventory lists: URLs with a method, a Pages API route (every method),
    // tRPC procedures, server actions.
    let mut entries = Vec::new();
    let mut unnamed = 0;
    for f in &missing {
        let help = f["help"].as_str().unwrap();
        assert!(help.contains("clerk-lint-ignore[missing-auth]"), "{help}");
        match help.split_once("add `\"") {
            Some((_, rest)) => entries.push(rest.split_once("\"`").unwrap().0.to_string()),
            None => unnamed += 1,
        }
    }
    for want in [
        "POST /api/newsletter",
        "/api/open",
        // The path a client calls (`appRouter = router({ project: projectRouter })`).
        "project.wipe",
        "src/actions/projects.ts#projectsFor",
    ] {
        assert!(entries.iter().any(|e| e == want), "{want} in {entries:?}");
    }
    // The entries the help gives make exactly those endpoints public, and each is used.
    let toml: Vec<String> = entries.iter().map(|e| format!("{e:?}")).collect();
    std::fs::write(
        d.join("clerk-lint.toml"),
        format!("[routes]\npublic = [{}]\n", toml.join(", ")),
    )
    .unwrap();
    let after = findings(d);
    let left: Vec<&serde_json::Value> = after
        .iter()
        .filter(|f| f["rule"] == "missing-auth" || f["rule"] == "unused-suppression")
        .collect();
    assert_eq!(left.len(), unnamed, "{left:#?}");
    // The inventory shows them as public.
    let routes = run_in(d, &["routes", ".", "--format", "json"]);
    let inv: serde_json::Value = serde_json::from_slice(&routes.stdout).unwrap();
    let public = inv["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["protection"] == "public")
        .count();
    assert_eq!(public, entries.len());

    // A procedure's definition name (`projectRouter.wipe`) names it too.
    std::fs::write(
        d.join("clerk-lint.toml"),
        "[routes]\npublic = [\"projectRouter.wipe\"]\n",
    )
    .unwrap();
    let o = run_in(
        d,
        &[
            ".",
            "--format",
            "concise",
            "--select",
            "missing-auth,unused-suppression",
        ],
    );
    let text = stdout(&o);
    assert!(!text.contains("project.wipe"), "{text}");
    assert!(!text.contains("unused-suppression"), "{text}");

    // An entry that names no endpoint is a warning at its place in the config.
    std::fs::write(
        d.join("clerk-lint.toml"),
        "[routes]\npublic = [\"/api/open\", \"projectRouter.gone\", \"src/actions/projects.ts#nope\"]\n",
    )
    .unwrap();
    let o = run_in(
        d,
        &[
            ".",
            "--format",
            "concise",
            "--select",
            "missing-auth,unused-suppression",
        ],
    );
    let text = stdout(&o);
    assert!(text.contains("clerk-lint.toml:2:25: warning[unused-suppression] `[routes] public` entry `projectRouter.gone` matches no endpoint"), "{text}");
    assert!(
        text.contains("entry `src/actions/projects.ts#nope` matches no endpoint"),
        "{text}"
    );
    assert!(!text.contains("`/api/open` matches"), "{text}");
    // A malformed entry is a config error.
    std::fs::write(
        d.join("clerk-lint.toml"),
        "[routes]\npublic = [\"GET health\"]\n",
    )
    .unwrap();
    assert_eq!(run_in(d, &["."]).status.code(), Some(2));
}

#[test]
fn a_koa_app_is_analysed_and_gets_no_note() {
    // Koa was the last server framework of the "not analysed" note; its endpoints are now
    // listed and judged like the others.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    write(
        d,
        "apps/shop/package.json",
        r#"{"dependencies":{"koa":"2.15.0","@koa/router":"13.1.0","@clerk/backend":"2.0.0"}}"#,
    );
    write(
        d,
        "apps/shop/src/server.ts",
        "import Router from '@koa/router';\nconst router = new Router();\nrouter.post('/api/orders', (ctx) => { ctx.body = 'x'; });\nexport default router;\n",
    );
    write(d, "apps/web/package.json", NEXT_APP);
    write(d, "apps/web/src/app/api/a/route.ts", OPEN_ROUTE);
    let o = run_in(d, &[".", "--format", "concise"]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = stdout(&o);
    assert!(
        text.contains("apps/shop/src/server.ts:3:8: error[missing-auth]"),
        "{text}"
    );
    assert!(
        text.contains("apps/web/src/app/api/a/route.ts:1:23: error[missing-auth]"),
        "{text}"
    );
    let o = run_in(d, &["routes", "."]);
    assert!(o.stderr.is_empty());
    assert!(stdout(&o).contains("POST    /api/orders"), "{}", stdout(&o));
}

#[test]
fn hono_sub_apps_mounted_in_a_loop_get_their_paths() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    write(
        d,
        "package.json",
        r#"{"dependencies":{"hono":"4.7.0","@clerk/hono":"0.1.3"}}"#,
    );
    write(
        d,
        "src/index.ts",
        "import { Hono } from 'hono'\nimport { open, closed } from './subs'\nconst app = new Hono()\nconst routes = [['/a', open], ['/b', closed]] as const\nfor (const [p, r] of routes) app.route(p, r)\nexport default app\n",
    );
    write(
        d,
        "src/subs.ts",
        "import { Hono } from 'hono'\nimport { getAuth } from '@clerk/hono'\nexport const open = new Hono().get('/x', (c) => c.json({}))\nexport const closed = new Hono()\nclosed.use(async (c, next) => { if (!getAuth(c)?.userId) return c.json({}, 401); await next() })\nclosed.get('/y', (c) => c.json({}))\n",
    );
    let o = run_in(d, &["routes", "."]);
    let text = stdout(&o);
    assert!(
        text.contains("GET     /a/x   route  src/subs.ts:3  none"),
        "{text}"
    );
    assert!(
        text.contains("GET     /b/y   route  src/subs.ts:6  middleware"),
        "{text}"
    );
    // Mounted twice: one endpoint per URL.
    write(
        d,
        "src/index.ts",
        "import { Hono } from 'hono'\nimport { open, closed } from './subs'\nconst app = new Hono()\nconst mounts = [{ path: '/a', router: open }, { path: '/c', router: open }]\nmounts.forEach(({ path, router }) => app.route(path, router))\nfor (const [p, r] of Object.entries({ '/d': closed })) app.route(p, r)\nexport default app\n",
    );
    let text = stdout(&run_in(d, &["routes", "."]));
    for url in ["/a/x", "/c/x", "/d/y"] {
        assert!(text.contains(&format!("GET     {url}")), "{url}: {text}");
    }
}
