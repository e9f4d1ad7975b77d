/**
 * `JsonFormatter`: python-json-logger 4.x's `pythonjsonlogger.json.JsonFormatter`, one JSON object
 * per record, byte for byte the line a Python service writes for the same record and options.
 *
 * @module
 */

import { ValueError } from "../py/errors.ts";
import { CALLER_FIELDS, LogRecord } from "../record.ts";
import { addCallerConsumer } from "../caller.ts";
import { isPlainObject } from "../py/repr.ts";
import { Formatter, type Style } from "./formatter.ts";
import { fieldId, readField, RECORD_ATTRIBUTES } from "../record_fields.ts";
import {
  dumps,
  encodeOne,
  encodeString,
  type JsonDefault,
  JsonEntries,
  keyString,
} from "../py/json.ts";
import { pyStr } from "../py/repr.ts";
import { StrFormatStyle, StringTemplateStyle, STYLES } from "./styles.ts";

/**
 * python-json-logger's default `reserved_attrs` (`pythonjsonlogger.core.RESERVED_ATTRS` under
 * Python 3.12+, `taskName` included): the record attributes that are not written as extra fields.
 *
 * @example
 * ```ts
 * import { RESERVED_ATTRS } from "@pylog/logging/formatters";
 * RESERVED_ATTRS.includes("taskName"); // true
 * ```
 */
export const RESERVED_ATTRS: readonly string[] = [
  "args",
  "asctime",
  "created",
  "exc_info",
  "exc_text",
  "filename",
  "funcName",
  "levelname",
  "levelno",
  "lineno",
  "message",
  "module",
  "msecs",
  "msg",
  "name",
  "pathname",
  "process",
  "processName",
  "relativeCreated",
  "stack_info",
  "taskName",
  "thread",
  "threadName",
];

/** python-json-logger's keyword arguments of `JsonFormatter`, spelled as in Python. */
export interface JsonFormatterOptions {
  /** A `%`/`{`/`$` format (or `,`-separated names) whose fields name the keys, or a list of names. */
  fmt?: string | readonly string[] | null;
  /** The `time.strftime` format of `asctime`. */
  datefmt?: string | null;
  /** `%` (default), `{`, `$`, or python-json-logger's `,`. */
  style?: Style | "," | string;
  /** Check `fmt` against its style (default `true`). */
  validate?: boolean;
  /** Fields written first, which the record's fields may override (still renamed). */
  defaults?: Record<string, unknown> | null;
  /** Text written before the JSON object. */
  prefix?: string;
  /** Output key for a field name: `{ levelname: "level" }`. */
  rename_fields?: Record<string, string> | null;
  /** Write renamed fields the record lacks, as `null`. */
  rename_fields_keep_missing?: boolean;
  /** Fields added to every line. */
  static_fields?: Record<string, unknown> | null;
  /** Record attributes not written as extra fields (default {@linkcode RESERVED_ATTRS}). */
  reserved_attrs?: readonly string[] | null;
  /** Add the creation time in UTC ISO 8601 under `"timestamp"` (`true`) or this key. */
  timestamp?: boolean | string;
  /** Write `exc_info` as a list of lines. */
  exc_info_as_array?: boolean;
  /** Write `stack_info` as a list of lines. */
  stack_info_as_array?: boolean;
  /** Renders values JSON cannot hold (every value the encoder does not handle natively). */
  json_default?: JsonDefault | null;
  /** Indentation: spaces (a number) or the text per level; `null` for one line. */
  json_indent?: number | string | null;
  /** Escape non-ASCII characters as `\uXXXX` (default `true`, as Python's `json`). */
  json_ensure_ascii?: boolean;
}

const OPTION_NAMES = new Set([
  "fmt",
  "datefmt",
  "style",
  "validate",
  "defaults",
  "prefix",
  "rename_fields",
  "rename_fields_keep_missing",
  "static_fields",
  "reserved_attrs",
  "timestamp",
  "exc_info_as_array",
  "stack_info_as_array",
  "json_default",
  "json_indent",
  "json_ensure_ascii",
  "json_encoder",
  "json_serializer",
]);

