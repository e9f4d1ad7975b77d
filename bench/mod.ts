/**
 * The benchmarks of issue 4, each figure next to its in-run reference and the ratio.
 *
 * Run: `deno task bench` (Deno), `bun bench/mod.ts` (Bun), `npm run bench` (both, one after the
 * other). Options: `--only=format,disabled,file,json,redact,caller,otel,context` runs those sections; `--memory` adds the 10-million-record resident-set check and the slow-stream
 * bound (a few minutes); `--no-python` skips CPython's rows; `--quick` takes fewer samples.
 *
 * @module
 */

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEBUG,
  FileHandler,
  Formatter,
  getLogger,
  Handler,
  INFO,
  LogRecord,
  setCallerInfo,
  shutdown,
  StreamHandler,
} from "../mod.ts";
import { callerInfoWanted, type CallSite } from "../caller.ts";
import {
  blackhole,
  bytesPerCall,
  compare,
  compareAsync,
  gc,
  median,
  ns,
  ratio,
  type Row,
  RUNTIME,
} from "./harness.ts";
import {
  havePython,
  pythonCallFigures,
  type PythonFigures,
  pythonFigures,
  pythonVersion,
} from "./python.ts";
import {
  A1,
  A2,
  A3,
  floorLine,
  FloorRecord,
  FloorWriter,
  FORMAT,
  FORMAT_BRACE,
  FORMAT_CALLER,
  FORMAT_DOLLAR,
  FormatOnly,
  LINE_RE,
  MSG,
  NAME,
  semanticFormat,
} from "./workload.ts";
import { memoryBench } from "./memory.ts";
import { benchContext } from "./context.ts";
import { benchOtel } from "./otel.ts";
import { benchJson } from "./json.ts";
import { benchRedact } from "./redact.ts";

const argv: string[] = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2);
const QUICK = argv.includes("--quick");
const ROUNDS = QUICK ? 7 : 21;
const RECORDS = 200_000;

const rows: Row[] = [];

/** Issue 22's target for the `%` row: ≤ 1.5× the floor on Deno, ≤ 1.1× on Bun and Node. */
const IS_DENO = RUNTIME.startsWith("Deno");
const FORMAT_TARGET = IS_DENO ? 1.5 : 1.1;
const notes: string[] = [];

function row(r: Row): void {
  rows.push(r);
  const mark = r.met === null ? " " : r.met ? "✓" : "✗";
  console.error(`${mark} ${r.figure}: ${r.value} vs ${r.reference} → ${r.ratio} (${r.target})`);
}

const dir = mkdtempSync(join(tmpdir(), "pylog-bench-"));
const log = getLogger(NAME);
log.setLevel(INFO);
log.propagate = false;

// ---------------------------------------------------------------------------------------------
// 1. Format hot path: Formatter.format of a prepared record
// ---------------------------------------------------------------------------------------------

function prepared(): LogRecord {
  return new LogRecord(NAME, INFO, "/srv/app.ts", 1, MSG, [A1, A2, A3], null);
}

