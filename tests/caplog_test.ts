// pytest's caplog as captureLogs(): each scenario of tests/fixtures/caplog.json (run by real
// pytest 9 under CPython 3.13, scripts/gen_caplog_fixtures.py) runs the same steps here and must
// read the same records, messages, text (file:line normalised), levels, disable level and state
// after teardown (close()).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { freshLoggingPerTest } from "./_cpython_support.ts";
import { captureLogs, type LogCaptureFixture, type LogCaptureHandler } from "../testing/mod.ts";
import * as logging from "../mod.ts";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/caplog.json", import.meta.url), "utf8"),
);

type Step = [string, ...unknown[]];
interface Spec {
  pre?: Step[];
  steps: Step[];
  log_level?: string;
}

const FILELINE = /:[^:\s]+\.(?:ts|js|mjs|py):\d+ /g;
const get = (name: unknown): logging.Logger => logging.getLogger(name as string | null);

function snap(name: unknown, caplog?: LogCaptureFixture): Record<string, number> {
  const lg = get(name);
  const out: Record<string, number> = { level: lg.level, disable: lg.manager.disable };
  if (caplog !== undefined) out.handler_level = caplog.handler.level;
  return out;
}

function run(steps: Step[], caplog: LogCaptureFixture | null, out: unknown[]): void {
  for (const step of steps) {
    const [op, a, b, c, ...rest] = step as [string, unknown, unknown, unknown, ...unknown[]];
    if (op === "log") get(a).log(b as number, c, ...rest);
    else if (op === "exception") {
      try {
        throw new logging.errors.ValueError("boom");
      } catch (err) {
        get(a).exception(b, { exc_info: err });
      }
    } else if (op === "set_level") caplog!.set_level(a as number | string, b as string | null);
    else if (op === "at_level") {
      caplog!.at_level(a as number, b as string | null, () => run(c as Step[], caplog, out));
    } else if (op === "filtering") {
      caplog!.filtering(new logging.Filter(a as string), () => run(b as Step[], caplog, out));
    } else if (op === "clear") caplog!.clear();
    else if (op === "propagate") get(a).propagate = b as boolean;
    else if (op === "disable") logging.disable(a as number);
    else if (op === "read" || op === "read_no_text") {
      const got: Record<string, unknown> = {
        record_tuples: caplog!.record_tuples,
        messages: caplog!.messages,
        records: caplog!.records.length,
        handler_level: caplog!.handler.level,
      };
      if (op === "read") got.text = caplog!.text.replace(FILELINE, ":FILE:LINE ");
      out.push(got);
    } else if (op === "snapshot") out.push(snap(a, caplog!));
    else throw new Error("unknown step " + op);
  }
}

const NAMES = [null, "app", "app.db", "quiet", "late"];

describe("captureLogs: pytest 9's caplog under CPython 3.13", () => {
  freshLoggingPerTest({ quiet: true });

  const scenarios = fixtures.scenarios as Record<string, { spec: Spec; expected: unknown }>;
  for (const [name, { spec, expected }] of Object.entries(scenarios)) {
    it(name, () => {
      run(spec.pre ?? [], null, []);
      const before = Object.fromEntries(NAMES.map((n) => [n ?? "None", snap(n)]));
      const caplog = captureLogs({ level: spec.log_level ?? null });
      const results: unknown[] = [];
      try {
        run(spec.steps, caplog, results);
      } finally {
        caplog.close();
      }
      const after = Object.fromEntries(NAMES.map((n) => [n ?? "None", snap(n)]));
      const want = expected as { results: unknown[]; after?: unknown };
      assert.deepEqual(results, want.results);
      // log_level scenarios: pytest's own snapshot ran under the setting again (see the generator)
      assert.deepEqual(after, want.after ?? before);
      for (const n of NAMES) {
        assert.equal(get(n).handlers.includes(caplog.handler), false, "handler detached");
      }
    });
  }
});

describe("captureLogs: the JavaScript side", () => {
  freshLoggingPerTest();

  it("is disposable: `using` closes it", () => {
    let handler: LogCaptureHandler;
    {
      using caplog = captureLogs();
      handler = caplog.handler;
      caplog.set_level("DEBUG");
      assert.equal(logging.root.level, logging.DEBUG);
    }
    assert.equal(logging.root.handlers.includes(handler), false);
    assert.equal(logging.root.level, logging.WARNING);
  });

  it("close() twice restores once", () => {
    const caplog = captureLogs();
    caplog.set_level(10);
    caplog.close();
    logging.root.setLevel(40);
    caplog.close();
    assert.equal(logging.root.level, 40);
  });

  it("at_level awaits an async block before restoring", async () => {
    using caplog = captureLogs();
    await caplog.at_level("DEBUG", "app", async () => {
      await null;
      logging.getLogger("app").debug("late debug");
    });
    assert.deepEqual(caplog.messages, ["late debug"]);
    assert.equal(logging.getLogger("app").level, 0);
    assert.equal(caplog.handler.level, 0);
  });

  it("a record that cannot be formatted throws to the logging call (pytest fails the test)", () => {
    using caplog = captureLogs();
    assert.throws(() => logging.getLogger("app").warning("%d", "not a number"), TypeError);
    assert.equal(caplog.records.length, 1);
  });
});
