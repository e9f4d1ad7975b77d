// Caller fields and the frames each runtime keeps: JavaScriptCore (Bun) runs ES modules' calls in
// tail position as proper tail calls, so the function that logged has no frame left and the record
// names its caller's caller; V8 (Deno, Node) keeps every frame. Each runtime's behaviour is stated,
// so that a change in either fails here, together with the workarounds that work everywhere. Also:
// where the capture starts (above the logging method the user called) when a Logger subclass
// overrides that method, and how a nameless function with no frame below it is named.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  Formatter,
  Handler,
  Logger,
  type LogRecord,
  root,
  setCallerInfo,
  warning,
} from "../mod.ts";

const IS_BUN = "Bun" in globalThis;

/** Each `// @call NAME` marker's line in this file: where a call in the test is made. */
const SOURCE = readFileSync(new URL(import.meta.url), "utf8").split("\n");
function lineOf(marker: string): number {
  const i = SOURCE.findIndex((l) => l.endsWith(`// @call ${marker}`));
  assert.ok(i >= 0, `marker ${marker}`);
  return i + 1;
}

const seen: string[] = [];
class Collect extends Handler {
  override emit(record: LogRecord): void {
    seen.push(this.format(record));
  }
}

function makeLogger(LoggerClass: typeof Logger = Logger): Logger {
  const log = new LoggerClass("caller.tail");
  const h = new Collect();
  h.setFormatter(new Formatter("%(filename)s:%(lineno)d %(funcName)s: %(message)s"));
  log.addHandler(h);
  return log;
}

afterEach(() => {
  seen.length = 0;
  setCallerInfo("auto");
});

// The logging calls under test. Their own lines carry a `// @call` marker.
function tailReturn(log: Logger): void {
  return log.info("return log.info(...)"); // @call tailReturn
}
const tailArrow = (log: Logger): void => log.info("() => log.info(...)"); // @call tailArrow
function keptInVariable(log: Logger): void {
  const r = log.info("const r = log.info(...); return r"); // @call keptInVariable
  return r;
}
function tailStacklevel(log: Logger): void {
  return log.info("return log.info(..., stacklevel 2)", { stacklevel: 2 }); // @call tailStacklevel
}
// The workarounds: the call as a statement of its own, or its value discarded with `void`
function statement(log: Logger): void {
  log.info("log.info(...);"); // @call statement
}
const blockArrow = (log: Logger): void => {
  log.info("() => { log.info(...); }"); // @call blockArrow
};
function returnVoid(log: Logger): void {
  return void log.info("return void log.info(...)"); // @call returnVoid
}

function outer(log: Logger, fn: (log: Logger) => void): void {
  fn(log); // @call outer
}

describe("calls in tail position", () => {
  it("return log.info(...): Bun names the caller's caller, Deno and Node the caller", () => {
    outer(makeLogger(), tailReturn);
    const expected = IS_BUN
      ? `caller_tail_test.ts:${lineOf("outer")} outer: return log.info(...)`
      : `caller_tail_test.ts:${lineOf("tailReturn")} tailReturn: return log.info(...)`;
    assert.deepEqual(seen, [expected]);
  });

  it("an expression-bodied arrow is a tail call too", () => {
    outer(makeLogger(), tailArrow);
    const expected = IS_BUN
      ? `caller_tail_test.ts:${lineOf("outer")} outer: () => log.info(...)`
      : `caller_tail_test.ts:${lineOf("tailArrow")} tailArrow: () => log.info(...)`;
    assert.deepEqual(seen, [expected]);
  });

  it("Bun's transpiler folds `const r = log.info(...); return r` into a tail call", () => {
    outer(makeLogger(), keptInVariable);
    const expected = IS_BUN
      ? `caller_tail_test.ts:${lineOf("outer")} outer: const r = log.info(...); return r`
      : `caller_tail_test.ts:${lineOf("keptInVariable")} keptInVariable: ` +
        "const r = log.info(...); return r";
    assert.deepEqual(seen, [expected]);
  });

  it("stacklevel does not bring the frame back: on Bun it counts from the caller's caller", () => {
    (function level2Caller() {
      outer(makeLogger(), tailStacklevel); // @call level2Caller
    })();
    const expected = IS_BUN
      ? `caller_tail_test.ts:${lineOf("level2Caller")} level2Caller: ` +
        "return log.info(..., stacklevel 2)"
      : `caller_tail_test.ts:${lineOf("outer")} outer: return log.info(..., stacklevel 2)`;
    assert.deepEqual(seen, [expected]);
  });

  it("the workarounds name the caller on every runtime: a statement, a block, `return void`", () => {
    const log = makeLogger();
    outer(log, statement);
    outer(log, blockArrow);
    outer(log, returnVoid);
    assert.deepEqual(seen, [
      `caller_tail_test.ts:${lineOf("statement")} statement: log.info(...);`,
      `caller_tail_test.ts:${lineOf("blockArrow")} blockArrow: () => { log.info(...); }`,
      `caller_tail_test.ts:${lineOf("returnVoid")} returnVoid: return void log.info(...)`,
    ]);
  });
});

