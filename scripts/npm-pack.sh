#!/usr/bin/env bash
# Packs the npm distribution into tarballs, the way `npm publish` would upload them:
#   clerk-lint-VERSION.tgz                 the launcher (npm/clerk-lint: `bin` + optionalDependencies)
#   clerk-lint-PLATFORM-VERSION.tgz        a platform package (npm/PLATFORM plus its binary)
#
# Usage: scripts/npm-pack.sh OUTDIR [PLATFORM=BINARY]...
#   With no PLATFORM=BINARY, packs this machine's platform package from target/release/clerk-lint
#   (build it first: cargo build --release --locked). The release workflow passes one
#   PLATFORM=BINARY per target, e.g. linux-x64-musl=dist/x86_64-unknown-linux-musl/clerk-lint.
#
# Every package.json under npm/ must carry the Cargo.toml version (scripts/bump-version.sh sets
# it). Needs node and npm; no network.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() {
  echo "npm-pack: $*" >&2
  exit 2
}

[[ $# -ge 1 ]] || die "usage: scripts/npm-pack.sh OUTDIR [PLATFORM=BINARY]..."
mkdir -p "$1"
out="$(cd "$1" && pwd)"
shift

version="$(sed -n 's/^version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$root/Cargo.toml" | head -n1)"
for manifest in "$root"/npm/*/package.json; do
  v="$(node -p 'require(process.argv[1]).version' "$manifest")"
  [[ "$v" == "$version" ]] || die "${manifest#"$root"/} has version $v, Cargo.toml has $version (run scripts/bump-version.sh)"
done

# This machine's platform package, named as the launcher names it.
this_platform() {
  # shellcheck disable=SC2016 # a JavaScript template literal, not the shell's
  node -e '
    const p = process.platform, a = process.arch;
    let key = `${p}-${a}`;
    if (p === "linux") {
      const h = process.report.getReport().header;
      key += h.glibcVersionRuntime ? "-gnu" : "-musl";
    }
    process.stdout.write(key);'
}

if [[ $# -eq 0 ]]; then
  exe=clerk-lint
  [[ "$(this_platform)" == win32-* ]] && exe=clerk-lint.exe
  set -- "$(this_platform)=$root/target/release/$exe"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# pack DIR: `npm pack` DIR into OUTDIR, printing the tarball's path.
pack() {
  local file
  file="$(cd "$1" && npm pack --silent --pack-destination "$out")"
  echo "$out/$file"
}

for pair in "$@"; do
  platform="${pair%%=*}"
  binary="${pair#*=}"
  [[ "$pair" == *=* && -n "$platform" && -n "$binary" ]] || die "\`$pair\` is not PLATFORM=BINARY"
  [[ -f "$root/npm/$platform/package.json" ]] || die "no platform package npm/$platform"
  [[ -f "$binary" ]] || die "no binary at $binary (build it first: cargo build --release --locked)"
  exe="$(node -p 'require(process.argv[1]).files[0]' "$root/npm/$platform/package.json")"
  mkdir -p "$stage/$platform"
  cp "$root/npm/$platform/package.json" "$stage/$platform/"
  cp "$binary" "$stage/$platform/$exe"
  chmod 755 "$stage/$platform/$exe"
  pack "$stage/$platform"
done

mkdir -p "$stage/clerk-lint"
cp -R "$root/npm/clerk-lint/." "$stage/clerk-lint/"
pack "$stage/clerk-lint"
