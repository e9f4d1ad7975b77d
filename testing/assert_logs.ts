/**
 * unittest's `assertLogs` and `assertNoLogs` as functions: they watch a logger while a block (a
 * function, synchronous or asynchronous) runs, exactly as unittest's context manager does, and
 * reject with unittest's `AssertionError` message when the block logged nothing (or, for
 * `assertNoLogs`, something).
 *
 * @module
 */

import { AssertionError } from "../py/errors.ts";
import { Formatter } from "../formatters/formatter.ts";
import { pyRepr } from "../py/repr.ts";
import { Handler } from "../handlers/handler.ts";
import { getLevelName, INFO } from "../levels.ts";
import { getLogger, Logger } from "../logger.ts";
import type { LogRecord } from "../record.ts";
import { state } from "../state.ts";

/**
 * What `assertLogs` resolves to (unittest's `_LoggingWatcher`): the records the watched logger
 * handled during the block and their formatted lines (`"%(levelname)s:%(name)s:%(message)s"`).
 *
 * @example
 * ```ts
 * import { assertLogs, getLogger } from "@pylog/logging";
 * const cm = await assertLogs("app", "INFO", () => getLogger("app.db").info("connected"));
 * cm.output; // ["INFO:app.db:connected"]
 * ```
 */
export interface LoggingWatcher {
  /** The records, in the order they were logged. */
  records: LogRecord[];
  /** Each record formatted as `LEVEL:logger:message`. */
  output: string[];
}

/** unittest's `_AssertLogsContext.LOGGING_FORMAT`. */
const LOGGING_FORMAT = "%(levelname)s:%(name)s:%(message)s";

/** unittest's `_CapturingHandler`: keeps every record and its formatted line. */
class CapturingHandler extends Handler {
  readonly watcher: LoggingWatcher = { records: [], output: [] };

  override flush(): void {}

  override emit(record: LogRecord): void {
    this.watcher.records.push(record);
    this.watcher.output.push(this.format(record));
  }
}

/** A block run while the logger is watched: it receives the watcher, as `with ... as cm`. */
export type LogsBlock = (watcher: LoggingWatcher) => unknown;

/** The logger argument of `assertLogs`: a logger, its name, or nothing for the root logger. */
export type WatchedLogger = Logger | string | null | undefined;

/** The level argument: a number, a level name, or nothing (falsy) for INFO. */
export type WatchedLevel = number | string | null | undefined;

function parseArgs(args: unknown[], fnName: string): [WatchedLogger, WatchedLevel, LogsBlock] {
  const fn = args[args.length - 1];
  if (typeof fn !== "function") {
    throw new TypeError(`${fnName}() needs the block to run as its last argument (a function)`);
  }
  if (args.length > 3) {
    throw new TypeError(`${fnName}() takes at most 3 arguments (${args.length} given)`);
  }
  return [
    args.length >= 2 ? args[0] as WatchedLogger : null,
    args.length >= 3 ? args[1] as WatchedLevel : null,
    fn as LogsBlock,
  ];
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") &&
    typeof (v as { then?: unknown }).then === "function";
}

/** Python's `repr` of a list of strings. */
function listRepr(items: readonly string[]): string {
  return "[" + items.map((s) => pyRepr(s)).join(", ") + "]";
}

/**
 * unittest's `_AssertLogsContext`: enter, run the block, exit; the result or the failure. The
 * block's own error passes through unchanged (after the logger is restored).
 */
