// An edge function (Deno Deploy, Supabase Edge Functions, any `fetch`-handler platform) logging
// with @pylog/logging. These platforms collect what a function writes to the console, one entry per
// call with its severity, so a ConsoleHandler writes each record with one call of the console
// method of its level (console.info, console.warn, console.error...; a traceback stays one entry).
// After the response, the records still buffered are handed to the platform's `waitUntil`:
// `ctx.waitUntil` (Cloudflare-style second argument) or `EdgeRuntime.waitUntil` (Supabase); where
// neither exists, the handler awaits `logging.flush()` before it returns.
//
//   deno serve --port 8000 examples/edge_function.ts                  # Deno Deploy style
//   Deno.serve(edgeFunction.fetch)                                     # Supabase style
//   curl -X POST -H 'x-request-id: abc' -d '{"name":"ann"}' http://127.0.0.1:8000/greet
//
// Configuration happens at module top level, which edge runtimes allow: importing and configuring
// the library does no I/O, starts no timer and reads no clock.
import * as logging from "../mod.ts";

const toConsole = new logging.ConsoleHandler();
toConsole.setFormatter(
  new logging.Formatter("%(levelname)s %(name)s [%(request_id)s] %(method)s %(path)s: %(message)s"),
);
const log = logging.getLogger("edge");
log.setLevel(logging.INFO);
log.addHandler(toConsole);
log.propagate = false;

/** A platform object with `waitUntil`: Cloudflare's `ctx`, Supabase's `EdgeRuntime`. */
interface WaitUntil {
  waitUntil?(promise: Promise<unknown>): void;
}

function findWaitUntil(ctx: unknown): ((promise: Promise<unknown>) => void) | null {
  for (const candidate of [ctx, (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime]) {
    const target = candidate as WaitUntil | undefined;
    if (typeof target?.waitUntil === "function") return target.waitUntil.bind(target);
  }
  return null;
}

async function greet(request: Request, rlog: logging.LoggerAdapter): Promise<Response> {
  const body = await request.text();
  try {
    const { name } = JSON.parse(body);
    rlog.info("greeting %r", name);
    return Response.json({ greeting: `hello ${name}` });
  } catch (err) {
    rlog.error("bad body %r", body, { exc_info: err });
    return Response.json({ error: "bad body" }, { status: 400 });
  }
}

/**
 * The function: `fetch(request, ctx?)`. `ctx` is the platform's second argument (Cloudflare's
 * `ExecutionContext`, Deno's `ServeHandlerInfo`), used only for its `waitUntil`.
 */
async function handle(request: Request, ctx?: unknown): Promise<Response> {
  const url = new URL(request.url);
  const rlog = new logging.LoggerAdapter(log, {
    request_id: request.headers.get("x-request-id") ?? crypto.randomUUID().slice(0, 8),
    method: request.method,
    path: url.pathname,
  });
  let response: Response;
  if (url.pathname === "/greet" && request.method === "POST") response = await greet(request, rlog);
  else {
    rlog.warning("no route");
    response = new Response("not found\n", { status: 404 });
  }
  rlog.info("-> %d", response.status);

  const flushed = logging.flush();
  const waitUntil = findWaitUntil(ctx);
  if (waitUntil !== null) waitUntil(flushed);
  else await flushed;
  return response;
}

export default { fetch: handle };
