/**
 * Name resolution for `logging.config`, standing in for Python's import system: dotted names such as
 * `logging.StreamHandler`, `logging.handlers.RotatingFileHandler` and `sys.stdout` resolve to this
 * library's objects, and names registered with {@linkcode registerFactory} (`myapp.handlers.make`)
 * to the user's. Failures raise what Python's import raises (`ModuleNotFoundError: No module named
 * 'myapp'`), so error messages match CPython's.
 *
 * Also the Python signatures of the library's classes, so that a configuration's keyword arguments
 * (`{"class": "logging.FileHandler", "filename": "app.log", "mode": "w"}`) reach our constructors
 * positionally, with Python's `TypeError`s for unknown or missing ones.
 *
 * @module
 */

import { ModuleNotFoundError } from "../py/errors.ts";
import { pyRepr, pyTypeName } from "../py/repr.ts";
import { setOwn } from "../own_keys.ts";
import { slot } from "../state.ts";
import { configModuleAttrs, Live, ModuleRef, tableModules, tableValues } from "./names.ts";

export { configModuleAttrs };

/** A module of the virtual import system (Python's module objects). */
export class PyModule {
  /** The module's dotted name. */
  readonly __name__: string;
  /** Whether submodules may be imported from it (Python's packages). */
  readonly isPackage: boolean;
  readonly #attrs: () => Map<string, unknown>;
  /** Creates a module whose attributes `attrs()` returns (called on every lookup). */
  constructor(name: string, isPackage: boolean, attrs: () => Map<string, unknown>) {
    this.__name__ = name;
    this.isPackage = isPackage;
    this.#attrs = attrs;
  }
  /** The attribute `name`, or {@linkcode MISSING}. */
  get(name: string): unknown {
    const attrs = this.#attrs();
    if (!attrs.has(name)) return MISSING;
    const value = attrs.get(name);
    if (value instanceof Live) {
      // A name whose module a bundle left out (`logging.config.fileConfig`) reads as undefined.
      const v = value.read();
      return v === undefined ? MISSING : v;
    }
    if (value instanceof ModuleRef) return builtinModule(value.name) ?? MISSING;
    return value;
  }
  /** Python's `repr` of a module. */
  toString(): string {
    return `<module '${this.__name__}'>`;
  }
}

/** Marks an attribute that does not exist. */
export const MISSING: unique symbol = Symbol("missing");

const builtinModuleCache = new Map<string, PyModule>();

/** The module `name` of the name table (`config/names.ts`), or `undefined`. */
function builtinModule(name: string): PyModule | undefined {
  let m = builtinModuleCache.get(name);
  if (m === undefined) {
    const t = tableModules().get(name);
    if (t === undefined) return undefined;
    m = new PyModule(name, t.isPackage, () => t.attrs);
    builtinModuleCache.set(name, m);
  }
  return m;
}

/** The namespace `fileConfig` evaluates `class=`, `args=` and `kwargs=` in (Python's `vars(logging)`). */
export function loggingNamespace(): PyModule {
  return builtinModule("logging") as PyModule;
}

/** How a factory takes Python's keyword arguments: its parameter names, in positional order. */
export interface FactoryOptions {
  /**
   * Python's parameter names in positional order: the configuration's keys are passed positionally
   * in this order, and unknown keys raise Python's `TypeError`. Without it, a factory receives the
   * keys as one options object.
   */
  params?: readonly string[];
  /** How many leading `params` are required (default 0). */
  required?: number;
}

interface Registry {
  names: Map<string, unknown>;
  options: WeakMap<object, FactoryOptions>;
}

function registry(): Registry {
  return slot("config.registry", () => ({ names: new Map(), options: new WeakMap() }));
}

/**
 * Registers `value` under a dotted name, so that configurations can name it as Python names an
 * importable object: `"()": "myapp.handlers.make"`, `"class": "myapp.JsonFormatter"`,
 * `"stream": "ext://myapp.streams.audit"`, or `class=myapp.handlers.Custom` in `fileConfig`.
 *
 * With `options.params`, the configuration's keys are passed positionally in that order (Python's
 * keyword arguments, with Python's `TypeError` for unknown keys); otherwise a class is constructed,
 * and a function called, with one object holding the keys.
 *
 * @example
 * ```ts
 * import { dictConfig, registerFactory } from "@pylog/logging/config";
 * import { StreamHandler, stdout } from "@pylog/logging";
 * registerFactory("myapp.make_console", (o: { terminator?: string }) => {
 *   const h = new StreamHandler(stdout());
 *   if (o.terminator !== undefined) h.terminator = o.terminator;
 *   return h;
 * });
 * dictConfig({
 *   version: 1,
 *   handlers: { console: { "()": "myapp.make_console", terminator: "\r\n" } },
 *   root: { handlers: ["console"] },
 * });
 * ```
 */
