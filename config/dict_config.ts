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

import { AttributeError, KeyError, ValueError } from "../errors.ts";
import { Filter, type Filterer, type FilterLike } from "../filter.ts";
import { Formatter } from "../formatters/formatter.ts";
import { pyRepr, pyTypeName } from "../formatters/repr.ts";
import { Handler, handlerRegistry } from "../handlers/handler.ts";
import * as handlersNs from "../handlers/mod.ts";
import { flushAllSinksSync, type NodeFs, nodeFs } from "../handlers/sink.ts";
import { shutdownHandlers } from "../shutdown.ts";
import { configureQueueHandler, resolveQueueSpecs } from "./queue_config.ts";
import { IndexError, osErrorFrom } from "../errors.ts";
import { checkLevel } from "../levels.ts";
import { getLogger, type Logger, PlaceHolder, root as rootLogger } from "../logger.ts";
import { checkLoggerName } from "../limits.ts";
import { setOwn } from "../own_keys.ts";
import { isPlainObject } from "../record.ts";
import {
  callPositional,
  callWithKwargs,
  factoryParams,
  libraryBase,
  resolveName,
} from "./resolve.ts";

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

/** Python's `repr()` of a JSON-like value: `None`, `True`, `'x'`, `[1, 'a']`, `{'k': 1}`. */
export function pyValueRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (Array.isArray(v)) return `[${v.map(pyValueRepr).join(", ")}]`;
  if (isPlainObject(v)) {
    return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyValueRepr(x)}`).join(", ")}}`;
  }
  return pyRepr(v);
}

/** Python's `str()` of a JSON-like value. */
function pyValueStr(v: unknown): string {
  return typeof v === "string" ? v : pyValueRepr(v);
}

/** Python's type name for messages. */
function typeName(v: unknown): string {
  return pyTypeName(v);
}

const CONVERT_PATTERN = /^([a-z]+):\/\/(.*)$/s;
const WORD_PATTERN = /^\s*([\p{L}\p{N}_]+)\s*/u;
const DOT_PATTERN = /^\.\s*([\p{L}\p{N}_]+)\s*/u;
// CPython 3.13's: anything but brackets between [ and ], spaces kept (3.11 took one word).
const INDEX_PATTERN = /^\[([^[\]]*)\]\s*/;
const DIGIT_PATTERN = /^\d+$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;

/** Python's `valid_ident`: `ValueError: Not a valid Python identifier: '9'`. */
function validIdent(s: string): true {
  if (!IDENTIFIER.test(s)) throw new ValueError(`Not a valid Python identifier: ${pyRepr(s)}`);
  return true;
}

/** Copies plain objects and arrays deeply; anything else (classes, handlers, streams) is shared. */
function cloneConfig(value: unknown, seen = new Map<unknown, unknown>()): unknown {
  if (Array.isArray(value)) {
    if (seen.has(value)) return seen.get(value);
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(cloneConfig(v, seen));
    return out;
  }
  if (isPlainObject(value)) {
    if (seen.has(value)) return seen.get(value);
    const out: Dict = {};
    seen.set(value, out);
    for (const k of Object.keys(value)) setOwn(out, k, cloneConfig(value[k], seen));
    return out;
  }
  return value;
}

/** Python's `d[key]` on a configuration value. */
function subscript(d: unknown, key: string | number): unknown {
  if (Array.isArray(d) || typeof d === "string") {
    if (typeof key !== "number") {
      throw new TypeError(
        `${Array.isArray(d) ? "list" : "string"} indices must be integers${
          Array.isArray(d) ? " or slices" : ""
        }, not 'str'`,
      );
    }
    const i = key < 0 ? d.length + key : key;
    if (i < 0 || i >= d.length) {
      throw new IndexError(`${Array.isArray(d) ? "list" : "string"} index out of range`);
    }
    return d[i];
  }
  if (isPlainObject(d) || d instanceof Map) {
    // JSON keys are strings: Python's dict[2] on a str-keyed dict is KeyError(2).
    if (typeof key === "number") throw new KeyError(key);
    if (d instanceof Map) {
      if (!d.has(key)) throw new KeyError(key);
      return d.get(key);
    }
    if (!Object.hasOwn(d, key)) throw new KeyError(key);
    return d[key];
  }
  throw new TypeError(`${pyRepr(typeName(d))} object is not subscriptable`);
}

