//! Middleware that guards by path (Nitro server middleware, Astro `defineMiddleware`
//! handlers): which request paths a function that rejects signed-out requests covers, from
//! the `if`s at the top of its body. `if (!event.path.startsWith('/api')) return` skips the
//! other paths; `if (url.pathname.startsWith('/api/private') && !userId) throw …` guards the
//! matching ones; a path test that is not understood (`isPublic(event.path)`) makes the
//! answer "not covered" for every path, so an unknown shape never hides an endpoint.

use oxc_ast::ast::{
    Argument, BinaryOperator, Expression, LogicalOperator, Statement, UnaryOperator,
};

use crate::analysis::engine::{FileCx, callee_text};

/// A middleware function that rejects signed-out requests, and which paths it does so for.
#[derive(Debug)]
pub struct PathGuard {
    pub file: String,
    /// Top-level path decisions of the handler, in order.
    steps: Vec<PathStep>,
}

#[derive(Debug)]
enum PathStep {
    /// `if (<path test>) return`: the guard does not run for matching paths.
    Skip(PathCond),
    /// `if (<path test> && <signed out>) throw …`, `if (<path test>) { …guard… }`: the guard
    /// runs for matching paths.
    Guard(PathCond),
}

/// A condition on the request path.
#[derive(Clone, Debug)]
enum PathCond {
    Prefix(String),
    Exact(String),
    Contains(String),
    Suffix(String),
    Not(Box<PathCond>),
    And(Vec<PathCond>),
    Or(Vec<PathCond>),
    /// A condition that is not about the path (the auth test of a guard): ignored.
    Other,
    /// A path test that is not understood.
    Unknown,
}

impl PathCond {
    /// `Some(bool)` when the path decides the condition; `None` when unknown. `Other` atoms
    /// are true (the signed-out branch of the auth test).
    fn eval(&self, path: &str) -> Option<bool> {
        match self {
            PathCond::Prefix(p) => Some(path.starts_with(p.as_str())),
            PathCond::Exact(p) => Some(path == p || path.trim_end_matches('/') == p),
            PathCond::Contains(p) => Some(path.contains(p.as_str())),
            PathCond::Suffix(p) => Some(path.ends_with(p.as_str())),
            PathCond::Not(c) => c.eval_strict(path).map(|b| !b),
            PathCond::And(cs) => {
                let mut all = Some(true);
                for c in cs {
                    match c.eval(path) {
                        Some(false) => return Some(false),
                        Some(true) => {}
                        None => all = None,
                    }
                }
                all
            }
            PathCond::Or(cs) => {
                let mut any = Some(false);
                for c in cs {
                    match c.eval(path) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => any = None,
                    }
                }
                any
            }
            PathCond::Other => Some(true),
            PathCond::Unknown => None,
        }
    }

    /// Like `eval`, but an `Other` atom is unknown (a negated auth test).
    fn eval_strict(&self, path: &str) -> Option<bool> {
        if self.mentions_other() {
            return None;
        }
        self.eval(path)
    }

    fn mentions_other(&self) -> bool {
        match self {
            PathCond::Other => true,
            PathCond::Not(c) => c.mentions_other(),
            PathCond::And(cs) | PathCond::Or(cs) => cs.iter().any(PathCond::mentions_other),
            _ => false,
        }
    }

    fn is_path_only(&self) -> bool {
        !self.mentions_other()
    }

    /// Whether the condition tests the path at all.
    fn mentions_path(&self) -> bool {
        match self {
            PathCond::Other => false,
            PathCond::Not(c) => c.mentions_path(),
            PathCond::And(cs) | PathCond::Or(cs) => cs.iter().any(PathCond::mentions_path),
            _ => true,
        }
    }
}

/// Whether an expression reads the request path (`event.path`, `url.pathname`,
/// `getRequestURL(event).pathname`, `event.node.req.url`, a local named like one).
fn is_path_expr(e: &Expression) -> bool {
    if matches!(e.get_inner_expression(), Expression::StringLiteral(_)) {
        return false;
    }
    let text = callee_text(e).to_ascii_lowercase();
    text.contains("path") || text.ends_with("url") || text.contains(".url")
}

