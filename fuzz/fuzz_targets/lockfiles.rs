//! The lockfile readers (npm, pnpm, yarn, bun) and the package.json reader on arbitrary text:
//! no panic, and resolving a Clerk package in any parsed lockfile ends.
#![no_main]

use clerk_lint::project::lockfile::{Lockfile, Query};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "package-lock.json",
    "npm-shrinkwrap.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "bun.lock",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = clerk_lint::fsio::decode(rest.to_vec());
    let name = NAMES[selector as usize % NAMES.len()];
    if let Some(lock) = Lockfile::parse(name, &text) {
        for importer in ["", "apps/web"] {
            let _ = lock.resolve(&Query {
                importer,
                app_name: Some("web"),
                name: "@clerk/nextjs",
                spec: "^6.0.0",
            });
        }
    }
    let _ = clerk_lint::project::Project::load(&[(
        std::path::PathBuf::from("/nonexistent/package.json"),
        "package.json".to_string(),
        text.as_str(),
    )]);
});