function benchFormat(): number {
  const rec = prepared();
  const createdMs = rec.created * 1000;
  const floor = (n: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const args = rec.args as unknown[];
      s += floorLine(
        createdMs,
        rec.levelname,
        rec.name,
        args[0] as string,
        args[1] as string,
        args[2] as number,
      ).length;
    }
    return s;
  };
  const loopOf = (f: Formatter) => (n: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += f.format(rec).length;
    return s;
  };
  const pct = new Formatter(FORMAT);
  const brace = new Formatter(FORMAT_BRACE, null, "{");
  const dollar = new Formatter(FORMAT_DOLLAR, null, "$");
  const dollarRec = prepared();
  dollarRec.levelname = "INFO    "; // `$` cannot pad: the same output with a padded level name
  dollarRec.created = rec.created;
  dollarRec.msecs = rec.msecs;
  const dollarLoop = (n: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += dollar.format(dollarRec).length;
    return s;
  };
  const expected = pct.format(rec);
  if (brace.format(rec) !== expected || dollar.format(dollarRec) !== expected) {
    throw new Error(
      `styles disagree: ${expected} / ${brace.format(rec)} / ${dollar.format(dollarRec)}`,
    );
  }
  const floorText = floorLine(createdMs, "INFO", NAME, A1, A2, A3);
  if (floorText !== expected) throw new Error(`floor differs: ${floorText} / ${expected}`);

  const semRec = new FloorRecord(NAME, INFO, "INFO", MSG, [A1, A2, A3], createdMs, 0);
  semRec.msecs = rec.msecs;
  if (semanticFormat(semRec) !== expected) {
    throw new Error(`semantic floor differs: ${semanticFormat(semRec)} / ${expected}`);
  }
  const semLoop = (n: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += semanticFormat(semRec).length;
    return s;
  };

  const n = 20_000;
  const c = compare(floor, loopOf(pct), n, ROUNDS);
  row({
    figure: "format `%` (Formatter.format, prepared record)",
    reference: `floor ${ns(c.ref)}`,
    value: ns(c.sub),
    ratio: ratio(c.ratio),
    target: `≤ ${FORMAT_TARGET}× floor`,
    met: c.ratio <= FORMAT_TARGET,
  });
  const sf = compare(floor, semLoop, n, ROUNDS);
  row({
    figure:
      "semantic floor of `%` (no library: `msg % args`, `asctime` set on the record, line read from it)",
    reference: `floor ${ns(sf.ref)}`,
    value: ns(sf.sub),
    ratio: ratio(sf.ratio),
    target: "(reference: the least Python's `%` needs)",
    met: null,
  });
  const sl = compare(semLoop, loopOf(pct), n, ROUNDS);
  row({
    figure: "format `%` against its semantic floor",
    reference: `semantic floor ${ns(sl.ref)}`,
    value: ns(sl.sub),
    ratio: ratio(sl.ratio),
    target: "≤ 1.25× semantic floor",
    met: sl.ratio <= 1.25,
  });
  const b = compare(loopOf(pct), loopOf(brace), n, ROUNDS);
  row({
    figure: "format `{` style",
    reference: `\`%\` ${ns(b.ref)}`,
    value: ns(b.sub),
    ratio: ratio(b.ratio),
    target: "≤ 1.5× `%`",
    met: b.ratio <= 1.5,
  });
  const d = compare(loopOf(pct), dollarLoop, n, ROUNDS);
  row({
    figure: "format `$` style",
    reference: `\`%\` ${ns(d.ref)}`,
    value: ns(d.sub),
    ratio: ratio(d.ratio),
    target: "≤ 1.5× `%`",
    met: d.ratio <= 1.5,
  });
  return c.sub;
}

// ---------------------------------------------------------------------------------------------
// 2. Disabled call: log.debug(...) at INFO
// ---------------------------------------------------------------------------------------------

let threshold = INFO; // a variable, so the bare check cannot be folded away
let sideEffect = 0;
function bareSink(_m: string, _a: string, _b: string, _c: number): void {
  sideEffect++;
}

function benchDisabled(): number {
  const bare = (n: number): number => {
    for (let i = 0; i < n; i++) {
      if (DEBUG >= threshold) bareSink(MSG, A1, A2, A3);
    }
    return sideEffect;
  };
  const subject = (n: number): number => {
    for (let i = 0; i < n; i++) log.debug(MSG, A1, A2, A3);
    return 0;
  };
  threshold = INFO;
  const c = compare(bare, subject, 2_000_000, ROUNDS);
  row({
    figure: "disabled log.debug(...) at INFO",
    reference: `bare level check ${ns(c.ref)}`,
    value: ns(c.sub),
    ratio: `+${ns(c.diff)}`,
    target: "≤ +3 ns",
    met: c.diff <= 3,
  });
  const canGc = gc();
  const bytes = bytesPerCall(subject, 100_000);
  const bareBytes = bytesPerCall(bare, 100_000);
  row({
    figure: "disabled call: bytes allocated per call",
    reference: `bare check ${bareBytes.toFixed(1)} B`,
    value: `${bytes.toFixed(1)} B`,
    ratio: "",
    target: "0 (no allocation)",
    met: canGc ? bytes < 1 : null,
  });
  if (!canGc) {
    notes.push("allocation measured without a forced GC (run with --v8-flags=--expose-gc)");
  }
  return c.sub;
}

// ---------------------------------------------------------------------------------------------
// 3. End to end: a FileHandler, and a discarding WritableStream
// ---------------------------------------------------------------------------------------------

function lines(text: string): string[] {
  const out = text.split("\n");
  if (out[out.length - 1] === "") out.pop();
  return out;
}

