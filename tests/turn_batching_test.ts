// A file sink writes the records of one event-loop turn in one system call (a server logging one
// record per request must not pay a write per record), keeps their order, drains at once past its
// size bound, and loses nothing when the program ends inside a turn; a SIGKILL loses at most the
// records of the turn it interrupts (here, one record per turn: at most one).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BATCH_BYTES, FdSink } from "../handlers/sink.ts";
import { FileHandler, getLogger } from "../mod.ts";
import { Queue, QueueHandler, QueueListener } from "../handlers/mod.ts";
import type { NodeFs } from "../runtime.ts";

/** A file system whose writeSync records each call's text. */
function recordingFs(): { fs: NodeFs; writes: string[] } {
  const writes: string[] = [];
  const decoder = new TextDecoder();
  const fs = {
    writeSync(_fd: number, buffer: Uint8Array, offset = 0, length = buffer.length): number {
      writes.push(decoder.decode(buffer.subarray(offset, offset + length)));
      return length;
    },
    closeSync(): void {},
  } as unknown as NodeFs;
  return { fs, writes };
}

/** Resolves in this turn's check phase, after the immediates scheduled before it (FIFO). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const noError = (e: unknown): void => {
  throw e;
};

describe("FdSink batches per event-loop turn", () => {
  it("records of one turn, across microtasks, go out in one write, in order", async () => {
    const { fs, writes } = recordingFs();
    const sink = new FdSink(fs, 99, null, noError, false);
    for (let i = 0; i < 5; i++) {
      sink.write(`a${i}\n`, 0);
      await Promise.resolve(); // a microtask boundary is not the end of the turn
    }
    assert.deepEqual(writes, []);
    await nextTurn();
    assert.deepEqual(writes, ["a0\na1\na2\na3\na4\n"]);
    sink.close();
  });

  it("records of two turns go out in two writes, in order", async () => {
    const { fs, writes } = recordingFs();
    const sink = new FdSink(fs, 99, null, noError, false);
    sink.write("one\n", 0);
    await nextTurn();
    sink.write("two\n", 0);
    sink.write("three\n", 0);
    await nextTurn();
    assert.deepEqual(writes, ["one\n", "two\nthree\n"]);
    sink.close();
  });

  it("past BATCH_BYTES a batch is written at once, inside the call", () => {
    const { fs, writes } = recordingFs();
    const sink = new FdSink(fs, 99, null, noError, false);
    const line = "x".repeat(1023) + "\n";
    for (let i = 0; i < BATCH_BYTES / 1024; i++) sink.write(line, 0);
    assert.equal(writes.length, 1);
    assert.equal(writes[0].length, BATCH_BYTES);
    sink.close();
  });

  it("flushSync (the exit hooks' drain) writes a turn's records before the turn ends", () => {
    const { fs, writes } = recordingFs();
    const sink = new FdSink(fs, 99, null, noError, false);
    sink.write("a\n", 0);
    sink.write("b\n", 0);
    sink.flushSync();
    assert.deepEqual(writes, ["a\nb\n"]);
    sink.close();
  });
});

describe("a queue's join() and a listener's stop() find the records written (as CPython)", () => {
  it("await q.join(), then await listener.stop(): every record is in the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "turn-queue-"));
    const path = join(dir, "q.log");
    const q = new Queue(-1);
    const fh = new FileHandler(path, "w");
    const listener = new QueueListener(q, fh);
    listener.start();
    const log = getLogger("turn_batching.queue");
    log.setLevel("INFO");
    log.propagate = false;
    const qh = new QueueHandler(q);
    log.addHandler(qh);
    try {
      for (let i = 0; i < 10; i++) log.info("r %d", i);
      await q.join();
      assert.equal(readFileSync(path, "utf8").split("\n").length - 1, 10);
      log.info("r 10");
      await listener.stop();
      assert.equal(readFileSync(path, "utf8").split("\n").length - 1, 11);
    } finally {
      log.removeHandler(qh);
      fh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const script = fileURLToPath(new URL("./turn_batching/one_per_turn.ts", import.meta.url));
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const execPath = (globalThis as unknown as { process: { execPath: string } }).process.execPath;
const argv = (path: string, ending: string): string[] =>
  isDeno ? ["run", "-A", script, path, ending] : [script, path, ending];

/** The record numbers in the file, checked to be 0, 1, 2, ... in order. */
function recordsIn(path: string): number {
  const lines = readFileSync(path, "utf8").split("\n");
  assert.equal(lines.pop(), "", "the file ends with a whole line");
  lines.forEach((line, i) => assert.equal(line, `record ${i}`));
  return lines.length;
}

describe("one record per turn: what each ending keeps", () => {
  const dir = mkdtempSync(join(tmpdir(), "turn-batching-"));

  for (const ending of ["exit", "throw"]) {
    it(`${ending} inside a turn: all 500 records, in order`, () => {
      const path = join(dir, `${ending}.log`);
      const r = spawnSync(execPath, argv(path, ending), { stdio: "ignore", timeout: 60_000 });
      assert.equal(r.error, undefined);
      assert.equal(recordsIn(path), 500);
    });
  }

  it("SIGKILL: at most the interrupted turn's one record is lost, order kept", async () => {
    const path = join(dir, "kill.log");
    const child = spawn(execPath, argv(path, "kill"), { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await new Promise<void>((resolve) => {
      child.stdout!.on("data", (d) => {
        out += d;
        if (out.length > 20_000) resolve(); // a few thousand turns logged
      });
    });
    child.kill("SIGKILL");
    await exited;
    const reported = out.split("\n").filter((l) => l !== "").length; // records logged, at least
    const written = recordsIn(path);
    assert.ok(reported - written <= 1, `${reported} logged, ${written} written`);
    rmSync(dir, { recursive: true, force: true });
  });
});
