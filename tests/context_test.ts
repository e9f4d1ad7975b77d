// contextvars (CPython 3.13), structlog 26's context-local binding and ContextVarsFilter.
// Expected errors, reprs and program results: tests/fixtures/context.json, written by
// scripts/gen_context_fixtures.py under CPython 3.13 with structlog 26. The isolation tests log
// from 100 interleaved requests and check every line's id.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import {
  bind_contextvars,
  bound_contextvars,
  clear_contextvars,
  Context,
  ContextVar,
  ContextVarsFilter,
  copyContext,
  createTask,
  currentTaskName,
  get_contextvars,
  merge_contextvars,
  reset_contextvars,
  Token,
  unbind_contextvars,
} from "../context/mod.ts";
import * as root from "../mod.ts";
import { Formatter, getLogger, Handler, INFO, type LogRecord } from "../mod.ts";
import { state } from "../state.ts";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/context.json", import.meta.url), "utf8"),
);

const norm = (s: string): string => s.replace(/0x[0-9a-f]+/g, "0x?");

function caught(fn: () => unknown): [string, string] | null {
  try {
    fn();
  } catch (e) {
    const err = e as Error;
    return [err.name, norm(err.message)];
  }
  return null;
}

/** Every test body runs in a fresh context: Bun shares module state between test files. */
function fresh<R>(fn: () => R): R {
  return new Context().run(fn);
}

class ListHandler extends Handler {
  lines: string[] = [];
  records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
    this.lines.push(this.format(record));
  }
}

const loggers: string[] = [];
function capture(name: string, fmt: string, style: "%" | "{" | "$" = "%"): ListHandler {
  const h = new ListHandler();
  h.setFormatter(new Formatter(fmt, null, style));
  h.addFilter(new ContextVarsFilter());
  const log = getLogger(name);
  log.handlers = [h];
  log.propagate = false;
  log.setLevel(INFO);
  loggers.push(name);
  return h;
}
after(() => {
  for (const name of loggers) {
    const log = getLogger(name);
    log.handlers = [];
    log.propagate = true;
    log.setLevel(0);
  }
});

describe("contextvars: CPython 3.13's errors and reprs", () => {
  it("raises the same error types with the same messages", () =>
    fresh(() => {
      const want = fixtures.errors as Record<string, [string, string]>;
      const v = new ContextVar<number>("v");
      const w = new ContextVar<number>("w", { default: 5 });
      const got: Record<string, [string, string] | null> = {};
      got.get_unset = caught(() => v.get());
      got.name_not_str = caught(() => new ContextVar(1 as unknown as string));
      // deno-lint-ignore no-explicit-any
      got.no_name = caught(() => new (ContextVar as any)());
      // deno-lint-ignore no-explicit-any
      got.get_two_args = caught(() => (v.get as any)(1, 2));
      got.reset_not_token = caught(() => v.reset("x" as unknown as Token<number>));
      const t = v.set(1);
      v.reset(t);
      got.reset_twice = caught(() => v.reset(t));
      const tw = w.set(3);
      got.reset_other_var = caught(() => v.reset(tw));
      w.reset(tw);
      const ctx = copyContext();
      const t3 = v.set(9);
      got.reset_other_context = caught(() => ctx.run(() => v.reset(t3)));
      v.reset(t3);
      got.run_entered = caught(() => ctx.run(() => ctx.run(() => 1)));
      got.context_missing_key = caught(() => ctx.getItem(v));
      got.context_bad_key = caught(() => ctx.getItem("x" as unknown as ContextVar));
      got.context_get_bad_key = caught(() => ctx.get("x" as unknown as ContextVar));
      got.context_in_bad_key = caught(() => ctx.has("x" as unknown as ContextVar));
      // deno-lint-ignore no-explicit-any
      got.run_no_fn = caught(() => (ctx.run as any)());
      assert.deepEqual(got, want);
    }));

  it("LookupError, RuntimeError, ValueError and KeyError are the library's Python classes", () =>
    fresh(() => {
      const v = new ContextVar("v");
      assert.throws(() => v.get(), root.errors.LookupError);
      const t = v.set(1);
      v.reset(t);
      assert.throws(() => v.reset(t), root.errors.RuntimeError);
      assert.throws(() => new Context().getItem(v), root.errors.KeyError);
    }));

  it("reprs variables, tokens and contexts as Python does", () =>
    fresh(() => {
      const want = fixtures.reprs;
      const v = new ContextVar("request_id");
      const t = v.set("r1");
      const got: Record<string, string> = {
        var: norm(String(v)),
        var_default_str: norm(String(new ContextVar("user", { default: "-" }))),
        var_default_int: norm(String(new ContextVar("n", { default: 5 }))),
        var_quote_name: norm(String(new ContextVar("it's"))),
        token: norm(String(t)),
      };
      v.reset(t);
      got.token_used = norm(String(t));
      got.context = norm(String(copyContext()));
      assert.deepEqual(got, want);
    }));
});

