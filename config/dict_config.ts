/**
 * `dictConfig`: Python's `logging.config.dictConfig` and its configuration dictionary schema
 * (version 1): formatters, filters, handlers, loggers, root, `incremental`,
 * `disable_existing_loggers`, `()` factories, `.` properties, `ext://` and `cfg://` references,
 * with CPython 3.13's error messages, and 3.12's queue handler entries (`config/queue_config.ts`).
 *
 * Unlike CPython, a configuration is applied atomically: everything is built first (formatters,
 * filters, handlers named, loggers created and their settings checked), and only then are the
 * loggers changed and the old handlers flushed and closed, once each, newest first, as
 * `shutdown(handlerList)` does. A configuration that fails leaves the previous one in place (its
 * handlers untouched) and closes what it had built.
 *
 * @module
 */

import { KeyError, ValueError } from "../py/errors.ts";
import { Filter, type FilterLike } from "../filter.ts";
import { Formatter } from "../formatters/formatter.ts";
import { isPlainObject, pyRepr, pyValueRepr } from "../py/repr.ts";
import { Handler, handlerRegistry } from "../handlers/handler.ts";
import * as handlersNs from "../handlers/mod.ts";
import { type NodeFs, nodeFs } from "../runtime.ts";
import { osErrorFrom } from "../py/errors.ts";
import { checkLevel } from "../levels.ts";
import { getLogger, root as rootLogger } from "../logger.ts";
import { callArgsKwargs, callPositional, callWithKwargs, resolveName } from "./resolve.ts";
import { BaseConfigurator, pyValueStr, typeName, validIdent } from "./base_configurator.ts";
import { configureQueueHandler, resolveQueueSpecs } from "./queue_config.ts";
import { checkLoggerName } from "../limits.ts";
import { setOwn } from "../own_keys.ts";
import {
  applyLogger,
  applyLoggerPlans,
  HandlerSwap,
  keyOf,
  type LoggerPlan,
  nameHandler,
  pySorted,
} from "./apply.ts";

/** A configuration dictionary (Python's `dictConfig` schema, version 1). */
export interface DictConfig {
  /** Must be 1. */
  version: number;
  /** Formatter configurations by id: `format`, `datefmt`, `style`, `validate`, `defaults`, `class`, or `()`. */
  formatters?: Record<string, unknown>;
  /** Filter configurations by id: `name`, or `()`. */
  filters?: Record<string, unknown>;
  /** Handler configurations by id: `class` (or `()`), `level`, `formatter`, `filters`, and the class's parameters. */
  handlers?: Record<string, unknown>;
  /** Logger configurations by name: `level`, `propagate`, `filters`, `handlers`. */
  loggers?: Record<string, unknown>;
  /** The root logger's configuration: `level`, `filters`, `handlers`. */
  root?: Record<string, unknown>;
  /** Only change levels (and `propagate`) of what exists. */
  incremental?: boolean;
  /** Disable the loggers the configuration does not name (default `true`). */
  disable_existing_loggers?: boolean;
  /** Anything else, reachable through `cfg://`. */
  [key: string]: unknown;
}

/**
 * The error `dictConfig` raises for a configuration it cannot apply: a `ValueError` (its `name` is
 * `"ValueError"`, its message Python's: `Unable to configure handler 'console'`), with the error
 * that caused it as `cause` (Python's `raise ... from e`), and the part of the configuration it is
 * about in `section` and `key`.
 *
 * @example
 * ```ts
 * import { ConfigError, dictConfig } from "@pylog/logging/config";
 * try {
 *   dictConfig({ version: 1, handlers: { console: { class: "logging.NoSuchHandler" } } });
 * } catch (e) {
 *   if (e instanceof ConfigError) console.log(e.message, e.section, e.key, e.cause);
 *   // Unable to configure handler 'console' handler console ValueError: Cannot resolve ...
 * }
 * ```
 */