function checkLines(text: string, what: string): void {
  const ls = lines(text);
  if (ls.length !== RECORDS) throw new Error(`${what}: ${ls.length} lines, not ${RECORDS}`);
  for (const l of ls) if (!LINE_RE.test(l)) throw new Error(`${what}: bad line ${l}`);
}

let fileRound = 0;

function floorFile(): Promise<number> {
  const path = join(dir, `floor-${fileRound++}.log`);
  const t0 = performance.now();
  const fd = openSync(path, "w");
  const w = new FloorWriter((bytes) => {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  });
  for (let i = 0; i < RECORDS; i++) w.write(floorLine(Date.now(), "INFO", NAME, A1, A2, A3) + "\n");
  w.flush();
  closeSync(fd);
  const ms = performance.now() - t0;
  checkLines(readFileSync(path, "utf8"), "floor");
  rmSync(path);
  return Promise.resolve(ms);
}

async function libFile(): Promise<number> {
  const path = join(dir, `lib-${fileRound++}.log`);
  const t0 = performance.now();
  const h = new FileHandler(path, "w");
  h.setFormatter(new Formatter(FORMAT));
  log.addHandler(h);
  for (let i = 0; i < RECORDS; i++) log.info(MSG, A1, A2, A3);
  await shutdown();
  const ms = performance.now() - t0;
  log.removeHandler(h);
  checkLines(readFileSync(path, "utf8"), "FileHandler");
  rmSync(path);
  return ms;
}

const floorStart = Date.now();

/** The file floor with the semantic floor's record and formatting (see `semanticFormat`). */
function semanticFloorFile(): Promise<number> {
  const path = join(dir, `semantic-${fileRound++}.log`);
  const t0 = performance.now();
  const fd = openSync(path, "w");
  const w = new FloorWriter((bytes) => {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  });
  for (let i = 0; i < RECORDS; i++) {
    const r = new FloorRecord(NAME, INFO, "INFO", MSG, [A1, A2, A3], Date.now(), floorStart);
    const line = semanticFormat(r) + "\n";
    // `errors="strict"`: an unencodable record raises for that record alone, so each is checked
    if (!line.isWellFormed()) throw new Error("lone surrogate");
    w.write(line);
  }
  w.flush();
  closeSync(fd);
  const ms = performance.now() - t0;
  checkLines(readFileSync(path, "utf8"), "semantic floor");
  rmSync(path);
  return Promise.resolve(ms);
}

/** A stream that drops everything, counting bytes. */
function discarding(counter: { bytes: number }): WritableStream<Uint8Array> {
  return new WritableStream<Uint8Array>({
    write(chunk): void {
      counter.bytes += chunk.length;
    },
  });
}

const BURST = 10_000; // records logged between two yields to the event loop
const expectedBytes = () => (floorLine(Date.now(), "INFO", NAME, A1, A2, A3).length + 1) * RECORDS;
const yieldToLoop = () => new Promise<void>((r) => setTimeout(r, 0));

async function floorStream(): Promise<number> {
  const counter = { bytes: 0 };
  const t0 = performance.now();
  const writer = discarding(counter).getWriter();
  const w = new FloorWriter((bytes) => void writer.write(bytes.slice()));
  for (let i = 0; i < RECORDS; i++) {
    w.write(floorLine(Date.now(), "INFO", NAME, A1, A2, A3) + "\n");
    if ((i + 1) % BURST === 0) {
      w.flush();
      await yieldToLoop();
    }
  }
  w.flush();
  await writer.close();
  const ms = performance.now() - t0;
  if (counter.bytes !== expectedBytes()) throw new Error(`floor stream lost bytes`);
  return ms;
}

async function libStream(): Promise<number> {
  const counter = { bytes: 0 };
  const t0 = performance.now();
  const h = new StreamHandler(discarding(counter), { encoding: "utf-8" });
  h.setFormatter(new Formatter(FORMAT));
  log.addHandler(h);
  for (let i = 0; i < RECORDS; i++) {
    log.info(MSG, A1, A2, A3);
    if ((i + 1) % BURST === 0) await yieldToLoop();
  }
  await shutdown();
  const ms = performance.now() - t0;
  log.removeHandler(h);
  if (counter.bytes !== expectedBytes()) {
    throw new Error(`stream lost records: ${counter.bytes} of ${expectedBytes()} bytes`);
  }
  return ms;
}

