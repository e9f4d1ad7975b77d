/**
 * `LogRecord`: one event being logged, with every attribute Python's has. This is the one place
 * where a record is built (`LogRecord`'s constructor, reached through the record factory).
 *
 * Caller fields (`pathname`, `filename`, `module`, `lineno`, `funcName`) are resolved lazily: the
 * logger hands the record the call sites it captured (structured V8/JSC call sites, or a stack
 * string where the runtime has none) only when some formatter reads those fields (see
 * {@linkcode setCallerInfo}), and the caller's frame is looked up on first read.
 *
 * @module
 */

import { setOwn } from "./own_keys.ts";
import { percentFormat } from "./formatters/percent.ts";
import { pyStr } from "./formatters/repr.ts";
import { RECORD_ATTRIBUTES } from "./formatters/fields.ts";
import { filePath, parseStack, type StackFrame } from "./formatters/traceback.ts";
import { getLevelName } from "./levels.ts";
import { startTime, state } from "./state.ts";

/**
 * Python's `exc_info` tuple: `[type, value, traceback]`. For a JavaScript error the type is its
 * constructor, the value the error itself and the traceback its `stack` string; `[null, null, null]`
 * stands for Python's "no current exception" (`NoneType: None`).
 */
export type ExcInfo = readonly [type: unknown, value: unknown, traceback: string | null];

/** The positional arguments of a log call (a Python tuple), or a single mapping argument. */
export type LogArgs = readonly unknown[] | Readonly<Record<string, unknown>>;

const UNKNOWN_FILE = "(unknown file)";
const UNKNOWN_FUNCTION = "(unknown function)";

/** Lazily computed per-process constants (edge runtimes have no `process`). */
let processId: number | null | undefined;
function pid(): number | null {
  if (processId === undefined) {
    const p = (globalThis as { process?: { pid?: number } }).process;
    processId = typeof p?.pid === "number" ? p.pid : null;
  }
  return processId;
}

/** True for a plain object (`{...}`), the JavaScript counterpart of a Python mapping. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(value);
  } catch {
    return false; // a Proxy whose getPrototypeOf trap throws is no mapping
  }
  return proto === Object.prototype || proto === null;
}

/**
 * A record of one logging event, as Python's `logging.LogRecord`. Built by loggers through the record
 * factory; handlers and formatters read its attributes.
 *
 * @example
 * ```ts
 * import { INFO, LogRecord } from "@pylog/logging";
 * const r = new LogRecord("app", INFO, "/srv/app.ts", 3, "user %s", ["alice"], null);
 * r.getMessage(); // "user alice"
 * ```
 */
export class LogRecord {
  /** The logger's name. */
  name: string;
  /** The message, or any object whose `str()` is the message format. */
  msg: unknown;
  /** The arguments merged into `msg` with `%`: a tuple (array) or one mapping (plain object). */
  args: LogArgs | null;
  /** The level's name (`"INFO"`). */
  levelname: string;
  /** The numeric level. */
  levelno: number;
  /** Error information (`[type, value, stack]`) or `null`. */
  exc_info: ExcInfo | null;
  /** The formatted traceback, cached by the first formatter. */
  exc_text: string | null;
  /** The call stack when `stack_info` was requested, Python-shaped. */
  stack_info: string | null;
  /** Seconds since the epoch (Python's `time.time()`). */
  created: number;
  /** The millisecond part of `created`. */
  msecs: number;
  /** Milliseconds since the logging module started. */
  relativeCreated: number;
  /** Thread id: `0` for the main thread (JavaScript has no thread ids). */
  thread: number | null;
  /** `"MainThread"`, or the worker's name inside a Worker. */
  threadName: string | null;
  /** `"MainProcess"`. */
  processName: string | null;
  /** The process id where the runtime has one, else `null`. */
  process: number | null;
  /** Python 3.12's `taskName`: the name of the current task (`createTask`), else `null`. */
  taskName: string | null;
  /** The formatted message, set by `Formatter.format`. */
  declare message?: string;
  /** The formatted time, set by `Formatter.format` when the format uses it. */
  declare asctime?: string;
  /** Any other attribute, added through `extra` or by filters. */
  [key: string]: unknown;

