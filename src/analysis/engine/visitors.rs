//! Expression and statement visitors used by the walker.

#[allow(unused_imports)]
use super::*;

/// Calls the closure on `e` and every sub-expression, outside nested functions.
pub fn for_each_expr<'a>(e: &'a Expression<'a>, f: &mut dyn FnMut(&'a Expression<'a>)) {
    walk_expr(e, &mut |x| {
        f(x);
        true
    });
}

/// Like [`for_each_expr`], but the closure says whether to descend into the expression it
/// was given (`false` prunes that subtree).
pub fn walk_expr<'a>(e: &'a Expression<'a>, f: &mut dyn FnMut(&'a Expression<'a>) -> bool) {
    if !f(e) {
        return;
    }
    match e {
        Expression::CallExpression(c) => {
            walk_expr(&c.callee, f);
            for a in &c.arguments {
                if let Some(a) = a.as_expression() {
                    walk_expr(a, f);
                } else if let Argument::SpreadElement(s) = a {
                    walk_expr(&s.argument, f);
                }
            }
        }
        Expression::NewExpression(n) => {
            walk_expr(&n.callee, f);
            for a in &n.arguments {
                if let Some(a) = a.as_expression() {
                    walk_expr(a, f);
                }
            }
        }
        Expression::AwaitExpression(a) => walk_expr(&a.argument, f),
        Expression::StaticMemberExpression(m) => walk_expr(&m.object, f),
        Expression::ComputedMemberExpression(m) => {
            walk_expr(&m.object, f);
            walk_expr(&m.expression, f);
        }
        Expression::PrivateFieldExpression(m) => walk_expr(&m.object, f),
        Expression::ChainExpression(c) => match &c.expression {
            oxc_ast::ast::ChainElement::CallExpression(call) => {
                walk_expr(&call.callee, f);
                for a in &call.arguments {
                    if let Some(a) = a.as_expression() {
                        walk_expr(a, f);
                    }
                }
            }
            oxc_ast::ast::ChainElement::TSNonNullExpression(t) => walk_expr(&t.expression, f),
            other => {
                if let Some(m) = other.as_member_expression() {
                    walk_expr(m.object(), f);
                }
            }
        },
        Expression::LogicalExpression(l) => {
            walk_expr(&l.left, f);
            walk_expr(&l.right, f);
        }
        Expression::BinaryExpression(b) => {
            walk_expr(&b.left, f);
            walk_expr(&b.right, f);
        }
        Expression::ConditionalExpression(c) => {
            walk_expr(&c.test, f);
            walk_expr(&c.consequent, f);
            walk_expr(&c.alternate, f);
        }
        Expression::UnaryExpression(u) => walk_expr(&u.argument, f),
        Expression::ParenthesizedExpression(p) => walk_expr(&p.expression, f),
        Expression::TSAsExpression(t) => walk_expr(&t.expression, f),
        Expression::TSSatisfiesExpression(t) => walk_expr(&t.expression, f),
        Expression::TSNonNullExpression(t) => walk_expr(&t.expression, f),
        Expression::TSTypeAssertion(t) => walk_expr(&t.expression, f),
        Expression::SequenceExpression(s) => {
            for x in &s.expressions {
                walk_expr(x, f);
            }
        }
        Expression::AssignmentExpression(a) => walk_expr(&a.right, f),
        Expression::TemplateLiteral(t) => {
            for x in &t.expressions {
                walk_expr(x, f);
            }
        }
        Expression::TaggedTemplateExpression(t) => {
            for x in &t.quasi.expressions {
                walk_expr(x, f);
            }
        }
        Expression::ArrayExpression(a) => {
            for el in &a.elements {
                if let Some(x) = el.as_expression() {
                    walk_expr(x, f);
                }
            }
        }
        Expression::ObjectExpression(o) => {
            for p in &o.properties {
                match p {
                    ObjectPropertyKind::ObjectProperty(p) => walk_expr(&p.value, f),
                    ObjectPropertyKind::SpreadProperty(s) => walk_expr(&s.argument, f),
                }
            }
        }
        _ => {}
    }
}

