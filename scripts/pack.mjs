#!/usr/bin/env node
// Builds the npm tarball: JavaScript + .d.ts + package.json, generated from deno.json (name,
// version, exports) by `deno pack` (Deno >= 2.8), offline.
// Usage: node scripts/pack.mjs [out-dir] [extra deno pack flags, e.g. --allow-dirty]
// Prints the tarball's path. out-dir defaults to dist/ (created if missing).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const outDir = resolve(args[0] !== undefined && !args[0].startsWith("-") ? args.shift() : "dist");
const deno = join(root, "node_modules", ".bin", "deno");
const { name, version } = JSON.parse(readFileSync(join(root, "deno.json"), "utf8"));
const tarball = join(outDir, `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`);

mkdirSync(outDir, { recursive: true });
const r = spawnSync(existsSync(deno) ? deno : "deno", ["pack", "--output", tarball, ...args], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, NO_COLOR: "1" },
});
if (r.status !== 0 || !existsSync(tarball)) {
  console.error(`deno pack failed (exit status ${r.status ?? r.signal})`);
  process.exit(1);
}
console.log(tarball);