  #pathname: string;
  #lineno: number;
  #funcName: string | null;
  /** Captured call sites (or a stack string) whose caller frame has not been looked up yet. */
  #stack: CallSite[] | string | undefined = undefined;
  #stacklevel = 1;
  #callerIndex = -1;

  /**
   * Builds a record as Python's `LogRecord(name, level, pathname, lineno, msg, args, exc_info,
   * func=None, sinfo=None)`. A single non-empty mapping argument becomes `args` itself.
   */
  constructor(
    name: string,
    level: number,
    pathname: string,
    lineno: number,
    msg: unknown,
    args: LogArgs | null,
    exc_info: ExcInfo | null,
    func: string | null = null,
    sinfo: string | null = null,
  ) {
    const now = Date.now();
    this.name = name;
    this.msg = msg;
    if (
      Array.isArray(args) && args.length === 1 && isMapping(args[0])
    ) {
      args = args[0] as Record<string, unknown>;
    }
    this.args = args;
    this.levelname = getLevelName(level) as string;
    this.levelno = level;
    this.#pathname = pathname;
    this.exc_info = exc_info;
    this.exc_text = null;
    this.stack_info = sinfo;
    this.#lineno = lineno;
    this.#funcName = func;
    this.created = now / 1000;
    this.msecs = now % 1000;
    this.relativeCreated = now - startTime();
    this.thread = 0;
    this.threadName = "MainThread";
    this.processName = "MainProcess";
    this.process = pid();
    const taskName = state.currentTaskName;
    this.taskName = taskName === undefined ? null : taskName();
  }

