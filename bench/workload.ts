/**
 * The workload of the benchmarks (issue 4) and its "floor": the same output produced with no
 * library, by a template literal whose date prefix is cached per second.
 *
 * @module
 */

import { Handler, type LogRecord } from "../mod.ts";

/** The logger name. */
export const NAME = "app.db";
/** The format every figure uses. */
export const FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s";
/** The same format in the `{` style. */
export const FORMAT_BRACE = "{asctime} {levelname:<8} {name}: {message}";
/** The same format in the `$` style (`$` has no padding: the level name is padded in the template). */
export const FORMAT_DOLLAR = "${asctime} ${levelname} ${name}: ${message}";
/** The format with caller fields. */
export const FORMAT_CALLER =
  "%(asctime)s %(levelname)-8s %(name)s %(filename)s:%(lineno)d %(funcName)s: %(message)s";
/** The message and its arguments. */
export const MSG = "user %s logged in from %s after %d ms";
/** The arguments. */
export const A1 = "alice";
/** The arguments. */
export const A2 = "10.0.0.1";
/** The arguments. */
export const A3 = 42;
/** A line as it must come out, after the 23 characters of the date. */
export const LINE_TAIL = " INFO     app.db: user alice logged in from 10.0.0.1 after 42 ms";
/** Every output line matches this. */
export const LINE_RE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO {5}app\.db: user alice logged in from 10\.0\.0\.1 after 42 ms$/;

function pad2(n: number): string {
  return n < 10 ? "0" + n : "" + n;
}

/** The floor's per-second date cache. */
let floorSecond = NaN;
let floorPrefix = "";

/** `YYYY-MM-DD HH:MM:SS` in local time for a whole second, cached per second. */
export function floorDate(second: number): string {
  if (second !== floorSecond) {
    const d = new Date(second * 1000);
    floorPrefix = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${
      pad2(d.getHours())
    }:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
    floorSecond = second;
  }
  return floorPrefix;
}

/** The floor: the formatted line for a record created at `createdMs`, without the newline. */
export function floorLine(
  createdMs: number,
  levelname: string,
  name: string,
  a: string,
  b: string,
  c: number,
): string {
  const second = Math.floor(createdMs / 1000);
  const ms = Math.floor(createdMs - second * 1000);
  return `${floorDate(second)},${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms} ${
    levelname.padEnd(8)
  } ${name}: user ${a} logged in from ${b} after ${c} ms`;
}

/** The floor of writing: lines batched into 64 KiB, encoded into one reusable buffer. */
export class FloorWriter {
  #text = "";
  readonly #buf = new Uint8Array(65536 * 3 + 16);
  readonly #enc = new TextEncoder();
  readonly #out: (bytes: Uint8Array) => void;
  /** Sends each encoded batch to `out` (which must use the bytes before returning). */
  constructor(out: (bytes: Uint8Array) => void) {
    this.#out = out;
  }
  /** Appends a line. */
  write(line: string): void {
    this.#text += line;
    if (this.#text.length >= 65536) this.flush();
  }
  /** Writes the batch. */
  flush(): void {
    if (this.#text.length === 0) return;
    const { written } = this.#enc.encodeInto(this.#text, this.#buf);
    this.#text = "";
    this.#out(this.#buf.subarray(0, written));
  }
}

/** A handler that formats and drops the text: the cost of a call without any I/O. */
export class FormatOnly extends Handler {
  total = 0;
  override emit(record: LogRecord): void {
    this.total += this.format(record).length;
  }
}

/** The record of the semantic floor: Python's `LogRecord` attributes, as plain fields. */
export class FloorRecord {
  name: string;
  msg: string;
  args: readonly unknown[];
  levelname: string;
  levelno: number;
  pathname = "(unknown file)";
  filename = "(unknown file)";
  module = "Unknown module";
  lineno = 0;
  funcName: string | null = null;
  exc_info: null = null;
  exc_text: null = null;
  stack_info: null = null;
  created: number;
  msecs: number;
  relativeCreated: number;
  thread = 0;
  threadName = "MainThread";
  processName = "MainProcess";
  process: number | null = null;
  taskName: string | null = null;
  message = "";
  asctime = "";
  /** A record made at `nowMs` (Python: `time.time()`), as the logger makes one per call. */
  constructor(
    name: string,
    levelno: number,
    levelname: string,
    msg: string,
    args: readonly unknown[],
    nowMs: number,
    startMs: number,
  ) {
    this.name = name;
    this.msg = msg;
    this.args = args;
    this.levelname = levelname;
    this.levelno = levelno;
    this.created = nowMs / 1000;
    this.msecs = nowMs % 1000;
    this.relativeCreated = nowMs - startMs;
  }
}

/** Python's `str()` of a `%s` argument, for the types the workload passes. */
function pyS(v: unknown): string {
  return typeof v === "string" ? v : String(v);
}

/** Python's `%d` of an argument: an integer's digits (a float is truncated; text is an error). */
function pyD(v: unknown): string {
  if (typeof v === "number") return "" + (Number.isInteger(v) ? v : Math.trunc(v));
  throw new TypeError("%d format: a real number is required, not " + typeof v);
}

/**
 * The semantic floor's `asctime` for a record of second `second` and millisecond `ms`: the
 * floor's date prefix (cached per second) and the milliseconds, the text cached per millisecond.
 */
export function semanticAsctime(second: number, ms: number): string {
  if (ms !== semMs || second !== semSecond) {
    semMs = ms;
    semSecond = second;
    semText = floorDate(second) + (ms < 10 ? ",00" : ms < 100 ? ",0" : ",") + ms;
  }
  return semText;
}

let semMs = -1;
let semSecond = NaN;
let semText = "";

/**
 * The semantic floor of `Formatter.format` for the workload's format and message (no library
 * code): the least Python's semantics ask for this record, written out by hand as code generated
 * for this one format would be (edge runtimes forbid generating code, so no library can do this
 * for a format known only at run time):
 * 1. `record.message = msg % args`: the message's literal pieces joined with `str(a1)`,
 *    `str(a2)` and the integer check and digits of `%d` for a3;
 * 2. `record.asctime`: the date prefix cached per second (as the floor) and the text with
 *    milliseconds cached per millisecond;
 * 3. the line: `fmt % record.__dict__`: `asctime`, `levelname` padded to 8, `name` and `message`
 *    read back from the record, joined with the format's literal pieces.
 * The template-literal floor skips the message as a string of its own, the two writes to the
 * record and the reads back; the library adds to this floor the reading of the format and the
 * message as data (both are strings known only at run time) and Python's checks.
 */
export function semanticFormat(record: FloorRecord): string {
  const args = record.args;
  if (args.length !== 3) {
    throw new TypeError("not all arguments converted during string formatting");
  }
  record.message = "user " + pyS(args[0]) + " logged in from " + pyS(args[1]) + " after " +
    pyD(args[2]) + " ms";
  const createdMs = record.created * 1000;
  record.asctime = semanticAsctime(Math.floor(createdMs / 1000), Math.floor(record.msecs));
  const level = record.levelname;
  return record.asctime + " " + (level.length < 8 ? level.padEnd(8) : level) + " " +
    record.name + ": " + record.message;
}
