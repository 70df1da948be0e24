//! Auth-bound services an app's request hook puts on `locals` (SvelteKit `handle`): a
//! repository that is `new UnauthenticatedRepository()` unless the session has a user, whose
//! write methods throw for the signed-out form. Calling such a method in an endpoint rejects
//! signed-out callers the way a guarding helper does.
//!
//! What counts (all of it read from the hook module and the class's module):
//! - `event.locals.NAME = x` where `x` starts as `new A(…)` and is reassigned (to anything)
//!   only inside the `then` branch of an `if` that tests the session or user, or
//!   `event.locals.NAME = test ? new B(…) : new A(…)` with such a test;
//! - class `A` (declared in the hook module or imported from the app) has methods (or arrow
//!   properties) whose first statement throws: those methods guard.
//!
//! A service that is the same object for every caller guards nothing, whatever it throws.

use std::collections::HashMap;
use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    AssignmentTarget, BindingPattern, Class, ClassElement, Declaration, Expression,
    ImportDeclarationSpecifier, ModuleExportName, Program, Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::analysis::engine::{LocalsGuard, parse, property_key_name};
use crate::analysis::framework::AppCx;
use crate::source::SourceFile;

/// The guarding methods of the services the hook module `hook` puts on `locals`.
pub fn from_hook(cx: &AppCx, hook: &SourceFile) -> Vec<LocalsGuard> {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &hook.rel_path, &hook.text);
    if !parsed.ok {
        return Vec::new();
    }
    let mut scan = Scan {
        text: &hook.text,
        auth_tests: 0,
        inits: HashMap::new(),
        reassigned_outside: Vec::new(),
        reassigned_inside: Vec::new(),
        assigned: Vec::new(),
    };
    scan.visit_program(&parsed.program);
    let Some(root) = cx.cx.path_of(&hook.rel_path) else {
        return Vec::new();
    };
    let scope = std::fs::canonicalize(&cx.app.root).unwrap_or_else(|_| cx.app.root.clone());
    let mut out = Vec::new();
    for (member, source) in &scan.assigned {
        let Some(class) = scan.signed_out_class(source) else {
            continue;
        };
        let methods = throwing_methods(cx, root, &parsed.program, &class);
        if !methods.is_empty() {
            out.push(LocalsGuard {
                scope: scope.clone(),
                member: member.clone(),
                methods,
                file: hook.rel_path.clone(),
            });
        }
    }
    out
}

/// Where a `locals` member's signed-out value comes from.
enum Source {
    /// A variable: its initial class, if the signed-in branch is the only one reassigning it.
    Var(String),
    /// `test ? new Signed(…) : new SignedOut(…)`: the class of the signed-out form.
    SignedOut(String),
}

struct Scan<'t> {
    text: &'t str,
    /// How many enclosing `if` consequents test the session or user.
    auth_tests: usize,
    /// `let x = new A(…)`: x → A.
    inits: HashMap<String, String>,
    reassigned_outside: Vec<String>,
    reassigned_inside: Vec<String>,
    /// `event.locals.NAME = …`: (NAME, where its signed-out value comes from).
    assigned: Vec<(String, Source)>,
}

impl Scan<'_> {
    /// The class of a `locals` member's signed-out form, when it has one that differs from
    /// the signed-in form.
    fn signed_out_class(&self, source: &Source) -> Option<String> {
        match source {
            Source::Var(name) => {
                if self.reassigned_outside.contains(name) || !self.reassigned_inside.contains(name)
                {
                    return None;
                }
                self.inits.get(name).cloned()
            }
            Source::SignedOut(class) => Some(class.clone()),
        }
    }

    /// Whether a condition tests the caller's session or user (`event.locals.session?.userId`,
    /// `locals.auth().userId`, `user`).
    fn is_auth_test(&self, e: &Expression) -> bool {
        let span = e.span();
        let text = self
            .text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .to_ascii_lowercase();
        ["userid", "session", "user", "auth"]
            .iter()
            .any(|w| text.contains(w))
    }
}

