/**
 * `Handler`, the base of every handler, with Python's error policy: a failure inside a handler is
 * reported by `handleError` (`--- Logging error ---` and the details on stderr while
 * `raiseExceptions` is true) and never reaches the code that logged.
 *
 * Also the registry of handlers by name and the list of every handler ever created, newest last,
 * that `shutdown()` walks (Python's `_handlers` and `_handlerList`).
 *
 * @module
 */

import { NotImplementedError } from "../py/errors.ts";
import { ensureExitHooks } from "../exit.ts";
import type { Formatter } from "../formatters/formatter.ts";
import { defaultFormatter } from "../formatters/formatter.ts";
import { isPlainObject, pyRepr } from "../py/repr.ts";
import { captureStack, formatException, parseStack } from "../py/traceback.ts";
import { Filterer } from "../filter.ts";
import { checkLevel, getLevelName, NOTSET } from "../levels.ts";
import type { LogRecord } from "../record.ts";
import { isInternalFile } from "../caller.ts";
import { slot, state } from "../state.ts";
import { writeStderrNow } from "./sink.ts";

interface HandlerRegistry {
  /** Python's `_handlers`: handlers by name. */
  byName: Map<string, Handler>;
  /** Python's `_handlerList`: every handler created, oldest first, weakly held. */
  list: WeakRef<Handler>[];
  added: number;
}

/** The shared handler registry. */
export function handlerRegistry(): HandlerRegistry {
  return slot("handlers", newHandlerRegistry);
}

function newHandlerRegistry(): HandlerRegistry {
  return { byName: new Map(), list: [], added: 0 };
}

function addHandlerRef(handler: Handler): void {
  const reg = handlerRegistry();
  // Cloudflare Workers before compatibility date 2025-05-05 have no WeakRef: hold the handler
  // strongly there (a worker creates its handlers once), rather than failing the first handler.
  reg.list.push(
    typeof WeakRef === "function"
      ? new WeakRef(handler)
      : { deref: () => handler } as unknown as WeakRef<Handler>,
  );
  // Drop references to collected handlers now and then, so the list does not grow forever.
  if (++reg.added % 1024 === 0) reg.list = reg.list.filter((r) => r.deref() !== undefined);
}

/**
 * Sets Python's `logging.raiseExceptions`: when `true` (the default), errors inside handlers are
 * reported on stderr by `handleError`; when `false` they are ignored silently.
 *
 * @example
 * ```ts
 * import { setRaiseExceptions } from "@pylog/logging";
 * setRaiseExceptions(false); // production: never print logging errors
 * ```
 */
export function setRaiseExceptions(value: boolean): void {
  state.raiseExceptions = Boolean(value);
}

/**
 * Returns Python's `logging.raiseExceptions`.
 *
 * @example
 * ```ts
 * import { getRaiseExceptions } from "@pylog/logging";
 * getRaiseExceptions(); // true
 * ```
 */
export function getRaiseExceptions(): boolean {
  return state.raiseExceptions;
}

/**
 * The base handler, as Python's `logging.Handler`: a level, a formatter, filters, and `emit` for
 * subclasses to implement.
 *
 * @example
 * ```ts
 * import { getLogger, Handler, type LogRecord } from "@pylog/logging";
 * class ListHandler extends Handler {
 *   lines: string[] = [];
 *   override emit(record: LogRecord): void {
 *     this.lines.push(this.format(record));
 *   }
 * }
 * getLogger("app").addHandler(new ListHandler());
 * ```
 */
export class Handler extends Filterer {
  /** The handler's threshold: records below it are ignored. */
  level: number;
  /** The formatter, or `null` for the module's default formatter. */
  formatter: Formatter | null = null;
  /** Set by `close()`. */
  _closed = false;
  #name: string | null = null;
  /** Python's I/O lock: JavaScript runs handlers on one thread, so there is none. */
  lock: null = null;

  /** Creates a handler at `level` (a number or a level name). */
  constructor(level: number | string = NOTSET) {
    super();
    this.level = checkLevel(level);
    addHandlerRef(this);
    ensureExitHooks();
  }

