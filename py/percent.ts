/**
 * Python's `str % args` (printf-style formatting), exactly as CPython 3.11's `PyUnicode_Format`:
 * conversions `d i o u x X e E f F g G c r s a %`, flags `- + space # 0`, width, precision, `*`,
 * `%(key)s` mapping keys, ignored length modifiers `h l L`, and Python's exact errors.
 *
 * Formats are compiled once into an array of parts and cached (bounded), so repeated calls only walk
 * the parts. JavaScript values map to Python values as documented in {@link ./repr.ts}.
 *
 * @module
 */

import { KeyError, OverflowError, ValueError } from "./errors.ts";
import { fieldTooBig, MAX_FORMAT_FIELD } from "../limits.ts";
import { hasField } from "../record_fields.ts";
import { formatFloat, formatIntPercent } from "./number.ts";
import { pyAscii, pyRepr, pyStr, pyTypeName } from "./repr.ts";

const F_LJUST = 1;
const F_SIGN = 2;
const F_BLANK = 4;
const F_ALT = 8;
const F_ZERO = 16;

/** Stage at which a static parse error is raised (after the argument consumption before it). */
const ERR_NONE = 0;
const ERR_KEY = 1; // "incomplete format key": right after the mapping check
const ERR_WIDTH = 2; // "width too big": after the key lookup
const ERR_PREC = 3; // "precision too big": after a width `*`
const ERR_END = 4; // "incomplete format": after all `*` arguments were taken

/**
 * One parsed `%` conversion specifier and the literal text before it (part of a
 * {@link CompiledPercent}).
 *
 * @example
 * ```ts
 * import { compilePercent } from "./percent.ts";
 * compilePercent("x=%5d").specs[0].width; // 5
 * ```
 */
export interface PercentSpec {
  /** Literal text preceding the specifier. */
  lit: string;
  /** Whether the specifier starts with `(` (needs a mapping). */
  hasKey: boolean;
  /** The mapping key, or null. */
  key: string | null;
  /** Flag bits: 1 `-`, 2 `+`, 4 space, 8 `#`, 16 `0`. */
  flags: number;
  /** Field width, -1 when absent. */
  width: number;
  /** Width taken from the arguments (`*`). */
  widthStar: boolean;
  /** Precision, -1 when absent. */
  prec: number;
  /** Precision taken from the arguments (`.*`). */
  precStar: boolean;
  /** The conversion character (one code point). */
  ch: string;
  /** Code point index of the conversion character (for the error message). */
  index: number;
  /** Stage at which a static parse error is raised (0: none). */
  errStage: number;
  /** That error's message. */
  errMsg: string;
  /** `%s`/`%(key)s` with no flags, width or precision. */
  simple: boolean;
  /** `%d`/`%i`/`%u` with no flags, width or precision (a safe integer is then its decimal text). */
  plainInt: boolean;
}

/**
 * A compiled `%` format: the specifiers in order and the trailing literal. Produced by
 * {@link compilePercent}; use {@link runPercent} or {@link runPercentRecord} to apply it.
 *
 * @example
 * ```ts
 * import { compilePercent, runPercent } from "./percent.ts";
 * const c = compilePercent("%s=%d");
 * runPercent(c, ["a", 1]); // "a=1"
 * ```
 */
export interface CompiledPercent {
  /** The specifiers (with their preceding literal text). */
  readonly specs: readonly PercentSpec[];
  /** Literal text after the last specifier. */
  readonly tail: string;
  /** Mapping keys used, in order (duplicates removed). */
  readonly keys: readonly string[];
  /** True when some specifier takes a positional argument (no key) or a `*`. */
  readonly positional: boolean;
  /** True when every specifier is a plain `%(key)s` (the record fast path applies). */
  readonly allSimpleKeys: boolean;
  /**
   * True when every specifier is `%(key)s` with at most a width and flags, or `%(key)d` (`i`, `u`)
   * with at most a width and `-` (no precision, no `*`): the output is the value's `str()` (for
   * `d`, a safe integer's decimal text) padded to the width (left-justified with `-`).
   */
  readonly allKeyedPlain: boolean;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && c >= "0" && c <= "9";
}

