/**
 * LoggerAdapter's dispatch (issue 22): an adapter over a plain Logger takes a shorter path (no
 * copy of its arguments into a keyword object and back), so these check against CPython 3.13
 * (scripts/gen_adapter_dispatch_fixtures.py) that every overridable step still runs where Python
 * runs it: an adapter subclass's `log` and `process`, a Logger subclass's `log`, `extra` and
 * `merge_extra`, the keyword arguments, the caller fields and both level checks.
 */
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  DEBUG,
  Handler,
  Logger,
  LoggerAdapter,
  type LogKwargs,
  type LogRecord,
  setCallerInfo,
  WARNING,
} from "../mod.ts";

type Rec = Record<string, unknown>;
interface Case {
  calls?: unknown[][];
  records: Rec[];
}
const fixtures: Record<string, Case> = JSON.parse(
  readFileSync(new URL("./fixtures/adapter_dispatch.json", import.meta.url), "utf8"),
);

class Capture extends Handler {
  records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
  }
}

function fresh(name: string, Cls: typeof Logger = Logger): [Logger, Capture] {
  const logger = new Cls(name);
  logger.setLevel(DEBUG);
  const h = new Capture();
  logger.addHandler(h);
  return [logger, h];
}

function rec(r: LogRecord, keys: string[] = []): Rec {
  const out: Rec = {
    levelno: r.levelno,
    message: r.getMessage(),
    funcName: r.funcName,
    exc: r.exc_info !== null && r.exc_info !== undefined,
    stack: r.stack_info !== null && r.stack_info !== undefined,
  };
  for (const k of keys) out[k] = (r as unknown as Rec)[k] ?? null;
  return out;
}

/** Python's sorted(kwargs): the keyword names a trailing keyword object carries. */
function kwNames(args: unknown[]): [unknown[], string[]] {
  const last = args[args.length - 1];
  if (
    last !== null && typeof last === "object" && !Array.isArray(last) &&
    Object.keys(last).every((k) => ["exc_info", "extra", "stack_info", "stacklevel"].includes(k))
  ) return [args.slice(0, -1), Object.keys(last).sort()];
  return [args, []];
}

afterEach(() => setCallerInfo("auto"));

describe("LoggerAdapter dispatch (CPython 3.13)", () => {
  it("runs an adapter subclass's log for every level method, exception included", () => {
    setCallerInfo("always");
    const calls: unknown[][] = [];
    class LogOverride extends LoggerAdapter {
      override log(level: number, msg: unknown, ...args: unknown[]): void {
        const [rest, names] = kwNames(args);
        calls.push(["adapter.log", level, msg, rest, names]);
        super.log(level, msg, ...args);
      }
    }
    const [logger, h] = fresh("a");
    const a = new LogOverride(logger, { user: "ann" });
    a.info("a %s", 1);
    a.warning("w %d", 2, { extra: { k: 1 } });
    a.debug("d");
    a.error("e");
    a.critical("c");
    try {
      throw new Error("x");
    } catch {
      a.exception("boom");
    }
    assert.deepEqual(calls, fixtures.log_override.calls);
    assert.deepEqual(h.records.map((r) => rec(r, ["user"])), fixtures.log_override.records);
  });

  it("runs an adapter subclass's process", () => {
    setCallerInfo("always");
    const calls: unknown[][] = [];
    class ProcessOverride extends LoggerAdapter<{ tag: string }> {
      override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
        calls.push(["process", msg, Object.keys(kwargs).sort()]);
        return [`[${this.extra.tag}] ${msg}`, kwargs];
      }
    }
    const [logger, h] = fresh("b");
    new ProcessOverride(logger, { tag: "db" }).info("slow %s", "q", { stack_info: true });
    assert.deepEqual(calls, fixtures.process_override.calls);
    const got = h.records.map((r) => rec(r, ["tag"]));
    // Python's record shows the caller function; here the test's callback is nameless
    const want = fixtures.process_override.records.map((r) => ({
      ...r,
      funcName: got[0].funcName,
    }));
    assert.deepEqual(got, want);
  });

  it("runs a Logger subclass's log", () => {
    setCallerInfo("always");
    const calls: unknown[][] = [];
    class LoggingLogger extends Logger {
      override log(level: number, msg: unknown, ...args: unknown[]): void {
        const [rest, names] = kwNames(args);
        calls.push(["logger.log", level, msg, rest, names]);
        super.log(level, msg, ...args);
      }
    }
    const [logger, h] = fresh("c", LoggingLogger);
    new LoggerAdapter(logger, { user: "bob" }).warning("hi %s", "there");
    // Python passes extra= as a keyword; here the adapter's extra rides in the keyword object
    assert.deepEqual(calls, fixtures.logger_log_override.calls);
    assert.deepEqual(h.records.map((r) => rec(r, ["user"])), fixtures.logger_log_override.records);
  });

  it("sets extra, or merges the call's over it with merge_extra", () => {
    setCallerInfo("always");
    const [logger, h] = fresh("d");
    function module(): void {
      const m = new LoggerAdapter(logger, { user: "ann", role: "a" }, true);
      m.info("one", { extra: { role: "b", step: 1 } });
      m.info("two");
      new LoggerAdapter(logger, { user: "ann" }).info("three", { extra: { step: 2 } });
    }
    module();
    const want = fixtures.extra.records.map((r) => ({ ...r, funcName: "module" }));
    assert.deepEqual(h.records.map((r) => rec(r, ["user", "role", "step"])), want);
  });

  it("reports the adapter's caller, through nested adapters too", () => {
    setCallerInfo("always");
    const [logger, h] = fresh("e");
    function handler_func(): void {
      new LoggerAdapter(logger, {}).info("x");
      new LoggerAdapter(new LoggerAdapter(logger, {}), {}).info("y");
    }
    handler_func();
    assert.deepEqual(h.records.map((r) => rec(r)), fixtures.caller.records);
  });

  it("checks the level and passes exc_info through log()", () => {
    setCallerInfo("always");
    const [logger, h] = fresh("f");
    logger.setLevel(WARNING);
    const q = new LoggerAdapter(logger, {});
    function module(): void {
      q.info("dropped");
      q.log(WARNING, "kept %d", 3, { exc_info: new Error("v") });
    }
    module();
    const want = fixtures.levels.records.map((r) => ({ ...r, funcName: "module" }));
    assert.deepEqual(h.records.map((r) => rec(r)), want);
  });
});
