/**
 * The table of names a logging configuration can reach: Python's dotted names (`logging.Formatter`,
 * `logging.handlers.RotatingFileHandler`, `sys.stdout`) for this library's own exported classes,
 * functions and constants. Together with the names registered with `registerFactory`, it is
 * everything `dictConfig`'s `()`, `class` and `ext://`, and `fileConfig`'s `class=`, `args=` and
 * `kwargs=`, can ever name: nothing else of JavaScript (no global, no prototype, no constructor, no
 * runtime object) is reachable. See `docs/SECURITY.md`.
 *
 * The module a name belongs to is written here, not guessed from its spelling: every dotted prefix
 * of a name is a module (`logging.handlers` exists because `logging.handlers.X` is listed).
 *
 * @module
 */

import * as adapterNs from "../adapter.ts";
import * as basicNs from "../basic_config.ts";
import * as callerNs from "../caller.ts";
import * as filterNs from "../filter.ts";
// Read only as `h.Name` and `f.Name`, never whole: a bundler keeps the names listed, not every
// export of the two entry points.
import * as f from "../formatters/mod.ts";
import * as h from "../handlers/mod.ts";
import * as lastResortNs from "../last_resort.ts";
import * as levelsNs from "../levels.ts";
import * as loggerNs from "../logger.ts";
import * as recordNs from "../record.ts";
import * as redactionNs from "../redaction/mod.ts";
import * as shutdownNs from "../shutdown.ts";

/** A table value read at each lookup: a setting that changes (`logging.lastResort`). */
export class Live {
  /** Reads the current value. */
  readonly read: () => unknown;
  /** Wraps `read`. */
  constructor(read: () => unknown) {
    this.read = read;
  }
}

/** A table value that is another module (`logging.sys` is the `sys` module). */
export class ModuleRef {
  /** The module's dotted name. */
  readonly name: string;
  /** Names the module. */
  constructor(name: string) {
    this.name = name;
  }
}

/** The attributes of `logging.config` (filled in by `config/mod.ts`, which imports this file). */
export const configModuleAttrs: Record<string, unknown> = Object.create(null);

const live = (read: () => unknown): Live => new Live(read);
const cfg = (name: string): Live => live(() => configModuleAttrs[name]);

/*
 * HOW TO ADD A NAME: add one line `["python.module.Name", value],` to the list below, where `value`
 * is a class or function this library exports (or a constant), imported at the top of this file.
 * Its modules (`python`, `python.module`) exist from then on, and `tests/config_security_test.ts`
 * checks that every listed value is one the library exports (see the python-json-logger and
 * colorlog lines below).
 * A value that changes at run time is `live(() => value)`; a module attribute that is another
 * module is `new ModuleRef("name")`. Never list a global, a runtime object (`process`, `Deno`,
 * `Bun`), `Function`, `Object`, or anything that hands one out: the table is the security boundary.
 */
