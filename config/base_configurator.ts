/**
 * `BaseConfigurator`: Python's `logging.config.BaseConfigurator`, the part of `dictConfig` that
 * holds the configuration and converts values on access (`ext://` resolves a name, `cfg://` looks a
 * value up in the configuration itself, `()` factories are called).
 *
 * @module
 */

import { KeyError, ValueError } from "../py/errors.ts";
import { isPlainObject, pyRepr, pyTypeName, pyValueRepr } from "../py/repr.ts";
import { IndexError } from "../py/errors.ts";
import { setOwn } from "../own_keys.ts";
import { callWithKwargs, factoryParams, libraryBase, resolveName } from "./resolve.ts";

type Dict = Record<string, unknown>;

/** Python's `str()` of a JSON-like value. */
export function pyValueStr(v: unknown): string {
  return typeof v === "string" ? v : pyValueRepr(v);
}

/** Python's type name for messages. */
export function typeName(v: unknown): string {
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
export function validIdent(s: string): true {
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
