/**
 * Python's `str()`, `repr()` and `ascii()` for JavaScript values, plus a deterministic single-line
 * `inspect()` (Node's `util.inspect` style) for values Python has no counterpart for.
 *
 * JavaScript values map to Python types as follows (see docs/DIVERGENCES.md):
 * string → str, integer-valued number → int, other numbers (and `-0`) → float, bigint → int,
 * boolean → bool (rendered `true`/`false`), `null`/`undefined` → None (rendered `null`/`undefined`),
 * Error → exception; everything else is rendered by {@link inspect}.
 *
 * @module
 */

/** True for a plain object (`{...}`), the JavaScript counterpart of a Python mapping. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(value);
  } catch {
    return false; // a Proxy whose getPrototypeOf trap throws is no mapping
  }
  return proto === Object.prototype || proto === null;
}

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

/**
 * Python's `str(value)` (what `%s` and `{}` print).
 *
 * @example
 * ```ts
 * import { pyStr } from "./repr.ts";
 * pyStr(1.5); // "1.5"
 * pyStr(1e-5); // "1e-05"
 * pyStr({ id: 1 }); // "{ id: 1 }"
 * ```
 */
export function pyStr(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return numberStr(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "undefined";
    case "object":
      if (value === null) return "null";
      if (value instanceof Error) return errorMessage(value);
      return inspect(value);
    default:
      return inspect(value);
  }
}

/**
 * Python's `repr(value)`: strings are quoted and escaped exactly as Python does, errors render as
 * `ValueError('x')`, other values as {@link pyStr}.
 *
 * @example
 * ```ts
 * import { pyRepr } from "./repr.ts";
 * pyRepr("it's"); // "\"it's\""
 * pyRepr("a\nb"); // "'a\\nb'"
 * ```
 */
export function pyRepr(value: unknown): string {
  if (typeof value === "string") return strRepr(value, false);
  if (value instanceof Error) return errorRepr(value, false);
  return pyStr(value);
}

/**
 * Python's `ascii(value)`: like {@link pyRepr} with every non-ASCII character escaped as `\xhh`,
 * `\uhhhh` or `\Uhhhhhhhh`.
 *
 * @example
 * ```ts
 * import { pyAscii } from "./repr.ts";
 * pyAscii("é"); // "'\\xe9'"
 * ```
 */
export function pyAscii(value: unknown): string {
  if (typeof value === "string") return strRepr(value, true);
  if (value instanceof Error) return errorRepr(value, true);
  return asciiEscape(pyStr(value));
}

/**
 * Python's `repr(float)`: the shortest round-trip digits laid out with Python's rule (exponent form
 * when the decimal exponent is below -4 or at least 16; otherwise fixed with at least `.0`).
 *
 * @example
 * ```ts
 * import { floatRepr } from "./repr.ts";
 * floatRepr(1e16); // "1e+16"
 * floatRepr(123); // "123.0"
 * floatRepr(0.0001); // "0.0001"
 * ```
 */
export function floatRepr(n: number): string {
  if (n !== n) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const neg = n < 0;
  const s = (neg ? -n : n).toExponential();
  const e = s.indexOf("e");
  const digits = e === 1 ? s[0] : s[0] + s.slice(2, e);
  const exp = +s.slice(e + 1);
  let out: string;
  if (exp < -4 || exp >= 16) {
    out = (digits.length === 1 ? digits : digits[0] + "." + digits.slice(1)) + "e" +
      (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  } else if (exp < 0) {
    out = "0." + "0".repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    out = digits + "0".repeat(exp + 1 - digits.length) + ".0";
  } else {
    out = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  }
  return neg ? "-" + out : out;
}

/** `str()` of a JS number: integers as Python ints, the rest (and -0) as Python floats. */
function numberStr(n: number): string {
  if (Number.isInteger(n)) {
    if (n === 0) return Object.is(n, -0) ? "-0.0" : "0";
    if (n < 1e21 && n > -1e21) return String(n);
    return BigInt(n).toString();
  }
  return floatRepr(n);
}

function errorMessage(e: Error): string {
  const m = e.message;
  return typeof m === "string" ? m : pyStr(m);
}

function errorRepr(e: Error, ascii: boolean): string {
  const name = typeof e.name === "string" && e.name ? e.name : "Error";
  const m = e.message;
  if (m === "" || m === undefined) return name + "()";
  return name + "(" + (typeof m === "string" ? strRepr(m, ascii) : pyRepr(m)) + ")";
}

// Python's str.isprintable(), approximated with Unicode general categories.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NEEDS_ESCAPE = /[\\'"\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE_ASCII = /[\\'"\x00-\x1f\x7f-\u{10ffff}]/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, "0");
}