/**
 * Python's `BaseConfigurator`: holds the configuration and converts values on access: `ext://name`
 * resolves a name, `cfg://path` looks a value up in the configuration itself (Python's path
 * syntax: `cfg://handlers.email[toaddrs][0]`). Converted values replace the originals, so a
 * `cfg://formatters.f` reached after formatters are built is the `Formatter` object.
 *
 * @example
 * ```ts
 * import { BaseConfigurator } from "@pylog/logging/config";
 * const bc = new BaseConfigurator({ adict: { d: "e" }, alist: ["a", "b"] });
 * bc.convert("cfg://adict.d"); // "e"
 * bc.convert("cfg://alist[1]"); // "b"
 * ```
 */
export class BaseConfigurator {
  /** The working copy of the configuration (plain objects and arrays are copied). */
  config: Record<string, unknown>;
  #inProgress: string[] = [];

  /** Wraps `config` (copied: the caller's object is never changed). */
  constructor(config: Record<string, unknown>) {
    if (!isPlainObject(config)) {
      throw new TypeError(
        `dictConfig() needs a dict (a plain object), not ${pyRepr(typeName(config))}`,
      );
    }
    this.config = cloneConfig(config) as Dict;
  }

  /**
   * Resolves a dotted name (Python's `BaseConfigurator.resolve`): this library's names
   * (`logging.StreamHandler`), `sys.stdout`/`sys.stderr`, and registered ones.
   * `ValueError: Cannot resolve 'x': No module named 'x'` otherwise.
   *
   * @example
   * ```ts
   * import { BaseConfigurator } from "@pylog/logging/config";
   * new BaseConfigurator({}).resolve("logging.StreamHandler");
   * ```
   */
  resolve(s: string): unknown {
    try {
      return resolveName(s);
    } catch (e) {
      if ((e as Error)?.name === "ModuleNotFoundError" || (e as Error)?.name === "ImportError") {
        throw new ValueError(`Cannot resolve ${pyRepr(s)}: ${(e as Error).message}`, { cause: e });
      }
      throw e;
    }
  }

  /**
   * Python's `ext_convert`: resolves the name after `ext://`.
   *
   * @example
   * ```ts
   * import { BaseConfigurator } from "@pylog/logging/config";
   * new BaseConfigurator({}).ext_convert("sys.stdout"); // the process's stdout stream
   * ```
   */
  ext_convert(value: string): unknown {
    return this.resolve(value);
  }