  /** The full path of the source file of the logging call. */
  get pathname(): string {
    if (this.#stack !== undefined) this.#resolveCaller();
    return this.#pathname;
  }
  set pathname(value: string) {
    this.#stack = undefined;
    this.#pathname = value;
  }
  /** The file name part of `pathname`. */
  get filename(): string {
    const p = this.pathname;
    if (typeof p !== "string") return p;
    return p.slice(p.lastIndexOf("/") + 1);
  }
  set filename(value: string) {
    Object.defineProperty(this, "filename", { value, writable: true, enumerable: true });
  }
  /** The file name without its extension. */
  get module(): string {
    const f = this.filename;
    if (typeof f !== "string") return "Unknown module";
    const dot = f.lastIndexOf(".");
    return dot > 0 ? f.slice(0, dot) : f;
  }
  set module(value: string) {
    Object.defineProperty(this, "module", { value, writable: true, enumerable: true });
  }
  /** The line number of the logging call. */
  get lineno(): number {
    if (this.#stack !== undefined) this.#resolveCaller();
    return this.#lineno;
  }
  set lineno(value: number) {
    this.#stack = undefined;
    this.#lineno = value;
  }
  /** The name of the function that made the logging call (`<module>` at top level). */
  get funcName(): string | null {
    if (this.#stack !== undefined) this.#resolveCaller();
    return this.#funcName;
  }
  set funcName(value: string | null) {
    this.#stack = undefined;
    this.#funcName = value;
  }

  /**
   * Attaches the stack captured inside the logging call (call sites from
   * {@linkcode captureCaller}, or a `new Error().stack` string) from which the caller fields are
   * resolved on first read, honouring Python's `stacklevel`. `callerIndex` is the caller's site
   * when the capture already found it (`-1`: search on first read).
   */
  setCallerStack(stack: CallSite[] | string, stacklevel = 1, callerIndex = -1): void {
    this.#stack = stack;
    this.#stacklevel = stacklevel;
    this.#callerIndex = callerIndex;
  }

  #resolveCaller(): void {
    const stack = this.#stack as CallSite[] | string;
    this.#stack = undefined;
    let frame: { file: string; line: number; func: string } | null = null;
    if (typeof stack === "string") frame = findCallerFrame(stack, this.#stacklevel);
    else {
      if (this.#callerIndex >= 0) frame = describeSite(stack, this.#callerIndex);
      frame ??= findCallerSite(stack, this.#stacklevel);
    }
    if (frame) {
      this.#pathname = frame.file;
      this.#lineno = frame.line;
      this.#funcName = frame.func;
    }
  }

  /**
   * Returns the message: `str(msg) % args` when there are arguments, else `str(msg)`.
   *
   * @example
   * ```ts
   * import { makeLogRecord } from "@pylog/logging";
   * makeLogRecord({ msg: "%d%%", args: [50] }).getMessage(); // "50%"
   * ```
   */
  getMessage(): string {
    const msg = this.msg;
    const args = this.args;
    const text = typeof msg === "string" ? msg : pyStr(msg);
    if (args === null || args === undefined) return text;
    if (Array.isArray(args) ? args.length === 0 : !pyTruthy(args)) return text;
    return percentFormat(text, args);
  }

  /** Python's `repr(record)`: `<LogRecord: name, levelno, pathname, lineno, "msg">`. */
  toString(): string {
    return `<LogRecord: ${this.name}, ${this.levelno}, ${this.pathname}, ${this.lineno}, "${
      pyStr(this.msg)
    }">`;
  }

  /** The record's attributes as a plain object, caller fields included (Python's `__dict__`). */
  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of RECORD_ATTRIBUTES) {
      if (key === "message" || key === "asctime") {
        if (key in this) out[key] = this[key];
      } else out[key] = this[key];
    }
    for (const key of Object.keys(this)) setOwn(out, key, this[key]);
    return out;
  }
}

/** The names of every attribute a fresh record has, in Python's order (used by `extra` checks). */
export { RECORD_ATTRIBUTES };

/** The caller fields that cost a stack capture. */
export const CALLER_FIELDS: ReadonlySet<string> = new Set([
  "pathname",
  "filename",
  "module",
  "lineno",
  "funcName",
]);

/** Python's `isinstance(x, Mapping) and x` for a lone log-call argument: a non-empty plain object or Map. */
function isMapping(v: unknown): boolean {
  try {
    return (isPlainObject(v) && hasKeys(v)) || (v instanceof Map && v.size > 0);
  } catch {
    return false; // a Proxy whose traps throw is no mapping (it is formatted, and reported there)
  }
}

function hasKeys(o: object): boolean {
  try {
    for (const _ in o) return true;
  } catch {
    // a Proxy whose ownKeys trap throws: treated as no mapping
  }
  return false;
}

function pyTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return hasKeys(v);
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  return Boolean(v);
}

// ---------------------------------------------------------------------------------------------
// Finding the caller (Python's Logger.findCaller)
// ---------------------------------------------------------------------------------------------

/**
 * This module's folder, as a URL and as a path, to recognise the library's own frames. Where
 * `import.meta.url` is not an absolute URL (Cloudflare's workerd leaves it undefined),
 * `new URL` throws: no frame is then recognised as the library's, rather than failing the import.
 */
const LIB_URL = libraryUrl();
const LIB_PATH = LIB_URL.startsWith("file://") ? decodeURIComponent(LIB_URL.slice(7)) : LIB_URL;

function libraryUrl(): string {
  try {
    return new URL(".", import.meta.url).href;
  } catch {
    return "\0no library url\0";
  }
}
const INTERNAL_REST = /^(?:(?:handlers|formatters|config)\/)?[^/]+\.(?:ts|js|mjs)$/;

/**
 * True when a stack frame's file belongs to this library (Python's `_is_internal_frame`): the
 * library's own source folders, not its tests, examples or benchmarks.
 */
export function isInternalFile(file: string): boolean {
  let rest: string;
  if (file.startsWith(LIB_PATH)) rest = file.slice(LIB_PATH.length);
  else if (file.startsWith(LIB_URL)) rest = file.slice(LIB_URL.length);
  else return false;
  return INTERNAL_REST.test(rest);
}

/**
 * Python's `findCaller` on a JavaScript stack: walks outwards past the library's own frames and
 * returns the `stacklevel`-th caller frame (the outermost frame when the stack is not that deep),
 * together with its index among the parsed frames.
 */
export function findCallerFrame(
  stack: string | readonly StackFrame[],
  stacklevel = 1,
): { file: string; line: number; func: string; index: number } | null {
  const frames = typeof stack === "string" ? parseStack(stack) : stack;
  let found: { file: string; line: number; func: string; index: number } | null = null;
  let remaining = stacklevel < 1 ? 1 : stacklevel;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (isInternalFile(f.file)) continue;
    found = { file: f.file, line: f.line, func: f.func, index: i };
    if (--remaining === 0) return found;
  }
  if (found === null && frames.length > 0) {
    const f = frames[frames.length - 1];
    return { file: f.file, line: f.line, func: f.func, index: frames.length - 1 };
  }
  return found;
}

/**
 * A structured stack frame as V8 (Deno, Node, workerd) and JavaScriptCore (Bun) hand it to
 * `Error.prepareStackTrace`: the subset the caller lookup reads.
 *
 * @example
 * ```ts
 * import { type CallSite, INFO, LogRecord } from "@pylog/logging";
 * const site: CallSite = {
 *   getFileName: () => "/srv/app.ts",
 *   getLineNumber: () => 12,
 *   getFunctionName: () => "main",
 * };
 * const r = new LogRecord("app", INFO, "", 0, "hi", null, null);
 * r.setCallerStack([site]);
 * r.lineno; // 12
 * ```
 */
export interface CallSite {
  /** The script's path or URL (`null` or `""` for native code). */
  getFileName(): string | null | undefined;
  /** The 1-based line (source-mapped on Deno and Bun). */
  getLineNumber(): number | null | undefined;
  /** The function's own name, `null` or `""` when it has none. */
  getFunctionName(): string | null | undefined;
  /** The script's own name or URL, before any source map (absent on some engines). */
  getScriptNameOrSourceURL?(): string | null | undefined;
}

/**
 * Frames captured above the capture's boundary when the first capture does not reach the caller
 * (adapters and nested adapters put more of the library's frames between it and the caller).
 */
const CALLER_SITE_MARGIN = 8;

const returnSites = (_error: unknown, sites: unknown): unknown => sites;

/**
 * The stack above `boundary` (a library function on the stack): call sites where the runtime
 * hands them out, else a stack string.
 */
function captureSites(limit: number, boundary: unknown): unknown {
  // deno-lint-ignore no-explicit-any
  const E = Error as any;
  const savedPrepare = E.prepareStackTrace;
  const savedLimit = E.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    E.prepareStackTrace = returnSites;
    E.stackTraceLimit = limit;
    if (typeof E.captureStackTrace !== "function") return new Error().stack;
    E.captureStackTrace(holder, boundary);
    return holder.stack; // V8 formats the stack on this first read: inside, with returnSites
  } finally {
    E.prepareStackTrace = savedPrepare;
    E.stackTraceLimit = savedLimit;
  }
}