/** A code point as Python's `repr` escapes it: `\\xhh`, `\\uhhhh` or `\\Uhhhhhhhh`. */
export function escapeCodePoint(cp: number): string {
  if (cp <= 0xff) return "\\x" + hex(cp, 2);
  if (cp <= 0xffff) return "\\u" + hex(cp, 4);
  return "\\U" + hex(cp, 8);
}

/** Python's `repr(str)` (or `ascii(str)` when `ascii`). */
function strRepr(s: string, ascii: boolean): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!(ascii ? NEEDS_ESCAPE_ASCII : NEEDS_ESCAPE).test(s)) return quote + s + quote;
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (ascii || (ch !== " " && NON_PRINTABLE.test(ch))) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out + quote;
}

/** Escapes non-ASCII code points of an already-rendered text as Python's `ascii()` does. */
function asciiEscape(s: string): string {
  // deno-lint-ignore no-control-regex
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 ? ch : escapeCodePoint(cp);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// inspect(): Node's util.inspect(value, { breakLength: Infinity }) rendering, made deterministic.
// ---------------------------------------------------------------------------------------------

const MAX_ITEMS = 100;
const MAX_DEPTH = 2;
const KEY_IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const JS_ESC_SQ =
  // deno-lint-ignore no-control-regex
  /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const JS_ESC =
  // deno-lint-ignore no-control-regex
  /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function jsEscapeChar(c: string): string {
  switch (c) {
    case "'":
      return "\\'";
    case "\n":
      return "\\n";
    case "\t":
      return "\\t";
    case "\r":
      return "\\r";
    case "\b":
      return "\\b";
    case "\f":
      return "\\f";
    case "\\":
      return "\\\\";
  }
  const code = c.charCodeAt(0);
  return code < 0x100
    ? "\\x" + code.toString(16).toUpperCase().padStart(2, "0")
    : "\\u" + code.toString(16);
}

/** A string inside a container, quoted as Node's util.inspect does. */
function jsQuote(s: string): string {
  let quote = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) quote = '"';
    else if (!s.includes("`") && !s.includes("${")) quote = "`";
  }
  const re = quote === "'" ? JS_ESC_SQ : JS_ESC;
  re.lastIndex = 0;
  if (!re.test(s)) return quote + s + quote;
  re.lastIndex = 0;
  return quote + s.replace(re, jsEscapeChar) + quote;
}

function formatKey(k: string | symbol): string {
  if (typeof k === "symbol") return "[" + k.toString() + "]";
  return KEY_IDENT.test(k) ? k : jsQuote(k);
}