impl<'a> Visit<'a> for Scan<'_> {
    fn visit_if_statement(&mut self, it: &oxc_ast::ast::IfStatement<'a>) {
        self.visit_expression(&it.test);
        let auth = self.is_auth_test(&it.test);
        if auth {
            self.auth_tests += 1;
        }
        self.visit_statement(&it.consequent);
        if auth {
            self.auth_tests -= 1;
        }
        if let Some(alt) = &it.alternate {
            self.visit_statement(alt);
        }
    }

    fn visit_variable_declarator(&mut self, d: &oxc_ast::ast::VariableDeclarator<'a>) {
        if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init)
            && let Some(class) = new_class(init)
        {
            self.inits.insert(id.name.to_string(), class);
        }
        walk::walk_variable_declarator(self, d);
    }

    fn visit_assignment_expression(&mut self, a: &oxc_ast::ast::AssignmentExpression<'a>) {
        match &a.left {
            AssignmentTarget::AssignmentTargetIdentifier(id) => {
                let name = id.name.to_string();
                if self.auth_tests > 0 {
                    self.reassigned_inside.push(name);
                } else {
                    self.reassigned_outside.push(name);
                }
            }
            AssignmentTarget::StaticMemberExpression(m) if is_locals(&m.object) => {
                let member = m.property.name.to_string();
                match a.right.get_inner_expression() {
                    Expression::Identifier(id) => {
                        self.assigned
                            .push((member, Source::Var(id.name.to_string())));
                    }
                    Expression::ConditionalExpression(c) if self.is_auth_test(&c.test) => {
                        if let Some(class) = new_class(&c.alternate) {
                            self.assigned.push((member, Source::SignedOut(class)));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        walk::walk_assignment_expression(self, a);
    }
}

/// `event.locals`, `locals`.
fn is_locals(e: &Expression) -> bool {
    match e.get_inner_expression() {
        Expression::StaticMemberExpression(m) => m.property.name == "locals",
        Expression::Identifier(id) => id.name == "locals",
        _ => false,
    }
}

/// `new A(…)` → `A`.
fn new_class(e: &Expression) -> Option<String> {
    match e.get_inner_expression() {
        Expression::NewExpression(n) => match n.callee.get_inner_expression() {
            Expression::Identifier(id) => Some(id.name.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// The methods of class `name` (declared in `program` or imported into it) that throw
/// first thing.
fn throwing_methods(cx: &AppCx, from: &Path, program: &Program, name: &str) -> Vec<String> {
    if let Some(methods) = class_methods(program, name) {
        return methods;
    }
    // Imported: `import { A } from '$lib/repository'`.
    for stmt in &program.body {
        let Statement::ImportDeclaration(imp) = stmt else {
            continue;
        };
        let Some(specifiers) = &imp.specifiers else {
            continue;
        };
        for s in specifiers {
            let ImportDeclarationSpecifier::ImportSpecifier(s) = s else {
                continue;
            };
            if s.local.name != name {
                continue;
            }
            let imported = match &s.imported {
                ModuleExportName::IdentifierName(n) => n.name.to_string(),
                ModuleExportName::IdentifierReference(n) => n.name.to_string(),
                ModuleExportName::StringLiteral(l) => l.value.to_string(),
            };
            let Some(target) = cx.cx.engine.resolver().resolve(from, &imp.source.value) else {
                return Vec::new();
            };
            let Some(file) = cx
                .cx
                .scripts
                .iter()
                .find(|f| cx.cx.path_of(&f.rel_path) == Some(target.as_path()))
            else {
                return Vec::new();
            };
            let allocator = Allocator::default();
            let parsed = parse(&allocator, &file.rel_path, &file.text);
            if !parsed.ok {
                return Vec::new();
            }
            return class_methods(&parsed.program, &imported).unwrap_or_default();
        }
    }
    Vec::new()
}

/// The throwing methods of a top-level class `name` in `program`, or `None` when it has no
/// such class.
fn class_methods(program: &Program, name: &str) -> Option<Vec<String>> {
    let class = program.body.iter().find_map(|s| {
        let decl: &Class = match s {
            Statement::ClassDeclaration(c) => Some(&**c),
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::ClassDeclaration(c) => Some(&**c),
                _ => None,
            },
            _ => None,
        }?;
        (decl.id.as_ref()?.name == name).then_some(decl)
    })?;
    let mut out = Vec::new();
    for el in &class.body.body {
        let (key, body) = match el {
            ClassElement::MethodDefinition(m) => (&m.key, m.value.body.as_deref()),
            ClassElement::PropertyDefinition(p) => (
                &p.key,
                match p.value.as_ref().map(|v| v.get_inner_expression()) {
                    Some(Expression::ArrowFunctionExpression(a)) => a.get_function_body(),
                    Some(Expression::FunctionExpression(f)) => f.body.as_deref(),
                    _ => None,
                },
            ),
            _ => continue,
        };
        let (Some(key), Some(body)) = (property_key_name(key), body) else {
            continue;
        };
        if throws_first(&body.statements) {
            out.push(key.to_string());
        }
    }
    Some(out)
}

/// A body whose first statement throws (`followUser = async () => { throw new NotSignedIn() }`).
fn throws_first(stmts: &[Statement]) -> bool {
    matches!(stmts.first(), Some(Statement::ThrowStatement(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (hook source, the `locals` members whose signed-out class is known)
    const HOOKS: &[(&str, &[(&str, &str)])] = &[
        // Reassigned only when signed in.
        (
            "export const handle = async ({ event, resolve }) => {\n  let repo = new Anon()\n  if (event.locals.session?.userId) repo = new Authed(event.locals.session.userId)\n  event.locals.repo = repo\n  return resolve(event)\n}\n",
            &[("repo", "Anon")],
        ),
        (
            "export const handle = async ({ event, resolve }) => {\n  event.locals.repo = event.locals.auth().userId ? new Authed() : new Anon()\n  return resolve(event)\n}\n",
            &[("repo", "Anon")],
        ),
        // The same object for everyone: nothing.
        (
            "export const handle = async ({ event, resolve }) => {\n  const repo = new Anon()\n  event.locals.repo = repo\n  return resolve(event)\n}\n",
            &[],
        ),
        // Reassigned outside the signed-in branch: nothing.
        (
            "export const handle = async ({ event, resolve }) => {\n  let repo = new Anon()\n  if (event.locals.auth().userId) repo = new Authed()\n  if (event.url.pathname === '/x') repo = new Other()\n  event.locals.repo = repo\n  return resolve(event)\n}\n",
            &[],
        ),
    ];

    #[test]
    fn signed_out_classes() {
        for (src, want) in HOOKS {
            let allocator = Allocator::default();
            let parsed = parse(&allocator, "hooks.server.ts", src);
            let mut scan = Scan {
                text: src,
                auth_tests: 0,
                inits: HashMap::new(),
                reassigned_outside: Vec::new(),
                reassigned_inside: Vec::new(),
                assigned: Vec::new(),
            };
            scan.visit_program(&parsed.program);
            let got: Vec<(String, String)> = scan
                .assigned
                .iter()
                .filter_map(|(member, source)| {
                    scan.signed_out_class(source).map(|c| (member.clone(), c))
                })
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(m, c)| (m.to_string(), c.to_string()))
                .collect();
            assert_eq!(got, want, "{src}");
        }
    }

    #[test]
    fn class_methods_that_throw() {
        let src = "export class Anon {\n  list = async () => []\n  follow = async (u) => {\n    throw new Error('signed out')\n  }\n  async remove(id) {\n    if (!id) return\n    throw new Error('x')\n  }\n  async block(u) {\n    throw new NotAuthenticated()\n  }\n}\n";
        let allocator = Allocator::default();
        let parsed = parse(&allocator, "repo.ts", src);
        assert_eq!(
            class_methods(&parsed.program, "Anon"),
            Some(vec!["follow".to_string(), "block".to_string()])
        );
        assert_eq!(class_methods(&parsed.program, "Other"), None);
    }
}
