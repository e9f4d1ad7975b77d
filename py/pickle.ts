/**
 * A minimal writer of Python's pickle protocol 1, enough for the dictionaries `SocketHandler` and
 * `DatagramHandler` send (Python's `pickle.dumps(d, 1)`): `str`, `int`, `float`, `None`, `bool`,
 * `list`, `tuple` and `dict`, byte for byte as CPython 3.11's C pickler writes them.
 *
 * JavaScript values map to Python's as follows: a string is a `str`; an integer-valued number or a
 * `bigint` an `int`, any other number (or a {@linkcode PyFloat}) a `float`; `null` and `undefined`
 * `None`; an array a `list`; a {@linkcode PyTuple} a `tuple`; a plain object or a `Map` a `dict`.
 * Anything else raises `TypeError` (Python's `cannot pickle 'X' object`).
 *
 * CPython memoizes by object identity, which JavaScript strings do not have: equal strings are
 * written twice, except the empty string and one-character Latin-1 strings, which CPython keeps as
 * singletons (written once, then fetched from the memo), as here.
 *
 * @module
 */

/**
 * A number pickled as a Python `float` even when it is integer-valued (`1.0`, not `1`).
 *
 * @example
 * ```ts
 * import { pickleDumps, PyFloat } from "@pylog/logging/handlers";
 * pickleDumps({ created: new PyFloat(1700000000) }); // G opcode, not J
 * ```
 */
export class PyFloat {
  /** The value. */
  readonly value: number;
  /** Wraps `value`. */
  constructor(value: number) {
    this.value = value;
  }
}

/**
 * An array pickled as a Python `tuple` rather than a `list`.
 *
 * @example
 * ```ts
 * import { pickleDumps, PyTuple } from "@pylog/logging/handlers";
 * pickleDumps(new PyTuple(["localhost", 514]));
 * ```
 */
export class PyTuple {
  /** The items. */
  readonly items: readonly unknown[];
  /** Wraps `items`. */
  constructor(items: readonly unknown[]) {
    this.items = items;
  }
}

const MARK = 0x28; // (
const STOP = 0x2e; // .
const NONE = 0x4e; // N
const BININT = 0x4a; // J
const BININT1 = 0x4b; // K
const BININT2 = 0x4d; // M
const BINFLOAT = 0x47; // G
const BINUNICODE = 0x58; // X
const EMPTY_DICT = 0x7d; // }
const EMPTY_LIST = 0x5d; // ]
const EMPTY_TUPLE = 0x29; // )
const APPEND = 0x61; // a
const APPENDS = 0x65; // e
const SETITEM = 0x73; // s
const SETITEMS = 0x75; // u
const TUPLE = 0x74; // t
const BINPUT = 0x71; // q
const LONG_BINPUT = 0x72; // r
const BINGET = 0x68; // h
const LONG_BINGET = 0x6a; // j
const BATCHSIZE = 1000;

class Writer {
  buf = new Uint8Array(256);
  len = 0;
  memo = 0;
  /** Singleton strings (CPython's empty string and Latin-1 characters) already written. */
  singletons = new Map<string, number>();
  /** Containers being written, to refuse cycles (CPython would memoize; JSON-like data has none). */
  active = new Set<object>();

  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  u32le(n: number): void {
    this.ensure(4);
    this.buf[this.len++] = n & 0xff;
    this.buf[this.len++] = (n >>> 8) & 0xff;
    this.buf[this.len++] = (n >>> 16) & 0xff;
    this.buf[this.len++] = (n >>> 24) & 0xff;
  }
  ascii(s: string): void {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
  }
  put(): number {
    const idx = this.memo++;
    if (idx < 256) {
      this.byte(BINPUT);
      this.byte(idx);
    } else {
      this.byte(LONG_BINPUT);
      this.u32le(idx);
    }
    return idx;
  }
  get(idx: number): void {
    if (idx < 256) {
      this.byte(BINGET);
      this.byte(idx);
    } else {
      this.byte(LONG_BINGET);
      this.u32le(idx);
    }
  }
}

/** UTF-8 with Python's `surrogatepass` (lone surrogates are encoded, as pickle does). */
function utf8Surrogatepass(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(
        0xf0 | (c >> 18),
        0x80 | ((c >> 12) & 63),
        0x80 | ((c >> 6) & 63),
        0x80 | (c & 63),
      );
    }
  }
  return Uint8Array.from(out);
}

