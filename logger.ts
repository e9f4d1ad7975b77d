/**
 * Loggers and their hierarchy, as Python's: `Logger`, `RootLogger`, the `Manager` that keeps the
 * dotted-name tree (with `PlaceHolder`s for names not yet asked for) and `getLogger`.
 *
 * The hierarchy lives in the shared state (`state.ts`), so two copies of this module loaded in one
 * program share one tree.
 *
 * Log calls take Python's keyword arguments (`exc_info`, `extra`, `stack_info`, `stacklevel`) as one
 * trailing plain object whose keys are all among those four names:
 * `log.info("user %s", user, { extra: { ip } })`.
 *
 * @module
 */

import { checkLoggerName } from "./limits.ts";
import { setOwn } from "./own_keys.ts";
import { KeyError } from "./py/errors.ts";
import { Filterer } from "./filter.ts";
import { isPlainObject, pyRepr, pyTypeName } from "./py/repr.ts";
import { captureStack, formatStackFrames, parseStack } from "./py/traceback.ts";
import { type Handler, reportLoggingError } from "./handlers/handler.ts";
import { lastResortHandler, noHandlerWarning } from "./last_resort.ts";
import {
  checkLevel,
  CRITICAL,
  DEBUG,
  ERROR,
  getLevelName,
  INFO,
  NOTSET,
  WARNING,
} from "./levels.ts";
import {
  asRecordFactory,
  type ExcInfo,
  getLogRecordFactory,
  type LogArgs,
  LogRecord,
  RECORD_ATTRIBUTES,
} from "./record.ts";
import {
  callerInfoWanted,
  captureCaller,
  type CapturedCaller,
  captureSites,
  findCallerFrame,
  firstCaptureLimit,
  UNKNOWN_CALLER,
} from "./caller.ts";
import { slot, state } from "./state.ts";

/**
 * Python's keyword arguments of a log call, passed as one trailing object.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * const log = getLogger("app");
 * try {
 *   JSON.parse("{");
 * } catch (err) {
 *   log.error("bad config from %s", "env", { exc_info: err, extra: { user: "ann" } });
 * }
 * ```
 */
export interface LogKwargs {
  /** An error (or `true`, or a `[type, value, stack]` tuple) to append as a traceback. */
  exc_info?: unknown;
  /** Extra attributes to set on the record (they may not overwrite existing ones). */
  extra?: Record<string, unknown> | null;
  /** Append the call stack to the message. */
  stack_info?: boolean;
  /** How many callers up the caller fields (`lineno`...) describe (default 1). */
  stacklevel?: number;
}

/** How many frames `stack_info` captures (Python prints the whole stack). */
const FULL_STACK = 1000;

const KWARG_NAMES = new Set(["exc_info", "extra", "stack_info", "stacklevel"]);

/**
 * True when `value` is a trailing keyword-arguments object: a non-empty plain object whose keys are
 * all among `exc_info`, `extra`, `stack_info` and `stacklevel`.
 */
export function isKwargs(value: unknown): value is LogKwargs {
  if (!isPlainObject(value)) return false;
  let any = false;
  for (const key in value) {
    if (!KWARG_NAMES.has(key)) return false;
    any = true;
  }
  return any;
}

/**
 * A dotted-name node with no logger yet, standing in for it in the hierarchy (Python's
 * `PlaceHolder`).
 */
export class PlaceHolder {
  /** The loggers below this node, in insertion order. */
  loggerMap: Set<Logger>;
  /** Creates a placeholder with one child. */
  constructor(alogger: Logger) {
    this.loggerMap = new Set([alogger]);
  }
  /** Adds a child. */
  append(alogger: Logger): void {
    this.loggerMap.add(alogger);
  }
}

/** A logger class usable with `setLoggerClass`: constructible with a name. */
export type LoggerClass = new (name: string) => Logger;

/**
 * Keeps the hierarchy of loggers (Python's `logging.Manager`).
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * const manager = getLogger().manager;
 * manager.loggerDict.has("app"); // whether getLogger("app") was called
 * ```
 */
