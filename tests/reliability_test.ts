// Reliability under faults and hostile input (issue 20): hostile arguments never leave a log call,
// an emit that throws is reported and the next handler still gets the record, a handler that logs
// to its own logger does not recurse (3.14's rule), a slow stream loses nothing in a burst, and a
// failing sink (closed stdout pipe, /dev/full, a format error) is reported once per record as
// CPython 3.13 reports it (tests/fixtures/reliability.json, from scripts/gen_reliability_fixtures.py).
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Formatter } from "../formatters/formatter.ts";
import { Handler } from "../handlers/handler.ts";
import { FileHandler } from "../handlers/stream/file.ts";
import { StreamHandler } from "../handlers/stream/stream.ts";
import { getLogger } from "../logger.ts";
import type { LogRecord } from "../record.ts";
import { captureFd, saveLoggingState } from "./_cpython_support.ts";

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/reliability.json", import.meta.url), "utf8"),
);
const cases = fixture.cases;

/** Bun's default per-test timeout is 5 s; the bursts and child processes take longer there. */
const LONG = { timeout: 120_000 };

const saved = saveLoggingState();
after(() => saved.restore());

/** Collects what it emits and what it reports. */
class Collect extends Handler {
  out: string[] = [];
  errors: { record: LogRecord; error: unknown }[] = [];
  override emit(record: LogRecord): void {
    this.out.push(this.format(record));
  }
  override handleError(record: LogRecord, error?: unknown): void {
    this.errors.push({ record, error });
  }
}

let loggerCount = 0;
function freshLogger(...handlers: Handler[]) {
  const log = getLogger(`reliability.${++loggerCount}`);
  log.propagate = false;
  log.setLevel("DEBUG");
  for (const h of handlers) log.addHandler(h);
  return log;
}

// A Proxy every one of whose traps throws.
const hostile = new Proxy(
  {},
  new Proxy({}, {
    get() {
      return () => {
        throw new Error("trap");
      };
    },
  }),
);

describe("hostile input never escapes a log call: written or reported", () => {
  const inputs: [string, unknown, unknown[]][] = [
    ["a Proxy argument", "x %s", [hostile]],
    ["a Proxy as the only argument", "x", [hostile]],
    ["a Proxy message", hostile, []],
    ["a Proxy message with arguments", hostile, [1]],
    ["toString that throws", "x %s", [{
      toString() {
        throw new Error("ts");
      },
    }]],
    ["Symbol.toPrimitive that throws", "x %s", [{
      [Symbol.toPrimitive]() {
        throw new Error("tp");
      },
    }]],
    ["a getter that throws", "x %(a)s", [{
      get a() {
        throw new Error("getter");
      },
    }]],
    ["symbols", "x %s %r", [Symbol("s"), Symbol("t")]],
    ["a symbol message", Symbol("m"), []],
    ["bigints", "x %d %s %r", [10n, 20n, 30n]],
    ["cycles", "x %s %r", [
      (() => {
        const a: unknown[] = [1];
        a.push(a);
        return a;
      })(),
      (() => {
        const o: Record<string, unknown> = {};
        o.o = o;
        return o;
      })(),
    ]],
    ["too few arguments", "x %s %s", [1]],
    ["too many arguments", "x %s", [1, 2]],
    ["an unknown conversion", "x %q", [1]],
    ["a malformed mapping key", "x %(a", [{ a: 1 }]],
    ["keyword object whose getter throws", "x", [{
      get exc_info() {
        throw new Error("kw");
      },
    }]],
    ["extra that is a hostile Proxy", "x", [{ extra: hostile }]],
    ["exc_info that is a hostile Proxy", "x", [{ exc_info: hostile }]],
    ["a null-prototype object", "x %s", [Object.create(null)]],
  ];
  for (const [name, msg, args] of inputs) {
    it(name, () => {
      const h = new Collect();
      const log = freshLogger(h);
      const stderr = captureFd(2); // a hostile keyword object is reported there, not to `h`
      try {
        assert.doesNotThrow(() => log.info(msg, ...args));
        for (const m of ["debug", "warning", "error", "critical", "exception"] as const) {
          assert.doesNotThrow(() => log[m](msg, ...args));
        }
      } finally {
        stderr.restore();
      }
      assert.equal(h.out.length + h.errors.length, 6, "each record written or reported");
      if (name.includes("hostile Proxy")) {
        assert.equal(stderr.getvalue().split("--- Logging error ---\n").length - 1, 6);
        assert.match(stderr.getvalue(), /^Error: trap$/m);
      }
    });
  }

  it("reports CPython's error for too few / too many arguments and an unknown conversion", () => {
    const h = new Collect();
    const log = freshLogger(h);
    log.warning("x %s %s", 1);
    log.warning("x %s", 1, 2);
    log.warning("x %q", 1);
    const expected = [...cases.format_error.lines, ...cases.format_errors_more.lines]
      .filter((l: string) => /^[A-Za-z]+Error: /.test(l));
    assert.deepEqual(
      h.errors.map(({ error }) => `${(error as Error).name}: ${(error as Error).message}`),
      expected,
    );
  });

  it("a 50 MB message is written whole", LONG, () => {
    const h = new Collect();
    h.setFormatter(new Formatter("%(message)s"));
    const log = freshLogger(h);
    const big = "y".repeat(50 * 1024 * 1024);
    log.info(big);
    log.info("%s", big);
    assert.equal(h.errors.length, 0);
    assert.equal(h.out.length, 2);
    assert.equal(h.out[0].length, big.length);
    assert.equal(h.out[1].length, big.length);
  });
});

