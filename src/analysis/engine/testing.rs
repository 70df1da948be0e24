//! Evidence tests over a few source files: the engine over a small project held in memory
//! (path → text), module resolution included; nothing touches the disk.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{AutoImport, Engine, ExportFacts, FileEntry, Vocabulary};
use crate::analysis::resolve::ModuleResolver;

/// The facts of export `name` of the first file, with `files` (`(path, source)`, paths
/// relative to the project root) as the whole project and these vocabulary additions.
/// `auth()` is synchronous (as before `@clerk/nextjs` 6).
pub fn export_facts(
    files: &[(&str, &str)],
    additions: &[&'static Vocabulary],
    name: &str,
) -> Option<ExportFacts> {
    export_facts_with(files, additions, &[], name)
}

/// Like [`export_facts`], with framework auto-imports: `(scope directory, files)`, relative
/// to the project root.
pub fn export_facts_with(
    files: &[(&str, &str)],
    additions: &[&'static Vocabulary],
    auto: &[(&str, &[&str])],
    name: &str,
) -> Option<ExportFacts> {
    // A root that does not exist: nothing may be read from the disk.
    let root = PathBuf::from("/clerk-lint-in-memory");
    let mut map: HashMap<PathBuf, FileEntry> = HashMap::new();
    for (display, text) in files {
        let path = root.join(display);
        map.insert(
            path,
            FileEntry {
                display: display.to_string(),
                text: Arc::from(*text),
            },
        );
    }
    let sync = |_: &str| false;
    let mut engine = Engine::new(&map, &sync);
    engine.resolver = ModuleResolver::in_memory(
        map.iter()
            .map(|(path, entry)| (path.clone(), entry.text.clone()))
            .collect(),
    );
    engine.set_vocabulary(additions);
    engine.set_auto_imports(
        auto.iter()
            .map(|(scope, files)| AutoImport {
                scope: root.join(scope),
                files: files.iter().map(|f| root.join(f)).collect(),
            })
            .collect(),
    );
    let first = root.join(files.first()?.0);
    engine.export(&first, name).map(|(_, facts)| facts)
}
