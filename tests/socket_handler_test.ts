// SocketHandler (TCP) and DatagramHandler (UDP) against Python's logging cookbook receiver
// (tests/peers/log_receiver.py, run with python3), makePickle byte for byte against CPython's, and
// the network faults: refused, peer gone mid-stream and back, peer not reading, unknown host.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Formatter } from "../formatters/formatter.ts";
import { getLogger } from "../logger.ts";
import { LogRecord, makeLogRecord } from "../record.ts";
import { DatagramHandler, SocketHandler } from "../handlers/net/socket.ts";
import { hex, type Peer, startPeer, untag, until } from "./peers/_support.ts";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/socket_pickle.json", import.meta.url), "utf8"),
);

const LONG = { timeout: 30000 };

/** A handler that keeps what handleError was given instead of printing it. */
function collecting<T extends SocketHandler>(h: T): T & { errors: unknown[] } {
  const errors: unknown[] = [];
  h.handleError = (_record: LogRecord, error?: unknown) => {
    errors.push(error);
  };
  return Object.assign(h, { errors });
}

function rec(msg: string, args: unknown[] = [], extra: Record<string, unknown> = {}): LogRecord {
  const r = new LogRecord("net.test", 20, "/srv/app.ts", 7, msg, args, null, "main");
  Object.assign(r, extra);
  return r;
}