  /**
   * Python's `cfg_convert`: follows a path (`handlers.email[toaddrs][0]`) from the top of the
   * configuration. A reference that leads back to itself raises a `ValueError` naming the chain.
   *
   * @example
   * ```ts
   * import { BaseConfigurator } from "@pylog/logging/config";
   * new BaseConfigurator({ a: { b: [1, 2] } }).cfg_convert("a.b[1]"); // 2
   * ```
   */
  cfg_convert(value: string): unknown {
    if (this.#inProgress.includes(value)) {
      const chain = [...this.#inProgress.slice(this.#inProgress.indexOf(value)), value];
      throw new ValueError(
        `Circular cfg:// reference: ${chain.map((c) => "cfg://" + c).join(" -> ")}`,
      );
    }
    this.#inProgress.push(value);
    try {
      let rest = value;
      let m = WORD_PATTERN.exec(rest);
      if (m === null) throw new ValueError(`Unable to convert ${pyRepr(value)}`);
      rest = rest.slice(m[0].length);
      let d = this.get(this.config, m[1]);
      while (rest) {
        m = DOT_PATTERN.exec(rest);
        if (m) d = this.get(d, m[1]);
        else {
          m = INDEX_PATTERN.exec(rest);
          if (m) {
            const idx = m[1];
            if (!DIGIT_PATTERN.test(idx)) d = this.get(d, idx);
            else {
              try {
                d = this.get(d, Number(idx));
              } catch (e) {
                if (!(e instanceof TypeError)) throw e;
                d = this.get(d, idx);
              }
            }
          }
        }
        if (m) rest = rest.slice(m[0].length);
        else throw new ValueError(`Unable to convert ${pyRepr(value)} at ${pyRepr(rest)}`);
      }
      return d;
    } finally {
      this.#inProgress.pop();
    }
  }

  /**
   * Converts a value: `ext://` and `cfg://` strings are resolved; anything else is returned as it
   * is.
   *
   * @example
   * ```ts
   * import { BaseConfigurator } from "@pylog/logging/config";
   * new BaseConfigurator({ x: 1 }).convert("cfg://x"); // 1
   * ```
   */
  convert(value: unknown): unknown {
    if (typeof value === "string") {
      const m = CONVERT_PATTERN.exec(value);
      if (m) {
        if (m[1] === "ext") return this.ext_convert(m[2]);
        if (m[1] === "cfg") return this.cfg_convert(m[2]);
      }
    }
    return value;
  }

  /**
   * Python's converting `d[key]`: the converted value, which replaces the original in `d`.
   *
   * @example
   * ```ts
   * import { BaseConfigurator } from "@pylog/logging/config";
   * const bc = new BaseConfigurator({ a: "cfg://b", b: 2 });
   * bc.get(bc.config, "a"); // 2
   * ```
   */
  get(d: unknown, key: string | number): unknown {
    const value = subscript(d, key);
    const result = this.convert(value);
    if (result !== value) {
      if (Array.isArray(d) && typeof key === "number") d[key < 0 ? d.length + key : key] = result;
      else if (isPlainObject(d)) setOwn(d, String(key), result);
    }
    return result;
  }

  /** Python's `d.get(key, fallback)` with conversion. */
  getOr(d: Record<string, unknown>, key: string, fallback: unknown): unknown {
    return Object.hasOwn(d, key) ? this.get(d, key) : fallback;
  }

  /** Python's converting `d.pop(key, fallback)` (the converted value is not stored back). */
  pop(d: Record<string, unknown>, key: string, fallback: unknown): unknown {
    if (!Object.hasOwn(d, key)) return fallback;
    const value = d[key];
    delete d[key];
    return this.convert(value);
  }

  /** Converts `ext://`/`cfg://` strings inside plain objects and arrays (Python converts on access). */
  deepConvert(value: unknown, seen: Set<unknown> = new Set()): unknown {
    const v = this.convert(value);
    if ((Array.isArray(v) || isPlainObject(v)) && !seen.has(v)) {
      seen.add(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) v[i] = this.deepConvert(v[i], seen);
      } else {for (const k of Object.keys(v)) {
          setOwn(v, k, this.deepConvert((v as Dict)[k], seen));
        }}
    }
    return v;
  }

