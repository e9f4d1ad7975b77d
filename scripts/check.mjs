#!/usr/bin/env node
// The static checks CI runs besides the tests (and `deno task check`): type check, lint, format,
// documentation lint of every entry point, the README's code blocks, JSR's publish dry run, the
// npm tarball (scripts/pack.mjs), and the import layering (scripts/check_imports.mjs). Under CI
// (the CI environment variable set), the publish dry run and the pack run without --allow-dirty:
// they fail when the tree differs from the commit (e.g. a lock file rewritten by npm install).
// Locally they allow uncommitted changes.
// Each check runs even when an earlier one failed; the exit status is 1 when any failed.
// Runs the deno binary from node_modules (npm install) or, failing that, the one on PATH.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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
const dirty = process.env.CI ? [] : ["--allow-dirty"];
const packDir = mkdtempSync(join(tmpdir(), "pylog-check-pack-"));
const checks = [
  [deno, "check", ...entries, "tests/", "bench/", "examples/"],
  [deno, "lint"],
  [deno, "fmt", "--check"],
  [deno, "doc", "--lint", ...entries],
  [deno, "check", "--doc-only", "README.md"],
  [deno, "publish", "--dry-run", ...dirty],
  [process.execPath, join("scripts", "pack.mjs"), packDir, ...dirty],
];
let failed = 0;
for (const [cmd, ...args] of checks) {
  const shown = `${cmd === deno ? "deno" : "node"} ${args.join(" ")}`;
  console.log(`::: ${shown}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.log(`::: FAILED: ${shown}${r.error ? ` (${r.error.message})` : ""}`);
    failed++;
  }
}
rmSync(packDir, { recursive: true, force: true });

// The layering rule of docs/ARCHITECTURE.md, from the import statements.
console.log("::: node scripts/check_imports.mjs");
const layers = spawnSync(process.execPath, [join(root, "scripts", "check_imports.mjs")], {
  cwd: root,
  stdio: "inherit",
});
if (layers.status !== 0) {
  console.log("::: FAILED: node scripts/check_imports.mjs");
  failed++;
}
if (failed > 0) console.log(`::: ${failed} static check(s) failed (see ::: FAILED above)`);
process.exit(failed > 0 ? 1 : 0);
