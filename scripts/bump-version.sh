#!/usr/bin/env bash
# Sets the version everywhere it appears, for a release:
#   Cargo.toml           [package] version
#   Cargo.lock           the clerk-lint package entry
#   CHANGELOG.md         `## [Unreleased]` becomes `## [NEW] - DATE`, under a fresh empty
#                        `## [Unreleased]` (and the compare links at the bottom, if any)
#   README.md            every `vOLD` tag in the snippets (`clerk-lint/clerk-lint@vOLD`, `rev: vOLD`,
#                        `--tag vOLD`, `releases/download/vOLD/`), and the tool version in the
#                        JSON example
#   action.yml           the `version` input's default (the DEFAULT_VERSION line)
#   npm/*/package.json   the npm packages' `version`, and the launcher's optionalDependencies
#
# Usage: scripts/bump-version.sh NEW_VERSION      (e.g. 0.2.0; RELEASE_DATE=YYYY-MM-DD overrides
#                                                  today's date, in UTC)
# It changes files only; commit, tag `vNEW_VERSION` and push the tag to run the release workflow.
#
# The single-quoted programs below are awk programs: their `$` are not the shell's.
# shellcheck disable=SC2016
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

die() {
  echo "bump-version: $*" >&2
  exit 2
}

[[ $# -eq 1 ]] || die "usage: scripts/bump-version.sh NEW_VERSION"
new="${1#v}"
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || die "\`$1\` is not a version like 1.2.3"
date="${RELEASE_DATE:-$(date -u +%Y-%m-%d)}"
[[ "$date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "RELEASE_DATE \`$date\` is not YYYY-MM-DD"

old="$(sed -n 's/^version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' Cargo.toml | head -n1)"
[[ -n "$old" ]] || die "no version in Cargo.toml"
[[ "$old" != "$new" ]] || die "the version is already $new"
grep -q '^## \[Unreleased\]' CHANGELOG.md || die "CHANGELOG.md has no \`## [Unreleased]\` section"
grep -q "^## \[$new\]" CHANGELOG.md && die "CHANGELOG.md already has a section for $new"

# A literal for sed's basic regular expressions.
re() { printf '%s' "$1" | sed 's/[][\.*^$/]/\\&/g'; }
old_re="$(re "$old")"

# rewrite FILE PROGRAM...: runs sed (or awk, with `awk` first) into a temp file, then replaces
# FILE, so it works with BSD and GNU tools alike.
rewrite() {
  local file="$1"
  shift
  if [[ "$1" == awk ]]; then
    shift
    awk "$@" "$file" >"$file.bump-tmp"
  else
    sed "$@" "$file" >"$file.bump-tmp"
  fi
  if cmp -s "$file" "$file.bump-tmp"; then
    rm -f "$file.bump-tmp"
    return 1
  fi
  mv "$file.bump-tmp" "$file"
}
changed=()
note() { changed+=("$1"); }

# Cargo.toml: the first `version =` line is the package's.
rewrite Cargo.toml awk -v new="$new" '
  !done && /^version[[:space:]]*=/ { print "version = \"" new "\""; done = 1; next }
  { print }' && note "Cargo.toml"

# Cargo.lock: the `version` line right after `name = "clerk-lint"`.
if [[ -f Cargo.lock ]]; then
  rewrite Cargo.lock awk -v new="$new" '
    pkg && /^version = / { print "version = \"" new "\""; pkg = 0; next }
    { pkg = ($0 == "name = \"clerk-lint\"") }
    { print }' && note "Cargo.lock"
fi

# CHANGELOG.md: a fresh Unreleased section above the release; compare links if there are any.
rewrite CHANGELOG.md awk -v new="$new" -v old="$old" -v date="$date" '
  !done && /^## \[Unreleased\]/ { print; print ""; print "## [" new "] - " date; done = 1; next }
  /^\[Unreleased\]: .*\/compare\/v.*\.\.\.HEAD$/ {
    base = $0; sub(/^\[Unreleased\]: /, "", base); sub(/\/compare\/.*$/, "", base)
    print "[Unreleased]: " base "/compare/v" new "...HEAD"
    print "[" new "]: " base "/compare/v" old "...v" new
    next
  }
  { print }' && note "CHANGELOG.md"

# README.md: every `vOLD` tag in the snippets (`uses: clerk-lint/clerk-lint@vOLD`, `rev: vOLD`,
# `--tag vOLD`, `releases/download/vOLD/`), then the tool version in the JSON example.
# The awk program replaces whole tags only (not v0.1.01, v0.1.0-rc.1 or xv0.1.0) and prints, on
# stderr, the lines where a whole `vOLD` is left when run with check=1.
tags_awk='
  function whole(prev, line, i) {
    return prev !~ /[0-9A-Za-z_.]/ &&
      substr(line, i + length(tok), 1) !~ /[0-9A-Za-z_-]/ &&
      !(substr(line, i + length(tok), 1) == "." && substr(line, i + length(tok) + 1, 1) ~ /[0-9]/)
  }
  {
    line = $0; out = ""; prev = ""
    while ((i = index(line, tok)) > 0) {
      if (i > 1) prev = substr(line, i - 1, 1)
      if (whole(prev, line, i)) {
        if (check) { print FILENAME ":" NR ": " $0 > "/dev/stderr"; found = 1 }
        out = out substr(line, 1, i - 1) rep
      } else {
        out = out substr(line, 1, i - 1) tok
      }
      prev = substr(tok, length(tok), 1)
      line = substr(line, i + length(tok))
    }
    if (!check) print out line
  }
  END { exit found }'
if [[ -f README.md ]]; then
  readme_changed=0
  rewrite README.md awk -v tok="v$old" -v rep="v$new" -v check=0 "$tags_awk" && readme_changed=1
  rewrite README.md \
    -e "s/\(\"name\":[[:space:]]*\"clerk-lint\",[[:space:]]*\"version\":[[:space:]]*\"\)$old_re\"/\1$new\"/g" &&
    readme_changed=1
  if [[ "$readme_changed" == 1 ]]; then note "README.md"; fi
fi

# action.yml: the line after the DEFAULT_VERSION comment.
rewrite action.yml awk -v new="$new" '
  next_is_default && /^[[:space:]]*default:/ {
    sub(/default:.*/, "default: \"" new "\""); print; next_is_default = 0; next
  }
  { next_is_default = ($0 ~ /# DEFAULT_VERSION/) }
  { print }' && note "action.yml"

# npm/*/package.json: `"version": "OLD"` and the launcher's `"@clerk-lint/PLATFORM": "OLD"`.
for manifest in npm/*/package.json; do
  [[ -f "$manifest" ]] || continue
  rewrite "$manifest" \
    -e "s/^\(  \"version\": \"\)$old_re\"/\1$new\"/" \
    -e "s/^\(    \"@clerk-lint\/[a-z0-9-]*\": \"\)$old_re\"/\1$new\"/" && note "$manifest"
done

grep -q "^version = \"$new\"" Cargo.toml || die "Cargo.toml was not updated"
for manifest in npm/*/package.json; do
  [[ -f "$manifest" ]] || continue
  ! grep -q "\"$old_re\"" "$manifest" || die "$manifest still mentions $old"
done
if [[ -f README.md ]] && ! awk -v tok="v$old" -v check=1 "$tags_awk" README.md; then
  die "the lines above still mention v$old"
fi
awk '/# DEFAULT_VERSION/ { getline; print; exit }' action.yml | grep -q "\"$new\"" ||
  die "action.yml: the DEFAULT_VERSION default was not updated"

echo "bump-version: $old -> $new ($date) in ${changed[*]}"
echo "next: review the diff, commit it, then \`git tag v$new\` and push the tag to run the release workflow"
