#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from testdata/ (the corpora are not committed; this rebuilds
them): env and deploy files for env_parser, lockfiles and manifests (behind their selector
byte) for lockfiles, route patterns from the fixtures' middleware for route_patterns, and whole
fixture apps packed as `\\xff<index><content>` records for app. Crash inputs found by a run are
committed under fuzz/regressions/<target>/ and are seeds too."""
import hashlib
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TESTDATA = os.path.join(ROOT, "testdata")
LOCK_NAMES = ["package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock"]
APP_NAMES = [
    "package.json", "middleware.ts", "src/middleware.ts", "app/api/a/route.ts",
    "app/api/[id]/route.ts", "app/actions.ts", "pages/api/b.ts", "src/lib/auth.ts", ".env",
    ".env.local", "tsconfig.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock",
    "vercel.json", ".github/workflows/ci.yml", "docker-compose.yml", "Dockerfile",
    "clerk-lint.toml", "app/page.tsx",
]
MAX = 64 * 1024


def put(target, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data[:MAX])


def files():
    for dirpath, _, names in os.walk(TESTDATA):
        for n in names:
            p = os.path.join(dirpath, n)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            with open(p, "rb") as f:
                yield p, n, f.read()


def main():
    shutil.rmtree(os.path.join(HERE, "corpus"), ignore_errors=True)
    apps = {}
    for path, name, data in files():
        if name.startswith(".env") or name in ("Dockerfile", "vercel.json", "netlify.toml", "turbo.json") \
                or name.endswith((".yml", ".yaml")):
            put("env_parser", data)
        if name in LOCK_NAMES:
            put("lockfiles", bytes([LOCK_NAMES.index(name)]) + data)
        if name == "package.json":
            put("lockfiles", b"\x00" + data)
        if name.startswith("middleware.") or "route-matcher" in path:
            for m in re.findall(rb"['\"](/[^'\"\n]{0,80})['\"]", data):
                put("route_patterns", m + b"\n/api/x\n")
        rel = os.path.relpath(path, TESTDATA)
        case = rel.split(os.sep)[0]
        inner = "/".join(rel.split(os.sep)[1:])
        for i, app_name in enumerate(APP_NAMES):
            if inner == app_name or inner.endswith("/" + app_name) and app_name.count("/") > 0:
                apps.setdefault(case, []).append(bytes([i]) + data)
                break
    for case, records in apps.items():
        put("app", b"\xff".join(records))
    for pat in [b"/sign-in(.*)", b"/((?!_next|.*\\..*).*)", b"/api/(.*)", b"^/admin/.+$\n/admin/x\ni"]:
        put("route_patterns", pat + b"\n/api/x\n")
    reg = os.path.join(HERE, "regressions")
    if os.path.isdir(reg):
        for target in os.listdir(reg):
            for n in os.listdir(os.path.join(reg, target)):
                with open(os.path.join(reg, target, n), "rb") as f:
                    put(target, f.read())
    for t in sorted(os.listdir(os.path.join(HERE, "corpus"))):
        print(t, len(os.listdir(os.path.join(HERE, "corpus", t))), file=sys.stderr)


main()
