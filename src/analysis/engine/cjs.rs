//! CommonJS modules: `require` as imports and `module.exports` / `exports.x` as exports, so
//! Express apps written in CommonJS are followed like ES modules.

use oxc_ast::ast::{
    BindingPattern, CallExpression, Expression, ObjectPropertyKind, Program, Statement,
};

use super::property_key_name;

/// How a CommonJS `require` binds a local name, for the evidence engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Required<'a> {
    /// `const x = require('m')`: the whole module.
    Module,
    /// `const x = require('m').default`.
    Default,
    /// `const { a: x } = require('m')`.
    Named(&'a str),
}

/// The top-level CommonJS imports of a program: `(local, source, how)`.
pub fn cjs_requires<'a>(program: &'a Program<'a>) -> Vec<(&'a str, &'a str, Required<'a>)> {
    let mut out = Vec::new();
    for stmt in &program.body {
        let Statement::VariableDeclaration(v) = stmt else {
            continue;
        };
        for d in &v.declarations {
            let Some(init) = &d.init else { continue };
            let Some((source, how)) = require_of(init) else {
                continue;
            };
            match &d.id {
                BindingPattern::BindingIdentifier(id) => {
                    out.push((id.name.as_str(), source, how));
                }
                BindingPattern::ObjectPattern(obj) => {
                    for p in &obj.properties {
                        if let (Some(key), BindingPattern::BindingIdentifier(local)) =
                            (property_key_name(&p.key), &p.value)
                        {
                            out.push((local.name.as_str(), source, Required::Named(key)));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The CommonJS exports of a program (`module.exports = x`, `module.exports.a = x`,
/// `exports.a = x`, `module.exports = { a, b }`): `(exported name, value)`, `default` for
/// the whole `module.exports`.
pub fn cjs_exports<'a>(program: &'a Program<'a>) -> Vec<(String, &'a Expression<'a>)> {
    let mut out = Vec::new();
    for stmt in &program.body {
        let Statement::ExpressionStatement(es) = stmt else {
            continue;
        };
        let Expression::AssignmentExpression(assign) = es.expression.get_inner_expression() else {
            continue;
        };
        let Some(oxc_ast::ast::SimpleAssignmentTarget::StaticMemberExpression(m)) =
            assign.left.as_simple_assignment_target()
        else {
            continue;
        };
        let prop = m.property.name.as_str();
        let is_module = |e: &Expression| matches!(e.get_inner_expression(), Expression::Identifier(o) if o.name == "module");
        let is_exports = |e: &Expression| match e.get_inner_expression() {
            Expression::Identifier(o) => o.name == "exports",
            Expression::StaticMemberExpression(x) => {
                is_module(&x.object) && x.property.name == "exports"
            }
            _ => false,
        };
        if is_module(&m.object) && prop == "exports" {
            if let Expression::ObjectExpression(obj) = assign.right.get_inner_expression() {
                for p in &obj.properties {
                    if let ObjectPropertyKind::ObjectProperty(p) = p
                        && let Some(k) = property_key_name(&p.key)
                    {
                        out.push((k.to_string(), &p.value));
                    }
                }
            }
            out.push(("default".to_string(), &assign.right));
        } else if is_exports(&m.object) {
            out.push((prop.to_string(), &assign.right));
        }
    }
    out
}

/// `require('x')` (possibly `require('x').default`): the source and how it binds.
pub fn require_of<'a>(e: &'a Expression<'a>) -> Option<(&'a str, Required<'a>)> {
    match e.get_inner_expression() {
        Expression::CallExpression(c) => {
            let src = require_source(c)?;
            Some((src, Required::Module))
        }
        Expression::StaticMemberExpression(m) if m.property.name == "default" => {
            let Expression::CallExpression(c) = m.object.get_inner_expression() else {
                return None;
            };
            Some((require_source(c)?, Required::Default))
        }
        _ => None,
    }
}

pub fn require_source<'a>(c: &'a CallExpression<'a>) -> Option<&'a str> {
    match c.callee.get_inner_expression() {
        Expression::Identifier(id) if id.name == "require" => {}
        _ => return None,
    }
    match c.arguments.first()?.as_expression()?.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

/// Names destructured from a dynamic import anywhere in the program
/// (`const { verifyToken } = await import('@clerk/backend')`, often inside a function): they
/// are read like static imports, `(local, source, imported)`. Slices of the source text, so
/// they live as long as the program.
pub fn dynamic_imports<'a>(program: &'a Program<'a>) -> Vec<(&'a str, &'a str, &'a str)> {
    use oxc_ast::ast::{PropertyKey, VariableDeclarator};
    use oxc_ast_visit::{Visit, walk};
    use oxc_span::Span;

    struct Finder {
        found: Vec<(Span, Span, Span)>,
    }
    impl<'b> Visit<'b> for Finder {
        fn visit_variable_declarator(&mut self, d: &VariableDeclarator<'b>) {
            if let (BindingPattern::ObjectPattern(obj), Some(init)) = (&d.id, &d.init) {
                let init = match init.get_inner_expression() {
                    Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
                    other => other,
                };
                if let Expression::ImportExpression(ie) = init
                    && let Expression::StringLiteral(src) = ie.source.get_inner_expression()
                {
                    for p in &obj.properties {
                        if let (
                            PropertyKey::StaticIdentifier(key),
                            BindingPattern::BindingIdentifier(local),
                        ) = (&p.key, &p.value)
                        {
                            self.found.push((local.span, src.span, key.span));
                        }
                    }
                }
            }
            walk::walk_variable_declarator(self, d);
        }
    }
    if !program.source_text.contains("import(") {
        return Vec::new();
    }
    let mut f = Finder { found: Vec::new() };
    f.visit_program(program);
    let text: &'a str = program.source_text;
    let slice = |s: Span| &text[s.start as usize..s.end as usize];
    f.found
        .into_iter()
        .filter_map(|(local, src, key)| {
            // The literal without its quotes.
            let src = slice(src);
            let src = src.get(1..src.len().checked_sub(1)?)?;
            Some((slice(local), src, slice(key)))
        })
        .collect()
}
