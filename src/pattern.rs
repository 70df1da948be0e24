//! Route patterns: Clerk's `createRouteMatcher` / `publicRoutes` (path-to-regexp 6) and Next.js
//! `config.matcher` entries, translated to `regex`.
//!
//! Both kinds of pattern go through the same two steps:
//!
//! 1. path-to-regexp 6.3 (the copy Clerk vendors in `@clerk/shared/compiled/path-to-regexp`,
//!    and the one Next.js bundles) turns the pattern into JavaScript RegExp source: `:name`
//!    parameters, `?`/`*`/`+` modifiers, `{...}` groups, inline `(regex)` groups and `\\`
//!    escapes, with the default options (`delimiter: "/#?"`, `strict: false` so an optional
//!    trailing `/`, `#` or `?` is accepted, `end: true`, anchored at both ends).
//! 2. That source (or a RegExp literal's source) is parsed as a JavaScript regular expression.
//!    Expressions without look-around run on the `regex` crate; the ones with look-ahead or
//!    look-behind (`/((?!_next|[^?]*\.(?:html?|css|js(?!on)|...)).*)`) run on a small
//!    backtracking matcher written for this module, which handles look-around anywhere in the
//!    pattern (not just at the start of a group). It has a step and depth budget, so a
//!    pathological pattern can only make a match fail, never hang or overflow the stack.
//!
//! Case sensitivity: Clerk calls `pathToRegexp(pattern)`, which adds the `i` flag (so
//! `createRouteMatcher` patterns are case-insensitive). Next.js only keeps the regex *source*
//! (`tokensToRegexp(...).source` in `getMiddlewareMatchers`) and tests requests with
//! `new RegExp(matcher.regexp)`, without flags, so `config.matcher` entries are
//! case-sensitive.

use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// One compiled pattern.
#[derive(Clone, Debug)]
pub struct RoutePattern {
    /// The pattern as written.
    pub source: String,
    /// The JavaScript RegExp source the pattern compiles to.
    compiled: String,
    engine: Engine,
}

#[derive(Clone, Debug)]
enum Engine {
    /// No look-around: the `regex` crate.
    Regex(regex::Regex),
    /// Look-around (or syntax the `regex` crate rejects): the backtracking matcher.
    Backtrack(Arc<Program>),
}

#[derive(Debug)]
struct Program {
    node: Node,
    icase: bool,
    /// Steps left for this pattern in the whole run (see [`PATTERN_STEPS`]).
    steps_left: AtomicU32,
    gave_up: AtomicBool,
}

impl RoutePattern {
    /// A `createRouteMatcher` / `publicRoutes` string: path-to-regexp 6, anchored at both ends,
    /// case-insensitive.
    pub fn clerk(pattern: &str) -> Result<RoutePattern, String> {
        let re = path_to_regexp(pattern)
            .map_err(|e| format!("`{pattern}` is not a valid path-to-regexp 6 pattern: {e}"))?;
        Self::compile(pattern, &re, true)
            .map_err(|e| format!("`{pattern}` compiles to an unsupported regular expression: {e}"))
    }

    /// A JavaScript RegExp literal (`/^\/api\//i`) given to `createRouteMatcher`: its source and
    /// flags. Only `i` changes matching; the pattern is not anchored unless the source is.
    pub fn js_regex(source: &str, flags: &str) -> Result<RoutePattern, String> {
        if (flags.contains('u') || flags.contains('v'))
            && (source.contains("\\p{") || source.contains("\\P{"))
        {
            return Err(format!(
                "`/{source}/{flags}` uses Unicode property escapes, which are not supported"
            ));
        }
        Self::compile(source, source, flags.contains('i'))
            .map_err(|e| format!("`/{source}/{flags}` is not a supported regular expression: {e}"))
    }

    /// A Next.js `config.matcher` source, compiled the way Next does: wrapped as
    /// `/:nextData(_next/data/[^/]{1,})?<source>{(\.json)}?` (the root `/` gets
    /// `(/?index|/?index\.json)?` instead), run through path-to-regexp with its defaults, and
    /// matched case-sensitively against the pathname. `basePath` and i18n locale prefixes are
    /// not applied.
    pub fn next_matcher(source: &str) -> Result<RoutePattern, String> {
        if !source.starts_with('/') {
            return Err(format!(
                "`config.matcher` entry `{source}` must start with `/`"
            ));
        }
        let wrapped = if source == "/" {
            r"/:nextData(_next/data/[^/]{1,})?/(/?index|/?index\.json)?".to_string()
        } else {
            format!(r"/:nextData(_next/data/[^/]{{1,}})?{source}{{(\.json)}}?")
        };
        let re = path_to_regexp(&wrapped).map_err(|e| {
            format!("`config.matcher` entry `{source}` is not a valid path-to-regexp pattern: {e}")
        })?;
        Self::compile(source, &re, false).map_err(|e| {
            format!("`config.matcher` entry `{source}` compiles to an unsupported regular expression: {e}")
        })
    }

    fn compile(source: &str, js: &str, icase: bool) -> Result<RoutePattern, String> {
        let node = parse_js_regex(js)?;
        let engine = match to_rust_regex(&node, icase) {
            Some(re) => Engine::Regex(re),
            None => Engine::Backtrack(Arc::new(Program {
                node,
                icase,
                steps_left: AtomicU32::new(PATTERN_STEPS),
                gave_up: AtomicBool::new(false),
            })),
        };
        Ok(RoutePattern {
            source: source.to_string(),
            compiled: js.to_string(),
            engine,
        })
    }

    /// The JavaScript RegExp source this pattern compiles to (for messages and debugging).
    pub fn compiled(&self) -> &str {
        &self.compiled
    }

    /// Whether the pattern matches; a pattern that gave up (see [`RoutePattern::test`])
    /// counts as not matching here. Callers for which a wrong "no" opens a route use
    /// [`RoutePattern::test`] and take the side that reports.
    pub fn matches(&self, pathname: &str) -> bool {
        self.test(pathname) == Match::Yes
    }

    /// Matches `pathname`. The backtracking matcher has one step budget per pattern, shared
    /// by every path it is tested on (not one per match): a pathological pattern costs at most
    /// [`PATTERN_STEPS`] steps in a whole run, and once spent it answers [`Match::GaveUp`]
    /// for every path.
    pub fn test(&self, pathname: &str) -> Match {
        match &self.engine {
            Engine::Regex(re) => {
                if re.is_match(pathname) {
                    Match::Yes
                } else {
                    Match::No
                }
            }
            Engine::Backtrack(p) => p.test(pathname),
        }
    }

