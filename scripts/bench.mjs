#!/usr/bin/env node
// Runs the benchmarks (bench/mod.ts) under Deno, then Bun, then Node 24, with the same options.
// Usage: node scripts/bench.mjs [deno|bun|node] [--quick] [--memory] [--no-python]
//        node scripts/bench.mjs size   (bundle sizes beside pino's and LogTape's: bench/size.ts)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => {
  const local = join(root, "node_modules", ".bin", name);
  return existsSync(local) ? local : name;
};
const args = process.argv.slice(2);
if (args[0] === "size") {
  const r = spawnSync(bin("node"), ["bench/size.ts"], { cwd: root, stdio: "inherit" });
  process.exit(r.status ?? 1);
}
const only = ["deno", "bun", "node"].includes(args[0]) ? args.shift() : null;
const runs = {
  deno: [bin("deno"), ["run", "-A", "--v8-flags=--expose-gc", "bench/mod.ts", ...args]],
  bun: [bin("bun"), ["bench/mod.ts", ...args]],
  node: [bin("node"), ["--expose-gc", "bench/mod.ts", ...args]],
};
let failed = false;
for (const [name, [cmd, argv]] of Object.entries(runs)) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}\n`);
  const r = spawnSync(cmd, argv, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`${name}: ${r.error ? r.error.message : `exit ${r.status}`}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
