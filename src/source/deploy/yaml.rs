//! GitHub workflow `env:` blocks and docker-compose `environment` (one YAML reader, two modes).

use std::ops::Range;

use super::{
    closing_quote, def, indent_of, is_blank, line_ranges, next_char, skip_blanks, unquote,
};
use crate::source::EnvDef;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum YamlMode {
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

pub(super) fn yaml_defs(text: &str, mode: YamlMode) -> Vec<EnvDef> {
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

#[cfg(test)]
pub(super) mod tests {
    use crate::source::FileKind;
    use crate::source::deploy::tests::*;

    pub(in crate::source::deploy) const WORKFLOW: &str = r#"name: CI

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

    pub(in crate::source::deploy) const COMPOSE: &str = r#"version: "3.9"
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
}