/**
 * Parses a `%` format into parts, as CPython's `unicode_format_arg_parse` reads it. Parse errors
 * are not thrown here: they are recorded on the spec at which Python raises them, so that the
 * errors of earlier specifiers (missing arguments or keys) win as in Python.
 *
 * @example
 * ```ts
 * import { compilePercent } from "./percent.ts";
 * compilePercent("%(name)s: %(message)s").keys; // ["name", "message"]
 * ```
 */
export function compilePercent(fmt: string): CompiledPercent {
  const chars = Array.from(fmt);
  const n = chars.length;
  const specs: PercentSpec[] = [];
  const keys: string[] = [];
  let positional = false;
  let lit = "";
  let pos = 0;
  while (pos < n) {
    const c = chars[pos];
    if (c !== "%") {
      lit += c;
      pos++;
      continue;
    }
    pos++;
    if (pos < n && chars[pos] === "%") {
      lit += "%";
      pos++;
      continue;
    }
    const spec: PercentSpec = {
      lit,
      hasKey: false,
      key: null,
      flags: 0,
      width: -1,
      widthStar: false,
      prec: -1,
      precStar: false,
      ch: "",
      index: 0,
      errStage: ERR_NONE,
      errMsg: "",
      simple: false,
      plainInt: false,
    };
    lit = "";
    specs.push(spec);
    let cnt = n - pos; // characters left after the '%'
    let ch: string = pos < n ? chars[pos] : "\0";
    if (ch === "(") {
      spec.hasKey = true;
      pos++;
      cnt--;
      const ks = pos;
      let pc = 1;
      while (pc > 0 && --cnt >= 0) {
        const k = chars[pos];
        if (k === ")") pc--;
        else if (k === "(") pc++;
        pos++;
      }
      if (cnt < 0 || pc > 0) {
        spec.errStage = ERR_KEY;
        spec.errMsg = "incomplete format key";
        break;
      }
      spec.key = chars.slice(ks, pos - 1).join("");
      if (!keys.includes(spec.key)) keys.push(spec.key);
    }
    // flags
    while (--cnt >= 0) {
      ch = chars[pos++];
      if (ch === "-") spec.flags |= F_LJUST;
      else if (ch === "+") spec.flags |= F_SIGN;
      else if (ch === " ") spec.flags |= F_BLANK;
      else if (ch === "#") spec.flags |= F_ALT;
      else if (ch === "0") spec.flags |= F_ZERO;
      else break;
    }
    // width
    if (ch === "*") {
      spec.widthStar = true;
      if (--cnt >= 0) ch = chars[pos++];
    } else if (isDigit(ch)) {
      let w = ch.charCodeAt(0) - 48;
      while (--cnt >= 0) {
        ch = chars[pos++];
        if (!isDigit(ch)) break;
        const d = ch.charCodeAt(0) - 48;
        if (w > (9223372036854775807 - d) / 10) {
          spec.errStage = ERR_WIDTH;
          spec.errMsg = "width too big";
          break;
        }
        w = w * 10 + d;
      }
      spec.width = w;
      if (spec.errStage === ERR_NONE && w > MAX_FORMAT_FIELD) {
        spec.errStage = ERR_WIDTH;
        spec.errMsg = fieldTooBig("width", w).message;
      }
      if (spec.errStage !== ERR_NONE) break;
    }
    // precision
    if (ch === ".") {
      spec.prec = 0;
      if (--cnt >= 0) ch = chars[pos++];
      if (ch === "*") {
        spec.precStar = true;
        if (--cnt >= 0) ch = chars[pos++];
      } else if (isDigit(ch)) {
        let p = ch.charCodeAt(0) - 48;
        while (--cnt >= 0) {
          ch = chars[pos++];
          if (!isDigit(ch)) break;
          const d = ch.charCodeAt(0) - 48;
          if (p > (2147483647 - d) / 10) {
            spec.errStage = ERR_PREC;
            spec.errMsg = "precision too big";
            break;
          }
          p = p * 10 + d;
        }
        spec.prec = p;
        if (spec.errStage !== ERR_NONE) break;
      }
    }
    if (cnt >= 0 && (ch === "h" || ch === "l" || ch === "L")) {
      if (--cnt >= 0) ch = chars[pos++];
    }
    if (spec.widthStar || spec.precStar || !spec.hasKey) positional = true;
    if (cnt < 0) {
      spec.errStage = ERR_END;
      spec.errMsg = "incomplete format";
      break;
    }
    spec.ch = ch;
    spec.index = pos - 1;
    const plain = spec.flags === 0 && spec.width === -1 && spec.prec === -1 && !spec.widthStar &&
      !spec.precStar;
    spec.simple = plain && ch === "s";
    spec.plainInt = plain && (ch === "d" || ch === "i" || ch === "u");
  }
  const last = specs[specs.length - 1];
  const tail = flat(last !== undefined && last.errStage !== ERR_NONE ? "" : lit);
  for (const s of specs) s.lit = flat(s.lit);
  let allSimpleKeys = true;
  for (const s of specs) {
    if (!s.simple || !s.hasKey || s.errStage !== ERR_NONE) allSimpleKeys = false;
  }
  let allKeyedPlain = true;
  for (const s of specs) {
    const int = (s.ch === "d" || s.ch === "i" || s.ch === "u") && (s.flags & ~F_LJUST) === 0;
    if (
      !s.hasKey || s.errStage !== ERR_NONE || (s.ch !== "s" && !int) || s.prec !== -1 ||
      s.widthStar || s.precStar
    ) allKeyedPlain = false;
  }
  return { specs, tail, keys, positional, allSimpleKeys, allKeyedPlain };
}