export class Manager {
  /** The root logger. */
  root: Logger;
  #disable = 0;
  /** Whether the "No handlers could be found" message was written. */
  emittedNoHandlerWarning = false;
  /** Every logger and placeholder by name. */
  loggerDict: Map<string, Logger | PlaceHolder> = new Map();
  /** The class for new loggers, overriding the module's (`null`: the module's). */
  loggerClass: LoggerClass | null = null;
  /** A record factory overriding the module's (`null`: the module's). */
  logRecordFactory: ((...args: ConstructorParameters<typeof LogRecord>) => LogRecord) | null = null;

  /** Creates a manager for the tree under `rootnode`. */
  constructor(rootnode: Logger) {
    this.root = rootnode;
  }

  /** Python's `manager.disable`: levels at or below it are disabled everywhere. */
  get disable(): number {
    return this.#disable;
  }
  set disable(value: number | string) {
    this.#disable = checkLevel(value);
  }

  /**
   * Returns the logger `name`, creating it (and fixing up placeholders) if needed.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger().manager.getLogger("a.b") === getLogger("a.b"); // true
   * ```
   */
  getLogger(name: string): Logger {
    if (typeof name !== "string") throw new TypeError("A logger name must be a string");
    let rv = this.loggerDict.get(name);
    if (rv instanceof PlaceHolder) {
      const ph = rv;
      rv = new (this.loggerClass ?? getLoggerClass())(name);
      rv.manager = this;
      this.loggerDict.set(name, rv);
      this.#fixupChildren(ph, rv);
      this.#fixupParents(rv);
    } else if (rv === undefined) {
      checkLoggerName(name);
      rv = new (this.loggerClass ?? getLoggerClass())(name);
      rv.manager = this;
      this.loggerDict.set(name, rv);
      this.#fixupParents(rv);
    }
    return rv;
  }

  /**
   * Sets the class of loggers this manager creates.
   *
   * @example
   * ```ts
   * import { getLogger, Logger } from "@pylog/logging";
   * getLogger().manager.setLoggerClass(class AppLogger extends Logger {});
   * ```
   */
  setLoggerClass(klass: LoggerClass): void {
    assertLoggerClass(klass);
    this.loggerClass = klass;
  }

  /**
   * Sets the record factory this manager's loggers use.
   *
   * @example
   * ```ts
   * import { getLogger, LogRecord } from "@pylog/logging";
   * getLogger().manager.setLogRecordFactory((...a) => new LogRecord(...a));
   * ```
   */
  setLogRecordFactory(
    factory: ((...args: ConstructorParameters<typeof LogRecord>) => LogRecord) | null,
  ): void {
    this.logRecordFactory = asRecordFactory(factory);
  }

  #fixupParents(alogger: Logger): void {
    const name = alogger.name;
    let i = name.lastIndexOf(".");
    let rv: Logger | null = null;
    while (i > 0 && rv === null) {
      const substr = name.slice(0, i);
      const obj = this.loggerDict.get(substr);
      if (obj === undefined) this.loggerDict.set(substr, new PlaceHolder(alogger));
      else if (obj instanceof PlaceHolder) obj.append(alogger);
      else rv = obj;
      // Python: name.rfind(".", 0, i - 1)
      i = i - 2 < 0 ? -1 : name.lastIndexOf(".", i - 2);
    }
    alogger.parent = rv ?? this.root;
  }

  #fixupChildren(ph: PlaceHolder, alogger: Logger): void {
    const name = alogger.name;
    for (const c of ph.loggerMap) {
      const parent = c.parent as Logger;
      if (!parent.name.startsWith(name)) {
        alogger.parent = parent;
        c.parent = alogger;
      }
    }
  }

  /**
   * Clears every logger's level cache (called on any level change).
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger().manager._clear_cache();
   * ```
   */
  _clear_cache(): void {
    for (const logger of this.loggerDict.values()) {
      if (!(logger instanceof PlaceHolder)) logger._cache = {};
    }
    this.root._cache = {};
  }
}

function assertLoggerClass(klass: LoggerClass): void {
  if (klass !== Logger && !(klass?.prototype instanceof Logger)) {
    throw new TypeError("logger not derived from logging.Logger: " + klass?.name);
  }
}

interface Hierarchy {
  root: RootLogger;
  manager: Manager;
  loggerClass: LoggerClass;
}