export function registerFactory(name: string, value: unknown, options: FactoryOptions = {}): void {
  if (typeof name !== "string" || !/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(name)) {
    throw new TypeError(`registerFactory: not a dotted name: ${pyRepr(name)}`);
  }
  const reg = registry();
  reg.names.set(name, value);
  if (options.params !== undefined && (typeof value === "function" || typeof value === "object")) {
    reg.options.set(value as object, { params: [...options.params], required: options.required });
  }
}

/**
 * Removes a name registered with {@linkcode registerFactory}; returns whether it was registered.
 *
 * @example
 * ```ts
 * import { registerFactory, unregisterFactory } from "@pylog/logging/config";
 * registerFactory("myapp.x", () => null);
 * unregisterFactory("myapp.x"); // true
 * ```
 */
export function unregisterFactory(name: string): boolean {
  return registry().names.delete(name);
}

/**
 * Declares the Python parameter names of a factory given directly in a configuration
 * (`"()": makeHandler`), as {@linkcode registerFactory}'s `params` option does for named ones.
 *
 * @example
 * ```ts
 * import { Formatter } from "@pylog/logging";
 * import { setFactoryParams } from "@pylog/logging/config";
 * function formatFunc(format: string, datefmt: string | null = null): Formatter {
 *   return new Formatter(format, datefmt);
 * }
 * setFactoryParams(formatFunc, ["format", "datefmt"], 1);
 * ```
 */
export function setFactoryParams(
  factory: object,
  params: readonly string[],
  required = 0,
): void {
  registry().options.set(factory, { params: [...params], required });
}

/** The Python parameter names declared for `factory`, if any. */
export function factoryParams(factory: unknown): readonly string[] | undefined {
  if (typeof factory !== "function" && (typeof factory !== "object" || factory === null)) {
    return undefined;
  }
  return registry().options.get(factory as object)?.params;
}

/** A module implied by registered names (`myapp` and `myapp.handlers` for `myapp.handlers.make`). */
function impliedModule(name: string): PyModule | null {
  const prefix = name + ".";
  const names = registry().names;
  let any = false;
  for (const key of names.keys()) {
    if (key.startsWith(prefix)) {
      any = true;
      break;
    }
  }
  if (!any) return null;
  return new PyModule(name, true, () => {
    const out = new Map<string, unknown>();
    for (const [key, value] of names) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf(".");
      if (dot < 0) out.set(rest, value);
      else if (!out.has(rest.slice(0, dot))) {
        out.set(rest.slice(0, dot), impliedModule(prefix + rest.slice(0, dot)));
      }
    }
    return out;
  });
}

/** Python's `__import__(name)` over the virtual modules: the module, or `ModuleNotFoundError`. */
export function importModule(name: string): unknown {
  const names = registry().names;
  if (names.has(name)) return names.get(name);
  const builtin = builtinModule(name);
  if (builtin !== undefined) return builtin;
  const implied = impliedModule(name);
  if (implied !== null) return implied;
  const dot = name.lastIndexOf(".");
  if (dot < 0) throw new ModuleNotFoundError(`No module named ${pyRepr(name)}`);
  const parentName = name.slice(0, dot);
  const parent = importModule(parentName);
  if (parent instanceof PyModule && parent.isPackage) {
    throw new ModuleNotFoundError(`No module named ${pyRepr(name)}`);
  }
  if (parent instanceof PyModule) {
    throw new ModuleNotFoundError(
      `No module named ${pyRepr(name)}; ${pyRepr(parentName)} is not a package`,
    );
  }
  // Python: the parent is not a module at all, so importing it failed first.
  throw new ModuleNotFoundError(`No module named ${pyRepr(parentName)}`);
}

