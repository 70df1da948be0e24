//! Hostile input (issue 14): planted secrets that must never leave the process, files that
//! crash, hang or hide, writes that leave the root, names that inject commands. Every input is
//! generated in a temp dir; the whole suite finishes in seconds.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_clerk-lint"));
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLERK_LINT_OUTPUT_FORMAT")
        .env_remove("CLERK_SECRET_KEY")
        .env_remove("CLERK_PUBLISHABLE_KEY")
        .env_remove("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY")
        .env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Runs `cmd` with a deadline: a hang is a failure, not a stuck suite.
fn run_within(mut cmd: Command, secs: u64) -> Output {
    use std::io::Read;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn clerk-lint");
    // Drain both pipes while waiting, so a large output cannot block the child.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out_pipe.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err_pipe.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = err_t.join().unwrap();
            panic!(
                "clerk-lint did not finish within {secs}s; stderr: {}",
                String::from_utf8_lossy(&stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    }
}

fn run(cmd: Command) -> Output {
    run_within(cmd, 60)
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

// ---------------------------------------------------------------------------------------------
// Secrets

/// `n` random base62 characters (xorshift seeded from the clock and the pid: a fresh secret
/// every run, so no fixed string can be special-cased).
fn random_body(n: usize, salt: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        ^ (u64::from(std::process::id()) << 32)
        ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut s = String::with_capacity(n);
    while s.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push(ALPHABET[(x % 62) as usize] as char);
    }
    // At least one digit and one letter, like a real key.
    s.replace_range(0..2, "q7");
    s
}

struct Planted {
    /// (prefix, body): the prefix may be printed (`sk_live_****`), no part of the body may.
    secrets: Vec<(&'static str, String)>,
}

impl Planted {
    fn new() -> Self {
        Self {
            secrets: Vec::new(),
        }
    }

    fn add(&mut self, prefix: &'static str) -> String {
        let body = random_body(32, self.secrets.len() as u64 + 1);
        let whole = format!("{prefix}{body}");
        self.secrets.push((prefix, body));
        whole
    }

    /// Fails when any 8-character window of a planted secret that is not inside its prefix
    /// appears in `out`.
    fn assert_absent(&self, what: &str, out: &str) {
        for (prefix, body) in &self.secrets {
            let whole = format!("{prefix}{body}");
            let bytes = whole.as_bytes();
            for start in 0..=bytes.len() - 8 {
                if start + 8 <= prefix.len() {
                    continue;
                }
                let window = &whole[start..start + 8];
                assert!(
                    !out.contains(window),
                    "{what}: a piece of a planted secret (`{window}`) leaked:\n{out}"
                );
            }
        }
    }
}

/// A project with a secret planted in every kind of file clerk-lint reads.
fn plant_everywhere(dir: &Path) -> Planted {
    let mut p = Planted::new();
    write(
        dir,
        "package.json",
        r#"{"name":"t","dependencies":{"next":"15.0.0","@clerk/nextjs":"6.0.0"}}"#,
    );
    write(
        dir,
        ".env",
        &format!(
            "CLERK_SECRET_KEY={}\nCLERK_API_KEY={}\nCLERK_MACHINE_SECRET_KEY={}\nCLERK_WEBHOOK_SIGNING_SECRET={}\nDATABASE_PASSWORD={}\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_aGFwcHktaGVuLTQyLmNsZXJrLmFjY291bnRzLmRldiQ\n",
            p.add("sk_live_"),
            p.add("test_"),
            p.add("ak_"),
            p.add("whsec_"),
            p.add("")
        ),
    );
    // A deprecated name with a key: `--fix` / `--diff` rename it.
    write(
        dir,
        ".env.production",
        &format!(
            "CLERK_API_KEY={}\nNEXT_PUBLIC_CLERK_SECRET_KEY={}\n",
            p.add("sk_live_"),
            p.add("sk_test_")
        ),
    );
    write(
        dir,
        "src/app/api/x/route.ts",
        &format!(
            "const key = \"{}\";\nconst machine = \"{}\";\nexport async function GET() {{ return Response.json({{ key, machine }}); }}\n",
            p.add("sk_live_"),
            p.add("ak_")
        ),
    );
    write(
        dir,
        "src/lib/clerk.js",
        &format!(
            "import {{ createClerkClient }} from '@clerk/backend';\nexport const c = createClerkClient({{ secretKey: process.env.CLERK_API_KEY, apiKey: '{}' }});\n",
            p.add("sk_test_")
        ),
    );
    write(
        dir,
        ".github/workflows/ci.yml",
        &format!(
            "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      CLERK_SECRET_KEY: {}\n      CLERK_API_KEY: {}\n    steps:\n      - run: echo\n",
            p.add("sk_test_"),
            p.add("live_")
        ),
    );
    write(
        dir,
        "docker-compose.yml",
        &format!(
            "services:\n  web:\n    environment:\n      - CLERK_WEBHOOK_SECRET={}\n",
            p.add("whsec_")
        ),
    );
    write(
        dir,
        "Dockerfile",
        &format!("FROM node\nENV CLERK_SECRET_KEY={}\n", p.add("sk_live_")),
    );
    write(
        dir,
        "vercel.json",
        &format!(
            "{{\"env\": {{\"CLERK_SECRET_KEY\": \"{}\"}}}}\n",
            p.add("sk_live_")
        ),
    );
    write(
        dir,
        "README.md",
        &format!("Set `CLERK_WEBHOOK_SECRET={}`\n", p.add("whsec_")),
    );
    write(
        dir,
        "src/middleware.ts",
        "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\n",
    );
    p
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What a run is called, its arguments, its extra environment.
type RunSpec = (String, Vec<String>, Vec<(&'static str, String)>);

#[test]
fn no_planted_secret_leaves_the_process_in_any_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let app = tmp.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    let mut planted = plant_everywhere(&app);
    let out_dir = tmp.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();

    let mut runs: Vec<RunSpec> = Vec::new();
    for format in ["full", "concise", "json", "github", "sarif"] {
        runs.push((
            format!("check --format {format}"),
            vec!["check".into(), ".".into(), "--format".into(), format.into()],
            vec![],
        ));
        runs.push((
            format!("check --format {format} --statistics"),
            vec![
                "--format".into(),
                format.into(),
                "--statistics".into(),
                ".".into(),
            ],
            vec![],
        ));
    }
    runs.push((
        "full in colour".into(),
        vec![
            "--format".into(),
            "full".into(),
            "--color".into(),
            "always".into(),
            ".".into(),
        ],
        vec![],
    ));
    runs.push(("--diff".into(), vec!["--diff".into(), ".".into()], vec![]));
    let summary = out_dir.join("summary.md");
    runs.push((
        "github with job summary".into(),
        vec![".".into()],
        vec![
            ("GITHUB_ACTIONS", "true".into()),
            ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
        ],
    ));
    let o_file = out_dir.join("o.txt");
    let sarif_file = out_dir.join("s.sarif");
    runs.push((
        "-o and --sarif-output".into(),
        vec![
            "-o".into(),
            o_file.display().to_string(),
            "--sarif-output".into(),
            sarif_file.display().to_string(),
            ".".into(),
        ],
        vec![],
    ));
    let baseline = out_dir.join("baseline.json");
    runs.push((
        "--write-baseline".into(),
        vec![
            "--write-baseline".into(),
            baseline.display().to_string(),
            ".".into(),
        ],
        vec![],
    ));
    runs.push((
        "--config .env".into(),
        vec!["--config".into(), ".env".into(), ".".into()],
        vec![],
    ));
    runs.push((
        "--config .env.production".into(),
        vec!["--config".into(), ".env.production".into(), ".".into()],
        vec![],
    ));
    for format in ["table", "json", "markdown"] {
        runs.push((
            format!("routes --format {format}"),
            vec![
                "routes".into(),
                "--format".into(),
                format.into(),
                ".".into(),
            ],
            vec![],
        ));
    }
    for args in [
        vec!["upgrade", "--format", "full", "."],
        vec!["upgrade", "--format", "json", "."],
        vec!["upgrade", "--diff", "."],
    ] {
        runs.push((
            args.join(" "),
            args.iter().map(|a| a.to_string()).collect(),
            vec![],
        ));
    }
    runs.push(("rules".into(), vec!["rules".into()], vec![]));
    runs.push((
        "rule hardcoded-secret".into(),
        vec!["rule".into(), "hardcoded-secret".into()],
        vec![],
    ));
    // A secret passed where a flag value is expected is echoed by the argument parser.
    let (prefix, body) = planted.secrets[0].clone();
    runs.push((
        "a secret as a bad flag value".into(),
        vec!["--format".into(), format!("{prefix}{body}"), ".".into()],
        vec![],
    ));
    runs.push((
        "a secret as a rule id".into(),
        vec!["rule".into(), format!("{prefix}{body}")],
        vec![],
    ));
    // `instance` on a saved environment answer: the env files hold the secrets.
    // The saved answer holds secrets too: `full` quotes its lines in snippets.
    let env_json = format!(
        "{{\"auth_config\": {{\"note\": \"{}\"}}, \"display_config\": {{\"k\": \"{}\"}}, \"user_settings\": {{}}}}",
        planted.add("ak_"),
        planted.add("sk_live_")
    );
    write(&out_dir, "env.json", &env_json);
    for format in ["full", "concise", "json", "github", "sarif"] {
        runs.push((
            format!("instance --format {format}"),
            vec![
                "instance".into(),
                ".".into(),
                "--environment-json".into(),
                out_dir.join("env.json").display().to_string(),
                "--format".into(),
                format.into(),
                "--explain".into(),
            ],
            vec![],
        ));
    }
    runs.push((
        "instance --environment-json .env".into(),
        vec![
            "instance".into(),
            ".".into(),
            "--environment-json".into(),
            ".env".into(),
            "--format".into(),
            "full".into(),
        ],
        vec![],
    ));

    for (what, args, envs) in &runs {
        let mut cmd = bin();
        cmd.current_dir(&app).args(args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let o = run(cmd);
        planted.assert_absent(what, &text(&o));
    }
    for f in [&summary, &o_file, &sarif_file, &baseline] {
        let written = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        planted.assert_absent(&f.display().to_string(), &written);
    }

    // `--fix` on a copy: its report, and the report of what remains.
    let fixed = tmp.path().join("fixed");
    std::fs::create_dir_all(&fixed).unwrap();
    copy_dir(&app, &fixed);
    let mut cmd = bin();
    cmd.current_dir(&fixed)
        .args(["--fix", "--format", "full", "."]);
    let o = run(cmd);
    planted.assert_absent("--fix", &text(&o));
    let mut cmd = bin();
    cmd.current_dir(&fixed)
        .args(["upgrade", "--fix", "--format", "full", "."]);
    let o = run(cmd);
    planted.assert_absent("upgrade --fix", &text(&o));
}

#[test]
fn legacy_api_keys_and_machine_keys_are_reported_and_masked() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut p = Planted::new();
    write(
        d,
        "package.json",
        r#"{"name":"t","dependencies":{"@clerk/nextjs":"6.0.0"}}"#,
    );
    write(
        d,
        ".env",
        &format!(
            "CLERK_API_KEY={}\nCLERK_MACHINE_SECRET_KEY={}\n",
            p.add("test_"),
            p.add("ak_")
        ),
    );
    write(
        d,
        "src/k.ts",
        &format!("export const m = \"{}\";\n", p.add("ak_")),
    );
    let mut cmd = bin();
    cmd.current_dir(d)
        .args(["--format", "full", "--select", "hardcoded-secret", "."]);
    let o = run(cmd);
    let out = text(&o);
    p.assert_absent("full", &out);
    assert!(
        out.contains("`CLERK_API_KEY` holds a legacy development Clerk API key (`test_****`)"),
        "{out}"
    );
    assert!(
        out.contains("`CLERK_MACHINE_SECRET_KEY` holds a Clerk machine secret key (`ak_****`)"),
        "{out}"
    );
    assert!(out.contains("src/k.ts"), "{out}");
    assert_eq!(o.status.code(), Some(1), "{out}");
}

#[test]
fn a_config_that_is_not_toml_is_named_but_not_quoted() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut p = Planted::new();
    write(d, ".env", &format!("SESSION_TOKEN {}\n", p.add("")));
    let mut cmd = bin();
    cmd.current_dir(d).args(["--config", ".env", "."]);
    let o = run(cmd);
    let out = text(&o);
    p.assert_absent("--config .env", &out);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains(".env: invalid TOML at line 1"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// Inputs that crash or hang

const NEXT_APP: &str = r#"{"name":"t","dependencies":{"next":"15.0.0","@clerk/nextjs":"6.0.0"}}"#;
const OPEN_MW: &str =
    "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\n";

/// A route whose handler returns `open + body + close` repeated `n` times.
fn nested_route(open: &str, body: &str, close: &str, n: usize) -> String {
    format!(
        "export async function GET() {{ const x = {}{body}{}; return Response.json(x); }}\n",
        open.repeat(n),
        close.repeat(n)
    )
}

#[test]
fn deeply_nested_code_is_checked_not_aborted() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "package.json", NEXT_APP);
    write(d, "middleware.ts", OPEN_MW);
    write(
        d,
        "app/api/obj/route.ts",
        &nested_route("{a:", "1", "}", 1_500),
    );
    write(
        d,
        "app/api/paren/route.ts",
        &nested_route("(", "1", ")", 2_000),
    );
    write(
        d,
        "app/api/tpl/route.ts",
        &nested_route("`${", "1", "}`", 1_500),
    );
    write(
        d,
        "app/api/jsx/route.tsx",
        &nested_route("<div>", "", "</div>", 1_500),
    );
    // Past the bound: a parse-error note, and the rest of the project still checked.
    write(
        d,
        "app/api/abyss/route.ts",
        &nested_route("(", "1", ")", 100_000),
    );
    let mut cmd = bin();
    cmd.current_dir(d).args(["--format", "concise", "."]);
    let o = run(cmd);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    for route in ["obj", "paren", "tpl", "jsx"] {
        assert!(
            out.contains(&format!(
                "error[missing-auth] route handler `GET /api/{route}`"
            )),
            "{route}: {out}"
        );
    }
    assert!(
        out.contains("app/api/abyss/route.ts:1:1: warning[parse-error] this file could not be parsed: it nests 100001 levels deep"),
        "{out}"
    );

    let mut cmd = bin();
    cmd.current_dir(d).args(["routes", "."]);
    let o = run(cmd);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    for route in ["obj", "paren", "tpl", "jsx"] {
        assert!(out.contains(&format!("/api/{route}")), "{route}: {out}");
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let st = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(st.success());
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_never_block_or_flood() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "package.json", NEXT_APP);
    write(
        d,
        "app/api/ok/route.ts",
        "export async function GET() { return Response.json(1); }\n",
    );
    for name in [
        "app/api/x/route.ts",
        ".env",
        ".env.local",
        "middleware.ts",
        "tsconfig.json",
        "jsconfig.json",
        "clerk-lint.toml",
        "package-lock.json",
        "pnpm-lock.yaml",
        "yarn.lock",
        "sub/package.json",
        "vercel.json",
    ] {
        mkfifo(&d.join(name));
    }
    std::os::unix::fs::symlink("/dev/zero", d.join(".env.production")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("src/zero.ts")).ok();
    for args in [
        vec!["--format", "concise", "."],
        vec!["routes", "."],
        vec!["--config", "clerk-lint.toml", "."],
    ] {
        let mut cmd = bin();
        cmd.current_dir(d).args(&args);
        let o = run_within(cmd, 30);
        let out = text(&o);
        assert_ne!(o.status.code(), None, "{args:?}: {out}");
        if args[0] != "--config" {
            assert!(out.contains("/api/ok"), "{args:?}: {out}");
        } else {
            assert!(out.contains("not a regular file"), "{out}");
            assert_eq!(o.status.code(), Some(2));
        }
    }

    // `clerk-lint /dev/zero`: refused, not read.
    let mut cmd = bin();
    cmd.arg("/dev/zero");
    let o = run_within(cmd, 10);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("not a regular file or a directory"));

    // `instance` with `.env` linked to /dev/zero, and `--environment-json /dev/zero`.
    let inst = tmp.path().join("inst");
    std::fs::create_dir_all(&inst).unwrap();
    std::os::unix::fs::symlink("/dev/zero", inst.join(".env")).unwrap();
    let mut cmd = bin();
    cmd.current_dir(&inst).args(["instance", "."]);
    let o = run_within(cmd, 10);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let mut cmd = bin();
    cmd.current_dir(&inst).args([
        "instance",
        ".",
        "--publishable-key",
        "pk_test_aGFwcHktaGVuLTQyLmNsZXJrLmFjY291bnRzLmRldiQ",
        "--environment-json",
        "/dev/zero",
    ]);
    let o = run_within(cmd, 10);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("not a regular file"), "{}", text(&o));
}

#[test]
fn size_limit_applies_to_every_read() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "package.json", NEXT_APP);
    write(
        d,
        "big.json",
        &format!(
            "{{\"auth_config\": {{}}, \"pad\": \"{}\"}}",
            "x".repeat(17 * 1024 * 1024)
        ),
    );
    let mut cmd = bin();
    cmd.current_dir(d).args([
        "instance",
        ".",
        "--publishable-key",
        "pk_test_aGFwcHktaGVuLTQyLmNsZXJrLmFjY291bnRzLmRldiQ",
        "--environment-json",
        "big.json",
    ]);
    let o = run_within(cmd, 20);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("larger than the size limit"),
        "{}",
        text(&o)
    );
}

