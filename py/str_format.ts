/**
 * Python's `str.format` with keyword fields only (what logging's `{` style uses:
 * `fmt.format(**record.__dict__)`), and `string.Formatter().parse`. The whole format-spec
 * mini-language is supported: fill, align `< > = ^`, sign, `z`, `#`, `0`, width, grouping `,`/`_`,
 * precision and types `b c d e E f F g G n o s x X %`; conversions `!r !s !a`; attribute and item
 * access (`{a.b}`, `{a[0]}`, `{a[key]}`); nested fields in the spec (`{x:{width}}`). Errors are
 * Python's, raised in Python's order.
 *
 * Value kinds: strings format as `str`; integer-valued numbers and bigints as `int`; other numbers
 * (and `-0`) as `float`; booleans as `bool` (`int` rules for a non-empty spec); anything else only
 * with an empty spec (Python's `object.__format__`).
 *
 * @module
 */

import { fieldTooBig, MAX_FORMAT_FIELD } from "../limits.ts";
import { AttributeError, IndexError, KeyError, OverflowError, ValueError } from "./errors.ts";
import { fieldId, hasField, readField } from "../record_fields.ts";
import { add3, cpLen } from "./percent.ts";
import { formatFloat, groupDigits, intDigits, intIsNegative } from "./number.ts";
import { pyAscii, pyRepr, pyStr, pyTypeName } from "./repr.ts";

/**
 * A compiled `str.format` string: call it with the object whose properties are the keyword fields
 * (a LogRecord or a plain object); `defaults` supplies fields the object lacks (logging's
 * `defaults | record.__dict__`).
 *
 * @example
 * ```ts
 * import { compileStrFormat, type StrFormatFunction } from "./str_format.ts";
 * const f: StrFormatFunction = compileStrFormat("{a}-{b}");
 * f({ a: 1 }, { b: 2 }); // "1-2"
 * ```
 */
export type StrFormatFunction = (
  fields: object,
  defaults?: Readonly<Record<string, unknown>> | null,
) => string;

/** One step after the first name: `.attr` or `[item]`, or an error raised when reached. */
interface Accessor {
  attr: boolean;
  name: string;
  /** Integer index for `[digits]`, else -1. */
  idx: number;
  /** Error message (ValueError) raised when this step is reached. */
  err: string | null;
}

interface Field {
  /** Literal text before the field. */
  lit: string;
  /** The first name (keyword), or null for a positional field. */
  first: string | null;
  /** Positional index (for the IndexError message), or -1. */
  index: number;
  /** ValueError raised right away (too many digits). */
  firstErr: string | null;
  rest: Accessor[];
  conv: string;
  /** Static spec, or null when it has nested fields. */
  spec: string;
  nested: Compiled | null;
  /** ValueError raised when this part is reached (a parse error of the format string). */
  err: string | null;
  /** The first name's number for `readField` (`-1`: not a LogRecord attribute). */
  id: number;
  /** A static spec that only pads a string (`<8`, `>10`, `*^9`): its fill, alignment, width. */
  pad: StrPad | null;
  /**
   * A plain keyword field (`{name}`, `{levelname:<8}`: no attribute, index, conversion or nested
   * spec), formatted by the fast path of {@linkcode run}.
   */
  simple: boolean;
  /**
   * Whether a simple field remembers its last string value and output piece (not `message`, new
   * with every record): a repeated value (`levelname`, `name`, `asctime` within a millisecond)
   * then joins the output as one flat piece.
   */
  cached: boolean;
  /** The last string value of a cached field. */
  lastStr: string | null;
  /** `lit` and the padded `lastStr`, flattened. */
  lastOut: string;
}

/** A format spec that pads a string value and does nothing else. */
interface StrPad {
  fill: string;
  /** `<`, `>` or `^`. */
  align: string;
  width: number;
}

interface Compiled {
  fields: Field[];
  tail: string;
  names: Set<string>;
}

const MAX_SSIZE = 9223372036854775807n;

