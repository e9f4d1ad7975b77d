// StreamHandler over a user WritableStream: closing the handler releases what it holds (its sink
// leaves the exit hooks' list), so per-request handlers do not accumulate; the stream stays open.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { makeLogRecord, StreamHandler } from "../mod.ts";

const liveSinks = (): number =>
  ((globalThis as unknown as Record<symbol, { slots: { sinks?: { live: Set<unknown> } } }>)[
    Symbol.for("@pylog/logging")
  ].slots.sinks?.live.size) ?? 0;

describe("StreamHandler over a WritableStream", () => {
  it("close() writes the pending batch, releases the sink and leaves the stream open", async () => {
    const before = liveSinks();
    const chunks: string[] = [];
    const stream = new WritableStream<string>({ write: (c) => void chunks.push(c) });
    for (let i = 0; i < 500; i++) {
      const h = new StreamHandler(stream);
      h.emit(makeLogRecord({ msg: `r${i}` }));
      await h.close();
    }
    assert.equal(liveSinks(), before);
    assert.equal(chunks.join(""), Array.from({ length: 500 }, (_, i) => `r${i}\n`).join(""));
    const w = stream.getWriter(); // not closed, not locked
    await w.write("still open\n");
    w.releaseLock();
    assert.equal(chunks[chunks.length - 1], "still open\n");
  });

  it("a closed handler that logs again is drained again (Python allows emit after close)", async () => {
    const chunks: string[] = [];
    const h = new StreamHandler(new WritableStream<string>({ write: (c) => void chunks.push(c) }));
    await h.close();
    const before = liveSinks();
    h.emit(makeLogRecord({ msg: "after close" }));
    assert.equal(liveSinks(), before + 1);
    await h.close();
    assert.deepEqual(chunks, ["after close\n"]);
  });
});