/**
 * The caller's stack as {@linkcode captureCaller} returns it: call sites (or a stack string where
 * the runtime hands out none) and the index of the caller's site among them, `-1` when the caller
 * is found on first read by the full search.
 */
export interface CapturedCaller {
  /** The captured stack. */
  stack: CallSite[] | string;
  /** The caller's site in `stack`, or `-1`. */
  index: number;
}

/**
 * Captures the frames above `boundary` (a library function on the stack when this is called:
 * `_logCall` or `_log`) that Python's `findCaller` would walk, as few as possible: the runtime
 * materialises every captured frame (on Bun ~0.7 µs each), so the first capture takes the logging
 * method that called `boundary` and `stacklevel` frames, plus one on V8 (whose frames do not tell
 * module-level code from a nameless function: the frame below does, see
 * {@linkcode namelessFunctionName}). When that does not reach the caller (an adapter's frames in
 * between), the stack is captured again with a margin. Which site is the caller is decided here from the scripts' names, without source maps;
 * the caller's own site is source-mapped only when a caller field is read.
 */
export function captureCaller(stacklevel: number, boundary: unknown): CapturedCaller {
  const level = stacklevel > 1 ? stacklevel : 1;
  const limit = level + (marksAnonymousFrames() ? 1 : 2);
  let stack = captureSites(limit, boundary);
  let index = Array.isArray(stack) ? callerSiteIndex(stack, level, limit) : -1;
  if (index < 0) {
    stack = captureSites(level + CALLER_SITE_MARGIN, boundary);
    index = Array.isArray(stack) ? callerSiteIndex(stack, level, 0) : -1;
  }
  if (Array.isArray(stack)) return { stack: stack as CallSite[], index };
  return { stack: typeof stack === "string" ? stack : (new Error().stack ?? ""), index: -1 };
}

