// StreamHandler over a user's WritableStream: slow streams get every record in order once the
// program awaits shutdown()/flush(), several handlers can share one stream, backpressure holds
// at most one write in flight, a failing stream is reported through handleError, and a stalled
// stream keeps every record unless a maxsize bound is given.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Formatter } from "../formatters/formatter.ts";
import { type LogRecord, makeLogRecord } from "../record.ts";
import { StreamHandler } from "../handlers/stream/stream.ts";
import { STREAM_BUFFER_LIMIT } from "../handlers/sink.ts";
import { getLogger } from "../logger.ts";
import { shutdown } from "../shutdown.ts";

function record(msg: string): LogRecord {
  return makeLogRecord({ msg, levelno: 30, levelname: "WARNING", name: "fx" });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A stream whose every write resolves 1-5 ms later; `chunks` receives what was written. */
function slowStream(
  chunks: string[],
  highWaterMark = 1,
): { stream: WritableStream<string>; stats: { maxOutstanding: number; writes: number } } {
  const stats = { maxOutstanding: 0, writes: 0 };
  let enqueued = 0;
  let done = 0;
  let delay = 0;
  const stream = new WritableStream<string>(
    {
      async write(chunk) {
        stats.writes++;
        await sleep(1 + (delay++ % 5));
        chunks.push(chunk);
        done++;
      },
    },
    {
      highWaterMark,
      size() {
        enqueued++;
        stats.maxOutstanding = Math.max(stats.maxOutstanding, enqueued - done);
        return 1;
      },
    },
  );
  return { stream, stats };
}

describe("StreamHandler over a WritableStream", () => {
  it("a slow stream receives every record, in order, once `await shutdown()` settles", async () => {
    const chunks: string[] = [];
    const { stream } = slowStream(chunks);
    const log = getLogger("stream_sink_test.slow");
    log.propagate = false;
    const h = new StreamHandler(stream);
    h.setFormatter(new Formatter("%(message)s"));
    log.addHandler(h);
    try {
      for (let i = 0; i < 300; i++) {
        log.warning("record %d", i);
        if (i % 50 === 49) await sleep(2); // several batches, some while a write is in flight
      }
      await shutdown();
      const expected = Array.from({ length: 300 }, (_, i) => `record ${i}\n`).join("");
      assert.equal(chunks.join(""), expected);
      assert.ok(chunks.length > 1, "records were written in several batches");
    } finally {
      log.removeHandler(h);
    }
  });

  it("two StreamHandlers on one stream both write everything, each in order", async () => {
    const chunks: string[] = [];
    const { stream } = slowStream(chunks);
    const a = new StreamHandler(stream);
    a.setFormatter(new Formatter("A %(message)s"));
    const b = new StreamHandler(stream);
    b.setFormatter(new Formatter("B %(message)s"));
    for (let i = 0; i < 100; i++) {
      a.handle(record(`r${i}`));
      b.handle(record(`r${i}`));
      if (i % 30 === 0) await sleep(1);
    }
    await Promise.all([a.flush(), b.flush()]);
    const lines = chunks.join("").split("\n").filter((l) => l !== "");
    const fromA = lines.filter((l) => l.startsWith("A "));
    const fromB = lines.filter((l) => l.startsWith("B "));
    const expected = (p: string) => Array.from({ length: 100 }, (_, i) => `${p} r${i}`);
    assert.deepEqual(fromA, expected("A"));
    assert.deepEqual(fromB, expected("B"));
    assert.equal(lines.length, 200);
    // The stream is not left locked: anyone can write to it afterwards.
    const w = stream.getWriter();
    await w.write("tail\n");
    w.releaseLock();
    assert.equal(chunks.at(-1), "tail\n");
  });

  it("backpressure: at most one write in flight on a small highWaterMark", async () => {
    const chunks: string[] = [];
    const { stream, stats } = slowStream(chunks, 1);
    const h = new StreamHandler(stream);
    h.setFormatter(new Formatter("%(message)s"));
    for (let i = 0; i < 200; i++) {
      h.handle(record(`r${i}`));
      if (i % 10 === 9) await sleep(0);
    }
    await h.flush();
    assert.equal(stats.maxOutstanding, 1);
    assert.ok(stats.writes > 1);
    assert.equal(
      chunks.join(""),
      Array.from({ length: 200 }, (_, i) => `r${i}\n`).join(""),
    );
  });

  it("a byte stream with encoding utf-8 receives UTF-8 bytes", async () => {
    const parts: Uint8Array[] = [];
    const stream = new WritableStream<Uint8Array>({
      write(chunk) {
        parts.push(chunk);
      },
    });
    const h = new StreamHandler(stream, { encoding: "utf-8" });
    h.setFormatter(new Formatter("%(message)s"));
    h.handle(record("héllo €"));
    await h.flush();
    assert.ok(parts.every((p) => p instanceof Uint8Array));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) {
      all.set(p, off);
      off += p.length;
    }
    assert.equal(new TextDecoder().decode(all), "héllo €\n");
  });

  it("a failing stream is reported through handleError, and flush() still settles", async () => {
    const stream = new WritableStream<string>({
      write() {
        throw new Error("stream broke");
      },
    });
    const h = new StreamHandler(stream);
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    h.handle(record("x"));
    await h.flush();
    assert.equal(errors.length, 1);
    assert.equal((errors[0] as Error).message, "stream broke");
  });

  it("records buffered behind a stalled write reach the stream whole and in order", async () => {
    // 3,000 records of 100 characters while the first write is stalled: the buffer crosses its
    // 64 Ki-character compaction step several times.
    const { stream, chunks, release } = stalledStream();
    const h = new StreamHandler(stream);
    h.setFormatter(new Formatter("%(message)s"));
    h.handle(record("first"));
    await sleep(1); // the first write starts and stalls
    const line = (i: number) => `${i}`.padStart(99, ".");
    for (let i = 0; i < 3000; i++) h.handle(record(line(i)));
    release();
    await h.close();
    const expected = "first\n" + Array.from({ length: 3000 }, (_, i) => line(i) + "\n").join("");
    assert.equal(chunks.join(""), expected);
  });

  it("keeps every record of a burst past STREAM_BUFFER_LIMIT characters (no bound by default)", async () => {
    const { stream, chunks, release } = stalledStream();
    const h = new StreamHandler(stream);
    h.setFormatter(new Formatter("%(message)s"));
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    h.handle(record("first"));
    await sleep(1);
    const body = "x".repeat(1023); // 1,024 characters with the newline
    const n = STREAM_BUFFER_LIMIT / 1024 + 100; // more than the old 16 Mi-character bound
    for (let i = 0; i < n; i++) h.handle(record(body));
    release();
    await h.flush();
    h.handle(record("after"));
    await h.close();
    const text = chunks.join("");
    assert.equal(errors.length, 0);
    assert.equal(text.length, "first\n".length + n * 1024 + "after\n".length);
    assert.ok(text.endsWith("x\nafter\n"));
  });

  it("with maxsize, records past the bound are dropped, counted and reported, then resume", async () => {
    const { stream, chunks, release } = stalledStream();
    const h = new StreamHandler(stream, { maxsize: 10 });
    h.setFormatter(new Formatter("%(message)s"));
    const errors: unknown[] = [];
    h.handleError = (_r, e) => void errors.push(e);
    h.handle(record("first"));
    await sleep(1);
    for (let i = 0; i < 25; i++) h.handle(record("r" + i));
    assert.equal(errors.length, 1, "reported once while dropping");
    assert.ok(errors[0] instanceof RangeError);
    assert.match((errors[0] as Error).message, /stream too slow: 10 records buffered \(maxsize\)/);
    release();
    await h.flush();
    h.handle(record("after"));
    await h.close();
    const text = chunks.join("");
    const kept = Array.from({ length: 10 }, (_, i) => "r" + i + "\n").join("");
    assert.equal(text, "first\n" + kept + "after\n");
    assert.equal(errors.length, 2, "the count is reported once the stream catches up");
    assert.match((errors[1] as Error).message, /15 records dropped past maxsize/);
  });
});

/** A stream whose first write waits for `release()`; `chunks` receives what was written. */
function stalledStream(): {
  stream: WritableStream<string>;
  chunks: string[];
  release: () => void;
} {
  const chunks: string[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const stream = new WritableStream<string>({
    async write(chunk) {
      await gate;
      chunks.push(chunk);
    },
  });
  return { stream, chunks, release: () => release() };
}
