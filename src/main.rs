//! The `clerk-lint` binary: parse arguments, run, map the outcome to an exit code.
fn main() -> std::process::ExitCode {
    clerk_lint::cli::main()
}
