/**
 * The record → OpenTelemetry log mapping of Python's SDK 1.45 `LoggingHandler`, field by field, as
 * OTLP/JSON (lowerCamelCase, hex trace and span ids, 64-bit integers as decimal strings, base64
 * bytes). Shared by `OTLPHandler` (which sends it) and `LoggingHandler` (the bridge into a JS
 * `LoggerProvider`, which receives the same values decoded).
 *
 * @module
 */

import type { LogRecord } from "../record.ts";
import { isPlainObject } from "../py/repr.ts";
import { pyStr } from "../py/repr.ts";
import { formatException } from "../py/traceback.ts";
import { activeSpanContext, type SpanContextLike } from "./api.ts";
import { executableName, readEnv } from "../runtime.ts";

/** An OTLP/JSON `AnyValue`. */
export type OtlpAnyValue =
  | Record<string, never>
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { bytesValue: string }
  | { arrayValue: { values: OtlpAnyValue[] } }
  | { kvlistValue: { values: OtlpKeyValue[] } };

/** An OTLP/JSON `KeyValue`. */
export interface OtlpKeyValue {
  /** The attribute's name. */
  key: string;
  /** Its value. */
  value: OtlpAnyValue;
}

/** An OTLP/JSON `LogRecord` (fields with default values are left out, as protobuf's JSON does). */
export interface OtlpLogRecord {
  /** Nanoseconds since the epoch, from `record.created`. */
  timeUnixNano: string;
  /** Nanoseconds since the epoch when the handler saw the record. */
  observedTimeUnixNano: string;
  /** 1-24, from the level (left out for levels below 10). */
  severityNumber?: number;
  /** The level's name, `WARNING` and `CRITICAL` renamed `WARN` and `FATAL`. */
  severityText?: string;
  /** The message. */
  body?: OtlpAnyValue;
  /** `extra`, `code.*`, `exception.*`. */
  attributes?: OtlpKeyValue[];
  /** Attributes evicted by the count limit. */
  droppedAttributesCount?: number;
  /** W3C trace flags of the active span. */
  flags?: number;
  /** 32 hex digits. */
  traceId?: string;
  /** 16 hex digits. */
  spanId?: string;
}

/** Python's `_RESERVED_ATTRS` of the SDK's `LoggingHandler`: record attributes never sent. */
export const RESERVED_ATTRS: ReadonlySet<string> = new Set([
  "asctime",
  "args",
  "created",
  "exc_info",
  "exc_text",
  "filename",
  "funcName",
  "getMessage",
  "message",
  "levelname",
  "levelno",
  "lineno",
  "module",
  "msecs",
  "msg",
  "name",
  "pathname",
  "process",
  "processName",
  "relativeCreated",
  "stack_info",
  "thread",
  "threadName",
  "taskName",
]);

const SEVERITY_TEXT: Record<string, string> = { WARNING: "WARN", CRITICAL: "FATAL" };

/**
 * Python's `std_to_otel(levelno)`: the OpenTelemetry severity number of a level (0, UNSPECIFIED,
 * below 10; 24, FATAL4, above 53; four steps per ten levels, the fourth held to the next ten).
 */
export function severityNumber(levelno: number): number {
  if (levelno < 10) return 0;
  if (levelno > 53) return 24;
  const base = Math.floor(levelno / 10) * 4 + 1; // 10 → 5 (DEBUG), 20 → 9 (INFO)...
  return base + Math.min(levelno % 10, 3);
}

/** The severity text the SDK sends for a level name. */
export function severityText(levelname: string): string {
  return SEVERITY_TEXT[levelname] ?? levelname;
}

/** Python's `int(created * 1e9)` as a decimal string: the float product, then truncated. */
export function timeUnixNano(created: number): string {
  const ns = Math.trunc(created * 1e9);
  return Number.isFinite(ns) ? BigInt(ns).toString() : "0";
}