function hierarchy(): Hierarchy {
  return slot("hierarchy", () => {
    const h = { loggerClass: Logger } as unknown as Hierarchy;
    h.root = new RootLogger(WARNING);
    h.manager = new Manager(h.root);
    return h;
  });
}

/**
 * A named logging channel (Python's `logging.Logger`). Get one with {@linkcode getLogger}; never
 * construct loggers directly unless you know you want one outside the hierarchy.
 *
 * @example
 * ```ts
 * import { basicConfig, getLogger } from "@pylog/logging";
 * basicConfig({ level: "INFO" });
 * const log = getLogger("app.db");
 * log.info("connected to %s in %d ms", "db1", 42);
 * ```
 */
export class Logger extends Filterer {
  /** The dotted name. */
  name: string;
  /** The logger's own level (`NOTSET`: ask the parent). */
  level: number;
  /** The parent logger (`null` for the root). */
  parent: Logger | null = null;
  /** Whether records go on to the parent's handlers. */
  propagate = true;
  /** The handlers of this logger. */
  handlers: Handler[] = [];
  /** A disabled logger drops every record. */
  disabled = false;
  /** Python's `_cache`: level → enabled, cleared on every level change. */
  _cache: Record<number, boolean> = {};
  /** True while `handle` runs this logger's handlers (Python 3.14's `_tls.in_progress`). */
  _inProgress = false;
  #manager: Manager | undefined;

  /** Creates a logger named `name` at `level`. */
  constructor(name: string, level: number | string = NOTSET) {
    super();
    this.name = name;
    this.level = checkLevel(level);
  }

  /** The root logger (Python's `Logger.root`). */
  static get root(): RootLogger {
    return hierarchy().root;
  }
  /** The manager of the hierarchy (Python's `Logger.manager`). */
  static get manager(): Manager {
    return hierarchy().manager;
  }
  /** The root logger. */
  get root(): RootLogger {
    return hierarchy().root;
  }
  /** The manager of this logger's hierarchy. */
  get manager(): Manager {
    return this.#manager ?? hierarchy().manager;
  }
  set manager(value: Manager) {
    this.#manager = value;
  }

  /**
   * Sets the logger's level (a number or a name) and clears every level cache.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").setLevel("DEBUG");
   * ```
   */
  setLevel(level: number | string): void {
    this.level = checkLevel(level);
    this.manager._clear_cache();
  }

