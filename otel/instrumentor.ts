/**
 * `LoggingInstrumentor`, as `opentelemetry-instrumentation-logging` 0.66's: a record factory that
 * puts the active span's ids on every record (`otelTraceID`, `otelSpanID`, `otelTraceSampled`,
 * `otelServiceName`), found through `@opentelemetry/api`'s global registration (the application
 * brings `@opentelemetry/api`; this library imports nothing from it).
 *
 * @module
 */

import { basicConfig } from "../basic_config.ts";
import { getLogger } from "../logger.ts";
import { INFO } from "../levels.ts";
import {
  getLogRecordFactory,
  type LogRecord,
  type LogRecordFactory,
  setLogRecordFactory,
} from "../record.ts";
import { activeSpan, isValidSpanContext, providerServiceName, type SpanLike } from "./api.ts";
import { readEnv } from "../runtime.ts";

/** The instrumentation's default format (`DEFAULT_LOGGING_FORMAT`), character for character. */
export const DEFAULT_LOGGING_FORMAT: string =
  "%(asctime)s %(levelname)s [%(name)s] [%(filename)s:%(lineno)d] [trace_id=%(otelTraceID)s " +
  "span_id=%(otelSpanID)s resource.service.name=%(otelServiceName)s " +
  "trace_sampled=%(otelTraceSampled)s] - %(message)s";

/** The logger Python's `BaseInstrumentor` warns on. */
const INSTRUMENTOR_LOGGER = "opentelemetry.instrumentation.instrumentor";

const LEVELS: Record<string, number> = { debug: 10, info: 20, warning: 30, error: 40 };

/** Options of {@linkcode LoggingInstrumentor.instrument}, Python's keywords. */
export interface InstrumentOptions {
  /** A tracer provider whose resource names the service (default: the global one). */
  tracer_provider?: unknown;
  /** Inject the ids and call `basicConfig` with `logging_format` and `log_level` (default: `OTEL_PYTHON_LOG_CORRELATION == "true"`). */
  set_logging_format?: boolean;
  /** Inject the ids without touching the format (default `false`). */
  inject_trace_context?: boolean;
  /** The format `set_logging_format` installs (default `OTEL_PYTHON_LOG_FORMAT`, then {@linkcode DEFAULT_LOGGING_FORMAT}). */
  logging_format?: string;
  /** The level `set_logging_format` installs (default `OTEL_PYTHON_LOG_LEVEL`, then `INFO`). */
  log_level?: number;
  /** Called with the active span and the record when a valid span is active; its errors are ignored. */
  log_hook?: ((span: SpanLike, record: LogRecord) => void) | null;
}

/**
 * Python's `LoggingInstrumentor().instrument(...)` / `.uninstrument()` for trace correlation.
 * With `inject_trace_context` or `set_logging_format`, every record carries `otelTraceID` (32 hex
 * digits), `otelSpanID` (16), `otelTraceSampled` (a boolean, `False`/`True` in `%s` as in Python)
 * and `otelServiceName`; `"0"`, `"0"`, `false` when no span is active. Without either, only
 * `log_hook` runs. The handler this Python package also installs is `OTLPHandler` or
 * `LoggingHandler` here, added explicitly.
 *
 * @example
 * ```ts
 * import * as logging from "@pylog/logging";
 * new logging.LoggingInstrumentor().instrument({ set_logging_format: true });
 * logging.warning("OTel test");
 * // 2026-12-05 09:40:04,398 WARNING [root] [main.ts:3] [trace_id=0 span_id=0 resource.service.name= trace_sampled=False] - OTel test
 * ```
 */
export class LoggingInstrumentor {
  static #oldFactory: LogRecordFactory | null = null;
  static #hook: InstrumentOptions["log_hook"] = null;

  /** Whether `instrument()` is in effect. */
  get is_instrumented_by_opentelemetry(): boolean {
    return LoggingInstrumentor.#oldFactory !== null;
  }

  /**
   * Installs the record factory (once: a second call warns and does nothing, as Python's
   * `BaseInstrumentor`, whose instances share one state).
   *
   * @example
   * ```ts
   * import { LoggingInstrumentor } from "@pylog/logging";
   * new LoggingInstrumentor().instrument({ inject_trace_context: true });
   * ```
   */
  instrument(options: InstrumentOptions = {}): void {
    if (LoggingInstrumentor.#oldFactory !== null) {
      getLogger(INSTRUMENTOR_LOGGER).warning("Attempting to instrument while already instrumented");
      return;
    }
    const old = getLogRecordFactory();
    LoggingInstrumentor.#oldFactory = old;
    LoggingInstrumentor.#hook = options.log_hook ?? null;
    const provider = options.tracer_provider;
    const setFormat = options.set_logging_format ??
      (readEnv("OTEL_PYTHON_LOG_CORRELATION") ?? "false").toLowerCase() === "true";
    if (setFormat) {
      const format = options.logging_format || readEnv("OTEL_PYTHON_LOG_FORMAT") ||
        DEFAULT_LOGGING_FORMAT;
      const level = options.log_level || LEVELS[readEnv("OTEL_PYTHON_LOG_LEVEL") ?? ""] || INFO;
      basicConfig({ format, level });
    }
    const inject = setFormat || options.inject_trace_context === true;
    let serviceName: string | null = null;
    const factory: LogRecordFactory = (...args) => {
      const record = old(...args);
      const hook = LoggingInstrumentor.#hook;
      if (!inject && typeof hook !== "function") return record;
      if (inject) {
        record.otelSpanID = "0";
        record.otelTraceID = "0";
        record.otelTraceSampled = false;
        serviceName ??= providerServiceName(provider);
        record.otelServiceName = serviceName;
      }
      const span = activeSpan();
      if (span !== undefined) {
        let ctx;
        try {
          ctx = span.spanContext();
        } catch {
          ctx = undefined;
        }
        if (ctx && isValidSpanContext(ctx)) {
          if (inject) {
            record.otelSpanID = ctx.spanId;
            record.otelTraceID = ctx.traceId;
            record.otelTraceSampled = (ctx.traceFlags & 1) === 1;
          }
          if (typeof hook === "function") {
            try {
              hook(span, record);
            } catch {
              // Python ignores the hook's errors.
            }
          }
        }
      }
      return record;
    };
    setLogRecordFactory(factory);
  }

  /**
   * Restores the record factory that was in place before `instrument()` (warns when not
   * instrumented, as Python).
   *
   * @example
   * ```ts
   * import { LoggingInstrumentor } from "@pylog/logging";
   * new LoggingInstrumentor().uninstrument();
   * ```
   */
  uninstrument(): void {
    const old = LoggingInstrumentor.#oldFactory;
    if (old === null) {
      getLogger(INSTRUMENTOR_LOGGER).warning(
        "Attempting to uninstrument while already uninstrumented",
      );
      return;
    }
    setLogRecordFactory(old);
    LoggingInstrumentor.#oldFactory = null;
    LoggingInstrumentor.#hook = null;
  }
}
