/**
 * `fileConfig`: Python's `logging.config.fileConfig`, reading the configparser (INI) format:
 * `[loggers]`, `[handlers]`, `[formatters]` with `keys=`, and `[logger_x]`, `[handler_x]`,
 * `[formatter_x]` sections whose `class=`, `args=` and `kwargs=` are the Python expressions Python
 * evaluates (parsed here, never evaluated as JavaScript). Errors are CPython 3.13's.
 *
 * As `dictConfig`, applied atomically: nothing changes unless the whole file is valid.
 *
 * @module
 */

import { AttributeError, NameError, RuntimeError, ValueError } from "../py/errors.ts";
import { OSError } from "../py/errors.ts";
import { KeyError } from "../py/errors.ts";
import { Formatter } from "../formatters/formatter.ts";
import type { Handler } from "../handlers/handler.ts";
import * as handlersNs from "../handlers/mod.ts";
import { nodeFs } from "../runtime.ts";
import { checkLevel } from "../levels.ts";
import { checkLoggerName } from "../limits.ts";
import { getLogger, root as rootLogger } from "../logger.ts";
import { isPlainObject } from "../py/repr.ts";
import { readTextFile } from "./dict_config.ts";
import {
  applyLogger,
  applyLoggerPlans,
  HandlerSwap,
  type LoggerPlan,
  nameHandler,
} from "./apply.ts";
import {
  ConfigParser,
  ParsingError,
  pyInt,
  requireSection,
  sectionGet,
  sectionGetOr,
} from "../py/configparser.ts";
import { pyEval } from "./py_literal.ts";
import {
  callArgsKwargs,
  callPositional,
  configModuleAttrs,
  loggingNamespace,
  resolveName,
} from "./resolve.ts";

/** Python's keyword arguments of `fileConfig`, as one options object. */
export interface FileConfigOptions {
  /** Values for the `[DEFAULT]` section (available to `%(name)s` interpolation). */
  defaults?: Record<string, unknown> | null;
  /** Disable the loggers the file does not name (default `true`). */
  disable_existing_loggers?: boolean;
  /** The file's encoding (default UTF-8). */
  encoding?: string | null;
}

const OPTION_KEYS = new Set(["defaults", "disable_existing_loggers", "encoding"]);

function isOptions(v: unknown): v is FileConfigOptions {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => OPTION_KEYS.has(k));
}

function split(list: string): string[] {
  return list.split(",").map((s) => s.trim());
}

const BOOLEAN_STATES: Record<string, boolean> = {
  "1": true,
  "yes": true,
  "true": true,
  "on": true,
  "0": false,
  "no": false,
  "false": false,
  "off": false,
};

/** Reads the source into a parser, with Python's errors for missing, empty and unparsable files. */
function parserFor(
  fname: string | ConfigParser | Record<string, Record<string, unknown>>,
  defaults: Record<string, unknown> | null,
  encoding: string | null,
): ConfigParser {
  if (fname instanceof ConfigParser) return fname;
  if (typeof fname !== "string") {
    if (!isPlainObject(fname)) {
      throw new TypeError(
        "fileConfig() needs INI text, a path, a ConfigParser or an object of sections",
      );
    }
    const cp = new ConfigParser(defaults);
    cp.read_dict(fname as Record<string, Record<string, unknown>>);
    return cp;
  }
  let text: string;
  let source: string;
  if (fname.includes("\n") && fname.includes("[")) {
    text = fname;
    source = "<???>";
  } else {
    const fs = nodeFs();
    if (fs !== null && !fs.existsSync(fname)) {
      const e = new OSError(2, "No such file or directory", fname, "ENOENT");
      e.name = "FileNotFoundError";
      e.message = `${fname} doesn't exist`;
      throw e;
    }
    if (fs !== null && fs.statSync(fname)?.size === 0) {
      throw new RuntimeError(`${fname} is an empty file`);
    }
    text = readTextFile(fname, encoding ?? "utf-8");
    source = fname;
  }
  const cp = new ConfigParser(defaults);
  try {
    cp.read_string(text, source);
  } catch (e) {
    if (e instanceof ParsingError) {
      // Python raises it inside `except` without `from`: no __cause__.
      throw new RuntimeError(
        `${source === "<???>" ? "<string>" : source} is invalid: ${e.message}`,
      );
    }
    throw e;
  }
  return cp;
}

