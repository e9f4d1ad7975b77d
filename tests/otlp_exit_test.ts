// OTLPHandler when the program ends before the batch timer fires: Python's atexit exports what is
// queued synchronously, and so must a program here that calls process.exit()/Deno.exit() or dies
// of an uncaught exception without `await logging.shutdown()` (handlers/otlp_export.ts
// exportSync: a helper process of the same runtime sends the batches while the program waits).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./exit/otlp_child.ts", import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const execPath = (globalThis as unknown as { process: { execPath: string } }).process.execPath;

interface Received {
  bodies: string[];
  authorization: (string | undefined)[];
}

/** A collector answering each request with the next status of `statuses` (then 200). */
async function collector(statuses: number[] = [], retryAfter = "0"): Promise<
  { url: string; received: Received; close(): Promise<void> }
> {
  const received: Received = { bodies: [], authorization: [] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) {
        received.bodies.push(body);
        received.authorization.push(req.headers.authorization);
      }
      res.writeHead(status, status === 200 ? {} : { "retry-after": retryAfter });
      res.end("{}");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1/logs`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function runChild(
  args: string[],
  flags: string[] = isDeno ? ["-A"] : [],
): Promise<{ status: number | null; stderr: string }> {
  const argv = isDeno ? ["run", ...flags, script, ...args] : [...flags, script, ...args];
  return new Promise((done, fail) => {
    const child = spawn(execPath, argv, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", fail);
    child.on("close", (status: number | null) => {
      clearTimeout(timer);
      done({ status, stderr });
    });
  });
}

/** The `record N` bodies the collector received, in order. */
function messages(bodies: string[]): string[] {
  const out: string[] = [];
  for (const b of bodies) {
    for (const rl of JSON.parse(b).resourceLogs) {
      for (const sl of rl.scopeLogs) {
        for (const r of sl.logRecords) out.push(r.body.stringValue);
      }
    }
  }
  return out;
}

const expected = (n: number): string[] => Array.from({ length: n }, (_, i) => `record ${i}`);

describe("OTLPHandler at exit (nothing queued is lost)", () => {
  it("process.exit() right after logging: every record reaches the collector, in order", async () => {
    const c = await collector();
    try {
      const r = await runChild([c.url, "exit", "5"]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(messages(c.received.bodies), expected(5));
      assert.deepEqual(c.received.authorization, ["Bearer s3cret-token"]);
      assert.ok(!r.stderr.includes("s3cret"), "the header's value is never printed");
    } finally {
      await c.close();
    }
  });

  it("more than one batch (512 each): all sent, in order", async () => {
    const c = await collector();
    try {
      const r = await runChild([c.url, "exit", "1100"]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(c.received.bodies.length, 3);
      assert.deepEqual(messages(c.received.bodies), expected(1100));
    } finally {
      await c.close();
    }
  });

  it("an uncaught exception: the records still arrive", async () => {
    const c = await collector();
    try {
      const r = await runChild([c.url, "throw", "3"]);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /boom/);
      assert.deepEqual(messages(c.received.bodies), expected(3));
    } finally {
      await c.close();
    }
  });

  it("a 503 answer is retried as Python retries it, and reported as Python reports it", async () => {
    const c = await collector([503]);
    try {
      const r = await runChild([c.url, "exit", "2"]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(messages(c.received.bodies), expected(2));
      assert.match(
        r.stderr,
        /Transient error Service Unavailable encountered while exporting logs batch, retrying in 0\.00s\./,
      );
    } finally {
      await c.close();
    }
  });

  it("a batch waiting for its retry at exit is sent by the helper, not lost", async () => {
    const c = await collector([503], "3");
    try {
      const r = await runChild([c.url, "late-exit", "1"]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /Transient error Service Unavailable .* retrying in 3\.00s\./);
      assert.deepEqual(messages(c.received.bodies), expected(2));
    } finally {
      await c.close();
    }
  });

  // A runtime that refuses to start the helper: Deno without --allow-run, Node under its
  // permission model (Bun has no permission model, so the case does not exist there).
  const refused = isDeno
    ? ["--allow-net", "--allow-read", "--allow-env"]
    : typeof (globalThis as { Bun?: unknown }).Bun === "undefined"
    ? ["--permission", "--allow-fs-read=*"]
    : null;
  if (refused !== null) {
    it("a runtime that refuses to start the helper: the loss is reported, never silent", async () => {
      const c = await collector();
      try {
        const r = await runChild([c.url, "exit", "2"], refused);
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(c.received.bodies, []);
        assert.match(
          r.stderr,
          /Exception while exporting Log at exit: 2 record\(s\) not sent: the helper process (could not start|ended with)/,
        );
      } finally {
        await c.close();
      }
    });
  }

  it("a custom fetch cannot run in the helper: the loss is reported, never silent", async () => {
    const c = await collector();
    try {
      const r = await runChild([c.url, "exit", "2", "custom-fetch"]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(c.received.bodies, []);
      assert.match(
        r.stderr,
        /Exception while exporting Log at exit: 2 record\(s\) not sent: a `fetch` option cannot run/,
      );
    } finally {
      await c.close();
    }
  });
});