/** Python's get_integer on a field name: -1 if not all ASCII digits, -2 if too many digits. */
function fieldInteger(s: string): number {
  if (s === "" || !/^[0-9]+$/.test(s)) return -1;
  if (s.length > 18 && BigInt(s) > MAX_SSIZE) return -2;
  return Number(s);
}

function compileFieldName(f: Field, name: string, autoIndex: { n: number }): void {
  let i = 0;
  while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
  const first = name.slice(0, i);
  const idx = fieldInteger(first);
  if (idx === -2) f.firstErr = "Too many decimal digits in format string";
  else if (first === "") f.index = autoIndex.n++;
  else if (idx >= 0) f.index = idx;
  else f.first = first;
  // the rest
  while (i < name.length) {
    const c = name[i++];
    const acc: Accessor = { attr: c === ".", name: "", idx: -1, err: null };
    f.rest.push(acc);
    if (c === ".") {
      const s = i;
      while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
      acc.name = name.slice(s, i);
    } else if (c === "[") {
      const s = i;
      while (i < name.length && name[i] !== "]") i++;
      if (i >= name.length) {
        acc.err = "Missing ']' in format string";
        return;
      }
      acc.name = name.slice(s, i);
      i++;
      const k = fieldInteger(acc.name);
      if (k === -2) {
        acc.err = "Too many decimal digits in format string";
        return;
      }
      acc.idx = k;
    } else {
      acc.err = "Only '.' or '[' may follow ']' in format field specifier";
      return;
    }
    if (acc.name === "") {
      acc.err = "Empty attribute in format string";
      return;
    }
  }
}

/**
 * One item of Python's `Formatter().parse`: literal text, then the field name, format spec and
 * conversion (`null` when there is no field / no conversion).
 *
 * @example
 * ```ts
 * import type { ParsedTuple } from "./str_format.ts";
 * const t: ParsedTuple = ["a", "b", "", null];
 * ```
 */
export type ParsedTuple = [
  literal: string,
  fieldName: string | null,
  spec: string | null,
  conversion: string | null,
];

/**
 * Runs Python's MarkupIterator over `fmt`, calling `onPart` for each (literal, field) pair; returns
 * a ValueError message if the string is malformed (after the parts before the error).
 */
function iterate(
  fmt: string,
  onPart: (lit: string, field: string | null, spec: string, conv: string, nested: boolean) => void,
): string | null {
  const n = fmt.length;
  let pos = 0;
  while (pos < n) {
    const start = pos;
    let c = "";
    let markup = false;
    while (pos < n) {
      c = fmt[pos++];
      if (c === "{" || c === "}") {
        markup = true;
        break;
      }
    }
    const atEnd = pos >= n;
    let len = pos - start;
    if (markup && c === "}" && (atEnd || fmt[pos] !== "}")) {
      return "Single '}' encountered in format string";
    }
    if (markup && atEnd && c === "{") return "Single '{' encountered in format string";
    if (markup && !atEnd) {
      if (fmt[pos] === c) {
        pos++;
        markup = false;
      } else len--;
    }
    const lit = fmt.slice(start, start + len);
    if (!markup) {
      onPart(lit, null, "", "", false);
      continue;
    }
    // parse_field
    const fs = pos;
    let ch = "";
    let stop = false;
    while (pos < n) {
      ch = fmt[pos++];
      if (ch === "{") return "unexpected '{' in field name";
      if (ch === "[") {
        while (pos < n && fmt[pos] !== "]") pos++;
        continue;
      }
      if (ch === "}" || ch === ":" || ch === "!") {
        stop = true;
        break;
      }
    }
    if (!stop) return "expected '}' before end of string";
    const fieldName = fmt.slice(fs, pos - 1);
    let conv = "";
    let spec = "";
    let nested = false;
    if (ch === "!" || ch === ":") {
      if (ch === "!") {
        if (pos >= n) return "end of string while looking for conversion specifier";
        const cp = fmt.codePointAt(pos)!;
        conv = String.fromCodePoint(cp);
        pos += conv.length;
        if (pos < n) {
          const c2 = fmt[pos++];
          if (c2 === "}") {
            onPart(lit, fieldName, "", conv, false);
            continue;
          }
          if (c2 !== ":") return "expected ':' after conversion specifier";
        }
      }
      const ss = pos;
      let count = 1;
      let done = false;
      while (pos < n) {
        const c3 = fmt[pos++];
        if (c3 === "{") {
          nested = true;
          count++;
        } else if (c3 === "}") {
          count--;
          if (count === 0) {
            spec = fmt.slice(ss, pos - 1);
            done = true;
            break;
          }
        }
      }
      if (!done) return "unmatched '{' in format spec";
    }
    onPart(lit, fieldName, spec, conv, nested);
  }
  return null;
}

