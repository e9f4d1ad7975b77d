// QueueHandler / QueueListener: prepare() and routing as CPython 3.13 (tests/fixtures/
// handlers_queue.json), the async Queue with Python's queue.Queue API, and a real Worker
// (tests/queue/worker.ts) that receives structured-clone-safe records and writes them; a worker
// that dies (uncaught error, terminate()) is reported once, memory stays bounded, the program runs on.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker as NodeWorker } from "node:worker_threads";
import { Formatter } from "../formatters/formatter.ts";
import { Handler } from "../handlers/handler.ts";
import { Queue, QueueEmpty, QueueFull } from "../py/queue.ts";
import { QueueHandler, QueueListener } from "../handlers/queue/queue.ts";
import { PortQueue, PortQueueReceiver, recordToMessage } from "../handlers/queue/worker.ts";
import { getLogger } from "../logger.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";
import { getLevelName } from "../levels.ts";

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/handlers_queue.json", import.meta.url), "utf8"),
);

class ListHandler extends Handler {
  got: unknown[] = [];
  records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.got.push(record.msg);
    this.records.push(record);
  }
}

function rec(levelno: number, msg: string): LogRecord {
  return makeLogRecord({ msg, levelno, levelname: getLevelName(levelno) });
}

/** Rejects after `ms` so that a test waiting on a worker is bounded in time. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`${what}: not after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("QueueHandler.prepare, as CPython 3.13", () => {
  for (const c of fixture.prepare) {
    it(`${c.input.msg} (formatter: ${c.formatter})`, () => {
      const r = makeLogRecord({ ...c.input });
      const qh = new QueueHandler(new Queue());
      if (c.formatter) qh.setFormatter(new Formatter("%(levelname)s:%(name)s:%(message)s"));
      const p = qh.prepare(r);
      assert.equal(p !== r, c.is_copy);
      assert.ok(p instanceof r.constructor);
      for (const [k, v] of Object.entries(c.prepared)) assert.deepEqual(p[k], v, k);
      assert.equal(p.extra_field ?? null, c.prepared_extra_field);
      // The original keeps msg and args (bpo-35726); format() did set its message.
      assert.equal(r.msg, c.original.msg);
      assert.deepEqual(r.args, c.original.args);
      assert.equal(r.message, c.original.message);
      assert.equal(r.stack_info ?? null, c.original.stack_info);
    });
  }

  it("an exception is merged into msg as traceback text and cleared", () => {
    const r = makeLogRecord({ msg: "failed", levelno: 40, levelname: "ERROR" });
    const err = new TypeError("bad");
    r.exc_info = [TypeError, err, err.stack ?? null];
    const p = new QueueHandler(new Queue()).prepare(r);
    assert.match(
      p.msg as string,
      /^failed\nTraceback \(most recent call last\):\n[\s\S]*TypeError: bad$/,
    );
    assert.equal(p.exc_info, null);
    assert.equal(p.exc_text, null);
    assert.ok(r.exc_info !== null); // the original is untouched
  });

  it("the prepared record keeps caller fields", () => {
    const r = makeLogRecord({
      msg: "m",
      pathname: "/a/b.ts",
      filename: "b.ts",
      module: "b",
      lineno: 7,
      funcName: "f",
    });
    const p = new QueueHandler(new Queue()).prepare(r);
    assert.deepEqual([p.pathname, p.filename, p.module, p.lineno, p.funcName], [
      "/a/b.ts",
      "b.ts",
      "b",
      7,
      "f",
    ]);
  });
});

describe("QueueListener, as CPython 3.13", () => {
  for (const c of fixture.routing) {
    it(`routing with respect_handler_level=${c.respect_handler_level}`, async () => {
      const q = new Queue();
      const hs = [new ListHandler(0), new ListHandler("WARNING"), new ListHandler("ERROR")];
      const listener = new QueueListener(q, ...hs, {
        respect_handler_level: c.respect_handler_level,
      });
      assert.equal(listener.handlers.length, 3);
      listener.start();
      const qh = new QueueHandler(q);
      for (const [lvl, m] of [[10, "d"], [30, "w"], [40, "e"], [50, "c"]] as const) {
        qh.handle(rec(lvl, m));
      }
      await within(listener.stop(), 5000, "stop");
      assert.deepEqual(hs.map((h) => h.got), c.got);
      assert.equal(q.unfinished_tasks, c.unfinished_tasks);
      assert.equal(listener._thread, null);
    });
  }

  it("stop() on a listener that is not running does nothing, as 3.13 (gh-114706)", async () => {
    const listener = new QueueListener(new Queue());
    await listener.stop();
    assert.equal(listener._thread, null);
  });

  it("records are handled off the logging call, in order, through a logger", async () => {
    const q = new Queue();
    const out = new ListHandler();
    const listener = new QueueListener(q, out);
    listener.start();
    const log = getLogger("queue_handler_test.inthread");
    log.propagate = false;
    const qh = new QueueHandler(q);
    log.addHandler(qh);
    try {
      for (let i = 0; i < 200; i++) log.warning("n=%d", i);
      assert.equal(out.got.length, 0); // nothing handled synchronously
      await within(listener.stop(), 5000, "stop");
      assert.deepEqual(out.got, Array.from({ length: 200 }, (_, i) => `n=${i}`));
    } finally {
      log.removeHandler(qh);
    }
  });

  it("a handler that throws is reported through its handleError; the others still get records", async () => {
    class Boom extends Handler {
      errors: unknown[] = [];
      override handle(): false {
        throw new Error("boom");
      }
      override handleError(_r: LogRecord, e?: unknown): void {
        this.errors.push(e);
      }
    }
    const q = new Queue();
    const boom = new Boom();
    const out = new ListHandler();
    const listener = new QueueListener(q, boom, out);
    listener.start();
    q.put_nowait(rec(20, "a"));
    q.put_nowait(rec(20, "b"));
    await within(listener.stop(), 5000, "stop");
    assert.deepEqual(out.got, ["a", "b"]);
    assert.equal(boom.errors.length, 2);
  });

  it("a full queue is reported once until records flow again", () => {
    const q = new Queue(2);
    const qh = new QueueHandler(q);
    const errors: unknown[] = [];
    qh.handleError = (_r: LogRecord, e?: unknown) => {
      errors.push(e);
    };
    for (let i = 0; i < 10; i++) qh.handle(rec(20, `${i}`));
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof QueueFull);
    q.get_nowait();
    qh.handle(rec(20, "room again"));
    qh.handle(rec(20, "full again"));
    assert.equal(errors.length, 2);
  });
});

describe("Queue (Python's queue.Queue API)", () => {
  it("put_nowait / get_nowait / Empty / Full / qsize / empty / full", () => {
    const q = new Queue<number>(2);
    assert.equal(q.empty(), true);
    assert.throws(() => q.get_nowait(), QueueEmpty);
    q.put_nowait(1);
    q.put_nowait(2);
    assert.equal(q.full(), true);
    assert.equal(q.qsize(), 2);
    assert.throws(() => q.put_nowait(3), QueueFull);
    assert.equal(q.get_nowait(), 1);
    assert.equal(q.get_nowait(), 2);
    assert.equal(new QueueEmpty().message, ""); // str(queue.Empty()) is ''
  });

  it("get waits for a put; get with a timeout rejects with Empty; get(false) rejects at once", async () => {
    const q = new Queue<string>();
    const waiting = q.get();
    q.put_nowait("x");
    assert.equal(await waiting, "x");
    await assert.rejects(q.get(true, 0.01), QueueEmpty);
    await assert.rejects(q.get(false), QueueEmpty);
    await assert.rejects(q.get(true, -1), {
      name: "ValueError",
      message: "'timeout' must be a non-negative number",
    });
    q.put_nowait("y"); // the timed-out getter is gone: the item stays
    assert.equal(q.qsize(), 1);
  });

  it("put waits for room; task_done / join; too many task_done is Python's ValueError", async () => {
    const q = new Queue<number>(1);
    q.put_nowait(1);
    const putting = q.put(2);
    await assert.rejects(q.put(3, true, 0.01), QueueFull);
    assert.equal(await q.get(), 1);
    await putting;
    assert.equal(q.get_nowait(), 2);
    let joined = false;
    const j = q.join().then(() => {
      joined = true;
    });
    q.task_done();
    await Promise.resolve();
    assert.equal(joined, false);
    q.task_done();
    await j;
    assert.equal(joined, true);
    assert.throws(() => q.task_done(), {
      name: "ValueError",
      message: "task_done() called too many times",
    });
  });
});

describe("Crossing a MessagePort / Worker", () => {
  it("recordToMessage survives structuredClone; makeLogRecord rebuilds an equivalent record", () => {
    const r = makeLogRecord({
      name: "x",
      msg: "m %s",
      args: ["a"],
      levelno: 20,
      levelname: "INFO",
      pathname: "/p/q.ts",
      filename: "q.ts",
      lineno: 3,
      fn: () => 1,
      obj: { deep: [1, "two"] },
    });
    const err = new RangeError("r");
    r.exc_info = [RangeError, err, err.stack ?? null];
    const copy = makeLogRecord(structuredClone(recordToMessage(r)));
    assert.equal(copy.getMessage(), "m a");
    assert.equal(copy.exc_info, null);
    assert.match(copy.exc_text as string, /RangeError: r$/);
    assert.equal(copy.filename, "q.ts");
    assert.equal(copy.lineno, 3);
    assert.deepEqual(copy.obj, { deep: [1, "two"] });
    assert.equal(typeof copy.fn, "string");
    const f = new Formatter("%(levelname)s %(name)s %(filename)s:%(lineno)d %(message)s");
    assert.equal(f.format(copy).split("\n")[0], "INFO x q.ts:3 m a");
  });

  it("a MessageChannel: PortQueue → PortQueueReceiver → QueueListener, join() waits for all", async () => {
    const { port1, port2 } = new MessageChannel();
    const sender = new PortQueue(port1 as unknown as ConstructorParameters<typeof PortQueue>[0]);
    port1.start();
    const receiver = new PortQueueReceiver(
      port2 as unknown as ConstructorParameters<typeof PortQueueReceiver>[0],
    );
    const out = new ListHandler();
    const listener = new QueueListener(receiver, out);
    listener.start();
    const qh = new QueueHandler(sender);
    try {
      for (let i = 0; i < 100; i++) qh.handle(rec(20, `c${i}`));
      sender.put_nowait(null);
      await within(sender.join(), 5000, "join");
      assert.equal(sender.qsize(), 0);
      assert.deepEqual(out.got, Array.from({ length: 100 }, (_, i) => `c${i}`));
      assert.ok(
        out.records[0] instanceof Object && typeof out.records[0].getMessage === "function",
      );
      await within(listener._thread as Promise<void>, 5000, "listener end");
    } finally {
      sender.close();
      receiver.close();
      port1.close();
      port2.close();
    }
  });
});

/**
 * How long a worker may take to start: a bound against hangs, not a speed requirement. Deno
 * type-checks the worker's module graph on every start, which took over 10 s on a loaded 2-core
 * machine.
 */