function watch(
  loggerArg: WatchedLogger,
  levelArg: WatchedLevel,
  fn: LogsBlock,
  noLogs: boolean,
): Promise<LoggingWatcher | undefined> {
  let level: number | string;
  // Python: `if level: level = _nameToLevel.get(level, level) else: INFO`
  if (levelArg) {
    level = typeof levelArg === "string" ? state.nameToLevel.get(levelArg) ?? levelArg : levelArg;
  } else level = INFO;
  let logger: Logger;
  let handler: CapturingHandler;
  let oldHandlers: Logger["handlers"];
  let oldLevel: number;
  let oldPropagate: boolean;
  try {
    logger = loggerArg instanceof Logger ? loggerArg : getLogger(loggerArg);
    handler = new CapturingHandler();
    handler.setLevel(level);
    handler.setFormatter(new Formatter(LOGGING_FORMAT));
    oldHandlers = [...logger.handlers];
    oldLevel = logger.level;
    oldPropagate = logger.propagate;
    logger.handlers = [handler];
    logger.setLevel(level);
    logger.propagate = false;
  } catch (error) {
    return Promise.reject(error);
  }
  const watcher = handler.watcher;
  const exit = (): LoggingWatcher | undefined => {
    logger.handlers = oldHandlers;
    logger.propagate = oldPropagate;
    logger.setLevel(oldLevel);
    if (noLogs) {
      if (watcher.records.length > 0) {
        throw new AssertionError(`Unexpected logs found: ${listRepr(watcher.output)}`);
      }
      return undefined;
    }
    if (watcher.records.length === 0) {
      throw new AssertionError(
        `no logs of level ${getLevelName(handler.level)} or higher triggered on ${logger.name}`,
      );
    }
    return watcher;
  };
  const fail = (error: unknown): never => {
    logger.handlers = oldHandlers;
    logger.propagate = oldPropagate;
    logger.setLevel(oldLevel);
    throw error;
  };
  let result: unknown;
  try {
    result = fn(noLogs ? undefined as unknown as LoggingWatcher : watcher);
  } catch (error) {
    try {
      fail(error);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  if (isThenable(result)) return Promise.resolve(result).then(exit, fail);
  try {
    return Promise.resolve(exit());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * unittest's `assertLogs(logger=None, level=None)`: runs `fn` while `logger` (a `Logger`, a name,
 * or the root logger when omitted) is watched at `level` (a number or name; INFO when omitted or
 * falsy). During the block the logger's only handler is the watcher's, its level is `level` and it
 * does not propagate; afterwards its handlers, level and `propagate` are restored. Resolves to the
 * watcher (`{ records, output }`); rejects with unittest's `AssertionError` when nothing at `level`
 * or above was logged, or with `fn`'s own error, unchanged.
 *
 * @example
 * ```ts
 * import { assertLogs, getLogger } from "@pylog/logging/testing";
 * const cm = await assertLogs("app", "WARNING", async () => {
 *   getLogger("app").warning("disk %d%% full", 91);
 * });
 * cm.output; // ["WARNING:app:disk 91% full"]
 * ```
 */
export function assertLogs(fn: LogsBlock): Promise<LoggingWatcher>;
/** Watches `logger` at INFO. */
export function assertLogs(logger: WatchedLogger, fn: LogsBlock): Promise<LoggingWatcher>;
/** Watches `logger` at `level`. */
export function assertLogs(
  logger: WatchedLogger,
  level: WatchedLevel,
  fn: LogsBlock,
): Promise<LoggingWatcher>;
export function assertLogs(...args: unknown[]): Promise<LoggingWatcher> {
  let parsed: [WatchedLogger, WatchedLevel, LogsBlock];
  try {
    parsed = parseArgs(args, "assertLogs");
  } catch (error) {
    return Promise.reject(error);
  }
  return watch(parsed[0], parsed[1], parsed[2], false) as Promise<LoggingWatcher>;
}

/**
 * unittest's `assertNoLogs(logger=None, level=None)`: as {@linkcode assertLogs}, but rejects with
 * `AssertionError: Unexpected logs found: [...]` when the block logged anything at `level` or above.
 *
 * @example
 * ```ts
 * import { assertNoLogs, getLogger } from "@pylog/logging/testing";
 * await assertNoLogs("app", "WARNING", () => getLogger("app").info("fine"));
 * ```
 */
export function assertNoLogs(fn: LogsBlock): Promise<void>;
/** Watches `logger` at INFO. */
export function assertNoLogs(logger: WatchedLogger, fn: LogsBlock): Promise<void>;
/** Watches `logger` at `level`. */
export function assertNoLogs(
  logger: WatchedLogger,
  level: WatchedLevel,
  fn: LogsBlock,
): Promise<void>;
export function assertNoLogs(...args: unknown[]): Promise<void> {
  let parsed: [WatchedLogger, WatchedLevel, LogsBlock];
  try {
    parsed = parseArgs(args, "assertNoLogs");
  } catch (error) {
    return Promise.reject(error);
  }
  return watch(parsed[0], parsed[1], parsed[2], true) as Promise<void>;
}
