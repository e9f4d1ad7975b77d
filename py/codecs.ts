/**
 * Python text encodings with Python's error handlers, as the file handlers need them: the codec a
 * `FileHandler(filename, encoding=..., errors=...)` writes with. Names and aliases are resolved as
 * `codecs.lookup` does, errors are Python's `UnicodeEncodeError` / `LookupError` with Python's
 * messages, and `utf-16` / `utf-32` / `utf-8-sig` write their byte order mark once per stream, as
 * an `io.TextIOWrapper` does.
 *
 * Supported codecs: `utf-8`, `utf-8-sig`, `latin-1` (`iso8859-1`), `ascii`, `utf-16`, `utf-16-le`,
 * `utf-16-be`, `utf-32`, `utf-32-le`, `utf-32-be`, `cp1252`, with all of Python's aliases for
 * them. Other Python codecs raise `LookupError: unknown encoding: <name>`.
 *
 * @module
 */

import { LookupError, UnicodeEncodeError } from "./errors.ts";
import { escapeCodePoint, pyRepr } from "./repr.ts";

/**
 * A Python encoding name. The listed names are the canonical ones; any of Python's spellings and
 * aliases is accepted as well (`UTF8`, `utf_8`, `U8`, `latin1`, `l1`, `646`, `us-ascii`,
 * `windows-1252`...), matched as `codecs.lookup` matches them.
 *
 * @example
 * ```ts
 * import { createEncoder, type Encoding } from "@pylog/logging/handlers";
 * const enc: Encoding = "utf-16";
 * createEncoder(enc, null).encode("a"); // Uint8Array [0xff, 0xfe, 0x61, 0x00]
 * ```
 */
export type Encoding =
  | "utf-8"
  | "utf-8-sig"
  | "iso8859-1"
  | "latin-1"
  | "ascii"
  | "utf-16"
  | "utf-16-le"
  | "utf-16-be"
  | "utf-32"
  | "utf-32-le"
  | "utf-32-be"
  | "cp1252"
  | (string & Record<never, never>);

/**
 * A Python codec error handler name. Matched exactly (case-sensitive), as in Python; `null` or
 * `undefined` mean `strict`. An unknown name fails only when a character actually cannot be
 * encoded (`LookupError: unknown error handler name 'x'`), as in Python.
 *
 * @example
 * ```ts
 * import { createEncoder, type ErrorHandler } from "@pylog/logging/handlers";
 * const errors: ErrorHandler = "backslashreplace";
 * createEncoder("ascii", errors).encode("é"); // the bytes of "\\xe9"
 * ```
 */
export type ErrorHandler =
  | "strict"
  | "ignore"
  | "replace"
  | "backslashreplace"
  | "xmlcharrefreplace"
  | "namereplace"
  | "surrogateescape"
  | "surrogatepass"
  | (string & Record<never, never>);

/**
 * An encoder for one output stream: Python's incremental encoder as `io.TextIOWrapper` drives it.
 *
 * @example
 * ```ts
 * import { createEncoder, type PyEncoder } from "@pylog/logging/handlers";
 * const enc: PyEncoder = createEncoder("utf-16", "strict");
 * enc.encode("a"); // ff fe 61 00 (the BOM starts the stream)
 * enc.encode("b"); // 62 00
 * enc.reset(0); // a new file: the next encode() writes the BOM again
 * ```
 */
export interface PyEncoder {
  /** The codec's canonical name, as Python's `codecs.lookup(encoding).name` (`iso8859-1`...). */
  readonly name: string;
  /**
   * Encodes `text`, Python's `TextIOWrapper.write(text)` encoding step. Positions in error
   * messages count code points of `text`.
   */
  encode(text: string): Uint8Array;
  /**
   * As `TextEncoder.encodeInto`: encodes as much of `text` as fits into `dest` (never splitting a
   * character or an error-handler replacement); `read` counts UTF-16 code units of `text`,
   * `written` bytes. Only present on stateless codecs whose bytes can be produced in place
   * (`utf-8`).
   */
  encodeInto?(text: string, dest: Uint8Array): { read: number; written: number };
  /**
   * Call when the stream is (re)opened. `position` is the byte offset the stream starts writing
   * at (the file size in append mode); as Python's `TextIOWrapper`, a byte order mark is written
   * by the next `encode` only when it is 0 (the default).
   */
  reset(position?: number): void;
}