/** Now in nanoseconds since the epoch, as a decimal string. */
export function nowUnixNano(): string {
  return (BigInt(Date.now()) * 1000000n).toString();
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

function truncate(s: string, max: number | null): string {
  if (max === null || s.length <= max) return s;
  // Python counts code points.
  const cps = Array.from(s);
  return cps.length > max ? cps.slice(0, max).join("") : s;
}

/**
 * Python's `_clean_attribute_value` followed by `_encode_value`: `null` → empty value, booleans,
 * strings (truncated to the length limit), integers (`intValue`, a decimal string), other numbers
 * (`doubleValue`), `Uint8Array` (`bytesValue`), arrays, plain objects (key/value lists, empty keys
 * dropped), anything else as its Python `str()`.
 */
export function anyValue(value: unknown, maxLength: number | null = null): OtlpAnyValue {
  if (value === null || value === undefined) return {};
  switch (typeof value) {
    case "boolean":
      return { boolValue: value };
    case "string":
      return { stringValue: truncate(value, maxLength) };
    case "bigint":
      return { intValue: value.toString() };
    case "number":
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
        return { intValue: String(value) };
      }
      if (Number.isNaN(value)) return { doubleValue: "NaN" };
      if (!Number.isFinite(value)) return { doubleValue: value > 0 ? "Infinity" : "-Infinity" };
      return { doubleValue: value };
  }
  if (value instanceof Uint8Array) return { bytesValue: base64(value) };
  if (Array.isArray(value)) {
    return { arrayValue: { values: value.map((v) => anyValue(v, maxLength)) } };
  }
  if (value instanceof Map || isPlainObject(value)) {
    const values: OtlpKeyValue[] = [];
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    for (const [k, v] of entries) {
      if (k === "" || k === null || k === undefined) continue;
      values.push({ key: typeof k === "string" ? k : pyStr(k), value: anyValue(v, maxLength) });
    }
    return { kvlistValue: { values } };
  }
  return { stringValue: truncate(pyStr(value), maxLength) };
}

function envInt(...names: string[]): number | null | undefined {
  for (const name of names) {
    const raw = readEnv(name);
    if (raw === undefined) continue;
    const n = Number.parseInt(raw.trim(), 10);
    if (String(n) === raw.trim()) return n;
  }
  return undefined;
}

/**
 * Python's `LogRecordLimits`: the most attributes a record keeps (default 128, or
 * `OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT` / `OTEL_ATTRIBUTE_COUNT_LIMIT`) and the longest string
 * value (no limit by default, or `OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT` /
 * `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`), read when a handler is created.
 */
export interface LogRecordLimits {
  /** The most attributes kept; the oldest are evicted past it. */
  maxAttributes: number;
  /** The longest string value, in code points, or `null`. */
  maxAttributeLength: number | null;
}

/** The limits from the environment, as Python's `LogRecordLimits()` reads them. */
export function logRecordLimits(): LogRecordLimits {
  const global = envInt("OTEL_ATTRIBUTE_COUNT_LIMIT") ?? 128;
  const globalLen = envInt("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT") ?? null;
  return {
    maxAttributes: envInt("OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT") ?? global ?? 128,
    maxAttributeLength: envInt("OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT") ?? globalLen,
  };
}

/** The exception's type name, as Python's `exctype.__name__`. */
function typeName(type: unknown, value: unknown): string | undefined {
  if (typeof type === "function" && typeof type.name === "string" && type.name) return type.name;
  if (value instanceof Error) return value.name || value.constructor?.name;
  if (value !== null && value !== undefined && typeof value === "object") {
    return (value as object).constructor?.name;
  }
  return undefined;
}

/**
 * The attributes the SDK's `LoggingHandler._get_attributes` builds, in its order: the record's
 * own attributes outside the reserved set (`extra`, and what filters added), then `code.file.path`,
 * `code.function.name`, `code.line.number`, then `exception.type`, `exception.message` and
 * `exception.stacktrace` when the record carries an error.
 */
