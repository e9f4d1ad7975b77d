/**
 * One minimal HTTP server of the service workload (bench/service.ts starts it): answers "ok" to
 * every request and logs one `info` line per request to a file, in the way its `variant` names.
 * `Deno.serve` on Deno, `Bun.serve` on Bun, `node:http` on Node.
 *
 * Usage: `<runtime> bench/service_server.ts <variant> <port> <logfile>`. It prints `ready` once
 * listening; `GET /exit` makes it shut logging down, print `served <n>` (requests logged) and exit,
 * so the driver can count the file's lines against it.
 *
 * Variants: `none` (no logging), `floor-line` (one `writeSync` per line, no library), `floor-turn`
 * (the lines of one event-loop turn in one `writeSync`, no library), `floor-semantic` (as
 * `floor-turn`, each line made the way Python's semantics ask: a record object, its message and
 * `asctime` set on it, the line read back from it; no library), `floor-context` (as
 * `floor-turn`, inside an `AsyncLocalStorage.run` per request whose value the line shows),
 * `floor-enter` (as `floor-context`, the value entered with `enterWith` inside the run, as a
 * context variable's `set` does), `text`, `json`, `adapter` (a
 * `LoggerAdapter` per request), `context` (a context variable bound per request, read by
 * `ContextVarsFilter`), `pino-async` and `pino-sync` (`pino.destination`).
 *
 * @module
 */

import { closeSync, openSync, writeSync } from "node:fs";
import {
  FileHandler,
  Formatter,
  getLogger,
  INFO,
  JsonFormatter,
  LoggerAdapter,
  shutdown,
} from "../mod.ts";
import { bind_contextvars, ContextVarsFilter, copyContext } from "../context/mod.ts";
import { FloorRecord, semanticAsctime } from "./workload.ts";

const [variant, portText, path] = (globalThis as { Deno?: { args: string[] } }).Deno
  ? (globalThis as unknown as { Deno: { args: string[] } }).Deno.args
  : process.argv.slice(2);
const port = Number(portText);
let served = 0;

const TEXT_FMT = "%(asctime)s %(levelname)s %(name)s %(message)s";
const JSON_FMT = "%(created)f %(levelname)s %(process)d %(name)s %(message)s";

/** The per-request logging call of the variant (the path and status of the request). */
let logRequest: (path: string) => void = () => {};
let finish: () => void | Promise<void> = () => {};

function library(format: "text" | "json"): ReturnType<typeof getLogger> {
  const h = new FileHandler(path, "w");
  h.setFormatter(format === "json" ? new JsonFormatter(JSON_FMT) : new Formatter(TEXT_FMT));
  const log = getLogger("svc.http");
  log.setLevel(INFO);
  log.propagate = false;
  log.addHandler(h);
  finish = () => shutdown();
  return log;
}

// A cached second prefix, as the bench's other floors do: the floor pays no date formatting.
let second = -1;
let prefix = "";
function floorLine(p: string): string {
  const now = Date.now();
  const s = Math.floor(now / 1000);
  if (s !== second) {
    second = s;
    prefix = new Date(now).toISOString().slice(0, 19).replace("T", " ");
  }
  return `${prefix},${String(now % 1000).padStart(3, "0")} INFO svc.http GET ${p} 200\n`;
}

/**
 * The no-library floors' writer: lines of one event-loop turn joined and written with one
 * `writeSync` once the turn's callbacks have run (`setImmediate`); `finish` writes the rest.
 */
function turnBatched(): (line: string) => void {
  const fd = openSync(path, "w");
  let buf = "";
  const drain = () => {
    const b = buf;
    buf = "";
    writeSync(fd, b);
  };
  finish = () => {
    if (buf) drain();
    closeSync(fd);
  };
  return (line) => {
    if (buf === "") setImmediate(drain);
    buf += line;
  };
}