/**
 * Python's `string.Formatter().parse(fmt)`: `[literal, fieldName, spec, conversion]` tuples, with
 * `null` for an absent field (and its spec and conversion) and for an absent conversion. Throws
 * Python's ValueError for a malformed string; `each`, when given, receives every tuple as it is
 * parsed, before a syntax error later in the string (Python's parse is a lazy iterator).
 *
 * @example
 * ```ts
 * import { parseStrFormat } from "./str_format.ts";
 * parseStrFormat("a{b!r:>5}c"); // [["a", "b", ">5", "r"], ["c", null, null, null]]
 * ```
 */
export function parseStrFormat(fmt: string, each?: (t: ParsedTuple) => void): ParsedTuple[] {
  const out: ParsedTuple[] = [];
  const err = iterate(fmt, (lit, field, spec, conv) => {
    const t: ParsedTuple = field === null
      ? [lit, null, null, null]
      : [lit, field, spec, conv === "" ? null : conv];
    // Python's parse is lazy: `each` sees the tuples before a later syntax error is raised.
    each?.(t);
    out.push(t);
  });
  if (err !== null) throw new ValueError(err);
  return out;
}

function compile(fmt: string, depth: number, autoIndex: { n: number }): Compiled {
  const fields: Field[] = [];
  const names = new Set<string>();
  let pending = "";
  const err = iterate(fmt, (lit, fieldName, spec, conv, nested) => {
    if (fieldName === null) {
      pending += lit;
      return;
    }
    const f: Field = {
      lit: pending + lit,
      first: null,
      index: -1,
      firstErr: null,
      rest: [],
      conv,
      spec,
      nested: null,
      err: null,
      id: -1,
      pad: null,
      simple: false,
      cached: false,
      lastStr: null,
      lastOut: "",
    };
    pending = "";
    compileFieldName(f, fieldName, autoIndex);
    if (f.first !== null) {
      names.add(f.first);
      f.id = fieldId(f.first);
    }
    if (!nested && conv === "" && spec !== "") f.pad = strPadOf(spec);
    if (nested) {
      if (depth - 1 <= 0) {
        f.nested = { fields: [], tail: "", names: new Set() };
        f.nested.fields.push(errorField("Max string recursion exceeded"));
      } else {
        f.nested = compile(spec, depth - 1, autoIndex);
        for (const nm of f.nested.names) names.add(nm);
      }
    }
    f.simple = f.firstErr === null && f.first !== null && f.rest.length === 0 && conv === "" &&
      !nested && (spec === "" || f.pad !== null);
    f.cached = f.simple && f.first !== "message";
    fields.push(f);
  });
  if (err !== null) {
    const f = errorField(err);
    f.lit = pending;
    fields.push(f);
    pending = "";
  }
  // Flat copies of text built piece by piece: Bun/JSC keeps it a rope that every output re-walks.
  for (const f of fields) f.lit = flat(f.lit);
  return { fields, tail: flat(pending), names };
}

function flat(s: string): string {
  return s.length < 2 ? s : s.split("").join("");
}

/** The padding a static spec applies to a string, when that is all it does. */
function strPadOf(spec: string): StrPad | null {
  const s = parseSpec(spec);
  if (
    s.error !== null || s.invalid || s.sign !== "" || s.z || s.alt || s.zero ||
    s.grouping !== "" || s.precision !== -1 || (s.type !== "" && s.type !== "s") ||
    s.align === "="
  ) return null;
  return { fill: s.fill, align: s.align === "" ? "<" : s.align, width: s.width };
}