/// Every call in an expression, outside nested functions, with whether it is awaited.
#[derive(Default)]
pub(crate) struct CallCollector<'a> {
    pub(crate) calls: Vec<(&'a CallExpression<'a>, bool)>,
}

impl<'a> CallCollector<'a> {
    pub(crate) fn visit_expression(&mut self, e: &'a Expression<'a>) {
        let mut awaited: Vec<*const CallExpression<'a>> = Vec::new();
        let mut all: Vec<&'a CallExpression<'a>> = Vec::new();
        for_each_expr(e, &mut |x| match x {
            Expression::AwaitExpression(a) => {
                if let Expression::CallExpression(c) = a.argument.get_inner_expression() {
                    awaited.push(&**c as *const _);
                }
            }
            Expression::CallExpression(c) => all.push(c),
            _ => {}
        });
        for c in all {
            let is_awaited = awaited.contains(&(c as *const _));
            self.calls.push((c, is_awaited));
        }
    }

    pub(crate) fn visit_statement(&mut self, s: &'a Statement<'a>) {
        for_each_stmt_expr(s, &mut |e| self.visit_expression(e));
    }
}

/// The calls of an expression that no other call of it contains (outside nested functions),
/// with whether each is awaited. The walker evaluates a call's arguments and callee itself
/// (`Walker::eval_call`), so visiting only these reaches every call once:
/// collecting every nested call instead made `f(f(f(…)))` cost 2^depth evaluations.
pub(crate) fn outer_calls<'a>(e: &'a Expression<'a>) -> Vec<(&'a CallExpression<'a>, bool)> {
    let mut out = Vec::new();
    collect_outer_calls(e, false, &mut out);
    out
}

fn collect_outer_calls<'a>(
    e: &'a Expression<'a>,
    awaited: bool,
    out: &mut Vec<(&'a CallExpression<'a>, bool)>,
) {
    let root: *const Expression<'a> = e;
    walk_expr(e, &mut |x| match x {
        Expression::AwaitExpression(a) => {
            collect_outer_calls(&a.argument, true, out);
            false
        }
        Expression::CallExpression(c) => {
            // Awaited only when the await applies to this very call (through parentheses
            // and type assertions).
            let direct = awaited && std::ptr::eq(root, x);
            out.push((c, direct));
            false
        }
        // `client?.verifyToken(token)`: an optional call is a call too.
        Expression::ChainExpression(ch) => match &ch.expression {
            oxc_ast::ast::ChainElement::CallExpression(c) => {
                let direct = awaited && std::ptr::eq(root, x);
                out.push((c, direct));
                false
            }
            _ => true,
        },
        Expression::ParenthesizedExpression(_)
        | Expression::TSAsExpression(_)
        | Expression::TSSatisfiesExpression(_)
        | Expression::TSNonNullExpression(_)
        | Expression::TSTypeAssertion(_)
            if awaited && std::ptr::eq(root, x) =>
        {
            // `await (f())`: the wrapper passes the awaited-ness on to its inner expression.
            collect_outer_calls(x.get_inner_expression(), true, out);
            false
        }
        _ => true,
    });
}

/// Calls the closure on every top-level expression of a statement (recursing into blocks
/// and branches, not into nested functions).
pub fn for_each_stmt_expr<'a>(s: &'a Statement<'a>, f: &mut dyn FnMut(&'a Expression<'a>)) {
    match s {
        Statement::ExpressionStatement(e) => f(&e.expression),
        Statement::ReturnStatement(r) => {
            if let Some(a) = &r.argument {
                f(a)
            }
        }
        Statement::ThrowStatement(t) => f(&t.argument),
        Statement::VariableDeclaration(v) => {
            for d in &v.declarations {
                if let Some(i) = &d.init {
                    f(i)
                }
            }
        }
        Statement::IfStatement(i) => {
            f(&i.test);
            for_each_stmt_expr(&i.consequent, f);
            if let Some(a) = &i.alternate {
                for_each_stmt_expr(a, f);
            }
        }
        Statement::BlockStatement(b) => {
            for x in &b.body {
                for_each_stmt_expr(x, f);
            }
        }
        Statement::TryStatement(t) => {
            for x in &t.block.body {
                for_each_stmt_expr(x, f);
            }
            if let Some(h) = &t.handler {
                for x in &h.body.body {
                    for_each_stmt_expr(x, f);
                }
            }
        }
        Statement::ForOfStatement(x) => {
            f(&x.right);
            for_each_stmt_expr(&x.body, f);
        }
        Statement::ForStatement(x) => for_each_stmt_expr(&x.body, f),
        Statement::WhileStatement(x) => for_each_stmt_expr(&x.body, f),
        Statement::SwitchStatement(x) => {
            f(&x.discriminant);
            for c in &x.cases {
                for y in &c.consequent {
                    for_each_stmt_expr(y, f);
                }
            }
        }
        _ => {}
    }
}