/** The script a call site runs in, before source mapping (`null` for native frames). */
function siteScript(site: CallSite): string | null {
  const script = typeof site.getScriptNameOrSourceURL === "function"
    ? site.getScriptNameOrSourceURL()
    : site.getFileName();
  // Bun names native frames "[unknown]" (with line 1), V8 gives them no script
  return typeof script === "string" && script !== "" && script !== "native" &&
      script !== "[unknown]"
    ? script
    : null;
}

/**
 * The index of the `stacklevel`-th site outside the library, or `-1` when the sites do not show
 * it: too few of them, or (when `limit` sites were captured, so the stack may go on) the caller is
 * nameless with no script below it, where on V8 only the frames below tell `<module>` from
 * `<lambda>`.
 */
function callerSiteIndex(sites: readonly CallSite[], stacklevel: number, limit: number): number {
  let remaining = stacklevel;
  for (let i = 0; i < sites.length; i++) {
    const script = siteScript(sites[i]);
    if (script === null || isInternalFile(script)) continue;
    if (--remaining > 0) continue;
    // V8: a nameless caller with no frame below it in a cut-off capture may be module code
    if (
      limit > 0 && sites.length >= limit && !marksAnonymousFrames() &&
      !sites[i].getFunctionName() && !hasScriptAfter(sites, i)
    ) {
      return -1;
    }
    return i;
  }
  return -1;
}

/**
 * The caller fields of `sites[index]` (found by {@linkcode captureCaller}): its source-mapped file
 * and line, its function's name, `<lambda>` for a nameless function and `<module>` when no frame
 * with a script lies below it. `null` when the site has no source position after all.
 */
function describeSite(
  sites: readonly CallSite[],
  index: number,
): { file: string; line: number; func: string } | null {
  const pos = sitePosition(sites[index]);
  if (pos === null || isInternalFile(pos.file)) return null;
  const func = sites[index].getFunctionName() || namelessFunctionName(sites, index);
  return { file: filePath(pos.file), line: pos.line, func };
}

/** Whether the engine prints nameless functions' frames as `<anonymous> (...)` (decided once). */
let anonymousMarked: boolean | undefined;

/**
 * JavaScriptCore (Bun) prints a nameless function's call site as `<anonymous> (file:line:col)`
 * and module-level code as the bare location; V8 prints both as the bare location. Probed once
 * on a nameless arrow's own call site.
 */
function marksAnonymousFrames(): boolean {
  if (anonymousMarked === undefined) {
    let sites: unknown;
    // a block body: an expression-bodied arrow is a tail call, which JavaScriptCore drops
    [0].forEach(() => {
      sites = captureSites(1, captureSites);
    });
    anonymousMarked = Array.isArray(sites) && sites.length > 0 &&
      String(sites[0]).startsWith("<anonymous>");
  }
  return anonymousMarked;
}

/**
 * Python's name for a nameless caller: `<lambda>` for a function, `<module>` for module-level
 * code. JavaScriptCore marks nameless functions' frames; on V8 module-level code is the outermost
 * frame with a script.
 */
function namelessFunctionName(sites: readonly CallSite[], index: number): string {
  if (marksAnonymousFrames()) {
    return String(sites[index]).startsWith("<anonymous>") ? "<lambda>" : "<module>";
  }
  return hasScriptAfter(sites, index) ? "<lambda>" : "<module>";
}

/**
 * Whether any site after `index` runs in a script (is not native). Node runs module code from its
 * own module loader (`node:internal/modules/...` frames follow it): such a caller is module code.
 */
