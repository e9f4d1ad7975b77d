// A Cloudflare Worker (module syntax) logging with @pylog/logging. Cloudflare collects what the
// worker writes to the console, one entry per call with its severity: a ConsoleHandler writes each
// record with one call of the console method of its level (console.info, console.warn,
// console.error...). `ctx.waitUntil(logging.flush())` lets buffered records (e.g. of a handler over
// your own WritableStream) finish after the response is sent.
//
// Logging is configured at module top level, as in any program: importing and configuring the
// library does no I/O, starts no timer and reads no clock, which workerd forbids in global scope.
//
// Run locally with workerd (a devDependency): bundle, then serve on 127.0.0.1:8787:
//   node_modules/.bin/bun build examples/worker/worker.ts --outfile examples/worker/dist/worker.js
//   node_modules/.bin/workerd serve examples/worker/config.capnp
// With wrangler: `main = "examples/worker/worker.ts"` in wrangler.toml (wrangler bundles itself).
import * as logging from "../../mod.ts";

logging.basicConfig({
  level: logging.INFO,
  format: "%(levelname)s %(name)s [%(request_id)s] %(method)s %(path)s: %(message)s",
  handlers: [new logging.ConsoleHandler()],
});
const log = logging.getLogger("worker");

/** The part of Cloudflare's `ExecutionContext` used here. */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

let requests = 0;

export default {
  fetch(request: Request, _env: unknown, ctx: ExecutionContext): Response {
    const url = new URL(request.url);
    const rlog = new logging.LoggerAdapter(log, {
      request_id: request.headers.get("x-request-id") ?? `r${++requests}`,
      method: request.method,
      path: url.pathname,
    });
    let response: Response;
    try {
      const order = JSON.parse(url.searchParams.get("order") ?? "{}");
      rlog.info("order for %s: %d item(s)", order.customer ?? "nobody", order.items?.length ?? 0);
      response = new Response("ok\n");
    } catch (err) {
      rlog.error("bad order", { exc_info: err });
      response = new Response("bad order\n", { status: 400 });
    }
    rlog.info("-> %d", response.status);
    ctx.waitUntil(logging.flush());
    return response;
  },
};
