#!/usr/bin/env bash
# Installs clerk-lint for the GitHub Action (action.yml). Testable outside GitHub: everything it
# needs comes from environment variables, and it writes its results to $GITHUB_OUTPUT and
# $GITHUB_PATH when they are set.
#
#   action-install.sh          install: use $CLERK_LINT_BIN, or download the release binary for
#                              $RUNNER_OS/$RUNNER_ARCH and verify its SHA-256; when there is no
#                              release for this runner, the download fails or the version is
#                              `source`, print build=true (the action then restores the cache and
#                              runs `action-install.sh build`).
#   action-install.sh build    `cargo install --locked --path <the action's source>`.
#
# Environment:
#   CLERK_LINT_VERSION       `0.1.0` / `v0.1.0`, `latest`, or `source` (build from the action's
#                            source). Empty: the version in the action's Cargo.toml.
#   CLERK_LINT_BIN           a clerk-lint binary to use as is (preinstalled, or built by a test).
#   CLERK_LINT_REPOSITORY    owner/name to download releases from (default clerk-lint/clerk-lint).
#   CLERK_LINT_DOWNLOAD_URL  base URL of the release assets instead of
#                            https://github.com/<repository>/releases/download/v<version> (a
#                            mirror, or file:// in tests).
#   CLERK_LINT_BUILD_ROOT    build mode: the `cargo install --root` directory (from install mode).
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, RUNNER_TOOL_CACHE, GITHUB_OUTPUT, GITHUB_PATH: as set
#                            by GitHub Actions.
#
# Outputs (to $GITHUB_OUTPUT): bin (the binary's path) once installed; build, build-root and
# source-hash when the action has to build from source.
set -euo pipefail

DEFAULT_REPOSITORY="clerk-lint/clerk-lint"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
action_dir="$(cd "$script_dir/.." && pwd)"

log() { printf 'clerk-lint install: %s\n' "$*" >&2; }
# A workflow command must not take user text verbatim: escape like the runner expects.
escape_data() {
  local s="$1"
  s="${s//'%'/%25}"
  s="${s//$'\r'/%0D}"
  s="${s//$'\n'/%0A}"
  printf '%s' "$s"
}
annotate() { # annotate error|warning|notice MESSAGE
  printf '::%s title=clerk-lint install::%s\n' "$1" "$(escape_data "$2")"
}
output() { # output NAME VALUE (values here are paths and words we built; no newlines)
  if [[ "$2" == *$'\n'* || "$2" == *$'\r'* ]]; then
    annotate error "refusing to write output $1 with a line break in it"
    exit 2
  fi
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
  printf '%s=%s\n' "$1" "$2"
}

exe_suffix() {
  if [[ "${RUNNER_OS:-}" == "Windows" ]]; then printf '.exe'; fi
}

sha256_of() { # prints the hex SHA-256 of a file
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 -r "$1" | cut -d' ' -f1
  else
    annotate error "no sha256sum, shasum or openssl to verify the download with"
    return 1
  fi
}

# The binary works: `clerk-lint --version` prints something.
check_binary() {
  local v
  if ! v="$("$1" --version 2>&1)"; then
    annotate error "\`$1 --version\` failed: $v"
    return 1
  fi
  log "using $1 ($v)"
}

# Publishes the installed binary: the `bin` output, and its directory on PATH for later steps.
publish() {
  local bin="$1"
  check_binary "$bin"
  output bin "$bin"
  if [[ -n "${GITHUB_PATH:-}" ]]; then
    dirname "$bin" >>"$GITHUB_PATH"
  fi
}

# The release target for this runner, or nothing when no release binary fits it.
release_target() {
  case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64) echo aarch64-unknown-linux-musl ;;
    macOS/X64) echo x86_64-apple-darwin ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) ;;
  esac
}

version_from_cargo_toml() {
  sed -n 's/^version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$action_dir/Cargo.toml" | head -n1
}

# A hash of the sources `cargo install` builds, for the cache key and to reuse a build.
source_hash() {
  (
    cd "$action_dir"
    { printf '%s\n' Cargo.toml Cargo.lock; find src -type f | LC_ALL=C sort; } |
      while IFS= read -r f; do
        printf '%s\n' "$f"
        cat "$f"
      done >"$work/sources"
  )
  sha256_of "$work/sources"
}

# A scratch directory (on Windows runners, RUNNER_TEMP is a `D:\a\_temp` path: give bash's
# tools their own form of it).
scratch="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
if command -v cygpath >/dev/null 2>&1; then scratch="$(cygpath -u "$scratch")"; fi
work="$(mktemp -d "$scratch/clerk-lint-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Asks the action for a build from source.
need_build() {
  local root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/clerk-lint-build"
  log "$1; building clerk-lint from the action's source with cargo"
  annotate notice "$1; building clerk-lint from source (cargo install --locked), which takes a few minutes"
  output build true
  output build-root "$root"
  output source-hash "$(source_hash)"
}