/**
 * A flat copy of a string built character by character. Bun/JSC keeps such a string as a deep rope
 * of one-character pieces, and every output containing it re-walks that rope when it is encoded
 * (measured: encoding a formatted record cost more than formatting it).
 */
function flat(s: string): string {
  return s.length < 2 ? s : s.split("").join("");
}

const CACHE = new Map<string, CompiledPercent>();
const CACHE_MAX = 512;
/** The last format looked up: a log call site repeats its message, so this spares the Map lookup. */
let lastFmt = "";
let lastCompiled: CompiledPercent | null = null;

/**
 * Returns the compiled form of `fmt`, from a bounded cache (oldest entries are evicted first).
 *
 * @example
 * ```ts
 * import { getCompiledPercent } from "./percent.ts";
 * getCompiledPercent("%s") === getCompiledPercent("%s"); // true
 * ```
 */
export function getCompiledPercent(fmt: string): CompiledPercent {
  if (fmt === lastFmt && lastCompiled !== null) return lastCompiled;
  let c = CACHE.get(fmt);
  if (c === undefined) {
    c = compilePercent(fmt);
    if (CACHE.size >= CACHE_MAX) CACHE.delete(CACHE.keys().next().value as string);
    CACHE.set(fmt, c);
  }
  lastFmt = fmt;
  lastCompiled = c;
  return c;
}

/** How a mapping argument is read. */
const DICT_NONE = 0;
const DICT_OBJECT = 1; // plain object: own properties
const DICT_MAP = 2; // Map
const DICT_RECORD = 3; // any object: `key in obj` (prototype getters count)

function dictKind(args: unknown): number {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return DICT_NONE;
  if (args instanceof Map) return DICT_MAP;
  const proto = Object.getPrototypeOf(args);
  return proto === Object.prototype || proto === null ? DICT_OBJECT : DICT_NONE;
}