describe("an emit that throws is reported and the next handler still gets the record", () => {
  it("CPython 3.13 lets it escape and skips the next handler; here neither happens", () => {
    assert.equal(cases.emit_raises.stdout, "escaped: emit failed\nsecond handler got 0\n");
    class Boom extends Handler {
      reported: unknown[] = [];
      override emit(): void {
        throw new Error("emit failed");
      }
      override handleError(_record: LogRecord, error?: unknown): void {
        this.reported.push(error);
      }
    }
    const boom = new Boom();
    const next = new Collect();
    const log = freshLogger(boom, next);
    assert.doesNotThrow(() => log.warning("hello"));
    assert.deepEqual(next.out, ["hello"]);
    assert.equal(boom.reported.length, 1);
    assert.equal((boom.reported[0] as Error).message, "emit failed");
  });

  it("a handleError that throws is the handler's chosen policy: it escapes, as in CPython", () => {
    class Worse extends Handler {
      override emit(): void {
        throw new Error("emit failed");
      }
      override handleError(): void {
        throw new Error("handleError failed");
      }
    }
    const next = new Collect();
    const log = freshLogger(new Worse(), next);
    assert.throws(() => log.warning("hello"), /handleError failed/);
    assert.deepEqual(next.out, []);
  });
});

describe("a handler that logs to its own logger does not recurse (Python 3.14's rule)", () => {
  it("the inner record is dropped; CPython 3.13 raises RecursionError", () => {
    assert.equal(cases.recursive_emit.stdout, "RecursionError\n");
    const seen: string[] = [];
    const box: { log?: ReturnType<typeof freshLogger> } = {};
    class Echo extends Handler {
      override emit(record: LogRecord): void {
        seen.push(record.getMessage());
        box.log!.warning("echo of %s", record.getMessage());
      }
    }
    const log = box.log = freshLogger(new Echo());
    assert.doesNotThrow(() => log.warning("hi"));
    assert.deepEqual(seen, ["hi"]);
    assert.equal(log.isEnabledFor(30), true, "enabled again once the handlers have returned");
    log.warning("again");
    assert.deepEqual(seen, ["hi", "again"]);
  });

  it("a record logged to another logger from a handler is still handled", () => {
    const other = new Collect();
    const otherLog = freshLogger(other);
    class Forward extends Handler {
      override emit(record: LogRecord): void {
        otherLog.warning("forwarded %s", record.getMessage());
      }
    }
    const log = freshLogger(new Forward());
    log.warning("hi");
    assert.deepEqual(other.out, ["forwarded hi"]);
  });
});

describe("a delayed FileHandler that cannot open reports instead of raising", () => {
  it("one report per record, with CPython's FileNotFoundError text", () => {
    const path = "/nonexistent-dir-for-logging/app.log";
    const expected = cases.delayed_file_missing_dir.stdout.split("\n")[0]
      .replace(/^raised: FileNotFoundError /, "");
    const h = new FileHandler(path, "a", null, true);
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    const log = freshLogger(h);
    for (let i = 0; i < 3; i++) assert.doesNotThrow(() => log.warning("x"));
    assert.equal(errors.length, 3);
    for (const e of errors) {
      assert.equal((e as Error).name, "FileNotFoundError");
      assert.equal(String((e as Error).message), expected);
    }
    h.close();
  });
});

