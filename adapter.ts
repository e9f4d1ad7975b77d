/**
 * `LoggerAdapter`: a logger wrapper that adds contextual information to every call, with CPython
 * 3.13's semantics (`process()` sets the call's `extra` to the adapter's `extra`, or merges the
 * two with `merge_extra`).
 *
 * @module
 */

import { CRITICAL, DEBUG, ERROR, getLevelName, INFO, WARNING } from "./levels.ts";
import { isKwargs, Logger, type LogKwargs, type Manager } from "./logger.ts";

/** The logger-like object an adapter wraps: a `Logger` or another adapter. */
export type AdaptedLogger = Logger | LoggerAdapter;

/**
 * Adds contextual information to every call of a logger (Python's `logging.LoggerAdapter`).
 * Override `process` to change how.
 *
 * @example
 * ```ts
 * import { basicConfig, getLogger, LoggerAdapter } from "@pylog/logging";
 * basicConfig({ format: "%(request_id)s %(message)s" });
 * const log = new LoggerAdapter(getLogger("http"), { request_id: "r-42" });
 * log.warning("slow response");
 * ```
 */
export class LoggerAdapter<
  E extends Record<string, unknown> | null = Record<string, unknown> | null,
> {
  /** The wrapped logger. */
  logger: AdaptedLogger;
  /** The contextual information set as the `extra` of every call. */
  extra: E;
  /**
   * Python 3.13's `merge_extra`: when `true`, a call's own `extra` is merged over the adapter's
   * (the call's keys win); when `false` (the default), the adapter's replaces it.
   */
  merge_extra: boolean;

  /** Wraps `logger` with `extra` (and Python 3.13's `merge_extra`, default `false`). */
  constructor(logger: AdaptedLogger, extra: E = null as E, merge_extra = false) {
    this.logger = logger;
    this.extra = extra;
    this.merge_extra = merge_extra;
  }

  /**
   * Returns the message and keyword arguments to log: `kwargs.extra` becomes the adapter's
   * `extra`, or, with `merge_extra` and an `extra` in the call, the adapter's `extra` updated with
   * the call's.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter, type LogKwargs } from "@pylog/logging";
   * class Tagged extends LoggerAdapter {
   *   override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
   *     return [`[${this.extra?.tag}] ${msg}`, kwargs];
   *   }
   * }
   * new Tagged(getLogger("app"), { tag: "db" }).warning("slow");
   * ```
   */
  process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
    if (this.merge_extra && "extra" in kwargs) {
      kwargs.extra = { ...this.extra, ...kwargs.extra };
    } else {
      kwargs.extra = this.extra;
    }
    return [msg, kwargs];
  }

  /**
   * Logs at DEBUG through the wrapped logger.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), { user: "ann" }).debug("x=%d", 1);
   * ```
   */
  debug(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) logThrough(this, DEBUG, msg, args);
    else this.log(DEBUG, msg, ...args);
  }
  /**
   * Logs at INFO through the wrapped logger.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), { user: "ann" }).info("hello");
   * ```
   */
  info(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) logThrough(this, INFO, msg, args);
    else this.log(INFO, msg, ...args);
  }
  /**
   * Logs at WARNING through the wrapped logger.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), { user: "ann" }).warning("careful");
   * ```
   */
  warning(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) logThrough(this, WARNING, msg, args);
    else this.log(WARNING, msg, ...args);
  }
  /**
   * Deprecated alias of `warning`.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).warn("careful");
   * ```
   */
  warn(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) logThrough(this, WARNING, msg, args);
    else this.log(WARNING, msg, ...args);
  }
  /**
   * Logs at ERROR through the wrapped logger.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).error("failed");
   * ```
   */
  error(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) logThrough(this, ERROR, msg, args);
    else this.log(ERROR, msg, ...args);
  }
  /**
   * Logs at ERROR with error information (`{ exc_info: err }`).
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).exception("failed", { exc_info: new Error("x") });
   * ```
   */
  exception(msg: unknown, ...args: unknown[]): void {
    const last = args[args.length - 1];
    if (isKwargs(last)) {
      if (!("exc_info" in last)) args[args.length - 1] = { ...last, exc_info: true };
    } else args.push({ exc_info: true });
    if (this.log === ADAPTER_LOG) logThrough(this, ERROR, msg, args);
    else this.log(ERROR, msg, ...args);
  }
  /**
   * Logs at CRITICAL through the wrapped logger.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).critical("down");
   * ```
   */
  critical(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) logThrough(this, CRITICAL, msg, args);
    else this.log(CRITICAL, msg, ...args);
  }

  /**
   * Logs at `level` after `process()` added the context.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).log(25, "notice");
   * ```
   */
  log(level: number, msg: unknown, ...args: unknown[]): void {
    logThrough(this, level, msg, args);
  }

  /**
   * Whether the wrapped logger is enabled for `level`.
   *
   * @example
   * ```ts
   * import { DEBUG, getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).isEnabledFor(DEBUG);
   * ```
   */
  isEnabledFor(level: number): boolean {
    return this.logger.isEnabledFor(level);
  }
  /**
   * Sets the wrapped logger's level.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).setLevel("DEBUG");
   * ```
   */
  setLevel(level: number | string): void {
    this.logger.setLevel(level);
  }
  /**
   * The wrapped logger's effective level.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).getEffectiveLevel();
   * ```
   */
  getEffectiveLevel(): number {
    return this.logger.getEffectiveLevel();
  }
  /**
   * Whether the wrapped logger has handlers.
   *
   * @example
   * ```ts
   * import { getLogger, LoggerAdapter } from "@pylog/logging";
   * new LoggerAdapter(getLogger("app"), {}).hasHandlers();
   * ```
   */
  hasHandlers(): boolean {
    return this.logger.hasHandlers();
  }
  /** The wrapped logger's manager. */
  get manager(): Manager {
    return this.logger.manager;
  }
  set manager(value: Manager) {
    this.logger.manager = value;
  }
  /** The wrapped logger's name. */
  get name(): string {
    return this.logger.name;
  }
  /** Python's `repr`: `<LoggerAdapter app (WARNING)>`. */
  toString(): string {
    const level = getLevelName(this.logger.getEffectiveLevel());
    return `<${this.constructor.name} ${this.logger.name} (${level})>`;
  }
}