/// Identifiers and calls read by an expression (outside nested functions).
#[derive(Default)]
pub(crate) struct IdentCollector<'a> {
    pub(crate) names: Vec<String>,
    pub(crate) calls: Vec<&'a CallExpression<'a>>,
}

impl<'a> IdentCollector<'a> {
    pub(crate) fn visit_expression(&mut self, e: &'a Expression<'a>) {
        for_each_expr(e, &mut |x| match x {
            Expression::Identifier(id) => self.names.push(id.name.to_string()),
            Expression::CallExpression(c) => self.calls.push(c),
            _ => {}
        });
    }
}

#[derive(Default)]
pub(crate) struct NumberCollector {
    pub(crate) numbers: Vec<f64>,
}

impl<'a> Visit<'a> for NumberCollector {
    fn visit_numeric_literal(&mut self, it: &oxc_ast::ast::NumericLiteral<'a>) {
        self.numbers.push(it.value);
    }
}

#[derive(Default)]
pub(crate) struct ResponseFinder {
    pub(crate) found: bool,
}

impl<'a> Visit<'a> for ResponseFinder {
    fn visit_new_expression(&mut self, it: &oxc_ast::ast::NewExpression<'a>) {
        if callee_text(&it.callee).ends_with("Response") {
            self.found = true;
        }
        walk::walk_new_expression(self, it);
    }
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let t = callee_text(&it.callee);
        if t.starts_with("NextResponse.") || t.starts_with("Response.") || t == "json" {
            self.found = true;
        }
        walk::walk_call_expression(self, it);
    }
}

/// `x === process.env.SECRET`, `req.headers.get('authorization') !== \`Bearer ${process.env.CRON_SECRET}\``.
#[derive(Default)]
pub(crate) struct SecretCompareCollector {
    pub(crate) found: bool,
}

impl<'a> Visit<'a> for SecretCompareCollector {
    fn visit_binary_expression(&mut self, it: &oxc_ast::ast::BinaryExpression<'a>) {
        if matches!(
            it.operator,
            BinaryOperator::StrictEquality
                | BinaryOperator::StrictInequality
                | BinaryOperator::Equality
                | BinaryOperator::Inequality
        ) {
            let mut env = EnvSecretFinder::default();
            env.visit_expression(&it.left);
            env.visit_expression(&it.right);
            if env.found {
                self.found = true;
            }
        }
        walk::walk_binary_expression(self, it);
    }
}

/// A secret compared anywhere inside an expression, callbacks included:
/// `sigs.some((s) => timingSafeEqual(a, Buffer.from(s)))`.
pub(crate) fn deep_secret_check(e: &Expression) -> bool {
    let mut s = SecretCompareCollector::default();
    s.visit_expression(e);
    if s.found {
        return true;
    }
    let mut t = TimingSafeFinder::default();
    t.visit_expression(e);
    t.found
}

#[derive(Default)]
pub(crate) struct TimingSafeFinder {
    pub(crate) found: bool,
}

impl<'a> Visit<'a> for TimingSafeFinder {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if callee_text(&it.callee).ends_with("timingSafeEqual") {
            self.found = true;
        }
        walk::walk_call_expression(self, it);
    }
}

