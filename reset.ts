/**
 * `resetLogging()`: logging as it is right after import, for test suites (Python has no such call;
 * its own tests save and restore the module's globals by hand, which the ES module's bindings do not
 * allow from outside).
 *
 * @module
 */

import { Formatter } from "./formatters/formatter.ts";
import { handlerRegistry } from "./handlers/handler.ts";
import { WARNING } from "./levels.ts";
import { Logger, root, setLoggerClass } from "./logger.ts";
import { resetState } from "./state.ts";

/** Formatter's class-level settings as the class declares them (read once, at import). */
const FORMATTER_DEFAULTS = {
  converter: Formatter.converter,
  default_time_format: Formatter.default_time_format,
  default_msec_format: Formatter.default_msec_format,
};

/**
 * Returns logging to the state it has right after import: the root logger at `WARNING` with no
 * handlers or filters, no other loggers (`getLogger(name)` makes new ones), no named handlers, the
 * default level names, `disable(NOTSET)`, `raiseExceptions` on, a fresh handler of last resort, the
 * default logger class and record factory, `setCallerInfo("auto")` and `Formatter`'s class-level
 * defaults. For tests: call it in `beforeEach`/`afterEach` instead of undoing configuration by hand.
 *
 * Handlers are detached, not closed: close the ones you opened (or `await shutdown()` first).
 * Handlers created before stay known to `shutdown()`, so nothing they hold is lost at exit.
 * Factories registered with `registerFactory` stay registered.
 *
 * @example
 * ```ts
 * import { basicConfig, getLogger, resetLogging, root, WARNING } from "@pylog/logging";
 * basicConfig({ level: "DEBUG" });
 * getLogger("app").setLevel("INFO");
 * resetLogging();
 * root.handlers.length; // 0
 * root.level === WARNING; // true
 * ```
 */
export function resetLogging(): void {
  resetState(["lastResort", "recordFactory"]);
  const manager = root.manager;
  root.handlers = [];
  root.filters = [];
  root.setLevel(WARNING);
  root.disabled = false;
  root.propagate = true;
  manager.loggerDict.clear();
  manager.disable = 0;
  manager.emittedNoHandlerWarning = false;
  manager.loggerClass = null;
  manager.logRecordFactory = null;
  setLoggerClass(Logger);
  handlerRegistry().byName.clear();
  Formatter.converter = FORMATTER_DEFAULTS.converter;
  Formatter.default_time_format = FORMATTER_DEFAULTS.default_time_format;
  Formatter.default_msec_format = FORMATTER_DEFAULTS.default_msec_format;
  manager._clear_cache();
}
