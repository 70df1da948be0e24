//! Meta-tests: the conventions that keep the rule registry, its docs and fixtures in step.

use std::path::Path;

use clerk_lint::rules::{ALL, markdown_reference};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn rule_ids_are_unique_sorted_kebab_case_and_match_their_file() {
    let ids: Vec<&str> = ALL.iter().map(|r| r.meta().id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "ALL must be sorted by id, without duplicates");
    // `instance/<check>` ids (the instance audit) live in `src/rules/instance/<check>.rs`.
    let kebab = regex::Regex::new(r"^(instance/)?[a-z]+(-[a-z0-9]+)*$").unwrap();
    for id in ids {
        assert!(kebab.is_match(id), "`{id}` is not kebab-case");
        let file = root()
            .join("src/rules")
            .join(format!("{}.rs", id.replace('-', "_")));
        assert!(file.exists(), "rule `{id}` must live in {}", file.display());
    }
}

#[test]
fn every_rule_has_docs_with_the_required_headings_and_a_one_line_summary() {
    for rule in ALL {
        let m = rule.meta();
        let docs = m.docs_markdown();
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(docs.contains(heading), "`{}` docs lack `{heading}`", m.id);
        }
        assert!(
            !m.summary.contains('\n') && !m.summary.ends_with('.'),
            "`{}` summary must be one line without a final period",
            m.id
        );
        assert!(
            m.summary
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '`'),
            "`{}` summary must start lowercase (or with a `code` name)",
            m.id
        );
    }
}

#[test]
fn every_rule_has_a_fixture_and_every_rule_like_fixture_names_a_rule() {
    let ids: Vec<&str> = ALL.iter().map(|r| r.meta().id).collect();
    // `instance/*` rules read a Clerk instance's settings, not an app, so they have no fixture
    // app here: tests/instance.rs serves their payloads (tests/fixtures/instance/) over HTTP.
    for id in ids.iter().filter(|id| !id.starts_with("instance/")) {
        assert!(
            root().join("testdata").join(id).is_dir(),
            "rule `{id}` needs a fixture app at testdata/{id}/"
        );
    }
    // Non-rule cases are prefixed by their area; framework fixture apps are `<framework>-app`.
    const AREAS: &[&str] = &[
        "cli-", "walk-", "project-", "env-", "output-", "upgrade-", "demo-app",
    ];
    for entry in std::fs::read_dir(root().join("testdata")).unwrap() {
        let entry = entry.unwrap();
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_string();
        assert!(
            ids.contains(&name.as_str())
                || AREAS.iter().any(|a| name.starts_with(a))
                || name.ends_with("-app"),
            "testdata/{name} is neither a rule id nor prefixed by an area ({AREAS:?})"
        );
    }
}

#[test]
fn docs_rules_md_is_fresh() {
    let path = root().join("docs/rules.md");
    let generated = markdown_reference();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `UPDATE_GOLDEN=1 cargo test` and commit it"
    );
}

