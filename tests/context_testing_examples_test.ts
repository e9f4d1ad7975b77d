// The two examples of the README's "Context" and "Testing your logging" sections, run by the suite:
// examples/context.ts under Deno, Bun and Node prints the lines examples/context.py printed under
// CPython 3.13 with structlog 26 (tests/fixtures/context.json, scripts/gen_context_fixtures.py), in
// any order (timers decide the interleaving); examples/testing.ts passes under each runtime's test
// runner.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string): string =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const SLOW = { timeout: 60000 };
const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/context.json", import.meta.url), "utf8"),
);

const RUN: Record<string, string[]> = {
  deno: [bin("deno"), "run", "-A"],
  bun: [bin("bun")],
  node: [bin("node")],
};
const TEST: Record<string, string[]> = {
  deno: [bin("deno"), "test", "-A"],
  bun: [bin("bun"), "test"],
  node: [bin("node"), "--test"],
};

describe("examples/context.ts", () => {
  for (const [runtime, [cmd, ...args]] of Object.entries(RUN)) {
    it(`prints what examples/context.py prints, under ${runtime}`, SLOW, () => {
      const r = spawnSync(cmd, [...args, "examples/context.ts"], {
        cwd: root,
        encoding: "utf8",
        timeout: 30000,
      });
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.replace(/\n$/, "").split("\n");
      assert.deepEqual([...lines].sort(), [...fixtures.example as string[]].sort());
      // within each request, its own order
      for (const id of ["r-1", "r-2", "r-3"]) {
        const mine = (s: string[]) => s.filter((l) => l.includes(`[${id} `));
        assert.deepEqual(mine(lines), mine(fixtures.example));
      }
    });
  }
});

describe("examples/testing.ts", () => {
  for (const [runtime, [cmd, ...args]] of Object.entries(TEST)) {
    it(`passes under ${runtime}'s test runner`, SLOW, () => {
      const file = runtime === "bun" ? "./examples/testing.ts" : "examples/testing.ts";
      // a child `node --test` started from a test would skip its files (NODE_TEST_CONTEXT)
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const r = spawnSync(cmd, [...args, file], {
        cwd: root,
        encoding: "utf8",
        timeout: 30000,
        env,
      });
      const out = r.stdout + r.stderr;
      assert.equal(r.status, 0, out);
      assert.match(out, /(?:pass 3|3 passed|3 pass)\b/, out);
    });
  }
});
