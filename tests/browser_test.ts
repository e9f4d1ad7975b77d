// The library in a web page, in a real browser: the root module bundled for the browser with
// esbuild (served at /lib/logging.js) and tests/browser/page.js (served at /app/page.js, making
// the calls of scripts/gen_browser_fixtures.py) load in headless Chromium (Debian's `chromium`
// package); the console is read through the DevTools protocol over a WebSocket, and every line,
// its console method and the devtools object carrying `extra` are compared with what CPython 3.13
// produced for the same calls (tests/fixtures/browser.json). The exception's traceback is checked
// for Python's shape over Chromium's (V8's) stack: the page's URL, line numbers and function names.
//
// It runs under Deno only (`deno test -A tests/browser_test.ts`; Deno has the global WebSocket and
// is in every run of scripts/test.mjs): the browser, not the test runtime, is what is tested, so
// Node's and Bun's runs of this file register nothing rather than start Chromium three times (the
// test itself also passes under Node 24). Nothing is skipped: without Chromium the test fails,
// saying how to install it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "./_bundle_support.ts";

const g = globalThis as { Deno?: unknown };
const RUNS_HERE = g.Deno !== undefined; // see the opening comment
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const INSTALL = "bash .ci/setup_chromium.sh (apt-get update && apt-get install -y chromium)";

interface FixtureEvent {
  channel: "stderr" | "console";
  levelno: number;
  text: string;
  extra?: Record<string, unknown>;
  frames?: string[];
}
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/browser.json", import.meta.url), "utf8"),
) as { events: FixtureEvent[] };
const PAGE = readFileSync(new URL("./browser/page.js", import.meta.url), "utf8");
const DONE = "__pylog_page_done__";

/** What the console method a record goes to is called in the DevTools protocol. */
function expectedType(e: FixtureEvent): string {
  if (e.channel === "stderr") return "error"; // a browser's standard error stream is console.error
  if (e.levelno >= 40) return "error";
  if (e.levelno >= 30) return "warning"; // console.warn
  if (e.levelno >= 20) return "info";
  return "debug";
}

/** The 1-based line of page.js holding `marker`. */
function pageLine(marker: string): number {
  const i = PAGE.split("\n").findIndex((l) => l.includes(marker));
  assert.ok(i >= 0, marker);
  return i + 1;
}

interface RemoteObject {
  type: string;
  value?: unknown;
  preview?: { properties: { name: string; value?: string }[] };
}
interface ConsoleCall {
  type: string;
  args: RemoteObject[];
}

/** A minimal DevTools protocol client over the browser's WebSocket (flattened sessions). */
class Cdp {
  #ws: WebSocket;
  #next = 1;
  #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];

  constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.addEventListener("message", (ev) => {
      const msg = JSON.parse(String(ev.data));
      if (msg.id !== undefined) {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${JSON.stringify(msg.error)}`));
        else p?.resolve(msg.result);
      } else {
        for (const l of this.listeners) l(msg.method, msg.params);
      }
    });
  }

  static open(url: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener("open", () => resolve(new Cdp(ws)));
      ws.addEventListener("error", () => reject(new Error(`cannot connect to ${url}`)));
    });
  }

  send(method: string, params: unknown = {}, sessionId?: string): Promise<unknown> {
    const id = this.#next++;
    this.#ws.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  close(): void {
    this.#ws.close();
  }
}

/** Starts Chromium headless with a fresh profile; resolves with its DevTools WebSocket URL. */
function startChromium(profile: string): Promise<{ proc: ChildProcess; wsUrl: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(CHROMIUM, [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "about:blank",
    ], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    proc.stderr!.setEncoding("utf8");
    proc.stderr!.on("data", (chunk: string) => {
      err += chunk;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve({ proc, wsUrl: m[1] });
    });
    proc.on("error", reject);
    proc.on("exit", (code) => reject(new Error(`chromium exited (${code}): ${err}`)));
  });
}

function serve(lib: string): Promise<Server> {
  const routes: Record<string, [string, string]> = {
    "/": ["text/html", '<!doctype html><script type="module" src="/app/page.js"></script>'],
    "/lib/logging.js": ["text/javascript", lib],
    "/app/page.js": ["text/javascript", PAGE],
  };
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ""];
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": `${route[0]}; charset=utf-8` }).end(route[1]);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

if (RUNS_HERE) {
  describe("the library in headless Chromium", () => {
    let server: Server | undefined;
    let chromium: ChildProcess | undefined;
    let cdp: Cdp | undefined;
    const profile = mkdtempSync(join(tmpdir(), "pylog-chromium-"));
    let origin = "";
    const calls: ConsoleCall[] = [];
    const thrown: unknown[] = [];

    before(async () => {
      assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: run ${INSTALL}`);
      server = await serve(bundle(`export * from "@lib/mod.ts";`, false).code);
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const started = await startChromium(profile);
      chromium = started.proc;
      cdp = await Cdp.open(started.wsUrl);
      const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" }) as {
        targetId: string;
      };
      const { sessionId } = await cdp.send("Target.attachToTarget", {
        targetId,
        flatten: true,
      }) as { sessionId: string };
      const done = new Promise<void>((resolve) => {
        cdp!.listeners.push((method, params) => {
          if (method === "Runtime.exceptionThrown") thrown.push(params.exceptionDetails);
          if (method !== "Runtime.consoleAPICalled") return;
          const call = params as unknown as ConsoleCall;
          if (call.args[0]?.value === DONE) resolve();
          else calls.push(call);
        });
      });
      await cdp.send("Runtime.enable", {}, sessionId);
      await cdp.send("Page.navigate", { url: `${origin}/` }, sessionId);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const hang = new Promise<never>((_, reject) => {
        // Not a timing assertion: a guard so a page that never finishes fails instead of hanging.
        timer = setTimeout(() => {
          reject(new Error(`the page never finished: ${JSON.stringify({ calls, thrown })}`));
        }, 60000);
      });
      try {
        await Promise.race([done, hang]);
      } finally {
        clearTimeout(timer);
      }
    });

    after(async () => {
      cdp?.close();
      if (chromium && chromium.exitCode === null) {
        const exited = new Promise((r) => chromium!.once("exit", r));
        chromium.kill();
        await exited;
      }
      await new Promise((r) => server ? server.close(r) : r(undefined));
      // Chromium's helper processes may still write to the profile for a moment after the main
      // process exits (seen as ENOTEMPTY in a CI run): retry the removal for up to 5 s.
      for (let attempt = 0;; attempt++) {
        try {
          rmSync(profile, { recursive: true, force: true });
          break;
        } catch (e) {
          if (attempt >= 50) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });

    it("the page ran without an uncaught error", () => {
      assert.deepEqual(thrown, []);
    });

    it("one console call per record, each with CPython's text and the method of its level", () => {
      const got = calls.map((c) => [c.type, c.args[0]?.value]);
      const want = fixture.events.map((e) => [
        expectedType(e),
        e.frames ? got[fixture.events.indexOf(e)]?.[1] : e.text,
      ]);
      assert.deepEqual(got, want);
    });

    it("the exception's traceback has Python's shape over Chromium's stack", () => {
      const i = fixture.events.findIndex((e) => e.frames !== undefined);
      const want = fixture.events[i];
      const text = String(calls[i].args[0].value);
      const lines = text.split("\n");
      const pyLines = want.text.split("\n");
      assert.equal(lines[0], pyLines[0]);
      assert.equal(lines[1], "Traceback (most recent call last):");
      assert.equal(lines.at(-1), pyLines.at(-1)); // TypeError: bad payload: '{'
      const frames = lines.slice(2, -1).map((l) => {
        const m = /^ {2}File "(.*)", line (\d+), in (\S+)$/.exec(l);
        assert.ok(m, `not a traceback frame line: ${JSON.stringify(l)}`);
        return { file: m[1], line: Number(m[2]), func: m[3] };
      });
      for (const f of frames) assert.equal(f.file, `${origin}/app/page.js`);
      // JavaScript's stack reaches past the frame that caught the error (docs/DIVERGENCES.md):
      // Python's frames are its innermost ones.
      const names = frames.map((f) => f.func);
      assert.deepEqual(names.slice(-want.frames!.length), want.frames);
      assert.deepEqual(
        frames.slice(-2).map((f) => f.line),
        [pageLine("// CALL"), pageLine("// THROW")],
      );
      assert.equal(names[0], "<module>");
    });

    it("ConsoleHandler({ extra: true }) hands the devtools the record's extra as an object", () => {
      const withExtra = fixture.events.flatMap((e, i) => (e.extra ? [[e, calls[i]] as const] : []));
      assert.ok(withExtra.length > 0);
      for (const [e, call] of withExtra) {
        assert.equal(call.args.length, 2, JSON.stringify(call.args));
        const obj = call.args[1];
        assert.equal(obj.type, "object");
        assert.ok(obj.preview, "the devtools got no preview of the object");
        const props = Object.fromEntries(obj.preview.properties.map((p) => [p.name, p.value]));
        assert.deepEqual(
          props,
          Object.fromEntries(Object.entries(e.extra!).map(([k, v]) => [k, String(v)])),
        );
      }
      for (const [i, e] of fixture.events.entries()) {
        if (!e.extra) assert.equal(calls[i].args.length, 1, e.text);
      }
    });
  });
}
