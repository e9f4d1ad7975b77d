// OTLPHandler: the OTLP/JSON it posts equals what Python's SDK 1.45 posts for the same calls
// (tests/fixtures/otlp.json, from scripts/gen_otlp_fixtures.py), field by field minus observed
// times, the stack trace text and SDK version attributes; retries and reports as Python's exporter.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { gunzipSync, inflateSync } from "node:zlib";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Filter, getLogger, Handler, INFO, type LogRecord } from "../mod.ts";
import { ValueError } from "../py/errors.ts";
import { Formatter } from "../formatters/mod.ts";
import { dictConfig } from "../config/mod.ts";
import { OTLPHandler } from "../handlers/otlp.ts";
import {
  EXPORTER_LOGGER,
  OTLPLogExporter,
  parseEnvHeaders,
  retryAfterSeconds,
} from "../handlers/otlp_export.ts";
import { severityNumber } from "../otel/mapping.ts";

// deno-lint-ignore no-explicit-any
type Json = any;
const fixture: Json = JSON.parse(
  readFileSync(new URL("./fixtures/otlp.json", import.meta.url), "utf8"),
);
const scenarios: Json = JSON.parse(
  readFileSync(new URL("./fixtures/otlp_scenarios.json", import.meta.url), "utf8"),
);

interface Peer {
  url: string;
  bodies: Json[];
  headers: Record<string, string | string[] | undefined>[];
  plan: number[];
  hang: boolean;
  server: Server;
  close(): Promise<void>;
}

async function peer(): Promise<Peer> {
  const p = { bodies: [], headers: [], plan: [], hang: false } as unknown as Peer;
  const waiting: ServerResponse[] = [];
  p.server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Uint8Array[] = [];
    req.on("data", (c: Uint8Array) => chunks.push(c));
    req.on("end", () => {
      let raw = Buffer.concat(chunks);
      const encoding = req.headers["content-encoding"];
      if (encoding === "gzip") raw = gunzipSync(raw);
      else if (encoding === "deflate") raw = inflateSync(raw);
      p.bodies.push(JSON.parse(raw.toString("utf8")));
      p.headers.push(req.headers);
      if (p.hang) {
        waiting.push(res);
        return;
      }
      const status = p.plan.length > 0 ? p.plan.shift()! : 200;
      res.writeHead(status, status === 429 ? { "Retry-After": "0" } : {});
      res.end();
    });
  });
  await new Promise<void>((r) => p.server.listen(0, "127.0.0.1", r));
  p.url = `http://127.0.0.1:${(p.server.address() as AddressInfo).port}/v1/logs`;
  p.close = () =>
    new Promise<void>((r) => {
      for (const w of waiting) w.destroy();
      p.server.closeAllConnections?.();
      p.server.close(() => r());
    });
  return p;
}

class Fixed extends Filter {
  fields: Record<string, unknown>;
  constructor(fields: Record<string, unknown>) {
    super();
    this.fields = fields;
  }
  override filter(record: LogRecord): boolean {
    Object.assign(record, this.fields);
    return true;
  }
}

function jsValue(v: Json): unknown {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    if ("$bytes" in v) return Uint8Array.from(atob(v.$bytes), (c) => c.charCodeAt(0));
    if ("$float" in v) return v.$float;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsValue(x)]));
  }
  if (Array.isArray(v)) return v.map(jsValue);
  return v;
}

/** Registers a fake `@opentelemetry/api` global whose active span is `span` while `fn` runs. */
function withSpan(span: Json, fn: () => void): void {
  const key = Symbol.for("opentelemetry.js.api.1");
  const g = globalThis as Record<symbol, unknown>;
  const before = g[key];
  const ctx = {
    getValue: (k: symbol) => k === Symbol.for("OpenTelemetry Context Key SPAN") ? s : undefined,
  };
  const s = {
    spanContext: () => ({ traceId: span.traceId, spanId: span.spanId, traceFlags: span.flags }),
  };
  g[key] = { version: "1.10.0", context: { active: () => ctx } };
  try {
    fn();
  } finally {
    g[key] = before;
  }
}

const IGNORED_RESOURCE = new Set([
  "telemetry.sdk.language",
  "telemetry.sdk.name",
  "telemetry.sdk.version",
  "service.instance.id",
]);