/** Python's `_create_formatters`. */
function createFormatters(cp: ConfigParser): Map<string, unknown> {
  const formatters = new Map<string, unknown>();
  const flist = sectionGet(cp, "formatters", "keys");
  if (!flist.length) return formatters;
  for (const form of split(flist)) {
    const sectname = `formatter_${form}`;
    const fs = cp.get(sectname, "format", { raw: true, fallback: null });
    const dfs = cp.get(sectname, "datefmt", { raw: true, fallback: null });
    const stl = cp.get(sectname, "style", { raw: true, fallback: "%" });
    const validate = cp.get(sectname, "validate", { raw: true, fallback: null });
    const defaults = cp.get(sectname, "defaults", { raw: true, fallback: null });
    const className = sectionGetOr(cp, sectname, "class", null);
    const c = className ? resolveName(className) : Formatter;
    const args: unknown[] = [fs, dfs, stl];
    if (validate !== null) {
      const v = BOOLEAN_STATES[validate.toLowerCase()];
      if (v === undefined) throw new ValueError(`Not a boolean: ${validate}`);
      args.push(v);
    }
    if (defaults !== null) {
      if (args.length === 3) args.push(true);
      args.push({ defaults: pyEval(defaults, loggingNamespace()) });
    }
    // This library's `sanitize` key (not in Python): the formatter's injection-safe mode.
    const sanitize = cp.get(sectname, "sanitize", { raw: true, fallback: null });
    let safe: boolean | undefined;
    if (sanitize !== null) {
      safe = BOOLEAN_STATES[sanitize.toLowerCase()];
      if (safe === undefined) throw new ValueError(`Not a boolean: ${sanitize}`);
    }
    const formatter = callPositional(c, args);
    if (safe !== undefined && formatter instanceof Formatter) formatter.sanitize = safe;
    formatters.set(form, formatter);
  }
  return formatters;
}

/** Python's `eval(klass, vars(logging))`, falling back to `_resolve(klass)`. */
function handlerClass(klass: string): unknown {
  try {
    return pyEval(klass, loggingNamespace());
  } catch (e) {
    if (e instanceof AttributeError || e instanceof NameError) return resolveName(klass);
    throw e;
  }
}

function isSubclass(klass: unknown, base: unknown): boolean {
  return typeof klass === "function" && typeof base === "function" &&
    (klass === base || klass.prototype instanceof base);
}

/** Python's `_install_handlers`, without naming the handlers (done when the file is applied). */
function installHandlers(
  cp: ConfigParser,
  formatters: Map<string, unknown>,
): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  const hlist = sectionGet(cp, "handlers", "keys");
  if (!hlist.length) return handlers;
  const fixups: [Handler, string][] = [];
  const memoryHandler = (handlersNs as Record<string, unknown>).MemoryHandler;
  for (const hand of split(hlist)) {
    const section = `handler_${hand}`;
    requireSection(cp, section);
    const klass = handlerClass(sectionGet(cp, section, "class"));
    const fmt = sectionGetOr(cp, section, "formatter", "");
    const args = pyEval(sectionGetOr(cp, section, "args", "()"), loggingNamespace());
    const kwargs = pyEval(sectionGetOr(cp, section, "kwargs", "{}"), loggingNamespace());
    if (!isPlainObject(kwargs)) {
      throw new TypeError(`argument after ** must be a mapping, not ${typeof kwargs}`);
    }
    const positional = typeof args === "string" ? [...args] : args;
    if (!Array.isArray(positional)) {
      throw new TypeError(`argument after * must be an iterable, not ${typeof args}`);
    }
    const h = callArgsKwargs(klass, positional, kwargs) as Handler;
    nameHandler(h, hand); // Python names it here, before anything changes
    if (cp.has_option(section, "level")) h.setLevel(checkLevel(cp.get(section, "level")));
    if (fmt.length) {
      if (!formatters.has(fmt)) throw new KeyError(fmt);
      h.setFormatter(formatters.get(fmt) as Formatter);
    }
    if (isSubclass(klass, memoryHandler)) {
      const target = sectionGetOr(cp, section, "target", "");
      if (target.length) fixups.push([h, target]);
    }
    handlers.set(hand, h);
  }
  for (const [h, t] of fixups) {
    if (!handlers.has(t)) throw new KeyError(t);
    (h as unknown as { setTarget(t: Handler): void }).setTarget(handlers.get(t) as Handler);
  }
  return handlers;
}

