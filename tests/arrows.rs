//! The module arrows: every top-level module of `src/` has a layer, and production code only
//! imports modules of its own layer or below (cli → config/walk/rules/output; rules → analysis →
//! source/project; rules and output → diagnostic). Test code (`#[cfg(test)]` items and the
//! files they declare) may reach across for end-to-end assertions and is not checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module and its layer; a module may import only modules of a layer at or
/// below its own. A new top-level module needs a line here.
const LAYERS: &[(&str, u8)] = &[
    // Leaves: no knowledge of clerk-lint's model.
    ("secrets", 0),
    ("parallel", 0),
    ("pattern", 0),
    ("fsio", 1),
    ("sink", 1),
    // The inputs (files, manifests, migration tables) and the plain data that output renders.
    ("source", 2),
    ("project", 2),
    ("migration", 2),
    ("walk", 2),
    ("diagnostic", 2),
    ("inventory", 2),
    // Facts about the inputs: the analysis, fix planning, suppression comments.
    ("analysis", 3),
    ("fix", 3),
    ("suppress", 3),
    // The rules turn facts into diagnostics (and write every message).
    ("rules", 4),
    // Configuration (validates rule ids) and the renderers (read diagnostics and rows).
    ("config", 5),
    ("output", 5),
    // The pipeline, and the plumbing the subcommands share.
    ("lint", 6),
    ("emit", 7),
    // Subcommands and the argument parser.
    ("baseline", 8),
    ("changed", 8),
    ("instance", 8),
    ("upgrade", 8),
    ("cli", 9),
];

/// Arrows named in the architecture rules, checked by name as well so that a change to the
/// layer table cannot quietly allow them.
const FORBIDDEN: &[(&str, &str)] = &[
    ("output", "analysis"),
    ("output", "rules"),
    ("config", "cli"),
    ("config", "analysis"),
    ("source", "rules"),
    ("source", "analysis"),
    ("source", "project"),
    ("diagnostic", "rules"),
    ("fix", "rules"),
    ("suppress", "rules"),
    ("upgrade", "cli"),
    ("instance", "cli"),
    ("analysis", "rules"),
];

