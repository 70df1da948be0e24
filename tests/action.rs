//! The ways people run clerk-lint besides `clerk-lint .`: the GitHub Action's scripts under a
//! simulated Actions environment, the hygiene of `action.yml` and the workflows, the version
//! bump script, and the pre-commit hooks through `pre-commit try-repo`.
//!
//! The scripts are bash, so these tests run on Unix; CI's `action` job runs the real action on
//! Windows. The `language: rust` pre-commit hook builds clerk-lint from scratch (minutes), so it
//! runs only with `CLERK_LINT_SLOW_TESTS=1`, as `.ci/run` sets.

#[cfg(unix)]
use std::collections::HashMap;
use std::path::Path;
#[cfg(unix)]
use std::path::PathBuf;
#[cfg(unix)]
use std::process::Command;
#[cfg(unix)]
use std::process::Output;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[cfg(unix)]
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(unix)]
fn describe(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        text(&o.stdout),
        text(&o.stderr)
    )
}

/// `name=value` lines of a `$GITHUB_OUTPUT` file; a later value wins.
#[cfg(unix)]
fn parse_outputs(path: &Path) -> HashMap<String, String> {
    read(path)
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Copies a fixture app without its expectations (`expected.*`, `args`), as tests/golden.rs does.
#[cfg(unix)]
fn copy_fixture(case: &str, to: &Path) {
    fn copy(from: &Path, to: &Path, top: bool) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if top && (name.starts_with("expected.") || name == "args") {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(&name), false);
            } else {
                std::fs::copy(entry.path(), to.join(&name)).unwrap();
            }
        }
    }
    copy(&root().join("testdata").join(case), to, true);
}

/// Runs `clerk-lint --format json` directly: the diagnostics the action must report.
#[cfg(unix)]
fn json_diagnostics(workspace: &Path, path: &str) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .current_dir(workspace)
        .args(["--format", "json", "--", path])
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    doc["diagnostics"].as_array().unwrap().clone()
}

/// A simulated GitHub Actions job: a workspace holding fixture apps, and per-step files for
/// `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY` and `GITHUB_PATH`.
#[cfg(unix)]
struct Job {
    tmp: tempfile::TempDir,
    workspace: PathBuf,
    steps: usize,
}

#[cfg(unix)]
struct Step {
    out: Output,
    outputs: HashMap<String, String>,
    summary: String,
    path_file: String,
}

#[cfg(unix)]
impl Job {
    fn new(cases: &[&str]) -> Job {
        let tmp = tempfile::tempdir().unwrap();
        let workspace = tmp.path().join("workspace");
        // The top of a repository: the lockfile search stops here, as in a real checkout.
        std::fs::create_dir_all(workspace.join(".git")).unwrap();
        for case in cases {
            copy_fixture(case, &workspace.join(case));
        }
        for dir in ["runner-temp", "tool-cache"] {
            std::fs::create_dir_all(tmp.path().join(dir)).unwrap();
        }
        Job {
            tmp,
            workspace,
            steps: 0,
        }
    }

    fn dir(&self) -> &Path {
        self.tmp.path()
    }