describe("no record lost to a slow stream in a synchronous burst (default settings)", () => {
  it("200,000 records of ~128 characters in one loop all arrive", LONG, async () => {
    const chunks: string[] = [];
    const stream = new WritableStream<string>({
      async write(chunk) {
        await new Promise((r) => setTimeout(r, 1)); // slower than the program
        chunks.push(chunk);
      },
    });
    const h = new StreamHandler(stream);
    h.setFormatter(new Formatter("%(message)s"));
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    const log = freshLogger(h);
    const pad = "p".repeat(112);
    const N = 200_000;
    for (let i = 0; i < N; i++) log.info("%s %d", pad, i);
    await h.flush();
    await h.close();
    assert.equal(errors.length, 0);
    const lines = chunks.join("").split("\n");
    assert.equal(lines.length, N + 1);
    for (let i = 0; i < N; i += 9973) assert.equal(lines[i], `${pad} ${i}`);
    assert.equal(lines[N - 1], `${pad} ${N - 1}`);
  });
});

// ----------------------------------------------------------------------------------------------
// Child processes: the runtime under test, against CPython 3.13's figures.

const child = fileURLToPath(new URL("./exit/faults_child.ts", import.meta.url));
const proc = (globalThis as unknown as {
  process: { execPath: string; env: Record<string, string> };
}).process;
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";