# Downloads and verifies the release archive into the tool cache and sets `installed_bin`.
# Returns 1 when the download failed, 3 when what was downloaded is wrong.
installed_bin=""
download_release() { # download_release VERSION TARGET
  local version="$1" target="$2" ext archive base dest bin expected actual
  if [[ "$target" == *windows* ]]; then ext=zip; else ext=tar.gz; fi
  archive="clerk-lint-$target.$ext"
  if [[ -n "${CLERK_LINT_DOWNLOAD_URL:-}" ]]; then
    base="${CLERK_LINT_DOWNLOAD_URL%/}"
  elif [[ "$version" == latest ]]; then
    base="https://github.com/${CLERK_LINT_REPOSITORY:-$DEFAULT_REPOSITORY}/releases/latest/download"
  else
    base="https://github.com/${CLERK_LINT_REPOSITORY:-$DEFAULT_REPOSITORY}/releases/download/v$version"
  fi
  dest="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/clerk-lint/$version/$target"
  bin="$dest/clerk-lint$(exe_suffix)"
  if [[ "$version" != latest && -x "$bin" ]]; then
    log "found $bin in the tool cache"
    installed_bin="$bin"
    return 0
  fi

  log "downloading $base/$archive"
  curl --fail --silent --show-error --location --retry 3 --connect-timeout 20 \
    --output "$work/$archive" "$base/$archive" || return 1
  curl --fail --silent --show-error --location --retry 3 --connect-timeout 20 \
    --output "$work/$archive.sha256" "$base/$archive.sha256" || return 1

  expected="$(tr -d '\r' <"$work/$archive.sha256" | awk 'NR == 1 { print tolower($1) }')"
  actual="$(sha256_of "$work/$archive")"
  if [[ ! "$expected" =~ ^[0-9a-f]{64}$ ]]; then
    annotate error "$archive.sha256 holds no SHA-256"
    return 3
  fi
  if [[ "$expected" != "$actual" ]]; then
    annotate error "checksum mismatch for $archive: expected $expected, got $actual; not installing it"
    return 3
  fi
  log "SHA-256 verified: $actual"

  mkdir -p "$work/unpacked" || return 3
  if [[ "$ext" == zip ]]; then
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" -d "$work/unpacked" || return 3
    elif command -v 7z >/dev/null 2>&1; then
      7z x -y -o"$work/unpacked" "$work/$archive" >/dev/null || return 3
    else
      # shellcheck disable=SC2016 # $args is PowerShell's, not the shell's
      pwsh -NoProfile -Command 'Expand-Archive -LiteralPath $args[0] -DestinationPath $args[1]' \
        "$work/$archive" "$work/unpacked" || return 3
    fi
  else
    tar -xzf "$work/$archive" -C "$work/unpacked" || return 3
  fi
  local found
  found="$(find "$work/unpacked" -type f -name "clerk-lint$(exe_suffix)" | head -n1)" || return 3
  if [[ -z "$found" ]]; then
    annotate error "$archive has no clerk-lint$(exe_suffix) in it"
    return 3
  fi
  mkdir -p "$dest" && cp "$found" "$bin" && chmod +x "$bin" || return 3
  installed_bin="$bin"
}

install() {
  if [[ -n "${CLERK_LINT_BIN:-}" ]]; then
    log "CLERK_LINT_BIN is set; not downloading"
    publish "$CLERK_LINT_BIN"
    return 0
  fi

  local version="${CLERK_LINT_VERSION:-}"
  version="${version#v}"
  if [[ -z "$version" ]]; then
    version="$(version_from_cargo_toml)"
  fi
  if [[ "$version" == source ]]; then
    need_build "version \`source\` asks for a build"
    return 0
  fi
  if [[ ! "$version" =~ ^(latest|[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?)$ ]]; then
    annotate error "version must be a release like 0.1.0, \`latest\` or \`source\`, not \`$version\`"
    exit 2
  fi

  local target
  target="$(release_target)"
  if [[ -z "$target" ]]; then
    need_build "no release binary for ${RUNNER_OS:-an unknown OS}/${RUNNER_ARCH:-an unknown architecture}"
    return 0
  fi

  local status=0
  download_release "$version" "$target" || status=$?
  case "$status" in
    0) publish "$installed_bin" ;;
    3) exit 1 ;; # a bad checksum or archive is not a reason to quietly build something else
    *) need_build "could not download clerk-lint $version for $target" ;;
  esac
}

build() {
  local root="${CLERK_LINT_BUILD_ROOT:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/clerk-lint-build}"
  local bin
  bin="$root/bin/clerk-lint$(exe_suffix)"
  local hash
  hash="$(source_hash)"
  if [[ -x "$bin" && -f "$root/source-hash" && "$(cat "$root/source-hash")" == "$hash" ]]; then
    log "reusing $bin (built from the same source)"
    publish "$bin"
    return 0
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    annotate error "building clerk-lint needs cargo (for example from rustup); set \`version\` to a release, or put clerk-lint on the runner and set CLERK_LINT_BIN"
    exit 1
  fi
  log "cargo install --locked --path $action_dir --root $root"
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/clerk-lint-target}" \
    cargo install --locked --force --path "$action_dir" --root "$root"
  printf '%s\n' "$hash" >"$root/source-hash"
  publish "$bin"
}

case "${1:-install}" in
  install) install ;;
  build) build ;;
  *)
    echo "usage: action-install.sh [install|build]" >&2
    exit 2
    ;;
esac