function saveStr(w: Writer, s: string): void {
  const singleton = s.length === 0 || (s.length === 1 && s.charCodeAt(0) < 256);
  if (singleton) {
    const idx = w.singletons.get(s);
    if (idx !== undefined) return w.get(idx);
  }
  const bytes = utf8Surrogatepass(s);
  w.byte(BINUNICODE);
  w.u32le(bytes.length);
  w.ensure(bytes.length);
  w.buf.set(bytes, w.len);
  w.len += bytes.length;
  const idx = w.put();
  if (singleton) w.singletons.set(s, idx);
}

function saveInt(w: Writer, n: bigint): void {
  if (n >= -0x80000000n && n <= 0x7fffffffn) {
    const v = Number(n);
    if (v >= 0 && v < 256) {
      w.byte(BININT1);
      w.byte(v);
    } else if (v >= 0 && v < 65536) {
      w.byte(BININT2);
      w.byte(v & 0xff);
      w.byte(v >> 8);
    } else {
      w.byte(BININT);
      w.u32le(v >>> 0);
    }
  } else {
    // Protocol 1 has no LONG1: Python writes the decimal text, `L<digits>L\n`.
    w.ascii(`L${n}L\n`);
  }
}

function saveFloat(w: Writer, x: number): void {
  w.byte(BINFLOAT);
  w.ensure(8);
  new DataView(w.buf.buffer, w.buf.byteOffset + w.len, 8).setFloat64(0, x, false);
  w.len += 8;
}

function typeName(value: unknown): string {
  if (typeof value === "function") return "function";
  if (typeof value === "symbol") return "symbol";
  const ctor = (value as { constructor?: { name?: string } })?.constructor?.name;
  return ctor || "object";
}

function enter(w: Writer, obj: object): void {
  if (w.active.has(obj)) throw new TypeError("cannot pickle a recursive structure");
  w.active.add(obj);
}

function save(w: Writer, value: unknown): void {
  if (value === null || value === undefined) return w.byte(NONE);
  switch (typeof value) {
    case "string":
      return saveStr(w, value);
    case "boolean":
      // Protocol 1 has no NEWTRUE/NEWFALSE: Python writes INT with "01"/"00".
      return w.ascii(value ? "I01\n" : "I00\n");
    case "bigint":
      return saveInt(w, value);
    case "number":
      if (Number.isInteger(value) && !Object.is(value, -0)) return saveInt(w, BigInt(value));
      return saveFloat(w, value);
  }
  if (value instanceof PyFloat) return saveFloat(w, value.value);
  if (value instanceof PyTuple) {
    const items = value.items;
    if (items.length === 0) return w.byte(EMPTY_TUPLE);
    enter(w, value);
    w.byte(MARK);
    for (const item of items) save(w, item);
    w.byte(TUPLE);
    w.put();
    w.active.delete(value);
    return;
  }
  if (Array.isArray(value)) {
    enter(w, value);
    w.byte(EMPTY_LIST);
    w.put();
    const n = value.length;
    if (n === 1) {
      save(w, value[0]);
      w.byte(APPEND);
    } else {
      for (let i = 0; i < n; i += BATCHSIZE) {
        const end = Math.min(n, i + BATCHSIZE);
        w.byte(MARK);
        for (let j = i; j < end; j++) save(w, value[j]);
        w.byte(APPENDS);
      }
    }
    w.active.delete(value);
    return;
  }
  let entries: [unknown, unknown][] | null = null;
  if (value instanceof Map) entries = [...value.entries()];
  else if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      entries = Object.entries(value as Record<string, unknown>);
    }
  }
  if (entries === null) throw new TypeError(`cannot pickle '${typeName(value)}' object`);
  enter(w, value as object);
  w.byte(EMPTY_DICT);
  w.put();
  if (entries.length === 1) {
    save(w, entries[0][0]);
    save(w, entries[0][1]);
    w.byte(SETITEM);
  } else {
    for (let i = 0; i < entries.length; i += BATCHSIZE) {
      w.byte(MARK);
      const end = Math.min(entries.length, i + BATCHSIZE);
      for (let j = i; j < end; j++) {
        save(w, entries[j][0]);
        save(w, entries[j][1]);
      }
      w.byte(SETITEMS);
    }
  }
  w.active.delete(value as object);
}

/**
 * Pickles `value` with protocol 1, as Python's `pickle.dumps(value, 1)`.
 *
 * @example
 * ```ts
 * import { pickleDumps } from "@pylog/logging/handlers";
 * pickleDumps({ a: 1 }); // the bytes of b'}q\x00X\x01\x00\x00\x00aq\x01K\x01s.'
 * ```
 */
export function pickleDumps(value: unknown): Uint8Array {
  const w = new Writer();
  save(w, value);
  w.byte(STOP);
  return w.buf.slice(0, w.len);
}