#[test]
fn module_arrows_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layer = |m: &str| LAYERS.iter().find(|(n, _)| *n == m).map(|(_, l)| *l);
    let mut problems = Vec::new();
    for (file, from, to) in arrows(&src) {
        if from == to || to == "main" {
            continue;
        }
        let (Some(a), Some(b)) = (layer(&from), layer(&to)) else {
            problems.push(format!(
                "{file}: `{from}` → `{to}`: give every top-level module a layer in tests/arrows.rs"
            ));
            continue;
        };
        if b > a || FORBIDDEN.contains(&(from.as_str(), to.as_str())) {
            problems.push(format!(
                "{file}: `{from}` imports `{to}`, which is above it"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checker itself: a forbidden arrow in code is found; the same text in a comment, a
/// string or a test module is not.
#[test]
fn arrow_scan_reads_code_only() {
    let src = "//! see crate::rules\nuse crate::{diagnostic::X, rules::{self, Y}};\nfn f() { crate::cli::run(); let s = \"crate::output::x\"; let c = '\"'; }\n/* crate::walk */\n#[cfg(test)]\nmod tests {\n    use crate::lint::run;\n}\n#[cfg(test)]\nmod more;\nfn g() -> r#\"x\"# { crate::sink::x(); }\n";
    let (code, test_mods) = code_only(src);
    let got: BTreeSet<String> = imported(&code).into_iter().collect();
    let want: BTreeSet<String> = ["diagnostic", "rules", "cli", "sink"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(got, want, "{code}");
    assert_eq!(test_mods, vec!["more".to_string()]);
}

/// Every (file, from, to) top-level import in the production code under `src`.
fn arrows(src: &Path) -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    collect(src, &mut files);
    files.sort();
    let scanned: Vec<(PathBuf, String, Vec<String>)> = files
        .into_iter()
        .map(|path| {
            let (code, test_mods) = code_only(&std::fs::read_to_string(&path).unwrap());
            (path, code, test_mods)
        })
        .collect();
    // `#[cfg(test)] mod x;` declares a test-only file (`x.rs`, or `x/` with what it holds).
    let mut test_only: Vec<PathBuf> = Vec::new();
    for (path, _, test_mods) in &scanned {
        let dir = match path.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs" | "main.rs") => path.parent().unwrap().to_path_buf(),
            _ => path.with_extension(""),
        };
        for m in test_mods {
            test_only.push(dir.join(format!("{m}.rs")));
            test_only.push(dir.join(m));
        }
    }
    let mut out = Vec::new();
    for (path, code, _) in &scanned {
        if test_only.iter().any(|t| path.starts_with(t)) {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap();
        let from = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        for to in imported(code) {
            out.push((rel.display().to_string(), from.clone(), to));
        }
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules named by `crate::` paths in `code` (`use crate::a::b`,
/// `use crate::{a, b::c}`, `crate::a::f()`, `$crate::a::B`).
fn imported(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while let Some(k) = code[i..].find("crate::") {
        let at = i + k;
        i = at + "crate::".len();
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        if bytes.get(i) == Some(&b'{') {
            // A group: the first segment of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'{' => {
                        depth += 1;
                        item_start = depth == 1;
                    }
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b',' if depth == 1 => item_start = true,
                    c if item_start && (c.is_ascii_alphabetic() || c == b'_') => {
                        let name = ident(&code[j..]);
                        if name != "self" {
                            out.push(name.to_string());
                        }
                        j += name.len();
                        item_start = false;
                        continue;
                    }
                    _ => {}
                }
                j += 1;
            }
        } else {
            let name = ident(&code[i..]);
            if !name.is_empty() {
                out.push(name.to_string());
            }
        }
    }
    out
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// `text` with comments, string and char literals blanked and `#[cfg(test)]` items removed;
/// also the names of the `#[cfg(test)] mod x;` files it declares.
fn code_only(text: &str) -> (String, Vec<String>) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |s: &[u8], out: &mut String| {
        for &c in s {
            out.push(if c == b'\n' { '\n' } else { ' ' });
        }
    };
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = text[i..].find('\n').map_or(b.len(), |e| i + e);
            blank(&b[i..end], &mut out);
            i = end;
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            let mut j = i;
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&b[i..j], &mut out);
            i = j;
        } else if (rest.starts_with(b"r#") || rest.starts_with(b"r\"") || rest.starts_with(b"br"))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
            && raw_string_len(rest).is_some()
        {
            let n = raw_string_len(rest).unwrap();
            blank(&b[i..i + n], &mut out);
            i += n;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&b[i..(j + 1).min(b.len())], &mut out);
            i = j + 1;
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '"'), else a lifetime.
            let n = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..].iter().position(|&c| c == b'\'').map(|p| p + 3)
            } else {
                let ch = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + ch) == Some(&b'\'')).then_some(ch + 2)
            };
            match n {
                Some(n) => {
                    blank(&b[i..i + n], &mut out);
                    i += n;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    // Remove `#[cfg(test)]` items (the code is free of comments and strings now).
    let mut test_mods = Vec::new();
    let mut code = out;
    while let Some(at) = code.find("#[cfg(test)]") {
        let b = code.as_bytes();
        let mut j = at + "#[cfg(test)]".len();
        let item_start = j;
        let mut depth = 0;
        while j < b.len() {
            match b[j] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        j += 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    j += 1;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        let item = &code[item_start..j.min(code.len())];
        let words: Vec<&str> = item
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        if item.trim_end().ends_with(';')
            && let Some(p) = words.iter().position(|w| *w == "mod")
            && let Some(name) = words.get(p + 1)
        {
            test_mods.push(name.to_string());
        }
        let end = j.min(code.len());
        let replaced: String = code[at..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        code.replace_range(at..end, &replaced);
    }
    (code, test_mods)
}

/// The byte length of the raw string literal at the start of `s` (`r"…"`, `r#"…"#`, `br#…`).
fn raw_string_len(s: &[u8]) -> Option<usize> {
    let mut i = usize::from(s.first() == Some(&b'b'));
    if s.get(i) != Some(&b'r') {
        return None;
    }
    i += 1;
    let hashes = s[i..].iter().take_while(|&&c| c == b'#').count();
    i += hashes;
    if s.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    let end = s[i..].windows(close.len()).position(|w| w == close)?;
    Some(i + end + close.len())
}
