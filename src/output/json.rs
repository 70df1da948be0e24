//! The `json` output format.
use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::output::RenderCtx;

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    let _ = (diags, ctx, w);
    Ok(())
}