function lookup(
  dict: unknown,
  kind: number,
  key: string,
  defaults: Readonly<Record<string, unknown>> | null,
): unknown {
  if (kind === DICT_MAP) {
    const m = dict as Map<unknown, unknown>;
    if (m.has(key)) return m.get(key);
  } else if (kind === DICT_RECORD) {
    if (hasField(dict as object, key)) return (dict as Record<string, unknown>)[key];
    if (defaults !== null && Object.prototype.hasOwnProperty.call(defaults, key)) {
      return defaults[key];
    }
  } else if (Object.prototype.hasOwnProperty.call(dict, key)) {
    return (dict as Record<string, unknown>)[key];
  }
  throw new KeyError(key);
}

/**
 * Python's `fmt % args`. `args` is an Array (a Python tuple), a plain object or Map (a Python
 * mapping, for `%(key)s`; positional specifiers then format the whole mapping), or any other value
 * (a 1-tuple). Throws Python's errors: `TypeError` (JavaScript's), {@link ValueError},
 * {@link KeyError}, {@link OverflowError}.
 *
 * @example
 * ```ts
 * import { percentFormat } from "./percent.ts";
 * percentFormat("%s has %d items (%.1f%%)", ["cart", 3, 12.5]); // "cart has 3 items (12.5%)"
 * percentFormat("%(user)s", { user: "ann" }); // "ann"
 * percentFormat("%5.2f|%-4s|%#x", [3.14159, "ab", 255]); // " 3.14|ab  |0xff"
 * ```
 */
export function percentFormat(fmt: string, args: unknown): string {
  return runPercent(getCompiledPercent(fmt), args);
}

/**
 * Applies a compiled format to `args` with the semantics of {@link percentFormat}.
 *
 * @example
 * ```ts
 * import { compilePercent, runPercent } from "./percent.ts";
 * runPercent(compilePercent("%03d"), 7); // "007"
 * ```
 */
export function runPercent(c: CompiledPercent, args: unknown): string {
  const kind = dictKind(args);
  return execute(c, args, kind, null);
}

/**
 * Applies a compiled format to a record-like object used as the mapping (Python's
 * `fmt % record.__dict__`): keys are read with `record[key]` and tested with `key in record`, so
 * getters on the prototype count. Keys the record lacks are taken from `defaults` (Python's
 * `defaults | record.__dict__`).
 *
 * @example
 * ```ts
 * import { compilePercent, runPercentRecord } from "./percent.ts";
 * runPercentRecord(compilePercent("%(levelname)s:%(name)s"), { levelname: "INFO", name: "app" });
 * // "INFO:app"
 * ```
 */
export function runPercentRecord(
  c: CompiledPercent,
  record: object,
  defaults: Readonly<Record<string, unknown>> | null = null,
): string {
  return execute(c, record, DICT_RECORD, defaults);
}

function notEnough(): never {
  throw new TypeError("not enough arguments for format string");
}

function starValue(v: unknown): number {
  if (typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0)) return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  throw new TypeError("* wants int");
}

/**
 * Whether the engine is JavaScriptCore as Bun ships it, which builds a template literal
 * `${a}${b}${c}` as one rope of three pieces: cheaper to build and to flatten when the record is
 * written than the two ropes `a + b + c` makes. V8 (Deno, Node) is faster with `+` (measured).
 */
const TEMPLATE_ROPES = /^Bun\//.test(
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? "",
);

/**
 * `out + lit + value`, built the way the engine does fastest (see {@linkcode TEMPLATE_ROPES}).
 *
 * @example
 * ```ts
 * import { add3 } from "./percent.ts";
 * add3("a=", "1, b=", "2"); // "a=1, b=2"
 * ```
 */
export function add3(out: string, lit: string, value: string): string {
  return TEMPLATE_ROPES ? `${out}${lit}${value}` : out + lit + value;
}