function normalize(body: Json): Json {
  const copy = structuredClone(body);
  for (const rl of copy.resourceLogs) {
    rl.resource.attributes = rl.resource.attributes.filter((a: Json) =>
      !IGNORED_RESOURCE.has(a.key)
    );
    for (const a of rl.resource.attributes) {
      // The default names the executable: python3.13's basename there, node/deno/bun here.
      if (a.key === "service.name" && a.value.stringValue.startsWith("unknown_service")) {
        a.value.stringValue = "unknown_service:<executable>";
      }
    }
    for (const sl of rl.scopeLogs) {
      for (const r of sl.logRecords) {
        delete r.observedTimeUnixNano;
        for (const a of r.attributes ?? []) {
          if (a.key === "exception.stacktrace") {
            // Frames differ between the two programs; the last line is the exception's.
            const lines = a.value.stringValue.trimEnd().split("\n");
            a.value.stringValue = `${lines[0]}\n...\n${lines[lines.length - 1]}\n`;
          }
        }
      }
    }
  }
  return copy;
}

async function runScenario(name: string, url: string): Promise<void> {
  const scenario = scenarios[name];
  const h = new OTLPHandler({
    endpoint: url,
    schedule_delay_millis: 60000,
    resource: scenario.resource,
  });
  h.addFilter(new Fixed(scenario.fixed));
  if (scenario.format) h.setFormatter(new Formatter(scenario.format));
  for (const call of scenario.calls) {
    const logger = getLogger(call.logger === "root" ? undefined : call.logger);
    // Bun runs every test file in one process: leave the shared loggers as they were found.
    const saved = {
      handlers: logger.handlers,
      propagate: logger.propagate,
      level: logger.level,
      disabled: logger.disabled,
    };
    logger.handlers = [h];
    logger.propagate = false;
    logger.disabled = false;
    logger.setLevel(1);
    const kwargs: Record<string, unknown> = {};
    if (call.extra) kwargs.extra = jsValue(call.extra);
    if (call.exc) {
      const E = call.exc.type === "ValueError" ? ValueError : class RuntimeError extends Error {
        constructor(m?: string) {
          super(m);
          this.name = "RuntimeError";
        }
      };
      try {
        throw new E(...call.exc.args);
      } catch (err) {
        kwargs.exc_info = err;
      }
    }
    const args = (call.args ?? []).map(jsValue);
    const log = () =>
      logger.log(
        call.level,
        jsValue(call.msg),
        ...args,
        ...(Object.keys(kwargs).length ? [kwargs] : []),
      );
    try {
      if (call.span) withSpan(call.span, log);
      else log();
    } finally {
      logger.handlers = saved.handlers;
      logger.propagate = saved.propagate;
      logger.disabled = saved.disabled;
      logger.setLevel(saved.level);
    }
  }
  await h.close();
}

const peers: Peer[] = [];
after(async () => {
  for (const p of peers) await p.close();
});

describe("OTLPHandler sends what Python's SDK 1.45 sends", () => {
  for (const name of Object.keys(scenarios)) {
    it(name, async () => {
      const p = await peer();
      peers.push(p);
      await runScenario(name, p.url);
      assert.deepEqual(p.bodies.map(normalize), fixture.scenarios[name].map(normalize));
      assert.equal(p.headers[0]["content-type"], "application/json");
    });
  }

  it("keeps Python's severity table (renames WARNING/CRITICAL, 0 below 10, FATAL4 above 53)", () => {
    assert.deepEqual(
      [5, 10, 11, 12, 13, 19, 20, 30, 33, 40, 50, 53, 54].map(severityNumber),
      [0, 5, 6, 7, 8, 8, 9, 13, 16, 17, 21, 24, 24],
    );
  });
});

class Keep extends Handler {
  records: [string, string, string][] = [];
  override emit(r: LogRecord): void {
    this.records.push([r.name, r.levelname, String(r.msg)]);
  }
}

describe("OTLPLogExporter retries what Python's retries", () => {
  for (const expected of fixture.retries) {
    it(`${expected.hanging ? "hanging collector" : JSON.stringify(expected.plan)}`, async () => {
      const p = await peer();
      peers.push(p);
      p.plan = [...expected.plan];
      p.hang = expected.hanging;
      const keep = new Keep();
      const otel = getLogger("opentelemetry");
      otel.addHandler(keep);
      const exporter = new OTLPLogExporter({
        endpoint: p.url,
        timeout: expected.hanging ? 1 : 120,
      });
      exporter._compute_backoff = () => 0.01; // as the generator does on Python's side
      let result;
      try {
        result = await exporter.export(JSON.stringify({ resourceLogs: [] }));
      } finally {
        otel.removeHandler(keep);
        exporter.shutdown();
      }
      assert.equal(p.bodies.length, expected.requests);
      assert.equal(result.success, expected.success);
      // Python's duplicate filter hides a repeated message within 20 s: compare the first reports.
      const seen = keep.records.filter((r) => r[0] === EXPORTER_LOGGER);
      assert.deepEqual(seen.slice(0, 1), expected.reports.slice(0, 1));
    });
  }
});