/** Python's BOM-writing codecs' first-write behaviour, and per-codec core operations. */
type Kind = "ucs1" | "charmap" | "utf8" | "wide";

interface Core {
  /** Codec name in error messages (`latin-1`, `charmap`, `utf-16-le`...). */
  readonly msgName: string;
  readonly reason: string;
  readonly kind: Kind;
  /** Whether `cp` is encodable (`cp` is never part of a surrogate pair). */
  encodable(cp: number): boolean;
  /** Appends the bytes of an encodable `cp`, or of a surrogate under `surrogatepass` (utf kinds). */
  put(cp: number, out: number[]): void;
}

const SURROGATES_NOT_ALLOWED = "surrogates not allowed";

function ucs1Core(limit: 128 | 256): Core {
  return {
    msgName: limit === 256 ? "latin-1" : "ascii",
    reason: `ordinal not in range(${limit})`,
    kind: "ucs1",
    encodable: (cp) => cp < limit,
    put: (cp, out) => void out.push(cp),
  };
}

/** cp1252 bytes 0x80..0x9f as code points; 0 = undefined byte. */
const CP1252_HIGH = [
  0x20ac,
  0,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  0,
  0x017d,
  0,
  0,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  0,
  0x017e,
  0x0178,
];
let cp1252Map: Map<number, number> | undefined;
function cp1252Byte(cp: number): number {
  if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
  cp1252Map ??= new Map(
    CP1252_HIGH.flatMap((c, i) => (c === 0 ? [] : [[c, 0x80 + i] as [number, number]])),
  );
  return cp1252Map.get(cp) ?? -1;
}
const CP1252: Core = {
  msgName: "charmap",
  reason: "character maps to <undefined>",
  kind: "charmap",
  encodable: (cp) => cp1252Byte(cp) >= 0,
  put: (cp, out) => void out.push(cp1252Byte(cp)),
};

function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

const UTF8: Core = {
  msgName: "utf-8",
  reason: SURROGATES_NOT_ALLOWED,
  kind: "utf8",
  encodable: (cp) => !isSurrogate(cp),
  put(cp, out) {
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
    }
  },
};

function wideCore(msgName: string, width: 2 | 4, bigEndian: boolean): Core {
  const unit = (u: number, out: number[]) => {
    if (width === 2) {
      if (bigEndian) out.push(u >> 8, u & 0xff);
      else out.push(u & 0xff, u >> 8);
    } else if (bigEndian) out.push(u >>> 24, (u >> 16) & 0xff, (u >> 8) & 0xff, u & 0xff);
    else out.push(u & 0xff, (u >> 8) & 0xff, (u >> 16) & 0xff, u >>> 24);
  };
  return {
    msgName,
    reason: SURROGATES_NOT_ALLOWED,
    kind: "wide",
    encodable: (cp) => !isSurrogate(cp),
    put(cp, out) {
      if (width === 2 && cp >= 0x10000) {
        const v = cp - 0x10000;
        unit(0xd800 | (v >> 10), out);
        unit(0xdc00 | (v & 0x3ff), out);
      } else unit(cp, out);
    },
  };
}

function encodeError(core: Core, cps: number[], start: number, end: number): UnicodeEncodeError {
  return new UnicodeEncodeError(
    end === start + 1
      ? `'${core.msgName}' codec can't encode character '${
        escapeCodePoint(cps[start])
      }' in position ${start}: ${core.reason}`
      : `'${core.msgName}' codec can't encode characters in position ${start}-${
        end - 1
      }: ${core.reason}`,
  );
}

function putAscii(core: Core, s: string, out: number[]): void {
  for (let i = 0; i < s.length; i++) core.put(s.charCodeAt(i), out);
}

/**
 * Applies error handler `errors` to the unencodable code points `cps[start:end]`, appending the
 * replacement bytes to `out`. Mirrors CPython's C fast paths for each codec family.
 */