describe("where the capture starts", () => {
  it("a subclass's logging method that calls super is the caller, as in Python", () => {
    class Wrapping extends Logger {
      override info(msg: unknown, ...args: unknown[]): void {
        super.info(msg, ...args); // @call Wrapping.info
      }
    }
    const log = makeLogger(Wrapping);
    log.info("through super");
    assert.deepEqual(seen, [
      `caller_tail_test.ts:${lineOf("Wrapping.info")} info: through super`,
    ]);
  });

  it("a subclass's logging method that never calls the library's is found too", () => {
    class Own extends Logger {
      override info(msg: unknown, ...args: unknown[]): void {
        this.log(20, msg, ...args); // @call Own.info
      }
    }
    const log = makeLogger(Own);
    (function ownCaller() {
      log.info("through log()");
      log.info("stacklevel 2", { stacklevel: 2 }); // @call ownCaller
    })();
    assert.deepEqual(seen, [
      `caller_tail_test.ts:${lineOf("Own.info")} info: through log()`,
      `caller_tail_test.ts:${lineOf("ownCaller")} ownCaller: stacklevel 2`,
    ]);
  });

  it("every logging method and the module-level functions name their caller", () => {
    const log = makeLogger();
    log.setLevel(1);
    (function allMethods() {
      log.debug("d"); // @call all
      log.info("i"); // @call all
      log.warning("w"); // @call all
      log.warn("w2"); // @call all
      log.error("e"); // @call all
      log.exception("x"); // @call all
      log.critical("c"); // @call all
      log.fatal("f"); // @call all
      log.log(25, "l"); // @call all
    })();
    const first = lineOf("all");
    assert.deepEqual(
      seen.map((l) => l.split(": ")[0]),
      Array.from({ length: 9 }, (_, i) => `caller_tail_test.ts:${first + i} allMethods`),
    );
    seen.length = 0;
    const h = makeLogger().handlers[0];
    root.addHandler(h);
    try {
      (function moduleLevel() {
        warning("module-level warning()"); // @call moduleLevel
      })();
    } finally {
      root.removeHandler(h);
    }
    assert.deepEqual(seen, [
      `caller_tail_test.ts:${lineOf("moduleLevel")} moduleLevel: module-level warning()`,
    ]);
  });
});

describe("what one call captures", () => {
  // deno-lint-ignore no-explicit-any
  const E = Error as any;
  /** Runs `fn` with Error.captureStackTrace wrapped: each capture's limit and boundary. */
  function captures(fn: () => void): { limit: number; boundary: unknown }[] {
    const seen: { limit: number; boundary: unknown }[] = [];
    const original = E.captureStackTrace;
    E.captureStackTrace = function (holder: object, boundary: unknown): void {
      seen.push({ limit: E.stackTraceLimit, boundary });
      original.call(E, holder, boundary);
    };
    try {
      fn();
    } finally {
      E.captureStackTrace = original;
    }
    return seen;
  }
  // Deno's call sites do not tell module code from a nameless function: the frame below does
  const FRAMES = "Deno" in globalThis ? 2 : 1;

  it("one capture of stacklevel frames (+1 on Deno), above the logging method called", () => {
    const log = makeLogger();
    log.info("warm-up"); // the engine probe, once per program
    const one = captures(function namedCaller() {
      log.info("one");
    });
    assert.deepEqual(one, [{ limit: FRAMES, boundary: Logger.prototype.info }]);
    const viaLog = captures(function namedCaller() {
      log.log(30, "via log");
    });
    assert.deepEqual(viaLog, [{ limit: FRAMES, boundary: Logger.prototype.log }]);
    const level2 = captures(function namedCaller() {
      outer(log, statement);
    });
    assert.deepEqual(level2, [{ limit: FRAMES, boundary: Logger.prototype.info }]);
    assert.equal(seen.length, 4);
  });

  it("module-level functions capture above themselves", () => {
    const h = makeLogger().handlers[0];
    root.addHandler(h);
    try {
      const calls = captures(function namedCaller() {
        warning("module-level");
      });
      assert.deepEqual(calls, [{ limit: FRAMES, boundary: warning }]);
    } finally {
      root.removeHandler(h);
    }
  });

  it("no capture at all while nothing reads caller fields", () => {
    const log = new Logger("caller.tail.plain");
    const h = new Collect();
    h.setFormatter(new Formatter("%(message)s"));
    log.addHandler(h);
    setCallerInfo("never");
    assert.deepEqual(captures(() => log.info("plain")), []);
    assert.deepEqual(seen, ["plain"]);
  });
});

describe("nameless callers", () => {
  it("a nameless arrow called from a function is <lambda>", () => {
    const log = makeLogger();
    [0].forEach(() => {
      log.info("in forEach"); // @call forEach
    });
    assert.deepEqual(seen, [`caller_tail_test.ts:${lineOf("forEach")} <lambda>: in forEach`]);
  });

  it("called from a microtask, it is <lambda> too", async () => {
    const log = makeLogger();
    await new Promise<void>((resolve) =>
      queueMicrotask(() => {
        log.info("in a microtask"); // @call microtask
        resolve();
      })
    );
    assert.deepEqual(seen, [`caller_tail_test.ts:${lineOf("microtask")} <lambda>: in a microtask`]);
  });
});