const STYLE_TEMPLATE_RE = /\$(?:\$|\{(.+?)\}|([_a-z][_a-z0-9]*))/gi;
const STYLE_FORMAT_RE = /\{(.+?)\}/g;
const STYLE_PERCENT_RE = /%\((.+?)\)/g;

/** The record attributes Python's `LogRecord.__init__` sets, in its `__dict__` order. */
const BASE_ATTRS = RECORD_ATTRIBUTES.filter((a) => a !== "message" && a !== "asctime");
const BASE_SET: ReadonlySet<string> = new Set(BASE_ATTRS);

/** Microseconds of the `timestamp` Dates this module makes (a Date holds milliseconds only). */
const MICROS = new WeakMap<Date, number>();

/**
 * The record's creation time as Python's `datetime.fromtimestamp(created, tz=timezone.utc)`:
 * microseconds rounded half-even as CPython does, kept beside the Date for its ISO text.
 */
function utcDate(created: number): Date {
  let sec = Math.trunc(created);
  const x = (created - sec) * 1e6;
  let us = Math.round(x);
  if (Math.abs(x % 1) === 0.5) us = 2 * Math.round(x / 2);
  if (us >= 1e6) {
    us -= 1e6;
    sec += 1;
  } else if (us < 0) {
    us += 1e6;
    sec -= 1;
  }
  const d = new Date(sec * 1000 + Math.floor(us / 1000));
  MICROS.set(d, us);
  return d;
}

function pad(n: number, w: number): string {
  const s = "" + n;
  return s.length >= w ? s : "0".repeat(w - s.length) + s;
}

/**
 * A Date as Python's `datetime.isoformat()` of the same instant in UTC
 * (`2023-11-14T22:13:20.123000+00:00`; no fraction on a whole second).
 */
function isoformat(d: Date): string {
  const t = d.getTime();
  if (t !== t) return "Invalid Date";
  const us = MICROS.get(d) ?? (((t % 1000) + 1000) % 1000) * 1000;
  return pad(d.getUTCFullYear(), 4) + "-" + pad(d.getUTCMonth() + 1, 2) + "-" +
    pad(d.getUTCDate(), 2) + "T" + pad(d.getUTCHours(), 2) + ":" + pad(d.getUTCMinutes(), 2) +
    ":" + pad(d.getUTCSeconds(), 2) + (us === 0 ? "" : "." + pad(us, 6)) + "+00:00";
}

function base64UrlSafe(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_");
}

function errorClassName(e: Error): string {
  const n = e.name;
  if (typeof n === "string" && n !== "" && n !== "Error") return n;
  const c = (e.constructor as { name?: unknown } | undefined)?.name;
  return typeof c === "string" && c !== "" ? c : "Error";
}

/**
 * The JSON form python-json-logger's encoder (`JsonEncoder.default`) gives values JSON cannot
 * hold, for their JavaScript counterparts (used when no `json_default` is given):
 *
 * - `Date` → `datetime.isoformat()` of the instant in UTC: `"2024-01-02T03:04:05.678000+00:00"`;
 * - an `Error` → `"TypeError: message"` (python-json-logger's `exception_default`);
 * - `Uint8Array` / `ArrayBuffer` → URL-safe base 64, as python-json-logger writes `bytes`;
 * - a class → its name (`type_default`);
 * - `Map` → an object in the Map's order (a Python dict; keys converted as Python's `json`
 *   converts dict keys: `2` → `"2"`, `true` → `"true"`), `Set` and other typed arrays → a list;
 * - an object with a `toJSON()` method → what it returns (JavaScript's own JSON protocol);
 * - anything else (class instances, functions, symbols) → its `str()` (`unknown_default`), or
 *   `"__could_not_encode__"` when even that throws.
 *
 * @example
 * ```ts
 * import { jsonDefault } from "@pylog/logging/formatters";
 * jsonDefault(new Date(0)); // "1970-01-01T00:00:00+00:00"
 * jsonDefault(new RangeError("too big")); // "RangeError: too big"
 * ```
 */
