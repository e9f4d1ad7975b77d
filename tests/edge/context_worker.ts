// A Cloudflare Worker for tests/context_workerd_test.ts: request context under workerd.
// GET /req?id=X      binds request_id=X (in copyContext().run when ?wrap=1), logs across awaits,
//                    timers and Promise.all, and answers "ok"
// GET /interleaved  runs 100 interleaved requests inside this one, each in copyContext().run
// GET /lines        every line logged so far, as JSON, with what the runtime offered
// With only the nodejs_als flag there is no `process`: the worker hands the library its
// AsyncLocalStorage through globalThis (see docs/DIVERGENCES.md).
import { AsyncLocalStorage } from "node:async_hooks";
import { Formatter, getLogger, Handler, INFO, type Logger, type LogRecord } from "../../mod.ts";
import { bind_contextvars, ContextVarsFilter, copyContext } from "../../context/mod.ts";

const lines: string[] = [];

class ListHandler extends Handler {
  override emit(record: LogRecord): void {
    lines.push(this.format(record));
  }
}

let log: Logger | undefined;
function setup(): Logger {
  if (log !== undefined) return log;
  const g = globalThis as { AsyncLocalStorage?: unknown; process?: unknown };
  if (g.process === undefined) g.AsyncLocalStorage ??= AsyncLocalStorage;
  const h = new ListHandler();
  h.setFormatter(new Formatter("[%(request_id)s] %(message)s"));
  h.addFilter(new ContextVarsFilter());
  log = getLogger("edge");
  log.handlers = [h];
  log.propagate = false;
  log.setLevel(INFO);
  return log;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function handle(id: string, n: number, log: Logger): Promise<void> {
  bind_contextvars({ request_id: id });
  log.info("start %s", id);
  await sleep(n % 3);
  log.info("after await %s", id);
  await Promise.all([
    sleep(n % 2).then(() => log.info("all member %s", id)),
    (async () => {
      await null;
      log.info("async member %s", id);
    })(),
  ]);
  await new Promise<void>((resolve) =>
    setTimeout(() => {
      log.info("timer %s", id);
      resolve();
    }, n % 2)
  );
  log.info("end %s", id);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const log = setup();
    if (url.pathname === "/lines") {
      const p = (globalThis as { process?: { getBuiltinModule?: unknown } }).process;
      return Response.json({ lines, process: typeof p?.getBuiltinModule });
    }
    if (url.pathname === "/interleaved") {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => copyContext().run(handle, `i${i}`, i, log)),
      );
      return new Response("ok");
    }
    const id = url.searchParams.get("id") ?? "?";
    const n = Number(url.searchParams.get("n") ?? 0);
    if (url.searchParams.get("wrap") === "1") await copyContext().run(handle, id, n, log);
    else await handle(id, n, log);
    return new Response("ok");
  },
};
