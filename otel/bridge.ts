/**
 * `LoggingHandler`: the bridge for applications that already run the OpenTelemetry JS SDK. Each
 * record is translated as Python's SDK 1.45 `LoggingHandler` translates it and emitted into the
 * `LoggerProvider` given (the `@opentelemetry/api-logs` interface, duck-typed), so it reaches
 * whatever processors and exporters the application configured.
 *
 * @module
 */

import { Handler } from "../handlers/handler.ts";
import type { LogRecord } from "../record.ts";
import { addCallerConsumer } from "../caller.ts";
import { recordAttributes, recordBody, severityNumber, severityText } from "./mapping.ts";

/** What is read of an `@opentelemetry/api-logs` `Logger`. */
export interface OtelLoggerLike {
  /** Emits one log record. */
  emit(record: Record<string, unknown>): void;
}

/** What is read of an `@opentelemetry/api-logs` `LoggerProvider`. */
export interface LoggerProviderLike {
  /** The logger of an instrumentation scope. */
  getLogger(name: string, version?: string, options?: unknown): OtelLoggerLike;
  /** The SDK's `forceFlush`, when it has one. */
  forceFlush?(): Promise<void>;
}

/**
 * Python's `opentelemetry.sdk._logs.LoggingHandler(level, logger_provider)`: emits every record
 * into the given `LoggerProvider`, scope = logger name, with the same timestamp (nanoseconds from
 * `created`), severity number and text, body and attributes (`extra`, `code.*`, `exception.*`) as
 * `OTLPHandler` sends; the trace context is the SDK's active context at the call. The provider's
 * own limits and processors apply after that. `flush()` calls the provider's `forceFlush()`.
 *
 * @example
 * ```ts
 * import { getLogger, LoggingHandler } from "@pylog/logging";
 * import { LoggerProvider, SimpleLogRecordProcessor, ConsoleLogRecordExporter } from "@opentelemetry/sdk-logs";
 * const provider = new LoggerProvider({
 *   processors: [new SimpleLogRecordProcessor(new ConsoleLogRecordExporter())],
 * });
 * getLogger().addHandler(new LoggingHandler(0, provider));
 * getLogger("app").info("hello");
 * ```
 */
export class LoggingHandler extends Handler {
  /** The provider records are emitted into. */
  readonly logger_provider: LoggerProviderLike;
  #loggers = new Map<string, OtelLoggerLike>();

  /** Creates the bridge, as Python's `LoggingHandler(level=NOTSET, logger_provider=...)`. */
  constructor(level: number | string = 0, logger_provider?: LoggerProviderLike) {
    super(level);
    if (!logger_provider || typeof logger_provider.getLogger !== "function") {
      throw new TypeError("LoggingHandler needs a LoggerProvider (an object with getLogger())");
    }
    this.logger_provider = logger_provider;
    addCallerConsumer(this);
  }

  /**
   * Translates the record and emits it into the provider's logger for `record.name`.
   *
   * @example
   * ```ts
   * import { LoggingHandler, makeLogRecord } from "@pylog/logging";
   * const seen: unknown[] = [];
   * const provider = { getLogger: () => ({ emit: (r: unknown) => seen.push(r) }) };
   * new LoggingHandler(0, provider).emit(makeLogRecord({ msg: "x" }));
   * ```
   */
  override emit(record: LogRecord): void {
    try {
      const name = record.name;
      let logger = this.#loggers.get(name);
      if (logger === undefined) {
        logger = this.logger_provider.getLogger(name);
        this.#loggers.set(name, logger);
      }
      const formatted = this.formatter ? this.format(record) : undefined;
      const ns = BigInt(Math.trunc(record.created * 1e9));
      const attributes: Record<string, unknown> = {};
      for (const [k, v] of recordAttributes(record)) {
        if (k in attributes) delete attributes[k];
        attributes[k] = v;
      }
      const sev = severityNumber(record.levelno);
      const out: Record<string, unknown> = {
        // HrTime: [seconds, nanoseconds], exact where milliseconds would round.
        timestamp: [Number(ns / 1000000000n), Number(ns % 1000000000n)],
        severityText: severityText(String(record.levelname)),
        body: recordBody(record, formatted),
        attributes,
      };
      if (sev !== 0) out.severityNumber = sev;
      logger.emit(out);
    } catch (error) {
      this.handleError(record, error);
    }
  }

  /**
   * Calls the provider's `forceFlush()` when it has one.
   *
   * @example
   * ```ts
   * import { LoggingHandler } from "@pylog/logging";
   * await new LoggingHandler(0, { getLogger: () => ({ emit() {} }) }).flush();
   * ```
   */
  override flush(): Promise<void> {
    const f = this.logger_provider.forceFlush;
    return typeof f === "function"
      ? f.call(this.logger_provider).catch(() => {})
      : Promise.resolve();
  }
}