export function jsonDefault(o: unknown): unknown {
  if (o instanceof Date) return isoformat(o);
  if (o instanceof Error) return errorClassName(o) + ": " + pyStr(o);
  if (o instanceof Uint8Array) return base64UrlSafe(o);
  if (o instanceof ArrayBuffer) return base64UrlSafe(new Uint8Array(o));
  if (typeof o === "function" && /^class\b/.test(Function.prototype.toString.call(o))) {
    return o.name;
  }
  if (o instanceof Map) {
    const out: [string, unknown][] = [];
    for (const [k, v] of o) out.push([keyString(k), v]);
    return new JsonEntries(out);
  }
  if (o instanceof Set) return [...o];
  if (ArrayBuffer.isView(o) && !(o instanceof DataView)) {
    return Array.from(o as unknown as ArrayLike<unknown>);
  }
  try {
    const toJSON = (o as { toJSON?: unknown } | null)?.toJSON;
    if (typeof toJSON === "function") return toJSON.call(o);
  } catch {
    // fall through to str()
  }
  try {
    return typeof o === "symbol" ? o.toString() : pyStr(o);
  } catch {
    return "__could_not_encode__";
  }
}

let ownKeys: string[] | undefined;

/** The own keys of a freshly constructed LogRecord, in order (made on first use). */
function recordOwnKeys(): string[] {
  return (ownKeys ??= Object.keys(new LogRecord("", 0, "", 0, "", null, null)));
}

function isEmpty(o: object | null): boolean {
  for (const _ in o) return false;
  return true;
}