fn path_cond(e: &Expression) -> PathCond {
    match e.get_inner_expression() {
        Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
            match path_cond(&u.argument) {
                PathCond::Other => PathCond::Other,
                c => PathCond::Not(Box::new(c)),
            }
        }
        Expression::LogicalExpression(l) => {
            let a = path_cond(&l.left);
            let b = path_cond(&l.right);
            match l.operator {
                LogicalOperator::And => PathCond::And(vec![a, b]),
                LogicalOperator::Or => PathCond::Or(vec![a, b]),
                LogicalOperator::Coalesce => PathCond::Unknown,
            }
        }
        Expression::CallExpression(c) => {
            let path_arg = c
                .arguments
                .iter()
                .filter_map(Argument::as_expression)
                .any(is_path_expr);
            let Some(m) = c.callee.get_inner_expression().as_member_expression() else {
                // `isPublic(event.path)`: a test of the path not understood.
                return if path_arg {
                    PathCond::Unknown
                } else {
                    PathCond::Other
                };
            };
            let Some(prop) = m.static_property_name() else {
                return PathCond::Other;
            };
            if !is_path_expr(m.object()) {
                // `['/a', '/b'].includes(event.path)`.
                if path_arg {
                    if let (Expression::ArrayExpression(a), "includes") =
                        (m.object().get_inner_expression(), prop)
                    {
                        let items: Option<Vec<PathCond>> = a
                            .elements
                            .iter()
                            .map(
                                |el| match el.as_expression().map(|e| e.get_inner_expression()) {
                                    Some(Expression::StringLiteral(s)) => {
                                        Some(PathCond::Exact(s.value.to_string()))
                                    }
                                    _ => None,
                                },
                            )
                            .collect();
                        return items.map(PathCond::Or).unwrap_or(PathCond::Unknown);
                    }
                    return PathCond::Unknown;
                }
                return PathCond::Other;
            }
            let lit = match c.arguments.first().and_then(Argument::as_expression) {
                Some(Expression::StringLiteral(s)) => s.value.to_string(),
                _ => return PathCond::Unknown,
            };
            match prop {
                "startsWith" => PathCond::Prefix(lit),
                "includes" => PathCond::Contains(lit),
                "endsWith" => PathCond::Suffix(lit),
                _ => PathCond::Unknown,
            }
        }
        Expression::BinaryExpression(b) => {
            let (path, lit) = match (
                b.left.get_inner_expression(),
                b.right.get_inner_expression(),
            ) {
                (p, Expression::StringLiteral(s)) | (Expression::StringLiteral(s), p)
                    if is_path_expr(p) =>
                {
                    (p, s.value.to_string())
                }
                _ => return PathCond::Other,
            };
            let _ = path;
            match b.operator {
                BinaryOperator::StrictEquality | BinaryOperator::Equality => PathCond::Exact(lit),
                BinaryOperator::StrictInequality | BinaryOperator::Inequality => {
                    PathCond::Not(Box::new(PathCond::Exact(lit)))
                }
                _ => PathCond::Unknown,
            }
        }
        _ => PathCond::Other,
    }
}

/// Whether a statement ends the request without an error (`return`, `return;`,
/// `return next()`), i.e. a skip.
fn is_plain_return(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(r) => match &r.argument {
            None => true,
            Some(e) => !contains_error(&callee_text(e)),
        },
        Statement::BlockStatement(b) => b.body.len() == 1 && is_plain_return(&b.body[0]),
        _ => false,
    }
}

fn contains_error(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("error") || t.contains("401") || t.contains("403") || t.contains("redirect")
}

/// Whether a statement (block) throws or returns an error somewhere.
fn rejects(s: &Statement, source: &str) -> bool {
    let span = oxc_span::GetSpan::span(s);
    let text = &source[span.start as usize..span.end as usize];
    text.contains("throw ") || contains_error(text)
}

