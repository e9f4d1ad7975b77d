// Exit safety: 100,000 records logged right before the program ends (naturally, by exit(), by an
// uncaught exception, by an unhandled rejection) all arrive, in order, once, whether they go to a
// FileHandler or to the default stderr handler. Each case runs tests/exit/log_many.ts in a child
// process of the runtime under test.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const COUNT = 100_000;
const script = fileURLToPath(new URL("./exit/log_many.ts", import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const execPath = (globalThis as unknown as { process: { execPath: string } }).process.execPath;

function runChild(args: string[], stderrPath: string): number | null {
  const errFd = openSync(stderrPath, "w");
  try {
    const argv = isDeno ? ["run", "-A", script, ...args] : [script, ...args];
    const r = spawnSync(execPath, argv, {
      stdio: ["ignore", "ignore", errFd],
      timeout: 30_000,
      env: {
        ...(globalThis as unknown as { process: { env: Record<string, string> } }).process.env,
        NO_COLOR: "1",
      },
    });
    if (r.error) throw r.error;
    return r.status;
  } finally {
    closeSync(errFd);
  }
}

/** Checks that `text` holds exactly records 0..COUNT-1, in order, once each. */
function assertAllRecords(text: string, prefix: string): void {
  const lines = text.split("\n");
  const pattern = new RegExp(`^${prefix}record (\\d+)$`);
  let next = 0;
  let others = 0;
  for (const line of lines) {
    const m = pattern.exec(line);
    if (m === null) {
      // Anything else (the runtime's report of the crash) must not be a torn record.
      if (line.includes("record ") && !line.includes("boom")) {
        assert.fail(`unexpected line: ${JSON.stringify(line)}`);
      }
      others++;
      continue;
    }
    const n = Number(m[1]);
    if (n !== next) assert.fail(`record ${n} where record ${next} was expected`);
    next++;
  }
  assert.equal(next, COUNT, `${next} records of ${COUNT} arrived`);
  void others;
}

const endings = [
  { ending: "natural", status: 0 },
  { ending: "exit", status: 0 },
  { ending: "throw", status: 1 },
  { ending: "reject", status: 1 },
];

describe("exit safety: every record arrives, in order, once", () => {
  for (const { ending, status } of endings) {
    it(`FileHandler, 100,000 records, ${ending}`, () => {
      const dir = mkdtempSync(join(tmpdir(), "pylog-exit-"));
      try {
        const log = join(dir, "app.log");
        const err = join(dir, "stderr.txt");
        const code = runChild(["file", ending, String(COUNT), log], err);
        assert.equal(code, status, readFileSync(err, "utf8").slice(-2000));
        const text = readFileSync(log, "utf8");
        assert.ok(text.endsWith("\n"));
        assertAllRecords(text, "");
        if (ending === "throw" || ending === "reject") {
          assert.match(readFileSync(err, "utf8"), /boom/);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`default stderr handler, 100,000 records, ${ending}`, () => {
      const dir = mkdtempSync(join(tmpdir(), "pylog-exit-"));
      try {
        const err = join(dir, "stderr.txt");
        const code = runChild(["stderr", ending, String(COUNT)], err);
        const text = readFileSync(err, "utf8");
        assert.equal(code, status, text.slice(-2000));
        assertAllRecords(text, "WARNING:root:");
        if (ending === "throw" || ending === "reject") assert.match(text, /boom/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