#[test]
fn readme_rule_table_is_fresh() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme
        .find(start)
        .expect("README.md lacks <!-- rules:start -->")
        + start.len();
    let b = readme
        .find(end)
        .expect("README.md lacks <!-- rules:end -->");
    let mut table = String::from("| Rule | Default | What it finds |\n| --- | --- | --- |\n");
    for rule in ALL {
        let m = rule.meta();
        table.push_str(&format!(
            "| [`{}`](docs/rules.md#{}) | {} | {} |\n",
            m.id,
            m.id,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    if readme[a..b] != table {
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            let updated = format!("{}{}{}", &readme[..a], table, &readme[b..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!("the README rule table is stale: run `UPDATE_GOLDEN=1 cargo test` and commit it");
    }
}

#[test]
fn messages_in_golden_files_follow_the_convention() {
    // `path:line:col: rule message`: the message starts lowercase or with a backtick and
    // does not end with a period.
    let line_re = regex::Regex::new(r"^[^:\s]+:\d+:\d+: ([a-z-]+) (.*)$").unwrap();
    for entry in std::fs::read_dir(root().join("testdata")).unwrap() {
        let path = entry.unwrap().path().join("expected.concise");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in text.lines() {
            if let Some(c) = line_re.captures(line) {
                let msg = &c[2];
                let first = msg.chars().next().unwrap_or(' ');
                // An acronym (`API route`) may stand first.
                let first_word = msg.split(' ').next().unwrap_or("");
                let acronym =
                    first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase());
                assert!(
                    first.is_lowercase() || first == '`' || acronym,
                    "{}: message must start lowercase: {line}",
                    path.display()
                );
                assert!(
                    !msg.ends_with('.'),
                    "{}: message ends with a period: {line}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn no_secret_value_in_any_golden_file() {
    // Fixture keys are real-looking on purpose; none may reach an output.
    let token = regex::Regex::new(r"(sk_(live|test)_|whsec_)[A-Za-z0-9+/=]{8,}").unwrap();
    for entry in std::fs::read_dir(root().join("testdata")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let p = f.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if !name.starts_with("expected.") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(
                !token.is_match(&text),
                "{} contains a secret value",
                p.display()
            );
        }
    }
}

/// The cells of a Markdown table row: split on `|` not escaped as `\|` (GitHub splits on
/// those even inside backticks), without the outer pipes.
fn table_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            cells.push(String::new());
        } else {
            cells.last_mut().unwrap().push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    cells
}

/// The problems with the tables of a Markdown text: a row that starts a table (after a blank
/// line or text) without a delimiter row below it, and rows whose cell count differs from
/// the header's. Fenced code blocks are skipped.
fn table_problems(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let is_row = |l: &str| l.trim_start().starts_with('|');
    let is_delimiter = |l: &str| {
        is_row(l)
            && table_cells(l).iter().all(|c| {
                let c = c.trim();
                !c.is_empty() && c.trim_matches(':').chars().all(|ch| ch == '-')
            })
    };
    let mut problems = Vec::new();
    let mut in_fence = false;
    let mut columns: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            columns = None;
            continue;
        }
        if in_fence || !is_row(line) {
            columns = None;
            continue;
        }
        let n = table_cells(line).len();
        match columns {
            None => {
                // A new table: this is its header, the next line its delimiter row.
                match lines.get(i + 1) {
                    Some(next) if is_delimiter(next) && table_cells(next).len() == n => {
                        columns = Some(n)
                    }
                    _ => problems.push(format!(
                        "line {}: a table row with no header and delimiter row above it (a blank line inside a table?): {line}",
                        i + 1
                    )),
                }
                if columns.is_none() {
                    // Report each orphan row once.
                    columns = Some(n);
                }
            }
            Some(want) if n != want => problems.push(format!(
                "line {}: {n} cells where the header has {want} (an unescaped `|`?): {line}",
                i + 1
            )),
            Some(_) => {}
        }
    }
    problems
}

#[test]
fn markdown_table_check_catches_broken_tables() {
    let good = "| A | B |\n| --- | :-: |\n| `x\\|y` | 2 |\n\ntext\n\n```\n| not | a table\n```\n";
    assert!(
        table_problems(good).is_empty(),
        "{:?}",
        table_problems(good)
    );
    let blank_line_inside = "| A | B |\n| --- | --- |\n| 1 | 2 |\n\n| 3 | 4 |\n";
    assert_eq!(table_problems(blank_line_inside).len(), 1);
    let unescaped = "| A | B |\n| --- | --- |\n| `a|b` | 2 |\n";
    assert_eq!(table_problems(unescaped).len(), 1);
    let no_delimiter = "| A | B |\n| 1 | 2 |\n";
    assert_eq!(table_problems(no_delimiter).len(), 1);
}

#[test]
fn markdown_tables_are_well_formed() {
    let mut files = vec![root().join("README.md"), root().join("CHANGELOG.md")];
    for dir in ["docs", "npm/clerk-lint"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for p in table_problems(&text) {
            problems.push(format!("{}: {p}", f.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Baselines and code scanning match findings by fingerprint: it must name what the finding is
/// about (never its message, which a release may reword, nor a line, which any edit above
/// moves), and be unique within its rule and file.
#[test]
fn fingerprints_in_golden_files_are_semantic_and_unique() {
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(root().join("testdata")).unwrap() {
        let path = entry.unwrap().path().join("expected.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let json = text.split("----- ").next().unwrap();
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(json) else {
            continue;
        };
        let mut seen = std::collections::HashSet::new();
        for d in doc["diagnostics"].as_array().unwrap() {
            let fp = d["fingerprint"].as_str().unwrap();
            let line = d["line"].as_u64().unwrap();
            let shown = format!("{}: {} {}: `{fp}`", path.display(), d["rule"], d["path"]);
            if fp.is_empty() || fp == d["message"].as_str().unwrap() {
                problems.push(format!("{shown} is empty or the message"));
            }
            if fp.contains(&format!("line {line}")) || fp.contains(&format!(":{line}")) {
                problems.push(format!("{shown} holds the line number"));
            }
            if !seen.insert((d["rule"].to_string(), d["path"].to_string(), fp.to_string())) {
                problems.push(format!("{shown} is not unique in its file"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