/// `--max-file-size` given on the command line holds for every file read, lockfiles and the
/// config included, not only for the walked sources.
#[test]
fn an_explicit_max_file_size_caps_lockfiles_and_config_too() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "package.json",
        r#"{"name":"t","dependencies":{"next":"15.0.0","@clerk/nextjs":"^6.0.0"}}"#,
    );
    // The lockfile pins a fixed version; padded past 8 KiB with other packages.
    let pad: String = (0..200)
        .map(|i| format!(r#","node_modules/pad-{i}":{{"version":"1.0.{i}"}}"#))
        .collect();
    write(
        d,
        "package-lock.json",
        &format!(
            r#"{{"name":"t","lockfileVersion":3,"packages":{{"":{{"name":"t"}},"node_modules/@clerk/nextjs":{{"version":"6.39.3"}},"node_modules/next":{{"version":"15.5.9"}}{pad}}}}}"#
        ),
    );
    let run = |extra: &[&str]| {
        let mut cmd = bin();
        cmd.current_dir(d)
            .args([".", "--format", "concise", "--select", "vulnerable-version"])
            .args(extra);
        run_within(cmd, 20)
    };
    // Read: the pinned 6.39.3 is fixed.
    let o = run(&[]);
    assert!(!text(&o).contains("vulnerable-version"), "{}", text(&o));
    // Capped at 4 KiB: the lockfile is not read, so only the range is known.
    let o = run(&["--max-file-size", "4KiB"]);
    assert!(
        text(&o).contains("`^6.0.0` allows versions affected"),
        "{}",
        text(&o)
    );
    // A config over the limit is refused, not read.
    write(
        d,
        "clerk-lint.toml",
        &format!("# {}\n[routes]\npublic = []\n", "x".repeat(8 * 1024)),
    );
    let o = run(&["--max-file-size", "4KiB"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[test]
fn a_nul_byte_does_not_hide_a_route_or_a_key() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut p = Planted::new();
    write(d, "package.json", NEXT_APP);
    write(d, "middleware.ts", OPEN_MW);
    write(
        d,
        "app/api/x/route.ts",
        &format!(
            "// a stray \0 byte\nconst k = \"{}\";\nexport async function GET() {{ return Response.json(k); }}\n",
            p.add("sk_live_")
        ),
    );
    write(
        d,
        ".env",
        &format!("# \0\nCLERK_SECRET_KEY={}\n", p.add("sk_live_")),
    );
    // A file of no known kind with a NUL is still skipped as binary.
    write(d, "notes.txt", "binary\0\0\0");
    let mut cmd = bin();
    cmd.current_dir(d).args(["--format", "concise", "."]);
    let o = run(cmd);
    let out = text(&o);
    p.assert_absent("nul", &out);
    assert!(
        out.contains("app/api/x/route.ts:3:23: error[missing-auth]"),
        "{out}"
    );
    assert!(
        out.contains("app/api/x/route.ts:2:12: error[hardcoded-secret]"),
        "{out}"
    );
    assert!(out.contains(".env:2:1: error[hardcoded-secret]"), "{out}");
    assert!(out.contains("(1 skipped: binary)"), "{out}");
}

#[test]
fn a_malformed_package_json_warns_and_the_analysis_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "package.json",
        r#"{"name":"t","dependencies":{"next":"15.0.0","@clerk/nextjs":"6.0.0",},}"#,
    );
    write(d, "middleware.ts", OPEN_MW);
    write(
        d,
        "app/api/x/route.ts",
        "export async function GET() { return Response.json(1); }\n",
    );
    let mut cmd = bin();
    cmd.current_dir(d).args(["--format", "concise", "."]);
    let o = run(cmd);
    let out = text(&o);
    assert!(
        out.contains("warning: `package.json` is not valid JSON"),
        "{out}"
    );
    assert!(
        out.contains("error[missing-auth] route handler `GET /api/x`"),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// Writes and terminal output

/// A deprecated name `--fix` renames: `CLERK_API_KEY` → `CLERK_SECRET_KEY` for @clerk/nextjs 6.
const CLERK6_APP: &str = r#"{"name":"t","dependencies":{"@clerk/nextjs":"6.0.0"}}"#;

#[cfg(unix)]
#[test]
fn fix_never_writes_through_a_symlink_out_of_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside.env");
    std::fs::write(&outside, "CLERK_API_KEY=sk_test_xxx\n").unwrap();
    let root = tmp.path().join("app");
    write(&root, "package.json", CLERK6_APP);
    write(&root, ".env.example", "CLERK_API_KEY=sk_test_xxx\n");
    std::os::unix::fs::symlink(&outside, root.join(".env")).unwrap();
    let mut cmd = bin();
    cmd.current_dir(&root)
        .args(["--fix", "--format", "concise", "."]);
    let o = run(cmd);
    let out = text(&o);
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "CLERK_API_KEY=sk_test_xxx\n",
        "the file outside the root was rewritten: {out}"
    );
    assert!(
        out.contains(
            "not fixing `.env`: it is a symbolic link to a file outside the checked paths"
        ),
        "{out}"
    );
    // A rename across files is made in all of them or in none: the file inside is left as is.
    assert_eq!(
        std::fs::read_to_string(root.join(".env.example")).unwrap(),
        "CLERK_API_KEY=sk_test_xxx\n"
    );
    assert!(!out.contains("clerk-lint: fixed"), "{out}");
    assert!(
        std::fs::symlink_metadata(root.join(".env"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn fix_reports_files_it_left_alone_and_what_it_changed_before_a_failure() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "package.json", CLERK6_APP);
    // Invalid UTF-8 in a comment: the right reason, not "changed while running".
    std::fs::write(root.join(".env"), b"# caf\xe9\nCLERK_API_KEY=sk_test_xxx\n").unwrap();
    let mut cmd = bin();
    cmd.current_dir(root)
        .args(["--fix", "--format", "concise", "."]);
    let o = run(cmd);
    let out = text(&o);
    assert!(
        out.contains("not fixing `.env`: it is not valid UTF-8"),
        "{out}"
    );
    assert!(!out.contains("clerk-lint: fixed"), "{out}");

    // CR-only line endings and a BOM are kept; the file is written atomically (no temp file
    // left) and the counts are of what was written.
    let dir1 = tempfile::tempdir().unwrap();
    let r1 = dir1.path();
    write(r1, "package.json", CLERK6_APP);
    std::fs::write(
        r1.join(".env.example"),
        b"\xEF\xBB\xBF# a\rCLERK_API_KEY=sk_test_xxx\r",
    )
    .unwrap();
    let mut cmd = bin();
    cmd.current_dir(r1)
        .args(["--fix", "--format", "concise", "."]);
    let out = text(&run(cmd));
    assert_eq!(
        std::fs::read(r1.join(".env.example")).unwrap(),
        b"\xEF\xBB\xBF# a\rCLERK_SECRET_KEY=sk_test_xxx\r"
    );
    assert!(out.contains("fixed 1 finding in 1 file"), "{out}");
    let leftovers: Vec<_> = std::fs::read_dir(r1)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    // A write that fails names the files already changed.
    let dir2 = tempfile::tempdir().unwrap();
    let r2 = dir2.path();
    write(r2, "package.json", CLERK6_APP);
    write(r2, "a/.env.example", "CLERK_API_KEY=sk_test_xxx\n");
    write(r2, "b/.env.example", "CLERK_API_KEY=sk_test_xxx\n");
    std::fs::set_permissions(r2.join("b"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = bin();
    cmd.current_dir(r2)
        .args(["--fix", "--format", "concise", "."]);
    let o = run(cmd);
    std::fs::set_permissions(r2.join("b"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = text(&o);
    if std::fs::read_to_string(r2.join("b/.env.example"))
        .unwrap()
        .contains("CLERK_API_KEY")
    {
        // (As root the directory stays writable and nothing fails.)
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(
            out.contains("cannot write `b/.env.example`")
                && out.contains("(already fixed: `a/.env.example`)"),
            "{out}"
        );
    }
}

#[test]
fn names_cannot_inject_workflow_commands_or_terminal_escapes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "package.json", NEXT_APP);
    write(root, "middleware.ts", OPEN_MW);
    let evil_dir = "app/api/x\n::error title=pwned::owned\n::stop-commands::tok\n\u{1b}]0;title\u{7}\u{1b}[2J|y";
    write(
        root,
        &format!("{evil_dir}/route.ts"),
        "export async function GET() { return Response.json(1); }\n",
    );
    // An unreadable file whose name reaches stderr.
    write(
        root,
        "src/x\n::error::from-stderr\u{1b}[31m.ts",
        "const a = 1;\n",
    );
    let check = |args: &[&str], github: bool| -> String {
        let mut cmd = bin();
        cmd.current_dir(root).args(args);
        if github {
            cmd.env("GITHUB_ACTIONS", "true");
        }
        text(&run(cmd))
    };
    for (args, github) in [
        (vec!["--format", "github", "."], true),
        (vec!["--format", "concise", "."], true),
        (vec!["--format", "full", "."], true),
        (vec!["--format", "full", "--color", "always", "."], false),
        (vec!["routes", "."], true),
        (vec!["routes", "--format", "markdown", "."], false),
    ] {
        let out = check(&args, github);
        assert!(out.contains("/route.ts"), "{args:?}: {out}");
        for line in out.lines() {
            let t = line.trim_start();
            if !(args.contains(&"github")) {
                assert!(
                    !t.starts_with("::"),
                    "{args:?}: a workflow command: {line:?}"
                );
            } else {
                assert!(
                    !t.starts_with("::error title=pwned") && !t.starts_with("::stop-commands"),
                    "{args:?}: injected: {line:?}"
                );
            }
            assert!(
                !line.contains("\u{1b}]"),
                "{args:?}: OSC reached the output: {line:?}"
            );
            assert!(
                !line.contains("\u{1b}[2J"),
                "{args:?}: ESC reached the output: {line:?}"
            );
            assert!(
                !line.contains('\u{7}'),
                "{args:?}: BEL reached the output: {line:?}"
            );
        }
        if args.contains(&"markdown") {
            for line in out.lines().filter(|l| l.starts_with('|')) {
                // Every row has its 5 cells: a `|` in a name is escaped.
                let cells = line.replace("\\|", "").matches('|').count();
                assert_eq!(cells, 6, "{line}");
            }
        }
    }
}

#[test]
fn cr_only_and_bom_give_the_right_positions() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "package.json", CLERK6_APP);
    std::fs::write(
        root.join(".env"),
        "# one\r# two\rCLERK_API_KEY=sk_test_xxx\r",
    )
    .unwrap();
    std::fs::write(
        root.join(".env.example"),
        "\u{feff}CLERK_API_KEY=sk_test_xxx\n",
    )
    .unwrap();
    let mut cmd = bin();
    cmd.current_dir(root)
        .args(["--format", "concise", "--select", "deprecated-env-var", "."]);
    let out = text(&run(cmd));
    assert!(out.contains(".env:3:1: error[deprecated-env-var]"), "{out}");
    assert!(
        out.contains(".env.example:1:1: error[deprecated-env-var]"),
        "{out}"
    );
}

#[test]
fn a_file_argument_is_checked_in_its_app_and_roots_do_not_overlap() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "x/package.json", NEXT_APP);
    write(
        root,
        "x/middleware.ts",
        "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher(['/api/open']);\nexport default clerkMiddleware(async (auth, req) => { if (!isPublic(req)) await auth.protect(); });\n",
    );
    for r in ["open", "closed"] {
        write(
            root,
            &format!("x/app/api/{r}/route.ts"),
            "export async function GET() { return Response.json(1); }\n",
        );
    }
    let findings = |args: &[&str]| -> Vec<String> {
        let mut cmd = bin();
        cmd.current_dir(root)
            .args(["--format", "concise", "--select", "missing-auth"])
            .args(args);
        let out = run(cmd);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("missing-auth"))
            .map(str::to_owned)
            .collect()
    };
    let dir_run = findings(&["x"]);
    assert_eq!(dir_run.len(), 1, "{dir_run:?}");
    assert!(
        dir_run[0].starts_with("x/app/api/open/route.ts:"),
        "{dir_run:?}"
    );
    assert_eq!(findings(&["x/app/api/open/route.ts"]), dir_run);
    assert!(findings(&["x/app/api/closed/route.ts"]).is_empty());
    assert_eq!(findings(&["x", "x/./app", "x/app/../app"]), dir_run);
}