  /**
   * Python's `configure_custom`: calls the `()` factory (a function, a class, or a registered
   * name) with the other keys, then sets the `.` properties on the result.
   *
   * @example
   * ```ts
   * import { BaseConfigurator } from "@pylog/logging/config";
   * const bc = new BaseConfigurator({});
   * bc.configure_custom({ "()": (o: { n: number }) => ({ n: o.n }), n: 1 }); // { n: 1 }
   * ```
   */
  configure_custom(config: Record<string, unknown>, renameFormat = false): unknown {
    let c = this.pop(config, "()", null);
    if (typeof c !== "function") {
      if (typeof c !== "string") {
        throw new TypeError(`${pyRepr(typeName(c))} object is not callable`);
      }
      c = this.resolve(c);
    }
    const kwargs: Dict = {};
    for (const k of Object.keys(config)) {
      if (k === "." || !validIdent(k)) continue;
      setOwn(kwargs, k, this.deepConvert(this.get(config, k)));
    }
    // Python retries a Formatter class with `fmt` when `format` is refused (TypeError); a
    // JavaScript constructor refuses nothing, so a Formatter-derived factory gets `fmt` at once,
    // unless its registered parameters take `format`.
    if (renameFormat && Object.hasOwn(kwargs, "format") && !Object.hasOwn(kwargs, "fmt")) {
      const base = libraryBase(c);
      if (
        base !== null && base.sig.params.includes("fmt") && !factoryParams(c)?.includes("format")
      ) {
        const renamed: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(kwargs)) setOwn(renamed, k === "format" ? "fmt" : k, v);
        const result = callWithKwargs(c, renamed);
        this.#setProps(result, config);
        return result;
      }
    }
    const result = callWithKwargs(c, kwargs);
    this.#setProps(result, config);
    return result;
  }

  #setProps(result: unknown, config: Dict): void {
    const props = this.pop(config, ".", null);
    if (props && typeof props === "object") {
      for (const [name, value] of Object.entries(props as Dict)) {
        setOwn(result as Dict, name, value);
      }
    }
  }
}

/** What a logger will be set to, checked before anything changes. */
export interface LoggerPlan {
  level: number | null;
  handlers: Handler[] | null;
  filters: FilterLike[] | null;
  propagate: unknown;
}

const EMPTY: Dict = Object.freeze({}) as Dict;

function memoryHandlerClass(): unknown {
  return (handlersNs as Record<string, unknown>).MemoryHandler;
}

function queueHandlerClass(): unknown {
  return (handlersNs as Record<string, unknown>).QueueHandler;
}

/**
 * Python's `handler.name = name` of `configure`, done while the configuration is still being built
 * so that a factory's odd result fails there (Python's `AttributeError` for a value that takes no
 * attributes) rather than after the old handlers are closed.
 */
