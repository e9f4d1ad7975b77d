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
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
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
  const i = new LoggingInstrumentor();
  if (i.is_instrumented_by_opentelemetry) i.uninstrument();
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

  it("warns as Python's BaseInstrumentor on a second instrument() or an extra uninstrument()", () => {
    const warned: string[] = [];
    const w = getLogger("opentelemetry.instrumentation.instrumentor");
    const keep = new (class extends Handler {
      override emit(r: LogRecord): void {
        warned.push(`${r.levelname}:${r.getMessage()}`);
      }
    })();
    w.addHandler(keep);
    try {
      new LoggingInstrumentor().instrument({ inject_trace_context: true });
      new LoggingInstrumentor().instrument({});
      new LoggingInstrumentor().uninstrument();
      new LoggingInstrumentor().uninstrument();
    } finally {
      w.removeHandler(keep);
    }
    assert.deepEqual(warned, [
      "WARNING:Attempting to instrument while already instrumented",
      "WARNING:Attempting to uninstrument while already uninstrumented",
    ]);
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
      let savedApp: { disabled: boolean; level: number; propagate: boolean } | null = null;
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
        const log = getLogger("otel.app");
        // Bun runs every test file in one process: another file may have disabled "otel.app".
        savedApp = { disabled: log.disabled, level: log.level, propagate: log.propagate };
        log.disabled = false;
        log.setLevel(0);
        log.propagate = true;
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
        if (savedApp) {
          const app = getLogger("otel.app");
          app.disabled = savedApp.disabled;
          app.propagate = savedApp.propagate;
          app.setLevel(savedApp.level);
        }
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

describe("examples/otel_service.ts", () => {
  it(
    "prints trace ids in its lines and posts the same records as OTLP",
    { timeout: 60000 },
    async () => {
      const bodies: unknown[] = [];
      const collector = createServer((req, res) => {
        let data = "";
        req.setEncoding("utf8").on("data", (c: string) => (data += c)).on("end", () => {
          bodies.push(JSON.parse(data));
          res.end();
        });
      });
      await new Promise<void>((r) => collector.listen(0, "127.0.0.1", r));
      const port = (collector.address() as { port: number }).port;
      const file = fileURLToPath(new URL("../examples/otel_service.ts", import.meta.url));
      const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
      const child = spawn(process.execPath, isDeno ? ["run", "-A", file] : [file], {
        env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      const status = await new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      collector.closeAllConnections?.();
      await new Promise<void>((r) => collector.close(() => r()));
      assert.equal(status, 0, stderr);
      const lines = stderr.trimEnd().split("\n");
      const line =
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO \[orders\] \[otel_service\.ts:\d+\] \[trace_id=([0-9a-f]{32}|0) span_id=([0-9a-f]{16}|0) resource\.service\.name= trace_sampled=(true|false)\] - (.*)$/;
      assert.equal(lines.length, 5, stderr);
      const seen = lines.map((l) => {
        const m = l.match(line);
        assert.ok(m, l);
        return { trace: m[1], message: m[4] };
      });
      assert.equal(seen[4].trace, "0"); // "idle": outside any span
      const byOrder = (id: string) => seen.filter((s) => s.message.includes(id));
      for (const id of ["A-1", "A-2"]) {
        const two = byOrder(id);
        assert.equal(two.length, 2);
        assert.notEqual(two[0].trace, "0");
        assert.equal(two[0].trace, two[1].trace); // the same request, across an await
      }
      assert.notEqual(byOrder("A-1")[0].trace, byOrder("A-2")[0].trace);
      // deno-lint-ignore no-explicit-any
      const records = bodies.flatMap((b: any) =>
        // deno-lint-ignore no-explicit-any
        b.resourceLogs.flatMap((rl: any) => rl.scopeLogs.flatMap((sl: any) => sl.logRecords))
      );
      assert.equal(records.length, 5);
      for (const r of records) {
        const text = r.body.stringValue;
        const printed = seen.find((s) => text.endsWith(s.message));
        assert.ok(printed, text);
        assert.equal(r.traceId ?? "0", printed.trace);
      }
    },
  );
});
