//! The `sarif` output format: SARIF 2.1.0 for GitHub code scanning, pretty JSON with a
//! trailing newline. `tool.driver.rules` lists the rules the results reference, sorted by id
//! (SARIF asks only for those, and a log then carries no docs of rules that found nothing);
//! `ruleIndex` is the rule's index in that list.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::RuleMeta;
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::json::{effective_fingerprint, write_pretty};
use crate::output::{RenderCtx, encode_uri_path};
use crate::secrets::redact_text;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/clerk-lint/clerk-lint";
/// `artifactLocation.uriBaseId` of every result: paths are relative to the scan root.
pub const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    automation_details: AutomationDetails,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: [&'static str; 2],
}

#[derive(Serialize)]
struct AutomationDetails {
    id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: PartialFingerprints,
    fingerprints: Fingerprints,
    /// SARIF §3.27.30: the finding's fix, when it has one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// The fix as SARIF `fixes`: one artifact change per file, in edit order.
fn sarif_fixes(d: &Diagnostic) -> Vec<SarifFix> {
    let Some(fix) = &d.fix else {
        return Vec::new();
    };
    let mut changes: Vec<ArtifactChange> = Vec::new();
    for e in &fix.edits {
        let replacement = Replacement {
            deleted_region: Region {
                start_line: e.start.line,
                start_column: e.start.column,
                end_line: e.end.line,
                end_column: e.end.column,
            },
            inserted_content: Text {
                text: e.replacement.clone(),
            },
        };
        let uri = encode_uri_path(&e.path);
        match changes.last_mut() {
            Some(c) if c.artifact_location.uri == uri => c.replacements.push(replacement),
            _ => changes.push(ArtifactChange {
                artifact_location: ArtifactLocation {
                    uri,
                    uri_base_id: SRCROOT,
                },
                replacements: vec![replacement],
            }),
        }
    }
    vec![SarifFix {
        description: Text {
            text: redact_text(&fix.description),
        },
        artifact_changes: changes,
    }]
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct PartialFingerprints {
    #[serde(rename = "primaryLocationLineHash")]
    primary_location_line_hash: String,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "clerkLint/v1")]
    v1: String,
}

