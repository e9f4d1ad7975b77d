// A service whose log lines carry the trace and span of the request that wrote them, and whose
// records also travel as OTLP to an OpenTelemetry collector, as a Python service does with
// `LoggingInstrumentor().instrument(set_logging_format=True)` and the SDK's `LoggingHandler` +
// `BatchLogRecordProcessor` + `OTLPLogExporter`.
//
// The application brings @opentelemetry/api (and a context manager); @pylog/logging imports
// nothing from it and finds it through its global registration. In a real service an HTTP
// instrumentation opens the request's span; here each request's span is made from random ids.
//
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 deno run -A examples/otel_service.ts
//   (or: bun examples/otel_service.ts, node examples/otel_service.ts)
import * as logging from "../mod.ts";
import { context, trace, TraceFlags } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

// Python: LoggingInstrumentor().instrument(set_logging_format=True)
new logging.LoggingInstrumentor().instrument({ set_logging_format: true });
// Python: handler = LoggingHandler(logger_provider=provider) with an OTLPLogExporter behind it
logging.getLogger().addHandler(
  new logging.OTLPHandler({ resource: { "service.name": "orders" } }),
);

const log = logging.getLogger("orders");

function hex(bytes: number): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

async function handle(orderId: string): Promise<void> {
  const span = trace.wrapSpanContext({
    traceId: hex(16),
    spanId: hex(8),
    traceFlags: TraceFlags.SAMPLED,
  });
  await context.with(trace.setSpan(context.active(), span), async () => {
    log.info("order %s received", orderId, { extra: { order_id: orderId } });
    await new Promise((r) => setTimeout(r, 10)); // the database, say
    log.info("order %s stored", orderId);
  });
}

await Promise.all([handle("A-1"), handle("A-2")]);
log.info("idle");
await logging.shutdown(); // sends what is queued