    /// Whether evaluating this pattern gave up on some path (its step budget ran out).
    pub fn gave_up(&self) -> bool {
        match &self.engine {
            Engine::Regex(_) => false,
            Engine::Backtrack(p) => p.gave_up.load(Ordering::Relaxed),
        }
    }
}

/// The answer of [`RoutePattern::test`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    Yes,
    No,
    /// The matcher ran out of budget: the answer is not known.
    GaveUp,
}

// ---------------------------------------------------------------------------------------------
// path-to-regexp 6.3

#[derive(Clone, Debug, PartialEq)]
enum Lex {
    Modifier(char),
    Escaped(char),
    Open,
    Close,
    Name(String),
    Pattern(String),
    Char(char),
    End,
}

impl Lex {
    fn kind(&self) -> &'static str {
        match self {
            Lex::Modifier(_) => "MODIFIER",
            Lex::Escaped(_) => "ESCAPED_CHAR",
            Lex::Open => "OPEN",
            Lex::Close => "CLOSE",
            Lex::Name(_) => "NAME",
            Lex::Pattern(_) => "PATTERN",
            Lex::Char(_) => "CHAR",
            Lex::End => "END",
        }
    }
}

fn lex(s: &str) -> Result<Vec<(Lex, usize)>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        match ch {
            '*' | '+' | '?' => {
                out.push((Lex::Modifier(ch), i));
                i += 1;
            }
            '\\' => {
                let Some(&next) = c.get(i + 1) else {
                    return Err(format!("trailing `\\` at {i}"));
                };
                out.push((Lex::Escaped(next), i));
                i += 2;
            }
            '{' => {
                out.push((Lex::Open, i));
                i += 1;
            }
            '}' => {
                out.push((Lex::Close, i));
                i += 1;
            }
            ':' => {
                let mut j = i + 1;
                let mut name = String::new();
                while let Some(&n) = c.get(j) {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        name.push(n);
                        j += 1;
                    } else {
                        break;
                    }
                }
                if name.is_empty() {
                    return Err(format!("missing parameter name at {i}"));
                }
                out.push((Lex::Name(name), i));
                i = j;
            }
            '(' => {
                let mut count = 1;
                let mut pattern = String::new();
                let mut j = i + 1;
                if c.get(j) == Some(&'?') {
                    return Err(format!("pattern cannot start with \"?\" at {j}"));
                }
                while j < c.len() {
                    if c[j] == '\\' {
                        pattern.push('\\');
                        if let Some(&n) = c.get(j + 1) {
                            pattern.push(n);
                        }
                        j += 2;
                        continue;
                    }
                    if c[j] == ')' {
                        count -= 1;
                        if count == 0 {
                            j += 1;
                            break;
                        }
                    } else if c[j] == '(' {
                        count += 1;
                        if c.get(j + 1) != Some(&'?') {
                            return Err(format!("capturing groups are not allowed at {j}"));
                        }
                    }
                    pattern.push(c[j]);
                    j += 1;
                }
                if count != 0 {
                    return Err(format!("unbalanced pattern at {i}"));
                }
                if pattern.is_empty() {
                    return Err(format!("missing pattern at {i}"));
                }
                out.push((Lex::Pattern(pattern), i));
                i = j;
            }
            _ => {
                out.push((Lex::Char(ch), i));
                i += 1;
            }
        }
    }
    out.push((Lex::End, c.len()));
    Ok(out)
}

#[derive(Clone, Debug)]
enum P2rToken {
    Text(String),
    Key {
        name: String,
        prefix: String,
        suffix: String,
        pattern: String,
        modifier: String,
    },
}

const P2R_DELIMITER: &str = "/#?";
const P2R_PREFIXES: &str = "./";

/// `escapeString` of path-to-regexp.
fn p2r_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ".+*?=^!:${}()[]|/\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

struct P2rParser {
    toks: Vec<(Lex, usize)>,
    i: usize,
}