/** Reserves a free TCP port on 127.0.0.1 (closed again: connections to it are refused). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("SocketHandler.makePickle", () => {
  for (const [i, c] of (fixtures.records as { dict: unknown; hex: string }[]).entries()) {
    it(`matches CPython's makePickle, record ${i}`, () => {
      const dict = Object.fromEntries(untag(c.dict) as Map<string, unknown>);
      for (const k of ["created", "msecs", "relativeCreated"]) {
        dict[k] = (dict[k] as { value: number }).value;
      }
      if (dict.args instanceof Map) dict.args = Object.fromEntries(dict.args);
      else if (dict.args && typeof dict.args === "object" && "items" in dict.args) {
        dict.args = [...(dict.args as { items: unknown[] }).items];
      }
      const r = makeLogRecord(dict);
      const h = new SocketHandler("127.0.0.1", 9);
      assert.equal(hex(h.makePickle(r)), c.hex);
    });
  }

  it("puts the formatted exception in exc_text and drops message, args and exc_info", () => {
    const h = new SocketHandler("127.0.0.1", 9);
    let err: Error;
    try {
      throw new RangeError("boom");
    } catch (e) {
      err = e as Error;
    }
    const r = rec("failed %s", ["x"]);
    r.exc_info = [RangeError, err!, err!.stack ?? null];
    r.message = "stale";
    const bytes = h.makePickle(r);
    assert.equal(new DataView(bytes.buffer).getUint32(0), bytes.length - 4);
    const text = new TextDecoder().decode(bytes);
    assert.match(text, /Traceback \(most recent call last\)/);
    assert.match(text, /RangeError: boom/);
    assert.doesNotMatch(text, /stale/);
  });
});

describe("SocketHandler and DatagramHandler to the cookbook receiver", () => {
  let peer: Peer | null = null;
  afterEach(async () => {
    await peer?.stop();
    peer = null;
  });

  for (const kind of ["tcp", "udp"] as const) {
    it(`${kind}: the receiver rebuilds the records, in order`, LONG, async () => {
      peer = await startPeer("log_receiver.py", [kind]);
      const h = kind === "tcp"
        ? collecting(new SocketHandler("127.0.0.1", peer.port))
        : collecting(new DatagramHandler("127.0.0.1", peer.port));
      let err: Error;
      try {
        JSON.parse("{");
      } catch (e) {
        err = e as Error;
      }
      const records = [
        rec("user %s logged in after %d ms", ["alice", 42]),
        rec("%(who)s failed", [{ who: "job" }]),
        rec("with extras", [], { x_list: [1, "two", null, true], x_float: 2.5 }),
        rec("crashed"),
        rec("é 日本語 😀"),
      ];
      records[3].exc_info = [SyntaxError, err!, err!.stack ?? null];
      for (let i = 0; i < 20; i++) records.push(rec("burst %d", [i]));
      for (const r of records) h.handle(r);
      await h.flush();
      const got = await peer.waitLines(records.length);
      assert.deepEqual(h.errors, []);
      for (const [i, r] of records.entries()) {
        const g = got[i];
        assert.equal(g.name, "net.test");
        assert.equal(g.levelno, 20);
        assert.equal(g.levelname, "INFO");
        assert.equal(g.msg, r.getMessage());
        assert.equal(g.message, r.getMessage());
        assert.equal(g.args, null);
        assert.equal(g.pathname, "/srv/app.ts");
        assert.equal(g.filename, "app.ts");
        assert.equal(g.module, "app");
        assert.equal(g.lineno, 7);
        assert.equal(g.funcName, "main");
        assert.equal(g.created, r.created);
        assert.equal(g.exc_info, null);
        assert.equal(
          (g.formatted as string).split("\n")[0],
          `INFO:net.test:${r.getMessage()}`,
        );
      }
      assert.equal(got[0].message, "user alice logged in after 42 ms");
      assert.equal(got[1].message, "job failed");
      assert.deepEqual(got[2].extra, { x_list: [1, "two", null, true], x_float: 2.5 });
      assert.match(got[3].exc_text as string, /^Traceback \(most recent call last\):\n/);
      assert.match(got[3].exc_text as string, /SyntaxError: /);
      assert.equal(got[4].message, "é 日本語 😀");
      assert.deepEqual(
        got.slice(5).map((g) => g.message),
        Array.from({ length: 20 }, (_, i) => `burst ${i}`),
      );
      // The receiver got exactly our pickles.
      for (const [i, r] of records.entries()) {
        const ours = h.makePickle(r);
        assert.equal(got[i].hex, hex(ours.subarray(4)));
      }
      await h.close();
    });
  }

  it("a logger with a SocketHandler, caller fields included", LONG, async () => {
    peer = await startPeer("log_receiver.py", ["tcp"]);
    const h = collecting(new SocketHandler("127.0.0.1", peer.port));
    h.setFormatter(new Formatter("%(filename)s:%(lineno)d %(message)s"));
    const log = getLogger("net.logger");
    log.propagate = false;
    log.addHandler(h);
    try {
      log.warning("from %s", "a logger");
      const [g] = await peer.waitLines(1);
      assert.equal(g.name, "net.logger");
      assert.equal(g.levelname, "WARNING");
      assert.equal(g.message, "from a logger");
      assert.equal(g.filename, "socket_handler_test.ts");
      assert.equal(g.funcName !== null, true);
      assert.equal(typeof g.lineno, "number");
    } finally {
      log.removeHandler(h);
      log.propagate = true;
      await h.close();
    }
  });
});

describe("SocketHandler back-off and faults", () => {
  let now = 1000;
  const clock = (): number => now;
  beforeEach(() => {
    now = 1000;
  });

  it("refused: Python's back-off (1, 2, 4 ... 30 s), one report per outage", LONG, async () => {
    const port = await freePort();
    const h = collecting(new SocketHandler("127.0.0.1", port, { clock }));
    assert.equal(h.retryStart, 1.0);
    assert.equal(h.retryFactor, 2.0);
    assert.equal(h.retryMax, 30.0);
    h.handle(rec("first"));
    await h.flush();
    assert.equal(h.retryTime, 1001);
    assert.equal(h.retryPeriod, 1);
    assert.equal(h.sock, null);
    h.handle(rec("during back-off: dropped, no new attempt"));
    await h.flush();
    assert.equal(h.retryTime, 1001);
    const periods = [];
    for (let i = 0; i < 7; i++) {
      now = h.retryTime!;
      h.handle(rec("retry"));
      await h.flush();
      periods.push(h.retryPeriod);
      assert.equal(h.retryTime, now + h.retryPeriod);
    }
    assert.deepEqual(periods, [2, 4, 8, 16, 30, 30, 30]);
    assert.equal(h.errors.length, 1);
    assert.equal((h.errors[0] as Error).name, "ConnectionRefusedError");
    assert.equal((h.errors[0] as Error).message, "[Errno 111] Connection refused");
    await h.close();
  });

  it("peer gone mid-stream and back: later records arrive in order", LONG, async () => {
    let peer = await startPeer("log_receiver.py", ["tcp"]);
    const port = peer.port;
    const h = collecting(new SocketHandler("127.0.0.1", port, { clock }));
    try {
      for (let i = 0; i < 3; i++) h.handle(rec("before %d", [i]));
      await peer.waitLines(3);
      await peer.stop();
      // The handler notices the close; the next records attempt a connection, refused.
      await until(() => h.sock === null, 10000, "the handler to notice the peer closed");
      for (let i = 0; i < 5; i++) {
        h.handle(rec("lost %d", [i]));
        await h.flush();
      }
      assert.equal(h.retryTime, now + 1);
      assert.equal(h.errors.length, 1, "one report for the outage");
      peer = await startPeer("log_receiver.py", ["tcp", String(port)]);
      h.handle(rec("still in back-off: dropped"));
      now += 1; // retryTime reached
      for (let i = 0; i < 10; i++) h.handle(rec("after %d", [i]));
      await h.flush();
      const got = await peer.waitLines(10);
      assert.deepEqual(
        got.map((g) => g.message),
        Array.from({ length: 10 }, (_, i) => `after ${i}`),
      );
      assert.equal(h.retryTime, null);
      assert.equal(h.errors.length, 1);
      // A second outage is reported again.
      await peer.stop();
      await until(() => h.sock === null, 10000, "the handler to notice the second close");
      h.handle(rec("lost again"));
      await h.flush();
      assert.equal(h.errors.length, 2);
    } finally {
      await h.close();
      await peer.stop();
    }
  });

  it("a peer that stops reading, maxsize 16: bounded memory, reported", LONG, async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((s) => {
      s.pause(); // never read
      sockets.push(s);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    const opts = { clock, timeout: 0.3, maxsize: 16 };
    const h = collecting(new SocketHandler("127.0.0.1", port, opts));
    try {
      const big = "x".repeat(64 * 1024);
      let maxBuffered = 0;
      for (let i = 0; i < 400; i++) {
        h.handle(rec(big));
        maxBuffered = Math.max(maxBuffered, h.sock?.writableLength ?? 0);
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      assert.ok(maxBuffered <= 16 * 66 * 1024, `buffered ${maxBuffered}`); // 16 records of 64 KiB
      await h.flush();
      await until(() => h.errors.length > 0, 10000, "the stalled peer to be reported");
      // Once per outage; a reconnection that the kernel accepts bytes on starts a new one, so a
      // peer that accepts connections but never reads may be reported again after a reconnect.
      assert.ok(h.errors.length >= 1 && h.errors.length <= 8, `${h.errors.length} reports`);
      for (const e of h.errors) assert.match(String((e as Error).name), /OSError|TimeoutError/);
    } finally {
      await h.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("an unknown host is reported as Python's gaierror, once", LONG, async () => {
    const h = collecting(new SocketHandler("no-such-host.invalid", 9020, { clock, timeout: 5 }));
    h.handle(rec("one"));
    h.handle(rec("two"));
    await h.flush();
    assert.equal(h.errors.length, 1);
    assert.match((h.errors[0] as Error).name, /gaierror|OSError|TimeoutError/);
    assert.equal(h.retryTime, 1001);
    await h.close();
  });

  it("records that cannot be pickled are reported one by one", async () => {
    const h = collecting(new SocketHandler("127.0.0.1", 9, { clock }));
    h.handle(rec("bad", [], { when: new Date(0) }));
    h.handle(rec("bad again", [], { when: new Date(0) }));
    assert.equal(h.errors.length, 2);
    assert.equal((h.errors[0] as Error).message, "cannot pickle 'Date' object");
    await h.close();
  });

  it("DatagramHandler: a send error is reported once, the program keeps running", async () => {
    const h = collecting(new DatagramHandler("no-such-host.invalid", 9021));
    h.handle(rec("one"));
    h.handle(rec("two"));
    await h.flush();
    assert.equal(h.errors.length, 1);
    await h.close();
    const u = collecting(new DatagramHandler("/tmp/no.sock", null));
    u.handle(rec("unix"));
    assert.equal(u.errors.length, 1);
    assert.match(String((u.errors[0] as Error).message), /Unix datagram/);
    await u.close();
  });
});

describe("exit", () => {
  it("an open handler does not keep the process alive", LONG, async () => {
    // A child program in this same runtime logs to a receiver that exists and to one that does not,
    // and then simply ends.
    const port = await freePort();
    // A live receiver (the kernel accepts for it while spawnSync blocks this process).
    const server = createServer((s) => s.resume());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const live = (server.address() as { port: number }).port;
    const here = fileURLToPath(new URL(".", import.meta.url));
    const src = `
      import { getLogger } from "${here}../mod.ts";
      import { DatagramHandler, SocketHandler } from "${here}../handlers/net/socket.ts";
      const log = getLogger("child");
      log.addHandler(new SocketHandler("127.0.0.1", ${port}));
      log.addHandler(new SocketHandler("127.0.0.1", ${live}));
      log.addHandler(new DatagramHandler("127.0.0.1", ${port}));
      log.error("bye");
      setTimeout(() => log.error("later"), 50);
    `;
    const exe = process.execPath;
    const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
    const args = isDeno ? ["eval", "--ext=ts", src] : ["-e", src];
    const r = spawnSync(exe, args, { timeout: 15000, encoding: "utf8" });
    await new Promise<void>((r) => server.close(() => r()));
    assert.equal(r.signal, null, `the child was killed: ${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
  });
});
