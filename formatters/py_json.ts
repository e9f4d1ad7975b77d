/**
 * Python's `json.dumps` for JavaScript values, the one JSON encoder of the library (used by
 * `JsonFormatter`): the same separators (`", "` and `": "`, or `","` with an indent), indentation,
 * `ensure_ascii` escapes (`\u00e9`, surrogate pairs, `\u007f`), float spelling (`1e-05`, `0.1`,
 * `1e+16`), bare `NaN`/`Infinity`, and `ValueError: Circular reference detected`.
 *
 * JavaScript values map to Python's as `repr.ts` says: a safe integer is an int (JavaScript has
 * no `1.0`), other numbers are floats (`-0` is `-0.0`), a bigint is an int, `undefined` is `None`, arrays are lists, plain
 * objects (prototype `Object.prototype` or `null`) are dicts. Every other value is passed to
 * `default`, as Python passes every object its encoder cannot handle natively.
 *
 * @module
 */

import { ValueError } from "../errors.ts";
import { floatRepr } from "./repr.ts";

/** Python's `default=` hook: returns an encodable stand-in for a value JSON cannot hold. */
export type JsonDefault = (value: unknown) => unknown;

/** Options of {@linkcode pyJsonDumps}, as Python's `json.dumps` keywords. */
export interface PyJsonOptions {
  /** Spaces (a number) or the text (a string) per level; `null` for one line. */
  indent?: number | string | null;
  /** Escape every non-ASCII character (Python's default, `true`). */
  ensure_ascii?: boolean;
  /** Called for values with no JSON form; without it they raise Python's `TypeError`. */
  default?: JsonDefault | null;
}

const NON_ASCII = /[\u007f-\uffff]/g;
// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;

function uEscape(c: string): string {
  const h = c.charCodeAt(0).toString(16);
  return "\\u" + "0000".slice(h.length) + h;
}

/**
 * A string as Python's `json.dumps` writes it: `JSON.stringify`'s escapes are Python's (`\"`,
 * `\\`, `\n`, `\u0001` in lower case); with `ensure_ascii`, `\u007f` and everything above it is
 * escaped too, astral characters as their surrogate pair.
 *
 * @example
 * ```ts
 * import { encodeString } from "./py_json.ts";
 * encodeString("café", true); // "\"caf\\u00e9\""
 * ```
 */
export function encodeString(s: string, ensureAscii: boolean): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  const j = JSON.stringify(s);
  return ensureAscii ? j.replace(NON_ASCII, uEscape) : j;
}

/**
 * A number as Python's `json.dumps` writes it: safe integers (up to 2**53 - 1) as ints, every
 * other number as `repr(float)` (`1e-05`, `1e+16`, `1.5e+300`: beyond 2**53 a number is the
 * result of float arithmetic; exact big integers are bigints), `-0` as `-0.0`, and `NaN`,
 * `Infinity`, `-Infinity` bare.
 *
 * @example
 * ```ts
 * import { encodeNumber } from "./py_json.ts";
 * encodeNumber(1e-5); // "1e-05"
 * encodeNumber(1e22); // "1e+22"
 * ```
 */
export function encodeNumber(n: number): string {
  if (Number.isSafeInteger(n)) return n === 0 && Object.is(n, -0) ? "-0.0" : "" + n;
  if (n !== n) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  return floatRepr(n);
}

/** A dict key as Python's encoder converts it: `str(int)`, `repr(float)`, `true`, `null`. */
export function keyString(k: unknown): string {
  switch (typeof k) {
    case "string":
      return k;
    case "number":
      return encodeNumber(k);
    case "bigint":
      return k.toString();
    case "boolean":
      return k ? "true" : "false";
    case "undefined":
      return "null";
    default:
      return k === null ? "null" : String(k);
  }
}