impl P2rParser {
    fn try_char(&mut self) -> Option<char> {
        match self.toks.get(self.i) {
            Some((Lex::Char(c), _)) => {
                self.i += 1;
                Some(*c)
            }
            _ => None,
        }
    }
    fn try_escaped(&mut self) -> Option<char> {
        match self.toks.get(self.i) {
            Some((Lex::Escaped(c), _)) => {
                self.i += 1;
                Some(*c)
            }
            _ => None,
        }
    }
    fn try_name(&mut self) -> Option<String> {
        match self.toks.get(self.i) {
            Some((Lex::Name(n), _)) => {
                let n = n.clone();
                self.i += 1;
                Some(n)
            }
            _ => None,
        }
    }
    fn try_pattern(&mut self) -> Option<String> {
        match self.toks.get(self.i) {
            Some((Lex::Pattern(p), _)) => {
                let p = p.clone();
                self.i += 1;
                Some(p)
            }
            _ => None,
        }
    }
    fn try_modifier(&mut self) -> String {
        match self.toks.get(self.i) {
            Some((Lex::Modifier(m), _)) => {
                let m = m.to_string();
                self.i += 1;
                m
            }
            _ => String::new(),
        }
    }
    fn try_open(&mut self) -> bool {
        if matches!(self.toks.get(self.i), Some((Lex::Open, _))) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn must(&mut self, want: Lex) -> Result<(), String> {
        match self.toks.get(self.i) {
            Some((t, _)) if *t == want => {
                self.i += 1;
                Ok(())
            }
            Some((t, at)) => Err(format!(
                "unexpected {} at {at}, expected {}",
                t.kind(),
                want.kind()
            )),
            None => Err(format!("unexpected end, expected {}", want.kind())),
        }
    }
    fn consume_text(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.try_char().or_else(|| self.try_escaped()) {
            s.push(c);
        }
        s
    }
}

/// The default pattern of a named parameter (path-to-regexp 6.3 `safePattern`).
fn safe_pattern(result: &[P2rToken], prefix: &str) -> Result<String, String> {
    let prev = result.last();
    let prev_text = if !prefix.is_empty() {
        prefix
    } else if let Some(P2rToken::Text(t)) = prev {
        t.as_str()
    } else {
        ""
    };
    if let (Some(P2rToken::Key { name, .. }), true) = (prev, prev_text.is_empty()) {
        return Err(format!(
            "must have text between two parameters, missing text after \"{name}\""
        ));
    }
    let delim = p2r_escape(P2R_DELIMITER);
    if prev_text.is_empty() || prev_text.chars().any(|c| P2R_DELIMITER.contains(c)) {
        Ok(format!("[^{delim}]+?"))
    } else {
        Ok(format!("(?:(?!{})[^{delim}])+?", p2r_escape(prev_text)))
    }
}

fn p2r_parse(s: &str) -> Result<Vec<P2rToken>, String> {
    let mut p = P2rParser {
        toks: lex(s)?,
        i: 0,
    };
    let mut result: Vec<P2rToken> = Vec::new();
    let mut key = 0usize;
    let mut path = String::new();
    while p.i < p.toks.len() {
        let ch = p.try_char();
        let name = p.try_name();
        let pattern = p.try_pattern();
        if name.is_some() || pattern.is_some() {
            let mut prefix = ch.map(String::from).unwrap_or_default();
            if !prefix.is_empty() && !P2R_PREFIXES.contains(prefix.as_str()) {
                path.push_str(&prefix);
                prefix.clear();
            }
            if !path.is_empty() {
                result.push(P2rToken::Text(std::mem::take(&mut path)));
            }
            let pattern = match pattern {
                Some(pt) => pt,
                None => safe_pattern(&result, &prefix)?,
            };
            let name = name.unwrap_or_else(|| {
                key += 1;
                (key - 1).to_string()
            });
            let modifier = p.try_modifier();
            result.push(P2rToken::Key {
                name,
                prefix,
                suffix: String::new(),
                pattern,
                modifier,
            });
            continue;
        }
        if let Some(v) = ch.or_else(|| p.try_escaped()) {
            path.push(v);
            continue;
        }
        if !path.is_empty() {
            result.push(P2rToken::Text(std::mem::take(&mut path)));
        }
        if p.try_open() {
            let prefix = p.consume_text();
            let name = p.try_name().unwrap_or_default();
            let pattern = p.try_pattern().unwrap_or_default();
            let suffix = p.consume_text();
            p.must(Lex::Close)?;
            let key_name = if !name.is_empty() {
                name.clone()
            } else if !pattern.is_empty() {
                key += 1;
                (key - 1).to_string()
            } else {
                String::new()
            };
            let pattern = if !name.is_empty() && pattern.is_empty() {
                safe_pattern(&result, &prefix)?
            } else {
                pattern
            };
            let modifier = p.try_modifier();
            result.push(P2rToken::Key {
                name: key_name,
                prefix,
                suffix,
                pattern,
                modifier,
            });
            continue;
        }
        p.must(Lex::End)?;
    }
    Ok(result)
}

/// `pathToRegexp(path)` with the default options: the RegExp source (flags are the caller's).
fn path_to_regexp(path: &str) -> Result<String, String> {
    let tokens = p2r_parse(path)?;
    let mut route = String::from("^");
    for t in &tokens {
        match t {
            P2rToken::Text(s) => route.push_str(&p2r_escape(s)),
            P2rToken::Key {
                name,
                prefix,
                suffix,
                pattern,
                modifier,
            } => {
                let prefix = p2r_escape(prefix);
                let suffix = p2r_escape(suffix);
                let repeat = modifier == "+" || modifier == "*";
                if !pattern.is_empty() {
                    if !prefix.is_empty() || !suffix.is_empty() {
                        if repeat {
                            let m = if modifier == "*" { "?" } else { "" };
                            route.push_str(&format!(
                                "(?:{prefix}((?:{pattern})(?:{suffix}{prefix}(?:{pattern}))*){suffix}){m}"
                            ));
                        } else {
                            route.push_str(&format!("(?:{prefix}({pattern}){suffix}){modifier}"));
                        }
                    } else {
                        if repeat {
                            return Err(format!(
                                "can not repeat \"{name}\" without a prefix and suffix"
                            ));
                        }
                        route.push_str(&format!("({pattern}){modifier}"));
                    }
                } else {
                    route.push_str(&format!("(?:{prefix}{suffix}){modifier}"));
                }
            }
        }
    }
    route.push_str(&format!("[{}]?$", p2r_escape(P2R_DELIMITER)));
    Ok(route)
}

// ---------------------------------------------------------------------------------------------
// JavaScript regular expressions (non-Unicode mode, with the Annex B leniencies)

#[derive(Clone, Debug)]
enum Node {
    Empty,
    Char(char),
    /// `.`: anything but a line terminator.
    Any,
    Class(Box<Class>),
    Start,
    End,
    /// `\b` (true) or `\B` (false).
    WordBoundary(bool),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Group(Box<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    Look {
        node: Box<Node>,
        ahead: bool,
        negate: bool,
    },
}

#[derive(Clone, Debug)]
struct Class {
    negated: bool,
    items: Vec<ClassItem>,
}

#[derive(Clone, Copy, Debug)]
enum ClassItem {
    Range(char, char),
    /// `\d` / `\D` (negated).
    Digit(bool),
    /// `\w` / `\W`.
    Word(bool),
    /// `\s` / `\S`.
    Space(bool),
}

/// Counted repetitions above this are rejected (they only appear in hostile input).
const MAX_COUNT: u32 = 10_000;

struct ReParser {
    c: Vec<char>,
    i: usize,
}

fn parse_js_regex(src: &str) -> Result<Node, String> {
    let mut p = ReParser {
        c: src.chars().collect(),
        i: 0,
    };
    let node = p.alt(0)?;
    if p.i < p.c.len() {
        return Err(format!("unmatched `)` at {}", p.i));
    }
    Ok(node)
}

impl ReParser {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }
    fn peek_at(&self, off: usize) -> Option<char> {
        self.c.get(self.i + off).copied()
    }
    fn eat(&mut self, ch: char) -> bool {
        if self.peek() == Some(ch) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn eat_str(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self.c.len() >= self.i + n && s.chars().zip(&self.c[self.i..]).all(|(a, b)| a == *b) {
            self.i += n;
            true
        } else {
            false
        }
    }

    fn alt(&mut self, depth: usize) -> Result<Node, String> {
        if depth > 200 {
            return Err("groups nested too deeply".to_string());
        }
        let mut alts = vec![self.concat(depth)?];
        while self.eat('|') {
            alts.push(self.concat(depth)?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self, depth: usize) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            let atom = self.quantifier(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// `{n}`, `{n,}`, `{n,m}` at the cursor, without consuming it.
    fn counted(&self) -> Option<(u32, Option<u32>, usize)> {
        let mut j = self.i;
        if self.c.get(j) != Some(&'{') {
            return None;
        }
        j += 1;
        let digits = |j: &mut usize| -> Option<u32> {
            let start = *j;
            let mut v: u64 = 0;
            while let Some(d) = self.c.get(*j).and_then(|c| c.to_digit(10)) {
                v = (v * 10 + u64::from(d)).min(u64::from(u32::MAX));
                *j += 1;
            }
            if *j == start { None } else { Some(v as u32) }
        };
        let min = digits(&mut j)?;
        let max = if self.c.get(j) == Some(&',') {
            j += 1;
            digits(&mut j)
        } else {
            Some(min)
        };
        if self.c.get(j) != Some(&'}') {
            return None;
        }
        Some((min, max, j + 1 - self.i))
    }

    fn quantifier(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => {
                self.i += 1;
                (0, None)
            }
            Some('+') => {
                self.i += 1;
                (1, None)
            }
            Some('?') => {
                self.i += 1;
                (0, Some(1))
            }
            Some('{') => match self.counted() {
                Some((min, max, len)) => {
                    self.i += len;
                    (min, max)
                }
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        if let Some(mx) = max
            && mx < min
        {
            return Err("numbers out of order in `{}` quantifier".to_string());
        }
        if min > MAX_COUNT || max.is_some_and(|m| m > MAX_COUNT) {
            return Err("repetition count too large".to_string());
        }
        if matches!(atom, Node::Start | Node::End | Node::WordBoundary(_)) {
            return Err("nothing to repeat".to_string());
        }
        let greedy = !self.eat('?');
        if matches!(self.peek(), Some('*' | '+' | '?')) || self.counted().is_some() {
            return Err("nothing to repeat".to_string());
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    fn atom(&mut self, depth: usize) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return Ok(Node::Empty);
        };
        self.i += 1;
        match c {
            '^' => Ok(Node::Start),
            '$' => Ok(Node::End),
            '.' => Ok(Node::Any),
            '(' => self.group(depth),
            '[' => self.class(),
            '\\' => self.atom_escape(),
            '*' | '+' | '?' => Err(format!("nothing to repeat at {}", self.i - 1)),
            '{' => {
                self.i -= 1;
                if self.counted().is_some() {
                    return Err(format!("nothing to repeat at {}", self.i));
                }
                self.i += 1;
                Ok(Node::Char('{'))
            }
            _ => Ok(Node::Char(c)),
        }
    }

    fn group(&mut self, depth: usize) -> Result<Node, String> {
        let start = self.i - 1;
        let make: Box<dyn Fn(Node) -> Node> = if self.eat_str("?:") {
            Box::new(|n| Node::Group(Box::new(n)))
        } else if self.eat_str("?=") {
            Box::new(|n| look(n, true, false))
        } else if self.eat_str("?!") {
            Box::new(|n| look(n, true, true))
        } else if self.eat_str("?<=") {
            Box::new(|n| look(n, false, false))
        } else if self.eat_str("?<!") {
            Box::new(|n| look(n, false, true))
        } else if self.eat_str("?<") {
            while let Some(c) = self.peek() {
                self.i += 1;
                if c == '>' {
                    break;
                }
                if !(c.is_alphanumeric() || c == '_' || c == '$') {
                    return Err(format!("invalid capture group name at {}", self.i - 1));
                }
            }
            Box::new(|n| Node::Group(Box::new(n)))
        } else if self.peek() == Some('?') {
            return Err(format!("invalid group at {start}"));
        } else {
            Box::new(|n| Node::Group(Box::new(n)))
        };
        let inner = self.alt(depth + 1)?;
        if !self.eat(')') {
            return Err(format!("unterminated group at {start}"));
        }
        Ok(make(inner))
    }

    /// An escape outside a class. Backreferences are not supported.
    fn atom_escape(&mut self) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return Err("`\\` at end of pattern".to_string());
        };
        self.i += 1;
        let set = |item| {
            Node::Class(Box::new(Class {
                negated: false,
                items: vec![item],
            }))
        };
        Ok(match c {
            'd' => set(ClassItem::Digit(false)),
            'D' => set(ClassItem::Digit(true)),
            'w' => set(ClassItem::Word(false)),
            'W' => set(ClassItem::Word(true)),
            's' => set(ClassItem::Space(false)),
            'S' => set(ClassItem::Space(true)),
            'b' => Node::WordBoundary(true),
            'B' => Node::WordBoundary(false),
            '1'..='9' => return Err("backreferences are not supported".to_string()),
            'k' if self.peek() == Some('<') => {
                return Err("backreferences are not supported".to_string());
            }
            _ => Node::Char(self.char_escape(c)),
        })
    }

    /// The character an escape `\c` (already consumed) stands for.
    fn char_escape(&mut self, c: char) -> char {
        match c {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'f' => '\u{c}',
            'v' => '\u{b}',
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => '\0',
            'x' => self.hex(2).unwrap_or('x'),
            'u' => {
                if self.peek() == Some('{') {
                    let save = self.i;
                    self.i += 1;
                    let mut v: u32 = 0;
                    let mut n = 0;
                    while let Some(d) = self.peek().and_then(|d| d.to_digit(16)) {
                        v = v.saturating_mul(16).saturating_add(d);
                        n += 1;
                        self.i += 1;
                    }
                    if n > 0 && self.eat('}') {
                        return char::from_u32(v).unwrap_or('u');
                    }
                    self.i = save;
                    'u'
                } else {
                    self.hex(4).unwrap_or('u')
                }
            }
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.i += 1;
                    char::from_u32(u32::from(l) % 32).unwrap_or('c')
                }
                _ => {
                    // Annex B: `\c` not followed by a letter is a literal backslash and `c`.
                    self.i -= 1;
                    '\\'
                }
            },
            other => other,
        }
    }

    fn hex(&mut self, n: usize) -> Option<char> {
        let mut v = 0u32;
        for k in 0..n {
            v = v * 16 + self.peek_at(k)?.to_digit(16)?;
        }
        self.i += n;
        char::from_u32(v)
    }

    fn class(&mut self) -> Result<Node, String> {
        let start = self.i - 1;
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(format!("unterminated character class at {start}"));
            };
            if c == ']' {
                self.i += 1;
                break;
            }
            let lo = self.class_atom()?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                self.i += 1;
                let hi = self.class_atom()?;
                match (lo, hi) {
                    (ClassItem::Range(a, _), ClassItem::Range(b, _)) => {
                        if a > b {
                            return Err(format!(
                                "range out of order in character class at {start}"
                            ));
                        }
                        items.push(ClassItem::Range(a, b));
                    }
                    // Annex B: a class escape next to `-` makes the `-` literal.
                    (lo, hi) => {
                        items.push(lo);
                        items.push(ClassItem::Range('-', '-'));
                        items.push(hi);
                    }
                }
            } else {
                items.push(lo);
            }
        }
        Ok(Node::Class(Box::new(Class { negated, items })))
    }

    fn class_atom(&mut self) -> Result<ClassItem, String> {
        let Some(c) = self.peek() else {
            return Err("unterminated character class".to_string());
        };
        self.i += 1;
        if c != '\\' {
            return Ok(ClassItem::Range(c, c));
        }
        let Some(e) = self.peek() else {
            return Err("`\\` at end of pattern".to_string());
        };
        self.i += 1;
        Ok(match e {
            'd' => ClassItem::Digit(false),
            'D' => ClassItem::Digit(true),
            'w' => ClassItem::Word(false),
            'W' => ClassItem::Word(true),
            's' => ClassItem::Space(false),
            'S' => ClassItem::Space(true),
            'b' => ClassItem::Range('\u{8}', '\u{8}'),
            '-' => ClassItem::Range('-', '-'),
            _ => {
                let ch = self.char_escape(e);
                ClassItem::Range(ch, ch)
            }
        })
    }
}

