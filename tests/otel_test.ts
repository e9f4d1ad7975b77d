// Trace correlation (LoggingInstrumentor) and the LoggerProvider bridge (LoggingHandler), against
// the real @opentelemetry/api, context-async-hooks and sdk-logs (dev dependencies only).
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { context, trace, TraceFlags } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from "@opentelemetry/sdk-logs";
import { readFileSync } from "node:fs";
import {
  Filter,
  getLogger,
  getLogRecordFactory,
  Handler,
  LoggingInstrumentor,
  type LogRecord,
  makeLogRecord,
  setLogRecordFactory,
  type StreamHandler,
  WARNING,
} from "../mod.ts";
import { Formatter } from "../formatters/mod.ts";
import { LoggingHandler } from "../otel/bridge.ts";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN_ID = "00f067aa0ba902b7";

class Keep extends Handler {
  records: LogRecord[] = [];
  override emit(r: LogRecord): void {
    this.records.push(r);
  }
}

function setup(): { keep: Keep; log: ReturnType<typeof getLogger> } {
  const keep = new Keep();
  const log = getLogger("otel.test");
  log.handlers = [keep];
  log.propagate = false;
  log.setLevel(10);
  return { keep, log };
}

const manager = new AsyncLocalStorageContextManager();
context.setGlobalContextManager(manager.enable());

afterEach(() => {
  new LoggingInstrumentor().uninstrument();
});

describe("LoggingInstrumentor", () => {
  it('puts "0", "0", false and the service name on records outside a span', () => {
    new LoggingInstrumentor().instrument({ inject_trace_context: true });
    const { keep, log } = setup();
    log.info("outside");
    const r = keep.records[0];
    assert.equal(r.otelTraceID, "0");
    assert.equal(r.otelSpanID, "0");
    assert.equal(r.otelTraceSampled, false);
    assert.equal(r.otelServiceName, "");
  });

  it("carries the active span's ids across await", async () => {
    new LoggingInstrumentor().instrument({ inject_trace_context: true });
    const { keep, log } = setup();
    const span = trace.wrapSpanContext({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });
    await context.with(trace.setSpan(context.active(), span), async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.info("inside");
    });
    log.info("after");
    assert.equal(keep.records[0].otelTraceID, TRACE_ID);
    assert.equal(keep.records[0].otelSpanID, SPAN_ID);
    assert.equal(keep.records[0].otelTraceSampled, true);
    assert.equal(keep.records[1].otelTraceID, "0");
  });

  it("renders the sampled flag as the library renders any boolean under %s (docs/DIVERGENCES.md)", () => {
    new LoggingInstrumentor().instrument({ inject_trace_context: true });
    const { keep, log } = setup();
    log.info("x");
    const f = new Formatter("%(otelTraceSampled)s %(otelTraceID)s");
    assert.equal(
      f.format(keep.records[0]),
      `${new Formatter("%(b)s").format(makeLogRecord({ b: false }))} 0`,
    );
  });

  it("injects nothing without inject_trace_context or set_logging_format; log_hook still runs in a span", () => {
    const hooked: string[] = [];
    new LoggingInstrumentor().instrument({
      log_hook: (span, record) => {
        hooked.push(span.spanContext().spanId);
        record.custom = "from hook";
        throw new Error("ignored, as in Python");
      },
    });
    const { keep, log } = setup();
    log.info("no span");
    const span = trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0 });
    context.with(trace.setSpan(context.active(), span), () => log.info("span"));
    assert.equal("otelTraceID" in keep.records[0], false);
    assert.equal("otelTraceID" in keep.records[1], false);
    assert.equal(keep.records[1].custom, "from hook");
    assert.deepEqual(hooked, [SPAN_ID]);
  });

  it("uninstrument() restores the previous factory", () => {
    const i = new LoggingInstrumentor();
    i.instrument({ inject_trace_context: true });
    assert.equal(i.is_instrumented_by_opentelemetry, true);
    i.uninstrument();
    const { keep, log } = setup();
    log.info("plain");
    assert.equal("otelTraceID" in keep.records[0], false);
  });
});

