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

import { ValueError } from "./errors.ts";
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
  // From 1e-4 up, both languages write the shortest round-trip digits without exponent.
  // (Below 2**53, where a number that is not a safe integer is not integral either.)
  if ((n >= 1e-4 && n < 9007199254740992) || (n <= -1e-4 && n > -9007199254740992)) {
    // One entry of cache: a record's `created` repeats within a millisecond.
    if (n === lastFloat) return lastFloatText;
    lastFloat = n;
    return (lastFloatText = millisText(n) ?? "" + n);
  }
  if (n !== n) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  return floatRepr(n);
}

/**
 * A number that is a whole count of milliseconds in seconds (a record's `created`), written from
 * integers: below 1e12 such a number's shortest round-trip digits are exactly the milliseconds
 * (neighbouring doubles are far closer than 0.001), and integer printing is cheaper than a float's.
 * `null` for any other number.
 */
function millisText(n: number): string | null {
  if (n >= 1e12 || n <= -1e12) return null;
  const r = Math.round(n * 1000);
  if (r / 1000 !== n) return null;
  const a = r < 0 ? -r : r;
  const whole = Math.floor(a / 1000);
  let f = a - whole * 1000;
  let digits = 3;
  while (f % 10 === 0) {
    f /= 10;
    digits--;
  }
  const frac = digits === 3
    ? (f < 10 ? "00" : f < 100 ? "0" : "") + f
    : digits === 2
    ? (f < 10 ? "0" : "") + f
    : "" + f;
  return (r < 0 ? "-" : "") + whole + "." + frac;
}

let lastFloat = NaN;
let lastFloatText = "";

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

/** The encoder's state for one `pyJsonDumps` call (saved and restored around nested calls). */
let ASCII = true;
let INDENT: string | null = null;
let DEFAULT: JsonDefault | null = null;
/** The containers being encoded, outermost first (Python's `markers`). */
let MARKERS: object[] = [];

function encodeValue(v: unknown, level: number): string {
  switch (typeof v) {
    case "string":
      return encodeString(v, ASCII);
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
      if (Array.isArray(v)) return encodeList(v, level);
      if (isJsonDict(v)) return encodeDict(v as Record<string, unknown>, level);
      if (v instanceof JsonEntries) return encodeDict(v, level);
  }
  return encodeOther(v, level);
}

function enter(o: object): void {
  const m = MARKERS;
  for (let i = 0; i < m.length; i++) {
    if (m[i] === o) throw new ValueError("Circular reference detected");
  }
  m.push(o);
}

function encodeList(a: readonly unknown[], level: number): string {
  if (a.length === 0) return "[]";
  enter(a);
  let out: string;
  if (INDENT === null) {
    out = "[" + encodeValue(a[0], level);
    for (let i = 1; i < a.length; i++) out += ", " + encodeValue(a[i], level);
    out += "]";
  } else {
    const inner = "\n" + INDENT.repeat(level + 1);
    out = "[" + inner + encodeValue(a[0], level + 1);
    for (let i = 1; i < a.length; i++) out += "," + inner + encodeValue(a[i], level + 1);
    out += "\n" + INDENT.repeat(level) + "]";
  }
  MARKERS.pop();
  return out;
}

function encodeDict(d: Record<string, unknown> | JsonEntries, level: number): string {
  const entries = d instanceof JsonEntries ? d.entries : null;
  const keys = entries === null ? Object.keys(d) : entries.map((e) => e[0]);
  if (keys.length === 0) return "{}";
  enter(d);
  let out = "{";
  const indent = INDENT;
  const inner = indent === null ? "" : "\n" + indent.repeat(level + 1);
  const sep = indent === null ? ", " : "," + inner;
  const next = indent === null ? level : level + 1;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = entries === null ? (d as Record<string, unknown>)[k] : entries[i][1];
    out += (i === 0 ? inner : sep) + encodeString(k, ASCII) + ": " + encodeValue(v, next);
  }
  out += indent === null ? "}" : "\n" + indent.repeat(level) + "}";
  MARKERS.pop();
  return out;
}

function encodeOther(v: unknown, level: number): string {
  if (DEFAULT === null) {
    throw new TypeError(`Object of type ${typeNameOf(v)} is not JSON serializable`);
  }
  const isObj = (typeof v === "object" && v !== null) || typeof v === "function";
  if (isObj) enter(v as object);
  const out = encodeValue(DEFAULT(v), level);
  if (isObj) MARKERS.pop();
  return out;
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
  return dumps(
    value,
    options.default ?? null,
    options.indent ?? null,
    options.ensure_ascii ?? true,
  );
}

/** {@linkcode pyJsonDumps} with its options as arguments (no options object per call). */
export function dumps(
  value: unknown,
  defaultFn: JsonDefault | null,
  indent: number | string | null,
  ensureAscii: boolean,
): string {
  const ind = indent === null
    ? null
    : typeof indent === "number"
    ? " ".repeat(indent > 0 ? indent : 0)
    : indent;
  if (BUSY) return nested(value, defaultFn, ind, ensureAscii);
  BUSY = true;
  ASCII = ensureAscii;
  INDENT = ind;
  DEFAULT = defaultFn;
  try {
    return encodeValue(value, 0);
  } finally {
    BUSY = false;
    MARKERS.length = 0;
    DEFAULT = null;
  }
}

/**
 * One value as {@linkcode dumps} writes it on one line (for callers that lay out the enclosing
 * object themselves, as `JsonFormatter`'s fast path does).
 */
export function encodeOne(
  value: unknown,
  defaultFn: JsonDefault | null,
  ensureAscii: boolean,
): string {
  switch (typeof value) {
    case "string":
      return encodeString(value, ensureAscii);
    case "number":
      return encodeNumber(value);
  }
  return dumps(value, defaultFn, null, ensureAscii);
}

/** Whether an encoding is under way (a `default` hook may encode again: then state is saved). */
let BUSY = false;

function nested(
  value: unknown,
  defaultFn: JsonDefault | null,
  indent: string | null,
  ensureAscii: boolean,
): string {
  const a = ASCII, i = INDENT, d = DEFAULT, m = MARKERS;
  ASCII = ensureAscii;
  INDENT = indent;
  DEFAULT = defaultFn;
  MARKERS = [];
  try {
    return encodeValue(value, 0);
  } finally {
    ASCII = a;
    INDENT = i;
    DEFAULT = d;
    MARKERS = m;
  }
}
