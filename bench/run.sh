#!/usr/bin/env bash
# Speed and memory benchmark: rg (baseline), oxlint with one rule, and clerk-lint on the same
# trees, interleaved in one run, as ratios to rg. See bench/README.md.
#
# Usage: bench/run.sh [--routes N]... [--tree PATH]... [--runs R] [--no-oxlint] [--no-build]
#                     [--keep] [--install-tools]
#
# Exit status: 0 done, 1 a step failed, 2 usage error or a tool missing.
set -euo pipefail

# The oxlint that --install-tools installs from npm, pinned so that runs compare.
OXLINT_VERSION=1.96.0

usage() {
    cat <<'EOF'
Usage: bench/run.sh [--routes N]... [--tree PATH]... [--runs R] [--no-oxlint] [--no-build]
                    [--keep] [--install-tools]

Builds clerk-lint (cargo build --release --locked), then on each tree times, interleaved:
  rg (baseline)   rg -c 'auth\(' TREE
  oxlint          oxlint -A all -D no-debugger TREE      (one rule)
  clerk-lint      clerk-lint TREE --format json -q --exit-zero
and prints the median wall time of R runs each (after one warm-up), the peak RSS of one
more run each, and each tool's time and peak RSS divided by rg's.

The trees: one synthetic Next.js + Clerk app per --routes N, made by bench/gen_tree.py
(seed 1; N routes plus 2000 gitignored node_modules/.next files) in a temporary
directory, and each existing tree given with --tree (only read, never modified).

  --routes N       a synthetic tree of N routes; repeat for several sizes
                   (default: one tree of 10000 routes)
  --tree PATH      also measure this existing tree (e.g. a monorepo); repeatable
  --runs R         timed runs per tool and tree (default 5)
  --no-oxlint      leave oxlint out
  --no-build       do not build; use the existing target/release/clerk-lint
  --keep           keep the generated trees and the results JSON, and print where
  --install-tools  install what is missing: rg (apt-get install -y ripgrep, else
                   cargo install ripgrep --locked) and oxlint (npm install --prefix
                   target/bench-tools oxlint@<pinned version>); without it nothing is
                   installed and a missing tool is an error (exit 2)
  -h, --help       this help

oxlint is looked up as $OXLINT, then target/bench-tools/node_modules/.bin/oxlint, then
oxlint on PATH.
EOF
}

die_usage() {
    echo "bench/run.sh: $1" >&2
    usage >&2
    exit 2
}

routes_list=()
trees=()
runs=5
keep=0
install=0
with_oxlint=1
build=1
while (($# > 0)); do
    case "$1" in
        --routes) (($# >= 2)) || die_usage "--routes needs a value"; routes_list+=("$2"); shift 2 ;;
        --routes=*) routes_list+=("${1#*=}"); shift ;;
        --tree) (($# >= 2)) || die_usage "--tree needs a value"; trees+=("$2"); shift 2 ;;
        --tree=*) trees+=("${1#*=}"); shift ;;
        --runs) (($# >= 2)) || die_usage "--runs needs a value"; runs=$2; shift 2 ;;
        --runs=*) runs=${1#*=}; shift ;;
        --keep) keep=1; shift ;;
        --no-oxlint) with_oxlint=0; shift ;;
        --no-build) build=0; shift ;;
        --install-tools | --install-rg) install=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die_usage "unknown argument: $1" ;;
    esac