function handleError(
  core: Core,
  errors: string,
  cps: number[],
  start: number,
  end: number,
  out: number[],
): void {
  switch (errors) {
    case "strict":
      throw encodeError(core, cps, start, end);
    case "ignore":
      return;
    case "replace":
      for (let i = start; i < end; i++) core.put(0x3f, out);
      return;
    case "backslashreplace":
    case "namereplace": // only reached for surrogates (utf codecs): they have no names
      for (let i = start; i < end; i++) putAscii(core, escapeCodePoint(cps[i]), out);
      return;
    case "xmlcharrefreplace":
      for (let i = start; i < end; i++) putAscii(core, `&#${cps[i]};`, out);
      return;
    case "surrogateescape": {
      if (core.kind === "wide") throw encodeError(core, cps, start, end);
      const ok = (cp: number) => cp >= 0xdc80 && cp <= 0xdcff;
      if (core.kind === "charmap") {
        for (let i = start; i < end; i++) if (!ok(cps[i])) throw encodeError(core, cps, start, end);
      }
      for (let i = start; i < end; i++) {
        if (!ok(cps[i])) throw encodeError(core, cps, i, end);
        out.push(cps[i] - 0xdc00);
      }
      return;
    }
    case "surrogatepass":
      if (core.kind === "ucs1" || core.kind === "charmap") {
        throw encodeError(core, cps, start, end);
      }
      for (let i = start; i < end; i++) core.put(cps[i], out);
      return;
    default:
      throw new LookupError(`unknown error handler name '${errors}'`);
  }
}

/** The general (slow) path: code point by code point, runs of unencodable characters. */
function encodeSlow(core: Core, errors: string, text: string): Uint8Array {
  const cps: number[] = [];
  for (const ch of text) cps.push(ch.codePointAt(0)!);
  const out: number[] = [];
  const n = cps.length;
  let i = 0;
  while (i < n) {
    const cp = cps[i];
    if (core.encodable(cp)) {
      core.put(cp, out);
      i++;
      continue;
    }
    let end = i + 1;
    // CPython's utf-16/utf-32 encoders report and handle one character at a time.
    if (core.kind !== "wide") { while (end < n && !core.encodable(cps[end])) end++; }
    handleError(core, errors, cps, i, end, out);
    i = end;
  }
  return Uint8Array.from(out);
}