type Step = [string, ...unknown[]];

describe("contextvars: programs run as under CPython 3.13", () => {
  for (const [name, program] of Object.entries(fixtures.contextvars)) {
    const { steps, results } = program as { steps: Step[]; results: unknown[] };
    it(name, () =>
      fresh(() => {
        const a = new ContextVar<unknown>("a");
        const b = new ContextVar<unknown>("b", { default: "B" });
        const vars: Record<string, ContextVar<unknown>> = { a, b };
        const tokens: Record<string, Token<unknown>> = {};
        const ctxs: Record<string, Context> = {};
        const run = (steps: Step[], out: unknown[]): void => {
          for (const step of steps) {
            const [op, x, y, z] = step as [string, string, unknown, string];
            try {
              if (op === "get") {
                out.push(step.length > 2 ? vars[x].get(y) : vars[x].get());
              } else if (op === "set") {
                const tok = vars[x].set(y);
                if (z !== undefined) tokens[z] = tok;
              } else if (op === "reset") tokens[x].var.reset(tokens[x]);
              else if (op === "old_value") {
                const old = tokens[x].old_value;
                out.push(old === Token.MISSING ? "MISSING" : old);
              } else if (op === "copy") ctxs[x] = copyContext();
              else if (op === "new") ctxs[x] = new Context();
              else if (op === "ctx_get") out.push(ctxs[x].get(vars[y as string]));
              else if (op === "ctx_len") out.push(ctxs[x].size);
              else if (op === "ctx_has") out.push(ctxs[x].has(vars[y as string]));
              else if (op === "ctx_keys") {
                out.push([...ctxs[x]].filter((k) => k === a || k === b).map((k) => k.name));
              } else if (op === "run") {
                const inner: unknown[] = [];
                ctxs[x].run(run, y as Step[], inner);
                out.push(inner);
              } else throw new Error("unknown step " + op);
            } catch (e) {
              out.push({ error: [(e as Error).name, norm((e as Error).message)] });
            }
          }
        };
        const out: unknown[] = [];
        run(steps, out);
        assert.deepEqual(out, results);
      }));
  }
});