function hasScriptAfter(sites: readonly CallSite[], index: number): boolean {
  for (let j = index + 1; j < sites.length; j++) {
    const script = siteScript(sites[j]);
    if (script !== null) return !script.startsWith("node:internal/modules/");
  }
  return false;
}

/**
 * A call site's file and line, or `null` for frames without a source position (native code). The
 * line is read once: on Deno every read of a site's file or line applies the source map.
 */
function sitePosition(site: CallSite): { file: string; line: number } | null {
  const file = site.getFileName();
  if (typeof file !== "string" || file === "" || file === "native" || file === "[unknown]") {
    return null;
  }
  const line = site.getLineNumber();
  return typeof line === "number" && line > 0 ? { file, line } : null;
}

/**
 * Whether a call site is one of the library's own frames, told by its script's name before source
 * mapping: on Deno the first read of a frame's file or line applies the source map (~2.5 µs per
 * frame), the script's URL costs a fifth of that, so only the caller's frame is mapped.
 */
function isInternalSite(site: CallSite): boolean {
  const script = siteScript(site);
  return script !== null && isInternalFile(script);
}

/**
 * {@linkcode findCallerFrame} on structured call sites, with the same result as on the stack
 * string: frames without a source position are skipped, a nameless caller is `<lambda>` or
 * `<module>` as {@linkcode namelessFunctionName} tells.
 */
export function findCallerSite(
  sites: readonly CallSite[],
  stacklevel = 1,
): { file: string; line: number; func: string } | null {
  let found = -1;
  let foundPos: { file: string; line: number } | null = null;
  let remaining = stacklevel < 1 ? 1 : stacklevel;
  for (let i = 0; i < sites.length; i++) {
    if (isInternalSite(sites[i])) continue;
    const pos = sitePosition(sites[i]);
    if (pos === null || isInternalFile(pos.file)) continue;
    found = i;
    foundPos = pos;
    if (--remaining === 0) break;
  }
  if (foundPos === null) {
    // only the library's frames: the outermost one, as findCallerFrame does
    for (let i = sites.length - 1; i >= 0 && foundPos === null; i--) {
      foundPos = sitePosition(sites[i]);
      found = i;
    }
    if (foundPos === null) return null;
  }
  const func = sites[found].getFunctionName() || namelessFunctionName(sites, found);
  return { file: filePath(foundPos.file), line: foundPos.line, func };
}

/** Drops the count when an object that needed caller fields is collected. */
let consumerRegistry: FinalizationRegistry<null> | undefined;

/**
 * Marks `owner` as needing caller fields for as long as it lives: a formatter that reads them, or a
 * handler that ships records to another program or thread (whose formatter may read them). While
 * any such owner lives, loggers capture the caller (`setCallerInfo("auto")`).
 */
export function addCallerConsumer(owner: object): void {
  state.callerConsumers++;
  (consumerRegistry ??= new FinalizationRegistry(() => state.callerConsumers--)).register(
    owner,
    null,
  );
}

/** Whether loggers capture a stack for caller fields right now (see {@linkcode setCallerInfo}). */
export function callerInfoWanted(): boolean {
  const mode = state.callerInfo;
  return mode === "always" || (mode === "auto" && state.callerConsumers > 0);
}

/**
 * Chooses when records carry caller fields (`pathname`, `filename`, `module`, `lineno`,
 * `funcName`), which cost a stack capture per record:
 * - `"auto"` (default): when any formatter created so far reads them;
 * - `"always"`: for every record (for filters or handlers of your own that read them);
 * - `"never"`: never (Python's `logging._srcfile = None`); the fields read `(unknown file)`, `0`,
 *   `(unknown function)`.
 *
 * @example
 * ```ts
 * import { setCallerInfo } from "@pylog/logging";
 * setCallerInfo("always");
 * ```
 */
export function setCallerInfo(mode: "auto" | "always" | "never"): void {
  if (mode !== "auto" && mode !== "always" && mode !== "never") {
    throw new TypeError(`caller info mode must be 'auto', 'always' or 'never', not ${mode}`);
  }
  state.callerInfo = mode;
}