const WORKER_START = 120_000;

describe("A real Worker writing the records", () => {
  let dir: string;
  // A web Worker where the runtime has one (Deno, Bun); Node's worker_threads Worker on Node 24,
  // which has no global Worker (PortQueue listens to its EventEmitter events instead).
  let worker: Worker | NodeWorker;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pylog-queue-"));
    const url = new URL("./queue/worker.ts", import.meta.url);
    worker = typeof globalThis.Worker === "function"
      ? new Worker(url, { type: "module" })
      : new NodeWorker(url);
  });
  afterEach(() => {
    worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  });

  function setup(name: string, maxsize?: number) {
    const q = new PortQueue(worker, { maxsize });
    const qh = new QueueHandler(q);
    const errors: unknown[] = [];
    qh.handleError = (_r: LogRecord, e?: unknown) => {
      errors.push(e);
    };
    const log = getLogger(`queue_handler_test.${name}`);
    log.propagate = false;
    log.setLevel("DEBUG");
    log.addHandler(qh);
    return { q, qh, errors, log, done: () => log.removeHandler(qh) };
  }

  it("formats and writes off the main thread, every record in order", async () => {
    const path = join(dir, "worker.log");
    const { q, errors, log, done } = setup("worker");
    try {
      worker.postMessage({ cmd: "start", path, fmt: "%(levelname)s %(name)s: %(message)s" });
      for (let i = 0; i < 500; i++) log.info("record %d of %s", i, "main");
      try {
        throw new TypeError("bad input");
      } catch (err) {
        log.exception("failed", { exc_info: err });
      }
      q.put_nowait(null); // the listener's sentinel
      await within(q.join(), WORKER_START, "worker join");
      const lines = readFileSync(path, "utf8").split("\n");
      for (let i = 0; i < 500; i++) {
        assert.equal(lines[i], `INFO queue_handler_test.worker: record ${i} of main`);
      }
      assert.equal(lines[500], "ERROR queue_handler_test.worker: failed");
      assert.equal(lines[501], "Traceback (most recent call last):");
      assert.ok(lines.includes("TypeError: bad input"));
      assert.deepEqual(errors, []);
    } finally {
      done();
      q.close();
    }
  });

  it("a worker that throws: reported once through handleError, nothing more posted, the program runs on", async () => {
    const { q, errors, log, done } = setup("crash");
    try {
      worker.postMessage({ cmd: "start", path: join(dir, "crash.log"), fmt: "%(message)s" });
      log.info("before");
      await within(q.join(), WORKER_START, "first join");
      worker.postMessage({ cmd: "throw" });
      await until(
        () => {
          log.info("probing");
          return errors.length > 0;
        },
        WORKER_START,
        "the crash to be reported",
      );
      for (let i = 0; i < 2000; i++) log.info("after %d", i);
      assert.equal(errors.length, 1);
      assert.match(String((errors[0] as Error).cause ?? errors[0]), /crashed on purpose/);
      assert.ok(q.qsize() < 2000);
      await within(q.join(), 1000, "join on a dead worker");
    } finally {
      done();
      q.close();
    }
  });

  it("a terminated worker: at most maxsize records wait, the loss is reported once", async () => {
    const { q, errors, log, done } = setup("terminated", 50);
    try {
      worker.postMessage({ cmd: "start", path: join(dir, "t.log"), fmt: "%(message)s" });
      for (let i = 0; i < 10; i++) log.info("alive %d", i);
      await within(q.join(), WORKER_START, "join while alive");
      worker.terminate();
      for (let i = 0; i < 5000; i++) log.info("dropped %d", i);
      assert.ok(q.qsize() <= 50, `qsize ${q.qsize()}`);
      assert.equal(errors.length, 1);
      assert.ok(errors[0] instanceof QueueFull || errors[0] instanceof Error);
    } finally {
      done();
      q.close();
    }
  });
});
