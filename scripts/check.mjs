#!/usr/bin/env node
// The static checks CI runs before the tests (and `deno task check`): type check, lint, format,
// documentation lint of every entry point, the README's code blocks, and JSR's publish dry run.
// Each check runs even when an earlier one failed; the exit status is 1 when any failed.
// Runs the deno binary from node_modules (npm install) or, failing that, the one on PATH.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const local = join(root, "node_modules", ".bin", "deno");
const deno = existsSync(local) ? local : "deno";
const entries = [
  "mod.ts",
  "handlers/mod.ts",
  "formatters/mod.ts",
  "config/mod.ts",
  "context/mod.ts",
  "testing/mod.ts",
  "redaction/mod.ts",
];
const checks = [
  ["check", ...entries, "tests/", "bench/", "examples/"],
  ["lint"],
  ["fmt", "--check"],
  ["doc", "--lint", ...entries],
  ["check", "--doc-only", "README.md"],
  ["publish", "--dry-run", "--allow-dirty"],
];
let failed = 0;
for (const args of checks) {
  console.log(`::: deno ${args.join(" ")}`);
  const r = spawnSync(deno, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.log(`::: FAILED: deno ${args.join(" ")}${r.error ? ` (${r.error.message})` : ""}`);
    failed++;
  }
}
if (failed > 0) console.log(`::: ${failed} static check(s) failed (see ::: FAILED above)`);
process.exit(failed > 0 ? 1 : 0);
