// The API CPython 3.12 and 3.13 added to logging (getHandlerByName, getHandlerNames,
// Logger.getChildren, LoggerAdapter's merge_extra, dictConfig's formatter `defaults`, queue handler
// entries, MemoryHandler flushLevel names, shutdown and flushOnClose, QueueListener.stop twice) and
// how a configuration replaces handlers: each case of tests/fixtures/py313_api.json
// (scripts/gen_py313_api_fixtures.py, run by CPython 3.13) is replayed here and its results, stdout
// and stderr compared. Then what CPython 3.14 documents (a listener that refuses a second start and
// is disposable), and the atomic configuration this library keeps where CPython does not.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dictConfig, fileConfig, registerFactory } from "../config/mod.ts";
import { LoggerAdapter } from "../adapter.ts";
import { RuntimeError, ValueError } from "../py/errors.ts";
import { getHandlerByName, getHandlerNames } from "../handler_names.ts";
import { Handler } from "../handlers/handler.ts";
import type { MemoryHandler } from "../handlers/queue/memory.ts";
import { NullHandler } from "../handlers/null.ts";
import { Queue } from "../py/queue.ts";
import { QueueHandler, QueueListener } from "../handlers/queue/queue.ts";
import { getLogger, Logger, setLoggerClass } from "../logger.ts";
import type { LogRecord } from "../record.ts";
import { shutdown } from "../shutdown.ts";
import { errInfo, setUpConfigEnv } from "./_config_support.ts";

type Step = Record<string, unknown>;
interface Case {
  name: string;
  steps: Step[];
  expected: { results: unknown[]; stdout: string; stderr: string };
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/py313_api.json", import.meta.url), "utf8"),
) as { python: string; cases: Case[] };

const EVENTS: string[] = [];

/** The generator's pylog_test.Recorder: records emit, flush and close. */
class Recorder extends Handler {
  tag: string;
  constructor(tag: string) {
    super();
    this.tag = tag;
  }
  override emit(record: LogRecord): void {
    EVENTS.push(`emit ${this.tag} ${record.getMessage()}`);
  }
  override flush(): void {
    EVENTS.push(`flush ${this.tag}`);
  }
  override close(): void {
    EVENTS.push(`close ${this.tag}`);
    super.close();
  }
}
registerFactory("pylog_test.Recorder", Recorder, { params: ["tag"], required: 1 });

function handlerNamed(name: unknown): Handler {
  const h = getHandlerByName(name as string);
  assert.ok(h !== null, `no handler named ${name}`);
  return h;
}

function queueProbe(h: Handler): unknown[] {
  const qh = h as QueueHandler;
  const lis = qh.listener;
  const q = qh.queue as Queue;
  return [
    qh.constructor.name,
    lis === null ? null : lis.constructor.name,
    lis === null ? null : lis.handlers.map((x) => x.name),
    lis === null ? null : Boolean(lis.respect_handler_level),
    lis === null ? null : lis._thread !== null,
    lis === null ? null : lis.queue === q,
    q.constructor.name,
    (q as { maxsize?: number }).maxsize ?? null,
  ];
}