switch (variant) {
  case "none":
    break;
  case "floor-line": {
    const fd = openSync(path, "w");
    logRequest = (p) => {
      writeSync(fd, floorLine(p));
    };
    finish = () => closeSync(fd);
    break;
  }
  case "floor-turn": {
    const write = turnBatched();
    logRequest = (p) => write(floorLine(p));
    break;
  }
  case "floor-semantic": {
    // `floor-turn` with what Python's semantics ask of each record, no library: a record object
    // with LogRecord's fields (bench/workload.ts FloorRecord), `record.message = msg % args` by
    // hand (`str()` of the path, the `%d` check and digits of the status), `asctime` with its
    // milliseconds, and the line read back from the record; lines batched per turn.
    const write = turnBatched();
    const start = Date.now();
    logRequest = (p) => {
      const now = Date.now();
      const r = new FloorRecord("svc.http", INFO, "INFO", "GET %s %d", [p, 200], now, start);
      const status = r.args[1];
      if (typeof status !== "number") throw new TypeError("%d format: a real number is required");
      r.message = "GET " + String(r.args[0]) + " " + Math.trunc(status);
      r.asctime = semanticAsctime(Math.floor(now / 1000), now % 1000);
      write(r.asctime + " " + r.levelname + " " + r.name + " " + r.message + "\n");
    };
    break;
  }
  case "floor-context": {
    // The runtime's own floor for a per-request context: an AsyncLocalStorage run per request, its
    // value read into the line, lines batched per turn as floor-turn (no library).
    const { AsyncLocalStorage } = await import("node:async_hooks");
    const als = new AsyncLocalStorage<{ request_id: number }>();
    const write = turnBatched();
    let id = 0;
    logRequest = (p) =>
      als.run({ request_id: ++id }, () => {
        write(`${floorLine(p).slice(0, -1)} request_id=${als.getStore()!.request_id}\n`);
      });
    break;
  }
  case "floor-enter": {
    // floor-context with the value entered by `enterWith` inside the run, as a context variable's
    // `set` does: what one `enterWith` per request costs the runtime (no library).
    const { AsyncLocalStorage } = await import("node:async_hooks");
    const als = new AsyncLocalStorage<{ request_id: number }>();
    const write = turnBatched();
    let id = 0;
    logRequest = (p) =>
      als.run({ request_id: 0 }, () => {
        als.enterWith({ request_id: ++id });
        write(`${floorLine(p).slice(0, -1)} request_id=${als.getStore()!.request_id}\n`);
      });
    break;
  }
  case "text": {
    const log = library("text");
    logRequest = (p) => log.info("GET %s %d", p, 200);
    break;
  }
  case "json": {
    const log = library("json");
    logRequest = (p) => log.info("GET %s %d", p, 200);
    break;
  }
  case "adapter": {
    const log = library("text");
    let id = 0;
    logRequest = (p) => new LoggerAdapter(log, { request_id: ++id }).info("GET %s %d", p, 200);
    break;
  }
  case "context": {
    const log = library("text");
    for (const h of log.handlers) h.addFilter(new ContextVarsFilter());
    let id = 0;
    logRequest = (p) =>
      copyContext().run(() => {
        bind_contextvars({ request_id: ++id });
        log.info("GET %s %d", p, 200);
      });
    break;
  }
  case "pino-async":
  case "pino-sync": {
    const pino = (await import("pino")).default;
    const dest = pino.destination({ dest: path, sync: variant === "pino-sync" });
    const p = pino({ base: { pid: 1, name: "svc.http" } }, dest);
    logRequest = (path) => p.info("GET %s %d", path, 200);
    finish = () =>
      new Promise<void>((resolve) => {
        dest.flushSync();
        dest.once("close", () => resolve());
        dest.end();
      });
    break;
  }
  default:
    throw new Error(`unknown variant ${variant}`);
}

async function exit(): Promise<never> {
  await finish();
  console.log(`served ${served}`);
  process.exit(0);
}

/** The request's work: "ok", one line logged. Returns true for `/exit`. */
function handle(p: string): boolean {
  if (p === "/exit") return true;
  served++;
  logRequest(p);
  return false;
}

type Serve = (
  o: { port: number; hostname: string; onListen?: () => void },
  h: (r: Request) => Response,
) => unknown;
const g = globalThis as unknown as {
  Deno?: { serve: Serve };
  Bun?: { serve(o: { port: number; hostname: string; fetch(r: Request): Response }): unknown };
};
const respond = (req: Request): Response => {
  const u = req.url;
  const p = u.slice(u.indexOf("/", 8));
  if (handle(p)) setTimeout(exit, 0);
  return new Response("ok");
};
if (g.Deno) {
  g.Deno.serve({ port, hostname: "127.0.0.1", onListen: () => console.log("ready") }, respond);
} else if (g.Bun) {
  g.Bun.serve({ port, hostname: "127.0.0.1", fetch: respond });
  console.log("ready");
} else {
  const http = await import("node:http");
  http.createServer((req, res) => {
    const last = handle(req.url ?? "/");
    res.end("ok");
    if (last) setTimeout(exit, 0);
  }).listen(port, "127.0.0.1", () => console.log("ready"));
}