    /// Runs `scripts/<script>` as one step of the job, with `env` on top of the Actions variables.
    fn step(&mut self, script: &str, args: &[&str], env: &[(&str, &str)]) -> Step {
        self.steps += 1;
        let files = self.dir().join(format!("step-{}", self.steps));
        std::fs::create_dir_all(&files).unwrap();
        let (output, summary, path) = (
            files.join("output"),
            files.join("summary.md"),
            files.join("path"),
        );
        for f in [&output, &summary, &path] {
            std::fs::write(f, "").unwrap();
        }
        let mut cmd = Command::new("bash");
        cmd.arg(root().join("scripts").join(script))
            .args(args)
            .current_dir(&self.workspace);
        for var in [
            "CLERK_LINT_BIN",
            "CLERK_LINT_VERSION",
            "CLERK_LINT_ARGS",
            "CLERK_LINT_PATH",
            "CLERK_LINT_FAIL_ON",
            "CLERK_LINT_SARIF_FILE",
            "CLERK_LINT_SUMMARY",
            "CLERK_LINT_ROUTES_HTML",
            "CLERK_LINT_DOWNLOAD_URL",
            "CLERK_LINT_BUILD_ROOT",
            "CLERK_LINT_OUTPUT_FORMAT",
            "GITHUB_SERVER_URL",
            "GITHUB_REPOSITORY",
            "GITHUB_SHA",
            "GITHUB_ACTION_PATH",
            "CARGO_TARGET_DIR",
            "NO_COLOR",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", &self.workspace)
            .env("GITHUB_OUTPUT", &output)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_PATH", &path)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", self.dir().join("runner-temp"))
            .env("RUNNER_TOOL_CACHE", self.dir().join("tool-cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run bash");
        Step {
            out,
            outputs: parse_outputs(&output),
            summary: read(&summary),
            path_file: read(&path),
        }
    }

    /// The action's `Run clerk-lint` step with the test binary, as after `Install clerk-lint`.
    fn run(&mut self, env: &[(&str, &str)]) -> Step {
        let mut all = vec![("CLERK_LINT_BIN", env!("CARGO_BIN_EXE_clerk-lint"))];
        all.extend_from_slice(env);
        self.step("action-run.sh", &[], &all)
    }
}

#[cfg(unix)]
impl Step {
    fn code(&self) -> Option<i32> {
        self.out.status.code()
    }
    fn stdout(&self) -> String {
        text(&self.out.stdout)
    }
    fn annotations(&self) -> Vec<String> {
        self.stdout()
            .lines()
            .filter(|l| l.starts_with("::error ") || l.starts_with("::warning "))
            .map(str::to_string)
            .collect()
    }
}

#[cfg(unix)]
#[test]
fn action_on_the_demo_app_fails_with_annotations_summary_sarif_and_outputs() {
    let mut job = Job::new(&["demo-app"]);

    // Install with a binary given: no download, the binary is published.
    let bin = env!("CARGO_BIN_EXE_clerk-lint");
    let install = job.step("action-install.sh", &[], &[("CLERK_LINT_BIN", bin)]);
    assert_eq!(install.code(), Some(0), "{}", describe(&install.out));
    assert_eq!(install.outputs.get("bin").map(String::as_str), Some(bin));
    assert!(!install.outputs.contains_key("build"));
    let bin_dir = Path::new(bin)
        .parent()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(install.path_file.trim(), bin_dir);

    let run = job.run(&[
        ("CLERK_LINT_PATH", "demo-app"),
        ("CLERK_LINT_SARIF_FILE", "results/clerk-lint.sarif"),
        ("CLERK_LINT_ROUTES_HTML", "results/routes.html"),
    ]);
    assert_eq!(run.code(), Some(1), "{}", describe(&run.out));

    let diags = json_diagnostics(&job.workspace, "demo-app");
    assert!(
        diags.len() > 10,
        "the demo app should have more findings than GitHub shows annotations for"
    );

    // Annotations: one per finding, paths relative to the workspace.
    let annotations = run.annotations();
    assert_eq!(annotations.len(), diags.len(), "{}", run.stdout());
    for expected in [
        "::error file=demo-app/.env,line=6,endLine=6,col=1,endColumn=29,title=clerk-lint (public-secret-env)::demo-app/.env:6:1: ",
        "title=clerk-lint (missing-auth)::demo-app/src/app/actions/projects.ts:12:23: server action `deleteProject`",
        "::warning file=demo-app/src/app/api/broken/route.ts,line=4,",
    ] {
        assert!(
            annotations.iter().any(|a| a.contains(expected)),
            "no annotation with {expected:?} in\n{}",
            run.stdout()
        );
    }
    assert!(
        !run.stdout().contains("sk_live_") || run.stdout().contains("sk_live_****"),
        "a secret leaked into the log"
    );

    // The job summary: every finding, then the endpoint inventory.
    let summary = &run.summary;
    assert!(summary.starts_with("## clerk-lint\n"), "{summary}");
    let table = summary
        .find("| Severity | Rule | Location | Message |")
        .expect("findings table");
    for d in &diags {
        let row = format!(
            "| {} | {} | {}:{} |",
            d["severity"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["path"].as_str().unwrap(),
            d["line"]
        );
        assert!(summary.contains(&row), "summary lacks {row:?}:\n{summary}");
    }
    let inventory = summary
        .find("### Endpoint inventory")
        .expect("inventory in the summary");
    assert!(inventory > table, "the inventory comes after the findings");
    for endpoint in [
        "| POST | `/api/webhooks/clerk` | route handler | demo-app/src/app/api/webhooks/clerk/route.ts:3 |",
        "| ACTION | `deleteProject` | server action | demo-app/src/app/actions/projects.ts:12 | none |",
    ] {
        assert!(summary.contains(endpoint), "no {endpoint:?} in\n{summary}");
    }
    assert!(summary.contains("4 server endpoints"), "{summary}");

    // Outputs.
    assert_eq!(
        run.outputs.get("findings"),
        Some(&diags.len().to_string()),
        "{:?}",
        run.outputs
    );
    assert_eq!(
        run.outputs.get("sarif-file").map(String::as_str),
        Some("results/clerk-lint.sarif")
    );
    // The HTML inventory for the artifact step.
    assert_eq!(
        run.outputs.get("routes-html").map(String::as_str),
        Some("results/routes.html")
    );
    let html = read(&job.workspace.join("results/routes.html"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains(r#"<tr class="endpoint "#));

    // The SARIF file exists, parses, and holds every finding.
    let sarif: serde_json::Value =
        serde_json::from_str(&read(&job.workspace.join("results/clerk-lint.sarif")))
            .expect("SARIF parses");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["name"], "clerk-lint");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        diags.len()
    );
}

#[cfg(unix)]
#[test]
fn action_on_a_clean_app_passes_with_the_inventory_in_the_summary() {
    let mut job = Job::new(&["cli-clean-app"]);
    let run = job.run(&[("CLERK_LINT_PATH", "cli-clean-app")]);
    assert_eq!(run.code(), Some(0), "{}", describe(&run.out));
    assert!(run.annotations().is_empty(), "{}", run.stdout());
    assert_eq!(run.outputs.get("findings").map(String::as_str), Some("0"));
    assert_eq!(run.outputs.get("sarif-file").map(String::as_str), Some(""));
    assert_eq!(run.outputs.get("routes-html").map(String::as_str), Some(""));
    assert!(
        run.summary.starts_with("## clerk-lint\n"),
        "{}",
        run.summary
    );
    assert!(
        run.summary.contains(
            "| GET | `/api/me` | route handler | cli-clean-app/app/api/me/route.ts:3 | inline"
        ),
        "{}",
        run.summary
    );
    assert!(
        run.summary.contains("1 server endpoint,"),
        "{}",
        run.summary
    );

    // `summary: false`: annotations and the log only.
    let quiet = job.run(&[
        ("CLERK_LINT_PATH", "cli-clean-app"),
        ("CLERK_LINT_SUMMARY", "false"),
    ]);
    assert_eq!(quiet.code(), Some(0), "{}", describe(&quiet.out));
    assert_eq!(quiet.summary, "");
}

#[cfg(unix)]
#[test]
fn action_inputs_fail_on_args_and_bad_values() {
    let mut job = Job::new(&["demo-app", "env-unknown-version"]);

    // Warnings only: pass with fail-on error, fail with fail-on warning.
    let error = job.run(&[("CLERK_LINT_PATH", "env-unknown-version")]);
    assert_eq!(error.code(), Some(0), "{}", describe(&error.out));
    assert_eq!(error.outputs.get("findings").map(String::as_str), Some("2"));
    assert_eq!(error.annotations().len(), 2);
    let warning = job.run(&[
        ("CLERK_LINT_PATH", "env-unknown-version"),
        ("CLERK_LINT_FAIL_ON", "warning"),
    ]);
    assert_eq!(warning.code(), Some(1), "{}", describe(&warning.out));

    // fail-on none: findings reported, the step passes.
    let none = job.run(&[
        ("CLERK_LINT_PATH", "demo-app"),
        ("CLERK_LINT_FAIL_ON", "none"),
    ]);
    assert_eq!(none.code(), Some(0), "{}", describe(&none.out));
    assert!(!none.annotations().is_empty());

    // args: split on whitespace (newlines too), passed as words, never evaluated.
    let select = job.run(&[
        ("CLERK_LINT_PATH", "demo-app"),
        ("CLERK_LINT_ARGS", "--select\n  missing-auth "),
    ]);
    assert_eq!(select.code(), Some(1), "{}", describe(&select.out));
    assert_eq!(
        select.outputs.get("findings").map(String::as_str),
        Some("1")
    );
    assert_eq!(select.annotations().len(), 1, "{}", select.stdout());
    assert!(select.annotations()[0].contains("(missing-auth)"));

    let marker = job.dir().join("injected");
    let injected = format!("$(touch {0}) `touch {0}` ;touch {0}", marker.display());
    let evil = job.run(&[
        ("CLERK_LINT_PATH", "demo-app"),
        ("CLERK_LINT_ARGS", &injected),
    ]);
    assert!(!marker.exists(), "args were evaluated by a shell");
    assert_eq!(evil.code(), Some(2), "{}", describe(&evil.out));
    assert!(evil.stdout().contains("::error title=clerk-lint::"));
    assert_eq!(evil.outputs.get("findings").map(String::as_str), Some(""));

    // Bad input values: exit 2 with an error annotation, before running anything.
    for (var, value) in [
        ("CLERK_LINT_FAIL_ON", "sometimes"),
        ("CLERK_LINT_SUMMARY", "yes please"),
        ("CLERK_LINT_SARIF_FILE", "a\nfindings=0"),
    ] {
        let bad = job.run(&[("CLERK_LINT_PATH", "demo-app"), (var, value)]);
        assert_eq!(bad.code(), Some(2), "{var}: {}", describe(&bad.out));
        assert!(
            bad.stdout().starts_with("::error title=clerk-lint::"),
            "{var}: {}",
            bad.stdout()
        );
        assert!(bad.outputs.is_empty(), "{var}: {:?}", bad.outputs);
    }

    // A path that does not exist: clerk-lint's exit 2, passed on.
    let missing = job.run(&[("CLERK_LINT_PATH", "no-such-app")]);
    assert_eq!(missing.code(), Some(2), "{}", describe(&missing.out));
}

/// `sha256sum FILE` or `shasum -a 256 FILE`.
#[cfg(unix)]
fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(path)
        .output()
        .or_else(|_| {
            Command::new("shasum")
                .args(["-a", "256"])
                .arg(path)
                .output()
        })
        .expect("sha256sum or shasum");
    text(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// A test that cannot run here (a tool or the network is missing) is skipped with `why` on a
/// developer machine, and fails under `CI=true`: CI must install what the suite needs
/// (`.ci/run` does), or a green run would prove nothing.
#[cfg(unix)]
fn skip_unless_ci(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("{why}; under CI=true a skipped test is a failure (.ci/run installs what it needs)");
    }
    eprintln!("skipped: {why}");
}

#[cfg(unix)]
fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(unix)]
#[test]
fn action_install_downloads_verifies_and_falls_back_to_a_build() {
    if !have("curl") || !have("tar") {
        skip_unless_ci("the install script needs curl and tar");
        return;
    }
    let mut job = Job::new(&[]);
    let target = "x86_64-unknown-linux-musl";

    // A release served from a directory: clerk-lint-<target>.tar.gz and its .sha256.
    let release = job.dir().join("release");
    let staging = job
        .dir()
        .join("staging")
        .join(format!("clerk-lint-{target}"));
    std::fs::create_dir_all(&release).unwrap();
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_clerk-lint"), staging.join("clerk-lint")).unwrap();
    let archive = release.join(format!("clerk-lint-{target}.tar.gz"));
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(staging.parent().unwrap())
        .arg(format!("clerk-lint-{target}"))
        .output()
        .unwrap();
    assert!(tar.status.success(), "{}", describe(&tar));
    let sha_file = release.join(format!("clerk-lint-{target}.tar.gz.sha256"));
    let good = format!("{}  clerk-lint-{target}.tar.gz\n", sha256(&archive));
    std::fs::write(&sha_file, &good).unwrap();
    let url = format!("file://{}", release.display());

    let ok = job.step(
        "action-install.sh",
        &[],
        &[
            ("CLERK_LINT_VERSION", "v9.9.9"),
            ("CLERK_LINT_DOWNLOAD_URL", &url),
        ],
    );
    assert_eq!(ok.code(), Some(0), "{}", describe(&ok.out));
    let installed = job
        .dir()
        .join(format!("tool-cache/clerk-lint/9.9.9/{target}/clerk-lint"));
    assert_eq!(
        ok.outputs.get("bin").map(PathBuf::from),
        Some(installed.clone()),
        "{}",
        describe(&ok.out)
    );
    assert!(text(&ok.out.stderr).contains("SHA-256 verified"));
    let version = Command::new(&installed).arg("--version").output().unwrap();
    assert!(text(&version.stdout).starts_with("clerk-lint "));
    assert_eq!(
        ok.path_file.trim(),
        installed.parent().unwrap().to_string_lossy()
    );

    // A wrong checksum: an error, no binary and no quiet build instead.
    std::fs::write(&sha_file, format!("{}  x\n", "0".repeat(64))).unwrap();
    let bad = job.step(
        "action-install.sh",
        &[],
        &[
            ("CLERK_LINT_VERSION", "9.9.8"),
            ("CLERK_LINT_DOWNLOAD_URL", &url),
        ],
    );
    assert_eq!(bad.code(), Some(1), "{}", describe(&bad.out));
    assert!(
        bad.stdout()
            .contains("::error title=clerk-lint install::checksum mismatch")
    );
    assert!(bad.outputs.is_empty(), "{:?}", bad.outputs);
    assert!(
        !job.dir()
            .join("tool-cache/clerk-lint/9.9.8")
            .join(target)
            .join("clerk-lint")
            .exists()
    );

    // No release to download, no release for the runner, or `source`: ask for a build.
    let missing_url = format!("file://{}", job.dir().join("no-release").display());
    for (why, env) in [
        (
            "could not download clerk-lint 9.9.7",
            vec![
                ("CLERK_LINT_VERSION", "9.9.7"),
                ("CLERK_LINT_DOWNLOAD_URL", missing_url.as_str()),
            ],
        ),
        (
            "no release binary for Windows/ARM64",
            vec![
                ("CLERK_LINT_VERSION", "9.9.7"),
                ("RUNNER_OS", "Windows"),
                ("RUNNER_ARCH", "ARM64"),
            ],
        ),
        (
            "version `source` asks for a build",
            vec![("CLERK_LINT_VERSION", "source")],
        ),
    ] {
        let step = job.step("action-install.sh", &[], &env);
        assert_eq!(step.code(), Some(0), "{why}: {}", describe(&step.out));
        assert!(
            step.stdout().contains(why),
            "{why}: {}",
            describe(&step.out)
        );
        assert_eq!(step.outputs.get("build").map(String::as_str), Some("true"));
        assert!(!step.outputs.contains_key("bin"));
        let hash = &step.outputs["source-hash"];
        assert!(
            hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{hash}"
        );
        assert!(step.outputs["build-root"].ends_with("/clerk-lint-build"));
    }

    // A version that is not one: refused before anything else.
    let evil = job.step(
        "action-install.sh",
        &[],
        &[("CLERK_LINT_VERSION", "1.0.0; touch x")],
    );
    assert_eq!(evil.code(), Some(2), "{}", describe(&evil.out));
}

#[cfg(unix)]
#[test]
fn action_build_runs_cargo_install_locked_from_the_action_source_once() {
    use std::os::unix::fs::PermissionsExt;
    let mut job = Job::new(&[]);

    // A stand-in for cargo: records its arguments and "installs" the test binary into --root.
    let fake = job.dir().join("fake-bin");
    std::fs::create_dir_all(&fake).unwrap();
    let log = job.dir().join("cargo-calls");
    let stub = format!(
        "#!/usr/bin/env bash\nset -eu\necho \"$*\" >>'{log}'\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = --root ]; then root=\"$2\"; fi\n  shift\ndone\nmkdir -p \"$root/bin\"\ncp '{bin}' \"$root/bin/clerk-lint\"\n",
        log = log.display(),
        bin = env!("CARGO_BIN_EXE_clerk-lint"),
    );
    std::fs::write(fake.join("cargo"), stub).unwrap();
    std::fs::set_permissions(fake.join("cargo"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", fake.display(), std::env::var("PATH").unwrap());
    let build_root = job.dir().join("runner-temp/clerk-lint-build");
    let build_root = build_root.to_string_lossy();
    let env = [
        ("PATH", path.as_str()),
        ("CLERK_LINT_BUILD_ROOT", &*build_root),
    ];

    let first = job.step("action-install.sh", &["build"], &env);
    assert_eq!(first.code(), Some(0), "{}", describe(&first.out));
    let calls = read(&log);
    let manifest_dir = root().canonicalize().unwrap();
    assert_eq!(
        calls.trim(),
        format!(
            "install --locked --force --path {} --root {build_root}",
            manifest_dir.display()
        )
    );
    let bin = format!("{build_root}/bin/clerk-lint");
    assert_eq!(first.outputs.get("bin"), Some(&bin));

    // The same source again (as after a cache hit): no second build.
    let second = job.step("action-install.sh", &["build"], &env);
    assert_eq!(second.code(), Some(0), "{}", describe(&second.out));
    assert_eq!(read(&log).lines().count(), 1, "cargo ran again");
    assert!(text(&second.out.stderr).contains("reusing"));
    assert_eq!(second.outputs.get("bin"), Some(&bin));

    // The built binary runs the check.
    let run = job.step(
        "action-run.sh",
        &[],
        &[
            ("CLERK_LINT_BIN", &bin),
            ("CLERK_LINT_PATH", "."),
            ("PATH", &path),
        ],
    );
    assert_eq!(run.code(), Some(0), "{}", describe(&run.out));
    assert_eq!(run.outputs.get("findings").map(String::as_str), Some("0"));
}

/// The lines of `run:` scripts in a workflow or action file (the `run:` line and, for a block
/// scalar, the more-indented lines after it).
fn run_scripts(yaml: &str) -> Vec<(usize, String)> {
    let run = regex::Regex::new(r"^(\s*)(?:-\s+)?run:\s*(.*)$").unwrap();
    let mut found = Vec::new();
    let lines: Vec<&str> = yaml.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if let Some(c) = run.captures(lines[i]) {
            let indent = c[1].len();
            found.push((i + 1, c[2].to_string()));
            if c[2].starts_with('|') || c[2].starts_with('>') {
                i += 1;
                while i < lines.len()
                    && (lines[i].trim().is_empty()
                        || lines[i].len() - lines[i].trim_start().len() > indent)
                {
                    found.push((i + 1, lines[i].to_string()));
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
    found
}

#[test]
fn action_yml_passes_inputs_to_the_shell_through_env_only() {
    let action = read(&root().join("action.yml"));
    let scripts = run_scripts(&action);
    assert!(scripts.len() >= 3, "no run: steps found in action.yml");
    for (line, script) in &scripts {
        assert!(
            !script.contains("${{"),
            "action.yml:{line}: an expression inside run: ({script})"
        );
    }
    // Every `inputs.` expression is a whole `env:` value.
    let env_value =
        regex::Regex::new(r"^\s+[A-Z][A-Z0-9_]*: \$\{\{ inputs\.[a-z-]+ \}\}$").unwrap();
    for (i, line) in action.lines().enumerate() {
        if line.contains("inputs.") && line.contains("${{") {
            assert!(
                env_value.is_match(line),
                "action.yml:{}: `inputs.` outside an env: value: {line}",
                i + 1
            );
        }
    }
    for input in [
        "path",
        "args",
        "version",
        "fail-on",
        "sarif-file",
        "summary",
        "routes-html",
    ] {
        assert!(
            action.contains(&format!("\n  {input}:\n")),
            "input `{input}` missing"
        );
        assert!(
            action.contains(&format!("${{{{ inputs.{input} }}}}")),
            "input `{input}` is never used"
        );
    }
    for output in ["findings", "sarif-file", "routes-html"] {
        assert!(
            action.contains(&format!("\n  {output}:\n")),
            "output `{output}` missing"
        );
    }
    assert!(action.contains("using: composite"));

    // Our own workflows follow the same rule.
    for workflow in ["ci.yml", "release.yml"] {
        let yaml = read(&root().join(".github/workflows").join(workflow));
        for (line, script) in run_scripts(&yaml) {
            assert!(
                !script.contains("${{"),
                "{workflow}:{line}: an expression inside run: ({script})"
            );
        }
    }
}

/// The crate's version, from Cargo.toml.
fn cargo_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[test]
fn the_action_default_version_is_the_crate_version() {
    let action = read(&root().join("action.yml"));
    let mut lines = action
        .lines()
        .skip_while(|l| !l.contains("# DEFAULT_VERSION"));
    lines
        .next()
        .expect("a `# DEFAULT_VERSION` comment in action.yml");
    let default = lines.next().expect("the default after DEFAULT_VERSION");
    assert_eq!(
        default.trim(),
        format!("default: \"{}\"", cargo_version()),
        "action.yml's default version must be the crate's (scripts/bump-version.sh sets both)"
    );
    // The README pins this release in its snippets.
    let readme = read(&root().join("README.md"));
    let pinned = format!("clerk-lint/clerk-lint@v{}", cargo_version());
    assert!(readme.contains(&pinned), "README.md lacks {pinned}");
    assert!(readme.contains(&format!("rev: v{}", cargo_version())));
}

/// The directories under npm/: the launcher `clerk-lint` and one per platform package.
fn npm_package_dirs() -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir(root().join("npm"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

/// The npm distribution agrees with itself and with the release workflow: every platform
/// package is an optionalDependency of the launcher at the crate's version, the launcher's
/// table names it, and the release workflow builds its Rust target.
#[test]
fn npm_packages_match_the_launcher_and_the_release_targets() {
    let launcher: serde_json::Value =
        serde_json::from_str(&read(&root().join("npm/clerk-lint/package.json"))).unwrap();
    assert_eq!(launcher["version"], cargo_version().as_str());
    assert_eq!(launcher["bin"]["clerk-lint"], "bin/clerk-lint.js");
    assert!(
        launcher.get("dependencies").is_none(),
        "the launcher has no dependencies"
    );
    let optional = launcher["optionalDependencies"].as_object().unwrap();
    let script = read(&root().join("npm/clerk-lint/bin/clerk-lint.js"));
    let release = read(&root().join(".github/workflows/release.yml"));
    let platforms: Vec<String> = npm_package_dirs()
        .into_iter()
        .filter(|d| d != "clerk-lint")
        .collect();
    assert_eq!(platforms.len(), 7, "{platforms:?}");
    assert_eq!(optional.len(), platforms.len(), "{optional:?}");
    for p in &platforms {
        let manifest: serde_json::Value =
            serde_json::from_str(&read(&root().join("npm").join(p).join("package.json"))).unwrap();
        let name = format!("@clerk-lint/{p}");
        assert_eq!(manifest["name"], name.as_str());
        assert_eq!(manifest["version"], cargo_version().as_str(), "{p}");
        assert_eq!(optional[&name], cargo_version().as_str(), "{p}");
        assert!(
            script.contains(&format!("\"{name}\"")),
            "the launcher lacks {name}"
        );
        let target = manifest["clerkLintTarget"].as_str().unwrap();
        assert!(
            release.contains(&format!("- target: {target}\n")),
            "release.yml does not build {target} for {p}"
        );
        let (os, cpu) = (
            manifest["os"][0].as_str().unwrap(),
            manifest["cpu"][0].as_str().unwrap(),
        );
        assert!(
            p.starts_with(&format!("{os}-{cpu}")),
            "{p}: os {os}, cpu {cpu}"
        );
        if os == "linux" {
            let libc = if p.ends_with("-musl") {
                "musl"
            } else {
                "glibc"
            };
            assert_eq!(manifest["libc"][0], libc, "{p}");
        }
        let exe = if os == "win32" {
            "clerk-lint.exe"
        } else {
            "clerk-lint"
        };
        assert_eq!(manifest["files"], serde_json::json!([exe]), "{p}");
    }
}

#[cfg(unix)]
#[test]
fn bump_version_updates_every_place_the_version_appears() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("scripts")).unwrap();
    for f in [
        "Cargo.toml",
        "Cargo.lock",
        "CHANGELOG.md",
        "README.md",
        "action.yml",
    ] {
        std::fs::copy(root().join(f), d.join(f)).unwrap();
    }
    std::fs::copy(
        root().join("scripts/bump-version.sh"),
        d.join("scripts/bump-version.sh"),
    )
    .unwrap();
    let npm_packages = npm_package_dirs();
    for p in &npm_packages {
        std::fs::create_dir_all(d.join("npm").join(p)).unwrap();
        std::fs::copy(
            root().join("npm").join(p).join("package.json"),
            d.join("npm").join(p).join("package.json"),
        )
        .unwrap();
    }
    let old = cargo_version();
    // Compare links, as Keep a Changelog suggests, once there are releases.
    let mut changelog = read(&d.join("CHANGELOG.md"));
    changelog.push_str(&format!(
        "\n[Unreleased]: https://github.com/clerk-lint/clerk-lint/compare/v{old}...HEAD\n"
    ));
    std::fs::write(d.join("CHANGELOG.md"), changelog).unwrap();

    let new = "98.7.6";
    let out = Command::new("bash")
        .arg(d.join("scripts/bump-version.sh"))
        .arg(new)
        .env("RELEASE_DATE", "2030-01-02")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));

    let cargo = read(&d.join("Cargo.toml"));
    assert!(
        cargo.contains(&format!("\nversion = \"{new}\"\n")),
        "{cargo}"
    );
    let lock = read(&d.join("Cargo.lock"));
    assert!(lock.contains(&format!("name = \"clerk-lint\"\nversion = \"{new}\"\n")));
    assert_eq!(lock.matches(&format!("\"{new}\"")).count(), 1);
    assert_eq!(
        lock.replace(
            &format!("version = \"{new}\""),
            &format!("version = \"{old}\"")
        ),
        read(&root().join("Cargo.lock")),
        "only the clerk-lint entry changes"
    );

    let changelog = read(&d.join("CHANGELOG.md"));
    assert!(
        changelog.contains(&format!("## [Unreleased]\n\n## [{new}] - 2030-01-02\n")),
        "{changelog}"
    );
    assert_eq!(changelog.matches("## [Unreleased]").count(), 1);
    assert!(changelog.contains(&format!(
        "[Unreleased]: https://github.com/clerk-lint/clerk-lint/compare/v{new}...HEAD\n[{new}]: https://github.com/clerk-lint/clerk-lint/compare/v{old}...v{new}\n"
    )));

    let readme = read(&d.join("README.md"));
    assert!(readme.contains(&format!("clerk-lint/clerk-lint@v{new}")));
    assert!(readme.contains(&format!("rev: v{new}")));
    assert!(readme.contains(&format!("releases/download/v{new}\n")));
    assert!(
        !readme.contains(&format!("v{old}")) && !readme.contains(&format!("\"{old}\"")),
        "README.md still mentions {old}"
    );

    let action = read(&d.join("action.yml"));
    assert!(action.contains(&format!("default: \"{new}\"")));

    let launcher = read(&d.join("npm/clerk-lint/package.json"));
    // Its own version and one per platform package.
    assert_eq!(
        launcher.matches(&format!("\"{new}\"")).count(),
        npm_packages.len(),
        "{launcher}"
    );
    for p in &npm_packages {
        let manifest = read(&d.join("npm").join(p).join("package.json"));
        assert!(
            manifest.contains(&format!("\"version\": \"{new}\"")) && !manifest.contains(&old),
            "{p}: {manifest}"
        );
    }

    // Nothing else in the files changed: the same bump back restores them.
    let back = Command::new("bash")
        .arg(d.join("scripts/bump-version.sh"))
        .arg(&old)
        .env("RELEASE_DATE", "2030-01-02")
        .output()
        .unwrap();
    assert_eq!(back.status.code(), Some(0), "{}", describe(&back));
    for f in ["Cargo.toml", "Cargo.lock", "README.md", "action.yml"] {
        assert_eq!(read(&d.join(f)), read(&root().join(f)), "{f}");
    }
    for p in &npm_packages {
        let f = format!("npm/{p}/package.json");
        assert_eq!(read(&d.join(&f)), read(&root().join(&f)), "{f}");
    }

    // Bad arguments.
    for args in [&[][..], &["one.two"][..], &[old.as_str()][..]] {
        let bad = Command::new("bash")
            .arg(d.join("scripts/bump-version.sh"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(bad.status.code(), Some(2), "{args:?}: {}", describe(&bad));
    }
}

// ---------------------------------------------------------------------------------------------
// pre-commit

/// How to run pre-commit: `python3 -m pre_commit` with this PYTHONPATH (None: installed).
#[cfg(unix)]
fn pre_commit() -> Result<Option<PathBuf>, String> {
    static PRE_COMMIT: std::sync::OnceLock<Result<Option<PathBuf>, String>> =
        std::sync::OnceLock::new();
    PRE_COMMIT
        .get_or_init(|| {
            let works = |pythonpath: Option<&Path>| {
                let mut c = Command::new("python3");
                c.args(["-m", "pre_commit", "--version"]);
                if let Some(p) = pythonpath {
                    c.env("PYTHONPATH", p);
                }
                c.output().is_ok_and(|o| o.status.success())
            };
            if works(None) {
                return Ok(None);
            }
            let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-py");
            if works(Some(&target)) {
                return Ok(Some(target));
            }
            let install = Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--target",
                ])
                .arg(&target)
                .arg("pre-commit")
                .output()
                .map_err(|e| format!("python3 is not available: {e}"))?;
            if install.status.success() && works(Some(&target)) {
                Ok(Some(target))
            } else {
                Err(format!(
                    "pip could not install pre-commit: {}",
                    text(&install.stderr)
                ))
            }
        })
        .clone()
}

#[cfg(unix)]
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", describe(&out));
}

/// A git repository holding `files` (paths relative to this repository) and committed.
#[cfg(unix)]
fn hook_repo(dir: &Path, files: &[&str]) {
    fn copy_tree(from: &Path, to: &Path) {
        if from.is_dir() {
            std::fs::create_dir_all(to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                copy_tree(&entry.path(), &to.join(entry.file_name()));
            }
        } else {
            std::fs::copy(from, to).unwrap();
        }
    }
    std::fs::create_dir_all(dir).unwrap();
    for f in files {
        if root().join(f).exists() {
            copy_tree(&root().join(f), &dir.join(f));
        }
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "hooks"]);
}

/// A git repository whose root is a copy of a fixture app, committed, with nothing staged: the
/// hooks run only because of `always_run: true`.
#[cfg(unix)]
fn app_repo(dir: &Path, case: &str) {
    copy_fixture(case, dir);
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "app"]);
}

/// `pre-commit try-repo HOOK_REPO HOOK_ID --verbose` inside `app`.
#[cfg(unix)]
fn try_repo(
    pythonpath: &Option<PathBuf>,
    home: &Path,
    hook_repo: &Path,
    hook: &str,
    app: &Path,
    path_prefix: Option<&Path>,
) -> Output {
    let mut c = Command::new("python3");
    c.args(["-m", "pre_commit", "try-repo"])
        .arg(hook_repo)
        .args([hook, "--verbose", "--color", "never"])
        .current_dir(app)
        .env("PRE_COMMIT_HOME", home)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLERK_LINT_OUTPUT_FORMAT")
        .env_remove("SKIP")
        .env("NO_COLOR", "1");
    if let Some(p) = pythonpath {
        c.env("PYTHONPATH", p);
    }
    if let Some(dir) = path_prefix {
        c.env(
            "PATH",
            format!("{}:{}", dir.display(), std::env::var("PATH").unwrap()),
        );
    }
    c.output().expect("run pre-commit")
}

#[cfg(unix)]
#[test]
fn pre_commit_system_hook_checks_the_whole_project() {
    let pythonpath = match pre_commit() {
        Ok(p) => p,
        Err(why) => {
            skip_unless_ci(&why);
            return;
        }
    };
    let tmp = tempfile::tempdir().unwrap();
    let hooks = tmp.path().join("hooks");
    hook_repo(&hooks, &[".pre-commit-hooks.yaml"]);
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .parent()
        .unwrap();

    let demo = tmp.path().join("demo");
    app_repo(&demo, "demo-app");
    let out = try_repo(
        &pythonpath,
        &tmp.path().join("pre-commit-home"),
        &hooks,
        "clerk-lint-system",
        &demo,
        Some(bin_dir),
    );
    let log = describe(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("clerk-lint (system)"), "{log}");
    assert!(log.contains("Failed"), "{log}");
    // Findings in files the commit did not touch: the whole project was checked.
    assert!(
        log.contains("src/app/actions/projects.ts:12:23: error[missing-auth]"),
        "{log}"
    );
    assert!(
        log.contains(".env.local:8:1: error[deprecated-env-var]"),
        "{log}"
    );

    let clean = tmp.path().join("clean");
    app_repo(&clean, "cli-clean-app");
    let out = try_repo(
        &pythonpath,
        &tmp.path().join("pre-commit-home"),
        &hooks,
        "clerk-lint-system",
        &clean,
        Some(bin_dir),
    );
    let log = describe(&out);
    assert_eq!(out.status.code(), Some(0), "{log}");
    assert!(log.contains("Passed"), "{log}");

    // The README's `.pre-commit-config.yaml` form (repo, rev, hooks) with `pre-commit run`.
    let rev = text(
        &Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(&hooks)
            .output()
            .unwrap()
            .stdout,
    );
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: clerk-lint-system\n",
        hooks.display(),
        rev.trim()
    );
    std::fs::write(clean.join(".pre-commit-config.yaml"), config).unwrap();
    // A finding in a file this commit does not touch still fails the hook.
    std::fs::write(
        clean.join("app/api/me/route.ts"),
        "export async function GET() {\n  return Response.json({ ok: true });\n}\n",
    )
    .unwrap();
    git(&clean, &["commit", "-q", "-am", "an unprotected route"]);
    git(&clean, &["add", ".pre-commit-config.yaml"]);
    let mut run = Command::new("python3");
    run.args(["-m", "pre_commit", "run", "--color", "never"])
        .current_dir(&clean)
        .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-home"))
        .env_remove("GITHUB_ACTIONS")
        .env_remove("CLERK_LINT_OUTPUT_FORMAT")
        .env_remove("SKIP")
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        );
    if let Some(p) = &pythonpath {
        run.env("PYTHONPATH", p);
    }
    let out = run.output().unwrap();
    let log = describe(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(
        log.contains("clerk-lint (system)") && log.contains("Failed"),
        "{log}"
    );
    assert!(
        log.contains("app/api/me/route.ts:1:23: error[missing-auth]"),
        "{log}"
    );
}

