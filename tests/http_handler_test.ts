// HTTPHandler against a real local HTTP server (node:http, 127.0.0.1): what it sends must be what
// CPython 3.13's HTTPHandler sent for the same records (tests/fixtures/handlers_http.json, from
// scripts/gen_handlers_fixtures.py); requests stay in order; outages (refused, timed out, DNS) are
// reported per record; the queue of waiting records is bounded only on request (maxsize).
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ValueError } from "../py/errors.ts";
import { HTTPHandler } from "../handlers/net/http.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/handlers_http.json", import.meta.url), "utf8"),
);

interface Captured {
  method: string;
  path: string;
  content_type: string | null;
  content_length: string | null;
  authorization: string | null;
  body: string | null;
}

interface Peer {
  server: Server;
  port: number;
  requests: Captured[];
  close(): Promise<void>;
}

type Respond = (req: IncomingMessage, res: ServerResponse) => void;

const ok: Respond = (_req, res) => {
  res.writeHead(200, { "Content-Length": "0" });
  res.end();
};

function startPeer(respond: Respond = ok, port = 0): Promise<Peer> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("latin1");
      const h = req.headers;
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        content_type: (h["content-type"] as string | undefined) ?? null,
        content_length: chunks.length > 0 || req.method === "POST"
          ? (h["content-length"] as string | undefined) ?? null
          : null,
        authorization: (h["authorization"] as string | undefined) ?? null,
        body: req.method === "POST" ? body : null,
      });
      respond(req, res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const p = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: p,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A free port with nothing listening on it. */
async function deadPort(): Promise<number> {
  const p = await startPeer();
  await p.close();
  return p.port;
}

/** Builds the record a fixture entry describes (exc: a real ValueError("boom")). */
function recordFrom(spec: { dict: Record<string, unknown>; exc?: boolean }): LogRecord {
  const d = { ...spec.dict };
  if (spec.exc) {
    const err = new ValueError("boom");
    d.exc_info = [ValueError, err, err.stack ?? null];
  }
  return makeLogRecord(d);
}

function collectErrors(h: HTTPHandler): unknown[] {
  const errors: unknown[] = [];
  h.handleError = (_record: LogRecord, error?: unknown) => {
    errors.push(error);
  };
  return errors;
}

function msgRecord(msg: string): LogRecord {
  return makeLogRecord({ name: "http", msg, levelno: 20, levelname: "INFO" });
}

describe("HTTPHandler sends what CPython 3.13 sends", () => {
  let peer: Peer;
  beforeEach(async () => {
    peer = await startPeer();
  });
  afterEach(async () => {
    await peer.close();
  });

  for (const c of fixture.cases) {
    it(c.name, async () => {
      const h = new HTTPHandler(
        `127.0.0.1:${peer.port}`,
        c.url,
        c.method,
        false,
        c.credentials,
      );
      const errors = collectErrors(h);
      for (const spec of fixture.records) h.handle(recordFrom(spec));
      await h.flush();
      assert.deepEqual(errors, []);
      assert.equal(peer.requests.length, c.requests.length);
      peer.requests.forEach((got, i) => {
        const want = c.requests[i];
        assert.equal(got.method, want.method);
        assert.equal(got.path, want.path, `record ${i}: path`);
        assert.equal(got.authorization, want.authorization);
        if (want.method === "POST") {
          assert.equal(got.content_type, want.content_type);
          assert.equal(got.body as string, want.body, `record ${i}: body`);
          assert.equal(got.content_length, String((got.body as string).length));
        } else {
          assert.equal(got.body, null);
        }
      });
      await h.close();
    });
  }

  it("a 500 response is not an error (Python reads the response and ignores it)", async () => {
    await peer.close();
    peer = await startPeer((_req, res) => {
      res.writeHead(500, { "Content-Length": "4" });
      res.end("oops");
    });
    const h = new HTTPHandler(`127.0.0.1:${peer.port}`, "/log");
    const errors = collectErrors(h);
    h.handle(msgRecord("a"));
    await h.flush();
    assert.deepEqual(errors, []);
    assert.equal(peer.requests.length, 1);
  });

  it("records are sent one at a time, in order, and close() waits for them", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    await peer.close();
    peer = await startPeer((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        ok(_req, res);
      }, 2);
    });
    const h = new HTTPHandler({ host: `127.0.0.1:${peer.port}`, url: "/log", method: "post" });
    for (let i = 0; i < 40; i++) h.handle(msgRecord(`m${i}`));
    await h.close();
    const msgs = peer.requests.map((r) => new URLSearchParams(r.body as string).get("msg"));
    assert.deepEqual(msgs, Array.from({ length: 40 }, (_, i) => `m${i}`));
    assert.equal(maxInFlight, 1);
  });
});