describe("OTLPHandler under faults", () => {
  it("keeps every record and their order through 429 and 503 answers", async () => {
    const p = await peer();
    peers.push(p);
    p.plan = [429, 503];
    const h = new OTLPHandler({
      endpoint: p.url,
      max_export_batch_size: 2,
      schedule_delay_millis: 5,
    });
    const log = getLogger("faults.order");
    log.propagate = false;
    log.handlers = [h];
    h.exporter._compute_backoff = () => 0.01;
    for (let i = 0; i < 6; i++) log.warning("record %d", i);
    await h.close();
    const bodies = p.bodies.slice(2).flatMap((b: Json) =>
      b.resourceLogs[0].scopeLogs[0].logRecords.map((r: Json) => r.body.stringValue)
    );
    assert.deepEqual(bodies, [0, 1, 2, 3, 4, 5].map((i) => `record ${i}`));
  });

  it("drops a batch answered 400 and reports it on the exporter's logger, not through itself", async () => {
    const p = await peer();
    peers.push(p);
    p.plan = [400];
    const h = new OTLPHandler({ endpoint: p.url, schedule_delay_millis: 5 });
    const keep = new Keep();
    const root = getLogger();
    const saved = root.handlers;
    root.handlers = [h, keep];
    try {
      getLogger("faults.bad").error("rejected");
      await h.flush();
      await h.flush();
    } finally {
      root.handlers = saved;
      await h.close();
    }
    assert.equal(p.bodies.length, 1);
    assert.ok(keep.records.some((r) => r[0] === EXPORTER_LOGGER && r[1] === "ERROR"));
  });

  it("a collector that is down: nothing thrown, shutdown() returns within its timeout", async () => {
    const p = await peer();
    await p.close();
    const h = new OTLPHandler({ endpoint: p.url, timeout: 30 });
    const log = getLogger("faults.down");
    log.propagate = false;
    log.handlers = [h];
    log.error("nobody listens");
    const started = Date.now();
    await h.close(300);
    assert.ok(Date.now() - started < 10000);
  });

  it("a full queue drops the oldest record and says so, as Python's deque", async () => {
    const p = await peer();
    peers.push(p);
    const keep = new Keep();
    getLogger("opentelemetry").addHandler(keep);
    const h = new OTLPHandler({
      endpoint: p.url,
      max_queue_size: 3,
      max_export_batch_size: 3,
      schedule_delay_millis: 60000,
    });
    const log = getLogger("faults.full");
    log.propagate = false;
    log.handlers = [h];
    try {
      // The fourth record fills past the limit before the export timer runs.
      for (let i = 0; i < 4; i++) log.warning("q%d", i);
      await h.close();
    } finally {
      getLogger("opentelemetry").removeHandler(keep);
    }
    const sent = p.bodies.flatMap((b: Json) =>
      b.resourceLogs[0].scopeLogs[0].logRecords.map((r: Json) => r.body.stringValue)
    );
    assert.deepEqual(sent, ["q1", "q2", "q3"]);
    assert.deepEqual(keep.records[0], [
      "opentelemetry.sdk._shared_internal",
      "WARNING",
      "Queue full, dropping %s.",
    ]);
  });
});

describe("configuration as Python reads it", () => {
  it("parses OTEL_EXPORTER_OTLP_HEADERS as parse_env_headers(liberal=True)", () => {
    assert.deepEqual(parseEnvHeaders("Api-Key=a%20b, x-tenant = t1 ,bad"), {
      "api-key": "a b",
      "x-tenant": "t1",
    });
  });
  it("reads Retry-After as seconds or an HTTP date", () => {
    assert.equal(retryAfterSeconds("3"), 3);
    assert.equal(retryAfterSeconds("-1"), 0);
    assert.equal(retryAfterSeconds("soon"), null);
    assert.equal(retryAfterSeconds("Thu, 01 Jan 1970 00:00:10 GMT", 0), 10);
  });
  it("never shows its headers", () => {
    const h = new OTLPHandler({
      endpoint: "http://127.0.0.1:9/v1/logs",
      headers: { Authorization: "Bearer s3cret" },
    });
    assert.ok(!JSON.stringify(h).includes("s3cret"));
    assert.ok(!JSON.stringify(h.exporter).includes("s3cret"));
    assert.ok(!inspect(h, { depth: 5 }).includes("s3cret"));
    assert.ok(!inspect(h.exporter, { depth: 5 }).includes("s3cret"));
    assert.ok(!inspect(h.processor, { depth: 5, showHidden: true }).includes("s3cret"));
    const deno = (globalThis as { Deno?: { inspect(v: unknown, o?: unknown): string } }).Deno;
    if (deno) assert.ok(!deno.inspect(h, { depth: 5 }).includes("s3cret"));
    assert.deepEqual(h.exporter.headerNames, ["content-type", "authorization"]);
    // Python's attribute name reads the secret; it is no own property, and inspect masks it.
    assert.equal(h.exporter._headers.authorization, "Bearer s3cret");
    assert.ok(!Object.keys(h.exporter).includes("_headers"));
    assert.match(inspect(h.exporter), /_headers: '\*{8}'/);
    if (deno) assert.match(deno.inspect(h.exporter), /_headers: "\*{8}"/);
    void h.close(0);
  });
});

