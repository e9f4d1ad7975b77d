/**
 * Opt-in memory checks (`--memory`): 10 million records through a FileHandler with the resident
 * set sampled every million, and a slow user `WritableStream` showing the sink's buffer bound.
 *
 * @module
 */

import { join } from "node:path";
import { FileHandler, Formatter, getLogger, INFO, type LogRecord, StreamHandler } from "../mod.ts";
import { gc, heapUsed, rss } from "./harness.ts";
import { A1, A2, A3, FORMAT, MSG, NAME } from "./workload.ts";

const MB = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;

/** Runs both checks and returns their report (Markdown). */
export async function memoryBench(dir: string, notes: string[]): Promise<string> {
  const out: string[] = [];
  const log = getLogger(NAME + ".memory");
  log.setLevel(INFO);
  log.propagate = false;

  // 10 million records to a file (the file is /dev/null where there is one: 10 M lines are ~880 MB)
  let path = "/dev/null";
  try {
    new FileHandler(path, "a").close();
  } catch {
    path = join(dir, "memory.log");
    notes.push("memory: /dev/null unavailable, wrote to a temp file");
  }
  const h = new FileHandler(path, "a");
  h.setFormatter(new Formatter(FORMAT));
  log.addHandler(h);
  const samples: number[] = [];
  /** The heap after a full collection at each million: what is retained, whatever RSS does. */
  const heaps: number[] = [];
  let gcMs = 0;
  const t0 = performance.now();
  for (let m = 0; m < 10; m++) {
    for (let i = 0; i < 1_000_000; i++) log.info(MSG, A1, A2, A3);
    await new Promise((r) => setTimeout(r, 0));
    samples.push(rss());
    const g0 = performance.now();
    if (gc()) heaps.push(heapUsed());
    gcMs += performance.now() - g0;
  }
  const secs = (performance.now() - t0 - gcMs) / 1000;
  log.removeHandler(h);
  h.close();
  const warm = samples.slice(2);
  const growth = warm[warm.length - 1] - warm[0];
  const lateGrowth = samples[9] - samples[4];
  out.push(
    `10,000,000 records → FileHandler(${path}) in ${secs.toFixed(1)} s; RSS after each million: ` +
      samples.map(MB).join(", ") +
      `; growth after warm-up (millions 3→10): ${MB(growth)} ` +
      `(${growth <= 16 * 1048576 ? "flat" : "**growing**"}); millions 5→10: ${MB(lateGrowth)} ` +
      `(${lateGrowth <= 16 * 1048576 ? "flat" : "**growing**"})`,
  );
  if (heaps.length === samples.length) {
    const retained = heaps[heaps.length - 1] - heaps[2];
    out.push(
      `Heap after a full collection at each million: ${heaps.map(MB).join(", ")}; ` +
        `retained growth (millions 3→10): ${MB(retained)} ` +
        `(${retained <= 16 * 1048576 ? "flat: nothing retained" : "**growing: retained**"})`,
    );
  }

  // A slow stream: 5 ms per chunk, while 3 million records are logged as fast as possible
  let dropped = 0;
  let written = 0;
  let error = "";
  const slow = new WritableStream<string>({
    async write(chunk): Promise<void> {
      written += chunk.length;
      await new Promise((r) => setTimeout(r, 5));
    },
  });
  const sh = new StreamHandler(slow);
  sh.setFormatter(new Formatter(FORMAT));
  sh.handleError = (_r: LogRecord, e?: unknown): void => {
    dropped++;
    error ||= String((e as Error)?.message ?? e);
  };
  log.addHandler(sh);
  gc();
  const before = rss();
  let peak = before;
  for (let m = 0; m < 30; m++) {
    for (let i = 0; i < 100_000; i++) log.info(MSG, A1, A2, A3);
    await new Promise((r) => setTimeout(r, 0));
    peak = Math.max(peak, rss());
  }
  log.removeHandler(sh);
  const duringLogging = written;
  await sh.flush(); // whatever is still buffered reaches the stream
  await sh.close();
  const total = written;
  written = duringLogging;
  // Retained or only not yet collected? After a full collection RSS should fall back.
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const after = rss();
  out.push(
    `Slow WritableStream (5 ms per chunk), 3,000,000 records logged: ${
      written.toLocaleString("en")
    } ` +
      `characters reached the stream while logging, RSS ${MB(before)} → peak ${MB(peak)} → ` +
      `${MB(after)} once flushed and collected; no bound by default (every record kept until ` +
      `the stream takes it, ${total.toLocaleString("en")} characters in all), ` +
      `${dropped} reports${error ? `: "${error}"` : ""}`,
  );
  return out.join("\n\n");
}
