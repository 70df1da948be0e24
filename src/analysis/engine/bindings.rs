//! Module bindings (imports, top-level declarations) and small AST helpers.

#[allow(unused_imports)]
use super::*;

/// How a name was imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportName<'a> {
    Named(&'a str),
    Default,
    Namespace,
}

#[derive(Clone, Copy, Debug)]
pub struct Import<'a> {
    pub source: &'a str,
    pub name: ImportName<'a>,
}

/// A top-level binding of a module.
#[derive(Clone, Copy)]
pub enum Top<'a> {
    Function(&'a Function<'a>),
    /// `const x = <expr>`.
    Init(&'a Expression<'a>, Span),
    /// `const { a, b: c } = <expr>`: the key destructured.
    Destructured(&'a Expression<'a>, &'a str, Span),
    Other,
}

/// `async () => …` / `async function () {}`.
pub(crate) fn is_async_fn(e: &Expression) -> bool {
    match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => a.r#async,
        Expression::FunctionExpression(f) => f.r#async,
        _ => false,
    }
}

/// The ES imports of a module body by local name (type-only imports left out). The one import
/// collector: the engine's files and the Next.js middleware model both read it.
pub(crate) fn collect_imports<'a>(body: &'a [Statement<'a>]) -> HashMap<&'a str, Import<'a>> {
    let mut imports = HashMap::new();
    for stmt in body {
        if let Statement::ImportDeclaration(decl) = stmt {
            if decl.import_kind == ImportOrExportKind::Type {
                continue;
            }
            let source = decl.source.value.as_str();
            for spec in decl.specifiers.iter().flatten() {
                match spec {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => {
                        if s.import_kind == ImportOrExportKind::Type {
                            continue;
                        }
                        let name = match &s.imported {
                            ModuleExportName::IdentifierName(n) => n.name.as_str(),
                            ModuleExportName::IdentifierReference(n) => n.name.as_str(),
                            ModuleExportName::StringLiteral(n) => n.value.as_str(),
                        };
                        let name = if name == "default" {
                            ImportName::Default
                        } else {
                            ImportName::Named(name)
                        };
                        imports.insert(s.local.name.as_str(), Import { source, name });
                    }
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                        imports.insert(
                            s.local.name.as_str(),
                            Import {
                                source,
                                name: ImportName::Default,
                            },
                        );
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                        imports.insert(
                            s.local.name.as_str(),
                            Import {
                                source,
                                name: ImportName::Namespace,
                            },
                        );
                    }
                }
            }
        }
    }
    imports
}

/// The declaration a top-level statement carries (`export function f` included).
pub(crate) fn declaration_of<'a>(stmt: &'a Statement<'a>) -> Option<&'a Declaration<'a>> {
    match stmt {
        Statement::ExportDeclaration(d) => Some(&d.declaration),
        other => other.as_declaration(),
    }
}

pub(crate) fn collect_top<'a>(decl: &'a Declaration<'a>, top: &mut HashMap<&'a str, Top<'a>>) {
    match decl {
        Declaration::FunctionDeclaration(f) => {
            if let Some(id) = &f.id {
                top.insert(id.name.as_str(), Top::Function(f));
            }
        }
        Declaration::VariableDeclaration(v) => {
            for d in &v.declarations {
                match (&d.id, &d.init) {
                    (BindingPattern::BindingIdentifier(id), Some(init)) => {
                        top.insert(id.name.as_str(), Top::Init(init, id.span));
                    }
                    (BindingPattern::ObjectPattern(obj), Some(init)) => {
                        for p in &obj.properties {
                            if let (Some(key), BindingPattern::BindingIdentifier(local)) =
                                (property_key_name(&p.key), &p.value)
                            {
                                top.insert(
                                    local.name.as_str(),
                                    Top::Destructured(init, key, local.span),
                                );
                            }
                        }
                    }
                    (other, _) => {
                        let mut names = Vec::new();
                        binding_names(other, &mut names);
                        for n in names {
                            let _ = n;
                        }
                    }
                }
            }
        }
        Declaration::ClassDeclaration(c) => {
            if let Some(id) = &c.id {
                top.insert(id.name.as_str(), Top::Other);
            }
        }
        _ => {}
    }
}

pub fn property_key_name<'a>(key: &'a PropertyKey<'a>) -> Option<&'a str> {
    match key {
        PropertyKey::StaticIdentifier(id) => Some(id.name.as_str()),
        PropertyKey::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

pub fn binding_names(p: &BindingPattern, out: &mut Vec<String>) {
    match p {
        BindingPattern::BindingIdentifier(id) => out.push(id.name.to_string()),
        BindingPattern::ObjectPattern(o) => {
            for prop in &o.properties {
                binding_names(&prop.value, out);
            }
            if let Some(r) = &o.rest {
                binding_names(&r.argument, out);
            }
        }
        BindingPattern::ArrayPattern(a) => {
            for el in a.elements.iter().flatten() {
                binding_names(el, out);
            }
            if let Some(r) = &a.rest {
                binding_names(&r.argument, out);
            }
        }
        BindingPattern::AssignmentPattern(a) => binding_names(&a.left, out),
    }
}

pub fn export_name(n: &ModuleExportName) -> String {
    match n {
        ModuleExportName::IdentifierName(i) => i.name.to_string(),
        ModuleExportName::IdentifierReference(i) => i.name.to_string(),
        ModuleExportName::StringLiteral(s) => s.value.to_string(),
    }
}

pub(crate) fn root_identifier<'a>(e: &'a Expression<'a>) -> Option<&'a str> {
    match e.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::StaticMemberExpression(m) => root_identifier(&m.object),
        Expression::CallExpression(c) => root_identifier(&c.callee),
        _ => None,
    }
}

/// `a.b.c` for a callee, or `…` for anything else.
pub fn callee_text(e: &Expression) -> String {
    // One buffer for the whole chain: a `format!` per member was 7.75% of the instructions
    // of a 10k-route run.
    let mut out = String::new();
    push_callee_text(e, &mut out);
    out
}

fn push_callee_text(e: &Expression, out: &mut String) {
    match e.get_inner_expression() {
        Expression::Identifier(id) => out.push_str(&id.name),
        Expression::StaticMemberExpression(m) => {
            push_callee_text(&m.object, out);
            out.push('.');
            out.push_str(&m.property.name);
        }
        Expression::CallExpression(c) => {
            push_callee_text(&c.callee, out);
            out.push_str("()");
        }
        Expression::AwaitExpression(a) => push_callee_text(&a.argument, out),
        _ => out.push('…'),
    }
}

pub fn range_of(span: Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

pub(crate) fn span_text<'a>(cx: &FileCx<'a, '_>, span: Span) -> &'a str {
    let text: &'a str = cx.program.source_text;
    text.get(span.start as usize..span.end as usize)
        .unwrap_or("")
}