/**
 * Python's `getattr(obj, name)` for resolution, or {@linkcode MISSING}. Only what a configuration
 * may reach is an attribute (see `docs/SECURITY.md`): a module's listed names; an own, enumerable
 * data property of plain data (a plain object or an array), of a class or function of the name
 * table or registered (its static fields, also inherited from a listed base class). An instance
 * is never walked into, even a registered one.
 * Never a prototype, a constructor, a method, a getter or anything inherited from `Object`, so no
 * name reaches `Function`, `eval`, a global or a runtime object.
 */
export function getAttr(obj: unknown, name: string): unknown {
  if (obj instanceof PyModule) return obj.get(name);
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return MISSING;
  if (!isWalkable(obj)) return MISSING;
  for (let o: object | null = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d !== undefined) return d.enumerable && "value" in d ? d.value : MISSING;
    // A class's static fields are inherited from its listed base classes only.
    if (typeof o !== "function") return MISSING;
    const base = Object.getPrototypeOf(o);
    if (typeof base !== "function" || !isWalkable(base)) return MISSING;
  }
  return MISSING;
}

/** Whether a configuration may read attributes of `obj` (see {@linkcode getAttr}). */
function isWalkable(obj: object): boolean {
  if (Array.isArray(obj)) return true;
  const proto = Object.getPrototypeOf(obj);
  if (proto === Object.prototype || proto === null) return typeof obj === "object";
  // Another object (a stream, a logger, a runtime object someone registered) is a value a name
  // may reach, never a namespace to walk: its properties could lead anywhere.
  return typeof obj === "function" && trustedValues().has(obj);
}

let tableSet: Set<unknown> | null = null;

/** The name table's classes and functions, and every registered one. */
function trustedValues(): { has(v: unknown): boolean } {
  if (tableSet === null) {
    tableSet = new Set();
    for (const v of tableValues().values()) if (typeof v === "function") tableSet.add(v);
  }
  const table = tableSet;
  const names = registry().names;
  return {
    has(v: unknown): boolean {
      if (table.has(v)) return true;
      for (const r of names.values()) if (r === v) return true;
      return false;
    },
  };
}

/** Python's `AttributeError` text for `obj.name`. */
export function attributeErrorText(obj: unknown, name: string): string {
  if (obj instanceof PyModule) {
    return `module ${pyRepr(obj.__name__)} has no attribute ${pyRepr(name)}`;
  }
  if (typeof obj === "function" && isClass(obj)) {
    return `type object ${pyRepr(obj.name)} has no attribute ${pyRepr(name)}`;
  }
  return `${pyRepr(pyTypeName(obj))} object has no attribute ${pyRepr(name)}`;
}

/**
 * Resolves a dotted name as Python's `logging.config._resolve` does (import the first part, then
 * walk attributes, importing submodules when an attribute is missing). Throws Python's
 * `ModuleNotFoundError`, whose message stays Python's; a note (Python's `__notes__`, also appended
 * to its stack) says how to register the name.
 */
export function resolveName(s: string): unknown {
  try {
    return resolveDotted(s);
  } catch (e) {
    if (e instanceof ModuleNotFoundError) addRegisterNote(e, s);
    throw e;
  }
}

/** Adds the "register it with registerFactory" note to an import failure for `name`. */
function addRegisterNote(e: Error, name: string): void {
  const note = `${pyRepr(name)} is not a name this library knows: register it with ` +
    `registerFactory(${JSON.stringify(name)}, value) from "@pylog/logging/config"`;
  const err = e as Error & { __notes__?: string[] };
  (err.__notes__ ??= []).push(note);
  if (typeof err.stack === "string") err.stack += "\n" + note;
}

function resolveDotted(s: string): unknown {
  const parts = s.split(".");
  let used = parts[0];
  let found = importModule(used);
  for (const frag of parts.slice(1)) {
    used += "." + frag;
    let next = getAttr(found, frag);
    if (next === MISSING) {
      importModule(used);
      next = getAttr(found, frag);
      if (next === MISSING) next = importModule(used);
    }
    found = next;
  }
  return found;
}

/** True for a class (constructed with `new`), false for a plain or arrow function. */
export function isClass(fn: unknown): fn is new (...args: unknown[]) => unknown {
  return typeof fn === "function" &&
    /^class\b/.test(Function.prototype.toString.call(fn));
}

interface Signature {
  params: readonly string[];
  required: number;
  /** Keyword-only parameters, passed as one trailing options object. */
  kwOnly?: readonly string[];
}