impl PathGuard {
    /// Reads a middleware given as a function or a call wrapping one (`defineEventHandler(fn)`,
    /// `clerkMiddleware(fn)`, `defineMiddleware(fn)`): it must stop signed-out requests (an
    /// engine gate), and its top-level `if`s on the path say for which paths.
    pub fn from_handler<'a>(
        cx: &FileCx<'a, '_>,
        value: &'a Expression<'a>,
        file: &str,
    ) -> Option<PathGuard> {
        let facts = cx.value_facts(value);
        facts.gate.as_ref()?;
        let handler = match value.get_inner_expression() {
            Expression::CallExpression(c) => c
                .arguments
                .iter()
                .filter_map(Argument::as_expression)
                .find(|a| {
                    matches!(
                        a.get_inner_expression(),
                        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                    )
                })?,
            other => other,
        };
        let stmts: &[Statement] = match handler.get_inner_expression() {
            Expression::ArrowFunctionExpression(a) => &a.get_function_body()?.statements,
            Expression::FunctionExpression(f) => &f.body.as_ref()?.statements,
            _ => return None,
        };
        let source = cx.program.source_text;
        let mut steps = Vec::new();
        for s in stmts {
            let Statement::IfStatement(i) = s else {
                continue;
            };
            let cond = path_cond(&i.test);
            if !cond.mentions_path() {
                continue;
            }
            if i.alternate.is_none() && is_plain_return(&i.consequent) {
                steps.push(PathStep::Skip(cond));
            } else if rejects(&i.consequent, source) {
                steps.push(PathStep::Guard(cond));
            } else {
                steps.push(PathStep::Skip(PathCond::Unknown));
            }
        }
        Some(PathGuard {
            file: file.to_string(),
            steps,
        })
    }

    /// Whether the guard rejects signed-out requests to `path`.
    pub fn protects(&self, path: &str) -> bool {
        let mut guarded_somewhere = false;
        for step in &self.steps {
            match step {
                PathStep::Skip(c) => {
                    let decided = if c.is_path_only() { c.eval(path) } else { None };
                    match decided {
                        Some(false) => {}
                        _ => return false,
                    }
                }
                PathStep::Guard(c) => {
                    guarded_somewhere = true;
                    match c.eval(path) {
                        Some(true) => return true,
                        Some(false) => {}
                        None => return false,
                    }
                }
            }
        }
        // No path-specific guard applies: the handler's own (unconditional) gate does.
        !guarded_somewhere
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::engine::parse;
    use oxc_allocator::Allocator;

    fn cond(src: &str) -> PathCond {
        let allocator = Allocator::default();
        let text = format!("if ({src}) {{}}");
        let parsed = parse(&allocator, "x.ts", allocator.alloc_str(&text));
        match &parsed.program.body[0] {
            Statement::IfStatement(i) => path_cond(&i.test),
            _ => unreachable!(),
        }
    }

    #[test]
    fn path_conditions_evaluate_per_path() {
        // (condition, path, expected)
        let cases: &[(&str, &str, Option<bool>)] = &[
            (
                "event.path.startsWith('/api/private')",
                "/api/private/x",
                Some(true),
            ),
            (
                "event.path.startsWith('/api/private')",
                "/api/public",
                Some(false),
            ),
            ("!event.path.startsWith('/api')", "/api/x", Some(false)),
            ("!event.path.startsWith('/api')", "/about", Some(true)),
            (
                "getRequestURL(event).pathname === '/api/me'",
                "/api/me",
                Some(true),
            ),
            ("url.pathname !== '/api/me'", "/api/me", Some(false)),
            (
                "event.path.startsWith('/api') && !userId",
                "/api/x",
                Some(true),
            ),
            (
                "event.path.startsWith('/api') && !userId",
                "/x",
                Some(false),
            ),
            ("event.path.startsWith(prefix)", "/x", None),
            ("event.path.match(/x/)", "/x", None),
            (
                "['/api/health', '/api/ping'].includes(event.path)",
                "/api/ping",
                Some(true),
            ),
            (
                "['/api/health'].includes(event.path)",
                "/api/notes",
                Some(false),
            ),
            ("PUBLIC.includes(event.path)", "/api/notes", None),
            ("isPublic(event.path)", "/api/notes", None),
        ];
        for (src, path, want) in cases {
            assert_eq!(cond(src).eval(path), *want, "{src} @ {path}");
        }
    }
}