/** The values caller fields take when no caller was found. */
export const UNKNOWN_CALLER: readonly [string, number, string] = [
  UNKNOWN_FILE,
  0,
  UNKNOWN_FUNCTION,
];

// ---------------------------------------------------------------------------------------------
// The record factory
// ---------------------------------------------------------------------------------------------

/**
 * A function (or class) that builds records, with `LogRecord`'s constructor parameters, as Python's
 * record factory.
 */
export type LogRecordFactory = (
  name: string,
  level: number,
  pathname: string,
  lineno: number,
  msg: unknown,
  args: LogArgs | null,
  exc_info: ExcInfo | null,
  func?: string | null,
  sinfo?: string | null,
) => LogRecord;

const defaultFactory: LogRecordFactory = (
  name,
  level,
  pathname,
  lineno,
  msg,
  args,
  exc_info,
  func,
  sinfo,
) => new LogRecord(name, level, pathname, lineno, msg, args, exc_info, func, sinfo);

function factorySlot(): { factory: LogRecordFactory } {
  const slots = state.slots as { recordFactory?: { factory: LogRecordFactory } };
  return (slots.recordFactory ??= { factory: defaultFactory });
}

/**
 * Sets the function used to build every record, as Python's `logging.setLogRecordFactory`. A
 * `LogRecord` subclass may be given as it is, as in Python (it is called with `new`).
 *
 * @example
 * ```ts
 * import { getLogRecordFactory, setLogRecordFactory } from "@pylog/logging";
 * const old = getLogRecordFactory();
 * setLogRecordFactory((...a) => {
 *   const r = old(...a);
 *   r.custom = "x";
 *   return r;
 * });
 * ```
 */
export function setLogRecordFactory(
  factory: LogRecordFactory | (new (...args: ConstructorParameters<typeof LogRecord>) => LogRecord),
): void {
  factorySlot().factory = asRecordFactory(factory) as LogRecordFactory;
}

/**
 * Python calls the record factory, and a class is callable there (`setLogRecordFactory(MyRecord)`);
 * a JavaScript class must be called with `new`. A class is wrapped in a Proxy that `new`s it when
 * called (`new`, `instanceof` and static members still reach the class); anything else is
 * returned as it is.
 */
export function asRecordFactory<T>(factory: T): T {
  if (
    typeof factory === "function" && /^class[\s{]/.test(Function.prototype.toString.call(factory))
  ) {
    return new Proxy(factory, {
      apply: (target, _this, args) => Reflect.construct(target, args),
    });
  }
  return factory;
}

/**
 * Returns the function used to build records, as Python's `logging.getLogRecordFactory`.
 *
 * @example
 * ```ts
 * import { getLogRecordFactory } from "@pylog/logging";
 * const r = getLogRecordFactory()("app", 20, "", 0, "hi", null, null);
 * ```
 */
export function getLogRecordFactory(): LogRecordFactory {
  return factorySlot().factory;
}

/**
 * Builds a record from a dictionary of attributes, as Python's `logging.makeLogRecord` (used for
 * records received over the network).
 *
 * @example
 * ```ts
 * import { makeLogRecord } from "@pylog/logging";
 * const r = makeLogRecord({ name: "net", msg: "hello", levelno: 20, levelname: "INFO" });
 * ```
 */
export function makeLogRecord(dict: Record<string, unknown>): LogRecord {
  // Python passes None for the name and level: levelname reads "Level None" until `dict` sets it.
  const rv = getLogRecordFactory()(
    null as unknown as string,
    null as unknown as number,
    "",
    0,
    "",
    [],
    null,
    null,
  );
  // CPython computes filename and module once, in the constructor, from the empty pathname: a
  // `pathname` (or `filename`) in `dict` leaves them as they were ("" and "").
  if (Object.hasOwn(dict, "pathname") || Object.hasOwn(dict, "filename")) {
    const { filename, module } = rv;
    rv.filename = filename;
    rv.module = module;
  }
  for (const key of Object.keys(dict)) setOwn(rv, key, dict[key]);
  return rv;
}