function handlerList(
  cp: ConfigParser,
  section: string,
  handlers: Map<string, Handler>,
): Handler[] {
  const hlist = sectionGet(cp, section, "handlers");
  const out: Handler[] = [];
  if (hlist.length) {
    for (const hand of split(hlist)) {
      const h = handlers.get(hand);
      if (h === undefined) throw new KeyError(hand);
      out.push(h);
    }
  }
  return out;
}

/** Python's `_install_loggers`, as plans checked before anything changes. */
function planLoggers(
  cp: ConfigParser,
  handlers: Map<string, Handler>,
): { root: LoggerPlan; loggers: [string, LoggerPlan][] } {
  const llist = split(sectionGet(cp, "loggers", "keys"));
  const at = llist.indexOf("root");
  if (at < 0) throw new ValueError("list.remove(x): x not in list");
  llist.splice(at, 1);
  requireSection(cp, "logger_root");
  const root: LoggerPlan = {
    level: cp.has_option("logger_root", "level")
      ? checkLevel(cp.get("logger_root", "level"))
      : null,
    handlers: handlerList(cp, "logger_root", handlers),
    filters: null,
    propagate: null,
  };
  const loggers: [string, LoggerPlan][] = [];
  for (const log of llist) {
    const section = `logger_${log}`;
    requireSection(cp, section);
    const qn = sectionGet(cp, section, "qualname");
    checkLoggerName(qn); // before the apply step, which must not fail
    getLogger(qn); // Python's _install_loggers does: here, while the configuration can back out
    const propagate = cp.has_option(section, "propagate")
      ? pyInt(cp.get(section, "propagate") as string)
      : 1;
    const level = cp.has_option(section, "level") ? checkLevel(cp.get(section, "level")) : null;
    loggers.push([qn, {
      level,
      handlers: handlerList(cp, section, handlers),
      filters: null,
      propagate: propagate !== 0,
    }]);
  }
  return { root, loggers };
}

/**
 * Configures logging from a configparser-format (INI) file, as Python's
 * `logging.config.fileConfig(fname, defaults=None, disable_existing_loggers=True, encoding=None)`.
 *
 * `fname` is INI text (a string with a newline and a `[`), a path (read through the runtime's file
 * system), a {@linkcode ConfigParser}, or an object of sections (`{ loggers: { keys: "root" } }`).
 * The keyword arguments may also be given as one options object in second position.
 *
 * Errors are Python's (`KeyError: 'formatters'` for a missing section, `FileNotFoundError: x
 * doesn't exist`, `RuntimeError: x is an empty file`); nothing changes unless the whole file is
 * valid.
 *
 * @example
 * ```ts
 * import { fileConfig } from "@pylog/logging/config";
 * fileConfig(`
 * [loggers]
 * keys=root
 *
 * [handlers]
 * keys=console
 *
 * [formatters]
 * keys=brief
 *
 * [logger_root]
 * level=INFO
 * handlers=console
 *
 * [handler_console]
 * class=StreamHandler
 * formatter=brief
 * args=(sys.stdout,)
 *
 * [formatter_brief]
 * format=%(levelname)s %(name)s: %(message)s
 * `);
 * ```
 */
export function fileConfig(
  fname: string | ConfigParser | Record<string, Record<string, unknown>>,
  defaults: Record<string, unknown> | FileConfigOptions | null = null,
  disable_existing_loggers = true,
  encoding: string | null = null,
): void {
  if (isOptions(defaults)) {
    const o = defaults;
    defaults = o.defaults ?? null;
    disable_existing_loggers = o.disable_existing_loggers ?? true;
    encoding = o.encoding ?? null;
  }
  const cp = parserFor(fname, defaults as Record<string, unknown> | null, encoding);
  const formatters = createFormatters(cp);
  const tx = new HandlerSwap();
  let plans: { root: LoggerPlan; loggers: [string, LoggerPlan][] };
  let handlers: Map<string, Handler>;
  try {
    handlers = installHandlers(cp, formatters);
    plans = planLoggers(cp, handlers);
  } catch (e) {
    tx.rollback();
    throw e;
  }
  const closeError = tx.commit([...handlers]);
  applyLogger(rootLogger, plans.root, false, true);
  applyLoggerPlans(plans.loggers, Boolean(disable_existing_loggers));
  if (closeError !== undefined) throw closeError.error;
}

// `logging.config.fileConfig` of the name table, registered here rather than by config/mod.ts: a
// bundle that never names `fileConfig` then drops this module, configparser and the literal parser
// (docs/DIVERGENCES.md, "Bundles: what a program carries").
configModuleAttrs.fileConfig = fileConfig;
