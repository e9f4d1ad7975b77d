/**
 * `OTLPHandler`: what a Python service gets from the SDK's `LoggingHandler` +
 * `BatchLogRecordProcessor` + `OTLPLogExporter`, in one handler with no dependency: each record is
 * translated as the Python SDK 1.45 translates it and sent as OTLP/HTTP JSON with `fetch` to an
 * OpenTelemetry collector, so it runs on Deno, Bun, Node, workerd and browsers.
 *
 * ```ts
 * import * as logging from "@pylog/logging";
 * logging.getLogger().addHandler(new logging.OTLPHandler({ endpoint: "http://collector:4318/v1/logs" }));
 * // at the end (or ctx.waitUntil(logging.flush()) in a Worker):
 * await logging.shutdown();
 * ```
 *
 * @module
 */

import { Handler } from "./handler.ts";
import { onExit, onFatalError } from "../exit.ts";
import { slot } from "../state.ts";
import { flushAllSinksSync } from "./sink.ts";
import type { LogRecord } from "../record.ts";
import { addCallerConsumer } from "../caller.ts";
import {
  BatchLogRecordProcessor,
  type BatchOptions,
  EXPORTER_LOGGER,
  OTLPLogExporter,
  type OTLPLogExporterOptions,
  PROCESSOR_LOGGER,
  reportLogger,
} from "./otlp_export.ts";
import {
  createResource,
  exportRequest,
  type LogRecordLimits,
  logRecordLimits,
  type OtlpKeyValue,
  type OtlpLogRecord,
  type ResourceAttributes,
  resourceKeyValues,
  toOtlpLogRecord,
} from "../otel/mapping.ts";

/** Options of {@linkcode OTLPHandler}: Python's `OTLPLogExporter` and `BatchLogRecordProcessor` keywords. */
export interface OTLPHandlerOptions extends OTLPLogExporterOptions, BatchOptions {
  /** The handler's level (default `NOTSET`). */
  level?: number | string;
  /** Resource attributes added to the SDK's defaults and `OTEL_RESOURCE_ATTRIBUTES`. */
  resource?: ResourceAttributes;
}

/** A translated record waiting in `OTLPHandler`'s queue, with its scope (the logger's name). */
export interface QueuedLogRecord {
  /** The instrumentation scope: the logger's name. */
  scope: string;
  /** The OTLP/JSON record. */
  record: OtlpLogRecord;
}

/**
 * Sends records to an OpenTelemetry collector as OTLP/HTTP JSON, mapped as Python's SDK 1.45
 * `LoggingHandler` maps them (`body`, severity, `extra` as attributes, `code.*`, `exception.*`,
 * the active span's ids, scope = logger name), batched as its `BatchLogRecordProcessor` batches
 * and retried as its `OTLPLogExporter` retries. `emit` only translates and queues; `flush()`
 * exports what is queued and `close()` (called by `logging.shutdown()`) exports it and stops.
 * Records of the exporter's own report loggers are never sent through it.
 *
 * @example
 * ```ts
 * import { getLogger, OTLPHandler, shutdown } from "@pylog/logging";
 * const h = new OTLPHandler({
 *   endpoint: "http://127.0.0.1:4318/v1/logs",
 *   resource: { "service.name": "checkout" },
 *   schedule_delay_millis: 500,
 * });
 * getLogger().addHandler(h);
 * getLogger("app").warning("disk %d%% full", 91, { extra: { disk: "/var" } });
 * await shutdown();
 * ```
 */
export class OTLPHandler extends Handler {
  /** The exporter (endpoint, timeout; headers are kept secret). */
  readonly exporter: OTLPLogExporter;
  /** The batch processor (queue size, delay, batch size). */
  readonly processor: BatchLogRecordProcessor<QueuedLogRecord>;
  #given: ResourceAttributes | undefined;
  #resourceAttributes: ResourceAttributes | null = null;
  #resource: OtlpKeyValue[] | null = null;
  #limits: LogRecordLimits;
  /** How the exit hook finds this handler without keeping it alive. */
  #exitRef: WeakRef<OTLPHandler> = new WeakRef(this);