/** A string padded as `format(v, spec)` pads it, for a spec {@linkcode strPadOf} accepted. */
function padStr(v: string, p: StrPad): string {
  if (v.length >= 2 * p.width) return v; // at least `width` code points
  const len = cpLen(v);
  if (len >= p.width) return v;
  const pad = p.width - len;
  const lp = p.align === ">" ? pad : p.align === "^" ? pad >> 1 : 0;
  return p.fill.repeat(lp) + v + p.fill.repeat(pad - lp);
}

function errorField(err: string): Field {
  return {
    lit: "",
    first: null,
    index: -1,
    firstErr: null,
    rest: [],
    conv: "",
    spec: "",
    nested: null,
    err,
    id: -1,
    pad: null,
    simple: false,
    cached: false,
    lastStr: null,
    lastOut: "",
  };
}

function getAttr(obj: unknown, name: string): unknown {
  if (obj !== null && obj !== undefined) {
    const o = Object(obj);
    if (name in o) return o[name];
  }
  throw new AttributeError(`'${pyTypeName(obj)}' object has no attribute '${name}'`);
}

function cpAt(s: string, i: number): string | undefined {
  let k = 0;
  for (const ch of s) if (k++ === i) return ch;
  return undefined;
}

function getItem(obj: unknown, name: string, idx: number): unknown {
  if (obj instanceof Map) {
    const key = idx >= 0 ? idx : name;
    if (obj.has(key)) return obj.get(key);
    throw new KeyError(key);
  }
  if (Array.isArray(obj)) {
    if (idx < 0) throw new TypeError("list indices must be integers or slices, not str");
    if (idx < obj.length) return obj[idx];
    throw new IndexError("list index out of range");
  }
  if (typeof obj === "string") {
    if (idx < 0) throw new TypeError("string indices must be integers, not 'str'");
    const ch = cpAt(obj, idx);
    if (ch === undefined) throw new IndexError("string index out of range");
    return ch;
  }
  if (typeof obj === "object" && obj !== null) {
    const key = idx >= 0 ? String(idx) : name;
    // Own keys (and getters a class defines), never Object.prototype's: `{d[constructor]}` of an
    // empty mapping is Python's KeyError.
    if (hasField(obj, key)) return (obj as Record<string, unknown>)[key];
    throw new KeyError(idx >= 0 ? idx : name);
  }
  throw new TypeError(`'${pyTypeName(obj)}' object is not subscriptable`);
}

/** Field `name` of `fields`, else of `defaults`; Python's KeyError when neither has it. */
function readKeyword(
  fields: object,
  id: number,
  name: string,
  defaults: Readonly<Record<string, unknown>> | null | undefined,
): unknown {
  const v = readField(fields, id, name);
  if (v !== undefined || hasField(fields, name)) return v;
  if (
    defaults !== null && defaults !== undefined &&
    Object.prototype.hasOwnProperty.call(defaults, name)
  ) {
    return defaults[name];
  }
  throw new KeyError(name);
}

/** Reading a character flattens a rope (JavaScriptCore); the result is kept here, unused. */
let flatSink = 0;