  /**
   * Logs `msg % args` at DEBUG. A trailing `{ exc_info, extra, stack_info, stacklevel }` object
   * carries Python's keyword arguments.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").debug("cache has %d entries", 12);
   * ```
   */
  debug(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(DEBUG)) this._logCall(DEBUG, msg, args, null, Logger.prototype.debug);
  }

  /**
   * Logs `msg % args` at INFO.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").info("user %s logged in", "alice", { extra: { ip: "10.0.0.1" } });
   * ```
   */
  info(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(INFO)) this._logCall(INFO, msg, args, null, Logger.prototype.info);
  }

  /**
   * Logs `msg % args` at WARNING.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").warning("disk %d%% full", 91);
   * ```
   */
  warning(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(WARNING)) {
      this._logCall(WARNING, msg, args, null, Logger.prototype.warning);
    }
  }

  /**
   * Deprecated alias of `warning`, kept as Python keeps it.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").warn("old spelling");
   * ```
   */
  warn(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(WARNING)) this._logCall(WARNING, msg, args, null, Logger.prototype.warn);
  }

  /**
   * Logs `msg % args` at ERROR.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").error("request %s failed", "/api");
   * ```
   */
  error(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(ERROR)) this._logCall(ERROR, msg, args, null, Logger.prototype.error);
  }

  /**
   * Logs at ERROR with error information: pass the error as `{ exc_info: err }` (JavaScript has no
   * "current exception"; without one the traceback reads `NoneType: None`, as Python's does outside
   * an `except` block).
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * try {
   *   JSON.parse("{");
   * } catch (err) {
   *   getLogger("app").exception("parse failed", { exc_info: err });
   * }
   * ```
   */
  exception(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(ERROR)) this._logCall(ERROR, msg, args, true, Logger.prototype.exception);
  }

  /**
   * Logs `msg % args` at CRITICAL.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").critical("out of memory");
   * ```
   */
  critical(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(CRITICAL)) {
      this._logCall(CRITICAL, msg, args, null, Logger.prototype.critical);
    }
  }

  /**
   * Alias of `critical`.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").fatal("cannot continue");
   * ```
   */
  fatal(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(CRITICAL)) {
      this._logCall(CRITICAL, msg, args, null, Logger.prototype.fatal);
    }
  }

  /**
   * Logs `msg % args` at the integer `level` (a non-integer raises `TypeError` while
   * `raiseExceptions` is true, as in Python).
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").log(25, "between INFO and WARNING");
   * ```
   */
  log(level: number, msg: unknown, ...args: unknown[]): void {
    if (typeof level !== "number" || !Number.isInteger(level)) {
      if (state.raiseExceptions) throw new TypeError("level must be an integer");
      return;
    }
    if (this.isEnabledFor(level)) this._logCall(level, msg, args, null, Logger.prototype.log);
  }

  /**
   * Splits a trailing keyword-arguments object off `args`, then logs. `entry` (internal) is the
   * logging method the user called, above which the caller capture starts.
   */
  _logCall(
    level: number,
    msg: unknown,
    args: unknown[],
    excDefault: unknown = null,
    entry?: unknown,
  ): void {
    const last = args.length > 0 ? args[args.length - 1] : undefined;
    let kw: [unknown, Record<string, unknown> | null, boolean, number] | null = null;
    if (last !== undefined && isKwargs(last)) {
      try {
        kw = [
          "exc_info" in last ? last.exc_info : excDefault,
          last.extra ?? null,
          last.stack_info ?? false,
          last.stacklevel ?? 1,
        ];
      } catch {
        // A getter that throws: the object stays an argument, and formatting reports it.
      }
    }
    if (kw !== null) {
      args.pop();
      this._log(level, msg, args, kw[0], kw[1], kw[2], kw[3], Logger.prototype._logCall, entry);
    } else {
      // Without keyword arguments the caller capture is made here, one frame nearer the logging
      // method than in `_log` (each frame between a capture and its boundary costs ~0.1-0.2 µs to
      // walk), while `_log` is the library's own (an override's frame is the caller, as in Python).
      this._log(
        level,
        msg,
        args,
        excDefault,
        null,
        false,
        1,
        Logger.prototype._logCall,
        entry,
        entry !== undefined && callerInfoWanted() && this._log === Logger.prototype._log
          ? captureSites(firstCaptureLimit(), entry)
          : undefined,
      );
    }
  }

  /**
   * Python's `findCaller`: the file, line and function of the caller `stacklevel` frames up
   * (skipping this library's frames), and the stack text when `stack_info` is true.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * const [file, line, func] = getLogger("app").findCaller();
   * ```
   */
  findCaller(stack_info = false, stacklevel = 1): [string, number, string, string | null] {
    const frames = parseStack(captureStack(FULL_STACK));
    const frame = findCallerFrame(frames, stacklevel);
    if (frame === null) return [...UNKNOWN_CALLER, null];
    return [
      frame.file,
      frame.line,
      frame.func,
      stack_info ? formatStackFrames(frames.slice(frame.index)) : null,
    ];
  }

  /**
   * Builds the record (Python's `makeRecord`): calls the record factory, then sets `extra`'s
   * attributes, refusing to overwrite existing ones (`KeyError`).
   *
   * @example
   * ```ts
   * import { getLogger, INFO } from "@pylog/logging";
   * const r = getLogger("app").makeRecord("app", INFO, "f.ts", 1, "hi", [], null, null, { user: "x" });
   * ```
   */
  makeRecord(
    name: string,
    level: number,
    fn: string,
    lno: number,
    msg: unknown,
    args: LogArgs | null,
    exc_info: ExcInfo | null,
    func: string | null = null,
    extra: Record<string, unknown> | null = null,
    sinfo: string | null = null,
  ): LogRecord {
    const factory = this.manager.logRecordFactory ?? getLogRecordFactory();
    const rv = factory(name, level, fn, lno, msg, args, exc_info, func, sinfo);
    if (extra !== null && extra !== undefined) {
      for (const key of Object.keys(extra)) {
        if (
          key === "message" || key === "asctime" || Object.hasOwn(rv, key) ||
          RECORD_ATTRIBUTES.includes(key)
        ) {
          throw new KeyError(`Attempt to overwrite ${pyRepr(key)} in LogRecord`);
        }
        setOwn(rv, key, extra[key]);
      }
    }
    return rv;
  }

  /**
   * Python's `_log`: finds the caller when needed, normalises `exc_info`, builds the record and
   * hands it to `handle`. `entry` (internal) is the library function the call came through, from
   * which the caller capture starts (`_logCall`, which every logging method uses), and `method`
   * (internal) the logging method the user called, above which it starts when `_log` is the
   * library's own; `first` (internal) is that capture when `_logCall` made it.
   */
  _log(
    level: number,
    msg: unknown,
    args: LogArgs | null,
    exc_info: unknown = null,
    extra: Record<string, unknown> | null = null,
    stack_info = false,
    stacklevel = 1,
    entry?: unknown,
    method?: unknown,
    first?: unknown,
  ): void {
    let sinfo: string | null = null;
    let captured: CapturedCaller | undefined;
    let caller: ReturnType<typeof findCallerFrame> = null;
    if (stack_info) {
      // Python prints the whole stack: capture it all, parse it once for both uses.
      const frames = parseStack(captureStack(FULL_STACK));
      caller = findCallerFrame(frames, stacklevel);
      sinfo = formatStackFrames(frames.slice(caller?.index ?? 0));
    } else if (callerInfoWanted()) {
      // Start above `_logCall` unless `_log` is overridden: the override's frame is then the
      // caller, as in Python, and lies between the two.
      const own = entry !== undefined && this._log === Logger.prototype._log;
      const boundary = own ? entry : Logger.prototype._log;
      // Above the logging method itself while `_logCall` is the library's: no frame of the
      // library is then captured at all.
      captured = captureCaller(
        stacklevel,
        boundary,
        own ? method : undefined,
        first,
      );
    }
    let excInfo: ExcInfo | null = null;
    let hostile: unknown = undefined;
    try {
      excInfo = toExcInfo(exc_info);
    } catch (error) {
      hostile = error; // an exc_info whose properties throw: reported, the record still logged
    }
    let record: LogRecord;
    try {
      record = this.makeRecord(
        this.name,
        level,
        UNKNOWN_CALLER[0],
        UNKNOWN_CALLER[1],
        msg,
        args,
        excInfo,
        UNKNOWN_CALLER[2],
        extra,
        sinfo,
      );
    } catch (error) {
      // Python's own misuse errors (overwriting a record attribute) still raise; an `extra`
      // whose traps throw is reported and the record logged without it.
      if (error instanceof KeyError || extra === null || extra === undefined) throw error;
      hostile = error;
      record = this.makeRecord(
        this.name,
        level,
        UNKNOWN_CALLER[0],
        UNKNOWN_CALLER[1],
        msg,
        args,
        excInfo,
        UNKNOWN_CALLER[2],
        null,
        sinfo,
      );
    }
    if (record instanceof LogRecord) {
      if (captured !== undefined) record.setCallerStack(captured.stack, stacklevel, captured.index);
      else if (caller !== null) {
        record.pathname = caller.file;
        record.lineno = caller.line;
        record.funcName = caller.func;
      }
    }
    if (hostile !== undefined) reportLoggingError(record, hostile);
    this.handle(record);
  }

  /**
   * Applies the logger's filters, then passes the record to the handlers (also used for records
   * received from elsewhere). A disabled logger drops it.
   *
   * @example
   * ```ts
   * import { getLogger, makeLogRecord } from "@pylog/logging";
   * getLogger("net").handle(makeLogRecord({ name: "net", msg: "remote", levelno: 30 }));
   * ```
   */
  handle(record: LogRecord): void {
    if (this.disabled || this._inProgress) return;
    // Python 3.14's rule (gh-91555): while this logger's handlers run, records logged to it
    // (from a handler's own `emit`, say) are dropped instead of recursing.
    this._inProgress = true;
    try {
      const rv = this.filters.length === 0 ? record : this.filter(record);
      if (rv) this.callHandlers(rv);
    } finally {
      this._inProgress = false;
    }
  }

  /**
   * Adds a handler (once).
   *
   * @example
   * ```ts
   * import { getLogger, StreamHandler } from "@pylog/logging";
   * getLogger("app").addHandler(new StreamHandler());
   * ```
   */
  addHandler(hdlr: Handler): void {
    if (!this.handlers.includes(hdlr)) this.handlers.push(hdlr);
  }

  /**
   * Removes a handler.
   *
   * @example
   * ```ts
   * import { getLogger, StreamHandler } from "@pylog/logging";
   * const h = new StreamHandler();
   * getLogger("app").addHandler(h);
   * getLogger("app").removeHandler(h);
   * ```
   */
  removeHandler(hdlr: Handler): void {
    const i = this.handlers.indexOf(hdlr);
    if (i >= 0) this.handlers.splice(i, 1);
  }

  /**
   * Whether this logger or an ancestor it propagates to has handlers.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").hasHandlers();
   * ```
   */
  hasHandlers(): boolean {
    // deno-lint-ignore no-this-alias -- walking up the hierarchy, as Python's loop does
    let c: Logger | null = this;
    while (c) {
      if (c.handlers.length > 0) return true;
      if (!c.propagate) break;
      c = c.parent;
    }
    return false;
  }

  /**
   * Passes the record to the handlers of this logger and its ancestors (until one does not
   * propagate); with none found, to `lastResort` (Python's `callHandlers`).
   *
   * @example
   * ```ts
   * import { getLogger, makeLogRecord } from "@pylog/logging";
   * getLogger("app").callHandlers(makeLogRecord({ msg: "x", levelno: 40 }));
   * ```
   */
  callHandlers(record: LogRecord): void {
    // deno-lint-ignore no-this-alias -- walking up the hierarchy, as Python's loop does
    let c: Logger | null = this;
    let found = 0;
    const levelno = record.levelno;
    while (c) {
      const handlers = c.handlers;
      for (let i = 0; i < handlers.length; i++) {
        const hdlr = handlers[i];
        found++;
        if (levelno >= hdlr.level) {
          try {
            hdlr.handle(record);
          } catch (error) {
            // CPython lets it escape and skips the handlers after it; here it is reported and
            // the next handler still gets the record.
            safeHandleError(hdlr, record, error);
          }
        }
      }
      c = c.propagate ? c.parent : null;
    }
    if (found === 0) {
      const lastResort = lastResortHandler();
      if (lastResort) {
        if (levelno >= lastResort.level) {
          try {
            lastResort.handle(record);
          } catch (error) {
            safeHandleError(lastResort, record, error);
          }
        }
      } else if (state.raiseExceptions && !this.manager.emittedNoHandlerWarning) {
        noHandlerWarning(this.name);
        this.manager.emittedNoHandlerWarning = true;
      }
    }
  }

  /**
   * The first non-zero level of this logger and its ancestors.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").getEffectiveLevel(); // 30 unless configured
   * ```
   */
  getEffectiveLevel(): number {
    // deno-lint-ignore no-this-alias -- walking up the hierarchy, as Python's loop does
    let logger: Logger | null = this;
    while (logger) {
      if (logger.level) return logger.level;
      logger = logger.parent;
    }
    return NOTSET;
  }

  /**
   * Whether a record at `level` would be processed, answered from the per-logger cache that every
   * level change clears.
   *
   * @example
   * ```ts
   * import { DEBUG, getLogger } from "@pylog/logging";
   * if (getLogger("app").isEnabledFor(DEBUG)) {
   *   // compute something expensive to log
   * }
   * ```
   */
  isEnabledFor(level: number): boolean {
    if (this.disabled || this._inProgress) return false;
    const cached = this._cache[level];
    if (cached !== undefined) return cached;
    if (typeof level !== "number" && typeof level !== "boolean" && typeof level !== "bigint") {
      // Python compares `manager.disable >= level`, which raises for a non-number level.
      throw new TypeError(
        `'>=' not supported between instances of 'int' and '${pyTypeName(level)}'`,
      );
    }
    const enabled = this.manager.disable >= level ? false : level >= this.getEffectiveLevel();
    this._cache[level] = enabled;
    return enabled;
  }

  /**
   * Returns the logger `<this name>.<suffix>`.
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app").getChild("db") === getLogger("app.db"); // true
   * ```
   */
  getChild(suffix: string): Logger {
    if (this.root !== this) suffix = this.name + "." + suffix;
    return this.manager.getLogger(suffix);
  }

  /**
   * Python 3.12's `getChildren()`: the loggers directly below this one (placeholders skipped, and
   * no deeper descendant whose intermediate logger does not exist yet).
   *
   * @example
   * ```ts
   * import { getLogger } from "@pylog/logging";
   * getLogger("app.db");
   * getLogger("app").getChildren(); // Set { <Logger app.db (WARNING)> }
   * ```
   */
  getChildren(): Set<Logger> {
    const depth = (logger: Logger): number =>
      logger === logger.manager.root ? 0 : logger.name.split(".").length;
    const out = new Set<Logger>();
    for (const item of this.manager.loggerDict.values()) {
      if (item instanceof Logger && item.parent === this && depth(item) === 1 + depth(this)) {
        out.add(item);
      }
    }
    return out;
  }

  /** Python's `repr`: `<Logger app (WARNING)>`. */
  override toString(): string {
    return `<${this.constructor.name} ${this.name} (${getLevelName(this.getEffectiveLevel())})>`;
  }
}

