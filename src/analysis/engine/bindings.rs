//! Module bindings (imports, top-level declarations) and small AST helpers.

#[allow(unused_imports)]
use super::*;
use oxc_ast::ast::VariableDeclarationKind;

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

/// How a name was declared. The Next.js middleware follows only `const` values (a `let` may be
/// reassigned), except for the exported middleware itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    Const,
    Let,
    Var,
    /// `using` / `await using`.
    Using,
    Function,
    Class,
    Import,
}

impl DeclKind {
    pub(crate) fn of_variable(kind: VariableDeclarationKind) -> DeclKind {
        match kind {
            VariableDeclarationKind::Const => DeclKind::Const,
            VariableDeclarationKind::Let => DeclKind::Let,
            VariableDeclarationKind::Var => DeclKind::Var,
            VariableDeclarationKind::Using | VariableDeclarationKind::AwaitUsing => DeclKind::Using,
        }
    }
}

/// A top-level binding of a module.
#[derive(Clone, Copy)]
pub enum Top<'a> {
    Function(&'a Function<'a>),
    /// `const x = <expr>` (or `let` / `var`: the kind says which).
    Init(&'a Expression<'a>, Span, DeclKind),
    /// `const { a, b: c } = <expr>`: the key destructured.
    Destructured(&'a Expression<'a>, &'a str, Span, DeclKind),
    /// A class.
    Other,
}

impl<'a> Top<'a> {
    /// How the name was declared.
    pub fn kind(&self) -> DeclKind {
        match self {
            Top::Function(_) => DeclKind::Function,
            Top::Init(_, _, k) | Top::Destructured(_, _, _, k) => *k,
            Top::Other => DeclKind::Class,
        }
    }

    /// The value of a `const x = <expr>` (never a `let` / `var`, which may be reassigned).
    pub fn const_init(&self) -> Option<&'a Expression<'a>> {
        match *self {
            Top::Init(init, _, DeclKind::Const) => Some(init),
            _ => None,
        }
    }
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

/// How `name` is bound at the top of a module: imported, or declared (`top`).
pub fn decl_kind(
    imports: &HashMap<&str, Import<'_>>,
    top: &HashMap<&str, Top<'_>>,
    name: &str,
) -> Option<DeclKind> {
    if imports.contains_key(name) {
        return Some(DeclKind::Import);
    }
    top.get(name).map(Top::kind)
}

/// The one binding collector: records each top-level name of `decl` with its value and how it
/// was declared. The engine's files and the Next.js middleware model both read it.
pub(crate) fn collect_top<'a>(decl: &'a Declaration<'a>, top: &mut HashMap<&'a str, Top<'a>>) {
    match decl {
        Declaration::FunctionDeclaration(f) => {
            if let Some(id) = &f.id {
                top.insert(id.name.as_str(), Top::Function(f));
            }
        }
        Declaration::VariableDeclaration(v) => {
            let kind = DeclKind::of_variable(v.kind);
            for d in &v.declarations {
                match (&d.id, &d.init) {
                    (BindingPattern::BindingIdentifier(id), Some(init)) => {
                        top.insert(id.name.as_str(), Top::Init(init, id.span, kind));
                    }
                    (BindingPattern::ObjectPattern(obj), Some(init)) => {
                        for p in &obj.properties {
                            if let (Some(key), BindingPattern::BindingIdentifier(local)) =
                                (property_key_name(&p.key), &p.value)
                            {
                                top.insert(
                                    local.name.as_str(),
                                    Top::Destructured(init, key, local.span, kind),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binding_collector_records_how_each_name_was_declared() {
        let text = "import { a } from 'x';\n\
                    const b = 1; let c = 2; var d = 3;\n\
                    export const { e } = obj;\n\
                    function f() {} class G {}\n\
                    let h;";
        let allocator = Allocator::default();
        let parsed = parse(&allocator, "m.ts", text);
        let body = &parsed.program.body;
        let imports = collect_imports(body);
        let mut top = HashMap::new();
        for stmt in body {
            if let Some(decl) = declaration_of(stmt) {
                collect_top(decl, &mut top);
            }
        }
        let kind = |n| decl_kind(&imports, &top, n);
        assert_eq!(kind("a"), Some(DeclKind::Import));
        assert_eq!(kind("b"), Some(DeclKind::Const));
        assert_eq!(kind("c"), Some(DeclKind::Let));
        assert_eq!(kind("d"), Some(DeclKind::Var));
        assert_eq!(kind("e"), Some(DeclKind::Const));
        assert_eq!(kind("f"), Some(DeclKind::Function));
        assert_eq!(kind("G"), Some(DeclKind::Class));
        // No value, nothing to follow.
        assert_eq!(kind("h"), None);
        assert!(top["b"].const_init().is_some());
        assert!(top["c"].const_init().is_none());
    }
}