export function recordAttributes(record: LogRecord): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const key of Object.keys(record)) {
    if (!RESERVED_ATTRS.has(key)) out.push([key, record[key]]);
  }
  out.push(["code.file.path", record.pathname]);
  out.push(["code.function.name", record.funcName]);
  out.push(["code.line.number", record.lineno]);
  const exc = record.exc_info;
  if (exc) {
    const [type, value] = exc;
    const name = typeName(type, value);
    if (name !== undefined) out.push(["exception.type", name]);
    if (value !== null && value !== undefined) {
      // Python sends str(args[0]) when the exception has arguments: JavaScript errors carry one
      // message; an empty message stands for no arguments.
      const message = value instanceof Error
        ? value.message
        : (value as { message?: unknown }).message;
      if (message !== undefined && message !== "") out.push(["exception.message", pyStr(message)]);
      out.push(["exception.stacktrace", formatException(value) + "\n"]);
    }
  }
  return out;
}

/**
 * Python's `BoundedAttributes`: keeps at most `limits.maxAttributes` entries, evicting the oldest
 * (a later value for the same key moves it to the end), and counts what was dropped.
 */
export function boundAttributes(
  entries: [string, unknown][],
  limits: LogRecordLimits,
): { attributes: OtlpKeyValue[]; dropped: number } {
  const max = limits.maxAttributes;
  const kept = new Map<string, unknown>();
  let dropped = 0;
  for (const [key, value] of entries) {
    if (max === 0 || key === "") {
      dropped++;
      continue;
    }
    if (kept.has(key)) kept.delete(key);
    if (kept.size >= max) {
      kept.delete(kept.keys().next().value as string);
      dropped++;
    }
    kept.set(key, value);
  }
  const attributes: OtlpKeyValue[] = [];
  for (const [key, value] of kept) {
    attributes.push({ key, value: anyValue(value, limits.maxAttributeLength) });
  }
  return { attributes, dropped };
}

/**
 * The body the SDK's `LoggingHandler` sends: the formatted record when the handler has a
 * formatter; otherwise a non-string message with no arguments as itself (a mapping, a sequence, a
 * number...) and any other message as `record.getMessage()`.
 */
export function recordBody(record: LogRecord, formatted?: string): unknown {
  if (formatted !== undefined) return formatted;
  const args = record.args;
  const noArgs = args === null || args === undefined ||
    (Array.isArray(args) ? args.length === 0 : Object.keys(args).length === 0);
  const msg = record.msg;
  if (noArgs && typeof msg !== "string") {
    if (
      msg === null || msg === undefined || typeof msg === "boolean" || typeof msg === "number" ||
      typeof msg === "bigint" || msg instanceof Uint8Array || Array.isArray(msg) ||
      isPlainObject(msg) || msg instanceof Map
    ) {
      return msg ?? null;
    }
    return pyStr(msg);
  }
  return record.getMessage();
}

/**
 * Translates a record as the SDK's `LoggingHandler._translate` and the OTLP encoder do, with the
 * active span's ids (from a registered `@opentelemetry/api`), or `span` when given.
 *
 * @example
 * ```ts
 * import { makeLogRecord } from "@pylog/logging";
 * import { toOtlpLogRecord } from "@pylog/logging/handlers";
 * const r = toOtlpLogRecord(makeLogRecord({ msg: "hi", levelno: 30, levelname: "WARNING" }));
 * r.severityText; // "WARN"
 * ```
 */