function numberInspect(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

// deno-lint-ignore ban-types
function functionInspect(f: Function): string {
  let src = "";
  try {
    src = Function.prototype.toString.call(f);
  } catch { /* ignore */ }
  const name = typeof f.name === "string" ? f.name : "";
  if (src.startsWith("class") && /^class\b/.test(src)) {
    let out = "[class " + (name || "(anonymous)");
    const parent = Object.getPrototypeOf(f);
    if (typeof parent === "function" && parent !== Function.prototype && parent.name) {
      out += " extends " + parent.name;
    }
    return out + "]";
  }
  const ctor = Object.getPrototypeOf(f)?.constructor?.name;
  let kind = "Function";
  if (
    ctor === "AsyncFunction" || ctor === "GeneratorFunction" || ctor === "AsyncGeneratorFunction"
  ) {
    kind = ctor;
  }
  return "[" + kind + (name ? ": " + name : " (anonymous)") + "]";
}

interface InspectCtx {
  seen: object[];
  circular: Map<object, number>;
}

function constructorName(obj: object): string | null {
  let proto = Object.getPrototypeOf(obj);
  while (proto !== null) {
    const desc = Object.getOwnPropertyDescriptor(proto, "constructor");
    if (desc !== undefined && typeof desc.value === "function" && desc.value.name !== "") {
      return desc.value.name;
    }
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

function inspectValue(v: unknown, depth: number, ctx: InspectCtx): string {
  switch (typeof v) {
    case "string":
      return jsQuote(v);
    case "number":
      return numberInspect(v);
    case "bigint":
      return v + "n";
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return "undefined";
    case "symbol":
      return v.toString();
    case "function":
      return functionInspect(v);
  }
  if (v === null) return "null";
  return inspectObject(v as object, depth, ctx);
}

function inspectObject(obj: object, depth: number, ctx: InspectCtx): string {
  if (ctx.seen.includes(obj)) {
    let id = ctx.circular.get(obj);
    if (id === undefined) {
      id = ctx.circular.size + 1;
      ctx.circular.set(obj, id);
    }
    return "[Circular *" + id + "]";
  }
  if (obj instanceof Date) {
    return isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
  }
  if (obj instanceof RegExp) return String(obj);
  if (obj instanceof Error) {
    const name = obj.name || "Error";
    return obj.message ? "[" + name + ": " + obj.message + "]" : "[" + name + "]";
  }
  if (obj instanceof Number) return "[Number: " + numberInspect(obj.valueOf()) + "]";
  if (obj instanceof String) return "[String: " + jsQuote(obj.valueOf()) + "]";
  if (obj instanceof Boolean) return "[Boolean: " + obj.valueOf() + "]";
  if (typeof WeakMap !== "undefined" && obj instanceof WeakMap) {
    return "WeakMap { <items unknown> }";
  }
  if (typeof WeakSet !== "undefined" && obj instanceof WeakSet) {
    return "WeakSet { <items unknown> }";
  }

  const proto = Object.getPrototypeOf(obj);
  const ctorName = proto === null ? null : constructorName(obj);
  const isArray = Array.isArray(obj);
  const isMap = obj instanceof Map;
  const isSet = obj instanceof Set;
  const isTyped = ArrayBuffer.isView(obj) && !(obj instanceof DataView);

  let prefix: string;
  if (isArray) {
    prefix = ctorName === "Array"
      ? ""
      : (ctorName ?? "[Array: null prototype]") + "(" + (obj as unknown[]).length + ") ";
  } else if (isMap) prefix = "Map(" + (obj as Map<unknown, unknown>).size + ") ";
  else if (isSet) prefix = "Set(" + (obj as Set<unknown>).size + ") ";
  else if (isTyped) prefix = ctorName + "(" + (obj as unknown as ArrayLike<unknown>).length + ") ";
  else if (proto === null) prefix = "[Object: null prototype] ";
  else if (ctorName === "Object") prefix = "";
  else prefix = (ctorName ?? "Object") + " ";

  const open = isArray || isTyped ? "[" : "{";
  const close = isArray || isTyped ? "]" : "}";

  if (depth > MAX_DEPTH) {
    if (isArray) return "[Array]";
    if (proto === null) return "[Object: null prototype]";
    return "[" + (isMap ? "Map" : isSet ? "Set" : ctorName ?? "Object") + "]";
  }

  ctx.seen.push(obj);
  const parts: string[] = [];
  try {
    if (isArray || isTyped) {
      const arr = obj as unknown as ArrayLike<unknown>;
      const n = arr.length;
      const shown = Math.min(n, MAX_ITEMS);
      let holes = 0;
      for (let i = 0; i < shown; i++) {
        if (isArray && !Object.prototype.hasOwnProperty.call(arr, i)) {
          holes++;
          continue;
        }
        if (holes > 0) {
          parts.push("<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">");
          holes = 0;
        }
        parts.push(inspectValue(arr[i], depth + 1, ctx));
      }
      if (holes > 0) parts.push("<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">");
      if (n > shown) parts.push("... " + (n - shown) + " more item" + (n - shown > 1 ? "s" : ""));
    } else if (isMap) {
      let i = 0;
      const m = obj as Map<unknown, unknown>;
      for (const [k, v] of m) {
        if (i++ >= MAX_ITEMS) break;
        parts.push(inspectValue(k, depth + 1, ctx) + " => " + inspectValue(v, depth + 1, ctx));
      }
      if (m.size > MAX_ITEMS) {
        const more = m.size - MAX_ITEMS;
        parts.push("... " + more + " more item" + (more > 1 ? "s" : ""));
      }
    } else if (isSet) {
      let i = 0;
      const s = obj as Set<unknown>;
      for (const v of s) {
        if (i++ >= MAX_ITEMS) break;
        parts.push(inspectValue(v, depth + 1, ctx));
      }
      if (s.size > MAX_ITEMS) {
        const more = s.size - MAX_ITEMS;
        parts.push("... " + more + " more item" + (more > 1 ? "s" : ""));
      }
    }
    const keys = Reflect.ownKeys(obj);
    for (const key of keys) {
      if ((isArray || isTyped) && typeof key === "string" && isIndexKey(key)) continue;
      if (isArray && key === "length") continue;
      const desc = Object.getOwnPropertyDescriptor(obj, key);
      if (desc === undefined || !desc.enumerable) continue;
      let rendered: string;
      if (desc.get !== undefined) {
        rendered = desc.set !== undefined ? "[Getter/Setter]" : "[Getter]";
      } else if (desc.set !== undefined) rendered = "[Setter]";
      else rendered = inspectValue(desc.value, depth + 1, ctx);
      parts.push(formatKey(key) + ": " + rendered);
    }
  } finally {
    ctx.seen.pop();
  }
  let out = parts.length === 0
    ? prefix + open + close
    : prefix + open + " " + parts.join(", ") + " " + close;
  const id = ctx.circular.get(obj);
  if (id !== undefined) out = "<ref *" + id + "> " + out;
  return out;
}

function isIndexKey(k: string): boolean {
  return k === String(+k >>> 0) && +k !== 4294967295;
}

/**
 * Console-style, single-line, deterministic rendering of any value, following Node's
 * `util.inspect(value, { breakLength: Infinity })`: `{ id: 1, name: 'x' }`, `[ 1, 2 ]`,
 * `Map(1) { 'a' => 1 }`, `[Function: f]`, `Foo { x: 1 }`, `[Circular *1]`; nesting deeper than two
 * levels prints `[Object]`/`[Array]`. Dates print as ISO strings and errors as `[Name: message]`
 * (never a stack trace).
 *
 * @example
 * ```ts
 * import { inspect } from "./repr.ts";
 * inspect({ id: 1, tags: ["a"] }); // "{ id: 1, tags: [ 'a' ] }"
 * inspect(new Map([["a", 1]])); // "Map(1) { 'a' => 1 }"
 * ```
 */
export function inspect(value: unknown): string {
  return inspectValue(value, 0, { seen: [], circular: new Map() });
}

/**
 * The Python type name a JavaScript value stands for, as used in Python's error messages:
 * string → `str`, integer-valued number → `int`, other numbers (and `-0`) → `float`, bigint → `int`,
 * boolean → `bool`, `null`/`undefined` → `NoneType`, Array → `list`, plain object or Map → `dict`,
 * Set → `set`, Date → `datetime.datetime`, function → `function`, symbol → `symbol`, an Error → its
 * `name`, a class instance → its constructor's name.
 *
 * @example
 * ```ts
 * import { pyTypeName } from "./repr.ts";
 * pyTypeName("x"); // "str"
 * pyTypeName(1.5); // "float"
 * pyTypeName(null); // "NoneType"
 * ```
 */
export function pyTypeName(value: unknown): string {
  switch (typeof value) {
    case "string":
      return "str";
    case "number":
      return Number.isInteger(value) && !Object.is(value, -0) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "undefined":
      return "NoneType";
    case "function":
      return "function";
    case "symbol":
      return "symbol";
  }
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (value instanceof Map) return "dict";
  if (value instanceof Set) return "set";
  if (value instanceof Date) return "datetime.datetime";
  if (value instanceof Error) return value.name || "Error";
  const proto = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return "dict";
  return constructorName(value as object) ?? "object";
}