  /** The handler's name; naming a handler registers it for lookup (as Python's `_handlers`). */
  get name(): string | null {
    return this.#name;
  }
  set name(name: string | null) {
    const byName = handlerRegistry().byName;
    if (this.#name !== null && byName.get(this.#name) === this) byName.delete(this.#name);
    this.#name = name;
    if (name) byName.set(name, this);
  }

  /**
   * Python's `get_name()`.
   *
   * @example
   * ```ts
   * import { NullHandler } from "@pylog/logging";
   * const h = new NullHandler();
   * h.set_name("quiet");
   * h.get_name(); // "quiet"
   * ```
   */
  get_name(): string | null {
    return this.#name;
  }

  /**
   * Python's `set_name()`.
   *
   * @example
   * ```ts
   * import { NullHandler } from "@pylog/logging";
   * new NullHandler().set_name("quiet");
   * ```
   */
  set_name(name: string | null): void {
    this.name = name;
  }

  /**
   * Kept for Python compatibility: JavaScript needs no handler lock.
   *
   * @example
   * ```ts
   * import { NullHandler } from "@pylog/logging";
   * new NullHandler().createLock();
   * ```
   */
  createLock(): void {
    this.lock = null;
  }

  /**
   * Kept for Python compatibility (no-op).
   *
   * @example
   * ```ts
   * import { NullHandler } from "@pylog/logging";
   * new NullHandler().acquire();
   * ```
   */
  acquire(): void {}

  /**
   * Kept for Python compatibility (no-op).
   *
   * @example
   * ```ts
   * import { NullHandler } from "@pylog/logging";
   * new NullHandler().release();
   * ```
   */
  release(): void {}

  /**
   * Sets the handler's level (a number or a level name).
   *
   * @example
   * ```ts
   * import { StreamHandler } from "@pylog/logging";
   * new StreamHandler().setLevel("ERROR");
   * ```
   */
  setLevel(level: number | string): void {
    this.level = checkLevel(level);
  }

  /**
   * Formats `record` with the handler's formatter, or the module's default one.
   *
   * @example
   * ```ts
   * import { makeLogRecord, NullHandler } from "@pylog/logging";
   * new NullHandler().format(makeLogRecord({ msg: "hi" })); // "hi"
   * ```
   */
  format(record: LogRecord): string {
    return (this.formatter ?? defaultFormatter()).format(record);
  }

  /**
   * Writes the record somewhere. Subclasses implement it; the base raises `NotImplementedError`.
   *
   * @example
   * ```ts
   * import { Handler, type LogRecord } from "@pylog/logging";
   * class Console extends Handler {
   *   override emit(record: LogRecord): void {
   *     console.log(this.format(record));
   *   }
   * }
   * ```
   */
  emit(_record: LogRecord): void {
    throw new NotImplementedError("emit must be implemented by Handler subclasses");
  }

  /**
   * Runs the filters and, when they pass, `emit`. Returns the record that was emitted (filters may
   * replace it, as in Python 3.12) or `false`.
   *
   * @example
   * ```ts
   * import { makeLogRecord, StreamHandler } from "@pylog/logging";
   * new StreamHandler().handle(makeLogRecord({ msg: "hi", levelno: 20 }));
   * ```
   */
  handle(record: LogRecord): LogRecord | false {
    const rv = this.filters.length === 0 ? record : this.filter(record);
    if (rv) this.emit(rv);
    return rv;
  }

  /**
   * Sets the formatter.
   *
   * @example
   * ```ts
   * import { Formatter, StreamHandler } from "@pylog/logging";
   * new StreamHandler().setFormatter(new Formatter("%(levelname)s %(message)s"));
   * ```
   */
  setFormatter(fmt: Formatter | null): void {
    this.formatter = fmt;
  }

  /**
   * Writes out anything buffered. Handlers over asynchronous streams return a Promise.
   *
   * @example
   * ```ts
   * import { StreamHandler } from "@pylog/logging";
   * await new StreamHandler().flush();
   * ```
   */
  flush(): void | Promise<void> {}

  /**
   * Releases the handler's resources and unregisters its name.
   *
   * @example
   * ```ts
   * import { NullHandler } from "@pylog/logging";
   * new NullHandler().close();
   * ```
   */
  close(): void | Promise<void> {
    this._closed = true;
    const byName = handlerRegistry().byName;
    if (this.#name && byName.get(this.#name) === this) byName.delete(this.#name);
  }

  /**
   * Reports an error raised while emitting `record`, as Python's `Handler.handleError`: when
   * `raiseExceptions` is true, writes `--- Logging error ---`, the traceback, the call stack and
   * the record's message and arguments to stderr; never throws. `error` stands for Python's
   * `sys.exc_info()`, which JavaScript does not have.
   *
   * @example
   * ```ts
   * import { makeLogRecord, StreamHandler } from "@pylog/logging";
   * new StreamHandler().handleError(makeLogRecord({ msg: "x" }), new Error("disk full"));
   * ```
   */
  handleError(record: LogRecord, error?: unknown): void {
    reportLoggingError(record, error);
  }

  /** Python's `repr(handler)`: `<StreamHandler (NOTSET)>`. */
  override toString(): string {
    return `<${this.constructor.name} (${getLevelName(this.level)})>`;
  }
}

/**
 * Writes the `--- Logging error ---` block for `record` to stderr while `raiseExceptions` is true
 * (the body of `Handler.handleError`, also used where no handler is at hand); never throws.
 */
export function reportLoggingError(record: LogRecord, error: unknown): void {
  if (!state.raiseExceptions) return;
  try {
    writeStderrNow(formatLoggingError(record, error));
  } catch {
    // Python ignores OSError here (issue 5971): stderr itself may be gone.
  }
}

/** Builds the text `handleError` writes. */
export function formatLoggingError(record: LogRecord, error: unknown): string {
  let out = "--- Logging error ---\n";
  out += (error === undefined ? "NoneType: None" : formatException(error)) + "\n";
  out += "Call stack:\n";
  // The whole stack, as CPython's `traceback.print_stack` (captured here, on the error path only).
  const frames = parseStack(captureStack(1000)).filter((f) => !isInternalFile(f.file));
  if (frames.length > 0) {
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      out += `  File "${f.file}", line ${f.line}, in ${f.func}\n`;
    }
  } else {
    out += `Logged from file ${record.filename}, line ${record.lineno}\n`;
  }
  try {
    out += `Message: ${pyRepr(record.msg)}\nArguments: ${argsStr(record.args)}\n`;
  } catch {
    out += "Unable to print the message and arguments - possible formatting error.\n" +
      "Use the traceback above to help find the error.\n";
  }
  return out;
}

/** Python's `str()` of a tuple or mapping of arguments: `('a', 1)`, `('a',)`, `{'k': 1}`. */
export function argsStr(args: unknown): string {
  if (Array.isArray(args)) {
    if (args.length === 1) return `(${pyRepr(args[0])},)`;
    return `(${args.map(pyRepr).join(", ")})`;
  }
  if (isPlainObject(args)) {
    const parts = Object.keys(args).map((k) => `${pyRepr(k)}: ${pyRepr(args[k])}`);
    return `{${parts.join(", ")}}`;
  }
  return pyRepr(args);
}