/// SARIF's level for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `deprecated-env-var` → `DeprecatedEnvVar`, `instance/user-lockout` → `InstanceUserLockout`.
pub fn upper_camel_case(id: &str) -> String {
    id.split(['-', '_', '/'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// 64-bit FNV-1a over `parts`, each followed by a NUL byte (so `("ab", "c")` ≠ `("a", "bc")`).
pub fn fnv1a64(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0u8]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

fn descriptor(rule: &RuleMeta) -> ReportingDescriptor {
    let docs = rule.docs_markdown();
    ReportingDescriptor {
        id: rule.id,
        name: upper_camel_case(rule.id),
        short_description: Text {
            text: rule.summary.to_string(),
        },
        full_description: Text {
            text: rule.summary.to_string(),
        },
        help: Help {
            text: docs.clone(),
            markdown: docs,
        },
        help_uri: rule.docs_url(),
        default_configuration: Configuration {
            level: level(rule.default_severity),
        },
        properties: Properties {
            tags: ["security", "clerk"],
        },
    }
}

/// The text of 1-based `line` of the diagnostic's file with runs of whitespace collapsed to
/// one space and the ends trimmed; empty when the source is unknown.
fn normalized_line(ctx: &RenderCtx, d: &Diagnostic) -> String {
    let Some(text) = ctx.sources.get(&d.path) else {
        return String::new();
    };
    let line = text
        .lines()
        .nth(d.start.line.saturating_sub(1) as usize)
        .unwrap_or("");
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    let referenced: BTreeMap<&str, &RuleMeta> = diags.iter().map(|d| (d.rule.id, d.rule)).collect();
    let index: HashMap<&str, usize> = referenced
        .keys()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let rules = referenced.values().map(|m| descriptor(m)).collect();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let results = diags
        .iter()
        .map(|d| {
            let line_hash = fnv1a64(&[d.rule.id, &normalized_line(ctx, d)]);
            let occurrence = seen.entry(line_hash).or_insert(0);
            *occurrence += 1;
            let key = fnv1a64(&[d.rule.id, &d.path, &effective_fingerprint(d)]);
            SarifResult {
                rule_id: d.rule.id,
                rule_index: index[d.rule.id],
                level: level(d.severity),
                message: Text {
                    text: redact_text(&d.message),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: encode_uri_path(&d.path),
                            uri_base_id: SRCROOT,
                        },
                        region: Region {
                            start_line: d.start.line,
                            start_column: d.start.column,
                            end_line: d.end.line,
                            end_column: d.end.column,
                        },
                    },
                }],
                partial_fingerprints: PartialFingerprints {
                    primary_location_line_hash: format!("{line_hash:016x}:{occurrence}"),
                },
                fingerprints: Fingerprints {
                    v1: format!("{key:016x}"),
                },
                fixes: sarif_fixes(d),
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "clerk-lint",
                    semantic_version: ctx.tool_version,
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            automation_details: AutomationDetails { id: "clerk-lint/" },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    write_pretty(&log, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::*;
    use regex::Regex;
    use serde_json::Value;

    fn fixture() -> Value {
        let text = format!("KEY={LIVE_KEY}\n  KEY={LIVE_KEY}\nB=1\n");
        let f = file("apps/my app/.env", &text);
        let g = file("gone.ts", "");
        let second = text.rfind(LIVE_KEY).unwrap();
        let diags = vec![
            at(&SECRET, &f, LIVE_KEY, &format!("committed {LIVE_KEY}")),
            Diagnostic::new(
                &SECRET,
                &f,
                second..second + LIVE_KEY.len(),
                "committed again",
            ),
            at(&PUBLIC, &f, "B=1\n", "two lines").with_severity(Severity::Info),
            Diagnostic::new(&DEPRECATED, &g, 0..0, "no source").with_fingerprint("FOO"),
        ];
        let src = sources(&[&f]);
        let sum = summary(2, &diags);
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        assert!(out.ends_with("}\n") && out.starts_with("{\n  \"$schema\""));
        assert!(!out.contains(&LIVE_KEY[8..]));
        serde_json::from_str(&out).unwrap()
    }

    #[test]
    fn log_run_and_driver() {
        let v = fixture();
        assert_eq!(v["$schema"], SCHEMA_URI);
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["runs"].as_array().unwrap().len(), 1);
        let run = &v["runs"][0];
        assert_eq!(run["automationDetails"]["id"], "clerk-lint/");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert!(run.get("originalUriBaseIds").is_none());
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "clerk-lint");
        assert_eq!(driver["semanticVersion"], "0.1.0");
        assert_eq!(driver["informationUri"], INFORMATION_URI);
        let rules = driver["rules"].as_array().unwrap();
        // Only the referenced rules, sorted by id.
        let referenced = [&DEPRECATED, &SECRET, &PUBLIC];
        assert_eq!(rules.len(), referenced.len());
        for (rule, meta) in rules.iter().zip(referenced) {
            assert_eq!(rule["id"], meta.id);
            assert_eq!(rule["name"], upper_camel_case(meta.id));
            assert_eq!(rule["shortDescription"]["text"], meta.summary);
            assert_eq!(rule["fullDescription"]["text"], meta.summary);
            assert_eq!(rule["help"]["text"], meta.docs_markdown());
            assert_eq!(rule["help"]["markdown"], meta.docs_markdown());
            assert_eq!(rule["helpUri"], meta.docs_url());
            assert_eq!(
                rule["defaultConfiguration"]["level"],
                level(meta.default_severity)
            );
            assert_eq!(
                rule["properties"]["tags"],
                serde_json::json!(["security", "clerk"])
            );
        }
    }

    #[test]
    fn results_regions_and_fingerprints() {
        let v = fixture();
        let results = v["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 4);
        let index = |id: &str| {
            v["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .iter()
                .position(|r| r["id"] == id)
                .unwrap()
        };

        let r0 = &results[0];
        assert_eq!(r0["ruleId"], "hardcoded-secret");
        assert_eq!(r0["ruleIndex"], index("hardcoded-secret"));
        assert_eq!(r0["level"], "error");
        assert_eq!(r0["message"]["text"], "committed sk_live_****");
        let loc = &r0["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "apps/my%20app/.env");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(
            loc["region"],
            serde_json::json!({"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 53})
        );

        let info = &results[2];
        assert_eq!(info["level"], "note");
        assert_eq!(info["ruleIndex"], index("public-secret-env"));
        assert_eq!(
            info["locations"][0]["physicalLocation"]["region"],
            serde_json::json!({"startLine": 3, "startColumn": 1, "endLine": 4, "endColumn": 1})
        );

        let hash = Regex::new(r"^[0-9a-f]{16}:\d+$").unwrap();
        let v1 = Regex::new(r"^[0-9a-f]{16}$").unwrap();
        let line_hashes: Vec<&str> = results
            .iter()
            .map(|r| {
                r["partialFingerprints"]["primaryLocationLineHash"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        for (h, r) in line_hashes.iter().zip(results) {
            assert!(hash.is_match(h), "{h}");
            assert!(v1.is_match(r["fingerprints"]["clerkLint/v1"].as_str().unwrap()));
        }
        // The two key lines differ only in indentation: same hash, counted 1 then 2.
        let (a, b) = (line_hashes[0], line_hashes[1]);
        assert_eq!(a.split(':').next(), b.split(':').next());
        assert!(a.ends_with(":1") && b.ends_with(":2"), "{a} {b}");
        assert!(line_hashes[2].ends_with(":1") && line_hashes[3].ends_with(":1"));
        assert_ne!(results[0]["fingerprints"], results[1]["fingerprints"]);

        let expected = format!(
            "{:016x}",
            fnv1a64(&["deprecated-env-var", "gone.ts", "FOO"])
        );
        assert_eq!(
            results[3]["fingerprints"]["clerkLint/v1"],
            expected.as_str()
        );
        assert_eq!(
            results[3]["partialFingerprints"]["primaryLocationLineHash"],
            format!("{:016x}:1", fnv1a64(&["deprecated-env-var", ""])).as_str()
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(upper_camel_case("deprecated-env-var"), "DeprecatedEnvVar");
        assert_eq!(upper_camel_case("parse-error"), "ParseError");
        // FNV-1a 64 of the empty input is its offset basis; of "a\0" a fixed value.
        assert_eq!(fnv1a64(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a64(&["ab", "c"]), fnv1a64(&["a", "bc"]));
        assert_eq!(fnv1a64(&["a"]), fnv1a64(&["a"]));
    }

    #[test]
    fn empty_run_lists_no_rule() {
        let src = sources(&[]);
        let sum = summary(0, &[]);
        let out = run(|w| render(&[], &ctx(&src, &sum), w));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["runs"][0]["results"], serde_json::json!([]));
        assert_eq!(
            v["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
    }
}