/**
 * The root of the hierarchy, named `root` (Python's `logging.RootLogger`).
 *
 * @example
 * ```ts
 * import { getLogger, RootLogger } from "@pylog/logging";
 * getLogger() instanceof RootLogger; // true
 * ```
 */
export class RootLogger extends Logger {
  /** Creates the root logger at `level`. */
  constructor(level: number | string) {
    super("root", level);
  }
}

/** Python's `exc_info` normalisation: an error becomes `[type, value, stack]`. */
/**
 * Reports an error that left `hdlr.handle` through `hdlr.handleError`, Python's error policy of a
 * handler. The default policy prints the report and the log call goes on; a subclass whose
 * `handleError` throws (pytest's caplog handler does, to fail the test) has chosen to raise, and
 * that error leaves the log call as it does in CPython.
 */
function safeHandleError(hdlr: Handler, record: LogRecord, error: unknown): void {
  hdlr.handleError(record, error);
}

function toExcInfo(exc_info: unknown): ExcInfo | null {
  if (!exc_info) return null;
  if (exc_info === true) return [null, null, null];
  if (Array.isArray(exc_info) && exc_info.length === 3) return exc_info as unknown as ExcInfo;
  const stack = (exc_info as { stack?: unknown }).stack;
  return [
    (exc_info as object).constructor ?? null,
    exc_info,
    typeof stack === "string" ? stack : null,
  ];
}