function runChild(
  args: string[],
  stdout: number | "ignore",
): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "reliability-"));
  const errPath = join(dir, "stderr.txt");
  const errFd = openSync(errPath, "w");
  try {
    const r = spawnSync(proc.execPath, isDeno ? ["run", "-A", child, ...args] : [child, ...args], {
      stdio: ["ignore", stdout, errFd],
      timeout: 60_000,
      env: { ...proc.env, NO_COLOR: "1" },
    });
    if (r.error) throw r.error;
    return { status: r.status, stderr: readFileSync(errPath, "utf8") };
  } finally {
    closeSync(errFd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A descriptor writing into a pipe that has no reader (a FIFO whose reader is gone). */
function brokenPipe(): number {
  const dir = mkdtempSync(join(tmpdir(), "reliability-fifo-"));
  const fifo = join(dir, "f");
  const r = spawnSync("mkfifo", [fifo]);
  if (r.status !== 0) assert.fail("this test needs mkfifo");
  const rw = openSync(fifo, constants.O_RDWR);
  const w = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  closeSync(rw);
  rmSync(dir, { recursive: true, force: true });
  return w;
}

const blocks = (text: string): number => text.split("--- Logging error ---\n").length - 1;
const errorLines = (text: string, re: RegExp): string[] =>
  [...new Set(text.split("\n").filter((l) => re.test(l)))].sort();

describe("faults reported once per record, as CPython 3.13 reports them", () => {
  it(
    "a closed stdout pipe: one BrokenPipeError block per record, exit status as CPython's",
    LONG,
    () => {
      const c = cases.closed_pipe;
      assert.equal(c.blocks, c.records);
      const w = brokenPipe();
      let res;
      try {
        res = runChild(["pipe", String(c.records)], w);
      } finally {
        closeSync(w);
      }
      assert.equal(res.status, c.status, res.stderr.slice(-2000));
      assert.equal(blocks(res.stderr), c.records);
      // CPython's exception line, and no other (no chained runtime error).
      assert.deepEqual(errorLines(res.stderr, /^[A-Za-z]*Error\b/), c.exception_lines);
      assert.match(res.stderr, /^Message: 'record %d'\nArguments: \(0,\)$/m);
      assert.match(res.stderr, new RegExp(`^Arguments: \\(${c.records - 1},\\)$`, "m"));
    },
  );

  it("/dev/full: one ENOSPC block per record, the message naming no file", LONG, () => {
    if (!existsSync("/dev/full")) assert.fail("this test needs Linux /dev/full");
    const c = cases.dev_full;
    assert.equal(c.blocks, c.records);
    const res = runChild(["full", String(c.records)], "ignore");
    assert.equal(res.status, c.status, res.stderr.slice(-2000));
    assert.equal(blocks(res.stderr), c.records);
    assert.deepEqual(errorLines(res.stderr, /^[A-Za-z]*Error\b/), c.exception_lines);
  });

  it("a format error: CPython's lines, and the Call stack of the call that logged", LONG, () => {
    const c = cases.format_error;
    const res = runChild(["format"], "ignore");
    assert.equal(res.status, c.status);
    const ours = res.stderr.split("\n").filter((l) => l !== "" && !l.startsWith(" "));
    assert.deepEqual(ours, c.lines);
    // CPython: `File "<prog>", line 6, in <module>` then `File "<prog>", line 5, in work`.
    const stack = res.stderr.slice(
      res.stderr.indexOf("Call stack:"),
      res.stderr.indexOf("Message:"),
    );
    assert.match(stack, /faults_child\.ts", line \d+, in work\n$/);
    assert.doesNotMatch(stack, /Logged from file/);
  });
});

// ----------------------------------------------------------------------------------------------
// Healthy peers: every record of a synchronous burst arrives (no bound by default).

describe("no record lost to a healthy peer in a synchronous burst (default settings)", () => {
  it("SocketHandler: 20,000 records, all received", LONG, async () => {
    const { createServer } = await import("node:net");
    let received = 0;
    let pending = new Uint8Array(0);
    const server = createServer((s) => {
      s.on("data", (d: Uint8Array) => {
        // Count length-prefixed frames.
        const buf = new Uint8Array(pending.length + d.length);
        buf.set(pending);
        buf.set(d, pending.length);
        let off = 0;
        while (buf.length - off >= 4) {
          const n = new DataView(buf.buffer, buf.byteOffset + off).getUint32(0, false);
          if (buf.length - off - 4 < n) break;
          off += 4 + n;
          received++;
        }
        pending = buf.slice(off);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    const { SocketHandler } = await import("../handlers/net/socket.ts");
    const h = new SocketHandler("127.0.0.1", port);
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    const log = freshLogger(h);
    const N = 20_000;
    try {
      for (let i = 0; i < N; i++) log.info("record %d of a burst", i);
      await h.flush();
      await h.close();
      const deadline = Date.now() + 20_000;
      while (received < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(errors, []);
      assert.equal(received, N);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("SysLogHandler over TCP: 200,000 records, all received", LONG, async () => {
    const { createServer } = await import("node:net");
    let received = 0;
    const server = createServer((s) => {
      s.on("data", (d: Uint8Array) => {
        for (let i = 0; i < d.length; i++) if (d[i] === 0) received++;
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    const { SysLogHandler } = await import("../handlers/net/syslog.ts");
    const h = new SysLogHandler({ address: ["127.0.0.1", port], socktype: 1 });
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    const log = freshLogger(h);
    const N = 200_000;
    try {
      for (let i = 0; i < N; i++) log.info("record %d of a burst", i);
      await h.flush();
      await h.close();
      const deadline = Date.now() + 30_000;
      while (received < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(errors, []);
      assert.equal(received, N);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("HTTPHandler: every record to a server answering 500; a silent server cannot hang shutdown", () => {
  it(
    "1,500 records of a burst to a server answering 500 all arrive, none reported",
    LONG,
    async () => {
      const { createServer } = await import("node:http");
      let received = 0;
      const server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          received++;
          res.statusCode = 500;
          res.end("no");
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      const port = (server.address() as { port: number }).port;
      const { HTTPHandler } = await import("../handlers/net/http.ts");
      const h = new HTTPHandler({ host: `127.0.0.1:${port}`, url: "/log", method: "POST" });
      const errors: unknown[] = [];
      h.handleError = (_r, e) => void errors.push(e);
      const log = freshLogger(h);
      try {
        for (let i = 0; i < 1500; i++) log.info("record %d", i);
        await h.close();
        assert.deepEqual(errors, []);
        assert.equal(received, 1500);
      } finally {
        server.closeAllConnections?.();
        await new Promise<void>((r) => server.close(() => r()));
      }
    },
  );

  it(
    "a server that never answers: close() settles after one timeout, every record reported",
    LONG,
    async () => {
      const { createServer } = await import("node:http");
      let requests = 0;
      const hung: { destroy(): void }[] = [];
      const server = createServer((req, res) => {
        requests++;
        req.resume();
        hung.push(res);
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      const port = (server.address() as { port: number }).port;
      const { HTTPHandler } = await import("../handlers/net/http.ts");
      const h = new HTTPHandler({ host: `127.0.0.1:${port}`, url: "/log", timeout: 0.5 });
      const errors: unknown[] = [];
      h.handleError = (_r, e) => void errors.push(e);
      const log = freshLogger(h);
      try {
        for (let i = 0; i < 1500; i++) log.info("record %d", i);
        await h.close();
        assert.equal(requests, 1, "one request timed out, not 1,500 in turn");
        assert.equal(errors.length, 1500);
        for (const e of errors) assert.equal((e as Error).name, "TimeoutError");
      } finally {
        for (const res of hung) res.destroy();
        server.closeAllConnections?.();
        await new Promise<void>((r) => server.close(() => r()));
      }
    },
  );
});

describe("raiseExceptions = false: nothing printed, as CPython", () => {
  it("a format error is silent, and the next call still works", async () => {
    const { setRaiseExceptions } = await import("../handlers/handler.ts");
    assert.equal(cases.raise_exceptions_false.stderr, "");
    const h = new StreamHandler();
    const log = freshLogger(h);
    const c = captureFd(2);
    try {
      setRaiseExceptions(false);
      log.warning("x %s %s", 1);
      setRaiseExceptions(true);
      log.warning("fine %s", 1);
    } finally {
      setRaiseExceptions(true);
      c.restore();
    }
    assert.equal(c.getvalue(), "fine 1\n");
  });
});
