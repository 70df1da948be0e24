//! Environment variable definitions in CI and deploy config: GitHub workflow `env:` blocks,
//! docker-compose `environment`, Dockerfile `ENV`/`ARG`, `vercel.json`, `netlify.toml` and
//! `turbo.json`.
//!
//! Every reader is hand-written, line- or token-oriented and forgiving: it never panics, and on
//! a file it does not fully understand it returns the definitions it could read. Ranges are
//! byte ranges into the text; `name_range` covers the name only (inside the quotes of a quoted
//! key), `value_range` covers the value as written (quotes, or the `|`/`>` header and the lines
//! of a block scalar, included).
//!
//! Behaviour choices:
//! - YAML block scalars (`KEY: |`, `KEY: >-`) give their text, folded or literal with the
//!   chomping indicator applied; a multi-line plain or quoted scalar gives its first line only;
//!   a flow collection as a value (`KEY: [a, b]`) gives no value.
//! - Workflow `env:` mappings count at any depth except under `on`, `with`, `inputs`,
//!   `outputs`, `secrets` and `matrix` (a workflow input may be named `env`).
//! - docker-compose list entries (`- KEY="v"`) keep their value as written after the `=`
//!   (compose does not unquote it); only YAML-level quoting (`- "KEY=v"`) is removed.
//! - netlify.toml non-string values (`NODE_VERSION = 18`) give their text as written; arrays
//!   and tables give no value.
//! - vercel.json members whose value is not a string give no value.

use std::ops::Range;

use crate::source::json_tokens::{self, Seg, Slot};
use crate::source::{EnvDef, FileKind};

/// The definitions in a file of `kind`; empty for kinds that define nothing.
pub fn defs_for(kind: FileKind, text: &str) -> Vec<EnvDef> {
    match kind {
        FileKind::Workflow => yaml_defs(text, YamlMode::Workflow),
        FileKind::Compose => yaml_defs(text, YamlMode::Compose),
        FileKind::Dockerfile => dockerfile_defs(text),
        FileKind::Vercel => vercel_defs(text),
        FileKind::Netlify => netlify_defs(text),
        FileKind::Turbo => turbo_defs(text),
        FileKind::Env
        | FileKind::Script
        | FileKind::PackageJson
        | FileKind::Lockfile
        | FileKind::Rust
        | FileKind::CargoToml
        | FileKind::Other => Vec::new(),
    }
}

fn def(name: String, name_range: Range<usize>, value: Option<(String, Range<usize>)>) -> EnvDef {
    let (value, value_range) = match value {
        Some((v, r)) => (Some(v), Some(r)),
        None => (None, None),
    };
    EnvDef {
        name,
        name_range,
        value,
        value_range,
    }
}

// ---------------------------------------------------------------------------------------------
// Shared text helpers
// ---------------------------------------------------------------------------------------------

const BOM: &str = "\u{feff}";

/// The byte ranges of the lines of `text`, without `\n` / `\r\n`; a leading BOM is not part of
/// the first line.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    loop {
        let nl = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|p| start + p);
        let mut end = nl.unwrap_or(bytes.len());
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        out.push(start..end);
        match nl {
            Some(p) => start = p + 1,
            None => return out,
        }
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Number of leading spaces and tabs (a tab counts as one column).
fn indent_of(s: &str) -> usize {
    s.bytes().take_while(|&b| is_blank(b)).count()
}

/// `p` moved past spaces and tabs, not beyond `end`.
fn skip_blanks(bytes: &[u8], mut p: usize, end: usize) -> usize {
    while p < end && is_blank(bytes[p]) {
        p += 1;
    }
    p
}