describe("OTLPHandler: environment, size and overlap", () => {
  it("reads OTEL_EXPORTER_OTLP_* and OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES when created", () => {
    const names = [
      "OTEL_EXPORTER_OTLP_ENDPOINT",
      "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
      "OTEL_EXPORTER_OTLP_HEADERS",
      "OTEL_EXPORTER_OTLP_TIMEOUT",
      "OTEL_SERVICE_NAME",
      "OTEL_RESOURCE_ATTRIBUTES",
      "OTEL_BLRP_SCHEDULE_DELAY",
      "OTEL_BLRP_MAX_QUEUE_SIZE",
    ];
    const saved = names.map((n) => process.env[n]);
    try {
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = "http://collector:4318/";
      process.env.OTEL_EXPORTER_OTLP_HEADERS = "api-key=s3cret";
      process.env.OTEL_EXPORTER_OTLP_TIMEOUT = "2.5";
      process.env.OTEL_SERVICE_NAME = "billing";
      process.env.OTEL_RESOURCE_ATTRIBUTES = "deployment.environment=prod,team=a%20b";
      process.env.OTEL_BLRP_SCHEDULE_DELAY = "250";
      process.env.OTEL_BLRP_MAX_QUEUE_SIZE = "lots"; // Python: int() fails, the default is kept
      let h = new OTLPHandler();
      // The base endpoint gets /v1/logs (one trailing slash removed); the timeout is in seconds.
      assert.equal(h.exporter.endpoint, "http://collector:4318/v1/logs");
      assert.equal(h.exporter.timeout, 2.5);
      assert.deepEqual(h.exporter.headerNames, ["content-type", "api-key"]);
      assert.equal(h.processor.schedule_delay_millis, 250);
      assert.equal(h.processor.max_queue_size, 2048);
      assert.equal(h.resource["service.name"], "billing");
      assert.equal(h.resource["deployment.environment"], "prod");
      assert.equal(h.resource["team"], "a b");
      void h.close(0);
      // The signal's own endpoint is used as given, as Python does.
      process.env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = "http://other:4318/custom";
      h = new OTLPHandler();
      assert.equal(h.exporter.endpoint, "http://other:4318/custom");
      void h.close(0);
    } finally {
      names.forEach((n, i) => {
        if (saved[i] === undefined) delete process.env[n];
        else process.env[n] = saved[i];
      });
    }
  });

  it("without configuration: Python's default endpoint, 10 s, 2048/1000 ms/512", () => {
    const h = new OTLPHandler();
    assert.equal(h.exporter.endpoint, "http://localhost:4318/v1/logs");
    assert.equal(h.exporter.timeout, 10);
    assert.equal(h.processor.max_queue_size, 2048);
    assert.equal(h.processor.schedule_delay_millis, 1000);
    assert.equal(h.processor.max_export_batch_size, 512);
    assert.match(String(h.resource["service.name"]), /^unknown_service/);
    void h.close(0);
  });

  it("refuses the batch options Python refuses, with its messages", () => {
    assert.throws(() => new OTLPHandler({ max_queue_size: 0 }), {
      name: "ValueError",
      message: "max_queue_size must be a positive integer.",
    });
    assert.throws(() => new OTLPHandler({ max_queue_size: 10, max_export_batch_size: 11 }), {
      name: "ValueError",
      message: "max_export_batch_size must be less than or equal to max_queue_size.",
    });
  });

  it("sends a 20 MiB batch; drops and reports one over max_request_size", async () => {
    const p = await peer();
    peers.push(p);
    const keep = new Keep();
    getLogger("opentelemetry").addHandler(keep);
    const log = getLogger("faults.big");
    log.propagate = false;
    log.setLevel(INFO);
    try {
      const big = "x".repeat(20 * 1024 * 1024);
      let h = new OTLPHandler({ endpoint: p.url });
      log.handlers = [h];
      log.info(big);
      await h.close();
      assert.equal(p.bodies.length, 1);
      assert.equal(
        p.bodies[0].resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue.length,
        big.length,
      );
      h = new OTLPHandler({ endpoint: p.url, max_request_size: 1024 * 1024 });
      log.handlers = [h];
      log.info(big);
      await h.close();
      assert.equal(p.bodies.length, 1);
      assert.equal(
        keep.records.at(-1)?.[2],
        "Dropping logs batch: serialized size %d bytes exceeds max_request_size %d bytes.",
      );
    } finally {
      getLogger("opentelemetry").removeHandler(keep);
      log.handlers = [];
    }
  });

  it("a hanging collector: the queue stays bounded and exports never overlap", async () => {
    const p = await peer();
    peers.push(p);
    p.hang = true;
    let concurrent = 0;
    let most = 0;
    const h = new OTLPHandler({
      endpoint: p.url,
      timeout: 1,
      max_queue_size: 100,
      max_export_batch_size: 10,
      schedule_delay_millis: 5,
      fetch: async (url, init) => {
        concurrent++;
        most = Math.max(most, concurrent);
        try {
          return await fetch(url, init);
        } finally {
          concurrent--;
        }
      },
    });
    const log = getLogger("faults.hang");
    log.propagate = false;
    log.setLevel(INFO);
    log.handlers = [h];
    for (let i = 0; i < 5000; i++) log.info("r%d", i);
    assert.ok(h.processor.size <= 100);
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 5000; i++) log.info("s%d", i);
    assert.ok(h.processor.size <= 100);
    await h.close(1500);
    assert.equal(most, 1);
    log.handlers = [];
  });
});

