// A Bun HTTP server whose log lines carry per-request fields (request id, method, path, client
// address) through a LoggerAdapter, as Python's `logging.LoggerAdapter(log, {"request_id": ...})`.
//
//   bun examples/bun_server.ts            # listens on 127.0.0.1:3000 (PORT=0 picks a free port)
//   curl -H 'x-request-id: abc' http://127.0.0.1:3000/hello
//
// SIGINT / SIGTERM drain the log buffers and exit with 130 / 143 (`logging.exitOnSignals()`).
import * as logging from "../mod.ts";

// The parts of Bun's API used here (the `Bun` global is not named in typed code that Deno checks).
interface BunServer {
  readonly port: number;
  requestIP(request: Request): { address: string } | null;
}
interface BunRuntime {
  serve(options: {
    hostname: string;
    port: number;
    fetch(request: Request, server: BunServer): Response | Promise<Response>;
  }): BunServer;
  env: Record<string, string | undefined>;
}
const bun = (globalThis as { Bun?: BunRuntime }).Bun;
if (bun === undefined) throw new Error("this example runs under Bun: bun examples/bun_server.ts");

logging.basicConfig({
  level: logging.INFO,
  format: "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(client)s] %(method)s %(path)s: " +
    "%(message)s",
  stream: logging.stdout(),
});
// Records logged outside a request (no adapter) get "-" for the request fields, so the one format
// serves both; in Python, the same filter function on the handler.
const requestFields = ["request_id", "client", "method", "path"];
logging.root.handlers[0].addFilter((record) => {
  for (const field of requestFields) record[field] ??= "-";
  return true;
});
logging.exitOnSignals();

const log = logging.getLogger("server");
const httpLog = logging.getLogger("server.http");
let served = 0;

function handle(request: Request, rlog: logging.LoggerAdapter): Response {
  const url = new URL(request.url);
  if (url.pathname === "/hello") {
    const name = url.searchParams.get("name") ?? "world";
    rlog.info("greeting %r", name);
    return new Response(`hello ${name}\n`);
  }
  if (url.pathname === "/fail") {
    try {
      JSON.parse("{ not json");
    } catch (err) {
      rlog.exception("cannot parse the payload", { exc_info: err });
    }
    return new Response("bad payload\n", { status: 500 });
  }
  rlog.warning("no route");
  return new Response("not found\n", { status: 404 });
}

const server = bun.serve({
  hostname: "127.0.0.1",
  port: Number(bun.env.PORT ?? 3000),
  fetch(request, server) {
    const url = new URL(request.url);
    const rlog = new logging.LoggerAdapter(httpLog, {
      request_id: request.headers.get("x-request-id") ?? `req-${++served}`,
      client: server.requestIP(request)?.address ?? "-",
      method: request.method,
      path: url.pathname,
    });
    const response = handle(request, rlog);
    rlog.info("-> %d", response.status);
    return response;
  },
});

log.info("listening on http://127.0.0.1:%d", server.port);