export class ConfigError extends ValueError {
  /** `"formatter"`, `"filter"`, `"handler"`, `"logger"`, `"root"`, or `null` for the whole configuration. */
  readonly section: string | null;
  /** The id or logger name the error is about, or `null`. */
  readonly key: string | null;
  /** Creates the error. */
  constructor(
    message: string,
    options: ErrorOptions & { section?: string | null; key?: string | null } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ValueError";
    this.section = options.section ?? null;
    this.key = options.key ?? null;
  }
}

type Dict = Record<string, unknown>;

const EMPTY: Dict = Object.freeze({}) as Dict;

function memoryHandlerClass(): unknown {
  return (handlersNs as Record<string, unknown>).MemoryHandler;
}

function queueHandlerClass(): unknown {
  return (handlersNs as Record<string, unknown>).QueueHandler;
}

function isSubclass(klass: unknown, base: unknown): boolean {
  return typeof klass === "function" && typeof base === "function" &&
    (klass === base || klass.prototype instanceof base);
}

/** Iterates a Python iterable given in a configuration: a list's items, a string's characters. */
function iterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (isPlainObject(value)) return Object.keys(value);
  if (value !== null && typeof value === "object" && Symbol.iterator in value) {
    return [...(value as Iterable<unknown>)];
  }
  throw new TypeError(`${pyRepr(typeName(value))} object is not iterable`);
}

function expectDict(value: unknown, what: string): Dict {
  if (!isPlainObject(value)) {
    throw new TypeError(`${what} must be a dict, not ${pyRepr(typeName(value))}`);
  }
  return value;
}

/**
 * Python's `DictConfigurator`: applies a configuration dictionary. Use {@linkcode dictConfig}.
 *
 * @example
 * ```ts
 * import { DictConfigurator } from "@pylog/logging/config";
 * new DictConfigurator({ version: 1, root: { level: "INFO" } }).configure();
 * ```
 */
export class DictConfigurator extends BaseConfigurator {
  /**
   * Builds everything the configuration describes, then applies it (see the module's notes on
   * atomicity).
   *
   * @example
   * ```ts
   * import { DictConfigurator } from "@pylog/logging/config";
   * new DictConfigurator({ version: 1, incremental: true, root: { level: "DEBUG" } }).configure();
   * ```
   */
  configure(): void {
    const config = this.config;
    if (!Object.hasOwn(config, "version")) {
      throw new ConfigError("dictionary doesn't specify a version");
    }
    const version = this.get(config, "version");
    if (version !== 1 && version !== true) {
      throw new ConfigError(`Unsupported version: ${pyValueStr(version)}`);
    }
    const incremental = this.pop(config, "incremental", false);
    if (incremental) this.#configureIncremental();
    else this.#configureFull();
  }