async function benchEndToEnd(): Promise<number> {
  const rounds = QUICK ? 3 : 7;
  const f = await compareAsync(floorFile, libFile, rounds);
  const rps = (ms: number) => `${(RECORDS / ms / 1000).toFixed(2)}M rec/s`;
  row({
    figure: `${RECORDS.toLocaleString("en")} × log.info → FileHandler, until shutdown()`,
    reference: `floor ${rps(f.ref)}`,
    value: rps(f.sub),
    ratio: ratio(f.ratio),
    target: "≥ 0.85× floor, every line checked",
    met: f.ratio >= 0.85,
  });
  const sf = await compareAsync(floorFile, semanticFloorFile, rounds);
  row({
    figure: "semantic file floor (no library: a record per call, formatted as the semantic floor)",
    reference: `floor ${rps(sf.ref)}`,
    value: rps(sf.sub),
    ratio: ratio(sf.ratio),
    target: "(reference: the least Python's record and `%` need)",
    met: null,
  });
  const sl = await compareAsync(semanticFloorFile, libFile, rounds);
  row({
    figure: `${
      RECORDS.toLocaleString("en")
    } × log.info → FileHandler, against the semantic file floor`,
    reference: `semantic floor ${rps(sl.ref)}`,
    value: rps(sl.sub),
    ratio: ratio(sl.ratio),
    target: "≥ 0.85× semantic floor",
    met: sl.ratio >= 0.85,
  });
  const s = await compareAsync(floorStream, libStream, rounds);
  row({
    figure: `${RECORDS.toLocaleString("en")} × log.info → discarding WritableStream`,
    reference: `floor ${rps(s.ref)}`,
    value: rps(s.sub),
    ratio: ratio(s.ratio),
    target: "≥ 0.7× floor, every byte counted",
    met: s.ratio >= 0.7,
  });
  return (f.sub * 1e6) / RECORDS;
}

// ---------------------------------------------------------------------------------------------
// 4. Caller fields (last: once a formatter reads caller fields, every logger captures stacks)
// ---------------------------------------------------------------------------------------------

// deno-lint-ignore no-explicit-any
const ErrorCtor = Error as any;
const returnSites = (_e: unknown, sites: unknown): unknown => sites;

/** The structured call sites of the `limit` frames above `boundary`, with no library code. */
function sitesAbove(boundary: unknown, limit: number): CallSite[] {
  const savedPrepare = ErrorCtor.prepareStackTrace;
  const savedLimit = ErrorCtor.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    ErrorCtor.prepareStackTrace = returnSites;
    ErrorCtor.stackTraceLimit = limit;
    ErrorCtor.captureStackTrace(holder, boundary);
    return holder.stack as CallSite[];
  } finally {
    ErrorCtor.prepareStackTrace = savedPrepare;
    ErrorCtor.stackTraceLimit = savedLimit;
  }
}

/** The bare cost of one caller lookup: one structured frame above this function, read once. */
function oneFrameCapture(): number {
  const site = sitesAbove(oneFrameCapture, 1)[0];
  return site.getFileName()!.length + site.getLineNumber()! + (site.getFunctionName() ?? "").length;
}

/**
 * The frames a caller lookup with Python's semantics must capture above the logging method for
 * the default `stacklevel`: one, plus the frame below on Deno, whose call sites do not tell
 * module-level code from a nameless function (Bun marks nameless functions, Node and workerd tell
 * where a site's enclosing function starts).
 */
const PY_FLOOR_FRAMES = "Deno" in globalThis ? 2 : 1;
/** A library folder no frame of the bench lies in: the floor's library-frame test must run. */
const PY_FLOOR_LIBRARY = "file:///nonexistent/library/";

/**
 * The least a caller lookup with Python's semantics costs, no library code: this function stands
 * for the logging method (the capture starts above its own frame), the first site is tested
 * against a library folder, its file, line and function name are read once and the file name
 * derived from the path, as `%(filename)s` needs.
 */
function pythonMinimumCapture(): number {
  const site = sitesAbove(pythonMinimumCapture, PY_FLOOR_FRAMES)[0];
  const file = site.getFileName()!;
  if (file.startsWith(PY_FLOOR_LIBRARY)) return 0;
  const line = site.getLineNumber()!;
  const func = site.getFunctionName() || "<lambda>";
  return file.slice(file.lastIndexOf("/") + 1).length + line + func.length;
}

