//! Parsing a file for the engine.

#[allow(unused_imports)]
use super::*;

/// A parsed file, ready for analysis. The caller keeps the allocator alive.
pub struct Parsed<'a> {
    pub program: Program<'a>,
    pub ok: bool,
    /// The first syntax error (byte range, message), recoverable or not.
    pub error: Option<(Range<usize>, String)>,
}

pub fn parse<'a>(allocator: &'a Allocator, path: &str, text: &'a str) -> Parsed<'a> {
    let source_type = match SourceType::from_path(path) {
        Ok(st) if st.is_javascript() => st.with_jsx(true),
        Ok(st) => st,
        Err(_) => SourceType::tsx(),
    };
    let ret = Parser::new(allocator, text, source_type).parse();
    let error = ret.diagnostics.errors().next().map(|d| {
        let span = d
            .labels
            .first()
            .map(|l| l.span())
            .unwrap_or(Span::new(0, 0));
        (range_of(span), d.message.to_string())
    });
    Parsed {
        ok: !ret.panicked,
        program: ret.program,
        error,
    }
}
