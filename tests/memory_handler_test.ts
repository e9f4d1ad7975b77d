// BufferingHandler and MemoryHandler: scenarios replayed against CPython 3.11's observable state
// after each operation (tests/fixtures/handlers_memory.json, from scripts/gen_handlers_fixtures.py).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BufferingHandler, MemoryHandler } from "../handlers/queue/memory.ts";
import { Handler } from "../handlers/handler.ts";
import { getLevelName } from "../levels.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";
import { getLogger } from "../logger.ts";

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/handlers_memory.json", import.meta.url), "utf8"),
);

class ListHandler extends Handler {
  got: unknown[] = [];
  override emit(record: LogRecord): void {
    this.got.push(record.msg);
  }
}

function rec(levelno: number, msg: string): LogRecord {
  return makeLogRecord({ msg, levelno, levelname: getLevelName(levelno) });
}

describe("MemoryHandler, as CPython 3.11", () => {
  for (const s of fixture.memory) {
    it(s.name, () => {
      const [capacity, flushLevel, tgt, flushOnClose] = s.args;
      const target = tgt ? new ListHandler(tgt === "WARNING" ? "WARNING" : 0) : null;
      const spare = new ListHandler();
      const mh = new MemoryHandler(capacity, flushLevel, target, flushOnClose);
      s.ops.forEach((op: [string, number?, string?], i: number) => {
        if (op[0] === "emit") mh.handle(rec(op[1] as number, op[2] as string));
        else if (op[0] === "flush") mh.flush();
        else if (op[0] === "close") mh.close();
        else if (op[0] === "setTarget") mh.setTarget(spare);
        const want = s.states[i];
        const where = `after op ${i} ${JSON.stringify(op)}`;
        assert.deepEqual(mh.buffer.map((r) => r.msg), want.buffer, where);
        const t = mh.target === null ? null : mh.target === spare ? "spare" : "target";
        assert.equal(t, want.target, where);
        assert.deepEqual(target?.got ?? [], want.target_got, where);
        assert.deepEqual(spare.got, want.spare_got, where);
      });
    });
  }

  it("defaults: flushLevel ERROR, no target, flushOnClose", () => {
    const mh = new MemoryHandler(10);
    assert.equal(mh.flushLevel, 40);
    assert.equal(mh.target, null);
    assert.equal(mh.flushOnClose, true);
    assert.equal(mh.capacity, 10);
  });

  it("works under a logger: the debug context arrives when an error is logged", () => {
    const target = new ListHandler();
    const mh = new MemoryHandler(100, 40, target);
    const log = getLogger("memory_handler_test.ctx");
    log.propagate = false;
    log.setLevel("DEBUG");
    log.addHandler(mh);
    try {
      log.debug("step %d", 1);
      log.info("step %d", 2);
      assert.deepEqual(target.got, []);
      log.error("failed");
      assert.deepEqual(target.got, ["step %d", "step %d", "failed"]);
      assert.equal(mh.buffer.length, 0);
    } finally {
      log.removeHandler(mh);
      mh.close();
    }
  });

  it("the buffer is cleared in place (Python's list.clear())", () => {
    const mh = new MemoryHandler(2, 40, new ListHandler());
    const buf = mh.buffer;
    mh.handle(rec(10, "a"));
    mh.handle(rec(10, "b"));
    assert.equal(mh.buffer, buf);
    assert.equal(buf.length, 0);
  });
});

describe("BufferingHandler, as CPython 3.11", () => {
  it("flushes (empties) at capacity and on close", () => {
    const bh = new BufferingHandler(2);
    const trace: unknown[][] = [];
    for (const m of ["a", "b", "c"]) {
      bh.handle(makeLogRecord({ msg: m }));
      trace.push(bh.buffer.map((r) => r.msg));
    }
    bh.close();
    trace.push(bh.buffer.map((r) => r.msg));
    assert.deepEqual(trace, fixture.buffering);
  });

  it("shouldFlush and flush can be overridden", () => {
    const batches: string[][] = [];
    class Batch extends BufferingHandler {
      override shouldFlush(record: LogRecord): boolean {
        return record.msg === "end";
      }
      override flush(): void {
        batches.push(this.buffer.map((r) => String(r.msg)));
        this.buffer.length = 0;
      }
    }
    const h = new Batch(1000);
    for (const m of ["a", "b", "end", "c"]) h.handle(makeLogRecord({ msg: m }));
    h.close();
    assert.deepEqual(batches, [["a", "b", "end"], ["c"]]);
  });
});

describe("the module's flush() and MemoryHandler", () => {
  it("logging.flush() (handed to waitUntil on the edge) keeps a MemoryHandler's buffer", async () => {
    const { flush, handlers: { MemoryHandler }, ERROR, makeLogRecord, Handler } = await import(
      "../mod.ts"
    );
    const seen: string[] = [];
    class Target extends Handler {
      override emit(r: ReturnType<typeof makeLogRecord>): void {
        seen.push(String(r.msg));
      }
    }
    const mh = new MemoryHandler(100, ERROR, new Target());
    mh.handle(makeLogRecord({ msg: "debug context", levelno: 10 }));
    await flush();
    assert.deepEqual(seen, []);
    assert.equal(mh.buffer.length, 1);
    mh.handle(makeLogRecord({ msg: "the error", levelno: 40 }));
    assert.deepEqual(seen, ["debug context", "the error"]);
    mh.close();
  });
});
