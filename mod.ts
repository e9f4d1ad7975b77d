/**
 * **@pylog/logging**: Python's `logging` module, rebuilt in TypeScript for Deno, Bun, Node and edge
 * runtimes. Same names, same hierarchy and propagation rules, same `%`, `{` and `$` styles, same
 * record attributes, same output.
 *
 * ```ts
 * import * as logging from "@pylog/logging";
 *
 * logging.basicConfig({ level: "INFO", format: "%(asctime)s %(levelname)s %(name)s: %(message)s" });
 * const log = logging.getLogger("app");
 * log.info("user %s logged in from %s", "alice", "10.0.0.1");
 * try {
 *   JSON.parse("{");
 * } catch (err) {
 *   log.exception("bad payload", { exc_info: err });
 * }
 * ```
 *
 * Python's keyword arguments of a log call (`exc_info`, `extra`, `stack_info`, `stacklevel`) travel
 * as one trailing plain object whose keys are all among those four names.
 *
 * @module
 */

export * from "./errors.ts";
export * from "./levels.ts";
export {
  type CallSite,
  type ExcInfo,
  getLogRecordFactory,
  type LogArgs,
  LogRecord,
  type LogRecordFactory,
  makeLogRecord,
  setCallerInfo,
  setLogRecordFactory,
} from "./record.ts";
export { Filter, Filterer, type FilterLike } from "./filter.ts";
export {
  getLogger,
  getLoggerClass,
  Logger,
  type LoggerClass,
  type LogKwargs,
  Manager,
  PlaceHolder,
  root,
  RootLogger,
  setLoggerClass,
} from "./logger.ts";
export { type AdaptedLogger, LoggerAdapter } from "./adapter.ts";
export {
  BASIC_FORMAT,
  basicConfig,
  type BasicConfigOptions,
  critical,
  debug,
  disable,
  error,
  exception,
  fatal,
  info,
  log,
  warn,
  warning,
} from "./basic_config.ts";
export { flush, shutdown } from "./shutdown.ts";
export { getHandlerByName, getHandlerNames } from "./handler_names.ts";
export { exitOnSignals } from "./exit.ts";
export { getLastResort, setLastResort, StderrHandler } from "./last_resort.ts";
export * from "./handlers/mod.ts";
export * from "./formatters/mod.ts";
export {
  ConfigError,
  dictConfig,
  dictConfigFromFile,
  fileConfig,
  registerFactory,
} from "./config/mod.ts";
/** Python's `logging.config`, also importable as `@pylog/logging/config`. */
export * as config from "./config/mod.ts";
export * from "./context/mod.ts";
export * from "./testing/mod.ts";
export * from "./redaction/mod.ts";
export {
  DEFAULT_LOGGING_FORMAT,
  type InstrumentOptions,
  LoggingInstrumentor,
} from "./otel/instrumentor.ts";