  #section(name: string): Dict {
    const value = this.getOr(this.config, name, EMPTY);
    if (!isPlainObject(value)) {
      throw new ConfigError(`${pyRepr(name)} must be a dict, not ${pyRepr(typeName(value))}`, {
        key: name,
      });
    }
    return value;
  }

  #configureIncremental(): void {
    const byName = handlerRegistry().byName;
    const handlerLevels: [Handler, number][] = [];
    const handlers = this.#section("handlers");
    for (const name of Object.keys(handlers)) {
      const handler = byName.get(name);
      if (handler === undefined) {
        throw new ConfigError(`No handler found with name ${pyRepr(name)}`, {
          section: "handler",
          key: name,
        });
      }
      try {
        const hc = expectDict(this.get(handlers, name), "a handler configuration");
        const level = this.getOr(hc, "level", null);
        if (level) handlerLevels.push([handler, checkLevel(level)]);
      } catch (e) {
        throw new ConfigError(`Unable to configure handler ${pyRepr(name)}`, {
          cause: e,
          section: "handler",
          key: name,
        });
      }
    }
    const loggerPlans = this.#planLoggers(true);
    const rootPlan = this.#planRoot(true);
    // Apply.
    for (const [h, level] of handlerLevels) h.setLevel(level);
    for (const [name, plan] of loggerPlans) applyLogger(getLogger(name), plan, true, false);
    if (rootPlan !== null) applyLogger(rootLogger, rootPlan, true, true);
  }

  #planLoggers(incremental: boolean): [string, LoggerPlan][] {
    const loggers = this.#section("loggers");
    const plans: [string, LoggerPlan][] = [];
    for (const name of Object.keys(loggers)) {
      try {
        checkLoggerName(name); // before the apply step, which must not fail
        // Python's configure_logger starts with getLogger(name): done here, before anything
        // changes, so that a logger class that fails does so while the configuration can back out.
        getLogger(name);
        plans.push([name, this.#planLogger(this.get(loggers, name), incremental)]);
      } catch (e) {
        throw new ConfigError(`Unable to configure logger ${pyRepr(name)}`, {
          cause: e,
          section: "logger",
          key: name,
        });
      }
    }
    return plans;
  }

  #planRoot(incremental: boolean): LoggerPlan | null {
    const root = this.getOr(this.config, "root", null);
    if (!root || (isPlainObject(root) && Object.keys(root).length === 0)) return null;
    try {
      return this.#planLogger(root, incremental);
    } catch (e) {
      throw new ConfigError("Unable to configure root logger", { cause: e, section: "root" });
    }
  }

  #planLogger(value: unknown, incremental: boolean): LoggerPlan {
    const config = expectDict(value, "a logger configuration");
    const level = this.getOr(config, "level", null);
    const plan: LoggerPlan = {
      level: level === null || level === undefined ? null : checkLevel(level),
      handlers: null,
      filters: null,
      propagate: null,
    };
    if (!incremental) {
      const handlers = this.getOr(config, "handlers", null);
      plan.handlers = [];
      if (handlers) {
        for (const h of iterate(handlers)) {
          try {
            plan.handlers.push(this.get(this.get(this.config, "handlers"), h as string) as Handler);
          } catch (e) {
            throw new ValueError(`Unable to add handler ${pyValueRepr(h)}`, { cause: e });
          }
        }
      }
      const filters = this.getOr(config, "filters", null);
      if (filters) plan.filters = this.#resolveFilters(filters);
    }
    plan.propagate = this.getOr(config, "propagate", null);
    return plan;
  }

  #resolveFilters(filters: unknown): FilterLike[] {
    const out: FilterLike[] = [];
    for (const f of iterate(filters)) {
      try {
        if (
          typeof f === "function" ||
          (f !== null && typeof f === "object" &&
            typeof (f as { filter?: unknown }).filter === "function")
        ) {
          out.push(f as FilterLike);
        } else {
          const found = this.get(this.get(this.config, "filters"), keyOf(f));
          out.push(found as FilterLike);
        }
      } catch (e) {
        throw new ValueError(`Unable to add filter ${pyValueRepr(f)}`, { cause: e });
      }
    }
    return out;
  }

  /**
   * Python's `configure_formatter`.
   *
   * @example
   * ```ts
   * import { DictConfigurator } from "@pylog/logging/config";
   * new DictConfigurator({ version: 1 }).configure_formatter({ format: "%(message)s" });
   * ```
   */
  configure_formatter(value: unknown): unknown {
    const config = expectDict(value, "a formatter configuration");
    if (Object.hasOwn(config, "()")) return this.configure_custom(config, true);
    const fmt = this.getOr(config, "format", null);
    const dfmt = this.getOr(config, "datefmt", null);
    const style = this.getOr(config, "style", "%");
    const cname = this.getOr(config, "class", null);
    let c: unknown = Formatter;
    if (typeof cname === "function") c = cname;
    else if (cname) c = resolveName(String(cname));
    const args: unknown[] = [fmt, dfmt, style];
    if (Object.hasOwn(config, "validate")) args.push(this.get(config, "validate"));
    // Python 3.12's `defaults` key, passed by keyword when it is not None: by the class's own
    // signature (colorlog's ColoredFormatter takes it in its eleventh slot, Formatter as a
    // keyword-only option), so it never lands in another positional parameter.
    const defaults = Object.hasOwn(config, "defaults") ? this.get(config, "defaults") : null;
    const result = defaults !== null && defaults !== undefined && isSubclass(c, Formatter)
      ? callArgsKwargs(c, args, { defaults: this.deepConvert(defaults) })
      : callPositional(c, args);
    // This library's `sanitize` key (not in Python): the formatter's injection-safe mode.
    if (Object.hasOwn(config, "sanitize") && result instanceof Formatter) {
      result.sanitize = this.get(config, "sanitize") === true;
    }
    return result;
  }

  /**
   * Python's `configure_filter`.
   *
   * @example
   * ```ts
   * import { DictConfigurator } from "@pylog/logging/config";
   * new DictConfigurator({ version: 1 }).configure_filter({ name: "app" });
   * ```
   */
  configure_filter(value: unknown): unknown {
    const config = expectDict(value, "a filter configuration");
    if (Object.hasOwn(config, "()")) return this.configure_custom(config);
    return new Filter(String(this.getOr(config, "name", "")));
  }

  /**
   * Python's `configure_handler` (the handler is not named or registered yet).
   *
   * @example
   * ```ts
   * import { DictConfigurator } from "@pylog/logging/config";
   * new DictConfigurator({ version: 1 }).configure_handler({ class: "logging.NullHandler" });
   * ```
   */
  configure_handler(value: unknown): unknown {
    // A copy: a deferred handler is configured again from the original.
    const config: Dict = { ...expectDict(value, "a handler configuration") };
    let formatter = this.pop(config, "formatter", null);
    if (formatter && !(formatter instanceof Formatter)) {
      try {
        formatter = this.get(this.get(this.config, "formatters"), keyOf(formatter));
      } catch (e) {
        throw new ValueError(`Unable to set formatter ${pyValueRepr(formatter)}`, { cause: e });
      }
    }
    const level = this.pop(config, "level", null);
    const filters = this.pop(config, "filters", null);
    let factory: unknown;
    let queueHandler = false;
    if (Object.hasOwn(config, "()")) {
      let c = this.pop(config, "()", null);
      if (typeof c !== "function") c = this.resolve(String(c));
      factory = c;
    } else {
      if (!Object.hasOwn(config, "class")) throw new KeyError("class");
      const cname = this.pop(config, "class", null);
      const klass = typeof cname === "function" ? cname : this.resolve(String(cname));
      if (isSubclass(klass, memoryHandlerClass())) {
        // CPython 3.12: a level name is accepted for flushLevel.
        if (Object.hasOwn(config, "flushLevel")) {
          config.flushLevel = checkLevel(this.get(config, "flushLevel"));
        }
        if (Object.hasOwn(config, "target")) {
          try {
            const th = this.get(this.get(this.config, "handlers"), keyOf(config.target));
            if (!(th instanceof Handler)) throw new TypeError("target not configured yet");
            config.target = th;
          } catch (e) {
            throw new ValueError(`Unable to set target handler ${pyValueRepr(config.target)}`, {
              cause: e,
            });
          }
        }
      } else if (isSubclass(klass, queueHandlerClass())) {
        resolveQueueSpecs(this, config, pyValueRepr);
        queueHandler = true;
      }
      factory = klass;
    }
    const kwargs: Dict = {};
    for (const k of Object.keys(config)) {
      if (k === "." || !validIdent(k)) continue;
      setOwn(kwargs, k, this.deepConvert(this.get(config, k)));
    }
    const result =
      (queueHandler
        ? configureQueueHandler(factory, kwargs)
        : callWithKwargs(factory, kwargs)) as Handler;
    if (formatter) result.setFormatter(formatter as Formatter);
    if (level !== null && level !== undefined) result.setLevel(checkLevel(level));
    if (filters) { for (const f of this.#resolveFilters(filters)) result.addFilter(f); }
    const props = this.pop(config, ".", null);
    if (props && typeof props === "object") {
      for (const [name, v] of Object.entries(props as Dict)) setOwn(result as object, name, v);
    }
    return result;
  }

  #configureFull(): void {
    const config = this.config;
    const disableExisting = this.pop(config, "disable_existing_loggers", true);
    const tx = new HandlerSwap();
    const named: [string, Handler][] = [];
    let loggerPlans: [string, LoggerPlan][];
    let rootPlan: LoggerPlan | null;
    try {
      const formatters = this.#section("formatters");
      for (const name of Object.keys(formatters)) {
        try {
          setOwn(formatters, name, this.configure_formatter(this.get(formatters, name)));
        } catch (e) {
          throw new ConfigError(`Unable to configure formatter ${pyRepr(name)}`, {
            cause: e,
            section: "formatter",
            key: name,
          });
        }
      }
      const filters = this.#section("filters");
      for (const name of Object.keys(filters)) {
        try {
          setOwn(filters, name, this.configure_filter(this.get(filters, name)));
        } catch (e) {
          throw new ConfigError(`Unable to configure filter ${pyRepr(name)}`, {
            cause: e,
            section: "filter",
            key: name,
          });
        }
      }
      const handlers = this.#section("handlers");
      const deferred: string[] = [];
      const configureOne = (name: string, mayDefer: boolean): void => {
        try {
          const handler = this.configure_handler(this.get(handlers, name)) as Handler;
          nameHandler(handler, name);
          named.push([name, handler]);
          setOwn(handlers, name, handler);
        } catch (e) {
          const cause = (e as { cause?: unknown })?.cause;
          if (mayDefer && String((cause as Error)?.message).includes(" not configured yet")) {
            deferred.push(name);
          } else {
            throw new ConfigError(`Unable to configure handler ${pyRepr(name)}`, {
              cause: e,
              section: "handler",
              key: name,
            });
          }
        }
      };
      for (const name of pySorted(Object.keys(handlers))) configureOne(name, true);
      for (const name of deferred) configureOne(name, false);
      loggerPlans = this.#planLoggers(false);
      rootPlan = this.#planRoot(false);
    } catch (e) {
      tx.rollback();
      throw e;
    }

    // Commit: from here nothing can fail; an error closing an old handler is raised at the end.
    const closeError = tx.commit(named);
    applyLoggerPlans(loggerPlans, Boolean(disableExisting));
    if (rootPlan !== null) applyLogger(rootLogger, rootPlan, false, true);
    if (closeError !== undefined) throw closeError.error;
  }
}

