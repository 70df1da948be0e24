#!/usr/bin/env bash
# Runs clerk-lint for the GitHub Action (action.yml): annotations through `--format github`, the
# job summary (every finding, then the endpoint inventory), SARIF, and the `findings` and
# `sarif-file` outputs. Testable outside GitHub: the inputs come from environment variables, and
# the results go to $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY when they are set.
#
# Environment (the action's inputs; action.yml passes them through `env:` only):
#   CLERK_LINT_BIN         the binary (default: `clerk-lint` on PATH)
#   CLERK_LINT_PATH        the path to check (default `.`)
#   CLERK_LINT_ARGS        extra arguments, split on whitespace (no quotes, globs or `$`
#                          expansion: the text is never evaluated by the shell)
#   CLERK_LINT_FAIL_ON     `error` (default), `warning`, or `none` (never fail on findings)
#   CLERK_LINT_SARIF_FILE  also write SARIF 2.1.0 to this file
#   CLERK_LINT_SUMMARY     `true` (default): write the job summary; `false`: do not
#   CLERK_LINT_ROUTES_HTML also write the endpoint inventory as one HTML page to this file
#
# Exit status: clerk-lint's (0 no finding at or above fail-on, 1 findings, 2 usage/config/IO).
set -euo pipefail

log() { printf 'clerk-lint: %s\n' "$*" >&2; }
escape_data() {
  local s="$1"
  s="${s//'%'/%25}"
  s="${s//$'\r'/%0D}"
  s="${s//$'\n'/%0A}"
  printf '%s' "$s"
}
fail_usage() {
  printf '::error title=clerk-lint::%s\n' "$(escape_data "$1")"
  exit 2
}
single_line() { # single_line NAME VALUE: outputs and paths must stay on one line
  if [[ "$2" == *$'\n'* || "$2" == *$'\r'* ]]; then
    fail_usage "the \`$1\` input must be a single line"
  fi
}
output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

bin="${CLERK_LINT_BIN:-clerk-lint}"
path="${CLERK_LINT_PATH:-.}"
fail_on="${CLERK_LINT_FAIL_ON:-error}"
sarif="${CLERK_LINT_SARIF_FILE:-}"
summary="${CLERK_LINT_SUMMARY:-true}"
routes_html="${CLERK_LINT_ROUTES_HTML:-}"
args_text="${CLERK_LINT_ARGS:-}"

single_line path "$path"
single_line sarif-file "$sarif"
single_line routes-html "$routes_html"

# Annotations attach to the diff only with paths relative to the repository root.
if [[ -n "${GITHUB_WORKSPACE:-}" && "$PWD" == "$GITHUB_WORKSPACE" && "$path" == "$GITHUB_WORKSPACE"/* ]]; then
  path="${path#"$GITHUB_WORKSPACE"/}"
fi

# `args` may span lines in YAML; split on any whitespace, without evaluation.
args_text="${args_text//$'\r'/ }"
args_text="${args_text//$'\n'/ }"
extra=()
read -r -a extra <<<"$args_text" || true

check_flags=(--format github)
case "$fail_on" in
  error | warning | none) check_flags+=(--fail-on "$fail_on") ;;
  *) fail_usage "\`fail-on\` must be error, warning or none, not \`$fail_on\`" ;;
esac
case "$summary" in
  true | false) ;;
  *) fail_usage "\`summary\` must be true or false, not \`$summary\`" ;;
esac
if [[ -n "$sarif" ]]; then
  mkdir -p "$(dirname "$sarif")"
  rm -f "$sarif"
  check_flags+=(--sarif-output "$sarif")
fi

# The job summary file: clerk-lint appends the findings to it in the github format.
summary_file=""
if [[ "$summary" == true ]]; then
  summary_file="${GITHUB_STEP_SUMMARY:-}"
fi

# 1. The check: annotations on stdout, the summary line, SARIF, the findings in the job summary.
status=0
GITHUB_STEP_SUMMARY="$summary_file" \
  "$bin" "${check_flags[@]}" ${extra[@]+"${extra[@]}"} -- "$path" || status=$?

if [[ "$status" -ne 0 && "$status" -ne 1 ]]; then
  printf '::error title=clerk-lint::%s\n' \
    "$(escape_data "clerk-lint could not check \`$path\` (exit status $status); the error is in the log above")"
  output findings ""
  output sarif-file ""
  output routes-html ""
  exit "$status"
fi

# 2. The count, from the versioned JSON document (its summary counts every reported finding).
# A scratch directory (on Windows runners, RUNNER_TEMP is a `D:\a\_temp` path: give bash's
# tools their own form of it).
scratch="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
if command -v cygpath >/dev/null 2>&1; then scratch="$(cygpath -u "$scratch")"; fi
work="$(mktemp -d "$scratch/clerk-lint-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
findings=""
if GITHUB_STEP_SUMMARY="" "$bin" --format json --output-file "$work/report.json" \
  ${extra[@]+"${extra[@]}"} -- "$path" >/dev/null 2>"$work/json.stderr" ||
  [[ -s "$work/report.json" ]]; then
  # Keys of the summary object; a string in the document cannot hold `errors":` unescaped.
  findings="$(grep -oE '"(errors|warnings|infos)"[[:space:]]*:[[:space:]]*[0-9]+' "$work/report.json" |
    grep -oE '[0-9]+$' | awk '{ n += $1 } END { print n + 0 }')"
else
  log "could not count the findings: $(cat "$work/json.stderr")"
fi
output findings "$findings"

if [[ -n "$sarif" ]]; then
  if [[ -s "$sarif" ]]; then
    output sarif-file "$sarif"
  else
    printf '::warning title=clerk-lint::%s\n' "$(escape_data "no SARIF was written to $sarif")"
    output sarif-file ""
  fi
else
  output sarif-file ""
fi

# 3. The endpoint inventory, after the findings in the job summary.
if [[ -n "$summary_file" ]]; then
  if "$bin" routes --format markdown -- "$path" >"$work/routes.md" 2>"$work/routes.stderr"; then
    rows=$(($(wc -l <"$work/routes.md") - 2))
    # shellcheck disable=SC2016 # the backquotes are Markdown
    {
      printf '\n### Endpoint inventory\n\n'
      if [[ "$rows" -gt 0 ]]; then
        cat "$work/routes.md"
        if [[ "$rows" -eq 1 ]]; then noun=endpoint; else noun=endpoints; fi
        printf '\n%s server %s, from `clerk-lint routes`.\n' "$rows" "$noun"
      else
        printf 'No server endpoints found.\n'
      fi
    } >>"$summary_file"
  else
    log "no endpoint inventory: $(cat "$work/routes.stderr")"
  fi
fi

# 4. The HTML inventory, for the workflow artifact.
if [[ -n "$routes_html" ]]; then
  mkdir -p "$(dirname "$routes_html")"
  if "$bin" routes --format html --output-file "$routes_html" -- "$path" 2>"$work/html.stderr"; then
    output routes-html "$routes_html"
  else
    printf '::warning title=clerk-lint::%s\n' \
      "$(escape_data "no HTML inventory was written: $(cat "$work/html.stderr")")"
    output routes-html ""
  fi
else
  output routes-html ""
fi

log "${findings:-?} finding(s); exit status $status"
exit "$status"