function execute(
  c: CompiledPercent,
  args0: unknown,
  kind: number,
  defaults: Readonly<Record<string, unknown>> | null,
): string {
  const specs = c.specs;
  let args = args0;
  let arglen: number;
  let argidx: number;
  if (kind === DICT_NONE && Array.isArray(args0)) {
    arglen = args0.length;
    argidx = 0;
  } else {
    arglen = -1;
    argidx = -2;
  }
  const dict = kind === DICT_NONE ? null : args0;
  let out = "";
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    if (s.hasKey || s.errStage === ERR_KEY) {
      if (dict === null) throw new TypeError("format requires a mapping");
      if (s.errStage === ERR_KEY) throw new ValueError(s.errMsg);
      args = lookup(dict, kind, s.key as string, defaults);
      arglen = -1;
      argidx = -2;
    }
    if (s.simple) {
      let v: unknown;
      if (argidx < arglen) v = arglen < 0 ? (argidx++, args) : (args as unknown[])[argidx++];
      else notEnough();
      out = add3(out, s.lit, typeof v === "string" ? v : pyStr(v));
    } else if (
      s.plainInt && argidx < arglen && arglen >= 0 &&
      Number.isSafeInteger((args as unknown[])[argidx])
    ) {
      // Python's `%d` of an int: its decimal digits.
      out = add3(out, s.lit, "" + (args as number[])[argidx++]);
    } else {
      let flags = s.flags;
      let width = s.width;
      let prec = s.prec;
      if (s.widthStar) {
        let v: unknown;
        if (argidx < arglen) v = arglen < 0 ? (argidx++, args) : (args as unknown[])[argidx++];
        else notEnough();
        width = starValue(v);
        if (width < 0) {
          flags |= F_LJUST;
          width = -width;
        }
        if (width > MAX_FORMAT_FIELD) throw fieldTooBig("width", width);
      }
      if (s.errStage === ERR_WIDTH) throw new ValueError(s.errMsg);
      if (s.precStar) {
        let v: unknown;
        if (argidx < arglen) v = arglen < 0 ? (argidx++, args) : (args as unknown[])[argidx++];
        else notEnough();
        prec = starValue(v);
        if (prec < 0) prec = 0;
      }
      if (s.errStage !== ERR_NONE) throw new ValueError(s.errMsg);
      let v: unknown;
      if (argidx < arglen) v = arglen < 0 ? (argidx++, args) : (args as unknown[])[argidx++];
      else notEnough();
      out = add3(out, s.lit, formatOne(s, v, flags, width, prec));
    }
    if (dict !== null && argidx < arglen) {
      throw new TypeError("not all arguments converted during string formatting");
    }
  }
  if (argidx < arglen && dict === null) {
    throw new TypeError("not all arguments converted during string formatting");
  }
  return out + c.tail;
}

/**
 * Number of code points in `s` (what Python's `len()` counts).
 *
 * @example
 * ```ts
 * import { cpLen } from "./percent.ts";
 * cpLen("a\u{1F600}"); // 2
 * ```
 */
export function cpLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The first `k` code points of `s`. */
function cpSlice(s: string, k: number): string {
  if (k >= s.length) return s;
  let i = 0;
  let n = 0;
  while (n < k && i < s.length) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
        s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff
      ? 2
      : 1;
    n++;
  }
  return s.slice(0, i);
}

function toInteger(v: unknown, ch: string): number | bigint {
  const idx = ch === "o" || ch === "x" || ch === "X";
  switch (typeof v) {
    case "number":
      if (Number.isInteger(v) && !Object.is(v, -0)) return v;
      if (idx) break;
      if (v !== v) throw new ValueError("cannot convert float NaN to integer");
      if (v === Infinity || v === -Infinity) {
        throw new OverflowError("cannot convert float infinity to integer");
      }
      return Math.trunc(v) || 0;
    case "bigint":
      return v;
    case "boolean":
      return v ? 1 : 0;
  }
  throw new TypeError(
    "%" + ch + " format: " + (idx ? "an integer" : "a real number") + " is required, not " +
      pyTypeName(v),
  );
}

function toFloat(v: unknown): number {
  switch (typeof v) {
    case "number":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "bigint": {
      const f = Number(v);
      if (f === Infinity || f === -Infinity) {
        throw new OverflowError("int too large to convert to float");
      }
      return f;
    }
  }
  throw new TypeError("must be real number, not " + pyTypeName(v));
}

