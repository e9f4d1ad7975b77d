/**
 * OpenTelemetry rows of the benchmarks: what trace correlation adds to a record (nothing
 * registered, then a registered API with an active span), and what a record costs through
 * `OTLPHandler` to a loopback collector, end to end.
 *
 * @module
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { compare, ns, ratio, type Row } from "./harness.ts";
import { A1, A2, A3, FORMAT, FormatOnly, MSG } from "./workload.ts";
import { Formatter } from "../formatters/mod.ts";
import { getLogger, type Handler, LoggingInstrumentor, OTLPHandler } from "../mod.ts";

const API_KEY = Symbol.for("opentelemetry.js.api.1");
const SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");

/** Runs the rows and reports each through `row`. */
export async function benchOtel(row: (r: Row) => void, rounds: number): Promise<void> {
  const h = new FormatOnly();
  h.setFormatter(new Formatter(FORMAT));
  const l = getLogger("app.otel");
  l.propagate = false;
  l.setLevel(20);
  l.addHandler(h);
  const loop = (n: number): number => {
    for (let i = 0; i < n; i++) l.info(MSG, A1, A2, A3);
    return h.total;
  };
  const instrumented = (n: number): number => {
    const i = new LoggingInstrumentor();
    i.instrument({ inject_trace_context: true });
    try {
      return loop(n);
    } finally {
      i.uninstrument();
    }
  };
  const n = 50_000;
  const off = compare(loop, instrumented, n, rounds);
  row({
    figure: "correlation on (`inject_trace_context`), no OpenTelemetry API registered",
    reference: `same call, not instrumented ${ns(off.ref)}`,
    value: ns(off.sub),
    ratio: `+${ns(off.diff)}`,
    target: "one global lookup + 4 attributes",
    met: null,
  });
  // A registered API whose context manager returns an active, valid span.
  const g = globalThis as Record<symbol, unknown>;
  const span = {
    spanContext: () => ({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      traceFlags: 1,
    }),
  };
  const ctx = { getValue: (k: symbol) => (k === SPAN_KEY ? span : undefined) };
  g[API_KEY] = { version: "1.10.0", context: { active: () => ctx } };
  const on = compare(loop, instrumented, n, rounds);
  delete g[API_KEY];
  row({
    figure: "correlation on, a registered API with an active span",
    reference: `same call, not instrumented ${ns(on.ref)}`,
    value: ns(on.sub),
    ratio: `+${ns(on.diff)}`,
    target: "",
    met: null,
  });

  // End to end through OTLPHandler to a loopback collector answering 200.
  let received = 0;
  const server = createServer((req, res) => {
    req.on("data", (c: Uint8Array) => (received += c.length));
    req.on("end", () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`;
  const lo = getLogger("app.otlp");
  lo.propagate = false;
  lo.setLevel(20);
  const records = 20_000;
  const sample = async (through: Handler): Promise<number> => {
    lo.handlers = [through];
    const t0 = performance.now();
    for (let i = 0; i < records; i++) lo.info(MSG, A1, A2, A3);
    await through.flush();
    const took = performance.now() - t0;
    if (through instanceof FormatOnly && through.total === 0) throw new Error("nothing logged");
    return took;
  };
  const otlp = new OTLPHandler({
    endpoint: url,
    max_queue_size: records,
    max_export_batch_size: 512,
  });
  const format = new FormatOnly();
  format.setFormatter(new Formatter(FORMAT));
  const times: number[] = [];
  const refs: number[] = [];
  await sample(otlp);
  for (let i = 0; i < Math.max(3, Math.floor(rounds / 3)); i++) {
    refs.push(await sample(format));
    times.push(await sample(otlp));
  }
  await otlp.close();
  if (received === 0) throw new Error("the collector received nothing");
  lo.handlers = [];
  server.closeAllConnections?.();
  await new Promise<void>((r) => server.close(() => r()));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const per = (med(times) * 1e6) / records;
  const refPer = (med(refs) * 1e6) / records;
  row({
    figure: "log.info → OTLPHandler → loopback collector, per record (batches of 512, flushed)",
    reference: `formatted, no I/O ${ns(refPer)}`,
    value: ns(per),
    ratio: ratio(per / refPer),
    target: `${(received / 1024 / 1024).toFixed(1)} MiB posted`,
    met: null,
  });
}
