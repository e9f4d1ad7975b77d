#!/usr/bin/env node
// Runs the whole suite under Deno and under Bun, then prints one line totalling both runtimes:
// "N passed, N failed". Exits non-zero when any test failed or a runtime could not run.
// Usage: node scripts/test.mjs [deno|bun] [extra test files...]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => {
  const local = join(root, "node_modules", ".bin", name);
  return existsSync(local) ? local : name;
};
const args = process.argv.slice(2);
const only = args[0] === "deno" || args[0] === "bun" ? args.shift() : null;
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

const runs = [];
if (only !== "bun") {
  const junit = join(work, "deno.xml");
  const r = spawnSync(bin("deno"), ["test", "-A", `--junit-path=${junit}`, ...files], {
    cwd: root,
    stdio: "inherit",
  });
  runs.push({ name: "deno", status: r.status, counts: countJunit(junit) });
}
if (only !== "deno") {
  const junit = join(work, "bun.xml");
  const bunFiles = files.map((f) => (f.startsWith("./") || f.startsWith("/") ? f : "./" + f));
  const r = spawnSync(
    bin("bun"),
    ["test", "--timeout", "60000", "--reporter=junit", `--reporter-outfile=${junit}`, ...bunFiles],
    { cwd: root, stdio: "inherit" },
  );
  runs.push({ name: "bun", status: r.status, counts: countJunit(junit) });
}
rmSync(work, { recursive: true, force: true });

let passed = 0;
let failed = 0;
for (const run of runs) {
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