describe("LoggingHandler bridge into a LoggerProvider", () => {
  it("emits records with the same mapping, scope = logger name, the active span's context", async () => {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    const h = new LoggingHandler(0, provider);
    h.addFilter(
      new (class extends Filter {
        override filter(r: LogRecord): boolean {
          Object.assign(r, {
            created: 1764947200.123456,
            pathname: "/srv/app/main.py",
            funcName: "handle",
            lineno: 42,
          });
          return true;
        }
      })(),
    );
    const log = getLogger("bridge.app");
    log.handlers = [h];
    log.propagate = false;
    const span = trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 });
    await context.with(trace.setSpan(context.active(), span), async () => {
      await Promise.resolve();
      log.warning("disk %d%% full", 91, { extra: { disk: "/var" } });
    });
    await h.flush();
    const [r] = exporter.getFinishedLogRecords();
    assert.equal(r.instrumentationScope.name, "bridge.app");
    assert.equal(r.severityText, "WARN");
    assert.equal(r.severityNumber, 13);
    assert.equal(r.body, "disk 91% full");
    assert.deepEqual(r.hrTime, [1764947200, 123456000]);
    assert.deepEqual({ ...r.attributes }, {
      disk: "/var",
      "code.file.path": "/srv/app/main.py",
      "code.function.name": "handle",
      "code.line.number": 42,
    });
    assert.equal(r.spanContext?.traceId, TRACE_ID);
    assert.equal(r.spanContext?.spanId, SPAN_ID);
    await provider.shutdown();
  });

  it("refuses something that is not a LoggerProvider", () => {
    assert.throws(() => new LoggingHandler(0, {} as never), TypeError);
  });
});

// What opentelemetry-instrumentation-logging 0.66 does for the same options
// (tests/fixtures/otel_correlation.json, from scripts/gen_otel_correlation_fixtures.py).
const correlation = JSON.parse(
  readFileSync(new URL("./fixtures/otel_correlation.json", import.meta.url), "utf8"),
);
const OTEL_FIELDS = ["otelTraceID", "otelSpanID", "otelTraceSampled", "otelServiceName"];

describe("LoggingInstrumentor does what Python's does", () => {
  for (const expected of correlation.scenarios) {
    const label = JSON.stringify(expected.options) +
      (expected.provider_service ? ` + provider ${expected.provider_service}` : "");
    it(label, () => {
      const root = getLogger();
      const savedHandlers = root.handlers;
      const savedLevel = root.level;
      root.handlers = [];
      root.setLevel(WARNING);
      const base = getLogRecordFactory();
      setLogRecordFactory((...args) => {
        const r = base(...args);
        Object.assign(r, correlation.fixed);
        return r;
      });
      const hooked: string[] = [];
      const options: Record<string, unknown> = { ...expected.options };
      if (options.hook) {
        delete options.hook;
        options.log_hook = (span: { spanContext(): { spanId: string } }) =>
          hooked.push(span.spanContext().spanId);
      }
      if (expected.provider_service) {
        options.tracer_provider = {
          resource: { attributes: { "service.name": expected.provider_service } },
        };
      }
      const records: Record<string, unknown>[] = [];
      let text = "";
      try {
        new LoggingInstrumentor().instrument(options);
        assert.equal(root.handlers.length > 0, expected.basicConfig);
        if (root.handlers.length > 0) {
          const h = root.handlers[0] as StreamHandler;
          h.setStream({ write: (s: string) => (text += s) });
          // The caller is looked up after the factory ran: fix the call site again here.
          h.addFilter(
            new (class extends Filter {
              override filter(r: LogRecord): boolean {
                Object.assign(r, correlation.fixed);
                return true;
              }
            })(),
          );
        }
        assert.equal(root.level, expected.level);
        const keep = new (class extends Handler {
          override emit(r: LogRecord): void {
            records.push(
              Object.fromEntries(OTEL_FIELDS.filter((k) => k in r).map((k) => [k, r[k]])),
            );
          }
        })();
        root.addHandler(keep);
        const log = getLogger("app");
        const inSpan = (spec: { traceId: string; spanId: string; flags: number }, f: () => void) =>
          context.with(
            trace.setSpan(
              context.active(),
              trace.wrapSpanContext({
                traceId: spec.traceId,
                spanId: spec.spanId,
                traceFlags: spec.flags,
              }),
            ),
            f,
          );
        log.warning("outside");
        inSpan(correlation.sampled, () => log.warning("sampled"));
        inSpan(correlation.unsampled, () => {
          log.info("unsampled at info");
          log.warning("unsampled");
        });
      } finally {
        new LoggingInstrumentor().uninstrument();
        setLogRecordFactory(base);
        root.handlers = savedHandlers;
        root.setLevel(savedLevel);
      }
      assert.deepEqual(records, expected.records);
      assert.deepEqual(hooked, expected.hooked);
      // Booleans print as the library prints them everywhere (docs/DIVERGENCES.md).
      const stamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} /;
      const want = expected.lines.map((l: string) =>
        l.replace(stamp, "").replace(
          /trace_sampled=(True|False)/,
          (_m: string, b: string) =>
            `trace_sampled=${new Formatter("%(b)s").format(makeLogRecord({ b: b === "True" }))}`,
        )
      );
      const got = text.split("\n").filter((l) => l !== "").map((l) => l.replace(stamp, ""));
      assert.deepEqual(got, want);
    });
  }
});
