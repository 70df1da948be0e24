#!/usr/bin/env python3
"""Time rg, oxlint (one rule) and clerk-lint on one tree, in one run, and print ratios to rg.

Called by bench/run.sh, which builds clerk-lint, installs or finds the tools and
generates the trees; it can also be run by hand on any tree:

    python3 bench/measure.py --tree DIR --clerk-lint target/release/clerk-lint \
        [--oxlint target/bench-tools/node_modules/.bin/oxlint] [--runs 5]

The commands (stdout to /dev/null):
    rg          rg -c 'auth\(' TREE                      (the baseline)
    oxlint      oxlint -A all -D no-debugger TREE        (one rule; only with --oxlint)
    clerk-lint  clerk-lint TREE --format json -q --exit-zero

For each tool: one warm-up run, then --runs timed runs (the tools interleaved, so a
slow spell on the machine hits all of them), reporting the median wall time and the
median user+sys CPU time; then one more run each for the peak RSS. Ratios are each
tool's median wall time and peak RSS divided by rg's.

The peak RSS comes from GNU `/usr/bin/time -f %M` when it is installed and works.
Otherwise this script polls VmHWM in /proc/PID/status (the high-water mark of the
tool's own address space, counted only once the process has exec'd the tool) until
the process exits. It does not use Python's rusage (os.wait4 or
resource.getrusage(RUSAGE_CHILDREN)): Linux carries the forking process's high-water
mark across exec into the child's ru_maxrss, so every tool started from Python would
report at least Python's own ~10-15 MiB (rg's real peak is smaller than that).
`time` avoids that because it is a small C program. Nothing is installed.

Exit status: 0 on success, 1 when a tool fails or its output cannot be read.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RG_PATTERN = r"auth\("
OXLINT_RULE = "no-debugger"


def commands(tree, clerk_lint, oxlint):
    """(name, argv, accepted exit codes), baseline first."""
    # rg exits 1 when nothing matched: still a good run.
    cmds = [("rg", ["rg", "-c", RG_PATTERN, tree], {0, 1})]
    if oxlint:
        # oxlint exits 1 when the rule found something: also a good run.
        cmds.append(("oxlint", [oxlint, "-A", "all", "-D", OXLINT_RULE, tree], {0, 1}))
    cmds.append(("clerk-lint", [clerk_lint, tree, "--format", "json", "-q", "--exit-zero"],
                 {0}))
    return cmds


def fail(msg):
    print(f"measure.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


def run_once(name, argv, ok_codes):
    """Runs argv with stdout to /dev/null; returns (wall seconds, user+sys cpu seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    # Read stderr to the end (so a chatty tool cannot block on a full pipe), then reap
    # with wait4 for this child's own CPU times.
    err = proc.stderr.read()
    proc.stderr.close()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in ok_codes:
        fail(f"{name} exited {code}: {' '.join(argv)}\n{err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime


def gnu_time_works():
    gt = "/usr/bin/time"
    if not os.access(gt, os.X_OK):
        return False
    with tempfile.NamedTemporaryFile("r") as out:
        r = subprocess.run([gt, "-f", "%M", "-o", out.name, "true"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            return r.returncode == 0 and int(out.read().strip().splitlines()[-1]) > 0
        except (ValueError, IndexError):
            return False


def peak_rss_time_kib(name, argv, ok_codes):
    with tempfile.NamedTemporaryFile("r") as out:
        # `time` passes the command's exit code through.
        run_once(name, ["/usr/bin/time", "-f", "%M", "-o", out.name] + argv, ok_codes)
        lines = out.read().strip().splitlines()
        try:
            return int(lines[-1])
        except (ValueError, IndexError):
            fail(f"could not read /usr/bin/time output for {name}: {lines!r}")


def peak_rss_proc_kib(name, argv, ok_codes):
    """Polls VmHWM of the running tool; VmHWM only grows, so the last sample is the peak
    up to a poll interval (0.2 ms) before exit."""
    comm = os.path.basename(os.path.realpath(argv[0])).encode()[:15]
    if _is_script(argv[0]):
        # A `#!/usr/bin/env node` wrapper (npm's oxlint) runs as the interpreter.
        comm = b"node"
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err)
        status_path = f"/proc/{proc.pid}/status"
        hwm = 0
        while True:
            try:
                with open(status_path, "rb") as f:
                    fields = dict(line.split(b":", 1) for line in f if b":" in line)
                # Before exec the child still shows (or shares) Python's memory.
                if fields.get(b"Name", b"").strip() == comm and b"VmHWM" in fields:
                    hwm = max(hwm, int(fields[b"VmHWM"].split()[0]))
            except (OSError, ValueError):
                pass
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.0002)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in ok_codes:
            err.seek(0)
            fail(f"{name} exited {code}:\n{err.read().decode(errors='replace')[-2000:]}")
    if hwm == 0:
        fail(f"{name} exited before its memory could be sampled from /proc")
    return hwm


def _is_script(path):
    try:
        with open(path, "rb") as f:
            return f.read(2) == b"#!"
    except OSError:
        return False


def findings(tree, clerk_lint):
    r = subprocess.run([clerk_lint, tree, "--format", "json", "-q", "--exit-zero"],
                       stdin=subprocess.DEVNULL, capture_output=True)
    if r.returncode != 0:
        fail(f"clerk-lint exited {r.returncode}:\n{r.stderr.decode(errors='replace')[-2000:]}")
    try:
        doc = json.loads(r.stdout)
        summary = doc["summary"]
        by_rule = {}
        for d in doc["diagnostics"]:
            by_rule[d["rule"]] = by_rule.get(d["rule"], 0) + 1
    except (ValueError, KeyError, TypeError) as e:
        fail(f"cannot read clerk-lint's JSON output: {e}")
    return summary, by_rule


def rg_file_count(tree):
    r = subprocess.run(["rg", "--files", "--hidden", tree], stdin=subprocess.DEVNULL,
                       capture_output=True)
    if r.returncode not in (0, 1):
        fail(f"rg --files exited {r.returncode}")
    return len(r.stdout.splitlines())


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", required=True,
                    help="the tree to check (made by gen_tree.py, or any real repository)")
    ap.add_argument("--clerk-lint", required=True, help="path to the clerk-lint binary")
    ap.add_argument("--oxlint", help="path to oxlint; without it oxlint is not measured")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool (default 5)")
    ap.add_argument("--json-out", help="also write the numbers as JSON to this file")
    ap.add_argument("--rss", choices=["auto", "time", "proc"], default="auto",
                    help="peak RSS from /usr/bin/time, from polling /proc, or auto: "
                         "/usr/bin/time when it works, else /proc (default)")
    a = ap.parse_args()
    if a.runs < 1:
        fail("--runs must be at least 1")
    if shutil.which("rg") is None:
        fail("rg is not on PATH")
    tree = os.path.abspath(a.tree)
    if not os.path.isdir(tree):
        fail(f"--tree {tree} is not a directory")
    cmds = commands(tree, a.clerk_lint, a.oxlint)
    names = [n for n, _, _ in cmds]

    manifest = {}
    try:
        with open(os.path.join(tree, ".bench-manifest.json")) as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        pass

    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    log(f"warm-up: one run each of {', '.join(n for n, _, _ in cmds)}")
    for name, argv, ok in cmds:
        run_once(name, argv, ok)
    wall = {n: [] for n, _, _ in cmds}
    cpu = {n: [] for n, _, _ in cmds}
    for i in range(a.runs):
        log(f"timed run {i + 1}/{a.runs}")
        # Rotate the order each round so that no tool always runs right after another.
        k = i % len(cmds)
        for name, argv, ok in cmds[k:] + cmds[:k]:
            w, c = run_once(name, argv, ok)
            wall[name].append(w)
            cpu[name].append(c)
    use_gnu_time = a.rss != "proc" and gnu_time_works()
    if a.rss == "time" and not use_gnu_time:
        fail("--rss time: GNU /usr/bin/time is missing or does not work")
    rss_method = "/usr/bin/time -f %M" if use_gnu_time else "VmHWM polled from /proc"
    peak = peak_rss_time_kib if use_gnu_time else peak_rss_proc_kib
    log(f"peak RSS: one more run each, via {rss_method}")
    rss = {name: peak(name, argv, ok) for name, argv, ok in cmds}
    summary, by_rule = findings(tree, a.clerk_lint)
    rg_files = rg_file_count(tree)

    res = {n: {"median_s": statistics.median(wall[n]), "min_s": min(wall[n]),
               "max_s": max(wall[n]), "cpu_median_s": statistics.median(cpu[n]),
               "max_rss_mib": rss[n] / 1024.0, "wall_s": wall[n]} for n in wall}
    ratio = {n: {"time": res[n]["median_s"] / res["rg"]["median_s"],
                 "memory": res[n]["max_rss_mib"] / res["rg"]["max_rss_mib"]} for n in names}
    n_findings = summary.get("errors", 0) + summary.get("warnings", 0) + summary.get("infos", 0)

    cores = os.cpu_count()
    try:
        load = "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "load average unknown"
    if manifest:
        what = f"synthetic, {manifest.get('routes', '?')} routes (seed {manifest.get('seed', '?')})"
    else:
        what = f"tree {tree}"
    print(f"{' vs '.join(names)}: {what}; {cores} cores, {load} at the end; "
          f"median of {a.runs} interleaved runs after 1 warm-up, warm page cache")
    if manifest:
        print(f"tree: {manifest['files']} files written, {manifest['bytes'] / 2**20:.1f} MiB "
              f"({manifest.get('ignored_junk_files', 0)} of them gitignored junk); "
              f"rg sees {rg_files}, clerk-lint checked {summary.get('files', '?')}")
    else:
        print(f"tree: rg sees {rg_files} files, clerk-lint checked {summary.get('files', '?')}")
    print()
    label = {"rg": "rg (baseline)", "oxlint": f"oxlint ({OXLINT_RULE})"}
    print(f"{'tool':<22}{'median s':>9}{'min s':>8}{'max s':>8}{'cpu s':>8}"
          f"{'RSS MiB':>9}{'time/rg':>9}{'RSS/rg':>8}")
    for n in names:
        r = res[n]
        print(f"{label.get(n, n):<22}{r['median_s']:>9.3f}{r['min_s']:>8.3f}{r['max_s']:>8.3f}"
              f"{r['cpu_median_s']:>8.3f}{r['max_rss_mib']:>9.1f}"
              f"{ratio[n]['time']:>8.2f}x{ratio[n]['memory']:>7.2f}x")
    print()
    print(f"RSS via {rss_method}")
    rules = ", ".join(f"{k} {v}" for k, v in sorted(by_rule.items())) or "none"
    print(f"clerk-lint findings: {n_findings} (errors {summary.get('errors', 0)}, "
          f"warnings {summary.get('warnings', 0)}, infos {summary.get('infos', 0)}; {rules})")
    exp = manifest.get("expected")
    if exp:
        print("generator's counts: " + ", ".join(f"{k} {v}" for k, v in exp.items()))

    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump({"routes": manifest.get("routes"), "seed": manifest.get("seed"),
                       "cores": cores, "runs": a.runs, "rss_method": rss_method,
                       "tree_files": manifest.get("files"), "rg_files": rg_files,
                       "clerk_lint_files": summary.get("files"), "findings": n_findings,
                       "tree": tree, "findings_by_rule": by_rule, "results": res,
                       "ratio_to_rg": ratio}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
