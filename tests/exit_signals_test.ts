// exitOnSignals(): opt-in SIGINT/SIGTERM handling that drains every buffer (all records reach the
// file) and exits with the conventional status (128 + signal number: 130, 143), unless the
// application listens for the signal too: then its own shutdown runs and its exit status stands.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const script = fileURLToPath(new URL("./exit/signal_child.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pylog-sig-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(signal: string): { status: number | null; lines: string[] } {
  const path = join(dir, `${signal}.log`);
  const args = isDeno ? ["run", "-A", script, path, signal] : [script, path, signal];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 20000 });
  const text = readFileSync(path, "utf8");
  return { status: r.status, lines: text.split("\n").filter((l) => l !== "") };
}

describe("exitOnSignals", () => {
  for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
    it(`${signal}: every record is written and the exit status is ${code}`, {
      timeout: 30000,
    }, () => {
      const { status, lines } = run(signal);
      assert.equal(status, code);
      assert.equal(lines.length, 5000);
      assert.equal(lines[0], "line 0");
      assert.equal(lines[4999], "line 4999");
    });
  }
});

describe("exitOnSignals with the application's own signal listener", () => {
  const appScript = fileURLToPath(new URL("./exit/signal_app_child.ts", import.meta.url));
  for (const signal of ["SIGTERM", "SIGINT"]) {
    it(`${signal}: the application's shutdown runs and its exit status stands`, {
      timeout: 30000,
    }, () => {
      const path = join(dir, `app-${signal}.log`);
      const args = isDeno ? ["run", "-A", appScript, path, signal] : [appScript, path, signal];
      const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 20000 });
      const lines = readFileSync(path, "utf8").split("\n").filter((l) => l !== "");
      assert.equal(r.status, 0, r.stderr);
      assert.equal(lines.length, 5002);
      assert.equal(lines[4999], "line 4999");
      assert.deepEqual(lines.slice(5000), ["graceful shutdown started", "graceful shutdown done"]);
    });
  }
});