export function toOtlpLogRecord(
  record: LogRecord,
  formatted?: string,
  limits: LogRecordLimits = logRecordLimits(),
  span: SpanContextLike | undefined = activeSpanContext(),
): OtlpLogRecord {
  const out: OtlpLogRecord = {
    timeUnixNano: timeUnixNano(record.created),
    observedTimeUnixNano: nowUnixNano(),
  };
  const sev = severityNumber(record.levelno);
  if (sev !== 0) out.severityNumber = sev;
  const text = severityText(String(record.levelname));
  if (text !== "") out.severityText = text;
  // Python always sets the body: None is an empty value, present on the wire.
  out.body = anyValue(recordBody(record, formatted));
  const { attributes, dropped } = boundAttributes(recordAttributes(record), limits);
  if (attributes.length > 0) out.attributes = attributes;
  if (dropped > 0) out.droppedAttributesCount = dropped;
  if (span !== undefined) {
    const flags = span.traceFlags & 0xff;
    if (flags !== 0) out.flags = flags;
    out.traceId = span.traceId;
    out.spanId = span.spanId;
  }
  return out;
}

/** A resource: its attributes in order (`service.name`, `telemetry.sdk.*`, then the rest). */
export type ResourceAttributes = Record<string, unknown>;

/**
 * The resource Python's `Resource.create(attributes)` builds: the SDK's own attributes, then
 * `OTEL_RESOURCE_ATTRIBUTES` (`k=v,...`, values URL-decoded) and `OTEL_SERVICE_NAME`, then the
 * given attributes (after the SDK's own `telemetry.sdk.*` and a random `service.instance.id`, as
 * 1.45 does); `service.name` defaults to `unknown_service:<executable>` (`unknown_service`
 * where the runtime has no executable, as in workerd). `telemetry.sdk.*` name this library.
 */
export function createResource(attributes: ResourceAttributes = {}): ResourceAttributes {
  const hasProcess = typeof (globalThis as { process?: unknown }).process === "object";
  const out: ResourceAttributes = {
    "telemetry.sdk.language": hasProcess ? "nodejs" : "webjs",
    "telemetry.sdk.name": "@pylog/logging",
    "telemetry.sdk.version": "0.1.0",
  };
  // Python 1.45 adds a random service.instance.id to every resource it creates.
  const uuid = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto?.randomUUID;
  if (typeof uuid === "function") out["service.instance.id"] = uuid.call(globalThis.crypto);
  const env = readEnv("OTEL_RESOURCE_ATTRIBUTES");
  if (env) {
    for (const item of env.split(",")) {
      const eq = item.indexOf("=");
      if (eq < 0) continue;
      let value = item.slice(eq + 1).trim();
      try {
        value = decodeURIComponent(value);
      } catch {
        // Python's unquote leaves malformed escapes as they are.
      }
      out[item.slice(0, eq).trim()] = value;
    }
  }
  const serviceName = readEnv("OTEL_SERVICE_NAME");
  if (serviceName) out["service.name"] = serviceName;
  Object.assign(out, attributes);
  if (!out["service.name"]) {
    const exe = executableName();
    out["service.name"] = exe ? `unknown_service:${exe}` : "unknown_service";
  }
  return out;
}

/** The OTLP/JSON `ExportLogsServiceRequest` for one batch: one resource, one scope per logger. */
export function exportRequest(
  resource: OtlpKeyValue[],
  batch: readonly { scope: string; record: OtlpLogRecord }[],
): string {
  const scopes = new Map<string, OtlpLogRecord[]>();
  for (const { scope, record } of batch) {
    let list = scopes.get(scope);
    if (list === undefined) scopes.set(scope, list = []);
    list.push(record);
  }
  const scopeLogs = [];
  for (const [name, logRecords] of scopes) {
    scopeLogs.push({ scope: name === "" ? {} : { name }, logRecords });
  }
  return JSON.stringify({ resourceLogs: [{ resource: { attributes: resource }, scopeLogs }] });
}

/** A resource's attributes as OTLP key/values. */
export function resourceKeyValues(resource: ResourceAttributes): OtlpKeyValue[] {
  return Object.entries(resource).map(([key, value]) => ({ key, value: anyValue(value) }));
}
