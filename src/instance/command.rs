//! `clerk-lint instance [PATH]`: the arguments and the run, on the output plumbing of `check`
//! (`crate::cli`): same formats, `--output-file`, `--sarif-output`, job summary and exit codes.

use std::convert::Infallible;
use std::fmt;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::diagnostic::Severity;
use crate::emit::{
    ColorChoice, FailOn, VERSION, append_step_summary, exit_code, output_style, write_output,
    write_sarif,
};
use crate::instance::key::SecretKey;
use crate::instance::{self, Options};
use crate::output::{self, Format, RenderCtx, Summary};

#[derive(Debug, Args)]
#[command(
    after_help = "Reads the instance's public settings with the publishable key: one GET of /v1/environment from the Frontend API host the key names. With a secret key (--secret-key or CLERK_SECRET_KEY) it also reads GET /v1/instance and /v1/instance/communication from api.clerk.com, the only host the secret key is sent to. Plain `clerk-lint .` never goes online.\n\nExit status: 0 no findings at or above --fail-on, 1 findings, 2 usage error or an instance that cannot be read."
)]
pub struct InstanceArgs {
    /// The app directory whose `.env*` files may define the publishable key (a `pk_live_` key
    /// in `.env.production*` first), or one env file
    #[arg(value_name = "PATH", default_value = ".")]
    path: PathBuf,

    /// The publishable key (`pk_test_…` / `pk_live_…`) [default: $CLERK_PUBLISHABLE_KEY,
    /// $NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY or another framework's prefix, then the .env* files]
    #[arg(long, value_name = "KEY")]
    publishable_key: Option<String>,

    /// Also run the Backend API checks with this secret key; sent only to api.clerk.com, never
    /// printed [default: $CLERK_SECRET_KEY]
    #[arg(long, value_name = "KEY", value_parser = raw_secret)]
    secret_key: Option<RawSecret>,

    /// Audit this saved `GET /v1/environment` answer instead of fetching it (offline)
    #[arg(long, value_name = "FILE")]
    environment_json: Option<PathBuf>,

    /// Also list every check with its state and the fields it read, and the checklist items
    /// no key can observe (on stderr)
    #[arg(long)]
    explain: bool,

    /// Seconds to wait for each API answer
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_timeout)]
    timeout: Duration,

    /// Output format [default: full on a terminal, concise when piped, github when GITHUB_ACTIONS=true]
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        env = "CLERK_LINT_OUTPUT_FORMAT"
    )]
    format: Option<Format>,

    /// Write the output to FILE instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    output_file: Option<PathBuf>,

    /// Also write SARIF 2.1.0 to FILE (in the same run as another format)
    #[arg(long, value_name = "FILE")]
    sarif_output: Option<PathBuf>,

    /// When to use colour (NO_COLOR in the environment turns `auto` off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Print the findings only: no notes and no closing line
    #[arg(short, long)]
    quiet: bool,

    /// Exit 0 even when there are findings (2 still means the run itself failed)
    #[arg(long)]
    exit_zero: bool,

    /// The lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// Run only these checks (comma-separated, `instance/` optional)
    #[arg(long, value_delimiter = ',', value_name = "CHECK")]
    select: Vec<String>,

    /// Run these checks too, including the ones that are off by default (`require-name`, `branding`)
    #[arg(long, value_delimiter = ',', value_name = "CHECK")]
    extend_select: Vec<String>,

    /// Do not run these checks
    #[arg(long, value_delimiter = ',', value_name = "CHECK")]
    ignore: Vec<String>,

    /// `instance/lockout-threshold` reports a lockout that allows more failed attempts than this
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_lockout_attempts: u32,

    /// Send the Frontend API request even when the publishable key names an IP address,
    /// `localhost` or a private network name (refused by default)
    #[arg(long)]
    allow_any_host: bool,

    /// Test-only: send the Frontend API request to this loopback base URL
    /// (`http://127.0.0.1:PORT`) instead of the host in the key
    #[arg(long, value_name = "URL", hide = true)]
    fapi_base_url: Option<String>,

    /// Test-only: send the Backend API requests to this loopback base URL instead of
    /// api.clerk.com
    #[arg(long, value_name = "URL", hide = true)]
    bapi_base_url: Option<String>,
}

/// `--secret-key` as given: parsed later, so that a bad value is never echoed by clap.
#[derive(Clone)]
pub struct RawSecret(String);

impl fmt::Debug for RawSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawSecret(****)")
    }
}

fn raw_secret(s: &str) -> Result<RawSecret, Infallible> {
    Ok(RawSecret(s.to_string()))
}

fn parse_timeout(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 600.0 => Ok(Duration::from_secs_f64(secs)),
        _ => Err("expected a number of seconds between 0 and 600 (e.g. 10 or 2.5)".to_string()),
    }
}

/// Runs `clerk-lint instance`.
pub fn run(args: InstanceArgs) -> Result<u8, String> {
    let secret_key = match &args.secret_key {
        Some(raw) if !raw.0.trim().is_empty() => {
            Some(SecretKey::parse(&raw.0).map_err(|e| format!("--secret-key: {e}"))?)
        }
        _ => None,
    };
    let opts = Options {
        path: args.path.clone(),
        publishable_key: args.publishable_key.clone(),
        secret_key,
        environment_json: args.environment_json.clone(),
        timeout: args.timeout,
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        max_lockout_attempts: args.max_lockout_attempts,
        allow_any_host: args.allow_any_host,
        fapi_base_url: args.fapi_base_url.clone(),
        bapi_base_url: args.bapi_base_url.clone(),
    };
    let audit = instance::run(&opts, &|name| std::env::var(name).ok())?;
    if !args.quiet {
        for note in &audit.notes {
            crate::sink::stderr(&format!("clerk-lint: note: {note}"));
        }
    }
    if args.explain {
        crate::sink::stderr(&audit.explain());
    }

    let (format, color) = output_style(args.format, args.color, args.output_file.is_some());
    let diags = &audit.diagnostics;
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let summary = Summary {
        files: audit.files_read,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        ..Summary::default()
    };
    // The renderers' closing line counts files; the audit's names the instance instead.
    let ctx = RenderCtx {
        sources: &audit.sources,
        summary: &summary,
        color,
        quiet: true,
        tool_version: VERSION,
    };
    let mut buf = Vec::new();
    output::render(format, diags, &ctx, &mut buf)
        .map_err(|e| format!("cannot render output: {e}"))?;
    if !args.quiet && matches!(format, Format::Full | Format::Concise | Format::Github) {
        if format == Format::Full && !diags.is_empty() {
            buf.push(b'\n');
        }
        writeln!(buf, "{}", audit.closing_line(&summary))
            .map_err(|e| format!("cannot render output: {e}"))?;
    }
    write_output(
        &buf,
        args.output_file.as_deref(),
        crate::emit::medium_for(format, color),
    )?;
    if let Some(path) = &args.sarif_output {
        write_sarif(path, diags, &ctx)?;
    }
    if format == Format::Github {
        append_step_summary(|f| f.write_all(audit.step_summary(&summary).as_bytes()))?;
    }
    Ok(exit_code(diags, args.fail_on, args.exit_zero))
}