#[cfg(unix)]
#[test]
fn pre_commit_rust_hook_builds_from_source_and_checks_the_project() {
    if std::env::var_os("CLERK_LINT_SLOW_TESTS").is_none_or(|v| v != "1") {
        eprintln!(
            "skipped: the `language: rust` hook builds clerk-lint from scratch; set CLERK_LINT_SLOW_TESTS=1 (.ci/run does)"
        );
        return;
    }
    let pythonpath = match pre_commit() {
        Ok(p) => p,
        Err(why) => {
            skip_unless_ci(&why);
            return;
        }
    };
    let tmp = tempfile::tempdir().unwrap();
    // What pre-commit clones at `rev`: the crate and the hook manifest.
    let hooks = tmp.path().join("hooks");
    hook_repo(
        &hooks,
        &[
            ".pre-commit-hooks.yaml",
            "Cargo.toml",
            "Cargo.lock",
            "README.md",
            "build.rs",
            "src",
        ],
    );
    // try-repo installs the hook into a fresh store every time: one run builds and checks.
    let demo = tmp.path().join("demo");
    app_repo(&demo, "demo-app");
    let started = std::time::Instant::now();
    let out = try_repo(
        &pythonpath,
        &tmp.path().join("pre-commit-home"),
        &hooks,
        "clerk-lint",
        &demo,
        None,
    );
    let elapsed = started.elapsed();
    let log = describe(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("Installing environment for"), "{log}");
    assert!(
        log.contains("clerk-lint....") && log.contains("Failed"),
        "{log}"
    );
    assert!(
        log.contains("src/app/actions/projects.ts:12:23: error[missing-auth]"),
        "{log}"
    );
    eprintln!(
        "pre-commit `language: rust` hook: cargo install of the hook and one run took {:.0} s",
        elapsed.as_secs_f64()
    );
}