fn look(node: Node, ahead: bool, negate: bool) -> Node {
    Node::Look {
        node: Box::new(node),
        ahead,
        negate,
    }
}

// ---------------------------------------------------------------------------------------------
// Translation to the `regex` crate (patterns without look-around)

fn to_rust_regex(node: &Node, icase: bool) -> Option<regex::Regex> {
    let mut out = String::new();
    if icase {
        out.push_str("(?i)");
    }
    if !print_node(node, &mut out) {
        return None;
    }
    regex::RegexBuilder::new(&out)
        .size_limit(1 << 22)
        .build()
        .ok()
}

fn push_char(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() || c == '_' || c == '/' || c == '-' {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:x}}}", u32::from(c)));
    }
}

fn print_node(node: &Node, out: &mut String) -> bool {
    match node {
        Node::Empty => out.push_str("(?:)"),
        Node::Char(c) => push_char(*c, out),
        Node::Any => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
        Node::Class(cl) => {
            if cl.items.is_empty() {
                if cl.negated {
                    out.push_str("(?s:.)");
                    return true;
                }
                return false;
            }
            out.push('[');
            if cl.negated {
                out.push('^');
            }
            for item in &cl.items {
                match item {
                    ClassItem::Range(a, b) => {
                        out.push_str(&format!("\\x{{{:x}}}", u32::from(*a)));
                        if a != b {
                            out.push_str(&format!("-\\x{{{:x}}}", u32::from(*b)));
                        }
                    }
                    ClassItem::Digit(false) => out.push_str("0-9"),
                    ClassItem::Digit(true) => out.push_str("[:^digit:]"),
                    ClassItem::Word(false) => out.push_str("0-9A-Za-z_"),
                    ClassItem::Word(true) => out.push_str("[:^word:]"),
                    ClassItem::Space(false) => out.push_str(r"\s"),
                    ClassItem::Space(true) => out.push_str(r"\S"),
                }
            }
            out.push(']');
        }
        Node::Start => out.push('^'),
        Node::End => out.push('$'),
        // Word boundaries are rare in route patterns; the backtracking matcher has JS's ASCII
        // definition.
        Node::WordBoundary(_) => return false,
        Node::Concat(nodes) => {
            for n in nodes {
                if !print_node(n, out) {
                    return false;
                }
            }
        }
        Node::Alt(alts) => {
            out.push_str("(?:");
            for (k, a) in alts.iter().enumerate() {
                if k > 0 {
                    out.push('|');
                }
                if !print_node(a, out) {
                    return false;
                }
            }
            out.push(')');
        }
        Node::Group(inner) => {
            out.push_str("(?:");
            if !print_node(inner, out) {
                return false;
            }
            out.push(')');
        }
        Node::Repeat {
            node,
            min,
            max,
            greedy,
        } => {
            out.push_str("(?:");
            if !print_node(node, out) {
                return false;
            }
            out.push(')');
            match max {
                Some(m) => out.push_str(&format!("{{{min},{m}}}")),
                None => out.push_str(&format!("{{{min},}}")),
            }
            if !greedy {
                out.push('?');
            }
        }
        Node::Look { .. } => return false,
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Backtracking matcher (look-around)

/// The backtracking matcher's step budget for one pattern over a whole run, shared by
/// every path it is tested on. Real matcher patterns take tens of steps per path.
pub const PATTERN_STEPS: u32 = 2_000_000;
const MAX_DEPTH: u32 = 3_000;

struct Exec<'t> {
    text: &'t [char],
    icase: bool,
    /// Steps left for this match (what the pattern had left when it started).
    steps: Cell<u32>,
    depth: Cell<u32>,
    aborted: Cell<bool>,
}

impl Program {
    fn test(&self, pathname: &str) -> Match {
        let budget = self.steps_left.load(Ordering::Relaxed);
        if budget == 0 || self.gave_up.load(Ordering::Relaxed) {
            return Match::GaveUp;
        }
        let text: Vec<char> = pathname.chars().collect();
        let ex = Exec {
            text: &text,
            icase: self.icase,
            steps: Cell::new(budget),
            depth: Cell::new(0),
            aborted: Cell::new(false),
        };
        let anchored = match &self.node {
            Node::Start => true,
            Node::Concat(n) => matches!(n.first(), Some(Node::Start)),
            _ => false,
        };
        let last = if anchored { 0 } else { text.len() };
        let mut found = false;
        for start in 0..=last {
            if ex.m(&self.node, start, &mut |_| true) {
                found = true;
                break;
            }
            if ex.aborted.get() {
                break;
            }
        }
        // Charge what this match used to the pattern (a race between threads can only
        // make the budget smaller than exact, never larger).
        let used = budget - ex.steps.get();
        let _ = self
            .steps_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                Some(left.saturating_sub(used))
            });
        if found {
            Match::Yes
        } else if ex.aborted.get() {
            self.gave_up.store(true, Ordering::Relaxed);
            Match::GaveUp
        } else {
            Match::No
        }
    }
}

fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

impl Exec<'_> {
    fn tick(&self) -> bool {
        match self.steps.get().checked_sub(1) {
            Some(left) => self.steps.set(left),
            None => self.aborted.set(true),
        }
        !self.aborted.get()
    }

    fn m(&self, node: &Node, i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        if !self.tick() {
            return false;
        }
        let d = self.depth.get();
        if d >= MAX_DEPTH {
            self.aborted.set(true);
            return false;
        }
        self.depth.set(d + 1);
        let r = self.m_inner(node, i, k);
        self.depth.set(d);
        r && !self.aborted.get()
    }

    fn single(&self, node: &Node, c: char) -> Option<bool> {
        match node {
            Node::Char(x) => Some(if self.icase {
                fold(*x) == fold(c)
            } else {
                *x == c
            }),
            Node::Any => Some(!is_line_terminator(c)),
            Node::Class(cl) => Some(self.class_match(cl, c)),
            Node::Group(inner) => self.single(inner, c),
            _ => None,
        }
    }

    fn class_match(&self, cl: &Class, c: char) -> bool {
        let hit = |c: char| {
            cl.items.iter().any(|item| match *item {
                ClassItem::Range(a, b) => a <= c && c <= b,
                ClassItem::Digit(neg) => c.is_ascii_digit() != neg,
                ClassItem::Word(neg) => is_word(c) != neg,
                ClassItem::Space(neg) => is_js_space(c) != neg,
            })
        };
        let mut found = hit(c);
        if !found && self.icase {
            let lower = fold(c);
            let upper = c.to_uppercase().next().unwrap_or(c);
            found = hit(lower) || hit(upper);
        }
        found != cl.negated
    }

    fn m_inner(&self, node: &Node, i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        let n = self.text.len();
        match node {
            Node::Empty => k(i),
            Node::Char(_) | Node::Any | Node::Class(_) => {
                i < n && self.single(node, self.text[i]) == Some(true) && k(i + 1)
            }
            Node::Start => i == 0 && k(i),
            Node::End => i == n && k(i),
            Node::WordBoundary(want) => {
                let before = i > 0 && is_word(self.text[i - 1]);
                let after = i < n && is_word(self.text[i]);
                ((before != after) == *want) && k(i)
            }
            Node::Group(inner) => self.m(inner, i, k),
            Node::Concat(nodes) => self.seq(nodes, i, k),
            Node::Alt(alts) => {
                for a in alts {
                    if self.m(a, i, k) {
                        return true;
                    }
                    if self.aborted.get() {
                        return false;
                    }
                }
                false
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => {
                if matches!(node.as_ref(), Node::Char(_) | Node::Any | Node::Class(_)) {
                    self.repeat_simple(node, *min, *max, *greedy, i, k)
                } else {
                    self.rep(node, *min, *max, *greedy, 0, i, k)
                }
            }
            Node::Look {
                node,
                ahead,
                negate,
            } => {
                let found = if *ahead {
                    self.m(node, i, &mut |_| true)
                } else {
                    (0..=i).rev().any(|j| self.m(node, j, &mut |e| e == i))
                };
                if self.aborted.get() {
                    return false;
                }
                found != *negate && k(i)
            }
        }
    }

    fn seq(&self, nodes: &[Node], i: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        match nodes.split_first() {
            None => k(i),
            Some((first, [])) => self.m(first, i, k),
            Some((first, rest)) => self.m(first, i, &mut |j| self.seq(rest, j, k)),
        }
    }

    fn repeat_simple(
        &self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        i: usize,
        k: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        let limit = max.map_or(usize::MAX, |m| m as usize);
        let mut count = 0usize;
        while count < limit
            && i + count < self.text.len()
            && self.single(node, self.text[i + count]) == Some(true)
        {
            count += 1;
        }
        let min = min as usize;
        if count < min {
            return false;
        }
        if greedy {
            for c in (min..=count).rev() {
                if !self.tick() {
                    return false;
                }
                if k(i + c) {
                    return true;
                }
            }
        } else {
            for c in min..=count {
                if !self.tick() {
                    return false;
                }
                if k(i + c) {
                    return true;
                }
            }
        }
        false
    }

    #[allow(clippy::too_many_arguments)]
    fn rep(
        &self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        count: u32,
        i: usize,
        k: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        let more_allowed = max.is_none_or(|m| count < m);
        let more = |k: &mut dyn FnMut(usize) -> bool| -> bool {
            more_allowed
                && self.m(node, i, &mut |j| {
                    // An iteration that matches nothing once the minimum is met ends the loop.
                    if j == i && count >= min {
                        return false;
                    }
                    self.rep(node, min, max, greedy, count.saturating_add(1), j, k)
                })
        };
        if count < min {
            return more(k);
        }
        if greedy {
            more(k) || (!self.aborted.get() && k(i))
        } else {
            k(i) || (!self.aborted.get() && more(k))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forces the backtracking matcher, to check it agrees with the `regex` crate.
    fn backtrack(js: &str, icase: bool, path: &str) -> bool {
        let node = parse_js_regex(js).expect("parses");
        Program {
            node,
            icase,
            steps_left: AtomicU32::new(PATTERN_STEPS),
            gave_up: AtomicBool::new(false),
        }
        .test(path)
            == Match::Yes
    }

    const CLERK_CASES: &[(&str, &str, bool)] = &[
        ("/dashboard(.*)", "/dashboard", true),
        ("/dashboard(.*)", "/dashboard/x", true),
        ("/dashboard(.*)", "/dashboardxyz", true),
        ("/dashboard(.*)", "/Dashboard/settings", true),
        ("/dashboard(.*)", "/other", false),
        ("/dashboard/:path*", "/dashboard", true),
        ("/dashboard/:path*", "/dashboard/", true),
        ("/dashboard/:path*", "/dashboard/a", true),
        ("/dashboard/:path*", "/dashboard/a/b", true),
        ("/dashboard/:path*", "/dashboardxyz", false),
        ("/dashboard/:path+", "/dashboard", false),
        ("/dashboard/:path+", "/dashboard/a/b", true),
        ("/api/(.*)", "/api/x", true),
        ("/api/(.*)", "/api/", true),
        ("/api/(.*)", "/api", false),
        ("/api/(.*)", "/apix", false),
        ("/api(.*)", "/api", true),
        ("/api(.*)", "/api/clerk-lint-sample", true),
        ("/api(.*)", "/apis", true),
        ("/(api|trpc)(.*)", "/api/users", true),
        ("/(api|trpc)(.*)", "/trpc/post.list", true),
        ("/(api|trpc)(.*)", "/app", false),
        ("/sign-in(.*)", "/sign-in", true),
        ("/sign-in(.*)", "/sign-in/factor-one", true),
        ("/sign-in(.*)", "/sign-up", false),
        ("/", "/", true),
        ("/", "", false),
        ("/", "/a", false),
        ("/org/:slug", "/org/acme", true),
        ("/org/:slug", "/org/acme/", true),
        ("/org/:slug", "/org/acme/members", false),
        ("/org/:slug", "/org", false),
        ("/org/:slug", "/ORG/acme", true),
        ("/API/Users", "/api/users", true),
        ("/users/:id(\\d+)", "/users/42", true),
        ("/users/:id(\\d+)", "/users/abc", false),
        ("/users/:id?", "/users", true),
        ("/users/:id?", "/users/7", true),
        ("/users/:id?", "/users/7/x", false),
        ("/files{/:name}?", "/files", true),
        ("/files{/:name}?", "/files/a", true),
        ("/files{-:v}?", "/files-2", true),
        ("/a\\(b\\)", "/a(b)", true),
        ("/a\\(b\\)", "/ab", false),
        ("/:a-:b", "/x-y", true),
        ("/:slug", "/api/clerk-lint-sample", false),
        ("/:slug", "/pricing", true),
        ("/book.:ext", "/book.pdf", true),
        ("/book.:ext", "/bookxpdf", false),
        ("/api/webhooks(.*)", "/api/webhooks/clerk", true),
        ("/api/webhooks(.*)", "/api/clerk-lint-sample", false),
        ("(.*)", "/anything/at/all", true),
        ("/x/(.*)", "/x/a#b", true),
    ];

    #[test]
    fn clerk_patterns() {
        for (pattern, path, want) in CLERK_CASES {
            let p = RoutePattern::clerk(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            assert_eq!(
                p.matches(path),
                *want,
                "clerk `{pattern}` on `{path}` (regex `{}`)",
                p.compiled()
            );
            let js = path_to_regexp(pattern).expect("compiles");
            assert_eq!(
                backtrack(&js, true, path),
                *want,
                "backtracking `{pattern}` on `{path}`"
            );
        }
    }

    #[test]
    fn clerk_compiles_like_path_to_regexp_6() {
        assert_eq!(
            path_to_regexp("/dashboard(.*)").unwrap(),
            r"^\/dashboard(.*)[\/#\?]?$"
        );
        assert_eq!(
            path_to_regexp("/dashboard/:path*").unwrap(),
            r"^\/dashboard(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))?[\/#\?]?$"
        );
        assert_eq!(
            path_to_regexp("/org/:slug").unwrap(),
            r"^\/org(?:\/([^\/#\?]+?))[\/#\?]?$"
        );
        assert_eq!(
            path_to_regexp("/:a-:b").unwrap(),
            r"^(?:\/([^\/#\?]+?))-((?:(?!-)[^\/#\?])+?)[\/#\?]?$"
        );
    }

    #[test]
    fn invalid_clerk_patterns_are_errors() {
        for bad in [
            "/api*", "/:", "/(", "/()", "/((x))", "/(?:x)", "/a(.*)*", "/:a:b", "/{x", "/x\\",
            "/x}",
        ] {
            let r = RoutePattern::clerk(bad);
            assert!(r.is_err(), "`{bad}` should be rejected");
            let msg = r.err().unwrap_or_default();
            assert!(msg.contains(bad), "message names the pattern: {msg}");
        }
    }

    const CURRENT: &str = r"/((?!_next|[^?]*\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)";

    const NEXT_CASES: &[(&str, &str, bool)] = &[
        (CURRENT, "/logo.png", false),
        (CURRENT, "/favicon.ico", false),
        (CURRENT, "/_next/static/a.js", false),
        (CURRENT, "/_next/image", false),
        (CURRENT, "/styles/site.css", false),
        (CURRENT, "/dashboard", true),
        (CURRENT, "/", true),
        (CURRENT, "/api/x", true),
        (CURRENT, "/api/data.json", true),
        (CURRENT, "/report.jsx", false),
        (CURRENT, "/app.js", false),
        (CURRENT, "/api/clerk-lint-sample", true),
        ("/(api|trpc)(.*)", "/api/x", true),
        ("/(api|trpc)(.*)", "/api/data.json", true),
        ("/(api|trpc)(.*)", "/trpc/a", true),
        ("/(api|trpc)(.*)", "/dashboard", false),
        ("/(api|trpc)(.*)", "/API/x", false),
        ("/__clerk/(.*)", "/__clerk/v1/client", true),
        ("/__clerk/(.*)", "/dashboard", false),
        (r"/((?!.+\.[\w]+$|_next).*)", "/dashboard", true),
        (r"/((?!.+\.[\w]+$|_next).*)", "/logo.png", false),
        (r"/((?!.+\.[\w]+$|_next).*)", "/_next/static/a.js", false),
        (r"/((?!.+\.[\w]+$|_next).*)", "/api/x", true),
        (r"/((?!.*\..*|_next).*)", "/dashboard", true),
        (r"/((?!.*\..*|_next).*)", "/logo.png", false),
        (r"/((?!.*\..*|_next).*)", "/api/data.json", false),
        (r"/((?!api|_next|.*\..*).*)", "/api/x", false),
        (
            r"/((?!api|_next|.*\..*).*)",
            "/api/clerk-lint-sample",
            false,
        ),
        (r"/((?!api|_next|.*\..*).*)", "/dashboard", true),
        (r"/((?!api|_next|.*\..*).*)", "/apiary", false),
        (
            "/((?!api|trpc|_next/static|_next/image|favicon.ico).*)",
            "/api/x",
            false,
        ),
        (
            "/((?!api|trpc|_next/static|_next/image|favicon.ico).*)",
            "/trpc/x",
            false,
        ),
        (
            "/((?!api|trpc|_next/static|_next/image|favicon.ico).*)",
            "/logo.png",
            true,
        ),
        (
            "/((?!api|trpc|_next/static|_next/image|favicon.ico).*)",
            "/dashboard",
            true,
        ),
        ("/", "/", true),
        ("/", "/index", true),
        ("/", "/dashboard", false),
        ("/dashboard/:path*", "/dashboard", true),
        ("/dashboard/:path*", "/dashboard/a/b", true),
        ("/dashboard/:path*", "/dashboardxyz", false),
        ("/dashboard/:path*", "/Dashboard", false),
        ("/dashboard", "/dashboard.json", true),
        ("/dashboard", "/_next/data/build-id/dashboard.json", true),
        ("/api/:path*", "/api", true),
        ("/api/:path*", "/api/clerk-lint-sample", true),
        ("/:path*", "/", true),
        ("/:path*", "/a/b", true),
        ("/api/:path+", "/api", false),
    ];

    #[test]
    fn next_matchers() {
        for (pattern, path, want) in NEXT_CASES {
            let p =
                RoutePattern::next_matcher(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            assert_eq!(
                p.matches(path),
                *want,
                "next `{pattern}` on `{path}` (regex `{}`)",
                p.compiled()
            );
        }
    }

    #[test]
    fn next_matcher_must_start_with_slash() {
        assert!(RoutePattern::next_matcher("api/(.*)").is_err());
        assert!(RoutePattern::next_matcher("/api*").is_err());
    }

    const JS_CASES: &[(&str, &str, &str, bool)] = &[
        (r"^\/api\/", "", "/api/x", true),
        (r"^\/api\/", "", "/v1/api/x", false),
        (r"\/api\/", "", "/v1/api/x", true),
        (r"^\/API\/", "i", "/api/x", true),
        (r"^\/API\/", "", "/api/x", false),
        (r"^/admin(/.*)?$", "", "/admin", true),
        (r"^/admin(/.*)?$", "", "/administrator", false),
        (r"^/users/\d+$", "", "/users/12", true),
        (r"^/users/\d+$", "", "/users/1a", false),
        (r"^(?!/api).*$", "", "/dashboard", true),
        (r"^(?!/api).*$", "", "/api/x", false),
        (r"(?<=/v1)/api", "", "/v1/api", true),
        (r"(?<=/v1)/api", "", "/v2/api", false),
        (r"^/[a-z]{2}(?:-[A-Z]{2})?/docs", "", "/en-US/docs", true),
        (r"^/[^/]+/settings$", "", "/acme/settings", true),
        (r"\bpublic\b", "", "/a/public/b", true),
        (r"\bpublic\b", "", "/a/publicity", false),
        (r"^/a{2,3}$", "", "/aaa", true),
        (r"^/a{2,3}$", "", "/aaaa", false),
        (r"^/x{1", "", "/x{1", true),
        (r"^/[\w-]+$", "", "/a-b_c", true),
        (r"^/[\w-]+$", "", "/a.b", false),
        (r"^/[^]*$", "", "/any\nthing", true),
    ];

    #[test]
    fn js_regex_literals() {
        for (src, flags, path, want) in JS_CASES {
            let p = RoutePattern::js_regex(src, flags).unwrap_or_else(|e| panic!("{src}: {e}"));
            assert_eq!(p.matches(path), *want, "/{src}/{flags} on `{path}`");
            assert_eq!(
                backtrack(src, flags.contains('i'), path),
                *want,
                "backtracking /{src}/{flags} on `{path}`"
            );
        }
    }

    #[test]
    fn invalid_js_regexes_are_errors() {
        for bad in [
            "(", "a)", "[a", "*a", "a**", "(?<x", r"(a)\1", "[z-a]", "a{3,1}", "\\",
        ] {
            assert!(RoutePattern::js_regex(bad, "").is_err(), "`{bad}`");
        }
        assert!(RoutePattern::js_regex(r"^/\p{L}+$", "u").is_err());
        // Without `u`, `\p` is a plain `p`.
        let p = RoutePattern::js_regex(r"^/\p{L}+$", "").expect("compiles");
        assert!(p.matches("/p{L}"));
    }

    #[test]
    fn pathological_patterns_do_not_hang_or_panic() {
        let p = RoutePattern::js_regex(r"^(?!x)(a+)+$", "").expect("compiles");
        let long = format!("/{}b", "a".repeat(40));
        let _ = p.matches(&long);
        let deep = format!("{}x{}", "(?:".repeat(150), ")".repeat(150));
        let _ = RoutePattern::js_regex(&deep, "").map(|p| p.matches("x"));
        let deeper = format!("{}x{}", "(".repeat(500), ")".repeat(500));
        assert!(RoutePattern::js_regex(&deeper, "").is_err());
        let huge = "/".repeat(20_000);
        let p = RoutePattern::next_matcher(CURRENT).expect("compiles");
        let _ = p.matches(&huge);
        for odd in [
            "", "\u{0}", "é", "(?", "[", "{", "}", ":", "::", "\\\\", "((?!", "(?!)",
        ] {
            let _ = RoutePattern::clerk(odd).map(|p| p.matches("/x"));
            let _ = RoutePattern::next_matcher(odd).map(|p| p.matches("/x"));
            let _ = RoutePattern::js_regex(odd, "gi").map(|p| p.matches("/x"));
        }
    }

    /// A pattern that exhausts the backtracking budget says so (`GaveUp`) instead of "no",
    /// and its budget is per pattern: once spent, every later path answers at once.
    #[test]
    fn budget_is_per_pattern_and_giving_up_is_not_a_no() {
        let p = RoutePattern::js_regex(r"^\/(?!x)(a+)+$", "").expect("compiles");
        assert!(!p.gave_up());
        let long = format!("/{}b", "a".repeat(40));
        assert_eq!(p.test(&long), Match::GaveUp);
        assert!(p.gave_up());
        // Later paths, even easy ones, cost nothing more and are not a "no".
        for i in 0..100 {
            assert_eq!(
                p.test(&format!("/{}b", "a".repeat(30 + i % 7))),
                Match::GaveUp
            );
        }
        assert!(!p.matches("/aaa"));
        // A pattern that needs few steps keeps answering exactly.
        let ok = RoutePattern::js_regex(r"^/(?!api)[a-z]+$", "").expect("compiles");
        for _ in 0..10_000 {
            assert_eq!(ok.test("/home"), Match::Yes);
            assert_eq!(ok.test("/api"), Match::No);
        }
        assert!(!ok.gave_up());
    }
}