function toChar(v: unknown): string {
  if (typeof v === "string") {
    if (v.length === 1 || (v.length === 2 && cpLen(v) === 1)) return v;
  } else if (
    (typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0)) || typeof v === "bigint" ||
    typeof v === "boolean"
  ) {
    const x = typeof v === "boolean" ? (v ? 1 : 0) : Number(v);
    if (x < 0 || x > 0x10ffff) throw new OverflowError("%c arg not in range(0x110000)");
    return String.fromCodePoint(x);
  }
  throw new TypeError("%c requires int or char");
}

function formatOne(s: PercentSpec, v: unknown, flags: number, width: number, prec: number): string {
  const ch = s.ch;
  // A precision pads numbers with digits (strings are only cut by it): bounded for numbers.
  if (prec > MAX_FORMAT_FIELD && ch !== "s" && ch !== "r" && ch !== "a" && ch !== "c") {
    throw fieldTooBig("precision", prec);
  }
  let str: string;
  let numeric = false;
  switch (ch) {
    case "s":
      str = typeof v === "string" ? v : pyStr(v);
      break;
    case "r":
      str = pyRepr(v);
      break;
    case "a":
      str = pyAscii(v);
      break;
    case "d":
    case "i":
    case "u":
    case "o":
    case "x":
    case "X":
      str = formatIntPercent(toInteger(v, ch), (flags & F_ALT) !== 0, prec, ch);
      numeric = true;
      break;
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      str = formatFloat(toFloat(v), ch, prec < 0 ? 6 : prec, (flags & F_ALT) !== 0, false, false);
      numeric = true;
      break;
    case "c":
      str = toChar(v);
      break;
    default: {
      const cp = ch.codePointAt(0) ?? 0;
      throw new ValueError(
        "unsupported format character '" + (cp >= 31 && cp <= 126 ? ch : "?") + "' (0x" +
          cp.toString(16) + ") at index " + s.index,
      );
    }
  }
  if (width === -1 && prec === -1 && (flags & (F_SIGN | F_BLANK)) === 0) return str;
  return output(str, ch, flags, width, prec, numeric);
}

/** CPython's `unicode_format_arg_output`: truncation, sign, `0x` prefix and padding. */
function output(
  str0: string,
  ch: string,
  flags: number,
  width0: number,
  prec: number,
  numeric: boolean,
): string {
  let str = str0;
  let width = width0;
  const fill = numeric && (flags & F_ZERO) !== 0 ? "0" : " ";
  let len = numeric ? str.length : cpLen(str);
  if (
    (width === -1 || width <= len) && (prec === -1 || prec >= len) &&
    (flags & (F_SIGN | F_BLANK)) === 0
  ) return str;
  if ((ch === "s" || ch === "r" || ch === "a") && prec >= 0 && len > prec) {
    str = cpSlice(str, prec);
    len = prec;
  }
  let sign = numeric;
  let signchar = "";
  let pindex = 0;
  if (sign) {
    const c0 = str[0];
    if (c0 === "-" || c0 === "+") {
      signchar = c0;
      len--;
      pindex = 1;
    } else if (flags & F_SIGN) signchar = "+";
    else if (flags & F_BLANK) signchar = " ";
    else sign = false;
  }
  if (width < len) width = len;
  let out = "";
  if (sign) {
    if (fill !== " ") out += signchar;
    if (width > len) width--;
  }
  const alt = (flags & F_ALT) !== 0 && (ch === "x" || ch === "X" || ch === "o");
  if (alt) {
    if (fill !== " ") {
      out += str.substr(pindex, 2);
      pindex += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && (flags & F_LJUST) === 0) {
    out += fill.repeat(width - len);
    width = len;
  }
  if (fill === " ") {
    if (sign) out += signchar;
    if (alt) {
      out += str.substr(pindex, 2);
      pindex += 2;
    }
  }
  out += pindex === 0 ? str : str.slice(pindex);
  if (width > len) out += " ".repeat(width - len);
  return out;
}
