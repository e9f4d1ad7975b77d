// OTLPHandler inside Cloudflare's workerd (a dev dependency): a worker created at module top level
// (no timer, random value or I/O in global scope), logging per request and handing
// `logging.flush()` to `ctx.waitUntil`, posts OTLP/JSON to a capture server on loopback.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker, sleep, startWorkerd } from "./_workerd_support.ts";

const modPath = fileURLToPath(new URL("../mod.ts", import.meta.url));

const worker = (endpoint: string) => `
import * as logging from ${JSON.stringify(modPath)};
// addHandler, not basicConfig: basicConfig gives its handlers a formatter, which (as in Python)
// makes the body the formatted line.
logging.getLogger().addHandler(
  new logging.OTLPHandler({ endpoint: ${
  JSON.stringify(endpoint)
}, resource: { "service.name": "edge" } }),
);
logging.getLogger().setLevel(logging.INFO);
const log = logging.getLogger("worker");
export default {
  fetch(request, _env, ctx) {
    log.info("hello from %s", new URL(request.url).pathname, { extra: { ray: "r1" } });
    ctx.waitUntil(logging.flush());
    return new Response("ok");
  },
};
`;

const config = `
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
);
`;

describe("OTLPHandler under workerd", () => {
  const dir = mkdtempSync(join(tmpdir(), "pylog-otlp-workerd-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("posts the request's record as OTLP/JSON after ctx.waitUntil(logging.flush())", {
    timeout: 60000,
  }, async () => {
    const bodies: unknown[] = [];
    const collector = createHttpServer((req, res) => {
      let data = "";
      req.setEncoding("utf8").on("data", (c: string) => (data += c)).on("end", () => {
        bodies.push(JSON.parse(data));
        res.end();
      });
    });
    await new Promise<void>((r) => collector.listen(0, "127.0.0.1", r));
    const cport = (collector.address() as { port: number }).port;
    try {
      writeFileSync(join(dir, "worker.js"), worker(`http://127.0.0.1:${cport}/v1/logs`));
      bundleWorker(join(dir, "worker.js"), dir);
      const w = await startWorkerd(dir, config);
      const deadline = Date.now() + 20000;
      try {
        const status = (await w.fetchWhenUp("/orders", deadline)).status;
        assert.equal(status, 200, w.stdout + w.stderr);
        while (bodies.length === 0 && Date.now() < deadline) await sleep(50);
      } finally {
        await w.stop();
      }
      const out = w.stdout + w.stderr;
      assert.doesNotMatch(out, /Uncaught|Disallowed/, out);
      assert.equal(bodies.length, 1, out);
      // deno-lint-ignore no-explicit-any
      const rl = (bodies[0] as any).resourceLogs[0];
      const resource = Object.fromEntries(
        // deno-lint-ignore no-explicit-any
        rl.resource.attributes.map((a: any) => [a.key, a.value.stringValue]),
      );
      assert.equal(resource["service.name"], "edge");
      assert.equal(resource["telemetry.sdk.language"], "webjs");
      const record = rl.scopeLogs[0].logRecords[0];
      assert.equal(rl.scopeLogs[0].scope.name, "worker");
      assert.deepEqual(record.body, { stringValue: "hello from /orders" });
      assert.equal(record.severityText, "INFO");
      assert.deepEqual(record.attributes[0], { key: "ray", value: { stringValue: "r1" } });
    } finally {
      collector.closeAllConnections?.();
      await new Promise<void>((r) => collector.close(() => r()));
    }
  });
});