function run(
  c: Compiled,
  fields: object,
  defaults: Readonly<Record<string, unknown>> | null | undefined,
): string {
  let out = "";
  const list = c.fields;
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    if (f.simple) {
      const v = readKeyword(fields, f.id, f.first as string, defaults);
      if (typeof v !== "string") {
        out += f.lit;
        out += f.spec === "" ? pyStr(v) : formatValue(v, f.spec);
      } else if (v === f.lastStr) out += f.lastOut;
      else {
        const text = f.pad === null ? v : padStr(v, f.pad);
        if (f.cached) {
          const piece = f.lit + text;
          flatSink ^= piece.charCodeAt(0); // flattens the piece once, while it is remembered
          f.lastStr = v;
          f.lastOut = piece;
          out += piece;
        } else out = add3(out, f.lit, text); // one rope instead of two on Bun
      }
      continue;
    }
    out += f.lit;
    if (f.err !== null) throw new ValueError(f.err);
    if (f.firstErr !== null) throw new ValueError(f.firstErr);
    const first = f.first;
    if (first === null) {
      throw new IndexError(`Replacement index ${f.index} out of range for positional args tuple`);
    }
    let v = readKeyword(fields, f.id, first, defaults);
    const rest = f.rest;
    for (let j = 0; j < rest.length; j++) {
      const a = rest[j];
      if (a.err !== null) throw new ValueError(a.err);
      v = a.attr ? getAttr(v, a.name) : getItem(v, a.name, a.idx);
    }
    if (f.conv !== "") {
      switch (f.conv) {
        case "r":
          v = pyRepr(v);
          break;
        case "s":
          v = pyStr(v);
          break;
        case "a":
          v = pyAscii(v);
          break;
        default: {
          const cp = f.conv.codePointAt(0)!;
          throw new ValueError(
            cp > 32 && cp < 127
              ? "Unknown conversion specifier " + f.conv
              : "Unknown conversion specifier \\x" + cp.toString(16),
          );
        }
      }
    }
    const spec = f.nested !== null ? run(f.nested, fields, defaults) : f.spec;
    if (spec === "") out += typeof v === "string" ? v : pyStr(v);
    else if (f.pad !== null && typeof v === "string") out += padStr(v, f.pad);
    else out += formatValue(v, spec);
  }
  return out + c.tail;
}

const CACHE = new Map<string, Compiled>();
const CACHE_MAX = 256;

function getCompiled(fmt: string): Compiled {
  let c = CACHE.get(fmt);
  if (c === undefined) {
    c = compile(fmt, 2, { n: 0 });
    if (CACHE.size >= CACHE_MAX) CACHE.delete(CACHE.keys().next().value as string);
    CACHE.set(fmt, c);
  }
  return c;
}

/**
 * Compiles `fmt` once for Python's `fmt.format(**fields)`. The returned function reads field
 * `name` as `fields[name]` (present when `name in fields`, so prototype getters count), falling back
 * to `defaults`; a missing field throws {@link KeyError}, a positional field (`{}`, `{0}`) Python's
 * {@link IndexError}.
 *
 * @example
 * ```ts
 * import { compileStrFormat } from "./str_format.ts";
 * const f = compileStrFormat("{levelname:<8}|{msecs:03.0f}|{name!r}");
 * f({ levelname: "INFO", msecs: 7.4, name: "app" }); // "INFO    |007|'app'"
 * ```
 */
export function compileStrFormat(fmt: string): StrFormatFunction {
  const c = getCompiled(fmt);
  return (fields, defaults) => run(c, fields, defaults);
}

/**
 * The keyword field names `fmt` reads (first component of each field, nested spec fields
 * included), e.g. `{a.b}` reads `a`. Throws nothing: a malformed string lists the names seen
 * before the error.
 *
 * @example
 * ```ts
 * import { strFormatFieldNames } from "./str_format.ts";
 * strFormatFieldNames("{asctime} {x:{w}}"); // Set {"asctime", "x", "w"}
 * ```
 */
export function strFormatFieldNames(fmt: string): Set<string> {
  return new Set(getCompiled(fmt).names);
}

// ---------------------------------------------------------------------------------------------
// The format-spec mini-language (Objects/stringlib/unicode_format.h, Python/formatter_unicode.c)
// ---------------------------------------------------------------------------------------------

interface Spec {
  fill: string;
  fillSpecified: boolean;
  align: string;
  alignSpecified: boolean;
  sign: string;
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
  /** More than one character left for the type: "Invalid format specifier". */
  invalid: boolean;
  error: string | null;
}

const SPEC_CACHE = new Map<string, Spec>();

function isAlign(c: string | undefined): boolean {
  return c === "<" || c === ">" || c === "=" || c === "^";
}