describe("HTTPHandler failures", () => {
  it("a refused connection is reported per record (as CPython); records after recovery arrive in order", async () => {
    const port = await deadPort();
    const h = new HTTPHandler({ host: `127.0.0.1:${port}`, url: "/log", timeout: 5 });
    const errors = collectErrors(h);
    for (let i = 0; i < 5; i++) h.handle(msgRecord(`lost${i}`));
    await h.flush();
    assert.equal(errors.length, 5);
    const peer = await startPeer(ok, port);
    try {
      for (let i = 0; i < 5; i++) h.handle(msgRecord(`back${i}`));
      await h.flush();
      assert.equal(errors.length, 5);
      const msgs = peer.requests.map((r) => new URL(r.path, "http://x").searchParams.get("msg"));
      assert.deepEqual(msgs, ["back0", "back1", "back2", "back3", "back4"]);
    } finally {
      await peer.close();
    }
    // A second outage: each record reported again.
    h.handle(msgRecord("lost again"));
    h.handle(msgRecord("lost again 2"));
    await h.flush();
    assert.equal(errors.length, 7);
  });

  it("a peer that never answers times out; the records queued behind fail too, each reported", async () => {
    const hung: ServerResponse[] = [];
    const peer = await startPeer((_req, res) => {
      hung.push(res);
    });
    try {
      const h = new HTTPHandler({ host: `127.0.0.1:${peer.port}`, url: "/log", timeout: 0.2 });
      const errors = collectErrors(h);
      for (let i = 0; i < 3; i++) h.handle(msgRecord(`slow${i}`));
      await h.flush();
      assert.equal(errors.length, 3);
      for (const e of errors) assert.equal((e as Error).name, "TimeoutError");
      assert.equal(peer.requests.length, 1); // not one timeout per queued record
      h.handle(msgRecord("later")); // tried afresh
      await h.flush();
      assert.equal(peer.requests.length, 2);
    } finally {
      for (const res of hung) res.destroy();
      await peer.close();
    }
  });

  it("a host that does not resolve is reported per record", async () => {
    const h = new HTTPHandler({ host: "no-such-host.invalid", url: "/log", timeout: 5 });
    const errors = collectErrors(h);
    h.handle(msgRecord("a"));
    h.handle(msgRecord("b"));
    await h.flush();
    assert.equal(errors.length, 2);
  });

  it("at most maxPending records wait; past that they are dropped and reported once", async () => {
    const peer = await startPeer((req, res) => setTimeout(() => ok(req, res), 20));
    try {
      const h = new HTTPHandler({ host: `127.0.0.1:${peer.port}`, url: "/log", maxPending: 5 });
      const errors = collectErrors(h);
      for (let i = 0; i < 30; i++) h.handle(msgRecord(`r${i}`));
      assert.equal(h.pending, 5);
      assert.equal(errors.length, 1);
      assert.ok(errors[0] instanceof RangeError);
      await h.flush();
      const msgs = peer.requests.map((r) => new URL(r.path, "http://x").searchParams.get("msg"));
      assert.deepEqual(msgs, ["r0", "r1", "r2", "r3", "r4", "r5"]);
      // Once drained, records are accepted again.
      h.handle(msgRecord("later"));
      await h.flush();
      assert.equal(peer.requests.at(-1)?.path.includes("msg=later"), true);
      assert.equal(errors.length, 1);
    } finally {
      await peer.close();
    }
  });

  it("a record that cannot be encoded is reported at once, as Python's UnicodeEncodeError", () => {
    const h = new HTTPHandler("127.0.0.1:9", "/log");
    const errors = collectErrors(h);
    h.handle(msgRecord("bad \ud800"));
    assert.equal(errors.length, 1);
    assert.equal((errors[0] as Error).name, "UnicodeEncodeError");
    assert.equal(
      (errors[0] as Error).message,
      "'utf-8' codec can't encode character '\\ud800' in position 4: surrogates not allowed",
    );
    assert.equal(h.pending, 0);
  });
});

describe("HTTPHandler construction", () => {
  it("secure uses https, context options reach fetch", async () => {
    const seen: [string, RequestInit][] = [];
    class Capture extends HTTPHandler {
      override request(url: string, init: RequestInit): Promise<Response> {
        seen.push([url, init]);
        return Promise.resolve(new Response(""));
      }
    }
    const h = new Capture("logs.example:8443", "/in", "GET", true, ["u", "p"], { keepalive: true });
    h.handle(msgRecord("x"));
    await h.flush();
    assert.equal(seen.length, 1);
    assert.ok(seen[0][0].startsWith("https://logs.example:8443/in?name=http&msg=x&"));
    assert.equal(seen[0][1].keepalive, true);
    assert.equal(
      (seen[0][1].headers as Record<string, string>).Authorization,
      "Basic " + btoa("u:p"),
    );
  });

  it("Python's ValueErrors for a bad method and a context without secure", () => {
    assert.throws(() => new HTTPHandler("h", "/", "PUT"), {
      name: "ValueError",
      message: "method must be GET or POST",
    });
    assert.throws(() => new HTTPHandler("h", "/", "GET", false, null, {}), {
      name: "ValueError",
      message: "context parameter only makes sense with secure=True",
    });
    assert.equal(new HTTPHandler("h", "/", "post").method, "POST");
  });
});
