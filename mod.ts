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

// The root namespace is Python's `logging` (what `dir(logging)` shows that applies here), plus the
// additions the README lists under "The root namespace"; `handlers`, `config` and `errors` are
// namespaces, as Python's submodules and built-in exceptions are.
export {
  addLevelName,
  CRITICAL,
  DEBUG,
  ERROR,
  FATAL,
  getLevelName,
  getLevelNamesMapping,
  INFO,
  NOTSET,
  WARN,
  WARNING,
} from "./levels.ts";
export {
  type ExcInfo,
  getLogRecordFactory,
  type LogArgs,
  LogRecord,
  type LogRecordFactory,
  makeLogRecord,
  setLogRecordFactory,
} from "./record.ts";
export { type CallSite, setCallerInfo } from "./caller.ts";
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
export { getLastResort, setLastResort } from "./last_resort.ts";
export { resetLogging } from "./reset.ts";
export {
  ConsoleHandler,
  type ConsoleHandlerOptions,
  type ConsoleMethod,
  type FdWritableStream,
  FileHandler,
  type FileHandlerOptions,
  getRaiseExceptions,
  Handler,
  NullHandler,
  setRaiseExceptions,
  stderr,
  stdout,
  StreamHandler,
  type StreamHandlerOptions,
  type StreamTarget,
  type TextWriter,
} from "./handlers/mod.ts";
export {
  BufferingFormatter,
  type Converter,
  type FormatStyle,
  Formatter,
  type FormatterOptions,
  PercentStyle,
  StrFormatStyle,
  StringTemplateStyle,
  type StructTime,
  type Style,
} from "./formatters/mod.ts";
export {
  ColoredFormatter,
  type ColoredFormatterOptions,
  type ColorStream,
  default_log_colors,
  escapeCodes,
  type JsonDefault,
  jsonDefault,
  JsonFormatter,
  type JsonFormatterOptions,
  parseColors,
  RESERVED_ATTRS,
  TTYColoredFormatter,
} from "./formatters/mod.ts";
export { dictConfigFromFile } from "./config/mod.ts";
/** Python's `logging.config`, also importable as `@pylog/logging/config`. */
export * as config from "./config/mod.ts";
/** Python's `logging.handlers` (and the handlers of `logging`), also `@pylog/logging/handlers`. */
export * as handlers from "./handlers/mod.ts";
/**
 * Python's built-in exceptions the library raises and a program may catch (`ValueError`,
 * `KeyError`, `OSError`...): `catch (e) { if (e instanceof errors.ValueError) ... }`. Python's
 * `TypeError` is JavaScript's own `TypeError`.
 */
export * as errors from "./py/errors.ts";
export {
  bind_contextvars,
  bound_contextvars,
  clear_contextvars,
  Context,
  type ContextData,
  ContextVar,
  ContextVarsFilter,
  copyContext,
  createTask,
  currentTaskName,
  get_contextvars,
  merge_contextvars,
  reset_contextvars,
  Token,
  unbind_contextvars,
} from "./context/mod.ts";
export {
  assertLogs,
  assertNoLogs,
  captureLogs,
  LogCaptureFixture,
  LogCaptureHandler,
  type LoggingWatcher,
  type LogsBlock,
  type WatchedLevel,
  type WatchedLogger,
} from "./testing/mod.ts";
export {
  BatchLogRecordProcessor,
  type BatchOptions,
  type ExportResult,
  type LoggerProviderLike,
  LoggingHandler,
  type LogRecordLimits,
  type OtelLoggerLike,
  type OtlpAnyValue,
  OTLPHandler,
  type OTLPHandlerOptions,
  type OtlpKeyValue,
  OTLPLogExporter,
  type OTLPLogExporterOptions,
  type OtlpLogRecord,
  type QueuedLogRecord,
  type ResourceAttributes,
  type SpanContextLike,
  type SpanLike,
  toOtlpLogRecord,
} from "./handlers/mod.ts";
export {
  BUILTIN_PATTERNS,
  type CensorFunction,
  DEFAULT_SENSITIVE_KEYS,
  RedactingFilter,
  type RedactingFilterOptions,
  type RedactionPattern,
} from "./redaction/mod.ts";
export {
  DEFAULT_LOGGING_FORMAT,
  type InstrumentOptions,
  LoggingInstrumentor,
} from "./otel/instrumentor.ts";