describe("OTLPHandler compression", () => {
  for (const compression of ["gzip", "deflate"] as const) {
    it(`${compression}: the body compressed, Content-Encoding set, as Python's exporter`, async () => {
      const p = await peer();
      peers.push(p);
      const h = new OTLPHandler({ endpoint: p.url, compression });
      const log = getLogger("compressed");
      log.propagate = false;
      log.handlers = [h];
      log.warning("squeezed %s", compression);
      await h.close();
      log.handlers = [];
      assert.equal(p.headers[0]["content-encoding"], compression);
      assert.equal(
        p.bodies[0].resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue,
        `squeezed ${compression}`,
      );
    });
  }
  it("OTEL_EXPORTER_OTLP_COMPRESSION chooses it; an unknown value is none", () => {
    const saved = process.env.OTEL_EXPORTER_OTLP_COMPRESSION;
    try {
      process.env.OTEL_EXPORTER_OTLP_COMPRESSION = " GZIP ";
      assert.equal(new OTLPLogExporter().compression, "gzip");
      process.env.OTEL_EXPORTER_OTLP_COMPRESSION = "brotli";
      assert.equal(new OTLPLogExporter().compression, "none");
    } finally {
      if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_COMPRESSION;
      else process.env.OTEL_EXPORTER_OTLP_COMPRESSION = saved;
    }
  });
});

describe("OTLPHandler from dictConfig", () => {
  it("is logging.handlers.OTLPHandler, its keys Python's keyword names", async () => {
    const root = getLogger();
    const saved = root.handlers;
    try {
      dictConfig({
        version: 1,
        disable_existing_loggers: false,
        handlers: {
          otlp: {
            class: "logging.handlers.OTLPHandler",
            endpoint: "http://127.0.0.1:9/v1/logs",
            max_queue_size: 1024,
            schedule_delay_millis: 200,
            level: "INFO",
          },
        },
        root: { handlers: ["otlp"] },
      });
      const h = root.handlers[0] as OTLPHandler;
      assert.ok(h instanceof OTLPHandler);
      assert.equal(h.exporter.endpoint, "http://127.0.0.1:9/v1/logs");
      assert.equal(h.processor.max_queue_size, 1024);
      assert.equal(h.processor.schedule_delay_millis, 200);
      assert.equal(h.level, 20);
      await h.close(0);
      // Python's check of the batch options surfaces as dictConfig's error, the cause chained.
      assert.throws(
        () =>
          dictConfig({
            version: 1,
            disable_existing_loggers: false,
            handlers: { otlp: { class: "logging.handlers.OTLPHandler", max_queue_size: 100 } },
          }),
        (e: Error) =>
          e.message === "Unable to configure handler 'otlp'" &&
          (e.cause as Error).message ===
            "max_export_batch_size must be less than or equal to max_queue_size.",
      );
    } finally {
      root.handlers = saved;
    }
  });
});