function parseSpec(spec: string): Spec {
  let s = SPEC_CACHE.get(spec);
  if (s !== undefined) return s;
  s = {
    fill: " ",
    fillSpecified: false,
    align: "",
    alignSpecified: false,
    sign: "",
    z: false,
    alt: false,
    zero: false,
    width: -1,
    grouping: "",
    precision: -1,
    type: "",
    invalid: false,
    error: null,
  };
  const ch = Array.from(spec);
  const end = ch.length;
  let pos = 0;
  if (end >= 2 && isAlign(ch[1])) {
    s.align = ch[1];
    s.fill = ch[0];
    s.fillSpecified = s.alignSpecified = true;
    pos = 2;
  } else if (end >= 1 && isAlign(ch[0])) {
    s.align = ch[0];
    s.alignSpecified = true;
    pos = 1;
  }
  if (pos < end && (ch[pos] === "+" || ch[pos] === "-" || ch[pos] === " ")) s.sign = ch[pos++];
  if (pos < end && ch[pos] === "z") {
    s.z = true;
    pos++;
  }
  if (pos < end && ch[pos] === "#") {
    s.alt = true;
    pos++;
  }
  if (!s.fillSpecified && pos < end && ch[pos] === "0") {
    s.zero = true;
    pos++;
  }
  const readInt = (): number => {
    const st = pos;
    while (pos < end && ch[pos] >= "0" && ch[pos] <= "9" && ch[pos].length === 1) pos++;
    if (pos === st) return -1;
    const digits = ch.slice(st, pos).join("");
    if (digits.length > 18 && BigInt(digits) > MAX_SSIZE) return -2;
    return Number(digits);
  };
  const w = readInt();
  if (w === -2) s.error = "Too many decimal digits in format string";
  else if (w > MAX_FORMAT_FIELD) s.error = fieldTooBig("width", w).message;
  else s.width = w;
  if (s.error === null) {
    if (pos < end && ch[pos] === ",") {
      s.grouping = ",";
      pos++;
    }
    if (pos < end && ch[pos] === "_") {
      if (s.grouping !== "") s.error = "Cannot specify both ',' and '_'.";
      else {
        s.grouping = "_";
        pos++;
      }
    }
    if (s.error === null && pos < end && ch[pos] === "," && s.grouping === "_") {
      s.error = "Cannot specify both ',' and '_'.";
    }
  }
  if (s.error === null && pos < end && ch[pos] === ".") {
    pos++;
    const p = readInt();
    if (p === -2) s.error = "Too many decimal digits in format string";
    else if (p === -1) s.error = "Format specifier missing precision";
    else s.precision = p;
  }
  if (s.error === null) {
    if (end - pos > 1) s.invalid = true;
    else if (end - pos === 1) s.type = ch[pos];
  }
  if (SPEC_CACHE.size >= 512) SPEC_CACHE.clear();
  SPEC_CACHE.set(spec, s);
  return s;
}

function unknownCode(type: string, typeName: string): ValueError {
  const cp = type.codePointAt(0)!;
  return new ValueError(
    cp > 32 && cp < 128
      ? `Unknown format code '${type}' for object of type '${typeName}'`
      : `Unknown format code '\\x${cp.toString(16)}' for object of type '${typeName}'`,
  );
}