function benchCaller(): { plain: number; caller: number } {
  const h = new FormatOnly();
  h.setFormatter(new Formatter(FORMAT));
  const l = getLogger(NAME + ".plain");
  l.propagate = false;
  l.addHandler(h);
  const plainLoop = (mode: "auto" | "never") => (n: number): number => {
    setCallerInfo(mode);
    for (let i = 0; i < n; i++) l.info(MSG, A1, A2, A3);
    setCallerInfo("auto");
    return h.total;
  };
  const n = 20_000;
  const wanted = callerInfoWanted();
  const forced = (n: number): number => {
    setCallerInfo("always");
    for (let i = 0; i < n; i++) l.info(MSG, A1, A2, A3);
    setCallerInfo("auto");
    return h.total;
  };
  const nothing = compare(forced, plainLoop("auto"), n, ROUNDS);
  row({
    figure: "plain format: log.info(...) (no caller fields read)",
    reference: `same call capturing a stack ${ns(nothing.ref)}`,
    value: ns(nothing.sub),
    ratio: ratio(nothing.ratio),
    target: "no stack captured",
    met: !wanted,
  });

  // Now a formatter that reads caller fields exists: from here on, `auto` captures stacks.
  const hc = new FormatOnly();
  hc.setFormatter(new Formatter(FORMAT_CALLER));
  const lc = getLogger(NAME + ".caller");
  lc.propagate = false;
  lc.addHandler(hc);
  const probe = new Formatter(FORMAT_CALLER);
  let line = "";
  const ph = new (class extends Handler {
    override emit(r: LogRecord): void {
      line = probe.format(r);
    }
  })();
  lc.addHandler(ph);
  lc.info(MSG, A1, A2, A3);
  lc.removeHandler(ph);
  if (!/ mod\.ts:\d+ benchCaller: /.test(line)) throw new Error(`caller fields wrong: ${line}`);
  const callerLoop = (n: number): number => {
    for (let i = 0; i < n; i++) lc.info(MSG, A1, A2, A3);
    return hc.total;
  };
  // `never` here is the state of a program whose formatters read no caller field
  const c = compare(plainLoop("never"), callerLoop, n, ROUNDS);
  row({
    figure: "caller format (`%(filename)s:%(lineno)d %(funcName)s`): log.info(...)",
    reference: `plain format ${ns(c.ref)}`,
    value: ns(c.sub),
    ratio: ratio(c.ratio),
    target: "≤ 4× plain",
    met: c.ratio <= 4,
  });
  // The runtime's floor for any caller lookup: capture one frame above a function and read its
  // file, line and function name (nothing of the library). If this alone exceeds 3× a plain call,
  // no implementation reaches "≤ 4× plain".
  const floorLoop = (n: number): number => {
    let t = 0;
    for (let i = 0; i < n; i++) t += oneFrameCapture();
    return t;
  };
  const f = compare(plainLoop("never"), floorLoop, n, ROUNDS);
  row({
    figure: "runtime floor: capture 1 frame, read file/line/function (no library)",
    reference: `plain format ${ns(f.ref)}`,
    value: ns(f.sub),
    ratio: ratio(f.ratio),
    target: "(reference: ≤ 3× leaves room for 4×)",
    met: f.ratio <= 3,
  });
  // Issue 22's target, library ÷ floor, from the same run: the caller row against the floor row
  const byFloor = c.sub / f.sub;
  row({
    figure: "caller format log.info ÷ runtime floor",
    reference: `floor ${ns(f.sub)}`,
    value: ns(c.sub),
    ratio: ratio(byFloor),
    target: "≤ 1.25× floor (issue 22)",
    met: byFloor <= 1.25,
  });
  // What Python's semantics need at least, with no library code, and the call around it: the
  // caller fields' own cost (caller format - plain format, same rounds) against that minimum.
  const pyLoop = (n: number): number => {
    let t = 0;
    for (let i = 0; i < n; i++) t += pythonMinimumCapture();
    return t;
  };
  const m = compare(floorLoop, pyLoop, n, ROUNDS);
  row({
    figure: `floor with Python's semantics: capture above a method (${PY_FLOOR_FRAMES} frame${
      PY_FLOOR_FRAMES > 1 ? "s" : ""
    }), library-frame test, file/line/function, filename (no library)`,
    reference: `runtime floor ${ns(m.ref)}`,
    value: ns(m.sub),
    ratio: ratio(m.ratio),
    target: "(reference)",
    met: null,
  });
  const added = c.sub - c.ref;
  row({
    figure: "caller fields' own cost: caller format − plain format (same rounds)",
    reference: `Python-semantics floor ${ns(m.sub)}`,
    value: ns(added),
    ratio: ratio(added / m.sub),
    target: "(proposed) ≤ 1.25× that floor",
    met: added / m.sub <= 1.25,
  });
  return { plain: c.ref, caller: c.sub };
}