export function nameHandler(handler: unknown, name: string): void {
  if (handler === null || handler === undefined || typeof handler !== "object") {
    if (typeof handler !== "function") {
      throw new AttributeError(
        `${pyRepr(typeName(handler))} object has no attribute 'name' and no __dict__ for ` +
          "setting new attributes",
      );
    }
  }
  (handler as { name: string }).name = name;
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

/** Python's `sorted()` of strings: by code point. */
function pySorted(keys: string[]): string[] {
  return [...keys].sort((a, b) => {
    const x = [...a];
    const y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  });
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
    // Python 3.12's `defaults` key, passed when it is not None.
    const defaults = Object.hasOwn(config, "defaults") ? this.get(config, "defaults") : null;
    if (defaults !== null && defaults !== undefined && isSubclass(c, Formatter)) {
      if (args.length === 3) args.push(true);
      args.push({ defaults: this.deepConvert(defaults) });
    }
    // This library's `sanitize` key (not in Python): the formatter's injection-safe mode.
    const result = callPositional(c, args);
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

/** Applies loggers' plans in order, then Python's `_handle_existing_loggers`. */
export function applyLoggerPlans(plans: [string, LoggerPlan][], disableExisting: boolean): void {
  const existing = pySorted([...rootLogger.manager.loggerDict.keys()]);
  const childLoggers: string[] = [];
  for (const [name, plan] of plans) {
    const at = existing.indexOf(name);
    if (at >= 0) {
      const prefixed = name + ".";
      for (let i = at + 1; i < existing.length; i++) {
        if (existing[i].startsWith(prefixed)) childLoggers.push(existing[i]);
      }
      existing.splice(at, 1);
    }
    applyLogger(getLogger(name), plan, false, false);
  }
  handleExistingLoggers(existing, childLoggers, disableExisting);
}

/**
 * The handler side of a configuration change: remembers the handlers (and names) that exist before
 * the new ones are built; `rollback()` closes the new ones and restores the names, `commit()`
 * closes the old ones (Python's `_clearExistingHandlers`: `shutdown(handlerList)`, newest first,
 * each flushed and closed once) and keeps the new ones' names only.
 */
export class HandlerSwap {
  readonly oldHandlers: Handler[] = liveHandlers();
  readonly oldSet: Set<Handler> = new Set(this.oldHandlers);
  readonly oldNames: Map<string, Handler> = new Map(handlerRegistry().byName);

  /**
   * Writes out what the old handlers' streams have buffered, without calling their `flush()`
   * (that happens once, when they are closed): Python closes them before the new handlers open
   * their files, so their output must be in the files before a new handler truncates one.
   */
  constructor() {
    try {
      flushAllSinksSync();
    } catch {
      // A sink reports its own write errors.
    }
  }

  /** Closes the handlers created since (newest first) and restores the names of the old ones. */
  rollback(): void {
    const reg = handlerRegistry();
    const created = liveHandlers().filter((h) => !this.oldSet.has(h));
    shutdownHandlers(created, [], false);
    reg.list = reg.list.filter((r) => {
      const h = r.deref();
      return h !== undefined && this.oldSet.has(h);
    });
    reg.byName.clear();
    for (const [name, h] of this.oldNames) reg.byName.set(name, h);
  }

  /**
   * Registers the new handlers' names only, then flushes and closes the old handlers (except those
   * the new configuration reuses), newest first. Never throws: the first error Python's
   * `shutdown` would raise is returned, for the caller to throw once the configuration is applied.
   */
  commit(named: [string, Handler][]): { error: unknown } | undefined {
    const reg = handlerRegistry();
    const keep = new Set(named.map(([, h]) => h));
    reg.byName.clear();
    for (const [name, h] of named) if (h instanceof Handler) reg.byName.set(name, h);
    const closing = this.oldHandlers.filter((h) => !keep.has(h));
    reg.list = reg.list.filter((r) => {
      const h = r.deref();
      return h !== undefined && (!this.oldSet.has(h) || keep.has(h));
    });
    return shutdownHandlers(closing, [], false);
  }
}

function keyOf(v: unknown): string {
  if (typeof v === "string") return v;
  throw new KeyError(v === null || v === undefined ? "None" : pyValueRepr(v));
}

function liveHandlers(): Handler[] {
  const out: Handler[] = [];
  for (const ref of handlerRegistry().list) {
    const h = ref.deref();
    if (h !== undefined && !out.includes(h)) out.push(h);
  }
  return out;
}

export function applyLogger(
  logger: Logger,
  plan: LoggerPlan,
  incremental: boolean,
  isRoot: boolean,
): void {
  if (plan.level !== null) logger.setLevel(plan.level);
  if (!incremental) {
    for (const h of [...logger.handlers]) logger.removeHandler(h);
    for (const h of plan.handlers ?? []) logger.addHandler(h);
    for (const f of plan.filters ?? []) (logger as Filterer).addFilter(f);
  }
  if (!isRoot) {
    logger.disabled = false;
    if (plan.propagate !== null && plan.propagate !== undefined) {
      logger.propagate = plan.propagate as boolean;
    }
  }
}

/**
 * Python's `_handle_existing_loggers`: loggers the new configuration does not name are disabled
 * (when `disableExisting`), except children of named loggers, which are reset to pass their
 * records up (level NOTSET, no handlers, propagating).
 */
export function handleExistingLoggers(
  existing: string[],
  childLoggers: string[],
  disableExisting: boolean,
): void {
  const loggerDict = rootLogger.manager.loggerDict;
  for (const name of existing) {
    const logger = loggerDict.get(name);
    if (logger === undefined) continue;
    if (childLoggers.includes(name)) {
      if (!(logger instanceof PlaceHolder)) {
        logger.setLevel(0);
        logger.handlers = [];
        logger.propagate = true;
      }
    } else if (!(logger instanceof PlaceHolder)) {
      logger.disabled = disableExisting;
    }
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