function entries(): [string, unknown][] {
  return [
    // logging: levels
    ["logging.CRITICAL", levelsNs.CRITICAL],
    ["logging.FATAL", levelsNs.FATAL],
    ["logging.ERROR", levelsNs.ERROR],
    ["logging.WARNING", levelsNs.WARNING],
    ["logging.WARN", levelsNs.WARN],
    ["logging.INFO", levelsNs.INFO],
    ["logging.DEBUG", levelsNs.DEBUG],
    ["logging.NOTSET", levelsNs.NOTSET],
    ["logging.getLevelName", levelsNs.getLevelName],
    ["logging.addLevelName", levelsNs.addLevelName],
    ["logging.getLevelNamesMapping", levelsNs.getLevelNamesMapping],
    ["logging.checkLevel", levelsNs.checkLevel],
    ["logging._checkLevel", levelsNs.checkLevel],
    // logging: records, filters, loggers
    ["logging.LogRecord", recordNs.LogRecord],
    ["logging.makeLogRecord", recordNs.makeLogRecord],
    ["logging.getLogRecordFactory", recordNs.getLogRecordFactory],
    ["logging.setLogRecordFactory", recordNs.setLogRecordFactory],
    ["logging.setCallerInfo", callerNs.setCallerInfo],
    ["logging.Filter", filterNs.Filter],
    ["logging.Filterer", filterNs.Filterer],
    ["logging.Logger", loggerNs.Logger],
    ["logging.RootLogger", loggerNs.RootLogger],
    ["logging.Manager", loggerNs.Manager],
    ["logging.PlaceHolder", loggerNs.PlaceHolder],
    ["logging.getLogger", loggerNs.getLogger],
    ["logging.getLoggerClass", loggerNs.getLoggerClass],
    ["logging.setLoggerClass", loggerNs.setLoggerClass],
    ["logging.root", loggerNs.root],
    ["logging.LoggerAdapter", adapterNs.LoggerAdapter],
    // logging: module-level functions
    ["logging.BASIC_FORMAT", basicNs.BASIC_FORMAT],
    ["logging.basicConfig", basicNs.basicConfig],
    ["logging.critical", basicNs.critical],
    ["logging.fatal", basicNs.fatal],
    ["logging.error", basicNs.error],
    ["logging.exception", basicNs.exception],
    ["logging.warning", basicNs.warning],
    ["logging.warn", basicNs.warn],
    ["logging.info", basicNs.info],
    ["logging.debug", basicNs.debug],
    ["logging.log", basicNs.log],
    ["logging.disable", basicNs.disable],
    ["logging.shutdown", shutdownNs.shutdown],
    ["logging.flush", shutdownNs.flush],
    ["logging.getLastResort", lastResortNs.getLastResort],
    ["logging.setLastResort", lastResortNs.setLastResort],
    ["logging.lastResort", live(() => lastResortNs.getLastResort())],
    ["logging._StderrHandler", lastResortNs.StderrHandler],
    ["logging.getRaiseExceptions", h.getRaiseExceptions],
    ["logging.setRaiseExceptions", h.setRaiseExceptions],
    ["logging.raiseExceptions", live(() => h.getRaiseExceptions())],
    // logging: formatters
    ["logging.Formatter", f.Formatter],
    ["logging.BufferingFormatter", f.BufferingFormatter],
    ["logging.defaultFormatter", f.defaultFormatter],
    ["logging.PercentStyle", f.PercentStyle],
    ["logging.StrFormatStyle", f.StrFormatStyle],
    ["logging.StringTemplateStyle", f.StringTemplateStyle],
    ["logging.STYLES", f.STYLES],
    ["logging.percentFormat", f.percentFormat],
    ["logging.gmtime", f.gmtime],
    ["logging.localtime", f.localtime],
    ["logging.strftime", f.strftime],
    // logging: the core handlers and what only this library has
    ["logging.Handler", h.Handler],
    ["logging.StreamHandler", h.StreamHandler],
    ["logging.FileHandler", h.FileHandler],
    ["logging.NullHandler", h.NullHandler],
    ["logging.FdWritableStream", h.FdWritableStream],
    ["logging.stdout", h.stdout],
    ["logging.stderr", h.stderr],
    ["logging.Queue", h.Queue],
    ["logging.QueueEmpty", h.QueueEmpty],
    ["logging.QueueFull", h.QueueFull],
    ["logging.PortQueue", h.PortQueue],
    ["logging.PortQueueReceiver", h.PortQueueReceiver],
    ["logging.SMTP_PORT", h.SMTP_PORT],
    ["logging.SMTP_QUEUE_LIMIT", h.SMTP_QUEUE_LIMIT],
    ["logging.SOCKET_BUFFER_LIMIT", h.SOCKET_BUFFER_LIMIT],
    ["logging.SOCK_DGRAM", h.SOCK_DGRAM],
    ["logging.SOCK_STREAM", h.SOCK_STREAM],
    ["logging.SYSLOG_TCP_PORT", h.SYSLOG_TCP_PORT],
    ["logging.SYSLOG_UDP_PORT", h.SYSLOG_UDP_PORT],
    // logging's submodules, and Python's `logging.sys`
    ["logging.sys", new ModuleRef("sys")],
    // logging.handlers
    ["logging.handlers.BaseRotatingHandler", h.BaseRotatingHandler],
    ["logging.handlers.RotatingFileHandler", h.RotatingFileHandler],
    ["logging.handlers.TimedRotatingFileHandler", h.TimedRotatingFileHandler],
    ["logging.handlers.WatchedFileHandler", h.WatchedFileHandler],
    ["logging.handlers.BufferingHandler", h.BufferingHandler],
    ["logging.handlers.MemoryHandler", h.MemoryHandler],
    ["logging.handlers.QueueHandler", h.QueueHandler],
    ["logging.handlers.QueueListener", h.QueueListener],
    ["logging.handlers.SocketHandler", h.SocketHandler],
    ["logging.handlers.DatagramHandler", h.DatagramHandler],
    ["logging.handlers.SysLogHandler", h.SysLogHandler],
    ["logging.handlers.SMTPHandler", h.SMTPHandler],
    ["logging.handlers.HTTPHandler", h.HTTPHandler],
    ["logging.handlers.ConsoleHandler", h.ConsoleHandler],
    ["logging.handlers.OTLPHandler", h.OTLPHandler],
    ["logging.handlers.DEFAULT_TCP_LOGGING_PORT", 9020],
    ["logging.handlers.DEFAULT_UDP_LOGGING_PORT", 9021],
    ["logging.handlers.DEFAULT_HTTP_LOGGING_PORT", 9000],
    ["logging.handlers.DEFAULT_SOAP_LOGGING_PORT", 9023],
    ["logging.handlers.SYSLOG_UDP_PORT", h.SYSLOG_UDP_PORT],
    ["logging.handlers.SYSLOG_TCP_PORT", h.SYSLOG_TCP_PORT],
    // logging.config
    ["logging.config.dictConfig", cfg("dictConfig")],
    ["logging.config.fileConfig", cfg("fileConfig")],
    ["logging.config.dictConfigClass", cfg("dictConfigClass")],
    ["logging.config.DictConfigurator", cfg("DictConfigurator")],
    ["logging.config.BaseConfigurator", cfg("BaseConfigurator")],
    // python-json-logger (4.x's module and the older one) and colorlog, for the shared logging.json
    ["pythonjsonlogger.json.JsonFormatter", f.JsonFormatter],
    ["pythonjsonlogger.json.RESERVED_ATTRS", f.RESERVED_ATTRS],
    ["pythonjsonlogger.jsonlogger.JsonFormatter", f.JsonFormatter],
    ["pythonjsonlogger.jsonlogger.RESERVED_ATTRS", f.RESERVED_ATTRS],
    ["pythonjsonlogger.core.RESERVED_ATTRS", f.RESERVED_ATTRS],
    ["colorlog.ColoredFormatter", f.ColoredFormatter],
    ["colorlog.TTYColoredFormatter", f.TTYColoredFormatter],
    ["colorlog.default_log_colors", f.default_log_colors],
    ["colorlog.formatter.ColoredFormatter", f.ColoredFormatter],
    ["colorlog.formatter.TTYColoredFormatter", f.TTYColoredFormatter],
    ["colorlog.formatter.default_log_colors", f.default_log_colors],
    // This library's redaction filter, under the name a Python service provides it by (see
    // docs/SECURITY.md, "Redaction"): `"()": "pylog.redaction.RedactingFilter"`.
    ["pylog.redaction.RedactingFilter", redactionNs.RedactingFilter],
    ["pylog.redaction.DEFAULT_SENSITIVE_KEYS", redactionNs.DEFAULT_SENSITIVE_KEYS],
    // queue (Python's `queue` module, for queue handler configurations: "queue": "queue.Queue")
    ["queue.Queue", h.Queue],
    ["queue.Empty", h.QueueEmpty],
    ["queue.Full", h.QueueFull],
    // sys
    ["sys.stdout", live(() => h.stdout())],
    ["sys.stderr", live(() => h.stderr())],
  ];
}