/** True for what Python's encoder handles natively as a dict: a plain object. */
export function isJsonDict(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/**
 * A dict given as its entries, in their order (what a `Map` becomes: a plain object would put
 * integer-like keys first).
 *
 * @example
 * ```ts
 * import { JsonEntries, pyJsonDumps } from "./py_json.ts";
 * pyJsonDumps(new JsonEntries([["b", 1], ["2", 2]])); // '{"b": 1, "2": 2}'
 * ```
 */
export class JsonEntries {
  /** The key/value pairs. */
  readonly entries: readonly (readonly [string, unknown])[];
  /** Wraps the entries. */
  constructor(entries: readonly (readonly [string, unknown])[]) {
    this.entries = entries;
  }
}

class Encoder {
  readonly ascii: boolean;
  readonly indent: string | null;
  readonly default: JsonDefault | null;
  readonly markers = new Set<object>();

  constructor(o: PyJsonOptions) {
    this.ascii = o.ensure_ascii ?? true;
    const i = o.indent ?? null;
    this.indent = i === null ? null : typeof i === "number" ? " ".repeat(Math.max(0, i)) : i;
    this.default = o.default ?? null;
  }

  encode(v: unknown, level: number): string {
    switch (typeof v) {
      case "string":
        return encodeString(v, this.ascii);
      case "number":
        return encodeNumber(v);
      case "boolean":
        return v ? "true" : "false";
      case "bigint":
        return v.toString();
      case "undefined":
        return "null";
      case "object":
        if (v === null) return "null";
        if (Array.isArray(v)) return this.list(v, level);
        if (isJsonDict(v)) return this.dict(v as Record<string, unknown>, level);
        if (v instanceof JsonEntries) return this.dict(v, level);
    }
    return this.other(v, level);
  }

  enter(o: object): void {
    if (this.markers.has(o)) throw new ValueError("Circular reference detected");
    this.markers.add(o);
  }

  list(a: readonly unknown[], level: number): string {
    if (a.length === 0) return "[]";
    this.enter(a);
    let out: string;
    if (this.indent === null) {
      out = "[" + this.encode(a[0], level);
      for (let i = 1; i < a.length; i++) out += ", " + this.encode(a[i], level);
      out += "]";
    } else {
      const inner = "\n" + this.indent.repeat(level + 1);
      out = "[" + inner + this.encode(a[0], level + 1);
      for (let i = 1; i < a.length; i++) out += "," + inner + this.encode(a[i], level + 1);
      out += "\n" + this.indent.repeat(level) + "]";
    }
    this.markers.delete(a);
    return out;
  }

  dict(d: Record<string, unknown> | JsonEntries, level: number): string {
    const entries = d instanceof JsonEntries ? d.entries : null;
    const keys = entries === null ? Object.keys(d) : entries.map((e) => e[0]);
    if (keys.length === 0) return "{}";
    this.enter(d);
    let out = "{";
    const inner = this.indent === null ? "" : "\n" + this.indent.repeat(level + 1);
    const sep = this.indent === null ? ", " : "," + inner;
    const next = this.indent === null ? level : level + 1;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = entries === null ? (d as Record<string, unknown>)[k] : entries[i][1];
      out += (i === 0 ? inner : sep) + encodeString(k, this.ascii) + ": " + this.encode(v, next);
    }
    out += this.indent === null ? "}" : "\n" + this.indent.repeat(level) + "}";
    this.markers.delete(d);
    return out;
  }

  other(v: unknown, level: number): string {
    if (this.default === null) {
      throw new TypeError(`Object of type ${typeNameOf(v)} is not JSON serializable`);
    }
    const isObj = (typeof v === "object" && v !== null) || typeof v === "function";
    if (isObj) this.enter(v as object);
    const out = this.encode(this.default(v), level);
    if (isObj) this.markers.delete(v as object);
    return out;
  }
}

function typeNameOf(v: unknown): string {
  if (typeof v === "function") return "function";
  if (typeof v === "symbol") return "symbol";
  const c = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof c === "string" && c ? c : "object";
}

/**
 * Python's `json.dumps(value, default=..., indent=..., ensure_ascii=...)` with its default
 * separators, for JavaScript values (see the module documentation for the mapping). A cycle raises
 * `ValueError: Circular reference detected`; a value with no JSON form raises `TypeError` unless
 * `default` renders it.
 *
 * @example
 * ```ts
 * import { pyJsonDumps } from "./py_json.ts";
 * pyJsonDumps({ a: 1e-5, b: "é", c: [true, null] }); // '{"a": 1e-05, "b": "\\u00e9", "c": [true, null]}'
 * ```
 */
export function pyJsonDumps(value: unknown, options: PyJsonOptions = {}): string {
  return new Encoder(options).encode(value, 0);
}
