// Request context under Cloudflare's workerd (from devDependencies): tests/edge/context_worker.ts
// bundled with `bun build`, served with the nodejs_compat flag (AsyncLocalStorage reached through
// process.getBuiltinModule) and with nodejs_als only (the worker hands the library its
// AsyncLocalStorage through globalThis). workerd's enterWith throws "not implemented": each request
// runs in copyContext().run, as docs/DIVERGENCES.md tells Workers users to do. 100 interleaved requests inside one fetch and 20 concurrent fetches: every
// line must carry its own request's id.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = (name: string): string =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const SLOW = { timeout: 90000 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function config(flags: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = [${flags}],
);
`;
}

interface Result {
  lines: string[];
  process: string;
}

async function serve(dir: string, flags: string, wrap: boolean): Promise<Result> {
  writeFileSync(join(dir, "config.capnp"), config(flags));
  const port = await freePort();
  const child = spawn(bin("workerd"), [
    "serve",
    join(dir, "config.capnp"),
    "--socket-addr",
    `http=127.0.0.1:${port}`,
  ], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
  const exit = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30000;
    for (;;) {
      try {
        const r = await fetch(`${base}/interleaved`);
        assert.equal(await r.text(), "ok", output);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`workerd did not serve (${err}):\n${output}`);
        await sleep(100);
      }
    }
    const bodies = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) => fetch(`${base}/req?id=f${i}&n=${i}&wrap=${wrap ? 1 : 0}`).then((r) => r.text()),
      ),
    );
    assert.deepEqual(bodies, Array(20).fill("ok"), output);
    const r = await fetch(`${base}/lines`);
    return await r.json() as Result;
  } finally {
    child.kill("SIGKILL");
    await exit;
  }
}

function check(result: Result): void {
  // 100 interleaved + 20 fetched requests, 6 lines each
  assert.equal(result.lines.length, 120 * 6, result.lines.join("\n"));
  for (const line of result.lines) {
    const m = /^\[(\S+)\] .* (\S+)$/.exec(line);
    assert.ok(m, line);
    assert.equal(m[1], m[2], line);
  }
}

describe("request context under workerd", () => {
  const dir = mkdtempSync(join(tmpdir(), "pylog-context-workerd-"));
  mkdirSync(join(dir, "dist"));
  let built = false;
  const build = (): void => {
    if (built) return;
    const r = spawnSync(bin("bun"), [
      "build",
      fileURLToPath(new URL("./edge/context_worker.ts", import.meta.url)),
      "--outfile",
      join(dir, "dist", "worker.js"),
      "--target",
      "node", // keeps the worker's `node:async_hooks` import (the browser target stubs it)
    ], { encoding: "utf8", timeout: 30000 });
    assert.equal(r.status, 0, r.stderr);
    built = true;
  };

  it("nodejs_compat: requests in copyContext().run() never see each other's", SLOW, async () => {
    build();
    const result = await serve(dir, '"nodejs_compat"', true);
    assert.equal(result.process, "function");
    check(result);
  });

  it("nodejs_als only: requests in copyContext().run() never see each other's", SLOW, async () => {
    build();
    const result = await serve(dir, '"nodejs_als"', true);
    assert.equal(result.process, "undefined");
    check(result);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));
});
