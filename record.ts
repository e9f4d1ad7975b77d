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
import { percentFormat } from "./py/percent.ts";
import { isPlainObject, pyStr } from "./py/repr.ts";
import { RECORD_ATTRIBUTES } from "./record_fields.ts";
import { type CallSite, describeSite, findCallerFrame, findCallerSite } from "./caller.ts";
import { getLevelName } from "./levels.ts";
import { slot, startTime, state } from "./state.ts";

/**
 * Python's `exc_info` tuple: `[type, value, traceback]`. For a JavaScript error the type is its
 * constructor, the value the error itself and the traceback its `stack` string; `[null, null, null]`
 * stands for Python's "no current exception" (`NoneType: None`).
 */
export type ExcInfo = readonly [type: unknown, value: unknown, traceback: string | null];

/** The positional arguments of a log call (a Python tuple), or a single mapping argument. */
export type LogArgs = readonly unknown[] | Readonly<Record<string, unknown>>;

/** Lazily computed per-process constants (edge runtimes have no `process`). */
let processId: number | null | undefined;
function pid(): number | null {
  if (processId === undefined) {
    const p = (globalThis as { process?: { pid?: number } }).process;
    processId = typeof p?.pid === "number" ? p.pid : null;
  }
  return processId;
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
    const second = Math.floor(now / 1000);
    this.created = now / 1000;
    this.msecs = now - second * 1000; // `now % 1000` without a floating-point remainder
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
  return slot("recordFactory", newFactorySlot);
}

function newFactorySlot(): { factory: LogRecordFactory } {
  return { factory: defaultFactory };
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

/**
 * A shallow copy of a record, as Python's `copy.copy(record)`: the same class, every attribute,
 * without running the record factory. Used by `QueueHandler.prepare` and the redaction filter.
 *
 * @example
 * ```ts
 * import { copyRecord, makeLogRecord } from "./record.ts";
 * const r = makeLogRecord({ msg: "hi" });
 * copyRecord(r).msg; // "hi"
 * ```
 */
export function copyRecord(record: LogRecord): LogRecord {
  const copy = new LogRecord(
    record.name,
    record.levelno,
    record.pathname,
    record.lineno,
    record.msg,
    null,
    null,
    record.funcName,
    null,
  );
  Object.setPrototypeOf(copy, Object.getPrototypeOf(record));
  for (const key of Object.keys(record)) setOwn(copy, key, record[key]);
  return copy;
}