  /** Creates the handler; what is not given comes from the `OTEL_*` environment, as in Python. */
  constructor(options: OTLPHandlerOptions = {}) {
    super(options.level);
    this.exporter = new OTLPLogExporter(options);
    // Built at the first export: its random service.instance.id may not be drawn in a Worker's
    // global scope, where handlers are usually created.
    this.#given = options.resource;
    this.#limits = logRecordLimits();
    this.processor = new BatchLogRecordProcessor<QueuedLogRecord>(
      (batch) => {
        this.#resource ??= resourceKeyValues(this.resource);
        return this.exporter.export(exportRequest(this.#resource, batch));
      },
      options,
      () => this.exporter.shutdown(),
    );
    // The collector receives code.file.path, code.function.name and code.line.number.
    addCallerConsumer(this);
    exitHandlers().add(this.#exitRef);
  }

  /**
   * The resource sent with every batch (`service.name`, `telemetry.sdk.*`, `service.instance.id`,
   * `OTEL_RESOURCE_ATTRIBUTES`, the `resource` option), made on first use.
   *
   * @example
   * ```ts
   * import { OTLPHandler } from "@pylog/logging";
   * new OTLPHandler({ resource: { "service.name": "api" } }).resource["service.name"]; // "api"
   * ```
   */
  get resource(): ResourceAttributes {
    return this.#resourceAttributes ??= createResource(this.#given);
  }

  /**
   * Translates the record (as Python's `LoggingHandler._translate`) and queues it.
   *
   * @example
   * ```ts
   * import { makeLogRecord, OTLPHandler } from "@pylog/logging";
   * new OTLPHandler({ endpoint: "http://127.0.0.1:4318/v1/logs" }).emit(makeLogRecord({ msg: "x" }));
   * ```
   */
  override emit(record: LogRecord): void {
    const name = record.name;
    if (name === EXPORTER_LOGGER || name === PROCESSOR_LOGGER) return;
    try {
      const formatted = this.formatter ? this.format(record) : undefined;
      this.processor.emit({
        scope: name,
        record: toOtlpLogRecord(record, formatted, this.#limits),
      });
    } catch (error) {
      this.handleError(record, error);
    }
  }

  /**
   * Exports everything queued; resolves when the collector answered (or the export failed).
   *
   * @example
   * ```ts
   * import { OTLPHandler } from "@pylog/logging";
   * await new OTLPHandler({ endpoint: "http://127.0.0.1:4318/v1/logs" }).flush();
   * ```
   */
  override flush(): Promise<void> {
    return this.processor.forceFlush().then(() => undefined);
  }

  /**
   * Exports what is queued and stops, within `timeout_millis` (default 30000, as Python's
   * `shutdown`); later records are ignored.
   *
   * @example
   * ```ts
   * import { OTLPHandler } from "@pylog/logging";
   * await new OTLPHandler({ endpoint: "http://127.0.0.1:4318/v1/logs" }).close();
   * ```
   */
  override close(timeout_millis = 30000): Promise<void> {
    return this.processor.shutdown(timeout_millis).then(() => {
      exitHandlers().delete(this.#exitRef);
      super.close();
    });
  }
}

/** The live OTLP handlers whose queues the exit hook sends; the hook is added with the first. */
function exitHandlers(): Set<WeakRef<OTLPHandler>> {
  return slot("otlp.exit", () => {
    onExit(exportQueuedAtExit);
    // Deno ends on an uncaught error through its `error` event, without `unload`.
    onFatalError(exportQueuedAtExit);
    return new Set<WeakRef<OTLPHandler>>();
  });
}

/**
 * At exit: sends what `handler` still has queued synchronously (see `OTLPLogExporter.exportSync`),
 * in batches of `max_export_batch_size`, and reports on the processor's logger if it cannot.
 */
function exportQueuedSync(handler: OTLPHandler): void {
  const items = handler.processor.takeQueued();
  if (items.length === 0) return;
  let failure: string | null;
  try {
    const resource = resourceKeyValues(handler.resource);
    const bodies: string[] = [];
    const size = handler.processor.max_export_batch_size;
    for (let i = 0; i < items.length; i += size) {
      bodies.push(exportRequest(resource, items.slice(i, i + size)));
    }
    failure = handler.exporter.exportSync(bodies);
  } catch (error) {
    failure = String((error as Error)?.message ?? error);
  }
  if (failure !== null) {
    reportLogger(PROCESSOR_LOGGER).error(
      "Exception while exporting %s at exit: %d record(s) not sent: %s",
      "Log",
      items.length,
      failure,
    );
  }
}

function exportQueuedAtExit(): void {
  for (const ref of exitHandlers()) {
    const handler = ref.deref();
    if (handler === undefined) continue;
    try {
      exportQueuedSync(handler);
    } catch {
      // Exit hooks must not throw; the next handler still sends.
    }
  }
  // The reports made here were buffered after shutdown's own drain.
  flushAllSinksSync();
}
