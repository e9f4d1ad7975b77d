// Issue 16: resetLogging() returns logging to the state it has right after import, through the
// public API only, so test suites need not reach into the library's internals.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as logging from "../mod.ts";
import { gmtime } from "../formatters/mod.ts";

const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== "undefined";
const modUrl = new URL("../mod.ts", import.meta.url).href;

/** A description of logging's observable state, comparable across processes. */
const DESCRIBE = `
  const r = logging.root;
  const lr = logging.getLastResort();
  const rec = logging.getLogRecordFactory()("n", 20, "p", 1, "m", null, null);
  return {
    rootLevel: r.level, rootHandlers: r.handlers.length, rootFilters: r.filters.length,
    rootDisabled: r.disabled, rootPropagate: r.propagate,
    loggers: [...r.manager.loggerDict.keys()], disable: r.manager.disable,
    levels: logging.getLevelNamesMapping(), level25: logging.getLevelName(25),
    raise: logging.getRaiseExceptions(),
    lastResort: lr === null ? null : [lr.constructor.name, lr.level, lr.filters.length],
    loggerClass: logging.getLoggerClass() === logging.Logger,
    record: rec instanceof logging.LogRecord && !("custom" in rec),
    converter: logging.Formatter.converter.name,
    timeFormat: logging.Formatter.default_time_format,
    msecFormat: logging.Formatter.default_msec_format,
    effective: logging.getLogger("fresh.child").getEffectiveLevel(),
  };
`;
// deno-lint-ignore no-explicit-any
const describeState = new Function("logging", DESCRIBE) as (l: any) => Record<string, unknown>;

/** The state of a program that has just imported the library (another process). */
function importTimeState(): Record<string, unknown> {
  const src = `import * as logging from ${JSON.stringify(modUrl)};\n` +
    `console.log(JSON.stringify((function (logging) {${DESCRIBE}})(logging)));`;
  const args = isDeno ? ["eval", "--ext=ts", src] : ["-e", src];
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe("resetLogging", () => {
  it("undoes configuration, levels, settings and factories: the state equals a fresh import's", () => {
    const before = describeState(logging);
    class Custom extends logging.Logger {}
    const h = new logging.StreamHandler();
    try {
      logging.basicConfig({ level: "DEBUG", handlers: [h] });
      logging.getLogger("app.db").setLevel("INFO");
      logging.root.addFilter(new logging.Filter("app"));
      logging.addLevelName(25, "NOTICE");
      logging.disable(logging.INFO);
      logging.setRaiseExceptions(false);
      logging.setLastResort(null);
      logging.setLoggerClass(Custom);
      const orig = logging.getLogRecordFactory();
      logging.setLogRecordFactory((...a) => Object.assign(orig(...a), { custom: 1 }));
      logging.Formatter.converter = gmtime;
      logging.Formatter.default_msec_format = null;
      logging.setCallerInfo("always");
      logging.config.dictConfig({
        version: 1,
        incremental: false,
        handlers: { named: { class: "logging.NullHandler" } },
        root: { handlers: ["named"] },
      });
      assert.notDeepEqual(describeState(logging), before);

      logging.resetLogging();

      const after = describeState(logging);
      assert.deepEqual(after, importTimeState());
      assert.equal(after.rootLevel, logging.WARNING);
      assert.equal(after.level25, "Level 25");
      assert.deepEqual(after.lastResort, ["StderrHandler", logging.WARNING, 0]);
      // the named handler of the dictConfig is forgotten: a later configuration cannot refer to it
      assert.throws(
        () => logging.config.dictConfig({ version: 1, incremental: true, handlers: { named: {} } }),
        logging.errors.ValueError,
      );
    } finally {
      logging.resetLogging();
      h.close();
    }
  });

  it("keeps the root logger object that the module exports", () => {
    const root = logging.root;
    logging.resetLogging();
    assert.equal(logging.root, root);
    assert.equal(logging.getLogger(), root);
  });
});