/// `process.env.SOME_SECRET` (or with `?? ''`, `|| ''`, `!`, `as string`) as a value.
pub(crate) fn reads_env_secret(e: &Expression) -> bool {
    match e.get_inner_expression() {
        Expression::LogicalExpression(l) => reads_env_secret(&l.left),
        inner @ (Expression::StaticMemberExpression(_)
        | Expression::ComputedMemberExpression(_)) => {
            let mut f = EnvSecretFinder::default();
            f.visit_expression(inner);
            f.found
        }
        _ => false,
    }
}

#[derive(Default)]
pub(crate) struct EnvSecretFinder {
    pub(crate) found: bool,
}

impl<'a> Visit<'a> for EnvSecretFinder {
    fn visit_static_member_expression(&mut self, it: &oxc_ast::ast::StaticMemberExpression<'a>) {
        let name = it.property.name.as_str();
        if let Expression::StaticMemberExpression(inner) = it.object.get_inner_expression()
            && inner.property.name == "env"
        {
            let upper = name.to_ascii_uppercase();
            if ["SECRET", "TOKEN", "KEY", "PASSWORD", "PASS"]
                .iter()
                .any(|w| upper.contains(w))
            {
                self.found = true;
            }
        }
        walk::walk_static_member_expression(self, it);
    }
}

/// Signs of a Clerk webhook handler in an expression.
#[derive(Default)]
pub(crate) struct SignalCollector {
    pub(crate) signals: Vec<String>,
}

pub(crate) const CLERK_EVENT_PREFIXES: &[&str] = &[
    "user.",
    "session.",
    "organization.",
    "organizationMembership.",
    "organizationInvitation.",
    "email.",
    "sms.",
    "role.",
    "permission.",
    "waitlistEntry.",
    "subscription.",
    "subscriptionItem.",
    "paymentAttempt.",
];

impl<'a> Visit<'a> for SignalCollector {
    fn visit_string_literal(&mut self, it: &oxc_ast::ast::StringLiteral<'a>) {
        let v = it.value.as_str();
        if v.starts_with("svix-") {
            self.signals.push(format!("reads the `{v}` header"));
        } else if CLERK_EVENT_PREFIXES.iter().any(|p| v.starts_with(p))
            && v.split('.').count() == 2
            && v.split('.').nth(1).is_some_and(|s| {
                matches!(
                    s,
                    "created"
                        | "updated"
                        | "deleted"
                        | "ended"
                        | "removed"
                        | "revoked"
                        | "accepted"
                        | "active"
                        | "pending"
                )
            })
        {
            self.signals.push(format!("handles the `{v}` event"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::engine::testing::export_facts;

    fn gate_kind(src: &str) -> Option<&'static str> {
        export_facts(&[("handler.ts", src)], &[], "GET")
            .and_then(|e| e.handler.gate)
            .map(|g| g.kind())
    }

    /// Every call is evaluated once: nested calls used to be re-collected at every level,
    /// 2^depth evaluations (26 levels took 11 s). At depth 64 a regression never finishes.
    #[test]
    fn nested_calls_are_evaluated_once_each() {
        let deep = |inner: &str| format!("{}{inner}{}", "f(".repeat(64), ")".repeat(64));
        let cases: &[(String, Option<&str>)] = &[
            (
                format!("export async function GET() {{ return Response.json({}) }}\n", deep("1")),
                None,
            ),
            // A gate deep inside the arguments still counts.
            (
                format!(
                    "import {{ auth }} from '@clerk/nextjs/server';\nexport async function GET() {{ return Response.json({}) }}\n",
                    deep("await auth.protect()")
                ),
                Some("inline"),
            ),
            // Calls inside a callee that is itself a call, and inside spread arguments.
            (
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { return f(await auth.protect())(1) }\n".to_string(),
                Some("inline"),
            ),
            (
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { return f(...[await auth.protect()]) }\n".to_string(),
                Some("inline"),
            ),
        ];
        for (src, want) in cases {
            assert_eq!(gate_kind(src), *want, "{src}");
        }
    }
}