/// The char `s` starts with when it is `count` hex digits.
fn hex_char(s: &str, count: usize) -> Option<char> {
    let digits = s.get(..count)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

/// Decodes backslash escapes (the union of YAML double-quoted and TOML basic string escapes).
/// Unknown escapes are kept as written.
fn unescape_backslash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((j, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        let rest = &s[j + e.len_utf8()..];
        let hex_len = match e {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if hex_len > 0 {
            match hex_char(rest, hex_len) {
                Some(h) => {
                    out.push(h);
                    for _ in 0..hex_len {
                        chars.next();
                    }
                }
                None => out.push_str(&s[i..j + e.len_utf8()]),
            }
            continue;
        }
        match e {
            '0' => out.push('\0'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            't' | '\t' => out.push('\t'),
            'n' => out.push('\n'),
            'v' => out.push('\u{b}'),
            'f' => out.push('\u{c}'),
            'r' => out.push('\r'),
            'e' => out.push('\u{1b}'),
            ' ' | '"' | '/' | '\\' | '\'' => out.push(e),
            'N' => out.push('\u{85}'),
            '_' => out.push('\u{a0}'),
            'L' => out.push('\u{2028}'),
            'P' => out.push('\u{2029}'),
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    out
}

/// The content of a quoted scalar decoded: backslash escapes for `"`, `''` for `'`.
fn unquote(quote: u8, content: &str) -> String {
    if quote == b'"' {
        unescape_backslash(content)
    } else {
        content.replace("''", "'")
    }
}

/// The index of the quote closing the one at `start`, searching before `end`. Double quotes
/// honour backslash escapes, single quotes the `''` escape.
fn closing_quote(bytes: &[u8], start: usize, end: usize, quote: u8) -> Option<usize> {
    let mut p = start + 1;
    while p < end {
        let b = bytes[p];
        if quote == b'"' && b == b'\\' {
            p += 2;
        } else if b == quote {
            if quote == b'\'' && bytes.get(p + 1) == Some(&b'\'') && p + 1 < end {
                p += 2;
            } else {
                return Some(p);
            }
        } else {
            p += 1;
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// YAML: GitHub workflows and docker-compose
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum YamlMode {
    Workflow,
    Compose,
}

/// Keys under which a workflow `env:` is not an environment (`on.workflow_dispatch.inputs.env`,
/// `with: { env: production }`, `matrix.env`).
const WORKFLOW_NOT_ENV: &[&str] = &["on", "with", "inputs", "outputs", "secrets", "matrix"];

/// An open block mapping key: the parent of deeper lines.
struct Frame {
    /// Column of the key.
    indent: usize,
    key: String,
    /// The value after the colon is empty (or only an anchor / tag): a block collection
    /// may follow.
    opens_block: bool,
    /// This key or one of its ancestors is in [`WORKFLOW_NOT_ENV`].
    excluded: bool,
}

/// A `key:` at the start of (the rest of) a line.
struct YamlKey {
    name: String,
    /// The name, inside the quotes for a quoted key.
    range: Range<usize>,
    /// Just after the colon.
    after_colon: usize,
}

/// A YAML scalar read on one line.
struct YamlScalar {
    value: String,
    /// As written, quotes included.
    range: Range<usize>,
    /// The content, inside the quotes when quoted.
    content: Range<usize>,
    /// `b'"'`, `b'\''`, or 0 for a plain scalar.
    quote: u8,
}

/// What follows `key:` on its line.
enum YamlValue {
    /// Nothing (or only a comment).
    Empty,
    Scalar(YamlScalar),
    /// A block scalar header `|`, `>`, with indicators.
    Block {
        header: Range<usize>,
        folded: bool,
        chomp: u8,
        indent: Option<usize>,
    },
    /// A flow collection starting at this offset.
    Flow(usize),
}

fn yaml_defs(text: &str, mode: YamlMode) -> Vec<EnvDef> {
    let bytes = text.as_bytes();
    let lines = line_ranges(text);
    let mut defs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Lines starting before this offset belong to a multi-line flow collection already read.
    let mut skip_until = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].clone();
        i += 1;
        if line.start < skip_until {
            continue;
        }
        let s = &text[line.clone()];
        let indent = indent_of(s);
        let content = &s[indent..];
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if indent == 0 && (content == "---" || content.starts_with("--- ") || content == "...") {
            // A new document.
            stack.clear();
            continue;
        }
        // Sequence dashes: `- `, possibly nested (`- - `).
        let mut col = line.start + indent;
        let mut dash = None;
        while col < line.end
            && bytes[col] == b'-'
            && (col + 1 == line.end || is_blank(bytes[col + 1]))
        {
            dash.get_or_insert(col - line.start);
            col = skip_blanks(bytes, col + 1, line.end);
        }
        if col >= line.end || bytes[col] == b'#' {
            continue;
        }
        // A key closes the keys at its column or deeper. A dash closes the deeper ones only
        // when its column is that of a key waiting for a block (the indentless sequence
        // `key:\n- item`).
        let pop_at = dash.unwrap_or(col - line.start);
        while stack.last().is_some_and(|f| {
            f.indent > pop_at || (f.indent == pop_at && !(dash.is_some() && f.opens_block))
        }) {
            stack.pop();
        }
        let parent = stack.last();
        let parent_is =
            |name: &str| parent.is_some_and(|p| p.key == name && p.opens_block && !p.excluded);
        let in_env = match mode {
            YamlMode::Workflow => parent_is("env"),
            YamlMode::Compose => parent_is("environment"),
        };

        let Some(key) = yaml_key(text, col, line.end) else {
            // A scalar or flow item (or a stray line).
            match yaml_value(text, col, line.end) {
                YamlValue::Flow(start) => {
                    skip_until = skip_flow(text, start);
                }
                YamlValue::Block { .. } => {
                    i = block_scalar_end(text, &lines, i, dash.unwrap_or(col - line.start));
                }
                YamlValue::Scalar(sc) if in_env && dash.is_some() && mode == YamlMode::Compose => {
                    defs.extend(compose_list_item(text, &sc));
                }
                _ => {}
            }
            continue;
        };
        let key_col = col - line.start;
        let value = yaml_value(text, key.after_colon, line.end);
        let takes_def = in_env && dash.is_none() && key.name != "<<";
        let mut opens_block = false;
        match value {
            YamlValue::Empty => {
                opens_block = true;
                if takes_def {
                    defs.push(def(key.name.clone(), key.range.clone(), None));
                }
            }
            YamlValue::Scalar(sc) => {
                opens_block = sc.quote == 0
                    && sc
                        .value
                        .split_whitespace()
                        .all(|w| w.starts_with('&') || w.starts_with('!'));
                if takes_def {
                    defs.push(def(
                        key.name.clone(),
                        key.range.clone(),
                        Some((sc.value, sc.range)),
                    ));
                }
            }
            YamlValue::Block {
                header,
                folded,
                chomp,
                indent,
            } => {
                let end = block_scalar_end(text, &lines, i, key_col);
                if takes_def {
                    let (value, range) = block_scalar_value(
                        text,
                        &lines[i..end],
                        header,
                        folded,
                        chomp,
                        indent.map(|n| key_col + n),
                    );
                    defs.push(def(
                        key.name.clone(),
                        key.range.clone(),
                        Some((value, range)),
                    ));
                }
                i = end;
            }
            YamlValue::Flow(start) => {
                let (items, end) = parse_flow(text, start);
                skip_until = end;
                if takes_def {
                    defs.push(def(key.name.clone(), key.range.clone(), None));
                }
                let flow_env = !parent.is_some_and(|p| p.excluded)
                    && key.name
                        == match mode {
                            YamlMode::Workflow => "env",
                            YamlMode::Compose => "environment",
                        };
                if flow_env {
                    let mapping = bytes[start] == b'{';
                    for item in items {
                        if mode == YamlMode::Compose && !mapping {
                            if let (None, Some(sc)) = (&item.key, &item.value) {
                                defs.extend(compose_list_item(text, sc));
                            }
                            continue;
                        }
                        if !mapping {
                            continue;
                        }
                        // `{ A }` is the key `A` with a null value.
                        let (name, value) = match (item.key, item.value) {
                            (Some(k), v) => (k, v),
                            (None, Some(k)) => (k, None),
                            (None, None) => continue,
                        };
                        if name.value.is_empty() || name.value == "<<" {
                            continue;
                        }
                        defs.push(def(
                            name.value,
                            name.content,
                            value.map(|v| (v.value, v.range)),
                        ));
                    }
                }
            }
        }
        let excluded = parent.is_some_and(|p| p.excluded)
            || (mode == YamlMode::Workflow && WORKFLOW_NOT_ENV.contains(&key.name.as_str()));
        stack.push(Frame {
            indent: key_col,
            key: key.name,
            opens_block,
            excluded,
        });
    }
    defs
}

/// Reads `key:` at `start` (a plain key, or a `"` / `'` quoted one), on the line ending at `end`.
fn yaml_key(text: &str, start: usize, end: usize) -> Option<YamlKey> {
    let bytes = text.as_bytes();
    let first = *bytes.get(start).filter(|_| start < end)?;
    let colon_at =
        |p: usize| p < end && bytes[p] == b':' && (p + 1 == end || is_blank(bytes[p + 1]));
    match first {
        b'"' | b'\'' => {
            let close = closing_quote(bytes, start, end, first)?;
            let p = skip_blanks(bytes, close + 1, end);
            colon_at(p).then(|| YamlKey {
                name: unquote(first, &text[start + 1..close]),
                range: start + 1..close,
                after_colon: p + 1,
            })
        }
        b'{' | b'[' | b']' | b'}' | b'#' | b'|' | b'>' | b'!' | b'&' | b'*' | b'%' | b'@'
        | b'`' | b',' | b'?' => None,
        _ => {
            let mut p = start;
            while p < end {
                if colon_at(p) {
                    let name = text[start..p].trim_end_matches([' ', '\t']);
                    return (!name.is_empty()).then(|| YamlKey {
                        name: name.to_string(),
                        range: start..start + name.len(),
                        after_colon: p + 1,
                    });
                }
                if bytes[p] == b'#' && is_blank(bytes[p - 1]) {
                    return None;
                }
                p += 1;
            }
            None
        }
    }
}

/// Classifies what follows a key (or a dash) from `p` to the end of the line `end`.
fn yaml_value(text: &str, p: usize, end: usize) -> YamlValue {
    let bytes = text.as_bytes();
    let p = skip_blanks(bytes, p, end);
    if p >= end || bytes[p] == b'#' {
        return YamlValue::Empty;
    }
    match bytes[p] {
        q @ (b'"' | b'\'') => {
            let (content_end, range_end) = match closing_quote(bytes, p, end, q) {
                Some(c) => (c, c + 1),
                // Unterminated (or continued on the next lines): the rest of this line.
                None => (end, end),
            };
            YamlValue::Scalar(YamlScalar {
                value: unquote(q, &text[p + 1..content_end]),
                range: p..range_end,
                content: p + 1..content_end,
                quote: q,
            })
        }
        b'{' | b'[' => YamlValue::Flow(p),
        h @ (b'|' | b'>') => {
            let mut q = p + 1;
            let mut chomp = 0;
            let mut indent = None;
            while q < end {
                match bytes[q] {
                    c @ (b'+' | b'-') => chomp = c,
                    c @ b'1'..=b'9' => indent = Some(usize::from(c - b'0')),
                    _ => break,
                }
                q += 1;
            }
            let r = skip_blanks(bytes, q, end);
            if r == end || (r > q && bytes[r] == b'#') {
                YamlValue::Block {
                    header: p..q,
                    folded: h == b'>',
                    chomp,
                    indent,
                }
            } else {
                plain_scalar(text, p, end)
            }
        }
        _ => plain_scalar(text, p, end),
    }
}

/// A plain scalar from `p` to the end of the line or a ` #` comment.
fn plain_scalar(text: &str, p: usize, end: usize) -> YamlValue {
    let bytes = text.as_bytes();
    let mut q = p;
    while q < end && !(bytes[q] == b'#' && q > p && is_blank(bytes[q - 1])) {
        q += 1;
    }
    while q > p && is_blank(bytes[q - 1]) {
        q -= 1;
    }
    YamlValue::Scalar(YamlScalar {
        value: text[p..q].to_string(),
        range: p..q,
        content: p..q,
        quote: 0,
    })
}

/// The index of the first line after the block scalar whose content starts at line `from` and
/// whose parent sits at column `parent_indent`: content lines are blank or indented deeper.
fn block_scalar_end(
    text: &str,
    lines: &[Range<usize>],
    from: usize,
    parent_indent: usize,
) -> usize {
    let mut j = from;
    while j < lines.len() {
        let s = &text[lines[j].clone()];
        let indent = indent_of(s);
        if indent == s.len() || indent > parent_indent {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// The text of a block scalar (literal or folded, chomping applied) and its range (header to
/// the end of the last non-blank line).
fn block_scalar_value(
    text: &str,
    lines: &[Range<usize>],
    header: Range<usize>,
    folded: bool,
    chomp: u8,
    explicit_indent: Option<usize>,
) -> (String, Range<usize>) {
    let is_empty_line = |r: &Range<usize>| text[r.clone()].bytes().all(is_blank);
    let Some(last) = lines.iter().rposition(|r| !is_empty_line(r)) else {
        return (String::new(), header);
    };
    let content_indent = explicit_indent.unwrap_or_else(|| {
        lines
            .iter()
            .find(|r| !is_empty_line(r))
            .map_or(0, |r| indent_of(&text[r.clone()]))
    });
    let strip = |r: &Range<usize>| -> &str {
        let s = &text[r.clone()];
        let k = indent_of(s).min(content_indent);
        &s[k..]
    };
    let mut out = String::new();
    // For folding: was the previous non-empty line a normal (not more-indented) one, and how
    // many empty lines came since.
    let mut prev_normal: Option<bool> = None;
    let mut empties = 0usize;
    for r in &lines[..=last] {
        let s = strip(r);
        if !folded {
            if prev_normal.is_some() {
                out.push('\n');
            }
            out.push_str(s);
            prev_normal = Some(true);
            continue;
        }
        if s.bytes().all(is_blank) && indent_of(&text[r.clone()]) <= content_indent {
            empties += 1;
            continue;
        }
        let normal = !s.starts_with([' ', '\t']);
        match prev_normal {
            None => out.push_str(&"\n".repeat(empties)),
            Some(true) if normal => {
                if empties == 0 {
                    out.push(' ');
                } else {
                    out.push_str(&"\n".repeat(empties));
                }
            }
            Some(_) => out.push_str(&"\n".repeat(empties + 1)),
        }
        out.push_str(s);
        prev_normal = Some(normal);
        empties = 0;
    }
    match chomp {
        b'-' => {}
        b'+' => out.push_str(&"\n".repeat(1 + lines.len() - 1 - last)),
        _ => out.push('\n'),
    }
    (out, header.start..lines[last].end)
}

/// One entry of a flow collection: `key: value`, or a lone scalar (in `value` for a sequence
/// item, then `key` is `None`).
struct FlowItem {
    key: Option<YamlScalar>,
    value: Option<YamlScalar>,
}

/// Reads the flow collection opening at `start` (`{` or `[`), possibly over several lines.
/// Nested collections are skipped. Returns its top-level items and the offset after its end.
fn parse_flow(text: &str, start: usize) -> (Vec<FlowItem>, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut items = Vec::new();
    let mut p = start + 1;
    loop {
        p = skip_flow_space(bytes, p);
        if p >= n {
            return (items, n);
        }
        let before = p;
        match bytes[p] {
            b'}' | b']' => return (items, p + 1),
            b',' => p += 1,
            b'{' | b'[' => {
                p = skip_flow(text, p);
                items.push(FlowItem {
                    key: None,
                    value: None,
                });
            }
            _ => {
                let (first, q) = flow_scalar(text, p);
                let r = skip_flow_space(bytes, q);
                if r < n && bytes[r] == b':' {
                    let v = skip_flow_space(bytes, r + 1);
                    let (value, after) = match bytes.get(v) {
                        None | Some(b',' | b'}' | b']') => (None, v),
                        Some(b'{' | b'[') => (None, skip_flow(text, v)),
                        Some(_) => flow_scalar(text, v),
                    };
                    p = after;
                    items.push(FlowItem { key: first, value });
                } else {
                    p = q;
                    items.push(FlowItem {
                        key: None,
                        value: first,
                    });
                }
            }
        }
        if p <= before {
            p = next_char(text, before);
        }
    }
}

/// The offset of the char after the one at `p`.
fn next_char(text: &str, p: usize) -> usize {
    text.get(p..)
        .and_then(|s| s.chars().next())
        .map_or(text.len(), |c| p + c.len_utf8())
}

/// Skips whitespace, line breaks and `#` comments inside a flow collection.
fn skip_flow_space(bytes: &[u8], mut p: usize) -> usize {
    while p < bytes.len() {
        match bytes[p] {
            b' ' | b'\t' | b'\r' | b'\n' => p += 1,
            b'#' => {
                while p < bytes.len() && bytes[p] != b'\n' {
                    p += 1;
                }
            }
            _ => break,
        }
    }
    p
}

/// A scalar inside a flow collection: quoted (possibly over lines) or plain (up to `,`, a
/// bracket, `: `, a comment or the end of the line; a `${{ ... }}` expression is kept whole).
fn flow_scalar(text: &str, p: usize) -> (Option<YamlScalar>, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if let q @ (b'"' | b'\'') = bytes[p] {
        let (content_end, end) = match closing_quote(bytes, p, n, q) {
            Some(c) => (c, c + 1),
            None => (n, n),
        };
        let sc = YamlScalar {
            value: unquote(q, &text[p + 1..content_end]),
            range: p..end,
            content: p + 1..content_end,
            quote: q,
        };
        return (Some(sc), end);
    }
    let mut q = p;
    while q < n {
        match bytes[q] {
            b',' | b'[' | b']' | b'{' | b'}' | b'\n' | b'\r' => break,
            b':' if matches!(
                bytes.get(q + 1),
                None | Some(b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'}')
            ) =>
            {
                break;
            }
            b'#' if q > p && is_blank(bytes[q - 1]) => break,
            b'$' if bytes[q..].starts_with(b"${{") => {
                q = bytes[q..]
                    .windows(2)
                    .position(|w| w == b"}}")
                    .map_or(n, |e| q + e + 2);
            }
            _ => q += 1,
        }
    }
    let end = q;
    while q > p && is_blank(bytes[q - 1]) {
        q -= 1;
    }
    if q == p {
        return (None, end);
    }
    let sc = YamlScalar {
        value: text[p..q].to_string(),
        range: p..q,
        content: p..q,
        quote: 0,
    };
    (Some(sc), end)
}

/// The offset after the flow collection opening at `start` (bracket depth counted, quotes
/// and comments skipped); the end of the text when it is never closed.
fn skip_flow(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut depth = 0usize;
    let mut p = start;
    while p < n {
        match bytes[p] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return p + 1;
                }
            }
            // A quote starts a quoted scalar only at the start of one (`don't` is plain).
            q @ (b'"' | b'\'')
                if matches!(
                    bytes[p - 1],
                    b'[' | b'{' | b',' | b':' | b' ' | b'\t' | b'\n'
                ) =>
            {
                p = closing_quote(bytes, p, n, q).unwrap_or(n);
            }
            b'#' if p > start && matches!(bytes[p - 1], b' ' | b'\t' | b'\n') => {
                while p < n && bytes[p] != b'\n' {
                    p += 1;
                }
                continue;
            }
            _ => {}
        }
        p += 1;
    }
    n
}

/// A docker-compose list entry `KEY=value` / `KEY` (the scalar after `- `, or inside `[...]`).
fn compose_list_item(text: &str, sc: &YamlScalar) -> Option<EnvDef> {
    let raw = &text[sc.content.clone()];
    let (name_part, value) = match raw.find('=') {
        Some(eq) => {
            let v = &raw[eq + 1..];
            let value = if sc.quote == 0 {
                v.to_string()
            } else {
                unquote(sc.quote, v)
            };
            let at = sc.content.start + eq + 1;
            (&raw[..eq], Some((value, at..sc.content.end)))
        }
        None => (raw, None),
    };
    let lead = name_part.len() - name_part.trim_start().len();
    let name = name_part.trim();
    if name.is_empty() {
        return None;
    }
    let start = sc.content.start + lead;
    Some(def(name.to_string(), start..start + name.len(), value))
}

// ---------------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------------

fn dockerfile_defs(text: &str) -> Vec<EnvDef> {
    let lines = line_ranges(text);
    let mut escape = '\\';
    // Parser directives: `# key=value` comments before anything else.
    for r in &lines {
        let Some(rest) = text[r.clone()].trim().strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = rest.split_once('=') else {
            break;
        };
        let k = k.trim();
        if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            break;
        }
        if k.eq_ignore_ascii_case("escape") && v.trim() == "`" {
            escape = '`';
        }
    }

    let mut defs = Vec::new();
    // Heredoc terminators still to come (`RUN <<EOF`), with their `<<-` flag.
    let mut heredocs: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !heredocs.is_empty() {
            let s = &text[lines[i].clone()];
            let (term, strip_tabs) = &heredocs[0];
            let s = if *strip_tabs {
                s.trim_start_matches('\t')
            } else {
                s
            };
            if s == term {
                heredocs.remove(0);
            }
            i += 1;
            continue;
        }
        let first = text[lines[i].clone()].trim_start();
        if first.is_empty() || first.starts_with('#') {
            i += 1;
            continue;
        }
        // The logical line: physical lines joined at a trailing escape char, with comment and
        // blank lines inside the continuation dropped. Each char keeps its offset.
        let mut chars: Vec<(usize, char)> = Vec::new();
        while i < lines.len() {
            let r = lines[i].clone();
            i += 1;
            let s = &text[r.clone()];
            let t = s.trim_end_matches([' ', '\t']);
            match t.strip_suffix(escape) {
                Some(body) => {
                    // Docker joins the lines as they are: no space is added.
                    chars.extend(body.char_indices().map(|(k, c)| (r.start + k, c)));
                    while i < lines.len() {
                        let next = text[lines[i].clone()].trim_start();
                        if next.is_empty() || next.starts_with('#') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                }
                None => {
                    chars.extend(s.char_indices().map(|(k, c)| (r.start + k, c)));
                    break;
                }
            }
        }
        dockerfile_instruction(&chars, escape, &mut defs, &mut heredocs);
    }
    defs
}

/// A word of a Dockerfile instruction: `chars[start..end]`.
struct Word {
    start: usize,
    end: usize,
}

/// Splits at unquoted whitespace, honouring quotes and the escape char.
fn split_words(chars: &[(usize, char)], escape: char) -> Vec<Word> {
    let n = chars.len();
    let mut words = Vec::new();
    let mut i = 0;
    while i < n {
        while i < n && chars[i].1.is_whitespace() {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        let mut quote: Option<char> = None;
        while i < n {
            let c = chars[i].1;
            match quote {
                None if c.is_whitespace() => break,
                None if c == '"' || c == '\'' => quote = Some(c),
                None | Some('"') if c == escape => i += 1,
                Some(q) if c == q => quote = None,
                _ => {}
            }
            i += 1;
        }
        let end = i.min(n);
        words.push(Word { start, end });
        i = end;
    }
    words
}

/// Removes quotes and escapes the way Docker does for `ENV` / `ARG` values.
fn docker_unquote(chars: &[(usize, char)], escape: char) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        match quote {
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == escape => {
                if let Some(&(_, e)) = chars.get(i + 1) {
                    out.push(e);
                    i += 1;
                }
            }
            Some('"') if c == escape => match chars.get(i + 1) {
                Some(&(_, e)) if e == '"' || e == escape || e == '$' => {
                    out.push(e);
                    i += 1;
                }
                _ => out.push(c),
            },
            Some(q) if c == q => quote = None,
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The byte range covered by a run of chars (empty at `fallback` when there are none).
fn chars_range(chars: &[(usize, char)], fallback: usize) -> Range<usize> {
    match (chars.first(), chars.last()) {
        (Some(&(a, _)), Some(&(b, c))) => a..b + c.len_utf8(),
        _ => fallback..fallback,
    }
}

fn chars_string(chars: &[(usize, char)]) -> String {
    chars.iter().map(|&(_, c)| c).collect()
}

fn dockerfile_instruction(
    chars: &[(usize, char)],
    escape: char,
    defs: &mut Vec<EnvDef>,
    heredocs: &mut Vec<(String, bool)>,
) {
    let words = split_words(chars, escape);
    let Some(mut w) = words.first() else {
        return;
    };
    let mut rest = &words[1..];
    let mut instr = chars_string(&chars[w.start..w.end]).to_ascii_uppercase();
    if instr == "ONBUILD" {
        let Some(next) = rest.first() else {
            return;
        };
        w = next;
        rest = &rest[1..];
        instr = chars_string(&chars[w.start..w.end]).to_ascii_uppercase();
    }
    match instr.as_str() {
        "ENV" | "ARG" => {}
        "RUN" | "COPY" | "ADD" => {
            collect_heredocs(&chars[w.end..], heredocs);
            return;
        }
        _ => return,
    }
    let is_env = instr == "ENV";
    let has_eq = |word: &Word| {
        chars[word.start..word.end]
            .iter()
            .position(|&(_, c)| c == '=')
    };
    let legacy = is_env && rest.first().is_some_and(|w0| has_eq(w0).is_none());
    if legacy {
        // `ENV KEY value with spaces`: the value is the rest of the instruction.
        let name_w = &rest[0];
        let name = &chars[name_w.start..name_w.end];
        let value = rest.get(1).map(|v0| {
            let last = rest.last().map_or(v0.end, |l| l.end);
            let vchars = &chars[v0.start..last];
            (docker_unquote(vchars, escape), chars_range(vchars, 0))
        });
        defs.push(def(chars_string(name), chars_range(name, 0), value));
        return;
    }
    for word in rest {
        let wchars = &chars[word.start..word.end];
        match has_eq(word) {
            Some(eq) => {
                if eq == 0 {
                    continue;
                }
                let name = &wchars[..eq];
                let vchars = &wchars[eq + 1..];
                let fallback = wchars[eq].0 + 1;
                defs.push(def(
                    chars_string(name),
                    chars_range(name, 0),
                    Some((
                        docker_unquote(vchars, escape),
                        chars_range(vchars, fallback),
                    )),
                ));
            }
            // `ARG NAME`; in `ENV A=1 B` the lone `B` is an error Docker reports, skipped.
            None if !is_env => {
                defs.push(def(chars_string(wchars), chars_range(wchars, 0), None));
            }
            None => {}
        }
    }
}

/// Heredoc openers (`<<EOF`, `<<-EOF`, `<<"EOF"`) in the arguments of `RUN` / `COPY` / `ADD`.
fn collect_heredocs(chars: &[(usize, char)], heredocs: &mut Vec<(String, bool)>) {
    let n = chars.len();
    let mut i = 0;
    while i + 1 < n {
        if chars[i].1 != '<' || chars[i + 1].1 != '<' {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        if chars.get(j).is_some_and(|&(_, c)| c == '<') {
            // `<<<` is a here-string.
            i = j + 1;
            continue;
        }
        let strip_tabs = chars.get(j).is_some_and(|&(_, c)| c == '-');
        if strip_tabs {
            j += 1;
        }
        let quote = chars
            .get(j)
            .map(|&(_, c)| c)
            .filter(|&c| c == '"' || c == '\'');
        if quote.is_some() {
            j += 1;
        }
        let start = j;
        while j < n && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '_') {
            j += 1;
        }
        if j > start {
            heredocs.push((chars_string(&chars[start..j]), strip_tabs));
        }
        i = j.max(i + 2);
    }
}

// ---------------------------------------------------------------------------------------------
// vercel.json and turbo.json
// ---------------------------------------------------------------------------------------------

fn vercel_defs(text: &str) -> Vec<EnvDef> {
    let mut defs = Vec::new();
    json_tokens::walk(text, |e| {
        if !(e.container_is(&["env"]) || e.container_is(&["build", "env"])) {
            return;
        }
        let Some(key) = e.key() else {
            return;
        };
        if key.value.is_empty() {
            return;
        }
        let value = e.string_value().map(|s| (s.value.clone(), s.range.clone()));
        defs.push(def(key.value.clone(), key.content.clone(), value));
    });
    defs
}

const TURBO_ENV_LISTS: &[&str] = &["env", "globalEnv", "passThroughEnv", "globalPassThroughEnv"];

fn turbo_defs(text: &str) -> Vec<EnvDef> {
    let mut defs = Vec::new();
    json_tokens::walk(text, |e| {
        let Slot::Element(_) = e.slot else {
            return;
        };
        let Some(s) = e.string_value() else {
            return;
        };
        let list = match e.path {
            [Seg::Key(list)] => list,
            [Seg::Key(tasks), Seg::Key(_), Seg::Key(list)]
                if tasks == "tasks" || tasks == "pipeline" =>
            {
                list
            }
            _ => return,
        };
        if !TURBO_ENV_LISTS.contains(&list.as_str()) {
            return;
        }
        // Wildcards match many names and `!NAME` excludes one: neither defines anything.
        if s.value.is_empty() || s.value.contains('*') || s.value.starts_with('!') {
            return;
        }
        defs.push(def(s.value.clone(), s.content.clone(), None));
    });
    defs
}

// ---------------------------------------------------------------------------------------------
// netlify.toml
// ---------------------------------------------------------------------------------------------

/// A dotted TOML key: its parts, each with the range of its name.
type TomlKey = Vec<(String, Range<usize>)>;

/// A TOML value as far as netlify.toml needs it.
enum TomlValue {
    /// A string (decoded) or a bare value (as written), with its range as written.
    Text(String, Range<usize>),
    /// An inline table: its entries (dotted key, value).
    Table(Vec<(TomlKey, TomlValue)>),
    /// An array, a nested table, or nothing readable.
    Other,
}

fn netlify_defs(text: &str) -> Vec<EnvDef> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut defs = Vec::new();
    let mut table: Vec<String> = Vec::new();
    let mut p = if text.starts_with(BOM) { BOM.len() } else { 0 };
    while p < n {
        match bytes[p] {
            b' ' | b'\t' | b'\r' | b'\n' => p += 1,
            b'#' => p = line_end(bytes, p),
            b'[' => {
                let q = if bytes.get(p + 1) == Some(&b'[') {
                    p + 2
                } else {
                    p + 1
                };
                let (keys, _) = toml_key_path(text, q);
                table = keys.into_iter().map(|(k, _)| k).collect();
                p = line_end(bytes, q);
            }
            _ => {
                let (keys, q) = toml_key_path(text, p);
                let q = skip_blanks(bytes, q, n);
                if keys.is_empty() || bytes.get(q) != Some(&b'=') {
                    // Garbage: skip the line.
                    p = line_end(bytes, p + 1);
                    continue;
                }
                let v = skip_blanks(bytes, q + 1, n);
                let (value, end) = toml_value(text, v, true);
                let path: Vec<&str> = table
                    .iter()
                    .map(String::as_str)
                    .chain(keys.iter().map(|(k, _)| k.as_str()))
                    .collect();
                netlify_entry(&path, &keys, value, &mut defs);
                p = line_end(bytes, end.max(p + 1));
            }
        }
    }
    defs
}

/// Adds the definitions made by `keys = value` at full key `path` (table + keys).
fn netlify_entry(
    path: &[&str],
    keys: &[(String, Range<usize>)],
    value: TomlValue,
    defs: &mut Vec<EnvDef>,
) {
    match value {
        TomlValue::Table(entries) => {
            for (ekeys, evalue) in entries {
                let mut sub: Vec<&str> = path.to_vec();
                sub.extend(ekeys.iter().map(|(k, _)| k.as_str()));
                // Nested tables in an inline table are not read, so no recursion beyond one.
                if !matches!(evalue, TomlValue::Table(_)) {
                    netlify_entry(&sub, &ekeys, evalue, defs);
                }
            }
        }
        value => {
            let Some((name, name_range)) = keys.last() else {
                return;
            };
            if path.len() < 2 || path[path.len() - 2] != "environment" || name.is_empty() {
                return;
            }
            let value = match value {
                TomlValue::Text(v, r) => Some((v, r)),
                _ => None,
            };
            defs.push(def(name.clone(), name_range.clone(), value));
        }
    }
}

/// The offset of the `\n` ending the line containing `p` (or the end of the text).
fn line_end(bytes: &[u8], p: usize) -> usize {
    let p = p.min(bytes.len());
    bytes[p..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |e| p + e)
}

/// A dotted TOML key (`a."b c".d`) from `p`: its parts with the ranges of their names, and the
/// offset after it.
fn toml_key_path(text: &str, mut p: usize) -> (TomlKey, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut keys = Vec::new();
    loop {
        p = skip_blanks(bytes, p, n);
        let Some(&b) = bytes.get(p) else {
            break;
        };
        if b == b'"' || b == b'\'' {
            let eol = line_end(bytes, p);
            let Some(close) = closing_quote_toml(bytes, p, eol, b) else {
                break;
            };
            keys.push((unquote_toml(b, &text[p + 1..close]), p + 1..close));
            p = close + 1;
        } else {
            let start = p;
            while p < n
                && (bytes[p].is_ascii_alphanumeric() || bytes[p] == b'_' || bytes[p] == b'-')
            {
                p += 1;
            }
            if p == start {
                break;
            }
            keys.push((text[start..p].to_string(), start..p));
        }
        let q = skip_blanks(bytes, p, n);
        if bytes.get(q) == Some(&b'.') {
            p = q + 1;
        } else {
            break;
        }
    }
    (keys, p)
}

/// TOML strings: basic strings escape with `\`, literal strings have no escapes.
fn closing_quote_toml(bytes: &[u8], start: usize, end: usize, quote: u8) -> Option<usize> {
    let mut p = start + 1;
    while p < end {
        match bytes[p] {
            b'\\' if quote == b'"' => p += 2,
            b if b == quote => return Some(p),
            _ => p += 1,
        }
    }
    None
}

fn unquote_toml(quote: u8, content: &str) -> String {
    if quote == b'"' {
        unescape_backslash(content)
    } else {
        content.to_string()
    }
}

/// Reads the TOML value at `p`: strings (all four kinds), an inline table (one level, when
/// `tables`), arrays (skipped) and bare values. Returns it and the offset after it.
fn toml_value(text: &str, p: usize, tables: bool) -> (TomlValue, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let Some(&b) = bytes.get(p) else {
        return (TomlValue::Other, n);
    };
    match b {
        b'"' | b'\'' => {
            let triple = [b, b, b];
            if bytes[p..].starts_with(&triple) {
                // Multi-line string: up to the closing triple quote (or the end of the text).
                let from = p + 3;
                let close = if b == b'"' {
                    let mut q = from;
                    loop {
                        match bytes.get(q) {
                            None => break None,
                            Some(b'\\') => q += 2,
                            Some(_) if bytes[q..].starts_with(&triple) => break Some(q),
                            Some(_) => q += 1,
                        }
                    }
                } else {
                    bytes
                        .get(from..)
                        .and_then(|rest| rest.windows(3).position(|w| w == triple))
                        .map(|e| from + e)
                };
                let (content_end, end) = match close {
                    // Up to two extra quotes before the closer belong to the content.
                    Some(mut c) => {
                        for _ in 0..2 {
                            if bytes.get(c + 3) == Some(&b) {
                                c += 1;
                            }
                        }
                        (c, c + 3)
                    }
                    None => (n, n),
                };
                let mut raw = text.get(from..content_end).unwrap_or_default();
                raw = raw
                    .strip_prefix("\r\n")
                    .or_else(|| raw.strip_prefix('\n'))
                    .unwrap_or(raw);
                let value = if b == b'"' {
                    unescape_backslash(&join_line_continuations(raw))
                } else {
                    raw.to_string()
                };
                return (TomlValue::Text(value, p..end), end);
            }
            let eol = line_end(bytes, p);
            let mut eol_trim = eol;
            if eol_trim > p + 1 && bytes[eol_trim - 1] == b'\r' {
                eol_trim -= 1;
            }
            let (content_end, end) = match closing_quote_toml(bytes, p, eol_trim, b) {
                Some(c) => (c, c + 1),
                None => (eol_trim, eol_trim),
            };
            let value = unquote_toml(b, &text[p + 1..content_end]);
            (TomlValue::Text(value, p..end), end)
        }
        b'{' if tables => toml_inline_table(text, p),
        // A table nested in an inline table is not read (no definitions come from it).
        b'{' => (TomlValue::Table(Vec::new()), skip_toml_brackets(text, p)),
        b'[' => (TomlValue::Other, skip_toml_brackets(text, p)),
        _ => {
            let mut q = p;
            while q < n
                && !matches!(
                    bytes[q],
                    b' ' | b'\t' | b'\r' | b'\n' | b',' | b'}' | b']' | b'#'
                )
            {
                q += 1;
            }
            if q == p {
                return (TomlValue::Other, p);
            }
            (TomlValue::Text(text[p..q].to_string(), p..q), q)
        }
    }
}

/// In a multi-line basic string, a `\` at the end of a line removes the line break and the
/// whitespace that follows.
fn join_line_continuations(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('\n') || trimmed.starts_with("\r\n") {
            rest = trimmed.trim_start_matches([' ', '\t', '\r', '\n']);
        } else {
            // An ordinary escape: keep it and the escaped char for the unescaper.
            let mut chars = after.chars();
            out.push('\\');
            if let Some(c) = chars.next() {
                out.push(c);
            }
            rest = chars.as_str();
        }
    }
    out.push_str(rest);
    out
}

/// An inline table `{ k = v, ... }` at `p` (TOML 1.1 lets it span lines).
fn toml_inline_table(text: &str, p: usize) -> (TomlValue, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut entries = Vec::new();
    let mut q = p + 1;
    while q < n {
        match bytes[q] {
            b' ' | b'\t' | b'\r' | b'\n' | b',' => q += 1,
            b'#' => q = line_end(bytes, q),
            b'}' => return (TomlValue::Table(entries), q + 1),
            _ => {
                let (keys, k_end) = toml_key_path(text, q);
                let eq = skip_blanks(bytes, k_end, n);
                if keys.is_empty() || bytes.get(eq) != Some(&b'=') {
                    // Garbage: skip a char and try again.
                    q = next_char(text, q.max(k_end));
                    continue;
                }
                let v = skip_blanks(bytes, eq + 1, n);
                let (value, end) = toml_value(text, v, false);
                entries.push((keys, value));
                q = end.max(v).max(q + 1);
            }
        }
    }
    (TomlValue::Table(entries), n)
}

/// The offset after the array or table opening at `p` (strings and comments honoured).
fn skip_toml_brackets(text: &str, p: usize) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut depth = 0usize;
    let mut q = p;
    while q < n {
        match bytes[q] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return q + 1;
                }
            }
            b'#' => {
                q = line_end(bytes, q);
                continue;
            }
            quote @ (b'"' | b'\'') => {
                let eol = line_end(bytes, q);
                q = closing_quote_toml(bytes, q, eol, quote).unwrap_or(eol);
            }
            _ => {}
        }
        q += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::LineIndex;

    const WORKFLOW: &str = r#"name: CI

on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      env:
        description: "Target environment"
        required: true
        type: choice
        options: [staging, production]

env:
  NODE_VERSION: "20"
  NEXT_PUBLIC_CLERK_FRONTEND_API: clerk.example.com # deprecated
  CLERK_API_KEY: ${{ secrets.CLERK_API_KEY }}

jobs:
  build:
    runs-on: ubuntu-latest
    env: { CI: true, 'SINGLE': 'it''s', EXPR: "${{ github.sha }}" }
    container:
      image: node:20
      env:
        CONTAINER_VAR: inside
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
    strategy:
      matrix:
        env: [staging, production]
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          env: not-an-env
      - name: Build
        run: |
          FOO=bar npm run build
          export BAR=baz
          env:
            NOT_THIS: x
        env:
          "NEXT_PUBLIC_X": 1
          CLERK_SECRET_KEY: ${{ secrets.CLERK_SECRET_KEY }}
          MULTI: |
            line one
            line two

          EMPTY:
          # a comment
          TAB_AFTER: value	# tabbed comment
      - run: echo "$FOO"
        env:
          FOO: bar
  deploy:
    needs: build
    uses: ./.github/workflows/deploy.yml
    with:
      env:
        nested: no
    secrets: inherit
"#;

    const COMPOSE: &str = r#"version: "3.9"
services:
  web:
    build:
      context: .
      args:
        NODE_ENV: production
    image: my/web
    env_file:
      - .env.local
    environment:
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: pk_test_abc
      CLERK_SECRET_KEY: "sk_test_123"
      PASS_THROUGH:
      QUOTED_SINGLE: 'a ''b'''
    ports:
      - "3000:3000"
  worker:
    image: my/worker
    environment:
      - CLERK_API_KEY=sk_live_old
      - "NEXT_PUBLIC_CLERK_FRONTEND_API=clerk.example.com"
      - DEBUG
      - URL=http://web:3000 # comment
      - EMPTY=
    command: ["node", "worker.js"]
  cron:
    environment: [A=1, B, "C=x y"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
  flow:
    environment: {X: 1, "Y": two}
"#;

    const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-alpine AS deps
WORKDIR /app
arg NPM_TOKEN
ENV NEXT_TELEMETRY_DISABLED=1 \
    CLERK_API_KEY="sk_live_ab\"c" \
    # a comment inside the continuation
    PATH_EXTRA='/opt/bin'
RUN <<EOF
ENV NOT_AN_ENV=1
EOF

FROM node:20-alpine AS runner
env NODE_ENV production
ENV MSG "hello world"
ENV NEXT_PUBLIC_CLERK_FRONTEND_API=clerk.example.com NEXT_PUBLIC_X=
RUN echo ENV FAKE=1
ONBUILD ENV LATE=yes
ARG A B=2
COPY --from=deps /app /app
CMD ["node", "server.js"]
"#;

    const VERCEL: &str = r#"{
  "$schema": "https://openapi.vercel.sh/vercel.json",
  "buildCommand": "next build",
  "env": {
    "CLERK_API_KEY": "sk_live_xxx",
    "NEXT_PUBLIC_CLERK_FRONTEND_API": "clerk.example.com",
    "NUMERIC": 1,
  },
  // comments are tolerated
  "build": {
    "env": {
      "CLERK_SECRET_KEY": "@clerk-secret"
    }
  },
  "headers": [
    {
      "source": "/(.*)",
      "headers": [{ "key": "X-Frame-Options", "value": "DENY" }],
      "env": { "NOT_THIS": "x" }
    }
  ]
}
"#;

    const NETLIFY: &str = r#"[build]
  command = "npm run build"
  publish = ".next"
  environment = { NODE_VERSION = "20", NEXT_TELEMETRY_DISABLED = '1' }

[build.environment]
  CLERK_API_KEY = "sk_live_abc" # deprecated
  NEXT_PUBLIC_CLERK_FRONTEND_API = 'clerk.example.com'

[context.production.environment]
  CLERK_SECRET_KEY = "sk_live_\u0041BC"

[context.deploy-preview]
  command = "npm run preview"
  environment = { PREVIEW = "yes" }

[context.deploy-preview.environment]
  NEXT_PUBLIC_PREVIEW = "true"

[context."feature/login".environment]
  "QUOTED_KEY" = "v"
  BARE = 18
  MULTI = """
first
second"""

[[redirects]]
  from = "/old"
  to = "/new"

[[plugins]]
  package = "@netlify/plugin-nextjs"
  [plugins.inputs]
    environment = "not a table"
"#;

    const TURBO_V1: &str = r#"{
  "$schema": "https://turbo.build/schema.json",
  // global stuff
  "globalDependencies": ["**/.env.*local"],
  "globalEnv": ["CLERK_SECRET_KEY", "NEXT_PUBLIC_*", "!IGNORED"],
  "pipeline": {
    "build": {
      "dependsOn": ["^build", "$OLD_STYLE"],
      "env": ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", /* inline */ "CLERK_API_KEY",],
      "outputs": [".next/**"]
    },
    "lint": {}
  }
}
"#;

    const TURBO_V2: &str = r#"{
  "$schema": "https://turbo.build/schema.json",
  "ui": "tui",
  "globalPassThroughEnv": ["AWS_*", "VERCEL_URL"],
  "tasks": {
    "build": {
      "dependsOn": ["^build"],
      "inputs": ["$TURBO_DEFAULT$", ".env*"],
      "env": ["CLERK_SECRET_KEY", "NEXT_PUBLIC_CLERK_FRONTEND_API"],
      "passThroughEnv": ["SENTRY_AUTH_TOKEN"],
      "outputs": [".next/**", "!.next/cache/**"]
    },
    "dev": { "cache": false, "persistent": true, },
  },
}
"#;

    type Row<'a> = (&'a str, Option<&'a str>, u32, u32);

    /// Every range of every definition is inside the text, on char boundaries, and ordered.
    fn assert_ranges_sane(text: &str, defs: &[EnvDef]) {
        let ok = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let mut last = 0;
        for d in defs {
            assert!(
                ok(&d.name_range),
                "name range {:?} in {text:?}",
                d.name_range
            );
            assert!(
                d.name_range.start >= last,
                "out of order in {text:?}: {defs:?}"
            );
            last = d.name_range.start;
            if let Some(r) = &d.value_range {
                assert!(ok(r), "value range {r:?} in {text:?}");
            }
            assert_eq!(d.value.is_some(), d.value_range.is_some(), "{d:?}");
        }
    }

    /// Parses, checks the ranges (and that each name range covers exactly the name), and
    /// compares (name, value, line, column) with `want`.
    fn check(kind: FileKind, text: &str, want: &[Row<'_>]) -> Vec<EnvDef> {
        let defs = defs_for(kind, text);
        assert_ranges_sane(text, &defs);
        let idx = LineIndex::new(text);
        let got: Vec<(String, Option<String>, u32, u32)> = defs
            .iter()
            .map(|d| {
                assert_eq!(&text[d.name_range.clone()], d.name, "name range of {d:?}");
                let p = idx.pos(text, d.name_range.start);
                (d.name.clone(), d.value.clone(), p.line, p.column)
            })
            .collect();
        let want: Vec<(String, Option<String>, u32, u32)> = want
            .iter()
            .map(|&(n, v, l, c)| (n.to_string(), v.map(str::to_string), l, c))
            .collect();
        assert_eq!(got, want, "in {kind:?}:\n{text}");
        defs
    }

    /// The text of each definition's value range.
    fn value_texts<'t>(text: &'t str, defs: &[EnvDef]) -> Vec<Option<&'t str>> {
        defs.iter()
            .map(|d| d.value_range.clone().map(|r| &text[r]))
            .collect()
    }

    fn run_cases(kind: FileKind, cases: &[(&str, &str, &[Row<'_>])]) {
        for (label, text, want) in cases {
            println!("case: {label}");
            check(kind, text, want);
        }
    }

    #[test]
    fn workflow_realistic() {
        let defs = check(
            FileKind::Workflow,
            WORKFLOW,
            &[
                ("NODE_VERSION", Some("20"), 15, 3),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    16,
                    3,
                ),
                ("CLERK_API_KEY", Some("${{ secrets.CLERK_API_KEY }}"), 17, 3),
                ("CI", Some("true"), 22, 12),
                ("SINGLE", Some("it's"), 22, 23),
                ("EXPR", Some("${{ github.sha }}"), 22, 41),
                ("CONTAINER_VAR", Some("inside"), 26, 9),
                ("POSTGRES_PASSWORD", Some("postgres"), 31, 11),
                ("NEXT_PUBLIC_X", Some("1"), 47, 12),
                (
                    "CLERK_SECRET_KEY",
                    Some("${{ secrets.CLERK_SECRET_KEY }}"),
                    48,
                    11,
                ),
                ("MULTI", Some("line one\nline two\n"), 49, 11),
                ("EMPTY", None, 53, 11),
                ("TAB_AFTER", Some("value"), 55, 11),
                ("FOO", Some("bar"), 58, 11),
            ],
        );
        let texts = value_texts(WORKFLOW, &defs);
        assert_eq!(texts[0], Some("\"20\""));
        assert_eq!(texts[4], Some("'it''s'"));
        assert_eq!(
            texts[10],
            Some("|\n            line one\n            line two")
        );
        assert_eq!(texts[11], None);
    }

    #[test]
    fn workflow_cases() {
        run_cases(
            FileKind::Workflow,
            &[
                (
                    "top-level block",
                    "env:\n  A: 1\n  B: two\n",
                    &[("A", Some("1"), 2, 3), ("B", Some("two"), 3, 3)],
                ),
                (
                    "flow",
                    "env: { A: x, B: \"y\" }\n",
                    &[("A", Some("x"), 1, 8), ("B", Some("y"), 1, 14)],
                ),
                (
                    "flow over lines",
                    "env: {\n  A: x,\n  B: 'y' # c\n}\nC: 1\n",
                    &[("A", Some("x"), 2, 3), ("B", Some("y"), 3, 3)],
                ),
                ("flow null key", "env: {A}\n", &[("A", None, 1, 7)]),
                ("empty flow", "env: {}\n", &[]),
                (
                    "quoted keys",
                    "env:\n  \"NEXT_PUBLIC_X\": 1\n  'B': \"a\\tb\"\n",
                    &[
                        ("NEXT_PUBLIC_X", Some("1"), 2, 4),
                        ("B", Some("a\tb"), 3, 4),
                    ],
                ),
                (
                    "single quote escape",
                    "env:\n  A: 'it''s # not a comment'\n",
                    &[("A", Some("it's # not a comment"), 2, 3)],
                ),
                (
                    "comment after plain",
                    "env:\n  A: abc # comment\n  B: a#b\n",
                    &[("A", Some("abc"), 2, 3), ("B", Some("a#b"), 3, 3)],
                ),
                (
                    "comments and blanks",
                    "env:\n\n  # A: no\n  A: 1\n\n  B: 2\nX: 3\n",
                    &[("A", Some("1"), 4, 3), ("B", Some("2"), 6, 3)],
                ),
                (
                    "stops at dedent",
                    "jobs:\n  a:\n    env:\n      A: 1\n    steps: []\n    B: 2\n",
                    &[("A", Some("1"), 4, 7)],
                ),
                (
                    "nested deeper is not a key",
                    "env:\n  A:\n    B: 1\n",
                    &[("A", None, 2, 3)],
                ),
                (
                    "expression",
                    "env:\n  T: ${{ secrets.T }} # tok\n",
                    &[("T", Some("${{ secrets.T }}"), 2, 3)],
                ),
                (
                    "literal keep",
                    "env:\n  K: |+\n    a\n\n  L: 1\n",
                    &[("K", Some("a\n\n"), 2, 3), ("L", Some("1"), 5, 3)],
                ),
                (
                    "literal strip",
                    "env:\n  K: |-\n    a\n     b\n",
                    &[("K", Some("a\n b"), 2, 3)],
                ),
                (
                    "folded",
                    "env:\n  K: >\n    a\n    b\n\n    c\n",
                    &[("K", Some("a b\nc\n"), 2, 3)],
                ),
                (
                    "folded strip with comment",
                    "env:\n  K: >- # c\n    one\n    two\n",
                    &[("K", Some("one two"), 2, 3)],
                ),
                (
                    "indentation indicator",
                    "env:\n  K: |2\n     x\n",
                    &[("K", Some(" x\n"), 2, 3)],
                ),
                (
                    "empty block scalar",
                    "env:\n  K: |\n  L: 1\n",
                    &[("K", Some(""), 2, 3), ("L", Some("1"), 3, 3)],
                ),
                (
                    "step env",
                    "steps:\n  - name: a\n    env:\n      A: 1\n  - env:\n      B: 2\n    run: x\n",
                    &[("A", Some("1"), 4, 7), ("B", Some("2"), 6, 7)],
                ),
                (
                    "compact sequence",
                    "steps:\n- env:\n    A: 1\n- run: |\n    env:\n      B: 2\n",
                    &[("A", Some("1"), 3, 5)],
                ),
                (
                    "run block hides env",
                    "steps:\n  - run: |\n      FOO=bar\n      env:\n        X: 1\n",
                    &[],
                ),
                (
                    "with is not env",
                    "steps:\n  - uses: a/b@v1\n    with:\n      env:\n        X: 1\n      env2: y\n",
                    &[],
                ),
                (
                    "with flow is not env",
                    "steps:\n  - with: {env: {X: 1}}\n",
                    &[],
                ),
                (
                    "on inputs named env",
                    "on:\n  workflow_call:\n    inputs:\n      env:\n        type: string\nenv:\n  A: 1\n",
                    &[("A", Some("1"), 7, 3)],
                ),
                (
                    "matrix env",
                    "strategy:\n  matrix:\n    env:\n      a: 1\n",
                    &[],
                ),
                (
                    "env scalar",
                    "env: ${{ fromJSON(needs.a.outputs.env) }}\n  A: 1\n",
                    &[],
                ),
                (
                    "anchor",
                    "env: &common\n  A: 1\n",
                    &[("A", Some("1"), 2, 3)],
                ),
                (
                    "merge key skipped",
                    "env:\n  <<: *common\n  A: 1\n",
                    &[("A", Some("1"), 3, 3)],
                ),
                (
                    "flow value",
                    "env:\n  A: [1, 2]\n  B: 3\n",
                    &[("A", None, 2, 3), ("B", Some("3"), 3, 3)],
                ),
                (
                    "CRLF",
                    "env:\r\n  A: 1\r\n  B: \"x\"\r\n",
                    &[("A", Some("1"), 2, 3), ("B", Some("x"), 3, 3)],
                ),
                ("BOM", "\u{feff}env:\n  A: 1\n", &[("A", Some("1"), 2, 3)]),
                (
                    "tabs",
                    "env:\n\tA: 1\n\tB: 2\n",
                    &[("A", Some("1"), 2, 2), ("B", Some("2"), 3, 2)],
                ),
                ("env last line", "jobs:\n  a:\n    env:", &[]),
                (
                    "unterminated quote",
                    "env:\n  A: \"abc\n  B: 'x\n",
                    &[("A", Some("abc"), 2, 3), ("B", Some("x"), 3, 3)],
                ),
                (
                    "documents",
                    "env:\n  A: 1\n---\nB: 2\nenv:\n  C: 3\n",
                    &[("A", Some("1"), 2, 3), ("C", Some("3"), 6, 3)],
                ),
                (
                    "no space after colon",
                    "env:\n  A:1\n  B: 2\n",
                    &[("B", Some("2"), 3, 3)],
                ),
                (
                    "unicode",
                    "env:\n  É: \"ü\"\n  B: ✓\n",
                    &[("É", Some("ü"), 2, 3), ("B", Some("✓"), 3, 3)],
                ),
                (
                    "container and services",
                    "container:\n  env:\n    A: 1\nservices:\n  db:\n    env:\n      B: 2\n",
                    &[("A", Some("1"), 3, 5), ("B", Some("2"), 7, 7)],
                ),
            ],
        );
    }

    #[test]
    fn compose_realistic() {
        let defs = check(
            FileKind::Compose,
            COMPOSE,
            &[
                (
                    "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
                    Some("pk_test_abc"),
                    12,
                    7,
                ),
                ("CLERK_SECRET_KEY", Some("sk_test_123"), 13, 7),
                ("PASS_THROUGH", None, 14, 7),
                ("QUOTED_SINGLE", Some("a 'b'"), 15, 7),
                ("CLERK_API_KEY", Some("sk_live_old"), 21, 9),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    22,
                    10,
                ),
                ("DEBUG", None, 23, 9),
                ("URL", Some("http://web:3000"), 24, 9),
                ("EMPTY", Some(""), 25, 9),
                ("A", Some("1"), 28, 19),
                ("B", None, 28, 24),
                ("C", Some("x y"), 28, 28),
                ("X", Some("1"), 32, 19),
                ("Y", Some("two"), 32, 26),
            ],
        );
        let texts = value_texts(COMPOSE, &defs);
        assert_eq!(texts[1], Some("\"sk_test_123\""));
        assert_eq!(texts[4], Some("sk_live_old"));
        assert_eq!(texts[5], Some("clerk.example.com"));
        assert_eq!(texts[8], Some(""));
    }

    #[test]
    fn compose_cases() {
        run_cases(
            FileKind::Compose,
            &[
                (
                    "mapping",
                    "services:\n  a:\n    environment:\n      K: v\n      N:\n",
                    &[("K", Some("v"), 4, 7), ("N", None, 5, 7)],
                ),
                (
                    "sequence",
                    "services:\n  a:\n    environment:\n      - K=v\n      - N\n",
                    &[("K", Some("v"), 4, 9), ("N", None, 5, 9)],
                ),
                (
                    "compact sequence",
                    "services:\n  a:\n    environment:\n    - K=v=w\n    ports: []\n",
                    &[("K", Some("v=w"), 4, 7)],
                ),
                (
                    "quoted item",
                    "services:\n  a:\n    environment:\n      - \"K=a b\"\n      - 'L=it''s'\n",
                    &[("K", Some("a b"), 4, 10), ("L", Some("it's"), 5, 10)],
                ),
                (
                    "value quotes kept",
                    "services:\n  a:\n    environment:\n      - K=\"v\"\n",
                    &[("K", Some("\"v\""), 4, 9)],
                ),
                (
                    "flow sequence",
                    "services:\n  a:\n    environment: [A=1, B, 'C=3']\n",
                    &[
                        ("A", Some("1"), 3, 19),
                        ("B", None, 3, 24),
                        ("C", Some("3"), 3, 28),
                    ],
                ),
                (
                    "flow mapping",
                    "services:\n  a:\n    environment: {A: 1, B: }\n",
                    &[("A", Some("1"), 3, 19), ("B", None, 3, 25)],
                ),
                (
                    "env_file ignored",
                    "services:\n  a:\n    env_file:\n      - .env\n    env_file: [.env]\n",
                    &[],
                ),
                (
                    "second service",
                    "services:\n  a:\n    environment:\n      A: 1\n  b:\n    image: x\n    environment:\n      - B=2\n",
                    &[("A", Some("1"), 4, 7), ("B", Some("2"), 8, 9)],
                ),
                (
                    "ends at dedent",
                    "services:\n  a:\n    environment:\n      A: 1\n    command: B=2\n    labels:\n      - C=3\n",
                    &[("A", Some("1"), 4, 7)],
                ),
                (
                    "scalar environment",
                    "secrets:\n  s:\n    environment: TOKEN\n",
                    &[],
                ),
                (
                    "comment item",
                    "services:\n  a:\n    environment:\n      # - X=1\n      - A=1 # c\n",
                    &[("A", Some("1"), 5, 9)],
                ),
                (
                    "CRLF",
                    "services:\r\n  a:\r\n    environment:\r\n      - A=1\r\n      B: 2\r\n",
                    &[("A", Some("1"), 4, 9), ("B", Some("2"), 5, 7)],
                ),
                (
                    "block scalar value",
                    "services:\n  a:\n    environment:\n      KEY: >-\n        x\n        y\n",
                    &[("KEY", Some("x y"), 4, 7)],
                ),
                ("environment last", "services:\n  a:\n    environment:", &[]),
                (
                    "dash only",
                    "services:\n  a:\n    environment:\n      -\n      - =x\n",
                    &[],
                ),
            ],
        );
    }

    #[test]
    fn dockerfile_realistic() {
        let defs = check(
            FileKind::Dockerfile,
            DOCKERFILE,
            &[
                ("NODE_VERSION", Some("20"), 2, 5),
                ("NPM_TOKEN", None, 5, 5),
                ("NEXT_TELEMETRY_DISABLED", Some("1"), 6, 5),
                ("CLERK_API_KEY", Some("sk_live_ab\"c"), 7, 5),
                ("PATH_EXTRA", Some("/opt/bin"), 9, 5),
                ("NODE_ENV", Some("production"), 15, 5),
                ("MSG", Some("hello world"), 16, 5),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    17,
                    5,
                ),
                ("NEXT_PUBLIC_X", Some(""), 17, 54),
                ("LATE", Some("yes"), 19, 13),
                ("A", None, 20, 5),
                ("B", Some("2"), 20, 7),
            ],
        );
        let texts = value_texts(DOCKERFILE, &defs);
        assert_eq!(texts[3], Some("\"sk_live_ab\\\"c\""));
        assert_eq!(texts[6], Some("\"hello world\""));
        assert_eq!(texts[8], Some(""));
    }

    #[test]
    fn dockerfile_cases() {
        run_cases(
            FileKind::Dockerfile,
            &[
                (
                    "multi",
                    "ENV A=1 B=\"two words\" C='x y'\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("two words"), 1, 9),
                        ("C", Some("x y"), 1, 23),
                    ],
                ),
                (
                    "legacy",
                    "ENV KEY value with  spaces\n",
                    &[("KEY", Some("value with  spaces"), 1, 5)],
                ),
                (
                    "legacy quoted",
                    "ENV KEY \"a b\" c\n",
                    &[("KEY", Some("a b c"), 1, 5)],
                ),
                ("legacy alone", "ENV KEY\n", &[("KEY", None, 1, 5)]),
                (
                    "case-insensitive",
                    "env a=1\nEnV b 2\naRg c\n",
                    &[
                        ("a", Some("1"), 1, 5),
                        ("b", Some("2"), 2, 5),
                        ("c", None, 3, 5),
                    ],
                ),
                (
                    "arg default",
                    "ARG V=1.2.3\nARG X\n",
                    &[("V", Some("1.2.3"), 1, 5), ("X", None, 2, 5)],
                ),
                (
                    "escapes",
                    "ENV A=a\\ b B=\"q\\\"q\" C='s\\'\n",
                    &[
                        ("A", Some("a b"), 1, 5),
                        ("B", Some("q\"q"), 1, 12),
                        ("C", Some("s\\"), 1, 21),
                    ],
                ),
                (
                    "continuation",
                    "ENV A=1 \\\n  B=2 \\\n\n  # comment\n  C=3\nENV D=4\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("2"), 2, 3),
                        ("C", Some("3"), 5, 3),
                        ("D", Some("4"), 6, 5),
                    ],
                ),
                (
                    "continuation joins",
                    "ENV A=abc\\\ndef\n",
                    &[("A", Some("abcdef"), 1, 5)],
                ),
                (
                    "comment lines",
                    "# ENV NO=1\n  # ARG NO2\nARG YES\n",
                    &[("YES", None, 3, 5)],
                ),
                (
                    "not an instruction",
                    "RUN ENV=1 echo\nLABEL ENV=x\nFROM x AS ENV\n",
                    &[],
                ),
                ("onbuild", "ONBUILD ARG X=1\n", &[("X", Some("1"), 1, 13)]),
                (
                    "heredoc",
                    "RUN <<-EOT bash\n\tENV NO=1\n\tEOT\nENV YES=1\n",
                    &[("YES", Some("1"), 4, 5)],
                ),
                (
                    "two heredocs",
                    "COPY <<A <<B /x\nENV NO=1\nA\nENV NO2=1\nB\nENV YES=1\n",
                    &[("YES", Some("1"), 6, 5)],
                ),
                (
                    "escape directive",
                    "# escape=`\nENV A=1 `\n    B=c:\\dir\n",
                    &[("A", Some("1"), 2, 5), ("B", Some("c:\\dir"), 3, 5)],
                ),
                (
                    "CRLF",
                    "ENV A=1 \\\r\n  B=2\r\nARG C\r\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("2"), 2, 3),
                        ("C", None, 3, 5),
                    ],
                ),
                ("BOM", "\u{feff}ENV A=1\n", &[("A", Some("1"), 1, 6)]),
                (
                    "tabs",
                    "ENV\tA=1\tB=2\n\tARG\tC\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("2"), 1, 9),
                        ("C", None, 2, 6),
                    ],
                ),
                (
                    "unterminated quote",
                    "ENV A=\"abc\nENV B=1\n",
                    &[("A", Some("abc"), 1, 5), ("B", Some("1"), 2, 5)],
                ),
                ("invalid multi", "ENV A=1 B =2\n", &[("A", Some("1"), 1, 5)]),
                (
                    "trailing backslash at end",
                    "ENV A=1 \\",
                    &[("A", Some("1"), 1, 5)],
                ),
                (
                    "unicode",
                    "ENV GREETING=héllo NAME=\"✓ ok\"\n",
                    &[
                        ("GREETING", Some("héllo"), 1, 5),
                        ("NAME", Some("✓ ok"), 1, 20),
                    ],
                ),
            ],
        );
    }

    #[test]
    fn vercel_realistic() {
        let defs = check(
            FileKind::Vercel,
            VERCEL,
            &[
                ("CLERK_API_KEY", Some("sk_live_xxx"), 5, 6),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    6,
                    6,
                ),
                ("NUMERIC", None, 7, 6),
                ("CLERK_SECRET_KEY", Some("@clerk-secret"), 12, 8),
            ],
        );
        assert_eq!(value_texts(VERCEL, &defs)[0], Some("\"sk_live_xxx\""));
    }

    #[test]
    fn vercel_cases() {
        run_cases(
            FileKind::Vercel,
            &[
                (
                    "minimal",
                    r#"{"env":{"A":"1"}}"#,
                    &[("A", Some("1"), 1, 10)],
                ),
                (
                    "build env",
                    "{\"build\": {\"env\": {\"B\": \"x\"}}, \"env\": {}}",
                    &[("B", Some("x"), 1, 21)],
                ),
                (
                    "escaped value",
                    r#"{"env": {"A": "a\"b\u00e9"}}"#,
                    &[("A", Some("a\"bé"), 1, 11)],
                ),
                (
                    "nested elsewhere",
                    r#"{"functions": {"env": {"A": "1"}}, "x": {"build": {"env": {"B": "2"}}}}"#,
                    &[],
                ),
                (
                    "non-string values",
                    r#"{"env": {"A": true, "B": null, "C": {"D": "1"}}}"#,
                    &[("A", None, 1, 11), ("B", None, 1, 22), ("C", None, 1, 33)],
                ),
                (
                    "missing value",
                    "{\"env\": {\"A\": , \"B\"}}",
                    &[("A", None, 1, 11), ("B", None, 1, 18)],
                ),
                (
                    "comments",
                    "{\n  /* c */ \"env\": { // x\n    \"A\": \"1\", /* \"B\": \"2\" */\n  }\n}",
                    &[("A", Some("1"), 3, 6)],
                ),
                (
                    "truncated",
                    "{\"env\": {\"A\": \"1\", \"B\": \"2",
                    &[("A", Some("1"), 1, 11), ("B", Some("2"), 1, 21)],
                ),
                (
                    "missing commas",
                    "{\"env\": {\"A\": \"1\" \"B\": \"2\"}}",
                    &[("A", Some("1"), 1, 11), ("B", Some("2"), 1, 20)],
                ),
                ("env array", r#"{"env": ["A"]}"#, &[]),
                ("root array", r#"[{"env": {"A": "1"}}]"#, &[]),
                (
                    "BOM CRLF",
                    "\u{feff}{\r\n\"env\": {\r\n\"A\": \"1\"\r\n}}",
                    &[("A", Some("1"), 3, 2)],
                ),
            ],
        );
    }

    #[test]
    fn netlify_realistic() {
        let defs = check(
            FileKind::Netlify,
            NETLIFY,
            &[
                ("NODE_VERSION", Some("20"), 4, 19),
                ("NEXT_TELEMETRY_DISABLED", Some("1"), 4, 40),
                ("CLERK_API_KEY", Some("sk_live_abc"), 7, 3),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    8,
                    3,
                ),
                ("CLERK_SECRET_KEY", Some("sk_live_ABC"), 11, 3),
                ("PREVIEW", Some("yes"), 15, 19),
                ("NEXT_PUBLIC_PREVIEW", Some("true"), 18, 3),
                ("QUOTED_KEY", Some("v"), 21, 4),
                ("BARE", Some("18"), 22, 3),
                ("MULTI", Some("first\nsecond"), 23, 3),
            ],
        );
        let texts = value_texts(NETLIFY, &defs);
        assert_eq!(texts[2], Some("\"sk_live_abc\""));
        assert_eq!(texts[3], Some("'clerk.example.com'"));
        assert_eq!(texts[8], Some("18"));
        assert_eq!(texts[9], Some("\"\"\"\nfirst\nsecond\"\"\""));
    }

    #[test]
    fn netlify_cases() {
        run_cases(
            FileKind::Netlify,
            &[
                (
                    "table",
                    "[build.environment]\nA = \"1\"\nB='2'\n",
                    &[("A", Some("1"), 2, 1), ("B", Some("2"), 3, 1)],
                ),
                (
                    "other tables",
                    "[build]\nA = \"1\"\n[build.processing]\nB = \"2\"\n[environment.x]\nC = \"3\"\n",
                    &[],
                ),
                (
                    "quoted context",
                    "[context.\"branch-name\".environment]\nA = \"1\"\n[context.'x y' . environment]\nB = \"2\"\n",
                    &[("A", Some("1"), 2, 1), ("B", Some("2"), 4, 1)],
                ),
                (
                    "inline",
                    "[context.production]\nenvironment = { A = \"1\", B = 'x' }\n",
                    &[("A", Some("1"), 2, 17), ("B", Some("x"), 2, 26)],
                ),
                (
                    "inline with nested",
                    "[build]\nenvironment = { A = { B = \"1\" }, C = [\"x\", \"}\"], D = \"2\" }\n",
                    &[("C", None, 2, 34), ("D", Some("2"), 2, 50)],
                ),
                (
                    "dotted key",
                    "[build]\nenvironment.A = \"1\"\n",
                    &[("A", Some("1"), 2, 13)],
                ),
                (
                    "dotted in table skipped",
                    "[build.environment]\na.b = \"1\"\n",
                    &[],
                ),
                (
                    "literal string no escapes",
                    "[build.environment]\nP = 'C:\\path'\n",
                    &[("P", Some("C:\\path"), 2, 1)],
                ),
                (
                    "escapes",
                    "[build.environment]\nE = \"tab\\tq\\\"\"\n",
                    &[("E", Some("tab\tq\""), 2, 1)],
                ),
                (
                    "comments",
                    "# [build.environment]\n[build.environment] # c\n# A = \"no\"\nB = \"yes\" # c\n",
                    &[("B", Some("yes"), 4, 1)],
                ),
                (
                    "array of tables",
                    "[[plugins]]\n[plugins.environment]\nA = \"1\"\n",
                    &[("A", Some("1"), 3, 1)],
                ),
                (
                    "multi-line literal",
                    "[build.environment]\nM = '''\nline\n[not.a.header]\nX = \"no\"'''\nN = \"1\"\n",
                    &[
                        ("M", Some("line\n[not.a.header]\nX = \"no\""), 2, 1),
                        ("N", Some("1"), 6, 1),
                    ],
                ),
                (
                    "line continuation",
                    "[build.environment]\nM = \"\"\"a \\\n    b\"\"\"\n",
                    &[("M", Some("a b"), 2, 1)],
                ),
                (
                    "array value",
                    "[build.environment]\nA = [\n \"x\",\n]\nB = \"1\"\n",
                    &[("A", None, 2, 1), ("B", Some("1"), 5, 1)],
                ),
                (
                    "unterminated",
                    "[build.environment]\nA = \"abc\nB = 'x\n",
                    &[("A", Some("abc"), 2, 1), ("B", Some("x"), 3, 1)],
                ),
                (
                    "CRLF BOM",
                    "\u{feff}[build.environment]\r\nA = \"1\"\r\nB = 2\r\n",
                    &[("A", Some("1"), 2, 1), ("B", Some("2"), 3, 1)],
                ),
                (
                    "no equals",
                    "[build.environment]\nA \"1\"\nB = \"2\"\n",
                    &[("B", Some("2"), 3, 1)],
                ),
            ],
        );
    }

    #[test]
    fn turbo_realistic() {
        check(
            FileKind::Turbo,
            TURBO_V1,
            &[
                ("CLERK_SECRET_KEY", None, 5, 18),
                ("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", None, 9, 16),
                ("CLERK_API_KEY", None, 9, 66),
            ],
        );
        check(
            FileKind::Turbo,
            TURBO_V2,
            &[
                ("VERCEL_URL", None, 4, 38),
                ("CLERK_SECRET_KEY", None, 9, 16),
                ("NEXT_PUBLIC_CLERK_FRONTEND_API", None, 9, 36),
                ("SENTRY_AUTH_TOKEN", None, 10, 27),
            ],
        );
    }

    #[test]
    fn turbo_cases() {
        run_cases(
            FileKind::Turbo,
            &[
                (
                    "all lists",
                    r#"{"globalEnv":["A"],"globalPassThroughEnv":["B"],"tasks":{"t":{"env":["C"],"passThroughEnv":["D"]}}}"#,
                    &[
                        ("A", None, 1, 16),
                        ("B", None, 1, 45),
                        ("C", None, 1, 71),
                        ("D", None, 1, 94),
                    ],
                ),
                (
                    "wildcards and negation",
                    r#"{"globalEnv": ["A_*", "*", "!B", "C"]}"#,
                    &[("C", None, 1, 35)],
                ),
                (
                    "not env",
                    r#"{"globalDependencies": ["A"], "tasks": {"b": {"dependsOn": ["B"], "outputs": ["C"], "inputs": ["D"]}}}"#,
                    &[],
                ),
                (
                    "too deep",
                    r#"{"tasks": {"b": {"x": {"env": ["A"]}}}, "other": {"b": {"env": ["B"]}}}"#,
                    &[],
                ),
                (
                    "env object is not a list",
                    r#"{"tasks": {"b": {"env": {"A": "1"}}}}"#,
                    &[],
                ),
                (
                    "non-strings",
                    r#"{"globalEnv": [1, null, {"A": "x"}, ["B"], "C"]}"#,
                    &[("C", None, 1, 45)],
                ),
                (
                    "jsonc",
                    "{\n  // \"globalEnv\": [\"NO\"],\n  \"globalEnv\": [\n    \"A\", // a\n    /* \"NO2\", */ \"B\",\n  ],\n}\n",
                    &[("A", None, 4, 6), ("B", None, 5, 19)],
                ),
                (
                    "truncated",
                    "{\"globalEnv\": [\"A\", \"B",
                    &[("A", None, 1, 17), ("B", None, 1, 22)],
                ),
                (
                    "workspace config",
                    r#"{"extends": ["//"], "tasks": {"build": {"env": ["X"]}}}"#,
                    &[("X", None, 1, 50)],
                ),
            ],
        );
    }

    #[test]
    fn kinds_without_definitions() {
        let text = "A=1\nenv:\n  B: 2\nENV C=3\n{\"env\": {\"D\": \"4\"}}\n";
        for kind in [
            FileKind::Env,
            FileKind::Script,
            FileKind::PackageJson,
            FileKind::Lockfile,
            FileKind::Other,
        ] {
            assert!(defs_for(kind, text).is_empty(), "{kind:?}");
        }
    }

    const ALL_KINDS: [FileKind; 6] = [
        FileKind::Workflow,
        FileKind::Compose,
        FileKind::Dockerfile,
        FileKind::Vercel,
        FileKind::Netlify,
        FileKind::Turbo,
    ];

    /// Inputs that break hand-written parsers; every kind sees all of them.
    fn nasty_inputs() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            "\u{feff}",
            "\r\n",
            "\r",
            "\n\n\n",
            "\t",
            " ",
            "\0\0\0",
            "\\",
            "\"",
            "'",
            "\"\\",
            "\"\\u12",
            "\"\\uD800\" \"\\uDBFF\\uDFFF\" \"\\uDC00\"",
            "{",
            "[",
            "}",
            "]",
            "}{][",
            ":",
            "- ",
            "-",
            "- - - - -",
            "---\n...\n---",
            "#",
            "/*",
            "//",
            "env:",
            "env:\n",
            "environment:",
            "environment:\n  - ",
            "environment:\n  -",
            "\u{feff}env:\n  A: 1",
            "\t\tenv:\n\t\t\tA: \"x\n\t\tB:\n",
            "env: {",
            "env: {A: 1, B: [1, {C: 2}], D",
            "env: [",
            "env: { A: \"unterminated",
            "env: {A: ${{ x",
            "env:\n  A: |",
            "env:\n  A: >-\n",
            "env:\n  A: |9\n x",
            "env:\n  A: '",
            "env:\n  \"A",
            "env:\n  \"A\"",
            "env:\n  'A'':",
            "environment: [A=1, \"B",
            "environment:\n  - \"K=\\",
            "environment:\n  - =",
            "services:\n  a:\n    environment:\n      - 'K=v\n      - \"",
            "é: ü\nenv:\n  ÿ: \"ø\"\n  ✓: ✓ # ✓",
            "ENV",
            "ENV ",
            "ARG",
            "ENV =",
            "ENV A=",
            "ENV A=\"unterminated",
            "ENV A='x",
            "ENV A=1 \\",
            "ENV A=\\",
            "ENV \u{1F600}=\u{1F600}\u{1F600}",
            "ENV A=\\\u{e9}",
            "ENV A \"",
            "ONBUILD",
            "ONBUILD ENV",
            "RUN <<EOF\nENV X=1",
            "RUN <<",
            "RUN <<-",
            "RUN <<'",
            "# escape=`\nENV A=`",
            "[build.environment]\nA = \"unterminated",
            "[build.environment]\nA = \"\"\"never closed",
            "[build.environment]\nA = \"\"\"\"\"\"\"",
            "[build.environment]\nA = '''",
            "[build.environment]\nA = ''''",
            "[build.environment]\nA = \"\\",
            "[build.environment]\nA = \"\\u",
            "[build.environment]\nA =",
            "[build.environment]\n= 1",
            "[build.environment]\n\"",
            "[build.environment]\nA.",
            "[",
            "[[",
            "[\"",
            "environment = {",
            "environment = { A = ",
            "environment = { A = \"1\", B = { C = 1 }, D = [1,2], }",
            "environment = { = }",
            "environment.A = [",
            "{\"env\": {\"A\": \"\\u",
            "{\"env\":{\"A\"",
            "{\"env\":{\"A\":",
            "{\"env\":{:\"A\"}}",
            "{\"env\":{\"A\":\"1\"]]]]}}}}",
            "{\"env\":[[[{\"A\":1}]}",
            "{\"globalEnv\": [\"A\"",
            "{\"globalEnv\": [\"\\",
            "{'globalEnv': ['A', 'B\\'s']}",
            "{globalEnv: [A, \"B\"], env: {C: \"1\"}}",
            "\"env\": [\"A\"",
            "/* unterminated",
            "// only comment",
            "{\"env\": {\"A\": \"1\r\n\"B\": \"2\"}}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Deep nesting and long inputs.
        v.push("[".repeat(20_000));
        v.push("{".repeat(20_000));
        v.push("{\"env\":".repeat(5_000));
        v.push("{\"a\":[".repeat(5_000) + &"]}".repeat(5_000));
        v.push("- ".repeat(5_000) + "env:\n  A: 1");
        v.push(
            (0..2_000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
        );
        v.push(
            (0..2_000)
                .map(|i| format!("{}env:\n", " ".repeat(i)))
                .collect(),
        );
        v.push("env: ".repeat(3_000));
        v.push("ENV A=1 \\\n".repeat(3_000));
        v.push("[build.environment]\n".to_string() + &"A = { ".repeat(3_000));
        v.push("environment:\n".to_string() + &"  - A=1\n".repeat(1_000));
        // The realistic fixtures with CRLF line ends, with tabs, after a BOM, and truncated.
        for fixture in [
            WORKFLOW, COMPOSE, DOCKERFILE, VERCEL, NETLIFY, TURBO_V1, TURBO_V2,
        ] {
            v.push(fixture.replace('\n', "\r\n"));
            v.push(fixture.replace("  ", "\t"));
            v.push(format!("\u{feff}{fixture}"));
            for (i, _) in fixture.char_indices().step_by(3) {
                v.push(fixture[..i].to_string());
            }
        }
        v
    }

    #[test]
    fn never_panics_on_nasty_inputs() {
        for text in nasty_inputs() {
            for kind in ALL_KINDS {
                let defs = defs_for(kind, &text);
                assert_ranges_sane(&text, &defs);
            }
        }
    }

    #[test]
    fn never_panics_on_random_text() {
        // A small deterministic generator (xorshift), no dependency.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: Vec<char> = " \t\n\r\n:{}[],\"'\\#-|>=!*&$<.`/ENVARGenv_A1é✓\u{feff}"
            .chars()
            .collect();
        let prefixes = [
            "env:\n  ",
            "environment:\n  - ",
            "ENV ",
            "{\"env\": {",
            "[build.environment]\n",
            "{\"globalEnv\": [",
        ];
        for round in 0..1_500usize {
            let len = (next() % 120) as usize;
            let text: String = if round % 3 == 0 {
                // Raw random bytes, decoded lossily.
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                let body: String = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                format!("{}{body}", prefixes[round % prefixes.len()])
            };
            for kind in ALL_KINDS {
                let defs = defs_for(kind, &text);
                assert_ranges_sane(&text, &defs);
            }
        }
    }
}
