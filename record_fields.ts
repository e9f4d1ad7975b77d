/**
 * Reading a record's fields by name, the one place formats do it: a named property load per
 * LogRecord attribute (each a monomorphic load site) instead of `record[key]`, which with a
 * different `key` per field is a megamorphic keyed load (Deno profile: most of a format's time).
 *
 * @module
 */

// deno-lint-ignore no-explicit-any
type AnyRecord = any;

/**
 * The names of every attribute a fresh LogRecord has, in Python's order (`extra` may not overwrite
 * them). Their positions are the ids {@linkcode readField} switches on.
 */
export const RECORD_ATTRIBUTES: readonly string[] = [
  "name",
  "msg",
  "args",
  "levelname",
  "levelno",
  "pathname",
  "filename",
  "module",
  "exc_info",
  "exc_text",
  "stack_info",
  "lineno",
  "funcName",
  "created",
  "msecs",
  "relativeCreated",
  "thread",
  "threadName",
  "processName",
  "process",
  "taskName",
  "message",
  "asctime",
];

/** LogRecord's attributes, numbered for {@linkcode readField} (`-1`: any other key). */
const RECORD_FIELD_IDS: ReadonlyMap<string, number> = new Map(
  RECORD_ATTRIBUTES.map((k, i) => [k, i]),
);

/**
 * Reads field `key` of a record, `id` being {@linkcode fieldId}`(key)`.
 *
 * @example
 * ```ts
 * import { fieldId, readField } from "./record_fields.ts";
 * readField({ levelname: "INFO" }, fieldId("levelname"), "levelname"); // "INFO"
 * ```
 */
export function readField(r: AnyRecord, id: number, key: string): unknown {
  switch (id) {
    case 0:
      return r.name;
    case 1:
      return r.msg;
    case 2:
      return r.args;
    case 3:
      return r.levelname;
    case 4:
      return r.levelno;
    case 5:
      return r.pathname;
    case 6:
      return r.filename;
    case 7:
      return r.module;
    case 8:
      return r.exc_info;
    case 9:
      return r.exc_text;
    case 10:
      return r.stack_info;
    case 11:
      return r.lineno;
    case 12:
      return r.funcName;
    case 13:
      return r.created;
    case 14:
      return r.msecs;
    case 15:
      return r.relativeCreated;
    case 16:
      return r.thread;
    case 17:
      return r.threadName;
    case 18:
      return r.processName;
    case 19:
      return r.process;
    case 20:
      return r.taskName;
    case 21:
      return r.message;
    case 22:
      return r.asctime;
    default:
      return readOther(r, key);
  }
}

/** A field no LogRecord has: Object.prototype's and the class's methods are no fields. */
function readOther(r: AnyRecord, key: string): unknown {
  const v = r[key];
  return typeof v === "function" || key === "__proto__" ? (hasField(r, key) ? v : undefined) : v;
}

/**
 * Whether the record has field `key`: an own property, or a getter its class (a LogRecord
 * subclass) defines; never a method, nor a member of `Object.prototype` (`%(constructor)s` is
 * Python's `KeyError`, as `%(__str__)s` is there).
 *
 * @example
 * ```ts
 * import { hasField } from "./record_fields.ts";
 * hasField({ user: "ann" }, "user"); // true
 * hasField({}, "constructor"); // false
 * ```
 */
export function hasField(r: object, key: string): boolean {
  if (Object.prototype.hasOwnProperty.call(r, key)) return true;
  for (let o = Object.getPrototypeOf(r); o !== null && o !== Object.prototype;) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d !== undefined) return d.get !== undefined;
    o = Object.getPrototypeOf(o);
  }
  return false;
}

/**
 * The number {@linkcode readField} reads field `key` by (`-1`: not a LogRecord attribute).
 *
 * @example
 * ```ts
 * import { fieldId } from "./record_fields.ts";
 * fieldId("name"); // 0
 * ```
 */
export function fieldId(key: string): number {
  return RECORD_FIELD_IDS.get(key) ?? -1;
}
