// Runs every example under the runtime(s) it targets and checks what it writes: examples/demo.ts
// and examples/rotating_service.ts under Deno, Bun and Node 24, examples/deno_script.ts and
// examples/edge_function.ts (`deno serve`) under Deno, examples/bun_server.ts under Bun (spawned
// from node_modules/.bin whichever runner runs this file), and the edge function's handler in
// process. The Cloudflare Worker is tested in workerd_test.ts. The rotated files are compared
// byte for byte with what CPython 3.11 writes (tests/fixtures/examples.json).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as logging from "../mod.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string): string =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const example = (name: string): string => join(root, "examples", name);
const env = { ...process.env, NO_COLOR: "1" };
const SLOW = { timeout: 60000 };
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const TIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd = root, extraEnv: Record<string, string> = {}): Run {
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    timeout: 30000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "pylog-examples-"));
}

/** Asserts that `text` has one line per pattern, each matching its (anchored) pattern. */
function assertLines(text: string, patterns: (string | RegExp)[], what: string): void {
  const lines = text.replace(/\n$/, "").split("\n");
  assert.equal(lines.length, patterns.length, `${what}: ${lines.length} lines:\n${text}`);
  lines.forEach((line, i) => {
    const p = patterns[i];
    if (typeof p === "string") assert.equal(line, p, `${what}, line ${i + 1}`);
    else assert.match(line, p, `${what}, line ${i + 1}`);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("examples/demo.ts", () => {
  // node: Node 24 from node_modules/.bin (the dev dependency), running the .ts file directly
  for (const runtime of ["deno", "bun", "node"]) {
    it(`runs under ${runtime}`, SLOW, () => {
      const args = runtime === "deno" ? ["run", example("demo.ts")] : [example("demo.ts")];
      const r = run(bin(runtime), args);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, "");
      const file = escape(example("demo.ts"));
      assertLines(r.stdout, [
        new RegExp(`^${TIME} DEBUG    shop\\.orders: loaded 1284 products from catalog\\.json$`),
        new RegExp(
          `^${TIME} INFO     shop\\.orders: user alice logged in from 10\\.0\\.0\\.1 after 42 ms$`,
        ),
        new RegExp(`^${TIME} WARNING  shop\\.orders: stock for A-17 is low: 3 left$`),
        new RegExp(`^${TIME} ERROR    shop\\.orders: bad payload from partner-api$`),
        "Traceback (most recent call last):",
        new RegExp(`^  File "${file}", line \\d+, in <module>$`),
        /^SyntaxError: \S.*$/,
        new RegExp(`^${TIME} INFO     shop\\.http: GET /cart -> 200 \\(request r-42\\)$`),
        new RegExp(`^${TIME} NOTICE   shop\\.orders: custom level NOTICE$`),
      ], `demo under ${runtime}`);
    });
  }
});

describe("examples/deno_script.ts", () => {
  it(
    "logs to stderr at the chosen level and everything to a file, exit status = errors",
    SLOW,
    () => {
      const dir = tempDir();
      try {
        const r = run(bin("deno"), [
          "run",
          `--allow-read=${dir}`,
          `--allow-write=${dir}`,
          example("deno_script.ts"),
          "--level=DEBUG",
          "--log-file=run.log",
          "3",
          "x",
          "7",
        ], dir);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stdout, "");
        const file = escape(example("deno_script.ts"));
        const traceback = [
          "Traceback (most recent call last):",
          new RegExp(`^  File "${file}", line \\d+, in <module>$`),
          new RegExp(`^  File "${file}", line \\d+, in parseQuantity$`),
          'RangeError: not a quantity: "x"',
        ];
        assertLines(r.stderr, [
          "INFO     orders: processing 3 orders",
          "DEBUG    orders.pricing: unit price for 3 is 10.00",
          "INFO     orders: order 1: 3 units -> 30.00",
          "ERROR    orders: order 2 rejected",
          ...traceback,
          "DEBUG    orders.pricing: unit price for 7 is 9.50",
          "INFO     orders: order 3: 7 units -> 66.50",
          "WARNING  orders: 1 of 3 orders rejected",
          "INFO     orders: total 96.50",
        ], "stderr");
        const t = `^${TIME} `;
        assertLines(readFileSync(join(dir, "run.log"), "utf8"), [
          new RegExp(`${t}INFO     orders <module>:\\d+ processing 3 orders$`),
          new RegExp(`${t}DEBUG    orders\\.pricing price:\\d+ unit price for 3 is 10\\.00$`),
          new RegExp(`${t}INFO     orders <module>:\\d+ order 1: 3 units -> 30\\.00$`),
          new RegExp(`${t}ERROR    orders <module>:\\d+ order 2 rejected$`),
          ...traceback,
          new RegExp(`${t}DEBUG    orders\\.pricing price:\\d+ unit price for 7 is 9\\.50$`),
          new RegExp(`${t}INFO     orders <module>:\\d+ order 3: 7 units -> 66\\.50$`),
          new RegExp(`${t}WARNING  orders <module>:\\d+ 1 of 3 orders rejected$`),
          new RegExp(`${t}INFO     orders <module>:\\d+ total 96\\.50$`),
        ], "run.log");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("defaults to INFO on stderr and no file; exits 0 with no errors", SLOW, () => {
    const dir = tempDir();
    try {
      const r = run(bin("deno"), ["run", example("deno_script.ts"), "2", "5"], dir);
      assert.equal(r.status, 0, r.stderr);
      assertLines(r.stderr, [
        "INFO     orders: processing 2 orders",
        "INFO     orders: order 1: 2 units -> 20.00",
        "INFO     orders: order 2: 5 units -> 47.50",
        "INFO     orders: total 67.50",
      ], "stderr");
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("examples/rotating_service.ts", () => {
  const fixture = JSON.parse(
    readFileSync(new URL("./fixtures/examples.json", import.meta.url), "utf8"),
  ).rotating_service as { count: number; maxBytes: number; files: Record<string, string> }[];
  for (const runtime of ["deno", "bun", "node"]) {
    for (const scenario of fixture) {
      it(
        `${runtime}: ${scenario.count} records, maxBytes ${scenario.maxBytes}: CPython's files`,
        SLOW,
        () => {
          const dir = tempDir();
          try {
            const args = [example("rotating_service.ts"), "logs", String(scenario.count)];
            args.push(String(scenario.maxBytes));
            const r = run(
              bin(runtime),
              runtime === "deno" ? ["run", "--allow-read", "--allow-write", ...args] : args,
              dir,
            );
            assert.equal(r.status, 0, r.stderr);
            assert.equal(r.stdout + r.stderr, "");
            const names = readdirSync(join(dir, "logs")).sort();
            assert.deepEqual(names, Object.keys(scenario.files).sort());
            for (const name of names) {
              const bytes = readFileSync(join(dir, "logs", name)).toString("latin1");
              assert.equal(bytes, scenario.files[name], name);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      );
    }
  }
});

/** A child process whose output is collected, with a way to wait for a line. */
function start(cmd: string, args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  let done = false;
  void exited.then(() => (done = true));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
  return {
    child,
    exited: exited.finally(() => clearTimeout(timer)),
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Waits until `pattern` matches the output (stdout + stderr); throws if the process ends. */
    async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      for (;;) {
        const m = (stdout + stderr).match(pattern);
        if (m) return m;
        if (done) throw new Error(`process ended before ${pattern}:\n${stdout}${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop(): void {
      if (!done) child.kill("SIGKILL");
    },
  };
}

describe("examples/bun_server.ts (under Bun)", () => {
  it(
    "logs per-request fields through a LoggerAdapter; SIGTERM drains and exits 143",
    SLOW,
    async () => {
      const server = start(bin("bun"), [example("bun_server.ts")], { PORT: "0" });
      try {
        const [, port] = await server.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)\n/);
        const base = `http://127.0.0.1:${port}`;
        const hello = await fetch(`${base}/hello?name=ann`, { headers: { "x-request-id": "abc" } });
        assert.equal(await hello.text(), "hello ann\n");
        const fail = await fetch(`${base}/fail`);
        assert.equal(fail.status, 500);
        await fail.text();
        const missing = await fetch(`${base}/nope`, { method: "POST" });
        assert.equal(missing.status, 404);
        await missing.text();
        await server.waitFor(/POST \/nope: -> 404\n/);
        server.child.kill("SIGTERM");
        const { code, signal } = await server.exited;
        // Deno's node:child_process reports an exit status of 143 as the signal SIGTERM.
        if (isDeno) assert.ok(code === 143 || signal === "SIGTERM", `${code} ${signal}`);
        else assert.equal(code, 143);
        assert.equal(server.stderr, "");
        const t = `^${TIME} `;
        const file = escape(example("bun_server.ts"));
        assertLines(server.stdout, [
          new RegExp(`${t}INFO server \\[- -\\] - -: listening on http://127\\.0\\.0\\.1:${port}$`),
          new RegExp(
            `${t}INFO server\\.http \\[abc 127\\.0\\.0\\.1\\] GET /hello: greeting 'ann'$`,
          ),
          new RegExp(`${t}INFO server\\.http \\[abc 127\\.0\\.0\\.1\\] GET /hello: -> 200$`),
          new RegExp(
            `${t}ERROR server\\.http \\[req-1 127\\.0\\.0\\.1\\] GET /fail: cannot parse the payload$`,
          ),
          "Traceback (most recent call last):",
          new RegExp(`^  File "${file}", line \\d+, in fetch$`),
          new RegExp(`^  File "${file}", line \\d+, in handle$`),
          /^SyntaxError: \S/,
          new RegExp(`${t}INFO server\\.http \\[req-1 127\\.0\\.0\\.1\\] GET /fail: -> 500$`),
          new RegExp(`${t}WARNING server\\.http \\[req-2 127\\.0\\.0\\.1\\] POST /nope: no route$`),
          new RegExp(`${t}INFO server\\.http \\[req-2 127\\.0\\.0\\.1\\] POST /nope: -> 404$`),
        ], "bun_server stdout");
      } finally {
        server.stop();
        await server.exited;
      }
    },
  );
});

describe("examples/edge_function.ts", () => {
  /**
   * Imports the function and calls it with the console captured: each console call becomes one
   * entry, "method: text".
   */
  async function call(
    requests: Request[],
    ctx: (i: number) => unknown,
  ): Promise<{ lines: string[]; responses: Response[] }> {
    const mod = await import("../examples/edge_function.ts");
    const lines: string[] = [];
    const c = console as unknown as Record<string, (...args: unknown[]) => void>;
    const methods = ["log", "debug", "info", "warn", "error"];
    const originals = methods.map((m) => c[m]);
    for (const m of methods) c[m] = (...args) => lines.push(`${m}: ${args.map(String).join(" ")}`);
    const responses: Response[] = [];
    try {
      for (const [i, request] of requests.entries()) {
        responses.push(await mod.default.fetch(request, ctx(i)));
      }
    } finally {
      methods.forEach((m, i) => (c[m] = originals[i]));
    }
    return { lines, responses };
  }

  const greet = (body: string, id?: string): Request =>
    new Request("https://edge.example/greet", {
      method: "POST",
      body,
      headers: id ? { "x-request-id": id } : {},
    });

  it("one console call per record, by level (a traceback stays one entry); flush() goes to ctx.waitUntil", async () => {
    const handed: unknown[] = [];
    const { lines, responses } = await call(
      [greet('{"name":"ann"}', "r1"), greet("{", "r2")],
      () => ({ waitUntil: (p: unknown) => handed.push(p) }),
    );
    assert.deepEqual(responses.map((r) => r.status), [200, 400]);
    assert.deepEqual(await responses[0].json(), { greeting: "hello ann" });
    assert.equal(handed.length, 2);
    for (const p of handed) {
      assert.ok(p instanceof Promise);
      assert.equal(await p, undefined);
    }
    assert.equal(lines.length, 4, lines.join("\n"));
    assert.equal(lines[0], "info: INFO edge [r1] POST /greet: greeting 'ann'");
    assert.equal(lines[1], "info: INFO edge [r1] POST /greet: -> 200");
    const [first, ...trace] = lines[2].split("\n");
    assert.equal(first, "error: ERROR edge [r2] POST /greet: bad body '{'");
    assert.equal(trace[0], "Traceback (most recent call last):");
    assert.match(trace.at(-1) as string, /^SyntaxError: \S/);
    assert.equal(lines[3], "info: INFO edge [r2] POST /greet: -> 400");
  });

  it("uses EdgeRuntime.waitUntil (Supabase) when the second argument has none", async () => {
    const g = globalThis as { EdgeRuntime?: unknown };
    const handed: unknown[] = [];
    g.EdgeRuntime = { waitUntil: (p: unknown) => handed.push(p) };
    try {
      const { lines } = await call([new Request("https://edge.example/x")], () => undefined);
      assert.equal(handed.length, 1);
      assert.match(lines[0], /^warn: WARNING edge \[[0-9a-f]{8}\] GET \/x: no route$/);
      assert.match(lines[1], /^info: INFO edge \[[0-9a-f]{8}\] GET \/x: -> 404$/);
    } finally {
      delete g.EdgeRuntime;
    }
  });

  it("awaits flush() itself where the platform has no waitUntil", async () => {
    const { lines, responses } = await call([greet('{"name":"zoë"}', "r3")], () => ({}));
    assert.equal(responses[0].status, 200);
    assert.deepEqual(lines, [
      "info: INFO edge [r3] POST /greet: greeting 'zoë'",
      "info: INFO edge [r3] POST /greet: -> 200",
    ]);
  });

  it("leaves the edge logger as it found it", () => {
    // The example configures logger "edge" at import; detach its handler so other test files in
    // this process (Bun shares modules across files) see no extra handler.
    const log = logging.getLogger("edge");
    for (const h of [...log.handlers]) {
      log.removeHandler(h);
      void h.close();
    }
    assert.equal(log.handlers.length, 0);
  });

  it(
    "serves under `deno serve` (Deno Deploy style) and logs through the console",
    SLOW,
    async () => {
      const server = start(bin("deno"), [
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        example("edge_function.ts"),
      ]);
      try {
        const [, port] = await server.waitFor(/Listening on http:\/\/127\.0\.0\.1:(\d+)\//);
        const r = await fetch(`http://127.0.0.1:${port}/greet`, {
          method: "POST",
          body: '{"name":"ann"}',
          headers: { "x-request-id": "abc" },
        });
        assert.deepEqual(await r.json(), { greeting: "hello ann" });
        await server.waitFor(/-> 200\n/);
        assert.match(
          server.stdout,
          /^INFO edge \[abc\] POST \/greet: greeting 'ann'\nINFO edge \[abc\] POST \/greet: -> 200\n$/m,
        );
      } finally {
        server.stop();
        await server.exited;
      }
    },
  );
});