/// `pk_test_` + base64(host + "$") without padding, as Clerk builds keys.
fn pk_for(host: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{host}$").into_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    format!("pk_test_{out}")
}

#[test]
fn instance_refuses_internal_hosts() {
    assert_eq!(
        pk_for("happy-hen-42.clerk.accounts.dev"),
        "pk_test_aGFwcHktaGVuLTQyLmNsZXJrLmFjY291bnRzLmRldiQ"
    );
    let tmp = tempfile::tempdir().unwrap();
    for host in [
        "127.0.0.1",
        "0x7f.0.0.1",
        "0177.0.0.1",
        "169.254.169.254",
        "10.1.2.3",
        "api.localhost",
        "db.internal",
    ] {
        let mut cmd = bin();
        cmd.current_dir(tmp.path())
            .args(["instance", ".", "--timeout", "1", "--publishable-key"])
            .arg(pk_for(host));
        let o = run_within(cmd, 20);
        let out = text(&o);
        assert_eq!(o.status.code(), Some(2), "{host}: {out}");
        assert!(out.contains("--allow-any-host"), "{host}: {out}");
    }
}

// ---------------------------------------------------------------------------------------------
// Framework adapters (issue 15 sweep): mount cycles, diamonds, long chains, odd bytes

/// A `package.json` with these dependencies (the inside of `"dependencies": {}`).
fn deps(list: &str) -> String {
    format!(r#"{{"name":"t","type":"module","dependencies":{{{list}}}}}"#)
}

/// `check` and `routes` over `dir` within `secs` each: exit 0 or 1, no panic; the inventory.
fn check_and_routes(dir: &Path, secs: u64) -> String {
    let mut cmd = bin();
    cmd.current_dir(dir).args(["--format", "concise", "."]);
    let o = run_within(cmd, secs);
    let out = text(&o);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    let mut cmd = bin();
    cmd.current_dir(dir).args(["routes", "."]);
    let o = run_within(cmd, secs);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    out
}

#[test]
fn router_mount_cycles_and_diamonds_end_in_linear_time() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // One app per framework, all in one run.
    write(
        d,
        "express/package.json",
        &deps(r#""express":"4.21.2","@clerk/express":"1.7.0""#),
    );
    write(
        d,
        "hono/package.json",
        &deps(r#""hono":"4.7.0","@clerk/hono":"0.1.3""#),
    );
    write(
        d,
        "fastify/package.json",
        &deps(r#""fastify":"5.2.0","@clerk/fastify":"2.4.0""#),
    );
    write(
        d,
        "next/package.json",
        &deps(
            r#""next":"15.0.0","@clerk/nextjs":"6.0.0","next-connect":"1.0.0","@trpc/server":"11.0.0""#,
        ),
    );
    // Express: a router mounting itself, an app mounting itself, A ↔ B across files (ESM and
    // CommonJS), and a diamond: each of 30 routers mounts the next one twice (2^30 paths).
    write(
        d,
        "express/src/self.js",
        "import express from 'express';\nconst app = express();\nconst r = express.Router();\nr.use('/again', r);\nr.get('/x', (q, s) => s.send(1));\napp.use('/self', r);\napp.use(app);\napp.use('/app', app);\n",
    );
    write(
        d,
        "express/src/a.js",
        "import express from 'express';\nimport b from './b.js';\nconst a = express.Router();\na.use('/b', b);\na.get('/a', (q, s) => s.send(1));\nexport default a;\n",
    );
    write(
        d,
        "express/src/b.js",
        "import express from 'express';\nimport a from './a.js';\nconst b = express.Router();\nb.use('/a', a);\nb.get('/b', (q, s) => s.send(1));\nexport default b;\n",
    );
    write(
        d,
        "express/src/c.cjs",
        "const express = require('express');\nconst d = require('./d.cjs');\nconst c = express.Router();\nc.use('/d', d);\nc.post('/c', (q, s) => s.send(1));\nmodule.exports = c;\n",
    );
    write(
        d,
        "express/src/d.cjs",
        "const express = require('express');\nconst c = require('./c.cjs');\nconst d = express.Router();\nd.use('/c', c);\nd.post('/d', (q, s) => s.send(1));\nmodule.exports = d;\n",
    );
    let mut diamond = String::from("import express from 'express';\nconst app = express();\n");
    for i in 0..=30 {
        diamond.push_str(&format!("const r{i} = express.Router();\n"));
    }
    for i in 0..30 {
        diamond.push_str(&format!(
            "r{i}.use('/a', r{});\nr{i}.use('/b', r{});\n",
            i + 1,
            i + 1
        ));
        for k in 0..5 {
            diamond.push_str(&format!("r{i}.get('/k{k}', (q, s) => s.send(1));\n"));
        }
    }
    diamond.push_str(
        "r30.get('/leaf', (q, s) => s.send(1));\napp.use('/diamond', r0);\nimport a from './a.js';\napp.use('/ab', a);\napp.use('/cd', require('./c.cjs'));\n",
    );
    write(d, "express/src/diamond.js", &diamond);
    // Hono: basePath / route cycles across files and a diamond.
    write(
        d,
        "hono/src/index.ts",
        "import { Hono } from 'hono';\nimport sub from './sub';\nconst app = new Hono().basePath('/h');\napp.route('/s', sub);\napp.route('/me', app);\nexport default app;\n",
    );
    write(
        d,
        "hono/src/sub.ts",
        "import { Hono } from 'hono';\nimport app from './index';\nconst sub = new Hono();\nsub.route('/back', app);\nsub.route('/self', sub);\nsub.get('/x', (c) => c.text('x'));\nexport default sub;\n",
    );
    let mut hono = String::from(
        "import { Hono } from 'hono';\nconst h30 = new Hono();\nh30.get('/leaf', (c) => c.text('x'));\n",
    );
    for i in (0..30).rev() {
        hono.push_str(&format!(
            "const h{i} = new Hono();\nh{i}.route('/a', h{});\nh{i}.route('/b', h{});\n",
            i + 1,
            i + 1
        ));
    }
    hono.push_str("export default h0;\n");
    write(d, "hono/src/diamond.ts", &hono);
    // Fastify: plugins registering each other, and a diamond of 30 plugin files.
    write(
        d,
        "fastify/src/server.ts",
        "import Fastify from 'fastify';\nimport p0 from './p0';\nimport loop from './loop';\nconst app = Fastify();\napp.register(p0, { prefix: '/f' });\napp.register(loop, { prefix: '/loop' });\n",
    );
    write(
        d,
        "fastify/src/loop.ts",
        "import loop from './loop';\nexport default async function self(f) { f.register(loop, { prefix: '/again' }); f.register(self); f.get('/x', async () => 1); }\n",
    );
    for i in 0..30 {
        write(
            d,
            &format!("fastify/src/p{i}.ts"),
            &format!(
                "import next from './p{}';\nexport default async function p(f) {{ f.register(next, {{ prefix: '/a' }}); f.register(next, {{ prefix: '/b' }}); f.get('/k', async () => 1); }}\n",
                i + 1
            ),
        );
    }
    write(
        d,
        "fastify/src/p30.ts",
        "export default async function p(f) { f.get('/leaf', async () => 1); }\n",
    );
    // next-connect: a router using itself.
    write(
        d,
        "next/pages/api/nc.ts",
        "import { createRouter } from 'next-connect';\nconst router = createRouter();\nrouter.use(router);\nrouter.use('/a', router);\nrouter.get((req, res) => res.end());\nexport default router.handler();\n",
    );
    // tRPC: routers mounting each other across files, a spread of itself, a diamond.
    write(
        d,
        "next/src/server/trpc.ts",
        "import { initTRPC } from '@trpc/server';\nconst t = initTRPC.create();\nexport const router = t.router;\nexport const mergeRouters = t.mergeRouters;\nexport const publicProcedure = t.procedure;\n",
    );
    write(
        d,
        "next/src/server/x.ts",
        "import { router, publicProcedure } from './trpc';\nimport { y } from './y';\nexport const x = router({ y, self: x, list: publicProcedure.query(() => 1) });\n",
    );
    write(
        d,
        "next/src/server/y.ts",
        "import { router, mergeRouters, publicProcedure } from './trpc';\nimport { x } from './x';\nexport const y = mergeRouters(x, router({ ...y, z: publicProcedure.mutation(() => 1) }));\n",
    );
    let mut trpc = String::from(
        "import { router, publicProcedure } from './trpc';\nimport { x } from './x';\nconst t30 = router({ leaf: publicProcedure.query(() => 1) });\n",
    );
    for i in (0..30).rev() {
        trpc.push_str(&format!(
            "const t{i} = router({{ a: t{}, b: t{} }});\n",
            i + 1,
            i + 1
        ));
    }
    trpc.push_str("export const appRouter = router({ t0, x });\n");
    write(d, "next/src/server/root.ts", &trpc);

    let routes = check_and_routes(d, 30);
    for want in [
        "/diamond/a/a/a/",
        "/ab/a",
        "/cd/c",
        "/f/a/a/",
        "/h/s/x",
        "t0.a.a.a.",
        "x.list",
    ] {
        assert!(routes.contains(want), "{want}: {routes}");
    }
}

#[test]
fn long_lines_and_long_builder_chains_stay_linear() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "hono/package.json",
        &deps(r#""hono":"4.7.0","@clerk/hono":"0.1.3""#),
    );
    write(
        d,
        "express/package.json",
        &deps(r#""express":"4.21.2","@clerk/express":"1.7.0""#),
    );
    // One line of 3,000 chained Hono routes (a position on a long line used to be found by
    // scanning the line: quadratic).
    let chain: String = (0..3_000)
        .map(|i| format!(".get('/r{i}', (c) => c.text('x'))"))
        .collect();
    write(
        d,
        "hono/src/chain.ts",
        &format!(
            "import {{ Hono }} from 'hono';\nconst app = new Hono(){chain};\nexport default app;\n"
        ),
    );
    // 5,000 Express routes in one file, one of them 70,000 characters long (a table column
    // wider than u16::MAX used to panic in `routes`).
    let mut many = String::from("import express from 'express';\nconst app = express();\n");
    for i in 0..5_000 {
        many.push_str(&format!("app.get('/m{i}/:id', (q, s) => s.send(1));\n"));
    }
    many.push_str(&format!(
        "app.get('/{}', (q, s) => s.send(1));\n",
        "w".repeat(70_000)
    ));
    write(d, "express/src/many.js", &many);
    // An axum router built by a chain of 3,000 `.route()` calls (each call cloned the whole
    // router: quadratic).
    write(
        d,
        "api/Cargo.toml",
        "[package]\nname = \"api\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.8\"\nclerk-rs = { version = \"0.4\", features = [\"axum\"] }\n",
    );
    let routes: String = (0..3_000)
        .map(|i| format!(".route(\"/a{i}\", get(h))"))
        .collect();
    write(
        d,
        "api/src/main.rs",
        &format!(
            "use axum::{{Router, routing::get}};\nasync fn h() -> &'static str {{ \"x\" }}\n#[tokio::main]\nasync fn main() {{\n    let app = Router::new(){routes};\n    axum::serve(listener, app).await.unwrap();\n}}\n"
        ),
    );
    let out = check_and_routes(d, 30);
    for want in ["/r2999", "/m4999/:id", "/a2999", &"w".repeat(70_000)] {
        assert!(out.contains(want), "{}", &want[..want.len().min(20)]);
    }
}

#[test]
fn rust_nesting_module_cycles_and_odd_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "Cargo.toml",
        "[package]\nname = \"api\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.8\"\nclerk-rs = { version = \"0.4\", features = [\"axum\"] }\n",
    );
    // syn recursion: 5,000 nested parentheses and blocks; 3,000 nested inline modules (each
    // kept its full path: quadratic); `#[path]` cycles; NUL and invalid UTF-8.
    let main = format!(
        "use axum::{{Router, routing::get}};\n#[path = \"main.rs\"]\nmod again;\n#[path = \"b.rs\"]\nmod b;\n{}pub async fn deep() {{}}{}\nasync fn parens() -> i32 {{ {}1{} }}\nasync fn blocks() -> i32 {{ {}1{} }}\n#[tokio::main]\nasync fn main() {{\n    let app = Router::new().route(\"/parens\", get(parens)).route(\"/blocks\", get(blocks)).route(\"/deep\", get(m::deep));\n    axum::serve(listener, app).await.unwrap();\n}}\n",
        "mod m { ".repeat(3_000),
        " }".repeat(3_000),
        "(".repeat(5_000),
        ")".repeat(5_000),
        "{".repeat(5_000),
        "}".repeat(5_000),
    );
    write(d, "src/main.rs", &main);
    write(
        d,
        "src/b.rs",
        "#[path = \"main.rs\"]\nmod back;\n#[path = \"b.rs\"]\nmod me;\nmod c;\n",
    );
    write(d, "src/b/c.rs", "#[path = \"../b.rs\"]\nmod up;\n");
    let p = d.join("src/odd.rs");
    std::fs::write(
        &p,
        b"use axum::Router;\x00\xff\xfe fn x() { Router::new().route(\"/x\x00\xc3\", get(h)); }\n",
    )
    .unwrap();
    // A diamond of router-building functions, each nesting the next one twice.
    let mut diamond = String::from(
        "use axum::{Router, routing::get};\nasync fn h() {}\npub fn r30() -> Router { Router::new().route(\"/leaf\", get(h)) }\n",
    );
    for i in 0..30 {
        diamond.push_str(&format!(
            "pub fn r{i}() -> Router {{ Router::new().nest(\"/a\", r{}()).nest(\"/b\", r{}()) }}\n",
            i + 1,
            i + 1
        ));
    }
    write(d, "src/diamond.rs", &diamond);
    write(
        d,
        "src/main.rs",
        &main
            .replace("mod again;\n", "mod again;\nmod diamond;\n")
            .replace(
                ".route(\"/deep\", get(m::deep))",
                ".route(\"/deep\", get(m::deep)).merge(diamond::r0())",
            ),
    );
    let out = check_and_routes(d, 30);
    assert!(out.contains("/parens"), "{out}");
}

#[test]
fn odd_component_files_self_importing_routes_and_config_cycles() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "package.json",
        r#"{"name":"t","type":"module","dependencies":{"@sveltejs/kit":"2.16.0","svelte-clerk":"0.13.0","nuxt":"3.16.0","@clerk/nuxt":"1.13.28","astro":"5.2.0","@clerk/astro":"2.17.10","react-router":"7.9.0","@clerk/react-router":"2.1.0","@react-router/dev":"7.9.0"}}"#,
    );
    let bad: &[u8] = b"<script>\x00\xff\xfe export const load = 1; </script>\x00";
    for f in [
        "src/routes/+page.svelte",
        "pages/x.vue",
        "src/pages/a.astro",
    ] {
        let p = d.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bad).unwrap();
    }
    std::fs::write(
        d.join("src/routes/+server.ts"),
        b"export const GET = () => new Response('\x00\xff');\n",
    )
    .unwrap();
    write(
        d,
        "src/pages/dashes.astro",
        &format!("---\n---\n---\n{}", "-".repeat(100_000)),
    );
    // routes.ts importing itself and a file that imports it back; 3,000 nested routes.
    write(
        d,
        "app/routes.ts",
        "import { route, index, prefix, layout } from '@react-router/dev/routes';\nimport self from './routes';\nimport other from './other';\nexport default [index('routes/home.tsx'), ...self, ...other, ...prefix('p', self), route('x', 'routes/x.tsx', self), layout('routes/l.tsx', other)];\n",
    );
    write(
        d,
        "app/other.ts",
        "import r from './routes';\nimport { prefix } from '@react-router/dev/routes';\nexport default [...r, ...prefix('q', r)];\n",
    );
    write(
        d,
        "app/deep.ts",
        &format!(
            "import {{ route }} from '@react-router/dev/routes';\nexport default [{}{}];\n",
            "route('a', 'routes/x.tsx', [".repeat(3_000),
            "])".repeat(3_000)
        ),
    );
    write(
        d,
        "app/routes/x.tsx",
        "export async function loader() { return 1 }\n",
    );
    // tsconfig `extends` cycles and `paths` loops.
    write(
        d,
        "tsconfig.json",
        r#"{"extends":["./a.json","./b.json"],"compilerOptions":{"baseUrl":".","paths":{"@/*":["@/*"],"a/*":["b/*"],"b/*":["a/*"],"*":["*"]}}}"#,
    );
    write(d, "a.json", r#"{"extends":"./b.json"}"#);
    write(d, "b.json", r#"{"extends":"./a.json"}"#);
    write(
        d,
        "app/routes/home.tsx",
        "import x from '@/y';\nimport q from 'a/q';\nexport async function loader() { return x + q }\n",
    );
    // Route directories that loop through symlinks.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", d.join("src/routes/loop")).unwrap();
        std::os::unix::fs::symlink("ping", d.join("app/pong")).unwrap();
        std::os::unix::fs::symlink("pong", d.join("app/ping")).unwrap();
    }
    check_and_routes(d, 30);
}