describe("structlog 26's bind/unbind/clear/reset/bound_contextvars", () => {
  for (const [name, program] of Object.entries(fixtures.structlog_programs)) {
    const { steps, results } = program as { steps: Step[]; results: unknown[] };
    it(name, () =>
      fresh(() => {
        const tokens: Record<string, Record<string, Token<unknown>>> = {};
        const run = (steps: Step[], out: unknown[]): void => {
          for (const step of steps) {
            const [op, x, y] = step as [string, unknown, unknown];
            try {
              if (op === "bind") {
                const toks = bind_contextvars(x as Record<string, unknown>);
                if (y !== undefined) tokens[y as string] = toks;
              } else if (op === "unbind") unbind_contextvars(...(x as string[]));
              else if (op === "clear") clear_contextvars();
              else if (op === "get") out.push(get_contextvars());
              else if (op === "reset") reset_contextvars(tokens[x as string]);
              else if (op === "reset_unknown") reset_contextvars({ nope: tokens.t1.a });
              else if (op === "merge") {
                out.push(merge_contextvars(null, "info", { ...(x as Record<string, unknown>) }));
              } else if (op === "bound") {
                bound_contextvars(x as Record<string, unknown>, () => run(y as Step[], out));
              } else if (op === "bound_raise") {
                try {
                  bound_contextvars(x as Record<string, unknown>, () => {
                    run(y as Step[], out);
                    throw new root.errors.ValueError("boom");
                  });
                } catch (e) {
                  if (!(e instanceof root.errors.ValueError)) throw e;
                  out.push({ raised: e.message });
                }
              } else throw new Error("unknown step " + op);
            } catch (e) {
              out.push({ error: [(e as Error).name, norm((e as Error).message)] });
            }
          }
        };
        const out: unknown[] = [];
        run(steps, out);
        assert.deepEqual(out, results);
      }));
  }
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One request: binds its id, then logs across awaits, timers, Promise.all and then-chains. */
async function request(i: number, log: ReturnType<typeof getLogger>): Promise<void> {
  bind_contextvars({ request_id: `r${i}` });
  log.info("start %d", i);
  await sleep(i % 3);
  log.info("after await %d", i);
  await Promise.all([
    sleep((i * 7) % 4).then(() => log.info("all member %d", i)),
    (async () => {
      await null;
      log.info("async member %d", i);
    })(),
  ]);
  await new Promise<void>((resolve) =>
    setTimeout(() => {
      log.info("timer %d", i);
      resolve();
    }, (i * 5) % 3)
  );
  queueMicrotask(() => log.info("microtask %d", i));
  await sleep(0);
  log.info("end %d", i);
}

function checkLines(h: ListHandler, n: number): void {
  assert.equal(h.lines.length, n * 7);
  for (const line of h.lines) {
    const m = /^\[(\S+)\] .* (\d+)$/.exec(line);
    assert.ok(m, line);
    assert.equal(m[1], "r" + m[2], line);
  }
}

describe("context isolation across awaits, timers and Promise.all", () => {
  it("100 interleaved requests, each binding its own id: every line has its own id", async () => {
    const h = capture("ctx_test.iso1", "[%(request_id)s] %(message)s");
    const log = getLogger("ctx_test.iso1");
    await fresh(() => Promise.all(Array.from({ length: 100 }, (_, i) => request(i, log))));
    checkLines(h, 100);
  });

  it("the same with each request in copyContext().run() and in createTask()", async () => {
    const h = capture("ctx_test.iso2", "[%(request_id)s] %(message)s");
    const log = getLogger("ctx_test.iso2");
    await fresh(() =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          i % 2 === 0
            ? copyContext().run(request, i, log)
            : createTask(() =>
              request(i, log), { name: `t${i}` })),
      )
    );
    checkLines(h, 100);
  });

  it("the same with bound_contextvars blocks", async () => {
    const h = capture("ctx_test.iso3", "[%(request_id)s] %(message)s");
    const log = getLogger("ctx_test.iso3");
    await fresh(() =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          bound_contextvars({ request_id: `r${i}` }, async () => {
            await sleep(i % 2);
            await request(i, log);
          })),
      )
    );
    checkLines(h, 100);
  });

  it("a node:http server: 50 concurrent requests binding directly, none sees another's", async () => {
    let wrong = 0;
    const server = createServer(async (req, res) => {
      const id = new URL(req.url!, "http://x").searchParams.get("id")!;
      const before = get_contextvars().request_id ?? "-"; // nothing left by an earlier request
      bind_contextvars({ request_id: id });
      await sleep(Number(id) % 4);
      if (get_contextvars().request_id !== id) wrong++;
      res.end(String(before));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    try {
      const port = (server.address() as { port: number }).port;
      const bodies = await Promise.all(
        Array.from(
          { length: 50 },
          (_, i) => fetch(`http://127.0.0.1:${port}/?id=${i}`).then((r) => r.text()),
        ),
      );
      assert.deepEqual(bodies, Array(50).fill("-"));
      assert.equal(wrong, 0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("without enterWith (Workers' AsyncLocalStorage): requests in copyContext().run() stay apart", async () => {
    const slot = state.slots.contextvars as { als: unknown };
    const real = slot.als as {
      getStore(): unknown;
      run(s: unknown, f: () => unknown): unknown;
    };
    assert.ok(real, "the runtime has an AsyncLocalStorage");
    slot.als = {
      getStore: () => real.getStore(),
      run: (s: unknown, f: () => unknown) => real.run(s, f),
    };
    try {
      const h = capture("ctx_test.iso4", "[%(request_id)s] %(message)s");
      const log = getLogger("ctx_test.iso4");
      await Promise.all(Array.from({ length: 100 }, (_, i) => copyContext().run(request, i, log)));
      checkLines(h, 100);
    } finally {
      slot.als = real;
    }
  });

  it("without AsyncLocalStorage: run() scopes the synchronous part, the documented fallback", () => {
    const slot = state.slots.contextvars as { als: unknown; current: unknown };
    const real = slot.als;
    slot.als = null;
    try {
      const v = new ContextVar("v", { default: "-" });
      const seen = copyContext().run(() => {
        v.set("inside");
        return v.get();
      });
      assert.equal(seen, "inside");
      assert.equal(v.get(), "-");
      assert.equal(slot.current, undefined);
    } finally {
      slot.als = real;
    }
  });
});

describe("where JavaScript differs from asyncio (docs/DIVERGENCES.md)", () => {
  it("a set() in a plain Promise.all member is seen by the caller's later synchronous code", async () => {
    await fresh(async () => {
      const v = new ContextVar("v", { default: "caller" });
      const member = async (x: string): Promise<void> => {
        v.set(x);
        await null;
      };
      const all = Promise.all([member("a"), member("b")]);
      assert.equal(v.get(), "b"); // asyncio.gather's tasks would leave "caller"
      await all;
      // isolated with copyContext().run (or createTask), as asyncio's tasks are
      const w = new ContextVar("w", { default: "caller" });
      const isolated = async (x: string): Promise<void> => {
        w.set(x);
        await null;
      };
      await Promise.all([copyContext().run(isolated, "a"), createTask(() => isolated("b"))]);
      assert.equal(w.get(), "caller");
    });
  });

  it("a set() after an await inside an awaited helper is not seen by the caller", async () => {
    await fresh(async () => {
      const v = new ContextVar("v", { default: "before" });
      const helper = async (): Promise<void> => {
        await null;
        v.set("helper");
      };
      await helper();
      assert.equal(v.get(), "before"); // in Python the awaited coroutine shares the task's context
    });
  });
});

describe("ContextVarsFilter: bound values on records", () => {
  it("shows bound keys with %, { and $ styles", () =>
    fresh(() => {
      const p = capture("ctx_test.f1", "%(levelname)s [%(request_id)s %(user)s] %(message)s");
      const c = capture("ctx_test.f2", "{levelname} [{request_id} {user}] {message}", "{");
      const d = capture("ctx_test.f3", "$levelname [$request_id $user] $message", "$");
      bind_contextvars({ request_id: "r-17", user: "ann" });
      getLogger("ctx_test.f1").info("hi %s", "there");
      getLogger("ctx_test.f2").info("hi %s", "there");
      getLogger("ctx_test.f3").info("hi %s", "there");
      assert.deepEqual([...p.lines, ...c.lines, ...d.lines], [
        "INFO [r-17 ann] hi there",
        "INFO [r-17 ann] hi there",
        "INFO [r-17 ann] hi there",
      ]);
    }));

  it("explicit extra and the record's own attributes win over bound values", () =>
    fresh(() => {
      const h = capture("ctx_test.f4", "%(name)s %(user)s %(levelname)s %(message)s");
      bind_contextvars({ user: "bound", name: "bound-name", levelname: "X", message: "m" });
      getLogger("ctx_test.f4").info("hi", { extra: { user: "explicit" } });
      getLogger("ctx_test.f4").info("again");
      assert.deepEqual(h.lines, ["ctx_test.f4 explicit INFO hi", "ctx_test.f4 bound INFO again"]);
    }));

  it("copies chosen context variables, unbound keys are left off", () =>
    fresh(() => {
      const tenant = new ContextVar<string>("tenant", { default: "none" });
      const span = new ContextVar<string>("span");
      const h = new ListHandler();
      h.setFormatter(new Formatter("%(message)s"));
      const f = new ContextVarsFilter({ vars: { tenant_id: tenant, span } });
      const r1 = root.makeLogRecord({ msg: "x" });
      f.filter(r1);
      assert.equal(r1.tenant_id, "none");
      assert.equal("span" in r1, false);
      tenant.set("acme");
      span.set("s1");
      bind_contextvars({ a: 1, b: 2 });
      unbind_contextvars("b");
      const r2 = root.makeLogRecord({ msg: "x" });
      f.filter(r2);
      assert.deepEqual([r2.tenant_id, r2.span, r2.a, "b" in r2], ["acme", "s1", 1, false]);
      const onlyVars = new ContextVarsFilter({ vars: [tenant], bound: false });
      const r3 = root.makeLogRecord({ msg: "x" });
      assert.equal(onlyVars.filter(r3), true);
      assert.deepEqual([r3.tenant, "a" in r3], ["acme", false]);
    }));

  it("adds nothing when nothing is bound", () =>
    fresh(() => {
      const r = root.makeLogRecord({ msg: "x" });
      const before = Object.keys(r).length;
      new ContextVarsFilter().filter(r);
      assert.equal(Object.keys(r).length, before);
    }));
});

describe("taskName", () => {
  it("is the name given to createTask, null outside a named task", async () => {
    const h = capture("ctx_test.t1", "%(taskName)s %(message)s");
    const log = getLogger("ctx_test.t1");
    log.info("outside");
    await createTask(async () => {
      log.info("in task");
      await sleep(1);
      log.info("after await");
      await createTask(() => log.info("unnamed inner"));
      assert.equal(currentTaskName(), "job-1");
    }, { name: "job-1" });
    assert.equal(currentTaskName(), null);
    assert.deepEqual(h.lines, [
      "null outside", // the library writes None as null (docs/DIVERGENCES.md)
      "job-1 in task",
      "job-1 after await",
      "null unnamed inner",
    ]);
  });
});
