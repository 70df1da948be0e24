//! JavaScript / TypeScript via oxc: what clerk-lint needs from a script file.
use std::ops::Range;

/// How a script reads an environment variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvReadKind {
    ProcessEnv,
    ImportMetaEnv,
    DenoEnvGet,
    Destructure,
    EnvModuleImport,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvRead {
    pub name: String,
    pub range: Range<usize>,
    pub kind: EnvReadKind,
}

#[derive(Clone, Debug, Default)]
pub struct ScriptFile {
    pub env_reads: Vec<EnvRead>,
    /// Module specifiers imported or required.
    pub imports: Vec<String>,
    pub parse_error: Option<(Range<usize>, String)>,
}