/**
 * Sets the class `getLogger` uses for new loggers (a subclass of `Logger`).
 *
 * @example
 * ```ts
 * import { Logger, setLoggerClass } from "@pylog/logging";
 * class AppLogger extends Logger {}
 * setLoggerClass(AppLogger);
 * ```
 */
export function setLoggerClass(klass: LoggerClass): void {
  assertLoggerClass(klass);
  hierarchy().loggerClass = klass;
}

/**
 * Returns the class `getLogger` uses for new loggers.
 *
 * @example
 * ```ts
 * import { getLoggerClass, Logger } from "@pylog/logging";
 * getLoggerClass() === Logger; // true by default
 * ```
 */
export function getLoggerClass(): LoggerClass {
  return hierarchy().loggerClass;
}

/**
 * Returns the logger `name`, creating it if needed; no name (or `"root"`) gives the root logger.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * const log = getLogger("app.db");
 * const root = getLogger();
 * ```
 */
export function getLogger(name?: string | null): Logger {
  const root = hierarchy().root;
  if (!name || name === root.name) return root;
  return Logger.manager.getLogger(name);
}

/**
 * The root logger (Python's `logging.root`).
 *
 * @example
 * ```ts
 * import { root } from "@pylog/logging";
 * root.setLevel("INFO");
 * ```
 */
export const root: RootLogger = hierarchy().root;
