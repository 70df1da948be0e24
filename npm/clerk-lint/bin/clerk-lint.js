#!/usr/bin/env node
// The `clerk-lint` command of the npm package: finds the native binary that npm installed from
// the platform package matching this machine (one of the optionalDependencies) and runs it with
// the same arguments, stdio and exit status. Plain Node, no dependencies.
//
// CLERK_LINT_BINARY=/path/to/clerk-lint runs that binary instead (a local build, say).
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

// `${process.platform}-${process.arch}` (plus the C library on Linux) → the platform packages
// that can run there, best first. A static musl binary also runs on glibc Linux.
const PACKAGES = {
  "darwin-arm64": ["@clerk-lint/darwin-arm64"],
  "darwin-x64": ["@clerk-lint/darwin-x64"],
  "linux-arm64-gnu": ["@clerk-lint/linux-arm64-gnu", "@clerk-lint/linux-arm64-musl"],
  "linux-arm64-musl": ["@clerk-lint/linux-arm64-musl"],
  "linux-x64-gnu": ["@clerk-lint/linux-x64-gnu", "@clerk-lint/linux-x64-musl"],
  "linux-x64-musl": ["@clerk-lint/linux-x64-musl"],
  "win32-x64": ["@clerk-lint/win32-x64"],
};

/** `musl` or `gnu`: Node built against glibc reports the glibc version it runs with. */
function libc() {
  try {
    const report = process.report && process.report.getReport();
    const header = report && (typeof report === "string" ? JSON.parse(report) : report).header;
    if (header && header.glibcVersionRuntime) return "gnu";
  } catch (_) {
    // fall through to the loader check
  }
  try {
    if (fs.readdirSync("/lib").some((f) => f.startsWith("ld-musl-"))) return "musl";
  } catch (_) {
    // no /lib
  }
  return "gnu";
}

function platformKey() {
  const base = `${process.platform}-${process.arch}`;
  return process.platform === "linux" ? `${base}-${libc()}` : base;
}

function fail(message) {
  process.stderr.write(`clerk-lint: error: ${message}\n`);
  process.exit(2);
}

function findBinary() {
  const override = process.env.CLERK_LINT_BINARY;
  if (override) {
    if (!fs.existsSync(override)) fail(`CLERK_LINT_BINARY is set to \`${override}\`, which does not exist`);
    return override;
  }
  const key = platformKey();
  const candidates = PACKAGES[key];
  const exe = process.platform === "win32" ? "clerk-lint.exe" : "clerk-lint";
  if (!candidates) {
    fail(
      `no prebuilt clerk-lint binary for this platform (${key}). ` +
        `Prebuilt binaries exist for: ${Object.keys(PACKAGES).join(", ")}. ` +
        "On other platforms, build it with Rust: " +
        "`cargo install --locked --git https://github.com/clerk-lint/clerk-lint`."
    );
  }
  for (const pkg of candidates) {
    let dir;
    try {
      dir = path.dirname(require.resolve(`${pkg}/package.json`));
    } catch (_) {
      continue;
    }
    const bin = path.join(dir, exe);
    if (fs.existsSync(bin)) return bin;
  }
  fail(
    `the clerk-lint binary for this platform (${key}) is not installed: the package ` +
      `\`${candidates[0]}\` is missing. npm installs it as an optional dependency of clerk-lint; ` +
      "it is skipped by `--omit=optional` / `--no-optional`, and by a lockfile written on another " +
      "platform with an old npm. Reinstall clerk-lint without those " +
      `(or \`npm install ${candidates[0]}\`).`
  );
}

const result = spawnSync(findBinary(), process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) fail(`cannot run clerk-lint: ${result.error.message}`);
if (result.signal) {
  process.kill(process.pid, result.signal);
} else {
  process.exit(result.status === null ? 2 : result.status);
}
