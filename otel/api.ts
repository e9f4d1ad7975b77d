/**
 * The OpenTelemetry JS API, found the way `@opentelemetry/api` finds itself: through its global
 * registration (`globalThis[Symbol.for("opentelemetry.js.api.1")]`, an object holding `version`,
 * `context`, `trace`...). This library imports nothing from `@opentelemetry`; an application that
 * brings `@opentelemetry/api` and registers a context manager (and tracer provider) is seen here.
 *
 * @module
 */

/** A span context as `@opentelemetry/api` describes one: hex ids and W3C trace flags. */
export interface SpanContextLike {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  /** W3C trace flags: bit 0 is "sampled". */
  traceFlags: number;
}

/** A span as `@opentelemetry/api` describes one (only what is read here). */
export interface SpanLike {
  /** The span's identifiers. */
  spanContext(): SpanContextLike;
  /** Whether the span records events. */
  isRecording?(): boolean;
}

interface ContextLike {
  getValue(key: symbol): unknown;
}

interface GlobalApi {
  version?: string;
  context?: { active(): ContextLike };
  trace?: unknown;
}

/** `@opentelemetry/api`'s global key for API major version 1 (`opentelemetry.js.api.<major>`). */
const API_KEY = Symbol.for("opentelemetry.js.api.1");
/** `@opentelemetry/api`'s context key of the active span (`createContextKey` is `Symbol.for`). */
const SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");

/** The registered global API object, or `undefined` when no `@opentelemetry/api` registered one. */
export function otelGlobal(): GlobalApi | undefined {
  return (globalThis as Record<symbol, GlobalApi | undefined>)[API_KEY];
}

const HEX = /^[0-9a-f]+$/;

/** `@opentelemetry/api`'s `isSpanContextValid`: hex ids of the right length, not all zeros. */
export function isValidSpanContext(ctx: SpanContextLike | undefined | null): boolean {
  if (!ctx || typeof ctx !== "object") return false;
  const { traceId, spanId } = ctx;
  return typeof traceId === "string" && traceId.length === 32 && HEX.test(traceId) &&
    traceId !== "00000000000000000000000000000000" &&
    typeof spanId === "string" && spanId.length === 16 && HEX.test(spanId) &&
    spanId !== "0000000000000000";
}

/**
 * The active span of the registered API's context manager (Python's `get_current_span()`), or
 * `undefined` when no API is registered, no context manager is, or no span is active. One global
 * lookup when nothing is registered.
 */
export function activeSpan(): SpanLike | undefined {
  const api = (globalThis as Record<symbol, GlobalApi | undefined>)[API_KEY];
  if (api === undefined) return undefined;
  const manager = api.context;
  if (manager === undefined) return undefined;
  try {
    const span = manager.active()?.getValue(SPAN_KEY) as SpanLike | undefined;
    return span && typeof span.spanContext === "function" ? span : undefined;
  } catch {
    return undefined;
  }
}

/** The active span's context when it is valid (Python's `!= INVALID_SPAN_CONTEXT`), else `undefined`. */
export function activeSpanContext(): SpanContextLike | undefined {
  const span = activeSpan();
  if (span === undefined) return undefined;
  try {
    const ctx = span.spanContext();
    return isValidSpanContext(ctx) ? ctx : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `service.name` of a tracer provider's resource, as the Python instrumentation reads
 * `provider.resource.attributes["service.name"]`; the global provider (through its proxy's
 * delegate) when none is given. `""` when there is none.
 */
export function providerServiceName(provider?: unknown): string {
  try {
    let p = provider ?? otelGlobal()?.trace;
    const delegate = (p as { getDelegate?: () => unknown } | undefined)?.getDelegate;
    if (typeof delegate === "function") p = delegate.call(p);
    const holder = p as { resource?: unknown; _resource?: unknown } | undefined;
    const resource = (holder?.resource ?? holder?._resource) as
      | { attributes?: Record<string, unknown> }
      | undefined;
    const name = resource?.attributes?.["service.name"];
    return typeof name === "string" && name ? name : "";
  } catch {
    return "";
  }
}