done
((${#routes_list[@]} > 0)) || routes_list=(10000)
for routes in "${routes_list[@]}"; do
    if ! [[ $routes =~ ^[0-9]+$ ]] || ((routes < 1)); then
        die_usage "--routes must be a positive integer, not '$routes'"
    fi
done
if ! [[ $runs =~ ^[0-9]+$ ]] || ((runs < 1)); then
    die_usage "--runs must be a positive integer"
fi
for t in "${trees[@]}"; do
    [[ -d $t ]] || die_usage "--tree $t is not a directory"
done

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench_dir")

say() { echo "== $*" >&2; }

# --- ripgrep, the baseline ------------------------------------------------------------
if ! command -v rg >/dev/null 2>&1; then
    if ((install == 0)); then
        cat >&2 <<'EOF'
bench/run.sh: ripgrep (rg) is not installed; it is the baseline this benchmark compares with.
Install it with one of:
    apt-get install ripgrep        (Debian/Ubuntu, as root)
    cargo install ripgrep --locked
or rerun with --install-tools to let this script try both.
EOF
        exit 2
    fi
    say "installing ripgrep (--install-tools)"
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

# --- oxlint, one rule -----------------------------------------------------------------
tools="$root/target/bench-tools"
oxlint=""
find_oxlint() {
    if [[ -n ${OXLINT:-} ]]; then
        oxlint=$OXLINT
    elif [[ -x $tools/node_modules/.bin/oxlint ]]; then
        oxlint="$tools/node_modules/.bin/oxlint"
    elif command -v oxlint >/dev/null 2>&1; then
        oxlint=$(command -v oxlint)
    fi
}
if ((with_oxlint == 1)); then
    find_oxlint
    if [[ -z $oxlint ]]; then
        if ((install == 0)); then
            cat >&2 <<EOF
bench/run.sh: oxlint is not installed. Install it with
    npm install --prefix target/bench-tools oxlint@$OXLINT_VERSION
or rerun with --install-tools (which runs that), or leave it out with --no-oxlint.
EOF
            exit 2
        fi
        command -v npm >/dev/null 2>&1 ||
            { echo "bench/run.sh: --install-tools needs npm (and node) to install oxlint" >&2; exit 2; }
        say "npm install --prefix $tools oxlint@$OXLINT_VERSION (--install-tools)"
        mkdir -p "$tools"
        npm install --prefix "$tools" --no-audit --no-fund "oxlint@$OXLINT_VERSION" >&2 ||
            { echo "bench/run.sh: npm install oxlint failed" >&2; exit 2; }
        find_oxlint
        [[ -n $oxlint ]] || { echo "bench/run.sh: oxlint still not found" >&2; exit 2; }
    fi
    "$oxlint" --version >/dev/null 2>&1 ||
        { echo "bench/run.sh: '$oxlint --version' failed (is node installed?)" >&2; exit 2; }
fi

# --- clerk-lint -----------------------------------------------------------------------
if ((build == 1)); then
    say "cargo build --release --locked"
    cargo build --release --locked --manifest-path "$root/Cargo.toml" >&2 ||
        { echo "bench/run.sh: cargo build --release --locked failed" >&2; exit 1; }
fi
clerk_lint="${CARGO_TARGET_DIR:-$root/target}/release/clerk-lint"
# A relative CARGO_TARGET_DIR is relative to where cargo ran; make the path absolute.
[[ $clerk_lint = /* ]] || clerk_lint="$PWD/$clerk_lint"
[[ -x $clerk_lint ]] || { echo "bench/run.sh: no binary at $clerk_lint" >&2; exit 1; }

# --- the trees and the runs -----------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/clerk-lint-bench.XXXXXX")
cleanup() {
    if ((keep == 0)); then
        rm -rf -- "$work"
    fi
}
trap cleanup EXIT

versions="$("$clerk_lint" --version), $(rg --version | sed -n 1p)"
if [[ -n $oxlint ]]; then
    versions+=", oxlint $("$oxlint" --version | sed 's/^Version: *//')"
fi
say "$versions"
echo "tools: $versions"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"

measure() {
    local tree=$1 json=$2
    local args=(--tree "$tree" --clerk-lint "$clerk_lint" --runs "$runs" --json-out "$json")
    if [[ -n $oxlint ]]; then
        args+=(--oxlint "$oxlint")
    fi
    echo
    python3 "$bench_dir/measure.py" "${args[@]}"
}

for routes in "${routes_list[@]}"; do
    tree="$work/tree-$routes"
    say "generating $routes routes + 2000 ignored node_modules/.next files in $tree"
    python3 "$bench_dir/gen_tree.py" --routes "$routes" --node-modules 2000 --seed 1 \
        --out "$tree" >/dev/null
    measure "$tree" "$work/results-$routes.json"
    if ((keep == 0)); then
        rm -rf -- "$tree"
    fi
done
i=0
for t in "${trees[@]}"; do
    i=$((i + 1))
    say "measuring the existing tree $t"
    measure "$(cd "$t" && pwd)" "$work/results-tree$i.json"
done

if ((keep == 1)); then
    say "kept the trees and the numbers (results-*.json) in $work"
fi
