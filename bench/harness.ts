/**
 * Timing helpers for the benchmarks: many short interleaved samples of a reference and a subject,
 * reported as medians and as the median (and best) ratio, so that a shared, noisy machine moves both
 * sides of a ratio together. Nothing here asserts anything.
 *
 * @module
 */

/** A measured loop: runs its body `n` times and returns something derived from the work. */
export type Loop = (n: number) => number;

/** Where loop results go, so no engine can discard the work. */
export let blackhole = 0;

/** The runtime running the benchmarks. */
export const RUNTIME: string = (() => {
  const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (g.Bun) return `Bun ${g.Bun.version}`;
  if (g.Deno) return `Deno ${g.Deno.version.deno}`;
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  if (node?.node) return `Node ${node.node}`;
  return "unknown";
})();

/** Nanoseconds per iteration of `loop` run `n` times. */
export function nsPer(loop: Loop, n: number): number {
  const t0 = performance.now();
  blackhole ^= loop(n);
  return ((performance.now() - t0) * 1e6) / n;
}

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One row of the benchmark table bench/mod.ts prints (`met`: null where there is no target). */
export interface Row {
  figure: string;
  reference: string;
  value: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

/** The result of comparing a subject against its reference. */
export interface Comparison {
  /** Median nanoseconds per operation of the reference. */
  ref: number;
  /** Median nanoseconds per operation of the subject. */
  sub: number;
  /** Median of the per-round ratios subject / reference. */
  ratio: number;
  /** Best (lowest) per-round ratio. */
  best: number;
  /** Median of the per-round differences subject - reference, in ns. */
  diff: number;
}

/**
 * Runs `ref` and `sub` alternately, `rounds` times each after a warm-up, each sample long enough
 * (`n` iterations) to dwarf the timer's resolution.
 */
export function compare(ref: Loop, sub: Loop, n: number, rounds = 15): Comparison {
  for (let i = 0; i < 3; i++) {
    nsPer(ref, n);
    nsPer(sub, n);
  }
  const r: number[] = [];
  const s: number[] = [];
  const ratios: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // alternate which runs first, so neither always gets the warmer caches
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = nsPer(ref, n);
      b = nsPer(sub, n);
    } else {
      b = nsPer(sub, n);
      a = nsPer(ref, n);
    }
    r.push(a);
    s.push(b);
    ratios.push(b / a);
    diffs.push(b - a);
  }
  return {
    ref: median(r),
    sub: median(s),
    ratio: median(ratios),
    best: Math.min(...ratios),
    diff: median(diffs),
  };
}

/** The same as {@linkcode compare} for asynchronous samples that return their own duration in ms. */
export async function compareAsync(
  ref: () => Promise<number>,
  sub: () => Promise<number>,
  rounds = 5,
): Promise<{ ref: number; sub: number; ratio: number; best: number }> {
  await ref();
  await sub();
  const r: number[] = [];
  const s: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = await ref();
      b = await sub();
    } else {
      b = await sub();
      a = await ref();
    }
    r.push(a);
    s.push(b);
    ratios.push(a / b); // throughput ratio: subject speed / reference speed
  }
  return { ref: median(r), sub: median(s), ratio: median(ratios), best: Math.max(...ratios) };
}

/** Asks the engine for a full collection when it lets us (Deno with --expose-gc, Bun). */
export function gc(): boolean {
  const g = globalThis as { gc?: () => void; Bun?: { gc(sync: boolean): void } };
  if (typeof g.gc === "function") {
    g.gc();
    return true;
  }
  if (g.Bun) {
    g.Bun.gc(true);
    return true;
  }
  return false;
}

/** Bytes used on the JavaScript heap now. */
export function heapUsed(): number {
  return (globalThis as { process: { memoryUsage(): { heapUsed: number } } }).process
    .memoryUsage().heapUsed;
}

/** Resident set size now, in bytes. */
export function rss(): number {
  return (globalThis as { process: { memoryUsage(): { rss: number } } }).process.memoryUsage()
    .rss;
}

/**
 * Bytes allocated per call of `loop`'s body, estimated from the heap growth over `n` calls with no
 * collection in between (`n` is kept small enough for the young generation). The median of several
 * tries, so that a try interrupted by a collection does not count.
 */
export function bytesPerCall(loop: Loop, n: number, tries = 7): number {
  for (let i = 0; i < 5; i++) blackhole ^= loop(n); // optimise it first
  const per: number[] = [];
  for (let i = 0; i < tries; i++) {
    gc();
    const h0 = heapUsed();
    blackhole ^= loop(n);
    const h1 = heapUsed();
    per.push(Math.max(0, h1 - h0) / n);
  }
  return median(per);
}

/** Formats a number of nanoseconds. */
export function ns(x: number): string {
  return x >= 100 ? `${x.toFixed(0)} ns` : x >= 10 ? `${x.toFixed(1)} ns` : `${x.toFixed(2)} ns`;
}

/** Formats a ratio. */
export function ratio(x: number): string {
  return `${x.toFixed(2)}×`;
}
