// Request context under Cloudflare's workerd (from devDependencies): tests/edge/context_worker.ts
// bundled with `bun build`, served with the nodejs_compat flag (AsyncLocalStorage reached through
// process.getBuiltinModule) and with nodejs_als only (the worker hands the library its
// AsyncLocalStorage through globalThis). workerd's enterWith throws "not implemented": each request
// runs in copyContext().run, as docs/DIVERGENCES.md tells Workers users to do. 100 interleaved requests inside one fetch and 20 concurrent fetches: every
// line must carry its own request's id.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker, startWorkerd } from "./_workerd_support.ts";

const SLOW = { timeout: 90000 };

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
  const w = await startWorkerd(dir, config(flags));
  try {
    const first = await w.fetchWhenUp("/interleaved", Date.now() + 30000);
    assert.equal(await first.text(), "ok", w.stdout + w.stderr);
    const bodies = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) => fetch(`${w.base}/req?id=f${i}&n=${i}&wrap=${wrap ? 1 : 0}`).then((r) => r.text()),
      ),
    );
    assert.deepEqual(bodies, Array(20).fill("ok"), w.stdout + w.stderr);
    const r = await fetch(`${w.base}/lines`);
    return await r.json() as Result;
  } finally {
    await w.stop();
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
  let built = false;
  const build = (): void => {
    if (built) return;
    bundleWorker(fileURLToPath(new URL("./edge/context_worker.ts", import.meta.url)), dir, [
      "--target",
      "node", // keeps the worker's `node:async_hooks` import (the browser target stubs it)
    ]);
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
