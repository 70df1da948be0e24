#!/usr/bin/env bash
# Speed and memory benchmark: clerk-lint against ripgrep on the same generated tree, as a
# ratio, in one run. See bench/README.md.
#
# Usage: bench/run.sh [--routes N] [--runs R] [--keep] [--install-rg]
#
# Exit status: 0 done, 1 a step failed, 2 usage error or rg missing.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/run.sh [--routes N] [--runs R] [--keep] [--install-rg]

Builds clerk-lint (cargo build --release --locked), generates a synthetic Next.js + Clerk
app with bench/gen_tree.py (N routes plus 2000 gitignored node_modules/.next files) in a
temporary directory, and times clerk-lint against `rg -c --hidden 'CLERK|auth\('` on it:
median wall time of R runs each after one warm-up, peak RSS of one run each, and the
clerk-lint/rg ratios.

  --routes N     routes in the generated app (default 10000)
  --runs R       timed runs per tool (default 5)
  --keep         keep the generated tree and results.json, and print where they are
  --install-rg   if rg is missing, install it (apt-get install -y ripgrep, else
                 cargo install ripgrep --locked); without it nothing is installed
  -h, --help     this help
EOF
}

die_usage() {
    echo "bench/run.sh: $1" >&2
    usage >&2
    exit 2
}

routes=10000
runs=5
keep=0
install_rg=0
while (($# > 0)); do
    case "$1" in
        --routes) (($# >= 2)) || die_usage "--routes needs a value"; routes=$2; shift 2 ;;
        --routes=*) routes=${1#*=}; shift ;;
        --runs) (($# >= 2)) || die_usage "--runs needs a value"; runs=$2; shift 2 ;;
        --runs=*) runs=${1#*=}; shift ;;
        --keep) keep=1; shift ;;
        --install-rg) install_rg=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die_usage "unknown argument: $1" ;;
    esac
done
if ! [[ $routes =~ ^[0-9]+$ ]] || ((routes < 1)); then
    die_usage "--routes must be a positive integer"
fi
if ! [[ $runs =~ ^[0-9]+$ ]] || ((runs < 1)); then
    die_usage "--runs must be a positive integer"
fi

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench_dir")

say() { echo "== $*" >&2; }

# --- ripgrep, the baseline ------------------------------------------------------------
if ! command -v rg >/dev/null 2>&1; then
    if ((install_rg == 0)); then
        cat >&2 <<'EOF'
bench/run.sh: ripgrep (rg) is not installed; it is the baseline this benchmark compares with.
Install it with one of:
    apt-get install ripgrep        (Debian/Ubuntu, as root)
    cargo install ripgrep --locked
or rerun with --install-rg to let this script try both.
EOF
        exit 2
    fi
    say "installing ripgrep (--install-rg)"
    if command -v apt-get >/dev/null 2>&1; then
        # The package lists may be missing or stale: update once and retry.
        apt-get install -y ripgrep >&2 || { apt-get update >&2 && apt-get install -y ripgrep >&2; } ||
            echo "bench/run.sh: apt-get could not install ripgrep" >&2
    fi
    if ! command -v rg >/dev/null 2>&1; then
        say "cargo install ripgrep --locked"
        cargo install ripgrep --locked >&2 || { echo "bench/run.sh: cargo install ripgrep failed" >&2; exit 2; }
        PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    fi
    command -v rg >/dev/null 2>&1 || { echo "bench/run.sh: rg still not found" >&2; exit 2; }
fi
command -v python3 >/dev/null 2>&1 || { echo "bench/run.sh: python3 is required" >&2; exit 1; }

# --- clerk-lint -----------------------------------------------------------------------
say "cargo build --release --locked"
cargo build --release --locked --manifest-path "$root/Cargo.toml" >&2 ||
    { echo "bench/run.sh: cargo build --release --locked failed" >&2; exit 1; }
clerk_lint="${CARGO_TARGET_DIR:-$root/target}/release/clerk-lint"
# A relative CARGO_TARGET_DIR is relative to where cargo ran; make the path absolute.
[[ $clerk_lint = /* ]] || clerk_lint="$PWD/$clerk_lint"
[[ -x $clerk_lint ]] || { echo "bench/run.sh: no binary at $clerk_lint" >&2; exit 1; }

# --- the tree -------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/clerk-lint-bench.XXXXXX")
cleanup() {
    if ((keep == 0)); then
        rm -rf -- "$work"
    fi
}
trap cleanup EXIT
tree="$work/tree"
say "generating $routes routes + 2000 ignored node_modules/.next files in $tree"
python3 "$bench_dir/gen_tree.py" --routes "$routes" --node-modules 2000 --seed 1 \
    --out "$tree" >/dev/null

# --- measure --------------------------------------------------------------------------
say "$("$clerk_lint" --version) vs $(rg --version | head -n 1)"
python3 "$bench_dir/measure.py" --tree "$tree" --clerk-lint "$clerk_lint" --runs "$runs" \
    --json-out "$work/results.json"

if ((keep == 1)); then
    say "kept the tree in $tree and the numbers in $work/results.json"
fi