/** Python 3.13's signatures of the library's classes, by class name (Python's). */
const SIGNATURES: Record<string, Signature> = {
  Handler: { params: ["level"], required: 0 },
  NullHandler: { params: ["level"], required: 0 },
  StreamHandler: { params: ["stream"], required: 0 },
  _StderrHandler: { params: ["level"], required: 0 },
  ConsoleHandler: { params: ["level", "extra"], required: 0 }, // beyond Python
  FileHandler: { params: ["filename", "mode", "encoding", "delay", "errors"], required: 1 },
  WatchedFileHandler: { params: ["filename", "mode", "encoding", "delay", "errors"], required: 1 },
  BaseRotatingHandler: {
    params: ["filename", "mode", "encoding", "delay", "errors"],
    required: 2,
  },
  RotatingFileHandler: {
    params: ["filename", "mode", "maxBytes", "backupCount", "encoding", "delay", "errors"],
    required: 1,
  },
  TimedRotatingFileHandler: {
    params: [
      "filename",
      "when",
      "interval",
      "backupCount",
      "encoding",
      "delay",
      "utc",
      "atTime",
      "errors",
    ],
    required: 1,
  },
  BufferingHandler: { params: ["capacity"], required: 1 },
  MemoryHandler: { params: ["capacity", "flushLevel", "target", "flushOnClose"], required: 1 },
  QueueHandler: { params: ["queue"], required: 1 },
  Queue: { params: ["maxsize"], required: 0 },
  SocketHandler: { params: ["host", "port"], required: 2 },
  DatagramHandler: { params: ["host", "port"], required: 2 },
  SysLogHandler: { params: ["address", "facility", "socktype"], required: 0 },
  SMTPHandler: {
    params: ["mailhost", "fromaddr", "toaddrs", "subject", "credentials", "secure", "timeout"],
    required: 4,
  },
  HTTPHandler: {
    params: ["host", "url", "method", "secure", "credentials", "context"],
    required: 2,
  },
  Formatter: {
    params: ["fmt", "datefmt", "style", "validate"],
    required: 0,
    kwOnly: ["defaults", "sanitize"],
  },
  BufferingFormatter: { params: ["linefmt"], required: 0 },
  // colorlog 6.x: its own positional order (log_colors is the fourth).
  ColoredFormatter: {
    params: [
      "fmt",
      "datefmt",
      "style",
      "log_colors",
      "reset",
      "secondary_log_colors",
      "validate",
      "stream",
      "no_color",
      "force_color",
      "defaults",
    ],
    required: 0,
    kwOnly: ["sanitize"],
  },
  Filter: { params: ["name"], required: 0 },
};

function builtinSignatures(): Map<unknown, Signature> {
  return slot("config.signatures", () => {
    const map = new Map<unknown, Signature>();
    // By the name table's attribute names (`logging.handlers.X`): reading whole namespaces here
    // would keep every export of the entry points in a bundle, listed or not.
    for (const m of tableModules().values()) {
      for (const [name, value] of m.attrs) {
        if (typeof value === "function" && Object.hasOwn(SIGNATURES, name)) {
          map.set(value, SIGNATURES[name]);
        }
      }
    }
    return map;
  });
}

/** The library class `factory` is or derives from, with its signature; or `null`. */
export function libraryBase(factory: unknown): { cls: unknown; sig: Signature } | null {
  const table = builtinSignatures();
  let c: unknown = factory;
  while (typeof c === "function") {
    const sig = table.get(c);
    if (sig !== undefined) return { cls: c, sig };
    c = Object.getPrototypeOf(c);
  }
  return null;
}

function qualName(factory: { name?: string }): string {
  const name = factory.name || "<lambda>";
  return isClass(factory) ? `${name}.__init__` : name;
}

