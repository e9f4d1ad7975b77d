// Port of CPython 3.11 Lib/test/test_logging.py: ModuleLevelMiscTest (module level functions).
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as logging from "../mod.ts";
import { percentFormat } from "../formatters/mod.ts";
import { state } from "../state.ts";
import { BaseTest, RecordingHandler, StringIO } from "./_cpython_support.ts";

type LogFn = (msg: unknown, ...args: unknown[]) => void;

describe("ModuleLevelMiscTest", () => {
  let t: BaseTest;
  beforeEach(() => {
    t = new BaseTest();
    t.setUp();
  });
  afterEach(() => t.tearDown());

  it("test_disable", () => {
    const old_disable = logging.root.manager.disable;
    // confirm our assumptions are correct
    assert.equal(old_disable, 0);
    t.addCleanup(() => logging.disable(old_disable));

    logging.disable(83);
    assert.equal(logging.root.manager.disable, 83);

    assert.throws(() => logging.disable("doesnotexists"), logging.errors.ValueError);

    class _NotAnIntOrString {}

    assert.throws(() => logging.disable(new _NotAnIntOrString() as never), TypeError);

    logging.disable("WARN");

    // test the default value introduced in 3.7 (Issue #28524)
    logging.disable();
    assert.equal(logging.root.manager.disable, logging.CRITICAL);
  });

  function _test_log(method: string, level: number | null = null): void {
    // Python patches logging.basicConfig to record calls; an ES module binding cannot be
    // replaced from outside, so the port checks the effect instead: the root logger's handlers
    // are still exactly the two the test set up (basicConfig() would be a no-op anyway, as the
    // root logger has handlers, which is what the module-level functions must check first).
    const recording = new RecordingHandler();
    logging.root.addHandler(recording);
    const before = [...logging.root.handlers];

    const log_method = (logging as unknown as Record<string, LogFn>)[method];
    if (level !== null) {
      (log_method as (level: number, msg: unknown, ...args: unknown[]) => void)(
        level,
        "test me: %r",
        recording,
      );
    } else {
      log_method("test me: %r", recording);
    }

    assert.equal(recording.records.length, 1);
    const record = recording.records[0];
    // Python computes the expected text with its own `%` operator; so does the port.
    assert.equal(record.getMessage(), percentFormat("test me: %r", [recording]));

    const expected_level = level !== null
      ? level
      : (logging as unknown as Record<string, number>)[method.toUpperCase()];
    assert.equal(record.levelno, expected_level);

    // basicConfig was not called!
    assert.deepEqual(logging.root.handlers, before);
    logging.root.removeHandler(recording);
  }

  it("test_log", () => _test_log("log", logging.ERROR));
  it("test_debug", () => _test_log("debug"));
  it("test_info", () => _test_log("info"));
  it("test_warning", () => _test_log("warning"));
  it("test_error", () => _test_log("error"));
  it("test_critical", () => _test_log("critical"));

  it("test_set_logger_class", () => {
    assert.throws(() => logging.setLoggerClass(Object as never), TypeError);

    class MyLogger extends logging.Logger {}

    logging.setLoggerClass(MyLogger);
    assert.equal(logging.getLoggerClass(), MyLogger);

    logging.setLoggerClass(logging.Logger);
    assert.equal(logging.getLoggerClass(), logging.Logger);
  });

  it("test_subclass_logger_cache", () => {
    // bpo-37258
    const message: string[] = [];

    const Base = logging.getLoggerClass() as typeof logging.Logger;
    class MyLogger extends Base {
      constructor(name = "MyLogger", level: number = logging.NOTSET) {
        super(name, level);
        message.push("initialized");
      }
    }

    logging.setLoggerClass(MyLogger);
    const logger = logging.getLogger("just_some_logger");
    assert.deepEqual(message, ["initialized"]);
    const stream = new StringIO();
    const h = new logging.StreamHandler(stream);
    logger.addHandler(h);
    try {
      logger.setLevel(logging.DEBUG);
      logger.debug("hello");
      assert.equal(stream.getvalue().trim(), "hello");

      stream.truncate(0);
      stream.seek(0);

      logger.setLevel(logging.INFO);
      logger.debug("hello");
      assert.equal(stream.getvalue(), "");
    } finally {
      logger.removeHandler(h);
      h.close();
      logging.setLoggerClass(logging.Logger);
    }
  });

  it("test_recursion_error", () => {
    // Issue 36272. Python runs the script in a child interpreter and checks it fails with
    // RecursionError (status 1) rather than a fatal "Cannot recover from stack overflow." crash;
    // the port runs it in a child of the same runtime and checks it ends with the engine's
    // RangeError and status 1 (not killed by a signal).
    const dir = mkdtempSync(join(tmpdir(), "pylog-cpython-rec-"));
    try {
      const script = join(dir, "rec.ts");
      const mod = new URL("../mod.ts", import.meta.url).href;
      writeFileSync(
        script,
        `import * as logging from ${JSON.stringify(mod)};\n` +
          "function rec(): void {\n" +
          '  logging.error("foo");\n' +
          "  rec();\n" +
          "}\n" +
          "rec();\n",
      );
      const isDeno = "Deno" in globalThis;
      const execPath = (globalThis as unknown as { process: { execPath: string } }).process
        .execPath;
      const args = isDeno ? ["run", "-A", "--no-check", script] : [script];
      const res = spawnSync(execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
      const err = res.stderr;
      assert.equal(res.signal, null);
      assert.ok(err.includes("Maximum call stack size exceeded"), err.slice(-2000));
      assert.equal(res.status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("test_get_level_names_mapping", () => {
    const mapping = logging.getLevelNamesMapping();
    // Python's logging._nameToLevel: the shared state's table.
    assert.deepEqual(mapping, Object.fromEntries(state.nameToLevel)); // value is equivalent
    assert.notEqual(mapping as unknown, state.nameToLevel); // but not the internal data
    const new_mapping = logging.getLevelNamesMapping(); // another call -> another copy
    assert.notEqual(mapping, new_mapping); // verify not the same object as before
    assert.deepEqual(mapping, new_mapping); // but equivalent in value
  });
});