/** Validates the spec against the resolved type (parse_internal_render_format_spec's tail). */
function resolve(
  spec: string,
  s: Spec,
  defaultType: string,
  defaultAlign: string,
  typeName: string,
): [type: string, fill: string, align: string, group: number, sep: string] {
  if (s.error !== null) throw new ValueError(s.error);
  if (s.invalid) {
    throw new ValueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  const type = s.type === "" ? defaultType : s.type;
  let fill = s.fill;
  let align = s.alignSpecified ? s.align : defaultAlign;
  if (s.zero) {
    fill = "0";
    if (!s.alignSpecified && defaultAlign === ">") align = "=";
  }
  let group = 0;
  let sep = "";
  if (s.grouping !== "") {
    switch (type) {
      case "d":
      case "e":
      case "f":
      case "g":
      case "E":
      case "G":
      case "%":
      case "F":
      case "":
        group = 3;
        sep = s.grouping;
        break;
      case "b":
      case "o":
      case "x":
      case "X":
        if (s.grouping === "_") {
          group = 4;
          sep = "_";
          break;
        }
      /* falls through */
      default: {
        const cp = type.codePointAt(0) ?? 0;
        throw new ValueError(
          cp > 32 && cp < 128
            ? `Cannot specify '${s.grouping}' with '${type}'.`
            : `Cannot specify '${s.grouping}' with '\\x${cp.toString(16)}'.`,
        );
      }
    }
  }
  return [type, fill, align, group, sep];
}

/** calc_number_widths + fill_number: sign, prefix, padding, grouped digits, the rest. */
function layoutNumber(
  negative: boolean,
  prefix: string,
  digits: string,
  tail: string,
  s: Spec,
  fill: string,
  align: string,
  group: number,
  sep: string,
): string {
  let sign = "";
  if (s.sign === "+") sign = negative ? "-" : "+";
  else if (s.sign === " ") sign = negative ? "-" : " ";
  else if (negative) sign = "-";
  const nonDigit = sign.length + prefix.length + cpLen(tail);
  const minWidth = fill === "0" && align === "=" ? s.width - nonDigit : 0;
  const grouped = digits.length === 0 ? "" : groupDigits(digits, minWidth, group, sep);
  const pad = s.width - (nonDigit + grouped.length);
  let lp = 0;
  let sp = 0;
  let rp = 0;
  if (pad > 0) {
    if (align === "<") rp = pad;
    else if (align === "^") {
      lp = pad >> 1;
      rp = pad - lp;
    } else if (align === "=") sp = pad;
    else lp = pad;
  }
  return (lp ? fill.repeat(lp) : "") + sign + prefix + (sp ? fill.repeat(sp) : "") + grouped +
    tail + (rp ? fill.repeat(rp) : "");
}

function formatStrSpec(v: string, spec: string): string {
  const s = parseSpec(spec);
  const [type, fill, align] = resolve(spec, s, "s", "<", "str");
  if (type !== "s") throw unknownCode(type, "str");
  if (s.sign !== "") {
    throw new ValueError(
      s.sign === " "
        ? "Space not allowed in string format specifier"
        : "Sign not allowed in string format specifier",
    );
  }
  if (s.z) {
    throw new ValueError("Negative zero coercion (z) not allowed in string format specifier");
  }
  if (s.alt) throw new ValueError("Alternate form (#) not allowed in string format specifier");
  if (align === "=") throw new ValueError("'=' alignment not allowed in string format specifier");
  let str = v;
  let len = cpLen(v);
  if (s.precision >= 0 && len >= s.precision) {
    str = Array.from(v).slice(0, s.precision).join("");
    len = s.precision;
  }
  const total = s.width > len ? s.width : len;
  const pad = total - len;
  if (pad === 0) return str;
  const lp = align === ">" ? pad : align === "^" ? pad >> 1 : 0;
  return fill.repeat(lp) + str + fill.repeat(pad - lp);
}

function formatIntSpec(v: number | bigint, spec: string, typeName: string): string {
  const s = parseSpec(spec);
  const [type, fill, align, group, sep] = resolve(spec, s, "d", ">", typeName);
  switch (type) {
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
    case "%": {
      const f = Number(v);
      if (f === Infinity || f === -Infinity) {
        throw new OverflowError("int too large to convert to float");
      }
      return formatFloatValue(f, spec, s, type, fill, align, group, sep);
    }
    case "b":
    case "c":
    case "d":
    case "o":
    case "x":
    case "X":
    case "n":
      break;
    default:
      throw unknownCode(type, typeName);
  }
  if (s.precision !== -1) {
    throw new ValueError("Precision not allowed in integer format specifier");
  }
  if (s.z) {
    throw new ValueError("Negative zero coercion (z) not allowed in integer format specifier");
  }
  if (type === "c") {
    if (s.sign !== "") {
      throw new ValueError("Sign not allowed with integer format specifier 'c'");
    }
    if (s.alt) {
      throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
    }
    const big = BigInt(v);
    if (big > 9223372036854775807n || big < -9223372036854775808n) {
      throw new OverflowError("Python int too large to convert to C long");
    }
    const x = Number(v);
    if (x < 0 || x > 0x10ffff) throw new OverflowError("%c arg not in range(0x110000)");
    return layoutNumber(false, "", "", String.fromCodePoint(x), s, fill, align, 0, "");
  }
  const base = type === "b" ? 2 : type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
  let digits = intDigits(v, base);
  let prefix = s.alt && base !== 10 ? (base === 2 ? "0b" : base === 8 ? "0o" : "0x") : "";
  if (type === "X") {
    digits = digits.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  return layoutNumber(
    intIsNegative(v),
    prefix,
    digits,
    "",
    s,
    fill,
    align,
    type === "n" ? 0 : group,
    sep,
  );
}

function formatFloatValue(
  x: number,
  _spec: string,
  s: Spec,
  type0: string,
  fill: string,
  align: string,
  group: number,
  sep: string,
): string {
  let type = type0;
  let addDot0 = false;
  let defaultPrecision = 6;
  let val = x;
  let pct = false;
  if (type === "") {
    addDot0 = true;
    type = "r";
    defaultPrecision = 0;
  }
  if (type === "n") type = "g";
  if (type === "%") {
    type = "f";
    val = x * 100;
    pct = true;
  }
  let precision = s.precision;
  if (precision < 0) precision = defaultPrecision;
  else if (type === "r") type = "g";
  if (precision > 2147483647) throw new ValueError("precision too big");
  if (precision > MAX_FORMAT_FIELD) throw fieldTooBig("precision", precision);
  let buf = formatFloat(val, type, precision, s.alt, addDot0, s.z);
  if (pct) buf += "%";
  const negative = buf.charCodeAt(0) === 45;
  if (negative) buf = buf.slice(1);
  let i = 0;
  while (i < buf.length && buf.charCodeAt(i) >= 48 && buf.charCodeAt(i) <= 57) i++;
  return layoutNumber(
    negative,
    "",
    buf.slice(0, i),
    buf.slice(i),
    s,
    fill,
    align,
    type0 === "n" ? 0 : group,
    sep,
  );
}

function formatFloatSpec(x: number, spec: string): string {
  const s = parseSpec(spec);
  const [type, fill, align, group, sep] = resolve(spec, s, "", ">", "float");
  switch (type) {
    case "":
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
    case "n":
    case "%":
      return formatFloatValue(x, spec, s, type, fill, align, group, sep);
  }
  throw unknownCode(type, "float");
}

/**
 * Python's `format(value, spec)` for a JavaScript value (`str.format`'s rendering of one field):
 * strings as `str`, integer-valued numbers and bigints as `int`, other numbers as `float`, booleans
 * as `bool`; other values accept only an empty spec (`TypeError: unsupported format string passed
 * to dict.__format__`).
 *
 * @example
 * ```ts
 * import { formatValue } from "./str_format.ts";
 * formatValue(1234567, ","); // "1,234,567"
 * formatValue(0.5, ".1%"); // "50.0%"
 * formatValue("ab", "*^6"); // "**ab**"
 * ```
 */
export function formatValue(value: unknown, spec: string): string {
  if (spec === "") return pyStr(value);
  switch (typeof value) {
    case "string":
      return formatStrSpec(value, spec);
    case "number":
      return Number.isInteger(value) && !Object.is(value, -0)
        ? formatIntSpec(value, spec, "int")
        : formatFloatSpec(value, spec);
    case "bigint":
      return formatIntSpec(value, spec, "int");
    case "boolean":
      return formatIntSpec(value ? 1 : 0, spec, "bool");
  }
  throw new TypeError(`unsupported format string passed to ${pyTypeName(value)}.__format__`);
}