const hasIsWellFormed = typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed ===
  "function";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` has no lone surrogate (then TextEncoder's output is exact). */
function wellFormed(text: string): boolean {
  return hasIsWellFormed
    ? (text as string & { isWellFormed(): boolean }).isWellFormed()
    : !LONE_SURROGATE.test(text);
}

let textEncoder: TextEncoder | undefined;

function utf8Encode(errors: string, text: string): Uint8Array {
  if (wellFormed(text)) return (textEncoder ??= new TextEncoder()).encode(text);
  return encodeSlow(UTF8, errors, text);
}

function utf8EncodeInto(
  errors: string,
  text: string,
  dest: Uint8Array,
): { read: number; written: number } {
  const te = (textEncoder ??= new TextEncoder());
  if (wellFormed(text)) return te.encodeInto(text, dest);
  // Lone surrogates: encode segment by segment so that a full dest stops at a clean boundary.
  let read = 0;
  let written = 0;
  let cpIndex = 0; // code point index of text[read], for error positions
  while (read < text.length) {
    // next lone surrogate run at or after `read`
    let j = read;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(j + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          j++;
          continue;
        }
        break;
      }
      if (c >= 0xdc00 && c <= 0xdfff) break;
    }
    if (j > read) {
      const seg = text.slice(read, j);
      const r = te.encodeInto(seg, dest.subarray(written));
      written += r.written;
      if (r.read < seg.length) return { read: read + r.read, written };
      for (const _ of seg) cpIndex++;
      read = j;
      if (read >= text.length) break;
    }
    // the run of lone surrogates starting at `read`
    let k = read;
    const run: number[] = [];
    while (k < text.length) {
      const c = text.charCodeAt(k);
      const d = text.charCodeAt(k + 1);
      if (c >= 0xdc00 && c <= 0xdfff) run.push(c);
      else if (c >= 0xd800 && c <= 0xdbff && !(d >= 0xdc00 && d <= 0xdfff)) run.push(c);
      else break;
      k++;
    }
    // Errors are decided for the whole run first (as Python does), then output char by char.
    const start = cpIndex;
    const cps: number[] = new Array(start); // only cps[start:end] is read (for error messages)
    cps.push(...run);
    const end = cpIndex + run.length;
    const whole: number[] = [];
    handleError(UTF8, errors, cps, start, end, whole); // throws if it must
    for (let m = 0; m < run.length; m++) {
      const part: number[] = [];
      handleError(UTF8, errors, cps, start + m, start + m + 1, part);
      if (part.length > dest.length - written) return { read, written };
      dest.set(part, written);
      written += part.length;
      read++;
      cpIndex++;
    }
  }
  return { read, written };
}

function singleByteFast(core: Core, errors: string, text: string): Uint8Array {
  const n = text.length;
  const out = new Uint8Array(n);
  if (core === CP1252) {
    for (let i = 0; i < n; i++) {
      const b = cp1252Byte(text.charCodeAt(i));
      if (b < 0) return encodeSlow(core, errors, text);
      out[i] = b;
    }
    return out;
  }
  const limit = core === LATIN1 ? 256 : 128;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= limit) return encodeSlow(core, errors, text);
    out[i] = c;
  }
  return out;
}

function wideFast(core: Core, width: 2 | 4, bigEndian: boolean, errors: string, text: string) {
  if (!wellFormed(text)) return encodeSlow(core, errors, text);
  if (width === 2) {
    const out = new Uint8Array(text.length * 2);
    const hi = bigEndian ? 0 : 1;
    for (let i = 0, o = 0; i < text.length; i++, o += 2) {
      const c = text.charCodeAt(i);
      out[o + hi] = c >> 8;
      out[o + 1 - hi] = c & 0xff;
    }
    return out;
  }
  const out: number[] = [];
  for (const ch of text) core.put(ch.codePointAt(0)!, out);
  return Uint8Array.from(out);
}

interface CodecDef {
  readonly name: string;
  readonly bom?: Uint8Array;
  /** Encoder for the start of the stream, and (for BOM codecs) for the rest of it. */
  readonly make: (errors: string) => (text: string) => Uint8Array;
  /** The BOM-writing first encode, when its error messages name another codec (`utf-16`). */
  readonly makeFirst?: (errors: string) => (text: string) => Uint8Array;
  readonly singleByte?: boolean;
}

function wideDef(
  name: string,
  width: 2 | 4,
  bigEndian: boolean,
): (errors: string) => (text: string) => Uint8Array {
  const core = wideCore(name, width, bigEndian);
  return (errors) => (text) => wideFast(core, width, bigEndian, errors, text);
}

const ASCII = ucs1Core(128);
const LATIN1 = ucs1Core(256);

/** Codec module name (as in Python's `encodings` package) → definition. */
const CODECS: Record<string, CodecDef> = {
  utf_8: { name: "utf-8", make: (e) => (t) => utf8Encode(e, t) },
  utf_8_sig: {
    name: "utf-8-sig",
    bom: new Uint8Array([0xef, 0xbb, 0xbf]),
    make: (e) => (t) => utf8Encode(e, t),
  },
  ascii: { name: "ascii", make: (e) => (t) => singleByteFast(ASCII, e, t), singleByte: true },
  latin_1: {
    name: "iso8859-1",
    make: (e) => (t) => singleByteFast(LATIN1, e, t),
    singleByte: true,
  },
  cp1252: { name: "cp1252", make: (e) => (t) => singleByteFast(CP1252, e, t), singleByte: true },
  // After the first write, CPython's TextIOWrapper encodes utf-16/utf-32 with the -le codec.
  utf_16: {
    name: "utf-16",
    bom: new Uint8Array([0xff, 0xfe]),
    make: wideDef("utf-16-le", 2, false),
    makeFirst: wideDef("utf-16", 2, false),
  },
  utf_16_le: { name: "utf-16-le", make: wideDef("utf-16-le", 2, false) },
  utf_16_be: { name: "utf-16-be", make: wideDef("utf-16-be", 2, true) },
  utf_32: {
    name: "utf-32",
    bom: new Uint8Array([0xff, 0xfe, 0, 0]),
    make: wideDef("utf-32-le", 4, false),
    makeFirst: wideDef("utf-32", 4, false),
  },
  utf_32_le: { name: "utf-32-le", make: wideDef("utf-32-le", 4, false) },
  utf_32_be: { name: "utf-32-be", make: wideDef("utf-32-be", 4, true) },
};

/** Python's `encodings.aliases` entries for the supported codecs. */
const ALIASES: Record<string, string> = {
  "646": "ascii",
  "ansi_x3.4_1968": "ascii",
  "ansi_x3.4_1986": "ascii",
  "ansi_x3_4_1968": "ascii",
  cp367: "ascii",
  csascii: "ascii",
  ibm367: "ascii",
  iso646_us: "ascii",
  "iso_646.irv_1991": "ascii",
  iso_ir_6: "ascii",
  us: "ascii",
  us_ascii: "ascii",
  "8859": "latin_1",
  cp819: "latin_1",
  csisolatin1: "latin_1",
  ibm819: "latin_1",
  iso8859: "latin_1",
  iso8859_1: "latin_1",
  iso_8859_1: "latin_1",
  iso_8859_1_1987: "latin_1",
  iso_ir_100: "latin_1",
  l1: "latin_1",
  latin: "latin_1",
  latin1: "latin_1",
  cp65001: "utf_8",
  u8: "utf_8",
  utf: "utf_8",
  utf8: "utf_8",
  utf8_ucs2: "utf_8",
  utf8_ucs4: "utf_8",
  u16: "utf_16",
  utf16: "utf_16",
  unicodelittleunmarked: "utf_16_le",
  utf_16le: "utf_16_le",
  unicodebigunmarked: "utf_16_be",
  utf_16be: "utf_16_be",
  u32: "utf_32",
  utf32: "utf_32",
  utf_32le: "utf_32_le",
  utf_32be: "utf_32_be",
  "1252": "cp1252",
  windows_1252: "cp1252",
  // Python's binary-to-binary codecs: found, but "not a text encoding".
  base64: "base64_codec",
  base_64: "base64_codec",
  bz2: "bz2_codec",
  hex: "hex_codec",
  quopri: "quopri_codec",
  quoted_printable: "quopri_codec",
  quotedprintable: "quopri_codec",
  rot13: "rot_13",
  uu: "uu_codec",
  zip: "zlib_codec",
  zlib: "zlib_codec",
};
const NON_TEXT = new Set([
  "base64_codec",
  "bz2_codec",
  "hex_codec",
  "quopri_codec",
  "rot_13",
  "uu_codec",
  "zlib_codec",
]);

/** Python's `encodings.normalize_encoding` applied to the lower-cased name. */
function normalizeName(encoding: string): string {
  let out = "";
  let punct = false;
  for (const c of encoding.toLowerCase()) {
    if (/^[\p{L}\p{N}.]$/u.test(c)) {
      if (punct && out) out += "_";
      if (c.charCodeAt(0) < 128) out += c;
      punct = false;
    } else punct = true;
  }
  return out;
}

function lookupModule(encoding: string): string {
  const norm = normalizeName(encoding);
  const aliased = ALIASES[norm] ?? ALIASES[norm.replaceAll(".", "_")];
  for (const mod of aliased === undefined ? [norm] : [aliased, norm]) {
    if (!mod || mod.includes(".")) continue;
    if (NON_TEXT.has(mod)) {
      throw new LookupError(
        `${pyRepr(encoding)} is not a text encoding; use codecs.open() to handle arbitrary codecs`,
      );
    }
    if (Object.hasOwn(CODECS, mod)) return mod;
  }
  throw new LookupError(`unknown encoding: ${encoding}`);
}

/**
 * Resolves an encoding name as Python's `open(..., encoding=...)` does and returns the codec's
 * canonical name (`codecs.lookup(encoding).name`). `null`/`undefined` and `"locale"` give the
 * default, `utf-8`.
 *
 * @throws {LookupError} `unknown encoding: <name>` for names this package does not implement;
 *   `'<name>' is not a text encoding; ...` for Python's bytes-to-bytes codecs (`hex`, `rot13`...).
 * @example
 * ```ts
 * import { lookupEncoding } from "@pylog/logging/handlers";
 * lookupEncoding("Latin 1"); // "iso8859-1"
 * lookupEncoding("U8"); // "utf-8"
 * ```
 */
export function lookupEncoding(encoding: string | null | undefined): string {
  if (encoding === null || encoding === undefined || encoding === "locale") return "utf-8";
  return CODECS[lookupModule(encoding)].name;
}

/** Plain utf-8: the hot path is `isWellFormed()` + `TextEncoder.encode`, nothing else. */
class Utf8Encoder implements PyEncoder {
  readonly name = "utf-8";
  readonly #errors: string;
  readonly #te: TextEncoder = (textEncoder ??= new TextEncoder());

  constructor(errors: string) {
    this.#errors = errors;
  }

  encode(text: string): Uint8Array {
    return wellFormed(text) ? this.#te.encode(text) : encodeSlow(UTF8, this.#errors, text);
  }

  encodeInto(text: string, dest: Uint8Array): { read: number; written: number } {
    return wellFormed(text)
      ? this.#te.encodeInto(text, dest)
      : utf8EncodeInto(this.#errors, text, dest);
  }

  reset(_position?: number): void {}
}

class Encoder implements PyEncoder {
  readonly name: string;
  #atStart = true;
  readonly #bom: Uint8Array | undefined;
  readonly #first: (text: string) => Uint8Array;
  readonly #rest: (text: string) => Uint8Array;

  constructor(def: CodecDef, errors: string) {
    this.name = def.name;
    this.#bom = def.bom;
    this.#rest = def.make(errors);
    this.#first = def.makeFirst ? def.makeFirst(errors) : this.#rest;
  }

  encode(text: string): Uint8Array {
    if (this.#bom === undefined) return this.#rest(text);
    if (!this.#atStart) return this.#rest(text);
    // As CPython's TextIOWrapper: the start-of-stream flag is cleared even if encoding fails.
    this.#atStart = false;
    const body = this.#first(text);
    const out = new Uint8Array(this.#bom.length + body.length);
    out.set(this.#bom);
    out.set(body, this.#bom.length);
    return out;
  }

  reset(position = 0): void {
    this.#atStart = position === 0;
  }
}

/**
 * Creates the encoder a Python text stream opened with `encoding=` and `errors=` would use.
 * `encoding` `null`/`undefined`/`"locale"` mean `utf-8` (Python's locale encoding on the systems
 * this package targets); `errors` `null`/`undefined` mean `strict`.
 *
 * Error handlers: `strict`, `ignore`, `replace`, `backslashreplace`, `xmlcharrefreplace`,
 * `surrogateescape`, `surrogatepass` behave exactly as in CPython 3.11. `namereplace` is
 * supported for the UTF codecs (the only characters they cannot encode are lone surrogates, which
 * have no Unicode name); with the single-byte codecs it would need the Unicode name database and
 * is rejected here with a `LookupError`. Other names fail, as in Python, only when a character
 * cannot be encoded.
 *
 * @throws {LookupError} for an unknown encoding, or `namereplace` with a single-byte codec.
 * @example
 * ```ts
 * import { createEncoder } from "@pylog/logging/handlers";
 * const enc = createEncoder("ascii", "xmlcharrefreplace");
 * new TextDecoder().decode(enc.encode("caf\u00e9")); // "caf&#233;"
 * createEncoder("ascii", null).encode("caf\u00e9");
 * // throws UnicodeEncodeError: 'ascii' codec can't encode character '\xe9' in position 3:
 * // ordinal not in range(128)
 * ```
 */
export function createEncoder(
  encoding: string | null | undefined,
  errors: string | null | undefined,
): PyEncoder {
  const mod = encoding === null || encoding === undefined || encoding === "locale"
    ? "utf_8"
    : lookupModule(encoding);
  const def = CODECS[mod];
  const handler = errors ?? "strict";
  if (handler === "namereplace" && def.singleByte) {
    throw new LookupError(
      `error handler 'namereplace' is not supported with the '${def.name}' codec ` +
        "(it needs the Unicode character name database)",
    );
  }
  return mod === "utf_8" ? new Utf8Encoder(handler) : new Encoder(def, handler);
}