/** Python's truthiness for values a message dict holds. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object" && v !== null && isPlainObject(v)) {
    for (const _ in v) return true;
    return false;
  }
  return Boolean(v);
}

/** Python's `str.splitlines()`. */
function splitlines(s: string): string[] {
  // deno-lint-ignore no-control-regex
  const lines = s.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Python's `str(list)` of names, for `_fmt` when `fmt` is a list. */
function listRepr(names: readonly string[]): string {
  return "[" + names.map((n) => (n.includes("'") && !n.includes('"') ? `"${n}"` : `'${n}'`))
    .join(", ") +
    "]";
}

/**
 * Formats a record as one JSON object, as python-json-logger 4.x's
 * `pythonjsonlogger.json.JsonFormatter`: the fields named in `fmt` (in its order), then
 * `static_fields`, a message dict, the record's `extra` fields, and `timestamp`, encoded as
 * Python's `json.dumps` writes them (`", "` and `": "` separators, `ensure_ascii` escapes, Python's
 * float spelling). Takes python-json-logger's keyword names in one options object, or `fmt`,
 * `datefmt`, `style`, `validate` positionally as `Formatter` does.
 *
 * Its steps keep python-json-logger's names, to override in a subclass: `parse()`,
 * `add_fields(log_data, record, message_dict)`, `process_log_record(log_data)`,
 * `jsonify_log_record(log_data)`, `serialize_log_record(log_data)`.
 *
 * @example
 * ```ts
 * import { JsonFormatter, makeLogRecord } from "@pylog/logging";
 * const f = new JsonFormatter({ fmt: "%(levelname)s %(name)s %(message)s", rename_fields: { levelname: "level" } });
 * f.format(makeLogRecord({ name: "app", levelname: "INFO", msg: "ready", user: "bob" }));
 * // '{"level": "INFO", "name": "app", "message": "ready", "user": "bob"}'
 * ```
 */
export class JsonFormatter extends Formatter {
  /** Text written before the JSON object. */
  prefix: string;
  /** Output key for a field name. */
  rename_fields: Record<string, string>;
  /** Write renamed fields the record lacks, as `null`. */
  rename_fields_keep_missing: boolean;
  /** Fields added to every line. */
  static_fields: Record<string, unknown>;
  /** Record attributes not written as extra fields. */
  reserved_attrs: Set<string>;
  /** `true` (key `"timestamp"`), a key, or `false`. */
  timestamp: boolean | string;
  /** Fields written first. */
  defaults: Record<string, unknown>;
  /** Write `exc_info` as a list of lines. */
  exc_info_as_array: boolean;
  /** Write `stack_info` as a list of lines. */
  stack_info_as_array: boolean;
  /** Renders values JSON cannot hold (`null`: python-json-logger's own encoder). */
  json_default: JsonDefault | null;
  /** Indentation, or `null` for one line. */
  json_indent: number | string | null;
  /** Escape non-ASCII characters. */
  json_ensure_ascii: boolean;
  /** The field names `fmt` names, in order. */
  _required_fields: string[];
  /** `required_fields` plus `reserved_attrs`: the attributes not merged as extras. */
  _skip_fields: Set<string>;
  /** The style name when it is not one of `logging`'s (`","`, `"__sequence__"`), else `null`. */
  #styleName: string | null = null;
  #usesAsctime: boolean;
  /** Whether some LogRecord attribute is not skipped (then extras walk them in Python's order). */
  #baseExtras: boolean;
  /** No step overridden and no LogRecord attribute written as an extra: the fast path may run. */
  #plain: boolean;

  /**
   * Creates the formatter, as python-json-logger's `JsonFormatter(fmt=None, datefmt=None,
   * style='%', validate=True, *, prefix='', rename_fields=None, ...)`: python-json-logger's
   * keyword arguments in one object (the first argument, or the fifth after the positional ones).
   */
  constructor(
    fmt?: string | readonly string[] | null | JsonFormatterOptions,
    datefmt: string | null = null,
    style: string = "%",
    validate = true,
    options: JsonFormatterOptions = {},
  ) {
    super(null, datefmt, "%", false);
    let o = options ?? {};
    if (fmt !== null && typeof fmt === "object" && !Array.isArray(fmt)) {
      o = fmt as JsonFormatterOptions;
      fmt = o.fmt ?? null;
      datefmt = o.datefmt ?? null;
      style = o.style ?? "%";
      validate = o.validate ?? true;
    }
    for (const k of Object.keys(o)) {
      if (!OPTION_NAMES.has(k)) {
        throw new TypeError(
          `BaseJsonFormatter.__init__() got an unexpected keyword argument '${k}'`,
        );
      }
    }
    fmt ??= null;
    if (fmt === null || typeof fmt === "string") {
      if (Object.hasOwn(STYLES, style)) {
        const s = new STYLES[style as Style][0](fmt);
        if (validate) s.validate();
        this._style = s;
        this._fmt = s._fmt;
      } else if (style === "," || !validate) {
        this.#styleName = style;
        this._fmt = fmt as string;
      } else {
        throw new ValueError("Style must be one of: '%{$,'");
      }
      this._required_fields = this.parse();
    } else {
      this.#styleName = "__sequence__";
      this._fmt = listRepr(fmt as readonly string[]);
      this._required_fields = [...(fmt as readonly string[])];
    }
    this.datefmt = datefmt;
    this.prefix = o.prefix ?? "";
    this.rename_fields = { ...(o.rename_fields ?? {}) };
    this.static_fields = { ...(o.static_fields ?? {}) };
    this.rename_fields_keep_missing = o.rename_fields_keep_missing ?? false;
    this.reserved_attrs = new Set(o.reserved_attrs ?? RESERVED_ATTRS);
    this.timestamp = o.timestamp ?? false;
    this._skip_fields = new Set(this._required_fields);
    for (const a of this.reserved_attrs) this._skip_fields.add(a);
    this.defaults = o.defaults ?? {};
    this.exc_info_as_array = o.exc_info_as_array ?? false;
    this.stack_info_as_array = o.stack_info_as_array ?? false;
    this.json_default = o.json_default ?? null;
    this.json_indent = o.json_indent ?? null;
    this.json_ensure_ascii = o.json_ensure_ascii ?? true;
    this.#usesAsctime = this._required_fields.includes("asctime");
    this.#baseExtras = BASE_ATTRS.some((a) => !this._skip_fields.has(a));
    const proto = JsonFormatter.prototype;
    this.#plain = !this.#baseExtras && this.add_fields === proto.add_fields &&
      this.process_log_record === proto.process_log_record &&
      this.jsonify_log_record === proto.jsonify_log_record &&
      this.serialize_log_record === proto.serialize_log_record;
    // Caller fields cost a stack capture per record: ask for it only when they are written.
    if (
      [...CALLER_FIELDS].some((f) =>
        this._required_fields.includes(f) || !this._skip_fields.has(f)
      ) ||
      this.format !== JsonFormatter.prototype.format
    ) addCallerConsumer(this);
  }

  /**
   * The field names the format string names (python-json-logger's `parse`), by its regular
   * expressions: `%(name)`, `{name}` (a format spec stays part of the key) or `$name`/`${name}`,
   * or the `,`-separated names.
   *
   * @example
   * ```ts
   * import { JsonFormatter } from "@pylog/logging";
   * new JsonFormatter("%(levelname)s %(message)s").parse(); // ["levelname", "message"]
   * ```
   */
  parse(): string[] {
    const fmt = this._fmt as string | null;
    if (fmt === null) return [];
    const name = this.#styleName;
    if (name !== null) {
      if (name === "__sequence__") {
        throw new Error("Must not call parse when fmt is a sequence of strings");
      }
      if (name === ",") return fmt.split(",").map((f) => f.trim()).filter((f) => f !== "");
      throw new ValueError(`Style '${name}' is not supported`);
    }
    if (this._style instanceof StringTemplateStyle) {
      const out: string[] = [];
      for (const m of fmt.matchAll(STYLE_TEMPLATE_RE)) if (m[1] || m[2]) out.push(m[1] || m[2]);
      return out;
    }
    if (this._style instanceof StrFormatStyle) {
      return [...fmt.matchAll(STYLE_FORMAT_RE)].map((m) => m[1]);
    }
    return [...fmt.matchAll(STYLE_PERCENT_RE)].map((m) => m[1]);
  }

  /**
   * Whether the fields include `asctime`.
   *
   * @example
   * ```ts
   * import { JsonFormatter } from "@pylog/logging";
   * new JsonFormatter("%(asctime)s").usesTime(); // true
   * ```
   */
  override usesTime(): boolean {
    return this.#usesAsctime;
  }

  /**
   * The record as one JSON text (python-json-logger's `format`): a plain-object `msg` is a message
   * dict (its keys become fields, `message` is empty), `exc_info` and `stack_info` are added unless
   * the message dict has them. A cycle raises `ValueError: Circular reference detected` (reported
   * by the handler through `handleError`, never out of the log call).
   *
   * @example
   * ```ts
   * import { JsonFormatter, makeLogRecord } from "@pylog/logging";
   * new JsonFormatter().format(makeLogRecord({ msg: { event: "login" } }));
   * // '{"message": "", "event": "login"}'
   * ```
   */
  override format(record: LogRecord): string {
    const msg = record.msg;
    if (
      this.#plain && !record.exc_info && !record.exc_text && !record.stack_info &&
      !(typeof msg === "object" && msg !== null && isPlainObject(msg))
    ) {
      const line = this.#fastFormat(record);
      if (line !== null) return line;
    }
    let message_dict: Record<string, unknown> = {};
    if (typeof msg === "object" && msg !== null && isPlainObject(msg)) {
      message_dict = { ...msg };
      record.message = "";
    } else record.message = record.getMessage();
    if (this.#usesAsctime) record.asctime = this.formatTime(record, this.datefmt);
    if (record.exc_info && !truthy(message_dict.exc_info)) {
      // python-json-logger's formatException returns the lines when exc_info_as_array is set;
      // here formatException keeps Formatter's type (text) and the lines are split here.
      const text = this.formatException(record.exc_info);
      message_dict.exc_info = this.exc_info_as_array ? splitlines(text) : text;
    }
    if (!truthy(message_dict.exc_info) && record.exc_text) message_dict.exc_info = record.exc_text;
    if (record.stack_info && !truthy(message_dict.stack_info)) {
      const text = this.formatStack(record.stack_info);
      message_dict.stack_info = this.stack_info_as_array ? splitlines(text) : text;
    }
    let log_data: Record<string, unknown> = {};
    this.add_fields(log_data, record, message_dict);
    log_data = this.process_log_record(log_data);
    return this.serialize_log_record(log_data);
  }

  /**
   * Fills `log_data` from the record (python-json-logger's `add_fields`): `defaults`, the `fmt`
   * fields, `static_fields`, the message dict, the record's other attributes except the reserved
   * ones and those starting with `_`, then `timestamp`; every key through `rename_fields`.
   *
   * @example
   * ```ts
   * import { JsonFormatter, makeLogRecord } from "@pylog/logging";
   * const data: Record<string, unknown> = {};
   * new JsonFormatter().add_fields(data, makeLogRecord({ msg: "x", message: "x" }), {});
   * // data: { message: "x" }
   * ```
   */
  add_fields(
    log_data: Record<string, unknown>,
    record: LogRecord,
    message_dict: Record<string, unknown>,
  ): void {
    const rename = this.rename_fields;
    let renames = false;
    for (const _ in rename) {
      renames = true;
      break;
    }
    const key = renames ? (k: string): string => (Object.hasOwn(rename, k) ? rename[k] : k) : null;
    const defaults = this.defaults;
    for (const field in defaults) log_data[key ? key(field) : field] = defaults[field];
    const rec = record as unknown as Record<string, unknown>;
    const required = this._required_fields;
    if (required !== this.#requiredSeen) this.#compileRequired();
    const ids = this.#requiredIds;
    for (let i = 0; i < required.length; i++) {
      const field = required[i];
      const id = ids[i];
      const v = id >= 0 ? readField(rec, id, field) : Object.hasOwn(rec, field) ? rec[field] : null;
      log_data[key ? key(field) : field] = v === undefined ? null : v;
    }
    const statics = this.static_fields;
    for (const k in statics) log_data[key ? key(k) : k] = statics[k];
    for (const k in message_dict) log_data[key ? key(k) : k] = message_dict[k];
    const skip = this._skip_fields;
    if (this.#baseExtras) {
      for (const k of BASE_ATTRS) if (!skip.has(k)) log_data[key ? key(k) : k] = rec[k];
    }
    if (skip !== this.#skipSeen) this.#compileSkip();
    const skipAll = this.#skipAll;
    for (const k of Object.keys(rec)) {
      if (skipAll.has(k) || k.charCodeAt(0) === 95) continue;
      log_data[key ? key(k) : k] = rec[k];
    }
    if (this.timestamp) {
      const k = typeof this.timestamp === "string" ? this.timestamp : "timestamp";
      log_data[key ? key(k) : k] = utcDate(record.created);
    }
    if (this.rename_fields_keep_missing) {
      for (const field of Object.values(rename)) {
        if (!(field in log_data)) log_data[field] = null;
      }
    }
  }

  /**
   * The common case written straight to text, the same text as the general path: no message
   * dict, traceback, stack, defaults, static or renamed fields, timestamp or indent, no
   * overridden step, and no extra key that a JavaScript object would reorder (`null` otherwise).
   */
  #fastFormat(record: LogRecord): string | null {
    if (
      this.timestamp || this.json_indent !== null || this.rename_fields_keep_missing ||
      !isEmpty(this.defaults) || !isEmpty(this.static_fields) || !isEmpty(this.rename_fields)
    ) return null;
    const required = this._required_fields;
    if (required !== this.#requiredSeen) this.#compileRequired();
    const skip = this._skip_fields;
    if (skip !== this.#skipSeen) this.#compileSkip();
    const ascii = this.json_ensure_ascii;
    if (ascii !== this.#keysAscii) this.#compileKeys();
    record.message = record.getMessage();
    if (this.#usesAsctime) record.asctime = this.formatTime(record, this.datefmt);
    const rec = record as unknown as Record<string, unknown>;
    const def = this.json_default ?? jsonDefault;
    const ids = this.#uniqueIds;
    const names = this.#uniqueNames;
    const keys = this.#encodedKeys;
    let out = "{";
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const field = names[i];
      const v = id >= 0 ? readField(rec, id, field) : Object.hasOwn(rec, field) ? rec[field] : null;
      out += keys[i] + encodeOne(v, def, ascii);
    }
    const skipAll = this.#skipAll;
    let first = ids.length === 0;
    const own = Object.keys(rec);
    // A record's own keys start with the constructor's, in its order: compared by identity.
    const base = recordOwnKeys();
    let start = 0;
    while (start < base.length && own[start] === base[start]) start++;
    for (let j = start; j < own.length; j++) {
      const k = own[j];
      if (skipAll.has(k)) continue;
      const c = k.charCodeAt(0);
      if (c === 95) continue;
      if (c >= 48 && c <= 57) return null; // an integer-like key: the general path's order
      out += (first ? "" : ", ") + encodeString(k, ascii) + ": " + encodeOne(rec[k], def, ascii);
      first = false;
    }
    return this.prefix + out + "}";
  }

  /** The required fields without repeats, their `readField` ids and their encoded `"key": `. */
  #uniqueNames: string[] = [];
  #uniqueIds: number[] = [];
  #encodedKeys: string[] = [];
  #keysAscii: boolean | null = null;
  #compileKeys(): void {
    this.#keysAscii = this.json_ensure_ascii;
    // `"key": ` with the separator before every key but the first.
    this.#encodedKeys = this.#uniqueNames.map((k, i) =>
      (i === 0 ? "" : ", ") + encodeString(k, this.json_ensure_ascii) + ": "
    );
  }

  /** The `_required_fields` the ids below were made for, and each field's `readField` id. */
  #requiredSeen: string[] | null = null;
  #requiredIds: number[] = [];
  #compileRequired(): void {
    this.#requiredSeen = this._required_fields;
    this.#requiredIds = this._required_fields.map((
      f,
    ) => (BASE_SET.has(f) || f === "message" || f === "asctime" ? fieldId(f) : -1));
    this.#uniqueNames = [...new Set(this._required_fields)];
    this.#uniqueIds = this.#uniqueNames.map((f) =>
      this.#requiredIds[this._required_fields.indexOf(f)]
    );
    this.#compileKeys();
  }

  /** `_skip_fields` plus every LogRecord attribute (those are walked in Python's order first). */
  #skipSeen: Set<string> | null = null;
  #skipAll: Set<string> = new Set();
  #compileSkip(): void {
    this.#skipSeen = this._skip_fields;
    this.#skipAll = new Set([...this._skip_fields, ...BASE_ATTRS]);
  }

  /**
   * A hook to change the data before it is encoded (python-json-logger's `process_log_record`);
   * returns it unchanged.
   *
   * @example
   * ```ts
   * import { JsonFormatter } from "@pylog/logging";
   * class Upper extends JsonFormatter {
   *   override process_log_record(d: Record<string, unknown>): Record<string, unknown> {
   *     return { ...d, level: String(d.levelname).toLowerCase() };
   *   }
   * }
   * ```
   */
  process_log_record(log_data: Record<string, unknown>): Record<string, unknown> {
    return log_data;
  }

  /**
   * The data as JSON text, as python-json-logger's `jsonify_log_record` calls `json.dumps` (with
   * `json_default` or python-json-logger's own encoder, `json_indent`, `json_ensure_ascii`).
   *
   * @example
   * ```ts
   * import { JsonFormatter } from "@pylog/logging";
   * new JsonFormatter().jsonify_log_record({ a: 0.5, b: "é" }); // '{"a": 0.5, "b": "\\u00e9"}'
   * ```
   */
  jsonify_log_record(log_data: Record<string, unknown>): string {
    return dumps(
      log_data,
      this.json_default ?? jsonDefault,
      this.json_indent,
      this.json_ensure_ascii,
    );
  }

  /**
   * `prefix` plus the JSON text (python-json-logger's `serialize_log_record`).
   *
   * @example
   * ```ts
   * import { JsonFormatter } from "@pylog/logging";
   * new JsonFormatter({ prefix: "@cee: " }).serialize_log_record({ a: 1 }); // '@cee: {"a": 1}'
   * ```
   */
  serialize_log_record(log_data: Record<string, unknown>): string {
    return this.prefix + this.jsonify_log_record(log_data);
  }
}

/** Makes the base class leave caller-field registration to the constructor above. */
(JsonFormatter.prototype as unknown as { _declaresCallerFields: boolean })._declaresCallerFields =
  true;