/** The adapter's own `log`: the level methods skip re-spreading their arguments into it. */
const ADAPTER_LOG = LoggerAdapter.prototype.log;
const PROCESS = LoggerAdapter.prototype.process;
const LOGGER_LOG = Logger.prototype.log;

/**
 * The adapter's `log` (Python's `LoggerAdapter.log`), on the arguments array the call received:
 * `process()` adds the context, then the wrapped logger logs. With the adapter's own `process`
 * over a `Logger` whose `log` is the library's, it hands the call's fields straight to `_log`
 * (what `Logger.log` would do with them), without copying the arguments into a keyword object
 * and back; otherwise every step goes through the overridable methods, as in Python.
 */
function logThrough(a: LoggerAdapter, level: number, msg: unknown, args: unknown[]): void {
  if (!a.isEnabledFor(level)) return;
  const last = args.length > 0 ? args[args.length - 1] : undefined;
  const logger = a.logger;
  if (
    a.process === PROCESS && logger instanceof Logger && logger.log === LOGGER_LOG &&
    Number.isInteger(level)
  ) {
    let kw: LogKwargs | null = null;
    if (last !== undefined && isKwargs(last)) {
      args.pop();
      kw = { ...last };
    }
    // `process`: the adapter's `extra`, or (merge_extra) the call's merged over it
    const extra = a.merge_extra && kw !== null && "extra" in kw
      ? { ...a.extra, ...kw.extra }
      : a.extra;
    // `Logger.log`: its own level check, then `_log` with the call's keyword arguments
    if (!logger.isEnabledFor(level)) return;
    if (kw === null) logger._log(level, msg, args, null, extra ?? null, false, 1, logThrough);
    else {
      logger._log(
        level,
        msg,
        args,
        "exc_info" in kw ? kw.exc_info : null,
        extra ?? null,
        kw.stack_info ?? false,
        kw.stacklevel ?? 1,
        logThrough,
      );
    }
    return;
  }
  let kwargs: LogKwargs = {};
  if (isKwargs(last)) {
    args.pop();
    kwargs = { ...last };
  }
  const [m, kw] = a.process(msg, kwargs);
  if (isKwargs(kw)) a.logger.log(level, m, ...args, kw);
  else a.logger.log(level, m, ...args);
}
