// unittest's assertLogs / assertNoLogs: each scenario of tests/fixtures/assert_logs.json (written
// by scripts/gen_assert_logs_fixtures.py under CPython 3.13) runs the same steps and must give the
// same output, records, error (type and message, byte for byte) and logger state during and after.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { freshLoggingPerTest } from "./_cpython_support.ts";
import {
  assertLogs,
  assertNoLogs,
  type LoggingWatcher,
  type WatchedLevel,
  type WatchedLogger,
} from "../testing/mod.ts";
import * as logging from "../mod.ts";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/assert_logs.json", import.meta.url), "utf8"),
);

type Step = [string, ...unknown[]];
interface Spec {
  setup?: Step[];
  logger: string | null | { instance: string };
  level: unknown;
  no_logs?: boolean;
  block: Step[];
}

const get = (name: unknown): logging.Logger => logging.getLogger(name as string | null);

function snapshot(logger: logging.Logger): Record<string, unknown> {
  return {
    handlers: logger.handlers.map((h) => h.get_name() ?? "watcher"),
    level: logger.level,
    propagate: logger.propagate,
    disabled: logger.disabled,
  };
}

const ERRORS: Record<string, new (m: string) => Error> = {
  ValueError: logging.errors.ValueError,
  KeyError: logging.errors.KeyError,
};

function run(steps: Step[], during: unknown[]): void {
  for (const step of steps) {
    const [op, a, b, c, ...rest] = step as [string, unknown, unknown, unknown, ...unknown[]];
    if (op === "log") get(a).log(b as number, c, ...rest);
    else if (op === "set_level") get(a).setLevel(b as number);
    else if (op === "add_handler") {
      const h = new logging.NullHandler();
      h.set_name(b as string);
      get(a).addHandler(h);
    } else if (op === "set_propagate") get(a).propagate = b as boolean;
    else if (op === "set_disabled") get(a).disabled = b as boolean;
    else if (op === "disable") logging.disable(a as number);
    else if (op === "snapshot") during.push(snapshot(get(a)));
    else if (op === "raise") throw new ERRORS[a as string](b as string);
    else throw new Error("unknown step " + op);
  }
}

/** Whether the error was raised before the block ran (unittest's __enter__). */
const isEnterError = (e: unknown): boolean =>
  e instanceof logging.errors.ValueError && e.message.startsWith("Unknown level") ||
  e instanceof TypeError && e.message.startsWith("Level not an integer");

async function scenario(spec: Spec, async: boolean): Promise<Record<string, unknown>> {
  run(spec.setup ?? [], []);
  const logger: WatchedLogger = spec.logger !== null && typeof spec.logger === "object"
    ? get(spec.logger.instance)
    : spec.logger;
  const result: Record<string, unknown> = {
    entered: null,
    during: [],
    output: null,
    records: null,
    error: null,
  };
  let seen: LoggingWatcher | undefined;
  let ran = false;
  const block = (w: LoggingWatcher): unknown => {
    ran = true;
    seen = w;
    if (!async) return run(spec.block, result.during as unknown[]);
    return (async () => {
      await null;
      run(spec.block, result.during as unknown[]);
    })();
  };
  const level = spec.level as WatchedLevel;
  let watcher: LoggingWatcher | undefined;
  try {
    if (spec.no_logs) await assertNoLogs(logger, level, block);
    else watcher = await assertLogs(logger, level, block);
  } catch (e) {
    const err = e as Error;
    if (!ran) {
      assert.ok(isEnterError(e), String(e));
      result.entered = [err.name, err.message];
    } else result.error = [err.name, err.message];
  }
  if (ran) {
    // the watcher the block saw (assertNoLogs hands none to the block, as unittest's __enter__)
    if (spec.no_logs) assert.equal(seen, undefined);
    else assert.ok(seen);
    const w = watcher ?? seen;
    result.output = w ? [...w.output] : [];
    result.records = w ? w.records.map((r) => [r.name, r.levelno, r.getMessage()]) : [];
    if (watcher !== undefined) assert.equal(watcher, seen);
  }
  const names = [null, "app", "app.db", "app.quiet", "app.x"];
  const after: Record<string, unknown> = {};
  for (const n of names) {
    if (n === null || logging.root.manager.loggerDict.has(n)) after[n ?? "None"] = snapshot(get(n));
  }
  result.after = after;
  result.disable_after = logging.root.manager.disable;
  return result;
}

describe("assertLogs / assertNoLogs: unittest's behaviour under CPython 3.13", () => {
  freshLoggingPerTest({ quiet: true });

  const scenarios = fixtures.scenarios as Record<string, { spec: Spec; expected: unknown }>;
  for (const [name, { spec, expected }] of Object.entries(scenarios)) {
    const s = spec as Spec;
    for (const async of [false, true]) {
      it(`${name} (${async ? "async" : "sync"} block)`, async () => {
        const got = await scenario(s, async);
        const want = { ...(expected as Record<string, unknown>) };
        if (s.no_logs) {
          // assertNoLogs hands the block no watcher (unittest's __enter__ returns None): its
          // output is checked through the failure message, which carries its repr
          for (const key of ["output", "records"]) {
            delete got[key];
            delete want[key];
          }
        }
        assert.deepEqual(got, want);
      });
    }
  }
});

describe("assertLogs: the JavaScript side", () => {
  freshLoggingPerTest();

  it("with the block only, watches the root logger at INFO", async () => {
    const cm = await assertLogs(() => logging.getLogger("a.b").info("x %d", 1));
    assert.deepEqual(cm.output, ["INFO:a.b:x 1"]);
  });

  it("with a logger and the block, watches that logger at INFO", async () => {
    const cm = await assertLogs("a", (w) => {
      logging.getLogger("a").warning("w");
      assert.deepEqual(w.output, ["WARNING:a:w"]); // visible inside the block, as `cm` is
    });
    assert.equal(cm.records[0].levelno, logging.WARNING);
  });

  it("rejects with the library's AssertionError", async () => {
    await assert.rejects(
      assertLogs("quiet", () => {}),
      (e: unknown) =>
        e instanceof logging.errors.AssertionError &&
        e.message === "no logs of level INFO or higher triggered on quiet",
    );
  });

  it("the block's own rejection passes through as the same object", async () => {
    const boom = new Error("boom");
    await assert.rejects(
      assertLogs("a", async () => {
        logging.getLogger("a").info("before");
        await null;
        throw boom;
      }),
      (e: unknown) => e === boom,
    );
    assert.equal(logging.getLogger("a").propagate, true);
  });

  it("refuses a call without a block", async () => {
    await assert.rejects(
      assertLogs("a" as unknown as () => void),
      TypeError,
    );
  });
});