function listNames(names: string[]): string {
  const q = names.map((n) => pyRepr(n));
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

function signatureFor(factory: object, keys: string[]): Signature | null {
  const own = registry().options.get(factory);
  if (own?.params !== undefined) return { params: own.params, required: own.required ?? 0 };
  const base = libraryBase(factory);
  if (base === null) return null;
  if (base.cls === factory) return base.sig;
  // A subclass: called positionally only when its keys are the base class's parameters.
  const known = new Set([...base.sig.params, ...(base.sig.kwOnly ?? [])]);
  return keys.every((k) => known.has(k)) ? base.sig : null;
}

/**
 * Calls `factory` with Python's keyword arguments `kwargs` (Python's `factory(**kwargs)`): by the
 * factory's Python signature when known, otherwise with one options object.
 */
export function callWithKwargs(factory: unknown, kwargs: Record<string, unknown>): unknown {
  if (typeof factory !== "function") {
    throw new TypeError(`${pyRepr(pyTypeName(factory))} object is not callable`);
  }
  const keys = Object.keys(kwargs);
  const sig = signatureFor(factory, keys);
  if (sig === null) {
    return isClass(factory)
      ? new factory(kwargs)
      : (factory as (o: Record<string, unknown>) => unknown)(kwargs);
  }
  const qual = qualName(factory);
  const kwOnly = sig.kwOnly ?? [];
  for (const k of keys) {
    if (!sig.params.includes(k) && !kwOnly.includes(k)) {
      throw new TypeError(`${qual}() got an unexpected keyword argument ${pyRepr(k)}`);
    }
  }
  const missing = sig.params.slice(0, sig.required).filter((p) => !Object.hasOwn(kwargs, p));
  if (missing.length > 0) {
    throw new TypeError(
      `${qual}() missing ${missing.length} required positional argument${
        missing.length === 1 ? "" : "s"
      }: ${listNames(missing)}`,
    );
  }
  const args: unknown[] = sig.params.map((p) => kwargs[p]);
  if (kwOnly.length > 0) {
    const opts: Record<string, unknown> = {};
    for (const k of kwOnly) if (Object.hasOwn(kwargs, k)) setOwn(opts, k, kwargs[k]);
    while (args.length < sig.params.length) args.push(undefined);
    args.push(opts);
  } else {
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  }
  return isClass(factory)
    ? new factory(...args)
    : (factory as (...a: unknown[]) => unknown)(...args);
}

/**
 * Calls `factory` with positional arguments (Python's `c(fmt, dfmt, style)`), raising Python's
 * `TypeError` when its declared signature takes fewer.
 */
export function callPositional(factory: unknown, args: unknown[]): unknown {
  if (typeof factory !== "function") {
    throw new TypeError(`${pyRepr(pyTypeName(factory))} object is not callable`);
  }
  const own = registry().options.get(factory);
  if (own?.params !== undefined && args.length > own.params.length) {
    const self = isClass(factory) ? 1 : 0;
    const req = (own.required ?? 0) + self;
    const max = own.params.length + self;
    const takes = req === max ? `${max}` : `from ${req} to ${max}`;
    throw new TypeError(
      `${qualName(factory)}() takes ${takes} positional argument${max === 1 ? "" : "s"} but ${
        args.length + self
      } were given`,
    );
  }
  return isClass(factory)
    ? new factory(...args)
    : (factory as (...a: unknown[]) => unknown)(...args);
}

/**
 * Python's `factory(*args, **kwargs)`: positional arguments first, then keyword arguments by the
 * factory's Python signature (`TypeError: got multiple values for argument`). A factory without a
 * known signature receives `args`, plus the keyword arguments as one trailing object if any.
 */
export function callArgsKwargs(
  factory: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
): unknown {
  if (typeof factory !== "function") {
    throw new TypeError(`${pyRepr(pyTypeName(factory))} object is not callable`);
  }
  const keys = Object.keys(kwargs);
  if (keys.length === 0) return callPositional(factory, args);
  const own = registry().options.get(factory);
  const sig = own?.params !== undefined
    ? { params: own.params, required: own.required ?? 0 }
    : libraryBase(factory)?.sig ?? null;
  if (sig === null) {
    return args.length === 0 ? callWithKwargs(factory, kwargs) : callPositional(factory, [
      ...args,
      kwargs,
    ]);
  }
  if (args.length > sig.params.length) return callPositional(factory, [...args]);
  const merged: Record<string, unknown> = {};
  args.forEach((a, i) => setOwn(merged, sig.params[i], a));
  for (const k of keys) {
    if (Object.hasOwn(merged, k)) {
      throw new TypeError(`${qualName(factory)}() got multiple values for argument ${pyRepr(k)}`);
    }
    setOwn(merged, k, kwargs[k]);
  }
  return callWithKwargs(factory, merged);
}
