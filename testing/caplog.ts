/**
 * pytest's `caplog` fixture as {@linkcode captureLogs}: a handler on the root logger (and on every
 * logger that does not propagate, as pytest 9 does) that keeps the records and their text, with
 * pytest's names (`records`, `record_tuples`, `messages`, `text`, `clear()`, `set_level()`,
 * `at_level()`, `filtering()`, `handler`) and its teardown (`close()`, or `using`), which restores
 * the levels and the `disable()` level `set_level` changed.
 *
 * @module
 */

import { disable } from "../basic_config.ts";
import type { FilterLike } from "../filter.ts";
import { Formatter } from "../formatters/formatter.ts";
import { Handler } from "../handlers/handler.ts";
import { getLevelName, NOTSET } from "../levels.ts";
import { getLogger, Logger } from "../logger.ts";
import type { LogRecord } from "../record.ts";
import { state } from "../state.ts";

/** pytest's `DEFAULT_LOG_FORMAT`. */
const DEFAULT_LOG_FORMAT = "%(levelname)-8s %(name)s:%(filename)s:%(lineno)d %(message)s";
/** pytest's `DEFAULT_LOG_DATE_FORMAT`. */
const DEFAULT_LOG_DATE_FORMAT = "%H:%M:%S";
/** pytest's `_ANSI_ESCAPE_SEQ`. */
// deno-lint-ignore no-control-regex -- the escape character is what pytest strips
const ANSI_ESCAPE_SEQ = /\x1b\[[\d;]+m/g;

/**
 * pytest's `LogCaptureHandler`: keeps each record and its formatted line; an error while
 * formatting is thrown to the logging call (the test fails) while `raiseExceptions` is on.
 *
 * @example
 * ```ts
 * import { LogCaptureHandler } from "@pylog/logging/testing";
 * import { getLogger } from "@pylog/logging";
 * const h = new LogCaptureHandler();
 * getLogger("app").addHandler(h);
 * ```
 */
export class LogCaptureHandler extends Handler {
  /** The records emitted, in order. */
  records: LogRecord[] = [];
  #text: string[] = [];

  /** Creates the handler with pytest's default format. */
  constructor() {
    super();
    this.setFormatter(new Formatter(DEFAULT_LOG_FORMAT, DEFAULT_LOG_DATE_FORMAT));
  }

  /**
   * Keeps the record, then its formatted line.
   *
   * @example
   * ```ts
   * import { LogCaptureHandler } from "@pylog/logging/testing";
   * import { makeLogRecord } from "@pylog/logging";
   * new LogCaptureHandler().emit(makeLogRecord({ msg: "hi", levelname: "INFO" }));
   * ```
   */
  override emit(record: LogRecord): void {
    this.records.push(record);
    this.#text.push(this.format(record) + "\n");
  }

  /** The text written so far (pytest's `stream.getvalue()`). */
  get text(): string {
    if (this.#text.length > 1) this.#text = [this.#text.join("")];
    return this.#text.length === 0 ? "" : this.#text[0];
  }

  /**
   * Forgets the records and the text (pytest's `clear()`).
   *
   * @example
   * ```ts
   * import { LogCaptureHandler } from "@pylog/logging/testing";
   * new LogCaptureHandler().clear();
   * ```
   */
  clear(): void {
    this.records.length = 0;
    this.#text = [];
  }

  /**
   * Forgets the records and the text with a new list (pytest's `reset()`).
   *
   * @example
   * ```ts
   * import { LogCaptureHandler } from "@pylog/logging/testing";
   * new LogCaptureHandler().reset();
   * ```
   */
  reset(): void {
    this.records = [];
    this.#text = [];
  }

  /** Throws the error to the logging call while `raiseExceptions` is on (pytest's choice). */
  override handleError(record: LogRecord, error?: unknown): void {
    if (state.raiseExceptions) throw error;
    super.handleError(record, error);
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") &&
    typeof (v as { then?: unknown }).then === "function";
}

/** Runs `fn`, then `restore` once it has finished (after its promise settles when it returns one). */
function runThenRestore<R>(fn: () => R, restore: () => void): R {
  let result: R;
  try {
    result = fn();
  } catch (error) {
    restore();
    throw error;
  }
  if (isThenable(result)) {
    return Promise.resolve(result).finally(restore) as R;
  }
  restore();
  return result;
}

/**
 * pytest's `LogCaptureFixture` (the `caplog` fixture), made by {@linkcode captureLogs}. Dispose of
 * it (`using`, or `close()`) at the end of the test.
 *
 * @example
 * ```ts
 * import { captureLogs } from "@pylog/logging/testing";
 * import { getLogger } from "@pylog/logging";
 * using caplog = captureLogs();
 * getLogger("app").warning("low disk");
 * caplog.record_tuples; // [["app", 30, "low disk"]]
 * ```
 */
export class LogCaptureFixture {
  /** The capturing handler (pytest's `caplog.handler`). */
  readonly handler: LogCaptureHandler;
  #attached: Logger[] = [];
  #closed = false;
  #rootLevel: number | null = null;
  #initialHandlerLevel: number | null = null;
  #initialLoggerLevels = new Map<string | null, number>();
  #initialDisabledLevel: number | null = null;

  /**
   * Attaches a new handler to the root logger and to every logger that does not propagate (as
   * pytest's `catching_logs`); `options.level` is pytest's `log_level` setting.
   */
  constructor(options: { level?: number | string | null } = {}) {
    const handler = this.handler = new LogCaptureHandler();
    const rootLogger = getLogger();
    const level = options.level ?? null;
    if (level !== null) handler.setLevel(level);
    rootLogger.addHandler(handler);
    this.#attached.push(rootLogger);
    for (const logger of rootLogger.manager.loggerDict.values()) {
      if (logger instanceof Logger && !logger.propagate && logger !== rootLogger) {
        logger.addHandler(handler);
        this.#attached.push(logger);
      }
    }
    if (level !== null) {
      this.#rootLevel = rootLogger.level;
      rootLogger.setLevel(Math.min(this.#rootLevel, handler.level));
    }
  }

  /** The records captured (pytest's `caplog.records`). */
  get records(): LogRecord[] {
    return this.handler.records;
  }

  /** `[logger name, level number, message]` per record (pytest's `caplog.record_tuples`). */
  get record_tuples(): [string, number, string][] {
    return this.handler.records.map((r) => [r.name, r.levelno, r.getMessage()]);
  }

  /** The messages, `%`-formatted, without level or traceback (pytest's `caplog.messages`). */
  get messages(): string[] {
    return this.handler.records.map((r) => r.getMessage());
  }

  /** The formatted text, ANSI colour codes removed (pytest's `caplog.text`). */
  get text(): string {
    return this.handler.text.replace(ANSI_ESCAPE_SEQ, "");
  }

  /**
   * Forgets the records and the text.
   *
   * @example
   * ```ts
   * import { captureLogs } from "@pylog/logging/testing";
   * using caplog = captureLogs();
   * caplog.clear();
   * ```
   */
  clear(): void {
    this.handler.clear();
  }

  /** pytest's `_force_enable_logging`: lowers `disable()` so that `level` gets through. */
  #forceEnable(level: number | string, logger: Logger): number {
    const original = logger.manager.disable;
    const asNumber = typeof level === "string" ? getLevelName(level) : level;
    if (typeof asNumber !== "number") disable(NOTSET);
    else if (!logger.isEnabledFor(asNumber)) disable(Math.max(asNumber - 10, NOTSET));
    return original;
  }

  /**
   * Sets the level of `logger` (a name; the root logger when omitted) and of the handler until
   * `close()`, and lowers `disable()` when it would hide `level` (pytest's `caplog.set_level`).
   *
   * @example
   * ```ts
   * import { captureLogs } from "@pylog/logging/testing";
   * using caplog = captureLogs();
   * caplog.set_level("DEBUG", "app.db");
   * ```
   */
  set_level(level: number | string, logger: string | null = null): void {
    const loggerObj = getLogger(logger);
    if (!this.#initialLoggerLevels.has(logger)) {
      this.#initialLoggerLevels.set(logger, loggerObj.level);
    }
    loggerObj.setLevel(level);
    this.#initialHandlerLevel ??= this.handler.level;
    this.handler.setLevel(level);
    const disabled = this.#forceEnable(level, loggerObj);
    this.#initialDisabledLevel ??= disabled;
  }

  /**
   * Runs `fn` with `logger` (a name; the root logger when omitted) and the handler at `level`,
   * then restores both and the `disable()` level (pytest's `with caplog.at_level(...)`). Returns
   * what `fn` returns; an asynchronous `fn` is awaited before restoring.
   *
   * @example
   * ```ts
   * import { captureLogs } from "@pylog/logging/testing";
   * import { getLogger } from "@pylog/logging";
   * using caplog = captureLogs();
   * caplog.at_level("DEBUG", "app", () => getLogger("app").debug("detail"));
   * ```
   */
  at_level<R>(level: number | string, fn: () => R): R;
  /** With `logger` named. */
  at_level<R>(level: number | string, logger: string | null, fn: () => R): R;
  at_level<R>(level: number | string, ...rest: unknown[]): R {
    const fn = rest[rest.length - 1] as () => R;
    if (typeof fn !== "function") throw new TypeError("at_level() needs a function to run");
    const logger = rest.length >= 2 ? rest[0] as string | null : null;
    const loggerObj = getLogger(logger);
    const origLevel = loggerObj.level;
    loggerObj.setLevel(level);
    const handlerOrigLevel = this.handler.level;
    this.handler.setLevel(level);
    const originalDisable = this.#forceEnable(level, loggerObj);
    return runThenRestore(fn, () => {
      loggerObj.setLevel(origLevel);
      this.handler.setLevel(handlerOrigLevel);
      disable(originalDisable);
    });
  }

  /**
   * Runs `fn` with `filter` added to the handler (pytest's `with caplog.filtering(filter_)`).
   *
   * @example
   * ```ts
   * import { captureLogs } from "@pylog/logging/testing";
   * import { Filter } from "@pylog/logging";
   * using caplog = captureLogs();
   * caplog.filtering(new Filter("app"), () => {});
   * ```
   */
  filtering<R>(filter: FilterLike, fn: () => R): R {
    this.handler.addFilter(filter);
    return runThenRestore(fn, () => this.handler.removeFilter(filter));
  }

  /**
   * The fixture's teardown: restores the levels and the `disable()` level changed by `set_level`
   * and detaches the handler. Further calls do nothing.
   *
   * @example
   * ```ts
   * import { captureLogs } from "@pylog/logging/testing";
   * const caplog = captureLogs();
   * caplog.close();
   * ```
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // pytest: the fixture's _finalize runs inside the teardown phase's catching_logs, whose exit
    // sets the root logger back to its level from before the test (when a log level is set)
    if (this.#initialHandlerLevel !== null) this.handler.setLevel(this.#initialHandlerLevel);
    for (const [name, level] of this.#initialLoggerLevels) getLogger(name).setLevel(level);
    if (this.#initialDisabledLevel !== null) {
      disable(this.#initialDisabledLevel);
      this.#initialDisabledLevel = null;
    }
    if (this.#rootLevel !== null) getLogger().setLevel(this.#rootLevel);
    for (const logger of this.#attached) logger.removeHandler(this.handler);
    this.#attached = [];
  }

  /** `close()`, for `using caplog = captureLogs()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Starts capturing log records, as pytest's `caplog` fixture: returns a
 * {@linkcode LogCaptureFixture}; dispose of it (`using`) or `close()` it when the test ends.
 * Records reach it through the root logger (and loggers that do not propagate) at the levels the
 * loggers have: use `set_level` or `at_level` to capture below WARNING.
 *
 * @example
 * ```ts
 * import { captureLogs } from "@pylog/logging/testing";
 * import { getLogger } from "@pylog/logging";
 * using caplog = captureLogs();
 * caplog.set_level("INFO");
 * getLogger("app").info("user %s logged in", "ann");
 * caplog.messages; // ["user ann logged in"]
 * ```
 */
export function captureLogs(options: { level?: number | string | null } = {}): LogCaptureFixture {
  return new LogCaptureFixture(options);
}
