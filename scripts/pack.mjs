#!/usr/bin/env node
// Builds the npm tarball: JavaScript + .d.ts + package.json, generated from deno.json (name,
// version, exports) by `deno pack` (Deno >= 2.8), offline.
// `deno pack` does not carry package.json's "sideEffects" (which modules a bundler must keep even
// when none of their exports is used): it is added to the tarball's package.json afterwards, with
// the .ts names turned into the .js names the tarball has (system `tar`).
// Usage: node scripts/pack.mjs [out-dir] [extra deno pack flags, e.g. --allow-dirty]
// Prints the tarball's path. out-dir defaults to dist/ (created if missing).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

const { sideEffects } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
if (sideEffects !== undefined) {
  const work = mkdtempSync(join(tmpdir(), "pylog-pack-"));
  const tar = (...a) => {
    const t = spawnSync("tar", a, { stdio: ["ignore", "inherit", "inherit"] });
    if (t.status !== 0) {
      console.error(`tar ${a.join(" ")} failed (exit status ${t.status ?? t.error})`);
      process.exit(1);
    }
  };
  tar("-xzf", tarball, "-C", work);
  const manifestPath = join(work, "package", "package.json");
  const pkg = JSON.parse(readFileSync(manifestPath, "utf8"));
  pkg.sideEffects = Array.isArray(sideEffects)
    ? sideEffects.map((f) => f.replace(/\.ts$/, ".js"))
    : sideEffects;
  writeFileSync(manifestPath, JSON.stringify(pkg, null, 2) + "\n");
  tar("-czf", tarball, "-C", work, "package");
  rmSync(work, { recursive: true, force: true });
}
console.log(tarball);