/**
 * Configures logging from a dictionary, as Python's `logging.config.dictConfig`. The dictionary is
 * usually `JSON.parse`d from the same `logging.json` a Python program passes to `dictConfig`.
 *
 * Applied atomically: if anything in the configuration is wrong, a `ConfigError` (a `ValueError`
 * with Python's message, `Unable to configure handler 'console'`, and the cause chained) is thrown
 * and the previous configuration keeps working.
 *
 * @example
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { dictConfig } from "@pylog/logging/config";
 * dictConfig({
 *   version: 1,
 *   formatters: { brief: { format: "%(levelname)-8s %(name)s: %(message)s" } },
 *   handlers: {
 *     console: { class: "logging.StreamHandler", formatter: "brief", stream: "ext://sys.stdout" },
 *   },
 *   loggers: { "app.db": { level: "DEBUG" } },
 *   root: { level: "INFO", handlers: ["console"] },
 * });
 * getLogger("app.db").debug("connected");
 * ```
 */
export function dictConfig(config: DictConfig | Record<string, unknown>): void {
  new DictConfigurator(config as Dict).configure();
}

/**
 * Reads a JSON file and applies it with {@linkcode dictConfig} (a convenience Python does not have:
 * there, `dictConfig(json.load(f))`). Needs a file system (Deno, Bun, Node).
 *
 * @example
 * ```ts
 * import { dictConfigFromFile } from "@pylog/logging/config";
 * dictConfigFromFile("logging.json");
 * ```
 */
export function dictConfigFromFile(path: string, encoding = "utf-8"): void {
  dictConfig(JSON.parse(readTextFile(path, encoding)) as Dict);
}

/** Reads a text file through the lazily reached `node:fs`; Python's `OSError`s on failure. */
export function readTextFile(path: string, encoding = "utf-8"): string {
  const fs = nodeFs() as (NodeFs & { readFileSync(p: string): Uint8Array }) | null;
  if (fs === null) {
    throw new Error(
      "reading a configuration file needs a file system, and this runtime has none: " +
        "pass the configuration itself instead",
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    throw osErrorFrom(e, path);
  }
  return new TextDecoder(encoding === "locale" ? "utf-8" : encoding).decode(bytes);
}