// ---------------------------------------------------------------------------------------------

function table(): string {
  const out = [
    `${RUNTIME} — ${new Date().toISOString().slice(0, 10)}`,
    "",
    "| figure | reference (same run) | measured | ratio | target | met |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const met = r.met === null ? "n/a" : r.met ? "yes" : "**no**";
    out.push(`| ${r.figure} | ${r.reference} | ${r.value} | ${r.ratio} | ${r.target} | ${met} |`);
  }
  return out.join("\n");
}

function pythonTable(py: PythonFigures | null, ours: Record<string, number>): string {
  if (py === null) return "CPython rows skipped (see the note below).";
  const out = [
    `| workload | CPython ${
      pythonVersion() ?? "?"
    } (\`python3 -m timeit\`) | this library | speed-up |`,
    "|---|---|---|---|",
  ];
  const add = (what: string, p: number | null, o: number | undefined) => {
    if (o === undefined) return; // a section not run (--only)
    out.push(
      `| ${what} | ${p === null ? "failed" : ns(p)} | ${ns(o)} | ${
        p === null ? "" : ratio(p / o)
      } |`,
    );
  };
  add("Formatter.format, prepared record", py.format, ours.format);
  add("log.info → FileHandler, per record", py.file, ours.file);
  add("disabled log.debug", py.disabled, ours.disabled);
  add("log.info, formatted, plain format", py.callPlain, ours.plain);
  add("log.info, formatted, caller format", py.callCaller, ours.caller);
  return out.join("\n");
}

async function main(): Promise<void> {
  console.error(`# @pylog/logging benchmarks on ${RUNTIME}`);
  const ours: Record<string, number> = {};
  // --only=format,disabled,file,caller,otel runs those sections alone (and no CPython rows)
  const only = argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
  const run = (name: string) => only === undefined || only.includes(name);
  if (run("format")) ours.format = benchFormat();
  if (run("disabled")) ours.disabled = benchDisabled();
  if (run("file")) ours.file = await benchEndToEnd();
  if (run("context")) benchContext(row, ROUNDS); // before anything binds a context value
  if (run("json")) await benchJson(dir, QUICK ? 3 : 7, row, notes);
  if (run("redact")) await benchRedact(dir, QUICK ? 3 : 5, row, notes);
  if (run("caller")) {
    const caller = benchCaller();
    ours.plain = caller.plain;
    ours.caller = caller.caller;
  }
  if (run("otel")) await benchOtel(row, ROUNDS);
  let py: PythonFigures | null = null;
  if (only !== undefined) {
    // --only=caller keeps CPython's two call rows (the caller target is "faster than CPython")
    if (only.includes("caller") && !argv.includes("--no-python") && havePython()) {
      const { callPlain, callCaller } = pythonCallFigures();
      py = { format: null, file: null, disabled: null, callPlain, callCaller };
      notes.push(`only ${only.join(", ")}: CPython's other rows skipped`);
    } else notes.push(`only ${only.join(", ")}: CPython rows skipped`);
  } else if (!argv.includes("--no-python")) {
    if (havePython()) py = pythonFigures(join(dir, "python.log"));
    else notes.push("python3 not found: CPython rows skipped");
  } else notes.push("CPython rows skipped (--no-python)");
  let memory = "";
  if (argv.includes("--memory")) memory = await memoryBench(dir, notes);
  rmSync(dir, { recursive: true, force: true });
  console.log(table());
  console.log("");
  console.log(pythonTable(py, ours));
  if (memory) console.log("\n" + memory);
  for (const n of notes) console.log(`\nNote: ${n}`);
  if (blackhole === 0.5) console.log(median([blackhole])); // keeps results alive
}

await main();
