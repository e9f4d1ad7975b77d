// OTLPHandler inside Cloudflare's workerd (a dev dependency): a worker created at module top level
// (no timer, random value or I/O in global scope), logging per request and handing
// `logging.flush()` to `ctx.waitUntil`, posts OTLP/JSON to a capture server on loopback.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = (name: string): string =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const modPath = fileURLToPath(new URL("../mod.ts", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

const config = (port: number) => `
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
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
      mkdirSync(join(dir, "dist"), { recursive: true });
      const b = spawnSync(bin("bun"), [
        "build",
        join(dir, "worker.js"),
        "--outfile",
        join(dir, "dist", "worker.js"),
      ], { encoding: "utf8", timeout: 30000 });
      assert.equal(b.status, 0, b.stderr);
      const port = await freePort();
      writeFileSync(join(dir, "config.capnp"), config(port));
      const child = spawn(bin("workerd"), ["serve", join(dir, "config.capnp")], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
      const exit = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      try {
        const deadline = Date.now() + 20000;
        let status = 0;
        for (;;) {
          try {
            status = (await fetch(`http://127.0.0.1:${port}/orders`)).status;
            break;
          } catch (err) {
            if (Date.now() > deadline) throw new Error(`workerd did not serve (${err}):\n${out}`);
            await sleep(100);
          }
        }
        assert.equal(status, 200);
        while (bodies.length === 0 && Date.now() < deadline) await sleep(50);
      } finally {
        child.kill("SIGKILL");
        await exit;
      }
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