async function runStep(step: Step, state: Map<string, NullHandler>): Promise<unknown> {
  if ("dict" in step) dictConfig(step.dict as Record<string, unknown>);
  else if ("ini" in step) fileConfig(step.ini as string);
  else if ("log" in step) {
    const [name, method, msg, extra] = step.log as [string, string, string, unknown?];
    const logger = getLogger(name) as unknown as Record<string, (...a: unknown[]) => void>;
    if (extra === undefined) logger[method](msg);
    else logger[method](msg, { extra });
  } else if ("adapter" in step) {
    const [name, extra, merge] = step.adapter as [string, Record<string, unknown>, boolean];
    const ad = new LoggerAdapter(getLogger(name), extra, merge) as unknown as Record<
      string,
      (...a: unknown[]) => void
    >;
    for (const [method, msg, cx] of step.calls as [string, string, unknown?][]) {
      if (cx === undefined) ad[method](msg);
      else ad[method](msg, { extra: cx });
    }
  } else if ("names" in step) {
    const names = getHandlerNames();
    assert.ok(names instanceof Set);
    return [...names].sort();
  } else if ("byName" in step) {
    const h = getHandlerByName(step.byName as string);
    return h === null ? null : [h.constructor.name, h.level];
  } else if ("close" in step) {
    void handlerNamed(step.close).close();
  } else if ("nullHandler" in step) {
    const tag = step.nullHandler as string;
    if (!state.has(tag)) state.set(tag, new NullHandler());
    state.get(tag)!.name = step.name as string | null;
  } else if ("getLogger" in step) {
    getLogger(step.getLogger as string);
  } else if ("children" in step) {
    const children = getLogger(step.children as string).getChildren();
    assert.ok(children instanceof Set);
    return [...children].map((c: Logger) => c.name).sort();
  } else if ("queue" in step) {
    return queueProbe(handlerNamed(step.queue));
  } else if ("listener" in step) {
    const lis = (handlerNamed(step.listener) as QueueHandler).listener!;
    if (step.call === "start") lis.start();
    else await lis.stop();
  } else if ("memory" in step) {
    const h = handlerNamed(step.memory) as MemoryHandler;
    return [h.constructor.name, h.capacity, h.flushLevel, h.target?.name ?? null, h.flushOnClose];
  } else if ("shutdown" in step) {
    await shutdown((step.shutdown as string[]).map(handlerNamed));
  } else if ("events" in step) {
    return EVENTS.splice(0);
  } else {
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
  return null;
}

async function run(c: Case): Promise<void> {
  const env = setUpConfigEnv();
  EVENTS.length = 0;
  try {
    const results: unknown[] = [];
    const state = new Map<string, NullHandler>();
    for (const step of c.steps) {
      try {
        results.push(await runStep(step, state));
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        results.push(errInfo(e, env.dir));
      }
    }
    for (const h of getLogger().handlers) await h.flush();
    env.files(); // writes out what is buffered
    assert.deepEqual(results, c.expected.results, "results");
    assert.equal(env.stdout.getvalue(), c.expected.stdout, "stdout");
    assert.equal(env.stderr.getvalue(), c.expected.stderr, "stderr");
  } finally {
    env.done();
  }
}

describe(`the 3.12/3.13 API against CPython ${fixture.python}`, () => {
  it("covers every part of the API", () => {
    const kinds = new Set(fixture.cases.flatMap((c) => c.steps.flatMap((s) => Object.keys(s))));
    for (const k of ["names", "byName", "children", "adapter", "queue", "memory", "shutdown"]) {
      assert.ok(kinds.has(k), k);
    }
  });
  for (const c of fixture.cases) it(c.name, () => run(c));
});

describe("QueueListener as CPython 3.14 documents it", () => {
  it("start() on a running listener raises RuntimeError; stopped, it starts again", async () => {
    const q = new Queue();
    const seen: string[] = [];
    const h = new Recorder("l");
    h.emit = (r: LogRecord) => void seen.push(r.getMessage());
    const listener = new QueueListener(q, h);
    listener.start();
    assert.throws(() => listener.start(), (e: unknown) => {
      assert.ok(e instanceof RuntimeError);
      assert.equal((e as Error).message, "Listener already started");
      return true;
    });
    new QueueHandler(q).handle(getLogger("l314").makeRecord("l314", 30, "f", 1, "one", [], null));
    await listener.stop();
    await listener.stop(); // 3.13: a second stop does nothing
    listener.start();
    await listener.stop();
    assert.deepEqual(seen, ["one"]);
  });
  it("stop() on a listener never started does nothing (3.13)", async () => {
    await new QueueListener(new Queue()).stop();
  });
  it("await using stops it once every queued record is handled", async () => {
    const q = new Queue();
    const seen: string[] = [];
    const h = new Recorder("u");
    h.emit = (r: LogRecord) => void seen.push(r.getMessage());
    let kept: QueueListener;
    {
      await using listener = new QueueListener(q, h);
      kept = listener;
      listener.start();
      const qh = new QueueHandler(q);
      for (const m of ["a", "b", "c"]) {
        qh.handle(getLogger("u314").makeRecord("u314", 30, "f", 1, m, [], null));
      }
    }
    assert.deepEqual(seen, ["a", "b", "c"]);
    assert.equal(kept._thread, null);
  });
  it("using (synchronous dispose) starts the stop", async () => {
    let kept: QueueListener;
    {
      using listener = new QueueListener(new Queue());
      kept = listener;
      listener.start();
    }
    assert.equal(kept._thread === null, false); // the sentinel is queued, the loop ends next turn
    await kept._thread;
    await kept.stop();
    assert.equal(kept._thread, null);
  });
});

describe("a configuration that fails leaves the previous one working (atomic, unlike CPython)", () => {
  function withEnv(fn: () => void): void {
    const env = setUpConfigEnv();
    EVENTS.length = 0;
    try {
      fn();
    } finally {
      env.done();
    }
  }
  const good = {
    version: 1,
    handlers: { h1: { "()": "pylog_test.Recorder", tag: "old-1" } },
    root: { level: "INFO", handlers: ["h1"] },
  };
  it("a handler that fails halfway: the new ones built so far are closed once, newest first", () => {
    withEnv(() => {
      dictConfig(good);
      EVENTS.length = 0;
      assert.throws(() =>
        dictConfig({
          version: 1,
          handlers: {
            a: { "()": "pylog_test.Recorder", tag: "new-a" },
            b: { "()": "pylog_test.Recorder", tag: "new-b" },
            c: { class: "logging.NoSuchHandler" },
          },
          root: { handlers: ["a", "b", "c"] },
        }), /Unable to configure handler 'c'/);
      // CPython would have flushed and closed old-1 first; here it is untouched and still used.
      assert.deepEqual(EVENTS.splice(0), [
        "flush new-b",
        "close new-b",
        "flush new-a",
        "close new-a",
      ]);
      getLogger("x").warning("still there");
      assert.deepEqual(EVENTS.splice(0), ["emit old-1 still there"]);
      assert.deepEqual([...getHandlerNames()], ["h1"]);
      assert.equal((getHandlerByName("h1") as Recorder).tag, "old-1");
    });
  });
  for (
    const [what, factory] of [
      ["returns undefined", () => undefined],
      ["returns a number", () => 5],
    ] as [string, () => unknown][]
  ) {
    it(`a factory that ${what}: Python's AttributeError for the name, the old handlers kept`, () => {
      withEnv(() => {
        dictConfig(good);
        EVENTS.length = 0;
        registerFactory("pylog_test.odd", factory);
        assert.throws(
          () =>
            dictConfig({
              version: 1,
              handlers: { odd: { "()": "pylog_test.odd" } },
              root: { handlers: ["odd"] },
            }),
          (e: unknown) => {
            const err = e as Error & { cause?: Error };
            assert.equal(err.message, "Unable to configure handler 'odd'");
            assert.equal(err.cause?.name, "AttributeError");
            assert.match(err.cause!.message, /object has no attribute 'name'/);
            return true;
          },
        );
        assert.deepEqual(EVENTS.splice(0), []);
        getLogger("x").warning("kept");
        assert.deepEqual(EVENTS.splice(0), ["emit old-1 kept"]);
      });
    });
  }
  it("a logger with an unknown level: the new handler is closed, nothing old was", () => {
    withEnv(() => {
      dictConfig(good);
      EVENTS.length = 0;
      assert.throws(() =>
        dictConfig({
          version: 1,
          handlers: { n: { "()": "pylog_test.Recorder", tag: "new" } },
          loggers: { "bad.level": { level: "NOPE" } },
          root: { handlers: ["n"] },
        }), /Unable to configure logger 'bad.level'/);
      assert.deepEqual(EVENTS.splice(0), ["flush new", "close new"]);
      getLogger("x").warning("kept");
      assert.deepEqual(EVENTS.splice(0), ["emit old-1 kept"]);
    });
  });
  it("a logger class that throws: caught while planning, before anything changed", () => {
    withEnv(() => {
      dictConfig(good);
      EVENTS.length = 0;
      class Refusing extends Logger {
        constructor(name: string) {
          super(name);
          if (name === "refused") throw new ValueError("refused");
        }
      }
      setLoggerClass(Refusing);
      try {
        assert.throws(() =>
          dictConfig({
            version: 1,
            handlers: { n: { "()": "pylog_test.Recorder", tag: "new" } },
            loggers: { fine: {}, refused: {} },
            root: { handlers: ["n"] },
          }), /Unable to configure logger 'refused'/);
      } finally {
        setLoggerClass(Logger);
      }
      assert.deepEqual(EVENTS.splice(0), ["flush new", "close new"]);
      getLogger("x").warning("kept");
      assert.deepEqual(EVENTS.splice(0), ["emit old-1 kept"]);
    });
  });
  it("fileConfig that fails halfway keeps the old handlers too", () => {
    withEnv(() => {
      dictConfig(good);
      EVENTS.length = 0;
      assert.throws(() =>
        fileConfig(
          "[loggers]\nkeys=root\n[handlers]\nkeys=i\n[formatters]\nkeys=\n" +
            "[logger_root]\nhandlers=i,missing\n" +
            "[handler_i]\nclass=pylog_test.Recorder\nargs=('ini',)\n",
        )
      );
      assert.deepEqual(EVENTS.splice(0), ["flush ini", "close ini"]);
      getLogger("x").warning("kept");
      assert.deepEqual(EVENTS.splice(0), ["emit old-1 kept"]);
    });
  });
});