/** A module of the table: its attributes (values as listed) and whether it has submodules. */
export interface TableModule {
  /** Attribute name to table value (a {@linkcode Live} or {@linkcode ModuleRef} is unwrapped on read). */
  readonly attrs: Map<string, unknown>;
  /** Whether submodules may be imported from it (Python's packages). */
  isPackage: boolean;
}

let modules: Map<string, TableModule> | null = null;

/**
 * The table's modules by dotted name, built on first use (never at import): every dotted prefix of
 * a listed name is a module, and a submodule is an attribute of its parent.
 */
export function tableModules(): Map<string, TableModule> {
  if (modules !== null) return modules;
  const out = new Map<string, TableModule>();
  const mod = (name: string): TableModule => {
    let m = out.get(name);
    if (m === undefined) {
      m = { attrs: new Map(), isPackage: false };
      out.set(name, m);
      const dot = name.lastIndexOf(".");
      if (dot > 0) {
        const parent = mod(name.slice(0, dot));
        parent.isPackage = true;
        parent.attrs.set(name.slice(dot + 1), new ModuleRef(name));
      }
    }
    return m;
  };
  for (const [name, value] of entries()) {
    const dot = name.lastIndexOf(".");
    mod(name.slice(0, dot)).attrs.set(name.slice(dot + 1), value);
  }
  modules = out;
  return out;
}

/** Every value the table lists (unwrapping live ones), for tests that audit the boundary. */
export function tableValues(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, value] of entries()) {
    out.set(name, value instanceof Live ? value.read() : value);
  }
  return out;
}
