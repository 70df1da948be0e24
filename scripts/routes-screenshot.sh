#!/usr/bin/env bash
# Renders `clerk-lint routes --format html` for testdata/output-routes-html in headless Chromium
# (Debian's `chromium` package) and saves a screenshot: how docs/routes.png is made.
#
# Usage: scripts/routes-screenshot.sh OUT.png [CLERK_LINT_BINARY]   (default target/release/clerk-lint)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || {
  echo "usage: scripts/routes-screenshot.sh OUT.png [CLERK_LINT_BINARY]" >&2
  exit 2
}
out="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
bin="${2:-$root/target/release/clerk-lint}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root/testdata/output-routes-html" && "$bin" routes --format html -o "$work/routes.html")
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
  --hide-scrollbars --window-size=1200,1080 --screenshot="$out" "file://$work/routes.html" 2>/dev/null
echo "wrote $out"
