//! The whole single-app analysis on a generated file tree: the input is split into files
//! (`\0name\0content` records), written to a temp dir under a Next.js app skeleton, and
//! checked with every rule. No panic, no stack overflow, and no planted-looking secret in any
//! rendered output.
#![no_main]

use std::collections::HashMap;
use std::sync::Arc;

use clerk_lint::lint::{self, Settings};
use clerk_lint::output::{self, Format, RenderCtx, Summary};
use libfuzzer_sys::fuzz_target;

/// File names the input picks from by index, so the fuzzer reaches every reader.
const NAMES: &[&str] = &[
    "package.json",
    "middleware.ts",
    "src/middleware.ts",
    "app/api/a/route.ts",
    "app/api/[id]/route.ts",
    "app/actions.ts",
    "pages/api/b.ts",
    "src/lib/auth.ts",
    ".env",
    ".env.local",
    "tsconfig.json",
    "package-lock.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "vercel.json",
    ".github/workflows/ci.yml",
    "docker-compose.yml",
    "Dockerfile",
    "clerk-lint.toml",
    "app/page.tsx",
];

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path();
    let mut wrote_pkg = false;
    for record in data.split(|&b| b == 0xff).take(12) {
        let Some((&which, content)) = record.split_first() else {
            continue;
        };
        let name = NAMES[which as usize % NAMES.len()];
        wrote_pkg |= name == "package.json";
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(&path, content);
    }
    if !wrote_pkg {
        let _ = std::fs::write(
            root.join("package.json"),
            r#"{"name":"f","dependencies":{"next":"15.0.0","@clerk/nextjs":"6.0.0"}}"#,
        );
    }
    // As the binary does: the run on a thread with the workers' large stack.
    let root_path = root.to_path_buf();
    let outcome = std::thread::Builder::new()
        .stack_size(lint::WORKER_STACK)
        .spawn(move || {
            let settings = Settings::with_rules(clerk_lint::rules::ALL.to_vec());
            lint::run(&[root_path], &settings).ok()
        })
        .expect("thread")
        .join()
        .expect("the run panicked");
    let Some(outcome) = outcome else {
        return;
    };
    let summary = Summary::default();
    let sources: HashMap<String, Arc<str>> = outcome.sources.clone();
    let ctx = RenderCtx {
        sources: &sources,
        summary: &summary,
        color: false,
        quiet: false,
        tool_version: "0",
    };
    for format in [
        Format::Full,
        Format::Concise,
        Format::Json,
        Format::Github,
        Format::Sarif,
    ] {
        let mut buf = Vec::new();
        let mut sink = clerk_lint::sink::Sink::new(&mut buf, clerk_lint::sink::Medium::Plain);
        output::render(format, &outcome.diagnostics, &ctx, &mut sink).expect("render");
        drop(sink);
    }
});
